"""Errors a user can meet, each with one clear sentence and the CLI exit code it maps to.

Anything that is not a ``ReservationError`` is a bug and surfaces as such.  Messages never
contain personal data (names, kana, phone numbers): they name the field or the receipt number.
"""

from __future__ import annotations

import datetime as dt
from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes of ``resdesk``; every command uses this one table."""

    OK = 0
    USAGE = 1
    INVALID_INPUT = 2
    AUTHENTICATION = 3
    NOT_FOUND = 4
    CONFLICT = 5
    NOT_PERMITTED = 6
    INTEGRITY = 7
    STORAGE = 8


EXIT_CODE_TABLE: tuple[tuple[ExitCode, str], ...] = (
    (ExitCode.OK, "success"),
    (ExitCode.USAGE, "usage error"),
    (ExitCode.INVALID_INPUT, "invalid input (including a receipt number with a wrong check digit)"),
    (
        ExitCode.AUTHENTICATION,
        "authentication failed (wrong password, unknown or locked account, password change "
        "required, or no credentials and no terminal to ask on)",
    ),
    (ExitCode.NOT_FOUND, "not found"),
    (
        ExitCode.CONFLICT,
        "conflict (slot full, duplicate, closed or past slot, vault exists, an interrupted "
        "key replacement a supervisor must finish)",
    ),
    (ExitCode.NOT_PERMITTED, "not permitted for this account's role"),
    (ExitCode.INTEGRITY, "integrity check failed"),
    (
        ExitCode.STORAGE,
        "storage problem (disk full, read-only, busy, vault missing, corrupt, or from a newer "
        "version)",
    ),
)


class ReservationError(Exception):
    """Base of every error a user can meet; ``str(err)`` is the sentence to show."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(ReservationError):
    exit_code = ExitCode.USAGE


class InvalidInput(ReservationError):
    """A value the user typed cannot be accepted; ``field`` names which one."""

    exit_code = ExitCode.INVALID_INPUT

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class RecoveryKeyInvalid(InvalidInput):
    """A recovery key typed from the sheet: the wrong number of characters (``length``), or
    one group whose check character does not match (``line`` and ``group``, from 1)."""

    def __init__(
        self,
        message: str,
        *,
        length: int | None = None,
        line: int | None = None,
        group: int | None = None,
    ) -> None:
        super().__init__(message, field="recovery_key")
        self.length = length
        self.line = line
        self.group = group


class InvalidReceiptNumber(InvalidInput):
    """The receipt number is malformed or its check digit is wrong (a digit was misheard)."""

    def __init__(self, message: str, *, check_digit_wrong: bool = False) -> None:
        super().__init__(message, field="receipt")
        self.check_digit_wrong = check_digit_wrong


class AuthenticationFailed(ReservationError):
    exit_code = ExitCode.AUTHENTICATION


class AccountLocked(AuthenticationFailed):
    """Too many failed logins: the name is locked until ``until``.  ``password_tried``: this
    wrong password set the lock; otherwise the lock was in force and the password was not
    even tried."""

    def __init__(self, message: str, *, until: dt.datetime, password_tried: bool = False) -> None:
        super().__init__(message)
        self.until = until
        self.password_tried = password_tried


class NotFound(ReservationError):
    exit_code = ExitCode.NOT_FOUND


class RotationUnfinished(ReservationError):
    """A rekey was interrupted after the database moved to the new key: only a supervisor's
    login (which then shows the new recovery sheet) may finish it."""

    exit_code = ExitCode.CONFLICT


class Conflict(ReservationError):
    exit_code = ExitCode.CONFLICT


class SlotFull(Conflict):
    pass


class SlotClosed(Conflict):
    pass


class SlotInPast(Conflict):
    pass


class DuplicateBooking(Conflict):
    """An active booking with the same phone, or the same name and kana, exists."""

    def __init__(self, message: str, existing_receipt: str) -> None:
        super().__init__(message)
        self.existing_receipt = existing_receipt


class InvalidTransition(Conflict):
    """The reservation's status does not allow the change (e.g. attend a cancelled one)."""


class VaultExists(Conflict):
    pass


class NotPermitted(ReservationError):
    exit_code = ExitCode.NOT_PERMITTED


class IntegrityFailed(ReservationError):
    exit_code = ExitCode.INTEGRITY

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class StorageError(ReservationError):
    exit_code = ExitCode.STORAGE


class DiskFull(StorageError):
    pass


class VaultReadOnly(StorageError):
    pass


class VaultBusy(StorageError):
    pass


class VaultMissing(StorageError):
    pass


class VaultCorrupt(StorageError):
    pass


class KeyFileCorrupt(StorageError):
    pass


class VaultTooNew(StorageError):
    pass
