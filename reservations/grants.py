"""Account grants and the vault authority: who may do what, signed (see ``signatures``).

The accounts table says who is a supervisor, but anybody with the data key can edit it.  What
an operator cannot make is a grant the vault authority signed: a login checks the grant of the
account logging in, and ``resdesk audit verify`` checks every signature in the trail against
the grant its signer held then.

The authority key's public half and its history live in ``meta.authority_keys`` (JSON list of
``{"key": base64, "since": time}``): a new vault starts one, and a recovery with the paper sheet
(when no supervisor password is left to open the old one) starts another.  Each replacement
is in the audit trail and in the verify report; the key's fingerprint is on every checkpoint
kept off the PC, which is how a replacement nobody asked for is caught.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reservations import errors
from reservations.keyslots import AuthorityPin, KeySlotFile
from reservations.signatures import (
    ISSUER_ACCOUNT,
    STATUS_ACTIVE,
    STATUS_DISABLED,
    STATUS_REMOVED,
    Grant,
    b64,
    grant_message,
    grant_problem,
    public_bytes,
    unb64,
    verify,
)
from reservations.store import UnitOfWork

AUTHORITY_META = "authority_keys"
SIGNED_FROM_META = "signed_from_seq"


VOUCH_PREFIX = b"resdesk-authority-vouch-v1\n"


@dataclass(frozen=True)
class AuthorityKey:
    key: bytes
    since: str
    # The key's signature over the key before it in the history (``VOUCH_PREFIX`` + raw key):
    # a recovery's new authority vouches for the old one, so grants the old one signed stay
    # trusted by whoever trusts the new one.  Nothing can vouch for a key put *before* it.
    vouch: bytes = b""

    @property
    def fingerprint(self) -> str:
        """The first 16 hex digits of SHA-256 of the raw public key: short enough to print."""
        return hashlib.sha256(self.key).hexdigest()[:16]


def authority_history(uow: UnitOfWork) -> list[AuthorityKey]:
    raw = uow.get_meta(AUTHORITY_META)
    if not raw:
        return []
    try:
        items = json.loads(raw)
    except json.JSONDecodeError:
        raise errors.IntegrityFailed(
            "The vault's record of its authority key is damaged: the vault was changed "
            "outside the application."
        ) from None
    history: list[AuthorityKey] = []
    for item in items if isinstance(items, list) else []:
        key = unb64(str(item.get("key", ""))) if isinstance(item, dict) else None
        if key is None or len(key) != 32:
            raise errors.IntegrityFailed(
                "The vault's record of its authority key is damaged: the vault was changed "
                "outside the application."
            )
        vouch = unb64(str(item.get("vouch", ""))) or b""
        history.append(AuthorityKey(key, str(item.get("since", "")), vouch))
    return history


@dataclass(frozen=True)
class Trust:
    """What a session trusts: authority keys (its pinned one and those it vouches for, back
    through the history) and where signing began."""

    keys: frozenset[bytes]
    signed_from: int | None
    current: bytes = b""

    def pin(self) -> AuthorityPin:
        """The pin a new slot gets from a session that trusts this."""
        return AuthorityPin(self.current, self.signed_from or 1)


def vouched_keys(history: list[AuthorityKey], start: bytes) -> frozenset[bytes]:
    """``start`` and every older key reached back through valid vouches."""
    trusted = {start}
    index = next((i for i, a in enumerate(history) if a.key == start), None)
    while index is not None and index > 0:
        current, previous = history[index], history[index - 1]
        if not verify(current.key, current.vouch, VOUCH_PREFIX + previous.key):
            break
        trusted.add(previous.key)
        index -= 1
    return frozenset(trusted)


def current_authority(uow: UnitOfWork) -> AuthorityKey | None:
    history = authority_history(uow)
    return history[-1] if history else None


def signed_from_seq(uow: UnitOfWork) -> int | None:
    raw = uow.get_meta(SIGNED_FROM_META)
    return int(raw) if raw and raw.isdigit() else None


def start_authority(uow: UnitOfWork, since: str) -> Ed25519PrivateKey:
    """A new authority key, appended to the history (a new vault, or a recovery)."""
    key = Ed25519PrivateKey.generate()
    old = authority_history(uow)
    history = [{"key": b64(a.key), "since": a.since, "vouch": b64(a.vouch)} for a in old]
    vouch = key.sign(VOUCH_PREFIX + old[-1].key) if old else b""
    history.append({"key": b64(public_bytes(key)), "since": since, "vouch": b64(vouch)})
    uow.set_meta(AUTHORITY_META, json.dumps(history, separators=(",", ":")))
    if uow.get_meta(SIGNED_FROM_META) is None:
        last = uow.audit_latest()
        uow.set_meta(SIGNED_FROM_META, str(1 if last is None else last.seq + 1))
    return key


def status_of(disabled: bool, removed: bool) -> str:
    return STATUS_REMOVED if removed else STATUS_DISABLED if disabled else STATUS_ACTIVE


def issue(
    uow: UnitOfWork,
    vault_id: str,
    authority: Ed25519PrivateKey,
    *,
    account: str,
    role: str,
    status: str,
    box_key: bytes,
    sign_key: bytes,
    issued_at: str,
    issued_by: str,
) -> Grant:
    """The next version of ``account``'s grant, signed by the authority, stored."""
    history = uow.grants(vault_id, account)
    unsigned = Grant(
        vault_id,
        account,
        (history[-1].version + 1) if history else 1,
        role,
        status,
        box_key,
        sign_key,
        issued_at,
        issued_by,
    )
    grant = _signed(unsigned, authority)
    uow.add_grant(grant)
    return grant


def self_issue(
    uow: UnitOfWork,
    vault_id: str,
    previous_key: Ed25519PrivateKey,
    *,
    account: str,
    box_key: bytes,
    sign_key: bytes,
    issued_at: str,
) -> Grant:
    """New keys after the account's own password change, vouched for by its old key."""
    history = uow.grants(vault_id, account)
    if not history:
        raise errors.IntegrityFailed(
            f"The account {account} has no grant to renew; a supervisor must reset its password."
        )
    last = history[-1]
    unsigned = Grant(
        vault_id,
        account,
        last.version + 1,
        last.role,
        last.status,
        box_key,
        sign_key,
        issued_at,
        account,
        ISSUER_ACCOUNT,
    )
    grant = _signed(unsigned, previous_key)
    uow.add_grant(grant)
    return grant


def _signed(grant: Grant, key: Ed25519PrivateKey) -> Grant:
    return dataclasses.replace(grant, signature=key.sign(grant_message(grant)))


def grant_problems(
    grants: Iterable[Grant],
    history: list[AuthorityKey],
    trusted: frozenset[bytes] | None = None,
) -> dict[tuple[str, int], str | None]:
    """For every grant, why it cannot be trusted (None: it can).  An issued grant must verify
    with one of the trusted authority keys (all of the history when ``trusted`` is None); a
    self-issued grant is only as good as the grant before it.  Versions, not clocks, order
    an account's grants: seats' clocks may disagree."""
    keys = [a.key for a in history if trusted is None or a.key in trusted]
    problems: dict[tuple[str, int], str | None] = {}
    previous: dict[str, Grant] = {}
    for grant in sorted(grants, key=lambda g: (g.account, g.version)):
        before = previous.get(grant.account)
        if grant.self_issued:
            problem = grant_problem(grant, before, None)
            if problem is None and before is not None:
                problem = problems.get((before.account, before.version))
        elif not keys:
            problem = "no trusted vault authority key"
        else:
            found = [grant_problem(grant, before, key) for key in keys]
            problem = None if None in found else found[0]
        expected = 1 if before is None else before.version + 1
        if problem is None and grant.version != expected:
            problem = "a grant version is missing"
        problems[(grant.account, grant.version)] = problem
        previous[grant.account] = grant
    return problems


def check_login(
    uow: UnitOfWork,
    vault_id: str,
    *,
    account: str,
    role: str,
    box_key: bytes,
    sign_key: bytes | None,
    authority_key: Ed25519PrivateKey | None,
    pin: AuthorityPin | None,
) -> Trust | None:
    """Refuse (exit 7, naming the account) a login whose account the authority never granted
    as it stands now; returns what the session may trust (None: a vault without signatures).

    The trust root is the account's *pin*, which only its own password seals: the vault's
    current authority must be the pinned one.  A slot not pinned yet (made before pins, or
    promoted) trusts the vault's current authority on this first use and is pinned then.
    """
    history = authority_history(uow)
    if pin is not None:
        if not history:
            raise errors.IntegrityFailed(
                f"The vault's authority key is gone although account {account} recorded it: "
                "the vault was changed outside the application. Nothing was changed; a "
                "supervisor must check the audit log against a checkpoint kept off this PC."
            )
        if history[-1].key != pin.key:
            raise errors.IntegrityFailed(
                f"The vault's authority key changed since account {account} recorded it. "
                "After a recovery with the paper sheet a supervisor resets this account's "
                "password; otherwise the vault was changed outside the application."
            )
        trust = Trust(vouched_keys(history, pin.key), pin.signed_from, pin.key)
    elif not history:
        return None  # a vault from before signatures: the first supervisor login starts them
    else:
        current = history[-1].key
        trust = Trust(vouched_keys(history, current), signed_from_seq(uow), current)
    tampered = (
        f"The account {account} does not match the grant the vault authority signed for it "
        "(role, keys or status were changed outside the application); nothing was changed. "
        "A supervisor must check the audit log and reset the account."
    )
    grants = uow.grants(vault_id, account)
    if not grants:
        raise errors.IntegrityFailed(tampered)
    latest = grants[-1]
    problems = grant_problems(grants, history, trust.keys)
    if problems[(account, latest.version)] is not None:
        raise errors.IntegrityFailed(tampered)
    if (
        latest.role != role
        or latest.status != STATUS_ACTIVE
        or latest.box_key != box_key
        or sign_key is None
        or latest.sign_key != sign_key
    ):
        raise errors.IntegrityFailed(tampered)
    if role == "supervisor" and (
        authority_key is None or public_bytes(authority_key) != history[-1].key
    ):
        raise errors.IntegrityFailed(
            "The vault's authority key is not the one sealed to this supervisor: it was "
            "replaced outside the application. Nothing was changed; check the audit log "
            "against a checkpoint kept off this PC."
        )
    return trust


def latest_valid_grant(
    uow: UnitOfWork, vault_id: str, account: str, trusted: frozenset[bytes] | None
) -> Grant | None:
    """The account's newest grant that verifies, or None."""
    history = authority_history(uow)
    grants = uow.grants(vault_id, account)
    problems = grant_problems(grants, history, trusted)
    valid = [g for g in grants if problems[(g.account, g.version)] is None]
    return valid[-1] if valid else None


def grant_everyone(
    uow: UnitOfWork,
    vault_id: str,
    slots: KeySlotFile,
    authority: Ed25519PrivateKey,
    *,
    issued_at: str,
    issued_by: str,
    skip: str | None = None,
    trusted: frozenset[bytes] | None = None,
) -> list[str]:
    """A grant from ``authority`` for every live account that has a key slot (a signing key
    is given to a slot made before signatures existed), and the authority sealed to every
    active supervisor; returns the accounts granted.  The caller holds the key-file lock and
    saves the file before committing.

    With ``trusted`` (a recovery), an account is granted only the role and status of its
    last grant that verifies with those keys, and not at all when its row says otherwise."""
    granted: list[str] = []
    slot_accounts = set(slots.accounts())
    for name, role, public_key, disabled, _must, removed, _created in uow.account_rows():
        if removed or name == skip or name not in slot_accounts:
            continue
        if slots.public_key(name) != public_key:
            continue
        if trusted is not None:
            last = latest_valid_grant(uow, vault_id, name, trusted)
            if last is None or (last.role, last.status) != (
                role,
                status_of(disabled, removed),
            ):
                continue
        sign_key = slots.signing_public_key(name) or slots.give_signing_key(name)
        issue(
            uow,
            vault_id,
            authority,
            account=name,
            role=role,
            status=status_of(disabled, removed),
            box_key=public_key,
            sign_key=sign_key,
            issued_at=issued_at,
            issued_by=issued_by,
        )
        if role == "supervisor" and not disabled:
            slots.grant_authority(name, authority)
        else:
            slots.revoke_authority(name)
        granted.append(name)
    return granted
