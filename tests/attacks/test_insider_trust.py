"""Issue 12, attacks found by a red-team review of the first signed trail: an operator with the
data key rewrites the vault's own record of its authority, its signing start, its anchor or the
accounts on entries, and a recovery is steered into signing an edited role.  Each must be caught
by the login of an honest account (whose password-sealed pin is the trust root) or by
``resdesk audit verify`` (exit 7)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlcipher3
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reservations.anchor import anchor_message, anchor_path
from reservations.audit import GENESIS_HASH, canonical_form, chain_hash
from reservations.booking import BookingService, CallerInput
from reservations.keyslots import TEST_KDF, AccountKeys, KeySlotFile, recovery_sheet_groups
from reservations.recovery import recover_with_sheet
from reservations.signatures import Grant, audit_message, b64, grant_message, public_bytes
from reservations.vault import key_file_path
from tests.conftest import OPERATOR, SUPERVISOR, TestVault, run_cli


def op_keys(tv: TestVault) -> AccountKeys:
    return KeySlotFile.load(key_file_path(tv.path)).unlock(*OPERATOR)


def raw(tv: TestVault, *statements: Any) -> list[tuple[Any, ...]]:
    conn = sqlcipher3.connect(str(tv.path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = \"x'{bytes(op_keys(tv).data_key).hex()}'\"")
        rows: list[Any] = []
        for st in statements:
            if isinstance(st, tuple):
                rows = list(conn.execute(*st).fetchall())
            else:
                rows = list(conn.execute(st).fetchall())
        return rows
    finally:
        conn.close()


def meta(tv: TestVault, key: str) -> Any:
    r = raw(tv, ("SELECT value FROM meta WHERE key = ?", (key,)))
    return r[0][0] if r else None


def rewrite_chain(
    tv: TestVault, kept: list[tuple[Any, ...]], signer: Ed25519PrivateKey | None = None
) -> tuple[int, str]:
    """kept: list of (time, account, action, target, result, signature-or-None)."""
    statements: list[Any] = ["DELETE FROM audit"]
    prev = GENESIS_HASH
    for seq, (time, account, action, target, result, sig) in enumerate(kept, start=1):
        digest = chain_hash(
            prev,
            canonical_form(seq, str(time), str(account), str(action), str(target), str(result)),
        )
        if signer is not None and account == "op1":
            sig = b64(signer.sign(audit_message(digest)))
        statements.append(
            (
                "INSERT INTO audit(seq, time, account, action, target, result, prev_hash, hash, "
                "signature) VALUES (?,?,?,?,?,?,?,?,?)",
                (seq, time, account, action, target, result, prev, digest, sig),
            )
        )
        prev = digest
    raw(tv, *statements)
    return len(kept), prev


def write_anchor(
    tv: TestVault,
    seq: int,
    h: str,
    time: str,
    account: str | None = None,
    signer: Ed25519PrivateKey | None = None,
    vault_id: str | None = None,
) -> None:
    vid = vault_id if vault_id is not None else meta(tv, "vault_id")
    doc = {
        "format": "resdesk-audit-anchor",
        "version": 1,
        "vault_id": vid,
        "seq": seq,
        "hash": h,
        "time": time,
    }
    if account and signer is not None:
        doc["account"] = account
        doc["signature"] = b64(signer.sign(anchor_message(vid, seq, h)))
    anchor_path(tv.path).write_text(json.dumps(doc))


def _checkpoint(tv: TestVault, tmp_path: Path) -> Path:
    out = tmp_path / "cp.json"
    r = run_cli(["audit", "checkpoint", "--out", str(out)], tv.env(SUPERVISOR))
    assert r.returncode == 0, r.stderr
    return out


def test_prepended_authority_forges_a_supervisor_grant(
    test_vault: TestVault, tmp_path: Path
) -> None:
    test_vault.close()
    cp = _checkpoint(test_vault, tmp_path)
    evil = Ed25519PrivateKey.generate()
    history = json.loads(meta(test_vault, "authority_keys"))
    history.insert(0, {"key": b64(public_bytes(evil)), "since": "2000-01-01T00:00:00+09:00"})
    vid = meta(test_vault, "vault_id")
    ver, box, sk = raw(
        test_vault,
        "SELECT version, box_key, sign_key FROM grants WHERE account='op1' "
        "ORDER BY version DESC LIMIT 1",
    )[0]
    g = Grant(
        vid,
        "op1",
        ver + 1,
        "supervisor",
        "active",
        bytes(box),
        bytes(sk),
        "2000-01-02T00:00:00+09:00",
        "chief",
    )
    sig = evil.sign(grant_message(g))
    raw(
        test_vault,
        (
            "UPDATE meta SET value=? WHERE key='authority_keys'",
            (json.dumps(history, separators=(",", ":")),),
        ),
        "UPDATE accounts SET role='supervisor' WHERE name='op1'",
        (
            "INSERT INTO grants(account, version, role, status, box_key, sign_key, issued_at, "
            "issued_by, issuer, signature) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                "op1",
                g.version,
                g.role,
                g.status,
                g.box_key,
                g.sign_key,
                g.issued_at,
                g.issued_by,
                g.issuer,
                sig,
            ),
        ),
    )
    # op1 now uses a supervisor-only command: export of the whole audit trail
    r = run_cli(["audit", "export", "--out", str(tmp_path / "all.csv")], test_vault.env(OPERATOR))
    _say("op1 export:", r.returncode, r.stderr)
    v = run_cli(["audit", "verify", "--against", str(cp)], test_vault.env(SUPERVISOR))
    _say("verify:", v.returncode, v.stdout, v.stderr)
    lst = run_cli(["account", "list"], test_vault.env(SUPERVISOR))
    _say("chief list:", lst.returncode, lst.stdout)
    assert not (r.returncode == 0 and v.returncode == 0), (
        "NOT CAUGHT: op1 is supervisor; verify --against passes"
    )


def test_wiped_authority_makes_a_new_one_for_the_insider(
    test_vault: TestVault, tmp_path: Path
) -> None:
    test_vault.close()
    raw(
        test_vault,
        "DELETE FROM meta WHERE key IN ('authority_keys', 'signed_from_seq')",
        "DELETE FROM grants",
        "UPDATE accounts SET role='supervisor' WHERE name='op1'",
    )
    # Before: op1's login started a new authority, sealed it to op1, and verify passed.
    r = run_cli(["account", "list"], test_vault.env(OPERATOR))
    assert r.returncode == 7, (r.stdout, r.stderr)
    assert op_keys(test_vault).authority_key is None
    # Signatures stripped as well: the supervisor's own pin still says the vault is signed.
    raw(test_vault, "UPDATE audit SET signature = NULL")
    run_cli(["account", "list"], test_vault.env(OPERATOR))  # whatever it does now
    c = run_cli(["account", "list"], test_vault.env(SUPERVISOR))
    assert c.returncode == 7 and "authority" in c.stderr


def test_recovery_grants_the_role_the_insider_wrote(test_vault: TestVault) -> None:
    test_vault.close()
    raw(test_vault, "UPDATE accounts SET role='supervisor' WHERE name='op1'")
    # chief can no longer log in: op1 drops chief's slot from the key file
    kp = key_file_path(test_vault.path)
    doc = json.loads(kp.read_text())
    doc["slots"] = [s for s in doc["slots"] if s["account"] != "chief"]
    kp.write_text(json.dumps(doc))
    assert run_cli(["account", "list"], test_vault.env(SUPERVISOR)).returncode != 0
    # chief does what the guide says: the sheet from the safe
    recover_with_sheet(
        test_vault.path,
        recovery_sheet_groups(test_vault.data_key),
        "chief",
        "a-brand-new-password-2024",
        kdf=TEST_KDF,
    )
    k = op_keys(test_vault)
    r = run_cli(["account", "list"], test_vault.env(OPERATOR))
    v = run_cli(["audit", "verify"], test_vault.env(OPERATOR))
    _say(
        r.returncode,
        r.stdout,
        r.stderr,
        "| authority:",
        k.authority_key is not None,
        "| verify",
        v.returncode,
        v.stderr,
    )
    assert not (r.returncode == 0 and k.authority_key is not None), (
        "NOT CAUGHT: recovery signed op1 as supervisor and sealed the new authority to it"
    )


def _setup(tv: TestVault) -> list[tuple[Any, ...]]:
    op = tv.session(OPERATOR)
    BookingService(op).book(
        tv.slot_ids["a0-1000"], CallerInput("山田", "太郎", "ヤマダ", "タロウ", "090-1234-5678")
    )
    tv.close()
    r = run_cli(["account", "list"], tv.env(SUPERVISOR))
    assert r.returncode == 0, r.stderr
    rows = raw(
        tv, "SELECT seq, time, account, action, target, result, signature FROM audit ORDER BY seq"
    )
    return rows


def test_delete_signed_from_seq_disables_signature_checks(test_vault: TestVault) -> None:
    rows = _setup(test_vault)
    before = run_cli(["audit", "verify"], test_vault.env(SUPERVISOR))
    assert before.returncode == 0
    # op1 removes every entry of its own (the booking) and keeps the others with their old sigs
    kept = [(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows if r[2] != "op1"]
    raw(test_vault, "DELETE FROM meta WHERE key = 'signed_from_seq'")
    n, h = rewrite_chain(test_vault, kept)
    write_anchor(test_vault, n, h, kept[-1][0])  # unsigned anchor
    result = run_cli(["audit", "verify"], test_vault.env(SUPERVISOR))
    _say(result.stdout, result.stderr)
    assert result.returncode == 7, "NOT CAUGHT: verify passes after signed_from_seq deleted"


def test_signed_from_seq_set_huge(test_vault: TestVault) -> None:
    rows = _setup(test_vault)
    kept = [(r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows if r[2] != "op1"]
    raw(test_vault, "UPDATE meta SET value = '999999999' WHERE key = 'signed_from_seq'")
    n, h = rewrite_chain(test_vault, kept)
    write_anchor(test_vault, n, h, kept[-1][0])
    result = run_cli(["audit", "verify"], test_vault.env(SUPERVISOR))
    _say(result.stdout, result.stderr)
    # logins still work afterwards for everyone
    assert run_cli(["account", "list"], test_vault.env(SUPERVISOR)).returncode == 0
    assert result.returncode == 7, "NOT CAUGHT: verify passes with signed_from_seq = huge"


def test_garbage_anchor_hides_cut_tail_of_others(test_vault: TestVault) -> None:
    rows = _setup(test_vault)
    # the supervisor works after op1: cut the supervisor's later entries AND op1's booking
    cut_from = min(r[0] for r in rows if r[2] == "op1")
    raw(test_vault, f"DELETE FROM audit WHERE seq >= {cut_from}")
    anchor_path(test_vault.path).write_text("garbage")
    result = run_cli(["audit", "verify"], test_vault.env(SUPERVISOR))
    _say(result.stdout, result.stderr)
    assert result.returncode == 7, "NOT CAUGHT: unreadable anchor is only a warning"


def test_foreign_vault_anchor_hides_cut_tail(test_vault: TestVault) -> None:
    rows = _setup(test_vault)
    cut_from = min(r[0] for r in rows if r[2] == "op1")
    raw(test_vault, f"DELETE FROM audit WHERE seq >= {cut_from}")
    a = json.loads(anchor_path(test_vault.path).read_text())
    a["vault_id"] = "0" * 32
    anchor_path(test_vault.path).write_text(json.dumps(a))
    result = run_cli(["audit", "verify"], test_vault.env(SUPERVISOR))
    _say(result.stdout, result.stderr)
    assert result.returncode == 7, "NOT CAUGHT: anchor of 'another vault' is only a warning"


def test_relabel_later_entries_as_own(test_vault: TestVault) -> None:
    """Delete op1's booking in the middle; every later entry (the supervisor's) is relabelled
    as op1's and signed with op1's key."""
    rows = _setup(test_vault)
    keys = op_keys(test_vault)
    booking_seq = [r[0] for r in rows if r[2] == "op1" and r[3] == "book"]
    _say([(r[0], r[2], r[3]) for r in rows])
    kept = []
    seen = False
    for r in rows:
        if r[0] in booking_seq:
            seen = True
            continue
        acct = "op1" if seen else r[2]
        kept.append((r[1], acct, r[3], r[4], r[5], r[6]))
    n, h = rewrite_chain(test_vault, kept, signer=keys.signing_key)
    write_anchor(test_vault, n, h, kept[-1][0], account="op1", signer=keys.signing_key)
    result = run_cli(["audit", "verify"], test_vault.env(OPERATOR))
    _say(result.stdout, result.stderr)
    assert result.returncode == 7, "NOT CAUGHT: later entries relabelled as the insider's"


def _say(*_args: object) -> None:
    """The red-team script printed what it saw; the assertions say it now."""
