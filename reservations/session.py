"""A working session: who is logged in, the store they work on, and the clock.

Services take a ``Session`` so that tests can inject a clock and a store; nothing is global.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reservations.domain import Account, now_jst
from reservations.permissions import Permission, require
from reservations.store import SqlCipherStore, Store, UnitOfWork
from reservations.vault import Vault, open_vault


@dataclass
class Session:
    store: Store
    account: Account
    clock: Callable[[], dt.datetime] = field(default=now_jst)
    # The login entry waits for the session's first audited write, so that a command that
    # fails on a damaged vault has written nothing at all (see ``open_session``).
    _pending_login: str | None = field(default=None, repr=False)
    _login_uow: UnitOfWork | None = field(default=None, repr=False)

    def now(self) -> dt.datetime:
        return self.clock()

    def timestamp(self) -> str:
        """Now as ISO 8601 with the +09:00 offset, to the second (audit and record times)."""
        return self.clock().isoformat(timespec="seconds")

    def require(self, permission: Permission) -> None:
        require(self.account, permission)

    def audit(self, uow: UnitOfWork, action: str, target: str, result: str = "ok") -> None:
        self._write_pending_login(uow)
        uow.append_audit(self.timestamp(), self.account.name, action, target, result)

    def _write_pending_login(self, uow: UnitOfWork) -> None:
        if self._pending_login is None or self._login_uow is uow:
            return
        if self._login_uow is not None and self._login_uow.committed:
            self._pending_login = self._login_uow = None
            return
        # Not yet written, or written in a transaction that was rolled back: write it here.
        uow.append_audit(self._pending_login, self.account.name, "login", self.account.name, "ok")
        self._login_uow = uow

    def record_login(self) -> None:
        """Write the pending login entry now, in a transaction of its own (if not yet written)."""
        if self._pending_login is None:
            return
        if self._login_uow is not None and self._login_uow.committed:
            self._pending_login = self._login_uow = None
            return
        with self.store.unit_of_work(write=True) as uow:
            self._write_pending_login(uow)
            uow.commit()
        self._pending_login = self._login_uow = None


def open_session(
    db_path: Path,
    account: str,
    password: str | bytearray,
    *,
    clock: Callable[[], dt.datetime] = now_jst,
    defer_login_audit: bool = False,
) -> tuple[Vault, Session]:
    """Unlock the vault and start a session; the login is the session's first audit entry.

    With ``defer_login_audit`` (the CLI) the login entry is written together with the
    command's first audited change, or by ``record_login()`` once the command succeeded: a
    command that fails on a damaged database then leaves the file exactly as it was.
    """
    vault = open_vault(db_path, account, password)
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
    session = Session(SqlCipherStore(vault.conn), vault.account, clock)
    session._pending_login = session.timestamp()
    if not defer_login_audit:
        session.record_login()
    return session
