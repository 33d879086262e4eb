"""The account life cycle: add, list, disable, remove, reset, change one's own password."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reservations import errors
from reservations.accounts import AccountService
from reservations.booking import BookingService, SearchInput
from reservations.domain import Role
from reservations.errors import ExitCode
from reservations.keyslots import TEST_KDF, KeySlotFile
from reservations.passwords import check_new_password, common_passwords
from reservations.session import Session, open_session
from reservations.slots import SlotService
from reservations.vault import key_file_path
from tests.conftest import OPERATOR, SUPERVISOR, CliResult, TestVault, assert_fails, run_cli

INITIAL = "first-day-initial-pw"
OWN = "window garden teapot 9"


@pytest.fixture
def chief(test_vault: TestVault) -> Iterator[tuple[Session, AccountService]]:
    vault, session = open_session(test_vault.path, *SUPERVISOR, clock=test_vault.clock)
    try:
        yield session, AccountService(session, vault, kdf=TEST_KDF)
    finally:
        vault.close()


def _login(tv: TestVault, name: str, password: str) -> tuple[Session, AccountService]:
    vault, session = open_session(tv.path, name, password, clock=tv.clock)
    tv._open.append(vault)
    return session, AccountService(session, vault, kdf=TEST_KDF)


def _audit(tv: TestVault) -> list[tuple[str, str, str, str]]:
    session = tv.session(SUPERVISOR)
    with session.store.unit_of_work(write=False) as uow:
        return [(e.account, e.action, e.target, e.result) for e in uow.audit_entries()]


def _slot_names(tv: TestVault) -> list[str]:
    return KeySlotFile.load(key_file_path(tv.path)).accounts()


def test_new_account_must_change_its_initial_password_first(
    test_vault: TestVault, chief: tuple[Session, AccountService]
) -> None:
    _session, accounts = chief
    accounts.add("clerk", Role.OPERATOR, INITIAL)
    info = {a.name: a for a in accounts.list()}["clerk"]
    assert info.must_change_password and not info.disabled and not info.removed
    assert "clerk" in _slot_names(test_vault)

    session, own = _login(test_vault, "clerk", INITIAL)
    assert session.must_change_password
    for call in (
        lambda: SlotService(session).list_slots(),
        lambda: BookingService(session).find(SearchInput(phone="5678")),
        lambda: own.list(),
    ):
        with pytest.raises(errors.AuthenticationFailed, match="resdesk account passwd"):
            call()
    with pytest.raises(errors.InvalidInput, match="common"):
        own.change_own_password("password123456")
    own.change_own_password(OWN)
    assert not session.must_change_password
    assert SlotService(session).list_slots()

    with pytest.raises(errors.AuthenticationFailed):
        _login(test_vault, "clerk", INITIAL)
    again, _ = _login(test_vault, "clerk", OWN)
    assert not again.must_change_password

    entries = _audit(test_vault)
    assert ("chief", "account-add", "clerk (operator)", "ok") in entries
    assert ("clerk", "account-passwd", "clerk", "ok") in entries
    assert not any(INITIAL in str(e) or OWN in str(e) for e in entries)


def test_disable_keeps_the_slot_and_refuses_login(
    test_vault: TestVault, chief: tuple[Session, AccountService]
) -> None:
    _session, accounts = chief
    accounts.disable("op1")
    assert "op1" in _slot_names(test_vault)
    with pytest.raises(errors.AuthenticationFailed, match="password is wrong"):
        _login(test_vault, *OPERATOR)
    with pytest.raises(errors.Conflict, match="already disabled"):
        accounts.disable("op1")
    assert {a.name: a.disabled for a in accounts.list()}["op1"]
    accounts.enable("op1")
    session, _ = _login(test_vault, *OPERATOR)
    assert session.account.role is Role.OPERATOR
    actions = [e[1] for e in _audit(test_vault)]
    assert actions.count("account-disable") == 1 and actions.count("account-enable") == 1


def test_remove_destroys_the_slot_and_keeps_the_row(
    test_vault: TestVault, chief: tuple[Session, AccountService]
) -> None:
    _session, accounts = chief
    accounts.remove("op1")
    assert "op1" not in _slot_names(test_vault)
    with pytest.raises(errors.AuthenticationFailed):
        _login(test_vault, *OPERATOR)
    info = {a.name: a for a in accounts.list()}["op1"]
    assert info.removed and info.disabled
    # The name stays in the audit trail, so it is never given to somebody else.
    with pytest.raises(errors.Conflict, match="removed"):
        accounts.add("op1", Role.OPERATOR, INITIAL)
    with pytest.raises(errors.NotFound):
        accounts.remove("op1")
    assert ("chief", "account-remove", "op1", "ok") in _audit(test_vault)


def test_the_last_active_supervisor_stays(
    test_vault: TestVault, chief: tuple[Session, AccountService]
) -> None:
    _session, accounts = chief
    for refused in (
        lambda: accounts.disable("chief"),
        lambda: accounts.remove("chief"),
        lambda: accounts.set_role("chief", Role.OPERATOR),
    ):
        with pytest.raises(errors.Conflict, match="last active supervisor"):
            refused()
    accounts.add("deputy", Role.SUPERVISOR, INITIAL)
    accounts.disable("deputy")
    # A disabled supervisor does not count.
    with pytest.raises(errors.Conflict, match="last active supervisor"):
        accounts.remove("chief")
    accounts.enable("deputy")
    accounts.set_role("chief", Role.OPERATOR)
    roles = {a.name: a.role for a in accounts.list()}
    assert roles["chief"] is Role.OPERATOR and roles["deputy"] is Role.SUPERVISOR
    deputy, deputy_accounts = _login(test_vault, "deputy", INITIAL)
    deputy_accounts.change_own_password(OWN)
    with pytest.raises(errors.Conflict, match="last active supervisor"):
        deputy_accounts.disable("deputy")


def test_reset_gives_a_new_slot_and_requires_a_change(
    test_vault: TestVault, chief: tuple[Session, AccountService]
) -> None:
    _session, accounts = chief
    old_public = KeySlotFile.load(key_file_path(test_vault.path)).public_key("op1")
    accounts.reset_password("op1", INITIAL)
    slots = KeySlotFile.load(key_file_path(test_vault.path))
    assert slots.public_key("op1") != old_public
    with pytest.raises(errors.AuthenticationFailed):
        _login(test_vault, *OPERATOR)
    session, own = _login(test_vault, "op1", INITIAL)
    assert session.must_change_password
    own.change_own_password(OWN)
    assert SlotService(session).list_slots()
    with pytest.raises(errors.Conflict, match="own password"):
        accounts.reset_password("chief", INITIAL)
    assert ("chief", "account-reset", "op1", "ok") in _audit(test_vault)


def test_operators_manage_nothing_but_their_own_password(test_vault: TestVault) -> None:
    session, accounts = _login(test_vault, *OPERATOR)
    for call in (
        lambda: accounts.add("x1", Role.OPERATOR, INITIAL),
        lambda: accounts.list(),
        lambda: accounts.disable("chief"),
        lambda: accounts.enable("chief"),
        lambda: accounts.remove("chief"),
        lambda: accounts.set_role("op1", Role.SUPERVISOR),
        lambda: accounts.reset_password("chief", INITIAL),
    ):
        with pytest.raises(errors.NotPermitted):
            call()
    accounts.change_own_password(OWN)
    _login(test_vault, "op1", OWN)


@pytest.mark.parametrize(
    ("name", "password", "reason"),
    [
        ("op2", "short", "too short"),
        ("op2", "op2op2op2op2", "account name"),
        ("tanaka", "Tanaka2022!", "account name"),
        ("tanaka", "akanat-akanat", "account name"),
        ("op2", "1234567890", "common"),
        ("op2", "Password2022", "common"),
        ("op2", "tokyo12345", "common"),
        ("op2", "qwertyuiop123", "common"),
        ("op2", "aaaaaaaaaaaa", "common"),
    ],
)
def test_password_rules(name: str, password: str, reason: str) -> None:
    with pytest.raises(errors.InvalidInput, match=reason):
        check_new_password(name, password)


def test_password_rules_accept_plain_long_passwords() -> None:
    for password in ("quiet lantern river 7", "すずしい夏の朝ごはん", "correct horse battery"):
        check_new_password("op2", password)
    assert len(common_passwords()) > 2000
    assert all(p == p.lower() and len(p) >= 10 for p in common_passwords())


# -- the command line ------------------------------------------------------------------------


def test_cli_account_life_cycle(test_vault: TestVault) -> None:
    def cli(account: tuple[str, str], *args: str, **env: str) -> CliResult:
        full = test_vault.env(account)
        full.update(env)
        return run_cli(list(args), full)

    assert_fails(cli(OPERATOR, "account", "disable", "chief"), ExitCode.NOT_PERMITTED)
    assert_fails(
        cli(OPERATOR, "account", "passwd", "chief", RESDESK_NEW_PASSWORD=INITIAL),
        ExitCode.NOT_PERMITTED,
    )
    assert_fails(cli(SUPERVISOR, "account", "disable", "chief"), ExitCode.CONFLICT, "last")

    reset = cli(SUPERVISOR, "account", "passwd", "op1", RESDESK_NEW_PASSWORD=INITIAL)
    assert reset.returncode == 0, reset.stderr
    assert INITIAL not in reset.stdout + reset.stderr
    refused = cli(("op1", INITIAL), "find", "--phone", "5678")
    assert_fails(refused, ExitCode.AUTHENTICATION, "resdesk account passwd", one_line=True)
    changed = cli(("op1", INITIAL), "account", "passwd", RESDESK_NEW_PASSWORD=OWN)
    assert changed.returncode == 0, changed.stderr

    listed = cli(SUPERVISOR, "account", "list")
    assert listed.returncode == 0
    assert "op1" in listed.stdout and "must-change" not in listed.stdout

    assert cli(SUPERVISOR, "account", "disable", "op1").returncode == 0
    assert "disabled" in cli(SUPERVISOR, "account", "list").stdout
    assert_fails(cli(("op1", OWN), "slots", "list"), ExitCode.AUTHENTICATION)
    assert cli(SUPERVISOR, "account", "remove", "op1").returncode == 0
    assert "removed" in cli(SUPERVISOR, "account", "list").stdout
    assert "op1" not in _slot_names(test_vault)
