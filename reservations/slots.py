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
    reader = csv.reader(io.StringIO(text))
    for index, record in enumerate(reader, start=1):
        cells = [unicodedata.normalize("NFKC", c).strip() for c in record]
        if not any(cells):
            continue
        if index == 1 and [_HEADER_ALIASES.get(c.lower(), c) for c in cells] == list(CSV_COLUMNS):
            continue
        if len(cells) != len(CSV_COLUMNS):
            problems.append(
                f"line {index}: expected 5 columns (center,date,start,end,capacity), "
                f"found {len(cells)}"
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
            problems.append(f"line {index}: " + "; ".join(line_problems))
        else:
            rows.append(SlotRow(index, center, date, start, end, capacity))
    return rows, problems


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
        return self.import_csv_text(decode_csv_bytes(raw), create_centers=create_centers)

    def import_csv_text(self, text: str, *, create_centers: bool = False) -> ImportResult:
        """Create or update slots from CSV text; any bad row means nothing is imported."""
        s = self._session
        s.require(Permission.IMPORT_SLOTS)
        rows, problems = parse_slot_csv(text)
        seen: dict[tuple[str, dt.date, dt.time], int] = {}
        for row in rows:
            key = (row.center, row.date, row.start)
            if key in seen:
                problems.append(f"line {row.line}: the same slot as line {seen[key]}")
            else:
                seen[key] = row.line
        with s.store.unit_of_work(write=True) as uow:
            known = {c.name: c.id for c in uow.list_centers()}
            unknown = sorted({r.center for r in rows} - known.keys())
            if unknown and not create_centers:
                err = _unknown_centers(uow, unknown)
                problems.insert(0, err.message)
            created = updated = unchanged = 0
            if not problems:
                new_centers = []
                for name in unknown:
                    known[name] = uow.add_center(name).id
                    new_centers.append(name)
                for row in rows:
                    existing = uow.find_slot(known[row.center], row.date, row.start)
                    if existing is None:
                        uow.add_slot(known[row.center], row.date, row.start, row.end, row.capacity)
                        created += 1
                    elif existing.capacity == row.capacity and existing.end == row.end:
                        unchanged += 1
                    elif row.capacity < existing.booked:
                        problems.append(
                            f"line {row.line}: capacity {row.capacity} is below the "
                            f"{existing.booked} seats already booked"
                        )
                    else:
                        uow.update_slot(existing.id, row.end, row.capacity)
                        updated += 1
            if problems:
                raise errors.InvalidInput(
                    f"The CSV file has {len(problems)} problem(s); nothing was imported:\n"
                    + "\n".join(problems),
                    field="file",
                )
            s.audit(uow, "slots-import", f"{created} created, {updated} updated")
            uow.commit()
        return ImportResult(created, updated, unchanged, tuple(new_centers))


def _unknown_centers(uow: UnitOfWork, names: list[str]) -> errors.InvalidInput:
    known = ", ".join(c.name for c in uow.list_centers()) or "none yet"
    return errors.InvalidInput(
        f"Unknown center(s): {', '.join(names)}. Known centers: {known}. Fix the name, or "
        "use --create-centers to add new centers.",
        field="center",
    )
