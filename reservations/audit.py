"""The audit trail's hash chain: the canonical form of an entry and how its hash is made.

Every entry carries the SHA-256 of the previous entry, so that editing, deleting or reordering
entries breaks the chain.  The form is deliberately plain so the ward can recompute the chain
from an export with a few lines of any language and no key::

    canonical = JSON of {"seq","time","account","action","target","result"}
                with keys sorted, no spaces, UTF-8 (not ASCII-escaped)
    hash      = hex(SHA-256(prev_hash_hex + "\\n" + canonical))

The first entry's ``prev_hash`` is 64 zeros.  An entry never holds personal data: ``target`` is
a receipt number, a slot id or an account name.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    time: str
    account: str
    action: str
    target: str
    result: str
    prev_hash: str
    hash: str
    # The acting account's Ed25519 signature over the hash, base64 ("" before the vault had
    # signatures; see reservations/signatures.py).
    signature: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "seq": self.seq,
            "time": self.time,
            "account": self.account,
            "action": self.action,
            "target": self.target,
            "result": self.result,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
            "signature": self.signature,
        }


def canonical_form(seq: int, time: str, account: str, action: str, target: str, result: str) -> str:
    return json.dumps(
        {
            "seq": seq,
            "time": time,
            "account": account,
            "action": action,
            "target": target,
            "result": result,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )


def chain_hash(prev_hash: str, canonical: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    """The first entry where the chain does not check out, and what is wrong with it.

    ``kind`` is one of ``edited`` (the entry's fields do not give its hash: changed after it
    was written, or swapped with another), ``missing`` (a gap in the sequence numbers:
    entries were deleted), ``order`` (a sequence number repeats or goes backwards),
    ``link`` (the entry does not name the previous entry's hash: an entry before it was
    deleted, inserted or moved), ``tail`` (entries after the last one are missing: the
    anchor outside the database names a later entry) and ``anchor`` (the entry the anchor
    names has another hash: the history was rewritten).  ``seq`` and ``time`` name the
    entry (for ``tail``: the first missing seq and the anchor's time).
    """

    seq: int
    time: str
    kind: str
    detail: str

    def to_json(self) -> dict[str, object]:
        return {"seq": self.seq, "time": self.time, "kind": self.kind, "detail": self.detail}


class ChainChecker:
    """Checks entries one at a time in seq order, so a long chain never sits in memory."""

    def __init__(self) -> None:
        self.prev_hash = GENESIS_HASH
        self.expected_seq = 1
        self.count = 0
        self.last: AuditEntry | None = None

    def feed(self, entry: AuditEntry) -> ChainProblem | None:
        canonical = canonical_form(
            entry.seq, entry.time, entry.account, entry.action, entry.target, entry.result
        )
        problem: ChainProblem | None = None
        if entry.hash != chain_hash(entry.prev_hash, canonical):
            problem = ChainProblem(
                entry.seq,
                entry.time,
                "edited",
                "its fields do not give its hash: it was changed after it was written "
                "(or swapped with another entry)",
            )
        elif entry.seq > self.expected_seq:
            missing = (
                f"entry {self.expected_seq} is"
                if entry.seq == self.expected_seq + 1
                else f"entries {self.expected_seq} to {entry.seq - 1} are"
            )
            problem = ChainProblem(
                entry.seq, entry.time, "missing", f"{missing} missing before it (deleted)"
            )
        elif entry.seq < self.expected_seq:
            problem = ChainProblem(
                entry.seq,
                entry.time,
                "order",
                f"its number repeats or goes backwards (expected {self.expected_seq})",
            )
        elif entry.prev_hash != self.prev_hash:
            problem = ChainProblem(
                entry.seq,
                entry.time,
                "link",
                "it does not follow the entry before it (an entry was deleted, inserted or moved)",
            )
        if problem is None:
            self.prev_hash = entry.hash
            self.expected_seq = entry.seq + 1
            self.count += 1
            self.last = entry
        return problem


def find_chain_problem(entries: Iterable[AuditEntry]) -> ChainProblem | None:
    """The first problem of a whole chain (from seq 1, in seq order), else None."""
    checker = ChainChecker()
    for entry in entries:
        problem = checker.feed(entry)
        if problem is not None:
            return problem
    return None


def first_broken_link(entries: list[AuditEntry]) -> int | None:
    """The seq of the first entry whose hash or link does not check out, else None."""
    problem = find_chain_problem(entries)
    return None if problem is None else problem.seq
