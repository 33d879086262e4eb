"""What is signed, byte for byte: account grants, audit entries and checkpoints (Ed25519).

Every account can decrypt the vault, so a hash chain alone stops only honest mistakes: an
operator with the data key can edit the database and recompute every hash.  Signatures are
what an operator cannot recompute:

* the **vault authority** key (Ed25519), whose private half is sealed only to supervisors'
  key slots, signs every **account grant**: name, role, status and the account's public keys,
  with a version.  A login checks the grant of the account logging in; an operator who
  promotes themselves in the database has no grant that says so;
* every **audit entry** is signed by the acting account's own Ed25519 key over its chain hash,
  which covers every entry before it: deleting or editing an entry changes the hashes of all
  later ones, whose signers' keys the editor does not hold;
* a **checkpoint** is the authority's signature over the chain head, made at a supervisor's
  login and on demand (``resdesk audit checkpoint``); kept off the PC, it shows a history cut
  back or rolled back to before it.

The messages, so that the ward can check them with OpenSSL or Python's ``cryptography``:

* grant: ``b"resdesk-grant-v1\\n" + canonical`` where ``canonical`` is the UTF-8 JSON of
  ``{"account","box_key","issued_at","issued_by","issuer","role","sign_key","status","vault",
  "version"}``
  with keys sorted, no spaces, not ASCII-escaped; keys as base64 of the raw 32 bytes;
* audit entry: ``b"resdesk-audit-v1\\n" + hash`` (the entry's 64 lower-case hex digits);
* checkpoint: ``b"resdesk-checkpoint-v1\\n" + vault + "\\n" + str(seq) + "\\n" + hash``.

Signatures are raw Ed25519 (64 bytes), stored and exported as base64.  A grant is *issued*
by the authority, or *self-issued* by the account itself when it changes its password (new
keys): then it is signed by the account's previous signing key and may change nothing but
the keys.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = [
    "AuditSigner",
    "Grant",
    "audit_message",
    "b64",
    "checkpoint_message",
    "grant_message",
    "public_bytes",
    "sign",
    "verify",
]

GRANT_PREFIX = b"resdesk-grant-v1\n"
AUDIT_PREFIX = b"resdesk-audit-v1\n"
CHECKPOINT_PREFIX = b"resdesk-checkpoint-v1\n"

ISSUER_AUTHORITY = "authority"
ISSUER_ACCOUNT = "account"

STATUS_ACTIVE = "active"
STATUS_DISABLED = "disabled"
STATUS_REMOVED = "removed"


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def unb64(text: str) -> bytes | None:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None


def public_bytes(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class Grant:
    """What the vault authority (or, for new keys, the account itself) vouches for."""

    vault: str
    account: str
    version: int
    role: str
    status: str
    box_key: bytes  # X25519 public key: the data key is sealed to it
    sign_key: bytes  # Ed25519 public key: the account's audit entries verify with it
    issued_at: str
    issued_by: str  # the supervisor (or, for a self-issued grant, the account) who asked
    issuer: str = ISSUER_AUTHORITY  # who signs: the vault authority, or the account's old key
    signature: bytes = b""

    def canonical(self) -> str:
        return json.dumps(
            {
                "account": self.account,
                "box_key": b64(self.box_key),
                "issued_at": self.issued_at,
                "issued_by": self.issued_by,
                "issuer": self.issuer,
                "role": self.role,
                "sign_key": b64(self.sign_key),
                "status": self.status,
                "vault": self.vault,
                "version": self.version,
            },
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )

    @property
    def self_issued(self) -> bool:
        return self.issuer == ISSUER_ACCOUNT

    def to_json(self) -> dict[str, object]:
        return {
            "vault": self.vault,
            "account": self.account,
            "version": self.version,
            "role": self.role,
            "status": self.status,
            "box_key": b64(self.box_key),
            "sign_key": b64(self.sign_key),
            "issued_at": self.issued_at,
            "issued_by": self.issued_by,
            "issuer": self.issuer,
            "signature": b64(self.signature),
        }


def grant_message(grant: Grant) -> bytes:
    return GRANT_PREFIX + grant.canonical().encode("utf-8")


def audit_message(entry_hash: str) -> bytes:
    return AUDIT_PREFIX + entry_hash.encode("ascii")


def checkpoint_message(vault: str, seq: int, entry_hash: str) -> bytes:
    return CHECKPOINT_PREFIX + f"{vault}\n{seq}\n{entry_hash}".encode()


def sign(key: Ed25519PrivateKey, message: bytes) -> bytes:
    return key.sign(message)


def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    """True when ``signature`` is ``public_key``'s over ``message``; never raises."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class AuditSigner:
    """The acting account's signing key, handed to the store so every entry it appends in
    that account's name is signed."""

    account: str
    key: Ed25519PrivateKey

    def sign_entry(self, entry_hash: str) -> str:
        return b64(self.key.sign(audit_message(entry_hash)))


def grant_problem(grant: Grant, previous: Grant | None, authority_key: bytes | None) -> str | None:
    """Why ``grant`` cannot be trusted, or None.

    ``previous`` is the same account's grant of the version before (None for version 1).
    An issued grant verifies with the authority key; a self-issued one with ``previous``'s
    signing key, and must keep its role and status.
    """
    if grant.self_issued:
        if previous is None or previous.version != grant.version - 1:
            return "a self-issued grant without the grant before it"
        if (previous.role, previous.status) != (grant.role, grant.status):
            return "a self-issued grant changes the role or status"
        if not verify(previous.sign_key, grant.signature, grant_message(grant)):
            return "the self-issued grant's signature does not verify"
        return None
    if authority_key is None:
        return "the vault has no authority key"
    if not verify(authority_key, grant.signature, grant_message(grant)):
        return "the grant's signature does not verify with the vault authority key"
    return None
