"""Failed logins: a growing delay, a lockout, counters that survive restarts and reach the
audit trail at the next successful login."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from reservations import errors
from reservations.accounts import AccountService
from reservations.keyslots import TEST_KDF, KeySlotFile
from reservations.lockout import LOGIN_POLICY, UNKNOWN_BUCKET, LockoutFile, lockout_file_path
from reservations.session import open_session
from reservations.vault import key_file_path
from tests.conftest import OPERATOR, SUPERVISOR, TestVault

WRONG = "not-the-password"


class Sleeps:
    """The injected sleep: records the delays instead of waiting."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def attempt(tv: TestVault, name: str, password: str, sleeps: Sleeps) -> None:
    vault, _session = open_session(tv.path, name, password, clock=tv.clock, sleep=sleeps)
    tv._open.append(vault)


def fail(tv: TestVault, name: str, sleeps: Sleeps, times: int = 1) -> str:
    message = ""
    for _ in range(times):
        with pytest.raises(errors.AuthenticationFailed) as info:
            attempt(tv, name, WRONG, sleeps)
        message = str(info.value)
    return message


def counters(tv: TestVault, name: str) -> int:
    # A fresh load is what the next process (a "restart") sees.
    record = LockoutFile.beside(KeySlotFile.load(key_file_path(tv.path))).record(name)
    return 0 if record is None else record.count


def test_delay_grows_and_is_capped() -> None:
    policy = LOGIN_POLICY
    assert [policy.delay_for(n) for n in range(9)] == [0, 0, 1, 2, 4, 8, 16, 30, 30]


def test_failures_are_counted_across_restarts_and_delay_the_next_try(
    test_vault: TestVault,
) -> None:
    sleeps = Sleeps()
    db_before = hashlib.sha256(test_vault.path.read_bytes()).hexdigest()
    fail(test_vault, "op1", sleeps, times=4)
    assert counters(test_vault, "op1") == 4
    # Before the 3rd and 4th tries; the delay comes before the password is checked.
    assert sleeps.delays == [1.0, 2.0]
    # Only the lockout file records failures: the database is untouched.
    assert hashlib.sha256(test_vault.path.read_bytes()).hexdigest() == db_before
    attempt(test_vault, *OPERATOR, sleeps)
    assert sleeps.delays == [1.0, 2.0, 4.0]


def test_lockout_after_ten_failures_for_fifteen_minutes(test_vault: TestVault) -> None:
    sleeps = Sleeps()
    fail(test_vault, "op1", sleeps, times=9)
    tenth = fail(test_vault, "op1", sleeps)
    assert "locked" in tenth and "ask a supervisor" in tenth
    # Locked: even the right password is refused, without being tried (no delay, no write).
    lockout_before = lockout_file_path(test_vault.path).read_bytes()
    with pytest.raises(errors.AuthenticationFailed, match=r"locked; try again at \d\d:\d\d"):
        attempt(test_vault, *OPERATOR, sleeps)
    assert lockout_file_path(test_vault.path).read_bytes() == lockout_before
    until = (test_vault.clock() + dt.timedelta(minutes=15)).strftime("%H:%M")
    assert until in tenth
    test_vault.clock.advance(minutes=14)
    with pytest.raises(errors.AuthenticationFailed, match="locked"):
        attempt(test_vault, *OPERATOR, sleeps)
    test_vault.clock.advance(minutes=2)
    attempt(test_vault, *OPERATOR, sleeps)
    assert counters(test_vault, "op1") == 0


def test_unknown_names_read_the_same_and_lock_the_same(test_vault: TestVault) -> None:
    sleeps = Sleeps()
    known = [fail(test_vault, "op1", sleeps) for _ in range(10)]
    unknown = [fail(test_vault, "nobody-here", sleeps) for _ in range(10)]
    assert known == unknown
    with pytest.raises(errors.AuthenticationFailed) as a:
        attempt(test_vault, "op1", WRONG, sleeps)
    with pytest.raises(errors.AuthenticationFailed) as b:
        attempt(test_vault, "nobody-here", WRONG, sleeps)
    assert str(a.value) == str(b.value)
    assert "nobody-here" not in str(b.value)


def test_unknown_names_share_one_bucket_and_nothing_typed_is_kept(
    test_vault: TestVault,
) -> None:
    sleeps = Sleeps()
    keys_before = key_file_path(test_vault.path).read_bytes()
    fail(test_vault, "op1", sleeps)
    for i in range(8):
        fail(test_vault, f"guess{i}", sleeps)
    # The key file (key material) is never written by a failed login.
    assert key_file_path(test_vault.path).read_bytes() == keys_before
    raw = lockout_file_path(test_vault.path).read_text(encoding="ascii")
    assert "op1" not in raw and "guess" not in raw
    slots = KeySlotFile.load(key_file_path(test_vault.path))
    lockout = LockoutFile.beside(slots)
    assert lockout.bucket("guess0") == lockout.bucket("guess7") == UNKNOWN_BUCKET
    assert lockout.record("op1") is not None and lockout.record("op1").count == 1  # type: ignore[union-attr]
    assert lockout.record("anything-else") is not None
    assert lockout.record("anything-else").count == 8  # type: ignore[union-attr]


def test_failures_reach_the_audit_trail_at_the_next_login(test_vault: TestVault) -> None:
    sleeps = Sleeps()
    fail(test_vault, "op1", sleeps, times=3)
    attempt(test_vault, *OPERATOR, sleeps)
    assert counters(test_vault, "op1") == 0
    session = test_vault.session(SUPERVISOR)
    with session.store.unit_of_work(write=False) as uow:
        entries = [e for e in uow.audit_entries() if e.account == "op1"]
    assert [e.action for e in entries] == ["login-failed", "login"]
    assert entries[0].result.startswith("3 failed login(s)")
    assert WRONG not in entries[0].result
    # Once recorded, not again.
    attempt(test_vault, *OPERATOR, sleeps)
    with session.store.unit_of_work(write=False) as uow:
        again = [e.action for e in uow.audit_entries() if e.account == "op1"]
    assert again == ["login-failed", "login", "login"]


def test_deferred_login_keeps_counters_until_the_entry_is_written(test_vault: TestVault) -> None:
    sleeps = Sleeps()
    fail(test_vault, "op1", sleeps, times=2)
    vault, session = open_session(
        test_vault.path, *OPERATOR, clock=test_vault.clock, sleep=sleeps, defer_login_audit=True
    )
    try:
        # A command that failed before writing would leave the counters for next time.
        assert counters(test_vault, "op1") == 2
        session.record_login()
        assert counters(test_vault, "op1") == 0
    finally:
        vault.close()


def test_a_supervisor_reset_lifts_the_lock(test_vault: TestVault) -> None:
    sleeps = Sleeps()
    fail(test_vault, "op1", sleeps, times=10)
    vault, session = open_session(test_vault.path, *SUPERVISOR, clock=test_vault.clock)
    try:
        AccountService(session, vault, kdf=TEST_KDF).reset_password("op1", "fresh-start-pw-1")
    finally:
        vault.close()
    assert counters(test_vault, "op1") == 0
    attempt(test_vault, "op1", "fresh-start-pw-1", sleeps)
