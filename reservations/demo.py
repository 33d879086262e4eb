"""A ready demo vault: the ward's ten community centers, slots over the coming weeks and
fictitious residents, with two documented accounts.

Everything in it is made up.  The demo is also what the benchmarks build at 1,000,000
reservations, so it writes through the store's bulk insert rather than one booking at a time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reservations import errors
from reservations.domain import JST, Role, Status, now_jst
from reservations.keyslots import DEFAULT_KDF, KdfParams, KeySlotFile
from reservations.receipt import PAYLOAD_SPACE, receipt_from_payload
from reservations.store import NewReservation, SqlCipherStore
from reservations.vault import create_vault, key_file_path, vault_files

DEMO_ACCOUNTS: dict[str, tuple[Role, str]] = {
    "supervisor": (Role.SUPERVISOR, "kanri-demo-2022"),
    "operator": (Role.OPERATOR, "uketsuke-demo-2022"),
}
DEMO_CENTERS = (
    "四谷地域センター",
    "箪笥町地域センター",
    "榎町地域センター",
    "若松町地域センター",
    "大久保地域センター",
    "戸塚地域センター",
    "落合第一地域センター",
    "落合第二地域センター",
    "柏木地域センター",
    "角筈地域センター",
)
DEMO_WEEKS = 8
DAY_START = dt.time(10, 0)
DAY_END = dt.time(16, 0)
SLOT_MINUTES = 30
DEMO_MARKER = "demo"

_FAMILY = (
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("山口", "ヤマグチ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
    ("木村", "キムラ"),
    ("林", "ハヤシ"),
    ("斎藤", "サイトウ"),
    ("清水", "シミズ"),
    ("山崎", "ヤマザキ"),
    ("森", "モリ"),
    ("池田", "イケダ"),
    ("橋本", "ハシモト"),
    ("阿部", "アベ"),
    ("石川", "イシカワ"),
    ("前田", "マエダ"),
    ("藤田", "フジタ"),
    ("小川", "オガワ"),
    ("岡田", "オカダ"),
    ("長谷川", "ハセガワ"),
    ("村上", "ムラカミ"),
)
_GIVEN = (
    ("太郎", "タロウ"),
    ("花子", "ハナコ"),
    ("一郎", "イチロウ"),
    ("恵子", "ケイコ"),
    ("健一", "ケンイチ"),
    ("洋子", "ヨウコ"),
    ("誠", "マコト"),
    ("幸子", "サチコ"),
    ("茂", "シゲル"),
    ("和子", "カズコ"),
    ("博", "ヒロシ"),
    ("節子", "セツコ"),
    ("翔太", "ショウタ"),
    ("美咲", "ミサキ"),
    ("大輔", "ダイスケ"),
    ("陽菜", "ヒナ"),
    ("清", "キヨシ"),
    ("久美子", "クミコ"),
    ("進", "ススム"),
    ("明美", "アケミ"),
    ("勇", "イサム"),
    ("由美", "ユミ"),
    ("修", "オサム"),
    ("直子", "ナオコ"),
)
_MOBILE_PREFIXES = ("+8190", "+8180", "+8170")


@dataclass(frozen=True)
class DemoResult:
    path: Path
    centers: int
    slots: int
    reservations: int
    seconds: float


def is_demo_key_file(db_path: Path) -> bool:
    """True when the vault at ``db_path`` says it is a demo (so ``--force`` may replace it)."""
    try:
        slots = KeySlotFile.load(key_file_path(db_path))
    except errors.ReservationError:
        return False
    return slots.extra.get(DEMO_MARKER) is True


def build_demo(
    db_path: Path,
    *,
    reservations: int = 600,
    seed: int | None = None,
    force: bool = False,
    kdf: KdfParams = DEFAULT_KDF,
    clock: Callable[[], dt.datetime] = now_jst,
    progress: Callable[[int], None] | None = None,
) -> DemoResult:
    """Create a demo vault at ``db_path``; refuses to replace anything but another demo."""
    import time

    started = time.perf_counter()
    if reservations < 0:
        raise errors.InvalidInput("--reservations must be 0 or more.", field="reservations")
    existing = vault_files(db_path)
    if existing:
        if not force:
            raise errors.VaultExists(
                "A vault already exists at this path; use --force to replace a demo vault."
            )
        if not is_demo_key_file(db_path):
            raise errors.VaultExists(
                "The vault at this path is not a demo vault; it is never replaced by a demo."
            )
        for path in existing:
            path.unlink()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    now = clock()
    created_at = now.isoformat(timespec="seconds")
    supervisor_password = DEMO_ACCOUNTS["supervisor"][1]
    vault, data_key = create_vault(
        db_path, "supervisor", supervisor_password, kdf=kdf, demo=True, created_at=created_at
    )
    with vault:
        slots_file = vault.keyslots
        store = SqlCipherStore(vault.conn)
        with slots_file.locked(), store.unit_of_work(write=True) as uow:
            slots_file.extra[DEMO_MARKER] = True
            for name, (role, password) in DEMO_ACCOUNTS.items():
                if name == "supervisor":
                    continue
                public_key = slots_file.add_account(name, password, data_key, kdf=kdf)
                uow.add_account(name, role.value, public_key, created_at, "supervisor")
            centers = [uow.add_center(name).id for name in DEMO_CENTERS]
            days = _demo_days(now.date())
            times = _slot_times()
            total_slots = len(centers) * len(days) * len(times)
            # Leave room: the fullest slots fill up, most have seats left.
            capacity = max(4, math.ceil(reservations * 1.3 / total_slots))
            slot_ids: list[int] = []
            for day in days:
                for center in centers:
                    for start, end in times:
                        slot_ids.append(uow.add_slot(center, day, start, end, capacity))
            # One closed day at one center shows what a closed slot looks like.
            closed_day, closed_center = days[min(3, len(days) - 1)], centers[-1]
            closed_ids = {s.id for s in uow.list_slots(closed_center, closed_day)}
            for slot_id in closed_ids:
                uow.set_slot_open(slot_id, False)
            open_ids = [sid for sid in slot_ids if sid not in closed_ids]
            count = 0
            with uow.bulk_load():
                for status, rows in _fake_reservations(
                    rng, open_ids, capacity, reservations, created_at
                ):
                    count += uow.add_reservations_bulk(rows, status)
                    if progress is not None:
                        progress(count)
            uow.append_audit(
                created_at, "supervisor", "demo-generate", f"{count} reservations", "ok"
            )
            slots_file.save()
            uow.commit()
        with contextlib.suppress(Exception):
            vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return DemoResult(
        path=db_path,
        centers=len(DEMO_CENTERS),
        slots=total_slots,
        reservations=count,
        seconds=time.perf_counter() - started,
    )


def _demo_days(today: dt.date) -> list[dt.date]:
    """Weekdays from tomorrow over the coming weeks."""
    days: list[dt.date] = []
    day = today + dt.timedelta(days=1)
    while len(days) < DEMO_WEEKS * 5:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _slot_times() -> list[tuple[dt.time, dt.time]]:
    times = []
    start = dt.datetime.combine(dt.date(2000, 1, 1), DAY_START, tzinfo=JST)
    end_of_day = dt.datetime.combine(dt.date(2000, 1, 1), DAY_END, tzinfo=JST)
    while start < end_of_day:
        end = start + dt.timedelta(minutes=SLOT_MINUTES)
        times.append((start.time(), end.time()))
        start = end
    return times


def _fake_reservations(
    rng: random.Random, slot_ids: list[int], capacity: int, total: int, created_at: str
) -> Iterator[tuple[Status, list[NewReservation]]]:
    """Batches of fictitious reservations; earlier slots fill up first, as in real life."""
    if total > PAYLOAD_SPACE // 2:
        raise errors.InvalidInput("--reservations is too large for the receipt number space.")
    taken: dict[int, int] = {}
    # next_open[i] points towards the first slot at or after i with a free seat (path
    # compression keeps this fast when the early weeks are full at a million bookings).
    next_open = list(range(len(slot_ids) + 1))

    def first_open(i: int) -> int:
        root = i
        while next_open[root] != root:
            root = next_open[root]
        while next_open[i] != root:
            next_open[i], i = root, next_open[i]
        return root

    used: set[int] = set()
    batch: list[NewReservation] = []
    cancelled: list[NewReservation] = []
    n = len(slot_ids)
    # Callers want the first weeks: an exponential spread fills the earliest slots, so a
    # demo shows full slots next to free ones.
    mean_index = max(1.0, total / capacity / 2)
    for _ in range(total):
        index = first_open(min(int(rng.expovariate(1 / mean_index)), n - 1))
        if index >= n:
            index = first_open(0)
        if index >= n:
            raise errors.InvalidInput("The demo has more reservations than seats.")
        slot_id = slot_ids[index]
        taken[slot_id] = taken.get(slot_id, 0) + 1
        if taken[slot_id] >= capacity:
            next_open[index] = index + 1
        payload = rng.randrange(PAYLOAD_SPACE)
        while payload in used:
            payload = rng.randrange(PAYLOAD_SPACE)
        used.add(payload)
        family, family_kana = rng.choice(_FAMILY)
        given, given_kana = rng.choice(_GIVEN)
        phone = rng.choice(_MOBILE_PREFIXES) + str(rng.randrange(10**7, 10**8))
        row = NewReservation(
            receipt=receipt_from_payload(payload),
            slot_id=slot_id,
            family_name=family,
            given_name=given,
            family_kana=family_kana,
            given_kana=given_kana,
            phone=phone,
            note=None,
            created_at=created_at,
            created_by="operator",
        )
        # A few callers cancel; their seat is free again but their number stays used.
        if rng.random() < 0.04:
            taken[slot_id] -= 1
            next_open[index] = index
            cancelled.append(row)
        else:
            batch.append(row)
        if len(batch) >= 50_000:
            yield Status.BOOKED, batch
            batch = []
    if batch:
        yield Status.BOOKED, batch
    if cancelled:
        yield Status.CANCELLED, cancelled
