"""A working session: who is logged in, the store they work on, and the clock.

Services take a ``Session`` so that tests can inject a clock and a store; nothing is global.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reservations import errors, grants
from reservations.domain import Account, Role, now_jst
from reservations.idle_lock import read_idle_lock_seconds
from reservations.leftovers import remove_stale_leftovers
from reservations.lockout import LOGIN_POLICY, FailureRecord, LoginPolicy
from reservations.permissions import Permission, require
from reservations.signatures import AuditSigner, b64, checkpoint_message
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
    # A supervisor's copy of the vault authority key: countersigns the head at login.
    _authority_key: Ed25519PrivateKey | None = field(default=None, repr=False)
    # The authority keys this session trusts, from its account's pin (see grants.check_login);
    # None in a vault without signatures.
    trust: grants.Trust | None = None
    _vault_id: str = field(default="", repr=False)

    def now(self) -> dt.datetime:
        return self.clock()

    def timestamp(self) -> str:
        """Now as ISO 8601 with the +09:00 offset, to the second (audit and record times)."""
        return self.clock().isoformat(timespec="seconds")

    def require(self, permission: Permission) -> None:
        if self.must_change_password:
            raise errors.AuthenticationFailed(PASSWORD_CHANGE_REQUIRED)
        try:
            require(self.account, permission)
        except errors.NotPermitted:
            self.record_refusal(permission.value)
            raise

    def record_refusal(self, what: str) -> None:
        """Audit a refusal for the role (``what`` was asked), with a deferred login before it,
        in a transaction of its own: call it outside any unit of work (services check their
        permission before they open one)."""
        try:
            with self.store.unit_of_work(write=True) as uow:
                self.audit(uow, "refused", what, "refused")
                uow.commit()
        except errors.ReservationError:
            # A full or busy disk must not turn "not permitted" into another message.
            return
        self.record_login()  # the login went in with it: forget the failures it summed up

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
        login = uow.append_audit(self._pending_login, name, "login", name, "ok")
        if self._authority_key is not None:
            # A supervisor's login countersigns the chain's head with the vault authority:
            # a checkpoint in the trail itself, which an insider cutting the tail back to
            # before it would have to forge without the authority key.
            signature = self._authority_key.sign(
                checkpoint_message(self._vault_id, login.seq, login.hash)
            )
            uow.append_audit(
                self._pending_login,
                name,
                "checkpoint",
                f"entry {login.seq}",
                f"{login.hash} {b64(signature)}",
            )
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
    """A session on a vault that is already unlocked (just opened, or just created).

    The account must match the grant the vault authority signed for it (exit 7 otherwise);
    every audit entry of the session is signed with the account's own key.  The first
    supervisor login of a vault without signatures (a new one, or one from before them)
    starts the vault authority and grants every account.
    """
    name = vault.account.name
    store = SqlCipherStore(vault.conn, signer=_signer(vault))
    session = Session(store, vault.account, clock, must_change_password=vault.must_change_password)
    with session.store.unit_of_work(write=False) as uow:
        session.idle_lock_seconds = read_idle_lock_seconds(uow)
        trust = grants.check_login(
            uow,
            vault.vault_id,
            account=name,
            role=vault.account.role.value,
            box_key=vault.keyslots.public_key(name),
            sign_key=vault.keyslots.signing_public_key(name),
            authority_key=vault.keys.authority_key,
            pin=vault.keys.pin,
        )
        unsigned = grants.current_authority(uow) is None
        latest = uow.audit_latest()
        if unsigned and latest is not None and latest.signature:
            # Signed entries but no authority: somebody removed the vault's record of it
            # (starting a new one here would hand it to whoever edited the roles).
            raise errors.IntegrityFailed(
                "The audit trail is signed but the vault's record of its authority key is "
                "gone: the vault was changed outside the application. Nothing was changed; a "
                "supervisor must check it against a checkpoint kept off this PC."
            )
    session.trust = trust
    session._pending_login = session.timestamp()
    session._pending_failures = vault.login_failures
    session._finished_rekey = vault.finished_rekey
    session._after_login_recorded = vault.forget_login_failures
    if trust is not None and vault.keys.pin is None:
        # First use of a slot made before pins: its password seals the trust, once the login
        # is on record (a command that fails before that leaves every file as it was).
        def pin_then_forget() -> None:
            _pin_on_first_use(vault, trust)
            vault.forget_login_failures()

        session._after_login_recorded = pin_then_forget
    if unsigned and vault.account.role is Role.SUPERVISOR:
        _start_signing(vault, session)
    if vault.keys.pin is not None or session.trust is None:
        _forget_pin_key(vault)  # no first-use pin waits for it
    session._vault_id = vault.vault_id
    session._authority_key = vault.keys.authority_key
    # Half-written copies a killed backup, export or handover left behind hold personal data
    # and key material that no register entry names: gone before any work starts.
    remove_stale_leftovers(session, vault.db_path)
    if not defer_login_audit:
        session.record_login()
    return session


def _pin_on_first_use(vault: Vault, trust: grants.Trust) -> None:
    slots = vault.keyslots
    with slots.locked():
        # The slot must still be the one this session unlocked (not reset meanwhile).
        if not slots.holds_private_key(vault.keys):
            return
        vault.keys = slots.set_pin(vault.keys, trust.pin())
        slots.save()
    _forget_pin_key(vault)


def _forget_pin_key(vault: Vault) -> None:
    """The password-derived key served only to seal a pin: not kept for the whole session."""
    vault.keys = dataclasses.replace(vault.keys, pin_key=None)


def _signer(vault: Vault) -> AuditSigner | None:
    key = vault.keys.signing_key
    return None if key is None else AuditSigner(vault.account.name, key)


def _start_signing(vault: Vault, session: Session) -> None:
    """Start the vault authority, grant every account, and sign from here on (audited)."""
    slots = vault.keyslots
    with slots.locked(), session.store.unit_of_work(write=True) as uow:
        now = session.timestamp()
        authority = grants.start_authority(uow, now)
        granted = grants.grant_everyone(
            uow, vault.vault_id, slots, authority, issued_at=now, issued_by=vault.account.name
        )
        vault.keys = slots.open_signing_keys(vault.keys)
        current = grants.public_bytes(authority)
        session.trust = grants.Trust(frozenset({current}), grants.signed_from_seq(uow), current)
        vault.keys = slots.set_pin(vault.keys, session.trust.pin())
        slots.save()
        signer = _signer(vault)
        session.store.set_signer(signer)
        uow.set_signer(signer)
        session.audit(uow, "signing-start", "vault authority", f"{len(granted)} account(s)")
        uow.commit()
