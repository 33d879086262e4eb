"""An unforeseen error in the window: one dialog, a log without personal data."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

import pytest
from pytestqt.qtbot import QtBot

from ui.crash import crash_report, install_crash_handler


@pytest.fixture
def restore_excepthook() -> Iterator[None]:
    saved = sys.excepthook
    yield
    sys.excepthook = saved


def test_an_error_in_a_slot_is_logged_without_its_message(
    qtbot: QtBot, tmp_path: Path, restore_excepthook: None
) -> None:
    shown: list[str] = []
    install_crash_handler(shown.append, tmp_path)

    def slot() -> None:
        raise ValueError("山田 太郎 090-1234-5678")  # what a careless message could hold

    # PySide6 hands an exception escaping a slot to sys.excepthook (pytest-qt replaces the
    # hook while a test runs, so the hook is called here as Qt would call it).
    kind, value, tb = _raised(slot)
    sys.excepthook(kind, value, tb)
    log = (tmp_path / "crash.log").read_text("utf-8")
    assert "builtins.ValueError" in log and "in slot" in log
    for personal in ("山田", "太郎", "090", "5678"):
        assert personal not in log
    assert "nothing was saved half-way" in shown[0] and str(tmp_path) in shown[0]


def _raised(
    fn: Callable[[], None],
) -> tuple[type[BaseException], BaseException, TracebackType | None]:
    try:
        fn()
    except Exception as exc:  # noqa: BLE001
        return type(exc), exc, exc.__traceback__
    raise AssertionError("did not raise")


def test_report_paths_do_not_name_the_user() -> None:
    try:
        raise RuntimeError("x")
    except RuntimeError as exc:
        report = crash_report(type(exc), exc.__traceback__)
    assert str(Path.home()) not in report
    assert "test_crash.py" in report
