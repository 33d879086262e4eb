"""Logging in: account and password unlock the vault through the account's key slot."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reservations import APP_NAME, errors
from reservations.session import Session, open_session
from reservations.vault import Vault
from ui.dialogs import wait_after_failed_attempts
from ui.i18n import error_text


class LoginDialog(QDialog):
    """Account + password.  A wrong password says so calmly, clears the field, and never
    tells whether the account exists."""

    def __init__(self, db_path: Path, parent: QWidget | None = None, *, account: str = "") -> None:
        super().__init__(parent)
        self._db_path = db_path
        self.vault: Vault | None = None
        self.session: Session | None = None
        self.setWindowTitle(self.tr("Log in — {app}").format(app=APP_NAME))
        self.setObjectName("loginDialog")
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        vault_label = QLabel(self.tr("Vault: {name}").format(name=db_path.name))
        vault_label.setObjectName("loginVaultLabel")
        vault_label.setToolTip(str(db_path))
        layout.addWidget(vault_label)
        form = QFormLayout()
        self.account_edit = QLineEdit(account)
        self.account_edit.setObjectName("accountEdit")
        self.account_edit.setAccessibleName(self.tr("Account"))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Account"), self.account_edit)
        form.addRow(self.tr("&Password"), self.password_edit)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("loginButtons")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        self.recover_button = QPushButton(self.tr("Use the recovery &sheet…"))
        self.recover_button.setObjectName("recoverWithSheetButton")
        self.recover_button.setAccessibleName(self.tr("Open the vault with the recovery sheet"))
        self.recover_button.setAutoDefault(False)
        self.recover_button.clicked.connect(self.recover_with_sheet)
        buttons.addButton(self.recover_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password_edit if account else self.account_edit).setFocus()

    def recover_with_sheet(self) -> None:
        """Every supervisor password lost, or the key file damaged: the paper sheet."""
        from ui.recover import RecoverWithSheetDialog

        dialog = RecoverWithSheetDialog(self._db_path, self.account_edit.text().strip(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_account is None:
            return
        self.account_edit.setText(dialog.result_account)
        self.password_edit.clear()
        self.message.setText(dialog.summary)
        self.password_edit.setFocus()

    def try_login(self) -> None:
        try:
            self.vault, self.session = open_session(
                self._db_path,
                self.account_edit.text().strip(),
                self.password_edit.text(),
                sleep=self._wait,
                # A supervisor finishes a rekey that was interrupted, and is shown the new
                # recovery sheet right here; an operator is told to fetch a supervisor.
                finish_interrupted_rotation=True,
            )
        except errors.ReservationError as exc:
            self.password_edit.clear()
            self.message.setText(error_text(exc))
            self.password_edit.setFocus()
            return
        if self.vault.finished_rekey:
            self._show_new_recovery_sheet()
        if self.session.must_change_password and not self._change_initial_password():
            self.vault.close()
            self.vault = self.session = None
            self.message.setText(self.tr("The initial password must be changed before work."))
            return
        self.accept()

    def _wait(self, seconds: float) -> None:
        """The delay after repeated failures, without freezing the window."""
        wait_after_failed_attempts(self, self.message, seconds)

    def _show_new_recovery_sheet(self) -> None:
        """The data key of the finished rotation, to print before any work (tests replace
        this); the dialog cannot be closed before its "in the safe" tick."""
        from ui.new_vault import RecoverySheetDialog

        assert self.vault is not None
        dialog = RecoverySheetDialog(self.vault.keys.data_key, self._db_path.name, self)
        dialog.setWindowTitle(self.tr("A replacement of the data key was finished"))
        dialog.exec()
        dialog.sheet.forget()

    def _change_initial_password(self) -> bool:
        """First login with a one-time password: choose one's own (tests replace this)."""
        assert self.vault is not None and self.session is not None
        dialog = ChangePasswordDialog(self.vault, self.session, self)
        return dialog.exec() == QDialog.DialogCode.Accepted


class ChangePasswordDialog(QDialog):
    """A new password, typed twice; the account's key slot is re-wrapped under it."""

    def __init__(self, vault: Vault, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Choose your own password"))
        self._vault = vault
        self._session = session
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("This is a one-time initial password. Choose your own (10 characters or more).")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.new_edit = QLineEdit()
        self.new_edit.setObjectName("newOwnPasswordEdit")
        self.new_edit.setAccessibleName(self.tr("New password"))
        self.new_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("repeatOwnPasswordEdit")
        self.repeat_edit.setAccessibleName(self.tr("Repeat the new password"))
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&New password"), self.new_edit)
        form.addRow(self.tr("&Repeat"), self.repeat_edit)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("changePasswordMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        from reservations.accounts import AccountService

        if self.new_edit.text() != self.repeat_edit.text():
            self.message.setText(self.tr("The two passwords differ."))
            return
        try:
            AccountService(self._session, self._vault).change_own_password(self.new_edit.text())
        except errors.InvalidInput as exc:
            del exc  # the core's sentence is English; say it in the window's language
            self.message.setText(
                self.tr(
                    "Choose another password: 10 characters or more, not the account name, "
                    "not a common password."
                )
            )
            return
        except errors.ReservationError as exc:
            self.message.setText(error_text(exc))
            return
        self.accept()
