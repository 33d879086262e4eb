"""The login screen's recovery-sheet entry and the sheet shown after an interrupted rekey."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reservations.keyslots import recovery_sheet_groups
from reservations.rekey import rekey
from reservations.session import open_session
from reservations.vault import key_file_path
from tests.conftest import OPERATOR, SUPERVISOR, TestVault
from ui.login import LoginDialog
from ui.recover import RecoverWithSheetDialog

NEW_PASSWORD = "recovered-password-2022"


def _focused(dialog: QWidget) -> QWidget:
    widget = dialog.focusWidget()
    assert widget is not None
    return widget


def test_recovery_sheet_from_the_login_screen_rebuilds_a_lost_key_file(
    qtbot: QtBot, test_vault: TestVault
) -> None:
    test_vault.close()
    key_file_path(test_vault.path).unlink()
    login = LoginDialog(test_vault.path, account="chief")
    qtbot.addWidget(login)
    login.show()
    sheet = recovery_sheet_groups(test_vault.data_key)
    seen: list[RecoverWithSheetDialog] = []

    def fill_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoverWithSheetDialog):
            QTimer.singleShot(10, fill_the_dialog)
            return
        seen.append(dialog)
        try:
            drive(dialog)
        finally:
            # Never leave a modal loop running: a failed step fails the test, not hangs it.
            if dialog.isVisible():
                dialog.reject()

    def drive(dialog: RecoverWithSheetDialog) -> None:
        # Keys to the focused widget: the sheet box first, Tab to the next fields.
        qtbot.keyClicks(_focused(dialog), sheet.replace("\n", " "))
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Tab)
        assert _focused(dialog) is dialog.account_edit
        assert dialog.account_edit.text() == "chief"
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Tab)
        qtbot.keyClicks(_focused(dialog), NEW_PASSWORD)
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Tab)
        qtbot.keyClicks(_focused(dialog), NEW_PASSWORD)
        qtbot.keyClick(_focused(dialog), Qt.Key.Key_Return)

    QTimer.singleShot(0, fill_the_dialog)
    button = login.findChild(QPushButton, "recoverWithSheetButton")
    assert button is not None
    button.click()
    assert seen and seen[0].result_account == "chief"
    message = login.findChild(QLabel, "loginMessage")
    assert message is not None and "op1" in message.text()
    password = login.findChild(QLineEdit, "passwordEdit")
    assert password is not None and login.focusWidget() is password
    password.setText(NEW_PASSWORD)
    login.try_login()
    assert login.vault is not None
    login.vault.close()


def test_a_mistyped_group_is_named_in_the_dialog(qtbot: QtBot, test_vault: TestVault) -> None:
    test_vault.close()
    keys_before = key_file_path(test_vault.path).read_bytes()
    dialog = RecoverWithSheetDialog(test_vault.path, "chief")
    qtbot.addWidget(dialog)
    groups = recovery_sheet_groups(test_vault.data_key).split()
    groups[0] = ("1" if groups[0][0] != "1" else "2") + groups[0][1:]
    editor = dialog.findChild(QPlainTextEdit, "recoverySheetEdit")
    assert editor is not None
    editor.setPlainText(" ".join(groups))
    dialog.password_edit.setText(NEW_PASSWORD)
    dialog.repeat_edit.setText(NEW_PASSWORD)
    dialog.recover()
    assert dialog.result_account is None
    assert dialog.message.text() != ""
    assert "1" in dialog.message.text()
    assert key_file_path(test_vault.path).read_bytes() == keys_before


class _Interrupted(Exception):
    pass


def _interrupt_a_rekey(tv: TestVault) -> None:
    vault, session = open_session(tv.path, *SUPERVISOR, clock=tv.clock)

    def stop(name: str) -> None:
        if name == "database-rekeyed":
            raise _Interrupted

    try:
        with pytest.raises(_Interrupted):
            rekey(session, vault, checkpoint=stop)
    finally:
        vault.close()


class _SheetRecorder(LoginDialog):
    shown: list[bytes]

    def _show_new_recovery_sheet(self) -> None:
        assert self.vault is not None
        self.shown.append(bytes(self.vault.keys.data_key))


def test_an_interrupted_rekey_shows_the_supervisor_the_new_sheet(
    qtbot: QtBot, test_vault: TestVault
) -> None:
    test_vault.close()
    _interrupt_a_rekey(test_vault)
    operator = _SheetRecorder(test_vault.path, account=OPERATOR[0])
    operator.shown = []
    qtbot.addWidget(operator)
    operator.password_edit.setText(OPERATOR[1])
    operator.try_login()
    assert operator.vault is None and operator.shown == []
    assert operator.message.text() != ""
    supervisor = _SheetRecorder(test_vault.path, account=SUPERVISOR[0])
    supervisor.shown = []
    qtbot.addWidget(supervisor)
    supervisor.password_edit.setText(SUPERVISOR[1])
    supervisor.try_login()
    assert supervisor.vault is not None
    assert len(supervisor.shown) == 1 and supervisor.shown[0] != test_vault.data_key
    supervisor.vault.close()
    # Finished: the operator gets in now.
    operator.password_edit.setText(OPERATOR[1])
    operator.try_login()
    assert operator.vault is not None
    operator.vault.close()
