"""Lookups an operator makes on the phone: by receipt number, by the phone's last 4 digits and
by a kana prefix of the caller's name.

Service figure: ``BookingService.get`` / ``find`` on the operator's session, which is an audited
read: ``BEGIN IMMEDIATE``, the query, building ``Reservation`` objects, one hash-chained audit
entry and a durable ``COMMIT`` (``synchronous=FULL`` in WAL mode syncs the WAL).

Bare figures, same run, same file, on the vault's own connection:

* the store's own SQL (for searches exactly what ``store.search_sql`` produces: same joins,
  ``ORDER BY`` and ``LIMIT 200``), fetching the rows and nothing else: the ratio column;
* the same SQL plus the audit entry and the durable ``COMMIT``, written by hand: the least an
  audited read can cost, so its ratio is the pure Python overhead of the service;
* the minimal indexed query on ``reservations`` alone (no joins, no ``ORDER BY``), for reference.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks.bare import append_audit, query_plan, receipts_target
from benchmarks.context import ACCOUNT, Context
from benchmarks.registry import Row, benchmark
from benchmarks.stats import Stats, interleave
from reservations.booking import SearchInput
from reservations.receipt import format_receipt
from reservations.store import (
    _RESERVATION_COLUMNS,
    _RESERVATION_FROM,
    SearchQuery,
    SqlCipherUnitOfWork,
    search_sql,
)

RECEIPT_TARGET_MS = 0.5
SEARCH_TARGET_MS = 5.0
SEARCH_LIMIT = 200  # SearchInput's default, which the service passes on

# Exactly the statement of SqlCipherUnitOfWork.reservation_by_receipt.
RECEIPT_SQL = f"SELECT {_RESERVATION_COLUMNS} FROM {_RESERVATION_FROM} WHERE r.receipt = ?"
RECEIPT_MINIMAL_SQL = "SELECT * FROM reservations WHERE receipt = ?"
PHONE_MINIMAL_SQL = "SELECT * FROM reservations WHERE phone_last4 = ? LIMIT ?"
KANA_MINIMAL_SQL = (
    "SELECT * FROM reservations WHERE (family_kana >= ?1 AND family_kana < ?1 || char(1114111))"
    " OR (given_kana >= ?1 AND given_kana < ?1 || char(1114111)) LIMIT ?2"
)

SERVICE = "service"
STORE_SQL = "store SQL"
AUDITED = "store SQL + audit + COMMIT"
MINIMAL = "minimal SQL"

Statement = tuple[str, Sequence[Any]]


@dataclass(frozen=True)
class ReadSpec:
    """One kind of lookup: its service call and its bare statements, each given a key."""

    name: str
    service: Callable[[str], object]
    store_sql: Callable[[str], Statement]
    minimal_sql: Callable[[str], Statement]
    # (key, fetched rows) -> (action, target, result) of the audit entry the service writes
    audit: Callable[[str, list[Any]], tuple[str, str, str]]


def measure_read(
    ctx: Context,
    spec: ReadSpec,
    keys: Callable[[random.Random, int], list[str]],
    *,
    iterations: int,
    warmup: int,
) -> tuple[dict[str, Stats], list[str]]:
    """Time the service and the three bare variants interleaved, each with its own keys.

    Returns the figures and the keys the service was timed with (warm-up excluded).
    """
    rng = ctx.rng(spec.name)
    per_variant = warmup + iterations
    drawn = keys(rng, 4 * per_variant)
    key_lists = {
        name: drawn[n * per_variant : (n + 1) * per_variant]
        for n, name in enumerate((SERVICE, STORE_SQL, AUDITED, MINIMAL))
    }
    conn = ctx.conn

    def service(i: int) -> None:
        spec.service(key_lists[SERVICE][i])

    def store_sql(i: int) -> None:
        sql, params = spec.store_sql(key_lists[STORE_SQL][i])
        conn.execute(sql, params).fetchall()

    def audited(i: int) -> None:
        key = key_lists[AUDITED][i]
        sql, params = spec.store_sql(key)
        conn.execute("BEGIN IMMEDIATE")
        try:
            rows = conn.execute(sql, params).fetchall()
            append_audit(conn, ACCOUNT, *spec.audit(key, rows))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def minimal(i: int) -> None:
        sql, params = spec.minimal_sql(key_lists[MINIMAL][i])
        conn.execute(sql, params).fetchall()

    stats = interleave(
        {SERVICE: service, STORE_SQL: store_sql, AUDITED: audited, MINIMAL: minimal},
        iterations=iterations,
        warmup=warmup,
    )
    return stats, key_lists[SERVICE][warmup:]


def read_rows(stats: dict[str, Stats], target_ms: float, plan: str, extra: str = "") -> list[Row]:
    service = stats[SERVICE]
    return [
        Row(
            "service vs the store's own SQL (fetch only)",
            service,
            stats[STORE_SQL],
            target_ms=target_ms,
            note=f"Plan of the store's SQL: `{plan}`." + (f" {extra}" if extra else ""),
        ),
        Row(
            "service vs the store's SQL + audit entry + durable COMMIT (by hand)",
            service,
            stats[AUDITED],
            primary=False,
        ),
        Row(
            "service vs the minimal indexed query (no joins, no ORDER BY; reference)",
            service,
            stats[MINIMAL],
            primary=False,
        ),
    ]


def _receipt_keys(ctx: Context) -> Callable[[random.Random, int], list[str]]:
    return lambda rng, count: [row.receipt for row in ctx.sample_rows(rng, count)]


@benchmark(
    "receipt",
    "Lookup by receipt number",
    """
`BookingService.get("1234-5678")` with receipt numbers drawn at random from the data, against
`SELECT <the store's 19 columns> FROM reservations r JOIN slots s JOIN centers c WHERE
r.receipt = ?` (the store's `reservation_by_receipt`), and `SELECT * FROM reservations WHERE
receipt = ?` as the minimal query.
""",
)
def receipt_lookup(ctx: Context) -> list[Row]:
    service = ctx.service
    spec = ReadSpec(
        name="receipt",
        service=lambda key: service.get(format_receipt(key)),
        store_sql=lambda key: (RECEIPT_SQL, (key,)),
        minimal_sql=lambda key: (RECEIPT_MINIMAL_SQL, (key,)),
        audit=lambda key, rows: ("view", format_receipt(key), "ok" if rows else "not found"),
    )
    stats, _keys = measure_read(
        ctx,
        spec,
        _receipt_keys(ctx),
        iterations=ctx.iterations.receipt,
        warmup=ctx.iterations.warmup,
    )
    plan = query_plan(ctx.conn, RECEIPT_SQL, ("12345674",))
    return read_rows(stats, RECEIPT_TARGET_MS, plan)


def _search_audit(key: str, rows: list[Any]) -> tuple[str, str, str]:
    return ("find", receipts_target([row[1] for row in rows]), f"{len(rows)} found")


@benchmark(
    "phone",
    "Search by the last 4 digits of the phone",
    """
`BookingService.find(SearchInput(phone="1234"))` with last-4 values drawn from the data (so
every search finds the callers who own them), against the SQL `store.search_sql` makes for
`SearchQuery(phone_last4=...)` (`WHERE r.phone_last4 = ?`, joins, `ORDER BY s.date, s.start,
c.name, r.id LIMIT 200`), and `SELECT * FROM reservations WHERE phone_last4 = ? LIMIT 200` as
the minimal query.
""",
)
def phone_search(ctx: Context) -> list[Row]:
    service = ctx.service
    spec = ReadSpec(
        name="phone",
        service=lambda key: service.find(SearchInput(phone=key, limit=SEARCH_LIMIT)),
        store_sql=lambda key: SqlCipherUnitOfWork(ctx.conn).search_statement(
            SearchQuery(phone_last4=key, limit=SEARCH_LIMIT)
        ),
        minimal_sql=lambda key: (PHONE_MINIMAL_SQL, (key, SEARCH_LIMIT)),
        audit=_search_audit,
    )

    def keys(rng: random.Random, count: int) -> list[str]:
        return [row.phone_last4 for row in ctx.sample_rows(rng, count)]

    stats, used = measure_read(
        ctx, spec, keys, iterations=ctx.iterations.phone, warmup=ctx.iterations.warmup
    )
    sql, params = search_sql(SearchQuery(phone_last4="1234", limit=SEARCH_LIMIT))
    found = [
        int(
            ctx.conn.execute(
                "SELECT count(*) FROM reservations WHERE phone_last4 = ?", (key,)
            ).fetchone()[0]
        )
        for key in used
    ]
    extra = (
        f"A search found {sum(found) / len(found):.0f} reservations on average "
        f"({min(found)}-{max(found)})."
    )
    return read_rows(stats, SEARCH_TARGET_MS, query_plan(ctx.conn, sql, params), extra)


def kana_prefixes(ctx: Context, rng: random.Random, count: int) -> list[str]:
    """What operators type: the first 2 or 3 kana of a family (mostly) or given name."""
    prefixes = []
    for row in ctx.sample_rows(rng, count):
        reading = row.family_kana if rng.random() < 0.75 else row.given_kana
        prefixes.append(reading[: rng.choice((2, 3))])
    return prefixes


def prefix_matches(ctx: Context, prefix: str) -> int:
    """How many reservations a kana prefix matches in all (before the LIMIT)."""
    end = prefix + "\U0010ffff"
    row = ctx.conn.execute(
        "SELECT count(*) FROM reservations WHERE (family_kana >= ? AND family_kana < ?)"
        " OR (given_kana >= ? AND given_kana < ?)",
        (prefix, end, prefix, end),
    ).fetchone()
    return int(row[0])


@benchmark(
    "kana",
    "Search by kana prefix",
    """
`BookingService.find(SearchInput(kana="ヤマ"))` with realistic prefixes: the first 2 or 3 kana
of the family name (3 in 4 searches) or the given name of a reservation drawn from the data.
Bare: what the store runs for `SearchQuery(kana_prefix=...)`: a capped count of the prefix's
matches on the two kana indexes, then either the sorted join (rare prefix) or the walk over
slots in date order probing `(slot_id, kana)` indexes (common prefix), both with
`ORDER BY s.date, s.start, c.name, r.id LIMIT 200`; minimal: the same two ranges on
`reservations` alone with `LIMIT 200` and no `ORDER BY`.
""",
)
def kana_search(ctx: Context) -> list[Row]:
    service = ctx.service
    spec = ReadSpec(
        name="kana",
        service=lambda key: service.find(SearchInput(kana=key, limit=SEARCH_LIMIT)),
        # The store first counts (up to a cap) how common the prefix is, then picks its plan;
        # both steps are part of the bare figure.
        store_sql=lambda key: SqlCipherUnitOfWork(ctx.conn).search_statement(
            SearchQuery(kana_prefix=key, limit=SEARCH_LIMIT)
        ),
        minimal_sql=lambda key: (KANA_MINIMAL_SQL, (key, SEARCH_LIMIT)),
        audit=_search_audit,
    )

    def keys(rng: random.Random, count: int) -> list[str]:
        return kana_prefixes(ctx, rng, count)

    stats, used = measure_read(
        ctx, spec, keys, iterations=ctx.iterations.kana, warmup=ctx.iterations.warmup_slow
    )
    sql, params = SqlCipherUnitOfWork(ctx.conn).search_statement(
        SearchQuery(kana_prefix="ヤマ", limit=SEARCH_LIMIT)
    )
    counts = {prefix: prefix_matches(ctx, prefix) for prefix in sorted(set(used))}
    weighted = [counts[p] for p in used]
    top = sorted(counts.items(), key=lambda item: -item[1])[:3]
    plan = query_plan(ctx.conn, sql, params)
    extra = (
        f"{len(counts)} distinct prefixes; a prefix matched {sum(weighted) / len(weighted):,.0f} "
        f"reservations on average ({min(weighted):,}-{max(weighted):,}; most: "
        + ", ".join(f"{p} {n:,}" for p, n in top)
        + ")"
        + (
            ", and the plan joins and sorts every match before the LIMIT applies."
            if "TEMP B-TREE FOR ORDER BY" in plan
            else "."
        )
    )
    return read_rows(stats, SEARCH_TARGET_MS, plan, extra)
