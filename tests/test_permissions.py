"""Roles are enforced in the service layer, the same for the GUI and the CLI."""

from __future__ import annotations

import pytest

from reservations import errors
from reservations.accounts import AccountService
from reservations.booking import BookingService, CallerInput
from reservations.domain import Role
from reservations.keyslots import TEST_KDF
from reservations.permissions import ROLE_PERMISSIONS, Permission
from reservations.session import open_session
from reservations.slots import SlotService
from tests.conftest import OPERATOR, SUPERVISOR, TestVault

CSV = "center,date,start,end,capacity\n四谷地域センター,2099-01-05,10:00,10:30,3\n"


def test_operator_may_book_but_not_import_or_manage_accounts(test_vault: TestVault) -> None:
    vault, session = open_session(test_vault.path, *OPERATOR, clock=test_vault.clock)
    try:
        BookingService(session).book(
            test_vault.slot_ids["a0-1000"],
            CallerInput("山田", "太郎", "ヤマダ", "タロウ", "090-1234-5678"),
        )
        assert SlotService(session).list_slots()
        with pytest.raises(errors.NotPermitted):
            SlotService(session).import_csv_text(CSV)
        accounts = AccountService(session, vault, kdf=TEST_KDF)
        with pytest.raises(errors.NotPermitted):
            accounts.add("op2", Role.OPERATOR, "another-long-password")
        with pytest.raises(errors.NotPermitted):
            accounts.list()
    finally:
        vault.close()


def test_supervisor_may_do_everything(test_vault: TestVault) -> None:
    vault, session = open_session(test_vault.path, *SUPERVISOR, clock=test_vault.clock)
    try:
        assert SlotService(session).import_csv_text(CSV).created == 1
        accounts = AccountService(session, vault, kdf=TEST_KDF)
        accounts.add("op2", Role.OPERATOR, "another-long-password")
        assert {a.name for a in accounts.list()} == {"chief", "op1", "op2"}
    finally:
        vault.close()
    other, _ = open_session(test_vault.path, "op2", "another-long-password")
    assert other.account.role is Role.OPERATOR
    other.close()


def test_role_table_is_complete() -> None:
    assert ROLE_PERMISSIONS[Role.SUPERVISOR] == frozenset(Permission)
    assert ROLE_PERMISSIONS[Role.OPERATOR] < ROLE_PERMISSIONS[Role.SUPERVISOR]


@pytest.mark.parametrize(
    ("password", "reason"),
    [("short", "too short"), ("op2op2op2op2", "account name"), ("1234567890", "common")],
)
def test_password_rules(test_vault: TestVault, password: str, reason: str) -> None:
    vault, session = open_session(test_vault.path, *SUPERVISOR)
    try:
        accounts = AccountService(session, vault, kdf=TEST_KDF)
        with pytest.raises(errors.InvalidInput, match=reason):
            accounts.add("op2", Role.OPERATOR, password)
    finally:
        vault.close()
