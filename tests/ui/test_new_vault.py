"""The pieces of creating a vault: the supervisor's form and the recovery sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from reservations.keyslots import (
    TEST_KDF,
    KeySlotFile,
    parse_recovery_key,
    recovery_sheet_groups,
)
from reservations.session import open_session
from reservations.vault import connect, key_file_path
from ui.new_vault import RecoverySheetDialog, SupervisorForm


def test_create_a_vault_and_see_the_recovery_key_once(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "vault.db"
    form = SupervisorForm(path)
    qtbot.addWidget(form)
    form.account_edit.setText("chief")
    form.password_edit.setText("long-enough-password")
    form.repeat_edit.setText("long-enough-passwort")
    assert form.create_vault(path, kdf=TEST_KDF) is None
    assert not path.exists() and form.message.text() != ""
    form.password_edit.setText("chief-chief")
    form.repeat_edit.setText("chief-chief")
    assert form.create_vault(path, kdf=TEST_KDF) is None and not path.exists()
    form.password_edit.setText("long-enough-password")
    form.repeat_edit.setText("long-enough-password")
    created = form.create_vault(path, kdf=TEST_KDF)
    assert created is not None and form.password_edit.text() == ""
    vault, data_key = created
    vault.close()

    dialog = RecoverySheetDialog(data_key, path.name)
    qtbot.addWidget(dialog)
    key_text = dialog.sheet.key_label.text()
    buttons = dialog.findChild(QDialogButtonBox, "recoveryButtons")
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.show()
    dialog.reject()  # closing before the tick would lose the key
    assert dialog.isVisible()
    dialog.sheet.confirm.setChecked(True)
    assert ok.isEnabled()
    # The sheet opens the database without the application or a password.
    connect(path, parse_recovery_key(key_text)).close()
    assert KeySlotFile.load(key_file_path(path)).accounts() == ["chief"]
    vault, session = open_session(path, "chief", "long-enough-password")
    assert session.account.role.value == "supervisor"
    vault.close()


def test_the_printed_sheet_holds_the_key(qtbot: QtBot, tmp_path: Path) -> None:
    key = bytes(range(32))
    dialog = RecoverySheetDialog(key, "vault.db")
    qtbot.addWidget(dialog)
    document = dialog.sheet.sheet_document()
    text = document.toPlainText()
    assert all(line in text for line in recovery_sheet_groups(key).splitlines())
    assert "vault.db" in text
    # The printer is the world outside: print to a PDF file instead of a device.
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "sheet.pdf"))
    dialog.sheet.print_sheet(printer)
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")
