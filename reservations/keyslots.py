"""Key slots: how each staff account's password unlocks the vault's data key.

The SQLCipher database is opened with a random 256-bit *data key* (used as a raw key, so
SQLCipher's own password KDF is not involved).  Nobody types that key.  Instead every account
has a *key slot* in a small JSON sidecar next to the database (database path + ``".keys"``):

* each account owns an X25519 key pair;
* its private key is wrapped (AES-256-GCM) under a key derived from the account's password
  with argon2id, using a per-slot random salt and per-slot argon2 parameters (so the cost can
  be raised later, slot by slot, when a password is next changed);
* the data key is *sealed* to the account's public key (ephemeral X25519, HKDF-SHA256,
  AES-256-GCM).  Sealing needs only public keys, which is what lets a supervisor replace the
  data key and re-seal it to every account without knowing anyone's password.

Every AES-GCM use carries associated data naming the file format, the purpose, the vault id,
the account and the public key involved, so a slot copied to another account, another vault
or another purpose fails to decrypt instead of silently working.

What this file does *not* protect: anybody who can write the sidecar can delete slots, edit
``extra`` (which is stored in clear and unauthenticated) or replace a slot's public key so
that a later ``reseal_all`` seals the data key to a key they hold.  The sidecar is only as
safe as the directory it lives in; access control of that directory is the defence there.

Memory hygiene limits (CPython): passwords and keys are kept in ``bytearray`` where we control
the buffer and zeroed after use, but copies we cannot reach remain until the allocator reuses
them: the caller's ``str`` (immutable), the temporary ``bytes`` that encoding produces, the
copy ``argon2-cffi`` makes of the secret (its API only takes ``bytes``), and the ``bytes``
results of ``cryptography`` (derived keys, shared secrets, decrypted private keys).  Wiping
reduces the number and lifetime of copies; it cannot guarantee none survive.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import copy
import dataclasses
import errno
import json
import os
import secrets
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import filelock
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reservations.errors import (
    AuthenticationFailed,
    Conflict,
    DiskFull,
    IntegrityFailed,
    InvalidInput,
    KeyFileCorrupt,
    NotFound,
    RecoveryKeyInvalid,
    StorageError,
    VaultBusy,
    VaultExists,
    VaultMissing,
    VaultReadOnly,
    VaultTooNew,
)
from reservations.signatures import public_bytes

__all__ = [
    "DEFAULT_KDF",
    "TEST_KDF",
    "AccountKeys",
    "KdfParams",
    "KeySlotFile",
    "generate_data_key",
    "parse_recovery_key",
    "recovery_sheet_groups",
]

DATA_KEY_BYTES = 32
_X25519_KEY_BYTES = 32
_SALT_BYTES = 16
_NONCE_BYTES = 12
_GCM_TAG_BYTES = 16
_SEALED_INFO = b"resdesk data key v1"
_PURPOSE_WRAP = "wrap-private-key"
# A slot with a pin wraps its private key under this purpose instead: removing the pin from
# the file (to have the next login trust another authority) then breaks the wrap, which only
# the account's password could redo.
_PURPOSE_WRAP_PINNED = "wrap-private-key-pinned"
_PURPOSE_SEAL = "seal-data-key"
_PURPOSE_SIGNING = "seal-signing-key"
_PURPOSE_AUTHORITY = "seal-authority-key"
_PURPOSE_PIN = "pin-authority-key"
Sealed = tuple[bytes, bytes, bytes]  # (ephemeral X25519 public key, nonce, ciphertext)

# A key file holds a few hundred bytes per account plus ``extra``; anything far larger is not a
# key file, and refusing it early avoids reading an arbitrary huge file into memory.
_MAX_FILE_BYTES = 16 * 1024 * 1024

# Upper bounds on argon2 parameters read from a file: a damaged or hostile file must not be
# able to make the login screen allocate many GiB or spin for minutes.  They leave ample room
# to raise the defaults for years (4 GiB, 64 passes).
_MAX_MEMORY_KIB = 4 * 1024 * 1024
_MAX_TIME_COST = 64
_MAX_PARALLELISM = 64

_AUTH_FAILED_MESSAGE = "The account name or password is wrong."
_LEGACY_FAILURES_KEY = "failures"

# How long a change of the key file waits for another seat's change to finish.  Changes take
# milliseconds; a rekey of a large vault holds the lock for as long as re-encryption takes.
LOCK_TIMEOUT_S = 30.0


def lock_file_path(keys_path: Path) -> Path:
    """The lock file beside ``NAME.keys``: it holds no data, only the operating system's lock."""
    return keys_path.with_name(keys_path.name + ".lock")


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost parameters of one slot (stored in the slot, so each slot can differ)."""

    time_cost: int
    memory_cost_kib: int
    parallelism: int

    def __post_init__(self) -> None:
        # bool is an int subclass; ``True`` as a cost is always a mistake (or a damaged file).
        for value in (self.time_cost, self.memory_cost_kib, self.parallelism):
            if not isinstance(value, int) or isinstance(value, bool):
                raise ValueError("argon2 parameters must be integers")
        if not 1 <= self.parallelism <= _MAX_PARALLELISM:
            raise ValueError(f"argon2 parallelism must be between 1 and {_MAX_PARALLELISM}")
        if not 1 <= self.time_cost <= _MAX_TIME_COST:
            raise ValueError(f"argon2 time_cost must be between 1 and {_MAX_TIME_COST}")
        # argon2 itself rejects less than 8 KiB per lane.
        if not 8 * self.parallelism <= self.memory_cost_kib <= _MAX_MEMORY_KIB:
            raise ValueError("argon2 memory_cost_kib is out of range for this parallelism")


# Measured on the development machine (2 cores, CPython 3.11, argon2-cffi 25.1): argon2id with
# 256 MiB and 2 lanes takes ~0.10 s per pass; time_cost=3 measured 0.31-0.39 s (too close to
# the 0.3 s floor), time_cost=4 measured 0.39-0.40 s per unlock, so that is the default.
# Raise time_cost (not memory) first if machines get faster: memory is what the reception PCs
# are shortest of.
DEFAULT_KDF = KdfParams(time_cost=4, memory_cost_kib=262144, parallelism=2)

# ONLY for tests: deliberately trivial so test suites stay fast.  Production code never passes
# it; every public function defaults to DEFAULT_KDF.
TEST_KDF = KdfParams(time_cost=1, memory_cost_kib=8, parallelism=1)


@dataclass(frozen=True)
class AuthorityPin:
    """The vault authority's public key (and where signing began) as this account's own
    password sealed them: the trust root an insider with the data key cannot rewrite, since
    only the account's password-derived key makes or opens a pin."""

    key: bytes
    signed_from: int


@dataclass(frozen=True)
class AccountKeys:
    """What a successful unlock yields; the caller wipes ``data_key`` when done with it."""

    account: str
    private_key: X25519PrivateKey
    data_key: bytearray
    # The data key of a key rotation that was prepared but maybe not finished (see
    # ``reservations.rekey``); None when no rotation is pending for this slot.
    pending_data_key: bytearray | None = None
    # The account's Ed25519 key: it signs the account's audit entries (None in a slot made
    # before signatures existed, until a supervisor's login gives it one).
    signing_key: Ed25519PrivateKey | None = None
    # The vault authority's Ed25519 key: sealed to supervisors' slots only; it signs grants.
    authority_key: Ed25519PrivateKey | None = None
    # The slot's pin (None: not pinned yet), and the password-derived key that makes a new
    # one during this session (kept like the private key, wiped with the process).
    pin: AuthorityPin | None = None
    pin_key: bytes | None = field(default=None, repr=False)


@dataclass
class _Slot:
    """One account's slot, binary fields already decoded."""

    account: str
    public_key: bytes
    kdf: KdfParams
    salt: bytes
    wrap_nonce: bytes
    wrap_ciphertext: bytes
    ephemeral_public_key: bytes
    seal_nonce: bytes
    seal_ciphertext: bytes
    # (ephemeral public key, nonce, ciphertext) of the data key a rotation is moving to.
    pending: tuple[bytes, bytes, bytes] | None = None
    # The Ed25519 signing key: its public half, and its private half sealed to ``public_key``.
    signing_public_key: bytes | None = None
    sealed_signing_key: Sealed | None = None
    # A supervisor's copy of the vault authority's private key, sealed to ``public_key``.
    sealed_authority_key: Sealed | None = None
    # (nonce, ciphertext) of the AuthorityPin, AES-GCM under the password-derived key.
    pin: tuple[bytes, bytes] | None = None


# --------------------------------------------------------------------------------------------
# Small helpers


def generate_data_key() -> bytearray:
    """A fresh random 256-bit data key, mutable so the caller can wipe it."""
    return bytearray(secrets.token_bytes(DATA_KEY_BYTES))


def _wipe(buffer: bytearray) -> None:
    buffer[:] = bytes(len(buffer))


def _password_bytes(password: bytearray | str) -> bytearray:
    """UTF-8 bytes of the password in a buffer we own and will zero.

    A ``bytearray`` from the caller is copied rather than used directly so that wiping our copy
    never destroys a buffer the caller still needs (and vice versa).
    """
    if isinstance(password, str):
        # bytearray(str, enc) goes through a temporary bytes object we cannot wipe; see the
        # module docstring for these limits.
        return bytearray(password, "utf-8")
    if isinstance(password, bytearray):
        return bytearray(password)
    raise TypeError("password must be str or bytearray")


def _check_account_name(account: str) -> None:
    if not isinstance(account, str) or not account or account != account.strip():
        raise InvalidInput(
            "The account name must not be empty or start or end with a space.", field="account"
        )


def _check_data_key(data_key: bytes | bytearray) -> None:
    # A data key of the wrong length is a programming error, not something a user typed.
    if not isinstance(data_key, (bytes, bytearray)) or len(data_key) != DATA_KEY_BYTES:
        raise ValueError(f"the data key must be {DATA_KEY_BYTES} bytes")


def _aad(purpose: str, vault_id: str, account: str, *parts: bytes) -> bytes:
    """Associated data binding a ciphertext to format, purpose, vault, account and keys.

    JSON of a list is an unambiguous encoding (no field can run into the next), which a plain
    concatenation of free-form names would not be.
    """
    fields: list[str | int] = [KeySlotFile.FORMAT, KeySlotFile.VERSION, purpose, vault_id, account]
    fields.extend(base64.b64encode(part).decode("ascii") for part in parts)
    return json.dumps(fields, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _derive_wrap_key(password: bytearray, salt: bytes, kdf: KdfParams) -> bytes:
    return hash_secret_raw(
        bytes(password),  # argon2-cffi accepts only bytes: an unavoidable, unwipeable copy
        salt,
        kdf.time_cost,
        kdf.memory_cost_kib,
        kdf.parallelism,
        32,
        Type.ID,
    )


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _raw_private(key: X25519PrivateKey | Ed25519PrivateKey) -> bytearray:
    """The raw 32 private bytes (an X25519 key, or an Ed25519 seed) in a buffer to wipe."""
    return bytearray(
        key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
    )


def _seal_key(shared_secret: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_SEALED_INFO).derive(
        shared_secret
    )


# --------------------------------------------------------------------------------------------
# Recovery sheet


_HEX = "0123456789ABCDEF"
_GROUP_DIGITS = 4
_GROUPS = 2 * DATA_KEY_BYTES // _GROUP_DIGITS
_GROUPS_PER_LINE = 4


def _group_check(group_index: int, digits: str) -> str:
    """The check character of one sheet group: Luhn mod 16 over the group's number and digits.

    Luhn mod N catches every single mistyped character and nearly every swap of two
    neighbours within the group; folding the group's position in also catches a whole group typed on
    the wrong line.
    """
    total = 0
    codes = [group_index % 16, *(_HEX.index(ch) for ch in digits)]
    for position, code in enumerate(reversed(codes)):
        if position % 2 == 0:
            code *= 2
            code = code // 16 + code % 16
        total += code
    return _HEX[(16 - total % 16) % 16]


def recovery_sheet_groups(data_key: bytes | bytearray) -> str:
    """The data key as 16 groups of 4 hex digits plus a check character, 4 groups a line.

    Upper case because it is read aloud and typed back from paper: fewer look-alikes.  The
    fifth character of each group lets ``parse_recovery_key`` name the group that was
    mistyped instead of only saying that the key does not open the vault.
    """
    _check_data_key(data_key)
    digits = data_key.hex().upper()
    groups = [
        digits[i : i + _GROUP_DIGITS] + _group_check(i // _GROUP_DIGITS, digits[i : i + 4])
        for i in range(0, len(digits), _GROUP_DIGITS)
    ]
    return "\n".join(
        " ".join(groups[i : i + _GROUPS_PER_LINE]) for i in range(0, len(groups), _GROUPS_PER_LINE)
    )


# Separators people type between groups.  Japanese IMEs readily produce full-width or
# katakana long-vowel marks instead of an ASCII hyphen, so those count as separators too.
_RECOVERY_SEPARATORS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70")
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def parse_recovery_key(text: str) -> bytes:
    """Read a recovery key back from the sheet's text.

    Spaces, newlines and hyphens are ignored, case does not matter, and full-width characters
    (as a Japanese IME may produce) are folded to ASCII.  A sheet printed today has 80
    characters (16 groups of 4 digits and a check character); one printed before check
    characters existed has 64 and is read without checks.  A group whose check character does
    not match is named by its line and position.
    """
    folded = unicodedata.normalize("NFKC", text)
    digits = "".join(ch for ch in folded if not ch.isspace() and ch not in _RECOVERY_SEPARATORS)
    checked = _GROUPS * (_GROUP_DIGITS + 1)
    if len(digits) not in (2 * DATA_KEY_BYTES, checked) or not set(digits) <= _HEX_DIGITS:
        raise RecoveryKeyInvalid(
            f"The recovery key must be {checked} characters (0-9, A-F) as printed on the "
            f"sheet; {len(digits)} characters other than spaces and hyphens were entered.",
            length=len(digits),
        )
    digits = digits.upper()
    if len(digits) == 2 * DATA_KEY_BYTES:
        return bytes.fromhex(digits)
    key_digits = []
    for index in range(_GROUPS):
        group = digits[index * 5 : index * 5 + 5]
        if _group_check(index, group[:4]) != group[4]:
            line, position = divmod(index, _GROUPS_PER_LINE)
            raise RecoveryKeyInvalid(
                f"Group {position + 1} on line {line + 1} of the recovery key is mistyped; "
                "compare it with the sheet.",
                line=line + 1,
                group=position + 1,
            )
        key_digits.append(group[:4])
    return bytes.fromhex("".join(key_digits))


# --------------------------------------------------------------------------------------------
# JSON decoding helpers: every problem becomes one KeyFileCorrupt sentence.


def _corrupt(what: str) -> NoReturn:
    # ``from None`` even when called inside an ``except`` block: the user needs this sentence,
    # not a chained traceback of the parser or base64 error that led to it.
    raise KeyFileCorrupt(
        f"The key file is damaged: {what}. Restore it from a backup, or open the vault with "
        "the recovery sheet ('resdesk recover --sheet'), which writes a new one."
    ) from None


def _field(obj: Mapping[str, object], name: str, where: str) -> object:
    if name not in obj:
        _corrupt(f"{where} has no '{name}' field")
    return obj[name]


def _obj(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        _corrupt(f"{where} is not a JSON object")
    return value


def _str(value: object, where: str) -> str:
    if not isinstance(value, str) or not value:
        _corrupt(f"{where} is not a non-empty string")
    return value


def _int(value: object, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        _corrupt(f"{where} is not an integer")
    return value


def _b64(value: object, where: str, length: int) -> bytes:
    text = _str(value, where)
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        _corrupt(f"{where} is not valid base64")
    if len(raw) != length:
        _corrupt(f"{where} has the wrong length")
    return raw


def _b64e(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _decode_slot(value: object, index: int) -> _Slot:
    where = f"slot {index + 1}"
    slot = _obj(value, where)
    account = _str(_field(slot, "account", where), f"{where} account")
    kdf_obj = _obj(_field(slot, "kdf", where), f"{where} kdf")
    algorithm = _field(kdf_obj, "algorithm", f"{where} kdf")
    if algorithm != "argon2id":
        _corrupt(f"{where} uses an unknown key derivation algorithm")
    try:
        kdf = KdfParams(
            time_cost=_int(_field(kdf_obj, "time_cost", f"{where} kdf"), f"{where} time_cost"),
            memory_cost_kib=_int(
                _field(kdf_obj, "memory_cost_kib", f"{where} kdf"), f"{where} memory_cost_kib"
            ),
            parallelism=_int(
                _field(kdf_obj, "parallelism", f"{where} kdf"), f"{where} parallelism"
            ),
        )
    except ValueError:
        _corrupt(f"{where} has argon2 parameters out of range")
    wrapped = _obj(_field(slot, "wrapped_private_key", where), f"{where} wrapped_private_key")
    sealed = _obj(_field(slot, "sealed_data_key", where), f"{where} sealed_data_key")
    ciphertext_len = 32 + _GCM_TAG_BYTES
    pending: tuple[bytes, bytes, bytes] | None = None
    if "pending_sealed_data_key" in slot:
        label = f"{where} pending_sealed_data_key"
        sealed_new = _obj(slot["pending_sealed_data_key"], label)
        pending = (
            _b64(_field(sealed_new, "ephemeral_public_key", label), label, _X25519_KEY_BYTES),
            _b64(_field(sealed_new, "nonce", label), label, _NONCE_BYTES),
            _b64(_field(sealed_new, "ciphertext", label), label, ciphertext_len),
        )
    signing_public: bytes | None = None
    sealed_signing: Sealed | None = None
    sealed_authority: Sealed | None = None
    if "signing_key" in slot:
        label = f"{where} signing_key"
        signing = _obj(slot["signing_key"], label)
        signing_public = _b64(_field(signing, "public_key", label), label, 32)
        sealed_signing = _decode_sealed(_field(signing, "sealed", label), label)
    if "sealed_authority_key" in slot:
        sealed_authority = _decode_sealed(
            slot["sealed_authority_key"], f"{where} sealed_authority_key"
        )
    pin: tuple[bytes, bytes] | None = None
    if "authority_pin" in slot:
        label = f"{where} authority_pin"
        pinned = _obj(slot["authority_pin"], label)
        nonce = _b64(_field(pinned, "nonce", label), label, _NONCE_BYTES)
        ciphertext_text = _str(_field(pinned, "ciphertext", label), label)
        try:
            ciphertext = base64.b64decode(ciphertext_text.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            _corrupt(f"{label} is not valid base64")
        if not 0 < len(ciphertext) <= 4096:
            _corrupt(f"{label} has the wrong length")
        pin = (nonce, ciphertext)
    return _Slot(
        account=account,
        signing_public_key=signing_public,
        sealed_signing_key=sealed_signing,
        sealed_authority_key=sealed_authority,
        pin=pin,
        public_key=_b64(_field(slot, "public_key", where), f"{where} public_key", 32),
        kdf=kdf,
        salt=_b64(_field(kdf_obj, "salt", f"{where} kdf"), f"{where} salt", _SALT_BYTES),
        wrap_nonce=_b64(
            _field(wrapped, "nonce", f"{where} wrapped_private_key"),
            f"{where} wrapped_private_key nonce",
            _NONCE_BYTES,
        ),
        wrap_ciphertext=_b64(
            _field(wrapped, "ciphertext", f"{where} wrapped_private_key"),
            f"{where} wrapped_private_key ciphertext",
            ciphertext_len,
        ),
        ephemeral_public_key=_b64(
            _field(sealed, "ephemeral_public_key", f"{where} sealed_data_key"),
            f"{where} ephemeral_public_key",
            _X25519_KEY_BYTES,
        ),
        seal_nonce=_b64(
            _field(sealed, "nonce", f"{where} sealed_data_key"),
            f"{where} sealed_data_key nonce",
            _NONCE_BYTES,
        ),
        seal_ciphertext=_b64(
            _field(sealed, "ciphertext", f"{where} sealed_data_key"),
            f"{where} sealed_data_key ciphertext",
            ciphertext_len,
        ),
        pending=pending,
    )


def _decode_sealed(value: object, label: str) -> Sealed:
    sealed = _obj(value, label)
    return (
        _b64(_field(sealed, "ephemeral_public_key", label), label, _X25519_KEY_BYTES),
        _b64(_field(sealed, "nonce", label), label, _NONCE_BYTES),
        _b64(_field(sealed, "ciphertext", label), label, 32 + _GCM_TAG_BYTES),
    )


def _encode_sealed(sealed: Sealed) -> dict[str, str]:
    ephemeral, nonce, ciphertext = sealed
    return {
        "ephemeral_public_key": _b64e(ephemeral),
        "nonce": _b64e(nonce),
        "ciphertext": _b64e(ciphertext),
    }


def _encode_slot(slot: _Slot) -> dict[str, object]:
    encoded: dict[str, object] = {
        "account": slot.account,
        "public_key": _b64e(slot.public_key),
        "kdf": {
            "algorithm": "argon2id",
            "time_cost": slot.kdf.time_cost,
            "memory_cost_kib": slot.kdf.memory_cost_kib,
            "parallelism": slot.kdf.parallelism,
            "salt": _b64e(slot.salt),
        },
        "wrapped_private_key": {
            "nonce": _b64e(slot.wrap_nonce),
            "ciphertext": _b64e(slot.wrap_ciphertext),
        },
        "sealed_data_key": {
            "ephemeral_public_key": _b64e(slot.ephemeral_public_key),
            "nonce": _b64e(slot.seal_nonce),
            "ciphertext": _b64e(slot.seal_ciphertext),
        },
    }
    if slot.pending is not None:
        encoded["pending_sealed_data_key"] = _encode_sealed(slot.pending)
    if slot.signing_public_key is not None and slot.sealed_signing_key is not None:
        encoded["signing_key"] = {
            "public_key": _b64e(slot.signing_public_key),
            "sealed": _encode_sealed(slot.sealed_signing_key),
        }
    if slot.sealed_authority_key is not None:
        encoded["sealed_authority_key"] = _encode_sealed(slot.sealed_authority_key)
    if slot.pin is not None:
        encoded["authority_pin"] = {"nonce": _b64e(slot.pin[0]), "ciphertext": _b64e(slot.pin[1])}
    return encoded


def _storage_error(exc: OSError, action: str) -> StorageError:
    """Map an OS error while writing the key file to the storage error a user can act on."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFull(f"The key file could not be {action}: the disk is full.")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return VaultReadOnly(f"The key file could not be {action}: the folder is not writable.")
    return StorageError(
        f"The key file could not be {action}: {exc.strerror or 'operating system error'}."
    )


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to fsync."""
    flag = getattr(os, "O_DIRECTORY", None)
    if flag is None:
        return
    fd = os.open(directory, os.O_RDONLY | flag)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --------------------------------------------------------------------------------------------


class KeySlotFile:
    """The versioned JSON sidecar holding one key slot per account.

    Changes are made in memory and written by ``save``; nothing touches the disk before that.
    Every change is made inside ``locked()``: it takes the vault's key-file lock (a separate
    ``NAME.keys.lock`` file, through ``filelock``, which works alike on Linux and Windows),
    re-reads the file and only then lets the caller change and save it, so two seats (or a
    rekey and an account change) never overwrite each other's slots.  ``extra`` is a small
    JSON-serialisable dict persisted alongside (the demo marker); it is stored in clear and is
    not authenticated.  Failed-login counters live in a file of their own (``lockout``), so
    this file, which holds key material, is written only when accounts or keys change.
    """

    FORMAT = "resdesk-keyslots"
    VERSION = 1

    def __init__(
        self,
        path: Path,
        vault_id: str,
        slots: list[_Slot],
        extra: dict[str, object],
        loaded_bytes: bytes | None,
    ) -> None:
        self._path = Path(path)
        self._vault_id = vault_id
        self._slots: dict[str, _Slot] = {slot.account: slot for slot in slots}
        self.extra: dict[str, object] = extra
        # What the file held when we last read or wrote it (None: we created it).  Used by
        # ``save`` to notice that another session rewrote the file in between.
        self._on_disk: bytes | None = loaded_bytes
        self._lock = filelock.FileLock(lock_file_path(self._path), timeout=LOCK_TIMEOUT_S)
        self._replacing_damaged = False

    # -- construction ----------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, vault_id: str) -> KeySlotFile:
        """A new, empty key file in memory; refuses if a file already exists at ``path``."""
        path = Path(path)
        if not isinstance(vault_id, str) or not vault_id:
            raise ValueError("vault_id must be a non-empty string")
        if os.path.lexists(path):
            raise VaultExists(f"A key file already exists at {path}; the vault is not replaced.")
        return cls(path, vault_id, [], {}, None)

    @classmethod
    def replacing_damaged(cls, path: Path, vault_id: str) -> KeySlotFile:
        """A new, empty key file in memory that ``save`` writes over a damaged one.

        Only for recovery with the paper sheet: the damaged file opens nothing, and the
        sheet's key is sealed anew to the accounts kept.
        """
        path = Path(path)
        try:
            with open(path, "rb") as handle:
                raw = handle.read(_MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise _storage_error(exc, "replaced") from None
        created = cls(path, vault_id, [], {}, raw)
        created._replacing_damaged = True
        return created

    @classmethod
    def load(cls, path: Path) -> KeySlotFile:
        """Read and validate the key file; never modifies it."""
        path = Path(path)
        try:
            with open(path, "rb") as handle:
                raw = handle.read(_MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise VaultMissing(
                f"There is no key file at {path}; the vault was not created or was moved."
            ) from None
        except IsADirectoryError:
            raise KeyFileCorrupt(f"The key file {path} is a folder, not a file.") from None
        except OSError as exc:
            raise StorageError(
                f"The key file {path} could not be read: "
                f"{exc.strerror or 'operating system error'}."
            ) from None
        if len(raw) > _MAX_FILE_BYTES:
            _corrupt("it is far too large to be a key file")
        return cls._parse(path, raw)

    @classmethod
    def _parse(cls, path: Path, raw: bytes) -> KeySlotFile:
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            # ``from None``: the user needs the sentence, not the parser's traceback.
            _corrupt("it is not valid JSON")
        top = _obj(document, "the file")
        if top.get("format") != cls.FORMAT:
            _corrupt("it is not a Reservation Desk key file")
        version = _int(_field(top, "version", "the file"), "the version")
        if version > cls.VERSION:
            raise VaultTooNew(
                "The key file was written by a newer version of Reservation Desk; "
                "update the application to open this vault."
            )
        if version != cls.VERSION:
            _corrupt("its version number is invalid")
        vault_id = _str(_field(top, "vault_id", "the file"), "the vault id")
        slot_list = _field(top, "slots", "the file")
        if not isinstance(slot_list, list):
            _corrupt("'slots' is not a list")
        slots = [_decode_slot(item, index) for index, item in enumerate(slot_list)]
        if len({slot.account for slot in slots}) != len(slots):
            _corrupt("an account has more than one slot")
        # ``extra`` is tolerated when absent: it only carries auxiliary state.
        extra = _obj(top.get("extra", {}), "'extra'")
        return cls(path, vault_id, slots, extra, raw)

    # -- read-only views -------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def vault_id(self) -> str:
        return self._vault_id

    def accounts(self) -> list[str]:
        return list(self._slots)

    def _slot(self, account: str) -> _Slot:
        slot = self._slots.get(account)
        if slot is None:
            raise NotFound("This account has no key slot.")
        return slot

    def public_key(self, account: str) -> bytes:
        return self._slot(account).public_key

    def kdf_params(self, account: str) -> KdfParams:
        return self._slot(account).kdf

    # -- slot crypto -----------------------------------------------------------------------

    def _wrap(
        self,
        account: str,
        private_raw: bytearray,
        public_raw: bytes,
        password: bytearray,
        kdf: KdfParams,
    ) -> tuple[bytes, bytes, bytes, bytes]:
        """Wrap the raw private key under the password; returns (salt, nonce, ciphertext,
        the password-derived key, for a pin)."""
        salt = secrets.token_bytes(_SALT_BYTES)
        nonce = secrets.token_bytes(_NONCE_BYTES)
        wrap_key = _derive_wrap_key(password, salt, kdf)
        aad = _aad(_PURPOSE_WRAP, self._vault_id, account, public_raw)
        ciphertext = AESGCM(wrap_key).encrypt(nonce, bytes(private_raw), aad)
        return salt, nonce, ciphertext, wrap_key

    def _rewrap_pinned(self, slot: _Slot, wrap_key: bytes, private_key: X25519PrivateKey) -> None:
        """Wrap the slot's private key again under the *pinned* purpose (same password)."""
        private_raw = _raw_private(private_key)
        try:
            nonce = secrets.token_bytes(_NONCE_BYTES)
            aad = _aad(_PURPOSE_WRAP_PINNED, self._vault_id, slot.account, slot.public_key)
            slot.wrap_ciphertext = AESGCM(wrap_key).encrypt(nonce, bytes(private_raw), aad)
            slot.wrap_nonce = nonce
        finally:
            _wipe(private_raw)

    def _seal_pin(
        self, account: str, public_raw: bytes, pin_key: bytes, pin: AuthorityPin
    ) -> tuple[bytes, bytes]:
        nonce = secrets.token_bytes(_NONCE_BYTES)
        plain = json.dumps(
            {"key": _b64e(pin.key), "signed_from": pin.signed_from}, separators=(",", ":")
        ).encode("ascii")
        aad = _aad(_PURPOSE_PIN, self._vault_id, account, public_raw)
        return nonce, AESGCM(pin_key).encrypt(nonce, plain, aad)

    def _open_pin(self, slot: _Slot, pin_key: bytes) -> AuthorityPin | None:
        if slot.pin is None:
            return None
        aad = _aad(_PURPOSE_PIN, self._vault_id, slot.account, slot.public_key)
        try:
            document = json.loads(AESGCM(pin_key).decrypt(slot.pin[0], slot.pin[1], aad))
            key = base64.b64decode(str(document["key"]).encode("ascii"), validate=True)
            signed_from = document["signed_from"]
        except (InvalidTag, ValueError, KeyError, TypeError, binascii.Error):
            # Only this account's password makes a pin: one that does not open was altered.
            _corrupt("this account's record of the vault authority was altered")
        if len(key) != 32 or not isinstance(signed_from, int):
            _corrupt("this account's record of the vault authority was altered")
        return AuthorityPin(key, signed_from)

    def set_pin(self, keys: AccountKeys, pin: AuthorityPin) -> AccountKeys:
        """Record ``pin`` in the account's slot (the session's password-derived key seals it);
        returns ``keys`` with the pin."""
        if keys.pin_key is None:
            raise ValueError("no password-derived key in this session to seal a pin")
        slot = self._slot(keys.account)
        slot.pin = self._seal_pin(keys.account, slot.public_key, keys.pin_key, pin)
        self._rewrap_pinned(slot, keys.pin_key, keys.private_key)
        return dataclasses.replace(keys, pin=pin)

    def _seal(
        self,
        account: str,
        public_raw: bytes,
        data_key: bytes | bytearray,
        purpose: str = _PURPOSE_SEAL,
    ) -> tuple[bytes, bytes, bytes]:
        """Seal a 32-byte secret (the data key, or a signing key's seed) to a public key;
        returns (ephemeral public, nonce, ciphertext)."""
        try:
            recipient = X25519PublicKey.from_public_bytes(public_raw)
            ephemeral = X25519PrivateKey.generate()
            shared = ephemeral.exchange(recipient)
        except ValueError:
            # Only a damaged (e.g. low-order) public key in the file gets here.
            _corrupt("an account's public key is invalid")
        ephemeral_raw = _raw_public(ephemeral.public_key())
        nonce = secrets.token_bytes(_NONCE_BYTES)
        aad = _aad(purpose, self._vault_id, account, public_raw, ephemeral_raw)
        ciphertext = AESGCM(_seal_key(shared)).encrypt(nonce, bytes(data_key), aad)
        return ephemeral_raw, nonce, ciphertext

    def _unseal(
        self,
        slot: _Slot,
        private_key: X25519PrivateKey,
        sealed: tuple[bytes, bytes, bytes] | None = None,
        purpose: str = _PURPOSE_SEAL,
    ) -> bytearray:
        what = {
            _PURPOSE_SEAL: "copy of the data key",
            _PURPOSE_SIGNING: "signing key",
            _PURPOSE_AUTHORITY: "copy of the vault authority key",
        }[purpose]
        damaged = KeyFileCorrupt(
            f"The key file is damaged: this account's {what} cannot be decrypted."
        )
        ephemeral, nonce, ciphertext = sealed or (
            slot.ephemeral_public_key,
            slot.seal_nonce,
            slot.seal_ciphertext,
        )
        try:
            peer = X25519PublicKey.from_public_bytes(ephemeral)
            shared = private_key.exchange(peer)
            aad = _aad(purpose, self._vault_id, slot.account, slot.public_key, ephemeral)
            plain = AESGCM(_seal_key(shared)).decrypt(nonce, ciphertext, aad)
        except (InvalidTag, ValueError):
            raise damaged from None
        if len(plain) != DATA_KEY_BYTES:
            raise damaged
        return bytearray(plain)

    # -- mutations -------------------------------------------------------------------------

    def add_account(
        self,
        account: str,
        password: bytearray | str,
        data_key: bytes | bytearray,
        kdf: KdfParams = DEFAULT_KDF,
        *,
        pin: AuthorityPin | None = None,
    ) -> bytes:
        """Give ``account`` a new key pair and slot; returns the raw 32-byte public key.

        ``pin``: the vault authority as the caller (a supervisor, who chose the initial
        password) trusts it, sealed under the new password."""
        _check_account_name(account)
        _check_data_key(data_key)
        if account in self._slots:
            raise Conflict("This account already has a key slot.")
        slot, _private_key, _wrap_key = self._new_slot(account, password, data_key, kdf, pin)
        self._slots[account] = slot
        return slot.public_key

    def _new_slot(
        self,
        account: str,
        password: bytearray | str,
        data_key: bytes | bytearray,
        kdf: KdfParams,
        pin: AuthorityPin | None = None,
    ) -> tuple[_Slot, X25519PrivateKey, bytes]:
        secret = _password_bytes(password)
        if not secret:
            raise InvalidInput("The password must not be empty.", field="password")
        private_key = X25519PrivateKey.generate()
        private_raw = _raw_private(private_key)
        public_raw = _raw_public(private_key.public_key())
        try:
            salt, wrap_nonce, wrap_ct, wrap_key = self._wrap(
                account, private_raw, public_raw, secret, kdf
            )
        finally:
            _wipe(secret)
            _wipe(private_raw)
        ephemeral_raw, seal_nonce, seal_ct = self._seal(account, public_raw, data_key)
        signing = Ed25519PrivateKey.generate()
        seed = _raw_private(signing)
        try:
            sealed_signing = self._seal(account, public_raw, seed, _PURPOSE_SIGNING)
        finally:
            _wipe(seed)
        slot = _Slot(
            signing_public_key=public_bytes(signing),
            sealed_signing_key=sealed_signing,
            account=account,
            public_key=public_raw,
            kdf=kdf,
            salt=salt,
            wrap_nonce=wrap_nonce,
            wrap_ciphertext=wrap_ct,
            ephemeral_public_key=ephemeral_raw,
            seal_nonce=seal_nonce,
            seal_ciphertext=seal_ct,
        )
        if pin is not None:
            slot.pin = self._seal_pin(account, public_raw, wrap_key, pin)
            self._rewrap_pinned(slot, wrap_key, private_key)
        return slot, private_key, wrap_key

    def replace_account(
        self,
        account: str,
        password: bytearray | str,
        data_key: bytes | bytearray,
        kdf: KdfParams = DEFAULT_KDF,
        *,
        pin: AuthorityPin | None = None,
    ) -> bytes:
        """A new key pair and slot for an existing account (a supervisor's password reset).

        The old slot is destroyed, so the forgotten password opens nothing any more.  Returns
        the new raw public key; on failure the old slot stays.
        """
        old = self._slot(account)
        del self._slots[account]
        try:
            return self.add_account(account, password, data_key, kdf=kdf, pin=pin)
        except BaseException:
            self._slots[account] = old
            raise

    def remove_account(self, account: str) -> None:
        """Destroy the account's slot (gone from the file at the next ``save``)."""
        self._slot(account)
        del self._slots[account]

    def unlock(self, account: str, password: bytearray | str) -> AccountKeys:
        """The account's private key and the data key, or AuthenticationFailed.

        Unknown account and wrong password fail identically and take about as long: for an
        unknown account argon2id still runs with realistic parameters on a dummy salt, so
        neither the message nor the timing tells a caller which staff accounts exist.
        """
        secret = _password_bytes(password)
        try:
            slot = self._slots.get(account) if isinstance(account, str) else None
            if slot is None:
                first = next(iter(self._slots.values()), None)
                dummy_kdf = first.kdf if first is not None else DEFAULT_KDF
                _derive_wrap_key(secret, secrets.token_bytes(_SALT_BYTES), dummy_kdf)
                raise AuthenticationFailed(_AUTH_FAILED_MESSAGE)
            wrap_key = _derive_wrap_key(secret, slot.salt, slot.kdf)
        finally:
            _wipe(secret)
        expected, other = (
            (_PURPOSE_WRAP_PINNED, _PURPOSE_WRAP)
            if slot.pin is not None
            else (_PURPOSE_WRAP, _PURPOSE_WRAP_PINNED)
        )
        cipher = AESGCM(wrap_key)
        try:
            private_plain = cipher.decrypt(
                slot.wrap_nonce,
                slot.wrap_ciphertext,
                _aad(expected, self._vault_id, slot.account, slot.public_key),
            )
        except InvalidTag:
            try:
                cipher.decrypt(
                    slot.wrap_nonce,
                    slot.wrap_ciphertext,
                    _aad(other, self._vault_id, slot.account, slot.public_key),
                )
            except InvalidTag:
                # A wrong password and a slot moved from another account or vault are
                # indistinguishable here by design; both are "cannot unlock".
                raise AuthenticationFailed(_AUTH_FAILED_MESSAGE) from None
            # The right password, but the pin was removed from (or planted in) the file.
            raise IntegrityFailed(
                f"The key slot of account {slot.account} was edited: its record of the vault "
                "authority was removed or planted outside the application. Nothing was "
                "changed; a supervisor must check the audit log against a checkpoint kept "
                "off this PC."
            ) from None
        private_raw = bytearray(private_plain)
        try:
            private_key = X25519PrivateKey.from_private_bytes(bytes(private_raw))
        except ValueError:
            raise KeyFileCorrupt(
                "The key file is damaged: this account's private key is invalid."
            ) from None
        finally:
            _wipe(private_raw)
        if not secrets.compare_digest(_raw_public(private_key.public_key()), slot.public_key):
            raise KeyFileCorrupt(
                "The key file is damaged: this account's public key does not match its private key."
            )
        data_key = self._unseal(slot, private_key)
        pending: bytearray | None = None
        if slot.pending is not None:
            # A damaged pending copy only matters if the database did move to the new key;
            # the caller then reports the vault as unopenable with the key it has.
            with contextlib.suppress(KeyFileCorrupt):
                pending = self._unseal(slot, private_key, slot.pending)
        return AccountKeys(
            account=slot.account,
            private_key=private_key,
            data_key=data_key,
            pending_data_key=pending,
            signing_key=self._unseal_signing_key(slot, private_key),
            authority_key=self._unseal_authority_key(slot, private_key),
            pin=self._open_pin(slot, wrap_key),
            pin_key=wrap_key,
        )

    def _unseal_signing_key(
        self, slot: _Slot, private_key: X25519PrivateKey
    ) -> Ed25519PrivateKey | None:
        if slot.sealed_signing_key is None or slot.signing_public_key is None:
            return None
        seed = self._unseal(slot, private_key, slot.sealed_signing_key, _PURPOSE_SIGNING)
        try:
            key = Ed25519PrivateKey.from_private_bytes(bytes(seed))
        finally:
            _wipe(seed)
        if not secrets.compare_digest(public_bytes(key), slot.signing_public_key):
            _corrupt("an account's signing key does not match its public key")
        return key

    def _unseal_authority_key(
        self, slot: _Slot, private_key: X25519PrivateKey
    ) -> Ed25519PrivateKey | None:
        if slot.sealed_authority_key is None:
            return None
        seed = self._unseal(slot, private_key, slot.sealed_authority_key, _PURPOSE_AUTHORITY)
        try:
            return Ed25519PrivateKey.from_private_bytes(bytes(seed))
        finally:
            _wipe(seed)

    # -- signing keys and the vault authority (see reservations.signatures) ----------------

    def open_signing_keys(self, keys: AccountKeys) -> AccountKeys:
        """``keys`` with the signing and authority keys its slot holds now (after a
        supervisor gave the slot a signing key or the authority during this session)."""
        slot = self._slot(keys.account)
        return dataclasses.replace(
            keys,
            signing_key=self._unseal_signing_key(slot, keys.private_key),
            authority_key=self._unseal_authority_key(slot, keys.private_key),
        )

    def holds_private_key(self, keys: AccountKeys) -> bool:
        """Whether ``keys.account``'s slot is still the one ``keys`` was unlocked from."""
        slot = self._slots.get(keys.account)
        return slot is not None and secrets.compare_digest(
            _raw_public(keys.private_key.public_key()), slot.public_key
        )

    def signing_public_key(self, account: str) -> bytes | None:
        return self._slot(account).signing_public_key

    def holds_authority(self, account: str) -> bool:
        return self._slot(account).sealed_authority_key is not None

    def give_signing_key(self, account: str) -> bytes:
        """A new Ed25519 key for ``account``, sealed to its slot's public key (no password
        needed: the slot's own private key opens it); returns the new public key."""
        slot = self._slot(account)
        key = Ed25519PrivateKey.generate()
        seed = _raw_private(key)
        try:
            slot.sealed_signing_key = self._seal(account, slot.public_key, seed, _PURPOSE_SIGNING)
        finally:
            _wipe(seed)
        slot.signing_public_key = public_bytes(key)
        return slot.signing_public_key

    def grant_authority(self, account: str, authority_key: Ed25519PrivateKey) -> None:
        """Seal the vault authority's private key to ``account``'s slot (supervisors only)."""
        slot = self._slot(account)
        seed = _raw_private(authority_key)
        try:
            slot.sealed_authority_key = self._seal(
                account, slot.public_key, seed, _PURPOSE_AUTHORITY
            )
        finally:
            _wipe(seed)

    def revoke_authority(self, account: str) -> None:
        self._slot(account).sealed_authority_key = None

    # -- key rotation (see reservations.rekey) --------------------------------------------

    def current_key_is(
        self, account: str, private_key: X25519PrivateKey, data_key: bytes | bytearray
    ) -> bool:
        """Whether ``account``'s current copy of the data key is ``data_key``."""
        try:
            current = self._unseal(self._slot(account), private_key)
        except (KeyFileCorrupt, NotFound):
            return False
        try:
            return secrets.compare_digest(bytes(current), bytes(data_key))
        finally:
            _wipe(current)

    def pending_accounts(self) -> list[str]:
        return [name for name, slot in self._slots.items() if slot.pending is not None]

    def pending_key_is(
        self, account: str, private_key: X25519PrivateKey, data_key: bytes | bytearray
    ) -> bool:
        """Whether ``account``'s pending copy (of a rotation) is ``data_key``."""
        slot = self._slots.get(account)
        if slot is None or slot.pending is None:
            return False
        try:
            pending = self._unseal(slot, private_key, slot.pending)
        except KeyFileCorrupt:
            return False
        try:
            return secrets.compare_digest(bytes(pending), bytes(data_key))
        finally:
            _wipe(pending)

    def has_pending(self) -> bool:
        return any(slot.pending is not None for slot in self._slots.values())

    def seal_pending(
        self, account: str, public_key: bytes, new_data_key: bytes | bytearray
    ) -> None:
        """Seal a rotation's new data key to ``account`` next to its current copy.

        ``public_key`` comes from the encrypted database: a slot whose public key differs was
        altered outside the application, and sealing to it could hand the new key to whoever
        altered it.
        """
        _check_data_key(new_data_key)
        slot = self._slot(account)
        if not secrets.compare_digest(slot.public_key, public_key):
            raise KeyFileCorrupt(
                f"The key slot of account {account} does not match the vault's record of it; "
                "reset that account's password before replacing the data key."
            )
        slot.pending = self._seal(account, slot.public_key, new_data_key)

    def promote_pending(self) -> bool:
        """Make every pending copy the current one; True when anything changed.

        Idempotent: a second call (another process finishing the same rotation) changes
        nothing.
        """
        changed = False
        for slot in self._slots.values():
            if slot.pending is not None:
                slot.ephemeral_public_key, slot.seal_nonce, slot.seal_ciphertext = slot.pending
                slot.pending = None
                changed = True
        return changed

    def drop_pending(self) -> bool:
        """Forget a rotation that never reached the database; True when anything changed."""
        changed = False
        for slot in self._slots.values():
            if slot.pending is not None:
                slot.pending = None
                changed = True
        return changed

    def reseal_all(self, new_data_key: bytes | bytearray) -> None:
        """Seal ``new_data_key`` to every account's public key; no password needed.

        All slots are computed first and swapped in together, so a failure leaves every slot
        as it was rather than half of them sealing the new key.
        """
        _check_data_key(new_data_key)
        resealed: dict[str, _Slot] = {}
        for account, slot in self._slots.items():
            ephemeral_raw, nonce, ciphertext = self._seal(account, slot.public_key, new_data_key)
            # Signing and authority keys are sealed to the slot's key pair, not to the data
            # key: they stay as they are.
            resealed[account] = dataclasses.replace(
                slot,
                ephemeral_public_key=ephemeral_raw,
                seal_nonce=nonce,
                seal_ciphertext=ciphertext,
                pending=None,
            )
        self._slots = resealed

    def set_password(
        self,
        account: str,
        keys: AccountKeys,
        new_password: bytearray | str,
        kdf: KdfParams = DEFAULT_KDF,
    ) -> AccountKeys:
        """A new key pair for the account, wrapped under a new password; returns the new keys
        (the same data key, the new private key; ``public_key(account)`` is the new one).

        The pair is replaced, not re-wrapped: an old copy of the key file (a backup holds one)
        opened with an old password then yields a private key that unseals nothing current,
        and the database's record of the public key (which the caller updates) no longer
        matches a slot forged from it.  The data key is sealed afresh from ``keys``.
        """
        slot = self._slot(account)
        # Passing another account's keys is a programming error, not a user's mistake.
        if keys.account != account or not secrets.compare_digest(
            _raw_public(keys.private_key.public_key()), slot.public_key
        ):
            raise ValueError("the keys given do not belong to this account's slot")
        if slot.pending is not None:
            raise Conflict(
                "A replacement of the data key is not finished; a supervisor finishes it "
                "('resdesk rekey --finish') before passwords are changed."
            )
        _check_data_key(keys.data_key)
        new_slot, private_key, wrap_key = self._new_slot(
            account, new_password, keys.data_key, kdf, keys.pin
        )
        self._slots[account] = new_slot
        if keys.authority_key is not None and slot.sealed_authority_key is not None:
            self.grant_authority(account, keys.authority_key)
        return AccountKeys(
            account=account,
            private_key=private_key,
            data_key=keys.data_key,
            signing_key=self._unseal_signing_key(new_slot, private_key),
            authority_key=keys.authority_key if new_slot.sealed_authority_key else None,
            pin=keys.pin,
            pin_key=wrap_key,
        )

    # -- persistence -----------------------------------------------------------------------

    def _serialise(self) -> bytes:
        # Failed-login counters were kept here before they got a file of their own; they
        # named what was typed into the name field, so they go at the next write.
        self.extra.pop(_LEGACY_FAILURES_KEY, None)
        document = {
            "format": self.FORMAT,
            "version": self.VERSION,
            "vault_id": self._vault_id,
            "slots": [_encode_slot(slot) for slot in self._slots.values()],
            "extra": self.extra,
        }
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the key-file lock and re-read the file: the only way to save changes.

        Re-entrant within one thread of one process (a rekey holds it throughout and saves
        twice).  Waiting longer than ``LOCK_TIMEOUT_S`` for another seat fails with
        ``VaultBusy`` and changes nothing.
        """
        outermost = not self._lock.is_locked
        try:
            self._lock.acquire()
        except filelock.Timeout:
            raise VaultBusy(
                "The key file is being changed by another window or command; wait a moment "
                "and try again."
            ) from None
        except OSError as exc:
            raise _storage_error(exc, "locked") from None
        try:
            # Fresh from disk unless this object holds changes not yet saved; then ``save``
            # refuses (VaultBusy) if the file changed since it was read, rather than
            # dropping the other change.
            if (
                outermost
                and self._on_disk is not None
                and not self._replacing_damaged
                and self._serialise() == self._on_disk
            ):
                self.reload()
            yield
        finally:
            self._lock.release()

    @property
    def is_locked(self) -> bool:
        return self._lock.is_locked

    def save(self) -> None:
        """Write the file atomically with mode 0o600.

        Temp file in the same directory, flush + fsync, then rename over the old file and
        fsync the directory: after a crash the file is either wholly old or wholly new.  A
        newly created vault is linked into place instead of renamed, so a file that appeared
        meanwhile is never overwritten.  If another session rewrote the file since we read it,
        nothing is written (VaultBusy) rather than silently dropping its change; this is an
        optimistic check, the vault's lock is what serialises writers.
        """
        if not self._lock.is_locked:
            # A read-modify-write without the lock is how updates were lost: a bug.
            raise RuntimeError("KeySlotFile.save() outside KeySlotFile.locked()")
        if not self._slots:
            raise Conflict(
                "A key file without any account cannot be saved: nobody could open the vault."
            )
        # Serialise first: a non-JSON value in ``extra`` must fail before anything is written.
        payload = self._serialise()
        self._check_unchanged_on_disk()
        directory = self._path.parent
        try:
            fd, tmp_name = tempfile.mkstemp(
                prefix=f".{self._path.name}.", suffix=".tmp", dir=directory
            )
        except OSError as exc:
            raise _storage_error(exc, "saved") from None
        tmp_path = Path(tmp_name)
        try:
            try:
                with os.fdopen(fd, "wb") as handle:
                    # mkstemp already creates 0o600; chmod states the intent explicitly.
                    os.chmod(tmp_path, 0o600)
                    handle.write(payload)
                    handle.flush()
                    os.fsync(handle.fileno())
                if self._on_disk is None:
                    self._link_new(tmp_path)
                else:
                    os.replace(tmp_path, self._path)
                _fsync_directory(directory)
            except OSError as exc:
                raise _storage_error(exc, "saved") from None
        finally:
            # After a successful rename the temp name no longer exists; after a link or a
            # failure it does.  Best effort: a real error, if any, is already being raised.
            with contextlib.suppress(OSError):
                tmp_path.unlink()
        self._on_disk = payload
        self._replacing_damaged = False

    def snapshot(self) -> object:
        """The slots and ``extra`` as they are now, for ``restore`` after a failed change."""
        return copy.deepcopy((self._slots, self.extra))

    def restore(self, snapshot: object) -> None:
        slots: dict[str, _Slot]
        extra: dict[str, object]
        slots, extra = copy.deepcopy(snapshot)  # type: ignore[misc]
        self._slots = slots
        self.extra = extra

    def reload(self) -> None:
        """Re-read the file, dropping changes not yet saved (used before small updates)."""
        fresh = KeySlotFile.load(self._path)
        if fresh.vault_id != self._vault_id:
            raise KeyFileCorrupt(
                "The key file was replaced by one of another vault; put the right .keys file "
                "next to the database."
            )
        self._slots = fresh._slots
        self.extra = fresh.extra
        self._on_disk = fresh._on_disk

    def _link_new(self, tmp_path: Path) -> None:
        try:
            os.link(tmp_path, self._path)
        except FileExistsError:
            raise VaultExists(
                f"A key file appeared at {self._path} meanwhile; the vault is not replaced."
            ) from None
        except OSError as exc:
            # Some file systems (FAT, certain network shares) cannot hard-link; fall back to
            # check-then-rename, which only loses the guarantee against a concurrent creator.
            if exc.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES):
                raise
            if os.path.lexists(self._path):
                raise VaultExists(
                    f"A key file appeared at {self._path} meanwhile; the vault is not replaced."
                ) from None
            os.replace(tmp_path, self._path)

    def _check_unchanged_on_disk(self) -> None:
        if self._on_disk is None:
            if os.path.lexists(self._path):
                raise VaultExists(
                    f"A key file appeared at {self._path} meanwhile; the vault is not replaced."
                )
            return
        try:
            current = self._path.read_bytes()
        except FileNotFoundError:
            current = None
        except OSError as exc:
            raise _storage_error(exc, "saved") from None
        if current != self._on_disk:
            raise VaultBusy(
                "The key file was changed by another session meanwhile; nothing was saved, "
                "reload and try again."
            )
