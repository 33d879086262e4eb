"""Booking one caller: ``BookingService.book`` against a bare INSERT + COMMIT of one row.

Every call books a different caller (unique name and phone, so the duplicate check passes)
into a randomly chosen future slot with a seat left, with the durability the vault is
configured with (``synchronous=FULL`` in WAL mode: the WAL is synced at every COMMIT).  The
rows are deleted again after the benchmark; their audit entries stay.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from benchmarks.bare import append_audit, query_plan, statement_summary, statements_of
from benchmarks.context import ACCOUNT, BENCH_NOTE, Context, remove_bench_rows
from benchmarks.registry import Row, benchmark
from benchmarks.stats import Stats, interleave
from reservations.booking import CallerInput
from reservations.domain import now_jst
from reservations.errors import InvalidInput
from reservations.normalize import normalize_phone
from reservations.receipt import PAYLOAD_SPACE, format_receipt, receipt_from_payload
from reservations.store import ACTIVE_DUPLICATES_SQL

BOOKING_TARGET_MS = 5.0

# Family and given names that the demo never uses, so each caller is new to the vault.
_FAMILY = (
    ("青木", "アオキ"), ("福田", "フクダ"), ("西村", "ニシムラ"), ("太田", "オオタ"),
    ("三浦", "ミウラ"), ("藤井", "フジイ"), ("岡本", "オカモト"), ("松田", "マツダ"),
    ("中川", "ナカガワ"), ("中野", "ナカノ"), ("原田", "ハラダ"), ("小野", "オノ"),
    ("田村", "タムラ"), ("竹内", "タケウチ"), ("金子", "カネコ"), ("和田", "ワダ"),
    ("中山", "ナカヤマ"), ("石田", "イシダ"), ("上田", "ウエダ"), ("森田", "モリタ"),
    ("原", "ハラ"), ("柴田", "シバタ"), ("酒井", "サカイ"), ("工藤", "クドウ"),
    ("横山", "ヨコヤマ"), ("宮崎", "ミヤザキ"), ("宮本", "ミヤモト"), ("内田", "ウチダ"),
    ("高木", "タカギ"), ("安藤", "アンドウ"),
)  # fmt: skip
_GIVEN = (
    ("蓮", "レン"), ("陽翔", "ハルト"), ("結衣", "ユイ"), ("葵", "アオイ"), ("悠真", "ユウマ"),
    ("凛", "リン"), ("湊", "ミナト"), ("芽依", "メイ"), ("大和", "ヤマト"), ("結菜", "ユナ"),
    ("颯", "ハヤテ"), ("莉子", "リコ"), ("樹", "イツキ"), ("美月", "ミヅキ"), ("蒼", "アオ"),
    ("紬", "ツムギ"), ("悠人", "ユウト"), ("杏", "アン"), ("律", "リツ"), ("心春", "コハル"),
    ("朝陽", "アサヒ"), ("咲良", "サクラ"), ("隼", "ハヤト"), ("楓", "カエデ"), ("陸", "リク"),
    ("澪", "ミオ"), ("海斗", "カイト"), ("琴音", "コトネ"), ("颯太", "ソウタ"), ("彩花", "アヤカ"),
    ("拓海", "タクミ"), ("優奈", "ユウナ"), ("健太", "ケンタ"), ("真央", "マオ"), ("亮", "リョウ"),
    ("舞", "マイ"), ("智也", "トモヤ"), ("千尋", "チヒロ"), ("航", "ワタル"), ("遥", "ハルカ"),
)  # fmt: skip

RESERVATION_INSERT = (
    "INSERT INTO reservations(receipt, slot_id, family_name, given_name, family_kana, "
    "given_kana, phone, phone_last4, status, note, created_at, created_by, updated_at, "
    "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, ?)"
)

SERVICE = "service"
BARE = "INSERT + COMMIT"
BARE_AUDITED = "INSERT + audit + COMMIT"


@dataclass(frozen=True)
class BenchCaller:
    family_name: str
    given_name: str
    family_kana: str
    given_kana: str
    phone_typed: str  # as an operator types it: 090-1234-5678
    phone_e164: str  # as stored: +819012345678

    def as_input(self) -> CallerInput:
        return CallerInput(
            self.family_name, self.given_name, self.family_kana, self.given_kana, self.phone_typed
        )


def free_seats(ctx: Context, rng: random.Random, count: int) -> list[int]:
    """Slot ids of ``count`` seats left in open slots from tomorrow on, in random order."""
    tomorrow = (now_jst().date() + dt.timedelta(days=1)).isoformat()
    rows = ctx.conn.execute(
        "SELECT s.id, s.capacity - (SELECT count(*) FROM reservations r WHERE r.slot_id = s.id "
        "AND r.status != 'cancelled') FROM slots s WHERE s.is_open = 1 AND s.date >= ?",
        (tomorrow,),
    ).fetchall()
    seats = [slot_id for slot_id, free in rows for _ in range(max(int(free), 0))]
    if len(seats) < count:
        raise RuntimeError(
            f"only {len(seats)} free seats in future slots, {count} needed; run with --rebuild"
        )
    rng.shuffle(seats)
    return seats[:count]


def _exists(ctx: Context, column: str, value: str) -> bool:
    sql = f"SELECT 1 FROM reservations WHERE {column} = ? LIMIT 1"
    return ctx.conn.execute(sql, (value,)).fetchone() is not None


def new_callers(
    ctx: Context, rng: random.Random, count: int, given: list[tuple[str, str]]
) -> list[BenchCaller]:
    """``count`` different callers: a family name of ``_FAMILY``, a given name of ``given``
    and a mobile number nobody in the vault has."""
    combos = [(f, g) for f in _FAMILY for g in given]
    if count > len(combos):
        raise ValueError(f"at most {len(combos)} distinct callers, {count} asked for")
    rng.shuffle(combos)
    phones: set[str] = set()
    callers = []
    for (family, family_kana), (given_name, given_kana) in combos[:count]:
        while True:
            digits = f"{rng.randrange(10**8):08d}"
            typed = f"090-{digits[:4]}-{digits[4:]}"
            try:
                e164 = normalize_phone(typed)  # not every 090 block is allocated
            except InvalidInput:
                continue
            if e164 not in phones and not _exists(ctx, "phone", e164):
                break
        phones.add(e164)
        callers.append(BenchCaller(family, given_name, family_kana, given_kana, typed, e164))
    return callers


def unused_receipts(ctx: Context, rng: random.Random, count: int) -> list[str]:
    """``count`` different receipt numbers no reservation has (for the bare inserts)."""
    chosen: list[str] = []
    seen: set[str] = set()
    while len(chosen) < count:
        candidate = receipt_from_payload(rng.randrange(PAYLOAD_SPACE))
        if candidate not in seen and not _exists(ctx, "receipt", candidate):
            seen.add(candidate)
            chosen.append(candidate)
    return chosen


def measure_booking(
    ctx: Context, name: str, given: list[tuple[str, str]], *, iterations: int, audited: bool
) -> tuple[dict[str, Stats], list[BenchCaller]]:
    """Service ``book`` interleaved with the bare insert(s); each call a different caller."""
    rng = ctx.rng(name)
    per_variant = ctx.iterations.warmup_slow + iterations
    variants = [SERVICE, BARE] + ([BARE_AUDITED] if audited else [])
    callers = new_callers(ctx, rng, len(variants) * per_variant, given)
    seats = free_seats(ctx, rng, len(variants) * per_variant)
    receipts = unused_receipts(ctx, rng, len(variants) * per_variant)
    part = {v: slice(n * per_variant, (n + 1) * per_variant) for n, v in enumerate(variants)}
    conn = ctx.conn
    service = ctx.service

    def book(i: int) -> None:
        j = part[SERVICE].start + i
        service.book(seats[j], callers[j].as_input(), note=BENCH_NOTE)

    def insert(variant: str, i: int) -> None:
        j = part[variant].start + i
        c = callers[j]
        now = now_jst().isoformat(timespec="seconds")
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                RESERVATION_INSERT,
                (receipts[j], seats[j], c.family_name, c.given_name, c.family_kana,
                 c.given_kana, c.phone_e164, c.phone_e164[-4:], BENCH_NOTE, now, ACCOUNT, now,
                 ACCOUNT),
            )  # fmt: skip
            if variant == BARE_AUDITED:
                append_audit(conn, ACCOUNT, "book", format_receipt(receipts[j]), "ok")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    runners = {SERVICE: book, BARE: lambda i: insert(BARE, i)}
    if audited:
        runners[BARE_AUDITED] = lambda i: insert(BARE_AUDITED, i)
    stats = interleave(runners, iterations=iterations, warmup=ctx.iterations.warmup_slow)
    return stats, callers[part[SERVICE]]


def _duplicate_plan(ctx: Context, c: BenchCaller) -> str:
    params = (c.phone_e164, c.family_kana, c.given_kana, c.family_name, c.given_name)
    return query_plan(ctx.conn, ACTIVE_DUPLICATES_SQL, params)


@benchmark(
    "booking",
    "Booking one caller (durable commit)",
    """
`BookingService.book(slot_id, CallerInput(...), note=...)` for a different new caller each time
(a family name and a given name the demo never uses, a fresh 090 number) into a random future
slot with a seat left. It checks the slot (capacity, open, not begun), looks for duplicates
(same phone, or same name and kana, among active bookings), draws an unused receipt number,
inserts the reservation, appends the audit entry, reads the booking back and commits durably.
Bare: `BEGIN IMMEDIATE; INSERT INTO reservations (...) VALUES (...); COMMIT` of one row with
the same durability on the same connection, and the same plus the audit entry (everything a
booking writes). A second row books callers who share a given name with many reservations
already in the vault (the demo's given names), to show how the duplicate check scales.
""",
)
def booking(ctx: Context) -> list[Row]:
    conn = ctx.conn
    synchronous = int(conn.execute("PRAGMA synchronous").fetchone()[0])
    journal = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    durability = f"`journal_mode={journal}`, `synchronous={synchronous}` (2 = FULL)"
    try:
        stats, _callers = measure_booking(
            ctx, "booking", list(_GIVEN), iterations=ctx.iterations.booking, audited=True
        )
        # The demo's given names, each shared by thousands of reservations at 1M.
        common = sorted({(r.given_name, r.given_kana) for r in ctx.sample_rows(ctx.rng("g"), 400)})
        common_stats, common_callers = measure_booking(
            ctx,
            "booking-common",
            common,
            iterations=ctx.iterations.booking_common_name,
            audited=False,
        )
        sharing = [
            int(
                conn.execute(
                    "SELECT count(*) FROM reservations WHERE given_name = ?", (c.given_name,)
                ).fetchone()[0]
            )
            for c in common_callers
        ]
        extra = ctx.rng("booking-extra")
        [caller] = new_callers(ctx, extra, 1, [("ベンチ", "ベンチ")])
        [seat] = free_seats(ctx, extra, 1)
        traced = statements_of(
            conn, lambda: ctx.service.book(seat, caller.as_input(), note=BENCH_NOTE)
        )
    finally:
        removed = remove_bench_rows(ctx)
    plan_new = _duplicate_plan(ctx, new_callers(ctx, ctx.rng("plan"), 1, list(_GIVEN))[0])
    plan_common = _duplicate_plan(ctx, common_callers[0])
    return [
        Row(
            "new caller: service `book` vs bare INSERT + COMMIT",
            stats[SERVICE],
            stats[BARE],
            target_ms=BOOKING_TARGET_MS,
            note=(
                f"Durability on the connection: {durability}. One `book` runs "
                f"{statement_summary(traced)}. Duplicate check plan: `{plan_new}`. "
                f"{removed:,} benchmark rows were deleted afterwards."
            ),
        ),
        Row(
            "new caller: service `book` vs bare INSERT + audit entry + COMMIT",
            stats[SERVICE],
            stats[BARE_AUDITED],
            primary=False,
        ),
        Row(
            "caller sharing a common given name: service `book` vs bare INSERT + COMMIT",
            common_stats[SERVICE],
            common_stats[BARE],
            target_ms=BOOKING_TARGET_MS,
            note=(
                "Callers with a new family name but one of the demo's given names, which "
                f"{sum(sharing) / len(sharing):,.0f} reservations share on average. "
                f"Duplicate check plan: `{plan_common}`."
            ),
        ),
    ]
