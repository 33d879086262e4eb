"""The registry of benchmarks and the rows they return for the report.

A benchmark is a function ``(Context) -> list[Row]`` registered with ``@benchmark``.  Each row
is one line of the benchmark's table in RESULTS.md: the service-layer figure, the bare figure
it is compared with (same run, same file), the ratio of the two and the target.  Most rows are
times; a row may measure something else (memory) by naming its ``unit``, and may set its
target as a ratio to the bare figure instead of an absolute value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from benchmarks.stats import Stats

if TYPE_CHECKING:
    from benchmarks.context import Context


@dataclass(frozen=True)
class Unit:
    """What a row's samples count: ``scale`` raw units (as stored in ``Stats``) make one
    ``symbol``."""

    symbol: str
    scale: float


MILLISECONDS = Unit("ms", 1_000_000)  # samples in nanoseconds
MEBIBYTES = Unit("MiB", 1024 * 1024)  # samples in bytes


@dataclass(frozen=True)
class Row:
    """One compared figure: ``service`` against ``bare`` (``None`` when nothing compares).

    ``target_ms`` is the most the service median (and p95) may be, in the row's unit
    (milliseconds unless ``unit`` says otherwise); ``target_ratio`` is the most service / bare
    may be.  A row has one or neither.
    """

    variant: str
    service: Stats
    bare: Stats | None = None
    target_ms: float | None = None
    note: str = ""
    primary: bool = True  # shown in the summary at the top of RESULTS.md
    unit: Unit = MILLISECONDS
    target_ratio: float | None = None

    def value(self, raw: float) -> float:
        """A raw sample value (nanoseconds, bytes) in the row's unit."""
        return raw / self.unit.scale

    @property
    def ratio_median(self) -> float | None:
        if self.bare is None or self.bare.median_ms <= 0:
            return None
        return self.service.median_ms / self.bare.median_ms

    @property
    def ratio_p95(self) -> float | None:
        if self.bare is None or self.bare.p95_ms <= 0:
            return None
        return self.service.p95_ms / self.bare.p95_ms

    @property
    def met_median(self) -> bool | None:
        if self.target_ratio is not None:
            ratio = self.ratio_median
            return None if ratio is None else ratio <= self.target_ratio
        if self.target_ms is None:
            return None
        return self.value(self.service.median) <= self.target_ms

    @property
    def met_p95(self) -> bool | None:
        if self.target_ratio is not None:
            ratio = self.ratio_p95
            return None if ratio is None else ratio <= self.target_ratio
        if self.target_ms is None:
            return None
        return self.value(self.service.p95) <= self.target_ms


BenchmarkFunction = Callable[["Context"], list[Row]]


@dataclass(frozen=True)
class Benchmark:
    key: str  # for --only
    title: str  # the table's heading
    description: str  # Markdown shown above the table: what service and bare measure
    run: BenchmarkFunction


REGISTRY: list[Benchmark] = []


def benchmark(
    key: str, title: str, description: str
) -> Callable[[BenchmarkFunction], BenchmarkFunction]:
    """Register a benchmark; they run and are reported in registration order."""

    def register(function: BenchmarkFunction) -> BenchmarkFunction:
        if any(existing.key == key for existing in REGISTRY):
            raise ValueError(f"a benchmark named {key!r} is already registered")
        REGISTRY.append(Benchmark(key, title, description.strip(), function))
        return function

    return register
