"""Logging in: account and password unlock the vault through the account's key slot."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reservations import APP_NAME, errors
from reservations.session import Session, open_session
from reservations.vault import Vault
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
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password_edit if account else self.account_edit).setFocus()

    def try_login(self) -> None:
        try:
            self.vault, self.session = open_session(
                self._db_path, self.account_edit.text().strip(), self.password_edit.text()
            )
        except errors.ReservationError as exc:
            self.password_edit.clear()
            self.message.setText(error_text(exc))
            self.password_edit.setFocus()
            return
        self.accept()

    # Kept for callers written against the first window.
    _try_login = try_login
