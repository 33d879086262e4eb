"""The audit chain exists from the first booking and its documented form can be recomputed."""

from __future__ import annotations

import hashlib
import json

from reservations.audit import GENESIS_HASH, AuditEntry, first_broken_link
from reservations.booking import BookingService, CallerInput, SearchInput
from reservations.session import Session
from tests.conftest import TestVault


def test_chain_is_recomputable_from_the_documented_form(
    test_vault: TestVault, operator: Session
) -> None:
    BookingService(operator).book(
        test_vault.slot_ids["a0-1000"],
        CallerInput("山田", "太郎", "ヤマダ", "タロウ", "09012345678"),
    )
    with operator.store.unit_of_work(write=False) as uow:
        entries = uow.audit_entries()
    assert [e.action for e in entries][-2:] == ["login", "book"]
    prev = GENESIS_HASH
    for entry in entries:
        # Written from the docstring of reservations/audit.py, as the ward would.
        canonical = json.dumps(
            {
                k: getattr(entry, k)
                for k in ("seq", "time", "account", "action", "target", "result")
            },
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        assert entry.prev_hash == prev
        assert entry.hash == hashlib.sha256(f"{prev}\n{canonical}".encode()).hexdigest()
        assert entry.time.endswith("+09:00")
        prev = entry.hash


def test_edit_delete_and_reorder_are_detected(test_vault: TestVault, operator: Session) -> None:
    service = BookingService(operator)
    for phone in ("09011112222", "09033334444"):
        service.book(
            test_vault.slot_ids["b0-1000"], CallerInput("佐藤", phone[-4:], "サトウ", "イチ", phone)
        )
    with operator.store.unit_of_work(write=False) as uow:
        entries = uow.audit_entries()
    assert first_broken_link(entries) is None
    second = entries[1]
    edited = [*entries[:1], AuditEntry(**{**second.to_json(), "account": "intruder"}), *entries[2:]]  # type: ignore[arg-type]
    assert first_broken_link(edited) == second.seq
    assert first_broken_link(entries[:1] + entries[2:]) == entries[2].seq
    assert first_broken_link([entries[0], entries[2], entries[1], *entries[3:]]) is not None


def test_deferred_login_is_written_once_with_the_first_change(test_vault: TestVault) -> None:
    from reservations.session import open_session
    from tests.conftest import OPERATOR

    vault, session = open_session(test_vault.path, *OPERATOR, defer_login_audit=True)
    try:
        service = BookingService(session)
        caller = CallerInput("山田", "太郎", "ヤマダ", "タロウ", "09012345678")
        with session.store.unit_of_work(write=False) as uow:
            before = len(uow.audit_entries())
        try:
            service.book(test_vault.slot_ids["closed"], caller)
        except Exception:  # noqa: BLE001 - refused booking: nothing written, login still pending
            pass
        with session.store.unit_of_work(write=False) as uow:
            assert len(uow.audit_entries()) == before
        service.book(test_vault.slot_ids["a0-1000"], caller)
        service.find(SearchInput(kana="ヤマダ"))
        session.record_login()
        with session.store.unit_of_work(write=False) as uow:
            actions = [e.action for e in uow.audit_entries()[before:]]
        assert actions == ["login", "book", "find"]
    finally:
        vault.close()
