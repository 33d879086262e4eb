"""Booking, finding, moving, cancelling and attending reservations: the operators' service.

Every rule of the booking desk lives here (capacity, closed and past slots, duplicates, status
changes) and every read that returns personal data writes an audit entry in the same
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from reservations import errors
from reservations.domain import Caller, Reservation, Slot, Status
from reservations.normalize import (
    kana_search_key,
    name_search_key,
    normalize_kana_part,
    normalize_name_part,
    normalize_note,
    normalize_phone,
    phone_search_key,
)
from reservations.permissions import Permission
from reservations.receipt import format_receipt, new_receipt_number, receipt_digits_of
from reservations.session import Session
from reservations.store import NewReservation, SearchQuery, UnitOfWork

# More rows than anyone reads on one screen; the GUI pages through with offset.
MAX_SEARCH_LIMIT = 10_000
_AUDIT_TARGET_LIMIT = 1000


@dataclass(frozen=True)
class CallerInput:
    """What the operator typed for a caller, before normalization."""

    family_name: str
    given_name: str
    family_kana: str
    given_kana: str
    phone: str


@dataclass(frozen=True)
class PersonChanges:
    """Corrections to a booking's person; ``None`` leaves a field as it is."""

    family_name: str | None = None
    given_name: str | None = None
    family_kana: str | None = None
    given_kana: str | None = None
    phone: str | None = None


def normalized_changes(changes: PersonChanges) -> dict[str, str | None]:
    fields: dict[str, str | None] = {}
    if changes.family_name is not None:
        fields["family_name"] = normalize_name_part(changes.family_name, "family name")
    if changes.given_name is not None:
        fields["given_name"] = normalize_name_part(changes.given_name, "given name")
    if changes.family_kana is not None:
        fields["family_kana"] = normalize_kana_part(
            changes.family_kana, "family name reading (kana)"
        )
    if changes.given_kana is not None:
        fields["given_kana"] = normalize_kana_part(changes.given_kana, "given name reading (kana)")
    if changes.phone is not None:
        fields["phone"] = normalize_phone(changes.phone)
    return fields


@dataclass(frozen=True)
class SearchInput:
    """What the operator typed into search fields, before normalization; all optional."""

    receipt: str | None = None
    phone: str | None = None
    kana: str | None = None
    name: str | None = None
    name_contains: str | None = None
    center: str | None = None
    date: str | dt.date | None = None
    status: str | None = None
    limit: int = 200
    offset: int = 0


def interpret_search_text(text: str) -> SearchInput:
    """What one search box means, as the booking desk's operators type into it.

    8 digits (hyphens, spaces, full-width allowed) are a receipt number; other digits are a
    phone number (whole, or its last 4); kana is a reading prefix; anything else a name
    prefix.  An empty box means no search.
    """
    import unicodedata

    from reservations.receipt import looks_like_receipt

    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded:
        return SearchInput()
    if looks_like_receipt(folded):
        return SearchInput(receipt=folded)
    if all(ch.isdigit() or ch in " -‐‑‒–—―−ー()+" for ch in folded):
        return SearchInput(phone=folded)
    try:
        kana_search_key(folded)
    except errors.InvalidInput:
        return SearchInput(name=folded)
    return SearchInput(kana=folded)


def normalize_caller(raw: CallerInput) -> Caller:
    """The caller's details as stored, or ``InvalidInput`` naming the first bad field."""
    return Caller(
        family_name=normalize_name_part(raw.family_name, "family name"),
        given_name=normalize_name_part(raw.given_name, "given name"),
        family_kana=normalize_kana_part(raw.family_kana, "family name reading (kana)"),
        given_kana=normalize_kana_part(raw.given_kana, "given name reading (kana)"),
        phone=normalize_phone(raw.phone),
    )


def parse_date(value: str | dt.date) -> dt.date:
    if isinstance(value, dt.date):
        return value
    import unicodedata

    text = unicodedata.normalize("NFKC", value).strip().replace("/", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise errors.InvalidInput(
            "date: use the form YYYY-MM-DD (for example 2022-12-19).", field="date"
        ) from None


def parse_status(value: str) -> Status:
    try:
        return Status(value.strip().lower().replace("-", "_"))
    except ValueError:
        names = ", ".join(s.value for s in Status)
        raise errors.InvalidInput(f"status: use one of {names}.", field="status") from None


class BookingService:
    """The booking desk's operations, for operators and supervisors alike."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # -- booking ---------------------------------------------------------------------------

    def book(
        self,
        slot_id: int,
        caller: CallerInput,
        *,
        note: str | None = None,
        allow_duplicate: bool = False,
        companion_of: str | None = None,
    ) -> Reservation:
        """Book one caller into a slot and return the reservation with its new receipt number.

        ``companion_of`` is the receipt number of the first person on the same call (a spouse,
        a parent): sharing that person's phone is then not a duplicate, while the same name
        and kana still is.

        Raises ``SlotFull``, ``SlotClosed``, ``SlotInPast``, ``DuplicateBooking`` (naming the
        existing receipt number), ``NotFound`` or ``InvalidInput``; nothing is saved then.
        """
        s = self._session
        s.require(Permission.BOOK)
        details = normalize_caller(caller)
        clean_note = normalize_note(note) if note else None
        companion_digits = receipt_digits_of(companion_of) if companion_of else None
        with s.store.unit_of_work(write=True) as uow:
            slot = self._bookable_slot(uow, slot_id)
            shared_phone = None
            if companion_digits is not None:
                shared_phone = self._existing(uow, companion_digits).phone
            if not allow_duplicate:
                self._refuse_duplicates(uow, details, shared_phone=shared_phone)
            receipt = self._unused_receipt(uow)
            now = s.timestamp()
            uow.add_reservation(
                NewReservation(
                    receipt=receipt,
                    slot_id=slot.id,
                    family_name=details.family_name,
                    given_name=details.given_name,
                    family_kana=details.family_kana,
                    given_kana=details.given_kana,
                    phone=details.phone,
                    note=clean_note,
                    created_at=now,
                    created_by=s.account.name,
                )
            )
            s.audit(uow, "book", format_receipt(receipt))
            booked = uow.reservation_by_receipt(receipt)
            uow.commit()
        assert booked is not None
        return booked

    def duplicates_of(self, caller: CallerInput) -> list[Reservation]:
        """Active bookings with the same phone, or the same name and kana (audited read).

        Works on what has been typed so far: the phone counts once it is a valid number,
        the name once all four parts are given.  Raises ``InvalidInput`` for a bad part.
        """
        s = self._session
        s.require(Permission.FIND)
        # A value that matches no stored row stands in for a part not typed yet.
        nothing = "\x00"
        phone = normalize_phone(caller.phone) if caller.phone.strip() else nothing
        parts = (caller.family_name, caller.given_name, caller.family_kana, caller.given_kana)
        if all(p.strip() for p in parts):
            names = (
                normalize_name_part(caller.family_name, "family name"),
                normalize_name_part(caller.given_name, "given name"),
                normalize_kana_part(caller.family_kana, "family name reading (kana)"),
                normalize_kana_part(caller.given_kana, "given name reading (kana)"),
            )
        else:
            names = (nothing,) * 4
        if phone == nothing and names[0] == nothing:
            return []
        with s.store.unit_of_work(write=True) as uow:
            found = uow.active_duplicates(phone, *names)
            s.audit(uow, "duplicate-check", _targets(found), "match" if found else "no match")
            uow.commit()
        return found

    # -- reading ---------------------------------------------------------------------------

    def get(self, receipt: str) -> Reservation:
        """One reservation by receipt number (audited read)."""
        s = self._session
        s.require(Permission.FIND)
        digits = receipt_digits_of(receipt)
        with s.store.unit_of_work(write=True) as uow:
            found = uow.reservation_by_receipt(digits)
            s.audit(uow, "view", format_receipt(digits), "ok" if found else "not found")
            uow.commit()
        if found is None:
            raise _no_such_booking(digits)
        return found

    def find(self, search: SearchInput) -> list[Reservation]:
        """Reservations matching every given key (audited read).

        A substring search inside names needs a center or date filter, so that it never
        reads every name in the vault.
        """
        s = self._session
        s.require(Permission.FIND)
        with s.store.unit_of_work(write=True) as uow:
            query = self._query(uow, search)
            found = uow.search(query)
            s.audit(uow, "find", _targets(found), f"{len(found)} found")
            uow.commit()
        return found

    # -- changes ---------------------------------------------------------------------------

    def move(self, receipt: str, slot_id: int) -> Reservation:
        """Move a booking to another slot atomically; the receipt number stays the same."""
        s = self._session
        s.require(Permission.MOVE)
        digits = receipt_digits_of(receipt)
        with s.store.unit_of_work(write=True) as uow:
            current = self._existing(uow, digits)
            if current.status is not Status.BOOKED:
                raise errors.InvalidTransition(
                    f"Booking {format_receipt(digits)} is {current.status.value} and cannot be "
                    "moved; make a new booking instead."
                )
            if current.slot_id == slot_id:
                raise errors.Conflict(
                    f"Booking {format_receipt(digits)} is already in slot {slot_id}."
                )
            target = self._bookable_slot(uow, slot_id)
            uow.move_reservation(digits, target.id, s.timestamp(), s.account.name)
            s.audit(uow, "move", f"{format_receipt(digits)} slot {current.slot_id}->{target.id}")
            moved = uow.reservation_by_receipt(digits)
            uow.commit()
        assert moved is not None
        return moved

    def cancel(self, receipt: str, reason: str | None = None) -> Reservation:
        """Cancel a booking, freeing its seat; the receipt number is never issued again."""
        clean_reason = normalize_note(reason) if reason else None

        def only_booked(uow: UnitOfWork, current: Reservation) -> None:
            if current.status is not Status.BOOKED:
                raise errors.InvalidTransition(
                    f"Booking {current.receipt_display} is already {current.status.value}; "
                    "nothing was changed."
                )

        return self._change_status(
            Permission.CANCEL, receipt, only_booked, Status.CANCELLED, "cancel", clean_reason
        )

    def correct(self, receipt: str, changes: PersonChanges) -> Reservation:
        """Fix a misspelt name, kana or phone while the caller is on the line (audited).

        The audit entry names the fields that changed, never their values.
        """
        s = self._session
        s.require(Permission.CORRECT)
        digits = receipt_digits_of(receipt)
        fields = normalized_changes(changes)
        if not fields:
            raise errors.InvalidInput("Nothing to correct: give a new name, kana or phone.")
        with s.store.unit_of_work(write=True) as uow:
            current = self._existing(uow, digits)
            if current.family_name is None and current.phone is None:
                raise errors.InvalidTransition(
                    f"The personal data of booking {format_receipt(digits)} was erased at the "
                    "person's request; it cannot be corrected."
                )
            uow.update_person(digits, fields, s.timestamp(), s.account.name)
            s.audit(uow, "correct", f"{format_receipt(digits)} {','.join(sorted(fields))}")
            corrected = uow.reservation_by_receipt(digits)
            uow.commit()
        assert corrected is not None
        return corrected

    def set_note(self, receipt: str, note: str | None) -> Reservation:
        """Replace the booking's note (an empty note removes it)."""
        s = self._session
        s.require(Permission.CORRECT)
        digits = receipt_digits_of(receipt)
        clean = normalize_note(note) if note else None
        with s.store.unit_of_work(write=True) as uow:
            self._existing(uow, digits)
            uow.update_person(digits, {"note": clean}, s.timestamp(), s.account.name)
            s.audit(uow, "note", format_receipt(digits))
            changed = uow.reservation_by_receipt(digits)
            uow.commit()
        assert changed is not None
        return changed

    def reinstate(self, receipt: str) -> Reservation:
        """Undo a cancellation: the booking takes a seat in its slot again, if one is free."""

        def cancelled_with_a_seat(uow: UnitOfWork, current: Reservation) -> None:
            if current.status is not Status.CANCELLED:
                raise errors.InvalidTransition(
                    f"Booking {current.receipt_display} is {current.status.value}, not cancelled."
                )
            self._bookable_slot(uow, current.slot_id)

        return self._change_status(
            Permission.CANCEL, receipt, cancelled_with_a_seat, Status.BOOKED, "reinstate"
        )

    def attend(self, receipt: str) -> Reservation:
        """Mark a booking attended; only on or after its day."""
        today = self._session.now().date()

        def booked_and_due(uow: UnitOfWork, current: Reservation) -> None:
            if current.status is not Status.BOOKED:
                raise errors.InvalidTransition(
                    f"Booking {current.receipt_display} is {current.status.value}; only a "
                    "booked reservation can be marked attended."
                )
            if current.date > today:
                raise errors.InvalidTransition(
                    f"Booking {current.receipt_display} is for {current.date.isoformat()}; it "
                    "can be marked attended on that day."
                )

        return self._change_status(
            Permission.ATTEND, receipt, booked_and_due, Status.ATTENDED, "attend"
        )

    def _change_status(
        self,
        permission: Permission,
        receipt: str,
        check: Callable[[UnitOfWork, Reservation], None],
        new: Status,
        action: str,
        reason: str | None = None,
    ) -> Reservation:
        """One status change: permission, the rule ``check`` enforces, the change, the audit
        entry, all in one unit of work."""
        s = self._session
        s.require(permission)
        digits = receipt_digits_of(receipt)
        with s.store.unit_of_work(write=True) as uow:
            check(uow, self._existing(uow, digits))
            uow.set_status(digits, new, reason, s.timestamp(), s.account.name)
            s.audit(uow, action, format_receipt(digits))
            changed = uow.reservation_by_receipt(digits)
            uow.commit()
        assert changed is not None
        return changed

    # -- rules -----------------------------------------------------------------------------

    def _bookable_slot(self, uow: UnitOfWork, slot_id: int) -> Slot:
        slot = uow.get_slot(slot_id)
        if slot is None:
            raise errors.NotFound(
                f"There is no slot {slot_id}; list slots with 'resdesk slots list'."
            )
        when = f"{slot.center} {slot.date.isoformat()} {slot.start.strftime('%H:%M')}"
        if not slot.is_open:
            raise errors.SlotClosed(f"The slot {when} is closed; choose another slot.")
        if slot.starts_at <= self._session.now():
            raise errors.SlotInPast(f"The slot {when} has already begun; choose a later slot.")
        if uow.seats_taken(slot.id) >= slot.capacity:
            raise errors.SlotFull(f"The slot {when} is full; choose another slot.")
        return slot

    def _active_duplicates(self, uow: UnitOfWork, c: Caller) -> list[Reservation]:
        return uow.active_duplicates(
            c.phone, c.family_name, c.given_name, c.family_kana, c.given_kana
        )

    def _refuse_duplicates(
        self, uow: UnitOfWork, details: Caller, *, shared_phone: str | None = None
    ) -> None:
        found = [
            r
            for r in self._active_duplicates(uow, details)
            if not (
                shared_phone is not None
                and r.phone == shared_phone
                and not _same_person(r, details)
            )
        ]
        if found:
            existing = found[0]
            raise errors.DuplicateBooking(
                f"This caller may already have booking {existing.receipt_display} "
                f"({existing.center} {existing.date.isoformat()} "
                f"{existing.start.strftime('%H:%M')}); change that booking instead, or book "
                "anyway with --allow-duplicate (e.g. a family sharing one phone).",
                existing.receipt_display,
            )

    @staticmethod
    def _unused_receipt(uow: UnitOfWork) -> str:
        # 10 million numbers for a few thousand bookings: a clash is rare, and an endless
        # loop would need an almost full number space.
        for _ in range(1000):
            candidate = new_receipt_number()
            if not uow.receipt_exists(candidate):
                return candidate
        raise errors.Conflict("No unused receipt number could be found; the vault is full.")

    @staticmethod
    def _existing(uow: UnitOfWork, digits: str) -> Reservation:
        found = uow.reservation_by_receipt(digits)
        if found is None:
            raise _no_such_booking(digits)
        return found

    def _query(self, uow: UnitOfWork, search: SearchInput) -> SearchQuery:
        center_id = None
        if search.center:
            center_id = center_id_by_name(uow, search.center)
        phone_e164 = phone_last4 = None
        if search.phone:
            kind, value = phone_search_key(search.phone)
            if kind == "last4":
                phone_last4 = value
            else:
                phone_e164 = value
        date = parse_date(search.date) if search.date else None
        name_contains = name_search_key(search.name_contains) if search.name_contains else None
        if name_contains and center_id is None and date is None:
            raise errors.InvalidInput(
                "A search inside names needs a center or a date as well; add --center or --date.",
                field="name",
            )
        query = SearchQuery(
            receipt=receipt_digits_of(search.receipt) if search.receipt else None,
            phone_e164=phone_e164,
            phone_last4=phone_last4,
            kana_prefix=kana_search_key(search.kana) if search.kana else None,
            name_prefix=name_search_key(search.name) if search.name else None,
            name_contains=name_contains,
            center_id=center_id,
            date=date,
            status=parse_status(search.status) if search.status else None,
            limit=max(1, min(search.limit, MAX_SEARCH_LIMIT)),
            offset=max(0, search.offset),
        )
        if not query.has_key:
            raise errors.InvalidInput(
                "Give at least one search key: receipt number, phone, kana, name, center or date.",
                field="search",
            )
        return query


def _same_person(r: Reservation, c: Caller) -> bool:
    return (r.family_name, r.given_name, r.family_kana, r.given_kana) == (
        c.family_name,
        c.given_name,
        c.family_kana,
        c.given_kana,
    )


def center_id_by_name(uow: UnitOfWork, name: str) -> int:
    import unicodedata

    wanted = unicodedata.normalize("NFKC", name).strip()
    centers = uow.list_centers()
    for center in centers:
        if center.name == wanted:
            return center.id
    known = ", ".join(c.name for c in centers) or "none yet"
    raise errors.InvalidInput(f"Unknown center; the centers are: {known}.", field="center")


def _no_such_booking(digits: str) -> errors.NotFound:
    return errors.NotFound(f"No booking has receipt number {format_receipt(digits)}.")


def _targets(found: list[Reservation]) -> str:
    shown = " ".join(r.receipt_display for r in found[:_AUDIT_TARGET_LIMIT])
    if len(found) > _AUDIT_TARGET_LIMIT:
        shown += f" +{len(found) - _AUDIT_TARGET_LIMIT} more"
    return shown
