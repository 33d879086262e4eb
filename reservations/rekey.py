"""Replacing the vault's data key (``resdesk rekey``), safe against a crash at any point.

Steps, each durable before the next:

1. a new random data key is sealed to every live account's public key as a *pending* copy
   next to its current one, and the key file is saved (public keys come from the encrypted
   database's account rows, not from the key file alone);
2. SQLCipher's ``PRAGMA rekey`` re-encrypts every page in one SQLite transaction (measured
   with the bundled SQLCipher 4.19: atomic in WAL mode as in rollback-journal mode, so the
   vault stays in WAL);
3. the pending copies become the current ones and the key file is saved again;
4. the rotation is audited and the new recovery sheet is shown.

Killed between 1 and 2, the database still has the old key, which the current copies open
(the unused pending copies are harmless and replaced by the next rotation).  Killed between
2 and 3, the current copies no longer open the database but the pending ones do, and
``vault.open_vault`` finishes step 3 at the next login.  So the vault always opens with one
of the two keys, never with neither.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import sqlcipher3

from reservations import errors
from reservations.keyslots import generate_data_key
from reservations.permissions import Permission
from reservations.session import Session
from reservations.vault import Vault, database_errors, finish_rotation

CHECKPOINTS = ("pending-saved", "database-rekeyed", "promoted")


def _no_checkpoint(_name: str) -> None:
    return None


def rekey(
    session: Session,
    vault: Vault,
    *,
    checkpoint: Callable[[str], None] = _no_checkpoint,
) -> bytearray:
    """Replace the data key; returns the new one (for the recovery sheet; caller wipes it).

    ``checkpoint`` is called with each name of ``CHECKPOINTS`` once that step is durable
    (tests kill the process there).  Other windows or commands should not have the vault
    open meanwhile: their connections keep the old key and fail until they log in again.
    """
    session.require(Permission.MANAGE_ACCOUNTS)
    slots = vault.keyslots
    new_key = generate_data_key()
    try:
        with session.store.unit_of_work(write=True):
            with database_errors():
                rows = vault.conn.execute(
                    "SELECT name, public_key FROM accounts WHERE removed_at IS NULL"
                ).fetchall()
            live = {str(name): bytes(public_key) for name, public_key in rows}
            slots.reload()
            for account in slots.accounts():
                if account in live:
                    slots.seal_pending(account, live[account], new_key)
                elif account != vault.account.name:
                    # A slot without a live account row opens nothing the application
                    # allows; it does not get the new key.
                    slots.remove_account(account)
            slots.save()
        checkpoint("pending-saved")
        # On an error here the pending copies stay: harmless if the database kept its old
        # key, and needed if it got the new one.  Never drop them on a guess.
        with database_errors():
            vault.conn.execute(f"PRAGMA rekey = \"x'{bytes(new_key).hex()}'\"")
        # Fold the re-encrypted pages into the main file now rather than at some later
        # checkpoint; if another reader blocks it, SQLite does it later, which is fine.
        with contextlib.suppress(sqlcipher3.Error):
            vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        checkpoint("database-rekeyed")
        finish_rotation(slots)
        checkpoint("promoted")
        vault.keys.data_key[:] = new_key
        with session.store.unit_of_work(write=True) as uow:
            session.audit(uow, "rekey", "data key", f"sealed to {len(live)} account(s)")
            uow.commit()
    except errors.ReservationError:
        new_key[:] = bytes(len(new_key))
        raise
    return new_key
