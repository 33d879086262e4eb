"""A small non-modal notice at the bottom of a screen that says what was just done and offers
to undo it for a few seconds (the way a mail client offers "Undo send").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

# Long enough to hear the caller say "no, not that one", short enough not to linger.
DEFAULT_TIMEOUT_MS = 8000


class UndoToast(QFrame):
    """A message and an "Undo" button; hides itself after ``timeout_ms``.

    The undo callback runs at most once, and only while the toast is shown: once it has
    expired or a new message replaced it, the earlier action can no longer be undone here.

    Signals:
        expired(): the toast hid itself after its timeout.
    """

    expired = Signal()

    def __init__(self, parent: QWidget | None = None, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
        super().__init__(parent)
        self.setObjectName("undoToast")
        self.setAccessibleName(self.tr("Notice"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#undoToast { background: #323232; border-radius: 4px; }"
            "#undoToast QLabel { color: white; }"
        )
        self._undo: Callable[[], None] | None = None

        self.message = QLabel()
        self.message.setObjectName("undoMessage")
        self.message.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("&Undo (Ctrl+Z)"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setAccessibleName(self.tr("Undo"))
        self.undo_button.clicked.connect(self.undo)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.undo_button)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self._expire)
        self.hide()

    def set_timeout(self, timeout_ms: int) -> None:
        self.timer.setInterval(timeout_ms)

    def show_message(self, text: str, undo: Callable[[], None] | None = None) -> None:
        """Show ``text``; with ``undo``, offer the Undo button until the toast hides."""
        self._undo = undo
        self.message.setText(text)
        self.undo_button.setVisible(undo is not None)
        self.undo_button.setEnabled(undo is not None)
        self.setAccessibleDescription(text)
        self.show()
        self.timer.start()

    def can_undo(self) -> bool:
        return self._undo is not None and not self.isHidden()

    def undo(self) -> None:
        """Run the pending undo (if any) and hide; the callback reports its own outcome."""
        if not self.can_undo():
            return
        action, self._undo = self._undo, None
        self.timer.stop()
        self.hide()
        assert action is not None
        action()

    def dismiss(self) -> None:
        self._undo = None
        self.timer.stop()
        self.hide()

    def _expire(self) -> None:
        self._undo = None
        self.hide()
        self.expired.emit()
