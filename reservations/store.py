"""The storage interface the services talk to, and its SQLCipher implementation.

Services never see SQL or a connection: they open a unit of work from a ``Store``, call the
repository methods on it and commit.  A unit of work rolls back unless ``commit()`` was called,
so an exception anywhere leaves nothing half-written.  A second backend (PostgreSQL for a
call center with many seats) implements ``Store`` and ``UnitOfWork`` and nothing else.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from reservations.audit import GENESIS_HASH, AuditEntry, canonical_form, chain_hash
from reservations.domain import (
    Center,
    CopyKind,
    CopyRecord,
    CopyStatus,
    Reservation,
    Slot,
    Status,
)
from reservations.signatures import AuditSigner, Grant
from reservations.vault import Connection, database_errors


@dataclass(frozen=True)
class SearchQuery:
    """What to look for; every given key must match (AND).

    ``phone_e164``/``phone_last4`` and the prefixes are already normalized by the caller.
    """

    receipt: str | None = None
    receipts: tuple[str, ...] = ()
    phone_e164: str | None = None
    phone_last4: str | None = None
    kana_prefix: str | None = None
    name_prefix: str | None = None
    name_contains: str | None = None
    center_id: int | None = None
    date: dt.date | None = None
    status: Status | None = None
    limit: int = 200
    offset: int = 0

    @property
    def has_key(self) -> bool:
        return any(
            (
                self.receipt,
                self.receipts,
                self.phone_e164,
                self.phone_last4,
                self.kana_prefix,
                self.name_prefix,
                self.center_id is not None,
                self.date is not None,
            )
        )


@dataclass(frozen=True)
class NewReservation:
    receipt: str
    slot_id: int
    family_name: str
    given_name: str
    family_kana: str
    given_kana: str
    phone: str
    note: str | None
    created_at: str
    created_by: str


@dataclass(frozen=True)
class AuditQuery:
    """Which audit entries to read; every given key must match (AND).

    ``since``/``until`` compare with the entries' ISO 8601 times as text (all are +09:00):
    ``since`` is inclusive, ``until`` exclusive.  ``target_contains`` finds a receipt number
    (display form) among an entry's targets.  ``after_seq`` pages by seq (verify);
    ``offset`` pages a listing.
    """

    account: str | None = None
    action: str | None = None
    since: str | None = None
    until: str | None = None
    target_contains: str | None = None
    after_seq: int = 0
    newest_first: bool = False
    limit: int = 200
    offset: int = 0


class UnitOfWork(Protocol):
    """One transaction against the store, with the repository operations the services use."""

    @property
    def committed(self) -> bool: ...
    def commit(self) -> None: ...
    def set_signer(self, signer: AuditSigner | None) -> None: ...

    # centers
    def list_centers(self) -> list[Center]: ...
    def center_by_name(self, name: str) -> Center | None: ...
    def add_center(self, name: str) -> Center: ...

    # slots
    def get_slot(self, slot_id: int) -> Slot | None: ...
    def find_slot(self, center_id: int, date: dt.date, start: dt.time) -> Slot | None: ...
    def list_slots(self, center_id: int | None, date: dt.date | None) -> list[Slot]: ...
    def list_slots_between(
        self, center_id: int | None, first: dt.date, last: dt.date
    ) -> list[Slot]: ...
    def add_slot(
        self, center_id: int, date: dt.date, start: dt.time, end: dt.time, capacity: int
    ) -> int: ...
    def update_slot(self, slot_id: int, end: dt.time, capacity: int) -> None: ...
    def set_slot_open(self, slot_id: int, is_open: bool) -> None: ...
    def seats_taken(self, slot_id: int) -> int: ...

    # reservations
    def receipt_exists(self, receipt: str) -> bool: ...
    def add_reservation(self, new: NewReservation) -> int: ...
    def add_reservations_bulk(self, rows: Iterable[NewReservation], status: Status) -> int: ...
    def bulk_load(self) -> contextlib.AbstractContextManager[None]: ...
    def reservation_by_receipt(self, receipt: str) -> Reservation | None: ...
    def set_status(
        self, receipt: str, status: Status, cancel_reason: str | None, at: str, by: str
    ) -> None: ...
    def move_reservation(self, receipt: str, slot_id: int, at: str, by: str) -> None: ...
    def update_person(
        self, receipt: str, fields: dict[str, str | None], at: str, by: str
    ) -> None: ...
    def active_duplicates(
        self, phone: str, family_name: str, given_name: str, family_kana: str, given_kana: str
    ) -> list[Reservation]: ...
    def search(self, query: SearchQuery) -> list[Reservation]: ...

    # accounts
    def account_role(self, name: str) -> str | None: ...
    def add_account(
        self, name: str, role: str, public_key: bytes, created_at: str, created_by: str
    ) -> None: ...
    def list_accounts(self) -> list[tuple[str, str, bool, str]]: ...

    # audit
    def append_audit(
        self, time: str, account: str, action: str, target: str, result: str
    ) -> AuditEntry: ...
    def audit_entries(self) -> list[AuditEntry]: ...
    def audit_page(self, query: AuditQuery) -> list[AuditEntry]: ...
    def audit_latest(self) -> AuditEntry | None: ...
    def audit_accounts(self) -> list[str]: ...
    def audit_actions(self) -> list[str]: ...

    # vault facts
    def get_meta(self, key: str) -> str | None: ...
    def set_meta(self, key: str, value: str) -> None: ...

    # grants
    def add_grant(self, grant: Grant) -> None: ...
    def grants(self, vault: str, account: str | None = None) -> list[Grant]: ...

    # register of copies
    def add_copy(
        self,
        kind: str,
        created_at: str,
        account: str,
        people: int,
        scope: str,
        upto_reservation: int | None,
        path: str,
        sha256: str,
        description: str,
    ) -> int: ...
    def add_copy_people(self, copy_id: int, receipts: Iterable[str]) -> int: ...
    def list_copies(self, *, open_only: bool) -> list[CopyRecord]: ...
    def get_copy(self, copy_id: int) -> CopyRecord | None: ...
    def close_copy(self, copy_id: int, status: str, at: str, by: str, note: str | None) -> None: ...
    # fills in an entry made before its file was written (a backup registers first)
    def complete_copy(
        self, copy_id: int, people: int, upto_reservation: int | None, sha256: str, description: str
    ) -> None: ...
    def copy_receipts(self, copy_id: int) -> list[str]: ...
    def latest_reservation_id(self) -> int: ...
    def reservations_changed_since(self, time: str) -> int: ...
    def count_reservations(self, *, upto: int | None = None) -> int: ...

    # -- slot planning and call-backs (reservations/slot_planning.py) --
    def add_callback(
        self, reservation_id: int, slot_id: int, reason: str, created_at: str, created_by: str
    ) -> int: ...
    def open_callback_exists(self, reservation_id: int, slot_id: int) -> bool: ...
    def callback_rows(
        self, *, open_only: bool, callback_id: int | None = None, limit: int = 1000
    ) -> list[tuple[Any, ...]]: ...
    def set_callback_outcome(
        self, callback_id: int, outcome: str, at: str, by: str, note: str | None
    ) -> None: ...

    # -- statistics (reservations/statistics.py) --
    def statistics_by_day_center(
        self, first: dt.date, last: dt.date, center_id: int | None
    ) -> list[tuple[str, int, str, int, int, int, int, int, int, int]]: ...

    # -- residents' requests (reservations/person.py) --
    def person_redaction(self, receipt: str) -> tuple[str, str] | None: ...
    def redact_person(self, receipt: str, at: str, by: str) -> None: ...
    def copies_holding(self, reservation_ids: Sequence[int]) -> list[tuple[int, CopyRecord]]: ...

    # -- handover (reservations/handover.py) --
    def handover_reservations(
        self, after: tuple[str, str, str, str] | None, limit: int
    ) -> list[tuple[Reservation, str | None, str | None]]: ...
    def handover_days(self) -> list[tuple[str, dt.date, int]]: ...
    def handover_status_counts(self) -> list[tuple[Status, int, int]]: ...

    # -- accounts (reservations/accounts.py) --
    def account_rows(
        self, name: str | None = None
    ) -> list[tuple[str, str, bytes, bool, bool, bool, str]]: ...
    def count_active_supervisors(self) -> int: ...
    def insert_account(
        self,
        name: str,
        role: str,
        public_key: bytes,
        created_at: str,
        created_by: str,
        *,
        must_change_password: bool,
    ) -> None: ...
    def update_account(self, name: str, changes: dict[str, object]) -> None: ...


class Store(Protocol):
    def unit_of_work(self, *, write: bool) -> contextlib.AbstractContextManager[UnitOfWork]: ...
    def set_signer(self, signer: AuditSigner | None) -> None:
        """Sign every audit entry appended from now on in ``signer``'s account's name."""
        ...

    def current_signer(self) -> AuditSigner | None:
        """Who signs this store's entries (and an anchor written for it)."""
        ...

    def checkpoint_wal(self) -> tuple[bool, int, int]:
        """Push committed changes out of any log into the main file and empty the log, so
        that values erased at a person's request survive nowhere in the files; returns
        (busy, frames in the log, frames moved).  A backend without such a log returns
        (False, 0, 0)."""
        ...


_RESERVATION_COLUMNS = (
    "r.id, r.receipt, r.slot_id, c.name, s.date, s.start, s.end, r.family_name, r.given_name, "
    "r.family_kana, r.given_kana, r.phone, r.status, r.note, r.cancel_reason, r.created_at, "
    "r.created_by, r.updated_at, r.updated_by"
)
_RESERVATION_FROM = (
    "reservations r JOIN slots s ON s.id = r.slot_id JOIN centers c ON c.id = s.center_id"
)

_SLOT_SELECT = (
    "SELECT s.id, s.center_id, c.name, s.date, s.start, s.end, s.capacity, s.is_open, "
    "(SELECT count(*) FROM reservations r WHERE r.slot_id = s.id AND r.status != 'cancelled') "
    "FROM slots s JOIN centers c ON c.id = s.center_id"
)

# Upper bound for a prefix range: U+10FFFF sorts after every other character in SQLite's
# BINARY (UTF-8 memcmp) collation, so ``col >= p AND col < p || U+10FFFF`` is exactly
# "starts with p" and can use the column's index (LIKE cannot, for non-ASCII text).
_PREFIX_END = "\U0010ffff"


# Same phone, or same name and kana, among bookings that still hold a seat.
ACTIVE_DUPLICATES_SQL = (
    f"SELECT {_RESERVATION_COLUMNS} FROM {_RESERVATION_FROM} "
    "WHERE r.status = 'booked' AND (r.phone = ? OR (r.family_kana = ? AND "
    "r.given_kana = ? AND r.family_name = ? AND r.given_name = ?)) "
    "ORDER BY s.date, s.start LIMIT 20"
)


_COPY_SELECT = (
    "SELECT id, kind, created_at, account, people, path, sha256, description, status, "
    "closed_at, closed_by, note FROM copies"
)


def _copy(row: Sequence[Any]) -> CopyRecord:
    return CopyRecord(
        id=row[0],
        kind=CopyKind(row[1]),
        created_at=row[2],
        account=row[3],
        people=row[4],
        path=row[5],
        sha256=row[6],
        description=row[7],
        status=CopyStatus(row[8]),
        closed_at=row[9],
        closed_by=row[10],
        note=row[11],
    )


def _reservation(row: Sequence[Any]) -> Reservation:
    return Reservation(
        id=row[0],
        receipt=row[1],
        slot_id=row[2],
        center=row[3],
        date=dt.date.fromisoformat(row[4]),
        start=dt.time.fromisoformat(row[5]),
        end=dt.time.fromisoformat(row[6]),
        family_name=row[7],
        given_name=row[8],
        family_kana=row[9],
        given_kana=row[10],
        phone=row[11],
        status=Status(row[12]),
        note=row[13],
        cancel_reason=row[14],
        created_at=row[15],
        created_by=row[16],
        updated_at=row[17],
        updated_by=row[18],
    )


def _slot(row: Sequence[Any]) -> Slot:
    return Slot(
        id=row[0],
        center_id=row[1],
        center=row[2],
        date=dt.date.fromisoformat(row[3]),
        start=dt.time.fromisoformat(row[4]),
        end=dt.time.fromisoformat(row[5]),
        capacity=row[6],
        is_open=bool(row[7]),
        booked=row[8],
    )


# A prefix that matches at least this many rows is searched by walking the slots in date
# order (see ``search_sql``); below it, sorting the matches is cheaper than the walk.
PREFIX_WALK_THRESHOLD = 2000


def search_sql(query: SearchQuery, *, walk_slots: bool = False) -> tuple[str, list[Any]]:
    """The SELECT for a search (public so tests can check its query plan).

    ``walk_slots`` forces the join order slots -> centers -> reservations, so that SQLite reads
    slots in (date, start) order and probes each slot's reservations through the
    ``(slot_id, kana)`` and ``(slot_id, name)`` indexes, stopping at the LIMIT.  It is the plan
    for a short prefix that matches a large share of the vault.
    """
    where: list[str] = []
    params: list[Any] = []
    if query.receipt:
        where.append("r.receipt = ?")
        params.append(query.receipt)
    if query.receipts:
        where.append(f"r.receipt IN ({','.join('?' * len(query.receipts))})")
        params += list(query.receipts)
    if query.phone_e164:
        where.append("r.phone = ?")
        params.append(query.phone_e164)
    if query.phone_last4:
        where.append("r.phone_last4 = ?")
        params.append(query.phone_last4)
    if query.kana_prefix:
        where.append(
            "((r.family_kana >= ? AND r.family_kana < ?)"
            " OR (r.given_kana >= ? AND r.given_kana < ?))"
        )
        end = query.kana_prefix + _PREFIX_END
        params += [query.kana_prefix, end, query.kana_prefix, end]
    if query.name_prefix:
        where.append(
            "((r.family_name >= ? AND r.family_name < ?)"
            " OR (r.given_name >= ? AND r.given_name < ?))"
        )
        end = query.name_prefix + _PREFIX_END
        params += [query.name_prefix, end, query.name_prefix, end]
    if query.name_contains:
        where.append("(instr(r.family_name || ' ' || r.given_name, ?) > 0)")
        params.append(query.name_contains)
    if query.center_id is not None:
        where.append("s.center_id = ?")
        params.append(query.center_id)
    if query.date is not None:
        where.append("s.date = ?")
        params.append(query.date.isoformat())
    if query.status is not None:
        where.append("r.status = ?")
        params.append(query.status.value)
    if walk_slots:
        # CROSS JOIN fixes the loop order in SQLite; the ON terms become WHERE terms.
        sql = (
            f"SELECT {_RESERVATION_COLUMNS} FROM slots s CROSS JOIN centers c "
            "CROSS JOIN reservations r"
        )
        where = ["c.id = s.center_id", "r.slot_id = s.id", *where]
    else:
        sql = f"SELECT {_RESERVATION_COLUMNS} FROM {_RESERVATION_FROM}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY s.date, s.start, c.name, r.id LIMIT ? OFFSET ?"
    params += [query.limit, query.offset]
    return sql, params


_AUDIT_COLUMNS = (
    "seq, time, account, action, target, result, prev_hash, hash, coalesce(signature, '')"
)


class SqlCipherUnitOfWork:
    """``UnitOfWork`` over one SQLCipher connection (see ``vault.connect``)."""

    def __init__(self, conn: Connection, signer: AuditSigner | None = None) -> None:
        self._conn = conn
        self._signer = signer
        self._committed = False
        # The newest entry this transaction appended (for the anchor, after COMMIT), and the
        # seq of its first one.
        self.last_audit: AuditEntry | None = None
        self.first_audit_seq: int | None = None

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(sql, params).fetchone()

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(self._conn.execute(sql, params).fetchall())

    @property
    def committed(self) -> bool:
        return self._committed

    def set_signer(self, signer: AuditSigner | None) -> None:
        """Sign the entries appended from now on (keys obtained inside this transaction)."""
        self._signer = signer

    def commit(self) -> None:
        self._conn.execute("COMMIT")
        self._committed = True

    # centers
    def list_centers(self) -> list[Center]:
        return [Center(r[0], r[1]) for r in self._all("SELECT id, name FROM centers ORDER BY id")]

    def center_by_name(self, name: str) -> Center | None:
        row = self._one("SELECT id, name FROM centers WHERE name = ?", (name,))
        return None if row is None else Center(row[0], row[1])

    def add_center(self, name: str) -> Center:
        cur = self._conn.execute("INSERT INTO centers(name) VALUES (?)", (name,))
        return Center(int(cur.lastrowid), name)

    # slots
    def get_slot(self, slot_id: int) -> Slot | None:
        row = self._one(f"{_SLOT_SELECT} WHERE s.id = ?", (slot_id,))
        return None if row is None else _slot(row)

    def find_slot(self, center_id: int, date: dt.date, start: dt.time) -> Slot | None:
        row = self._one(
            f"{_SLOT_SELECT} WHERE s.center_id = ? AND s.date = ? AND s.start = ?",
            (center_id, date.isoformat(), start.strftime("%H:%M")),
        )
        return None if row is None else _slot(row)

    def list_slots(self, center_id: int | None, date: dt.date | None) -> list[Slot]:
        where: list[str] = []
        params: list[Any] = []
        if center_id is not None:
            where.append("s.center_id = ?")
            params.append(center_id)
        if date is not None:
            where.append("s.date = ?")
            params.append(date.isoformat())
        sql = _SLOT_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY s.date, s.start, s.center_id"
        return [_slot(r) for r in self._all(sql, params)]

    def list_slots_between(
        self, center_id: int | None, first: dt.date, last: dt.date
    ) -> list[Slot]:
        sql = _SLOT_SELECT + " WHERE s.date BETWEEN ? AND ?"
        params: list[Any] = [first.isoformat(), last.isoformat()]
        if center_id is not None:
            sql += " AND s.center_id = ?"
            params.append(center_id)
        sql += " ORDER BY s.date, s.start, s.center_id"
        return [_slot(r) for r in self._all(sql, params)]

    def add_slot(
        self, center_id: int, date: dt.date, start: dt.time, end: dt.time, capacity: int
    ) -> int:
        cur = self._conn.execute(
            "INSERT INTO slots(center_id, date, start, end, capacity) VALUES (?, ?, ?, ?, ?)",
            (center_id, date.isoformat(), start.strftime("%H:%M"), end.strftime("%H:%M"), capacity),
        )
        return int(cur.lastrowid)

    def update_slot(self, slot_id: int, end: dt.time, capacity: int) -> None:
        self._conn.execute(
            "UPDATE slots SET end = ?, capacity = ? WHERE id = ?",
            (end.strftime("%H:%M"), capacity, slot_id),
        )

    def set_slot_open(self, slot_id: int, is_open: bool) -> None:
        self._conn.execute("UPDATE slots SET is_open = ? WHERE id = ?", (int(is_open), slot_id))

    def seats_taken(self, slot_id: int) -> int:
        row = self._one(
            "SELECT count(*) FROM reservations WHERE slot_id = ? AND status != 'cancelled'",
            (slot_id,),
        )
        return int(row[0])

    # reservations
    def receipt_exists(self, receipt: str) -> bool:
        return self._one("SELECT 1 FROM reservations WHERE receipt = ?", (receipt,)) is not None

    def add_reservation(self, new: NewReservation) -> int:
        cur = self._conn.execute(
            "INSERT INTO reservations(receipt, slot_id, family_name, given_name, family_kana, "
            "given_kana, phone, phone_last4, status, note, created_at, created_by, updated_at, "
            "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, ?)",
            self._row(new),
        )
        return int(cur.lastrowid)

    def add_reservations_bulk(self, rows: Iterable[NewReservation], status: Status) -> int:
        cur = self._conn.executemany(
            "INSERT INTO reservations(receipt, slot_id, family_name, given_name, family_kana, "
            "given_kana, phone, phone_last4, status, note, created_at, created_by, updated_at, "
            f"updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{status.value}', ?, ?, ?, ?, ?)",
            (self._row(new) for new in rows),
        )
        return int(cur.rowcount)

    @contextlib.contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Defer the reservations' search indexes while many rows go in (the demo's million).

        Building an index once over sorted data is several times faster than keeping nine
        indexes up to date row by row.  The indexes are rebuilt from their own definitions
        in the same transaction, so a rollback leaves them as they were.
        """
        indexes = self._all(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'reservations' AND sql IS NOT NULL"
        )
        for name, _sql in indexes:
            self._conn.execute(f'DROP INDEX "{name}"')
        yield
        for _name, sql in indexes:
            self._conn.execute(sql)

    @staticmethod
    def _row(new: NewReservation) -> tuple[Any, ...]:
        return (
            new.receipt,
            new.slot_id,
            new.family_name,
            new.given_name,
            new.family_kana,
            new.given_kana,
            new.phone,
            new.phone[-4:],
            new.note,
            new.created_at,
            new.created_by,
            new.created_at,
            new.created_by,
        )

    def reservation_by_receipt(self, receipt: str) -> Reservation | None:
        row = self._one(
            f"SELECT {_RESERVATION_COLUMNS} FROM {_RESERVATION_FROM} WHERE r.receipt = ?",
            (receipt,),
        )
        return None if row is None else _reservation(row)

    def set_status(
        self, receipt: str, status: Status, cancel_reason: str | None, at: str, by: str
    ) -> None:
        self._conn.execute(
            "UPDATE reservations SET status = ?, cancel_reason = ?, updated_at = ?, "
            "updated_by = ? WHERE receipt = ?",
            (status.value, cancel_reason, at, by, receipt),
        )

    def move_reservation(self, receipt: str, slot_id: int, at: str, by: str) -> None:
        self._conn.execute(
            "UPDATE reservations SET slot_id = ?, updated_at = ?, updated_by = ? WHERE receipt = ?",
            (slot_id, at, by, receipt),
        )

    _PERSON_FIELDS = frozenset(
        {"family_name", "given_name", "family_kana", "given_kana", "phone", "note"}
    )

    def update_person(self, receipt: str, fields: dict[str, str | None], at: str, by: str) -> None:
        unknown = set(fields) - self._PERSON_FIELDS
        if unknown:
            raise ValueError(f"not person fields: {sorted(unknown)}")
        assignments = [f"{name} = ?" for name in fields]
        params: list[Any] = list(fields.values())
        if "phone" in fields:
            assignments.append("phone_last4 = ?")
            phone = fields["phone"]
            params.append(phone[-4:] if phone else None)
        self._conn.execute(
            f"UPDATE reservations SET {', '.join(assignments)}, updated_at = ?, updated_by = ? "
            "WHERE receipt = ?",
            [*params, at, by, receipt],
        )

    def active_duplicates(
        self, phone: str, family_name: str, given_name: str, family_kana: str, given_kana: str
    ) -> list[Reservation]:
        rows = self._all(
            ACTIVE_DUPLICATES_SQL, (phone, family_kana, given_kana, family_name, given_name)
        )
        return [_reservation(r) for r in rows]

    def search(self, query: SearchQuery) -> list[Reservation]:
        sql, params = self.search_statement(query)
        return [_reservation(r) for r in self._all(sql, params)]

    def search_statement(self, query: SearchQuery) -> tuple[str, list[Any]]:
        """The SELECT this store runs for ``query``, after choosing its plan."""
        return search_sql(query, walk_slots=self._prefix_is_common(query))

    def _prefix_is_common(self, query: SearchQuery) -> bool:
        """True for a prefix-only search whose prefix matches many rows (see search_sql)."""
        if query.receipt or query.receipts or query.phone_e164 or query.phone_last4:
            return False
        if query.kana_prefix:
            prefix, columns = query.kana_prefix, ("family_kana", "given_kana")
        elif query.name_prefix:
            prefix, columns = query.name_prefix, ("family_name", "given_name")
        else:
            return False
        found = 0
        for column in columns:
            # Counting stops at the threshold, so this costs at most a few thousand index
            # entries however common the prefix is.
            row = self._one(
                f"SELECT count(*) FROM (SELECT 1 FROM reservations WHERE {column} >= ? "
                f"AND {column} < ? LIMIT {PREFIX_WALK_THRESHOLD:d})",
                (prefix, prefix + _PREFIX_END),
            )
            found += int(row[0])
        return found >= PREFIX_WALK_THRESHOLD

    # accounts
    def account_role(self, name: str) -> str | None:
        row = self._one("SELECT role FROM accounts WHERE name = ? AND disabled = 0", (name,))
        return None if row is None else str(row[0])

    def add_account(
        self, name: str, role: str, public_key: bytes, created_at: str, created_by: str
    ) -> None:
        self._conn.execute(
            "INSERT INTO accounts(name, role, public_key, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?)",
            (name, role, public_key, created_at, created_by),
        )

    def list_accounts(self) -> list[tuple[str, str, bool, str]]:
        rows = self._all("SELECT name, role, disabled, created_at FROM accounts ORDER BY name")
        return [(r[0], r[1], bool(r[2]), r[3]) for r in rows]

    # audit
    def append_audit(
        self, time: str, account: str, action: str, target: str, result: str
    ) -> AuditEntry:
        last = self._one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
        seq, prev = (1, GENESIS_HASH) if last is None else (last[0] + 1, last[1])
        digest = chain_hash(prev, canonical_form(seq, time, account, action, target, result))
        signer = self._signer
        signature = signer.sign_entry(digest) if signer and signer.account == account else ""
        self._conn.execute(
            "INSERT INTO audit(seq, time, account, action, target, result, prev_hash, hash, "
            "signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, time, account, action, target, result, prev, digest, signature or None),
        )
        entry = AuditEntry(seq, time, account, action, target, result, prev, digest, signature)
        self.last_audit = entry
        if self.first_audit_seq is None:
            self.first_audit_seq = seq
        return entry

    def audit_entries(self) -> list[AuditEntry]:
        rows = self._all(f"SELECT {_AUDIT_COLUMNS} FROM audit ORDER BY seq")
        return [AuditEntry(*r) for r in rows]

    def audit_page(self, query: AuditQuery) -> list[AuditEntry]:
        where: list[str] = []
        params: list[Any] = []
        if query.account is not None:
            where.append("account = ?")
            params.append(query.account)
        if query.action is not None:
            where.append("action = ?")
            params.append(query.action)
        if query.since is not None:
            where.append("time >= ?")
            params.append(query.since)
        if query.until is not None:
            where.append("time < ?")
            params.append(query.until)
        if query.target_contains:
            where.append("instr(target, ?) > 0")
            params.append(query.target_contains)
        if query.after_seq:
            where.append("seq > ?")
            params.append(query.after_seq)
        sql = f"SELECT {_AUDIT_COLUMNS} FROM audit"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY seq {'DESC' if query.newest_first else 'ASC'} LIMIT ? OFFSET ?"
        params += [query.limit, query.offset]
        return [AuditEntry(*r) for r in self._all(sql, params)]

    def audit_latest(self) -> AuditEntry | None:
        row = self._one(f"SELECT {_AUDIT_COLUMNS} FROM audit ORDER BY seq DESC LIMIT 1")
        return None if row is None else AuditEntry(*row)

    def audit_accounts(self) -> list[str]:
        return [r[0] for r in self._all("SELECT DISTINCT account FROM audit ORDER BY account")]

    def audit_actions(self) -> list[str]:
        return [r[0] for r in self._all("SELECT DISTINCT action FROM audit ORDER BY action")]

    # vault facts
    def get_meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self._conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # grants (reservations/signatures.py)
    def add_grant(self, grant: Grant) -> None:
        self._conn.execute(
            "INSERT INTO grants(account, version, role, status, box_key, sign_key, issued_at, "
            "issued_by, issuer, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                grant.account,
                grant.version,
                grant.role,
                grant.status,
                grant.box_key,
                grant.sign_key,
                grant.issued_at,
                grant.issued_by,
                grant.issuer,
                grant.signature,
            ),
        )

    def grants(self, vault: str, account: str | None = None) -> list[Grant]:
        """Every version of every grant (or of ``account``'s), by account and version."""
        sql = (
            "SELECT account, version, role, status, box_key, sign_key, issued_at, issued_by, "
            "issuer, signature FROM grants"
        )
        params: tuple[Any, ...] = ()
        if account is not None:
            sql += " WHERE account = ?"
            params = (account,)
        rows = self._all(sql + " ORDER BY account, version", params)
        return [
            Grant(
                vault,
                str(r[0]),
                int(r[1]),
                str(r[2]),
                str(r[3]),
                bytes(r[4]),
                bytes(r[5]),
                str(r[6]),
                str(r[7]),
                str(r[8]),
                bytes(r[9]),
            )
            for r in rows
        ]

    # register of copies
    def add_copy(
        self,
        kind: str,
        created_at: str,
        account: str,
        people: int,
        scope: str,
        upto_reservation: int | None,
        path: str,
        sha256: str,
        description: str,
    ) -> int:
        cur = self._conn.execute(
            "INSERT INTO copies(kind, created_at, account, people, scope, upto_reservation, "
            "path, sha256, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, created_at, account, people, scope, upto_reservation, path, sha256, description),
        )
        return int(cur.lastrowid)

    def add_copy_people(self, copy_id: int, receipts: Iterable[str]) -> int:
        cur = self._conn.executemany(
            "INSERT OR IGNORE INTO copy_people(copy_id, reservation_id) "
            "SELECT ?, id FROM reservations WHERE receipt = ?",
            ((copy_id, receipt) for receipt in receipts),
        )
        return int(cur.rowcount)

    def list_copies(self, *, open_only: bool) -> list[CopyRecord]:
        where = "WHERE status = 'open' " if open_only else ""
        return [_copy(r) for r in self._all(f"{_COPY_SELECT} {where}ORDER BY id")]

    def get_copy(self, copy_id: int) -> CopyRecord | None:
        row = self._one(f"{_COPY_SELECT} WHERE id = ?", (copy_id,))
        return None if row is None else _copy(row)

    def close_copy(self, copy_id: int, status: str, at: str, by: str, note: str | None) -> None:
        self._conn.execute(
            "UPDATE copies SET status = ?, closed_at = ?, closed_by = ?, note = ? WHERE id = ?",
            (status, at, by, note, copy_id),
        )

    def complete_copy(
        self, copy_id: int, people: int, upto_reservation: int | None, sha256: str, description: str
    ) -> None:
        self._conn.execute(
            "UPDATE copies SET people = ?, upto_reservation = ?, sha256 = ?, description = ? "
            "WHERE id = ?",
            (people, upto_reservation, sha256, description, copy_id),
        )

    def copy_receipts(self, copy_id: int) -> list[str]:
        row = self._one("SELECT scope, upto_reservation FROM copies WHERE id = ?", (copy_id,))
        if row is None or row[0] == "none":
            return []
        if row[0] == "all":
            sql = "SELECT receipt FROM reservations WHERE id <= ? ORDER BY id"
            return [r[0] for r in self._all(sql, (row[1] or 0,))]
        return [
            r[0]
            for r in self._all(
                "SELECT r.receipt FROM copy_people p JOIN reservations r ON r.id = "
                "p.reservation_id WHERE p.copy_id = ? ORDER BY r.id",
                (copy_id,),
            )
        ]

    def latest_reservation_id(self) -> int:
        return int(self._one("SELECT coalesce(max(id), 0) FROM reservations")[0])

    def reservations_changed_since(self, time: str) -> int:
        # Times are ISO 8601 with the same +09:00 offset, so text order is time order.  A
        # full scan, once, before an erasure.
        return int(
            self._one(
                "SELECT count(*) FROM reservations WHERE created_at > ? OR updated_at > ?",
                (time, time),
            )[0]
        )

    def count_reservations(self, *, upto: int | None = None) -> int:
        if upto is None:
            return int(self._one("SELECT count(*) FROM reservations")[0])
        return int(self._one("SELECT count(*) FROM reservations WHERE id <= ?", (upto,))[0])

    # -- slot planning and call-backs (reservations/slot_planning.py) --
    def add_callback(
        self, reservation_id: int, slot_id: int, reason: str, created_at: str, created_by: str
    ) -> int:
        cur = self._conn.execute(
            "INSERT INTO callbacks(reservation_id, slot_id, reason, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?)",
            (reservation_id, slot_id, reason, created_at, created_by),
        )
        return int(cur.lastrowid)

    def open_callback_exists(self, reservation_id: int, slot_id: int) -> bool:
        row = self._one(
            "SELECT 1 FROM callbacks WHERE reservation_id = ? AND slot_id = ? "
            "AND outcome IN ('pending', 'unreachable') LIMIT 1",
            (reservation_id, slot_id),
        )
        return row is not None

    def callback_rows(
        self, *, open_only: bool, callback_id: int | None = None, limit: int = 1000
    ) -> list[tuple[Any, ...]]:
        """Call-backs, oldest first, each as ``(id, receipt, slot_id, reason, created_at,
        created_by, outcome, outcome_at, outcome_by, outcome_note)``."""
        where: list[str] = []
        params: list[Any] = []
        if open_only:
            where.append("b.outcome IN ('pending', 'unreachable')")
        if callback_id is not None:
            where.append("b.id = ?")
            params.append(callback_id)
        sql = (
            "SELECT b.id, r.receipt, b.slot_id, b.reason, b.created_at, b.created_by, "
            "b.outcome, b.outcome_at, b.outcome_by, b.outcome_note FROM callbacks b "
            "JOIN reservations r ON r.id = b.reservation_id"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY b.id LIMIT ?"
        params.append(limit)
        return [tuple(r) for r in self._all(sql, params)]

    def set_callback_outcome(
        self, callback_id: int, outcome: str, at: str, by: str, note: str | None
    ) -> None:
        self._conn.execute(
            "UPDATE callbacks SET outcome = ?, outcome_at = ?, outcome_by = ?, outcome_note = ? "
            "WHERE id = ?",
            (outcome, at, by, note, callback_id),
        )

    # -- statistics (reservations/statistics.py) --
    def statistics_by_day_center(
        self, first: dt.date, last: dt.date, center_id: int | None
    ) -> list[tuple[str, int, str, int, int, int, int, int, int, int]]:
        """Seat counts per (date, center) between two days, inclusive; no personal column.

        Each row: date (ISO), center id, center name, capacity of the open slots, open
        slots, closed slots, then reservations still booked, attended, no-show, cancelled
        (whatever slot, open or closed, holds them).  Days without slots have no row.
        """
        sql, params = self.statistics_sql(first, last, center_id)
        return [
            (str(r[0]), int(r[1]), str(r[2]), int(r[3]), int(r[4]), int(r[5]), int(r[6]))
            + (int(r[7]), int(r[8]), int(r[9]))
            for r in self._all(sql, params)
        ]

    @staticmethod
    def statistics_sql(
        first: dt.date, last: dt.date, center_id: int | None
    ) -> tuple[str, list[Any]]:
        """The SELECT behind ``statistics_by_day_center`` (public so tests check its plan)."""

        # One count per slot and status: each is a range of the covering index
        # reservations_by_slot(slot_id, status), which SQLite counts without reading the
        # rows; a join with GROUP BY over the reservations was 4-5 times slower on the
        # 1,000,000-reservation benchmark (it sorts every reservation in a temporary tree).
        def count(status: str) -> str:
            return (
                "sum((SELECT count(*) FROM reservations r "
                f"WHERE r.slot_id = s.id AND r.status = '{status}'))"
            )

        sql = (
            "SELECT s.date, s.center_id, c.name, "
            "sum(CASE WHEN s.is_open THEN s.capacity ELSE 0 END), "
            "sum(CASE WHEN s.is_open THEN 1 ELSE 0 END), "
            "sum(CASE WHEN s.is_open THEN 0 ELSE 1 END), "
            f"{count('booked')}, {count('attended')}, {count('no_show')}, {count('cancelled')} "
            "FROM slots s JOIN centers c ON c.id = s.center_id WHERE s.date BETWEEN ? AND ?"
        )
        params: list[Any] = [first.isoformat(), last.isoformat()]
        if center_id is not None:
            sql += " AND s.center_id = ?"
            params.append(center_id)
        sql += " GROUP BY s.date, s.center_id ORDER BY s.date, s.center_id"
        return sql, params

    # -- residents' requests (reservations/person.py) --
    def person_redaction(self, receipt: str) -> tuple[str, str] | None:
        """When and by whom the booking's personal data was erased, or None."""
        row = self._one(
            "SELECT redacted_at, redacted_by FROM reservations WHERE receipt = ?", (receipt,)
        )
        return None if row is None or row[0] is None else (str(row[0]), str(row[1]))

    def redact_person(self, receipt: str, at: str, by: str) -> None:
        # Status, slot and times stay: the seat count and the anonymous statistics must not
        # change.  A call-back's outcome note is free text typed during a call about this
        # person, so it goes too.  With secure_delete on, SQLite zeroes the old cells.
        self._conn.execute(
            "UPDATE reservations SET family_name = NULL, given_name = NULL, family_kana = NULL, "
            "given_kana = NULL, phone = NULL, phone_last4 = NULL, note = NULL, "
            "cancel_reason = NULL, redacted_at = ?, redacted_by = ?, updated_at = ?, "
            "updated_by = ? WHERE receipt = ?",
            (at, by, at, by, receipt),
        )
        self._conn.execute(
            "UPDATE callbacks SET outcome_note = NULL WHERE outcome_note IS NOT NULL AND "
            "reservation_id = (SELECT id FROM reservations WHERE receipt = ?)",
            (receipt,),
        )

    def copies_holding(self, reservation_ids: Sequence[int]) -> list[tuple[int, CopyRecord]]:
        """(reservation id, copy) for every registered copy that holds one of the bookings:
        listed by name in ``copy_people``, or a whole-vault copy made after it was stored."""
        if not reservation_ids:
            return []
        marks = ",".join("?" * len(reservation_ids))
        columns = (
            "c.id, c.kind, c.created_at, c.account, c.people, c.path, c.sha256, "
            "c.description, c.status, c.closed_at, c.closed_by, c.note"
        )
        rows = self._all(
            f"SELECT r.id, {columns} FROM reservations r JOIN copies c ON "
            "(c.scope = 'all' AND r.id <= c.upto_reservation) OR (c.scope = 'listed' AND "
            "EXISTS (SELECT 1 FROM copy_people p WHERE p.copy_id = c.id AND "
            f"p.reservation_id = r.id)) WHERE r.id IN ({marks}) ORDER BY c.id, r.id",
            list(reservation_ids),
        )
        return [(int(row[0]), _copy(row[1:])) for row in rows]

    # -- handover (reservations/handover.py) --
    def handover_reservations(
        self, after: tuple[str, str, str, str] | None, limit: int
    ) -> list[tuple[Reservation, str | None, str | None]]:
        """One page of every reservation ordered by (center name, date, start, receipt),
        after the key ``after`` (that order's four values of the previous page's last row),
        each with its ``redacted_at`` and ``redacted_by``.

        CROSS JOIN fixes the loop order centers -> slots -> reservations, so SQLite walks the
        centers' name index and each center's slots in (date, start) order and sorts only the
        receipts within a slot; the key pages without OFFSET (0.5 s for 100,000 rows).
        """
        name, date, start, receipt = after or ("", "", "", "")
        rows = self._all(
            f"SELECT {_RESERVATION_COLUMNS}, r.redacted_at, r.redacted_by "
            "FROM centers c CROSS JOIN slots s CROSS JOIN reservations r "
            "WHERE s.center_id = c.id AND r.slot_id = s.id AND c.name >= ?1 "
            "AND (c.name, s.date, s.start, r.receipt) > (?1, ?2, ?3, ?4) "
            "ORDER BY c.name, s.date, s.start, r.receipt LIMIT ?5",
            (name, date, start, receipt, limit),
        )
        return [(_reservation(row), row[19], row[20]) for row in rows]

    def handover_days(self) -> list[tuple[str, dt.date, int]]:
        """(center name, date, reservations) for every day with reservations, in ledger order."""
        rows = self._all(
            "SELECT c.name, s.date, count(*) FROM reservations r "
            "JOIN slots s ON s.id = r.slot_id JOIN centers c ON c.id = s.center_id "
            "GROUP BY c.name, s.date ORDER BY c.name, s.date"
        )
        return [(row[0], dt.date.fromisoformat(row[1]), int(row[2])) for row in rows]

    def handover_status_counts(self) -> list[tuple[Status, int, int]]:
        """(status, reservations, of which erased) for every status present."""
        rows = self._all(
            "SELECT status, count(*), count(redacted_at) FROM reservations GROUP BY status"
        )
        return [(Status(row[0]), int(row[1]), int(row[2])) for row in rows]

    # -- accounts (reservations/accounts.py) --
    _ACCOUNT_COLUMNS = (
        "name, role, public_key, disabled, must_change_password, removed_at IS NOT NULL, created_at"
    )
    _ACCOUNT_CHANGES = frozenset(
        {"role", "public_key", "disabled", "must_change_password", "removed_at", "removed_by"}
    )

    def account_rows(
        self, name: str | None = None
    ) -> list[tuple[str, str, bytes, bool, bool, bool, str]]:
        """Accounts by name, removed ones included, each as ``(name, role, public_key,
        disabled, must_change_password, removed, created_at)``; only ``name``'s if given."""
        sql = f"SELECT {self._ACCOUNT_COLUMNS} FROM accounts"
        params: tuple[Any, ...] = ()
        if name is not None:
            sql += " WHERE name = ?"
            params = (name,)
        rows = self._all(sql + " ORDER BY name", params)
        return [
            (str(r[0]), str(r[1]), bytes(r[2]), bool(r[3]), bool(r[4]), bool(r[5]), str(r[6]))
            for r in rows
        ]

    def count_active_supervisors(self) -> int:
        row = self._one(
            "SELECT count(*) FROM accounts WHERE role = 'supervisor' AND disabled = 0 "
            "AND removed_at IS NULL"
        )
        return int(row[0])

    def insert_account(
        self,
        name: str,
        role: str,
        public_key: bytes,
        created_at: str,
        created_by: str,
        *,
        must_change_password: bool,
    ) -> None:
        self._conn.execute(
            "INSERT INTO accounts(name, role, public_key, created_at, created_by, "
            "must_change_password) VALUES (?, ?, ?, ?, ?, ?)",
            (name, role, public_key, created_at, created_by, int(must_change_password)),
        )

    def update_account(self, name: str, changes: dict[str, object]) -> None:
        """Set some of the account's life-cycle columns (see ``_ACCOUNT_CHANGES``)."""
        unknown = set(changes) - self._ACCOUNT_CHANGES
        if unknown:
            raise ValueError(f"not account columns: {sorted(unknown)}")
        if not changes:
            return
        assignments = ", ".join(f"{column} = ?" for column in changes)
        self._conn.execute(
            f"UPDATE accounts SET {assignments} WHERE name = ?", (*changes.values(), name)
        )


# Called after a COMMIT with the newest entry and whether the transaction began the chain.
AuditCallback = Callable[[AuditEntry, bool], None]


def _database_file(conn: Connection) -> Path | None:
    """The file behind ``conn``'s main database (None for an in-memory database)."""
    with database_errors():
        databases = conn.execute("PRAGMA database_list").fetchall()
    for _seq, name, file in databases:
        if name == "main" and file:
            return Path(file)
    return None


def _anchor_writer(
    conn: Connection, db_path: Path, signer: Callable[[], AuditSigner | None]
) -> AuditCallback:
    from reservations.anchor import AnchorWriter

    def vault_id() -> str | None:
        # Read after the COMMIT that appended, outside any transaction.
        with contextlib.suppress(Exception):
            row = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
            return None if row is None else str(row[0])
        return None

    return AnchorWriter(db_path, vault_id, signer)


class SqlCipherStore:
    """``Store`` over an open vault connection.

    ``on_audit_committed`` is called with the newest audit entry after every COMMIT of a
    unit of work that appended entries (see ``reservations.anchor``); by default it keeps
    the anchor file next to the database file.  ``None`` turns it off.
    """

    def __init__(
        self,
        conn: Connection,
        on_audit_committed: AuditCallback | None | Literal["default"] = "default",
        signer: AuditSigner | None = None,
    ) -> None:
        self._conn = conn
        # Signs every entry appended in the signer's name (the session's account).
        self._signer = signer
        self.database_path = _database_file(conn)
        if on_audit_committed == "default":
            on_audit_committed = (
                None
                if self.database_path is None
                else _anchor_writer(conn, self.database_path, lambda: self._signer)
            )
        self._on_audit_committed = on_audit_committed

    def current_signer(self) -> AuditSigner | None:
        return self._signer

    def set_signer(self, signer: AuditSigner | None) -> None:
        self._signer = signer

    @contextlib.contextmanager
    def unit_of_work(self, *, write: bool) -> Iterator[UnitOfWork]:
        with database_errors():
            # IMMEDIATE takes the write lock up front, so a capacity check and the insert that
            # follows cannot interleave with another process's booking.
            self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            uow = SqlCipherUnitOfWork(self._conn, self._signer)
            try:
                yield uow
            finally:
                # A failed COMMIT (disk full) may already have ended the transaction.
                if not uow.committed and self._conn.in_transaction:
                    with contextlib.suppress(Exception):
                        self._conn.execute("ROLLBACK")
                # After COMMIT, never before: an anchor must not name an entry that a failed
                # COMMIT did not store (see reservations/anchor.py).
                if uow.committed and uow.last_audit is not None and self._on_audit_committed:
                    self._on_audit_committed(uow.last_audit, uow.first_audit_seq == 1)

    def checkpoint_wal(self) -> tuple[bool, int, int]:
        """Copy the write-ahead log into the database file and truncate it to zero bytes.

        For erasure at the person's request (reservations/person.py): until then the old
        pages, holding the erased values, are still in the WAL.  Runs outside any
        transaction.  Returns (busy, frames in the log, frames checkpointed): busy means
        another connection's open read kept the log from being emptied.
        """
        with database_errors():
            row = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return bool(row[0]), int(row[1]), int(row[2])
