"""Backups of a running vault and restoring them (``reservations.backup``, ``resdesk backup``
and ``resdesk restore``)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reservations import errors
from reservations.audit_service import AuditService
from reservations.backup import BackupResult, BackupService, restore
from reservations.errors import ExitCode
from reservations.files import sha256_file
from reservations.keyslots import KeySlotFile
from reservations.session import Session, open_session
from reservations.store import SqlCipherStore
from reservations.vault import (
    Vault,
    check_integrity,
    connect,
    key_file_path,
    open_vault,
    vault_files,
)
from tests.conftest import BASE_DAY, OPERATOR, ROOT, SUPERVISOR, CliResult, TestVault, assert_fails

Cli = Callable[..., CliResult]
FOLDER = re.compile(r"\Aresdesk-backup-\d{8}-\d{4}\Z")

# Books into one slot until the stop file appears; prints a line per booking.
BOOKER = """
import pathlib, sys
from reservations.booking import BookingService, CallerInput
from reservations.session import open_session
db, slot, stop = pathlib.Path(sys.argv[1]), int(sys.argv[2]), pathlib.Path(sys.argv[3])
vault, session = open_session(db, sys.argv[4], sys.argv[5])
service = BookingService(session)
i = 0
while not stop.exists() and i < 20000:
    phone = f"090-{1000 + i // 10000:04d}-{i % 10000:04d}"
    service.book(slot, CallerInput("山田", "太郎", "やまだ", "たろう", phone), allow_duplicate=True)
    i += 1
    print(i, flush=True)
vault.close()
"""


def _open(tv: TestVault, account: tuple[str, str] = SUPERVISOR) -> tuple[Vault, Session]:
    vault, session = open_session(tv.path, account[0], account[1], clock=tv.clock)
    tv._open.append(vault)
    return vault, session


def _count(db: Path, key: bytes) -> int:
    conn = connect(db, key)
    try:
        return int(conn.execute("SELECT count(*) FROM reservations").fetchone()[0])
    finally:
        conn.close()


def _big_slot(tv: TestVault) -> int:
    vault = tv.vault()
    store = SqlCipherStore(vault.conn)
    with store.unit_of_work(write=True) as uow:
        center = vault.conn.execute("SELECT min(id) FROM centers").fetchone()[0]
        slot = uow.add_slot(
            center, BASE_DAY + dt.timedelta(days=2), dt.time(10), dt.time(10, 30), 100000
        )
        uow.commit()
    return slot


def _backup(tv: TestVault, out: Path) -> BackupResult:
    vault, session = _open(tv)
    return BackupService(session, vault).backup(out)


def test_backup_while_another_process_books(test_vault: TestVault, tmp_path: Path) -> None:
    slot = _big_slot(test_vault)
    stop = tmp_path / "stop"
    child = subprocess.Popen(
        [sys.executable, "-c", BOOKER, str(test_vault.path), str(slot), str(stop), *OPERATOR],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=test_vault.env(),
    )
    try:
        assert child.stdout is not None
        for _ in range(5):  # the child is booking before the backup starts
            assert child.stdout.readline(), child.stderr.read() if child.stderr else ""
        before = _count(test_vault.path, test_vault.data_key)
        out = tmp_path / "backups"
        out.mkdir()
        result = _backup(test_vault, out)
        after = _count(test_vault.path, test_vault.data_key)
        # The child is still booking after the backup finished.
        deadline = time.monotonic() + 30
        while _count(test_vault.path, test_vault.data_key) <= after:
            assert time.monotonic() < deadline, "the child stopped booking"
            time.sleep(0.05)
    finally:
        stop.touch()
        _stdout, stderr = child.communicate(timeout=60)
    assert child.returncode == 0, stderr

    assert FOLDER.match(result.folder.name)
    assert result.folder.parent == out
    assert result.database == result.folder / "vault.db"
    assert before <= result.reservations <= after
    # Nothing else was left in the output folder (no temporary name).
    assert [p.name for p in out.iterdir()] == [result.folder.name]
    assert sorted(p.name for p in result.folder.iterdir()) == [
        "vault.db",
        "vault.db.audit-anchor",
        "vault.db.keys",
    ]
    # The same data key opens it; both integrity checks pass; the count is the snapshot's.
    assert _count(result.database, test_vault.data_key) == result.reservations
    conn = connect(result.database, test_vault.data_key)
    try:
        assert check_integrity(conn).ok
    finally:
        conn.close()
    # The same accounts open it with their passwords, and its audit chain matches its anchor.
    for account in (SUPERVISOR, OPERATOR):
        vault, session = open_session(result.database, *account)
        try:
            assert AuditService(session).verify().ok
        finally:
            vault.close()
    assert vault_files(result.database) == [result.database, key_file_path(result.database)]


def test_backup_is_audited_without_personal_data(test_vault: TestVault, tmp_path: Path) -> None:
    from reservations.booking import BookingService, CallerInput

    BookingService(test_vault.session(OPERATOR)).book(
        test_vault.slot_ids["a0-1000"],
        CallerInput("鈴木", "花子", "スズキ", "ハナコ", "03-1234-5678"),
    )
    result = _backup(test_vault, tmp_path)
    conn = connect(test_vault.path, test_vault.data_key)
    try:
        # Registered before the files are written, completed once the copy is verified.
        registered, row = conn.execute(
            "SELECT account, action, target, result FROM audit ORDER BY seq DESC LIMIT 2"
        ).fetchall()[::-1]
        copy = conn.execute("SELECT kind, people, path, sha256 FROM copies").fetchone()
    finally:
        conn.close()
    assert row == ("chief", "backup", result.folder.name, "1 reservation(s)")
    assert registered[1:] == ("copy-registered", "#1 backup", "1 people")
    for personal in ("鈴木", "花子", "スズキ", "1234", "5678"):
        assert personal not in " ".join(row + registered)
    # The register of copies knows where the backup went and what it holds.
    assert copy[:3] == ("backup", 1, str(result.folder.resolve()))
    assert copy[3] == sha256_file(result.database)


def test_backup_refusals(test_vault: TestVault, tmp_path: Path) -> None:
    with pytest.raises(errors.NotFound, match="does not exist"):
        _backup(test_vault, tmp_path / "missing")
    first = _backup(test_vault, tmp_path)
    # Same minute (the clock does not move): the folder exists, nothing is replaced.
    with pytest.raises(errors.Conflict, match="already exists") as info:
        _backup(test_vault, tmp_path)
    assert info.value.exit_code == ExitCode.CONFLICT
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(("resdesk", ".resdesk"))] == [
        first.folder.name
    ]
    test_vault.clock.advance(minutes=1)
    assert _backup(test_vault, tmp_path).folder != first.folder
    _vault, operator = _open(test_vault, OPERATOR)
    with pytest.raises(errors.NotPermitted):
        BackupService(operator, _vault).backup(tmp_path)


def test_the_register_hears_of_a_backup_before_its_files_are_written(
    test_vault: TestVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reservations import backup as backup_module
    from reservations.domain import CopyStatus

    vault, session = _open(test_vault)
    usb = tmp_path / "usb"
    usb.mkdir()
    seen: dict[str, tuple[CopyStatus, str, list[str]]] = {}

    def look(name: str) -> None:
        with session.store.unit_of_work(write=False) as uow:
            [copy] = uow.list_copies(open_only=False)
        seen[name] = (copy.status, copy.sha256, sorted(p.name for p in usb.iterdir()))

    def broken(*_args: object) -> int:
        raise errors.IntegrityFailed("The copy failed its integrity check; nothing was kept.")

    BackupService(session, vault, checkpoint=look).backup(usb)
    status, digest, [part_name] = seen["registered"]
    assert (status, digest) == (CopyStatus.OPEN, "")
    assert part_name.startswith(".resdesk-backup-") and part_name.endswith(".part")
    assert seen["completed"][1] != ""

    # A backup that fails (here its verification) leaves no folder and a closed entry.
    test_vault.clock.advance(minutes=1)
    monkeypatch.setattr(backup_module, "_verify", broken)
    with pytest.raises(errors.IntegrityFailed):
        BackupService(session, vault).backup(usb)
    assert len(list(usb.iterdir())) == 1  # the first backup only
    with session.store.unit_of_work(write=False) as uow:
        _first, failed = uow.list_copies(open_only=False)
    assert failed.status is CopyStatus.DESTROYED and failed.note is not None
    assert "never published" in failed.note


def test_restore_needs_a_supervisor(test_vault: TestVault, tmp_path: Path) -> None:
    result = _backup(test_vault, tmp_path)
    (tmp_path / "new").mkdir()
    with pytest.raises(errors.NotPermitted, match="operator role may not restore backups"):
        restore(result.folder, tmp_path / "new" / "vault.db", *OPERATOR)
    assert list((tmp_path / "new").iterdir()) == []


def test_restore_to_a_new_path_and_log_in(test_vault: TestVault, tmp_path: Path) -> None:
    result = _backup(test_vault, tmp_path)
    (tmp_path / "new").mkdir()
    new_db = tmp_path / "new" / "vault.db"
    restored = restore(result.folder, new_db, *SUPERVISOR, live_db=test_vault.path)
    assert restored.database == new_db
    assert restored.reservations == result.reservations
    assert (tmp_path / "new" / "vault.db.audit-anchor").is_file()
    vault, session = open_session(new_db, *SUPERVISOR)
    try:
        assert check_integrity(vault.conn).ok
        assert AuditService(session).verify().ok
        last = vault.conn.execute(
            "SELECT account, action, target FROM audit ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        # The restore entry is followed only by the supervisor's login now.
        actions = [
            r[0] for r in vault.conn.execute("SELECT action FROM audit ORDER BY seq").fetchall()
        ]
    finally:
        vault.close()
    # The restore entry is followed only by the supervisor's login and its checkpoint now.
    assert last[1] in ("login", "checkpoint", "restore")
    assert "restore" in actions
    # The backup itself is untouched and still opens.
    assert KeySlotFile.load(key_file_path(result.database)).vault_id == vault.vault_id


def test_restore_refusals(test_vault: TestVault, tmp_path: Path) -> None:
    result = _backup(test_vault, tmp_path)
    test_vault.close()
    live_files = {p: p.read_bytes() for p in vault_files(test_vault.path)}
    with pytest.raises(errors.VaultExists, match="live vault"):
        restore(result.folder, test_vault.path, *SUPERVISOR, live_db=test_vault.path)
    existing = tmp_path / "other.db"
    existing.write_bytes(b"keep me")
    with pytest.raises(errors.VaultExists, match="already exists"):
        restore(result.folder, existing, *SUPERVISOR)
    assert existing.read_bytes() == b"keep me"
    # A stray key file alone also blocks the path.
    key_file_path(tmp_path / "stray.db").write_bytes(b"{}")
    with pytest.raises(errors.VaultExists):
        restore(result.folder, tmp_path / "stray.db", *SUPERVISOR)
    with pytest.raises(errors.NotFound, match="No backup"):
        restore(tmp_path / "nothing-here", tmp_path / "new.db", *SUPERVISOR)
    with pytest.raises(errors.NotFound, match="folder"):
        restore(result.folder, tmp_path / "no-such-dir" / "new.db", *SUPERVISOR)
    # A wrong password: refused, and the copied files are removed again.
    with pytest.raises(errors.AuthenticationFailed):
        restore(result.folder, tmp_path / "new.db", "chief", "wrong-password-123")
    assert not any(p.name.startswith("new.db") for p in tmp_path.iterdir())
    for path, data in live_files.items():
        assert path.read_bytes() == data
    # The live vault still opens.
    open_vault(test_vault.path, *SUPERVISOR).close()


def test_cli_backup_and_restore(test_vault: TestVault, cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    denied = cli("backup", "--out", str(out), account=OPERATOR)
    assert_fails(denied, ExitCode.NOT_PERMITTED, "supervisor")
    missing = cli("backup", "--out", str(tmp_path / "nope"), account=SUPERVISOR)
    assert_fails(missing, ExitCode.NOT_FOUND, "does not exist")

    made = cli("backup", "--out", str(out), account=SUPERVISOR)
    assert made.returncode == 0, made.stderr
    folder = Path(made.stdout.strip())
    assert folder.parent == out and FOLDER.match(folder.name)
    again = cli("backup", "--out", str(out), account=SUPERVISOR)
    if again.returncode != 0:  # the same minute
        assert_fails(again, ExitCode.CONFLICT, "already exists")

    # RESDESK_DB points at the live vault; --db is the restore target.
    live = cli("restore", str(folder), "--db", str(test_vault.path), account=SUPERVISOR)
    assert_fails(live, ExitCode.CONFLICT, "live vault")
    no_target = cli("restore", str(folder), account=SUPERVISOR)
    assert_fails(no_target, ExitCode.USAGE, "--db")
    new_db = tmp_path / "restored.db"
    # An operator's password opens the copy, but restoring is a supervisor's: removed again.
    refused = cli("restore", str(folder), "--db", str(new_db), account=OPERATOR)
    assert_fails(refused, ExitCode.NOT_PERMITTED, "may not restore backups")
    assert not any(p.name.startswith("restored.db") for p in tmp_path.iterdir())
    done = cli("restore", str(folder), "--db", str(new_db), account=SUPERVISOR)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(new_db)
    twice = cli("restore", str(folder), "--db", str(new_db), account=SUPERVISOR)
    assert_fails(twice, ExitCode.CONFLICT, "already exists")
    found = cli("slots", "list", "--db", str(new_db), account=OPERATOR)
    assert found.returncode == 0, found.stderr
