"""RESULTS.md: the machine, a summary, and one table per benchmark."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.machine import Machine
from benchmarks.registry import MILLISECONDS, Benchmark, Row
from benchmarks.stats import Stats


@dataclass(frozen=True)
class Outcome:
    benchmark: Benchmark
    rows: list[Row]


def fmt_ms(ms: float) -> str:
    if ms >= 10_000:
        return f"{ms / 1000:.1f} s".replace(".0 s", " s")
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    if ms >= 100:
        return f"{ms:.0f} ms"
    if ms >= 10:
        return f"{ms:.1f} ms"
    if ms >= 1:
        return f"{ms:.2f} ms"
    return f"{ms:.3f} ms"


def fmt_value(row: Row, raw: float) -> str:
    """A raw sample value (nanoseconds, bytes) as the row shows it."""
    value = row.value(raw)
    if row.unit == MILLISECONDS:
        return fmt_ms(value)
    return f"{value:,.0f} {row.unit.symbol}" if value >= 10 else f"{value:.1f} {row.unit.symbol}"


def fmt_median(row: Row, stats: Stats) -> str:
    return fmt_value(row, stats.median)


def fmt_p95(row: Row, stats: Stats) -> str:
    return fmt_value(row, stats.p95)


def fmt_ratio(ratio: float | None) -> str:
    if ratio is None:
        return "—"
    return f"{ratio:.1f}×" if ratio >= 10 else f"{ratio:.2f}×"


def fmt_target(row: Row) -> str:
    if row.target_ratio is not None:
        return f"ratio ≤ {fmt_ratio(row.target_ratio)}"
    if row.target_ms is None:
        return "—"
    return f"≤ {fmt_value(row, row.target_ms * row.unit.scale)}"


def fmt_met(row: Row) -> str:
    median, p95 = row.met_median, row.met_p95
    if median is None:
        return "—"
    if median and p95:
        return "**yes**"
    if median:
        return "**yes** (p95: no)"
    return "**no**"


def _cells(row: Row) -> list[str]:
    bare = row.bare
    return [
        fmt_median(row, row.service),
        fmt_p95(row, row.service),
        "—" if bare is None else fmt_median(row, bare),
        "—" if bare is None else fmt_p95(row, bare),
        fmt_ratio(row.ratio_median)
        + ("" if row.ratio_p95 is None else f" (p95 {fmt_ratio(row.ratio_p95)})"),
        fmt_target(row),
        fmt_met(row),
        str(row.service.n),
    ]


_HEADER = (
    "| {first} | service median | service p95 | bare median | bare p95 | ratio service/bare "
    "| target | met | n |\n|---|---:|---:|---:|---:|---:|---|---|---:|"
)


def _table(first: str, rows: Sequence[tuple[str, Row]]) -> list[str]:
    lines = [_HEADER.format(first=first)]
    for label, row in rows:
        lines.append("| " + " | ".join([label, *_cells(row)]) + " |")
    return lines


NOISE_NOTE = (
    "This machine is shared and noisy (a virtual machine whose CPU and disk other jobs use at "
    "the same time), so absolute times move from run to run. The ratios within one run matter "
    "more than the absolute numbers: the service and its bare counterpart are timed "
    "interleaved, call by call, on the same file, so noise hits both alike."
)

METHOD_NOTES = (
    "Times are `time.perf_counter_ns()` around one call; median and p95 (nearest rank) over "
    "`n` timed calls after a few untimed warm-up calls. Keys (receipt numbers, last-4 digits, "
    "kana prefixes) are drawn at random from the vault's own reservations, a separate draw for "
    "each variant.",
    "**Service-layer reads are audited**: every `get`/`find` opens a write transaction "
    "(`BEGIN IMMEDIATE`), appends a hash-chained audit entry and commits durably, because "
    "every read of personal data is recorded. That is part of the measured service cost; the "
    'row "store SQL + audit entry + durable COMMIT" shows what it costs without the Python '
    "layers.",
    "Searches return at most 200 rows (`SearchInput.limit`'s default); the bare query uses the "
    "SQL `store.search_sql` makes, with the same joins, `ORDER BY` and `LIMIT 200`. The "
    "minimal query (no joins, no `ORDER BY`) is there for reference only.",
    "Commits are durable as the vault configures them: WAL mode with `synchronous=FULL` (the "
    "WAL is synced at every commit).",
    '"Ratio" is service median / bare median (and p95 / p95); "met" compares the service '
    "median with the target (or, for a ratio target, the median ratio), and says so when the "
    "p95 misses it. Memory rows are in MiB instead of milliseconds.",
    "Rows the benchmarks insert are deleted again at the end of the booking benchmark, so a "
    "reused vault keeps exactly the demo's reservations; the audit entries of benchmark reads, "
    "bookings and logins stay in the vault's audit trail.",
)


def render(
    machine: Machine,
    outcomes: Sequence[Outcome],
    vault_facts: Sequence[tuple[str, str]],
    command: str,
    reservations: int,
) -> str:
    out: list[str] = [
        "# Benchmark results",
        "",
        f"Written by `{command}` with **{reservations:,} reservations** in the demo vault.",
        "",
        f"> {NOISE_NOTE}",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    out += [f"| {label} | {value} |" for label, value in machine.facts]
    out += ["", "## Summary", ""]
    summary = [
        (f"{o.benchmark.title}: {row.variant}", row)
        for o in outcomes
        for row in o.rows
        if row.primary
    ]
    out += _table("measurement", summary)
    out += ["", "## How it is measured", ""]
    out += [f"- {note}" for note in METHOD_NOTES]
    for outcome in outcomes:
        b = outcome.benchmark
        out += ["", f"## {b.title}", "", b.description, ""]
        out += _table("variant", [(row.variant, row) for row in outcome.rows])
        notes = [row.note for row in outcome.rows if row.note]
        if notes:
            out.append("")
            out += [f"- {note}" for note in notes]
    out += ["", "## The vault", "", "| | |", "|---|---|"]
    out += [f"| {label} | {value} |" for label, value in vault_facts]
    out.append("")
    return "\n".join(out)
