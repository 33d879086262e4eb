"""Issue 12, the second red-team round: an operator with the data key replaces the vault
authority with one of their own, re-grants everyone, seals it to every supervisor and then
deletes the honest supervisor's pin so that the next login would trust the new key; plants a
checkpoint entry to mask a later cut; edits the lockout file to lock the supervisor out for
good.  Each is caught or refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reservations import grants
from reservations.anchor import anchor_path
from reservations.audit import canonical_form, chain_hash
from reservations.keyslots import AccountKeys, AuthorityPin, KeySlotFile
from reservations.lockout import LockoutFile
from reservations.signatures import audit_message, b64
from reservations.store import SqlCipherStore
from reservations.vault import key_file_path, open_with_data_key
from tests.conftest import OPERATOR, SUPERVISOR, TestVault, run_cli

NOW = "2030-01-01T00:00:00+09:00"


def _operator_keys(db: Path) -> AccountKeys:
    return KeySlotFile.load(key_file_path(db)).unlock(*OPERATOR)


def _evil_authority(db: Path) -> None:
    """A new authority of the operator's (made with the project's own functions), everyone
    re-granted by it, the operator a supervisor, the key sealed to every supervisor (sealing
    needs only public keys), the operator's own slot re-pinned to it; all saved."""
    keys = _operator_keys(db)
    conn, vault_id = open_with_data_key(db, keys.data_key)
    slots = KeySlotFile.load(key_file_path(db))
    try:
        with slots.locked(), SqlCipherStore(conn).unit_of_work(write=True) as uow:
            evil = grants.start_authority(uow, NOW)
            uow.update_account("op1", {"role": "supervisor"})
            for name, role, public_key, disabled, _must, removed, _created in uow.account_rows():
                if removed:
                    continue
                sign_key = slots.signing_public_key(name)
                assert sign_key is not None
                grants.issue(
                    uow,
                    vault_id,
                    evil,
                    account=name,
                    role=role,
                    status=grants.status_of(disabled, removed),
                    box_key=bytes(public_key),
                    sign_key=sign_key,
                    issued_at=NOW,
                    issued_by="chief",
                )
                slots.grant_authority(name, evil)
            signed_from = grants.signed_from_seq(uow) or 1
            slots.set_pin(keys, AuthorityPin(grants.public_bytes(evil), signed_from))
            slots.save()
            uow.commit()
    finally:
        conn.close()


def _strip_pin(db: Path, account: str) -> None:
    path = key_file_path(db)
    document = json.loads(path.read_text())
    for slot in document["slots"]:
        if slot["account"] == account:
            slot.pop("authority_pin", None)
    path.write_text(json.dumps(document))


def test_a_new_authority_is_refused_at_the_honest_supervisors_login(
    test_vault: TestVault,
) -> None:
    test_vault.close()
    _evil_authority(test_vault.path)
    result = run_cli(["account", "list"], test_vault.env(SUPERVISOR))
    assert result.returncode == 7 and "authority" in result.stderr


def test_deleting_the_supervisors_pin_does_not_make_the_login_trust_it(
    test_vault: TestVault,
) -> None:
    test_vault.close()
    _evil_authority(test_vault.path)
    _strip_pin(test_vault.path, "chief")
    # Before: the login trusted the new key on "first use", verify passed, op1 a supervisor.
    for command in (["account", "list"], ["audit", "verify"]):
        result = run_cli(command, test_vault.env(SUPERVISOR))
        assert result.returncode == 7, (command, result.stderr)
        assert "edited" in result.stderr and "Traceback" not in result.stderr


def test_a_checkpoint_entry_by_an_operator_is_named_and_does_not_hide_a_later_cut(
    test_vault: TestVault,
) -> None:
    test_vault.close()
    keys = _operator_keys(test_vault.path)
    assert keys.signing_key is not None
    conn, _vault_id = open_with_data_key(test_vault.path, keys.data_key)
    try:
        seq, prev = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        row: tuple[Any, ...] = (seq + 1, NOW, "op1", "checkpoint", f"entry {seq}", "junk junk")
        digest = chain_hash(prev, canonical_form(*row))
        signature = b64(keys.signing_key.sign(audit_message(digest)))
        conn.execute(
            "INSERT INTO audit(seq, time, account, action, target, result, prev_hash, hash, "
            "signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*row, prev, digest, signature),
        )
        junk = seq + 1
    finally:
        conn.close()
    for command in (["account", "list"], ["settings", "idle-lock", "7"]):
        assert run_cli(command, test_vault.env(SUPERVISOR)).returncode == 0
    first = run_cli(["audit", "verify"], test_vault.env(SUPERVISOR))
    assert first.returncode == 7 and "op1" in first.stderr
    conn, _vault_id = open_with_data_key(test_vault.path, keys.data_key)
    try:
        conn.execute("DELETE FROM audit WHERE seq > ?", (junk,))
        conn.commit()
    finally:
        conn.close()
    assert json.loads(anchor_path(test_vault.path).read_text())["seq"] > junk
    second = run_cli(["audit", "verify"], test_vault.env(SUPERVISOR))
    # Before: the same sentence, byte for byte; now the cut behind the bad entry is named too.
    assert second.returncode == 7 and second.stderr != first.stderr
    assert "missing at the end" in second.stderr


def test_a_lock_written_into_the_lockout_file_by_hand_is_ignored(test_vault: TestVault) -> None:
    test_vault.close()
    slots = KeySlotFile.load(key_file_path(test_vault.path))
    lockout = LockoutFile.beside(slots)
    lockout.path.write_text(
        json.dumps(
            {
                "format": "resdesk-lockout",
                "version": 1,
                "vault_id": slots.vault_id,
                "buckets": {
                    lockout.bucket("chief"): {
                        "count": 0,
                        "times": [],
                        "locked_until": "2099-12-31T00:00:00+09:00",
                    }
                },
            }
        )
    )
    # Before: exit 3 "locked; try again at 00:00" with no failure ever recorded.
    result = run_cli(["account", "list"], test_vault.env(SUPERVISOR))
    assert result.returncode == 0, result.stderr
