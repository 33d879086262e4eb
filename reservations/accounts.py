"""Accounts: each person has their own key slot and password, and a role in the vault.

The role lives in the encrypted database (so editing the key file cannot promote anyone); the
key slot lives in the sidecar file (so a password can unlock the data key).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from reservations import errors
from reservations.domain import Account, Role
from reservations.keyslots import DEFAULT_KDF, KdfParams, KeySlotFile
from reservations.passwords import check_new_password
from reservations.permissions import Permission
from reservations.session import Session

MAX_ACCOUNT_NAME_LENGTH = 32


@dataclass(frozen=True)
class AccountInfo:
    name: str
    role: Role
    disabled: bool
    created_at: str

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "role": self.role.value,
            "disabled": self.disabled,
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


class AccountService:
    def __init__(
        self,
        session: Session,
        keyslots: KeySlotFile,
        data_key: bytes | bytearray,
        *,
        kdf: KdfParams = DEFAULT_KDF,
    ) -> None:
        self._session = session
        self._keyslots = keyslots
        self._data_key = data_key
        self._kdf = kdf

    def add(self, name: str, role: Role, password: str | bytearray) -> Account:
        """Create an account with its own key slot (supervisors only)."""
        s = self._session
        s.require(Permission.MANAGE_ACCOUNTS)
        account = normalize_account_name(name)
        check_new_password(account, password if isinstance(password, str) else password.decode())
        with s.store.unit_of_work(write=True) as uow:
            if any(row[0] == account for row in uow.list_accounts()) or account in (
                self._keyslots.accounts()
            ):
                raise errors.Conflict(f"An account named {account} already exists.")
            public_key = self._keyslots.add_account(
                account, password, self._data_key, kdf=self._kdf
            )
            uow.add_account(account, role.value, public_key, s.timestamp(), s.account.name)
            s.audit(uow, "account-add", f"{account} ({role.value})")
            # Slot first, then the commit: a slot without an account row cannot log in, while
            # an account row without a slot could never be fixed by adding it again.
            try:
                self._keyslots.save()
            except OSError:
                self._keyslots.remove_account(account)
                raise errors.StorageError(
                    "The key file could not be written; the account was not created."
                ) from None
            try:
                uow.commit()
            except BaseException:
                self._keyslots.remove_account(account)
                self._keyslots.save()
                raise
        return Account(account, role)

    def list(self) -> list[AccountInfo]:
        s = self._session
        s.require(Permission.LIST_ACCOUNTS)
        with s.store.unit_of_work(write=False) as uow:
            return [
                AccountInfo(name, Role(role), disabled, created)
                for name, role, disabled, created in uow.list_accounts()
            ]
