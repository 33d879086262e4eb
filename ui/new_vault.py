"""Creating a vault from the window: the first supervisor account, then the recovery sheet.

The recovery sheet is the vault's data key; it is shown once here (and again only when the
key is replaced), for the operator to write down or print and keep in the locked safe.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reservations import errors
from reservations.accounts import normalize_account_name
from reservations.domain import now_jst
from reservations.keyslots import DEFAULT_KDF, KdfParams, recovery_sheet_groups
from reservations.passwords import check_new_password
from reservations.vault import Vault, create_vault
from ui.i18n import error_text


class NewVaultDialog(QDialog):
    """Account name and password (twice) for the first supervisor of a new vault."""

    def __init__(
        self, db_path: Path, parent: QWidget | None = None, *, kdf: KdfParams = DEFAULT_KDF
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newVaultDialog")
        self.setWindowTitle(self.tr("Create a new vault"))
        self.setMinimumWidth(460)
        self._db_path = db_path
        self._kdf = kdf
        self.vault: Vault | None = None
        self.data_key: bytearray | None = None
        layout = QVBoxLayout(self)
        where = QLabel(self.tr("The new vault will be created at {path}.").format(path=db_path))
        where.setWordWrap(True)
        layout.addWidget(where)
        form = QFormLayout()
        self.account_edit = QLineEdit()
        self.account_edit.setObjectName("newAccountEdit")
        self.account_edit.setAccessibleName(self.tr("Supervisor account"))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("newPasswordEdit")
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("repeatPasswordEdit")
        self.repeat_edit.setAccessibleName(self.tr("Repeat the password"))
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Supervisor &account"), self.account_edit)
        form.addRow(self.tr("&Password (10 characters or more)"), self.password_edit)
        form.addRow(self.tr("&Repeat the password"), self.repeat_edit)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("newVaultMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.accepted.connect(self.create_vault)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def create_vault(self) -> None:
        try:
            account = normalize_account_name(self.account_edit.text())
            password = self.password_edit.text()
            check_new_password(account, password)
            if password != self.repeat_edit.text():
                raise errors.InvalidInput("The two passwords differ.", field="password")
            self.vault, self.data_key = create_vault(
                self._db_path,
                account,
                password,
                kdf=self._kdf,
                created_at=now_jst().isoformat(timespec="seconds"),
            )
        except errors.InvalidInput as exc:
            self.message.setText(self._input_problem(exc))
            return
        except errors.ReservationError as exc:
            self.message.setText(error_text(exc))
            return
        self.accept()

    def _input_problem(self, exc: errors.InvalidInput) -> str:
        if exc.field == "account":
            return self.tr("Account names may hold letters, digits, '.', '_' and '-'.")
        if "differ" in exc.message:
            return self.tr("The two passwords differ.")
        if "short" in exc.message:
            return self.tr("The password is too short: use at least 10 characters.")
        return self.tr("Choose another password (not the account name, not a common one).")


class RecoverySheetDialog(QDialog):
    """The data key, shown once, to be written down or printed for the safe."""

    def __init__(self, data_key: bytes | bytearray, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoverySheetDialog")
        self.setWindowTitle(self.tr("Recovery sheet"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "This is the vault's recovery key. It opens the data without any password. "
                "Write it down or print it now, keep it in the locked safe, and never store "
                "it on this PC. It will not be shown again."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        key = QLabel(recovery_sheet_groups(data_key))
        key.setObjectName("recoveryKeyLabel")
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSize(16)
        key.setFont(mono)
        layout.addWidget(key)
        self.confirm = QCheckBox(self.tr("I have written down or printed the recovery key"))
        self.confirm.setObjectName("recoveryConfirmed")
        layout.addWidget(self.confirm)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.confirm.toggled.connect(ok.setEnabled)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
