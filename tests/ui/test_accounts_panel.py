"""The supervisor's account screen on a real vault: add, reset, disable, enable, remove, roles,
the last-supervisor refusal in the message label, the dialogs' checks, and who gets the tab."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from reservations import errors
from reservations.accounts import AccountInfo
from reservations.domain import Role
from reservations.keyslots import TEST_KDF
from reservations.session import Session, open_session
from reservations.vault import Vault
from tests.conftest import OPERATOR, SUPERVISOR, TestVault
from ui.accounts_panel import (
    AccountsPanel,
    AccountTableModel,
    NewAccountDialog,
    PasswordDialog,
)
from ui.main_window import MainWindow
from ui.models import ObjectRole

INITIAL = "one-time-initial-2022"


class ScriptedPanel(AccountsPanel):
    """The panel with its dialogs answered from lists instead of modal loops."""

    def __init__(self, session: Session, vault: Vault) -> None:
        self.new_accounts: list[tuple[str, Role, str] | None] = []
        self.passwords: list[str | None] = []
        self.roles: list[Role | None] = []
        self.confirmations: list[bool] = []
        self.asked: list[str] = []
        super().__init__(session, vault, kdf=TEST_KDF)

    def _ask_new_account(self) -> tuple[str, Role, str] | None:
        return self.new_accounts.pop(0)

    def _ask_password(self, title: str, account: str) -> str | None:
        self.asked.append(title)
        return self.passwords.pop(0)

    def _ask_role(self, info: AccountInfo) -> Role | None:
        return self.roles.pop(0)

    def _confirm(self, text: str) -> bool:
        self.asked.append(text)
        return self.confirmations.pop(0)


@pytest.fixture
def supervisor_vault(test_vault: TestVault) -> Iterator[tuple[Vault, Session]]:
    vault, session = open_session(test_vault.path, *SUPERVISOR, clock=test_vault.clock)
    yield vault, session
    vault.close()


@pytest.fixture
def panel(qtbot: QtBot, supervisor_vault: tuple[Vault, Session]) -> ScriptedPanel:
    widget = ScriptedPanel(supervisor_vault[1], supervisor_vault[0])
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def rows(panel: AccountsPanel) -> dict[str, tuple[str, str]]:
    model = panel.model
    return {
        model.data(model.index(row, AccountTableModel.NAME)): (
            model.data(model.index(row, AccountTableModel.ROLE)),
            model.data(model.index(row, AccountTableModel.STATE)),
        )
        for row in range(model.rowCount())
    }


def can_log_in(test_vault: TestVault, name: str, password: str) -> bool:
    try:
        vault, _session = open_session(test_vault.path, name, password, clock=test_vault.clock)
    except errors.ReservationError:
        return False
    vault.close()
    return True


def test_the_model_passes_the_model_tester(qtmodeltester: object, panel: ScriptedPanel) -> None:
    model = AccountTableModel()
    model.set_accounts(
        [
            AccountInfo("a", Role.SUPERVISOR, False, "2022-11-17"),
            AccountInfo("b", Role.OPERATOR, True, "2022-11-17"),
            AccountInfo("c", Role.OPERATOR, False, "2022-11-17", must_change_password=True),
            AccountInfo("d", Role.OPERATOR, True, "2022-11-17", removed=True),
        ]
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    states = [model.data(model.index(r, AccountTableModel.STATE)) for r in range(4)]
    assert states == ["Active", "Disabled", "Must change password", "Removed"]
    assert isinstance(model.data(model.index(0, 0), ObjectRole), AccountInfo)


def test_the_widgets_have_object_and_accessible_names(panel: ScriptedPanel) -> None:
    assert panel.objectName() == "accountsPanel"
    assert panel.findChild(QTableView, "accountsTable") is panel.table
    assert panel.findChild(QLabel, "accountsMessage") is panel.message
    for name in (
        "addAccountButton",
        "resetPasswordButton",
        "disableAccountButton",
        "enableAccountButton",
        "removeAccountButton",
        "changeRoleButton",
    ):
        button = panel.findChild(QPushButton, name)
        assert button is not None and button.accessibleName(), name
    assert rows(panel) == {
        SUPERVISOR[0]: ("supervisor", "Active"),
        OPERATOR[0]: ("operator", "Active"),
    }


def test_add_an_operator_who_must_change_the_password(
    panel: ScriptedPanel, test_vault: TestVault
) -> None:
    panel.new_accounts.append(("clerk", Role.OPERATOR, INITIAL))
    panel.add_button.click()
    assert rows(panel)["clerk"] == ("operator", "Must change password")
    assert panel.selected() is not None and panel.selected().name == "clerk"  # type: ignore[union-attr]
    assert "in person" in panel.message.text()
    assert "first login" in panel.message.text()
    vault, session = open_session(test_vault.path, "clerk", INITIAL, clock=test_vault.clock)
    assert session.must_change_password and session.account.role is Role.OPERATOR
    vault.close()

    # The same name again: the service refuses, the label says so, nothing changes.
    panel.new_accounts.append(("clerk", Role.SUPERVISOR, INITIAL))
    panel.add_button.click()
    assert "already exists" in panel.message.text()
    assert rows(panel)["clerk"] == ("operator", "Must change password")

    # Cancelled: nothing happens.
    panel.new_accounts.append(None)
    panel.add_button.click()
    assert len(rows(panel)) == 3


def test_reset_a_forgotten_password(panel: ScriptedPanel, test_vault: TestVault) -> None:
    assert panel.select_account(OPERATOR[0])
    panel.passwords.append("a-brand-new-one-2022")
    panel.reset_button.click()
    assert OPERATOR[0] in panel.asked[0]
    assert rows(panel)[OPERATOR[0]] == ("operator", "Must change password")
    assert not can_log_in(test_vault, *OPERATOR)
    assert can_log_in(test_vault, OPERATOR[0], "a-brand-new-one-2022")

    panel.passwords.append(None)  # cancelled
    panel.reset_button.click()
    assert can_log_in(test_vault, OPERATOR[0], "a-brand-new-one-2022")

    # A supervisor changes their own password elsewhere, so the button is off for them.
    assert panel.select_account(SUPERVISOR[0])
    assert not panel.reset_button.isEnabled()


def test_disable_and_enable(panel: ScriptedPanel, test_vault: TestVault) -> None:
    assert panel.select_account(OPERATOR[0])
    assert panel.disable_button.isEnabled() and not panel.enable_button.isEnabled()
    panel.disable_button.click()
    assert rows(panel)[OPERATOR[0]] == ("operator", "Disabled")
    assert not can_log_in(test_vault, *OPERATOR)
    assert not panel.disable_button.isEnabled() and panel.enable_button.isEnabled()
    panel.enable_button.click()
    assert rows(panel)[OPERATOR[0]] == ("operator", "Active")
    assert can_log_in(test_vault, *OPERATOR)


def test_remove_asks_once_and_destroys_the_key_slot(
    panel: ScriptedPanel, test_vault: TestVault
) -> None:
    assert panel.select_account(OPERATOR[0])
    panel.confirmations.append(False)
    panel.remove_button.click()
    assert "key slot is destroyed" in panel.asked[-1]
    assert rows(panel)[OPERATOR[0]] == ("operator", "Active")

    panel.confirmations.append(True)
    panel.remove_button.click()
    assert rows(panel)[OPERATOR[0]] == ("operator", "Removed")
    assert not can_log_in(test_vault, *OPERATOR)
    for button in (
        panel.reset_button,
        panel.disable_button,
        panel.enable_button,
        panel.remove_button,
        panel.role_button,
    ):
        assert not button.isEnabled(), button.objectName()


def test_the_last_supervisor_is_refused_in_the_label(panel: ScriptedPanel) -> None:
    assert panel.select_account(SUPERVISOR[0])
    panel.disable_button.click()
    assert "last active supervisor" in panel.message.text()
    assert rows(panel)[SUPERVISOR[0]] == ("supervisor", "Active")

    panel.roles.append(Role.OPERATOR)
    panel.role_button.click()
    assert "last active supervisor" in panel.message.text()

    panel.confirmations.append(True)
    panel.remove_button.click()
    assert "last active supervisor" in panel.message.text()
    assert rows(panel)[SUPERVISOR[0]] == ("supervisor", "Active")


def test_change_role_then_the_former_last_supervisor_may_step_down(
    panel: ScriptedPanel,
) -> None:
    assert panel.select_account(OPERATOR[0])
    panel.roles.append(Role.SUPERVISOR)
    panel.role_button.click()
    assert rows(panel)[OPERATOR[0]] == ("supervisor", "Active")
    assert panel.select_account(SUPERVISOR[0])
    panel.roles.append(Role.OPERATOR)
    panel.role_button.click()
    assert rows(panel)[SUPERVISOR[0]] == ("operator", "Active")
    assert panel.message.styleSheet() == ""  # a success, not an error


def test_the_new_account_dialog_shows_errors_beside_the_fields(qtbot: QtBot) -> None:
    dialog = NewAccountDialog()
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "newAccountDialog"
    dialog.name_edit.setText("has space")
    dialog.check_and_accept()
    assert dialog.name_error.text() != "" and dialog.result() == 0

    dialog.name_edit.setText("clerk")
    dialog.password.password_edit.setText(INITIAL)
    dialog.password.repeat_edit.setText(INITIAL + "x")
    dialog.check_and_accept()
    assert dialog.name_error.text() == ""
    assert "differ" in dialog.password.error.text() and dialog.result() == 0

    dialog.password.password_edit.setText("short")
    dialog.password.repeat_edit.setText("short")
    dialog.check_and_accept()
    assert "short" in dialog.password.error.text().lower() and dialog.result() == 0

    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.SUPERVISOR.value))
    dialog.password.password_edit.setText(INITIAL)
    dialog.password.repeat_edit.setText(INITIAL)
    dialog.check_and_accept()
    assert dialog.result() == 1
    assert dialog.values() == ("clerk", Role.SUPERVISOR, INITIAL)


def test_the_password_dialog_refuses_the_account_name(qtbot: QtBot) -> None:
    dialog = PasswordDialog("New password for clerk", "clerk")
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "resetPasswordDialog"
    dialog.password.password_edit.setText("clerkclerkclerk")
    dialog.password.repeat_edit.setText("clerkclerkclerk")
    dialog.check_and_accept()
    assert "account name" in dialog.password.error.text() and dialog.result() == 0


def test_only_a_supervisors_window_has_the_accounts_tab(
    qtbot: QtBot, main_window: MainWindow, test_vault: TestVault, settings: QSettings
) -> None:
    assert main_window.accounts_panel is None
    assert main_window.findChild(AccountsPanel) is None
    assert main_window.tabs.count() == 5

    vault, session = open_session(test_vault.path, *SUPERVISOR, clock=test_vault.clock)
    window = MainWindow(vault, session, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        assert window.accounts_panel is not None
        assert window.tabs.count() == 9
        window.show_tab(5)
        assert window.tabs.currentWidget() is window.accounts_panel
        window.show_tab(4)
        assert window.tabs.currentWidget() is window.audit_viewer
    finally:
        window.close()
