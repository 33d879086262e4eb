"""Encrypted backups of a running vault, and restoring one to a new path.

A backup is a folder ``resdesk-backup-YYYYMMDD-HHMM`` holding ``vault.db`` (a consistent
copy made with SQLite's online backup API on the open connection: other seats keep booking
meanwhile), ``vault.db.keys`` (the key file as it is now) and ``vault.db.audit-anchor`` (the
backup's own latest audit entry).  The copy keeps the same data key, so the same accounts and
the same recovery sheet open it; it is never decrypted on disk (SQLCipher refuses to back
up into an unkeyed target).  The folder is written under a temporary name, verified
(integrity checks and the reservation count) and only then renamed.

The register of copies hears of a backup before its files are written: the entry is made
first, without a SHA-256 ("incomplete"), and completed once the copy is verified.  A backup
killed midway therefore leaves an open entry that the supervisor and the erasure see, next to
a temporary folder ``.resdesk-backup-….H-PID.part`` that the next start removes
(``reservations.leftovers``).

``restore`` copies a backup to a path where no file exists yet and proves that the given
account opens it and is a supervisor's before it counts as restored; it never overwrites
anything.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from reservations import errors
from reservations.anchor import advance_anchor, anchor_lock_path, anchor_path
from reservations.audit import AuditEntry
from reservations.contract import LAST_BACKUP_KEY
from reservations.domain import CopyKind, CopyStatus
from reservations.files import sha256_file, sync_folder
from reservations.keyslots import KeySlotFile
from reservations.leftovers import Leftover, LeftoverKind, backup_part, remove_leftover
from reservations.permissions import Permission, require
from reservations.register import record_copy, withdraw_copy
from reservations.session import Session, start_session
from reservations.store import UnitOfWork
from reservations.vault import (
    Vault,
    check_integrity,
    connect,
    database_errors,
    key_file_path,
    open_vault,
    vault_files,
)

BACKUP_PREFIX = "resdesk-backup-"
BACKUP_DB_NAME = "vault.db"
INCOMPLETE = "incomplete: being written"
# Steps of ``BackupService.backup``, each reported to ``checkpoint`` once done (tests kill
# the process there): the register entry is committed; the copy and its key file are in the
# temporary folder and verified; the entry is completed (the folder is not yet renamed).
CHECKPOINTS = ("registered", "copied", "completed")


@dataclass(frozen=True)
class BackupResult:
    folder: Path
    database: Path
    reservations: int

    def to_json(self) -> dict[str, object]:
        return {
            "folder": str(self.folder),
            "database": str(self.database),
            "reservations": self.reservations,
        }


@dataclass(frozen=True)
class RestoreResult:
    database: Path
    reservations: int

    def to_json(self) -> dict[str, object]:
        return {"database": str(self.database), "reservations": self.reservations}


def _count(conn: sqlcipher3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM reservations").fetchone()[0])


def _highest_id(conn: sqlcipher3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM reservations").fetchone()[0])


def _latest_audit(conn: sqlcipher3.Connection) -> AuditEntry | None:
    row = conn.execute(
        "SELECT seq, time, account, action, target, result, prev_hash, hash "
        "FROM audit ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    return None if row is None else AuditEntry(*row)


def _no_checkpoint(_name: str) -> None:
    return None


def _remove_part(temp: Path) -> None:
    """A temporary folder that will not become a backup: key file overwritten, then gone."""
    with contextlib.suppress(OSError):
        remove_leftover(Leftover(temp, LeftoverKind.BACKUP), overwrite_all=False)
    shutil.rmtree(temp, ignore_errors=True)


def _copy_file(source: Path, target: Path) -> None:
    """Copy with fsync; ``target`` must not exist (exclusive create)."""
    data = source.read_bytes()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


class BackupService:
    """``checkpoint`` is called with each name of ``CHECKPOINTS`` (tests kill the process
    there to leave what a crash leaves)."""

    def __init__(
        self, session: Session, vault: Vault, *, checkpoint: Callable[[str], None] = _no_checkpoint
    ) -> None:
        self.session = session
        self.vault = vault
        self._checkpoint = checkpoint

    def backup(self, out_dir: Path) -> BackupResult:
        """Write a verified backup folder into ``out_dir`` (which must exist)."""
        self.session.require(Permission.BACKUP)
        if not out_dir.is_dir():
            raise errors.NotFound(
                "The backup folder does not exist; create it (or plug in the drive) and try again."
            )
        name = f"{BACKUP_PREFIX}{self.session.now():%Y%m%d-%H%M}"
        folder = out_dir / name
        if folder.exists():
            raise errors.Conflict(
                f"A backup named {name} already exists in that folder; wait a minute or "
                "choose another folder (nothing was changed)."
            )
        # The temporary folder exists before the register entry and until the rename: an
        # incomplete entry without either folder is a backup that is no longer being written.
        temp = backup_part(out_dir, name)
        try:
            temp.mkdir(mode=0o700)
        except OSError:
            raise errors.VaultReadOnly(
                "The backup folder cannot be written: check that it exists and is writable."
            ) from None
        copy_id: int | None = None
        try:
            # Registered before a single byte is copied: a backup must never exist without
            # its register entry, not even half of one (the erasure lists them for destruction).
            with self.session.store.unit_of_work(write=True) as uow:
                copy_id = record_copy(
                    self.session,
                    uow,
                    kind=CopyKind.BACKUP,
                    path=folder,
                    sha256="",
                    people=uow.count_reservations(),
                    scope="all",
                    description=f"{name} ({INCOMPLETE})",
                )
                uow.commit()
            self._checkpoint("registered")
            count, upto = self._write(temp)
            self._checkpoint("copied")
            digest = sha256_file(temp / BACKUP_DB_NAME)
            with self.session.store.unit_of_work(write=True) as uow:
                if not _still_open(uow, copy_id):
                    copy_id = None  # closed by someone else: theirs to keep as it is
                    raise errors.Conflict(
                        "The backup's register entry was closed while the backup was being "
                        "written; the copy was removed (nothing was kept)."
                    )
                # The folder name and a count only: no personal data in the audit trail.
                self.session.audit(uow, "backup", name, f"{count} reservation(s)")
                uow.complete_copy(copy_id, count, upto, digest, name)
                uow.set_meta(LAST_BACKUP_KEY, self.session.timestamp())
                uow.commit()
            self._checkpoint("completed")
            try:
                os.rename(temp, folder)
            except OSError:
                if folder.exists():
                    raise errors.Conflict(
                        f"A backup named {name} already exists in that folder (nothing was "
                        "changed)."
                    ) from None
                raise errors.VaultReadOnly(
                    "The backup could not be renamed into place: check the backup folder."
                ) from None
            sync_folder(out_dir)
        except BaseException:
            _remove_part(temp)
            if copy_id is not None:
                withdraw_copy(self.session, copy_id, "never published: the backup failed")
            raise
        return BackupResult(folder, folder / BACKUP_DB_NAME, count)

    def _write(self, temp: Path) -> tuple[int, int]:
        """The copy, its key file and anchor, verified: (reservations, their highest id)."""
        source = self.vault.conn
        target_db = temp / BACKUP_DB_NAME
        key_hex = bytes(self.vault.keys.data_key).hex()
        with database_errors():
            target = sqlcipher3.connect(str(target_db), isolation_level=None)
            try:
                # Same data key on the target: SQLCipher copies the pages encrypted (and
                # refuses an unkeyed target, so a plaintext copy cannot happen by mistake).
                target.execute("PRAGMA cipher_log_level = NONE")
                target.execute(f"PRAGMA key = \"x'{key_hex}'\"")
                # One read transaction on the source: the count, the latest audit entry and
                # the copied pages are one snapshot (WAL: writers carry on meanwhile).
                source.execute("BEGIN")
                try:
                    count = _count(source)
                    upto = _highest_id(source)
                    latest = _latest_audit(source)
                    source.backup(target)
                finally:
                    source.execute("ROLLBACK")
            finally:
                target.close()
        _copy_file(key_file_path(self.vault.db_path), key_file_path(target_db))
        if latest is not None:
            try:
                advance_anchor(target_db, latest, self.vault.vault_id)
            finally:
                with contextlib.suppress(OSError):
                    anchor_lock_path(target_db).unlink()
        _verify(target_db, self.vault.keys.data_key, self.vault.vault_id, count)
        sync_folder(temp)
        return count, upto


def _still_open(uow: UnitOfWork, copy_id: int) -> bool:
    copy = uow.get_copy(copy_id)
    return copy is not None and copy.status is CopyStatus.OPEN


def _verify(db: Path, data_key: bytes | bytearray, vault_id: str, expected: int | None) -> int:
    """Reopen ``db`` with the data key: both integrity checks, the vault id, the count."""
    if KeySlotFile.load(key_file_path(db)).vault_id != vault_id:
        raise errors.IntegrityFailed("The copied key file belongs to another vault.")
    conn = connect(db, data_key)
    try:
        report = check_integrity(conn)
        if not report.ok:
            raise errors.IntegrityFailed(
                "The copy failed its integrity check; nothing was kept.", report.problems
            )
        with database_errors():
            count = _count(conn)
        if expected is not None and count != expected:
            raise errors.IntegrityFailed(
                f"The copy holds {count} reservation(s) instead of {expected}; nothing was kept."
            )
        return count
    finally:
        conn.close()


def _backup_database(backup: Path) -> Path:
    db = backup / BACKUP_DB_NAME if backup.is_dir() else backup
    if not db.is_file() or not key_file_path(db).is_file():
        raise errors.NotFound(
            "No backup at the given path: give a backup folder (resdesk-backup-...) or its "
            "vault.db, with its .keys file next to it."
        )
    return db


def _complete_own_entry(uow: UnitOfWork, source: Path, count: int) -> None:
    """The copy was taken after its own register entry was made and before it was completed:
    in the restored register that entry would stay "incomplete" for a backup that exists."""
    folder = source.parent.name
    for copy in uow.list_copies(open_only=True):
        if copy.kind is CopyKind.BACKUP and not copy.sha256 and Path(copy.path).name == folder:
            upto = uow.latest_reservation_id()
            uow.complete_copy(copy.id, count, upto, sha256_file(source), folder)


def _target_files(db: Path) -> list[Path]:
    return [*vault_files(db), anchor_path(db)]


def restore(
    backup: Path,
    new_db: Path,
    account_name: str,
    password: str | bytearray,
    *,
    live_db: Path | None = None,
) -> RestoreResult:
    """Copy the backup at ``backup`` (folder or its database) to ``new_db`` and check it.

    Nothing is ever overwritten: any file of a vault at ``new_db`` (or ``new_db`` being the
    live vault ``live_db``) is refused.  The account must open the copy and be a supervisor
    (``Permission.RESTORE``); otherwise, or when the copy fails its integrity check, the
    copied files are removed again.  Which role an account has is written in the encrypted
    copy, so it can only be checked after the copy is opened.
    """
    source = _backup_database(backup)
    new_db = Path(os.path.abspath(new_db))
    if live_db is not None and new_db == Path(os.path.abspath(live_db)) and live_db.exists():
        raise errors.VaultExists(
            "That path is the live vault: restore to a new path, then switch to it once "
            "checked (nothing was changed)."
        )
    if new_db == Path(os.path.abspath(source)) or any(p.exists() for p in _target_files(new_db)):
        raise errors.VaultExists(
            "A file already exists at the restore path; choose a new path (nothing was changed)."
        )
    if not new_db.parent.is_dir():
        raise errors.NotFound("The folder of the restore path does not exist; create it first.")
    pairs = [(source, new_db), (key_file_path(source), key_file_path(new_db))]
    if anchor_path(source).is_file():
        pairs.append((anchor_path(source), anchor_path(new_db)))
    created: list[Path] = []
    opened = False
    try:
        # The key file and anchor first, the database last: a crash leaves no database that
        # looks restored without its keys.
        for src, dst in reversed(pairs):
            try:
                _copy_file(src, dst)
            except FileExistsError:
                raise errors.VaultExists(
                    "A file appeared at the restore path meanwhile; nothing was overwritten."
                ) from None
            except OSError:
                raise errors.VaultReadOnly(
                    "The restore path cannot be written: check the folder and the disk."
                ) from None
            created.append(dst)
        sync_folder(new_db.parent)
        opened = True
        vault = open_vault(new_db, account_name, password)
        try:
            try:
                require(vault.account, Permission.RESTORE)
            except errors.NotPermitted:
                raise errors.NotPermitted(
                    f"The {vault.account.role.value} role may not restore backups: the copy was "
                    "removed again and nothing was changed; ask a supervisor."
                ) from None
            report = check_integrity(vault.conn)
            if not report.ok:
                raise errors.IntegrityFailed(
                    "The backup is damaged: the restored copy failed its integrity check and "
                    "was removed.",
                    report.problems,
                )
            with database_errors():
                count = _count(vault.conn)
            session = start_session(vault)
            with session.store.unit_of_work(write=True) as uow:
                session.audit(uow, "restore", source.parent.name or source.name, "ok")
                _complete_own_entry(uow, source, count)
                uow.commit()
        finally:
            vault.close()
    except BaseException:
        # Only what this call made: the copies, and the side files opening them created.
        extra = [*vault_files(new_db), anchor_lock_path(new_db)] if opened else []
        for path in [*created, *extra]:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return RestoreResult(new_db, count)
