"""Copies nobody registered (issue 11, finding 6).

The attack: a backup (or an export) is killed midway — power cut, task manager, or on purpose
by someone who wants a copy — and leaves its hidden temporary folder behind: a whole vault
with its key file, in no register, never mentioned by the erasure.  Here a real ``resdesk
backup`` runs in a child process that stops at a chosen step (``tests/helpers/
interrupted_writer.py``) and is SIGKILLed there.  The register must already name the backup;
while the writer is alive the erasure's plan lists the temporary folder; once it is dead the
next login overwrites the key material in place and removes it.

And a full copy of every resident's data must not be in an operator's reach: an operator's
``resdesk restore`` is refused (exit 6) and leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reservations.backup import CHECKPOINTS, BackupService
from reservations.domain import CopyKind, CopyStatus
from reservations.erasure import ErasureService
from reservations.errors import ExitCode
from reservations.files import sha256_file
from reservations.leftovers import HOST_TAG, INTERRUPTED_NOTE, LeftoverKind
from reservations.register import RegisterService
from reservations.roster import RosterService
from reservations.session import Session, open_session
from reservations.vault import Vault
from tests.conftest import (
    BASE_DAY,
    CENTERS,
    OPERATOR,
    ROOT,
    SUPERVISOR,
    TestVault,
    assert_fails,
    run_cli,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and hard links")

HELPER = "tests.helpers.interrupted_writer"


@pytest.fixture
def children() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for child in started:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=30)


def _stopped_at(
    children: list[subprocess.Popen[str]], tv: TestVault, point: str, *args: str
) -> subprocess.Popen[str]:
    """A writer child that has reached ``point`` and waits there."""
    child = subprocess.Popen(
        [sys.executable, "-m", HELPER, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=tv.env(SUPERVISOR),
    )
    children.append(child)
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    if line != point:
        child.kill()
        _out, err = child.communicate(timeout=30)
        pytest.fail(f"the writer did not reach {point!r}: {line!r} {err}")
    return child


@contextlib.contextmanager
def _login(tv: TestVault, account: tuple[str, str]) -> Iterator[tuple[Vault, Session]]:
    """A login, as the window or a command makes it (``open_session``)."""
    vault, session = open_session(tv.path, *account, clock=tv.clock)
    try:
        yield vault, session
    finally:
        vault.close()


def _kill(child: subprocess.Popen[str]) -> None:
    child.kill()
    child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL


def _not_the_original(data: bytes, original: bytes, marker: bytes) -> None:
    """Overwritten where it lay: same length, random now, no trace of what it was."""
    assert len(data) == len(original)
    assert data != original
    assert marker not in data
    with pytest.raises(ValueError):  # json.JSONDecodeError and UnicodeDecodeError alike
        json.loads(data)


@pytest.mark.parametrize("point", CHECKPOINTS)
def test_a_backup_killed_midway_is_registered_listed_and_removed_at_the_next_login(
    test_vault: TestVault, tmp_path: Path, children: list[subprocess.Popen[str]], point: str
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    child = _stopped_at(children, test_vault, point, "backup", point, "backup", "--out", str(usb))
    [part] = usb.glob(".resdesk-backup-*.part")
    assert part.name.endswith(f".{HOST_TAG}-{child.pid}.part")
    keys = part / "vault.db.keys"
    held = None
    if point != "registered":
        # The danger: a whole vault and the key file that opens it, under a hidden name.
        assert (part / "vault.db").is_file() and keys.is_file()
        held = tmp_path / "insider.keys"
        os.link(keys, held)
        original = held.read_bytes()

    # The register already names it, before (or while) a byte is copied.
    with _login(test_vault, SUPERVISOR) as (vault, session):
        [entry] = RegisterService(session).list()
        # The erasure sees both: the open entry blocks it, the temporary folder is listed.
        plan = ErasureService(session, vault).plan()
    assert (entry.kind, entry.status) == (CopyKind.BACKUP, CopyStatus.OPEN)
    assert Path(entry.path).parent == usb.resolve()
    assert bool(entry.sha256) == (point == "completed")
    assert [c.id for c in plan.open_copies] == [entry.id]
    assert [(x.path, x.kind) for x in plan.leftovers] == [(part, LeftoverKind.BACKUP)]
    # A login while the backup is still being written left it alone.
    assert part.is_dir()

    _kill(child)
    assert part.is_dir()  # nothing cleans up after SIGKILL

    # The next login, anybody's: the key file is overwritten where it lies, the folder goes.
    with _login(test_vault, OPERATOR) as (_vault, session):
        with session.store.unit_of_work(write=False) as uow:
            closed = uow.get_copy(entry.id)
            actions = [(e.action, e.target) for e in uow.audit_entries()]
    assert not part.exists() and list(usb.iterdir()) == []
    if held is not None:
        _not_the_original(held.read_bytes(), original, b"resdesk-keyslots")
    # The entry stays in the register, closed with what happened to it.
    assert closed is not None and closed.status is CopyStatus.DESTROYED
    assert closed.note == INTERRUPTED_NOTE
    assert ("leftover-removed", f"backup {part.name}") in actions
    assert ("copy-withdrawn", f"#{entry.id}") in actions


def test_an_export_killed_midway_is_listed_and_removed_at_the_next_login(
    test_vault: TestVault,
    booked: dict[str, str],
    tmp_path: Path,
    children: list[subprocess.Popen[str]],
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    # A roster printed there before: the register knows the folder.
    roster = RosterService(test_vault.session(SUPERVISOR))
    roster.write_pdf(roster.day_roster(CENTERS[0], BASE_DAY), exports / "roster.pdf")
    test_vault.close()

    child = _stopped_at(children, test_vault, "written", "export", str(exports / "again.pdf"))
    [part] = exports.glob(".resdesk-*.part")
    assert part.name.startswith(f".resdesk-{HOST_TAG}-{child.pid}-")
    held = tmp_path / "insider.part"
    os.link(part, held)
    original = held.read_bytes()
    assert "山田太郎".encode() in original

    with _login(test_vault, SUPERVISOR) as (vault, session):
        plan = ErasureService(session, vault).plan()
    assert [(x.path, x.kind) for x in plan.leftovers] == [(part, LeftoverKind.EXPORT)]
    assert part.exists()  # still being written: a login leaves it alone

    _kill(child)
    with _login(test_vault, OPERATOR):
        pass
    assert sorted(p.name for p in exports.iterdir()) == ["roster.pdf"]
    _not_the_original(held.read_bytes(), original, "山田".encode())


def test_an_operator_cannot_restore_a_backup(
    test_vault: TestVault, booked: dict[str, str], tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    with _login(test_vault, SUPERVISOR) as (vault, session):
        backup = BackupService(session, vault).backup(usb).folder
    before = {p: sha256_file(p) for p in backup.iterdir()}
    target = tmp_path / "elsewhere"
    target.mkdir()

    # The operator's own password opens the copy (the same key slots): the role refuses.
    refused = run_cli(
        ["restore", str(backup), "--db", str(target / "vault.db")], test_vault.env(OPERATOR)
    )
    assert_fails(refused, ExitCode.NOT_PERMITTED, "operator", "may not restore", one_line=True)
    assert list(target.iterdir()) == []
    assert {p: sha256_file(p) for p in backup.iterdir()} == before

    done = run_cli(
        ["restore", str(backup), "--db", str(target / "vault.db")], test_vault.env(SUPERVISOR)
    )
    assert done.returncode == 0, done.stderr
    # The restored register knows the backup it came from as complete, not "incomplete".
    vault, session = open_session(target / "vault.db", *SUPERVISOR)
    try:
        [entry] = RegisterService(session).list()
    finally:
        vault.close()
    assert entry.kind is CopyKind.BACKUP and entry.status is CopyStatus.OPEN
    assert entry.sha256 == sha256_file(backup / "vault.db")
