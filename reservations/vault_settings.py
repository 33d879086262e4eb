"""Settings of the whole vault that a supervisor sets (not per-user preferences).

For now the idle time after which a window locks.  Kept in the encrypted vault, so every
seat that opens it follows the same rule, and a change is audited.
"""

from __future__ import annotations

from reservations import errors
from reservations.idle_lock import (
    IDLE_LOCK_KEY,
    MAX_IDLE_LOCK_SECONDS,
    MIN_IDLE_LOCK_SECONDS,
    read_idle_lock_seconds,
)
from reservations.permissions import Permission
from reservations.session import Session


class VaultSettingsService:
    def __init__(self, session: Session) -> None:
        self._session = session

    def idle_lock_seconds(self) -> int:
        s = self._session
        s.require(Permission.LIST_SLOTS)
        with s.store.unit_of_work(write=False) as uow:
            return read_idle_lock_seconds(uow)

    def set_idle_lock_seconds(self, seconds: int) -> int:
        """Set the idle lock for every seat (supervisors; 1 to 60 minutes)."""
        s = self._session
        s.require(Permission.MANAGE_SETTINGS)
        if not MIN_IDLE_LOCK_SECONDS <= seconds <= MAX_IDLE_LOCK_SECONDS:
            raise errors.InvalidInput(
                "The idle lock must be between 1 and 60 minutes.", field="idle_lock"
            )
        with s.store.unit_of_work(write=True) as uow:
            uow.set_meta(IDLE_LOCK_KEY, str(seconds))
            s.audit(uow, "setting-idle-lock", f"{seconds} s")
            uow.commit()
        s.idle_lock_seconds = seconds
        return seconds
