"""Timing samples, their summary (median, p95) and the interleaved timing loop.

All times are taken with ``time.perf_counter_ns`` around one call.  Variants of one measurement
run interleaved (round-robin, with the starting variant rotating every iteration) so that a
burst of noise on this shared machine hits all of them alike instead of one block of samples.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

NS_PER_MS = 1_000_000

# One timed call of a variant; it gets the iteration index (warm-up included) to pick its key.
Runner = Callable[[int], object]


@dataclass(frozen=True)
class Stats:
    """Samples of one variant, in the order they were taken: nanoseconds, unless the row that
    shows them names another unit (bytes for memory)."""

    samples_ns: tuple[int, ...]

    @classmethod
    def of(cls, samples_ns: Sequence[int]) -> Stats:
        if not samples_ns:
            raise ValueError("a measurement needs at least one sample")
        return cls(tuple(samples_ns))

    @property
    def n(self) -> int:
        return len(self.samples_ns)

    @property
    def median(self) -> float:
        """The median in the samples' own unit (nanoseconds for times)."""
        return float(statistics.median(self.samples_ns))

    @property
    def p95(self) -> float:
        """95th percentile by the nearest-rank method (an actual sample, never interpolated)."""
        ordered = sorted(self.samples_ns)
        rank = max(1, math.ceil(0.95 * len(ordered)))
        return float(ordered[rank - 1])

    @property
    def median_ms(self) -> float:
        return self.median / NS_PER_MS

    @property
    def p95_ms(self) -> float:
        return self.p95 / NS_PER_MS

    @property
    def min_ms(self) -> float:
        return min(self.samples_ns) / NS_PER_MS

    @property
    def max_ms(self) -> float:
        return max(self.samples_ns) / NS_PER_MS


def time_once(fn: Callable[[], object]) -> tuple[int, object]:
    """Nanoseconds one call took, and what it returned."""
    started = time.perf_counter_ns()
    result = fn()
    return time.perf_counter_ns() - started, result


def interleave(
    runners: Mapping[str, Runner],
    *,
    iterations: int,
    warmup: int,
    after_each: Callable[[], None] | None = None,
) -> dict[str, Stats]:
    """Time every runner ``warmup + iterations`` times, round-robin; warm-up calls are dropped.

    ``after_each`` runs after every timed call, outside the timing (closing what a call
    opened, for example).
    """
    if iterations < 1:
        raise ValueError("iterations must be at least 1")
    names = list(runners)
    samples: dict[str, list[int]] = {name: [] for name in names}
    for i in range(warmup + iterations):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            runner = runners[name]
            started = time.perf_counter_ns()
            runner(i)
            elapsed = time.perf_counter_ns() - started
            if after_each is not None:
                after_each()
            if i >= warmup:
                samples[name].append(elapsed)
    return {name: Stats.of(values) for name, values in samples.items()}
