"""Unlocking a locked window: the login's throttled, audited password check, for the session
that is already open.

A locked window (``ui/lock.py``) opens again only with its own account's password.  That check
is a login in all but name, so it goes through the same growing delay and lockout
(``reservations.lockout``, counted in ``NAME.lockout`` together with the logins) and leaves
the same kind of trace: every failed attempt is an ``unlock-failed`` entry and the unlock an
``unlock`` entry.  No entry holds what was typed.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from reservations import errors, grants
from reservations.keyslots import AccountKeys, KeySlotFile
from reservations.lockout import (
    LOGIN_POLICY,
    FailureRecord,
    LockoutFile,
    LoginPolicy,
    unlock_throttled,
)
from reservations.session import Session
from reservations.vault import Vault, key_file_path

__all__ = ["unlock_session"]

_CHANGED = "This account was disabled, removed or changed since the login; log in again."


def unlock_session(
    vault: Vault,
    session: Session,
    password: str | bytearray,
    *,
    sleep: Callable[[float], None] = time.sleep,
    policy: LoginPolicy = LOGIN_POLICY,
) -> None:
    """Return when ``password`` is the session's account's; raise ``AuthenticationFailed``
    (``AccountLocked`` during a lockout) otherwise.  Audited either way.

    The key file is read again, so a password changed or an account removed meanwhile
    counts; if it cannot be read, the slots loaded at login are used.  ``sleep`` is the delay
    after repeated failures (the window passes one that keeps it responsive).  The account's
    row must still be the one the session logged in with: a disabled or removed account, or
    one given another role or key pair since, is refused like at the login.
    """
    account = session.account.name
    try:
        slots = KeySlotFile.load(key_file_path(vault.db_path))
    except errors.ReservationError:
        slots = vault.keyslots
    try:
        keys = unlock_throttled(
            slots, account, password, clock=session.clock, sleep=sleep, policy=policy
        )
    except errors.AccountLocked as exc:
        until = f"{exc.until:%Y-%m-%d %H:%M}"
        result = (
            f"wrong password; locked until {until}"
            if exc.password_tried
            else f"locked until {until}; password not tried"
        )
        _audit_failure(vault, session, result)
        raise
    except errors.AuthenticationFailed:
        record = LockoutFile.beside(slots).record(account)
        count = f" ({record.count} in a row)" if record is not None and record.count else ""
        _audit_failure(vault, session, f"wrong password{count}")
        raise
    _wipe(keys)
    lockout = LockoutFile.beside(slots)
    before = lockout.record(account)
    if vault.is_closed:  # the window was closed during the delay
        raise errors.StorageError("The vault was closed; log in again.")
    with session.store.unit_of_work(write=True) as uow:
        rows = uow.account_rows(account)
        # (name, role, public_key, disabled, must_change_password, removed, created_at)
        if (
            not rows
            or rows[0][3]
            or rows[0][5]
            or rows[0][1] != session.account.role.value
            or rows[0][2] != slots.public_key(account)
        ):
            session.audit(uow, "unlock-failed", account, "account changed since the login")
            uow.commit()
            raise errors.AuthenticationFailed(_CHANGED)
        try:
            # The same signed grant as at the login (an operator who promoted themselves
            # while the window was locked is refused here too).
            grants.check_login(
                uow,
                vault.vault_id,
                account=account,
                role=session.account.role.value,
                box_key=slots.public_key(account),
                sign_key=slots.signing_public_key(account),
                authority_key=vault.keys.authority_key,
                pin=vault.keys.pin,
            )
        except errors.IntegrityFailed:
            session.audit(uow, "unlock-failed", account, "the signed grant does not match")
            uow.commit()
            raise
        session.audit(uow, "unlock", account, _ok_result(before))
        uow.commit()
    if before is not None:
        # The failures are in the chain now (each attempt at this window, and a summary of
        # any at the login of other seats): the next attempt starts afresh, as after a login.
        with contextlib.suppress(errors.ReservationError):
            lockout.clear(account)


def _wipe(keys: AccountKeys) -> None:
    """Forget the data key the check unlocked: the session keeps its own."""
    for key in (keys.data_key, keys.pending_data_key):
        if key is not None:
            for i in range(len(key)):
                key[i] = 0


def _ok_result(before: FailureRecord | None) -> str:
    if before is None or not before.count:
        return "ok"
    more = before.count - len(before.times)
    return f"ok after {before.count} failed attempt(s): {', '.join(before.times)}" + (
        f" (and {more} earlier)" if more > 0 else ""
    )


def _audit_failure(vault: Vault, session: Session, result: str) -> None:
    """A failed attempt's entry; a vault that cannot be written (full disk, another seat
    writing) must not turn "wrong password" into another message."""
    if vault.is_closed:
        return
    with contextlib.suppress(errors.ReservationError):
        with session.store.unit_of_work(write=True) as uow:
            session.audit(uow, "unlock-failed", session.account.name, result)
            uow.commit()
