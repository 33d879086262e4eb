"""Starting the window: language, fonts, login (or the first-run wizard), then the desk."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from reservations import APP_NAME, errors
from reservations.hardening import disable_core_dumps
from reservations.paths import vault_path_from
from reservations.session import Session
from reservations.vault import Vault
from ui.crash import install_crash_handler
from ui.i18n import DEFAULT_LANGUAGE, install_translator
from ui.login import LoginDialog

if TYPE_CHECKING:
    from ui.first_run import FirstRunWizard

ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "resdesk.png"

__all__ = ["LoginDialog", "run_app", "choose_ui_font"]

# Fonts that have every Japanese glyph the screens need, in order of preference:
# Windows ships Yu Gothic UI and Meiryo; Debian fonts-noto-cjk and fonts-ipaexfont-gothic.
_JAPANESE_FONTS = (
    "Yu Gothic UI",
    "Meiryo UI",
    "Meiryo",
    "Noto Sans CJK JP",
    "IPAexGothic",
    "BIZ UDPGothic",
)


def choose_ui_font(app: QApplication) -> str | None:
    """Use a Japanese UI font when one is installed, so kanji and kana never show as tofu."""
    families = set(QFontDatabase.families())
    for family in _JAPANESE_FONTS:
        if family in families:
            font = QFont(family)
            font.setPointSize(max(app.font().pointSize(), 10))
            app.setFont(font)
            return family
    return None


def _no_vault(db_path: Path) -> FirstRunWizard | None:
    """There is no vault yet: the first-run wizard creates one (left open, logged in as its
    first supervisor), or names a vault file to log in to (opened, or restored from a backup
    with the account to fill in).  None when it was closed."""
    # Imported here: the wizard pulls in slot planning, which a normal start does not need
    # before the login window shows.
    from ui.first_run import FirstRunWizard

    wizard = FirstRunWizard(db_path)
    if wizard.exec() != QDialog.DialogCode.Accepted:
        return None
    return wizard


class _FirstPaintExit(QObject):
    """For benchmarks/bench_build.py: end the process when the login dialog first paints, so
    that the time from spawn to exit is the start-up a user waits through (the frozen build
    and ``python -m`` alike).  Set only by the benchmark's environment."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.objectName() == "loginDialog"
        ):
            os._exit(0)
        return False


def _exit_at_first_paint(app: QApplication) -> None:
    probe = _FirstPaintExit(app)
    app.installEventFilter(probe)


def run_app(db_arg: str | None) -> int:
    # Before any secret exists in this process: a crash must not write one to a core file.
    disable_core_dumps()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName("ReservationDesk")
    app.setApplicationName("resdesk")
    app.setWindowIcon(QIcon(str(ICON)))
    install_crash_handler()
    if os.environ.get("RESDESK_EXIT_AT_FIRST_PAINT") == "1":
        _exit_at_first_paint(app)
    settings = QSettings()
    install_translator(app, str(settings.value("language", DEFAULT_LANGUAGE)))
    choose_ui_font(app)
    try:
        return _start(app, settings, db_arg)
    except errors.ReservationError as exc:
        # Before the main window runs (a busy or damaged vault while it is being built): one
        # sentence in a box, never a traceback, also in the windowed build without a console.
        from PySide6.QtWidgets import QMessageBox

        from ui.i18n import error_text

        QMessageBox.critical(None, APP_NAME, error_text(exc))
        return int(exc.exit_code)


def _start(app: QApplication, settings: QSettings, db_arg: str | None) -> int:
    db_path = _remembered_vault(settings, db_arg)
    opened: tuple[Vault, Session] | None = None
    account = ""
    if not db_path.exists():
        wizard = _no_vault(db_path)
        if wizard is None:
            return int(errors.ExitCode.STORAGE)
        if wizard.vault is not None and wizard.session is not None:
            opened = (wizard.vault, wizard.session)
        elif wizard.open_path is not None:
            db_path, account = wizard.open_path, wizard.login_account
        else:
            return int(errors.ExitCode.STORAGE)
    if opened is None:
        login = LoginDialog(db_path, account=account)
        accepted = login.exec() == QDialog.DialogCode.Accepted
        if not accepted or login.vault is None or login.session is None:
            return int(errors.ExitCode.AUTHENTICATION)
        opened = (login.vault, login.session)
    # Only a path, nothing personal: the next start opens the same vault without the wizard.
    settings.setValue(VAULT_PATH_KEY, str(opened[0].db_path.absolute()))
    desk = _Desk(app, settings)
    desk.open(*opened)
    return int(app.exec())


VAULT_PATH_KEY = "vault_path"


def _remembered_vault(settings: QSettings, db_arg: str | None) -> Path:
    """``--db`` / ``RESDESK_DB`` / the default; else the vault last opened in this window
    when the default has none (a vault opened from another folder with the wizard)."""
    db_path = vault_path_from(db_arg)
    if db_arg or os.environ.get("RESDESK_DB") or db_path.exists():
        return db_path
    remembered = settings.value(VAULT_PATH_KEY)
    if isinstance(remembered, str) and remembered and Path(remembered).exists():
        return Path(remembered)
    return db_path


class _Desk:
    """The one main window, and logging in as another account from its lock page."""

    def __init__(self, app: QApplication, settings: QSettings) -> None:
        self._app = app
        self._settings = settings
        self.window: QWidget | None = None

    def open(self, vault: Vault, session: Session) -> None:
        # Imported after login: the login window then shows without waiting for the screens.
        from ui.main_window import MainWindow

        window = MainWindow(vault, session, self._settings)
        window.switch_account_requested.connect(self.switch_account)
        window.show()
        self.window = window

    def switch_account(self) -> None:
        """End this session (closing the window closes the vault), then log in anew; quit
        when the login is abandoned."""
        from ui.main_window import MainWindow

        window = self.window
        if not isinstance(window, MainWindow):
            return
        db_path = window.db_path
        self._app.setQuitOnLastWindowClosed(False)
        try:
            window.close()
            window.deleteLater()
            self.window = None
            login = LoginDialog(db_path)
            accepted = login.exec() == QDialog.DialogCode.Accepted
        finally:
            self._app.setQuitOnLastWindowClosed(True)
        if not accepted or login.vault is None or login.session is None:
            self._app.quit()
            return
        self.open(login.vault, login.session)
