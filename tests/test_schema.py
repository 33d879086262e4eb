"""Forward migrations: a vault made at every earlier schema version opens with today's code."""

from __future__ import annotations

from pathlib import Path

import pytest

from reservations.booking import BookingService, SearchInput
from reservations.keyslots import TEST_KDF, KeySlotFile, generate_data_key
from reservations.schema import LATEST_VERSION, MIGRATIONS, migrate, schema_version
from reservations.session import open_session
from reservations.vault import connect, key_file_path

PASSWORD = "old-release-password"


def make_vault_at_version(path: Path, version: int) -> None:
    """Build a vault the way the release with schema ``version`` left it, with one booking."""
    data_key = generate_data_key()
    slots = KeySlotFile.create(key_file_path(path), "feedface" * 4)
    public_key = slots.add_account("chief", PASSWORD, data_key, kdf=TEST_KDF)
    conn = connect(path, data_key, create=True)
    conn.execute("BEGIN IMMEDIATE")
    migrate(conn, target=version)
    conn.execute("INSERT INTO meta(key, value) VALUES ('vault_id', ?)", ("feedface" * 4,))
    conn.execute(
        "INSERT INTO accounts(name, role, public_key, created_at, created_by) "
        "VALUES ('chief', 'supervisor', ?, '2022-11-17T10:00:00+09:00', 'chief')",
        (public_key,),
    )
    conn.execute("INSERT INTO centers(name) VALUES ('四谷地域センター')")
    conn.execute(
        "INSERT INTO slots(center_id, date, start, end, capacity) "
        "VALUES (1, '2099-12-19', '10:00', '10:30', 5)"
    )
    # The columns each release wrote: version 2 added phone_last4.
    columns = "receipt, slot_id, family_name, given_name, family_kana, given_kana, phone, " + (
        "status, created_at, created_by, updated_at, updated_by"
    )
    values = [
        "57240003", 1, "山田", "太郎", "ヤマダ", "タロウ", "+819012345678", "booked",
        "2022-12-01T10:00:00+09:00", "chief", "2022-12-01T10:00:00+09:00", "chief",
    ]  # fmt: skip
    if version >= 2:
        columns += ", phone_last4"
        values.append("5678")
    marks = ", ".join("?" * len(values))
    conn.execute(f"INSERT INTO reservations({columns}) VALUES ({marks})", values)
    conn.execute("COMMIT")
    conn.close()
    with slots.locked():
        slots.save()


def test_there_is_a_step_per_version() -> None:
    assert LATEST_VERSION == len(MIGRATIONS) >= 2


@pytest.mark.parametrize("version", range(1, LATEST_VERSION))
def test_earlier_version_is_migrated_on_open(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.db"
    make_vault_at_version(path, version)
    vault, session = open_session(path, "chief", PASSWORD)
    try:
        assert schema_version(vault.conn) == LATEST_VERSION
        found = BookingService(session).find(SearchInput(phone="5678", kana="やまだ"))
        assert [r.receipt for r in found] == ["57240003"]
    finally:
        vault.close()


def test_migration_is_idempotent_at_latest(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    make_vault_at_version(path, LATEST_VERSION)
    for _ in range(2):
        vault, _session = open_session(path, "chief", PASSWORD)
        assert schema_version(vault.conn) == LATEST_VERSION
        vault.close()
