"""The vault's schema as ordered forward migrations, versioned with ``PRAGMA user_version``.

Each step takes the database from version N-1 to N inside the caller's transaction.  Steps
are never edited once released: a vault made by an earlier release is brought forward by
running the steps it has not seen.  ``tests/test_schema.py`` builds a database at every
earlier version and opens it with the current code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Connection = Any  # sqlcipher3.Connection; the bundled driver ships no type information

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('operator', 'supervisor')),
    public_key  BLOB NOT NULL,
    disabled    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);
CREATE TABLE centers (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);
CREATE TABLE slots (
    id         INTEGER PRIMARY KEY,
    center_id  INTEGER NOT NULL REFERENCES centers(id),
    date       TEXT NOT NULL,
    start      TEXT NOT NULL,
    end        TEXT NOT NULL,
    capacity   INTEGER NOT NULL CHECK (capacity >= 0),
    is_open    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (center_id, date, start),
    CHECK (end > start)
);
CREATE INDEX slots_by_date ON slots(date, center_id);
CREATE TABLE reservations (
    id             INTEGER PRIMARY KEY,
    receipt        TEXT NOT NULL UNIQUE,
    slot_id        INTEGER NOT NULL REFERENCES slots(id),
    family_name    TEXT,
    given_name     TEXT,
    family_kana    TEXT,
    given_kana     TEXT,
    phone          TEXT,
    status         TEXT NOT NULL
                   CHECK (status IN ('booked', 'attended', 'cancelled', 'no_show')),
    note           TEXT,
    cancel_reason  TEXT,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL
);
CREATE INDEX reservations_by_slot ON reservations(slot_id, status);
CREATE INDEX reservations_by_phone ON reservations(phone);
CREATE TABLE audit (
    seq        INTEGER PRIMARY KEY,
    time       TEXT NOT NULL,
    account    TEXT NOT NULL,
    action     TEXT NOT NULL,
    target     TEXT NOT NULL,
    result     TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
"""

# Version 2: the verification line confirms a visitor by kana and the last 4 digits of the
# phone, and operators search by name and kana prefixes; each needs its own index so that a
# lookup never scans a million rows.
_V2 = """
ALTER TABLE reservations ADD COLUMN phone_last4 TEXT;
UPDATE reservations SET phone_last4 = substr(phone, -4) WHERE phone IS NOT NULL;
CREATE INDEX reservations_by_phone_last4 ON reservations(phone_last4);
CREATE INDEX reservations_by_family_kana ON reservations(family_kana);
CREATE INDEX reservations_by_given_kana ON reservations(given_kana);
CREATE INDEX reservations_by_family_name ON reservations(family_name);
CREATE INDEX reservations_by_given_name ON reservations(given_name);
CREATE INDEX audit_by_account ON audit(account, time);
"""

# Version 3, from the 1,000,000-reservation benchmark:
# - the duplicate check of every booking walked every row with the caller's given name
#   (42,000 rows for 太郎); a partial index over active bookings answers it at once;
# - a prefix search that matches many rows sorted all of them before the LIMIT; walking the
#   slots in date order and probing each slot's readings and names by prefix finds the first
#   page without touching the rest.
_V3 = """
CREATE INDEX reservations_active_by_name
    ON reservations(family_kana, given_kana, family_name, given_name) WHERE status = 'booked';
CREATE INDEX slots_by_day_time ON slots(date, start);
CREATE INDEX reservations_by_slot_family_kana ON reservations(slot_id, family_kana);
CREATE INDEX reservations_by_slot_given_kana ON reservations(slot_id, given_kana);
CREATE INDEX reservations_by_slot_family_name ON reservations(slot_id, family_name);
CREATE INDEX reservations_by_slot_given_name ON reservations(slot_id, given_name);
"""

# Version 4, accounts life cycle: an account created or reset by a supervisor must choose its
# own password at first login; a removed account keeps its row (its name stays in the audit
# trail and cannot be given to somebody else) but loses its key slot.
_V4 = """
ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN removed_at TEXT;
ALTER TABLE accounts ADD COLUMN removed_by TEXT;
"""

# Version 5, the supervisor's tools (issue 6):
# - ``copies`` is the register of every file that left the vault, with the people it holds
#   (``copy_people`` for a chosen few; scope 'all' for whole-vault copies such as backups and
#   the handover: every reservation with id <= ``upto_reservation``), so a lost copy tells at
#   once who is affected;
# - ``callbacks`` lists bookings whose slot was closed, for operators to call back, with the
#   outcome of each call;
# - a reservation erased at the person's request keeps its row (seat count, statistics) and
#   records when and by whom; the personal columns are NULL.
_V5 = """
CREATE TABLE copies (
    id                INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    account           TEXT NOT NULL,
    people            INTEGER NOT NULL CHECK (people >= 0),
    scope             TEXT NOT NULL CHECK (scope IN ('listed', 'all', 'none')),
    upto_reservation  INTEGER,
    path              TEXT NOT NULL,
    sha256            TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'destroyed', 'handed-over')),
    closed_at         TEXT,
    closed_by         TEXT,
    note              TEXT
);
CREATE INDEX copies_by_status ON copies(status, id);
CREATE TABLE copy_people (
    copy_id         INTEGER NOT NULL REFERENCES copies(id),
    reservation_id  INTEGER NOT NULL REFERENCES reservations(id),
    PRIMARY KEY (copy_id, reservation_id)
) WITHOUT ROWID;
CREATE INDEX copy_people_by_reservation ON copy_people(reservation_id);
CREATE TABLE callbacks (
    id              INTEGER PRIMARY KEY,
    reservation_id  INTEGER NOT NULL REFERENCES reservations(id),
    slot_id         INTEGER NOT NULL REFERENCES slots(id),
    reason          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    outcome         TEXT NOT NULL DEFAULT 'pending',
    outcome_at      TEXT,
    outcome_by      TEXT,
    outcome_note    TEXT
);
CREATE INDEX callbacks_by_outcome ON callbacks(outcome, id);
CREATE INDEX callbacks_by_reservation ON callbacks(reservation_id);
ALTER TABLE reservations ADD COLUMN redacted_at TEXT;
ALTER TABLE reservations ADD COLUMN redacted_by TEXT;
"""


# Version 6, signed roles and audit trail (issue 12, ``reservations/signatures.py``):
# - ``grants`` holds every version of every account grant, signed by the vault authority (or,
#   for new keys after a password change, by the account's previous signing key);
# - each audit entry carries the acting account's Ed25519 signature over its hash (NULL for
#   entries written before the vault had an authority key: ``meta.signed_from_seq`` says
#   where signing began);
# - ``meta.authority_key`` is the authority's public key (base64).
_V6 = """
CREATE TABLE grants (
    account    TEXT NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    role       TEXT NOT NULL,
    status     TEXT NOT NULL,
    box_key    BLOB NOT NULL,
    sign_key   BLOB NOT NULL,
    issued_at  TEXT NOT NULL,
    issued_by  TEXT NOT NULL,
    issuer     TEXT NOT NULL CHECK (issuer IN ('authority', 'account')),
    signature  BLOB NOT NULL,
    PRIMARY KEY (account, version)
) WITHOUT ROWID;
ALTER TABLE audit ADD COLUMN signature TEXT;
"""


def _script(sql: str) -> Callable[[Connection], None]:
    def step(conn: Connection) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                conn.execute(statement)

    return step


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    _script(_V1),
    _script(_V2),
    _script(_V3),
    _script(_V4),
    _script(_V5),
    _script(_V6),
)
LATEST_VERSION = len(MIGRATIONS)


def schema_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, *, target: int = LATEST_VERSION) -> int:
    """Run the missing steps up to ``target`` inside the caller's transaction.

    Returns the version the database had before.  ``target`` below the latest exists so that
    tests can build databases as earlier releases made them.
    """
    before = schema_version(conn)
    for version in range(before + 1, target + 1):
        MIGRATIONS[version - 1](conn)
        conn.execute(f"PRAGMA user_version = {version:d}")
    return before
