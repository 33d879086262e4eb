"""The idle lock's bounds and its value as the vault stores it (read at every login, set by a
supervisor through ``vault_settings``): its own module so that the session can read it
without importing the service that changes it."""

from __future__ import annotations

from reservations.store import UnitOfWork

IDLE_LOCK_KEY = "idle_lock_seconds"
DEFAULT_IDLE_LOCK_SECONDS = 300
MIN_IDLE_LOCK_SECONDS = 60
MAX_IDLE_LOCK_SECONDS = 3600


def read_idle_lock_seconds(uow: UnitOfWork) -> int:
    raw = uow.get_meta(IDLE_LOCK_KEY)
    if raw is None or not raw.isdigit():
        return DEFAULT_IDLE_LOCK_SECONDS
    return min(max(int(raw), MIN_IDLE_LOCK_SECONDS), MAX_IDLE_LOCK_SECONDS)
