"""The contract of the storage interface (``reservations.store.Store`` and ``UnitOfWork``).

Every test runs once per backend in ``BACKENDS``.  Today that is the SQLCipher store on a
fresh test vault; a PostgreSQL backend (docs/architecture.md, "Beyond one PC") adds its
factory there and must pass the same tests unchanged.  The tests therefore only use the
Protocols' methods, make their own centers and slots, and never rely on the seed data of a
particular backend (the SQLCipher test vault already holds two centers, a few slots, two
accounts and some audit entries).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from reservations.audit import GENESIS_HASH, canonical_form, chain_hash
from reservations.domain import CopyKind, CopyStatus, Reservation, Status
from reservations.store import (
    AuditQuery,
    NewReservation,
    SearchQuery,
    SqlCipherStore,
    Store,
)
from tests.conftest import TestVault

# A callable that opens a new connection to one and the same fresh database on every call.
StoreFactory = Callable[[], Store]

DAY = dt.date(2023, 1, 10)
AT = "2023-01-05T10:00:00+09:00"
LATER = "2023-01-06T11:00:00+09:00"


def _sqlcipher(test_vault: TestVault) -> StoreFactory:
    def open_store() -> Store:
        # The anchor file is SQLCipher-specific (see docs/architecture.md); off here.
        return SqlCipherStore(test_vault.vault().conn, on_audit_committed=None)

    return open_store


BACKENDS: dict[str, Callable[[TestVault], StoreFactory]] = {"sqlcipher": _sqlcipher}


@pytest.fixture(params=sorted(BACKENDS))
def store_factory(request: pytest.FixtureRequest, test_vault: TestVault) -> StoreFactory:
    # test_vault closes every connection opened through it on teardown.
    return BACKENDS[request.param](test_vault)


@pytest.fixture
def store(store_factory: StoreFactory) -> Store:
    return store_factory()


def _new(receipt: str, slot_id: int, **overrides: str | None) -> NewReservation:
    values: dict[str, str | None] = dict(
        family_name="山田",
        given_name="花子",
        family_kana="ヤマダ",
        given_kana="ハナコ",
        phone="+81312345678",
        note=None,
    )
    values.update(overrides)
    return NewReservation(
        receipt=receipt,
        slot_id=slot_id,
        family_name=str(values["family_name"]),
        given_name=str(values["given_name"]),
        family_kana=str(values["family_kana"]),
        given_kana=str(values["given_kana"]),
        phone=str(values["phone"]),
        note=values["note"],
        created_at=AT,
        created_by="op1",
    )


@pytest.fixture
def slots(store: Store) -> tuple[int, int, int]:
    """Three open slots of capacity 2 on DAY: two at the contract center, one at another."""
    with store.unit_of_work(write=True) as uow:
        first = uow.add_center("契約テスト地域センター").id
        second = uow.add_center("契約テスト第二センター").id
        ids = (
            uow.add_slot(first, DAY, dt.time(10, 0), dt.time(10, 30), 2),
            uow.add_slot(first, DAY, dt.time(10, 30), dt.time(11, 0), 2),
            uow.add_slot(second, DAY, dt.time(10, 0), dt.time(10, 30), 2),
        )
        uow.commit()
    return ids


@pytest.fixture
def booked(store: Store, slots: tuple[int, int, int]) -> Store:
    """Three bookings: 10000001 and 10000002 in the first slot, 10000003 in the third."""
    with store.unit_of_work(write=True) as uow:
        uow.add_reservation(_new("10000001", slots[0]))
        uow.add_reservation(
            _new(
                "10000002",
                slots[0],
                family_name="佐藤",
                given_name="一郎",
                family_kana="サトウ",
                given_kana="イチロウ",
                phone="+819011112222",
                note="車椅子",
            )
        )
        uow.add_reservation(
            _new(
                "10000003",
                slots[2],
                family_name="鈴木",
                given_name="ヤマ子",
                family_kana="スズキ",
                given_kana="ヤマコ",
                phone="+819033335678",
            )
        )
        uow.commit()
    return store


def _receipts(found: list[Reservation]) -> list[str]:
    return sorted(r.receipt for r in found)


# -- centers and slots ----------------------------------------------------------------------


def test_centers_add_and_list(store: Store) -> None:
    with store.unit_of_work(write=True) as uow:
        before = uow.list_centers()
        center = uow.add_center("契約テスト地域センター")
        uow.commit()
    with store.unit_of_work(write=False) as uow:
        assert uow.list_centers() == [*before, center]
        assert uow.center_by_name("契約テスト地域センター") == center
        assert uow.center_by_name("存在しないセンター") is None


def test_slots_add_list_update_and_close(store: Store, slots: tuple[int, int, int]) -> None:
    first, second, other = slots
    with store.unit_of_work(write=False) as uow:
        slot = uow.get_slot(first)
        assert slot is not None
        assert (slot.center, slot.date, slot.start, slot.end) == (
            "契約テスト地域センター",
            DAY,
            dt.time(10, 0),
            dt.time(10, 30),
        )
        assert (slot.capacity, slot.booked, slot.is_open) == (2, 0, True)
        assert uow.find_slot(slot.center_id, DAY, dt.time(10, 30)) == uow.get_slot(second)
        assert uow.find_slot(slot.center_id, DAY, dt.time(9, 0)) is None
        assert uow.get_slot(999_999) is None
        # Ordered by date, start, center.
        assert [s.id for s in uow.list_slots(slot.center_id, DAY)] == [first, second]
        assert [s.id for s in uow.list_slots(None, DAY) if s.id in slots] == [
            first,
            other,
            second,
        ]
        between = uow.list_slots_between(None, DAY, DAY + dt.timedelta(days=1))
        assert {first, second, other} <= {s.id for s in between}
        assert uow.list_slots_between(slot.center_id, DAY + dt.timedelta(days=1), DAY) == []
    with store.unit_of_work(write=True) as uow:
        uow.update_slot(first, dt.time(10, 45), 5)
        uow.set_slot_open(second, False)
        uow.commit()
    with store.unit_of_work(write=False) as uow:
        changed, closed = uow.get_slot(first), uow.get_slot(second)
        assert changed is not None and closed is not None
        assert (changed.end, changed.capacity, changed.is_open) == (dt.time(10, 45), 5, True)
        assert closed.is_open is False


# -- reservations ---------------------------------------------------------------------------


def test_reservation_add_and_get(store: Store, slots: tuple[int, int, int]) -> None:
    with store.unit_of_work(write=True) as uow:
        assert uow.receipt_exists("10000001") is False
        new_id = uow.add_reservation(_new("10000001", slots[0], note="杖"))
        uow.commit()
    with store.unit_of_work(write=False) as uow:
        r = uow.reservation_by_receipt("10000001")
        assert r is not None
        assert r.id == new_id
        assert (r.slot_id, r.center, r.date, r.start, r.end) == (
            slots[0],
            "契約テスト地域センター",
            DAY,
            dt.time(10, 0),
            dt.time(10, 30),
        )
        assert (r.family_name, r.given_name, r.family_kana, r.given_kana) == (
            "山田",
            "花子",
            "ヤマダ",
            "ハナコ",
        )
        assert (r.phone, r.note, r.status, r.cancel_reason) == (
            "+81312345678",
            "杖",
            Status.BOOKED,
            None,
        )
        assert (r.created_at, r.created_by, r.updated_at, r.updated_by) == (AT, "op1", AT, "op1")
        assert uow.receipt_exists("10000001") is True
        assert uow.reservation_by_receipt("10000009") is None
        assert uow.seats_taken(slots[0]) == 1
        slot = uow.get_slot(slots[0])
        assert slot is not None and slot.booked == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (SearchQuery(receipt="10000002"), ["10000002"]),
        (SearchQuery(receipts=("10000001", "10000003", "99999999")), ["10000001", "10000003"]),
        (SearchQuery(phone_e164="+819011112222"), ["10000002"]),
        (SearchQuery(phone_last4="5678"), ["10000001", "10000003"]),
        # A kana prefix matches the family or the given reading.
        (SearchQuery(kana_prefix="ヤマ"), ["10000001", "10000003"]),
        (SearchQuery(kana_prefix="サト"), ["10000002"]),
        (SearchQuery(name_prefix="佐"), ["10000002"]),
        (SearchQuery(name_contains="ヤマ子"), ["10000003"]),
        (SearchQuery(kana_prefix="ヤマ", phone_last4="5678", date=DAY), ["10000001", "10000003"]),
        (SearchQuery(kana_prefix="ン"), []),
        (SearchQuery(receipt="10000001", phone_last4="2222"), []),
    ],
)
def test_search(booked: Store, query: SearchQuery, expected: list[str]) -> None:
    with booked.unit_of_work(write=False) as uow:
        assert _receipts(uow.search(query)) == expected


def test_search_by_center_status_and_limit(booked: Store, slots: tuple[int, int, int]) -> None:
    with booked.unit_of_work(write=False) as uow:
        other = uow.get_slot(slots[2])
        assert other is not None
        assert _receipts(uow.search(SearchQuery(center_id=other.center_id))) == ["10000003"]
        assert _receipts(uow.search(SearchQuery(kana_prefix="ヤマ", limit=1))) in (
            ["10000001"],
            ["10000003"],
        )
        page = uow.search(SearchQuery(date=DAY, status=Status.BOOKED))
        assert {"10000001", "10000002", "10000003"} <= set(_receipts(page))


def test_set_status_frees_the_seat_when_cancelled(
    booked: Store, slots: tuple[int, int, int]
) -> None:
    with booked.unit_of_work(write=True) as uow:
        uow.set_status("10000001", Status.CANCELLED, "体調不良", LATER, "chief")
        uow.set_status("10000003", Status.ATTENDED, None, LATER, "op1")
        uow.commit()
    with booked.unit_of_work(write=False) as uow:
        cancelled = uow.reservation_by_receipt("10000001")
        assert cancelled is not None
        assert (cancelled.status, cancelled.cancel_reason) == (Status.CANCELLED, "体調不良")
        assert (cancelled.updated_at, cancelled.updated_by) == (LATER, "chief")
        assert uow.seats_taken(slots[0]) == 1
        assert uow.seats_taken(slots[2]) == 1  # attended still holds its seat
        assert _receipts(uow.search(SearchQuery(status=Status.CANCELLED, date=DAY))) == ["10000001"]


def test_move_reservation(booked: Store, slots: tuple[int, int, int]) -> None:
    with booked.unit_of_work(write=True) as uow:
        uow.move_reservation("10000002", slots[1], LATER, "op1")
        uow.commit()
    with booked.unit_of_work(write=False) as uow:
        moved = uow.reservation_by_receipt("10000002")
        assert moved is not None
        assert (moved.slot_id, moved.start, moved.updated_by) == (slots[1], dt.time(10, 30), "op1")
        assert (uow.seats_taken(slots[0]), uow.seats_taken(slots[1])) == (1, 1)


def test_update_person_keeps_the_phone_search_in_step(booked: Store) -> None:
    with booked.unit_of_work(write=True) as uow:
        uow.update_person(
            "10000001", {"phone": "+819044449999", "given_kana": "ハナ", "note": None}, LATER, "op1"
        )
        uow.commit()
    with booked.unit_of_work(write=False) as uow:
        r = uow.reservation_by_receipt("10000001")
        assert r is not None
        assert (r.phone, r.given_kana, r.family_name, r.updated_at) == (
            "+819044449999",
            "ハナ",
            "山田",
            LATER,
        )
        assert _receipts(uow.search(SearchQuery(phone_last4="9999"))) == ["10000001"]
        assert _receipts(uow.search(SearchQuery(phone_last4="5678"))) == ["10000003"]


def test_update_person_refuses_other_columns(booked: Store) -> None:
    with booked.unit_of_work(write=True) as uow, pytest.raises(ValueError):
        uow.update_person("10000001", {"status": "attended"}, LATER, "op1")


def test_active_duplicates_are_booked_ones_with_the_same_phone_or_name(booked: Store) -> None:
    with booked.unit_of_work(write=True) as uow:
        by_phone = uow.active_duplicates("+819011112222", "別人", "別人", "ベツ", "ジン")
        by_name = uow.active_duplicates("+810000000000", "山田", "花子", "ヤマダ", "ハナコ")
        assert _receipts(by_phone) == ["10000002"]
        assert _receipts(by_name) == ["10000001"]
        uow.set_status("10000002", Status.CANCELLED, None, LATER, "op1")
        assert uow.active_duplicates("+819011112222", "別人", "別人", "ベツ", "ジン") == []


def test_redacted_person_keeps_the_seat_and_loses_the_personal_fields(
    booked: Store, slots: tuple[int, int, int]
) -> None:
    with booked.unit_of_work(write=True) as uow:
        assert uow.person_redaction("10000002") is None
        uow.redact_person("10000002", LATER, "chief")
        uow.commit()
    with booked.unit_of_work(write=False) as uow:
        r = uow.reservation_by_receipt("10000002")
        assert r is not None
        assert (r.family_name, r.given_name, r.family_kana, r.given_kana) == (None,) * 4
        assert (r.phone, r.note, r.status) == (None, None, Status.BOOKED)
        assert uow.person_redaction("10000002") == (LATER, "chief")
        assert uow.seats_taken(slots[0]) == 2
        assert _receipts(uow.search(SearchQuery(phone_e164="+819011112222"))) == []


# -- audit ----------------------------------------------------------------------------------


def test_audit_append_chains_and_latest(store: Store) -> None:
    with store.unit_of_work(write=True) as uow:
        before = uow.audit_latest()
        first = uow.append_audit(AT, "op1", "contract-book", "1000-0001", "ok")
        second = uow.append_audit(LATER, "chief", "contract-cancel", "1000-0001", "ok")
        uow.commit()
    assert first.prev_hash == (GENESIS_HASH if before is None else before.hash)
    assert first.seq == (1 if before is None else before.seq + 1)
    assert (second.seq, second.prev_hash) == (first.seq + 1, first.hash)
    for entry in (first, second):
        form = canonical_form(
            entry.seq, entry.time, entry.account, entry.action, entry.target, entry.result
        )
        assert entry.hash == chain_hash(entry.prev_hash, form)
    with store.unit_of_work(write=False) as uow:
        assert uow.audit_latest() == second
        assert uow.audit_entries()[-2:] == [first, second]
        assert {"op1", "chief"} <= set(uow.audit_accounts())
        assert {"contract-book", "contract-cancel"} <= set(uow.audit_actions())


def test_audit_page_filters_and_pages(store: Store) -> None:
    with store.unit_of_work(write=True) as uow:
        start = uow.append_audit(AT, "op1", "contract-a", "1000-0001", "ok").seq
        uow.append_audit(AT, "chief", "contract-b", "1000-0002, 1000-0003", "ok")
        uow.append_audit(LATER, "op1", "contract-b", "1000-0003", "refused")
        uow.commit()
    with store.unit_of_work(write=False) as uow:

        def seqs(**kwargs: object) -> list[int]:
            query = AuditQuery(after_seq=start - 1, **kwargs)  # type: ignore[arg-type]
            return [e.seq for e in uow.audit_page(query)]

        assert seqs() == [start, start + 1, start + 2]
        assert seqs(account="op1") == [start, start + 2]
        assert seqs(action="contract-b") == [start + 1, start + 2]
        assert seqs(since=LATER) == [start + 2]
        assert seqs(until=LATER) == [start, start + 1]
        assert seqs(target_contains="1000-0003") == [start + 1, start + 2]
        assert seqs(newest_first=True, limit=2) == [start + 2, start + 1]
        assert seqs(limit=1, offset=1) == [start + 1]


# -- vault facts and accounts ---------------------------------------------------------------


def test_meta_get_and_set(store: Store) -> None:
    with store.unit_of_work(write=True) as uow:
        assert uow.get_meta("contract_test") is None
        uow.set_meta("contract_test", "一")
        uow.set_meta("contract_test", "二")
        uow.commit()
    with store.unit_of_work(write=False) as uow:
        assert uow.get_meta("contract_test") == "二"


def test_accounts(store: Store) -> None:
    with store.unit_of_work(write=True) as uow:
        supervisors = uow.count_active_supervisors()
        uow.insert_account(
            "contract1", "supervisor", b"\x01" * 32, AT, "chief", must_change_password=True
        )
        uow.add_account("contract2", "operator", b"\x02" * 32, AT, "chief")
        assert uow.count_active_supervisors() == supervisors + 1
        assert uow.account_rows("contract1") == [
            ("contract1", "supervisor", b"\x01" * 32, False, True, False, AT)
        ]
        uow.update_account("contract1", {"disabled": 1, "removed_at": LATER, "removed_by": "chief"})
        uow.update_account("contract2", {"role": "supervisor", "must_change_password": 1})
        with pytest.raises(ValueError):
            uow.update_account("contract2", {"name": "renamed"})
        uow.commit()
    with store.unit_of_work(write=False) as uow:
        assert uow.account_rows("contract1")[0][3:6] == (True, True, True)
        assert uow.account_role("contract1") is None  # disabled accounts have no role
        assert uow.account_role("contract2") == "supervisor"
        assert uow.count_active_supervisors() == supervisors + 1
        names = [row[0] for row in uow.account_rows()]
        assert names == sorted(names) and {"contract1", "contract2"} <= set(names)
        assert ("contract2", "supervisor", False, AT) in uow.list_accounts()
        assert uow.account_rows("nobody") == []


# -- register of copies ---------------------------------------------------------------------


def test_copies_register_add_list_and_close(booked: Store) -> None:
    with booked.unit_of_work(write=True) as uow:
        latest = uow.latest_reservation_id()
        total = uow.count_reservations()
        assert uow.count_reservations(upto=latest) == total
        listed = uow.add_copy(
            CopyKind.ROSTER.value, AT, "chief", 2, "listed", None, "/tmp/a.pdf", "ab" * 32, "名簿"
        )
        assert uow.add_copy_people(listed, ["10000001", "10000003", "99999999"]) == 2
        whole = uow.add_copy(
            CopyKind.BACKUP.value, AT, "chief", total, "all", latest, "/tmp/b", "cd" * 32, "控え"
        )
        blank = uow.add_copy(
            CopyKind.AUDIT_EXPORT.value, AT, "chief", 0, "none", None, "/tmp/c", "ef" * 32, ""
        )
        uow.commit()
    with booked.unit_of_work(write=True) as uow:
        record = uow.get_copy(listed)
        assert record is not None
        assert (record.kind, record.status, record.people, record.path) == (
            CopyKind.ROSTER,
            CopyStatus.OPEN,
            2,
            "/tmp/a.pdf",
        )
        assert uow.copy_receipts(listed) == ["10000001", "10000003"]
        assert {"10000001", "10000002", "10000003"} <= set(uow.copy_receipts(whole))
        assert uow.copy_receipts(blank) == []
        uow.close_copy(listed, CopyStatus.DESTROYED.value, LATER, "chief", "シュレッダー")
        uow.commit()
    with booked.unit_of_work(write=False) as uow:
        open_ids = [c.id for c in uow.list_copies(open_only=True)]
        all_ids = [c.id for c in uow.list_copies(open_only=False)]
        assert listed not in open_ids and {whole, blank} <= set(open_ids)
        assert {listed, whole, blank} <= set(all_ids) and all_ids == sorted(all_ids)
        closed = uow.get_copy(listed)
        assert closed is not None
        assert (closed.status, closed.closed_at, closed.closed_by, closed.note) == (
            CopyStatus.DESTROYED,
            LATER,
            "chief",
            "シュレッダー",
        )
        assert uow.get_copy(999_999) is None


def test_a_copy_registered_before_it_is_written_is_completed_later(booked: Store) -> None:
    with booked.unit_of_work(write=True) as uow:
        latest = uow.latest_reservation_id()
        copy_id = uow.add_copy(
            CopyKind.BACKUP.value, AT, "chief", 0, "all", 0, "/tmp/b", "", "控え（書き込み中）"
        )
        uow.commit()
    with booked.unit_of_work(write=True) as uow:
        uow.complete_copy(copy_id, 3, latest, "ab" * 32, "控え")
        uow.commit()
    with booked.unit_of_work(write=False) as uow:
        copy = uow.get_copy(copy_id)
        assert copy is not None
        assert (copy.people, copy.sha256, copy.description, copy.status) == (
            3,
            "ab" * 32,
            "控え",
            CopyStatus.OPEN,
        )
        assert len(uow.copy_receipts(copy_id)) == uow.count_reservations(upto=latest)


# -- transactions ---------------------------------------------------------------------------


def test_a_unit_of_work_without_commit_leaves_nothing(
    store: Store, slots: tuple[int, int, int]
) -> None:
    with store.unit_of_work(write=False) as uow:
        latest = uow.audit_latest()
    with store.unit_of_work(write=True) as uow:
        uow.add_center("取り消されるセンター")
        uow.add_reservation(_new("10000009", slots[0]))
        uow.append_audit(AT, "op1", "contract-rollback", "1000-0009", "ok")
        uow.set_meta("contract_test", "rolled back")
        assert uow.committed is False
    with pytest.raises(RuntimeError), store.unit_of_work(write=True) as uow:
        uow.set_slot_open(slots[0], False)
        raise RuntimeError("the service failed half way")
    with store.unit_of_work(write=False) as uow:
        assert uow.center_by_name("取り消されるセンター") is None
        assert uow.receipt_exists("10000009") is False
        assert uow.audit_latest() == latest
        assert uow.get_meta("contract_test") is None
        slot = uow.get_slot(slots[0])
        assert slot is not None and slot.is_open and slot.booked == 0


def test_commit_marks_the_unit_of_work(store: Store) -> None:
    with store.unit_of_work(write=True) as uow:
        uow.set_meta("contract_test", "kept")
        uow.commit()
        assert uow.committed is True
    with store.unit_of_work(write=False) as uow:
        assert uow.get_meta("contract_test") == "kept"


def test_a_write_is_invisible_to_other_units_of_work_until_committed(
    store_factory: StoreFactory,
) -> None:
    writer, reader = store_factory(), store_factory()
    with writer.unit_of_work(write=True) as uow:
        uow.add_center("並行テストセンター")
        uow.set_meta("contract_test", "pending")
        with reader.unit_of_work(write=False) as other:
            assert other.center_by_name("並行テストセンター") is None
            assert other.get_meta("contract_test") is None
        uow.commit()
    with reader.unit_of_work(write=False) as other:
        assert other.center_by_name("並行テストセンター") is not None
        assert other.get_meta("contract_test") == "pending"
