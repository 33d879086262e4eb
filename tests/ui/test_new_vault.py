"""Creating a vault from the window when there is none yet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from reservations.keyslots import TEST_KDF, KeySlotFile, parse_recovery_key
from reservations.session import open_session
from reservations.vault import connect, key_file_path
from ui.new_vault import NewVaultDialog, RecoverySheetDialog


def test_create_a_vault_and_see_the_recovery_key_once(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "vault.db"
    dialog = NewVaultDialog(path, kdf=TEST_KDF)
    qtbot.addWidget(dialog)
    dialog.account_edit.setText("chief")
    dialog.password_edit.setText("long-enough-password")
    dialog.repeat_edit.setText("long-enough-passwort")
    dialog.create_vault()
    assert dialog.vault is None and not path.exists()
    assert dialog.message.text() != ""
    dialog.repeat_edit.setText("long-enough-password")
    dialog.create_vault()
    assert dialog.vault is not None and dialog.data_key is not None
    dialog.vault.close()

    sheet = RecoverySheetDialog(dialog.data_key)
    qtbot.addWidget(sheet)
    key_text = sheet.findChild(QLabel, "recoveryKeyLabel").text()
    ok = sheet.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    sheet.findChild(QCheckBox, "recoveryConfirmed").setChecked(True)
    assert ok.isEnabled()
    # The sheet opens the database without the application or a password.
    connect(path, parse_recovery_key(key_text)).close()
    assert KeySlotFile.load(key_file_path(path)).accounts() == ["chief"]
    vault, session = open_session(path, "chief", "long-enough-password")
    assert session.account.role.value == "supervisor"
    vault.close()
