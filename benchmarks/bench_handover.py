"""The end-of-contract handover package at 600, 10,000 and 100,000 reservations.

Each size gets a demo vault of its own (``build_demo`` with the fast test KDF, in a temporary
folder: the suite's 1,000,000-reservation vault is far more than a ward's contract), and each
export runs in a fresh process so that its peak memory (``VmHWM``, the high-water mark of its
own memory map) is the export's own.

Run alone (no 1,000,000-reservation vault needed)::

    .venv/bin/python -m benchmarks.bench_handover [--sizes 600,10000,100000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.context import Context
from benchmarks.registry import MEBIBYTES, Row, benchmark
from benchmarks.stats import Stats

ROOT = Path(__file__).resolve().parent.parent
SIZES = (600, 10_000, 100_000)
TIME_TARGET_MS = {10_000: 10_000.0}
MEMORY_TARGET_MIB = {100_000: 300.0}
SEED = 20221119
PASSWORD = "bench-handover-password"
TIMEOUT_S = 900

# The child: log in, export, print the export's seconds, pages and the process's peak RSS.
_EXPORT = """
import json, resource, sys, time


def high_water_kib():
    # Linux keeps ru_maxrss across exec, so a child forked from a big benchmark process
    # would report its parent's size; VmHWM belongs to this program's own memory map.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


from pathlib import Path
from reservations.demo import DEMO_ACCOUNTS
from reservations.handover import HandoverService
from reservations.session import open_session
db, out, password = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
vault, session = open_session(db, "supervisor", DEMO_ACCOUNTS["supervisor"][1])
before = high_water_kib()
started = time.perf_counter_ns()
result = HandoverService(session).export(out, password)
elapsed = time.perf_counter_ns() - started
peak = high_water_kib()
vault.close()
size = sum(p.stat().st_size for p in out.iterdir())
print(json.dumps({"ns": elapsed, "peak_kib": peak, "login_kib": before,
                  "pages": result.pages, "reservations": result.reservations, "bytes": size}))
"""


@dataclass(frozen=True)
class Measurement:
    size: int
    reservations: int
    export_ns: int
    peak_bytes: int
    login_peak_bytes: int
    pages: int
    package_bytes: int


def measure(sizes: Sequence[int] = SIZES, seed: int = SEED) -> list[Measurement]:
    """Build a demo vault per size and time one export of it in a fresh process."""
    from reservations.demo import build_demo
    from reservations.keyslots import TEST_KDF

    results: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="resdesk-bench-handover-") as folder:
        work = Path(folder)
        for size in sizes:
            db = work / f"demo-{size}.db"
            build_demo(db, reservations=size, seed=seed, kdf=TEST_KDF)
            out = work / f"handover-{size}"
            env = dict(os.environ, PYTHONPATH=str(ROOT))
            child = subprocess.run(
                [sys.executable, "-c", _EXPORT, str(db), str(out), PASSWORD],
                capture_output=True,
                text=True,
                env=env,
                cwd=ROOT,
                timeout=TIMEOUT_S,
                check=False,
            )
            if child.returncode != 0:
                raise RuntimeError(f"handover benchmark child failed: {child.stderr[-2000:]}")
            data = json.loads(child.stdout.strip().splitlines()[-1])
            results.append(
                Measurement(
                    size=size,
                    reservations=int(data["reservations"]),
                    export_ns=int(data["ns"]),
                    peak_bytes=int(data["peak_kib"]) * 1024,
                    login_peak_bytes=int(data["login_kib"]) * 1024,
                    pages=int(data["pages"]),
                    package_bytes=int(data["bytes"]),
                )
            )
    return results


@benchmark(
    "handover",
    "Handover package",
    """
`HandoverService.export(out_dir, password)` on a demo vault of its own per size (built with
`build_demo` and the test KDF in a temporary folder; 10 centers, 4,800 slots, about 4 %
cancelled), timed once per size in a fresh process from the call to its return: reading every
reservation in ledger order one store page at a time, writing reservations.csv and audit.csv,
drawing the ledger in parts of 250 pages, joining them with pikepdf, attaching the CSV files,
encrypting (AES-256, R=6), README.txt, SHA256SUMS, the register entry and the rename. Memory
is the child process's peak RSS (Linux `VmHWM`: `ru_maxrss` would carry over the size of the
benchmark process it was forked from), interpreter and libraries included. There is no
bare figure.
""",
)
def handover_package(ctx: Context) -> list[Row]:
    rows: list[Row] = []
    for m in measure(seed=ctx.seed):
        note = (
            f"{m.reservations:,} reservations, {m.pages:,} pages, package "
            f"{m.package_bytes / 1024 / 1024:,.1f} MiB; peak RSS after login "
            f"{m.login_peak_bytes / 1024 / 1024:,.0f} MiB."
        )
        rows.append(
            Row(
                f"export of {m.size:,} reservations (single run)",
                Stats.of([m.export_ns]),
                target_ms=TIME_TARGET_MS.get(m.size),
                note=note,
            )
        )
        rows.append(
            Row(
                f"peak memory exporting {m.size:,} reservations",
                Stats.of([m.peak_bytes]),
                target_ms=MEMORY_TARGET_MIB.get(m.size),
                unit=MEBIBYTES,
                primary=m.size in MEMORY_TARGET_MIB,
            )
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_handover")
    parser.add_argument(
        "--sizes", default=",".join(str(s) for s in SIZES), help="comma-separated sizes"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    started = time.perf_counter()
    for m in measure(sizes):
        time_target = TIME_TARGET_MS.get(m.size)
        memory_target = MEMORY_TARGET_MIB.get(m.size)
        print(
            f"{m.size:>7,} reservations: {m.export_ns / 1e9:6.2f} s"
            + (f" (target ≤ {time_target / 1000:.0f} s)" if time_target else "")
            + f", peak RSS {m.peak_bytes / 1024 / 1024:5.0f} MiB"
            + (f" (target ≤ {memory_target:.0f} MiB)" if memory_target else "")
            + f", {m.pages:,} pages, {m.package_bytes / 1024 / 1024:.1f} MiB package"
        )
    print(f"(whole run including the vault builds: {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
