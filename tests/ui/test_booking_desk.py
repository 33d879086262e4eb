"""Whole calls through the real booking desk widgets on the real encrypted vault."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot

from reservations.booking import BookingService, CallerInput
from reservations.domain import Status
from tests.conftest import BASE_DAY, CENTERS, OPERATOR, TestVault, run_cli
from tests.ui.conftest import child, commit_text
from ui.booking_desk import BookingDesk
from ui.main_window import MainWindow


def desk_of(window: MainWindow) -> BookingDesk:
    desk = window.findChild(BookingDesk, "bookingDesk")
    assert desk is not None
    return desk


def pick(desk: BookingDesk, center: str, day: dt.date, start: str) -> None:
    picker = desk.picker
    for row in range(picker.center_model.rowCount()):
        if picker.center_model.index(row).data(Qt.ItemDataRole.UserRole + 1).name == center:
            picker.centers.setCurrentIndex(picker.center_model.index(row))
    picker.select_day(day)
    for row in range(picker.slot_model.rowCount()):
        slot = picker.slot_model.slot_at(row)
        if slot is not None and f"{slot.start:%H:%M}" == start:
            assert picker.select_slot(slot.id), f"{start} is not bookable"
            return
    raise AssertionError(f"no slot {start}")


def type_caller(
    desk: BookingDesk, family: str, given: str, kana_f: str, kana_g: str, phone: str
) -> None:
    for name, text in (
        ("familyNameEdit", family),
        ("givenNameEdit", given),
        ("familyKanaEdit", kana_f),
        ("givenKanaEdit", kana_g),
        ("phoneEdit", phone),
    ):
        edit = child(desk, QLineEdit, name)
        assert isinstance(edit, QLineEdit)
        edit.clear()
        commit_text(edit, text)


def press_book(qtbot: QtBot, desk: BookingDesk) -> None:
    qtbot.keyClick(desk.family_name.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def confirm(self: BookingDesk, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(BookingDesk, "confirm", confirm)
    return asked


def test_a_whole_call_with_ime_input(
    qtbot: QtBot, main_window: MainWindow, test_vault: TestVault, confirmations: list[str]
) -> None:
    desk = desk_of(main_window)
    pick(desk, CENTERS[0], BASE_DAY, "10:00")
    # What a Japanese IME commits: kanji, half-width katakana, hiragana, full-width digits.
    type_caller(desk, "山田", "太郎", "ﾔﾏﾀﾞ", "たろう", "０９０－１２３４－５６７８")
    assert child(desk, QLabel, "phoneEditError").text() == ""
    press_book(qtbot, desk)
    assert len(confirmations) == 1 and "山田 太郎" in confirmations[0]
    receipt = child(desk, QLabel, "receiptLabel").text()
    assert len(receipt) == 9 and receipt[4] == "-"
    readback = child(desk, QLabel, "readbackLabel").text()
    weekday = "月火水木金土日"[BASE_DAY.weekday()]
    assert f"{BASE_DAY.month}月{BASE_DAY.day}日（{weekday}）" in readback and receipt in readback
    assert "マイナンバーカード" in child(desk, QLabel, "bringLabel").text()
    stored = BookingService(test_vault.session(OPERATOR)).get(receipt)
    assert (stored.family_kana, stored.given_kana, stored.phone) == (
        "ヤマダ",
        "タロウ",
        "+819012345678",
    )
    # The slot's seats went down on the screen.
    slot = desk.picker.selected_slot() or desk.picker.slot_model.slot_at(0)
    assert slot is not None and slot.available == 1
    # Next call clears the form.
    qtbot.keyClick(desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert desk.family_name.text() == "" and not desk.result_panel.isVisible()


def test_errors_show_next_to_the_field_not_in_a_popup(
    qtbot: QtBot, main_window: MainWindow, confirmations: list[str]
) -> None:
    desk = desk_of(main_window)
    pick(desk, CENTERS[0], BASE_DAY, "10:00")
    type_caller(desk, "山田", "太郎", "山田", "タロウ", "0120-123-456")
    assert child(desk, QLabel, "familyKanaEditError").text() != ""
    assert child(desk, QLabel, "phoneEditError").text() != ""
    press_book(qtbot, desk)
    assert confirmations == [] and not desk.result_panel.isVisible()


def test_duplicate_is_shown_inline_with_both_choices(
    qtbot: QtBot, main_window: MainWindow, test_vault: TestVault, confirmations: list[str]
) -> None:
    existing = BookingService(test_vault.session(OPERATOR)).book(
        test_vault.slot_ids["b1-1000"],
        CallerInput("佐藤", "花子", "サトウ", "ハナコ", "03-1234-5678"),
    )
    desk = desk_of(main_window)
    pick(desk, CENTERS[0], BASE_DAY, "10:30")
    type_caller(desk, "佐藤", "一郎", "サトウ", "イチロウ", "03-1234-5678")
    desk.check_duplicates()  # what the typing timer does
    panel = child(desk, QWidget, "duplicatePanel")
    assert panel.isVisible()
    assert existing.receipt_display in child(desk, QLabel, "duplicateLabel").text()
    with qtbot.waitSignal(desk.change_booking_requested) as requested:
        child(desk, QPushButton, "changeInsteadButton").click()
    assert requested.args == [existing.receipt_display]
    # The window switched to the search tab with that booking; the operator comes back.
    assert main_window.tabs.currentIndex() == 1
    main_window.show_tab(0)
    press_book(qtbot, desk)
    assert confirmations == []  # not booked while the duplicate is undecided
    child(desk, QPushButton, "bookAnywayButton").click()
    press_book(qtbot, desk)
    assert len(confirmations) == 1 and desk.result_panel.isVisible()


def test_companion_on_the_same_call_shares_the_phone(
    qtbot: QtBot, main_window: MainWindow, test_vault: TestVault, confirmations: list[str]
) -> None:
    desk = desk_of(main_window)
    pick(desk, CENTERS[1], BASE_DAY, "10:00")
    type_caller(desk, "鈴木", "一郎", "すずき", "いちろう", "080-1111-2222")
    press_book(qtbot, desk)
    first = child(desk, QLabel, "receiptLabel").text()
    qtbot.keyClick(
        desk, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert desk.phone.text() == "080-1111-2222" and desk.given_name.text() == ""
    commit_text(desk.given_name.edit, "花子")
    commit_text(desk.given_kana.edit, "はなこ")
    desk.check_duplicates()
    assert not desk.duplicate_panel.isVisible()
    press_book(qtbot, desk)
    second = child(desk, QLabel, "receiptLabel").text()
    assert second != first
    service = BookingService(test_vault.session(OPERATOR))
    a, b = service.get(first), service.get(second)
    assert a.phone == b.phone and a.slot_id == b.slot_id  # same slot (2 seats)
    assert b.status is Status.BOOKED


def test_last_seat_taken_by_another_process(
    qtbot: QtBot, main_window: MainWindow, test_vault: TestVault, confirmations: list[str]
) -> None:
    desk = desk_of(main_window)
    pick(desk, CENTERS[1], BASE_DAY, "10:30")
    type_caller(desk, "高橋", "誠", "タカハシ", "マコト", "070-3333-4444")
    slot_id = test_vault.slot_ids["b0-1030"]
    # Another operator's process fills the slot while this caller is still talking.
    for phone, name in (("070-5555-0001", "伊藤 一"), ("070-5555-0002", "伊藤 二")):
        args = ["book", "--slot", str(slot_id), "--name", name, "--kana", "イトウ イチ"]
        args += ["--phone", phone, "--allow-duplicate"]
        result = run_cli(args, test_vault.env(OPERATOR))
        assert result.returncode == 0, result.stderr
    press_book(qtbot, desk)
    message = child(desk, QLabel, "bookingMessage").text()
    assert message != "" and not desk.result_panel.isVisible()
    table = child(desk, QTableView, "slotTable")
    row = desk.picker.slot_model.row_of(slot_id)
    assert not (
        desk.picker.slot_model.flags(desk.picker.slot_model.index(row, 0))
        & Qt.ItemFlag.ItemIsSelectable
    )
    assert table is not None
    with test_vault.session(OPERATOR).store.unit_of_work(write=False) as uow:
        assert uow.seats_taken(slot_id) == 2  # nothing half-saved


def test_closed_slots_cannot_be_selected(main_window: MainWindow, test_vault: TestVault) -> None:
    desk = desk_of(main_window)
    pick(desk, CENTERS[0], BASE_DAY, "10:00")
    assert not desk.picker.select_slot(test_vault.slot_ids["closed"])
    row = desk.picker.slot_model.row_of(test_vault.slot_ids["closed"])
    assert desk.picker.slot_model.index(row, 2).data() != ""


def test_help_starts_with_shortcuts(qtbot: QtBot, main_window: MainWindow) -> None:
    qtbot.keyClick(main_window, Qt.Key.Key_F1)
    dialog = main_window.findChild(QWidget, "helpDialog")
    assert dialog is not None and dialog.isVisible()
    text = dialog.findChild(QWidget, "helpText").toPlainText()  # type: ignore[union-attr]
    assert text.startswith("Keyboard shortcuts")
    assert "Ctrl+Enter" in text and text.index("Ctrl+Enter") < text.index("Search box")
    dialog.close()


def test_settings_keep_layout_and_last_center_but_nothing_personal(
    qtbot: QtBot, main_window: MainWindow, confirmations: list[str]
) -> None:
    desk = desk_of(main_window)
    pick(desk, CENTERS[1], BASE_DAY, "10:00")
    type_caller(desk, "鬼塚", "銀之丞", "オニヅカ", "ギンノジョウ", "090-8765-4321")
    press_book(qtbot, desk)
    settings = main_window._settings
    main_window.close()
    settings.sync()
    assert set(settings.allKeys()) <= {"last_center", "window_geometry", "language"}
    text = Path(settings.fileName()).read_text(encoding="utf-8", errors="replace")
    for personal in ("鬼塚", "銀之丞", "オニヅカ", "8765", "4321"):
        assert personal not in text
    centers = [c.center_id for c in desk.picker.center_model._centers]
    assert settings.value("last_center") in (str(centers[1]), centers[1])
