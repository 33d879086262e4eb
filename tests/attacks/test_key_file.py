"""Issue 11, findings 1, 4 and 5: the key file under races, old copies and typed secrets.

Each test mounts the attack or the fault the way it was found: real processes racing on the
files, an old copy of the key file (every backup folder holds one) spliced into the current
one, a password typed into the account field.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reservations import errors
from reservations.accounts import AccountService
from reservations.booking import BookingService, CallerInput, SearchInput
from reservations.keyslots import TEST_KDF, KeySlotFile, parse_recovery_key
from reservations.lockout import LockoutFile, lockout_file_path
from reservations.rekey import rekey
from reservations.session import open_session
from reservations.vault import key_file_path
from tests.conftest import OPERATOR, ROOT, SUPERVISOR, TestVault, run_cli
from tests.helpers.raw_sqlcipher import opens_with_key

CALLER = CallerInput("山田", "太郎", "ヤマダ", "タロウ", "090-1234-5678")

_FAILED_LOGINS = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from reservations import errors
    from reservations.lockout import LoginPolicy
    from reservations.session import open_session

    db, name, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    # No delay and no lockout: the point is how many failures are counted, not waited for.
    policy = LoginPolicy(free_failures=10**9, lockout_after=10**9, max_recorded_times=1)
    recorded = 0
    for _ in range(rounds):
        try:
            open_session(db, name, "wrong-password", sleep=lambda s: None, policy=policy)
        except errors.AuthenticationFailed:
            recorded += 1
    print(recorded)
    """
)

_KEY_FILE_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from reservations.keyslots import KeySlotFile

    path, tag, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    slots = KeySlotFile.load(path)
    for i in range(rounds):
        with slots.locked():
            slots.extra[f"{tag}-{i}"] = i
            slots.save()
    print(rounds)
    """
)


def _start(code: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        cwd=ROOT,
    )


def _finish(child: subprocess.Popen[str]) -> str:
    out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    return out.strip()


def _everyone_opens(tv: TestVault, receipt: str | None = None) -> None:
    for account in (SUPERVISOR, OPERATOR):
        vault, session = open_session(tv.path, *account, clock=tv.clock)
        try:
            if receipt is not None:
                found = BookingService(session).find(SearchInput(phone="5678"))
                assert [r.receipt for r in found] == [receipt]
        finally:
            vault.close()


def test_two_processes_recording_failed_logins_lose_no_count(test_vault: TestVault) -> None:
    test_vault.close()
    keys_before = key_file_path(test_vault.path).read_bytes()
    rounds = 300
    children = [_start(_FAILED_LOGINS, test_vault.path, "op1", rounds) for _ in range(2)]
    assert [_finish(child) for child in children] == [str(rounds)] * 2
    record = LockoutFile.beside(KeySlotFile.load(key_file_path(test_vault.path))).record("op1")
    # Before: 241 of 600 failures lost, each reported as saved.
    assert record is not None and record.count == 2 * rounds
    # And none of them touched the file that holds key material.
    assert key_file_path(test_vault.path).read_bytes() == keys_before


def test_two_processes_changing_the_key_file_lose_no_write(test_vault: TestVault) -> None:
    test_vault.close()
    path = key_file_path(test_vault.path)
    rounds = 250
    children = [_start(_KEY_FILE_WRITER, path, tag, rounds) for tag in ("a", "b")]
    assert [_finish(child) for child in children] == [str(rounds)] * 2
    extra = KeySlotFile.load(path).extra
    assert sorted(k for k in extra if k[0] in "ab") == sorted(
        f"{tag}-{i}" for tag in "ab" for i in range(rounds)
    )
    _everyone_opens(test_vault)


def test_rekey_racing_failed_logins_leaves_a_vault_every_account_opens(
    test_vault: TestVault,
) -> None:
    receipt = BookingService(test_vault.session(OPERATOR)).book(
        test_vault.slot_ids["a0-1000"], CALLER
    )
    test_vault.close()
    guesser = _start(_FAILED_LOGINS, test_vault.path, "another-seat-typo", 200)
    result = run_cli(["rekey", "--json"], test_vault.env(SUPERVISOR), timeout=300)
    _finish(guesser)
    # Before: exit 0 and a sheet printed, and a vault no account could open.
    assert result.returncode == 0, result.stderr
    new_key = parse_recovery_key(json.loads(result.stdout)["recovery_key"])
    assert opens_with_key(test_vault.path, new_key)
    assert not KeySlotFile.load(key_file_path(test_vault.path)).has_pending()
    _everyone_opens(test_vault, receipt.receipt)
    check = run_cli(["check"], test_vault.env(SUPERVISOR))
    assert check.returncode == 0, check.stderr


def test_a_rotation_whose_pending_copies_vanished_fails_loudly(test_vault: TestVault) -> None:
    """An insider (or a fault) removes the pending copies after rekey saved them: the
    database must not move to a key no slot holds, or must say so with the sheet."""
    vault, session = open_session(test_vault.path, *SUPERVISOR, clock=test_vault.clock)
    path = key_file_path(test_vault.path)

    def strip_pending(name: str) -> None:
        if name != "pending-saved":
            return
        document = json.loads(path.read_bytes())
        for slot in document["slots"]:
            slot.pop("pending_sealed_data_key", None)
        path.write_text(json.dumps(document))

    try:
        # The lock is held, so nobody else may write: the tampering is written behind it, and
        # the confirmation read-back before PRAGMA rekey catches it.
        from reservations import rekey as rekey_module

        original = rekey_module._confirm_pending_on_disk

        def confirm_after_tampering(*args: object) -> None:
            strip_pending("pending-saved")
            original(*args)  # type: ignore[arg-type]

        rekey_module._confirm_pending_on_disk = confirm_after_tampering  # type: ignore[assignment]
        try:
            with pytest.raises(errors.StorageError, match="could not be confirmed"):
                rekey(session, vault)
        finally:
            rekey_module._confirm_pending_on_disk = original
    finally:
        vault.close()
    # The database kept its key; every account still opens it.
    assert opens_with_key(test_vault.path, test_vault.data_key)
    _everyone_opens(test_vault)


def test_an_old_key_file_and_an_old_password_open_nothing_current(
    test_vault: TestVault, tmp_path: Path
) -> None:
    path = key_file_path(test_vault.path)
    old_copy = json.loads(path.read_bytes())  # what a backup folder holds
    vault, session = open_session(test_vault.path, *OPERATOR, clock=test_vault.clock)
    try:
        AccountService(session, vault, kdf=TEST_KDF).change_own_password("a-new-password-2022")
    finally:
        vault.close()
    vault, session = open_session(test_vault.path, *SUPERVISOR, clock=test_vault.clock)
    try:
        rekey(session, vault)
    finally:
        vault.close()
    # The forgery: the operator's old wrapped private key (opened by the old password)
    # spliced into today's file, keeping today's sealed copy of the data key.
    current = json.loads(path.read_bytes())
    old_slot = next(s for s in old_copy["slots"] if s["account"] == "op1")
    for slot in current["slots"]:
        if slot["account"] == "op1":
            for field in ("public_key", "kdf", "wrapped_private_key"):
                slot[field] = old_slot[field]
    path.write_text(json.dumps(current))
    with pytest.raises(
        (errors.AuthenticationFailed, errors.KeyFileCorrupt, errors.IntegrityFailed)
    ):
        open_session(test_vault.path, *OPERATOR, clock=test_vault.clock)
    forged = KeySlotFile.load(path)
    old_keys = KeySlotFile._parse(path, json.dumps(old_copy).encode()).unlock(*OPERATOR)
    with pytest.raises(errors.KeyFileCorrupt):
        forged._unseal(forged._slot("op1"), old_keys.private_key)


def test_a_password_typed_into_the_name_field_is_kept_nowhere(
    test_vault: TestVault, tmp_path: Path
) -> None:
    test_vault.close()
    typed_secret = "My-Secret-Pass-2022"
    keys_path = key_file_path(test_vault.path)
    inode_before = keys_path.stat().st_ino
    keys_before = keys_path.read_bytes()
    for _ in range(3):
        with pytest.raises(errors.AuthenticationFailed):
            open_session(test_vault.path, typed_secret, "", sleep=lambda s: None)
    backup_dir = tmp_path / "backups"
    backup_dir.mkdir()
    backup = run_cli(["backup", "--out", str(backup_dir)], test_vault.env(SUPERVISOR))
    assert backup.returncode == 0, backup.stderr
    places = [keys_path, lockout_file_path(test_vault.path), *backup_dir.rglob("*")]
    for place in places:
        if place.is_file():
            assert typed_secret.encode() not in place.read_bytes(), place
    # Failed logins never rewrite the file that holds key material (finding 3's source of
    # old key files in free blocks).
    assert keys_path.read_bytes() == keys_before and keys_path.stat().st_ino == inode_before


def test_spraying_made_up_names_reveals_no_account_and_wipes_no_counter(
    test_vault: TestVault,
) -> None:
    test_vault.close()
    never = lambda s: None  # noqa: E731
    with pytest.raises(errors.AuthenticationFailed):
        open_session(test_vault.path, "op1", "wrong", sleep=never)
    for i in range(250):
        with pytest.raises(errors.AuthenticationFailed):
            open_session(test_vault.path, f"guess-{i}", "wrong", sleep=never)
    document = json.loads(lockout_file_path(test_vault.path).read_text())
    # Two buckets: op1's (a keyed hash, not the name) and the shared one; nothing trimmed,
    # so what is kept says nothing about which names exist.
    assert len(document["buckets"]) == 2
    assert "op1" not in json.dumps(document) and "guess" not in json.dumps(document)
    slots = KeySlotFile.load(key_file_path(test_vault.path))
    assert LockoutFile.beside(slots).record("op1").count == 1  # type: ignore[union-attr]
