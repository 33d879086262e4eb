"""Issue 12, findings 1 and 2: an operator with their own password, raw sqlcipher3 with the
data key it yields, and the project's own modules, tries to promote themselves and to
rewrite history.  Both are caught by signatures the operator cannot make."""

from __future__ import annotations

import json
from typing import Any

import sqlcipher3

from reservations.anchor import anchor_path
from reservations.audit import GENESIS_HASH, canonical_form, chain_hash
from reservations.booking import BookingService, CallerInput
from reservations.keyslots import KeySlotFile
from reservations.signatures import ISSUER_ACCOUNT, Grant, b64, grant_message
from reservations.vault import key_file_path
from tests.conftest import OPERATOR, SUPERVISOR, TestVault, assert_fails, run_cli


def _operator_data_key(tv: TestVault) -> bytes:
    """What any operator gets from their own password: the data key."""
    keys = KeySlotFile.load(key_file_path(tv.path)).unlock(*OPERATOR)
    return bytes(keys.data_key)


def _raw(tv: TestVault, *statements: str) -> list[tuple[Any, ...]]:
    conn = sqlcipher3.connect(str(tv.path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = \"x'{_operator_data_key(tv).hex()}'\"")
        rows: list[tuple[Any, ...]] = []
        for statement in statements:
            rows = list(conn.execute(statement).fetchall())
        return rows
    finally:
        conn.close()


def test_an_operator_who_promotes_themselves_is_refused_naming_the_account(
    test_vault: TestVault,
) -> None:
    test_vault.close()
    _raw(test_vault, "UPDATE accounts SET role = 'supervisor' WHERE name = 'op1'")
    # Before: exit 0 and the account list.
    message = assert_fails(run_cli(["account", "list"], test_vault.env(OPERATOR)), 7, "op1")
    assert "\n" not in message
    # The real supervisor is unaffected.
    listed = run_cli(["account", "list"], test_vault.env(SUPERVISOR))
    assert listed.returncode == 0, listed.stderr


def test_a_self_issued_grant_cannot_carry_a_new_role(test_vault: TestVault) -> None:
    """The operator also forges the grant: signed with their own signing key, as a
    password change would be.  A self-issued grant may change keys only."""
    test_vault.close()
    keys = KeySlotFile.load(key_file_path(test_vault.path)).unlock(*OPERATOR)
    assert keys.signing_key is not None
    row = _raw(
        test_vault,
        "SELECT version, box_key, sign_key FROM grants WHERE account = 'op1' "
        "ORDER BY version DESC LIMIT 1",
    )[0]
    vault_id = _raw(test_vault, "SELECT value FROM meta WHERE key = 'vault_id'")[0][0]
    forged = Grant(
        str(vault_id),
        "op1",
        int(str(row[0])) + 1,
        "supervisor",
        "active",
        bytes(row[1]),
        bytes(row[2]),
        "2030-01-01T00:00:00+09:00",
        "op1",
        ISSUER_ACCOUNT,
    )
    signature = keys.signing_key.sign(grant_message(forged))
    _raw(
        test_vault,
        "UPDATE accounts SET role = 'supervisor' WHERE name = 'op1'",
        f"INSERT INTO grants VALUES ('op1', {forged.version}, 'supervisor', 'active', "
        f"x'{forged.box_key.hex()}', x'{forged.sign_key.hex()}', "
        f"'2030-01-01T00:00:00+09:00', 'op1', 'account', x'{signature.hex()}')",
    )
    assert_fails(run_cli(["account", "list"], test_vault.env(OPERATOR)), 7, "op1")


def test_history_rewritten_with_the_projects_own_chain_functions_is_caught(
    test_vault: TestVault,
) -> None:
    operator = test_vault.session(OPERATOR)
    booked = BookingService(operator).book(
        test_vault.slot_ids["a0-1000"],
        CallerInput("山田", "太郎", "ヤマダ", "タロウ", "090-1234-5678"),
    )
    test_vault.close()
    # The supervisor works after the operator: entries the operator cannot sign.
    listed = run_cli(["account", "list"], test_vault.env(SUPERVISOR))
    assert listed.returncode == 0, listed.stderr
    rows = _raw(
        test_vault,
        "SELECT seq, time, account, action, target, result FROM audit ORDER BY seq",
    )
    kept = [r for r in rows if r[2] != "op1"]
    statements = ["DELETE FROM audit"]
    prev = GENESIS_HASH
    for seq, (_old, time, account, action, target, result) in enumerate(kept, start=1):
        digest = chain_hash(
            prev,
            canonical_form(seq, str(time), str(account), str(action), str(target), str(result)),
        )
        statements.append(
            "INSERT INTO audit(seq, time, account, action, target, result, prev_hash, hash) "
            f"VALUES ({seq}, '{time}', '{account}', '{action}', '{target}', '{result}', "
            f"'{prev}', '{digest}')"
        )
        prev = digest
    _raw(test_vault, *statements)
    vault_id = _raw(test_vault, "SELECT value FROM meta WHERE key = 'vault_id'")[0][0]
    anchor_path(test_vault.path).write_text(
        json.dumps(
            {
                "format": "resdesk-audit-anchor",
                "version": 1,
                "vault_id": vault_id,
                "seq": len(kept),
                "hash": prev,
                "time": str(kept[-1][1]),
            }
        )
    )
    assert booked.receipt  # the booking the operator wants to deny having made
    # Before: "intact", exit 0.
    result = run_cli(["audit", "verify"], test_vault.env(SUPERVISOR))
    assert result.returncode == 7, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr


def test_an_entry_signed_with_the_wrong_key_is_named(test_vault: TestVault) -> None:
    """The operator re-signs an entry of the supervisor's with their own key."""
    test_vault.close()
    keys = KeySlotFile.load(key_file_path(test_vault.path)).unlock(*OPERATOR)
    assert keys.signing_key is not None
    seq, entry_hash = _raw(
        test_vault, "SELECT seq, hash FROM audit WHERE account = 'chief' ORDER BY seq LIMIT 1"
    )[0]
    from reservations.signatures import audit_message

    forged = b64(keys.signing_key.sign(audit_message(str(entry_hash))))
    _raw(test_vault, f"UPDATE audit SET signature = '{forged}' WHERE seq = {seq}")
    result = run_cli(["audit", "verify"], test_vault.env(SUPERVISOR))
    assert result.returncode == 7
    assert f"entry {seq}" in result.stderr + result.stdout
