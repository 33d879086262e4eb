"""The audit trail end to end: verify catches every kind of tampering, the anchor outside the
database catches a cut tail, listing respects roles, exports can be checked by the ward.

Tampering is done the way an intruder with the data key would: straight into the SQLCipher
database, bypassing the application.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlcipher3
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, PdfObject

from reservations import errors
from reservations.anchor import (
    advance_anchor,
    anchor_lock_path,
    anchor_path,
    read_anchor,
)
from reservations.audit import GENESIS_HASH, AuditEntry
from reservations.audit_service import AuditFilter, AuditService
from reservations.booking import BookingService, CallerInput, SearchInput
from reservations.errors import ExitCode
from reservations.session import Session
from tests.conftest import OPERATOR, ROOT, SUPERVISOR, TestVault

# -- helpers ---------------------------------------------------------------------------------


def caller(i: int) -> CallerInput:
    return CallerInput(
        "試験", f"太郎{i}", "シケン", f"タロウ{'アイウエオカキクケコ'[i % 10]}", f"0901234{i:04d}"
    )


def book(session: Session, tv: TestVault, slot: str, i: int) -> str:
    return BookingService(session).book(tv.slot_ids[slot], caller(i)).receipt_display


def entries_of(session: Session) -> list[AuditEntry]:
    with session.store.unit_of_work(write=False) as uow:
        return uow.audit_entries()


def tamper(tv: TestVault, *statements: str) -> None:
    """Run SQL on the database directly with the data key, as an intruder would."""
    conn = sqlcipher3.connect(str(tv.path), isolation_level=None)
    try:
        conn.execute(f"PRAGMA key = \"x'{tv.data_key.hex()}'\"")
        conn.execute("BEGIN IMMEDIATE")
        for sql in statements:
            conn.execute(sql)
        conn.execute("COMMIT")
    finally:
        conn.close()


@pytest.fixture
def trail(test_vault: TestVault) -> Iterator[tuple[TestVault, Session, Session]]:
    """A vault with a dozen entries by both accounts; yields (vault, supervisor, operator)."""
    supervisor = test_vault.session(SUPERVISOR)
    operator = test_vault.session(OPERATOR)
    for i, (session, slot) in enumerate(
        ((operator, "a0-1000"), (supervisor, "a0-1030"), (operator, "b0-1000"))
    ):
        test_vault.clock.advance(minutes=1)
        book(session, test_vault, slot, i)
        BookingService(session).find(SearchInput(kana="シケン"))
    test_vault.clock.advance(minutes=1)
    BookingService(operator).cancel(book(operator, test_vault, "b0-1030", 4))
    test_vault.clock.advance(minutes=1)
    book(supervisor, test_vault, "a1-1000", 5)
    yield test_vault, supervisor, operator


class CliRun:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def audit_cli(test_vault: TestVault, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliRun]:
    """``audit_cli("verify", account=OPERATOR)``: ``resdesk audit ...`` in this process.

    Goes through ``reservations.cli.main`` once ``audit`` is wired there; until then through
    the same parser class, error handling and ``Output`` that ``main`` uses.
    """
    from reservations import cli
    from reservations.cli_audit import add_audit_parser, run_audit_command

    def invoke(
        *args: str, account: tuple[str, str] = SUPERVISOR, json_mode: bool = False
    ) -> CliRun:
        monkeypatch.setenv("RESDESK_USER", account[0])
        monkeypatch.setenv("RESDESK_PASSWORD", account[1])
        argv = ["--db", str(test_vault.path), "audit", *args, *(["--json"] if json_mode else [])]
        out, err = io.StringIO(), io.StringIO()
        try:
            cli.build_parser().parse_args(["audit", "verify"])
            wired = True
        except errors.UsageError:
            wired = False
        if wired:
            monkeypatch.setattr(sys, "stdout", out)
            monkeypatch.setattr(sys, "stderr", err)
            code = cli.main(argv)
            monkeypatch.undo()
            return CliRun(code, out.getvalue(), err.getvalue())
        output = cli.Output(json_mode=json_mode, out=out, err=err)
        parser = cli._Parser(prog="resdesk")
        add_audit_parser(
            parser.add_subparsers(dest="command", parser_class=cli._Parser), cli._Parser
        )
        try:
            parsed = parser.parse_args(["audit", *args])
            code = run_audit_command(parsed, test_vault.path, output)
        except errors.ReservationError as exc:
            output.fail(int(exc.exit_code), exc.message)
            code = int(exc.exit_code)
        return CliRun(code, out.getvalue(), err.getvalue())

    return invoke


# -- verify ----------------------------------------------------------------------------------


def test_an_untouched_vault_verifies_and_its_anchor_is_the_latest_entry(
    trail: tuple[TestVault, Session, Session], audit_cli: Callable[..., CliRun]
) -> None:
    tv, supervisor, _operator = trail
    report = AuditService(supervisor).verify()
    entries = entries_of(supervisor)
    assert report.ok and report.problem is None
    assert report.warnings == ()
    assert report.entries == len(entries) >= 10
    assert report.latest == entries[-1]
    assert report.anchor is not None
    assert (report.anchor.seq, report.anchor.hash, report.anchor.time) == (
        entries[-1].seq,
        entries[-1].hash,
        entries[-1].time,
    )
    # Signed by the account whose write it records (issue 12).
    assert report.anchor.account == entries[-1].account and report.anchor.signature

    result = audit_cli("verify")
    assert result.code == 0, result.err
    assert f"{len(entries)} entries" in result.out
    assert entries[-1].hash in result.out
    assert "intact" in result.err

    as_json = audit_cli("verify", json_mode=True)
    document = json.loads(as_json.out)
    assert document["ok"] is True
    # The CLI's own login was written after the previous run's check.
    assert document["latest"]["hash"] == document["anchor"]["hash"]


TAMPERING: dict[
    str, tuple[Callable[[list[AuditEntry]], list[str]], str, Callable[[list[AuditEntry]], int]]
] = {
    "edit account": (
        lambda e: [f"UPDATE audit SET account = 'intruder' WHERE seq = {e[4].seq}"],
        "edited",
        lambda e: e[4].seq,
    ),
    "edit target": (
        lambda e: [f"UPDATE audit SET target = '9999-9999' WHERE seq = {e[5].seq}"],
        "edited",
        lambda e: e[5].seq,
    ),
    "delete in the middle": (
        lambda e: [f"DELETE FROM audit WHERE seq = {e[3].seq}"],
        "missing",
        lambda e: e[4].seq,
    ),
    "delete the first": (
        lambda e: [f"DELETE FROM audit WHERE seq = {e[0].seq}"],
        "missing",
        lambda e: e[1].seq,
    ),
    "swap seq numbers": (
        lambda e: [
            f"UPDATE audit SET seq = -1 WHERE seq = {e[2].seq}",
            f"UPDATE audit SET seq = {e[2].seq} WHERE seq = {e[3].seq}",
            f"UPDATE audit SET seq = {e[3].seq} WHERE seq = -1",
        ],
        "edited",
        lambda e: e[2].seq,
    ),
    "swap whole rows but keep seq": (
        # Move every field but seq, so each row claims the other's place.
        lambda e: [
            f"UPDATE audit SET time = '{b.time}', account = '{b.account}', action = "
            f"'{b.action}', target = '{b.target}', result = '{b.result}', prev_hash = "
            f"'{b.prev_hash}', hash = '{b.hash}' WHERE seq = {a.seq}"
            for a, b in ((e[6], e[7]), (e[7], e[6]))
        ],
        "edited",
        lambda e: e[6].seq,
    ),
    "swap time and action": (
        lambda e: [
            f"UPDATE audit SET time = '{b.time}', action = '{b.action}' WHERE seq = {a.seq}"
            for a, b in ((e[8], e[9]), (e[9], e[8]))
        ],
        "edited",
        lambda e: e[8].seq,
    ),
    "cut the tail": (
        lambda e: [f"DELETE FROM audit WHERE seq > {e[-3].seq}"],
        "tail",
        lambda e: e[-2].seq,
    ),
    "cut the last entry": (
        lambda e: [f"DELETE FROM audit WHERE seq = {e[-1].seq}"],
        "tail",
        lambda e: e[-1].seq,
    ),
    "cut everything": (
        lambda e: ["DELETE FROM audit"],
        "tail",
        lambda e: 1,
    ),
}


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_tampering_is_caught_and_the_first_bad_entry_named(
    name: str,
    trail: tuple[TestVault, Session, Session],
    audit_cli: Callable[..., CliRun],
) -> None:
    tv, supervisor, _operator = trail
    statements, kind, first_bad = TAMPERING[name]
    entries = entries_of(supervisor)
    tamper(tv, *statements(entries))

    report = AuditService(supervisor).verify()
    assert not report.ok
    assert report.problem is not None
    assert (report.problem.kind, report.problem.seq) == (kind, first_bad(entries))

    result = audit_cli("verify")
    assert result.code == ExitCode.INTEGRITY
    assert result.out == ""
    message = result.err.strip()
    assert message.startswith("resdesk: ") and "\n" not in message
    assert f"entry {first_bad(entries)} (" in message
    # The entry's time is named too (for a cut tail: the anchor's).
    assert (report.problem.time) in message

    as_json = audit_cli("verify", json_mode=True)
    assert as_json.code == ExitCode.INTEGRITY
    assert json.loads(as_json.err)["error"]["code"] == ExitCode.INTEGRITY


def test_a_cut_tail_written_over_by_new_entries_is_still_caught(
    trail: tuple[TestVault, Session, Session],
) -> None:
    tv, supervisor, operator = trail
    entries = entries_of(supervisor)
    anchored = entries[-1]
    tamper(tv, f"DELETE FROM audit WHERE seq > {entries[-4].seq}")
    # New work appends after the cut: a valid chain again, ending before the anchor ...
    book(operator, tv, "b1-1000", 6)
    report = AuditService(supervisor).verify()
    assert report.problem is not None and report.problem.kind == "tail"
    # ... and past it: the entry at the anchor's seq is not the one the anchor recorded.
    book(operator, tv, "b1-1030", 7)
    book(operator, tv, "b1-1030", 8)
    assert read_anchor(anchor_path(tv.path)) is not None
    report = AuditService(supervisor).verify()
    assert report.problem is not None
    assert (report.problem.kind, report.problem.seq) == ("anchor", anchored.seq)


def test_a_chain_recomputed_after_an_edit_is_caught_by_the_anchor(
    trail: tuple[TestVault, Session, Session],
) -> None:
    from reservations.audit import canonical_form, chain_hash

    tv, supervisor, _operator = trail
    entries = entries_of(supervisor)
    forged: list[str] = []
    prev = GENESIS_HASH
    for e in entries:
        account = "intruder" if e.seq == entries[2].seq else e.account
        digest = chain_hash(
            prev, canonical_form(e.seq, e.time, account, e.action, e.target, e.result)
        )
        forged.append(
            f"UPDATE audit SET account = '{account}', prev_hash = '{prev}', hash = '{digest}' "
            f"WHERE seq = {e.seq}"
        )
        prev = digest
    tamper(tv, *forged)
    report = AuditService(supervisor).verify()
    assert report.problem is not None
    # The edited entry's signature no longer verifies (issue 12); before signatures, only
    # the anchor outside the database caught the recomputed chain.
    assert (report.problem.kind, report.problem.seq) == ("signature", entries[2].seq)


def test_a_vault_whose_anchor_went_missing_fails_until_it_is_reanchored(
    trail: tuple[TestVault, Session, Session], audit_cli: Callable[..., CliRun]
) -> None:
    tv, supervisor, _operator = trail
    anchor_path(tv.path).unlink()
    report = AuditService(supervisor).verify()
    # A missing anchor is what a database rolled back to an older copy looks like.
    assert not report.ok and report.problem is not None
    assert report.problem.kind == "anchor-missing"
    result = audit_cli("verify")
    assert result.code == 7 and "reanchor" in result.err
    AuditService(supervisor).reanchor("checked against the paper checkpoint")
    assert AuditService(supervisor).verify().ok


def test_an_unreadable_or_foreign_anchor_fails_a_signed_vault(
    trail: tuple[TestVault, Session, Session],
) -> None:
    """In a signed vault, an anchor that cannot be read or names another vault is what an
    insider who cut the tail would leave: as bad as none (issue 12, red-team finding)."""
    tv, supervisor, _operator = trail
    path = anchor_path(tv.path)
    document = json.loads(path.read_text())
    path.write_text(json.dumps({**document, "vault_id": "0" * 32}))
    report = AuditService(supervisor).verify()
    assert not report.ok and report.problem is not None
    assert report.problem.kind == "anchor-missing"
    assert any("another vault" in w for w in report.warnings)
    path.write_text("{not json")
    report = AuditService(supervisor).verify()
    assert not report.ok and any("cannot be read" in w for w in report.warnings)


# -- the anchor ------------------------------------------------------------------------------


def test_the_anchor_advances_with_every_write_and_never_goes_back(
    test_vault: TestVault,
) -> None:
    operator = test_vault.session(OPERATOR)
    path = anchor_path(test_vault.path)
    seen: list[int] = []
    for i, slot in enumerate(("a0-1000", "a0-1030", "b0-1000")):
        book(operator, test_vault, slot, i)
        anchor = read_anchor(path)
        assert anchor is not None
        latest = entries_of(operator)[-1]
        assert (anchor.seq, anchor.hash, anchor.time) == (latest.seq, latest.hash, latest.time)
        seen.append(anchor.seq)
    assert seen == sorted(seen) and len(set(seen)) == 3

    # A writer that comes late with an older entry leaves the newer anchor alone.
    older = entries_of(operator)[0]
    before = path.read_bytes()
    assert advance_anchor(test_vault.path, older) is False
    assert path.read_bytes() == before
    # A read-only transaction writes no anchor.
    AuditService(operator).entries()
    assert path.read_bytes() == before
    assert anchor_lock_path(test_vault.path).exists()


def test_a_failed_commit_writes_no_anchor(test_vault: TestVault) -> None:
    operator = test_vault.session(OPERATOR)
    path = anchor_path(test_vault.path)
    before = path.read_bytes()
    with pytest.raises(RuntimeError):
        with operator.store.unit_of_work(write=True) as uow:
            operator.audit(uow, "book", "0000-0000")
            raise RuntimeError("rolled back")
    assert path.read_bytes() == before


_WORKER = """
import json, sys
from pathlib import Path
from reservations.anchor import anchor_path, read_anchor
from reservations.session import open_session
db, account, password, count = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
vault, session = open_session(db, account, password)
seen = []
try:
    for i in range(count):
        with session.store.unit_of_work(write=True) as uow:
            session.audit(uow, "test-write", f"{account} {i}")
            seq = uow.last_audit.seq
            uow.commit()
        anchor = read_anchor(anchor_path(db))
        assert anchor is not None and anchor.seq >= seq, (anchor, seq)
        seen.append(anchor.seq)
finally:
    vault.close()
print(json.dumps(seen))
"""


def test_two_processes_never_move_the_anchor_backwards(test_vault: TestVault) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(test_vault.path), *account, "60"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for account in (SUPERVISOR, OPERATOR)
    ]
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        seen = json.loads(out)
        assert seen == sorted(seen), "a process saw the anchor go backwards"
    supervisor = test_vault.session(SUPERVISOR)
    latest = entries_of(supervisor)[-1]
    anchor = read_anchor(anchor_path(test_vault.path))
    assert anchor is not None
    assert (anchor.seq, anchor.hash) == (latest.seq, latest.hash)
    assert AuditService(supervisor).verify().ok
    leftovers = [p.name for p in test_vault.path.parent.iterdir() if p.name.endswith(".part")]
    assert leftovers == []


# -- list ------------------------------------------------------------------------------------


def test_list_filters_and_operators_see_only_their_own(
    test_vault: TestVault, audit_cli: Callable[..., CliRun]
) -> None:
    supervisor = test_vault.session(SUPERVISOR)
    operator = test_vault.session(OPERATOR)
    first_day = test_vault.clock().date()
    mine = book(operator, test_vault, "a0-1000", 1)
    test_vault.clock.advance(days=1)
    theirs = book(supervisor, test_vault, "a0-1030", 2)
    BookingService(operator).cancel(mine)
    test_vault.clock.advance(days=1)
    book(operator, test_vault, "b0-1000", 3)

    everything = AuditService(supervisor).entries(limit=1000)
    assert {e.account for e in everything} == {SUPERVISOR[0], OPERATOR[0]}
    by_op = AuditService(supervisor).entries(AuditFilter(account=OPERATOR[0]))
    assert by_op and all(e.account == OPERATOR[0] for e in by_op)
    books = AuditService(supervisor).entries(AuditFilter(action="book"))
    assert [e.target for e in books][:2] == [mine, theirs]
    about_mine = AuditService(supervisor).entries(AuditFilter(receipt=mine.replace("-", "")))
    assert [e.action for e in about_mine] == ["book", "cancel"]
    second_day = first_day + __import__("datetime").timedelta(days=1)
    on_day_two = AuditService(supervisor).entries(AuditFilter(since=second_day, until=second_day))
    assert {e.action for e in on_day_two} == {"book", "cancel"}
    assert all(e.time.startswith(second_day.isoformat()) for e in on_day_two)
    newest = AuditService(supervisor).entries(newest_first=True, limit=1)
    assert newest == [everything[-1]]

    # An operator sees only their own entries, whatever the filter asks.
    own = AuditService(operator).entries(limit=1000)
    assert own and {e.account for e in own} == {OPERATOR[0]}
    assert AuditService(operator).accounts() == [OPERATOR[0]]
    with pytest.raises(errors.NotPermitted):
        AuditService(operator).entries(AuditFilter(account=SUPERVISOR[0]))
    with pytest.raises(errors.InvalidReceiptNumber):
        AuditService(operator).entries(AuditFilter(receipt="1234-5679"))

    listed = audit_cli("list", "--action", "book", account=OPERATOR, json_mode=True)
    assert listed.code == 0, listed.err
    rows = json.loads(listed.out)
    assert [r["target"] for r in rows] == [mine, rows[-1]["target"]]
    assert set(rows[0]) >= {"seq", "time", "account", "action", "target", "result", "hash"}
    refused = audit_cli("list", "--account", SUPERVISOR[0], account=OPERATOR)
    assert refused.code == ExitCode.NOT_PERMITTED
    text = audit_cli("list", "--receipt", mine)
    assert text.code == 0
    lines = text.out.splitlines()
    assert len(lines) == 2 and all(mine in line for line in lines)
    assert "book" in lines[0] and "cancel" in lines[1] and OPERATOR[0] in lines[0]
    days = audit_cli("list", "--from", second_day.isoformat(), "--to", second_day.isoformat())
    assert days.code == 0 and len(days.out.splitlines()) == len(on_day_two)


# -- export ----------------------------------------------------------------------------------


def recompute(rows: list[dict[str, str]]) -> None:
    """What the ward does with the CSV: a few lines of hashlib and json, as documented."""
    prev = GENESIS_HASH
    for row in rows:
        canonical = json.dumps(
            {
                "seq": int(row["seq"]),
                **{k: row[k] for k in ("time", "account", "action", "target", "result")},
            },
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        assert row["prev_hash"] == prev
        assert row["hash"] == hashlib.sha256(f"{prev}\n{canonical}".encode()).hexdigest()
        prev = row["hash"]


def test_csv_export_opens_with_csv_and_the_chain_can_be_recomputed(
    tmp_path: Path,
    trail: tuple[TestVault, Session, Session],
    audit_cli: Callable[..., CliRun],
) -> None:
    _tv, supervisor, _operator = trail
    out = tmp_path / "audit.csv"
    before = entries_of(supervisor)
    result = AuditService(supervisor).export_csv(out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == len(before) + 1 and b"\n" not in raw.replace(b"\r\n", b"")
    with out.open(encoding="utf-8-sig", newline="") as stream:
        header = stream.readline()
        assert header == (
            '"seq","time","account","action","target","result","prev_hash","hash","signature"\r\n'
        )
        stream.seek(0)
        rows = list(csv.DictReader(stream))
    assert len(rows) == result.entries == len(before)
    recompute(rows)
    assert rows[-1]["hash"] == before[-1].hash == (result.latest.hash if result.latest else "")

    # The export itself is on record, with how many entries and no file name.
    # ... and in the register of copies, committed with it.
    last, registered = entries_of(supervisor)[-2:]
    assert (last.action, last.target) == ("audit-export", f"csv {len(rows)} entries (all)")
    assert registered.action == "copy-registered"
    assert registered.target.endswith("audit-export")
    assert AuditService(supervisor).verify().ok

    # An existing file is kept without --force; the CLI says the latest hash.
    refused = audit_cli("export", "--out", str(out))
    assert refused.code == ExitCode.CONFLICT
    done = audit_cli("export", "--out", str(out), "--force", "--action", "book")
    assert done.code == 0, done.err
    assert "Latest entry of the chain" in done.err
    with out.open(encoding="utf-8-sig", newline="") as stream:
        assert {r["action"] for r in csv.DictReader(stream)} == {"book"}


def _as_dict(value: object) -> DictionaryObject:
    resolved = value.get_object() if isinstance(value, PdfObject) else value
    assert isinstance(resolved, DictionaryObject)
    return resolved


def test_pdf_export_shows_the_latest_hash_and_embeds_its_font(
    tmp_path: Path, trail: tuple[TestVault, Session, Session], audit_cli: Callable[..., CliRun]
) -> None:
    _tv, supervisor, _operator = trail
    out = tmp_path / "audit.pdf"
    result = AuditService(supervisor).export_pdf(out)
    assert result.latest is not None and result.anchor is not None
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages
    first = "".join(reader.pages[0].extract_text().split())
    assert result.latest.hash in first
    assert result.anchor.hash in first
    assert "監査ログ" in first and f"1/{result.pages}" in first
    assert SUPERVISOR[0] in first
    fonts = 0
    for page in reader.pages:
        for ref in _as_dict(_as_dict(page["/Resources"])["/Font"]).values():
            font = _as_dict(ref)
            descendants = font.get("/DescendantFonts")
            for d in descendants if isinstance(descendants, ArrayObject) else [font]:
                descriptor = _as_dict(_as_dict(d)["/FontDescriptor"])
                assert "/FontFile2" in descriptor
                fonts += 1
    assert fonts
    last, registered = entries_of(supervisor)[-2:]
    assert (last.action, last.target) == ("audit-export", f"pdf {result.entries} entries (all)")
    assert registered.action == "copy-registered"

    ok = audit_cli("export", "--out", str(tmp_path / "cli.pdf"), json_mode=True)
    assert ok.code == 0, ok.err
    assert json.loads(ok.out)["pages"] >= 1


def test_operators_may_not_export(
    tmp_path: Path, trail: tuple[TestVault, Session, Session], audit_cli: Callable[..., CliRun]
) -> None:
    _tv, _supervisor, operator = trail
    with pytest.raises(errors.NotPermitted):
        AuditService(operator).export_csv(tmp_path / "a.csv")
    with pytest.raises(errors.NotPermitted):
        AuditService(operator).export_pdf(tmp_path / "a.pdf")
    result = audit_cli("export", "--out", str(tmp_path / "a.csv"), account=OPERATOR)
    assert result.code == ExitCode.NOT_PERMITTED
    assert list(tmp_path.iterdir()) == [] or all(p.name != "a.csv" for p in tmp_path.iterdir())
    bad = audit_cli("export", "--out", str(tmp_path / "a.txt"))
    assert bad.code == ExitCode.USAGE


def test_the_parser_wires_into_a_namespace() -> None:
    from reservations import cli
    from reservations.cli_audit import add_audit_parser

    parser = cli._Parser(prog="resdesk")
    add_audit_parser(parser.add_subparsers(dest="command", parser_class=cli._Parser), cli._Parser)
    args = parser.parse_args(["audit", "list", "--from", "2022-12-01", "--receipt", "1"])
    assert isinstance(args, argparse.Namespace)
    assert (args.command, args.audit_command, args.since, args.receipt) == (
        "audit",
        "list",
        "2022-12-01",
        "1",
    )


def test_an_anchor_that_cannot_be_written_never_fails_the_change(test_vault: TestVault) -> None:
    operator = test_vault.session(OPERATOR)
    path = anchor_path(test_vault.path)
    path.unlink()
    path.mkdir()  # anything in the way: the write fails with an OSError
    try:
        receipt = book(operator, test_vault, "a0-1000", 1)
        assert entries_of(operator)[-1].target == receipt
        report = AuditService(operator).verify()
        assert report.ok and any("cannot be read" in w for w in report.warnings)
    finally:
        path.rmdir()
    # The next change does not quietly write a missing anchor again: a supervisor re-anchors.
    book(operator, test_vault, "a0-1030", 2)
    assert read_anchor(path) is None
    assert AuditService(operator).verify().problem.kind == "anchor-missing"  # type: ignore[union-attr]
    supervisor = test_vault.session(SUPERVISOR)
    AuditService(supervisor).reanchor("the anchor's folder was blocked; trail checked")
    anchor = read_anchor(path)
    assert anchor is not None and anchor.seq == entries_of(operator)[-1].seq
