"""Entry point of ``python -m benchmarks``; see ``benchmarks.cli`` for the options."""

from __future__ import annotations

from benchmarks.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
