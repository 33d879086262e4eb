"""An account's first login with its one-time initial password asks for its own password."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from reservations.accounts import AccountService
from reservations.domain import Role
from reservations.keyslots import TEST_KDF
from reservations.session import open_session
from tests.conftest import SUPERVISOR, TestVault
from ui.login import ChangePasswordDialog, LoginDialog


def test_initial_password_must_be_changed_in_the_window(
    qtbot: QtBot, test_vault: TestVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, session = open_session(test_vault.path, *SUPERVISOR)
    AccountService(session, vault, kdf=TEST_KDF).add(
        "clerk", Role.OPERATOR, "one-time-initial-2022"
    )
    vault.close()

    def change(self: LoginDialog) -> bool:
        assert self.vault is not None and self.session is not None
        dialog = ChangePasswordDialog(self.vault, self.session, self)
        qtbot.addWidget(dialog)
        dialog.new_edit.setText("short")
        dialog.repeat_edit.setText("short")
        dialog.save()
        assert dialog.message.text() != "" and dialog.result() == 0
        dialog.new_edit.setText("my-own-password-2022")
        dialog.repeat_edit.setText("my-own-password-2022")
        dialog.save()
        return dialog.result() == 1

    monkeypatch.setattr(LoginDialog, "_change_initial_password", change)
    login = LoginDialog(test_vault.path)
    qtbot.addWidget(login)
    login.account_edit.setText("clerk")
    login.password_edit.setText("one-time-initial-2022")
    login.try_login()
    assert login.session is not None and login.vault is not None
    login.vault.close()
    again, second = open_session(test_vault.path, "clerk", "my-own-password-2022")
    assert not second.must_change_password
    again.close()
