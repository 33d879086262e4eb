"""A resident's requests about one booking, for supervisors: disclosure, correction, erasure.

Opened from the search panel's detail pane.  Everything goes through
``PersonRequestService``; the dialog only collects what the supervisor types, asks where to
save the papers for the person, and shows the outcome or the error.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reservations import errors
from reservations.booking import PersonChanges
from reservations.normalize import format_phone_national
from reservations.person import HeldReservation, PersonRequestService
from reservations.receipt import format_receipt, looks_like_receipt, receipt_digits_of
from reservations.session import Session
from ui.i18n import error_text, status_text

_ERROR_STYLE = "color: #b00020;"


class PersonRequestsDialog(QDialog):
    """The three requests for the person holding booking ``receipt``.

    Signals: ``person_corrected(receipt)`` after a correction is saved, and
    ``person_erased(receipt)`` after the personal data was erased (display form), so that
    the caller can refresh what it shows.
    """

    person_corrected = Signal(str)
    person_erased = Signal(str)

    def __init__(self, session: Session, receipt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personRequestsDialog")
        self._service = PersonRequestService(session)
        self._digits = receipt_digits_of(receipt)
        self._receipt = format_receipt(self._digits)
        self.setWindowTitle(
            self.tr("Resident's requests: booking {receipt}").format(receipt=self._receipt)
        )
        self.setAccessibleName(self.windowTitle())

        self.summary_label = QLabel()
        self.summary_label.setObjectName("personSummary")
        self.summary_label.setWordWrap(True)

        # -- disclosure --
        self.disclosure_box = QGroupBox(self.tr("Disclosure"))
        self.disclosure_box.setObjectName("personDisclosureBox")
        disclosure_info = QLabel(
            self.tr(
                "Prints everything held about this person for them: their bookings (also "
                "others with the same phone, name and kana), the operations on them and the "
                "registered copies that hold them."
            )
        )
        disclosure_info.setObjectName("personDisclosureInfo")
        disclosure_info.setWordWrap(True)
        self.disclosure_button = QPushButton(self.tr("Save &disclosure PDF…"))
        self.disclosure_button.setObjectName("personDisclosureButton")
        self.disclosure_button.setAccessibleName(self.tr("Save the disclosure as a PDF"))
        self.disclosure_button.clicked.connect(self.save_disclosure)
        box = QVBoxLayout(self.disclosure_box)
        box.addWidget(disclosure_info)
        box.addWidget(self.disclosure_button)

        # -- correction --
        self.correction_box = QGroupBox(self.tr("Formal correction"))
        self.correction_box.setObjectName("personCorrectionBox")
        self.family_edit = self._edit("personFamilyName", self.tr("Family name"))
        self.given_edit = self._edit("personGivenName", self.tr("Given name"))
        self.family_kana_edit = self._edit("personFamilyKana", self.tr("Family name reading"))
        self.given_kana_edit = self._edit("personGivenKana", self.tr("Given name reading"))
        self.phone_edit = self._edit("personPhone", self.tr("Phone"))
        self.correct_reason_edit = self._edit("personCorrectReason", self.tr("Reason"))
        self.correct_reason_edit.setPlaceholderText(
            self.tr("Why, without the person's name or phone")
        )
        self.correct_button = QPushButton(self.tr("&Correct and save the confirmation…"))
        self.correct_button.setObjectName("personCorrectButton")
        self.correct_button.setAccessibleName(
            self.tr("Save the correction and the confirmation for the person")
        )
        self.correct_button.clicked.connect(self.correct)
        form = QFormLayout(self.correction_box)
        form.addRow(self.tr("Family name"), self.family_edit)
        form.addRow(self.tr("Given name"), self.given_edit)
        form.addRow(self.tr("Family name reading"), self.family_kana_edit)
        form.addRow(self.tr("Given name reading"), self.given_kana_edit)
        form.addRow(self.tr("Phone"), self.phone_edit)
        form.addRow(self.tr("Reason"), self.correct_reason_edit)
        form.addRow(self.correct_button)

        # -- erasure --
        self.erase_box = QGroupBox(self.tr("Erase personal data"))
        self.erase_box.setObjectName("personEraseBox")
        erase_info = QLabel(
            self.tr(
                "Erases the name, kana, phone, note and cancel reason of this booking; its "
                "seat and status stay for the statistics. This cannot be undone."
            )
        )
        erase_info.setObjectName("personEraseInfo")
        erase_info.setWordWrap(True)
        self.erase_reason_edit = self._edit("personEraseReason", self.tr("Reason for erasure"))
        self.erase_reason_edit.setPlaceholderText(
            self.tr("Why, without the person's name or phone")
        )
        self.erase_confirm_edit = self._edit(
            "personEraseConfirm", self.tr("Type the receipt number to confirm")
        )
        self.erase_confirm_edit.setPlaceholderText(self._receipt)
        self.erase_button = QPushButton(self.tr("&Erase personal data"))
        self.erase_button.setObjectName("personEraseButton")
        self.erase_button.setAccessibleName(self.tr("Erase this person's data"))
        self.erase_button.setEnabled(False)
        self.erase_button.clicked.connect(self.erase)
        self.erase_reason_edit.textChanged.connect(self._update_erase_button)
        self.erase_confirm_edit.textChanged.connect(self._update_erase_button)
        erase_form = QFormLayout(self.erase_box)
        erase_form.addRow(erase_info)
        erase_form.addRow(self.tr("Reason"), self.erase_reason_edit)
        erase_form.addRow(self.tr("Receipt number"), self.erase_confirm_edit)
        erase_form.addRow(self.erase_button)

        self.status_label = QLabel()
        self.status_label.setObjectName("personStatus")
        self.status_label.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("personButtons")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("personCloseButton")
        close.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.disclosure_box)
        layout.addWidget(self.correction_box)
        layout.addWidget(self.erase_box)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)

        self._shown: dict[str, str] = {}
        self._load()

    def _edit(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    # -- what is held ----------------------------------------------------------------------

    def _load(self) -> None:
        try:
            held = self._service.find(self._digits)
        except errors.ReservationError as exc:
            self._show_error(error_text(exc))
            for box in (self.disclosure_box, self.correction_box, self.erase_box):
                box.setEnabled(False)
            return
        this = next(h for h in held if h.reservation.receipt == self._digits)
        self._show_person(this, others=len(held) - 1)

    def _show_person(self, held: HeldReservation, *, others: int) -> None:
        r = held.reservation
        text = self.tr("Booking {receipt}: {center}, {date} {start}, {status}.").format(
            receipt=self._receipt,
            center=r.center,
            date=r.date.isoformat(),
            start=f"{r.start:%H:%M}",
            status=status_text(r.status),
        )
        if others:
            text += " " + self.tr("The same person has {count} other booking(s).").format(
                count=others
            )
        if held.redacted_at:
            text += " " + self.tr("Personal data erased on {at} by {by}.").format(
                at=held.redacted_at, by=held.redacted_by
            )
        self.summary_label.setText(text)
        values = {
            "family_name": r.family_name or "",
            "given_name": r.given_name or "",
            "family_kana": r.family_kana or "",
            "given_kana": r.given_kana or "",
            "phone": format_phone_national(r.phone) if r.phone else "",
        }
        for key, edit in self._field_edits().items():
            edit.setText(values[key])
        self._shown = values
        erased = held.redacted_at is not None
        self.correction_box.setEnabled(not erased)
        self.erase_box.setEnabled(not erased)

    def _field_edits(self) -> dict[str, QLineEdit]:
        return {
            "family_name": self.family_edit,
            "given_name": self.given_edit,
            "family_kana": self.family_kana_edit,
            "given_kana": self.given_kana_edit,
            "phone": self.phone_edit,
        }

    # -- disclosure ------------------------------------------------------------------------

    def _ask_pdf_path(self, title: str, suggested: str) -> Path | None:
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            title,
            suggested,
            self.tr("PDF files (*.pdf)"),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if not path:
            return None
        chosen = Path(path)
        return chosen if chosen.suffix.lower() == ".pdf" else chosen.with_name(chosen.name + ".pdf")

    def save_disclosure(self) -> Path | None:
        """Ask where, then write the disclosure PDF; returns the path written."""
        path = self._ask_pdf_path(self.tr("Save the disclosure"), f"disclosure-{self._digits}.pdf")
        if path is None:
            return None
        try:
            # The file dialog has already asked before replacing an existing file.
            result = self._service.write_disclosure(self._digits, path, overwrite=True)
        except errors.ReservationError as exc:
            self._show_error(error_text(exc))
            return None
        self._show_info(
            self.tr(
                "Wrote {path}: {count} booking(s), {pages} page(s). Hand it to the person only."
            ).format(path=path, count=result.reservations, pages=result.pages)
        )
        return path

    # -- correction ------------------------------------------------------------------------

    def _changes(self) -> PersonChanges:
        typed = {key: edit.text() for key, edit in self._field_edits().items()}
        changed = {key: text for key, text in typed.items() if text != self._shown.get(key)}
        return PersonChanges(**changed)

    def correct(self) -> Path | None:
        """Save the formal correction, then its confirmation PDF; returns the PDF's path."""
        changes = self._changes()
        if changes == PersonChanges():
            self._show_error(self.tr("Nothing to correct: change a field first."))
            return None
        if not self.correct_reason_edit.text().strip():
            self._show_error(self._reason_problem())
            return None
        path = self._ask_pdf_path(
            self.tr("Save the confirmation for the person"), f"correction-{self._digits}.pdf"
        )
        if path is None:
            return None
        try:
            correction = self._service.correct(
                self._digits,
                changes,
                self.correct_reason_edit.text(),
                notice_out=path,
                overwrite=True,
            )
        except errors.InvalidInput as exc:
            self._show_error(self._input_problem(exc))
            return None
        except errors.ReservationError as exc:
            self._show_error(error_text(exc))
            return None
        for change in correction.changes:
            edit = self._field_edits()[change.field]
            shown = change.after or ""
            if change.field == "phone" and change.after:
                shown = format_phone_national(change.after)
            edit.setText(shown)
            self._shown[change.field] = shown
        self.correct_reason_edit.clear()
        self._show_info(
            self.tr("Corrected {receipt}; wrote the confirmation to {path}.").format(
                receipt=self._receipt, path=path
            )
        )
        self.person_corrected.emit(self._receipt)
        return path

    def _reason_problem(self) -> str:
        return self.tr("Give the reason for the request, without the person's name, kana or phone.")

    def _input_problem(self, exc: errors.InvalidInput) -> str:
        if exc.field == "reason":
            return self._reason_problem()
        if exc.field == "changes":
            return self.tr("Nothing to correct: change a field first.")
        return error_text(exc)

    # -- erasure ---------------------------------------------------------------------------

    def _confirmed(self) -> bool:
        typed = self.erase_confirm_edit.text()
        if not looks_like_receipt(typed):
            return False
        try:
            return receipt_digits_of(typed) == self._digits
        except errors.InvalidInput:
            return False

    def _update_erase_button(self) -> None:
        self.erase_button.setEnabled(
            self._confirmed() and bool(self.erase_reason_edit.text().strip())
        )

    def erase(self) -> bool:
        """Erase the person's data from the booking (typed confirmation required)."""
        if not self._confirmed():
            return False
        try:
            redaction = self._service.redact(self._digits, self.erase_reason_edit.text())
        except errors.InvalidInput as exc:
            self._show_error(self._input_problem(exc))
            return False
        except errors.ReservationError as exc:
            self._show_error(error_text(exc))
            return False
        for edit in self._field_edits().values():
            edit.clear()
        self.erase_reason_edit.clear()
        self.erase_confirm_edit.clear()
        self.correction_box.setEnabled(False)
        self.erase_box.setEnabled(False)
        text = self.tr("Erased the personal data of booking {receipt}.").format(
            receipt=self._receipt
        )
        if redaction.open_copies:
            text += " " + self.tr(
                "Copies made before still hold this booking: {copies}. Destroy them and "
                "record it in the register."
            ).format(copies=", ".join(f"#{c.id}" for c in redaction.open_copies))
        if redaction.wal_emptied is False:
            text += " " + self.tr(
                "Another window is reading the vault, so the erased values leave the "
                "vault's log file only when every window using the vault is closed."
            )
        self._show_info(text)
        self.person_erased.emit(self._receipt)
        return True

    # -- messages --------------------------------------------------------------------------

    def _show_error(self, text: str) -> None:
        self.status_label.setStyleSheet(_ERROR_STYLE)
        self.status_label.setText(text)

    def _show_info(self, text: str) -> None:
        self.status_label.setStyleSheet("")
        self.status_label.setText(text)
