"""``resdesk --self-test`` and the one version number."""

from __future__ import annotations

import io
import tomllib

import pytest

from reservations import __version__, selftest
from reservations.cli import main
from tests.conftest import ROOT


def test_version_comes_from_pyproject(capsys: pytest.CaptureFixture[str]) -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert __version__ == pyproject["project"]["version"]
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"resdesk {__version__}"


def test_self_test_passes_and_says_what_it_checked() -> None:
    out = io.StringIO()
    assert selftest.run_self_test(out, extra=(("extra layer", lambda: "fine"),)) == 0
    text = out.getvalue()
    for check in (
        "create a vault",
        "unlock and book",
        "look up",
        "day roster PDF",
        "audit chain",
        "backup",
        "handover package",
        "certified erasure",
        "extra layer: fine",
    ):
        assert f"ok    {check}" in text, check
    assert text.rstrip().endswith("self-test passed.")
    # The throwaway folder is gone.
    assert "resdesk-selftest-" in text
    folder = text.split(" in ", 1)[1].split(",", 1)[0]
    assert not (ROOT / folder).exists()


def test_self_test_fails_with_one_line_and_exit_1() -> None:
    def broken() -> str:
        raise RuntimeError("no platform plugin")

    out = io.StringIO()
    assert selftest.run_self_test(out, extra=(("window toolkit", broken),)) == 1
    assert "FAIL  window toolkit: RuntimeError: no platform plugin" in out.getvalue()
    assert "Traceback" not in out.getvalue()
