"""The supervisor's end-of-contract tab: the contract's facts, backups, the register of
copies, the handover export and the certified erasure.

Everything here calls a service (``ContractService``, ``BackupService``, ``RegisterService``,
``HandoverService``, ``ErasureService``); the dialogs only collect what those need.  Dialog
helpers (``ask_folder``, ``ask_save_file``, ``ask_text``) are methods so that tests replace
them instead of driving native file pickers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reservations import errors
from reservations.contract import Contract, ContractService, RetentionState
from reservations.domain import CopyKind, CopyRecord, CopyStatus
from reservations.register import LEAK_REPORT_THRESHOLD, RegisterService
from reservations.session import Session
from reservations.vault import Vault
from ui.dialogs import ask_yes_no
from ui.i18n import error_text

T = TypeVar("T")


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class ContractPanel(QWidget):
    """Signals:
    status_message(str): one line for the window's status bar.
    vault_erased(str): the vault was erased; the certificate's path.  The window closes.
    """

    status_message = Signal(str)
    vault_erased = Signal(str)

    def __init__(self, session: Session, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contractPanel")
        self._session = session
        self._vault = vault
        self._copies: list[CopyRecord] = []

        columns = QHBoxLayout(self)
        left = QVBoxLayout()
        columns.addLayout(left, 2)
        left.addWidget(self._contract_group())
        left.addWidget(self._backup_group())
        left.addWidget(self._end_group())
        left.addStretch(1)
        columns.addWidget(self._register_group(), 3)
        self.refresh()

    # -- building ----------------------------------------------------------------------------

    def _contract_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Contract"))
        form = QFormLayout(box)
        self.contractor_edit = QLineEdit()
        _named(self.contractor_edit, "contractorEdit", self.tr("Contractor"))
        self.client_edit = QLineEdit()
        _named(self.client_edit, "clientEdit", self.tr("Client (ward)"))
        self.start_edit = QLineEdit()
        _named(self.start_edit, "contractStartEdit", self.tr("Contract start"))
        self.end_edit = QLineEdit()
        _named(self.end_edit, "contractEndEdit", self.tr("Contract end"))
        self.retention_edit = QLineEdit()
        _named(self.retention_edit, "retentionEndEdit", self.tr("Hand over and erase by"))
        for edit in (self.start_edit, self.end_edit, self.retention_edit):
            edit.setPlaceholderText("2027-03-31")
        self.year_end_check = QCheckBox(self.tr("Close 12/29–1/3 when generating slots"))
        _named(self.year_end_check, "yearEndClosureCheck", self.tr("Year-end closure"))
        form.addRow(self.tr("Contractor:"), self.contractor_edit)
        form.addRow(self.tr("Client (ward):"), self.client_edit)
        form.addRow(self.tr("Contract start:"), self.start_edit)
        form.addRow(self.tr("Contract end:"), self.end_edit)
        form.addRow(self.tr("Hand over and erase by:"), self.retention_edit)
        form.addRow("", self.year_end_check)
        self.contract_error = QLabel()
        self.contract_error.setObjectName("contractError")
        self.contract_error.setStyleSheet("color:#b00020;")
        self.contract_error.setWordWrap(True)
        form.addRow(self.contract_error)
        self.save_contract_button = QPushButton(self.tr("&Save the contract"))
        _named(self.save_contract_button, "saveContractButton", self.tr("Save the contract"))
        self.save_contract_button.clicked.connect(self.save_contract)
        form.addRow(self.save_contract_button)
        return box

    def _backup_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Backups"))
        layout = QVBoxLayout(box)
        self.last_backup_label = QLabel()
        self.last_backup_label.setObjectName("lastBackupLabel")
        self.last_backup_label.setWordWrap(True)
        layout.addWidget(self.last_backup_label)
        self.backup_button = QPushButton(self.tr("&Back up now…"))
        _named(self.backup_button, "backupButton", self.tr("Back up now"))
        self.backup_button.clicked.connect(self.back_up)
        layout.addWidget(self.backup_button)
        return box

    def _end_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("End of contract"))
        layout = QVBoxLayout(box)
        self.retention_label = QLabel()
        self.retention_label.setObjectName("retentionLabel")
        self.retention_label.setWordWrap(True)
        layout.addWidget(self.retention_label)
        self.handover_button = QPushButton(self.tr("Export the &handover package…"))
        _named(self.handover_button, "handoverButton", self.tr("Export the handover package"))
        self.handover_button.clicked.connect(self.export_handover)
        layout.addWidget(self.handover_button)
        self.erase_button = QPushButton(self.tr("&Erase the vault…"))
        _named(self.erase_button, "eraseButton", self.tr("Erase the vault"))
        self.erase_button.clicked.connect(self.erase)
        layout.addWidget(self.erase_button)
        return box

    def _register_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Register of copies"))
        layout = QVBoxLayout(box)
        hint = QLabel(
            self.tr(
                "Every file that left the vault. Close each copy when it is destroyed or "
                "handed over; the vault can be erased only when none is open."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.register_table = QTableWidget(0, 7)
        _named(self.register_table, "registerTable", self.tr("Register of copies"))
        self.register_table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Kind"),
                self.tr("Made"),
                self.tr("By"),
                self.tr("People"),
                self.tr("Status"),
                self.tr("Where"),
            ]
        )
        self.register_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.register_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.register_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.register_table.verticalHeader().hide()
        header = self.register_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.register_table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.register_table)
        self.register_summary = QLabel()
        self.register_summary.setObjectName("registerSummary")
        layout.addWidget(self.register_summary)
        buttons = QHBoxLayout()
        self.destroyed_button = QPushButton(self.tr("Mark &destroyed…"))
        _named(self.destroyed_button, "markDestroyedButton", self.tr("Mark destroyed"))
        self.destroyed_button.clicked.connect(lambda: self.close_copy(CopyStatus.DESTROYED))
        self.handed_over_button = QPushButton(self.tr("Mark handed &over…"))
        _named(self.handed_over_button, "markHandedOverButton", self.tr("Mark handed over"))
        self.handed_over_button.clicked.connect(lambda: self.close_copy(CopyStatus.HANDED_OVER))
        self.affected_button = QPushButton(self.tr("&Who is in it?"))
        _named(self.affected_button, "affectedButton", self.tr("Who is in this copy"))
        self.affected_button.clicked.connect(self.show_affected)
        for button in (self.destroyed_button, self.handed_over_button, self.affected_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return box

    # -- showing -----------------------------------------------------------------------------

    def kind_text(self, kind: CopyKind) -> str:
        return {
            CopyKind.HANDOVER: self.tr("handover"),
            CopyKind.AUDIT_EXPORT: self.tr("audit export"),
            CopyKind.DISCLOSURE: self.tr("disclosure"),
            CopyKind.CORRECTION: self.tr("correction notice"),
            CopyKind.CALLBACK_LIST: self.tr("call-back list"),
            CopyKind.BACKUP: self.tr("backup"),
            CopyKind.ROSTER: self.tr("day roster"),
        }[kind]

    def status_text(self, status: CopyStatus) -> str:
        return {
            CopyStatus.OPEN: self.tr("open"),
            CopyStatus.DESTROYED: self.tr("destroyed"),
            CopyStatus.HANDED_OVER: self.tr("handed over"),
        }[status]

    def copy_status_text(self, copy: CopyRecord) -> str:
        # A backup enters the register before it is written: without a SHA-256 it never
        # finished (still being written, or interrupted: the next start removes what is left).
        if copy.status is CopyStatus.OPEN and not copy.sha256:
            return self.tr("open (incomplete)")
        return self.status_text(copy.status)

    def refresh(self) -> None:
        try:
            contracts = ContractService(self._session)
            contract = contracts.get()
            reminders = contracts.reminders()
            self._copies = RegisterService(self._session).list()
        except errors.ReservationError as exc:
            self.status_message.emit(error_text(exc))
            return
        self._show_contract(contract)
        if reminders.last_backup:
            when = reminders.last_backup[:16].replace("T", " ")
            text = self.tr("Last backup: {when}.").format(when=when)
        else:
            text = self.tr("No backup has been made yet.")
        if reminders.backup_overdue:
            text += " " + self.tr("Make a backup: the last one is more than a day old.")
        self.last_backup_label.setText(text)
        self.retention_label.setText(
            {
                RetentionState.RUNNING: self.tr(
                    "When the contract ends: export the handover package for the ward, close "
                    "every copy in the register, then erase the vault."
                ),
                RetentionState.HANDOVER_DUE: self.tr(
                    "The contract has ended: export the handover package for the ward."
                ),
                RetentionState.ERASURE_DUE: self.tr(
                    "The handover was exported on {day}: close the open copies and erase the vault."
                ).format(day=(reminders.handover_at or "")[:10]),
            }[reminders.retention]
        )
        table = self.register_table
        table.setRowCount(len(self._copies))
        for row, copy in enumerate(self._copies):
            values = [
                f"#{copy.id}",
                self.kind_text(copy.kind),
                copy.created_at[:16].replace("T", " "),
                copy.account,
                f"{copy.people:,}",
                self.copy_status_text(copy),
                copy.path,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column in (0, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == 6:
                    item.setToolTip(value)
                table.setItem(row, column, item)
        open_copies = [c for c in self._copies if c.status is CopyStatus.OPEN]
        self.register_summary.setText(
            self.tr("{n} open copies; {people} people's data counted once per copy.").format(
                n=len(open_copies), people=f"{sum(c.people for c in open_copies):,}"
            )
        )
        self._update_buttons()

    def _show_contract(self, contract: Contract) -> None:
        self.contractor_edit.setText(contract.contractor)
        self.client_edit.setText(contract.client)
        for edit, day in (
            (self.start_edit, contract.start),
            (self.end_edit, contract.end),
            (self.retention_edit, contract.retention_end),
        ):
            edit.setText(day.isoformat() if day else "")
        self.year_end_check.setChecked(contract.year_end_closure)

    def selected_copy(self) -> CopyRecord | None:
        rows = self.register_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._copies):
            return None
        return self._copies[rows[0].row()]

    def _update_buttons(self) -> None:
        copy = self.selected_copy()
        is_open = copy is not None and copy.status is CopyStatus.OPEN
        self.destroyed_button.setEnabled(is_open)
        self.handed_over_button.setEnabled(is_open)
        self.affected_button.setEnabled(copy is not None)

    # -- actions -----------------------------------------------------------------------------

    def _day(self, edit: QLineEdit, label: str) -> dt.date | None:
        from reservations.booking import parse_date

        text = edit.text().strip()
        if not text:
            return None
        try:
            return parse_date(text)
        except errors.InvalidInput:
            raise errors.InvalidInput(f"{label} is not a date like 2027-03-31.", label) from None

    def save_contract(self) -> None:
        self.contract_error.clear()
        try:
            contract = Contract(
                contractor=self.contractor_edit.text(),
                client=self.client_edit.text(),
                start=self._day(self.start_edit, "start"),
                end=self._day(self.end_edit, "end"),
                retention_end=self._day(self.retention_edit, "retention_end"),
                year_end_closure=self.year_end_check.isChecked(),
            )
            ContractService(self._session).set(contract)
        except errors.InvalidInput as exc:
            self.contract_error.setText(self._contract_problem(exc))
            return
        except errors.ReservationError as exc:
            self.contract_error.setText(error_text(exc))
            return
        self.refresh()
        self.status_message.emit(self.tr("The contract's facts were saved."))

    def _contract_problem(self, exc: errors.InvalidInput) -> str:
        if exc.field in ("start", "end", "retention_end") and "not a date" in exc.message:
            return self.tr("Write dates like 2027-03-31.")
        if exc.field == "end":
            return self.tr("The contract ends before it starts; check the two dates.")
        if exc.field == "retention_end":
            return self.tr("The hand-over-and-erase date must not be before the contract's end.")
        return error_text(exc)

    def ask_folder(self, title: str) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, title)
        return Path(folder) if folder else None

    def ask_save_file(self, title: str, suggested: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, "PDF (*.pdf)")
        return Path(path) if path else None

    def ask_text(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def _run(self, action: Callable[[], T]) -> T | None:
        # A backup, a handover of thousands of bookings or an erasure takes seconds on this
        # (the window's) thread: the busy cursor says the window is working, not hung.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return action()
        except errors.ReservationError as exc:
            problem = exc
        finally:
            QApplication.restoreOverrideCursor()
        QMessageBox.warning(self, self.tr("Not done"), error_text(problem))
        return None

    def back_up(self) -> None:
        from reservations.backup import BackupService

        folder = self.ask_folder(self.tr("Choose the backup drive or folder"))
        if folder is None:
            return
        result = self._run(lambda: BackupService(self._session, self._vault).backup(folder))
        if result is None:
            return
        self.refresh()
        self.status_message.emit(
            self.tr("Backed up and verified: {folder}").format(folder=result.folder)
        )

    def close_copy(self, status: CopyStatus) -> None:
        copy = self.selected_copy()
        if copy is None:
            return
        note = self.ask_text(
            self.tr("Close copy #{n}").format(n=copy.id),
            self.tr("How was it destroyed, or who received it? (optional)"),
        )
        if note is None:
            return
        if self._run(lambda: RegisterService(self._session).close(copy.id, status, note)):
            self.refresh()

    def show_affected(self) -> None:
        copy = self.selected_copy()
        if copy is None:
            return
        affected = self._run(lambda: RegisterService(self._session).affected(copy.id))
        if affected is None:
            return
        receipts: list[str] = affected.receipts
        text = self.tr("Copy #{n} holds {people} people's data.").format(
            n=copy.id, people=f"{len(receipts):,}"
        )
        if len(receipts) > LEAK_REPORT_THRESHOLD:
            text += "\n" + self.tr(
                "More than 1,000 people: if it is lost, report the leak to the Personal "
                "Information Protection Commission (preliminary report within 3 to 5 days)."
            )
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Who is in it"), text, parent=self)
        box.setObjectName("affectedBox")
        box.setDetailedText("\n".join(receipts))
        box.exec()

    def export_handover(self) -> None:
        dialog = HandoverDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        from reservations.handover import HandoverService

        result = self._run(
            lambda: HandoverService(self._session).export(dialog.folder(), dialog.password())
        )
        if result is None:
            return
        self.refresh()
        QMessageBox.information(
            self,
            self.tr("Handover package"),
            self.tr(
                "The package is in {folder} ({n} reservations). Give the ward the folder and, "
                "separately, the password. Then mark this copy handed over in the register."
            ).format(folder=result.folder, n=f"{result.reservations:,}"),
        )

    def erase(self) -> None:
        from reservations.erasure import ErasureService

        service = ErasureService(self._session, self._vault)
        plan = self._run(service.plan)
        if plan is None:
            return
        dialog = ErasureDialog(plan.blockers, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if not ask_yes_no(
            self,
            self.tr("Erase the vault"),
            self.tr("Erase the vault now? This cannot be undone."),
            default_yes=False,
        ):
            return
        result = self._run(
            lambda: service.erase(
                password=dialog.password(),
                confirmation=dialog.confirmation(),
                certificate=dialog.certificate(),
                force=dialog.forced(),
                reason=dialog.reason(),
            )
        )
        if result is None:
            if self._vault.is_closed:
                # It failed after the vault was closed for erasure: nothing here can work
                # any more; the window closes and the vault is opened again from the start.
                self.vault_erased.emit("")
            return
        self.vault_erased.emit(str(result.certificate))


class HandoverDialog(QDialog):
    """Where to write the package, and its password twice (sent to the ward separately)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self.setWindowTitle(self.tr("Export the handover package"))
        form = QFormLayout(self)
        self.folder_edit = QLineEdit()
        _named(self.folder_edit, "handoverFolderEdit", self.tr("New or empty folder"))
        browse = QPushButton(self.tr("Choose…"))
        _named(browse, "handoverBrowseButton", self.tr("Choose the folder"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit)
        row.addWidget(browse)
        form.addRow(self.tr("New or empty folder:"), row)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        _named(self.password_edit, "handoverPasswordEdit", self.tr("Package password"))
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        _named(self.repeat_edit, "handoverRepeatEdit", self.tr("Repeat the password"))
        form.addRow(self.tr("Package password:"), self.password_edit)
        form.addRow(self.tr("Repeat the password:"), self.repeat_edit)
        self.error = QLabel()
        self.error.setObjectName("handoverError")
        self.error.setStyleSheet("color:#b00020;")
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("handoverButtons")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.windowTitle())
        if folder:
            self.folder_edit.setText(folder)

    def _accept(self) -> None:
        if not self.folder_edit.text().strip():
            self.error.setText(self.tr("Choose a new or empty folder."))
        elif len(self.password_edit.text()) < 12:
            self.error.setText(self.tr("The password needs at least 12 characters."))
        elif self.password_edit.text() != self.repeat_edit.text():
            self.error.setText(self.tr("The two passwords differ."))
        else:
            self.accept()

    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    def password(self) -> str:
        return self.password_edit.text()


class ErasureDialog(QDialog):
    """The password again, ERASE typed, where the certificate goes; forcing needs a reason."""

    def __init__(self, blockers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("erasureDialog")
        self.setWindowTitle(self.tr("Erase the vault"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Erasure destroys the key file and then the database: nobody can open this "
                "vault again. Do it only after the ward has received the handover package. "
                "A certificate is written for signing; backups and paper recovery sheets "
                "listed on it must then be destroyed under witness."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.blockers = QPlainTextEdit("\n".join(blockers))
        self.blockers.setObjectName("erasureBlockers")
        self.blockers.setReadOnly(True)
        self.blockers.setVisible(bool(blockers))
        self.blockers.setMaximumHeight(110)
        layout.addWidget(self.blockers)
        form = QFormLayout()
        layout.addLayout(form)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        _named(self.password_edit, "erasurePasswordEdit", self.tr("Your password"))
        form.addRow(self.tr("Your password:"), self.password_edit)
        self.confirm_edit = QLineEdit()
        _named(self.confirm_edit, "erasureConfirmEdit", self.tr("Type ERASE"))
        form.addRow(self.tr("Type ERASE:"), self.confirm_edit)
        self.certificate_edit = QLineEdit()
        _named(self.certificate_edit, "certificateEdit", self.tr("Certificate file"))
        browse = QPushButton(self.tr("Choose…"))
        _named(browse, "certificateBrowseButton", self.tr("Choose the certificate file"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.certificate_edit)
        row.addWidget(browse)
        form.addRow(self.tr("Certificate (PDF):"), row)
        self.force_check = QCheckBox(self.tr("Erase anyway (the reason goes on the certificate)"))
        _named(self.force_check, "erasureForceCheck", self.tr("Erase anyway"))
        self.force_check.setVisible(bool(blockers))
        self.reason_edit = QLineEdit()
        _named(self.reason_edit, "erasureReasonEdit", self.tr("Reason"))
        self.reason_edit.setVisible(bool(blockers))
        form.addRow(self.force_check)
        if blockers:
            form.addRow(self.tr("Reason:"), self.reason_edit)
        self.error = QLabel()
        self.error.setObjectName("erasureError")
        self.error.setStyleSheet("color:#b00020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("erasureButtons")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._blocked = bool(blockers)
        self.resize(620, self.sizeHint().height())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.windowTitle(), "erasure-certificate.pdf", "PDF (*.pdf)"
        )
        if path:
            self.certificate_edit.setText(path)

    def _accept(self) -> None:
        if not self.password_edit.text():
            self.error.setText(self.tr("Enter your password."))
        elif self.confirm_edit.text().strip() != "ERASE":
            self.error.setText(self.tr("Type ERASE in capitals to confirm."))
        elif not self.certificate_edit.text().strip():
            self.error.setText(self.tr("Choose where the certificate is saved."))
        elif self._blocked and not self.force_check.isChecked():
            self.error.setText(self.tr("Resolve the problems listed above, or erase anyway."))
        elif self.force_check.isChecked() and not self.reason_edit.text().strip():
            self.error.setText(self.tr("Give the reason for erasing anyway."))
        else:
            self.accept()

    def password(self) -> str:
        return self.password_edit.text()

    def confirmation(self) -> str:
        return self.confirm_edit.text()

    def certificate(self) -> Path:
        return Path(self.certificate_edit.text().strip()).expanduser()

    def forced(self) -> bool:
        return self.force_check.isChecked()

    def reason(self) -> str:
        return self.reason_edit.text()
