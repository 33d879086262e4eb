"""Centers and slots: listing with seats left, and the all-or-nothing CSV import.

The CSV is what a supervisor keeps in Excel: ``center,date,start,end,capacity``, UTF-8 (with
or without BOM) or Shift_JIS/cp932 as Japanese Excel saves it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reservations import errors
from reservations.booking import parse_date
from reservations.domain import Slot
from reservations.permissions import Permission
from reservations.session import Session
from reservations.store import UnitOfWork

CSV_COLUMNS = ("center", "date", "start", "end", "capacity")
# Japanese headers a supervisor may have typed in Excel.
_HEADER_ALIASES = {
    "center": "center",
    "センター": "center",
    "地域センター": "center",
    "会場": "center",
    "date": "date",
    "日付": "date",
    "start": "start",
    "開始": "start",
    "end": "end",
    "終了": "end",
    "capacity": "capacity",
    "定員": "capacity",
}
MAX_CAPACITY = 10_000
MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class SlotRow:
    line: int
    center: str
    date: dt.date
    start: dt.time
    end: dt.time
    capacity: int


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    centers_created: tuple[str, ...]


class ImportAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass(frozen=True)
class ImportLine:
    """What importing would do with one line of the CSV.

    ``cells`` are the line's cells as read; ``before`` is the slot as it is now (for an
    update or an unchanged line); ``problem`` says what is wrong with an ``error`` line.
    """

    line: int
    action: ImportAction
    cells: tuple[str, ...]
    row: SlotRow | None = None
    before: Slot | None = None
    problem: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "line": self.line,
            "action": self.action.value,
            "cells": list(self.cells),
            "before": None if self.before is None else self.before.to_json(),
            "problem": self.problem,
        }


@dataclass(frozen=True)
class ImportPreview:
    """What ``import_csv_text`` would do, line by line, without saving anything."""

    lines: tuple[ImportLine, ...]
    centers_created: tuple[str, ...]
    problems: tuple[str, ...]  # every problem, as the import would report them

    def count(self, action: ImportAction) -> int:
        return sum(1 for line in self.lines if line.action is action)

    @property
    def ok(self) -> bool:
        return not self.problems

    def result(self) -> ImportResult:
        """The result the import will return (when ``ok``)."""
        return ImportResult(
            self.count(ImportAction.CREATE),
            self.count(ImportAction.UPDATE),
            self.count(ImportAction.UNCHANGED),
            self.centers_created,
        )

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "created": self.count(ImportAction.CREATE),
            "updated": self.count(ImportAction.UPDATE),
            "unchanged": self.count(ImportAction.UNCHANGED),
            "errors": self.count(ImportAction.ERROR),
            "centers_created": list(self.centers_created),
            "problems": list(self.problems),
            "lines": [line.to_json() for line in self.lines],
        }


def decode_csv_bytes(raw: bytes) -> str:
    """UTF-8 (BOM optional) first, then cp932; anything else is refused with a clear sentence."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp932")
    except UnicodeDecodeError:
        raise errors.InvalidInput(
            "The CSV file is neither UTF-8 nor Shift_JIS; save it again as CSV (UTF-8).",
            field="file",
        ) from None


def parse_time(text: str) -> dt.time:
    value = unicodedata.normalize("NFKC", text).strip().replace("：", ":")
    parts = value.split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ValueError(value)
    hour, minute = int(parts[0]), int(parts[1])
    return dt.time(hour, minute)


def parse_slot_csv(text: str) -> tuple[list[SlotRow], list[str]]:
    """Rows and the problems found, each problem with its line number."""
    rows: list[SlotRow] = []
    problems: list[str] = []
    for item in _parse_lines(text):
        if isinstance(item, SlotRow):
            rows.append(item)
        else:
            problems.append(f"line {item.line}: {item.problem}")
    return rows, problems


@dataclass(frozen=True)
class _LineProblem:
    line: int
    cells: tuple[str, ...]
    problem: str


def _parse_lines(text: str) -> list[SlotRow | _LineProblem]:
    """Each non-empty line after the header: a slot row, or what is wrong with it."""
    out: list[SlotRow | _LineProblem] = []
    reader = csv.reader(io.StringIO(text))
    for index, record in enumerate(reader, start=1):
        cells = [unicodedata.normalize("NFKC", c).strip() for c in record]
        if not any(cells):
            continue
        if index == 1 and [_HEADER_ALIASES.get(c.lower(), c) for c in cells] == list(CSV_COLUMNS):
            continue
        if len(cells) != len(CSV_COLUMNS):
            out.append(
                _LineProblem(
                    index,
                    tuple(cells),
                    f"expected 5 columns (center,date,start,end,capacity), found {len(cells)}",
                )
            )
            continue
        center, date_text, start_text, end_text, capacity_text = cells
        line_problems: list[str] = []
        if not center:
            line_problems.append("center is empty")
        try:
            date = parse_date(date_text)
        except errors.InvalidInput:
            line_problems.append("date must be YYYY-MM-DD")
            date = dt.date.min
        try:
            start = parse_time(start_text)
            end = parse_time(end_text)
            if end <= start:
                line_problems.append("end must be after start")
        except ValueError:
            line_problems.append("start and end must be times like 10:00")
            start = end = dt.time.min
        if not capacity_text.isdigit() or not 0 <= int(capacity_text) <= MAX_CAPACITY:
            line_problems.append(f"capacity must be a whole number from 0 to {MAX_CAPACITY}")
            capacity = 0
        else:
            capacity = int(capacity_text)
        if line_problems:
            out.append(_LineProblem(index, tuple(cells), "; ".join(line_problems)))
        else:
            out.append(SlotRow(index, center, date, start, end, capacity))
    return out


@dataclass(frozen=True)
class CenterAvailability:
    """Seats a center still has: today (slots not yet begun) and over the coming week."""

    center_id: int
    name: str
    left_today: int
    left_week: int


class SlotService:
    """Slots and centers: listing for everyone, import for supervisors."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def list_slots(
        self, center: str | None = None, date: str | dt.date | None = None
    ) -> list[Slot]:
        s = self._session
        s.require(Permission.LIST_SLOTS)
        with s.store.unit_of_work(write=False) as uow:
            center_id = None
            if center:
                wanted = unicodedata.normalize("NFKC", center).strip()
                found = uow.center_by_name(wanted)
                if found is None:
                    raise _unknown_centers(uow, [wanted])
                center_id = found.id
            return uow.list_slots(center_id, parse_date(date) if date else None)

    def slots_between(
        self, first: dt.date, last: dt.date, center_id: int | None = None
    ) -> list[Slot]:
        s = self._session
        s.require(Permission.LIST_SLOTS)
        with s.store.unit_of_work(write=False) as uow:
            return uow.list_slots_between(center_id, first, last)

    def center_overview(self) -> list[CenterAvailability]:
        """Every center with its seats left today and in the 7 days from today."""
        s = self._session
        s.require(Permission.LIST_SLOTS)
        now = s.now()
        today = now.date()
        with s.store.unit_of_work(write=False) as uow:
            centers = uow.list_centers()
            slots = uow.list_slots_between(None, today, today + dt.timedelta(days=6))
        today_left = dict.fromkeys((c.id for c in centers), 0)
        week_left = dict.fromkeys((c.id for c in centers), 0)
        for slot in slots:
            if not slot.is_open or slot.starts_at <= now:
                continue
            week_left[slot.center_id] += slot.available
            if slot.date == today:
                today_left[slot.center_id] += slot.available
        return [
            CenterAvailability(c.id, c.name, today_left[c.id], week_left[c.id]) for c in centers
        ]

    def list_centers(self) -> list[str]:
        s = self._session
        s.require(Permission.LIST_SLOTS)
        with s.store.unit_of_work(write=False) as uow:
            return [c.name for c in uow.list_centers()]

    def import_csv_file(self, path: Path, *, create_centers: bool = False) -> ImportResult:
        return self.import_csv_text(read_csv_file(path), create_centers=create_centers)

    def preview_csv_file(self, path: Path, *, create_centers: bool = False) -> ImportPreview:
        return self.preview_csv_text(read_csv_file(path), create_centers=create_centers)

    def preview_csv_text(self, text: str, *, create_centers: bool = False) -> ImportPreview:
        """What ``import_csv_text`` would do with ``text``, line by line; saves nothing."""
        s = self._session
        s.require(Permission.IMPORT_SLOTS)
        with s.store.unit_of_work(write=False) as uow:
            return _preview(uow, text, create_centers)

    def import_csv_text(self, text: str, *, create_centers: bool = False) -> ImportResult:
        """Create or update slots from CSV text; any bad row means nothing is imported."""
        s = self._session
        s.require(Permission.IMPORT_SLOTS)
        with s.store.unit_of_work(write=True) as uow:
            # The preview decides; the import only carries it out, so both always agree.
            preview = _preview(uow, text, create_centers)
            if not preview.ok:
                raise errors.InvalidInput(
                    f"The CSV file has {len(preview.problems)} problem(s); nothing was imported:\n"
                    + "\n".join(preview.problems),
                    field="file",
                )
            known = {c.name: c.id for c in uow.list_centers()}
            for name in preview.centers_created:
                known[name] = uow.add_center(name).id
            for line in preview.lines:
                row = line.row
                assert row is not None
                if line.action is ImportAction.CREATE:
                    uow.add_slot(known[row.center], row.date, row.start, row.end, row.capacity)
                elif line.action is ImportAction.UPDATE:
                    assert line.before is not None
                    uow.update_slot(line.before.id, row.end, row.capacity)
            result = preview.result()
            s.audit(uow, "slots-import", f"{result.created} created, {result.updated} updated")
            uow.commit()
        return result


def read_csv_file(path: Path) -> str:
    """The text of a slot CSV file, with one sentence for every way reading it can fail."""
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_FILE_BYTES:
            raise errors.InvalidInput("The CSV file is too large to be a slot list.", "file")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise errors.NotFound("The CSV file does not exist; check the path.") from None
    except IsADirectoryError:
        raise errors.InvalidInput("The path is a folder, not a CSV file.", "file") from None
    except PermissionError:
        raise errors.InvalidInput(
            "The CSV file cannot be read (permission denied).", "file"
        ) from None
    return decode_csv_bytes(raw)


def _preview(uow: UnitOfWork, text: str, create_centers: bool) -> ImportPreview:
    items = _parse_lines(text)
    known = {c.name: c.id for c in uow.list_centers()}
    rows = [item for item in items if isinstance(item, SlotRow)]
    unknown = sorted({r.center for r in rows} - known.keys())
    general: list[str] = []
    if unknown and not create_centers:
        general.append(_unknown_centers(uow, unknown).message)
    seen: dict[tuple[str, dt.date, dt.time], int] = {}
    lines: list[ImportLine] = []
    for item in items:
        if isinstance(item, _LineProblem):
            lines.append(
                ImportLine(item.line, ImportAction.ERROR, item.cells, problem=item.problem)
            )
            continue
        row = item
        cells = (
            row.center,
            row.date.isoformat(),
            f"{row.start:%H:%M}",
            f"{row.end:%H:%M}",
            str(row.capacity),
        )
        key = (row.center, row.date, row.start)
        if key in seen:
            lines.append(
                ImportLine(
                    row.line,
                    ImportAction.ERROR,
                    cells,
                    row,
                    problem=f"the same slot as line {seen[key]}",
                )
            )
            continue
        seen[key] = row.line
        if row.center not in known:
            if create_centers:
                lines.append(ImportLine(row.line, ImportAction.CREATE, cells, row))
            else:
                lines.append(
                    ImportLine(row.line, ImportAction.ERROR, cells, row, problem="unknown center")
                )
            continue
        existing = uow.find_slot(known[row.center], row.date, row.start)
        if existing is None:
            lines.append(ImportLine(row.line, ImportAction.CREATE, cells, row))
        elif existing.capacity == row.capacity and existing.end == row.end:
            lines.append(ImportLine(row.line, ImportAction.UNCHANGED, cells, row, existing))
        elif row.capacity < existing.booked:
            lines.append(
                ImportLine(
                    row.line,
                    ImportAction.ERROR,
                    cells,
                    row,
                    existing,
                    f"capacity {row.capacity} is below the {existing.booked} seats already booked",
                )
            )
        else:
            lines.append(ImportLine(row.line, ImportAction.UPDATE, cells, row, existing))
    lines.sort(key=lambda line: line.line)
    problems = general + [
        f"line {line.line}: {line.problem}"
        for line in lines
        if line.action is ImportAction.ERROR and line.problem != "unknown center"
    ]
    return ImportPreview(tuple(lines), tuple(unknown) if create_centers else (), tuple(problems))


def _unknown_centers(uow: UnitOfWork, names: list[str]) -> errors.InvalidInput:
    known = ", ".join(c.name for c in uow.list_centers()) or "none yet"
    return errors.InvalidInput(
        f"Unknown center(s): {', '.join(names)}. Known centers: {known}. Fix the name, or "
        "use --create-centers to add new centers.",
        field="center",
    )
