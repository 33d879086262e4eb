"""The desktop window (a first, small one: log in, see whether it is a demo, see the slots).

The booking desk issue replaces the slot list with the operators' screens.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from reservations import APP_NAME, errors
from reservations.paths import vault_path_from
from reservations.session import Session, open_session
from reservations.slots import SlotService
from reservations.vault import Vault


class LoginDialog(QDialog):
    """Account and password; unlocks the vault through the account's key slot."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self.vault: Vault | None = None
        self.session: Session | None = None
        self.setWindowTitle(self.tr("Log in — {app}").format(app=APP_NAME))
        self.setObjectName("loginDialog")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Vault: {path}").format(path=db_path)))
        form = QFormLayout()
        self.account_edit = QLineEdit()
        self.account_edit.setObjectName("accountEdit")
        self.account_edit.setAccessibleName(self.tr("Account"))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Account"), self.account_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("loginButtons")
        buttons.accepted.connect(self._try_login)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _try_login(self) -> None:
        try:
            self.vault, self.session = open_session(
                self._db_path, self.account_edit.text().strip(), self.password_edit.text()
            )
        except errors.ReservationError as exc:
            self.password_edit.clear()
            self.message.setText(str(exc))
            return
        self.accept()


class MainWindow(QMainWindow):
    def __init__(self, vault: Vault, session: Session) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._vault = vault
        self.setWindowTitle(
            self.tr("{app} — {account} — {path}").format(
                app=APP_NAME, account=session.account.name, path=vault.db_path.name
            )
        )
        central = QWidget()
        layout = QVBoxLayout(central)
        if vault.demo:
            banner = QLabel(self.tr("DEMO — fictitious data, not a real vault"))
            banner.setObjectName("demoBanner")
            banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            banner.setStyleSheet("background:#b00020;color:white;font-weight:bold;padding:6px;")
            layout.addWidget(banner)
        slots = QListWidget()
        slots.setObjectName("slotList")
        slots.setAccessibleName(self.tr("Slots"))
        for slot in SlotService(session).list_slots()[:500]:
            slots.addItem(
                f"{slot.center}  {slot.date:%Y-%m-%d} {slot.start:%H:%M}  "
                + self.tr("{n} of {c} seats left").format(n=slot.available, c=slot.capacity)
            )
        layout.addWidget(slots)
        self.setCentralWidget(central)
        self.statusBar().showMessage(
            self.tr("Logged in as {account} ({role})").format(
                account=session.account.name, role=session.account.role.value
            )
        )
        self.resize(900, 600)

    def closeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._vault.close()
        super().closeEvent(event)  # type: ignore[arg-type]


def run_app(db_arg: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    db_path = vault_path_from(db_arg)
    if not db_path.exists():
        QMessageBox.information(
            None,
            APP_NAME,
            QApplication.translate(
                "run_app",
                "There is no vault at {path}. Create one with 'resdesk init --user NAME' or "
                "open a demo with 'make run'.",
            ).format(path=db_path),
        )
        return int(errors.ExitCode.STORAGE)
    login = LoginDialog(db_path)
    if login.exec() != QDialog.DialogCode.Accepted or login.vault is None or login.session is None:
        return int(errors.ExitCode.AUTHENTICATION)
    window = MainWindow(login.vault, login.session)
    window.show()
    return int(app.exec())
