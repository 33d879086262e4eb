"""Residents' requests under Japan's personal-information law: disclosure, correction, deletion.

A resident may ask what is held about them (開示, APPI art. 33), have it corrected (訂正,
art. 34) or erased (消去/利用停止, arts. 34-35).  A supervisor handles each as a formal
request: the person is found by a receipt number or by phone, everything held is printed for
them (the reservations, the audit trail's operations on those receipt numbers, the register's
copies that hold them), a correction is made with its reason and confirmed in print, and a
deletion erases the personal columns while the booking's seat and status stay for the
statistics.  An operator's quick typo fix during a call is ``BookingService.correct``.

The reason of a request is recorded in the audit entry (see ``_check_reason``).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reservations import errors
from reservations.audit import AuditEntry

# booking.py owns the validation of corrected fields (private there, reused here so that a
# formal correction accepts exactly what the booking desk accepts).
from reservations.booking import MAX_SEARCH_LIMIT, PersonChanges, normalized_changes
from reservations.contract import Contract, read_contract
from reservations.domain import CopyKind, CopyRecord, CopyStatus, Reservation
from reservations.normalize import format_phone_national, normalize_label, normalize_phone
from reservations.permissions import Permission
from reservations.receipt import format_receipt, looks_like_receipt, receipt_digits_of
from reservations.session import Session
from reservations.store import AuditQuery, SearchQuery, UnitOfWork

REASON_MAX_LENGTH = 200
_AUDIT_PAGE = 1000

# The person's fields as the correction confirmation names them, in the order printed.
PERSON_FIELDS = ("family_name", "given_name", "family_kana", "given_kana", "phone")

FoundBy = Literal["receipt", "phone"]


@dataclass(frozen=True)
class HeldReservation:
    """One booking held about the person, and whether its personal data was erased."""

    reservation: Reservation
    redacted_at: str | None = None
    redacted_by: str | None = None

    @property
    def receipt_display(self) -> str:
        return self.reservation.receipt_display

    def to_json(self) -> dict[str, object]:
        data = self.reservation.to_json()
        data["redacted_at"] = self.redacted_at
        data["redacted_by"] = self.redacted_by
        return data


@dataclass(frozen=True)
class HeldCopy:
    """A registered copy (a file that left the vault) that holds some of the bookings."""

    copy: CopyRecord
    receipts: tuple[str, ...]  # display form

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.copy.id,
            "kind": self.copy.kind.value,
            "created": self.copy.created_at,
            "status": self.copy.status.value,
            "receipts": list(self.receipts),
        }


@dataclass(frozen=True)
class Disclosure:
    """Everything held about one person, as printed for them."""

    found_by: FoundBy
    reservations: tuple[HeldReservation, ...]
    history: tuple[AuditEntry, ...]
    copies: tuple[HeldCopy, ...]
    contract: Contract
    generated_at: dt.datetime
    account: str

    @property
    def receipts(self) -> list[str]:
        return [h.receipt_display for h in self.reservations]


@dataclass(frozen=True)
class DisclosureResult:
    path: Path
    receipts: list[str]
    reservations: int
    history: int
    copies: int
    pages: int

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "receipts": self.receipts,
            "reservations": self.reservations,
            "history": self.history,
            "copies": self.copies,
            "pages": self.pages,
        }


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Correction:
    """A formal correction as made: what changed from what to what, why, when, by whom."""

    receipt: str  # 8 plain digits
    changes: tuple[FieldChange, ...]
    reason: str
    at: str
    by: str
    contract: Contract
    notice: Path | None = None
    notice_pages: int = 0

    @property
    def receipt_display(self) -> str:
        return format_receipt(self.receipt)

    def to_json(self) -> dict[str, object]:
        return {
            "receipt": self.receipt_display,
            "fields": [c.field for c in self.changes],
            "reason": self.reason,
            "at": self.at,
            "by": self.by,
            "notice": None if self.notice is None else str(self.notice),
            "notice_pages": self.notice_pages,
        }


@dataclass(frozen=True)
class Redaction:
    """An erasure as made.  ``wal_emptied`` is False when another connection's open read kept
    the write-ahead log (which still holds the erased values) from being truncated; SQLite
    empties it when the last connection to the vault closes.  ``None``: a store without one.
    """

    receipt: str
    at: str
    by: str
    reason: str
    wal_emptied: bool | None = None
    # Registered copies not yet destroyed or handed over that still hold the booking as it
    # was (rosters, backups, disclosures): the erasure cannot reach them.
    open_copies: tuple[CopyRecord, ...] = ()
    erased_fields: tuple[str, ...] = field(
        default=(
            "family_name",
            "given_name",
            "family_kana",
            "given_kana",
            "phone",
            "note",
            "cancel_reason",
        )
    )

    @property
    def receipt_display(self) -> str:
        return format_receipt(self.receipt)

    def to_json(self) -> dict[str, object]:
        return {
            "receipt": self.receipt_display,
            "at": self.at,
            "by": self.by,
            "erased": list(self.erased_fields),
            "wal_emptied": self.wal_emptied,
            "open_copies": [{"id": c.id, "kind": c.kind.value} for c in self.open_copies],
        }


class PersonRequestService:
    """Disclosure, correction and erasure of one person's data (supervisors; audited)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    # -- finding ---------------------------------------------------------------------------

    def find(self, key: str) -> list[HeldReservation]:
        """The bookings held about the person with this receipt number or phone (audited)."""
        s = self._session
        s.require(Permission.PERSON_REQUESTS)
        found_by, value = parse_person_key(key)
        with s.store.unit_of_work(write=True) as uow:
            held = _holdings(uow, found_by, value)
            s.audit(
                uow,
                "person-find",
                " ".join(h.receipt_display for h in held),
                f"{len(held)} found by {found_by}",
            )
            uow.commit()
        return held

    # -- disclosure ------------------------------------------------------------------------

    def write_disclosure(self, key: str, out: Path, *, overwrite: bool = False) -> DisclosureResult:
        """Print everything held about the person to ``out`` (a PDF for them).

        The file is entered in the register of copies and audited ("person-disclosure",
        receipt numbers only) when it is published, in one unit of work.
        """
        from reservations.fonts import find_japanese_font
        from reservations.person_pdf import render_disclosure_pdf
        from reservations.register import write_copy

        s = self._session
        s.require(Permission.PERSON_REQUESTS)
        found_by, value = parse_person_key(key)
        font = find_japanese_font()
        with write_copy(s, out, kind=CopyKind.DISCLOSURE, overwrite=overwrite) as copy:
            disclosure = self._gather(found_by, value)
            pages = render_disclosure_pdf(disclosure, copy.stream, font)
            copy.receipts = disclosure.receipts
            copy.description = f"disclosure by {found_by}"
            copy.audit = (
                "person-disclosure",
                " ".join(disclosure.receipts),
                f"{len(disclosure.reservations)} reservations, {pages} pages",
            )
        return DisclosureResult(
            out,
            disclosure.receipts,
            len(disclosure.reservations),
            len(disclosure.history),
            len(disclosure.copies),
            pages,
        )

    def _gather(self, found_by: FoundBy, value: str) -> Disclosure:
        s = self._session
        with s.store.unit_of_work(write=False) as uow:
            held = _holdings(uow, found_by, value)
            history: dict[int, AuditEntry] = {}
            for h in held:
                for entry in _audit_about(uow, h.receipt_display):
                    history[entry.seq] = entry
            by_copy: dict[int, tuple[CopyRecord, list[str]]] = {}
            receipt_of = {h.reservation.id: h.receipt_display for h in held}
            for reservation_id, copy in uow.copies_holding(list(receipt_of)):
                by_copy.setdefault(copy.id, (copy, []))[1].append(receipt_of[reservation_id])
            contract = read_contract(uow)
        return Disclosure(
            found_by=found_by,
            reservations=tuple(held),
            history=tuple(history[seq] for seq in sorted(history)),
            copies=tuple(HeldCopy(c, tuple(r)) for c, r in by_copy.values()),
            contract=contract,
            generated_at=s.now(),
            account=s.account.name,
        )

    # -- correction ------------------------------------------------------------------------

    def correct(
        self,
        receipt: str,
        changes: PersonChanges,
        reason: str,
        *,
        notice_out: Path | None = None,
        overwrite: bool = False,
    ) -> Correction:
        """Make a formal correction with its reason; with ``notice_out`` also print the
        confirmation for the person (registered as a copy).

        The fields are validated exactly as the booking desk's corrections.  The audit entry
        ("person-correct") names the changed fields and the reason, never the values.  When
        a notice is asked for, the destination and the font are checked before anything is
        changed.
        """
        s = self._session
        s.require(Permission.PERSON_REQUESTS)
        digits = receipt_digits_of(receipt)
        fields = normalized_changes(changes)
        clean_reason = _reason(reason)
        if not fields:
            raise errors.InvalidInput(
                "Nothing to correct: give a new name, kana or phone.", field="changes"
            )
        if notice_out is not None:
            _check_can_print(notice_out, overwrite=overwrite)
        with s.store.unit_of_work(write=True) as uow:
            current = _existing(uow, digits)
            _refuse_erased(uow, digits, "corrected")
            made = tuple(
                FieldChange(name, getattr(current, name), value)
                for name in PERSON_FIELDS
                if name in fields and (value := fields[name]) != getattr(current, name)
            )
            if not made:
                raise errors.InvalidInput(
                    f"Nothing to correct: booking {format_receipt(digits)} already holds these "
                    "values.",
                    field="changes",
                )
            _check_reason(clean_reason, current, [c.after for c in made])
            at = s.timestamp()
            uow.update_person(digits, {c.field: c.after for c in made}, at, s.account.name)
            s.audit(
                uow,
                "person-correct",
                f"{format_receipt(digits)} {','.join(c.field for c in made)}",
                f"reason: {clean_reason}",
            )
            contract = read_contract(uow)
            uow.commit()
        correction = Correction(digits, made, clean_reason, at, s.account.name, contract)
        if notice_out is None:
            return correction
        try:
            pages = self.write_correction_notice(correction, notice_out, overwrite=overwrite)
        except errors.ReservationError as exc:
            # The correction itself is committed: say so, or a retry would only be told that
            # the booking "already holds these values".
            raise type(exc)(
                f"The correction of booking {format_receipt(digits)} was saved, but its notice "
                f"was not printed: {exc.message}"
            ) from None
        return Correction(
            digits, made, clean_reason, at, s.account.name, contract, notice_out, pages
        )

    def write_correction_notice(
        self, correction: Correction, out: Path, *, overwrite: bool = False
    ) -> int:
        """Print the confirmation of a correction (訂正完了通知) for the person; returns pages."""
        from reservations.fonts import find_japanese_font
        from reservations.person_pdf import render_correction_pdf
        from reservations.register import write_copy

        s = self._session
        s.require(Permission.PERSON_REQUESTS)
        font = find_japanese_font()
        with write_copy(s, out, kind=CopyKind.CORRECTION, overwrite=overwrite) as copy:
            pages = render_correction_pdf(correction, copy.stream, font, s.now(), s.account.name)
            copy.receipts = [correction.receipt]
            copy.description = "correction notice"
        return pages

    # -- erasure ---------------------------------------------------------------------------

    def redact(self, receipt: str, reason: str) -> Redaction:
        """Erase the person's name, kana, phone, note and cancel reason from one booking.

        The booking keeps its seat, status and times (statistics stay); it records when and
        by whom.  The audit entry ("person-redact") says that it happened, by whom and why,
        never the erased values.  A second erasure is refused with ``Conflict``.  After the
        commit the write-ahead log is checkpointed and truncated, so that the old pages are
        gone from the files too (secure_delete has zeroed the old cells in the new pages).
        """
        s = self._session
        s.require(Permission.PERSON_REQUESTS)
        digits = receipt_digits_of(receipt)
        clean_reason = _reason(reason)
        with s.store.unit_of_work(write=True) as uow:
            current = _existing(uow, digits)
            _refuse_erased(uow, digits, "erased again")
            _check_reason(clean_reason, current, [])
            at = s.timestamp()
            uow.redact_person(digits, at, s.account.name)
            open_copies = tuple(
                copy
                for _id, copy in uow.copies_holding([current.id])
                if copy.status is CopyStatus.OPEN
            )
            s.audit(
                uow,
                "person-redact",
                format_receipt(digits),
                f"personal data erased by {s.account.name}; reason: {clean_reason}",
            )
            uow.commit()
        return Redaction(digits, at, s.account.name, clean_reason, self._empty_wal(), open_copies)

    def _empty_wal(self) -> bool | None:
        try:
            busy, _frames, _done = self._session.store.checkpoint_wal()
        except errors.VaultBusy:
            return False
        return not busy


# -- finding the person ----------------------------------------------------------------------


def parse_person_key(key: str) -> tuple[FoundBy, str]:
    """A receipt number (8 digits) -> ("receipt", digits); otherwise a phone -> ("phone",
    E.164).  Raises ``InvalidInput`` (or ``InvalidReceiptNumber``) for anything else."""
    if looks_like_receipt(key):
        return "receipt", receipt_digits_of(key)
    try:
        return "phone", normalize_phone(key)
    except errors.InvalidInput:
        raise errors.InvalidInput(
            "Give the person's receipt number (like 1234-5678) or their phone number.",
            field="person",
        ) from None


def _holdings(uow: UnitOfWork, found_by: FoundBy, value: str) -> list[HeldReservation]:
    """The person's bookings: by phone, every booking on that phone (companions on the same
    call share it); by receipt number, that booking and the same person's other bookings
    (same phone, name and kana)."""
    if found_by == "phone":
        found = uow.search(SearchQuery(phone_e164=value, limit=MAX_SEARCH_LIMIT))
        if not found:
            raise errors.NotFound(
                "No booking holds this phone number (it may have been erased); try the "
                "receipt number."
            )
    else:
        first = _existing(uow, value)
        found = [first]
        if first.phone is not None:
            found += [
                r
                for r in uow.search(SearchQuery(phone_e164=first.phone, limit=MAX_SEARCH_LIMIT))
                if r.receipt != first.receipt and _same_person(r, first)
            ]
    found.sort(key=lambda r: (r.date, r.start, r.receipt))
    held = []
    for r in found:
        redaction = uow.person_redaction(r.receipt)
        held.append(HeldReservation(r, *(redaction or (None, None))))
    return held


def _same_person(a: Reservation, b: Reservation) -> bool:
    return (a.family_name, a.given_name, a.family_kana, a.given_kana) == (
        b.family_name,
        b.given_name,
        b.family_kana,
        b.given_kana,
    )


def _audit_about(uow: UnitOfWork, receipt_display: str) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    offset = 0
    while True:
        page = uow.audit_page(
            AuditQuery(target_contains=receipt_display, limit=_AUDIT_PAGE, offset=offset)
        )
        entries += page
        if len(page) < _AUDIT_PAGE:
            return entries
        offset += _AUDIT_PAGE


def _existing(uow: UnitOfWork, digits: str) -> Reservation:
    found = uow.reservation_by_receipt(digits)
    if found is None:
        raise errors.NotFound(f"No booking has receipt number {format_receipt(digits)}.")
    return found


def _refuse_erased(uow: UnitOfWork, digits: str, what: str) -> None:
    erased = uow.person_redaction(digits)
    if erased is not None:
        raise errors.Conflict(
            f"The personal data of booking {format_receipt(digits)} was already erased on "
            f"{erased[0]} by {erased[1]}; it cannot be {what}."
        )


def _check_can_print(out: Path, *, overwrite: bool) -> None:
    from reservations.files import check_destination
    from reservations.fonts import find_japanese_font

    check_destination(out, overwrite=overwrite)
    find_japanese_font()


# -- the reason ------------------------------------------------------------------------------


def _reason(text: str | None) -> str:
    value = normalize_label(text or "", "reason", REASON_MAX_LENGTH)
    if not value:
        raise errors.InvalidInput(
            "A formal request needs its reason (for example: the kanji of the family name "
            "was wrong); do not write the person's name or phone in it.",
            field="reason",
        )
    return value


# Hiragana -> katakana, so that a reading typed in hiragana is compared with the stored one.
_TO_KATAKANA = {code: code + 0x60 for code in range(ord("ぁ"), ord("ゖ") + 1)}


def _check_reason(reason: str, person: Reservation, new_values: list[str | None]) -> None:
    """Refuse a reason that repeats the person's name, kana or phone.

    Why the reason is kept in the audit entry: a formal request must leave a record of what
    was asked and why, where the ward's auditor reads it, in the hash-chained trail that is
    handed over.  That trail can never be edited, so personal data in it could never be
    erased, which is exactly what a later deletion request needs.  So the reason must be a
    description ("the kanji of the family name was wrong"), and what can be checked is
    checked: the person's own name and kana (old and new), their phone, and anything shaped
    like a phone number are refused with a sentence saying so.  A separate table that is
    erased with the person would need a schema step; the reason alone is not worth it.
    """
    folded = unicodedata.normalize("NFKC", reason).translate(_TO_KATAKANA)
    text = "".join(ch for ch in folded if not ch.isspace())
    parts = [
        person.family_name,
        person.given_name,
        person.family_kana,
        person.given_kana,
        *new_values,
    ]
    # One-character parts (林, 誠) would refuse ordinary words; they count as the full name.
    words = {p for p in parts if p and len(p) >= 2 and not p.startswith("+")}
    for family, given in (
        (person.family_name, person.given_name),
        (person.family_kana, person.given_kana),
    ):
        if family and given:
            words.add(family + given)
    phones = [p for p in (person.phone, *new_values) if p and p.startswith("+")]
    runs = _digit_runs(folded)
    leaked = any(w.translate(_TO_KATAKANA) in text for w in words) or any(
        format_phone_national(p).replace("-", "") in run for p in phones for run in runs
    )
    longest_digits = max((len(run) for run in runs), default=0)
    if leaked or longest_digits >= 10:
        raise errors.InvalidInput(
            "The reason must not contain the person's name, kana or phone number (it is kept "
            "in the audit trail, which is never erased); describe what was wrong instead.",
            field="reason",
        )


def _digit_runs(text: str) -> list[str]:
    """Runs of digits, read across the separators people type inside phone numbers."""
    runs: list[str] = []
    current = ""
    for ch in text:
        if ch.isdigit():
            current += ch
        elif ch in " -‐−―ー()（）" and current:
            continue
        elif current:
            runs.append(current)
            current = ""
    if current:
        runs.append(current)
    return runs
