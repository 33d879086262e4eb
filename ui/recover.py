"""The login screen's "recovery sheet" entry: the data key typed from paper opens the vault
and gives a supervisor a new key slot (``reservations.recovery``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reservations import errors
from reservations.recovery import RecoveryResult, recover_with_sheet
from ui.i18n import error_text


class RecoverWithSheetDialog(QDialog):
    """Recovery key, a supervisor's name (existing or new) and a new password twice."""

    def __init__(self, db_path: Path, account: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoverWithSheetDialog")
        self.setWindowTitle(self.tr("Open the vault with the recovery sheet"))
        self.setMinimumWidth(560)
        self._db_path = db_path
        self.result_account: str | None = None
        self.summary = ""
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Type the recovery key from the sheet in the safe (spaces and line breaks do "
                "not matter). The supervisor named below gets a new password; the recovery "
                "is recorded in the operation log."
            )
        )
        intro.setObjectName("recoverIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.sheet_edit = QPlainTextEdit()
        self.sheet_edit.setObjectName("recoverySheetEdit")
        self.sheet_edit.setAccessibleName(self.tr("Recovery key"))
        self.sheet_edit.setTabChangesFocus(True)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.sheet_edit.setFont(mono)
        self.sheet_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 6)
        self.account_edit = QLineEdit(account)
        self.account_edit.setObjectName("recoverAccountEdit")
        self.account_edit.setAccessibleName(self.tr("Supervisor account"))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("recoverPasswordEdit")
        self.password_edit.setAccessibleName(self.tr("New password"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("recoverRepeatEdit")
        self.repeat_edit.setAccessibleName(self.tr("Repeat the new password"))
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Recovery &key"), self.sheet_edit)
        form.addRow(self.tr("Supervisor &account"), self.account_edit)
        form.addRow(self.tr("&New password"), self.password_edit)
        form.addRow(self.tr("&Repeat"), self.repeat_edit)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("recoverMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("recoverButtons")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open the vault"))
        buttons.accepted.connect(self.recover)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.sheet_edit.setFocus()

    def recover(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self.message.setText(self.tr("The two passwords differ."))
            return
        try:
            result = recover_with_sheet(
                self._db_path,
                self.sheet_edit.toPlainText(),
                self.account_edit.text().strip(),
                self.password_edit.text(),
            )
        except errors.ReservationError as exc:
            self.message.setText(self._problem(exc))
            return
        finally:
            self.password_edit.clear()
            self.repeat_edit.clear()
        self.sheet_edit.clear()
        self.result_account = result.account
        self.summary = self._summary(result)
        self.accept()

    def _summary(self, result: RecoveryResult) -> str:
        text = self.tr("Log in as {account} with the new password.").format(account=result.account)
        if result.accounts_without_slot:
            text += " " + self.tr("Then reset the passwords of: {names}.").format(
                names=", ".join(result.accounts_without_slot)
            )
        return text

    def _problem(self, exc: errors.ReservationError) -> str:
        if isinstance(exc, errors.RecoveryKeyInvalid):
            if exc.line is not None and exc.group is not None:
                return self.tr(
                    "Group {group} on line {line} of the recovery key is mistyped; compare it "
                    "with the sheet."
                ).format(group=exc.group, line=exc.line)
            return self.tr(
                "The recovery key has 80 characters (16 groups of 5); {n} were typed."
            ).format(n=exc.length)
        if isinstance(exc, errors.AuthenticationFailed):
            return self.tr(
                "This recovery key does not open the vault (another vault's, or an older "
                "sheet). Nothing was changed."
            )
        if isinstance(exc, errors.NotPermitted):
            return self.tr(
                "That account is not an active supervisor; type a supervisor's name or a new name."
            )
        if isinstance(exc, errors.InvalidInput) and exc.field == "account":
            return self.tr("Account names may hold letters, digits, '.', '_' and '-'.")
        if isinstance(exc, errors.InvalidInput) and exc.field == "password":
            return self.tr(
                "Choose another password: 10 characters or more, not the account name, "
                "not a common password."
            )
        return error_text(exc)
