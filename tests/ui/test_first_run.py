"""The first-run wizard: create a vault and set it up, restore a backup, or do nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import jpholiday
import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWizard,
)
from pytestqt.qtbot import QtBot

from reservations import errors
from reservations.accounts import AccountService
from reservations.backup import BackupService
from reservations.contract import ContractService
from reservations.domain import Role
from reservations.first_run import center_names, initial_password
from reservations.keyslots import DEFAULT_KDF, TEST_KDF, parse_recovery_key
from reservations.session import open_session
from reservations.slots import SlotService
from reservations.vault import connect, vault_files
from tests.conftest import OPERATOR, SUPERVISOR, TestVault
from tests.ui.conftest import child
from ui.first_run import (
    ContractPage,
    FirstRunWizard,
    OpenPage,
    OperatorsPage,
    RestorePage,
    SlotsPage,
    SupervisorPage,
)

PASSWORD = "a-long-supervisor-password"
Button = QWizard.WizardButton


@pytest.fixture
def wizard_at(qtbot: QtBot) -> Iterator[tuple[QtBot, list[FirstRunWizard]]]:
    made: list[FirstRunWizard] = []
    yield qtbot, made
    for wizard in made:
        if wizard.vault is not None:
            wizard.vault.close()


def _wizard(fixture: tuple[QtBot, list[FirstRunWizard]], path: Path) -> FirstRunWizard:
    qtbot, made = fixture
    wizard = FirstRunWizard(path, kdf=TEST_KDF)
    qtbot.addWidget(wizard)
    made.append(wizard)
    wizard.show()
    return wizard


def _day(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _click(wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    button.click()


def _create_up_to_recovery(wizard: FirstRunWizard) -> SupervisorPage:
    assert wizard.currentId() == FirstRunWizard.CHOOSE
    _click(wizard, Button.NextButton)
    page = wizard.currentPage()
    assert isinstance(page, SupervisorPage)
    page.form.account_edit.setText("chief")
    page.form.password_edit.setText(PASSWORD)
    page.form.repeat_edit.setText(PASSWORD)
    _click(wizard, Button.CommitButton)
    assert wizard.currentId() == FirstRunWizard.RECOVERY
    return page


def test_create_a_vault_and_set_it_up(
    wizard_at: tuple[QtBot, list[FirstRunWizard]], tmp_path: Path
) -> None:
    path = tmp_path / "new-folder" / "vault.db"
    wizard = _wizard(wizard_at, path)
    _click(wizard, Button.NextButton)
    supervisor = wizard.currentPage()
    assert isinstance(supervisor, SupervisorPage)
    supervisor.form.account_edit.setText("chief")
    supervisor.form.password_edit.setText(PASSWORD)
    supervisor.form.repeat_edit.setText(PASSWORD + "x")
    _click(wizard, Button.CommitButton)
    assert wizard.currentId() == FirstRunWizard.SUPERVISOR
    assert supervisor.form.message.text() != "" and not path.exists()
    supervisor.form.repeat_edit.setText(PASSWORD)
    _click(wizard, Button.CommitButton)

    # The recovery sheet: nothing moves on, and the window does not close, until it is ticked.
    assert wizard.currentId() == FirstRunWizard.RECOVERY and path.exists()
    assert not wizard.button(Button.CommitButton).isEnabled()
    wizard.reject()
    assert wizard.isVisible() and wizard.vault is not None
    key_label = child(wizard, QLabel, "recoveryKeyLabel")
    key_text = key_label.text()
    connect(path, parse_recovery_key(key_text)).close()
    child(wizard, QCheckBox, "recoveryConfirmed").setChecked(True)
    _click(wizard, Button.CommitButton)
    assert key_label.text() == "" and wizard.data_key is None
    assert not wizard.button(Button.CancelButton).isVisible()

    contract = wizard.currentPage()
    assert isinstance(contract, ContractPage)
    contract.contractor_edit.setText("株式会社テスト")
    contract.client_edit.setText("新宿区")
    contract.end_edit.setDate(contract.start_edit.date().addDays(-1))
    _click(wizard, Button.NextButton)
    assert wizard.currentId() == FirstRunWizard.CONTRACT and contract.message.text() != ""
    contract.end_edit.setDate(contract.start_edit.date().addDays(200))
    contract.retention_edit.setDate(contract.start_edit.date().addDays(230))
    _click(wizard, Button.NextButton)

    slots = wizard.currentPage()
    assert isinstance(slots, SlotsPage)
    _click(wizard, Button.NextButton)  # no center typed
    assert wizard.currentId() == FirstRunWizard.SLOTS and slots.message.text() != ""
    slots.centers_edit.setPlainText("四谷地域センター\n\n大久保地域センター\n")
    first = _day(slots.first_edit.date())
    slots.last_edit.setDate(slots.first_edit.date().addDays(6))  # one week: exactly five weekdays
    _click(wizard, Button.NextButton)

    operators = wizard.currentPage()
    assert isinstance(operators, OperatorsPage)
    operators.names_edit.setPlainText("op1\nnot a name!")
    _click(wizard, Button.NextButton)
    assert wizard.currentId() == FirstRunWizard.OPERATORS
    assert operators.names_edit.toPlainText() == "not a name!" and operators.message.text()
    operators.names_edit.setPlainText("op2")
    _click(wizard, Button.NextButton)
    assert wizard.currentId() == FirstRunWizard.DONE
    shown = child(wizard, QLabel, "initialPasswordsLabel").text()
    passwords = dict(line.split() for line in shown.splitlines())
    assert sorted(passwords) == ["op1", "op2"]
    _click(wizard, Button.FinishButton)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.session is not None and wizard.session.account.role is Role.SUPERVISOR
    saved = ContractService(wizard.session).get()
    assert (saved.contractor, saved.client) == ("株式会社テスト", "新宿区")
    service = SlotService(wizard.session)
    assert service.list_centers() == ["四谷地域センター", "大久保地域センター"]
    made = service.slots_between(first, first + dt.timedelta(days=6))
    holidays = {
        day
        for day in (first + dt.timedelta(days=n) for n in range(7))
        if day.weekday() < 5 and not _is_working_day(day)
    }
    assert len(made) == 2 * (5 - len(holidays)) * 12  # 10:00–16:00 every 30 minutes
    assert {s.capacity for s in made} == {2}
    assert wizard.vault is not None
    wizard.vault.close()

    vault, session = open_session(path, "chief", PASSWORD)
    vault.close()
    vault, session = open_session(path, "op1", passwords["op1"])
    assert session.must_change_password and session.account.role is Role.OPERATOR
    vault.close()


def _is_working_day(day: dt.date) -> bool:
    return not jpholiday.is_holiday(day)


def test_skipping_and_closing_after_creation_leave_a_valid_vault(
    wizard_at: tuple[QtBot, list[FirstRunWizard]], tmp_path: Path
) -> None:
    path = tmp_path / "vault.db"
    wizard = _wizard(wizard_at, path)
    _create_up_to_recovery(wizard)
    child(wizard, QCheckBox, "recoveryConfirmed").setChecked(True)
    _click(wizard, Button.CommitButton)
    _click(wizard, Button.CustomButton1)  # skip the contract
    assert wizard.currentId() == FirstRunWizard.SLOTS
    wizard.reject()  # the window closed halfway
    assert wizard.vault is None and not wizard.isVisible()
    vault, session = open_session(path, "chief", PASSWORD)
    assert not ContractService(session).get().is_set
    vault.close()


def test_skipping_the_last_steps_finishes(
    wizard_at: tuple[QtBot, list[FirstRunWizard]], tmp_path: Path
) -> None:
    wizard = _wizard(wizard_at, tmp_path / "vault.db")
    _create_up_to_recovery(wizard)
    child(wizard, QCheckBox, "recoveryConfirmed").setChecked(True)
    _click(wizard, Button.CommitButton)
    _click(wizard, Button.CustomButton1)
    _click(wizard, Button.CustomButton1)
    operators = wizard.currentPage()
    assert isinstance(operators, OperatorsPage)
    operators.names_edit.setPlainText("typed-but-skipped")
    _click(wizard, Button.CustomButton1)
    assert wizard.currentId() == FirstRunWizard.DONE
    assert not child(wizard, QLabel, "initialPasswordsLabel").isVisible()
    _click(wizard, Button.FinishButton)
    assert wizard.result() == QWizard.DialogCode.Accepted and wizard.session is not None
    assert wizard.session.account.name == "chief"
    assert wizard.vault is not None
    assert AccountService(wizard.session, wizard.vault).list()[0].name == "chief"
    assert len(AccountService(wizard.session, wizard.vault).list()) == 1


def test_slots_from_a_csv_file(
    wizard_at: tuple[QtBot, list[FirstRunWizard]], tmp_path: Path
) -> None:
    wizard = _wizard(wizard_at, tmp_path / "vault.db")
    _create_up_to_recovery(wizard)
    child(wizard, QCheckBox, "recoveryConfirmed").setChecked(True)
    _click(wizard, Button.CommitButton)
    _click(wizard, Button.CustomButton1)
    slots = wizard.currentPage()
    assert isinstance(slots, SlotsPage)
    slots.import_radio.setChecked(True)
    _click(wizard, Button.NextButton)  # no file chosen yet
    assert wizard.currentId() == FirstRunWizard.SLOTS and slots.message.text()
    csv = tmp_path / "slots.csv"
    csv.write_text(
        "center,date,start,end,capacity\n"
        "四谷地域センター,2099-01-05,10:00,10:30,3\n"
        "四谷地域センター,2099-01-05,10:30,11:00,3\n",
        encoding="utf-8",
    )
    preview = slots.load_csv(csv)
    assert preview is not None and preview.ok and slots.import_model.rowCount() == 2
    _click(wizard, Button.NextButton)
    assert wizard.currentId() == FirstRunWizard.OPERATORS
    assert wizard.session is not None
    assert len(SlotService(wizard.session).list_slots("四谷地域センター")) == 2


def test_restore_a_backup(
    wizard_at: tuple[QtBot, list[FirstRunWizard]], test_vault: TestVault, tmp_path: Path
) -> None:
    backups = tmp_path / "usb"
    backups.mkdir()
    session = test_vault.session(SUPERVISOR)
    vault = test_vault._open[-1]
    backup = BackupService(session, vault).backup(backups).folder
    test_vault.close()

    path = tmp_path / "pc" / "vault.db"
    wizard = _wizard(wizard_at, path)
    child(wizard.currentPage(), QRadioButton, "restoreBackupChoice").setChecked(True)
    _click(wizard, Button.NextButton)
    page = wizard.currentPage()
    assert isinstance(page, RestorePage)
    assert not wizard.button(Button.FinishButton).isEnabled()
    page.folder_edit.setText(str(backup))
    page.account_edit.setText(SUPERVISOR[0])
    page.password_edit.setText("wrong-password-here")
    _click(wizard, Button.FinishButton)
    assert wizard.isVisible() and page.message.text() != ""
    assert not any(p.exists() for p in vault_files(path)) and not path.parent.exists()
    # An operator's password opens the copy, but only a supervisor may restore it.
    page.account_edit.setText(OPERATOR[0])
    page.password_edit.setText(OPERATOR[1])
    _click(wizard, Button.FinishButton)
    assert wizard.isVisible() and "Only a supervisor" in page.message.text()
    assert not path.parent.exists()
    page.account_edit.setText(SUPERVISOR[0])
    page.password_edit.setText(SUPERVISOR[1])
    _click(wizard, Button.FinishButton)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.open_path == path and wizard.login_account == SUPERVISOR[0]
    assert wizard.vault is None
    vault, session = open_session(path, *SUPERVISOR)
    assert len(SlotService(session).list_centers()) == 2
    vault.close()


def test_cancel_on_the_first_page_creates_nothing(
    wizard_at: tuple[QtBot, list[FirstRunWizard]], tmp_path: Path
) -> None:
    path = tmp_path / "folder" / "vault.db"
    wizard = _wizard(wizard_at, path)
    _click(wizard, Button.CancelButton)
    assert wizard.result() == QWizard.DialogCode.Rejected
    assert wizard.vault is None and wizard.open_path is None
    assert list(tmp_path.iterdir()) == []
    # Only tests pass the fast KDF; the window's wizard keeps the strong default.
    production = FirstRunWizard(path)
    wizard_at[0].addWidget(production)
    assert production.kdf == DEFAULT_KDF


def test_open_an_existing_vault_file(
    wizard_at: tuple[QtBot, list[FirstRunWizard]], test_vault: TestVault, tmp_path: Path
) -> None:
    wizard = _wizard(wizard_at, tmp_path / "elsewhere" / "vault.db")
    child(wizard.currentPage(), QRadioButton, "openVaultChoice").setChecked(True)
    _click(wizard, Button.NextButton)
    page = wizard.currentPage()
    assert isinstance(page, OpenPage)
    page.path_edit.setText(str(tmp_path / "missing.db"))
    _click(wizard, Button.FinishButton)
    assert wizard.isVisible() and page.message.text() != ""
    page.path_edit.setText(str(test_vault.path))
    _click(wizard, Button.FinishButton)
    assert wizard.open_path == test_vault.path and wizard.vault is None


def test_initial_passwords_and_center_names() -> None:
    password = initial_password("op1")
    assert len(password) == 14 and password != initial_password("op1")
    assert center_names(" 四谷地域センター \n\n四谷地域センター\n大久保") == [
        "四谷地域センター",
        "大久保",
    ]
    with pytest.raises(errors.InvalidInput):
        center_names("\n \n")


def test_every_control_has_an_object_and_accessible_name(
    wizard_at: tuple[QtBot, list[FirstRunWizard]], tmp_path: Path
) -> None:
    wizard = _wizard(wizard_at, tmp_path / "vault.db")
    _create_up_to_recovery(wizard)  # the recovery sheet is built once the key exists
    kinds = (QAbstractButton, QLineEdit, QPlainTextEdit, QAbstractSpinBox, QAbstractItemView)
    unnamed = [
        f"{type(widget).__name__} {widget.objectName()!r}"
        for kind in kinds
        for widget in wizard.findChildren(kind)
        # Qt's own parts: a spin box's line edit, a table's headers.
        if not widget.objectName().startswith("qt_")
        and not isinstance(widget, QHeaderView)
        and not (widget.objectName() and widget.accessibleName())
    ]
    assert unnamed == []
