"""Fixtures for the window tests: a logged-in main window on the test vault."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import OPERATOR, TestVault
from ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Per-test settings file, so tests never touch the user's real settings."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def main_window(qtbot: QtBot, test_vault: TestVault, settings: QSettings) -> Iterator[MainWindow]:
    vault = test_vault.vault(OPERATOR)
    from reservations.session import Session
    from reservations.store import SqlCipherStore

    session = Session(SqlCipherStore(vault.conn), vault.account, test_vault.clock)
    window = MainWindow(vault, session, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def commit_text(widget: QWidget, text: str) -> None:
    """Type ``text`` the way a Japanese IME delivers it: one committed string."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


W = TypeVar("W", bound=QObject)


def child(parent: QObject, kind: type[W], name: str) -> W:
    """The descendant of ``parent`` named ``name`` (its objectName), of type ``kind``."""
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found
