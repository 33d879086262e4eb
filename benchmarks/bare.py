"""Bare SQL helpers: what the service layer does, written directly against the connection.

The bare audit entry is a real link of the vault's hash chain (same canonical form and hash
as the product's), so the benchmarks never leave a broken audit trail behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reservations.audit import GENESIS_HASH, canonical_form, chain_hash
from reservations.domain import now_jst

AUDIT_INSERT = (
    "INSERT INTO audit(seq, time, account, action, target, result, prev_hash, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def append_audit(conn: Any, account: str, action: str, target: str, result: str) -> None:
    """One audit entry linked to the last one, inside the caller's transaction."""
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (1, GENESIS_HASH) if last is None else (last[0] + 1, last[1])
    time = now_jst().isoformat(timespec="seconds")
    digest = chain_hash(prev, canonical_form(seq, time, account, action, target, result))
    conn.execute(AUDIT_INSERT, (seq, time, account, action, target, result, prev, digest))


def query_plan(conn: Any, sql: str, params: Sequence[Any]) -> str:
    """SQLite's EXPLAIN QUERY PLAN as one line, for the report."""
    rows = conn.execute(f"EXPLAIN QUERY PLAN {sql}", list(params)).fetchall()
    return "; ".join(str(row[3]) for row in rows)


def receipts_target(receipts: Sequence[str]) -> str:
    """The audit target the service writes for a search (space-separated receipt numbers)."""
    return " ".join(f"{r[:4]}-{r[4:]}" for r in receipts[:1000])


def statements_of(conn: Any, call: Callable[[], object]) -> list[str]:
    """The SQL statements ``call`` runs on ``conn`` (SQLite's trace callback), for the report."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        call()
    finally:
        conn.set_trace_callback(None)
    return seen


def _outer_from(sql: str) -> int:
    """Where the outermost FROM of a SELECT starts (not one inside a subquery), or -1."""
    depth = 0
    upper = sql.upper()
    for i, ch in enumerate(sql):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and upper.startswith(" FROM ", i):
            return i + 1
    return -1


def statement_summary(statements: Sequence[str], width: int = 80) -> str:
    """The statements as a short numbered list, e.g. ``1. `BEGIN IMMEDIATE` 2. `SELECT …```."""
    shown = []
    for sql in statements:
        text = " ".join(sql.split())
        if text.upper().startswith("SELECT"):
            at = _outer_from(text)
            if at > 0:
                text = "SELECT … " + text[at:]
        if len(text) > width:
            text = text[: width - 1] + "…"
        shown.append(text)
    return f"{len(statements)} statements: " + " ".join(
        f"({n}) `{text}`" for n, text in enumerate(shown, start=1)
    )
