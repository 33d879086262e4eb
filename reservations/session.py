"""A working session: who is logged in, the store they work on, and the clock.

Services take a ``Session`` so that tests can inject a clock and a store; nothing is global.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reservations import errors
from reservations.domain import Account, now_jst
from reservations.leftovers import remove_stale_leftovers
from reservations.lockout import LOGIN_POLICY, FailureRecord, LoginPolicy
from reservations.permissions import Permission, require
from reservations.store import SqlCipherStore, Store, UnitOfWork
from reservations.vault import PASSWORD_CHANGE_REQUIRED, Vault, open_vault


@dataclass
class Session:
    store: Store
    account: Account
    clock: Callable[[], dt.datetime] = field(default=now_jst)
    # Set for an account created or reset by a supervisor: every service refuses until the
    # account has chosen its own password (``AccountService.change_own_password``).
    must_change_password: bool = False
    # Seconds without input before a window locks (the vault's setting, read at login).
    idle_lock_seconds: int | None = None
    # The login entry waits for the session's first audited write, so that a command that
    # fails on a damaged vault has written nothing at all (see ``open_session``).
    _pending_login: str | None = field(default=None, repr=False)
    _login_uow: UnitOfWork | None = field(default=None, repr=False)
    # Failed logins before this one (from the key file), audited with the login entry.
    _pending_failures: FailureRecord | None = field(default=None, repr=False)
    _finished_rekey: bool = field(default=False, repr=False)
    # Called once the login entry (and the failures) are committed: clears the counters.
    _after_login_recorded: Callable[[], None] | None = field(default=None, repr=False)

    def now(self) -> dt.datetime:
        return self.clock()

    def timestamp(self) -> str:
        """Now as ISO 8601 with the +09:00 offset, to the second (audit and record times)."""
        return self.clock().isoformat(timespec="seconds")

    def require(self, permission: Permission) -> None:
        if self.must_change_password:
            raise errors.AuthenticationFailed(PASSWORD_CHANGE_REQUIRED)
        require(self.account, permission)

    def audit(self, uow: UnitOfWork, action: str, target: str, result: str = "ok") -> None:
        self._write_pending_login(uow)
        uow.append_audit(self.timestamp(), self.account.name, action, target, result)

    def _login_committed(self) -> None:
        self._pending_login = self._login_uow = None
        callback, self._after_login_recorded = self._after_login_recorded, None
        if callback is not None:
            # The entries are safely in the chain; losing the counters' reset now (disk
            # full) only means they are audited twice, never lost.
            try:
                callback()
            except errors.ReservationError:
                pass

    def _write_pending_login(self, uow: UnitOfWork) -> None:
        if self._pending_login is None or self._login_uow is uow:
            return
        if self._login_uow is not None and self._login_uow.committed:
            self._login_committed()
            return
        # Not yet written, or written in a transaction that was rolled back: write it here.
        name = self.account.name
        failures = self._pending_failures
        if failures is not None and failures.count:
            # One summary entry: how many, and when (never what was typed).
            shown = ", ".join(failures.times)
            more = failures.count - len(failures.times)
            result = f"{failures.count} failed login(s) before this one: {shown}" + (
                f" (and {more} earlier)" if more > 0 else ""
            )
            uow.append_audit(self._pending_login, name, "login-failed", name, result)
        uow.append_audit(self._pending_login, name, "login", name, "ok")
        if self._finished_rekey:
            uow.append_audit(
                self._pending_login,
                name,
                "rekey",
                "data key",
                "interrupted rotation finished by a supervisor; new recovery sheet shown",
            )
        self._login_uow = uow

    def record_login(self) -> None:
        """Write the pending login entry now, in a transaction of its own (if not yet written)."""
        if self._pending_login is None:
            return
        if self._login_uow is not None and self._login_uow.committed:
            self._login_committed()
            return
        with self.store.unit_of_work(write=True) as uow:
            self._write_pending_login(uow)
            uow.commit()
        self._login_committed()


def open_session(
    db_path: Path,
    account: str,
    password: str | bytearray,
    *,
    clock: Callable[[], dt.datetime] = now_jst,
    defer_login_audit: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    policy: LoginPolicy = LOGIN_POLICY,
    finish_interrupted_rotation: bool = False,
) -> tuple[Vault, Session]:
    """Unlock the vault and start a session; the login is the session's first audit entry.

    With ``defer_login_audit`` (the CLI) the login entry is written together with the
    command's first audited change, or by ``record_login()`` once the command succeeded: a
    command that fails on a damaged vault then leaves the file exactly as it was.  ``sleep``
    is the delay after failed logins (injectable so tests do not wait).  With
    ``finish_interrupted_rotation`` a supervisor's login finishes an interrupted rekey; the
    caller must then show the new recovery sheet (``vault.finished_rekey``).
    """
    vault = open_vault(
        db_path,
        account,
        password,
        clock=clock,
        sleep=sleep,
        policy=policy,
        finish_interrupted_rotation=finish_interrupted_rotation,
    )
    try:
        session = start_session(vault, clock=clock, defer_login_audit=defer_login_audit)
    except BaseException:
        vault.close()
        raise
    return vault, session


def start_session(
    vault: Vault,
    *,
    clock: Callable[[], dt.datetime] = now_jst,
    defer_login_audit: bool = False,
) -> Session:
    """A session on a vault that is already unlocked (just opened, or just created)."""
    session = Session(
        SqlCipherStore(vault.conn),
        vault.account,
        clock,
        must_change_password=vault.must_change_password,
    )
    from reservations.vault_settings import read_idle_lock_seconds

    with session.store.unit_of_work(write=False) as uow:
        session.idle_lock_seconds = read_idle_lock_seconds(uow)
    session._pending_login = session.timestamp()
    session._pending_failures = vault.login_failures
    session._finished_rekey = vault.finished_rekey
    session._after_login_recorded = vault.forget_login_failures
    # Half-written copies a killed backup, export or handover left behind hold personal data
    # and key material that no register entry names: gone before any work starts.
    remove_stale_leftovers(session, vault.db_path)
    if not defer_login_audit:
        session.record_login()
    return session
