"""The search panel on a real vault: find by every kind of key, filter, page lazily, and
correct, move, cancel and reinstate a booking, each undone from the toast."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reservations import errors
from reservations.booking import BookingService, CallerInput
from reservations.domain import Reservation, Slot, Status
from reservations.session import Session
from tests.conftest import BASE_DAY, TestVault
from tests.ui.conftest import child
from ui.i18n import error_text
from ui.move_dialog import MoveDialog
from ui.search_panel import CancelDialog, SearchPanel

YAMADA = CallerInput("山田", "太郎", "やまだ", "たろう", "090-1234-5678")
YAMADA_HANAKO = CallerInput("山田", "花子", "ヤマダ", "ハナコ", "080-2222-3333")
SUZUKI = CallerInput("鈴木", "一郎", "すずき", "いちろう", "03-1234-9999")
FULL_WIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")


@pytest.fixture
def panel(qtbot: QtBot, operator: Session) -> Iterator[SearchPanel]:
    widget = SearchPanel(operator)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.toast.dismiss()


@pytest.fixture
def bookings(test_vault: TestVault, operator: Session) -> dict[str, Reservation]:
    service = BookingService(operator)
    return {
        "yamada": service.book(test_vault.slot_ids["a0-1000"], YAMADA, note="車椅子"),
        "hanako": service.book(test_vault.slot_ids["b1-1030"], YAMADA_HANAKO),
        "suzuki": service.book(test_vault.slot_ids["b0-1000"], SUZUKI),
    }


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def audit_count(session: Session, action: str) -> int:
    with session.store.unit_of_work(write=False) as uow:
        return sum(1 for e in uow.audit_entries() if e.action == action)


def receipts_shown(panel: SearchPanel) -> list[str]:
    rows = (panel.model.reservation_at(i) for i in range(panel.model.rowCount()))
    return [r.receipt for r in rows if r is not None]


def type_and_wait(qtbot: QtBot, panel: SearchPanel, text: str) -> None:
    """Put ``text`` in the box and wait for the debounced search to reset the results."""
    with qtbot.waitSignal(panel.model.modelReset, timeout=3000):
        child(panel, QLineEdit, "searchEdit").setText(text)


def select(qtbot: QtBot, panel: SearchPanel, receipt: str) -> None:
    panel.show_receipt(receipt)
    chosen = panel.current_reservation()
    assert chosen is not None and receipt in (chosen.receipt, chosen.receipt_display)


def click(qtbot: QtBot, panel: SearchPanel, name: str) -> None:
    button = child(panel, QPushButton, name)
    assert button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# -- finding ---------------------------------------------------------------------------------


def test_every_kind_of_key_finds_the_booking(
    qtbot: QtBot, panel: SearchPanel, bookings: dict[str, Reservation]
) -> None:
    yamada, hanako, suzuki = bookings["yamada"], bookings["hanako"], bookings["suzuki"]
    cases = [
        (yamada.receipt_display, [yamada.receipt]),
        (yamada.receipt, [yamada.receipt]),
        (yamada.receipt_display.translate(FULL_WIDTH), [yamada.receipt]),
        (suzuki.receipt.translate(FULL_WIDTH), [suzuki.receipt]),
        ("5678", [yamada.receipt]),
        ("090-1234-5678", [yamada.receipt]),
        ("やま", [yamada.receipt, hanako.receipt]),
        ("すず", [suzuki.receipt]),
        ("山田", [yamada.receipt, hanako.receipt]),
        ("花子", [hanako.receipt]),
    ]
    for text, expected in cases:
        type_and_wait(qtbot, panel, text)
        assert sorted(receipts_shown(panel)) == sorted(expected), text
        assert child(panel, QLabel, "searchMessage").text() == ""
        assert child(panel, QLabel, "resultInfo").text() == f"{len(expected)} found."
    # A single result is chosen at once: the detail pane shows it.
    type_and_wait(qtbot, panel, "すず")
    assert child(panel, QLabel, "detailReceipt").text() == suzuki.receipt_display


def test_wrong_check_digit_and_keyless_input_show_a_message_not_a_popup(
    qtbot: QtBot, panel: SearchPanel, bookings: dict[str, Reservation]
) -> None:
    good = bookings["yamada"].receipt
    wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
    message = child(panel, QLabel, "searchMessage")
    type_and_wait(qtbot, panel, wrong)
    assert message.text() == error_text(errors.InvalidReceiptNumber("", check_digit_wrong=True))
    assert panel.model.rowCount() == 0
    assert QApplication.activeModalWidget() is None

    type_and_wait(qtbot, panel, "\u200b")  # a stray zero-width space: nothing to search by
    assert message.text() == (
        "Type a receipt number, a phone number (or its last 4), kana or a name."
    )
    assert panel.model.rowCount() == 0

    type_and_wait(qtbot, panel, good)
    assert message.text() == ""
    assert receipts_shown(panel) == [good]


def test_typing_searches_once_after_the_pause_and_an_empty_box_reads_nothing(
    qtbot: QtBot, panel: SearchPanel, operator: Session, bookings: dict[str, Reservation]
) -> None:
    edit = child(panel, QLineEdit, "searchEdit")
    before = audit_count(operator, "find")
    # keyClicks delivers the keys without running the event loop, so the debounce timer
    # cannot fire in between: four keystrokes make one audited search.
    with qtbot.waitSignal(panel.model.modelReset, timeout=3000):
        qtbot.keyClicks(edit, "5678")
    assert receipts_shown(panel) == [bookings["yamada"].receipt]
    assert audit_count(operator, "find") == before + 1

    edit.clear()
    assert panel.model.rowCount() == 0
    assert child(panel, QLabel, "resultInfo").text() == ""
    qtbot.wait(2 * panel._search_timer.interval())  # give a wrongly started timer its chance
    assert audit_count(operator, "find") == before + 1

    # Enter searches at once, without waiting for the pause.
    edit.setText("すず")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert receipts_shown(panel) == [bookings["suzuki"].receipt]
    assert not panel._search_timer.isActive()


def test_filters_narrow_the_results(
    qtbot: QtBot, panel: SearchPanel, operator: Session, bookings: dict[str, Reservation]
) -> None:
    yamada, hanako = bookings["yamada"], bookings["hanako"]
    type_and_wait(qtbot, panel, "山田")
    assert sorted(receipts_shown(panel)) == sorted([yamada.receipt, hanako.receipt])

    centers = child(panel, QComboBox, "centerFilter")
    assert centers.itemData(0) is None and centers.count() == 3
    with qtbot.waitSignal(panel.model.modelReset):
        centers.setCurrentIndex(centers.findText(hanako.center))
    assert receipts_shown(panel) == [hanako.receipt]
    with qtbot.waitSignal(panel.model.modelReset):
        centers.setCurrentIndex(0)
    assert len(receipts_shown(panel)) == 2

    date_edit = child(panel, QDateEdit, "dateFilter")
    date_edit.setDate(QDate(BASE_DAY.year, BASE_DAY.month, BASE_DAY.day))
    with qtbot.waitSignal(panel.model.modelReset):
        child(panel, QCheckBox, "dateFilterEnabled").setChecked(True)
    assert date_edit.isEnabled()
    assert receipts_shown(panel) == [yamada.receipt]
    with qtbot.waitSignal(panel.model.modelReset):
        child(panel, QCheckBox, "dateFilterEnabled").setChecked(False)

    BookingService(operator).cancel(hanako.receipt, "体調不良")
    statuses = child(panel, QComboBox, "statusFilter")
    with qtbot.waitSignal(panel.model.modelReset):
        statuses.setCurrentIndex(statuses.findData("cancelled"))
    assert receipts_shown(panel) == [hanako.receipt]
    with qtbot.waitSignal(panel.model.modelReset):
        statuses.setCurrentIndex(statuses.findData("booked"))
    assert receipts_shown(panel) == [yamada.receipt]


def test_results_are_fetched_lazily_as_the_table_scrolls(
    qtbot: QtBot, panel: SearchPanel, operator: Session
) -> None:
    with operator.store.unit_of_work(write=True) as uow:
        center_id = uow.list_centers()[0].id
        big = uow.add_slot(center_id, BASE_DAY, dt.time(13, 0), dt.time(15, 0), 500)
        uow.commit()
    service = BookingService(operator)
    for i in range(150):
        service.book(big, CallerInput("佐藤", f"{i}号", "さとう", "いち", f"090-2000-{i:04d}"))

    type_and_wait(qtbot, panel, "佐藤")
    assert panel.model.rowCount() == panel.model.PAGE == 100
    assert panel.model.canFetchMore(QModelIndex())
    assert "100" in child(panel, QLabel, "resultInfo").text()

    table = child(panel, QAbstractItemView, "resultTable")
    table.scrollToBottom()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 150)
    assert not panel.model.canFetchMore(QModelIndex())
    assert child(panel, QLabel, "resultInfo").text() == "150 found."


# -- changing --------------------------------------------------------------------------------


def test_correcting_a_misspelt_name_is_saved_audited_and_undoable(
    qtbot: QtBot, panel: SearchPanel, operator: Session, test_vault: TestVault
) -> None:
    service = BookingService(operator)
    booked = service.book(
        test_vault.slot_ids["a0-1000"],
        CallerInput("山多", "太郎", "ヤマダ", "タロウ", "09012345678"),
    )
    select(qtbot, panel, booked.receipt_display)
    assert child(panel, QLineEdit, "detailPhone").text() == "090-1234-5678"
    save = child(panel, QPushButton, "saveCorrectionButton")
    assert not save.isEnabled()  # nothing changed yet

    child(panel, QLineEdit, "detailFamilyName").setText("山田")
    with qtbot.waitSignal(panel.booking_changed) as changed:
        click(qtbot, panel, "saveCorrectionButton")
    assert changed.args == [booked.receipt_display]
    stored = service.get(booked.receipt)
    assert (stored.family_name, stored.given_name, stored.phone) == (
        "山田",
        "太郎",
        "+819012345678",
    )
    with operator.store.unit_of_work(write=False) as uow:
        corrections = [e.target for e in uow.audit_entries() if e.action == "correct"]
    assert corrections == [f"{booked.receipt_display} family_name"]  # only the changed field
    assert panel.model.reservation_at(0) == stored
    assert not save.isEnabled()

    toast = child(panel, QWidget, "undoToast")
    assert toast.isVisible()
    assert panel.toast.timer.isActive() and panel.toast.timer.interval() == 8000
    with qtbot.waitSignal(panel.booking_changed):
        click(qtbot, panel, "undoButton")
    assert service.get(booked.receipt).family_name == "山多"
    assert child(panel, QLineEdit, "detailFamilyName").text() == "山多"
    assert not child(panel, QPushButton, "undoButton").isVisible()  # undone once, not twice


def test_invalid_correction_is_shown_by_the_field_and_nothing_is_saved(
    qtbot: QtBot, panel: SearchPanel, operator: Session, bookings: dict[str, Reservation]
) -> None:
    yamada = bookings["yamada"]
    select(qtbot, panel, yamada.receipt)
    child(panel, QLineEdit, "detailPhone").setText("12345")
    child(panel, QLineEdit, "detailFamilyKana").setText("山田")
    click(qtbot, panel, "saveCorrectionButton")
    # The service checks the fields in order and names the first bad one.
    assert child(panel, QLabel, "detailFamilyKanaError").text() == (
        "Write the reading in kana (hiragana or katakana)."
    )
    assert QApplication.activeModalWidget() is None
    assert audit_count(operator, "correct") == 0

    child(panel, QLineEdit, "detailFamilyKana").setText("ヤマダ")
    click(qtbot, panel, "saveCorrectionButton")
    assert child(panel, QLabel, "detailFamilyKanaError").text() == ""
    assert child(panel, QLabel, "detailPhoneError").text() == (
        "Not a Japanese mobile, landline or 050 number; check the digits."
    )
    assert BookingService(operator).get(yamada.receipt).phone == "+819012345678"
    assert child(panel, QWidget, "undoToast").isHidden()


def test_note_is_saved_and_undo_restores_the_previous_note(
    qtbot: QtBot, panel: SearchPanel, operator: Session, bookings: dict[str, Reservation]
) -> None:
    yamada = bookings["yamada"]
    select(qtbot, panel, yamada.receipt)
    note = child(panel, QPlainTextEdit, "detailNote")
    assert note.toPlainText() == "車椅子"
    note.setPlainText("車椅子、付き添い1名")
    with qtbot.waitSignal(panel.booking_changed):
        click(qtbot, panel, "saveNoteButton")
    assert BookingService(operator).get(yamada.receipt).note == "車椅子、付き添い1名"
    with qtbot.waitSignal(panel.booking_changed):
        panel.toast.undo()
    assert BookingService(operator).get(yamada.receipt).note == "車椅子"
    assert note.toPlainText() == "車椅子"


def test_move_through_the_dialog_keeps_the_receipt_and_undo_moves_back(
    qtbot: QtBot,
    panel: SearchPanel,
    operator: Session,
    test_vault: TestVault,
    bookings: dict[str, Reservation],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    yamada = bookings["yamada"]
    target = test_vault.slot_ids["a0-1030"]

    def pick(reservation: Reservation) -> Slot | None:
        dialog = MoveDialog(operator, reservation, panel)
        qtbot.addWidget(dialog)
        assert dialog.picker.select_slot(target)
        dialog.accept()
        return dialog.chosen_slot()

    monkeypatch.setattr(panel, "_pick_slot", pick)
    select(qtbot, panel, yamada.receipt)
    with qtbot.waitSignal(panel.booking_changed):
        click(qtbot, panel, "moveButton")
    moved = BookingService(operator).get(yamada.receipt)
    assert moved.slot_id == target and moved.receipt == yamada.receipt
    assert f"{moved.start:%H:%M}" in child(panel, QLabel, "detailWhere").text()
    toast_text = child(panel, QLabel, "undoMessage").text()
    assert yamada.receipt_display in toast_text and "stays the same" in toast_text

    with qtbot.waitSignal(panel.booking_changed):
        click(qtbot, panel, "undoButton")
    assert BookingService(operator).get(yamada.receipt).slot_id == yamada.slot_id
    row = panel.model.reservation_at(0)
    assert row is not None and row.slot_id == yamada.slot_id


def test_move_dialog_preselects_the_booking_and_refuses_its_own_slot(
    qtbot: QtBot, operator: Session, test_vault: TestVault, bookings: dict[str, Reservation]
) -> None:
    hanako = bookings["hanako"]  # 大久保, BASE_DAY + 1, 10:30
    dialog = MoveDialog(operator, hanako)
    qtbot.addWidget(dialog)
    assert dialog.picker.current_day() == hanako.date
    center = dialog.picker.centers.currentIndex().data()
    assert hanako.center in center
    assert hanako.receipt_display in child(dialog, QLabel, "moveCurrent").text()
    ok = child(dialog, QPushButton, "moveOkButton")
    assert not ok.isEnabled()
    assert dialog.picker.select_slot(hanako.slot_id)
    assert not ok.isEnabled()
    dialog.accept()  # refused: it is the booking's own slot
    assert dialog.chosen_slot() is None and dialog.result() != QDialog.DialogCode.Accepted

    assert dialog.picker.select_slot(test_vault.slot_ids["b1-1000"])
    assert ok.isEnabled()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    chosen = dialog.chosen_slot()
    assert chosen is not None and chosen.id == test_vault.slot_ids["b1-1000"]


def test_cancel_with_a_reason_then_undo_reinstates(
    qtbot: QtBot,
    panel: SearchPanel,
    operator: Session,
    bookings: dict[str, Reservation],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    suzuki = bookings["suzuki"]
    asked: list[str] = []

    def reason(reservation: Reservation) -> str | None:
        asked.append(reservation.receipt)
        return "体調不良"

    monkeypatch.setattr(panel, "_ask_cancel_reason", reason)
    select(qtbot, panel, suzuki.receipt)
    with qtbot.waitSignal(panel.booking_changed):
        click(qtbot, panel, "cancelButton")
    assert asked == [suzuki.receipt]  # asked once
    cancelled = BookingService(operator).get(suzuki.receipt)
    assert cancelled.status is Status.CANCELLED and cancelled.cancel_reason == "体調不良"
    assert not child(panel, QPushButton, "cancelButton").isEnabled()
    assert not child(panel, QPushButton, "moveButton").isEnabled()
    assert child(panel, QPushButton, "reinstateButton").isEnabled()
    assert "体調不良" in child(panel, QLabel, "detailStatus").text()

    with qtbot.waitSignal(panel.booking_changed):
        click(qtbot, panel, "undoButton")
    assert BookingService(operator).get(suzuki.receipt).status is Status.BOOKED
    assert child(panel, QPushButton, "cancelButton").isEnabled()
    assert not child(panel, QPushButton, "reinstateButton").isEnabled()


def test_backing_out_of_the_cancel_dialog_changes_nothing(
    qtbot: QtBot,
    panel: SearchPanel,
    operator: Session,
    bookings: dict[str, Reservation],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(panel, "_ask_cancel_reason", lambda reservation: None)
    select(qtbot, panel, bookings["suzuki"].receipt)
    click(qtbot, panel, "cancelButton")
    assert BookingService(operator).get(bookings["suzuki"].receipt).status is Status.BOOKED
    assert child(panel, QWidget, "undoToast").isHidden()


def test_cancel_dialog_returns_the_reason(qtbot: QtBot, bookings: dict[str, Reservation]) -> None:
    dialog = CancelDialog(bookings["suzuki"])
    qtbot.addWidget(dialog)
    child(dialog, QLineEdit, "cancelReason").setText("入院")
    assert child(dialog, QPushButton, "cancelConfirmButton").isDefault()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.reason() == "入院"


def test_reinstate_asks_once_and_undo_cancels_again(
    qtbot: QtBot,
    panel: SearchPanel,
    operator: Session,
    bookings: dict[str, Reservation],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    service = BookingService(operator)
    yamada = service.cancel(bookings["yamada"].receipt, "日程変更")
    answers = [False, True]
    monkeypatch.setattr(panel, "_confirm", lambda text: answers.pop(0))
    select(qtbot, panel, yamada.receipt)
    click(qtbot, panel, "reinstateButton")
    assert service.get(yamada.receipt).status is Status.CANCELLED  # said no
    with qtbot.waitSignal(panel.booking_changed):
        click(qtbot, panel, "reinstateButton")
    assert service.get(yamada.receipt).status is Status.BOOKED
    with qtbot.waitSignal(panel.booking_changed):
        panel.toast.undo()
    again = service.get(yamada.receipt)
    assert again.status is Status.CANCELLED and again.cancel_reason == "日程変更"


def test_undo_that_no_longer_fits_shows_why_in_the_detail_pane(
    qtbot: QtBot,
    panel: SearchPanel,
    operator: Session,
    test_vault: TestVault,
    bookings: dict[str, Reservation],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    yamada = bookings["yamada"]  # a0-1000, capacity 2
    monkeypatch.setattr(panel, "_ask_cancel_reason", lambda reservation: "")
    select(qtbot, panel, yamada.receipt)
    click(qtbot, panel, "cancelButton")
    service = BookingService(operator)
    slot = test_vault.slot_ids["a0-1000"]
    service.book(slot, CallerInput("田中", "一", "タナカ", "ハジメ", "080-1111-2222"))
    service.book(slot, CallerInput("高橋", "二", "タカハシ", "ジ", "080-1111-3333"))
    panel.toast.undo()
    assert child(panel, QLabel, "detailMessage").text() == (
        "This slot is full now; choose another slot."
    )
    assert QApplication.activeModalWidget() is None
    assert service.get(yamada.receipt).status is Status.CANCELLED


def test_toast_hides_after_its_time_and_then_cannot_undo(
    qtbot: QtBot,
    panel: SearchPanel,
    operator: Session,
    bookings: dict[str, Reservation],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(panel, "_ask_cancel_reason", lambda reservation: "")
    panel.toast.set_timeout(50)
    select(qtbot, panel, bookings["suzuki"].receipt)
    with qtbot.waitSignal(panel.toast.expired):
        click(qtbot, panel, "cancelButton")
    assert child(panel, QWidget, "undoToast").isHidden()
    assert not panel.toast.can_undo()
    panel.toast.undo()
    assert BookingService(operator).get(bookings["suzuki"].receipt).status is Status.CANCELLED


# -- public API and keyboard -----------------------------------------------------------------


def test_show_receipt_selects_the_booking_with_the_full_phone(
    panel: SearchPanel, bookings: dict[str, Reservation]
) -> None:
    suzuki = bookings["suzuki"]
    panel.show_receipt(suzuki.receipt_display)
    assert child(panel, QLineEdit, "searchEdit").text() == suzuki.receipt_display
    assert panel.result_table.selectionModel().selectedRows()[0].row() == 0
    assert child(panel, QLabel, "detailReceipt").text() == suzuki.receipt_display
    assert child(panel, QLineEdit, "detailPhone").text() == "03-1234-9999"
    assert child(panel, QLineEdit, "detailGivenKana").text() == "イチロウ"
    assert "****" in panel.model.index(0, panel.model.PHONE).data()  # masked in the table


def test_shortcuts_act_on_the_chosen_booking(
    qtbot: QtBot,
    panel: SearchPanel,
    operator: Session,
    bookings: dict[str, Reservation],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel.activateWindow()
    qtbot.waitActive(panel)
    monkeypatch.setattr(panel, "_ask_cancel_reason", lambda reservation: "")
    yamada = bookings["yamada"]
    select(qtbot, panel, yamada.receipt)
    family = child(panel, QLineEdit, "detailFamilyName")
    family.setFocus()
    family.setText("山田田")
    with qtbot.waitSignal(panel.booking_changed):
        qtbot.keyClick(family, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert BookingService(operator).get(yamada.receipt).family_name == "山田田"

    table = child(panel, QAbstractItemView, "resultTable")
    table.setFocus()
    with qtbot.waitSignal(panel.booking_changed):
        qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert BookingService(operator).get(yamada.receipt).family_name == "山田"
    with qtbot.waitSignal(panel.booking_changed):
        qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert BookingService(operator).get(yamada.receipt).status is Status.CANCELLED


def test_tab_order_and_accessible_names(
    qtbot: QtBot, panel: SearchPanel, bookings: dict[str, Reservation]
) -> None:
    panel.show_receipt(bookings["yamada"].receipt)
    panel.activateWindow()
    qtbot.waitActive(panel)
    panel.focus_search()
    expected = [
        "searchEdit",
        "centerFilter",
        "dateFilterEnabled",
        "statusFilter",  # the date edit is disabled until its box is ticked
        "resultTable",
        "detailFamilyName",
        "detailGivenName",
        "detailFamilyKana",
        "detailGivenKana",
        "detailPhone",
        "detailNote",
        "moveButton",  # the save buttons wait for an edit
        "cancelButton",
    ]
    seen = [focused().objectName()]
    for _ in expected[1:]:
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        seen.append(focused().objectName())
    assert seen == expected

    interactive = (QLineEdit, QComboBox, QAbstractButton, QAbstractItemView, QPlainTextEdit)
    for widget in panel.findChildren(QWidget):
        if not isinstance(widget, interactive) or widget.objectName().startswith("qt_"):
            continue
        if widget.window() is not panel or isinstance(
            widget.parent(), (QDateEdit, QComboBox, QLineEdit, QAbstractItemView)
        ):
            continue  # Qt's own inner parts (popups, editors, headers, clear button)
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()
