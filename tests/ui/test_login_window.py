"""Logging in through the key slot, and the DEMO banner on a demo vault."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView
from pytestqt.qtbot import QtBot

from reservations.demo import build_demo
from reservations.keyslots import TEST_KDF
from ui.login import LoginDialog
from ui.main_window import MainWindow


def test_wrong_password_then_login_shows_demo_banner(
    qtbot: QtBot, tmp_path: Path, settings: QSettings
) -> None:
    path = tmp_path / "demo.db"
    build_demo(path, reservations=40, seed=3, kdf=TEST_KDF)
    dialog = LoginDialog(path)
    qtbot.addWidget(dialog)
    account = dialog.findChild(QLineEdit, "accountEdit")
    password = dialog.findChild(QLineEdit, "passwordEdit")
    message = dialog.findChild(QLabel, "loginMessage")
    assert account is not None and password is not None and message is not None
    account.setText("operator")
    password.setText("not-the-password")
    dialog.try_login()
    assert password.text() == ""
    assert message.text() != "" and dialog.vault is None
    unknown_account_message = message.text()
    account.setText("nobody")
    password.setText("not-the-password")
    dialog.try_login()
    assert message.text() == unknown_account_message  # does not reveal which accounts exist

    account.setText("operator")
    password.setText("uketsuke-demo-2022")
    dialog.try_login()
    assert dialog.vault is not None and dialog.session is not None
    window = MainWindow(dialog.vault, dialog.session, settings)
    qtbot.addWidget(window)
    banner = window.findChild(QLabel, "demoBanner")
    assert banner is not None and "DEMO" in banner.text()
    slots = window.findChild(QTableView, "slotTable")
    assert slots is not None and slots.model().rowCount() > 0
    assert "operator" in window.windowTitle() and "demo.db" in window.windowTitle()
    status = window.findChild(QLabel, "statusLabel")
    assert status is not None and "operator" in status.text()
    window.close()
