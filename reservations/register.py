"""The register of copies: every file that leaves the vault, and what became of it.

A roster, an audit export, a disclosure PDF, a call-back list, a backup, the handover: each
is entered here when it is written (kind, time, account, how many people's data it holds,
where it was saved, its SHA-256) and later closed as destroyed or handed over.  If a copy is
lost, ``affected`` names the receipt numbers it held, and the count tells the supervisor at
once whether the personal-information law's 1,000-person threshold for a leak report is
crossed.  The register is part of the handover and gates the certified erasure.

``write_copy`` is how services write such a file: the file appears complete, and only after
its register entry (and the entry's audit line) is committed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

from reservations import errors
from reservations.domain import CopyKind, CopyRecord, CopyStatus
from reservations.files import atomic_file, sha256_file
from reservations.permissions import Permission
from reservations.session import Session
from reservations.spreadsheet_csv import spreadsheet_csv_bytes
from reservations.store import UnitOfWork

# The personal-information protection law: a leak of more than 1,000 people's data must be
# reported to the commission (and any leak of data that could cause harm, whatever the count).
LEAK_REPORT_THRESHOLD = 1000

Scope = Literal["listed", "all", "none"]

CSV_COLUMNS = (
    "id",
    "kind",
    "created",
    "account",
    "people",
    "path",
    "sha256",
    "description",
    "status",
    "closed",
    "closed_by",
    "note",
)


@dataclass(frozen=True)
class Affected:
    """Who is in a copy: its receipt numbers (display form) and whether a report is due."""

    copy: CopyRecord
    receipts: list[str]

    @property
    def people(self) -> int:
        return len(self.receipts)

    @property
    def over_threshold(self) -> bool:
        return self.people > LEAK_REPORT_THRESHOLD

    def to_json(self) -> dict[str, object]:
        return {
            "copy": self.copy.to_json(),
            "people": self.people,
            "over_leak_report_threshold": self.over_threshold,
            "receipts": self.receipts,
        }


def record_copy(
    session: Session,
    uow: UnitOfWork,
    *,
    kind: CopyKind,
    path: Path,
    sha256: str,
    people: int,
    scope: Scope,
    receipts: Iterable[str] = (),
    description: str = "",
) -> int:
    """Enter a copy in the register inside the caller's unit of work; returns its id.

    ``scope='all'`` means every reservation stored now (backups, the handover); ``'listed'``
    records ``receipts`` (plain 8 digits) one by one; ``'none'`` holds no one.  The caller
    has checked the permission to make the copy; the entry is audited here.
    """
    upto = uow.latest_reservation_id() if scope == "all" else None
    copy_id = uow.add_copy(
        kind.value,
        session.timestamp(),
        session.account.name,
        people,
        scope,
        upto,
        str(path.resolve()),
        sha256,
        description,
    )
    if scope == "listed":
        uow.add_copy_people(copy_id, receipts)
    session.audit(uow, "copy-registered", f"#{copy_id} {kind.value}", f"{people} people")
    return copy_id


@dataclass
class PendingCopy:
    """A copy being written: fill in who is in it while writing ``stream``."""

    stream: IO[bytes]
    receipts: list[str] = field(default_factory=list)  # plain 8 digits or display form
    people: int | None = None  # None: the number of ``receipts``
    description: str = ""
    # An extra audit entry ``(action, target, result)`` committed with the register entry,
    # so that neither exists without the other (e.g. the audit export's own line).
    audit: tuple[str, str, str] | None = None


@contextlib.contextmanager
def write_copy(
    session: Session,
    out: Path,
    *,
    kind: CopyKind,
    scope: Scope = "listed",
    overwrite: bool = False,
) -> Iterator[PendingCopy]:
    """Write ``out`` atomically; it is entered in the register before it is published."""
    pending: PendingCopy | None = None

    def register(tmp: Path) -> None:
        assert pending is not None
        digest = sha256_file(tmp)
        receipts = [r.replace("-", "") for r in pending.receipts]
        people = pending.people if pending.people is not None else len(set(receipts))
        with session.store.unit_of_work(write=True) as uow:
            if pending.audit is not None:
                session.audit(uow, *pending.audit)
            registered[0] = record_copy(
                session,
                uow,
                kind=kind,
                path=out,
                sha256=digest,
                people=people,
                scope=scope,
                receipts=receipts,
                description=pending.description,
            )
            uow.commit()

    registered: list[int | None] = [None]
    try:
        with atomic_file(out, overwrite=overwrite, on_written=register) as stream:
            pending = PendingCopy(stream)
            yield pending
    except BaseException:
        # Registered, then the publish failed (a file of that name appeared meanwhile, the
        # disk filled): the entry must not stay open for a file that does not exist.
        if registered[0] is not None:
            withdraw_copy(session, registered[0], "never published: the file was not written")
        raise


def withdraw_copy(session: Session, copy_id: int, why: str) -> None:
    """Close a register entry whose file never came to exist (audited); best effort, so
    that the error that caused it is the one the user sees."""
    try:
        with session.store.unit_of_work(write=True) as uow:
            uow.close_copy(
                copy_id, CopyStatus.DESTROYED.value, session.timestamp(), session.account.name, why
            )
            session.audit(uow, "copy-withdrawn", f"#{copy_id}", "not published")
            uow.commit()
    except errors.ReservationError:
        pass


class RegisterService:
    def __init__(self, session: Session) -> None:
        self._session = session

    def list(self, *, open_only: bool = False) -> list[CopyRecord]:
        s = self._session
        s.require(Permission.MANAGE_REGISTER)
        with s.store.unit_of_work(write=False) as uow:
            return uow.list_copies(open_only=open_only)

    def close(self, copy_id: int, status: CopyStatus, note: str | None = None) -> CopyRecord:
        """Mark a copy destroyed or handed over (supervisors; audited)."""
        s = self._session
        s.require(Permission.MANAGE_REGISTER)
        if status is CopyStatus.OPEN:
            raise errors.InvalidInput("A copy is closed as destroyed or handed over.", "status")
        note = (note or "").strip() or None
        with s.store.unit_of_work(write=True) as uow:
            copy = uow.get_copy(copy_id)
            if copy is None:
                raise errors.NotFound(
                    f"The register has no copy #{copy_id}; see 'resdesk register list'."
                )
            if copy.status is not CopyStatus.OPEN:
                raise errors.Conflict(
                    f"Copy #{copy_id} was already closed as {copy.status.value} on "
                    f"{copy.closed_at}; nothing was changed."
                )
            uow.close_copy(copy_id, status.value, s.timestamp(), s.account.name, note)
            s.audit(uow, "copy-closed", f"#{copy_id} {copy.kind.value}", status.value)
            uow.commit()
            closed = uow.get_copy(copy_id)
        assert closed is not None
        return closed

    def affected(self, copy_id: int) -> Affected:
        """The receipt numbers a copy holds: who to tell if it is lost (audited)."""
        from reservations.receipt import format_receipt

        s = self._session
        s.require(Permission.MANAGE_REGISTER)
        with s.store.unit_of_work(write=True) as uow:
            copy = uow.get_copy(copy_id)
            if copy is None:
                raise errors.NotFound(
                    f"The register has no copy #{copy_id}; see 'resdesk register list'."
                )
            receipts = [format_receipt(r) for r in uow.copy_receipts(copy_id)]
            s.audit(uow, "copy-affected", f"#{copy_id}", f"{len(receipts)} people")
            uow.commit()
        return Affected(copy, receipts)


def register_csv(copies: Iterable[CopyRecord]) -> bytes:
    """The register as the handover's ``register.csv`` (``reservations.spreadsheet_csv``)."""
    rows = ([copy.to_json()[c] for c in CSV_COLUMNS] for copy in copies)
    return spreadsheet_csv_bytes([CSV_COLUMNS, *rows])
