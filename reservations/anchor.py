"""The audit anchor: the latest audit entry (seq, hash, time), kept outside the database.

The hash chain shows an entry that was edited, deleted or moved, but not entries cut off the
end: the shortened chain is still a valid chain.  So after every committed transaction that
appended audit entries, the latest one is written to ``NAME.audit-anchor`` next to the
vault, and ``AuditService.verify`` reports a chain that ends before the anchor (or holds
another hash at the anchor's seq) as broken.

Why a file of its own and not the key-slot sidecar ``NAME.keys``: that file is rewritten by
account changes and refuses a writer that read an older version; rewriting it from every
process on every booking would make bookings fail on that check and race with account
changes.  The anchor is small, versioned JSON and holds no secret and no personal data::

    {"format": "resdesk-audit-anchor", "version": 1, "vault_id": "<32 hex>",
     "seq": 42, "hash": "<64 hex>", "time": "2022-12-19T10:00:00+09:00"}

The vault id ties the anchor to its vault: a vault created again at the same path (after
the old files were deleted by hand) replaces a stale anchor instead of being reported as cut.

Ordering: the anchor is written *after* COMMIT.  Written before, it could name an entry
that a failed COMMIT (disk full) never stored, and verify would then report a cut tail that
never happened.  Written after, a crash between COMMIT and the anchor leaves the anchor one
transaction behind: a later cut of just those entries goes unseen, which is the safe side.
Several processes append to one vault, so the anchor only ever moves forward: the writer
takes an exclusive advisory lock on ``NAME.audit-anchor.lock`` (``fcntl.flock`` on POSIX,
``msvcrt.locking`` on Windows), re-reads the anchor and replaces it (temporary file and
rename, without fsync: see ``_write_atomically``) only when its entry has a greater seq.

Limits: whoever can rewrite the database (they hold the data key) can rewrite this file too;
the anchor catches a tail cut by a restore of an old copy, a crash of a disk that lost the
last commits, or an edit that forgot the file, not a careful forger.  Restoring a backup
makes verify report the entries after the backup as missing, which is the truth.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reservations.audit import AuditEntry
from reservations.signatures import AuditSigner, b64

ANCHOR_FORMAT = "resdesk-audit-anchor"
ANCHOR_VERSION = 1
ANCHOR_SUFFIX = ".audit-anchor"
LOCK_SUFFIX = ".audit-anchor.lock"


def anchor_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ANCHOR_SUFFIX)


def anchor_lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


class AnchorUnreadable(Exception):
    """The anchor file exists but is not an anchor this version understands."""


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    time: str
    vault_id: str | None = None
    # Who wrote it, and their Ed25519 signature over ``anchor_message`` (base64); None in an
    # anchor written before signatures (see reservations/signatures.py).
    account: str | None = None
    signature: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "seq": self.seq,
            "hash": self.hash,
            "time": self.time,
            "vault_id": self.vault_id,
            "account": self.account,
            "signature": self.signature,
        }


def anchor_message(vault_id: str | None, seq: int, entry_hash: str) -> bytes:
    """What an anchor's signature covers: ``b"resdesk-anchor-v1\n" + vault + "\n" + seq +
    "\n" + hash`` (UTF-8)."""
    return f"resdesk-anchor-v1\n{vault_id or ''}\n{seq}\n{entry_hash}".encode()


def read_anchor(path: Path) -> Anchor | None:
    """The anchor in ``path``; None when there is no file (a vault from before anchors).

    Raises ``AnchorUnreadable`` for a file that is not a valid anchor (it is only ever
    replaced whole, so a crash cannot leave half of one).
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        document = json.loads(raw.decode("utf-8"))
        if document.get("format") != ANCHOR_FORMAT:
            raise AnchorUnreadable("not an audit anchor file")
        if document.get("version") != ANCHOR_VERSION:
            raise AnchorUnreadable(f"unknown anchor version {document.get('version')!r}")
        seq, digest, time = document["seq"], document["hash"], document["time"]
        vault_id = document.get("vault_id")
        account, signature = document.get("account"), document.get("signature")
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError, KeyError) as exc:
        raise AnchorUnreadable(f"not valid anchor JSON ({type(exc).__name__})") from None
    if not (
        isinstance(seq, int)
        and seq >= 1
        and isinstance(digest, str)
        and len(digest) == 64
        and isinstance(time, str)
        and (vault_id is None or isinstance(vault_id, str))
        and (account is None or isinstance(account, str))
        and (signature is None or isinstance(signature, str))
    ):
        raise AnchorUnreadable("the anchor's fields have the wrong form")
    return Anchor(seq, digest, time, vault_id, account, signature)


@contextlib.contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """An exclusive advisory lock across processes, held for the block."""
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if sys.platform == "win32":
            import msvcrt

            # LK_LOCK retries for about ten seconds, then raises OSError (treated like any
            # other failure to write the anchor).
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _write_atomically(path: Path, data: bytes) -> None:
    # Atomic (rename) but deliberately not fsync'ed: every audited read writes the anchor, and
    # two fsyncs doubled the cost of a receipt lookup (0.2 -> 0.7 ms at 1M).  Durability is
    # not needed here: after a power cut the anchor is at worst older (a lag is the safe side)
    # or unreadable, which verify reports as a warning, never as a cut tail.
    # Callers hold the anchor lock, so one temporary name per process cannot collide.
    tmp = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def advance_anchor(
    db_path: Path,
    entry: AuditEntry,
    vault_id: str | None = None,
    *,
    create: bool = True,
    signer: AuditSigner | None = None,
) -> bool:
    """Move the anchor of the vault at ``db_path`` forward to ``entry``; never backward.

    An anchor of another vault (``vault_id`` differs) is replaced whatever its seq.
    Returns True when the file was replaced.  Raises ``OSError`` when it cannot be written.
    An unreadable anchor is replaced (verify has already had its chance to report it; a
    vault must not stop booking over it).  A *missing* anchor is written only with
    ``create``: once a vault has an anchor, its disappearance is an integrity failure that
    only a supervisor's explicit re-anchoring ends (``AuditService.reanchor``); writing it
    again with the next booking would hide a rolled-back database.
    """
    path = anchor_path(db_path)
    with _exclusive(anchor_lock_path(db_path)):
        try:
            current = read_anchor(path)
        except AnchorUnreadable:
            current = None
        else:
            if current is None and not create:
                return False
        same_vault = current is not None and (
            vault_id is None or current.vault_id in (None, vault_id)
        )
        if current is not None and same_vault and current.seq >= entry.seq:
            return False
        document = {
            "format": ANCHOR_FORMAT,
            "version": ANCHOR_VERSION,
            "vault_id": vault_id,
            "seq": entry.seq,
            "hash": entry.hash,
            "time": entry.time,
        }
        if signer is not None:
            document["account"] = signer.account
            document["signature"] = b64(
                signer.key.sign(anchor_message(vault_id, entry.seq, entry.hash))
            )
        _write_atomically(path, (json.dumps(document, ensure_ascii=False) + "\n").encode())
        return True


class AnchorWriter:
    """The store's ``on_audit_committed`` callback for a vault file.

    A failure to write the anchor never fails the change that was already committed: the
    anchor then lags behind, which verify cannot mistake for a cut tail.
    """

    def __init__(
        self,
        db_path: Path,
        vault_id: Callable[[], str | None] | None = None,
        signer: Callable[[], AuditSigner | None] | None = None,
    ) -> None:
        self.db_path = db_path
        self._signer_of = signer
        self._vault_id_of = vault_id
        self._vault_id: str | None = None
        # The highest seq this process knows is anchored: skips the lock and the read when
        # another process has already moved the anchor past an entry of ours.
        self._known = 0

    def __call__(self, entry: AuditEntry, started_chain: bool = False) -> None:
        """``started_chain``: the transaction wrote the chain's first entry (a new vault),
        the only time a missing anchor is created here."""
        if entry.seq <= self._known:
            return
        if self._vault_id is None and self._vault_id_of is not None:
            self._vault_id = self._vault_id_of()
        signer = self._signer_of() if self._signer_of is not None else None
        with contextlib.suppress(OSError):
            if (
                advance_anchor(
                    self.db_path, entry, self._vault_id, create=started_chain, signer=signer
                )
                or read_anchor(anchor_path(self.db_path)) is not None
            ):
                self._known = entry.seq
