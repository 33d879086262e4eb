"""README.txt section 6 run the way the ward would run it, on a real handover package.

A vault populated as in ``test_handover`` (bookings by the operator, changes by the chief),
plus a password change (a grant the account signs itself with its old key) and a new account
(a grant from the vault authority), exported through ``HandoverService``.  ``keys.json`` and
``audit.csv`` are taken out of the encrypted PDF, the recipe is copied out of README.txt as
the ward would copy it, and it runs in a separate Python that needs only ``cryptography``.
Then one signature, one grant's role and one missing signature are each shown to fail, and
one entry is checked with the OpenSSL 3 command lines README.txt gives.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reservations.accounts import AccountService
from reservations.booking import BookingService
from reservations.domain import Role
from reservations.handover import (
    AUDIT_CSV,
    KEYS_JSON,
    README_NAME,
    RECIPE_BEGIN,
    RECIPE_END,
    HandoverService,
)
from reservations.keyslots import TEST_KDF
from reservations.session import open_session
from reservations.signatures import ISSUER_ACCOUNT, Grant, b64, grant_message, verify
from reservations.spreadsheet_csv import restore_cell, spreadsheet_csv_bytes
from reservations.store import UnitOfWork
from tests.conftest import OPERATOR, SUPERVISOR, TestVault
from tests.test_handover import PASSWORD, attachment, populate

NEW_OPERATOR_PASSWORD = "operator-new-password-2024"
# Enough audited reads that one signature begins with "+" (each does with chance 1/64), so
# that the recipe's removal of the ' which the CSV writer puts before it is exercised.
MAX_READS = 2000


@dataclass
class Ward:
    """The ward's folder: verify.py copied from README.txt, keys.json and audit.csv."""

    folder: Path
    readme: str
    keys: dict[str, Any]  # keys.json as the ward reads it
    latest_hash: str | None  # the hash on the ledger's cover

    def run(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            # Isolated mode (no PYTHON* variables, no user site): the recipe imports nothing
            # but the standard library and cryptography.
            [sys.executable, "-I", "verify.py"],
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    def audit_rows(self) -> list[list[str]]:
        """audit.csv's cells as stored (the ' the writer adds taken off again)."""
        text = (self.folder / AUDIT_CSV).read_bytes().decode("utf-8-sig")
        return [[restore_cell(c) for c in row] for row in csv.reader(io.StringIO(text, newline=""))]

    def write_audit_rows(self, rows: list[list[str]]) -> None:
        (self.folder / AUDIT_CSV).write_bytes(spreadsheet_csv_bytes(rows))

    def write_keys(self) -> None:
        (self.folder / KEYS_JSON).write_text(
            json.dumps(self.keys, ensure_ascii=False, indent=2), encoding="utf-8"
        )


def recipe_of(readme: str) -> str:
    """The lines between the markers, as a ward copies them out of Notepad (CRLF kept)."""
    start = readme.index(RECIPE_BEGIN + "\r\n") + len(RECIPE_BEGIN) + 2
    return readme[start : readme.index("\r\n" + RECIPE_END)] + "\r\n"


def _latest_signature(uow: UnitOfWork) -> str:
    latest = uow.audit_latest()
    return "" if latest is None else latest.signature


@pytest.fixture
def ward(tmp_path: Path, test_vault: TestVault) -> Ward:
    populated = populate(test_vault)
    vault, chief = open_session(test_vault.path, *SUPERVISOR, clock=test_vault.clock)
    try:  # a grant issued by the vault authority
        AccountService(chief, vault, kdf=TEST_KDF).add("clerk", Role.OPERATOR, "clerk-initial-24")
    finally:
        vault.close()
    test_vault.clock.advance(minutes=5)
    vault, operator = open_session(test_vault.path, *OPERATOR, clock=test_vault.clock)
    try:  # a grant the operator's old signing key vouches for (new keys, same role)
        AccountService(operator, vault, kdf=TEST_KDF).change_own_password(NEW_OPERATOR_PASSWORD)
    finally:
        vault.close()
    test_vault.clock.advance(minutes=5)
    operator = test_vault.session((OPERATOR[0], NEW_OPERATOR_PASSWORD))
    booking = BookingService(operator)
    receipt = next(iter(populated.receipts))
    for _ in range(MAX_READS):
        booking.get(receipt)
        with operator.store.unit_of_work(write=False) as uow:
            if _latest_signature(uow).startswith("+"):
                break
    test_vault.clock.advance(minutes=5)
    chief = test_vault.session(SUPERVISOR)
    package = tmp_path / "handover"
    result = HandoverService(chief, fallbacks=()).export(package, PASSWORD)
    readme = (package / README_NAME).read_bytes().decode("utf-8-sig")
    folder = tmp_path / "ward"
    folder.mkdir()
    (folder / "verify.py").write_bytes(recipe_of(readme).encode("utf-8"))
    for name in (KEYS_JSON, AUDIT_CSV):
        (folder / name).write_bytes(attachment(package, name))
    keys = json.loads((folder / KEYS_JSON).read_text(encoding="utf-8"))
    return Ward(folder, readme, keys, result.audit_latest_hash)


def test_keys_json_holds_the_authority_keys_and_every_grant(
    ward: Ward, test_vault: TestVault
) -> None:
    chief = test_vault.session(SUPERVISOR)
    with chief.store.unit_of_work(write=False) as uow:
        vault_id = uow.get_meta("vault_id")
        grants = uow.grants(vault_id or "")
        signed_from = uow.get_meta("signed_from_seq")
    assert ward.keys["vault"] == vault_id
    assert ward.keys["signed_from_seq"] == int(signed_from or "0") >= 1
    assert ward.keys["grants"] == [grant.to_json() for grant in grants]
    issuers = {(g.account, g.issuer) for g in grants}
    assert issuers == {
        ("chief", "authority"),
        ("clerk", "authority"),
        (OPERATOR[0], "authority"),
        (OPERATOR[0], "account"),
    }
    # Every field the signature covers is there, under the name the canonical form uses.
    assert set(ward.keys["grants"][0]) == {*json.loads(grants[0].canonical()), "signature"}
    (authority,) = ward.keys["authority_keys"]
    assert len(base64.b64decode(authority["key"])) == 32 and authority["since"]


def test_the_recipe_verifies_a_real_export(ward: Ward) -> None:
    raw = (ward.folder / AUDIT_CSV).read_bytes().decode("utf-8-sig")
    assert "\"'+" in raw, "no signature began with + (the ' the ward must take off)"
    result = ward.run()
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    rows = ward.audit_rows()
    assert lines[-1] == (
        f"OK: {len(ward.keys['grants'])} grants, {len(rows) - 1} entries, "
        f"last hash {ward.latest_hash}"
    )
    assert rows[-1][rows[0].index("hash")] == ward.latest_hash
    assert not [line for line in lines if line.startswith("NG")]
    assert result.stderr == ""
    # Without taking off the ' that section 2 describes, that signature would not verify.
    recipe = (ward.folder / "verify.py").read_text(encoding="utf-8")
    (ward.folder / "verify.py").write_text(
        recipe.replace("e = {k: cell(v) for", "e = {k: v for"), encoding="utf-8"
    )
    assert ward.run().returncode == 1


def test_a_signature_moved_to_another_entry_is_reported(ward: Ward) -> None:
    rows = ward.audit_rows()
    # The round trip through the desk's own CSV writer gives back the very file.
    before = (ward.folder / AUDIT_CSV).read_bytes()
    ward.write_audit_rows(rows)
    assert (ward.folder / AUDIT_CSV).read_bytes() == before
    header = rows[0]
    sig, seq = header.index("signature"), header.index("seq")
    signed = [row for row in rows[1:] if row[sig]]
    victim = signed[len(signed) // 2]
    victim[sig] = signed[0][sig]  # a real signature, of another entry
    ward.write_audit_rows(rows)
    result = ward.run()
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("NG")]
    assert problems == [f"NG audit.csv seq {victim[seq]} account {victim[header.index('account')]}"]


def test_an_edited_entry_breaks_the_chain_though_its_signature_stays(ward: Ward) -> None:
    rows = ward.audit_rows()
    header = rows[0]
    victim = rows[len(rows) // 2]
    victim[header.index("target")] = "=HYPERLINK(1)"  # the writer puts a ' before it
    ward.write_audit_rows(rows)
    result = ward.run()
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("NG")]
    assert problems == [f"NG audit.csv seq {victim[0]} breaks the hash chain (section 4)"]


def test_a_signed_entry_without_its_signature_is_reported(ward: Ward) -> None:
    rows = ward.audit_rows()
    header = rows[0]
    sig, seq = header.index("signature"), header.index("seq")
    last = rows[-1]
    assert int(last[seq]) >= int(str(ward.keys["signed_from_seq"]))
    last[sig] = ""
    ward.write_audit_rows(rows)
    result = ward.run()
    assert result.returncode == 1
    assert f"NG audit.csv seq {last[seq]} account" in result.stdout
    # Entries written before the vault had an authority key (a vault from before signatures)
    # may be unsigned: only those.
    ward.keys["signed_from_seq"] = int(last[seq]) + 1
    ward.write_keys()
    assert ward.run().returncode == 0


def test_a_promotion_in_keys_json_is_reported(ward: Ward) -> None:
    (granted, _renewed) = [g for g in ward.keys["grants"] if g["account"] == OPERATOR[0]]
    granted["role"] = "supervisor"
    ward.write_keys()
    result = ward.run()
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("NG")]
    # The renewal is only as good as the grant before it, and every entry the operator signed
    # is left without a grant that vouches for its key.
    assert problems[:2] == [
        f"NG grant {OPERATOR[0]} version 1",
        f"NG grant {OPERATOR[0]} version 2",
    ]
    assert len(problems) > 2
    assert all(p.endswith(f"account {OPERATOR[0]}") for p in problems[2:])


@pytest.mark.parametrize(("role", "accepted"), [("operator", True), ("supervisor", False)])
def test_a_self_issued_grant_may_renew_keys_but_not_promote(
    ward: Ward, test_vault: TestVault, role: str, accepted: bool
) -> None:
    """What an operator can sign with their own key: a grant naming themselves supervisor."""
    own_key = test_vault.vault((OPERATOR[0], NEW_OPERATOR_PASSWORD)).keys.signing_key
    assert own_key is not None
    last = ward.keys["grants"][-1]
    assert (last["account"], last["issuer"]) == (OPERATOR[0], "account")
    forged = Grant(
        ward.keys["vault"],
        OPERATOR[0],
        last["version"] + 1,
        role,
        last["status"],
        base64.b64decode(last["box_key"]),
        base64.b64decode(last["sign_key"]),
        "2099-01-01T00:00:00+09:00",
        OPERATOR[0],
        ISSUER_ACCOUNT,
    )
    signature = own_key.sign(grant_message(forged))
    assert verify(base64.b64decode(last["sign_key"]), signature, grant_message(forged))
    ward.keys["grants"].append({**forged.to_json(), "signature": b64(signature)})
    ward.write_keys()
    result = ward.run()
    if accepted:
        assert result.returncode == 0, result.stdout
    else:
        assert result.returncode == 1
        problems = [line for line in result.stdout.splitlines() if line.startswith("NG")]
        assert problems == [f"NG grant {OPERATOR[0]} version {forged.version}"]


def test_one_entry_checks_with_the_openssl_command_lines(ward: Ward) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("OpenSSL is not installed")
    commands = [
        line.strip()
        for line in ward.readme.split("\r\n")
        if line.strip().startswith(("printf ", "openssl "))
    ]
    assert len(commands) == 5 and commands[-1].startswith("openssl pkeyutl -verify")
    rows = ward.audit_rows()
    entries = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    *_, other, entry = [e for e in entries if e["account"] == OPERATOR[0] and e["signature"]]
    # The operator's last entries are signed with the key of their renewed grant.
    key = [g["sign_key"] for g in ward.keys["grants"] if g["account"] == OPERATOR[0]][-1]
    script = "\n".join(commands) + "\n"
    for signature, verdict in (
        (entry["signature"], "Signature Verified Successfully"),
        (other["signature"], "Signature Verification Failure"),
    ):
        env = {**os.environ, "HASH": entry["hash"], "SIG": signature, "KEY": key}
        result = subprocess.run(
            ["sh", "-c", script],
            cwd=ward.folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert verdict in result.stdout + result.stderr, result.stdout + result.stderr
