"""The verification line: a support worker at a center phones in about a visitor.

Least disclosure is the rule.  The operator works on one center and one day; a receipt
number is checked against that center and day only; names appear masked (山田 ＊＊) unless
the operator reveals them (audited); the phone shows only its last 4 digits; candidates for
a misheard number show a time and a masked family name, never their receipt numbers,
because the number is the visitor's proof of identity.  Every lookup, reveal and status
change is audited with the center and what was shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from reservations import errors
from reservations.domain import Center, Reservation, Status
from reservations.normalize import kana_search_key, phone_digits
from reservations.permissions import Permission
from reservations.receipt import format_receipt, near_misses, receipt_digits_of
from reservations.session import Session
from reservations.store import SearchQuery, UnitOfWork

MASK = "＊"
# More candidates than this for one center and day means the key is too short to help.
MAX_CANDIDATES = 50


class CheckOutcome(StrEnum):
    MATCH = "match"  # booked here, this day
    MISHEARD = "misheard"  # the check digit is wrong
    ELSEWHERE = "elsewhere"  # valid, but another center or another day
    CANCELLED = "cancelled"
    ATTENDED = "attended"  # already marked attended
    NO_SHOW = "no_show"
    NOT_FOUND = "not_found"  # a valid number that was never issued


def mask_part(text: str | None) -> str:
    return MASK * len(text) if text else ""


@dataclass(frozen=True)
class Visitor:
    """What the verification screen may show of one booking.

    ``token`` identifies the booking for an action (attend, reveal); the screen keeps it and
    never displays it for a candidate.
    """

    token: str
    start: dt.time
    end: dt.time
    status: Status
    masked_name: str
    masked_kana: str
    phone_last4: str

    @classmethod
    def of(cls, r: Reservation) -> Visitor:
        erased = r.family_name is None and r.phone is None
        return cls(
            token=r.receipt,
            start=r.start,
            end=r.end,
            status=r.status,
            masked_name="" if erased else f"{r.family_name} {mask_part(r.given_name)}",
            masked_kana="" if erased else f"{r.family_kana} {mask_part(r.given_kana)}",
            phone_last4=(r.phone or "")[-4:],
        )


@dataclass(frozen=True)
class Candidate:
    """A booking that may be the visitor's: time and masked family name, nothing more."""

    token: str
    start: dt.time
    end: dt.time
    status: Status
    masked_family: str

    @classmethod
    def of(cls, r: Reservation) -> Candidate:
        family = r.family_name or ""
        return cls(r.receipt, r.start, r.end, r.status, f"{family} {mask_part(r.given_name)}")


@dataclass(frozen=True)
class ReceiptCheck:
    outcome: CheckOutcome
    visitor: Visitor | None = None
    candidates: tuple[Candidate, ...] = ()
    elsewhere_center: str | None = None
    elsewhere_date: dt.date | None = None
    elsewhere_start: dt.time | None = None


@dataclass(frozen=True)
class Confirmation:
    """The answer to "kana + last 4 digits": how many bookings match, and their times."""

    matches: tuple[Candidate, ...]

    @property
    def single(self) -> Candidate | None:
        return self.matches[0] if len(self.matches) == 1 else None


@dataclass(frozen=True)
class Revealed:
    name: str
    kana: str


class VerificationService:
    """Checks for one center and one day, as the support worker's call requires."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # -- looking up ----------------------------------------------------------------------------

    def check_receipt(self, center_id: int, day: dt.date, typed: str) -> ReceiptCheck:
        """Check a receipt number as heard; see ``CheckOutcome`` for the answers.

        A malformed entry (not 8 digits) raises ``InvalidReceiptNumber``; a wrong check
        digit is answered with the bookings of this center and day one misheard digit or one
        swap away (``MISHEARD``), never from another center.
        """
        s = self._session
        s.require(Permission.VERIFY)
        try:
            digits = receipt_digits_of(typed)
        except errors.InvalidReceiptNumber as exc:
            if not exc.check_digit_wrong:
                raise
            return self._misheard(center_id, day, typed)
        with s.store.unit_of_work(write=True) as uow:
            center = self._center(uow, center_id)
            found = uow.reservation_by_receipt(digits)
            check = self._judge(found, center, day)
            shown = {
                CheckOutcome.MATCH: "time, status, masked name, phone last 4",
                CheckOutcome.CANCELLED: "status",
                CheckOutcome.ATTENDED: "time, status, masked name, phone last 4",
                CheckOutcome.NO_SHOW: "time, status, masked name, phone last 4",
                CheckOutcome.ELSEWHERE: "other center/day and time",
                CheckOutcome.NOT_FOUND: "nothing",
            }[check.outcome]
            s.audit(
                uow,
                "verify-receipt",
                f"{center.name} {day.isoformat()} {format_receipt(digits)}",
                f"{check.outcome.value}; shown: {shown}",
            )
            uow.commit()
        return check

    def _judge(self, found: Reservation | None, center: Center, day: dt.date) -> ReceiptCheck:
        if found is None:
            return ReceiptCheck(CheckOutcome.NOT_FOUND)
        if found.center != center.name or found.date != day:
            if found.status is Status.CANCELLED:
                return ReceiptCheck(CheckOutcome.CANCELLED)
            return ReceiptCheck(
                CheckOutcome.ELSEWHERE,
                elsewhere_center=found.center,
                elsewhere_date=found.date,
                elsewhere_start=found.start,
            )
        outcome = {
            Status.BOOKED: CheckOutcome.MATCH,
            Status.CANCELLED: CheckOutcome.CANCELLED,
            Status.ATTENDED: CheckOutcome.ATTENDED,
            Status.NO_SHOW: CheckOutcome.NO_SHOW,
        }[found.status]
        visitor = None if outcome is CheckOutcome.CANCELLED else Visitor.of(found)
        return ReceiptCheck(outcome, visitor=visitor)

    def _misheard(self, center_id: int, day: dt.date, typed: str) -> ReceiptCheck:
        s = self._session
        # The digits as typed (8 of them, or the shape check would have failed first).
        digits = "".join(ch for ch in _nfkc_digits(typed))
        neighbours = tuple(near_misses(digits))
        with s.store.unit_of_work(write=True) as uow:
            center = self._center(uow, center_id)
            found = uow.search(
                SearchQuery(
                    receipts=neighbours, center_id=center.id, date=day, limit=MAX_CANDIDATES
                )
            )
            candidates = tuple(Candidate.of(r) for r in found if r.status is not Status.CANCELLED)
            s.audit(
                uow,
                "verify-misheard",
                f"{center.name} {day.isoformat()}",
                f"{len(candidates)} candidates; shown: time, masked family name",
            )
            uow.commit()
        return ReceiptCheck(CheckOutcome.MISHEARD, candidates=candidates)

    def confirm_without_number(
        self, center_id: int, day: dt.date, kana: str, last4: str
    ) -> Confirmation:
        """Does what the visitor says (reading and last 4 phone digits) match a booking here?

        The least-disclosure path: the answer is the matching bookings' times and masked
        family names, usually exactly one; nobody else's data is listed.
        """
        s = self._session
        s.require(Permission.VERIFY)
        reading = kana_search_key(kana)
        digits = phone_digits(last4)
        if not reading:
            raise errors.InvalidInput("Type the visitor's reading in kana.", field="kana")
        if len(digits) != 4 or not digits.isdigit():
            raise errors.InvalidInput("Type the last 4 digits of the phone.", field="phone")
        with s.store.unit_of_work(write=True) as uow:
            center = self._center(uow, center_id)
            # This center's bookings that day with these 4 digits are few; the reading (family
            # alone, or family and given) is compared exactly among them.
            found = uow.search(
                SearchQuery(phone_last4=digits, center_id=center.id, date=day, limit=MAX_CANDIDATES)
            )
            matches = tuple(
                Candidate.of(r)
                for r in found
                if r.status is not Status.CANCELLED and _reading_matches(r, reading)
            )
            s.audit(
                uow,
                "verify-confirm",
                f"{center.name} {day.isoformat()}",
                f"{len(matches)} match(es); shown: time, masked family name",
            )
            uow.commit()
        return Confirmation(matches)

    def search_lost_number(
        self, center_id: int, day: dt.date, *, kana: str = "", last4: str = ""
    ) -> list[Candidate]:
        """The wider search for a visitor without a number, within this center and day only."""
        s = self._session
        s.require(Permission.VERIFY)
        reading = kana_search_key(kana) if kana.strip() else None
        digits = phone_digits(last4) if last4.strip() else None
        if digits is not None and (len(digits) != 4 or not digits.isdigit()):
            raise errors.InvalidInput("Type the last 4 digits of the phone.", field="phone")
        if not reading and not digits:
            raise errors.InvalidInput(
                "Type the first kana of the reading, the last 4 phone digits, or both.",
                field="search",
            )
        with s.store.unit_of_work(write=True) as uow:
            center = self._center(uow, center_id)
            found = uow.search(
                SearchQuery(
                    kana_prefix=reading,
                    phone_last4=digits,
                    center_id=center.id,
                    date=day,
                    limit=MAX_CANDIDATES,
                )
            )
            candidates = [Candidate.of(r) for r in found if r.status is not Status.CANCELLED]
            s.audit(
                uow,
                "verify-search",
                f"{center.name} {day.isoformat()}",
                f"{len(candidates)} candidates; shown: time, masked family name",
            )
            uow.commit()
        return candidates

    def reveal(self, center_id: int, day: dt.date, token: str) -> Revealed:
        """The unmasked name and reading of a booking at this center and day (audited)."""
        s = self._session
        s.require(Permission.VERIFY)
        with s.store.unit_of_work(write=True) as uow:
            center = self._center(uow, center_id)
            found = self._here(uow, center, day, token)
            s.audit(uow, "reveal", f"{center.name} {day.isoformat()} {found.receipt_display}")
            uow.commit()
        return Revealed(found.name or "", found.kana or "")

    # -- attendance ----------------------------------------------------------------------------

    def mark_attended(self, center_id: int, day: dt.date, token: str) -> Visitor:
        return self._set_status(center_id, day, token, {Status.BOOKED}, Status.ATTENDED, "attend")

    def mark_no_show(self, center_id: int, day: dt.date, token: str) -> Visitor:
        return self._set_status(center_id, day, token, {Status.BOOKED}, Status.NO_SHOW, "no-show")

    def undo_attendance(self, center_id: int, day: dt.date, token: str) -> Visitor:
        """Back to booked: allowed on the day itself only."""
        return self._set_status(
            center_id,
            day,
            token,
            {Status.ATTENDED, Status.NO_SHOW},
            Status.BOOKED,
            "undo-attendance",
        )

    def _set_status(
        self,
        center_id: int,
        day: dt.date,
        token: str,
        allowed: set[Status],
        new: Status,
        action: str,
    ) -> Visitor:
        s = self._session
        s.require(Permission.ATTEND)
        today = s.now().date()
        if day != today and not (new is not Status.BOOKED and day < today):
            raise errors.InvalidTransition(
                "Attendance can be recorded on the day of the booking (and undone that day only)."
            )
        with s.store.unit_of_work(write=True) as uow:
            center = self._center(uow, center_id)
            found = self._here(uow, center, day, token)
            if found.status not in allowed:
                raise errors.InvalidTransition(
                    f"This booking is {found.status.value}; nothing was changed."
                )
            uow.set_status(found.receipt, new, None, s.timestamp(), s.account.name)
            s.audit(uow, action, f"{center.name} {day.isoformat()} {found.receipt_display}")
            changed = uow.reservation_by_receipt(found.receipt)
            uow.commit()
        assert changed is not None
        return Visitor.of(changed)

    def pending_no_shows(self, center_id: int, day: dt.date) -> int:
        """How many bookings of slots that have ended are still neither attended nor no-show."""
        s = self._session
        s.require(Permission.VERIFY)
        with s.store.unit_of_work(write=False) as uow:
            return len(self._ended_booked(uow, self._center(uow, center_id), day))

    def mark_remaining_no_show(self, center_id: int, day: dt.date) -> int:
        """End of day: every remaining booking of an ended slot becomes a no-show."""
        s = self._session
        s.require(Permission.ATTEND)
        with s.store.unit_of_work(write=True) as uow:
            center = self._center(uow, center_id)
            pending = self._ended_booked(uow, center, day)
            now = s.timestamp()
            for r in pending:
                uow.set_status(r.receipt, Status.NO_SHOW, None, now, s.account.name)
            s.audit(
                uow,
                "end-of-day-no-show",
                f"{center.name} {day.isoformat()}",
                f"{len(pending)} marked",
            )
            uow.commit()
        return len(pending)

    def _ended_booked(self, uow: UnitOfWork, center: Center, day: dt.date) -> list[Reservation]:
        now = self._session.now()
        found = uow.search(
            SearchQuery(center_id=center.id, date=day, status=Status.BOOKED, limit=10_000)
        )
        return [r for r in found if dt.datetime.combine(r.date, r.end, tzinfo=now.tzinfo) <= now]

    # -- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _center(uow: UnitOfWork, center_id: int) -> Center:
        for center in uow.list_centers():
            if center.id == center_id:
                return center
        raise errors.NotFound("That center does not exist; choose the calling center again.")

    @staticmethod
    def _here(uow: UnitOfWork, center: Center, day: dt.date, token: str) -> Reservation:
        found = uow.reservation_by_receipt(token)
        if found is None or found.center != center.name or found.date != day:
            raise errors.NotFound("No such booking at this center on this day.")
        return found


def _nfkc_digits(text: str) -> str:
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit())


def _reading_matches(r: Reservation, reading: str) -> bool:
    family = r.family_kana or ""
    full = family + (r.given_kana or "").replace(" ", "")
    return reading in (family, full.replace(" ", ""))
