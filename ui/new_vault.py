"""The pieces of creating a vault: the first supervisor's form and the recovery sheet.

The recovery sheet is the vault's data key; it is shown once when the vault is created (and
again only when the key is replaced), for the supervisor to write down or print and keep in
the locked safe.  The first-run wizard (``ui/first_run.py``) puts both pieces on its pages.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reservations import APP_NAME, errors
from reservations.accounts import normalize_account_name
from reservations.domain import now_jst
from reservations.keyslots import DEFAULT_KDF, KdfParams, recovery_sheet_groups
from reservations.passwords import check_new_password
from reservations.vault import Vault, create_vault
from ui.i18n import error_text

_ERROR_STYLE = "color: #b00020;"


class SupervisorForm(QWidget):
    """Account name and password (twice) for the first supervisor of a new vault."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorForm")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        where = QLabel(self.tr("The new vault will be created at {path}.").format(path=db_path))
        where.setObjectName("newVaultPathLabel")
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
        self.message.setStyleSheet(_ERROR_STYLE)
        layout.addWidget(self.message)

    def create_vault(
        self, db_path: Path, *, kdf: KdfParams = DEFAULT_KDF
    ) -> tuple[Vault, bytearray] | None:
        """Create the vault, or say beside the fields why not and return None."""
        self.message.clear()
        try:
            account = normalize_account_name(self.account_edit.text())
            password = self.password_edit.text()
            check_new_password(account, password)
            if password != self.repeat_edit.text():
                raise errors.InvalidInput("The two passwords differ.", field="password")
            db_path.parent.mkdir(parents=True, exist_ok=True)
            created = create_vault(
                db_path,
                account,
                password,
                kdf=kdf,
                created_at=now_jst().isoformat(timespec="seconds"),
            )
        except errors.InvalidInput as exc:
            self.message.setText(self._input_problem(exc))
            return None
        except errors.ReservationError as exc:
            self.message.setText(error_text(exc))
            return None
        except OSError:
            self.message.setText(self.tr("The folder for the vault cannot be created."))
            return None
        # The typed password has done its work; do not leave it in the widgets.
        self.password_edit.clear()
        self.repeat_edit.clear()
        return created

    def _input_problem(self, exc: errors.InvalidInput) -> str:
        if exc.field == "account":
            return self.tr("Account names may hold letters, digits, '.', '_' and '-'.")
        if "differ" in exc.message:
            return self.tr("The two passwords differ.")
        if "short" in exc.message:
            return self.tr("The password is too short: use at least 10 characters.")
        return self.tr("Choose another password (not the account name, not a common one).")


class RecoverySheet(QWidget):
    """The data key with what to do with it, a Print… button and the "it is in the safe" tick.

    ``confirmed`` tells whether the tick is set.
    """

    confirmed = Signal(bool)

    def __init__(
        self, data_key: bytes | bytearray, vault_name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoverySheet")
        self._groups = recovery_sheet_groups(data_key)
        self._vault_name = vault_name
        self._created = now_jst().date().isoformat()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            self.tr(
                "This is the vault's recovery key. It opens the data without any password. "
                "Write it down or print it now, keep it in the locked safe, and never store "
                "it on this PC. It will not be shown again."
            )
        )
        intro.setObjectName("recoveryIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key_label = QLabel(self._groups)
        self.key_label.setObjectName("recoveryKeyLabel")
        self.key_label.setAccessibleName(self.tr("Recovery key"))
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSize(16)
        self.key_label.setFont(mono)
        layout.addWidget(self.key_label)
        rules = QLabel(self._rules_html())
        rules.setObjectName("recoveryRules")
        rules.setWordWrap(True)
        layout.addWidget(rules)
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setObjectName("printRecoveryButton")
        self.print_button.setAccessibleName(self.tr("Print the recovery sheet"))
        self.print_button.clicked.connect(self.ask_and_print)
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.confirm = QCheckBox(
            self.tr("I have written down or printed the recovery key and put it in the locked safe")
        )
        self.confirm.setObjectName("recoveryConfirmed")
        self.confirm.setAccessibleName(self.tr("The recovery key is in the safe"))
        self.confirm.toggled.connect(self.confirmed)
        layout.addWidget(self.confirm)

    def _rules(self) -> list[str]:
        return [
            self.tr("Keep the sheet in the locked safe, in a sealed envelope."),
            self.tr(
                "Never keep it on this PC, in e-mail, in a chat or as a photo; never copy it "
                "into a file."
            ),
            self.tr(
                "It is needed only when every supervisor password is lost or the key file is "
                "damaged; then type it at the login screen (Use the recovery sheet…). The fifth "
                "character of each group is a check character that catches typing mistakes."
            ),
            self.tr("Shred it when the vault has been erased at the end of the contract."),
        ]

    def _rules_html(self) -> str:
        items = "".join(f"<li>{html.escape(rule)}</li>" for rule in self._rules())
        return f"<ul>{items}</ul>"

    def sheet_document(self) -> QTextDocument:
        """The printed sheet: title, vault, date, the key in large digits, the rules."""
        key_lines = "<br>".join(html.escape(line) for line in self._groups.splitlines())
        title = html.escape(self.tr("Recovery sheet — {app}").format(app=APP_NAME))
        facts = html.escape(
            self.tr("Vault: {name} — made on {date}").format(
                name=self._vault_name or "-", date=self._created
            )
        )
        body = (
            f"<h1>{title}</h1><p>{facts}</p>"
            f"<p style='font-family: monospace; font-size: 20pt;'>{key_lines}</p>"
            f"{self._rules_html()}"
        )
        document = QTextDocument()
        document.setHtml(body)
        return document

    def print_sheet(self, printer: QPrinter) -> None:
        self.sheet_document().print_(printer)

    def ask_and_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("recoveryPrintDialog")
        # The key must never become a file: no "print to file" (PDF), and a printer that
        # writes a file (Microsoft Print to PDF) is refused below.
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat or printer.outputFileName():
            QMessageBox.warning(
                self,
                self.tr("Not printed"),
                self.tr(
                    "This printer writes a file; the recovery key must never be stored in a "
                    "file. Choose a paper printer, or write the key down by hand."
                ),
            )
            return
        self.print_sheet(printer)

    def forget(self) -> None:
        """Take the key off the screen once it is in the safe."""
        self.key_label.clear()
        self._groups = ""


class RecoverySheetDialog(QDialog):
    """The recovery sheet on its own, for when the data key has been replaced."""

    def __init__(
        self, data_key: bytes | bytearray, vault_name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoverySheetDialog")
        self.setWindowTitle(self.tr("Recovery sheet"))
        layout = QVBoxLayout(self)
        self.sheet = RecoverySheet(data_key, vault_name, self)
        layout.addWidget(self.sheet)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.setObjectName("recoveryButtons")
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.sheet.confirmed.connect(ok.setEnabled)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def reject(self) -> None:
        # Closing before the key is in the safe would lose it for good.
        if self.sheet.confirm.isChecked():
            super().reject()
