"""The frozen build: how long it takes to start, and how big it is.

* Start-up: a fresh process from spawn to the login dialog's first paint, for the PyInstaller
  build (``dist/resdesk-VERSION/resdesk``) against ``python -m reservations`` from the venv,
  interleaved.  Both run the same ``ui.app.run_app``; ``RESDESK_EXIT_AT_FIRST_PAINT=1`` makes
  the process end inside that first paint, so the parent times spawn to exit.
* Size: the build folder on disk.

Needs ``make dist`` first (``make bench`` builds it); without a build the rows say so.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.context import Context
from benchmarks.registry import MEBIBYTES, Row, benchmark
from benchmarks.stats import Stats, interleave
from reservations import __version__

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / f"resdesk-{__version__}"
STARTUP_RUNS = 10
TIMEOUT_S = 60


def _frozen_program() -> Path | None:
    program = DIST / ("resdesk.exe" if os.name == "nt" else "resdesk")
    return program if program.is_file() else None


def _start(command: list[str]) -> None:
    env = dict(os.environ, RESDESK_EXIT_AT_FIRST_PAINT="1", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        command, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT_S
    )
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} exited {done.returncode} before its first paint")


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@benchmark(
    "build",
    "Frozen build (PyInstaller one-folder)",
    """
`dist/resdesk-VERSION/resdesk --db VAULT` against `python -m reservations --db VAULT` (the
venv's interpreter, the source tree), each a fresh process on the offscreen platform from spawn
until it exits inside the login dialog's first paint (`RESDESK_EXIT_AT_FIRST_PAINT=1`);
interleaved, after one warm-up each, so the file cache is warm for both. Size: every file under
the build folder. Built by `make dist` from `build.spec`.
""",
)
def build(ctx: Context) -> list[Row]:
    program = _frozen_program()
    if program is None:
        raise RuntimeError(f"no build at {DIST}; run `make dist` first")
    vault = str(ctx.build.db_path)

    def frozen(_i: int) -> None:
        _start([str(program), "--db", vault])

    def python_m(_i: int) -> None:
        _start([sys.executable, "-m", "reservations", "--db", vault])

    stats = interleave({"frozen": frozen, "python": python_m}, iterations=STARTUP_RUNS, warmup=1)
    size = folder_bytes(DIST)
    return [
        Row(
            "start to the login dialog: frozen build vs `python -m reservations`",
            stats["frozen"],
            stats["python"],
            note=(
                "A ratio above 1 is the cost of unpacking the bundled modules; no target was "
                "set by the issue beyond measuring it."
            ),
        ),
        Row(
            "size of the build folder on disk",
            Stats((size,)),
            unit=MEBIBYTES,
            note=f"{DIST.name}: Qt, Python, SQLCipher, reportlab, pikepdf and the app.",
        ),
    ]


if __name__ == "__main__":
    started = time.perf_counter()
    program = _frozen_program()
    print(program, folder_bytes(DIST) / 1024 / 1024 if program else None)
    print(f"({time.perf_counter() - started:.1f} s)")
