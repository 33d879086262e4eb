"""What interrupted writes leave behind (``reservations.leftovers``): which names are ours,
when one is stale, and how it is removed (tests/attacks/test_stale_copies.py kills real
writers)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reservations import handover
from reservations.backup import BACKUP_DB_NAME
from reservations.leftovers import (
    HANDOVER_FILES,
    HOST_TAG,
    STALE_AFTER_S,
    Leftover,
    LeftoverKind,
    find_leftovers,
    is_stale,
    process_running,
    remove_leftover,
    remove_stale_leftovers,
)
from reservations.session import open_session
from tests.conftest import OPERATOR, TestVault


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_handover_file_names_are_the_handovers() -> None:
    assert {handover.PDF_NAME, handover.README_NAME, handover.SUMS_NAME} == HANDOVER_FILES


def test_only_our_names_are_found(tmp_path: Path) -> None:
    vault = tmp_path / "office"
    out = tmp_path / "usb"
    vault.mkdir()
    out.mkdir()
    db = vault / "vault.db"
    ours = {
        vault / "vault.db.audit-anchor.4242.part": LeftoverKind.ANCHOR,
        vault / ".vault.db.keys.k2j3h4g5.tmp": LeftoverKind.KEY_FILE,
        vault / ".vault.db.lockout.abcd1234.tmp": LeftoverKind.SIDE_FILE,
        out / f".resdesk-{HOST_TAG}-4242-a1b2c3d4.part": LeftoverKind.EXPORT,
        out / ".resdesk-0a0b0c-4242-a1b2c3d4.part": LeftoverKind.EXPORT,  # another PC's
        out / ".resdesk-a1b2c3d4.part": LeftoverKind.EXPORT,  # before the PID was in the name
    }
    for path in ours:
        path.write_bytes(b"x")
    backup = out / f".resdesk-backup-20221219-1000.{HOST_TAG}-4242.part"
    backup.mkdir()
    package = out / ".handover.x1y2z3w4.part"
    package.mkdir()
    (package / "README.txt").write_text("引渡し")
    # Not ours: another program's download, hidden folders, the same names elsewhere.
    (out / "report.pdf.part").write_bytes(b"x")
    (out / ".cache.x1y2z3w4.part").mkdir()
    (out / ".other.x1y2z3w4.part").mkdir()
    (out / ".other.x1y2z3w4.part" / "notes.txt").write_text("x")
    (out / ".vault.db.keys.k2j3h4g5.tmp").write_bytes(b"x")  # not the vault's folder
    (vault / "vault.db.keys").write_bytes(b"{}")

    found = {x.path: x for x in find_leftovers(db, [out, out, vault])}
    assert {p: x.kind for p, x in found.items()} == {
        **ours,
        backup: LeftoverKind.BACKUP,
        package: LeftoverKind.HANDOVER,
    }
    assert found[backup].pid == 4242
    assert found[out / f".resdesk-{HOST_TAG}-4242-a1b2c3d4.part"].pid == 4242
    # Another computer's PID, or none: only the age tells whether the writer is gone.
    assert found[out / ".resdesk-0a0b0c-4242-a1b2c3d4.part"].pid is None
    assert found[out / ".resdesk-a1b2c3d4.part"].pid is None
    # An empty work folder counts when the register names its handover.
    (out / ".cache.x1y2z3w4.part").rename(out / ".ward.q1w2e3r4.part")
    named = find_leftovers(db, [out], frozenset({"ward"}))
    assert out / ".ward.q1w2e3r4.part" in [x.path for x in named]


def test_stale_means_its_writer_is_gone_or_silent_for_an_hour(tmp_path: Path) -> None:
    part = tmp_path / ".resdesk-1-abcdefgh.part"
    part.write_bytes(b"x")
    assert not process_running(_dead_pid())
    assert process_running(os.getpid())
    assert is_stale(Leftover(part, LeftoverKind.EXPORT, _dead_pid()))
    assert not is_stale(Leftover(part, LeftoverKind.EXPORT, os.getpid()))
    assert not is_stale(Leftover(part, LeftoverKind.EXPORT, None))
    later = time.time() + STALE_AFTER_S + 60
    assert is_stale(Leftover(part, LeftoverKind.EXPORT, None), now=later)
    assert is_stale(Leftover(part, LeftoverKind.EXPORT, os.getpid()), now=later)


def test_a_backup_part_loses_its_key_file_in_place(tmp_path: Path) -> None:
    part = tmp_path / ".resdesk-backup-20221219-1000.1.part"
    part.mkdir()
    keys = part / f"{BACKUP_DB_NAME}.keys"
    keys.write_bytes(b'{"format": "resdesk-keyslots"}')
    (part / BACKUP_DB_NAME).write_bytes(b"encrypted pages")
    kept = tmp_path / "kept"
    os.link(keys, kept)
    remove_leftover(Leftover(part, LeftoverKind.BACKUP), overwrite_all=False)
    assert not part.exists()
    data = kept.read_bytes()
    assert len(data) == 30 and b"resdesk-keyslots" not in data


def test_a_login_removes_stale_leftovers_beside_the_vault_and_audits_it(
    test_vault: TestVault,
) -> None:
    vault, session = open_session(test_vault.path, *OPERATOR, clock=test_vault.clock)
    folder = test_vault.path.parent
    anchor = folder / f"{test_vault.path.name}.audit-anchor.{_dead_pid()}.part"
    anchor.write_text("{}")
    keys_tmp = folder / f".{test_vault.path.name}.keys.zzzz9999.tmp"
    keys_tmp.write_text('{"format": "resdesk-keyslots"}')
    old = time.time() - STALE_AFTER_S - 60
    os.utime(keys_tmp, (old, old))
    fresh = folder / f".{test_vault.path.name}.keys.yyyy8888.tmp"
    fresh.write_text("being written by a seat right now")
    try:
        removed = remove_stale_leftovers(session, test_vault.path)
        with session.store.unit_of_work(write=False) as uow:
            actions = [(e.action, e.target) for e in uow.audit_entries()]
        assert remove_stale_leftovers(session, test_vault.path) == []
    finally:
        vault.close()
    assert sorted(x.path for x in removed) == sorted([anchor, keys_tmp])
    assert not anchor.exists() and not keys_tmp.exists() and fresh.exists()
    assert ("leftover-removed", f"anchor {anchor.name}") in actions
    assert ("leftover-removed", f"key-file {keys_tmp.name}") in actions


@pytest.mark.skipif(sys.platform == "win32", reason="no PID is ever running as 0 there")
def test_pid_zero_or_below_is_not_a_writer() -> None:
    assert not process_running(0)
    assert not process_running(-5)
