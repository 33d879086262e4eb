"""``python -m benchmarks``: build or reuse the demo vault, run the benchmarks, write RESULTS.md."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks import suite
from benchmarks.context import Context, Iterations, open_context
from benchmarks.dataset import DEFAULT_DATA_DIR, ensure_vault
from benchmarks.machine import describe
from benchmarks.report import Outcome, fmt_median, fmt_p95, fmt_ratio, render

DEFAULT_RESERVATIONS = 1_000_000
DEFAULT_SEED = 20221119
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "RESULTS.md"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Benchmark Reservation Desk on a demo vault and write benchmarks/RESULTS.md.",
    )
    parser.add_argument(
        "--reservations", type=int, default=DEFAULT_RESERVATIONS, metavar="N",
        help=f"reservations in the demo vault (default {DEFAULT_RESERVATIONS:,}; e.g. 20000 "
        "for a quick run)",
    )  # fmt: skip
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="build the demo vault even if an up-to-date one exists",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the demo and keys")
    parser.add_argument(
        "--iterations", type=int, metavar="N",
        help="timed iterations of every benchmark except unlock (defaults: 1000 receipt, 500 "
        "phone, 200 kana, 300 + 100 booking, 200 test-KDF logins)",
    )  # fmt: skip
    parser.add_argument(
        "--unlock-iterations", type=int, default=Iterations().unlock, metavar="N",
        help="timed unlocks (default %(default)s; each costs an argon2id run)",
    )  # fmt: skip
    parser.add_argument(
        "--only", metavar="KEYS", help="comma-separated benchmarks to run (see --list)"
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help="report file (default %(default)s)"
    )
    parser.add_argument(
        "--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="where the vault is kept"
    )
    return parser


def _vault_facts(ctx: Context) -> list[tuple[str, str]]:
    conn = ctx.conn
    path = ctx.build.db_path

    def count(table: str) -> int:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    size = sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
    by_status = ", ".join(
        f"{status} {n:,}"
        for status, n in conn.execute(
            "SELECT status, count(*) FROM reservations GROUP BY status ORDER BY 2 DESC"
        ).fetchall()
    )
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
    return [
        ("File", f"`{path.relative_to(path.parents[2]) if len(path.parents) > 2 else path}`"),
        ("Size (database + WAL)", f"{size / 1024 / 1024:,.0f} MiB"),
        ("Reservations", f"{count('reservations'):,} ({by_status})"),
        ("Centers / slots", f"{count('centers'):,} / {count('slots'):,}"),
        ("Audit entries after this run", f"{count('audit'):,}"),
        ("Page size / cache size", f"{page_size} bytes / {cache_size} (negative: KiB)"),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    available = suite.load()
    if args.list:
        for b in available:
            print(f"{b.key:10} {b.title}")
        return 0
    selected = available
    if args.only:
        wanted = [key.strip() for key in args.only.split(",") if key.strip()]
        unknown = sorted(set(wanted) - {b.key for b in available})
        if unknown:
            print(f"unknown benchmark(s): {', '.join(unknown)}; see --list", file=sys.stderr)
            return 2
        selected = [b for b in available if b.key in wanted]
    if args.reservations < 1000:
        print("--reservations must be at least 1000", file=sys.stderr)
        return 2
    iterations = Iterations(unlock=args.unlock_iterations)
    if args.iterations is not None:
        iterations = iterations.with_all(max(1, args.iterations))

    started = time.perf_counter_ns()
    build = ensure_vault(args.data_dir, args.reservations, args.seed, rebuild=args.rebuild)
    ctx = open_context(build, iterations, args.seed)
    outcomes: list[Outcome] = []
    try:
        machine = describe(ctx.conn, build.db_path)
        for b in selected:
            print(f"Running {b.key} ...", file=sys.stderr)
            gc.collect()
            bench_started = time.perf_counter_ns()
            rows = b.run(ctx)
            outcomes.append(Outcome(b, rows))
            for row in rows:
                bare = "" if row.bare is None else (
                    f", bare {fmt_median(row, row.bare)}, ratio {fmt_ratio(row.ratio_median)}"
                )  # fmt: skip
                print(
                    f"  {row.variant}: median {fmt_median(row, row.service)}, "
                    f"p95 {fmt_p95(row, row.service)}{bare}",
                    file=sys.stderr,
                )
            print(f"  ({(time.perf_counter_ns() - bench_started) / 1e9:.0f} s)", file=sys.stderr)
        with contextlib.suppress(Exception):
            ctx.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        vault_facts = _vault_facts(ctx)
    finally:
        ctx.close()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    machine.facts.append(("Load average at end (1, 5, 15 min)", load))
    total = (time.perf_counter_ns() - started) / 1e9
    vault_facts.append(("Whole run (incl. build or reuse)", f"{total:.0f} s"))
    command = " ".join(["python -m benchmarks", *(argv if argv is not None else sys.argv[1:])])
    args.output.write_text(
        render(machine, outcomes, vault_facts, command, args.reservations), encoding="utf-8"
    )
    print(f"Wrote {args.output}", file=sys.stderr)
    return 0
