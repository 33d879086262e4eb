"""The window toolkit's part of ``resdesk --self-test`` (the core's part never imports Qt)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ui.app import choose_ui_font
from ui.help import user_guide_path
from ui.i18n import install_translator
from ui.login import LoginDialog


def check_window_toolkit() -> str:
    """Qt starts (offscreen when there is no display), the Japanese catalogue loads, a
    Japanese UI font is found and the login window builds: what a frozen build most often
    lacks (a platform plugin, a data file)."""
    # Offscreen only on a Linux machine without a display (CI): on Windows the real
    # platform plugin (qwindows) is what a broken build would lack.
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    if install_translator(app, "ja") is None:
        raise RuntimeError("the Japanese catalogue resdesk_ja.qm was not found")
    family = choose_ui_font(app)
    guides = [language for language in ("ja", "en") if user_guide_path(language) is not None]
    if guides != ["ja", "en"]:
        raise RuntimeError("the user guides (F1) are missing from this installation")
    dialog = LoginDialog(Path("self-test.db"))
    title = dialog.windowTitle()
    dialog.deleteLater()
    return (
        f"Qt {app.platformName()}, Japanese catalogue loaded (login: {title}), "
        f"user guides found, UI font {family or 'none found'}"
    )
