"""The verification line at 1,000,000 reservations: a receipt check, and a misheard number's
candidate search (target ≤ 20 ms each), through ``VerificationService`` against the bare
queries on the same file.
"""

from __future__ import annotations

import datetime as dt

from benchmarks.bench_lookups import RECEIPT_SQL
from benchmarks.context import Context
from benchmarks.registry import Row, benchmark
from benchmarks.stats import interleave
from reservations.receipt import damm_is_valid, near_misses
from reservations.store import SearchQuery, search_sql
from reservations.verification import CheckOutcome, VerificationService

TARGET_MS = 20.0


def _cases(ctx: Context, count: int) -> list[tuple[int, dt.date, str, str]]:
    """(center id, day, receipt, the same receipt with one digit misheard) of random bookings."""
    rng = ctx.rng("verification")
    cases = []
    for row in ctx.sample_rows(rng, count):
        center_id, day = ctx.conn.execute(
            "SELECT s.center_id, s.date FROM reservations r JOIN slots s ON s.id = r.slot_id "
            "WHERE r.receipt = ?",
            (row.receipt,),
        ).fetchone()
        position = rng.randrange(8)
        for digit in "0123456789":
            wrong = row.receipt[:position] + digit + row.receipt[position + 1 :]
            if not damm_is_valid(wrong):
                break
        cases.append((int(center_id), dt.date.fromisoformat(day), row.receipt, wrong))
    return cases


@benchmark(
    "verify",
    "Verification line: receipt check and misheard-number candidates",
    """
`VerificationService.check_receipt(center, day, receipt)` for random bookings (each checked at
its own center and day: the booked-here answer), and the same with one digit misheard (the
check digit fails; the bookings of that center and day one substitution or swap away are
found). Both are audited reads (a durable commit). Bare: the receipt SELECT, and the
`receipt IN (…near misses…) AND center AND date` search the store runs.
""",
)
def verification(ctx: Context) -> list[Row]:
    service = VerificationService(ctx.session)
    n = max(ctx.iterations.receipt // 4, 50)
    cases = _cases(ctx, n + 5)
    outcomes: list[CheckOutcome] = []

    def check(i: int) -> None:
        center_id, day, receipt, _wrong = cases[i % len(cases)]
        outcomes.append(service.check_receipt(center_id, day, receipt).outcome)

    def bare_check(i: int) -> None:
        ctx.conn.execute(RECEIPT_SQL, (cases[i % len(cases)][2],)).fetchone()

    def misheard(i: int) -> None:
        center_id, day, _receipt, wrong = cases[i % len(cases)]
        service.check_receipt(center_id, day, wrong)

    def bare_misheard(i: int) -> None:
        center_id, day, _receipt, wrong = cases[i % len(cases)]
        query = SearchQuery(
            receipts=tuple(near_misses(wrong)), center_id=center_id, date=day, limit=50
        )
        ctx.conn.execute(*search_sql(query)).fetchall()

    stats = interleave(
        {"check": check, "bare_check": bare_check, "misheard": misheard, "bare": bare_misheard},
        iterations=n,
        warmup=5,
    )
    matched = sum(1 for o in outcomes if o is CheckOutcome.MATCH)
    note = f"{matched} of {len(outcomes)} checks answered 'booked here' (the rest were cancelled)."
    return [
        Row("receipt check (booked here)", stats["check"], stats["bare_check"], TARGET_MS, note),
        Row("misheard digit: candidate search", stats["misheard"], stats["bare"], TARGET_MS),
    ]


ROSTER_TARGET_MS = 1000.0


@benchmark(
    "roster",
    "Day roster PDF",
    """
`RosterService.day_roster(center, day)` (an audited read of the day's bookings) followed by
`write_pdf` (A4, embedded Japanese TrueType subset, atomic write) for one center and day of
the demo vault, and the rendering alone of a 200-booking roster (the day at a real center:
about 60 bookings a center over a period, up to 200 on a busy day). Bare: reportlab building
a one-line PDF with the same embedded font (the fixed cost of a PDF).
""",
)
def roster(ctx: Context) -> list[Row]:
    import io
    import tempfile
    from pathlib import Path

    from reportlab.pdfgen.canvas import Canvas

    from reservations.domain import now_jst
    from reservations.fonts import find_japanese_font
    from reservations.roster import Roster, RosterService, RosterSlot, render_roster_pdf

    service = RosterService(ctx.session)
    center_id, day = ctx.conn.execute(
        "SELECT s.center_id, s.date FROM slots s WHERE s.is_open = 1 ORDER BY s.date, s.id LIMIT 1"
    ).fetchone()
    day = dt.date.fromisoformat(day)
    full = service.day_roster(int(center_id), day)
    # The first 200 numbers of that day, slot by slot: the "full day of 200 bookings".
    left = 200
    slots: list[RosterSlot] = []
    for slot in full.slots:
        take = slot.entries[:left]
        left -= len(take)
        slots.append(RosterSlot(slot.start, slot.end, take))
    day200 = Roster(full.center, full.day, tuple(slots))
    font = find_japanese_font()
    folder = Path(tempfile.mkdtemp(prefix="resdesk-bench-roster-"))
    pages: list[int] = []

    def whole_day(i: int) -> None:
        roster = service.day_roster(int(center_id), day)
        pages.append(service.write_pdf(roster, folder / f"day-{i}.pdf", overwrite=True))

    def render_200(_i: int) -> None:
        render_roster_pdf(day200, io.BytesIO(), now_jst(), "operator", font)

    def bare(_i: int) -> None:
        canvas = Canvas(io.BytesIO())
        canvas.setFont(font.name, 12)
        canvas.drawString(72, 720, "受付番号一覧")
        canvas.save()

    try:
        stats = interleave(
            {"day": whole_day, "render200": render_200, "bare": bare}, iterations=10, warmup=1
        )
    finally:
        for path in folder.glob("*"):
            path.unlink()
        folder.rmdir()
    note = f"The whole day: {full.receipts} numbers on {pages[-1] if pages else '?'} pages."
    return [
        Row("200 bookings: render the PDF", stats["render200"], stats["bare"], ROSTER_TARGET_MS),
        Row(
            f"a whole demo day ({full.receipts} bookings): read, audit, render, write",
            stats["day"],
            stats["bare"],
            ROSTER_TARGET_MS,
            note,
        ),
    ]
