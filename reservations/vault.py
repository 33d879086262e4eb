"""The one place that opens the vault: the SQLCipher database and its key-slot sidecar.

A vault is two files: ``NAME`` (the SQLCipher 4 database, opened with a random 256-bit data
key) and ``NAME.keys`` (one key slot per account, see ``keyslots``).  Everything that talks to
the database gets its connection from ``connect`` here, so the safety PRAGMAs and the mapping
of SQLite errors to clear sentences exist once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3

from reservations import errors
from reservations.domain import Account, Role, now_jst
from reservations.keyslots import (
    DEFAULT_KDF,
    AccountKeys,
    KdfParams,
    KeySlotFile,
    generate_data_key,
    lock_file_path,
)
from reservations.lockout import (
    LOGIN_POLICY,
    FailureRecord,
    LockoutFile,
    LoginPolicy,
    lockout_file_path,
    unlock_throttled,
)
from reservations.schema import LATEST_VERSION, migrate, schema_version

Connection = Any  # sqlcipher3.Connection (untyped C extension)

DEFAULT_BUSY_TIMEOUT_MS = 5000

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


_AUTH_FAILED = "The account name or password is wrong."

Clock = Callable[[], dt.datetime]
Sleep = Callable[[float], None]


def key_file_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".keys")


def vault_files(db_path: Path) -> list[Path]:
    """Every file that belongs to the vault at ``db_path`` and exists now."""
    keys = key_file_path(db_path)
    lockout = lockout_file_path(db_path)
    candidates = [db_path, keys]
    candidates += [
        db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm", "-journal")
    ]
    # The failed-login counters and the (empty) lock files exist only after their first use.
    candidates += [lockout, lock_file_path(keys), lockout.with_name(lockout.name + ".lock")]
    return [p for p in candidates if p.exists()]


def translate_db_error(exc: BaseException) -> errors.ReservationError | None:
    """The user-facing error for a database exception, or None when it is a bug."""
    if not isinstance(exc, sqlcipher3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == _SQLITE_FULL or primary == _SQLITE_IOERR:
        return errors.DiskFull(
            "The vault could not be written: the disk is full or failing. Nothing of this "
            "change was saved; free some space (or check the drive) and try again."
        )
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return errors.VaultBusy(
            "The vault is busy: another window or process is writing to it. Wait a moment "
            "and try again."
        )
    if primary == _SQLITE_READONLY:
        return errors.VaultReadOnly(
            "The vault is read-only: check that the folder and file can be written."
        )
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return errors.VaultCorrupt(
            "The vault database is damaged or is not a Reservation Desk vault; restore it "
            "from a backup or open it with the recovery key."
        )
    if primary == _SQLITE_CANTOPEN:
        return errors.VaultMissing(
            "The vault database cannot be opened: check that the file exists and can be read."
        )
    return None


@contextlib.contextmanager
def database_errors() -> Iterator[None]:
    """Turn database exceptions a user can meet into domain errors; let bugs through."""
    try:
        yield
    except sqlcipher3.Error as exc:
        translated = translate_db_error(exc)
        if translated is None:
            raise
        raise translated from None


def _busy_timeout_ms() -> int:
    raw = os.environ.get("RESDESK_BUSY_TIMEOUT_MS", "")
    return int(raw) if raw.isdigit() else DEFAULT_BUSY_TIMEOUT_MS


def connect(db_path: Path, data_key: bytes | bytearray, *, create: bool = False) -> Connection:
    """A connection with the data key applied and the safety PRAGMAs set.

    Raises ``VaultMissing`` when the file does not exist (unless ``create``) and
    ``VaultCorrupt`` when the key does not open it.
    """
    if not create and not db_path.is_file():
        raise errors.VaultMissing(
            "No vault database at the given path; check --db or RESDESK_DB, or create one "
            "with 'resdesk init'."
        )
    # SQLite would create the -wal and -shm files first and fail afterwards, leaving
    # read-only side files that keep blocking the vault after the permissions are fixed.
    folder = db_path.parent
    if not os.access(folder, os.W_OK) or (not create and not os.access(db_path, os.W_OK)):
        raise errors.VaultReadOnly(
            "The vault is read-only: check that the folder and file can be written."
        )
    with database_errors():
        # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so that the capacity check
        # and the insert of a booking happen under one write lock across processes.
        conn = sqlcipher3.connect(
            str(db_path), isolation_level=None, timeout=_busy_timeout_ms() / 1000
        )
        try:
            # SQLCipher logs decryption failures to stderr by default; a user must never see
            # those lines (they also would reveal page numbers of a tampered file).  The level
            # is process-wide, so set it before the key is used.
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA key = \"x'{bytes(data_key).hex()}'\"")
            # Reading the schema proves the key opens the file (SQLCipher reports a wrong key
            # as SQLITE_NOTADB on first access).
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            _apply_pragmas(conn)
            if create:
                # WAL: readers (the GUI's search) never wait for a writer and a crash can never
                # leave a half-written page in the main file.  Persistent in the file header.
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
        except BaseException:
            conn.close()
            raise
    return conn


def _apply_pragmas(conn: Connection) -> None:
    # FULL in WAL mode syncs the WAL on every commit: a booking that was acknowledged to the
    # caller survives a power cut (NORMAL could lose the last commits).
    conn.execute("PRAGMA synchronous = FULL")
    # Deleted or overwritten personal data is zeroed in the file instead of lingering in
    # free pages (a resident's deletion request must really delete).
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA foreign_keys = ON")
    # Sorting and temporary indexes stay in memory: temp files on disk are another place
    # personal data could leak to.
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(f"PRAGMA busy_timeout = {_busy_timeout_ms():d}")


@dataclass
class Vault:
    """An unlocked vault: an open connection, the key slots and who unlocked it."""

    db_path: Path
    conn: Connection
    keyslots: KeySlotFile
    account: Account
    keys: AccountKeys
    vault_id: str
    demo: bool = False
    # The account was created or reset by a supervisor and must choose its own password
    # before doing anything else.
    must_change_password: bool = False
    # Failed logins of this account since its last successful one, for the audit trail.
    login_failures: FailureRecord | None = None
    # This open finished a data key rotation that was interrupted after the database moved.
    finished_rekey: bool = False
    _closed: bool = field(default=False, repr=False)

    def forget_login_failures(self) -> None:
        """Clear the counters once the failures are in the audit trail."""
        if self.login_failures is None:
            return
        self.login_failures = None
        LockoutFile.beside(self.keyslots).clear(self.account.name)

    @property
    def is_closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(sqlcipher3.Error):
            self.conn.close()
        # Best effort: Python may have copied the key elsewhere, see docs/security.md.
        for i in range(len(self.keys.data_key)):
            self.keys.data_key[i] = 0

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def create_vault(
    db_path: Path,
    account_name: str,
    password: str | bytearray,
    *,
    kdf: KdfParams = DEFAULT_KDF,
    demo: bool = False,
    created_at: str,
) -> tuple[Vault, bytearray]:
    """Create a new vault whose first account is a supervisor.

    Returns the unlocked vault and the data key, which the caller shows once as the recovery
    sheet.  Refuses (``VaultExists``) when either file already exists.
    """
    keys_path = key_file_path(db_path)
    if db_path.exists() or keys_path.exists():
        raise errors.VaultExists(
            "A vault already exists at this path; choose another path (nothing was changed)."
        )
    if not db_path.parent.is_dir():
        raise errors.VaultMissing("The folder for the new vault does not exist; create it first.")
    vault_id = secrets.token_hex(16)
    data_key = generate_data_key()
    slots = KeySlotFile.create(keys_path, vault_id)
    public_key = slots.add_account(account_name, password, data_key, kdf=kdf)
    conn = None
    try:
        conn = connect(db_path, data_key, create=True)
        with database_errors():
            conn.execute("BEGIN IMMEDIATE")
            migrate(conn)
            conn.execute("INSERT INTO meta(key, value) VALUES ('vault_id', ?)", (vault_id,))
            conn.execute("INSERT INTO meta(key, value) VALUES ('demo', ?)", ("1" if demo else "0",))
            conn.execute(
                "INSERT INTO accounts(name, role, public_key, created_at, created_by) "
                "VALUES (?, ?, ?, ?, ?)",
                (account_name, Role.SUPERVISOR.value, public_key, created_at, account_name),
            )
            conn.execute("COMMIT")
        # The key file is written last: a vault without it cannot be opened, so a crash before
        # this line leaves nothing that looks like a usable vault.
        with slots.locked():
            slots.save()
    except BaseException:
        if conn is not None:
            conn.close()
        # Nothing existed at these paths before (checked above), so everything there now is
        # ours and half-made.
        for path in vault_files(db_path):
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    keys = slots.unlock(account_name, password)
    vault = Vault(
        db_path=db_path,
        conn=conn,
        keyslots=slots,
        account=Account(account_name, Role.SUPERVISOR),
        keys=keys,
        vault_id=vault_id,
        demo=demo,
    )
    return vault, data_key


def _wipe_pending(keys: AccountKeys) -> None:
    if keys.pending_data_key is not None:
        keys.pending_data_key[:] = bytes(len(keys.pending_data_key))


def _connect_current_or_pending(
    db_path: Path,
    slots: KeySlotFile,
    keys: AccountKeys,
    *,
    on_pending: str = "refuse",
) -> tuple[Connection, bool]:
    """Open the database with the current data key, or with the pending one of an
    interrupted rotation; returns the connection and whether it finished that rotation.

    A rotation saves the new key as "pending" next to the current one before the database is
    re-encrypted (atomically, by SQLite's journal), so whichever key the database has, one of
    the two opens it.  Finishing it makes the old recovery sheet worthless, so it is never
    done silently: ``on_pending`` is ``"refuse"`` (say who must finish it),
    ``"finish-if-supervisor"`` (the caller shows the new sheet) or ``"open"`` (read-only use
    such as ``resdesk check``: open with the new key, change nothing).
    """
    try:
        try:
            return connect(db_path, keys.data_key), False
        except errors.VaultCorrupt:
            if keys.pending_data_key is None:
                raise
            conn = connect(db_path, keys.pending_data_key)
        try:
            if on_pending != "open":
                with database_errors():
                    row = conn.execute(
                        "SELECT role FROM accounts WHERE name = ?", (keys.account,)
                    ).fetchone()
                supervisor = row is not None and row[0] == Role.SUPERVISOR.value
                if on_pending != "finish-if-supervisor" or not supervisor:
                    raise errors.RotationUnfinished(
                        ROTATION_UNFINISHED_SUPERVISOR
                        if supervisor
                        else ROTATION_UNFINISHED_OPERATOR
                    )
                finish_rotation(slots, keys, keys.pending_data_key)
        except BaseException:
            conn.close()
            raise
        keys.data_key[:] = keys.pending_data_key
        return conn, on_pending != "open"
    except errors.VaultCorrupt:
        raise errors.VaultCorrupt(
            "The key file opens but the database does not: the database is damaged or "
            "belongs to another vault. Restore it from a backup."
        ) from None
    finally:
        _wipe_pending(keys)


ROTATION_UNFINISHED_SUPERVISOR = (
    "A replacement of the data key was interrupted; finish it with 'resdesk rekey --finish' "
    "(or log in to the window) and print the new recovery sheet it shows."
)
ROTATION_UNFINISHED_OPERATOR = (
    "A replacement of the data key was interrupted; a supervisor must log in to finish it "
    "before anyone else can work."
)


def finish_rotation(slots: KeySlotFile, keys: AccountKeys, new_data_key: bytes | bytearray) -> None:
    """Promote every pending copy: the database already uses ``new_data_key``.

    Under the key-file lock, on the file as it is on disk.  When there is nothing pending
    any more, another seat finished the rotation first, which is fine only if this account's
    current copy is the new key; otherwise the copies that open the database are gone, and
    that is said loudly instead of leaving a vault that opens with nothing but the paper
    sheet nobody has printed yet.
    """
    with slots.locked():
        if slots.promote_pending():
            slots.save()
            return
        if not slots.current_key_is(keys.account, keys.private_key, new_data_key):
            raise errors.KeyFileCorrupt(
                "The replacement of the data key cannot be finished: the key file no longer "
                "holds the new key's copies. Open the vault with the newest recovery sheet "
                "('resdesk recover --sheet')."
            )


def open_vault(
    db_path: Path,
    account_name: str,
    password: str | bytearray,
    *,
    clock: Clock = now_jst,
    sleep: Sleep = time.sleep,
    policy: LoginPolicy = LOGIN_POLICY,
    finish_interrupted_rotation: bool = False,
) -> Vault:
    """Unlock the vault at ``db_path`` with one account's password.

    ``finish_interrupted_rotation``: a supervisor who logs in while a rekey was interrupted
    finishes it, and the caller must then show the new recovery sheet (``finished_rekey``);
    without it, such a login is refused with ``RotationUnfinished``.

    Every failure is a ``ReservationError`` with one sentence: wrong password and unknown
    account read the same.  Only a failed login writes anything (its counter in the key
    file, see ``LoginPolicy``); every other failure leaves both files as they were.
    """
    keys_path = key_file_path(db_path)
    if not db_path.is_file():
        raise errors.VaultMissing(
            "No vault database at the given path; check --db or RESDESK_DB, or create one "
            "with 'resdesk init'."
        )
    slots = KeySlotFile.load(keys_path)
    keys = unlock_throttled(slots, account_name, password, clock=clock, sleep=sleep, policy=policy)
    conn, finished_rekey = _connect_current_or_pending(
        db_path,
        slots,
        keys,
        on_pending="finish-if-supervisor" if finish_interrupted_rotation else "refuse",
    )
    try:
        with database_errors():
            version = _readable_version(conn)
            if version < 1:
                raise errors.VaultCorrupt(
                    "The database holds no Reservation Desk vault; restore it from a backup."
                )
            stored_id = _meta(conn, "vault_id")
            if stored_id != slots.vault_id:
                raise errors.KeyFileCorrupt(
                    "The key file belongs to another vault; put the right .keys file next to "
                    "the database."
                )
            row = conn.execute(
                "SELECT role, public_key, disabled FROM accounts WHERE name = ?", (account_name,)
            ).fetchone()
            if row is None or row[2]:
                raise errors.AuthenticationFailed(_AUTH_FAILED)
            if bytes(row[1]) != slots.public_key(account_name):
                # The password opened a slot the vault does not know: altered outside the
                # application, or a password change that died between its two writes.
                # Saying so reveals nothing to whoever typed the slot's own password.
                raise errors.AuthenticationFailed(
                    "This account's key slot does not match the vault's record of it (a "
                    "password change was interrupted, or the key file was altered); ask a "
                    "supervisor to reset the password."
                )
            _migrate_to_latest(conn, version)
            demo = _meta(conn, "demo") == "1"
            must_change = conn.execute(
                "SELECT must_change_password FROM accounts WHERE name = ?", (account_name,)
            ).fetchone()[0]
    except BaseException:
        conn.close()
        raise
    return Vault(
        db_path=db_path,
        conn=conn,
        keyslots=slots,
        account=Account(account_name, Role(row[0])),
        keys=keys,
        vault_id=slots.vault_id,
        demo=demo,
        must_change_password=bool(must_change),
        login_failures=LockoutFile.beside(slots).record(account_name),
        finished_rekey=finished_rekey,
    )


def _readable_version(conn: Connection) -> int:
    """The vault's schema version, refused when a newer application wrote it."""
    version = schema_version(conn)
    if version > LATEST_VERSION:
        raise errors.VaultTooNew(
            "This vault was made by a newer version of Reservation Desk; update the "
            "application to open it."
        )
    return version


def _migrate_to_latest(conn: Connection, version: int) -> None:
    """Bring an older vault's schema up to date, in one transaction (the caller checked that
    ``version`` is not newer than this application)."""
    if version >= LATEST_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        migrate(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def open_with_data_key(db_path: Path, data_key: bytes | bytearray) -> tuple[Connection, str]:
    """The database opened with the data key itself (the recovery sheet), migrated to the
    current schema; returns the connection and the vault id.  No key slot is involved, so
    only ``reservations.recovery`` calls this."""
    conn = connect(db_path, data_key)
    try:
        with database_errors():
            version = _readable_version(conn)
            vault_id = _meta(conn, "vault_id") if version >= 1 else None
            if vault_id is None:
                raise errors.VaultCorrupt(
                    "The database holds no Reservation Desk vault; restore it from a backup."
                )
            _migrate_to_latest(conn, version)
    except BaseException:
        conn.close()
        raise
    return conn, vault_id


PASSWORD_CHANGE_REQUIRED = (
    "This account must change its initial password before anything else: run "
    "'resdesk account passwd' (or log in to the window, which asks for a new one)."
)


def _refuse_if_password_change_required(conn: Connection, account_name: str) -> None:
    row = conn.execute(
        "SELECT must_change_password, disabled FROM accounts WHERE name = ?", (account_name,)
    ).fetchone()
    if row is None or row[1]:
        raise errors.AuthenticationFailed(_AUTH_FAILED)
    if row[0]:
        raise errors.AuthenticationFailed(PASSWORD_CHANGE_REQUIRED)


def _meta(conn: Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


@dataclass(frozen=True)
class IntegrityReport:
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_integrity(conn: Connection) -> IntegrityReport:
    """Run SQLite's ``integrity_check`` and SQLCipher's ``cipher_integrity_check``.

    Every problem either reports is returned; a page that fails to decrypt is reported, not
    raised.
    """
    problems: list[str] = []
    try:
        rows = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        problems += [f"cipher: {r[0]}" for r in rows]
    except sqlcipher3.Error as exc:
        problems.append(f"cipher: {exc}")
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        problems += [f"sqlite: {r[0]}" for r in rows if r[0] != "ok"]
    except sqlcipher3.Error as exc:
        problems.append(f"sqlite: {exc}")
    return IntegrityReport(problems)


def check_vault(
    db_path: Path,
    account_name: str,
    password: str | bytearray,
    *,
    clock: Clock = now_jst,
    sleep: Sleep = time.sleep,
) -> IntegrityReport:
    """Unlock with an account's key slot and check every page of the database.

    A header page that no longer decrypts is reported as a problem rather than raised, so
    that ``resdesk check`` says what it found.
    """
    if not db_path.is_file():
        raise errors.VaultMissing("No vault database at the given path; check --db or RESDESK_DB.")
    slots = KeySlotFile.load(key_file_path(db_path))
    keys = unlock_throttled(slots, account_name, password, clock=clock, sleep=sleep)
    try:
        try:
            conn, _finished = _connect_current_or_pending(db_path, slots, keys, on_pending="open")
        except errors.VaultCorrupt:
            return IntegrityReport(
                [
                    "the database's first page cannot be decrypted: the file is damaged, "
                    "truncated or belongs to another vault"
                ]
            )
        try:
            report = check_integrity(conn)
            if report.ok and schema_version(conn) > LATEST_VERSION:
                raise errors.VaultTooNew(
                    "This vault was made by a newer version of Reservation Desk; update the "
                    "application to check it."
                )
            if report.ok and schema_version(conn) >= 4:
                _refuse_if_password_change_required(conn, account_name)
            return report
        finally:
            conn.close()
    finally:
        for i in range(len(keys.data_key)):
            keys.data_key[i] = 0
