"""The residents' requests dialog on a real vault: disclosure, correction and erasure."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from reservations.booking import BookingService, CallerInput
from reservations.domain import CopyKind, Reservation
from reservations.person import PersonRequestService
from reservations.session import Session
from tests.conftest import OPERATOR, TestVault
from tests.test_roster import pages_text
from ui.person_requests import PersonRequestsDialog

CALLER = CallerInput("鷲見沢", "瑠璃子", "スミサワ", "ルリコ", "090-8765-4321")


@pytest.fixture
def booking(test_vault: TestVault, operator: Session) -> Reservation:
    return BookingService(operator).book(test_vault.slot_ids["a0-1000"], CALLER, note="備考")


def open_dialog(qtbot: QtBot, session: Session, receipt: str) -> PersonRequestsDialog:
    dialog = PersonRequestsDialog(session, receipt)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Answer the next file dialogs with ``path``; returns the titles asked with."""
    asked: list[str] = []

    def fake(parent: object, title: str, *args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(title)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return asked


def test_every_interactive_widget_is_named(
    qtbot: QtBot, supervisor: Session, booking: Reservation
) -> None:
    dialog = open_dialog(qtbot, supervisor, booking.receipt_display)
    widgets = dialog.findChildren(QLineEdit) + dialog.findChildren(QAbstractButton)
    assert len(widgets) >= 10
    for widget in widgets:
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()
    family = dialog.findChild(QLineEdit, "personFamilyName")
    phone = dialog.findChild(QLineEdit, "personPhone")
    assert family is not None and family.text() == "鷲見沢"
    assert phone is not None and phone.text() == "090-8765-4321"
    assert booking.receipt_display in dialog.summary_label.text()


def test_the_disclosure_is_saved_where_the_supervisor_chose(
    qtbot: QtBot,
    supervisor: Session,
    booking: Reservation,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(qtbot, supervisor, booking.receipt)
    chosen = tmp_path / "for-the-person"  # the dialog adds .pdf
    save_to(monkeypatch, chosen)
    qtbot.mouseClick(dialog.disclosure_button, Qt.MouseButton.LeftButton)
    written = chosen.with_name("for-the-person.pdf")
    assert written.exists()
    assert "鷲見沢瑠璃子" in "".join("".join(pages_text(written)).split())
    assert str(written) in dialog.status_label.text()
    with supervisor.store.unit_of_work(write=False) as uow:
        assert [c.kind for c in uow.list_copies(open_only=False)] == [CopyKind.DISCLOSURE]


def test_a_formal_correction_saves_and_prints_the_confirmation(
    qtbot: QtBot,
    supervisor: Session,
    booking: Reservation,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(qtbot, supervisor, booking.receipt)
    notice = tmp_path / "notice.pdf"
    asked = save_to(monkeypatch, notice)
    # No reason: refused before any file is asked for.
    dialog.given_edit.setText("瑠璃")
    qtbot.mouseClick(dialog.correct_button, Qt.MouseButton.LeftButton)
    assert asked == [] and dialog.status_label.text()
    # A reason that names the person is refused by the service; nothing changes.
    dialog.correct_reason_edit.setText("瑠璃子を瑠璃に")
    qtbot.mouseClick(dialog.correct_button, Qt.MouseButton.LeftButton)
    assert BookingService(supervisor).get(booking.receipt).given_name == "瑠璃子"
    notice.unlink(missing_ok=True)

    dialog.correct_reason_edit.setText("名の漢字の誤り")
    with qtbot.waitSignal(dialog.person_corrected) as signal:
        qtbot.mouseClick(dialog.correct_button, Qt.MouseButton.LeftButton)
    assert signal.args == [booking.receipt_display]
    assert BookingService(supervisor).get(booking.receipt).given_name == "瑠璃"
    assert notice.exists() and "訂正完了通知書" in "".join(pages_text(notice))
    assert dialog.correct_reason_edit.text() == ""


def test_erasing_needs_the_typed_receipt_number_and_then_clears_the_form(
    qtbot: QtBot, supervisor: Session, booking: Reservation, tmp_path: Path
) -> None:
    PersonRequestService(supervisor).write_disclosure(booking.receipt, tmp_path / "old.pdf")
    dialog = open_dialog(qtbot, supervisor, booking.receipt)
    assert not dialog.erase_button.isEnabled()
    dialog.erase_reason_edit.setText("本人から消去の請求")
    qtbot.keyClicks(dialog.erase_confirm_edit, "1234-5678")
    assert not dialog.erase_button.isEnabled()
    dialog.erase_confirm_edit.clear()
    qtbot.keyClicks(dialog.erase_confirm_edit, booking.receipt)  # digits without a hyphen
    assert dialog.erase_button.isEnabled()

    with qtbot.waitSignal(dialog.person_erased) as signal:
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert signal.args == [booking.receipt_display]
    assert "#1" in dialog.status_label.text()  # the disclosure printed before
    erased = BookingService(supervisor).get(booking.receipt)
    assert erased.name is None and erased.phone is None and erased.note is None
    assert dialog.family_edit.text() == ""
    assert not dialog.erase_box.isEnabled() and not dialog.correction_box.isEnabled()
    assert dialog.disclosure_box.isEnabled()

    # Opened again later, the dialog says so and offers only the disclosure.
    again = open_dialog(qtbot, supervisor, booking.receipt)
    assert not again.erase_box.isEnabled() and not again.correction_box.isEnabled()


def test_an_operator_is_told_it_is_not_theirs(
    qtbot: QtBot, test_vault: TestVault, booking: Reservation
) -> None:
    dialog = open_dialog(qtbot, test_vault.session(OPERATOR), booking.receipt)
    assert dialog.status_label.text()
    assert not dialog.disclosure_box.isEnabled()
    assert not dialog.erase_box.isEnabled()
    assert dialog.family_edit.text() == ""
