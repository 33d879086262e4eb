"""Statistics against a hand-counted fixture: two centers, two days, every status.

The fixture (slots of 2 seats, two open slots per center and day, plus one closed slot at
center a on day 0):

    a, day 0: r1 attended, r2 no-show, r3 attended, r4 cancelled, r5 still booked
    a, day 1: r6 attended, r7 still booked, r8 cancelled
    b, day 0: r9 no-show, r10 attended
    b, day 1: nothing
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from reservations import errors
from reservations.booking import BookingService
from reservations.contract import Contract, ContractService
from reservations.domain import JST, Status
from reservations.session import Session
from reservations.statistics import (
    CSV_COLUMNS,
    Counts,
    Grouping,
    Statistics,
    StatisticsService,
    csv_rows,
)
from reservations.store import SqlCipherUnitOfWork
from tests.conftest import BASE_DAY, CENTERS, OPERATOR, SUPERVISOR, TestVault
from tests.test_audit_trail import caller, entries_of

DAY0 = BASE_DAY
DAY1 = BASE_DAY + dt.timedelta(days=1)
PERSONAL_COLUMNS = {
    "family_name",
    "given_name",
    "family_kana",
    "given_kana",
    "phone",
    "phone_last4",
    "note",
    "cancel_reason",
}


def _set_status(session: Session, receipt: str, status: Status) -> None:
    with session.store.unit_of_work(write=True) as uow:
        uow.set_status(receipt, status, None, session.timestamp(), session.account.name)
        uow.commit()


@pytest.fixture
def counted(test_vault: TestVault) -> dict[str, str]:
    return book_counted(test_vault)


def book_counted(test_vault: TestVault) -> dict[str, str]:
    """The fixture above; the clock ends on day 1 at 18:00.  Returns receipts by name."""
    operator = test_vault.session(OPERATOR)
    booking = BookingService(operator)
    plan = [
        ("r1", "a0-1000"),
        ("r2", "a0-1000"),
        ("r3", "a0-1030"),
        ("r4", "a0-1030"),
        ("r6", "a1-1000"),
        ("r7", "a1-1030"),
        ("r8", "a1-1030"),
        ("r9", "b0-1000"),
        ("r10", "b0-1000"),
    ]
    receipts = {
        name: booking.book(test_vault.slot_ids[slot], caller(i)).receipt
        for i, (name, slot) in enumerate(plan)
    }
    booking.cancel(receipts["r4"])
    # r4's seat is taken again.
    receipts["r5"] = booking.book(test_vault.slot_ids["a0-1030"], caller(20)).receipt
    booking.cancel(receipts["r8"])
    test_vault.clock.now = dt.datetime.combine(DAY1, dt.time(18, 0), tzinfo=JST)
    for name in ("r1", "r3", "r6", "r10"):
        booking.attend(receipts[name])
    for name in ("r2", "r9"):
        _set_status(operator, receipts[name], Status.NO_SHOW)
    return receipts


@pytest.fixture
def service(test_vault: TestVault) -> StatisticsService:
    return StatisticsService(test_vault.session(SUPERVISOR))


def _cell(stats: Statistics, center: str, day: dt.date) -> Counts:
    (found,) = [c.counts for c in stats.cells if c.center == center and c.date == day]
    return found


A, B = CENTERS


def test_every_number_matches_the_hand_count(
    counted: dict[str, str], service: StatisticsService
) -> None:
    stats = service.report(DAY0, DAY1)

    assert _cell(stats, A, DAY0) == Counts(
        capacity=4, open_slots=2, closed_slots=1, still_booked=1, attended=2, no_show=1,
        cancelled=1,
    )  # fmt: skip
    assert _cell(stats, A, DAY1) == Counts(
        capacity=4, open_slots=2, closed_slots=0, still_booked=1, attended=1, no_show=0,
        cancelled=1,
    )  # fmt: skip
    assert _cell(stats, B, DAY0) == Counts(
        capacity=4, open_slots=2, closed_slots=0, still_booked=0, attended=1, no_show=1,
        cancelled=0,
    )  # fmt: skip
    assert _cell(stats, B, DAY1) == Counts(capacity=4, open_slots=2)
    assert [(c.date, c.center) for c in stats.cells] == [
        (DAY0, A),
        (DAY0, B),
        (DAY1, A),
        (DAY1, B),
    ]

    a0 = _cell(stats, A, DAY0)
    assert (a0.booked, a0.fill_rate) == (4, 1.0)
    assert _cell(stats, B, DAY1).fill_rate == 0.0

    day0, day1 = stats.by_day
    assert (day0.date, day0.key) == (DAY0, DAY0.isoformat())
    assert day0.counts == Counts(
        capacity=8, open_slots=4, closed_slots=1, still_booked=1, attended=3, no_show=2,
        cancelled=1,
    )  # fmt: skip
    assert (day0.counts.booked, day0.counts.fill_rate) == (6, 0.75)
    assert day1.counts == Counts(
        capacity=8, open_slots=4, closed_slots=0, still_booked=1, attended=1, no_show=0,
        cancelled=1,
    )  # fmt: skip
    assert (day1.counts.booked, day1.counts.fill_rate) == (2, 0.25)

    center_a, center_b = stats.by_center
    assert (center_a.key, center_b.key) == (A, B)
    assert center_a.counts == Counts(
        capacity=8, open_slots=4, closed_slots=1, still_booked=2, attended=3, no_show=1,
        cancelled=2,
    )  # fmt: skip
    assert (center_a.counts.booked, center_a.counts.fill_rate) == (6, 0.75)
    assert center_b.counts == Counts(
        capacity=8, open_slots=4, closed_slots=0, still_booked=0, attended=1, no_show=1,
        cancelled=0,
    )  # fmt: skip
    assert (center_b.counts.booked, center_b.counts.fill_rate) == (2, 0.25)

    total = stats.total
    assert total == Counts(
        capacity=16, open_slots=8, closed_slots=1, still_booked=2, attended=4, no_show=2,
        cancelled=2,
    )  # fmt: skip
    assert (total.booked, total.fill_rate) == (8, 0.5)
    assert stats.to_json()["total"] == {
        "capacity": 16,
        "booked": 8,
        "fill_rate": 0.5,
        "attended": 4,
        "no_show": 2,
        "cancelled": 2,
        "still_booked": 2,
        "open_slots": 8,
        "closed_slots": 1,
    }


def test_one_center_and_one_day(counted: dict[str, str], service: StatisticsService) -> None:
    center_b = service.center_named(B)
    stats = service.report(DAY0, DAY0, center_b.id)
    assert stats.center == center_b
    assert [(c.date, c.center) for c in stats.cells] == [(DAY0, B)]
    assert stats.total == Counts(capacity=4, open_slots=2, attended=1, no_show=1)
    assert stats.describe() == f"{DAY0.isoformat()}..{DAY0.isoformat()} center {B}"
    with pytest.raises(errors.NotFound):
        service.center_named("どこにもない地域センター")
    with pytest.raises(errors.NotFound):
        service.report(DAY0, DAY0, 9999)


def test_zero_capacity_has_no_fill_rate(test_vault: TestVault, service: StatisticsService) -> None:
    assert Counts().fill_rate is None
    assert Counts(attended=1).fill_rate is None
    # Booked, then the slot closed before the call-back: booked against no capacity.
    operator = test_vault.session(OPERATOR)
    BookingService(operator).book(test_vault.slot_ids["b1-1000"], caller(1))
    with operator.store.unit_of_work(write=True) as uow:
        uow.set_slot_open(test_vault.slot_ids["b1-1000"], False)
        uow.set_slot_open(test_vault.slot_ids["b1-1030"], False)
        uow.commit()
    stats = service.report(DAY1, DAY1, service.center_named(B).id)
    assert stats.total == Counts(capacity=0, open_slots=0, closed_slots=2, still_booked=1)
    assert stats.total.booked == 1
    assert stats.total.fill_rate is None
    assert stats.to_json()["total"]["fill_rate"] is None  # type: ignore[index]
    # The CSV leaves the fill rate empty rather than dividing by zero.
    rows = csv_rows(stats, Grouping.DAY)
    assert rows[1][:4] == [DAY1.isoformat(), "0", "1", ""]


def test_a_booking_in_a_closed_slot_counts_against_no_capacity(
    counted: dict[str, str], test_vault: TestVault, service: StatisticsService
) -> None:
    with service._session.store.unit_of_work(write=True) as uow:
        uow.set_slot_open(test_vault.slot_ids["a1-1030"], False)  # holds r7 (booked)
        uow.commit()
    a1 = _cell(service.report(DAY1, DAY1), A, DAY1)
    assert (a1.capacity, a1.open_slots, a1.closed_slots) == (2, 1, 1)
    assert (a1.booked, a1.fill_rate) == (2, 1.0)


def test_a_period_without_slots_is_empty(
    counted: dict[str, str], service: StatisticsService
) -> None:
    stats = service.report(DAY0 - dt.timedelta(days=30), DAY0 - dt.timedelta(days=1))
    assert stats.cells == ()
    assert stats.by_day == stats.by_center == ()
    assert stats.total == Counts()
    assert stats.total.fill_rate is None


def test_the_period_must_be_in_order_and_not_too_long(service: StatisticsService) -> None:
    with pytest.raises(errors.InvalidInput, match="ends before it starts"):
        service.report(DAY1, DAY0)
    with pytest.raises(errors.InvalidInput, match="longer than"):
        service.report(DAY0, DAY0 + dt.timedelta(days=800))


def test_erased_reservations_count_like_the_others(
    counted: dict[str, str], service: StatisticsService
) -> None:
    before = service.report(DAY0, DAY1)
    s = service._session
    with s.store.unit_of_work(write=True) as uow:
        for name in ("r1", "r2", "r4", "r5"):
            uow.update_person(
                counted[name],
                dict.fromkeys(
                    ("family_name", "given_name", "family_kana", "given_kana", "phone", "note")
                ),
                s.timestamp(),
                s.account.name,
            )
        uow.commit()
    assert service.report(DAY0, DAY1) == before


def test_reading_statistics_reads_no_personal_column_and_is_not_audited(
    counted: dict[str, str], test_vault: TestVault
) -> None:
    from reservations.store import SqlCipherStore

    vault = test_vault.vault(SUPERVISOR)
    session = Session(SqlCipherStore(vault.conn), vault.account, test_vault.clock)
    service = StatisticsService(session)
    audited = len(entries_of(session))
    read: set[tuple[str, str]] = set()

    def authorizer(action: int, arg1: str | None, arg2: str | None, *_rest: object) -> int:
        if action == 20:  # SQLITE_READ: arg1 is the table, arg2 the column
            read.add((arg1 or "", arg2 or ""))
        return 0  # SQLITE_OK

    vault.conn.set_authorizer(authorizer)
    try:
        stats = service.report(DAY0, DAY1)
        service.report(DAY0, DAY1, service.center_named(A).id)
        service.centers()
    finally:
        vault.conn.set_authorizer(None)
    assert stats.total.booked == 8
    assert ("reservations", "status") in read
    assert not {column for table, column in read if table == "reservations"} & PERSONAL_COLUMNS
    assert len(entries_of(session)) == audited


def test_the_query_counts_through_indexes(test_vault: TestVault) -> None:
    """No scan of the reservations: the 1,000,000-reservation vault is counted in ~70 ms."""
    vault = test_vault.vault(SUPERVISOR)
    sql, params = SqlCipherUnitOfWork.statistics_sql(DAY0, DAY1, None)
    plan = " | ".join(row[3] for row in vault.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "USING COVERING INDEX reservations_by_slot (slot_id=? AND status=?)" in plan, plan
    assert "slots_by_date" in plan, plan
    assert "SCAN r" not in plan and "SCAN reservations" not in plan, plan


def test_operators_may_not_see_statistics(
    counted: dict[str, str], test_vault: TestVault, tmp_path: Path
) -> None:
    service = StatisticsService(test_vault.session(OPERATOR))
    for call in (
        lambda: service.report(DAY0, DAY1),
        service.centers,
        service.default_period,
        lambda: service.center_named(A),
        lambda: service.export_csv(tmp_path / "s.csv", DAY0, DAY1),
    ):
        with pytest.raises(errors.NotPermitted, match="view statistics"):
            call()
    assert not (tmp_path / "s.csv").exists()


def test_the_default_period_is_the_contracts_else_30_days_around_today(
    test_vault: TestVault, service: StatisticsService
) -> None:
    today = test_vault.clock().date()
    assert service.default_period() == (
        today - dt.timedelta(days=15),
        today + dt.timedelta(days=14),
    )
    ContractService(service._session).set(
        Contract(
            contractor="株式会社テスト",
            client="新宿区",
            start=dt.date(2022, 12, 1),
            end=dt.date(2023, 3, 31),
        )
    )
    assert service.default_period() == (dt.date(2022, 12, 1), dt.date(2023, 3, 31))


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:]
    assert b"\r\n" in body and b"\n" not in body.replace(b"\r\n", b"")
    lines = body.decode("utf-8").split("\r\n")
    assert lines[-1] == ""
    assert all(line.startswith('"') and line.endswith('"') for line in lines[:-1])
    return list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))


def test_csv_export_per_day_and_per_center_is_audited(
    counted: dict[str, str], service: StatisticsService, tmp_path: Path
) -> None:
    session = service._session
    audited = len(entries_of(session))
    out = tmp_path / "per-day.csv"
    result = service.export_csv(out, DAY0, DAY1)
    assert result.rows == 2
    assert _read_csv(out) == [
        ["day", *CSV_COLUMNS],
        [DAY0.isoformat(), "8", "6", "75.0", "3", "2", "1", "1", "4", "1"],
        [DAY1.isoformat(), "8", "2", "25.0", "1", "0", "1", "1", "4", "0"],
        ["total", "16", "8", "50.0", "4", "2", "2", "2", "8", "1"],
    ]
    out2 = tmp_path / "per-center.csv"
    service.export_csv(out2, DAY0, DAY1, by=Grouping.CENTER)
    assert _read_csv(out2) == [
        ["center", *CSV_COLUMNS],
        [A, "8", "6", "75.0", "3", "1", "2", "2", "4", "1"],
        [B, "8", "2", "25.0", "1", "1", "0", "0", "4", "0"],
        ["total", "16", "8", "50.0", "4", "2", "2", "2", "8", "1"],
    ]
    entries = entries_of(session)[audited:]
    assert [(e.action, e.account, e.result) for e in entries] == [
        ("stats-export", SUPERVISOR[0], "csv 2 rows"),
        ("stats-export", SUPERVISOR[0], "csv 2 rows"),
    ]
    assert entries[0].target == f"{DAY0.isoformat()}..{DAY1.isoformat()} all centers by day"
    assert entries[1].target.endswith("by center")
    # No personal data in the file: no receipt number, name or phone.
    text = out.read_text(encoding="utf-8-sig") + out2.read_text(encoding="utf-8-sig")
    for receipt in counted.values():
        assert receipt not in text
    assert "試験" not in text and "090" not in text


def test_csv_export_refuses_an_existing_file_and_audits_nothing(
    counted: dict[str, str], service: StatisticsService, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "taken.csv"
    out.write_text("keep me")
    audited = len(entries_of(service._session))
    with pytest.raises(errors.Conflict):
        service.export_csv(out, DAY0, DAY1)
    assert out.read_text() == "keep me"
    assert len(entries_of(service._session)) == audited
    service.export_csv(out, DAY0, DAY1, overwrite=True)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert [f.name for f in folder.iterdir()] == ["taken.csv"]  # no temporary left


def test_chart_export_writes_png_bytes_and_is_audited(
    counted: dict[str, str], service: StatisticsService, tmp_path: Path
) -> None:
    stats = service.report(DAY0, DAY1)
    png = b"\x89PNG\r\n\x1a\n" + b"rest of a picture"
    out = tmp_path / "chart.png"
    service.export_chart(out, png, stats, by=Grouping.CENTER)
    assert out.read_bytes() == png
    last = entries_of(service._session)[-1]
    assert (last.action, last.result) == ("stats-export", "png 2 bars")
    with pytest.raises(errors.InvalidInput):
        service.export_chart(tmp_path / "not.png", b"GIF89a", stats)


# -- the command -------------------------------------------------------------------------------


@pytest.fixture
def stats_cli(
    test_vault: TestVault, monkeypatch: pytest.MonkeyPatch
) -> Iterator[argparse.ArgumentParser]:
    from reservations.cli import _Parser
    from reservations.cli_stats import add_stats_parser

    monkeypatch.setenv("RESDESK_USER", SUPERVISOR[0])
    monkeypatch.setenv("RESDESK_PASSWORD", SUPERVISOR[1])
    parser = _Parser(prog="resdesk")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    add_stats_parser(sub, _Parser)
    yield parser


def _run(
    parser: argparse.ArgumentParser, db: Path, *argv: str, json_mode: bool = True
) -> tuple[str, str]:
    from reservations.cli import Output
    from reservations.cli_stats import run_stats_command

    out, err = io.StringIO(), io.StringIO()
    args = parser.parse_args(["stats", *argv])
    assert run_stats_command(args, db, Output(json_mode, out, err)) == 0
    return out.getvalue(), err.getvalue()


def test_the_stats_command(
    counted: dict[str, str],
    test_vault: TestVault,
    stats_cli: argparse.ArgumentParser,
    tmp_path: Path,
) -> None:
    period = ("--from", DAY0.isoformat(), "--to", DAY1.isoformat())
    out, err = _run(stats_cli, test_vault.path, *period)
    data = json.loads(out)
    assert data["total"]["booked"] == 8 and data["total"]["fill_rate"] == 0.5
    assert [row["date"] for row in data["by_day"]] == [DAY0.isoformat(), DAY1.isoformat()]
    assert data["by_center"][0] == {"center": A, **_cell_json(6, 8, 3, 1, 2, 2, 4, 1)}

    out, err = _run(
        stats_cli, test_vault.path, *period, "--by", "center", "--center", B, json_mode=False
    )
    lines = out.splitlines()
    assert lines[0].split() == [
        "center", "capacity", "booked", "fill", "attended", "no-show", "cancelled", "to", "come",
    ]  # fmt: skip
    assert lines[1].split() == [B, "8", "2", "25.0%", "1", "1", "0", "0"]
    assert lines[2].split() == ["total", "8", "2", "25.0%", "1", "1", "0", "0"]
    assert B in err

    csv_out = tmp_path / "stats.csv"
    _run(stats_cli, test_vault.path, *period, "--csv", str(csv_out))
    assert _read_csv(csv_out)[-1] == ["total", "16", "8", "50.0", "4", "2", "2", "2", "8", "1"]
    with pytest.raises(errors.Conflict):
        _run(stats_cli, test_vault.path, *period, "--csv", str(csv_out))
    _run(stats_cli, test_vault.path, *period, "--csv", str(csv_out), "--force")


def _cell_json(
    booked: int, capacity: int, attended: int, no_show: int, cancelled: int, still: int,
    open_slots: int, closed: int,
) -> dict[str, object]:  # fmt: skip
    return {
        "capacity": capacity,
        "booked": booked,
        "fill_rate": round(booked / capacity, 4),
        "attended": attended,
        "no_show": no_show,
        "cancelled": cancelled,
        "still_booked": still,
        "open_slots": open_slots,
        "closed_slots": closed,
    }


def test_an_operator_is_refused_by_the_command(
    test_vault: TestVault, stats_cli: argparse.ArgumentParser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RESDESK_USER", OPERATOR[0])
    monkeypatch.setenv("RESDESK_PASSWORD", OPERATOR[1])
    with pytest.raises(errors.NotPermitted):
        _run(stats_cli, test_vault.path)
