"""Issue 11, finding 2: an interrupted rekey is never finished silently, and the paper
recovery sheet gets a supervisor back in when passwords or the key file are lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from reservations import errors
from reservations.accounts import AccountService
from reservations.booking import BookingService, CallerInput, SearchInput
from reservations.keyslots import TEST_KDF, KeySlotFile, parse_recovery_key, recovery_sheet_groups
from reservations.session import open_session
from reservations.vault import key_file_path
from tests.conftest import OPERATOR, ROOT, SUPERVISOR, TestVault, assert_fails, run_cli

CALLER = CallerInput("山田", "太郎", "ヤマダ", "タロウ", "090-1234-5678")
NEW_PASSWORD = "recovered-password-2022"

_KILLED_REKEY = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from reservations.rekey import rekey
    from reservations.session import open_session

    db, user, password = sys.argv[1:4]
    vault, session = open_session(Path(db), user, password)

    def checkpoint(name):
        if name == "database-rekeyed":
            os.kill(os.getpid(), signal.SIGKILL)

    rekey(session, vault, checkpoint=checkpoint)
    """
)


def _book(tv: TestVault) -> str:
    receipt = BookingService(tv.session(OPERATOR)).book(tv.slot_ids["a0-1000"], CALLER).receipt
    tv.close()
    return receipt


def _recover(
    tv: TestVault, sheet: str, account: str = "chief", *, as_json: bool = False
) -> subprocess.CompletedProcess[str]:
    env = tv.env(SUPERVISOR)
    env.pop("RESDESK_USER")
    env.pop("RESDESK_PASSWORD")
    env.update(RESDESK_RECOVERY_KEY=sheet, RESDESK_NEW_PASSWORD=NEW_PASSWORD)
    return run_cli(
        ["recover", "--sheet", "--account", account, *(["--json"] if as_json else [])], env
    )


def _found_by(tv: TestVault, account: tuple[str, str]) -> list[str]:
    # The real clock, like the CLI commands around it (the test clock lags behind them).
    vault, session = open_session(tv.path, *account)
    try:
        return [r.receipt for r in BookingService(session).find(SearchInput(phone="5678"))]
    finally:
        vault.close()


def _audit_actions(tv: TestVault, account: tuple[str, str]) -> list[tuple[str, str]]:
    session = tv.session(account)
    with session.store.unit_of_work(write=False) as uow:
        entries = [(e.action, e.result) for e in uow.audit_entries()]
    tv.close()
    return entries


def test_an_interrupted_rekey_waits_for_a_supervisor_who_gets_the_new_sheet(
    test_vault: TestVault,
) -> None:
    receipt = _book(test_vault)
    child = subprocess.run(
        [sys.executable, "-c", _KILLED_REKEY, str(test_vault.path), *SUPERVISOR],
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL
    # Before: the next login of anyone finished it, and the old sheet silently stopped working.
    assert_fails(run_cli(["find", "--phone", "5678"], test_vault.env(OPERATOR)), 5, "supervisor")
    old_sheet = recovery_sheet_groups(test_vault.data_key)
    assert_fails(_recover(test_vault, old_sheet), 3, "does not open")
    finished = run_cli(["rekey", "--finish", "--json"], test_vault.env(SUPERVISOR))
    assert finished.returncode == 0, finished.stderr
    new_sheet = json.loads(finished.stdout)["recovery_key"]
    assert parse_recovery_key(new_sheet) != test_vault.data_key
    assert _found_by(test_vault, OPERATOR) == [receipt]
    # The new sheet is the way back in.
    recovered = _recover(test_vault, new_sheet)
    assert recovered.returncode == 0, recovered.stderr
    assert _found_by(test_vault, ("chief", NEW_PASSWORD)) == [receipt]
    actions = _audit_actions(test_vault, ("chief", NEW_PASSWORD))
    assert any(a == "rekey" and "new recovery sheet shown" in r for a, r in actions)
    assert any(a == "recover" for a, _r in actions)


@pytest.mark.parametrize("damage", ["deleted", "truncated", "not json"])
def test_a_lost_or_damaged_key_file_is_rebuilt_from_the_sheet(
    test_vault: TestVault, damage: str
) -> None:
    receipt = _book(test_vault)
    path = key_file_path(test_vault.path)
    if damage == "deleted":
        path.unlink()
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:200])
    else:
        path.write_bytes(b"\x00garbage")
    db_before = test_vault.path.read_bytes()
    login = run_cli(["find", "--phone", "5678"], test_vault.env(SUPERVISOR))
    assert login.returncode == 8
    if damage != "deleted":
        # Before: only "not valid JSON", with no way forward.
        assert "resdesk recover --sheet" in login.stderr
    assert test_vault.path.read_bytes() == db_before
    result = _recover(test_vault, recovery_sheet_groups(test_vault.data_key), as_json=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["new_key_file"] is True
    assert report["accounts_without_slot"] == ["op1"]
    assert _found_by(test_vault, ("chief", NEW_PASSWORD)) == [receipt]
    assert KeySlotFile.load(path).accounts() == ["chief"]
    check = run_cli(["check"], dict(test_vault.env(SUPERVISOR), RESDESK_PASSWORD=NEW_PASSWORD))
    assert check.returncode == 0, check.stderr


def test_the_sheet_makes_a_new_supervisor_when_every_password_is_lost(
    test_vault: TestVault,
) -> None:
    receipt = _book(test_vault)
    result = _recover(
        test_vault, recovery_sheet_groups(test_vault.data_key), "deputy", as_json=True
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["created_account"] is True
    assert _found_by(test_vault, ("deputy", NEW_PASSWORD)) == [receipt]
    assert json.loads(result.stdout)["accounts_without_slot"] == ["chief", "op1"]
    # Everyone else trusted the old authority, which nobody can open any more: they are
    # refused, naming the reason, until the recovered supervisor resets them.
    for account in (OPERATOR, SUPERVISOR):
        with pytest.raises(errors.IntegrityFailed, match="authority key changed"):
            open_session(test_vault.path, *account, clock=test_vault.clock)
    # The real clock, as the CLI recovery used (the test vault's clock is behind it).
    deputy, session = open_session(test_vault.path, "deputy", NEW_PASSWORD)
    try:
        AccountService(session, deputy, kdf=TEST_KDF).reset_password("op1", "fresh-start-pw-1")
    finally:
        deputy.close()
    vault, _session = open_session(test_vault.path, "op1", "fresh-start-pw-1")
    vault.close()
    # The recovery started a new vault authority: the trail still verifies, and says so.
    verified = run_cli(
        ["audit", "verify"],
        dict(test_vault.env(SUPERVISOR), RESDESK_USER="deputy", RESDESK_PASSWORD=NEW_PASSWORD),
    )
    assert verified.returncode == 0, verified.stderr
    assert "authority key was replaced" in verified.stderr


def test_a_mistyped_sheet_names_the_group_and_changes_nothing(test_vault: TestVault) -> None:
    test_vault.close()
    keys_before = key_file_path(test_vault.path).read_bytes()
    groups = recovery_sheet_groups(test_vault.data_key).split()
    wrong = "0" if groups[5][2] != "0" else "1"
    groups[5] = groups[5][:2] + wrong + groups[5][3:]
    message = assert_fails(_recover(test_vault, " ".join(groups)), 2, "line 2", "group 2")
    assert "\n" not in message
    assert key_file_path(test_vault.path).read_bytes() == keys_before


def test_the_sheet_does_not_promote_an_operator(test_vault: TestVault) -> None:
    test_vault.close()
    keys_before = key_file_path(test_vault.path).read_bytes()
    assert_fails(_recover(test_vault, recovery_sheet_groups(test_vault.data_key), "op1"), 6)
    assert key_file_path(test_vault.path).read_bytes() == keys_before
    assert _found_by(test_vault, OPERATOR) == []
