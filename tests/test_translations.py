"""The Japanese catalogue is complete and current, and the window can load it.

``resources/translations/resdesk_ja.ts`` is the source of truth; ``scripts/translations.py``
updates, checks and compiles it (``make translations-update``, ``make translations``).  A new
``tr()`` string without Japanese fails here, so it cannot reach the operators in English.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from scripts.translations import (
    QM_FILE,
    ROOT,
    TS_FILE,
    problems,
    read_messages,
    run_lrelease,
    run_lupdate,
    ui_sources,
)
from ui.i18n import install_translator

FIX = "run `make translations-update`, translate what it lists, then `make translations`"


def test_every_message_has_a_finished_japanese_translation() -> None:
    messages = [m for m in read_messages(TS_FILE) if m.from_source]
    assert messages, f"{TS_FILE} has no messages"
    unfinished = [f"{m.context}: {m.source!r}" for m in messages if not m.finished]
    assert unfinished == [], f"untranslated or unfinished messages; {FIX}"
    wrong = [
        f"{m.context}: {m.source!r} -> {m.translation!r}: {problem}"
        for m in messages
        for problem in problems(m.source, m.translation)
    ]
    assert wrong == []


def test_no_tr_string_of_the_sources_is_missing_from_the_ts(tmp_path: Path) -> None:
    copy = tmp_path / TS_FILE.name
    shutil.copyfile(TS_FILE, copy)
    run_lupdate(copy, ui_sources(), quiet=True)
    committed = {m.key for m in read_messages(TS_FILE) if m.from_source}
    current = {m.key for m in read_messages(copy) if m.from_source}
    missing = sorted(current - committed)
    assert missing == [], f"tr() strings missing from {TS_FILE.name}; {FIX}"


def test_compiled_catalogue_translates_a_known_string(tmp_path: Path) -> None:
    qm = tmp_path / "resdesk_ja.qm"
    run_lrelease(TS_FILE, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("LoginDialog", "Password") == "パスワード"
    assert translator.translate("SlotTableModel", "Full") == "満席"


def test_window_loads_the_built_catalogue(qapp: QApplication) -> None:
    assert QM_FILE.exists(), f"{QM_FILE} is missing; run `make translations`"
    assert QM_FILE.stat().st_mtime >= TS_FILE.stat().st_mtime, (
        f"{QM_FILE.name} is older than {TS_FILE.name}; run `make translations`"
    )
    translator = install_translator(qapp, "ja")
    assert translator is not None
    try:
        assert QCoreApplication.translate("LoginDialog", "Password") == "パスワード"
        assert QCoreApplication.translate("errors", "Not found.") == "見つかりません。"
    finally:
        qapp.removeTranslator(translator)
    assert QCoreApplication.translate("LoginDialog", "Password") == "Password"


# -- what lupdate cannot see --------------------------------------------------------------------


def _calls(path: Path) -> list[tuple[int, ast.Call]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [(node.lineno, node) for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _name_of(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _is_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_translate_is_called_with_literal_strings() -> None:
    """``translate(context, text)`` with a variable hides the text from lupdate."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in ui_sources()
        for line, call in _calls(path)
        if _name_of(call) == "translate"
        and len(call.args) >= 2
        and not (_is_literal(call.args[0]) and _is_literal(call.args[1]))
    ]
    assert offenders == []


def test_tr_is_called_on_self() -> None:
    """lupdate takes the context of ``x.tr()`` from the name ``x``; Qt from x's class."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in ui_sources()
        for line, call in _calls(path)
        if _name_of(call) == "tr"
        and isinstance(call.func, ast.Attribute)
        and not (isinstance(call.func.value, ast.Name) and call.func.value.id == "self")
    ]
    assert offenders == []
