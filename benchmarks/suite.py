"""The benchmark modules, in the order the report shows them.

A new benchmark module is added to ``MODULES``; its ``@benchmark`` functions register when
``load`` imports it.
"""

from __future__ import annotations

import importlib

from benchmarks.registry import REGISTRY, Benchmark

MODULES = (
    "benchmarks.bench_demo",
    "benchmarks.bench_lookups",
    "benchmarks.bench_booking",
    "benchmarks.bench_unlock",
    "benchmarks.bench_signed",
    "benchmarks.bench_verification",
    "benchmarks.bench_ui",
    "benchmarks.bench_handover",
    "benchmarks.bench_build",
)


def load() -> list[Benchmark]:
    """Every registered benchmark, in the order of ``MODULES`` (then of registration)."""
    for name in MODULES:
        importlib.import_module(name)
    return list(REGISTRY)
