"""Replacing the vault's data key (``resdesk rekey``), safe against a crash at any point.

The whole rotation holds the key-file lock (``KeySlotFile.locked``), so no other seat can
rewrite ``NAME.keys`` in between.  Steps, each durable before the next:

1. a new random data key is sealed to every live account's public key as a *pending* copy
   next to its current one, and the key file is saved (public keys come from the encrypted
   database's account rows, not from the key file alone);
2. the file is read back from disk and every pending copy is confirmed to be there (this
   account's is opened and compared): without them the database must not move;
3. SQLCipher's ``PRAGMA rekey`` re-encrypts every page in one SQLite transaction (measured
   with the bundled SQLCipher 4.19: atomic in WAL mode as in rollback-journal mode, so the
   vault stays in WAL);
4. the pending copies become the current ones and the key file is saved again;
5. the rotation is audited and the new recovery sheet is shown.

Killed between 1 and 3, the database still has the old key, which the current copies open
(the unused pending copies are harmless and replaced by the next rotation).  Killed between
3 and 4, the current copies no longer open the database but the pending ones do: the next
supervisor login finishes step 4 and is shown the new recovery sheet to print (the window,
or ``resdesk rekey --finish``); an operator's login is refused until then, because finishing
silently would leave the old sheet worthless without anyone knowing.  So the vault always
opens with one of the two keys, never with neither.  If step 4 cannot be done (its copies
vanished from the file), ``RotationIncomplete`` carries the new key so the sheet is printed
all the same.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import sqlcipher3

from reservations import errors
from reservations.keyslots import KeySlotFile, generate_data_key
from reservations.permissions import Permission
from reservations.session import Session
from reservations.vault import Vault, database_errors, finish_rotation

CHECKPOINTS = ("pending-saved", "database-rekeyed", "promoted")


class RotationIncomplete(errors.StorageError):
    """The database uses the new key but the key file could not be brought along: the new
    recovery sheet is the way back in, so the caller prints it before the error."""

    def __init__(self, message: str, new_key: bytearray) -> None:
        super().__init__(message)
        self.new_key = new_key


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
    with slots.locked():
        try:
            live = _seal_pending(session, vault, new_key)
            _confirm_pending_on_disk(vault, live, new_key)
        except BaseException:
            new_key[:] = bytes(len(new_key))
            raise
        checkpoint("pending-saved")
        try:
            # On an error here the pending copies stay: harmless if the database kept its
            # old key, and needed if it got the new one.  Never drop them on a guess.
            with database_errors():
                vault.conn.execute(f"PRAGMA rekey = \"x'{bytes(new_key).hex()}'\"")
        except errors.ReservationError:
            new_key[:] = bytes(len(new_key))
            raise
        # Fold the re-encrypted pages into the main file now rather than at some later
        # checkpoint; if another reader blocks it, SQLite does it later, which is fine.
        with contextlib.suppress(sqlcipher3.Error):
            vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        checkpoint("database-rekeyed")
        vault.keys.data_key[:] = new_key
        try:
            finish_rotation(slots, vault.keys, new_key)
        except errors.ReservationError as exc:
            raise RotationIncomplete(
                "The data key was replaced but the key file could not be updated ("
                + exc.message.rstrip(".")
                + "). Print the new recovery sheet below now: it is the way back in.",
                new_key,
            ) from None
    checkpoint("promoted")
    with session.store.unit_of_work(write=True) as uow:
        session.audit(uow, "rekey", "data key", f"sealed to {len(live)} account(s)")
        uow.commit()
    return new_key


def _seal_pending(session: Session, vault: Vault, new_key: bytearray) -> dict[str, bytes]:
    """Step 1: seal the new key to every live account, save; returns the live accounts."""
    slots = vault.keyslots
    with session.store.unit_of_work(write=True):
        with database_errors():
            rows = vault.conn.execute(
                "SELECT name, public_key FROM accounts WHERE removed_at IS NULL"
            ).fetchall()
        live = {str(name): bytes(public_key) for name, public_key in rows}
        for account in slots.accounts():
            if account in live:
                slots.seal_pending(account, live[account], new_key)
            elif account != vault.account.name:
                # A slot without a live account row opens nothing the application allows;
                # it does not get the new key.
                slots.remove_account(account)
        slots.save()
    return live


def _confirm_pending_on_disk(vault: Vault, live: dict[str, bytes], new_key: bytearray) -> None:
    """Step 2: the copies that will open the re-encrypted database are really on disk."""
    on_disk = KeySlotFile.load(vault.keyslots.path)
    expected = {name for name in vault.keyslots.accounts() if name in live}
    missing = expected - set(on_disk.pending_accounts())
    if missing or not on_disk.pending_key_is(vault.account.name, vault.keys.private_key, new_key):
        raise errors.StorageError(
            "The new data key could not be confirmed in the key file, so the vault keeps its "
            "current key and recovery sheet; check the disk and try again."
        )
