"""Replacing the data key: every account still opens the vault, the old key opens nothing, and
a rotation killed at any point leaves a vault that opens with the old or the new key."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
import sqlcipher3

from reservations import errors
from reservations.accounts import AccountService
from reservations.booking import BookingService, CallerInput, SearchInput
from reservations.domain import Role
from reservations.keyslots import TEST_KDF, KeySlotFile, parse_recovery_key
from reservations.rekey import CHECKPOINTS, rekey
from reservations.session import open_session
from reservations.vault import check_vault, key_file_path
from tests.conftest import OPERATOR, ROOT, SUPERVISOR, TestVault, run_cli
from tests.helpers.raw_sqlcipher import opens_with_key

CALLER = CallerInput("山田", "太郎", "ヤマダ", "タロウ", "090-1234-5678")


def opens_with(tv: TestVault, key: bytes | bytearray) -> bool:
    return opens_with_key(tv.path, key)


def book_one(tv: TestVault) -> str:
    session = tv.session(OPERATOR)
    return BookingService(session).book(tv.slot_ids["a0-1000"], CALLER).receipt


def finish_as_supervisor(tv: TestVault) -> bool:
    """A supervisor's login finishes an interrupted rotation (the window shows the sheet);
    True when there was one to finish."""
    vault, _session = open_session(
        tv.path, *SUPERVISOR, clock=tv.clock, finish_interrupted_rotation=True
    )
    try:
        return vault.finished_rekey
    finally:
        vault.close()


def assert_intact(tv: TestVault, receipt: str) -> None:
    finish_as_supervisor(tv)
    for account in (SUPERVISOR, OPERATOR):
        vault, session = open_session(tv.path, *account, clock=tv.clock)
        try:
            found = BookingService(session).find(SearchInput(phone="5678"))
            assert [r.receipt for r in found] == [receipt]
        finally:
            vault.close()
    assert check_vault(tv.path, *SUPERVISOR).ok
    # Pending copies are left only by a rotation that never reached the database (they are
    # harmless and replaced by the next one); one that did reach it was finished at login.
    if KeySlotFile.load(key_file_path(tv.path)).has_pending():
        assert opens_with(tv, tv.data_key)


def test_rekey_replaces_the_key_for_every_account(test_vault: TestVault) -> None:
    receipt = book_one(test_vault)
    vault, session = open_session(test_vault.path, *SUPERVISOR, clock=test_vault.clock)
    try:
        AccountService(session, vault, kdf=TEST_KDF).add("clerk", Role.OPERATOR, "first-day-pw-1")
        new_key = rekey(session, vault)
        assert bytes(vault.keys.data_key) == bytes(new_key)
        # The session goes on working on the re-encrypted file.
        assert BookingService(session).find(SearchInput(phone="5678"))
    finally:
        vault.close()
    assert not opens_with(test_vault, test_vault.data_key)
    assert opens_with(test_vault, new_key)
    assert_intact(test_vault, receipt)
    clerk, _ = open_session(test_vault.path, "clerk", "first-day-pw-1")
    clerk.close()
    session = test_vault.session(SUPERVISOR)
    with session.store.unit_of_work(write=False) as uow:
        assert [e.action for e in uow.audit_entries()].count("rekey") == 1


def test_operators_may_not_rekey(test_vault: TestVault) -> None:
    vault, session = open_session(test_vault.path, *OPERATOR)
    try:
        with pytest.raises(errors.NotPermitted):
            rekey(session, vault)
    finally:
        vault.close()
    assert opens_with(test_vault, test_vault.data_key)


def test_a_slot_whose_public_key_was_swapped_is_not_sealed_to(test_vault: TestVault) -> None:
    keys_path = key_file_path(test_vault.path)
    document = json.loads(keys_path.read_bytes())
    slots = {s["account"]: s for s in document["slots"]}
    slots["op1"]["public_key"] = slots["chief"]["public_key"]
    keys_path.write_text(json.dumps(document))
    vault, session = open_session(test_vault.path, *SUPERVISOR)
    try:
        with pytest.raises(errors.KeyFileCorrupt, match="op1"):
            rekey(session, vault)
    finally:
        vault.close()
    assert opens_with(test_vault, test_vault.data_key)


def test_cli_rekey_prints_a_new_recovery_sheet(test_vault: TestVault) -> None:
    result = run_cli(["rekey", "--json"], test_vault.env(SUPERVISOR))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["old_sheet_valid"] is False
    new_key = parse_recovery_key(document["recovery_key"])
    assert opens_with(test_vault, new_key)
    assert not opens_with(test_vault, test_vault.data_key)
    plain = run_cli(["rekey"], test_vault.env(SUPERVISOR))
    assert "shred" in plain.stdout and "no longer opens" in plain.stdout
    refused = run_cli(["rekey"], test_vault.env(OPERATOR))
    assert refused.returncode == 6


def test_cli_rekey_finish_prints_the_sheet_of_an_interrupted_rotation(
    test_vault: TestVault,
) -> None:
    receipt = book_one(test_vault)
    test_vault.close()
    child = run_child(test_vault, "database-rekeyed")
    child.communicate(timeout=60)
    busy = run_cli(["find", "--phone", "5678"], test_vault.env(OPERATOR))
    assert busy.returncode == 5 and "supervisor must log in" in busy.stderr
    nothing_yet = run_cli(["find", "--phone", "5678"], test_vault.env(SUPERVISOR))
    assert nothing_yet.returncode == 5 and "rekey --finish" in nothing_yet.stderr
    finished = run_cli(["rekey", "--finish", "--json"], test_vault.env(SUPERVISOR))
    assert finished.returncode == 0, finished.stderr
    new_key = parse_recovery_key(json.loads(finished.stdout)["recovery_key"])
    assert opens_with(test_vault, new_key) and not opens_with(test_vault, test_vault.data_key)
    again = run_cli(["rekey", "--finish"], test_vault.env(SUPERVISOR))
    assert again.returncode == 0 and "No replacement" in again.stderr
    assert_intact(test_vault, receipt)
    session = test_vault.session(SUPERVISOR)
    with session.store.unit_of_work(write=False) as uow:
        results = [e.result for e in uow.audit_entries() if e.action == "rekey"]
    assert any("new recovery sheet shown" in r for r in results)


# -- killed at every step ----------------------------------------------------------------------

_CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from reservations.rekey import rekey
    from reservations.session import open_session

    db, user, password, kill_at = sys.argv[1:5]
    vault, session = open_session(Path(db), user, password)

    def checkpoint(name):
        print(name, flush=True)
        if name == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    print("start", flush=True)
    rekey(session, vault, checkpoint=checkpoint)
    print("done", flush=True)
    """
)


def run_child(tv: TestVault, kill_at: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(tv.path), *SUPERVISOR, kill_at],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


@pytest.mark.parametrize("kill_at", CHECKPOINTS)
def test_killed_at_a_checkpoint_the_vault_still_opens(test_vault: TestVault, kill_at: str) -> None:
    receipt = book_one(test_vault)
    test_vault.close()
    child = run_child(test_vault, kill_at)
    out, _ = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, out
    assert out.split()[-1] == kill_at
    if kill_at == "database-rekeyed":
        # Nobody finishes it silently: an operator is sent for a supervisor, and a
        # supervisor's plain login (the CLI) is told how to finish it and print the sheet.
        with pytest.raises(errors.RotationUnfinished, match="supervisor must log in"):
            open_session(test_vault.path, *OPERATOR, clock=test_vault.clock)
        with pytest.raises(errors.RotationUnfinished, match="rekey --finish"):
            open_session(test_vault.path, *SUPERVISOR, clock=test_vault.clock)
        assert finish_as_supervisor(test_vault)
    assert_intact(test_vault, receipt)
    if kill_at == "pending-saved":
        assert opens_with(test_vault, test_vault.data_key)
    else:
        assert not opens_with(test_vault, test_vault.data_key)


@pytest.mark.parametrize("delay", [0.0, 0.002, 0.005, 0.01, 0.02, 0.05])
def test_killed_anywhere_the_vault_still_opens(test_vault: TestVault, delay: float) -> None:
    """The parent kills the rotation at some moment, including inside ``PRAGMA rekey``.

    Whatever the moment, the assertion is the same, so the test cannot be flaky: it only
    explores more or fewer states.
    """
    receipt = book_one(test_vault)
    test_vault.close()
    child = run_child(test_vault, "never")
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "start"
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=60)
    assert_intact(test_vault, receipt)


def _add_filler(tv: TestVault, megabytes: int) -> None:
    """Make the database big enough that ``PRAGMA rekey`` takes a noticeable time."""
    conn = sqlcipher3.connect(str(tv.path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = \"x'{tv.data_key.hex()}'\"")
        conn.execute("CREATE TABLE filler(x BLOB)")
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO filler SELECT randomblob(1000) FROM n",
            (megabytes * 1000,),
        )
    finally:
        conn.close()


@pytest.mark.parametrize("delay", [0.02, 0.05, 0.1, 0.2])
def test_killed_inside_the_database_rekey_the_vault_still_opens(
    test_vault: TestVault, delay: float
) -> None:
    """A bigger database, so that some of these kills land inside ``PRAGMA rekey`` itself
    (SQLite's journal makes it all-or-nothing; the key file then still has both keys)."""
    receipt = book_one(test_vault)
    test_vault.close()
    _add_filler(test_vault, 8)
    child = run_child(test_vault, "never")
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "start"
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=60)
    assert_intact(test_vault, receipt)
