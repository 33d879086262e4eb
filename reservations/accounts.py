"""Accounts: each person has their own key slot and password, and a role in the vault.

The role lives in the encrypted database (so editing the key file cannot promote anyone); the
key slot lives in the sidecar file (so a password can unlock the data key).

Life cycle, supervisors only (except changing one's own password): add (with a one-time
initial password that must be changed at first login), disable (cannot log in, slot kept),
remove (slot destroyed), reset a forgotten password (new key pair and slot), change role.
A removed account keeps its database row, marked removed: the audit trail names accounts, and
a kept row means the name can never be handed to somebody else and still shows who created
it and when it was removed.  At least one active supervisor always remains.

Every change is one audit entry; no entry ever holds a password.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from reservations import errors, grants
from reservations.domain import Account, Role
from reservations.keyslots import DEFAULT_KDF, AccountKeys, AuthorityPin, KdfParams
from reservations.lockout import LockoutFile
from reservations.passwords import check_new_password
from reservations.permissions import Permission
from reservations.session import Session
from reservations.signatures import AuditSigner
from reservations.store import UnitOfWork
from reservations.vault import Vault

MAX_ACCOUNT_NAME_LENGTH = 32


@dataclass(frozen=True)
class AccountInfo:
    name: str
    role: Role
    disabled: bool
    created_at: str
    must_change_password: bool = False
    removed: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "role": self.role.value,
            "disabled": self.disabled,
            "must_change_password": self.must_change_password,
            "removed": self.removed,
            "created_at": self.created_at,
        }


def normalize_account_name(name: str) -> str:
    value = unicodedata.normalize("NFKC", name).strip()
    if not value:
        raise errors.InvalidInput("The account name is empty.", field="account")
    if len(value) > MAX_ACCOUNT_NAME_LENGTH:
        raise errors.InvalidInput(
            f"The account name is too long (at most {MAX_ACCOUNT_NAME_LENGTH} characters).",
            field="account",
        )
    if not all(ch.isalnum() or ch in "._-" for ch in value):
        raise errors.InvalidInput(
            "An account name may hold letters, digits, '.', '_' and '-' only.", field="account"
        )
    return value


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise errors.InvalidInput("role: use operator or supervisor.", field="role") from None


@dataclass(frozen=True)
class _Row:
    name: str
    role: Role
    public_key: bytes
    disabled: bool
    must_change_password: bool
    removed: bool
    created_at: str


def _row(values: tuple[str, str, bytes, bool, bool, bool, str]) -> _Row:
    name, role, public_key, disabled, must_change, removed, created_at = values
    return _Row(name, Role(role), public_key, disabled, must_change, removed, created_at)


def _account(uow: UnitOfWork, name: str) -> _Row | None:
    rows = uow.account_rows(name)
    return _row(rows[0]) if rows else None


def _live_account(uow: UnitOfWork, name: str) -> _Row:
    row = _account(uow, name)
    if row is None or row.removed:
        raise errors.NotFound(f"There is no account named {name}.")
    return row


class AccountService:
    def __init__(self, session: Session, vault: Vault, *, kdf: KdfParams = DEFAULT_KDF) -> None:
        self._session = session
        self._vault = vault
        self._keyslots = vault.keyslots
        self._kdf = kdf

    # -- helpers ---------------------------------------------------------------------------

    def _commit_with_key_file(self, uow: UnitOfWork, before: object) -> None:
        """Save the key file, then commit the database transaction.

        The key file goes first: if it cannot be written the transaction rolls back and
        nothing changed.  ``before`` (a ``KeySlotFile.snapshot``) is restored when either
        step fails.
        """
        try:
            self._keyslots.save()
        except BaseException:
            self._keyslots.restore(before)
            raise
        try:
            uow.commit()
        except BaseException:
            self._keyslots.restore(before)
            # Best effort: put the old slots back on disk too.
            try:
                self._keyslots.save()
            except errors.ReservationError:
                pass
            raise

    def _regrant(self, uow: UnitOfWork, account: str, *, role: Role | None = None) -> None:
        """Issue ``account``'s next grant as its row and slot stand now, and give or take the
        authority key with the supervisor role (the caller holds the key-file lock and saves
        the key file before committing).  Nothing to do in a vault without signatures.

        The role comes from ``role`` (an add or a role change a supervisor asked for) or else
        from the account's last valid grant: a role edited into the row outside the
        application is refused here, never signed."""
        if grants.current_authority(uow) is None:
            return
        authority = self._vault.keys.authority_key
        if authority is None:
            raise errors.IntegrityFailed(
                "This supervisor's key slot holds no vault authority key, so no account can be "
                "changed from it; the slot was changed outside the application."
            )
        row = _account(uow, account)
        assert row is not None
        if role is None:
            trusted = self._session.trust.keys if self._session.trust else None
            last = grants.latest_valid_grant(uow, self._vault.vault_id, account, trusted)
            if last is None or last.role != row.role.value:
                raise errors.IntegrityFailed(
                    f"The account {account} does not match the grant the vault authority signed "
                    "for it (its role was changed outside the application); nothing was "
                    "changed. Check the audit log, then set its role explicitly."
                )
            role = row.role
        removed = row.removed or account not in self._keyslots.accounts()
        box_key = row.public_key
        sign_key = b"\0" * 32 if removed else self._keyslots.signing_public_key(account)
        if sign_key is None:
            sign_key = self._keyslots.give_signing_key(account)
        grants.issue(
            uow,
            self._vault.vault_id,
            authority,
            account=account,
            role=role.value,
            status=grants.status_of(row.disabled, removed),
            box_key=box_key,
            sign_key=sign_key,
            issued_at=self._session.timestamp(),
            issued_by=self._session.account.name,
        )
        if removed:
            return
        if role is Role.SUPERVISOR and not row.disabled:
            self._keyslots.grant_authority(account, authority)
        else:
            self._keyslots.revoke_authority(account)

    def _pin(self) -> AuthorityPin | None:
        """What a slot this supervisor makes (they chose its password) will trust."""
        trust = self._session.trust
        return None if trust is None else trust.pin()

    def _renew_own_grant(self, uow: UnitOfWork, old: AccountKeys, new: AccountKeys) -> None:
        """New keys after one's own password change: a supervisor's authority issues the
        grant; anybody else's old signing key vouches for the new keys (same role)."""
        if grants.current_authority(uow) is None:
            return
        account = old.account
        if new.authority_key is not None:
            self._regrant(uow, account)
            return
        if old.signing_key is None:
            raise errors.IntegrityFailed(
                f"The account {account} has no signing key to vouch for its new keys; a "
                "supervisor must reset its password."
            )
        grants.self_issue(
            uow,
            self._vault.vault_id,
            old.signing_key,
            account=account,
            box_key=self._keyslots.public_key(account),
            sign_key=self._keyslots.signing_public_key(account) or b"",
            issued_at=self._session.timestamp(),
        )

    def _refuse_last_supervisor(self, uow: UnitOfWork, row: _Row, what: str) -> None:
        if row.role is Role.SUPERVISOR and not row.disabled and uow.count_active_supervisors() <= 1:
            raise errors.Conflict(
                f"{row.name} is the last active supervisor and cannot be {what}; add or enable "
                "another supervisor first."
            )

    def _forget_failures(self, name: str) -> None:
        """Lift a lockout once the change that justifies it is committed (best effort: a
        counter that stays only delays that account's next login)."""
        try:
            LockoutFile.beside(self._keyslots).clear(name)
        except errors.ReservationError:
            pass

    # -- operations ------------------------------------------------------------------------

    def add(self, name: str, role: Role, password: str | bytearray) -> Account:
        """Create an account with its own key slot (supervisors only).

        ``password`` is a one-time initial password: the account must change it at its
        first login.
        """
        s = self._session
        s.require(Permission.MANAGE_ACCOUNTS)
        account = normalize_account_name(name)
        check_new_password(account, password)
        # The key-file lock first, then the database's: the order rekey takes them in.
        with self._keyslots.locked(), s.store.unit_of_work(write=True) as uow:
            existing = _account(uow, account)
            if existing is not None and existing.removed:
                raise errors.Conflict(
                    f"An account named {account} existed and was removed; its name stays in "
                    "the audit trail, so choose another name."
                )
            before = self._keyslots.snapshot()
            if existing is not None or account in self._keyslots.accounts():
                raise errors.Conflict(f"An account named {account} already exists.")
            public_key = self._keyslots.add_account(
                account, password, self._vault.keys.data_key, kdf=self._kdf, pin=self._pin()
            )
            uow.insert_account(
                account,
                role.value,
                public_key,
                s.timestamp(),
                s.account.name,
                must_change_password=True,
            )
            self._regrant(uow, account, role=role)
            s.audit(uow, "account-add", f"{account} ({role.value})")
            self._commit_with_key_file(uow, before)
        return Account(account, role)

    def list(self) -> list[AccountInfo]:
        s = self._session
        s.require(Permission.LIST_ACCOUNTS)
        with s.store.unit_of_work(write=False) as uow:
            return [
                AccountInfo(
                    row.name,
                    row.role,
                    row.disabled,
                    row.created_at,
                    row.must_change_password,
                    row.removed,
                )
                for row in map(_row, uow.account_rows())
            ]

    def disable(self, name: str) -> None:
        """The account can no longer log in; its slot is kept so it can be enabled again."""
        s = self._session
        s.require(Permission.MANAGE_ACCOUNTS)
        account = normalize_account_name(name)
        with self._keyslots.locked(), s.store.unit_of_work(write=True) as uow:
            before = self._keyslots.snapshot()
            row = _live_account(uow, account)
            if row.disabled:
                raise errors.Conflict(f"The account {account} is already disabled.")
            self._refuse_last_supervisor(uow, row, "disabled")
            uow.update_account(account, {"disabled": 1})
            self._regrant(uow, account)
            s.audit(uow, "account-disable", account)
            self._commit_with_key_file(uow, before)

    def enable(self, name: str) -> None:
        s = self._session
        s.require(Permission.MANAGE_ACCOUNTS)
        account = normalize_account_name(name)
        with self._keyslots.locked(), s.store.unit_of_work(write=True) as uow:
            before = self._keyslots.snapshot()
            row = _live_account(uow, account)
            if not row.disabled:
                raise errors.Conflict(f"The account {account} is not disabled.")
            uow.update_account(account, {"disabled": 0})
            self._regrant(uow, account)
            s.audit(uow, "account-enable", account)
            self._commit_with_key_file(uow, before)

    def remove(self, name: str) -> None:
        """Destroy the account's key slot; its row stays, marked removed (see module doc)."""
        s = self._session
        s.require(Permission.MANAGE_ACCOUNTS)
        account = normalize_account_name(name)
        with self._keyslots.locked(), s.store.unit_of_work(write=True) as uow:
            row = _live_account(uow, account)
            self._refuse_last_supervisor(uow, row, "removed")
            uow.update_account(
                account,
                {"disabled": 1, "removed_at": s.timestamp(), "removed_by": s.account.name},
            )
            s.audit(uow, "account-remove", account)
            before = self._keyslots.snapshot()
            # A slot already missing (an earlier attempt that died after saving the key file)
            # is fine: the goal is that no slot remains.
            if account in self._keyslots.accounts():
                self._keyslots.remove_account(account)
            self._regrant(uow, account)
            self._commit_with_key_file(uow, before)
        self._forget_failures(account)

    def set_role(self, name: str, role: Role) -> None:
        s = self._session
        s.require(Permission.MANAGE_ACCOUNTS)
        account = normalize_account_name(name)
        with self._keyslots.locked(), s.store.unit_of_work(write=True) as uow:
            before = self._keyslots.snapshot()
            row = _live_account(uow, account)
            if row.role is role:
                return
            if role is not Role.SUPERVISOR:
                self._refuse_last_supervisor(uow, row, "demoted")
            uow.update_account(account, {"role": role.value})
            self._regrant(uow, account, role=role)
            s.audit(uow, "account-role", f"{account} ({row.role.value} -> {role.value})")
            self._commit_with_key_file(uow, before)

    def reset_password(self, name: str, new_password: str | bytearray) -> None:
        """A forgotten password: a new key pair and slot, sealed with this session's data key.

        The account must change the new password at its next login; a lockout of the name
        is lifted.
        """
        s = self._session
        s.require(Permission.MANAGE_ACCOUNTS)
        account = normalize_account_name(name)
        if account == s.account.name:
            raise errors.Conflict(
                "A supervisor changes their own password, not resets it: use "
                "'resdesk account passwd' without a name."
            )
        check_new_password(account, new_password)
        with self._keyslots.locked(), s.store.unit_of_work(write=True) as uow:
            _live_account(uow, account)
            before = self._keyslots.snapshot()
            if account in self._keyslots.accounts():
                public_key = self._keyslots.replace_account(
                    account,
                    new_password,
                    self._vault.keys.data_key,
                    kdf=self._kdf,
                    pin=self._pin(),
                )
            else:
                public_key = self._keyslots.add_account(
                    account,
                    new_password,
                    self._vault.keys.data_key,
                    kdf=self._kdf,
                    pin=self._pin(),
                )
            uow.update_account(account, {"public_key": public_key, "must_change_password": 1})
            self._regrant(uow, account)
            s.audit(uow, "account-reset", account)
            self._commit_with_key_file(uow, before)
        self._forget_failures(account)

    def change_own_password(self, new_password: str | bytearray) -> None:
        """A new key pair for this account under a new password (any role).

        Not a re-wrap of the old private key: an old key file and an old password must open
        nothing current (see ``KeySlotFile.set_password``).

        Allowed, and the only thing allowed, while the initial password must still be
        changed.  The session itself proved the current password at login.
        """
        s = self._session
        account = s.account.name
        check_new_password(account, new_password)
        keys = self._vault.keys
        with self._keyslots.locked(), s.store.unit_of_work(write=True) as uow:
            row = _live_account(uow, account)
            if row.disabled:
                raise errors.NotPermitted("This account is disabled.")
            before = self._keyslots.snapshot()
            new_keys = self._keyslots.set_password(account, keys, new_password, kdf=self._kdf)
            public_key = self._keyslots.public_key(account)
            uow.update_account(account, {"public_key": public_key, "must_change_password": 0})
            self._renew_own_grant(uow, keys, new_keys)
            # The entry is signed with the new key, which the new grant names.
            uow.set_signer(
                None if new_keys.signing_key is None else AuditSigner(account, new_keys.signing_key)
            )
            s.audit(uow, "account-passwd", account)
            self._commit_with_key_file(uow, before)
        # The session goes on with the new keys (a later rekey confirms with them, and its
        # audit entries are signed with the new signing key).
        self._vault.keys = new_keys
        if new_keys.signing_key is not None:
            s.store.set_signer(AuditSigner(account, new_keys.signing_key))
        s.must_change_password = False
        self._vault.must_change_password = False
