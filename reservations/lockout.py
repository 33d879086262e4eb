"""Failed logins: the growing delay and the lockout, kept in ``NAME.lockout``.

The counters have a file of their own so that ``NAME.keys``, which holds key material, is
written only when accounts or keys change.  Every failed login used to rewrite the key file,
and each old version (which still opens the data key with a current password) was left in the
file system's free blocks, beyond the reach of any erasure.

What this file holds, and what it does not:

* one bucket per real account (an account with a key slot), named by a keyed hash of the
  account name, so the file alone does not list the staff;
* one shared bucket for every name that is not an account.  What was typed into the name
  field is never stored: a password typed there by mistake stays on the screen it was typed
  on.  Since all unknown names share one bucket, nothing is trimmed, and which names are
  real cannot be read from what was kept;
* no key material: deleting or editing it resets counters (anyone who can write the folder
  can do that) but opens nothing.

Updates are read-modify-write under a lock of their own (``NAME.lockout.lock``, through
``filelock``), separate from the key file's lock so that a long rekey does not block the
counting of failed logins at other seats.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import filelock

from reservations import errors
from reservations.domain import now_jst
from reservations.keyslots import AccountKeys, KeySlotFile

__all__ = [
    "LOGIN_POLICY",
    "FailureRecord",
    "LockoutFile",
    "LoginPolicy",
    "locked_message",
    "lockout_file_path",
    "unlock_throttled",
]

Clock = Callable[[], dt.datetime]
Sleep = Callable[[float], None]

_AUTH_FAILED = "The account name or password is wrong."
_FORMAT = "resdesk-lockout"
_VERSION = 1
UNKNOWN_BUCKET = "unknown-names"
_MAX_FILE_BYTES = 1024 * 1024
_LOCK_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class LoginPolicy:
    """Delays and lockout after failed logins, per account (and one bucket for the rest)."""

    free_failures: int = 2  # consecutive failures before delays start
    first_delay_s: float = 1.0  # then 1, 2, 4, 8 ... seconds
    max_delay_s: float = 30.0
    lockout_after: int = 10  # consecutive failures
    lockout_minutes: int = 15
    max_recorded_times: int = 20  # times kept per bucket for the audit entry

    def delay_for(self, failures: int) -> float:
        if failures < self.free_failures:
            return 0.0
        return float(
            min(self.max_delay_s, self.first_delay_s * 2 ** (failures - self.free_failures))
        )


LOGIN_POLICY = LoginPolicy()


@dataclass(frozen=True)
class FailureRecord:
    """The failed logins recorded for one bucket since the account's last successful login."""

    count: int
    times: tuple[str, ...]
    locked_until: str | None

    @classmethod
    def from_json(cls, value: object) -> FailureRecord | None:
        # The file is neither encrypted nor authenticated: anything malformed counts as
        # nothing rather than stopping every login.
        if not isinstance(value, dict):
            return None
        count = value.get("count")
        times = value.get("times", [])
        locked = value.get("locked_until")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            return None
        if not isinstance(times, list) or not all(isinstance(t, str) for t in times):
            times = []
        return cls(count, tuple(times), locked if isinstance(locked, str) else None)

    def to_json(self) -> dict[str, object]:
        return {
            "count": self.count,
            "times": list(self.times),
            "locked_until": self.locked_until,
        }

    def locked_at(self, now: dt.datetime) -> dt.datetime | None:
        """The end of the lock when it is still in force at ``now``."""
        if self.locked_until is None:
            return None
        try:
            until = dt.datetime.fromisoformat(self.locked_until)
        except ValueError:
            return None
        if until.tzinfo is None:
            return None
        return until if now < until else None


def lockout_file_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lockout")


def _lockout_path_for(slots: KeySlotFile) -> Path:
    keys_path = slots.path
    return keys_path.with_name(keys_path.name.removesuffix(".keys") + ".lockout")


def locked_message(until: dt.datetime) -> str:
    return (
        "Too many failed logins: this account name is locked; try again at "
        f"{until:%H:%M} or ask a supervisor to reset the password."
    )


class LockoutFile:
    """``NAME.lockout``: failure counters by bucket, changed only under its lock."""

    def __init__(self, path: Path, vault_id: str, accounts: list[str]) -> None:
        self._path = Path(path)
        self._vault_id = vault_id
        # The key is the vault id: not a secret from staff (it is in the key file), but it
        # keeps the same name from hashing alike in two vaults and the file from being a
        # list of names to anybody who has only it.
        self._hash_key = hashlib.sha256(b"resdesk lockout v1\0" + vault_id.encode()).digest()
        self._accounts = set(accounts)
        self._lock = filelock.FileLock(
            self._path.with_name(self._path.name + ".lock"), timeout=_LOCK_TIMEOUT_S
        )

    @classmethod
    def beside(cls, slots: KeySlotFile) -> LockoutFile:
        return cls(_lockout_path_for(slots), slots.vault_id, slots.accounts())

    @property
    def path(self) -> Path:
        return self._path

    def bucket(self, account_name: str) -> str:
        if isinstance(account_name, str) and account_name in self._accounts:
            digest = hmac.new(self._hash_key, account_name.encode("utf-8"), hashlib.sha256)
            return "account-" + digest.hexdigest()[:32]
        return UNKNOWN_BUCKET

    def _read(self) -> dict[str, object]:
        try:
            with open(self._path, "rb") as handle:
                raw = handle.read(_MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            return {}
        except OSError:
            return {}
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            return {}
        if (
            not isinstance(document, dict)
            or document.get("format") != _FORMAT
            or document.get("vault_id") != self._vault_id
        ):
            return {}
        buckets = document.get("buckets")
        return buckets if isinstance(buckets, dict) else {}

    def record(self, account_name: str) -> FailureRecord | None:
        return FailureRecord.from_json(self._read().get(self.bucket(account_name)))

    def _update(self, change: Callable[[dict[str, object]], bool]) -> None:
        try:
            self._lock.acquire()
        except filelock.Timeout:
            raise errors.VaultBusy(
                "The failed-login record is being written by another seat; try again."
            ) from None
        except OSError as exc:
            raise errors.StorageError(
                f"The failed-login record could not be locked: {exc.strerror or 'error'}."
            ) from None
        try:
            buckets = self._read()
            if not change(buckets):
                return
            known = {self.bucket(name) for name in self._accounts} | {UNKNOWN_BUCKET}
            for name in [name for name in buckets if name not in known]:
                # Accounts removed since: their counters go with them.
                del buckets[name]
            self._write(buckets)
        finally:
            self._lock.release()

    def _write(self, buckets: dict[str, object]) -> None:
        document = {
            "format": _FORMAT,
            "version": _VERSION,
            "vault_id": self._vault_id,
            "buckets": buckets,
        }
        payload = (json.dumps(document, ensure_ascii=True, indent=1) + "\n").encode("ascii")
        try:
            fd, tmp_name = tempfile.mkstemp(
                prefix=f".{self._path.name}.", suffix=".tmp", dir=self._path.parent
            )
        except OSError as exc:
            raise errors.StorageError(
                f"The failed-login record could not be written: {exc.strerror or 'error'}."
            ) from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, self._path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise errors.StorageError(
                f"The failed-login record could not be written: {exc.strerror or 'error'}."
            ) from None

    def record_failure(
        self, account_name: str, now: dt.datetime, policy: LoginPolicy
    ) -> FailureRecord:
        key = self.bucket(account_name)
        result: list[FailureRecord] = []

        def change(buckets: dict[str, object]) -> bool:
            old = FailureRecord.from_json(buckets.get(key)) or FailureRecord(0, (), None)
            count = old.count + 1
            times = (*old.times, now.isoformat(timespec="seconds"))[-policy.max_recorded_times :]
            locked = old.locked_until
            if count >= policy.lockout_after:
                locked = (now + dt.timedelta(minutes=policy.lockout_minutes)).isoformat(
                    timespec="seconds"
                )
            record = FailureRecord(count, times, locked)
            buckets[key] = record.to_json()
            result[:] = [record]
            return True

        self._update(change)
        return result[0]

    def clear(self, account_name: str) -> None:
        """Forget an account's failures (audited at its login, or its password was reset)."""
        key = self.bucket(account_name)

        def change(buckets: dict[str, object]) -> bool:
            return buckets.pop(key, None) is not None

        self._update(change)


def _plausible_lock(
    record: FailureRecord, policy: LoginPolicy, until: dt.datetime | None
) -> dt.datetime | None:
    """The lock as the policy could have set it: the file is not authenticated, so a lock
    without the failures behind it, or longer than the policy gives, is an edit: ignored
    (the growing delay still applies)."""
    if until is None or record.count < policy.lockout_after or not record.times:
        return None
    try:
        last = dt.datetime.fromisoformat(record.times[-1])
    except ValueError:
        return None
    if last.tzinfo is None:
        return None
    return min(until, last + dt.timedelta(minutes=policy.lockout_minutes))


def unlock_throttled(
    slots: KeySlotFile,
    account_name: str,
    password: str | bytearray,
    *,
    clock: Clock = now_jst,
    sleep: Sleep = time.sleep,
    policy: LoginPolicy = LOGIN_POLICY,
) -> AccountKeys:
    """``slots.unlock`` behind the lockout and the growing delay; failures are recorded.

    Only a wrong password (or unknown name) writes anything, and only to ``NAME.lockout``; a
    locked name is refused before the password is even tried.  A lock, in force or set by
    this failure, is ``AccountLocked`` (an ``AuthenticationFailed`` that says until when).
    """
    lockout = LockoutFile.beside(slots)
    record = lockout.record(account_name)
    if record is not None:
        until = _plausible_lock(record, policy, record.locked_at(clock()))
        if until is not None:
            raise errors.AccountLocked(locked_message(until), until=until)
        delay = policy.delay_for(record.count)
        if delay > 0:
            sleep(delay)
    try:
        return slots.unlock(account_name, password)
    except errors.AuthenticationFailed:
        now = clock()
        try:
            updated: FailureRecord | None = lockout.record_failure(account_name, now, policy)
        except errors.ReservationError:
            # A read-only or full disk must not turn "wrong password" into another message.
            updated = None
        if updated is not None:
            until = updated.locked_at(now)
            if until is not None:
                raise errors.AccountLocked(
                    _AUTH_FAILED + " " + locked_message(until), until=until, password_tried=True
                ) from None
        raise errors.AuthenticationFailed(_AUTH_FAILED) from None
