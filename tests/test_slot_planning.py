"""Slot planning: generation around holidays and the year-end closure, closing slots with
bookings, call-back outcomes, the call-back list file, and the CSV import preview."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from reservations import errors
from reservations.audit_service import AuditService
from reservations.booking import BookingService, CallerInput
from reservations.cli import Output, _Parser
from reservations.cli_planning import add_planning_parsers, run_planning_command
from reservations.contract import Contract, ContractService
from reservations.domain import JST, CopyKind, Status
from reservations.register import RegisterService
from reservations.session import Session
from reservations.slot_planning import (
    GenerationRequest,
    Outcome,
    SkipReason,
    SlotPlanningService,
    parse_weekdays,
)
from reservations.slots import ImportAction, SlotService
from tests.conftest import BASE_DAY, CENTERS, OPERATOR, SUPERVISOR, TestVault

YOTSUYA, OKUBO = CENTERS
# Generation tests plan at a center of their own, so the standard slots (a week from the real
# today) never collide with the dates they plan.
PLANNED = "戸塚地域センター"
MON_FRI = frozenset(range(5))


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=JST)


def request(
    first: dt.date, last: dt.date, weekdays: frozenset[int] = MON_FRI, **kw: object
) -> GenerationRequest:
    values: dict[str, object] = {
        "center": PLANNED,
        "first": first,
        "last": last,
        "weekdays": weekdays,
        "start": dt.time(10, 0),
        "end": dt.time(12, 0),
        "every_minutes": 30,
        "capacity": 5,
    }
    values.update(kw)
    return GenerationRequest(**values)  # type: ignore[arg-type]


def audit_actions(session: Session) -> list[str]:
    return [e.action for e in AuditService(session).entries()]


@pytest.fixture
def december(test_vault: TestVault) -> TestVault:
    """The clock on 2026-12-01, before the holidays the tests plan around."""
    test_vault.clock.now = at(dt.date(2026, 12, 1))
    SlotPlanningService(test_vault.session()).add_center(PLANNED)
    return test_vault


# -- generation ------------------------------------------------------------------------------


def test_generation_skips_new_year_and_coming_of_age_day(december: TestVault) -> None:
    session = december.session(SUPERVISOR)
    plan = SlotPlanningService(session).generate(request(dt.date(2027, 1, 1), dt.date(2027, 1, 15)))
    assert plan.saved
    skipped = {(s.date, s.reason, s.detail) for s in plan.skipped_days}
    assert skipped == {
        (dt.date(2027, 1, 1), SkipReason.HOLIDAY, "元日"),
        (dt.date(2027, 1, 11), SkipReason.HOLIDAY, "成人の日"),  # 2nd Monday of January
    }
    days = sorted({p.date for p in plan.created})
    assert days == [dt.date(2027, 1, d) for d in (4, 5, 6, 7, 8, 12, 13, 14, 15)]
    # 10:00-12:00 every 30 minutes: four slots, the last ending at 12:00.
    assert len(plan.created) == 9 * 4
    stored = SlotService(session).slots_between(dt.date(2027, 1, 1), dt.date(2027, 1, 31))
    assert sorted((s.date, s.start, s.end, s.capacity) for s in stored) == sorted(
        (p.date, p.start, p.end, 5) for p in plan.created
    )
    entry = AuditService(session).entries()[-1]
    assert entry.action == "slots-generate"
    assert entry.target == f"center {PLANNED} 2027-01-01..2027-01-15"
    assert entry.result == "36 created, 0 exist, 2 days skipped"


def test_a_substitute_holiday_is_skipped_by_its_name(december: TestVault) -> None:
    # 2027-03-21 (春分の日) is a Sunday, so Monday 3/22 is a substitute holiday.
    plan = SlotPlanningService(december.session()).generate(
        request(dt.date(2027, 3, 15), dt.date(2027, 3, 26)), dry_run=True
    )
    [holiday] = plan.skipped_days
    assert holiday.date == dt.date(2027, 3, 22)
    assert holiday.reason is SkipReason.HOLIDAY and "振替休日" in holiday.detail


def test_year_end_closure_follows_the_contract_and_holidays_can_be_included(
    december: TestVault,
) -> None:
    session = december.session()
    service = SlotPlanningService(session)
    every_day = frozenset(range(7))
    period = (dt.date(2026, 12, 28), dt.date(2027, 1, 5))

    plan = service.generate(request(*period, every_day, skip_holidays=False), dry_run=True)
    assert [(s.date.isoformat(), s.reason) for s in plan.skipped_days] == [
        (f"{d}", SkipReason.YEAR_END)
        for d in ("2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02")
    ] + [("2027-01-03", SkipReason.YEAR_END)]

    ContractService(session).set(Contract(year_end_closure=False))
    plan = service.generate(request(*period, every_day), dry_run=True)
    assert [(s.date, s.detail) for s in plan.skipped_days] == [(dt.date(2027, 1, 1), "元日")]
    # The request may override the contract for one run.
    plan = service.generate(request(*period, every_day, year_end_closure=True), dry_run=True)
    assert len(plan.skipped_days) == 6


def test_existing_slots_and_exception_dates_are_reported_and_left_alone(
    december: TestVault,
) -> None:
    session = december.session()
    service = SlotPlanningService(session)
    first = service.generate(request(dt.date(2027, 2, 1), dt.date(2027, 2, 3), capacity=3))
    assert len(first.created) == 12
    again = service.generate(
        request(
            dt.date(2027, 2, 1),
            dt.date(2027, 2, 5),
            capacity=8,
            exceptions=frozenset({dt.date(2027, 2, 5)}),
        )
    )
    assert len(again.existing) == 12
    assert {s.reason for s in again.skipped_days} == {SkipReason.EXCEPTION}
    assert [p.date for p in again.created] == [dt.date(2027, 2, 4)] * 4
    feb1 = SlotService(session).list_slots(PLANNED, "2027-02-01")
    assert {s.capacity for s in feb1} == {3}  # untouched by the second run


def test_dry_run_saves_nothing_and_writes_no_audit_entry(december: TestVault) -> None:
    session = december.session()
    before = audit_actions(session)
    plan = SlotPlanningService(session).generate(
        request(dt.date(2027, 2, 1), dt.date(2027, 2, 28)), dry_run=True
    )
    # 20 weekdays less 2/11 (建国記念の日) and 2/23 (天皇誕生日).
    assert not plan.saved and len(plan.created) == 18 * 4
    assert SlotService(session).slots_between(dt.date(2027, 2, 1), dt.date(2027, 2, 28)) == []
    assert audit_actions(session) == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"first": dt.date(2026, 11, 30)}, "from"),  # yesterday
        ({"last": dt.date(2027, 12, 3)}, "to"),  # more than a year (366 days)
        ({"last": dt.date(2026, 12, 20), "first": dt.date(2026, 12, 21)}, "to"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": 101}, "capacity"),
        ({"end": dt.time(10, 20)}, "end"),  # no 30-minute slot fits
        ({"every_minutes": 2}, "every"),
        ({"weekdays": frozenset()}, "weekdays"),
        ({"center": "存在しない地域センター"}, "center"),
    ],
)
def test_generation_refuses_bad_requests(
    december: TestVault, changes: dict[str, object], field: str
) -> None:
    values: dict[str, object] = {"first": dt.date(2026, 12, 2), "last": dt.date(2026, 12, 20)}
    values.update(changes)
    first, last = values.pop("first"), values.pop("last")
    with pytest.raises(errors.InvalidInput) as raised:
        SlotPlanningService(december.session()).generate(
            request(first, last, **values)  # type: ignore[arg-type]
        )
    assert raised.value.field == field


def test_the_last_slot_ends_by_the_end_and_begun_slots_today_are_skipped(
    december: TestVault,
) -> None:
    december.clock.now = at(dt.date(2026, 12, 2), 10)  # Wednesday 10:00
    plan = SlotPlanningService(december.session()).generate(
        request(dt.date(2026, 12, 2), dt.date(2026, 12, 3), end=dt.time(11, 45)), dry_run=True
    )
    assert [(p.date.day, f"{p.start:%H:%M}-{p.end:%H:%M}") for p in plan.created] == [
        (2, "10:30-11:00"),
        (2, "11:00-11:30"),
        (3, "10:00-10:30"),
        (3, "10:30-11:00"),
        (3, "11:00-11:30"),
    ]
    assert [(s.reason, s.start) for s in plan.skipped] == [(SkipReason.PAST, dt.time(10, 0))]


def test_weekdays_parse_in_english_and_japanese() -> None:
    assert parse_weekdays("mon-fri") == MON_FRI
    assert parse_weekdays("Mon, wed,SAT") == frozenset({0, 2, 5})
    assert parse_weekdays("月,水、金") == frozenset({0, 2, 4})
    with pytest.raises(errors.InvalidInput):
        parse_weekdays("someday")


def test_operators_may_not_plan_close_or_reopen(test_vault: TestVault) -> None:
    service = SlotPlanningService(test_vault.session(OPERATOR))
    later = BASE_DAY + dt.timedelta(days=30)
    with pytest.raises(errors.NotPermitted):
        service.generate(request(later, later, frozenset(range(7))), dry_run=True)
    with pytest.raises(errors.NotPermitted):
        service.close(YOTSUYA, BASE_DAY, "雪のため")
    with pytest.raises(errors.NotPermitted):
        service.reopen(YOTSUYA, BASE_DAY)
    with pytest.raises(errors.NotPermitted):
        service.add_center("新宿地域センター")
    assert service.callbacks() == []  # operators do the calling


def test_add_center(test_vault: TestVault) -> None:
    service = SlotPlanningService(test_vault.session())
    center = service.add_center(" 新宿地域センター ")
    assert center.name == "新宿地域センター"
    with pytest.raises(errors.Conflict):
        service.add_center("新宿地域センター")


# -- closing and call-backs ------------------------------------------------------------------


@pytest.fixture
def three_booked(test_vault: TestVault) -> dict[str, str]:
    """Three bookings at Yotsuya on BASE_DAY (two at 10:00, one at 10:30), one cancelled."""
    service = BookingService(test_vault.session(OPERATOR))
    ids = test_vault.slot_ids
    made = {
        "yamada": service.book(
            ids["a0-1000"], CallerInput("山田", "太郎", "ヤマダ", "タロウ", "090-1234-5678")
        ),
        "suzuki": service.book(
            ids["a0-1000"], CallerInput("鈴木", "花子", "スズキ", "ハナコ", "03-1111-2222")
        ),
        "tanaka": service.book(
            ids["a0-1030"], CallerInput("田中", "一郎", "タナカ", "イチロウ", "080-3333-4444")
        ),
        "gone": service.book(
            ids["a0-1030"], CallerInput("高橋", "恵", "タカハシ", "メグミ", "090-7777-8888")
        ),
    }
    service.cancel(made["gone"].receipt)
    return {k: r.receipt for k, r in made.items()}


def test_closing_a_day_with_three_bookings_gives_three_pending_call_backs(
    test_vault: TestVault, three_booked: dict[str, str]
) -> None:
    session = test_vault.session()
    service = SlotPlanningService(session)
    closure = service.close(YOTSUYA, BASE_DAY, "館内設備点検のため")
    ids = test_vault.slot_ids
    assert {s.id for s in closure.closed} == {ids["a0-1000"], ids["a0-1030"]}
    assert [s.id for s in closure.already_closed] == [ids["closed"]]
    assert all(
        not s.is_open for s in SlotService(session).list_slots(YOTSUYA, BASE_DAY)
    )  # the slots are closed
    assert len(closure.callbacks) == 3
    by_receipt = {c.reservation.receipt: c for c in closure.callbacks}
    assert set(by_receipt) == {three_booked[k] for k in ("yamada", "suzuki", "tanaka")}
    yamada = by_receipt[three_booked["yamada"]]
    assert (yamada.reservation.name, yamada.reservation.kana) == ("山田 太郎", "ヤマダ タロウ")
    assert yamada.phone_national == "090-1234-5678"
    assert (yamada.slot.id, yamada.slot.start) == (ids["a0-1000"], dt.time(10, 0))
    assert yamada.outcome is Outcome.PENDING and yamada.reason == "館内設備点検のため"

    entries = AuditService(session).entries()
    close_entry, view_entry = entries[-2], entries[-1]
    assert close_entry.action == "slots-close"
    assert close_entry.target == f"center {YOTSUYA} {BASE_DAY.isoformat()} all day"
    assert close_entry.result == "2 closed, 3 call-backs"
    assert view_entry.action == "callbacks-view"
    assert sorted(view_entry.target.split()) == sorted(c.receipt_display for c in closure.callbacks)
    for entry in entries:  # never names or phones in the audit trail
        assert "山田" not in entry.target + entry.result and "5678" not in entry.result

    again = service.close(YOTSUYA, BASE_DAY, "館内設備点検のため")
    assert again.callbacks == () and again.closed == ()
    assert len(SlotPlanningService(test_vault.session(OPERATOR)).callbacks()) == 3


def test_closing_one_slot_leaves_the_rest_of_the_day_open(
    test_vault: TestVault, three_booked: dict[str, str]
) -> None:
    session = test_vault.session()
    closure = SlotPlanningService(session).close(YOTSUYA, BASE_DAY, "講師急病", dt.time(10, 30))
    assert [c.reservation.receipt for c in closure.callbacks] == [three_booked["tanaka"]]
    slots = {s.start: s.is_open for s in SlotService(session).list_slots(YOTSUYA, BASE_DAY)}
    assert slots[dt.time(10, 0)] and not slots[dt.time(10, 30)]
    with pytest.raises(errors.NotFound):
        SlotPlanningService(session).close(YOTSUYA, BASE_DAY, "x", dt.time(15, 0))
    with pytest.raises(errors.InvalidInput):
        SlotPlanningService(session).close(YOTSUYA, BASE_DAY, "   ")


def test_outcomes_rebooked_cancelled_unreachable_and_kept(
    test_vault: TestVault, three_booked: dict[str, str]
) -> None:
    SlotPlanningService(test_vault.session()).close(YOTSUYA, BASE_DAY, "停電")
    operator = test_vault.session(OPERATOR)
    service = SlotPlanningService(operator)
    booking = BookingService(operator)
    callbacks = {c.reservation.receipt: c for c in service.callbacks()}
    yamada = callbacks[three_booked["yamada"]]
    suzuki = callbacks[three_booked["suzuki"]]
    tanaka = callbacks[three_booked["tanaka"]]

    # rebooked: only once the booking really is in an open slot
    with pytest.raises(errors.Conflict, match="still in the closed slot"):
        service.record_outcome(yamada.id, "rebooked")
    booking.move(three_booked["yamada"], test_vault.slot_ids["b0-1000"])
    done = service.record_outcome(yamada.id, "rebooked", "大久保に振替")
    assert done.outcome is Outcome.REBOOKED and done.outcome_by == OPERATOR[0]
    assert done.history is not None and done.history.endswith("rebooked: 大久保に振替")
    with pytest.raises(errors.Conflict, match="already recorded"):
        service.record_outcome(yamada.id, "cancelled")

    # unreachable keeps it open; the next try may record the outcome
    first = service.record_outcome(suzuki.id, Outcome.UNREACHABLE, "留守電")
    assert first.outcome is Outcome.UNREACHABLE
    assert suzuki.id in {c.id for c in service.callbacks(open_only=True)}
    test_vault.clock.advance(hours=2)
    second = service.record_outcome(suzuki.id, "cancelled", "来場できない")
    assert second.outcome is Outcome.CANCELLED
    assert second.reservation.status is Status.CANCELLED
    assert second.reservation.cancel_reason == "来場できない"
    assert second.history is not None and len(second.history.splitlines()) == 2

    # kept: only after the slot was reopened
    with pytest.raises(errors.Conflict, match="still closed"):
        service.record_outcome(tanaka.id, "kept")
    reopening = SlotPlanningService(test_vault.session()).reopen(YOTSUYA, BASE_DAY, dt.time(10, 30))
    assert len(reopening.reopened) == 1 and reopening.open_callbacks == 1
    kept = service.record_outcome(tanaka.id, "kept")
    assert kept.outcome is Outcome.KEPT and kept.reservation.status is Status.BOOKED
    assert service.callbacks(open_only=True) == []
    assert len(service.callbacks(open_only=False)) == 3

    with pytest.raises(errors.InvalidInput):
        service.record_outcome(tanaka.id, "pending")
    with pytest.raises(errors.NotFound):
        service.record_outcome(9999, "kept")

    outcomes = [e for e in AuditService(test_vault.session()).entries() if "callback-" in e.action]
    assert [e.result for e in outcomes] == ["rebooked", "unreachable", "cancelled", "kept"]
    assert all("振替" not in e.target + e.result for e in outcomes)  # notes stay out


def test_rebook_moves_the_booking_and_records_the_outcome(
    test_vault: TestVault, three_booked: dict[str, str]
) -> None:
    closure = SlotPlanningService(test_vault.session()).close(
        YOTSUYA, BASE_DAY, "停電", dt.time(10, 30)
    )
    [tanaka] = closure.callbacks
    service = SlotPlanningService(test_vault.session(OPERATOR))
    with pytest.raises(errors.SlotClosed):
        service.rebook(tanaka.id, test_vault.slot_ids["closed"])
    assert service.get(tanaka.id).outcome is Outcome.PENDING
    done = service.rebook(tanaka.id, test_vault.slot_ids["a1-1000"])
    assert done.outcome is Outcome.REBOOKED
    assert done.reservation.slot_id == test_vault.slot_ids["a1-1000"]
    assert done.reservation.receipt == three_booked["tanaka"]


def test_a_booking_cancelled_elsewhere_is_recorded_without_cancelling_twice(
    test_vault: TestVault, three_booked: dict[str, str]
) -> None:
    [cb] = (
        SlotPlanningService(test_vault.session())
        .close(YOTSUYA, BASE_DAY, "停電", dt.time(10, 30))
        .callbacks
    )
    operator = test_vault.session(OPERATOR)
    BookingService(operator).cancel(three_booked["tanaka"], "本人から電話")
    done = SlotPlanningService(operator).record_outcome(cb.id, "cancelled")
    assert done.reservation.cancel_reason == "本人から電話"
    assert [e.action for e in AuditService(operator).entries()].count("cancel") == 2


# -- the call-back list file -----------------------------------------------------------------


def test_call_back_list_as_csv_and_pdf_is_registered(
    test_vault: TestVault, three_booked: dict[str, str], tmp_path: Path
) -> None:
    session = test_vault.session()
    service = SlotPlanningService(session)
    closure = service.close(YOTSUYA, BASE_DAY, "停電")

    out = tmp_path / "callbacks.csv"
    assert service.write_callback_list(closure.callbacks, out) == 3
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:5] == ["番号", "受付番号", "氏名", "フリガナ", "電話番号"]
    assert {(r[2], r[4]) for r in rows[1:]} >= {("山田 太郎", "090-1234-5678")}
    assert raw.decode("utf-8-sig").splitlines()[1].startswith('"')  # every field quoted

    pdf = tmp_path / "callbacks.pdf"
    service.write_callback_list(closure.callbacks, pdf, title=f"{YOTSUYA} {BASE_DAY}")
    text = "".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "折り返し連絡リスト" in text and "山田太郎" in text and "090-1234-5678" in text
    assert "1/1" in text

    copies = RegisterService(session).list()
    assert [(c.kind, c.people) for c in copies] == [(CopyKind.CALLBACK_LIST, 3)] * 2
    with pytest.raises(errors.Conflict):
        service.write_callback_list(closure.callbacks, out)
    with pytest.raises(errors.InvalidInput):
        service.write_callback_list(closure.callbacks, tmp_path / "list.txt")
    with pytest.raises(errors.NotPermitted):
        SlotPlanningService(test_vault.session(OPERATOR)).write_callback_list(
            closure.callbacks, tmp_path / "op.csv"
        )


# -- the CSV import preview ------------------------------------------------------------------


def test_csv_preview_equals_what_the_import_then_does(
    test_vault: TestVault, three_booked: dict[str, str]
) -> None:
    session = test_vault.session()
    service = SlotService(session)
    day0, day9 = BASE_DAY.isoformat(), (BASE_DAY + dt.timedelta(days=9)).isoformat()
    text = "\n".join(
        [
            "center,date,start,end,capacity",
            f"{YOTSUYA},{day0},10:00,10:30,2",  # unchanged
            f"{YOTSUYA},{day0},10:30,10:30,4",  # end not after start
            f"{OKUBO},{day0},10:00,10:30,6",  # update
            f"{YOTSUYA},{day9},13:00,13:30,3",  # create
            f"{YOTSUYA},{day0},10:00,10:30,1",  # the same slot again, and below booked
            f"新宿地域センター,{day9},13:00,13:30,3",  # unknown center
        ]
    )
    preview = service.preview_csv_text(text)
    actions = [(line.line, line.action) for line in preview.lines]
    assert actions == [
        (2, ImportAction.UNCHANGED),
        (3, ImportAction.ERROR),
        (4, ImportAction.UPDATE),
        (5, ImportAction.CREATE),
        (6, ImportAction.ERROR),
        (7, ImportAction.ERROR),
    ]
    assert preview.lines[2].before is not None and preview.lines[2].before.capacity == 2
    with pytest.raises(errors.InvalidInput) as raised:
        service.import_csv_text(text)
    for problem in preview.problems:
        assert problem in raised.value.message
    assert f"{len(preview.problems)} problem(s)" in raised.value.message

    good = "\n".join(text.splitlines()[i] for i in (0, 1, 3, 4, 6))
    before = audit_actions(session)
    preview = service.preview_csv_text(good, create_centers=True)
    assert audit_actions(session) == before  # the preview reads no personal data
    assert preview.ok and preview.centers_created == ("新宿地域センター",)
    assert service.slots_between(BASE_DAY + dt.timedelta(days=9), BASE_DAY + dt.timedelta(9)) == []
    assert service.import_csv_text(good, create_centers=True) == preview.result()
    assert preview.result().created == 2 and preview.result().updated == 1
    assert service.preview_csv_text(good).count(ImportAction.UNCHANGED) == 4


# -- the command line ------------------------------------------------------------------------


def run(argv: list[str], db: Path) -> tuple[int, str, str]:
    parser = _Parser(prog="resdesk")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    slots = sub.add_parser("slots").add_subparsers(
        dest="slots_command", parser_class=_Parser, required=True
    )
    add_planning_parsers(slots, sub, _Parser)
    out = Output(json_mode=True, out=io.StringIO(), err=io.StringIO())
    try:
        code = run_planning_command(parser.parse_args(argv), db, out)
    except errors.ReservationError as exc:
        out.fail(int(exc.exit_code), exc.message)
        code = int(exc.exit_code)
    assert isinstance(out.out, io.StringIO) and isinstance(out.err, io.StringIO)
    return code, out.out.getvalue(), out.err.getvalue()


def login(monkeypatch: pytest.MonkeyPatch, account: tuple[str, str]) -> None:
    monkeypatch.setenv("RESDESK_USER", account[0])
    monkeypatch.setenv("RESDESK_PASSWORD", account[1])


def test_cli_generate_close_and_record(
    test_vault: TestVault,
    three_booked: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = test_vault.path
    login(monkeypatch, SUPERVISOR)
    later = BASE_DAY + dt.timedelta(days=21)
    generate = ["slots", "generate", "--center", YOTSUYA, "--from", later.isoformat()]
    generate += ["--to", (later + dt.timedelta(days=6)).isoformat(), "--weekdays", "mon-fri"]
    generate += ["--start", "13:00", "--end", "15:00", "--every", "60", "--capacity", "4"]
    code, stdout, stderr = run([*generate, "--dry-run"], db)
    assert code == 0, stderr
    plan = json.loads(stdout)
    assert not plan["saved"] and "Nothing was saved" in stderr
    code, stdout, _ = run(generate, db)
    assert code == 0 and json.loads(stdout)["created"] == plan["created"]

    out_file = tmp_path / "cb.csv"
    close = ["slots", "close", "--center", YOTSUYA, "--date", BASE_DAY.isoformat()]
    code, stdout, stderr = run([*close, "--reason", "停電", "--callbacks", str(out_file)], db)
    assert code == 0, stderr
    assert len(json.loads(stdout)["callbacks"]) == 3 and out_file.exists()

    login(monkeypatch, OPERATOR)
    code, stdout, _ = run(["callbacks", "list", "--pending"], db)
    listed = json.loads(stdout)
    assert code == 0 and len(listed) == 3 and listed[0]["phone"]
    code, _, stderr = run(["callbacks", "outcome", str(listed[0]["id"]), "unreachable"], db)
    assert code == 0 and "unreachable" in stderr
    code, _, stderr = run([*close, "--reason", "x"], db)
    assert code == int(errors.ExitCode.NOT_PERMITTED), stderr
    code, _, _ = run(["callbacks", "list", "--out", str(tmp_path / "op.csv")], db)
    assert code == int(errors.ExitCode.NOT_PERMITTED)
    assert not (tmp_path / "op.csv").exists()


def test_cli_import_preview(
    test_vault: TestVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    login(monkeypatch, SUPERVISOR)
    csv_file = tmp_path / "slots.csv"
    day = (BASE_DAY + dt.timedelta(days=9)).isoformat()
    csv_file.write_text(f"{YOTSUYA},{day},13:00,13:30,3\n{YOTSUYA},{day},14:00,13:30,3\n")
    code, stdout, stderr = run(["slots", "preview", str(csv_file)], test_vault.path)
    assert code == int(errors.ExitCode.INVALID_INPUT)
    preview = json.loads(stdout)
    assert [line["action"] for line in preview["lines"]] == ["create", "error"]
    assert "nothing would be imported" in stderr
