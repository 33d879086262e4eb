"""Slot planning for supervisors, and the call-backs it causes for operators.

A supervisor generates a period's slots from a weekly pattern (days of the week, a daily time
pattern, a capacity); Japanese public holidays (``jpholiday``, kept up to date upstream) and,
when the contract says so, the municipal year-end closure 12/29–1/3 are skipped, as are the
dates the supervisor lists.  Closing a slot or a whole day that has bookings puts each booking
on a call-back list; operators phone those people and record what became of each booking.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

import jpholiday

from reservations import errors
from reservations.booking import BookingService, center_id_by_name, parse_date
from reservations.contract import is_year_end_closure, read_contract
from reservations.domain import JST, Center, CopyKind, Reservation, Slot, Status
from reservations.normalize import format_phone_national, normalize_label, normalize_note
from reservations.permissions import Permission
from reservations.session import Session
from reservations.spreadsheet_csv import spreadsheet_csv_bytes
from reservations.store import SearchQuery, UnitOfWork

MAX_PLAN_DAYS = 366  # "at most a year", leap years included
MIN_EVERY_MINUTES = 5
MAX_EVERY_MINUTES = 8 * 60
MAX_PLAN_CAPACITY = 100
MAX_REASON_LENGTH = 100
MAX_CENTER_NAME = 50
MAX_LISTED_CALLBACKS = 2000
_AUDIT_TARGET_LIMIT = 1000
_FETCH_PAGE = 5000

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_JA = "月火水木金土日"


def parse_weekdays(text: str) -> frozenset[int]:
    """``mon,tue,fri`` or ``mon-fri`` (also ``月,火`` / ``月-金``) as weekday numbers, Monday 0."""
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    days: set[int] = set()

    def one(word: str) -> int:
        word = word.strip()
        if word[:3] in WEEKDAY_KEYS:
            return WEEKDAY_KEYS.index(word[:3])
        if len(word) >= 1 and word[0] in _WEEKDAY_JA:
            return _WEEKDAY_JA.index(word[0])
        raise errors.InvalidInput(
            f"weekdays: '{word}' is not a day; use mon,tue,wed,thu,fri,sat,sun or a range "
            "like mon-fri.",
            "weekdays",
        )

    for part in folded.replace("、", ",").split(","):
        if not part.strip():
            continue
        if "-" in part:
            first, last = (one(w) for w in part.split("-", 1))
            if last < first:
                raise errors.InvalidInput(
                    "weekdays: a range runs from Monday towards Sunday, like mon-fri.", "weekdays"
                )
            days.update(range(first, last + 1))
        else:
            days.add(one(part))
    if not days:
        raise errors.InvalidInput("weekdays: choose at least one day of the week.", "weekdays")
    return frozenset(days)


def parse_clock_time(text: str, field_name: str) -> dt.time:
    value = unicodedata.normalize("NFKC", text).strip()
    try:
        hour_text, minute_text = value.split(":")
        return dt.time(int(hour_text), int(minute_text))
    except ValueError:
        raise errors.InvalidInput(
            f"{field_name}: use a time like 10:00 (24-hour clock).", field_name
        ) from None


class SkipReason(StrEnum):
    HOLIDAY = "holiday"
    YEAR_END = "year-end"
    EXCEPTION = "exception"
    EXISTS = "exists"
    PAST = "past"


@dataclass(frozen=True)
class GenerationRequest:
    """What the supervisor asked for; checked by ``SlotPlanningService.generate``.

    ``year_end_closure`` ``None`` follows the contract's setting.  Each slot lasts
    ``every_minutes``; the last one ends at or before ``end``.
    """

    center: str
    first: dt.date
    last: dt.date
    weekdays: frozenset[int]
    start: dt.time
    end: dt.time
    every_minutes: int
    capacity: int
    skip_holidays: bool = True
    year_end_closure: bool | None = None
    exceptions: frozenset[dt.date] = frozenset()

    def times(self) -> list[tuple[dt.time, dt.time]]:
        """The daily pattern: (start, end) of every slot of one day."""
        day = dt.date(2000, 1, 1)
        step = dt.timedelta(minutes=self.every_minutes)
        at = dt.datetime.combine(day, self.start)
        close = dt.datetime.combine(day, self.end)
        out = []
        while at + step <= close:
            out.append((at.time(), (at + step).time()))
            at += step
        return out


@dataclass(frozen=True)
class PlannedSlot:
    date: dt.date
    start: dt.time
    end: dt.time

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "start": f"{self.start:%H:%M}",
            "end": f"{self.end:%H:%M}",
        }


@dataclass(frozen=True)
class Skipped:
    """A day (``start`` None) or one slot that generation left out, and why.

    ``detail`` is the holiday's Japanese name for ``HOLIDAY``.
    """

    date: dt.date
    reason: SkipReason
    detail: str = ""
    start: dt.time | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "start": None if self.start is None else f"{self.start:%H:%M}",
            "reason": self.reason.value,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class GenerationPlan:
    """What generation creates (or, when not ``saved``, would create) and what it skips."""

    center: str
    capacity: int
    created: tuple[PlannedSlot, ...]
    skipped: tuple[Skipped, ...]
    saved: bool

    @property
    def skipped_days(self) -> tuple[Skipped, ...]:
        return tuple(s for s in self.skipped if s.start is None)

    @property
    def existing(self) -> tuple[Skipped, ...]:
        return tuple(s for s in self.skipped if s.reason is SkipReason.EXISTS)

    @property
    def days(self) -> int:
        return len({p.date for p in self.created})

    def to_json(self) -> dict[str, object]:
        return {
            "center": self.center,
            "capacity": self.capacity,
            "saved": self.saved,
            "created": [p.to_json() for p in self.created],
            "skipped": [s.to_json() for s in self.skipped],
        }


class Outcome(StrEnum):
    """What became of a booking in a closed slot after the call-back."""

    PENDING = "pending"  # not called yet
    REBOOKED = "rebooked"  # moved to an open slot (the receipt number stays)
    CANCELLED = "cancelled"  # the person no longer wants to come
    UNREACHABLE = "unreachable"  # no answer: the call-back stays open, try again
    KEPT = "kept"  # the slot was reopened; the booking stays where it was

    @property
    def is_open(self) -> bool:
        return self in (Outcome.PENDING, Outcome.UNREACHABLE)


RECORDABLE_OUTCOMES = (Outcome.REBOOKED, Outcome.CANCELLED, Outcome.UNREACHABLE, Outcome.KEPT)


def parse_outcome(text: str) -> Outcome:
    try:
        outcome = Outcome(unicodedata.normalize("NFKC", text).strip().lower())
    except ValueError:
        outcome = Outcome.PENDING
    if outcome not in RECORDABLE_OUTCOMES:
        names = ", ".join(o.value for o in RECORDABLE_OUTCOMES)
        raise errors.InvalidInput(f"outcome: use one of {names}.", "outcome")
    return outcome


@dataclass(frozen=True)
class Callback:
    """One booking to call back: the person (now), the slot that was closed, the outcome.

    ``reservation`` is the booking as it is now (it may have been moved or cancelled since);
    ``slot`` is the original slot that was closed.  ``history`` holds one line per recorded
    outcome (time, account, outcome, note), so an unreachable first attempt stays visible.
    """

    id: int
    reservation: Reservation
    slot: Slot
    reason: str
    created_at: str
    created_by: str
    outcome: Outcome
    outcome_at: str | None
    outcome_by: str | None
    history: str | None

    @property
    def receipt_display(self) -> str:
        return self.reservation.receipt_display

    @property
    def phone_national(self) -> str | None:
        phone = self.reservation.phone
        return format_phone_national(phone) if phone else None

    @property
    def original_slot_text(self) -> str:
        s = self.slot
        return f"{s.center} {s.date.isoformat()} {s.start:%H:%M}–{s.end:%H:%M}"

    def to_json(self) -> dict[str, object]:
        r = self.reservation
        return {
            "id": self.id,
            "receipt": r.receipt_display,
            "name": r.name,
            "kana": r.kana,
            "phone": self.phone_national,
            "center": self.slot.center,
            "date": self.slot.date.isoformat(),
            "start": f"{self.slot.start:%H:%M}",
            "end": f"{self.slot.end:%H:%M}",
            "slot_id": self.slot.id,
            "reason": self.reason,
            "created_at": self.created_at,
            "created_by": self.created_by,
            "outcome": self.outcome.value,
            "outcome_at": self.outcome_at,
            "outcome_by": self.outcome_by,
            "history": self.history,
            "status": r.status.value,
            "now": {
                "slot_id": r.slot_id,
                "center": r.center,
                "date": r.date.isoformat(),
                "start": f"{r.start:%H:%M}",
            },
        }


@dataclass(frozen=True)
class Closure:
    """The result of closing one slot or a whole day."""

    center: str
    date: dt.date
    start: dt.time | None  # None: the whole day
    reason: str
    closed: tuple[Slot, ...]  # closed now
    already_closed: tuple[Slot, ...]
    callbacks: tuple[Callback, ...]  # new call-backs, one per booking still booked

    def to_json(self) -> dict[str, object]:
        return {
            "center": self.center,
            "date": self.date.isoformat(),
            "start": None if self.start is None else f"{self.start:%H:%M}",
            "reason": self.reason,
            "closed": [s.to_json() for s in self.closed],
            "already_closed": [s.to_json() for s in self.already_closed],
            "callbacks": [c.to_json() for c in self.callbacks],
        }


@dataclass(frozen=True)
class Reopening:
    center: str
    date: dt.date
    start: dt.time | None
    reopened: tuple[Slot, ...]
    open_callbacks: int  # call-backs still open for these slots: record "kept" or rebook

    def to_json(self) -> dict[str, object]:
        return {
            "center": self.center,
            "date": self.date.isoformat(),
            "start": None if self.start is None else f"{self.start:%H:%M}",
            "reopened": [s.to_json() for s in self.reopened],
            "open_callbacks": self.open_callbacks,
        }


@dataclass
class _SlotCache:
    uow: UnitOfWork
    slots: dict[int, Slot] = field(default_factory=dict)

    def get(self, slot_id: int) -> Slot:
        if slot_id not in self.slots:
            found = self.uow.get_slot(slot_id)
            assert found is not None, "a call-back's slot is never deleted"
            self.slots[slot_id] = found
        return self.slots[slot_id]


class SlotPlanningService:
    """Generating, closing and reopening slots (supervisors); call-back outcomes (everyone)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # -- centers ---------------------------------------------------------------------------

    def add_center(self, name: str) -> Center:
        """A new community center (audited); its name must be new."""
        s = self._session
        s.require(Permission.PLAN_SLOTS)
        clean = normalize_label(name, "center", MAX_CENTER_NAME)
        if not clean:
            raise errors.InvalidInput("center: give the center's name.", "center")
        with s.store.unit_of_work(write=True) as uow:
            if uow.center_by_name(clean) is not None:
                raise errors.Conflict(f"A center named {clean} exists already; nothing was added.")
            center = uow.add_center(clean)
            s.audit(uow, "center-add", f"center {clean}")
            uow.commit()
        return center

    # -- generation ------------------------------------------------------------------------

    def generate(self, request: GenerationRequest, *, dry_run: bool = False) -> GenerationPlan:
        """Create the slots ``request`` describes, in one unit of work (audited).

        Slots that exist already are left as they are and reported as ``exists``; holidays,
        the year-end closure and the listed exception dates are reported with their reason.
        ``dry_run`` saves nothing and writes no audit entry: it is the preview.
        """
        s = self._session
        s.require(Permission.PLAN_SLOTS)
        today = s.now().date()
        self._check(request, today)
        with s.store.unit_of_work(write=not dry_run) as uow:
            center_id = center_id_by_name(uow, request.center)
            center = next(c for c in uow.list_centers() if c.id == center_id)
            year_end = request.year_end_closure
            if year_end is None:
                year_end = read_contract(uow).year_end_closure
            existing = {
                (slot.date, slot.start)
                for slot in uow.list_slots_between(center_id, request.first, request.last)
            }
            created: list[PlannedSlot] = []
            skipped: list[Skipped] = []
            now = s.now()
            for day in _days(request.first, request.last):
                if day.weekday() not in request.weekdays:
                    continue
                reason = _day_skip(day, request, year_end)
                if reason is not None:
                    skipped.append(reason)
                    continue
                for start, end in request.times():
                    if (day, start) in existing:
                        skipped.append(Skipped(day, SkipReason.EXISTS, start=start))
                    elif dt.datetime.combine(day, start, tzinfo=JST) <= now:
                        skipped.append(Skipped(day, SkipReason.PAST, start=start))
                    else:
                        created.append(PlannedSlot(day, start, end))
            plan = GenerationPlan(
                center.name, request.capacity, tuple(created), tuple(skipped), saved=False
            )
            if dry_run:
                return plan
            for planned in created:
                uow.add_slot(center_id, planned.date, planned.start, planned.end, request.capacity)
            s.audit(
                uow,
                "slots-generate",
                f"center {center.name} {request.first.isoformat()}..{request.last.isoformat()}",
                f"{len(created)} created, {len(plan.existing)} exist, "
                f"{len(plan.skipped_days)} days skipped",
            )
            uow.commit()
        return replace(plan, saved=True)

    @staticmethod
    def _check(request: GenerationRequest, today: dt.date) -> None:
        if request.last < request.first:
            raise errors.InvalidInput("to: the period ends before it starts.", "to")
        if request.first < today:
            raise errors.InvalidInput(
                f"from: slots cannot be made in the past; start on {today.isoformat()} or later.",
                "from",
            )
        if (request.last - request.first).days + 1 > MAX_PLAN_DAYS:
            raise errors.InvalidInput(
                "to: plan at most one year at a time; shorten the period.", "to"
            )
        if not request.weekdays or not request.weekdays <= set(range(7)):
            raise errors.InvalidInput("weekdays: choose at least one day of the week.", "weekdays")
        if not MIN_EVERY_MINUTES <= request.every_minutes <= MAX_EVERY_MINUTES:
            raise errors.InvalidInput(
                f"every: a slot lasts {MIN_EVERY_MINUTES} to {MAX_EVERY_MINUTES} minutes.", "every"
            )
        if request.end <= request.start:
            raise errors.InvalidInput("end: the day's last time must be after its start.", "end")
        if not request.times():
            raise errors.InvalidInput(
                f"end: not even one {request.every_minutes}-minute slot fits between "
                f"{request.start:%H:%M} and {request.end:%H:%M}.",
                "end",
            )
        if not 1 <= request.capacity <= MAX_PLAN_CAPACITY:
            raise errors.InvalidInput(
                f"capacity: give a number of seats from 1 to {MAX_PLAN_CAPACITY}.", "capacity"
            )

    # -- closing and reopening -------------------------------------------------------------

    def close(
        self, center: str, day: str | dt.date, reason: str, start: dt.time | None = None
    ) -> Closure:
        """Close one slot (``start``) or every slot of a day, and list who to call back.

        Each booking still booked in those slots gets a pending call-back (once: closing
        again adds none).  Returns the call-back list with names and phones, which is a read
        of personal data and audited as such, in the same unit of work as the closing.
        """
        s = self._session
        s.require(Permission.PLAN_SLOTS)
        date = parse_date(day)
        clean_reason = normalize_label(reason, "reason", MAX_REASON_LENGTH)
        if not clean_reason:
            raise errors.InvalidInput(
                "reason: say why the slot is closed (it is read to the people called back).",
                "reason",
            )
        if date < s.now().date():
            raise errors.InvalidInput("date: a day in the past cannot be closed.", "date")
        with s.store.unit_of_work(write=True) as uow:
            center_name, center_id, slots = _target_slots(uow, center, date, start)
            closed = tuple(slot for slot in slots if slot.is_open)
            already = tuple(slot for slot in slots if not slot.is_open)
            for slot in closed:
                uow.set_slot_open(slot.id, False)
            at = s.timestamp()
            new_ids = []
            slot_ids = {slot.id for slot in slots}
            for booking in _booked_in(uow, center_id, date, slot_ids):
                if not uow.open_callback_exists(booking.id, booking.slot_id):
                    new_ids.append(
                        uow.add_callback(
                            booking.id, booking.slot_id, clean_reason, at, s.account.name
                        )
                    )
            callbacks = tuple(_callbacks(uow, new_ids))
            when = f"{date.isoformat()} " + ("all day" if start is None else f"{start:%H:%M}")
            s.audit(
                uow,
                "slots-close",
                f"center {center_name} {when}",
                f"{len(closed)} closed, {len(callbacks)} call-backs",
            )
            if callbacks:
                s.audit(uow, "callbacks-view", _targets(callbacks), f"{len(callbacks)} listed")
            uow.commit()
        return Closure(center_name, date, start, clean_reason, closed, already, callbacks)

    def reopen(self, center: str, day: str | dt.date, start: dt.time | None = None) -> Reopening:
        """Open again a closed slot (``start``) or every closed slot of a day (audited).

        Open call-backs for these slots stay open: the operator tells the person the slot
        is back and records ``kept``, or rebooks them.
        """
        s = self._session
        s.require(Permission.PLAN_SLOTS)
        date = parse_date(day)
        with s.store.unit_of_work(write=True) as uow:
            center_name, _center_id, slots = _target_slots(uow, center, date, start)
            reopened = tuple(slot for slot in slots if not slot.is_open)
            for slot in reopened:
                uow.set_slot_open(slot.id, True)
            ids = {slot.id for slot in slots}
            still_open = sum(
                1 for row in uow.callback_rows(open_only=True, limit=1_000_000) if row[2] in ids
            )
            when = f"{date.isoformat()} " + ("all day" if start is None else f"{start:%H:%M}")
            s.audit(
                uow,
                "slots-reopen",
                f"center {center_name} {when}",
                f"{len(reopened)} reopened, {still_open} call-backs open",
            )
            uow.commit()
        return Reopening(center_name, date, start, reopened, still_open)

    # -- call-backs ------------------------------------------------------------------------

    def callbacks(
        self, *, open_only: bool = True, limit: int = MAX_LISTED_CALLBACKS
    ) -> list[Callback]:
        """Call-backs, oldest first: open ones (pending or unreachable) or all (audited read)."""
        s = self._session
        s.require(Permission.CALL_BACK)
        with s.store.unit_of_work(write=True) as uow:
            rows = uow.callback_rows(open_only=open_only, limit=max(1, limit))
            found = list(_from_rows(uow, rows))
            if found:
                s.audit(uow, "callbacks-view", _targets(found), f"{len(found)} listed")
                uow.commit()
        return found

    def get(self, callback_id: int) -> Callback:
        """One call-back (audited read)."""
        s = self._session
        s.require(Permission.CALL_BACK)
        with s.store.unit_of_work(write=True) as uow:
            found = _one(uow, callback_id)
            s.audit(uow, "callbacks-view", found.receipt_display, "1 listed")
            uow.commit()
        return found

    def record_outcome(
        self, callback_id: int, outcome: Outcome | str, note: str | None = None
    ) -> Callback:
        """Record what became of a call-back (audited; the note is kept, never audited).

        ``rebooked`` needs the booking moved to an open slot first; ``kept`` needs its slot
        reopened; ``cancelled`` cancels the booking (``BookingService.cancel``) if it is still
        booked.  A call-back takes one outcome; only after ``unreachable`` may another follow.
        """
        s = self._session
        s.require(Permission.CALL_BACK)
        chosen = outcome if isinstance(outcome, Outcome) else parse_outcome(outcome)
        if chosen not in RECORDABLE_OUTCOMES:
            raise errors.InvalidInput("outcome: 'pending' is not an outcome.", "outcome")
        clean_note = normalize_note(note) if note else ""
        with s.store.unit_of_work(write=False) as uow:
            current = _one(uow, callback_id)
            self._check_outcome(uow, current, chosen)
        if chosen is Outcome.CANCELLED and current.reservation.status is Status.BOOKED:
            cancel_reason = clean_note or f"slot closed: {current.reason}"
            BookingService(s).cancel(current.receipt_display, cancel_reason[:500])
        with s.store.unit_of_work(write=True) as uow:
            again = _one(uow, callback_id)
            if again.outcome != current.outcome:
                raise _already_recorded(again)
            at = s.timestamp()
            line = f"{at} {s.account.name} {chosen.value}" + (
                f": {clean_note}" if clean_note else ""
            )
            history = f"{again.history}\n{line}" if again.history else line
            uow.set_callback_outcome(callback_id, chosen.value, at, s.account.name, history)
            s.audit(
                uow, "callback-outcome", f"#{callback_id} {again.receipt_display}", chosen.value
            )
            recorded = _one(uow, callback_id)
            uow.commit()
        return recorded

    def rebook(self, callback_id: int, slot_id: int, note: str | None = None) -> Callback:
        """Move the booking to ``slot_id`` (``BookingService.move``) and record ``rebooked``."""
        s = self._session
        s.require(Permission.CALL_BACK)
        with s.store.unit_of_work(write=False) as uow:
            current = _one(uow, callback_id)
            if not current.outcome.is_open:
                raise _already_recorded(current)
        BookingService(s).move(current.receipt_display, slot_id)
        return self.record_outcome(callback_id, Outcome.REBOOKED, note)

    @staticmethod
    def _check_outcome(uow: UnitOfWork, current: Callback, chosen: Outcome) -> None:
        if not current.outcome.is_open:
            raise _already_recorded(current)
        booking = current.reservation
        receipt = booking.receipt_display
        if chosen is Outcome.REBOOKED:
            now_in = uow.get_slot(booking.slot_id)
            if booking.status is not Status.BOOKED or booking.slot_id == current.slot.id:
                raise errors.Conflict(
                    f"Booking {receipt} is still in the closed slot; move it to an open slot "
                    "first ('resdesk move'), then record rebooked."
                )
            if now_in is None or not now_in.is_open:
                raise errors.Conflict(
                    f"Booking {receipt} was moved to a slot that is closed too; move it to an "
                    "open slot first."
                )
        elif chosen is Outcome.KEPT:
            original = uow.get_slot(current.slot.id)
            if booking.status is not Status.BOOKED or booking.slot_id != current.slot.id:
                raise errors.Conflict(
                    f"Booking {receipt} is no longer in its original slot; record rebooked or "
                    "cancelled instead."
                )
            if original is None or not original.is_open:
                raise errors.Conflict(
                    f"The original slot of booking {receipt} is still closed; reopen it first, "
                    "or rebook the person."
                )
        elif chosen is Outcome.CANCELLED and booking.status not in (
            Status.BOOKED,
            Status.CANCELLED,
        ):
            raise errors.InvalidTransition(
                f"Booking {receipt} is {booking.status.value} and cannot be cancelled."
            )

    # -- the call-back list file -----------------------------------------------------------

    def write_callback_list(
        self,
        callbacks: Sequence[Callback],
        out: Path,
        *,
        title: str = "",
        overwrite: bool = False,
    ) -> int:
        """Write the call-back list as PDF or CSV (by ``out``'s suffix); returns the rows.

        The file holds names and phones: it is entered in the register of copies (kind
        ``callback-list``) before it is published.  CSV is UTF-8 with a BOM, CRLF and every
        field quoted, so Japanese Excel opens it as it is.
        """
        from reservations.files import check_destination
        from reservations.fonts import find_japanese_font
        from reservations.register import write_copy

        s = self._session
        s.require(Permission.PLAN_SLOTS)
        kind = out.suffix.lower()
        if kind not in (".pdf", ".csv"):
            raise errors.InvalidInput("out: give a file name ending in .pdf or .csv.", "out")
        check_destination(out, overwrite=overwrite, suffix=kind)
        font = find_japanese_font() if kind == ".pdf" else None
        with write_copy(s, out, kind=CopyKind.CALLBACK_LIST, overwrite=overwrite) as copy:
            copy.receipts = [c.reservation.receipt for c in callbacks]
            copy.description = f"{kind[1:]} {len(callbacks)} call-backs" + (
                f" ({title})" if title else ""
            )
            if font is None:
                copy.stream.write(callback_csv(callbacks))
            else:
                from reservations.callback_pdf import render_callback_pdf

                render_callback_pdf(
                    callbacks, copy.stream, s.now(), s.account.name, font, title=title
                )
        return len(callbacks)


# -- helpers ---------------------------------------------------------------------------------

CSV_HEADER = (
    "番号",
    "受付番号",
    "氏名",
    "フリガナ",
    "電話番号",
    "会場",
    "日付",
    "開始",
    "終了",
    "休止理由",
    "結果",
)


def callback_csv(callbacks: Iterable[Callback]) -> bytes:
    """The call-back list for Excel (``reservations.spreadsheet_csv``)."""
    rows = (
        [
            c.id,
            c.reservation.receipt_display,
            c.reservation.name or "",
            c.reservation.kana or "",
            c.phone_national or "",
            c.slot.center,
            c.slot.date.isoformat(),
            f"{c.slot.start:%H:%M}",
            f"{c.slot.end:%H:%M}",
            c.reason,
            c.outcome.value,
        ]
        for c in callbacks
    )
    return spreadsheet_csv_bytes([CSV_HEADER, *rows])


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def _day_skip(day: dt.date, request: GenerationRequest, year_end: bool) -> Skipped | None:
    if day in request.exceptions:
        return Skipped(day, SkipReason.EXCEPTION)
    if request.skip_holidays:
        name = jpholiday.is_holiday_name(day)
        if name:
            return Skipped(day, SkipReason.HOLIDAY, str(name))
    if year_end and is_year_end_closure(day):
        return Skipped(day, SkipReason.YEAR_END)
    return None


def _target_slots(
    uow: UnitOfWork, center: str, date: dt.date, start: dt.time | None
) -> tuple[str, int, list[Slot]]:
    center_id = center_id_by_name(uow, center)
    name = next(c.name for c in uow.list_centers() if c.id == center_id)
    slots = uow.list_slots(center_id, date)
    if start is not None:
        slots = [slot for slot in slots if slot.start == start]
        if not slots:
            raise errors.NotFound(
                f"{name} has no slot at {start:%H:%M} on {date.isoformat()}; list them with "
                "'resdesk slots list'."
            )
    elif not slots:
        raise errors.NotFound(f"{name} has no slots on {date.isoformat()}; nothing to change.")
    return name, center_id, slots


def _booked_in(
    uow: UnitOfWork, center_id: int, date: dt.date, slot_ids: set[int]
) -> Iterator[Reservation]:
    offset = 0
    while True:
        page = uow.search(
            SearchQuery(
                center_id=center_id,
                date=date,
                status=Status.BOOKED,
                limit=_FETCH_PAGE,
                offset=offset,
            )
        )
        yield from (r for r in page if r.slot_id in slot_ids)
        if len(page) < _FETCH_PAGE:
            return
        offset += _FETCH_PAGE


def _from_rows(uow: UnitOfWork, rows: Iterable[tuple[Any, ...]]) -> Iterator[Callback]:
    slots = _SlotCache(uow)
    for row in rows:
        (cid, receipt, slot_id, reason, created_at, created_by, outcome, at, by, note) = row
        booking = uow.reservation_by_receipt(receipt)
        assert booking is not None, "a call-back's booking is never deleted"
        yield Callback(
            id=cid,
            reservation=booking,
            slot=slots.get(slot_id),
            reason=reason,
            created_at=created_at,
            created_by=created_by,
            outcome=Outcome(outcome),
            outcome_at=at,
            outcome_by=by,
            history=note,
        )


def _callbacks(uow: UnitOfWork, ids: Sequence[int]) -> Iterator[Callback]:
    for callback_id in ids:
        yield _one(uow, callback_id)


def _one(uow: UnitOfWork, callback_id: int) -> Callback:
    rows = uow.callback_rows(open_only=False, callback_id=callback_id, limit=1)
    if not rows:
        raise errors.NotFound(
            f"There is no call-back #{callback_id}; list them with 'resdesk callbacks list'."
        )
    return next(_from_rows(uow, rows))


def _already_recorded(c: Callback) -> errors.Conflict:
    return errors.Conflict(
        f"Call-back #{c.id} was already recorded as {c.outcome.value} by {c.outcome_by} at "
        f"{c.outcome_at}; nothing was changed."
    )


def _targets(found: Sequence[Callback]) -> str:
    shown = " ".join(c.receipt_display for c in found[:_AUDIT_TARGET_LIMIT])
    if len(found) > _AUDIT_TARGET_LIMIT:
        shown += f" +{len(found) - _AUDIT_TARGET_LIMIT} more"
    return shown


def describe_closure_title(center: str, date: dt.date, start: dt.time | None) -> str:
    weekday = _WEEKDAY_JA[date.weekday()]
    when = "終日" if start is None else f"{start:%H:%M}"
    return f"{center} {date.isoformat()}（{weekday}） {when}"
