"""Small dialogs every screen uses: one yes/no question before a change is saved."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def ask_yes_no(parent: QWidget, title: str, text: str, *, default_yes: bool = True) -> bool:
    """Qt's own (not the platform's) question box, so a future lock screen can hide it too."""
    default = QMessageBox.StandardButton.Yes if default_yes else QMessageBox.StandardButton.No
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        default,
    )
    return answer == QMessageBox.StandardButton.Yes


def wait_after_failed_attempts(widget: QWidget, message: QLabel, seconds: float) -> None:
    """The growing delay after failed passwords (login and lock screen alike), without
    freezing the window: ``widget`` takes no input meanwhile, ``message`` says why."""
    if seconds <= 0:
        return
    message.setText(
        QCoreApplication.translate(
            "PasswordDelay", "Several failed attempts: please wait {n} seconds."
        ).format(n=int(seconds))
    )
    widget.setEnabled(False)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    widget.setEnabled(True)
