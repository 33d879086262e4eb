"""Temporary files and folders that an interrupted write left behind: found, and removed.

Everything the desk writes appears under a temporary name first and is renamed into place when
complete.  A process killed meanwhile (a power cut, the task manager, SIGKILL) leaves that name
behind, unregistered and hidden — in the case of a backup, with a whole vault and its key file.
This module owns those names (``H``: six hex digits naming the computer, ``PID``: the writer):

* ``.resdesk-backup-YYYYMMDD-HHMM.H-PID.part/`` in the backup folder: a vault copy with its
  key file (``reservations.backup``);
* ``.resdesk-H-PID-XXXXXXXX.part`` (before: ``.resdesk-XXXXXXXX.part``) in an output folder: a
  PDF or CSV being written (``files.atomic_file``);
* ``.NAME.XXXXXXXX.part/`` beside a handover folder: the package (``reservations.handover``);
* in the vault's folder: ``NAME.audit-anchor.PID.part`` (the anchor), ``.NAME.keys.XXXX.tmp``
  (key slots) and any other ``.NAME.*.tmp`` (the login counters, ``NAME.lockout``).

They are looked for in the vault's folder and in every folder the register of copies names
(the folders the desk has written to).  ``remove_stale_leftovers`` runs when a session starts
and removes the *stale* ones: their writer is not running (the PID in the name; ``H`` because
an output folder on a network drive is shared by several PCs, and a PID means nothing on
another one), or nothing in them changed for ``STALE_AFTER_S``.  The vault's own files are
written by processes of one computer (SQLite's WAL needs that).  The erasure lists and removes
all of them (``find_leftovers``).  Removal first overwrites in place (``shred``) every file
that holds key material or plain text; only the SQLCipher database of a backup copy is
unlinked without being overwritten at start-up (it is encrypted under the live data key, and
overwriting a large copy would hold up the login), while the erasure overwrites everything.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import platform
import re
import shutil
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from reservations import errors
from reservations.domain import Account, CopyKind, CopyRecord, CopyStatus
from reservations.shred import shred
from reservations.store import Store, UnitOfWork

# A process that has not touched its temporary file for an hour is taken for dead even when
# its PID is running (PIDs are reused).  The slowest writer, a backup of a large vault to a
# slow drive, keeps changing its files the whole time.
STALE_AFTER_S = 3600.0

BACKUP_PART_PREFIX = ".resdesk-backup-"
EXPORT_PART_PREFIX = ".resdesk-"
PART_SUFFIX = ".part"
# The files of a handover package (``reservations.handover``: PDF_NAME, README_NAME,
# SUMS_NAME; tests/test_leftovers.py keeps the two lists equal).
HANDOVER_FILES = frozenset({"handover.pdf", "README.txt", "SHA256SUMS"})
# A backup copy's encrypted database (``reservations.backup.BACKUP_DB_NAME``) and its journals.
_ENCRYPTED_COPY = re.compile(r"\Avault\.db(-wal|-shm|-journal)?\Z")

# Six hex digits naming this computer in temporary names (not its name: it may be personal).
HOST_TAG = hashlib.sha256(platform.node().encode("utf-8", "replace")).hexdigest()[:6]
_BACKUP_PART = re.compile(r"\A\.resdesk-backup-\d{8}-\d{4}\.(?:([0-9a-f]{6})-)?(\d+)\.part\Z")
_EXPORT_PART = re.compile(r"\A\.resdesk-(?:([0-9a-f]{6})-(\d+)-)?[A-Za-z0-9_]+\.part\Z")
_HANDOVER_PART = re.compile(r"\A\.(.+)\.[A-Za-z0-9_]{8}\.part\Z")


class LeftoverKind(StrEnum):
    BACKUP = "backup"  # a folder: a vault copy with its key file
    EXPORT = "export"  # a PDF or CSV (plain text)
    HANDOVER = "handover"  # a folder: the package
    ANCHOR = "anchor"  # the audit anchor (no secret)
    KEY_FILE = "key-file"  # key slots
    SIDE_FILE = "side-file"  # another file of the vault (the login counters)


@dataclass(frozen=True)
class Leftover:
    path: Path
    kind: LeftoverKind
    pid: int | None = None

    @property
    def is_folder(self) -> bool:
        return self.kind in (LeftoverKind.BACKUP, LeftoverKind.HANDOVER)

    def files(self) -> list[Path]:
        """The files it holds (itself, for a file), key files first."""
        if not self.is_folder:
            return [self.path] if self.path.is_file() else []
        found = []
        for root, _dirs, names in os.walk(self.path, followlinks=False):
            found += [Path(root, name) for name in names]
        return sorted(found, key=lambda p: (not holds_key_material(p), str(p)))

    def last_change(self) -> float:
        """The newest modification time of it and of anything in it (0 when unreadable)."""
        newest = 0.0
        for path in [self.path, *self.files()]:
            with contextlib.suppress(OSError):
                newest = max(newest, path.lstat().st_mtime)
        return newest

    def to_json(self) -> dict[str, object]:
        return {"path": str(self.path), "kind": self.kind.value, "pid": self.pid}


def holds_key_material(path: Path) -> bool:
    """A key file (``NAME.keys``) or a temporary copy of one (``.NAME.keys.XXXX.tmp``)."""
    name = path.name
    return name.endswith(".keys") or (".keys." in name and name.endswith(".tmp"))


# -- the names --------------------------------------------------------------------------------


def backup_part(out_dir: Path, name: str) -> Path:
    """The temporary folder a backup called ``name`` is written to, in ``out_dir``."""
    return out_dir / f".{name}.{HOST_TAG}-{os.getpid()}{PART_SUFFIX}"


def export_part_prefix() -> str:
    """The ``tempfile`` prefix of ``files.atomic_file`` (this computer, the writer's PID)."""
    return f"{EXPORT_PART_PREFIX}{HOST_TAG}-{os.getpid()}-"


def _pid(host: str | None, pid: str | None) -> int | None:
    """The writer's PID when it ran on this computer (no tag: the vault's own folder)."""
    if not pid or (host is not None and host != HOST_TAG):
        return None
    return int(pid)


def _classify(
    entry: os.DirEntry[str], db_path: Path | None, handover_names: frozenset[str]
) -> Leftover | None:
    name, path = entry.name, Path(entry.path)
    try:
        is_dir = entry.is_dir(follow_symlinks=False)
        is_file = entry.is_file(follow_symlinks=False)
    except OSError:
        return None
    if is_dir:
        match = _BACKUP_PART.match(name)
        if match:
            return Leftover(path, LeftoverKind.BACKUP, _pid(match.group(1), match.group(2)))
        match = _HANDOVER_PART.match(name)
        if match and (match.group(1) in handover_names or _looks_like_handover(path)):
            return Leftover(path, LeftoverKind.HANDOVER)
        return None
    if not is_file:
        return None
    match = _EXPORT_PART.match(name)
    if match and not name.startswith(BACKUP_PART_PREFIX):
        return Leftover(path, LeftoverKind.EXPORT, _pid(match.group(1), match.group(2)))
    if db_path is None:
        return None
    match = re.fullmatch(re.escape(db_path.name) + r"\.audit-anchor\.(\d+)\.part", name)
    if match:
        return Leftover(path, LeftoverKind.ANCHOR, _pid(None, match.group(1)))
    if name.startswith(f".{db_path.name}.") and name.endswith(".tmp"):
        kind = LeftoverKind.KEY_FILE if holds_key_material(path) else LeftoverKind.SIDE_FILE
        return Leftover(path, kind)
    return None


def _looks_like_handover(folder: Path) -> bool:
    """A non-empty folder holding nothing but handover files (another program's hidden
    ``.something.part`` folder is never touched)."""
    try:
        names = {p.name for p in folder.iterdir()}
    except OSError:
        return False
    return bool(names) and names <= HANDOVER_FILES


def output_folders(copies: Iterable[CopyRecord]) -> list[Path]:
    """The folders the register of copies says the desk has written to (that exist now)."""
    folders: dict[str, Path] = {}
    for copy in copies:
        folder = Path(copy.path).parent
        folders.setdefault(str(folder), folder)
    return [f for f in folders.values() if _is_dir(f)]


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def handover_names(copies: Iterable[CopyRecord]) -> frozenset[str]:
    return frozenset(Path(c.path).name for c in copies if c.kind is CopyKind.HANDOVER)


def find_leftovers(
    db_path: Path, folders: Iterable[Path] = (), handovers: frozenset[str] = frozenset()
) -> list[Leftover]:
    """Every leftover in the vault's folder and in ``folders``, stale or not."""
    vault_folder = db_path.parent
    seen: set[str] = set()
    found: list[Leftover] = []
    for folder in [vault_folder, *folders]:
        key = os.path.normcase(os.path.abspath(folder))
        if key in seen:
            continue
        seen.add(key)
        is_vault_folder = key == os.path.normcase(os.path.abspath(vault_folder))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            leftover = _classify(entry, db_path if is_vault_folder else None, handovers)
            if leftover is not None:
                found.append(leftover)
    return found


# -- stale or still being written ---------------------------------------------------------------


def process_running(pid: int) -> bool:
    """Whether a process with this PID runs on this computer (True when unsure)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_process_running(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, under another user
    # A killed process its parent has not yet reaped is a zombie: it writes nothing more.
    with contextlib.suppress(OSError, IndexError):
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        if stat.rsplit(")", 1)[1].split()[0] in ("Z", "X"):
            return False
    return True


def _windows_process_running(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    process_query_limited_information, still_active, access_denied = 0x1000, 259, 5
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return bool(kernel32.GetLastError() == access_denied)
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def is_stale(leftover: Leftover, *, now: float | None = None) -> bool:
    """Its writer is gone: the PID is not running, or nothing changed for an hour."""
    if leftover.pid is not None and leftover.pid != os.getpid():
        if not process_running(leftover.pid):
            return True
    now = time.time() if now is None else now
    return now - leftover.last_change() > STALE_AFTER_S


# -- removal ------------------------------------------------------------------------------------


def remove_leftover(leftover: Leftover, *, overwrite_all: bool) -> None:
    """Overwrite in place and remove; key files first.  Raises ``OSError``.

    Without ``overwrite_all`` the encrypted database of a backup copy is only unlinked.
    """
    for path in leftover.files():
        copy = leftover.kind is LeftoverKind.BACKUP and _ENCRYPTED_COPY.match(path.name)
        if copy and not overwrite_all:
            path.unlink()
        else:
            shred(path)
    if leftover.is_folder:
        shutil.rmtree(leftover.path)


class SessionLike(Protocol):
    """What the clean-up needs of ``reservations.session.Session`` (which calls it)."""

    store: Store
    account: Account

    def timestamp(self) -> str: ...

    def audit(self, uow: UnitOfWork, action: str, target: str, result: str = "ok") -> None: ...


INTERRUPTED_NOTE = (
    "interrupted before it was put in place; its temporary folder was overwritten and removed "
    "at the next start"
)


def remove_stale_leftovers(session: SessionLike, db_path: Path) -> list[Leftover]:
    """At the start of a session: remove what interrupted writes left behind (audited).

    A backup whose temporary folder is removed here never came to exist: its register entry
    is closed as destroyed, with a note.  Never fails the login: a leftover that cannot be
    removed now is tried again next time (and the erasure lists it).
    """
    try:
        with session.store.unit_of_work(write=False) as uow:
            copies = uow.list_copies(open_only=False)
    except errors.ReservationError:
        copies = []
    leftovers = find_leftovers(db_path, output_folders(copies), handover_names(copies))
    removed = []
    for leftover in leftovers:
        if not is_stale(leftover):
            continue
        try:
            remove_leftover(leftover, overwrite_all=False)
        except OSError:
            continue
        removed.append(leftover)
    withdrawn = [c for c in copies if _never_published(c, leftovers, removed)]
    if not removed and not withdrawn:
        return removed
    try:
        with session.store.unit_of_work(write=True) as uow:
            for leftover in removed:
                session.audit(
                    uow, "leftover-removed", f"{leftover.kind.value} {leftover.path.name}"
                )
            for copy in withdrawn:
                uow.close_copy(
                    copy.id,
                    CopyStatus.DESTROYED.value,
                    session.timestamp(),
                    session.account.name,
                    INTERRUPTED_NOTE,
                )
                session.audit(uow, "copy-withdrawn", f"#{copy.id}", "interrupted, removed")
            uow.commit()
    except errors.ReservationError:
        pass
    return removed


def _never_published(copy: CopyRecord, found: list[Leftover], removed: list[Leftover]) -> bool:
    """An open backup entry whose folder is not in place and whose temporary folder is
    gone now (removed just now, or missing while its drive is there)."""
    if copy.kind is not CopyKind.BACKUP or copy.status is not CopyStatus.OPEN:
        return False
    final = Path(copy.path)
    if not _is_dir(final.parent) or final.exists():
        return False  # the drive is not plugged in, or the backup is in place

    def mine(leftover: Leftover) -> bool:
        return leftover.path.parent == final.parent and leftover.path.name.startswith(
            f".{final.name}."
        )

    if any(mine(leftover) for leftover in removed):
        return True
    # Never completed (no SHA-256 yet) and no temporary folder left: it died, or its failure
    # was being cleaned up.  A backup still being written has its folder (made before it is
    # registered), so it is never taken for this.
    still_there = [leftover for leftover in found if mine(leftover) and leftover not in removed]
    return not copy.sha256 and not still_there
