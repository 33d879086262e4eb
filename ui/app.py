"""Starting the window: language, fonts, login (or no vault yet), then the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from reservations import APP_NAME, errors
from reservations.hardening import disable_core_dumps
from reservations.paths import vault_path_from
from reservations.session import Session, start_session
from reservations.vault import Vault
from ui.i18n import DEFAULT_LANGUAGE, install_translator
from ui.login import LoginDialog
from ui.new_vault import NewVaultDialog, RecoverySheetDialog

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


def _no_vault(db_path: Path) -> Path | tuple[Vault, Session] | None:
    """There is no vault yet: say so, and offer to create one here or open a file."""
    box = QMessageBox()
    box.setObjectName("noVaultBox")
    box.setWindowTitle(APP_NAME)
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(
        QApplication.translate("run_app", "There is no vault at {path}.").format(path=db_path)
    )
    box.setInformativeText(
        QApplication.translate(
            "run_app", "Create a new vault here, or open an existing vault file."
        )
    )
    create_button = box.addButton(
        QApplication.translate("run_app", "Create a new vault…"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    open_button = box.addButton(
        QApplication.translate("run_app", "Open a vault file…"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QApplication.translate("run_app", "Quit"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is create_button:
        return _create_vault(db_path)
    if box.clickedButton() is not open_button:
        return None
    path, _ = QFileDialog.getOpenFileName(
        None,
        QApplication.translate("run_app", "Open a vault"),
        str(db_path.parent),
        QApplication.translate("run_app", "Vault (*.db);;All files (*)"),
        options=QFileDialog.Option.DontUseNativeDialog,
    )
    return Path(path) if path else None


def _create_vault(db_path: Path) -> tuple[Vault, Session] | None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    dialog = NewVaultDialog(db_path)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.vault is None:
        return None
    assert dialog.data_key is not None
    RecoverySheetDialog(dialog.data_key).exec()
    for i in range(len(dialog.data_key)):
        dialog.data_key[i] = 0
    return dialog.vault, start_session(dialog.vault)


def run_app(db_arg: str | None) -> int:
    # Before any secret exists in this process: a crash must not write one to a core file.
    disable_core_dumps()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName("ReservationDesk")
    app.setApplicationName("resdesk")
    settings = QSettings()
    install_translator(app, str(settings.value("language", DEFAULT_LANGUAGE)))
    choose_ui_font(app)
    db_path = vault_path_from(db_arg)
    opened: tuple[Vault, Session] | None = None
    if not db_path.exists():
        chosen = _no_vault(db_path)
        if chosen is None:
            return int(errors.ExitCode.STORAGE)
        if isinstance(chosen, tuple):
            opened = chosen
        else:
            db_path = chosen
    if opened is None:
        login = LoginDialog(db_path)
        accepted = login.exec() == QDialog.DialogCode.Accepted
        if not accepted or login.vault is None or login.session is None:
            return int(errors.ExitCode.AUTHENTICATION)
        opened = (login.vault, login.session)
    desk = _Desk(app, settings)
    desk.open(*opened)
    return int(app.exec())


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
