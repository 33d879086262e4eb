"""Copying a resident's name or phone number: the clipboard forgets it again after 30 seconds.

Other programs (and clipboard managers) can read the clipboard at any time, so a copied phone
number must not stay there for the rest of the day.  ``copy_sensitive`` puts the text there,
asks clipboard managers not to keep it, and clears it after ``seconds`` unless something else
was copied meanwhile (the user's own copy is never wiped).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

__all__ = ["SENSITIVE_CLIPBOARD_SECONDS", "ClearTimer", "clear_sensitive_now", "copy_sensitive"]

SENSITIVE_CLIPBOARD_SECONDS = 30

# Hints that clipboard managers honour: KDE Klipper (and others reading the KDE hint) skip
# "secret" entries; Windows 10+ keeps such data out of the clipboard history (Win+V), the cloud
# clipboard and monitoring tools.  Qt passes "application/x-qt-windows-mime;value=..." formats
# through to Windows under the given name.
_KDE_HINT = "x-kde-passwordManagerHint"
_WINDOWS_MIME = 'application/x-qt-windows-mime;value="{}"'
_DWORD_ZERO = b"\x00\x00\x00\x00"


class ClearTimer(QTimer):
    """Clears the clipboard when it fires, if it still holds the text that was copied."""

    def __init__(self, clipboard: QClipboard, text: str, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else clipboard)
        self.setSingleShot(True)
        self._clipboard: QClipboard | None = clipboard
        self._text = text
        self.timeout.connect(self.clear_if_unchanged)

    def clear_if_unchanged(self) -> bool:
        """Clear now when the clipboard still holds our text; True when it did."""
        self.stop()
        clipboard, self._clipboard = self._clipboard, None
        text, self._text = self._text, ""
        self.deleteLater()
        if clipboard is None or not text:
            return False
        if clipboard.text(QClipboard.Mode.Clipboard) != text:
            return False
        clipboard.clear(QClipboard.Mode.Clipboard)
        return True


def _sensitive_mime(text: str) -> QMimeData:
    mime = QMimeData()
    mime.setText(text)
    mime.setData(_KDE_HINT, b"secret")
    mime.setData(_WINDOWS_MIME.format("ExcludeClipboardContentFromMonitorProcessing"), b"1")
    mime.setData(_WINDOWS_MIME.format("CanIncludeInClipboardHistory"), _DWORD_ZERO)
    mime.setData(_WINDOWS_MIME.format("CanUploadToCloudClipboard"), _DWORD_ZERO)
    return mime


def copy_sensitive(
    text: str,
    clipboard: QClipboard | None = None,
    seconds: float = SENSITIVE_CLIPBOARD_SECONDS,
    *,
    timer_parent: QObject | None = None,
) -> ClearTimer:
    """Put ``text`` on the clipboard and clear it after ``seconds`` if still unchanged.

    Returns the started timer (tests may fire it early with ``clear_if_unchanged``).  Only the
    clipboard, never the X11 primary selection, gets the text.
    """
    board = clipboard if clipboard is not None else QGuiApplication.clipboard()
    board.setMimeData(_sensitive_mime(text), QClipboard.Mode.Clipboard)
    timer = ClearTimer(board, text, timer_parent)
    timer.start(max(0, round(seconds * 1000)))
    return timer


def clear_sensitive_now(clipboard: QClipboard | None = None) -> int:
    """Clear at once whatever ``copy_sensitive`` put on the clipboard and is still there
    (called when the window locks and when it closes).  Returns how many timers fired."""
    board = clipboard if clipboard is not None else QGuiApplication.clipboard()
    fired = 0
    for timer in board.findChildren(ClearTimer):
        if timer.isActive():
            timer.clear_if_unchanged()
            fired += 1
    return fired
