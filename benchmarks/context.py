"""What every benchmark gets: the unlocked vault, an operator's session and the service, the
iteration counts, a seeded random source per benchmark, and keys drawn from the data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from benchmarks.dataset import BuildInfo
from reservations.booking import BookingService
from reservations.demo import DEMO_ACCOUNTS
from reservations.session import Session, open_session
from reservations.vault import Vault

ACCOUNT = "operator"
PASSWORD = DEMO_ACCOUNTS[ACCOUNT][1]
# Rows the benchmarks insert carry this note; they are deleted again at the end of the run
# (and at the start, should an earlier run have been interrupted), so a reused vault keeps
# exactly the demo's reservations.
BENCH_NOTE = "benchmark"


@dataclass(frozen=True)
class Iterations:
    """Timed iterations per benchmark (each variant gets this many), plus warm-up calls."""

    receipt: int = 1000
    phone: int = 500
    kana: int = 200
    booking: int = 300
    booking_common_name: int = 100
    login: int = 200  # logins with the test KDF (signed audit trail)
    unlock: int = 10
    warmup: int = 20
    warmup_slow: int = 3  # for calls of 100 ms and more (unlock, scanning searches)

    def with_all(self, count: int) -> Iterations:
        """Every count but unlock set to ``count`` (for quick development runs)."""
        return Iterations(
            receipt=count,
            phone=count,
            kana=count,
            booking=count,
            booking_common_name=count,
            login=count,
            unlock=self.unlock,
            warmup=min(self.warmup, count),
            warmup_slow=min(self.warmup_slow, count),
        )


@dataclass(frozen=True)
class SampleRow:
    """A reservation picked at random from the demo data (the source of lookup keys)."""

    receipt: str
    phone_last4: str
    family_name: str
    given_name: str
    family_kana: str
    given_kana: str


@dataclass
class Context:
    build: BuildInfo
    vault: Vault
    session: Session
    service: BookingService
    iterations: Iterations
    seed: int
    _id_range: tuple[int, int] | None = field(default=None, repr=False)

    @property
    def conn(self) -> Any:
        """The vault's own sqlcipher3 connection: the bare figures run on it."""
        return self.vault.conn

    def rng(self, name: str) -> random.Random:
        """A random source of its own per benchmark, so adding one changes no other's keys."""
        return random.Random(f"{self.seed}:{name}")

    def sample_rows(self, rng: random.Random, count: int) -> list[SampleRow]:
        """``count`` demo reservations drawn uniformly at random (with replacement)."""
        if self._id_range is None:
            low, high = self.conn.execute("SELECT min(id), max(id) FROM reservations").fetchone()
            self._id_range = (int(low), int(high))
        low, high = self._id_range
        rows: list[SampleRow] = []
        while len(rows) < count:
            row = self.conn.execute(
                "SELECT receipt, phone_last4, family_name, given_name, family_kana, given_kana "
                "FROM reservations WHERE id = ? AND note IS NULL",
                (rng.randint(low, high),),
            ).fetchone()
            if row is not None:
                rows.append(SampleRow(*row))
        return rows

    def close(self) -> None:
        self.vault.close()


def open_context(build: BuildInfo, iterations: Iterations, seed: int) -> Context:
    vault, session = open_session(build.db_path, ACCOUNT, PASSWORD)
    context = Context(build, vault, session, BookingService(session), iterations, seed)
    remove_bench_rows(context)
    return context


def remove_bench_rows(context: Context) -> int:
    """Delete every reservation a benchmark inserted; the audit trail keeps its entries."""
    conn = context.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        deleted = conn.execute("DELETE FROM reservations WHERE note = ?", (BENCH_NOTE,)).rowcount
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return int(deleted)
