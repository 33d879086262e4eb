"""A copied name or phone number leaves the clipboard again; the user's own copy stays."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from pytestqt.qtbot import QtBot

from reservations.booking import BookingService, CallerInput
from tests.conftest import TestVault
from ui.clipboard import (
    SENSITIVE_CLIPBOARD_SECONDS,
    ClearTimer,
    clear_sensitive_now,
    copy_sensitive,
)
from ui.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def board() -> QClipboard:
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    return clipboard


def test_the_copy_is_cleared_after_the_timeout(qtbot: QtBot) -> None:
    clipboard = board()
    timer = copy_sensitive("090-1234-5678", clipboard, seconds=0.05)
    assert clipboard.text() == "090-1234-5678"
    assert timer.isActive() and timer.isSingleShot()
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=2000)


def test_a_changed_clipboard_is_left_alone(qtbot: QtBot) -> None:
    clipboard = board()
    timer = copy_sensitive("山田 太郎", clipboard, seconds=0.05)
    clipboard.setText("the operator's own note")
    with qtbot.waitSignal(timer.timeout, timeout=2000):
        pass
    assert clipboard.text() == "the operator's own note"


def test_the_default_is_thirty_seconds_and_clipboard_managers_are_told() -> None:
    clipboard = board()
    timer = copy_sensitive("03-1234-5678", clipboard)
    try:
        assert SENSITIVE_CLIPBOARD_SECONDS == 30
        assert timer.interval() == 30_000
        mime = clipboard.mimeData()
        assert mime is not None
        assert bytes(mime.data("x-kde-passwordManagerHint").data()) == b"secret"
    finally:
        assert timer.clear_if_unchanged() is True
    assert clipboard.text() == ""


def test_clear_now_empties_only_what_is_still_ours() -> None:
    clipboard = board()
    copy_sensitive("first", clipboard, seconds=60)
    copy_sensitive("second", clipboard, seconds=60)
    assert clear_sensitive_now(clipboard) == 2
    assert clipboard.text() == ""
    copy_sensitive("third", clipboard, seconds=60)
    clipboard.setText("mine")
    clear_sensitive_now(clipboard)
    assert clipboard.text() == "mine"
    assert not [t for t in clipboard.findChildren(ClearTimer) if t.isActive()]


def test_ctrl_shift_c_in_the_search_details_copies_for_thirty_seconds(
    qtbot: QtBot, main_window: MainWindow, test_vault: TestVault
) -> None:
    session = main_window.search_panel._session
    booked = BookingService(session).book(
        test_vault.slot_ids["a0-1000"],
        CallerInput("山田", "太郎", "やまだ", "たろう", "090-1234-5678"),
    )
    clipboard = board()
    with qtbot.waitActive(main_window):
        main_window.activateWindow()
    main_window.open_booking(booked.receipt_display)
    panel = main_window.search_panel
    panel.result_table.setFocus()
    qtbot.keyClick(panel.result_table, Qt.Key.Key_C, CTRL_SHIFT)
    assert clipboard.text() == "090-1234-5678"
    assert "30" in main_window.statusBar().currentMessage()
    timers = [t for t in clipboard.findChildren(ClearTimer) if t.isActive()]
    assert [t.interval() for t in timers] == [30_000]

    panel.family_name_edit.setFocus()
    qtbot.keyClick(panel.family_name_edit, Qt.Key.Key_C, CTRL_SHIFT)
    assert clipboard.text() == "山田"
    clear_sensitive_now(clipboard)
    assert clipboard.text() == ""
