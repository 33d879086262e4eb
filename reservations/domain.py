"""Domain types: centers, slots, reservations, accounts and roles, in the words of the call center.

Plain frozen dataclasses without behaviour that needs storage; the rules that do need storage
live in the services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from reservations.receipt import format_receipt

# Japan has had no daylight saving time since 1951, so a fixed offset is exact and needs no
# tz database on the user's PC.
JST = dt.timezone(dt.timedelta(hours=9), "JST")


def now_jst() -> dt.datetime:
    return dt.datetime.now(JST)


class Role(StrEnum):
    OPERATOR = "operator"
    SUPERVISOR = "supervisor"


class Status(StrEnum):
    BOOKED = "booked"
    ATTENDED = "attended"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"

    @property
    def is_active(self) -> bool:
        """An active booking holds a seat and counts for the duplicate check."""
        return self is Status.BOOKED


@dataclass(frozen=True)
class Center:
    id: int
    name: str


@dataclass(frozen=True)
class Slot:
    """A bookable period at one center: date, start and end (Japan time), capacity."""

    id: int
    center_id: int
    center: str
    date: dt.date
    start: dt.time
    end: dt.time
    capacity: int
    booked: int
    is_open: bool

    @property
    def available(self) -> int:
        return max(self.capacity - self.booked, 0)

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.start, tzinfo=JST)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "center": self.center,
            "date": self.date.isoformat(),
            "start": self.start.strftime("%H:%M"),
            "end": self.end.strftime("%H:%M"),
            "capacity": self.capacity,
            "booked": self.booked,
            "available": self.available,
            "open": self.is_open,
        }


@dataclass(frozen=True)
class Reservation:
    """One booking.  Personal fields are ``None`` once erased at the person's request."""

    id: int
    receipt: str  # 8 plain digits
    slot_id: int
    center: str
    date: dt.date
    start: dt.time
    end: dt.time
    family_name: str | None
    given_name: str | None
    family_kana: str | None
    given_kana: str | None
    phone: str | None  # E.164
    status: Status
    note: str | None
    cancel_reason: str | None
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str

    @property
    def receipt_display(self) -> str:
        return format_receipt(self.receipt)

    @property
    def name(self) -> str | None:
        return _join(self.family_name, self.given_name)

    @property
    def kana(self) -> str | None:
        return _join(self.family_kana, self.given_kana)

    def to_json(self) -> dict[str, object]:
        # Imported here so that domain stays importable without phonenumbers loaded first.
        from reservations.normalize import format_phone_national

        return {
            "receipt": self.receipt_display,
            "slot_id": self.slot_id,
            "center": self.center,
            "date": self.date.isoformat(),
            "start": self.start.strftime("%H:%M"),
            "end": self.end.strftime("%H:%M"),
            "name": self.name,
            "kana": self.kana,
            "family_name": self.family_name,
            "given_name": self.given_name,
            "family_kana": self.family_kana,
            "given_kana": self.given_kana,
            "phone": format_phone_national(self.phone) if self.phone else None,
            "status": self.status.value,
            "note": self.note,
            "cancel_reason": self.cancel_reason,
            "created_at": self.created_at,
            "created_by": self.created_by,
            "updated_at": self.updated_at,
            "updated_by": self.updated_by,
        }


@dataclass(frozen=True)
class Account:
    name: str
    role: Role
    disabled: bool = False


@dataclass(frozen=True)
class Caller:
    """A caller's details after normalization, ready to store."""

    family_name: str
    given_name: str
    family_kana: str
    given_kana: str
    phone: str  # E.164


def _join(family: str | None, given: str | None) -> str | None:
    if family is None and given is None:
        return None
    return " ".join(part for part in (family, given) if part)


class CopyKind(StrEnum):
    """What kind of file left the vault (the register of copies)."""

    HANDOVER = "handover"
    AUDIT_EXPORT = "audit-export"
    DISCLOSURE = "disclosure"
    CORRECTION = "correction"
    CALLBACK_LIST = "callback-list"
    BACKUP = "backup"
    ROSTER = "roster"


class CopyStatus(StrEnum):
    OPEN = "open"
    DESTROYED = "destroyed"
    HANDED_OVER = "handed-over"


@dataclass(frozen=True)
class CopyRecord:
    """One entry of the register of copies: a file that holds data from the vault."""

    id: int
    kind: CopyKind
    created_at: str
    account: str
    people: int
    path: str
    sha256: str
    description: str
    status: CopyStatus
    closed_at: str | None
    closed_by: str | None
    note: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "created": self.created_at,
            "account": self.account,
            "people": self.people,
            "path": self.path,
            "sha256": self.sha256,
            "description": self.description,
            "status": self.status.value,
            "closed": self.closed_at,
            "closed_by": self.closed_by,
            "note": self.note,
        }
