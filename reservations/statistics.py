"""Statistics for supervisors: seats offered and taken per center and per day, and how the
bookings ended (attended, no-show, cancelled, still to come).

Only counts are read: the store aggregates slots and reservation statuses with SQL and never
touches a personal column, so looking at statistics is not audited; exporting them is
("stats-export").  A reservation erased at the person's request keeps its slot and status
and counts like any other.

How seats are counted:

- **capacity** is the sum of the capacities of the *open* slots: a closed slot offers no
  seat.  How many slots were closed is reported beside it (``closed_slots``).
- **booked** is every reservation that was not cancelled: still booked + attended +
  no-show, in whatever slot holds it.  A booking still sitting in a closed slot (its
  call-back not done yet) therefore counts as booked against no capacity, and the fill rate
  can pass 100 %: that is the call-back list showing, not an error.
- **fill rate** is booked / capacity, and ``None`` when no seat was offered (shown as "—").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from reservations import errors
from reservations.domain import Center
from reservations.files import atomic_file
from reservations.permissions import Permission
from reservations.spreadsheet_csv import spreadsheet_csv_bytes

if TYPE_CHECKING:
    from reservations.session import Session

# Around today when the contract period is not set: 15 days back, 14 ahead.
DEFAULT_DAYS_BEFORE = 15
DEFAULT_DAYS_AFTER = 14
# A longer period draws bars a pixel wide and says nothing more; two years covers any
# contract the ward signs (they run for one fiscal year).
MAX_DAYS = 731


class Grouping(StrEnum):
    DAY = "day"
    CENTER = "center"


@dataclass(frozen=True)
class Counts:
    """Seats and reservations of some slots (one center's day, a day, a center, a period)."""

    capacity: int = 0  # seats of the open slots
    open_slots: int = 0
    closed_slots: int = 0
    still_booked: int = 0
    attended: int = 0
    no_show: int = 0
    cancelled: int = 0

    @property
    def booked(self) -> int:
        """Reservations that took a seat: everything but cancelled."""
        return self.still_booked + self.attended + self.no_show

    @property
    def fill_rate(self) -> float | None:
        """booked / capacity; None when no seat was offered."""
        return None if self.capacity == 0 else self.booked / self.capacity

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            capacity=self.capacity + other.capacity,
            open_slots=self.open_slots + other.open_slots,
            closed_slots=self.closed_slots + other.closed_slots,
            still_booked=self.still_booked + other.still_booked,
            attended=self.attended + other.attended,
            no_show=self.no_show + other.no_show,
            cancelled=self.cancelled + other.cancelled,
        )

    def to_json(self) -> dict[str, object]:
        rate = self.fill_rate
        return {
            "capacity": self.capacity,
            "booked": self.booked,
            "fill_rate": None if rate is None else round(rate, 4),
            "attended": self.attended,
            "no_show": self.no_show,
            "cancelled": self.cancelled,
            "still_booked": self.still_booked,
            "open_slots": self.open_slots,
            "closed_slots": self.closed_slots,
        }


def _sum(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for item in counts:
        total = total + item
    return total


@dataclass(frozen=True)
class DayCenterCounts:
    date: dt.date
    center_id: int
    center: str
    counts: Counts


@dataclass(frozen=True)
class Group:
    """One line of a table or one bar of the chart: a day or a center, with its counts."""

    key: str  # the day (ISO) or the center's name
    date: dt.date | None
    center_id: int | None
    counts: Counts


@dataclass(frozen=True)
class Statistics:
    """Counts for a period, one center or all, with the per-day and per-center views."""

    first: dt.date
    last: dt.date
    center: Center | None  # None: all centers
    cells: tuple[DayCenterCounts, ...]
    by_day: tuple[Group, ...] = field(init=False)
    by_center: tuple[Group, ...] = field(init=False)
    total: Counts = field(init=False)

    def __post_init__(self) -> None:
        days: dict[dt.date, list[Counts]] = {}
        centers: dict[int, tuple[str, list[Counts]]] = {}
        for cell in self.cells:
            days.setdefault(cell.date, []).append(cell.counts)
            centers.setdefault(cell.center_id, (cell.center, []))[1].append(cell.counts)
        by_day = tuple(
            Group(day.isoformat(), day, None, _sum(counts)) for day, counts in sorted(days.items())
        )
        by_center = tuple(
            Group(name, None, center_id, _sum(counts))
            for center_id, (name, counts) in sorted(centers.items())
        )
        # Frozen: set the derived views once, here.
        object.__setattr__(self, "by_day", by_day)
        object.__setattr__(self, "by_center", by_center)
        object.__setattr__(self, "total", _sum(cell.counts for cell in self.cells))

    def groups(self, by: Grouping) -> tuple[Group, ...]:
        return self.by_day if by is Grouping.DAY else self.by_center

    def describe(self) -> str:
        """The period and center in a few words, for an audit entry (no personal data)."""
        where = "all centers" if self.center is None else f"center {self.center.name}"
        return f"{self.first.isoformat()}..{self.last.isoformat()} {where}"

    def to_json(self) -> dict[str, object]:
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "center": None if self.center is None else self.center.name,
            "total": self.total.to_json(),
            "by_day": [{"date": g.key, **g.counts.to_json()} for g in self.by_day],
            "by_center": [{"center": g.key, **g.counts.to_json()} for g in self.by_center],
            "by_day_and_center": [
                {"date": c.date.isoformat(), "center": c.center, **c.counts.to_json()}
                for c in self.cells
            ],
        }


# The CSV's columns after the first (the day or the center), in order.
CSV_COLUMNS = (
    "capacity",
    "booked",
    "fill_rate_percent",
    "attended",
    "no_show",
    "cancelled",
    "still_booked",
    "open_slots",
    "closed_slots",
)
TOTAL_LABEL = "total"


def percent_text(rate: float | None) -> str:
    """87.5 for 0.875 (one decimal); empty when there was no capacity."""
    return "" if rate is None else f"{rate * 100:.1f}"


def csv_rows(stats: Statistics, by: Grouping) -> list[list[str]]:
    """The table as CSV rows: header, one row per day or center, then the total."""

    def values(counts: Counts) -> list[str]:
        return [
            str(counts.capacity),
            str(counts.booked),
            percent_text(counts.fill_rate),
            str(counts.attended),
            str(counts.no_show),
            str(counts.cancelled),
            str(counts.still_booked),
            str(counts.open_slots),
            str(counts.closed_slots),
        ]

    rows = [[by.value, *CSV_COLUMNS]]
    rows += [[group.key, *values(group.counts)] for group in stats.groups(by)]
    rows.append([TOTAL_LABEL, *values(stats.total)])
    return rows


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int  # days or centers written (the total row not counted)


class StatisticsService:
    """What the dashboard and ``resdesk stats`` call; every method is for supervisors."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def centers(self) -> list[Center]:
        s = self._session
        s.require(Permission.VIEW_STATISTICS)
        with s.store.unit_of_work(write=False) as uow:
            return uow.list_centers()

    def center_named(self, name: str) -> Center:
        """The center called ``name`` (as the CLI's --center gives it)."""
        s = self._session
        s.require(Permission.VIEW_STATISTICS)
        with s.store.unit_of_work(write=False) as uow:
            center = uow.center_by_name(name.strip())
        if center is None:
            raise errors.NotFound(
                f"There is no center named {name.strip()!r}; 'resdesk slots list' shows them."
            )
        return center

    def default_period(self) -> tuple[dt.date, dt.date]:
        """The contract period when it is set, else the 30 days around today."""
        from reservations.contract import read_contract

        s = self._session
        s.require(Permission.VIEW_STATISTICS)
        with s.store.unit_of_work(write=False) as uow:
            contract = read_contract(uow)
        if contract.start is not None and contract.end is not None:
            return contract.start, contract.end
        today = s.now().date()
        return (
            today - dt.timedelta(days=DEFAULT_DAYS_BEFORE),
            today + dt.timedelta(days=DEFAULT_DAYS_AFTER),
        )

    def report(self, first: dt.date, last: dt.date, center_id: int | None = None) -> Statistics:
        """Counts per center and day from ``first`` to ``last`` (inclusive); not audited."""
        s = self._session
        s.require(Permission.VIEW_STATISTICS)
        _check_period(first, last)
        with s.store.unit_of_work(write=False) as uow:
            center: Center | None = None
            if center_id is not None:
                center = next((c for c in uow.list_centers() if c.id == center_id), None)
                if center is None:
                    raise errors.NotFound(
                        "That center no longer exists; choose another or all centers."
                    )
            rows = uow.statistics_by_day_center(first, last, center_id)
        cells = tuple(
            DayCenterCounts(
                date=dt.date.fromisoformat(day),
                center_id=cid,
                center=name,
                counts=Counts(
                    capacity=capacity,
                    open_slots=open_slots,
                    closed_slots=closed_slots,
                    still_booked=still_booked,
                    attended=attended,
                    no_show=no_show,
                    cancelled=cancelled,
                ),
            )
            for (
                day,
                cid,
                name,
                capacity,
                open_slots,
                closed_slots,
                still_booked,
                attended,
                no_show,
                cancelled,
            ) in rows
        )
        return Statistics(first, last, center, cells)

    def export_csv(
        self,
        path: Path,
        first: dt.date,
        last: dt.date,
        center_id: int | None = None,
        *,
        by: Grouping = Grouping.DAY,
        overwrite: bool = False,
    ) -> ExportResult:
        """Write the table as CSV (``reservations.spreadsheet_csv``); audited.

        Counts only, no personal data: the file is not a copy for the register, but the
        export is audited ("stats-export") before the file is published.
        """
        stats = self.report(first, last, center_id)
        rows = csv_rows(stats, by)
        data = spreadsheet_csv_bytes(rows)
        self._write(
            path, data, overwrite, f"{stats.describe()} by {by.value}", f"csv {len(rows) - 2} rows"
        )
        return ExportResult(path, len(rows) - 2)

    def export_chart(
        self,
        path: Path,
        png: bytes,
        stats: Statistics,
        *,
        by: Grouping = Grouping.DAY,
        overwrite: bool = False,
    ) -> ExportResult:
        """Write the chart the window drew (PNG bytes) for ``stats``; audited like the CSV."""
        self._session.require(Permission.VIEW_STATISTICS)
        if not png.startswith(b"\x89PNG\r\n\x1a\n"):
            raise errors.InvalidInput("The chart could not be drawn as a PNG picture.", "png")
        rows = len(stats.groups(by))
        self._write(path, png, overwrite, f"{stats.describe()} by {by.value}", f"png {rows} bars")
        return ExportResult(path, rows)

    def _write(self, path: Path, data: bytes, overwrite: bool, target: str, result: str) -> None:
        s = self._session
        s.require(Permission.VIEW_STATISTICS)

        def record(_finished: Path) -> None:
            # Audited before the file is published: no export without its entry.
            with s.store.unit_of_work(write=True) as uow:
                s.audit(uow, "stats-export", target, result)
                uow.commit()

        with atomic_file(path, overwrite=overwrite, on_written=record) as stream:
            stream.write(data)


def _check_period(first: dt.date, last: dt.date) -> None:
    if last < first:
        raise errors.InvalidInput("The period ends before it starts; check the two dates.", "to")
    if (last - first).days + 1 > MAX_DAYS:
        raise errors.InvalidInput(
            f"The period is longer than {MAX_DAYS} days; choose a shorter one.", "to"
        )
