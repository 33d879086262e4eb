"""Getting back in with the paper recovery sheet (``resdesk recover --sheet``, the login
screen's 復旧シート entry).

The sheet is the vault's data key.  It opens the database directly; from there a supervisor's
key slot is made anew (a new key pair under a new password), and when ``NAME.keys`` is lost,
damaged or unreadable, a new key file is written.  Every other live account whose public key
the database knows gets the sheet's key sealed to it again, so a rotation that died halfway
(pending copies lost) is healed too; accounts whose slot was lost with the file are listed for
a password reset.  The recovery is audited in the vault's own trail.

What the sheet can do is what the data key can do: whoever holds it can read everything.
That is why it lives on paper in the locked safe, and why using it leaves an audit entry.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reservations import errors, grants
from reservations.accounts import normalize_account_name
from reservations.domain import Role, now_jst
from reservations.keyslots import DEFAULT_KDF, KdfParams, KeySlotFile, parse_recovery_key
from reservations.lockout import LockoutFile
from reservations.passwords import check_new_password
from reservations.signatures import AuditSigner
from reservations.store import SqlCipherStore
from reservations.vault import Connection, key_file_path, open_with_data_key

__all__ = ["RecoveryResult", "recover_with_sheet"]

_SHEET_DOES_NOT_OPEN = (
    "This recovery key does not open the vault: it is another vault's, or a sheet from before "
    "the data key was last replaced. Nothing was changed; use the newest sheet from the safe."
)


@dataclass(frozen=True)
class RecoveryResult:
    account: str
    created_account: bool
    # The key file was missing or damaged and was written anew.
    new_key_file: bool
    # Live accounts that have no key slot now (lost with a damaged key file): a supervisor
    # resets their passwords.
    accounts_without_slot: tuple[str, ...]


def _load_or_start_key_file(db_path: Path, vault_id: str) -> tuple[KeySlotFile, bool]:
    path = key_file_path(db_path)
    try:
        slots = KeySlotFile.load(path)
    except errors.VaultMissing:
        return KeySlotFile.create(path, vault_id), True
    except (errors.KeyFileCorrupt, errors.VaultTooNew):
        return KeySlotFile.replacing_damaged(path, vault_id), True
    if slots.vault_id != vault_id:
        raise errors.KeyFileCorrupt(
            "The key file next to the database belongs to another vault; move it elsewhere "
            "and run the recovery again (nothing was changed)."
        )
    return slots, False


def recover_with_sheet(
    db_path: Path,
    sheet_text: str,
    account_name: str,
    new_password: str | bytearray,
    *,
    clock: dt.datetime | None = None,
    kdf: KdfParams = DEFAULT_KDF,
) -> RecoveryResult:
    """Open the vault with the sheet and give ``account_name`` (a supervisor, existing or
    new) a fresh key slot under ``new_password``; audited.

    Refuses an operator's or a removed account's name: the sheet makes supervisors only.
    """
    data_key = bytearray(parse_recovery_key(sheet_text))
    account = normalize_account_name(account_name)
    check_new_password(account, new_password)
    now = (clock or now_jst()).isoformat(timespec="seconds")
    if not db_path.is_file():
        raise errors.VaultMissing(
            "No vault database at the given path; check --db or RESDESK_DB (the recovery "
            "sheet opens the database file, which must still exist)."
        )
    try:
        try:
            conn, vault_id = open_with_data_key(db_path, data_key)
        except errors.VaultCorrupt:
            raise errors.AuthenticationFailed(_SHEET_DOES_NOT_OPEN) from None
        try:
            return _recover(conn, db_path, vault_id, data_key, account, new_password, now, kdf)
        finally:
            conn.close()
    finally:
        data_key[:] = bytes(len(data_key))


def _recover(
    conn: Connection,
    db_path: Path,
    vault_id: str,
    data_key: bytearray,
    account: str,
    new_password: str | bytearray,
    now: str,
    kdf: KdfParams,
) -> RecoveryResult:
    slots, new_file = _load_or_start_key_file(db_path, vault_id)
    store = SqlCipherStore(conn)
    with slots.locked(), store.unit_of_work(write=True) as uow:
        rows = {values[0]: values for values in uow.account_rows()}
        existing = rows.get(account)
        if existing is not None:
            _name, role, _pk, disabled, _must, removed, _created = existing
            if removed or role != Role.SUPERVISOR.value:
                raise errors.NotPermitted(
                    f"The recovery sheet gives a new key slot to a supervisor only; {account} "
                    "is not an active supervisor. Choose a supervisor's name or a new name."
                )
            if disabled:
                raise errors.NotPermitted(
                    f"The account {account} is disabled; choose another supervisor's name or "
                    "a new name."
                )
        live = {
            name: bytes(values[2])
            for name, values in rows.items()
            if not values[5] and name != account
        }
        for name in slots.accounts():
            if name == account or live.get(name) != slots.public_key(name):
                # Unknown to the database, or altered: nothing the sheet should seal to.
                slots.remove_account(name)
        # The sheet's key is the one the database has: every kept slot gets it as its
        # current copy, and any pending copy of an unfinished rotation goes.
        if slots.accounts():
            slots.reseal_all(data_key)
        signed = grants.current_authority(uow) is not None
        authority = None
        pin = None
        if signed:
            # The authority's private key was sealed to supervisors whose passwords are lost:
            # a new one starts here, vouching for the old one (so old grants stay checkable),
            # and the recovered supervisor's password pins it.
            old_trust = grants.vouched_keys(
                grants.authority_history(uow), grants.authority_history(uow)[-1].key
            )
            authority = grants.start_authority(uow, now)
            pin = grants.Trust(
                frozenset(), grants.signed_from_seq(uow), grants.public_bytes(authority)
            ).pin()
        public_key = slots.add_account(account, new_password, data_key, kdf=kdf, pin=pin)
        if existing is None:
            uow.insert_account(
                account,
                Role.SUPERVISOR.value,
                public_key,
                now,
                account,
                must_change_password=False,
            )
        else:
            uow.update_account(account, {"public_key": public_key, "must_change_password": 0})
        result = "new key slot from the recovery sheet" + ("; new key file" if new_file else "")
        to_reset = [name for name in live if name not in slots.accounts()]
        if authority is not None:
            sign_key = slots.signing_public_key(account)
            assert sign_key is not None
            grants.issue(
                uow,
                vault_id,
                authority,
                account=account,
                role=Role.SUPERVISOR.value,
                status=grants.status_of(False, False),
                box_key=public_key,
                sign_key=sign_key,
                issued_at=now,
                issued_by=account,
            )
            slots.grant_authority(account, authority)
            # Everyone else keeps the role of their last valid grant, never the row's (an
            # insider may have edited it), and must be reset: their slots still trust the
            # old authority, which nobody can open any more.
            grants.grant_everyone(
                uow,
                vault_id,
                slots,
                authority,
                issued_at=now,
                issued_by=account,
                skip=account,
                trusted=old_trust,
            )
            to_reset = [name for name in live if name != account]
            result += "; new vault authority key"
            keys = slots.unlock(account, new_password)
            try:
                if keys.signing_key is not None:
                    uow.set_signer(AuditSigner(account, keys.signing_key))
            finally:
                keys.data_key[:] = bytes(len(keys.data_key))
        without = tuple(sorted(to_reset))
        uow.append_audit(now, account, "recover", account, result)
        # The key file first: if it cannot be written, nothing is committed.
        slots.save()
        uow.commit()
    with contextlib.suppress(errors.ReservationError):
        LockoutFile.beside(slots).clear(account)
    return RecoveryResult(
        account=account,
        created_account=existing is None,
        new_key_file=new_file,
        accounts_without_slot=without,
    )
