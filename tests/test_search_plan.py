"""Every key lookup uses an index: checked with EXPLAIN QUERY PLAN on a populated vault."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from reservations.demo import build_demo
from reservations.domain import Status
from reservations.keyslots import TEST_KDF
from reservations.session import open_session
from reservations.store import ACTIVE_DUPLICATES_SQL, SearchQuery, search_sql
from reservations.vault import Vault

QUERIES = {
    "receipt": SearchQuery(receipt="12345674"),
    "phone": SearchQuery(phone_e164="+819012345678"),
    "phone last 4": SearchQuery(phone_last4="5678"),
    "kana prefix": SearchQuery(kana_prefix="ヤマ"),
    "name prefix": SearchQuery(name_prefix="山"),
    "kana + last 4": SearchQuery(kana_prefix="ヤマ", phone_last4="5678"),
    "kana + center + date": SearchQuery(kana_prefix="ヤマ", center_id=1, date=dt.date.today()),
    "center + date": SearchQuery(center_id=1, date=dt.date.today()),
    "center": SearchQuery(center_id=1),
    "date + status": SearchQuery(date=dt.date.today(), status=Status.BOOKED),
    "contains + date": SearchQuery(name_contains="郎", date=dt.date.today()),
    "last 4 + status": SearchQuery(phone_last4="5678", status=Status.BOOKED),
}


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("plan") / "demo.db"
    build_demo(path, reservations=3000, seed=7, kdf=TEST_KDF)
    vault, _session = open_session(path, "operator", "uketsuke-demo-2022")
    yield vault
    vault.close()


def plan(vault: Vault, sql: str, params: list[Any] | tuple[Any, ...]) -> list[str]:
    return [row[3] for row in vault.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


@pytest.mark.parametrize("name", list(QUERIES))
def test_search_never_scans_reservations(demo_vault: Vault, name: str) -> None:
    sql, params = search_sql(QUERIES[name])
    details = plan(demo_vault, sql, params)
    assert not [d for d in details if d.startswith("SCAN r")], details
    assert not [d for d in details if d.startswith("SCAN s") and "center" in name], details


@pytest.mark.parametrize("name", [n for n in QUERIES if "prefix" in n or n.startswith("kana")])
def test_common_prefix_walks_slots_in_order_and_probes_by_index(
    demo_vault: Vault, name: str
) -> None:
    sql, params = search_sql(QUERIES[name], walk_slots=True)
    details = plan(demo_vault, sql, params)
    assert not [d for d in details if d.startswith("SCAN r")], details
    # Slots are read in (date, start) order, so the LIMIT stops the walk early.
    assert any("slots_by_day_time" in d or d.startswith("SEARCH s") for d in details), details
    assert not [d for d in details if "TEMP B-TREE FOR ORDER BY" in d], details


def test_walk_and_sort_plans_return_the_same_rows(demo_vault: Vault) -> None:
    for prefix in ("ヤ", "サト", "タロ", "ハセガワ", "ン"):
        query = SearchQuery(kana_prefix=prefix, limit=50)
        rows = [
            [r[0] for r in demo_vault.conn.execute(*search_sql(query, walk_slots=walk))]
            for walk in (False, True)
        ]
        assert rows[0] == rows[1], prefix


def test_booking_lookups_use_indexes(demo_vault: Vault) -> None:
    checks = [
        ("SELECT 1 FROM reservations WHERE receipt = ?", ("12345674",)),
        (
            "SELECT count(*) FROM reservations WHERE slot_id = ? AND status != 'cancelled'",
            (1,),
        ),
    ]
    for sql, params in checks:
        details = plan(demo_vault, sql, params)
        assert all(d.startswith("SEARCH") for d in details), (sql, details)
    duplicates = plan(
        demo_vault,
        ACTIVE_DUPLICATES_SQL,
        ("+819012345678", "ヤマダ", "タロウ", "山田", "太郎"),
    )
    assert not [d for d in duplicates if d.startswith("SCAN r")], duplicates
