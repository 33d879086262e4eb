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


def first_broken_link(entries: list[AuditEntry]) -> int | None:
    """The seq of the first entry whose hash or link does not check out, else None."""
    prev = GENESIS_HASH
    expected_seq = entries[0].seq if entries else 1
    for entry in entries:
        canonical = canonical_form(
            entry.seq, entry.time, entry.account, entry.action, entry.target, entry.result
        )
        if (
            entry.seq != expected_seq
            or entry.prev_hash != prev
            or entry.hash != chain_hash(prev, canonical)
        ):
            return entry.seq
        prev = entry.hash
        expected_seq += 1
    return None
