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

    def now(self) -> dt.datetime:
        return self.clock()

    def timestamp(self) -> str:
        """Now as ISO 8601 with the +09:00 offset, to the second (audit and record times)."""
        return self.clock().isoformat(timespec="seconds")

    def require(self, permission: Permission) -> None:
        require(self.account, permission)

    def audit(self, uow: UnitOfWork, action: str, target: str, result: str = "ok") -> None:
        uow.append_audit(self.timestamp(), self.account.name, action, target, result)


def open_session(
    db_path: Path,
    account: str,
    password: str | bytearray,
    *,
    clock: Callable[[], dt.datetime] = now_jst,
) -> tuple[Vault, Session]:
    """Unlock the vault and start a session; the login is the session's first audit entry."""
    vault = open_vault(db_path, account, password)
    try:
        session = Session(SqlCipherStore(vault.conn), vault.account, clock)
        with session.store.unit_of_work(write=True) as uow:
            session.audit(uow, "login", vault.account.name)
            uow.commit()
    except BaseException:
        vault.close()
        raise
    return vault, session
