"""Durability under real processes: races for the last seat, SIGKILL mid-loop, a full disk.

Every test here runs real child processes (``tests/helpers/booking_worker.py`` or the CLI)
against the standard test vault.  Children report on their stdout, one JSON line per event,
and the parent waits for exactly the event it needs: there are no sleeps, and the timeouts
are only safety nets against a hung child.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pytest

from reservations.audit import first_broken_link
from reservations.booking import BookingService, normalize_caller
from reservations.domain import Status
from reservations.receipt import format_receipt
from reservations.store import SqlCipherStore
from reservations.vault import Vault, check_integrity, check_vault, vault_files
from tests.conftest import BASE_DAY, OPERATOR, ROOT, SUPERVISOR, TestVault, run_cli
from tests.helpers.booking_worker import caller_for, index_of_phone, note_for

WORKER = "tests.helpers.booking_worker"
# Only a safety net against a hung child; every wait normally ends within milliseconds.
EVENT_TIMEOUT = 60.0

Event = dict[str, Any]


class Child:
    """A child process that answers in JSON lines on stdout.

    A reader thread turns its stdout into a queue, so the parent can wait for the next line
    with a deadline on every platform; stderr goes to a file that failure messages quote.
    """

    def __init__(self, argv: list[str], env: dict[str, str], stderr_path: Path) -> None:
        self.stderr_path = stderr_path
        self._stderr_file = stderr_path.open("wb")
        self.proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr_file,
            env=env,
            cwd=ROOT,
        )
        self._lines: queue.Queue[bytes | None] = queue.Queue()
        assert self.proc.stdout is not None
        self._reader = threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True)
        self._reader.start()

    def _read(self, stream: IO[bytes]) -> None:
        try:
            for line in stream:
                self._lines.put(line)
        finally:
            self._lines.put(None)

    def stderr(self) -> str:
        self._stderr_file.flush()
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def send(self, command: Event) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(command, ensure_ascii=False) + "\n").encode())
        self.proc.stdin.flush()

    def event(self, timeout: float = EVENT_TIMEOUT) -> Event:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(
                f"no answer from the child within {timeout:.0f} s; stderr:\n{self.stderr()}"
            ) from None
        if line is None:
            self._lines.put(None)  # stay at end of stream for later calls
            code = self.proc.wait(timeout=EVENT_TIMEOUT)
            raise AssertionError(f"the child ended (exit {code}); stderr:\n{self.stderr()}")
        event: Event = json.loads(line)
        return event

    def kill(self) -> None:
        """SIGKILL (TerminateProcess on Windows): no handler, no cleanup, no flush."""
        self.proc.kill()
        self.proc.wait(timeout=EVENT_TIMEOUT)

    def wait(self) -> int:
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            self.proc.stdin.close()
        return self.proc.wait(timeout=EVENT_TIMEOUT)

    def close(self) -> None:
        """Teardown: a child still running here is one the test did not finish with."""
        try:
            if self.proc.poll() is None:
                self.kill()
        finally:
            self._reader.join(timeout=EVENT_TIMEOUT)
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream is not None and not stream.closed:
                    stream.close()
            self._stderr_file.close()


@pytest.fixture
def spawn(test_vault: TestVault, tmp_path: Path) -> Iterator[Callable[..., Child]]:
    """``spawn("serve", "--tag", "1")``: a booking worker on the test vault (operator)."""
    children: list[Child] = []

    def start(*args: str, env: dict[str, str] | None = None) -> Child:
        full_env = env if env is not None else worker_env(test_vault)
        argv = [sys.executable, "-m", WORKER, *args]
        child = Child(argv, full_env, tmp_path / f"child-{len(children)}.stderr")
        children.append(child)
        return child

    yield start
    for child in children:
        child.close()


def worker_env(test_vault: TestVault, account: tuple[str, str] = OPERATOR) -> dict[str, str]:
    env = test_vault.env(account)
    # A child under a file-size limit must not try to write .pyc files next to the sources.
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("RESDESK_DEBUG", None)
    return env


def add_slots(vault: Vault, count: int, capacity: int, *, day_offset: int) -> list[int]:
    """``count`` new slots (10:00 onwards, 10 minutes each) well in the future."""
    day = BASE_DAY + dt.timedelta(days=day_offset)
    with SqlCipherStore(vault.conn).unit_of_work(write=True) as uow:
        center = uow.list_centers()[0].id
        ids = []
        for n in range(count):
            start = dt.datetime.combine(day, dt.time(10, 0)) + dt.timedelta(minutes=10 * n)
            end = start + dt.timedelta(minutes=10)
            ids.append(uow.add_slot(center, day, start.time(), end.time(), capacity))
        uow.commit()
    return ids


def booked_count(vault: Vault, slot_id: int) -> int:
    with SqlCipherStore(vault.conn).unit_of_work(write=False) as uow:
        slot = uow.get_slot(slot_id)
    assert slot is not None
    return slot.booked


def assert_no_slot_overbooked(vault: Vault) -> None:
    with SqlCipherStore(vault.conn).unit_of_work(write=False) as uow:
        slots = uow.list_slots(None, None)
    over = [(s.id, s.booked, s.capacity) for s in slots if s.booked > s.capacity]
    assert not over, f"slots over capacity (id, booked, capacity): {over}"


@dataclass(frozen=True)
class StoredBooking:
    receipt: str
    tag: int
    i: int
    slot_id: int


def assert_vault_consistent(
    vault: Vault, *, long_notes: bool = False, creator: str = OPERATOR[0]
) -> dict[str, StoredBooking]:
    """Integrity, audit chain, one 'book' entry per reservation, every row whole and exactly
    what ``caller_for`` made.  Returns the reservations by receipt number."""
    report = check_integrity(vault.conn)
    assert report.ok, report.problems
    rows = vault.conn.execute(
        "SELECT receipt, slot_id, family_name, given_name, family_kana, given_kana, phone, "
        "phone_last4, status, note, created_at, created_by, updated_at, updated_by "
        "FROM reservations ORDER BY id"
    ).fetchall()
    stored: dict[str, StoredBooking] = {}
    for row in rows:
        (receipt, slot_id, family, given, family_kana, given_kana, phone, last4, status, note,
         created_at, created_by, updated_at, updated_by) = row  # fmt: skip
        assert None not in (receipt, slot_id, family, given, family_kana, given_kana, phone), row
        tag, i = index_of_phone(phone)
        expected = normalize_caller(caller_for(tag, i))
        assert (family, given, family_kana, given_kana, phone) == (
            expected.family_name,
            expected.given_name,
            expected.family_kana,
            expected.given_kana,
            expected.phone,
        ), f"reservation {receipt} does not hold what was booked"
        assert last4 == phone[-4:]
        assert status == Status.BOOKED.value
        assert created_by == updated_by == creator
        assert created_at and updated_at
        if note is not None:
            assert note == note_for(tag, i, long=long_notes), f"note of {receipt} damaged"
        assert receipt not in stored
        stored[receipt] = StoredBooking(receipt, tag, i, slot_id)
    with SqlCipherStore(vault.conn).unit_of_work(write=False) as uow:
        entries = uow.audit_entries()
    assert entries, "the audit trail is empty"
    assert first_broken_link(entries) is None
    book_targets = collections.Counter(e.target for e in entries if e.action == "book")
    assert book_targets == collections.Counter(format_receipt(r) for r in stored), (
        "the 'book' audit entries and the stored reservations differ"
    )
    assert_no_slot_overbooked(vault)
    return stored


# -- 1. two processes race for the last seat ---------------------------------------------------


def race(pairs: list[tuple[Child, Event]]) -> list[Event]:
    """Release the children at once (each is blocked reading its stdin, and the commands go
    out back to back in the given order) and collect their answers in the same order."""
    for child, command in pairs:
        child.send(command)
    return [child.event() for child, _ in pairs]


def assert_one_winner(answers: list[Event], what: str) -> int:
    """Exactly one success and one SlotFull; returns the index of the winner."""
    oks = [n for n, a in enumerate(answers) if a.get("ok")]
    assert len(oks) == 1, f"{what}: expected exactly one success, got {answers}"
    loser = answers[1 - oks[0]]
    assert loser.get("error") == "SlotFull", f"{what}: the loser must get SlotFull: {loser}"
    return oks[0]


def cli_book_args(slot: int, tag: int, i: int) -> list[str]:
    c = caller_for(tag, i)
    return [
        "book",
        "--slot",
        str(slot),
        "--name",
        f"{c.family_name} {c.given_name}",
        "--kana",
        f"{c.family_kana} {c.given_kana}",
        "--phone",
        c.phone,
    ]


def test_two_processes_racing_for_the_last_seat_never_overbook(
    test_vault: TestVault, spawn: Callable[..., Child]
) -> None:
    vault = test_vault.vault(SUPERVISOR)
    parent = BookingService(test_vault.session(SUPERVISOR))
    workers = [spawn("serve"), spawn("serve")]
    for w in workers:
        assert w.event()["event"] == "ready"
    tags = (1, 2)
    next_i = [0, 0]

    def book_cmd(n: int, slot: int) -> Event:
        cmd = {"op": "book", "slot": slot, "tag": tags[n], "i": next_i[n]}
        next_i[n] += 1
        return cmd

    def ordered(round_no: int) -> tuple[int, int]:
        # Alternate who is released first, so neither child is always ahead.
        return (0, 1) if round_no % 2 == 0 else (1, 0)

    # A slot of the standard vault (capacity 2) with one seat already taken.
    slot = test_vault.slot_ids["a0-1000"]
    parent.book(slot, caller_for(9, 0))
    answers = race([(workers[0], book_cmd(0, slot)), (workers[1], book_cmd(1, slot))])
    assert_one_winner(answers, "capacity-2 slot with one seat left")
    assert booked_count(vault, slot) == 2

    # Fresh one-seat slots: both children race for the only seat, round after round.
    for round_no, slot in enumerate(add_slots(vault, 8, 1, day_offset=3)):
        a, b = ordered(round_no)
        answers = race([(workers[a], book_cmd(a, slot)), (workers[b], book_cmd(b, slot))])
        assert_one_winner(answers, f"round {round_no}")
        assert booked_count(vault, slot) == 1, f"round {round_no}: slot {slot} overbooked"

    # A move racing a booking for the last seat: the move of an existing booking into a
    # one-seat slot against a new booking into the same slot.
    sources = add_slots(vault, 4, 1, day_offset=4)
    targets = add_slots(vault, 4, 1, day_offset=5)
    for round_no, (source, target) in enumerate(zip(sources, targets, strict=True)):
        existing = parent.book(source, caller_for(9, 100 + round_no))
        move = {"op": "move", "receipt": existing.receipt_display, "slot": target}
        # Each child moves twice and books twice; each operation is released first twice.
        mover, booker = ordered(round_no)
        pairs = [(workers[mover], move), (workers[booker], book_cmd(booker, target))]
        move_first = round_no < 2
        answers = race(pairs if move_first else pairs[::-1])
        move_answer = answers[0] if move_first else answers[1]
        assert_one_winner(answers, f"move round {round_no}")
        move_won = bool(move_answer.get("ok"))
        assert booked_count(vault, target) == 1
        moved = parent.get(existing.receipt)
        assert moved.slot_id == (target if move_won else source)
        assert booked_count(vault, source) == (0 if move_won else 1)

    # The CLI in both children (unlock, login and book after the release): exit 0 and 5.
    for round_no, slot in enumerate(add_slots(vault, 3, 1, day_offset=6)):
        a, b = ordered(round_no)
        cmds = [{"op": "cli", "args": cli_book_args(slot, tags[n], next_i[n])} for n in (a, b)]
        next_i[a] += 1
        next_i[b] += 1
        answers = race([(workers[a], cmds[0]), (workers[b], cmds[1])])
        codes = sorted(int(ans["exit"]) for ans in answers)
        assert codes == [0, 5], f"CLI round {round_no}: {answers}"
        loser = next(ans for ans in answers if ans["exit"] == 5)
        assert "full" in loser["stderr"] and loser["stdout"] == ""
        assert "Traceback" not in loser["stderr"]
        assert booked_count(vault, slot) == 1

    for w in workers:
        w.send({"op": "quit"})
        assert w.wait() == 0, w.stderr()
        assert w.stderr() == ""
    assert_no_slot_overbooked(vault)
    with SqlCipherStore(vault.conn).unit_of_work(write=False) as uow:
        assert first_broken_link(uow.audit_entries()) is None


# -- 2. SIGKILL in the middle of a booking loop ------------------------------------------------

ACKS_BEFORE_KILL = 30


def test_acknowledged_bookings_survive_sigkill_mid_loop(
    test_vault: TestVault, spawn: Callable[..., Child]
) -> None:
    setup = test_vault.vault(SUPERVISOR)
    (slot,) = add_slots(setup, 1, 10_000, day_offset=3)
    setup.close()
    tag = 3
    acked: dict[str, int] = {}  # receipt -> i, as the child acknowledged them
    starts: list[int] = []
    start = 0
    for _cycle in range(3):
        # Later cycles start on the vault the previous kill left behind (hot WAL).
        starts.append(start)
        child = spawn("loop", "--slot", str(slot), "--tag", str(tag), "--start", str(start))
        assert child.event()["event"] == "ready"
        for _ in range(ACKS_BEFORE_KILL):
            event = child.event()
            assert event["event"] == "booked"
            acked[event["receipt"]] = int(event["i"])
        # The child is still booking (it never waits for the parent): killed mid-loop.
        child.kill()
        assert child.proc.returncode != 0
        if sys.platform != "win32":
            assert child.proc.returncode == -signal.SIGKILL

        vault = test_vault.vault(SUPERVISOR)
        try:
            stored = assert_vault_consistent(vault)
        finally:
            vault.close()
        missing = sorted(set(acked) - set(stored))
        assert not missing, f"acknowledged bookings lost after SIGKILL: {missing}"
        for receipt, i in acked.items():
            assert stored[receipt] == StoredBooking(receipt, tag, i, slot)
        # The loop books one caller after another, so what is stored is a gap-free run of
        # indices from each cycle's start: at most the bookings after the last read line
        # (committed, but the acknowledgement not yet read or written) go beyond the acks.
        indices = sorted(b.i for b in stored.values())
        for n, cycle_start in enumerate(starts):
            cycle_end = starts[n + 1] if n + 1 < len(starts) else max(indices) + 1
            in_cycle = [i for i in indices if cycle_start <= i < cycle_end]
            assert in_cycle == list(range(cycle_start, cycle_start + len(in_cycle))), (
                f"cycle {n}: the stored bookings are not a gap-free run"
            )
            assert len(in_cycle) >= ACKS_BEFORE_KILL
        start = max(indices) + 1

    # After three hard kills the vault is fully usable: the file check passes and a new
    # booking goes through.
    assert check_vault(test_vault.path, *SUPERVISOR).ok
    session = test_vault.session(SUPERVISOR)
    BookingService(session).book(slot, caller_for(9, 0))


# -- 3. the disk fills up during a booking -----------------------------------------------------

needs_rlimit = pytest.mark.skipif(
    sys.platform == "win32", reason="RLIMIT_FSIZE and SIGXFSZ are POSIX-only"
)


@needs_rlimit
def test_disk_full_during_booking_raises_disk_full_and_loses_nothing(
    test_vault: TestVault, spawn: Callable[..., Child]
) -> None:
    setup = test_vault.vault(SUPERVISOR)
    (slot,) = add_slots(setup, 1, 10_000, day_offset=3)
    setup.close()
    tag = 4
    # Each booking with a 500-character note appends roughly 50 kB to the WAL, so a limit
    # 150 kB above the largest vault file lets a few bookings through and stops a later one.
    child = spawn("fill", "--slot", str(slot), "--tag", str(tag), "--headroom", "150000")
    ready = child.event()
    assert ready["event"] == "ready"
    acked: dict[str, int] = {}
    while True:
        event = child.event()
        if event["event"] != "booked":
            break
        acked[event["receipt"]] = int(event["i"])
    assert event["event"] == "failed", f"the limit never stopped a booking: {event}"
    assert event["error"] == "DiskFull", event
    assert "disk is full" in event["message"]
    failed_i = int(event["i"])
    assert acked, "no booking fitted under the limit; the test proves nothing"
    retry = child.event()
    assert retry["event"] == "retry"
    assert retry.get("ok"), f"after the limit was lifted the same session must book: {retry}"
    assert child.wait() == 0
    assert "Traceback" not in child.stderr()
    assert child.stderr() == ""

    vault = test_vault.vault(SUPERVISOR)
    stored = assert_vault_consistent(vault, long_notes=True)
    for receipt, i in acked.items():
        assert stored[receipt] == StoredBooking(receipt, tag, i, slot)
    # The failed attempt left nothing: the caller it was for is stored once, under the
    # receipt number of the successful retry, and nothing else was added.
    retried = [b for b in stored.values() if b.i == failed_i]
    assert [b.receipt for b in retried] == [retry["receipt"]]
    assert set(stored) == set(acked) | {retry["receipt"]}


_LIMITED_CLI = """\
import resource, runpy, signal, sys
limit = int(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.argv = ["resdesk", *sys.argv[2:]]
runpy.run_module("reservations", run_name="__main__", alter_sys=True)
"""


def run_limited_cli(
    args: list[str], env: dict[str, str], limit: int
) -> subprocess.CompletedProcess[str]:
    """``python -m reservations ARGS`` with files limited to ``limit`` bytes (writes beyond
    fail with EFBIG, exactly like a full disk)."""
    return subprocess.run(
        [sys.executable, "-c", _LIMITED_CLI, str(limit), *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=EVENT_TIMEOUT,
        cwd=ROOT,
    )


@needs_rlimit
def test_cli_book_on_a_full_disk_exits_8_and_loses_nothing(test_vault: TestVault) -> None:
    setup = test_vault.vault(SUPERVISOR)
    (slot,) = add_slots(setup, 1, 10_000, day_offset=3)
    setup.close()
    tag = 5
    env = worker_env(test_vault)
    acked: dict[str, int] = {}

    def book_args(i: int) -> list[str]:
        return [*cli_book_args(slot, tag, i), "--note", note_for(tag, i, long=True)]

    def acknowledge(result: subprocess.CompletedProcess[str], i: int) -> None:
        assert result.returncode == 0, result.stderr
        acked[result.stdout.strip().replace("-", "")] = i

    # Bookings made before the disk fills up.
    for i in range(2):
        acknowledge(run_cli(book_args(i), env), i)

    # An open window (this connection) keeps the CLI processes from checkpointing the WAL
    # away when they exit, so the WAL grows with every booking until it hits the limit.
    window = test_vault.vault(OPERATOR)
    largest = max(p.stat().st_size for p in vault_files(test_vault.path))
    limit = largest + 120_000
    i = 2
    result = None
    for i in range(2, 25):
        result = run_limited_cli(book_args(i), env, limit)
        if result.returncode != 0:
            break
        acknowledge(result, i)
    assert result is not None and result.returncode != 0, "the limit never stopped a booking"
    failed_i = i
    assert result.returncode == 8, (result.returncode, result.stderr)
    assert result.stdout == "", "a booking that failed must not print a receipt number"
    assert "disk is full" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(acked) > 2, "no booking fitted under the limit; the test proves nothing"
    window.close()

    vault = test_vault.vault(SUPERVISOR)
    try:
        stored = assert_vault_consistent(vault, long_notes=True)
    finally:
        vault.close()
    for receipt, i in acked.items():
        assert stored[receipt] == StoredBooking(receipt, tag, i, slot)
    assert set(stored) == set(acked), "the failed booking (or something else) was stored"
    assert failed_i not in {b.i for b in stored.values()}
    assert check_vault(test_vault.path, *SUPERVISOR).ok

    # With room again the same booking goes through.
    again = run_cli(book_args(failed_i), env)
    assert again.returncode == 0, again.stderr
