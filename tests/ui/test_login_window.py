"""The first window: log in through the key slot, see the DEMO banner on a demo vault."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget
from pytestqt.qtbot import QtBot

from reservations.demo import build_demo
from reservations.keyslots import TEST_KDF
from ui.app import LoginDialog, MainWindow


def test_wrong_password_then_login_shows_demo_banner(qtbot: QtBot, tmp_path: Path) -> None:
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
    dialog._try_login()
    assert password.text() == ""
    assert message.text() == "The account name or password is wrong."
    assert dialog.vault is None

    password.setText("uketsuke-demo-2022")
    dialog._try_login()
    assert dialog.vault is not None and dialog.session is not None
    window = MainWindow(dialog.vault, dialog.session)
    qtbot.addWidget(window)
    banner = window.findChild(QLabel, "demoBanner")
    assert banner is not None and "DEMO" in banner.text()
    slots = window.findChild(QListWidget, "slotList")
    assert slots is not None and slots.count() > 0
    assert "operator" in window.windowTitle()
    window.close()
