"""Booking rules through the service layer on a real encrypted vault."""

from __future__ import annotations

import datetime as dt

import pytest

from reservations import errors
from reservations.audit import first_broken_link
from reservations.booking import BookingService, CallerInput, PersonChanges, SearchInput
from reservations.domain import Status
from reservations.receipt import receipt_from_payload
from reservations.session import Session
from reservations.store import SqlCipherStore
from tests.conftest import BASE_DAY, OPERATOR, FakeClock, TestVault

YAMADA = CallerInput("山田", "太郎", "やまだ", "ﾀﾛｳ", "０９０－１２３４－５６７８")
SUZUKI = CallerInput("鈴木", "花子", "スズキ", "ハナコ", "03-1234-5678")


def audit_actions(session: Session) -> list[tuple[str, str]]:
    with session.store.unit_of_work(write=False) as uow:
        entries = uow.audit_entries()
    assert first_broken_link(entries) is None
    return [(e.action, e.target) for e in entries]


def test_booking_normalizes_and_audits(test_vault: TestVault, operator: Session) -> None:
    booked = BookingService(operator).book(test_vault.slot_ids["a0-1000"], YAMADA)
    assert booked.family_kana == "ヤマダ" and booked.given_kana == "タロウ"
    assert booked.phone == "+819012345678"
    assert booked.status is Status.BOOKED
    assert booked.created_by == OPERATOR[0]
    assert booked.created_at.endswith("+09:00")
    assert ("book", booked.receipt_display) in audit_actions(operator)


def test_capacity_is_never_exceeded_and_cancel_frees_the_seat(
    test_vault: TestVault, operator: Session
) -> None:
    service = BookingService(operator)
    slot = test_vault.slot_ids["a0-1000"]
    first = service.book(slot, YAMADA)
    service.book(slot, SUZUKI)
    with pytest.raises(errors.SlotFull):
        service.book(slot, CallerInput("田中", "一郎", "タナカ", "イチロウ", "080-1111-2222"))
    service.cancel(first.receipt, "caller asked")
    third = service.book(slot, CallerInput("田中", "一郎", "タナカ", "イチロウ", "080-1111-2222"))
    assert third.receipt != first.receipt  # receipt numbers are never reused
    with pytest.raises(errors.InvalidTransition):
        service.cancel(first.receipt)


def test_closed_past_and_unknown_slots_are_refused(
    test_vault: TestVault, operator: Session, clock: FakeClock
) -> None:
    service = BookingService(operator)
    with pytest.raises(errors.SlotClosed):
        service.book(test_vault.slot_ids["closed"], YAMADA)
    with pytest.raises(errors.NotFound):
        service.book(999_999, YAMADA)
    clock.now = dt.datetime.combine(BASE_DAY, dt.time(10, 0), tzinfo=clock.now.tzinfo)
    with pytest.raises(errors.SlotInPast):
        service.book(test_vault.slot_ids["a0-1000"], YAMADA)
    service.book(test_vault.slot_ids["a0-1030"], YAMADA)  # later that day is fine


def test_duplicates_are_refused_unless_allowed(test_vault: TestVault, operator: Session) -> None:
    service = BookingService(operator)
    first = service.book(test_vault.slot_ids["a0-1000"], YAMADA)
    same_phone = CallerInput("山田", "花子", "ヤマダ", "ハナコ", "090-1234-5678")
    with pytest.raises(errors.DuplicateBooking) as dup:
        service.book(test_vault.slot_ids["a0-1030"], same_phone)
    assert dup.value.existing_receipt == first.receipt_display
    assert first.receipt_display in str(dup.value)
    same_name = CallerInput("山田", "太郎", "ヤマダ", "タロウ", "080-9999-0000")
    with pytest.raises(errors.DuplicateBooking):
        service.book(test_vault.slot_ids["b0-1000"], same_name)
    spouse = service.book(test_vault.slot_ids["a0-1000"], same_phone, allow_duplicate=True)
    assert spouse.phone == first.phone
    service.cancel(first.receipt)
    service.cancel(spouse.receipt)
    service.book(test_vault.slot_ids["a0-1030"], same_phone)  # no active duplicate any more


def test_move_is_atomic_and_keeps_the_receipt(test_vault: TestVault, operator: Session) -> None:
    service = BookingService(operator)
    booked = service.book(test_vault.slot_ids["a0-1000"], YAMADA)
    moved = service.move(booked.receipt_display, test_vault.slot_ids["b1-1030"])
    assert moved.receipt == booked.receipt
    assert moved.center == "大久保地域センター" and moved.date == BASE_DAY + dt.timedelta(days=1)
    with operator.store.unit_of_work(write=False) as uow:
        assert uow.seats_taken(test_vault.slot_ids["a0-1000"]) == 0
        assert uow.seats_taken(test_vault.slot_ids["b1-1030"]) == 1
    full = test_vault.slot_ids["b0-1000"]
    service.book(full, SUZUKI)
    service.book(full, CallerInput("田中", "一郎", "タナカ", "イチロウ", "080-1111-2222"))
    with pytest.raises(errors.SlotFull):
        service.move(booked.receipt, full)
    assert service.get(booked.receipt).slot_id == test_vault.slot_ids["b1-1030"]
    with pytest.raises(errors.SlotClosed):
        service.move(booked.receipt, test_vault.slot_ids["closed"])


def test_attend_only_on_the_day(test_vault: TestVault, operator: Session, clock: FakeClock) -> None:
    service = BookingService(operator)
    booked = service.book(test_vault.slot_ids["a0-1030"], YAMADA)
    with pytest.raises(errors.InvalidTransition):
        service.attend(booked.receipt)
    clock.now = dt.datetime.combine(BASE_DAY, dt.time(10, 40), tzinfo=clock.now.tzinfo)
    assert service.attend(booked.receipt).status is Status.ATTENDED
    with pytest.raises(errors.InvalidTransition):
        service.attend(booked.receipt)
    with pytest.raises(errors.InvalidTransition):
        service.cancel(booked.receipt)


def test_lookups_tell_invalid_from_unknown(operator: Session) -> None:
    service = BookingService(operator)
    valid = receipt_from_payload(1234567)
    wrong = valid[:7] + str((int(valid[7]) + 3) % 10)
    with pytest.raises(errors.InvalidReceiptNumber) as invalid:
        service.get(wrong)
    assert invalid.value.check_digit_wrong
    with pytest.raises(errors.NotFound):
        service.get(valid)  # valid check digit, never issued


def test_search_keys_combine(test_vault: TestVault, operator: Session) -> None:
    service = BookingService(operator)
    yamada = service.book(test_vault.slot_ids["a0-1000"], YAMADA)
    suzuki = service.book(test_vault.slot_ids["b1-1000"], SUZUKI)
    service.book(
        test_vault.slot_ids["a1-1000"],
        CallerInput("山本", "誠", "ヤマモト", "マコト", "070-5555-5678"),
    )

    def receipts(**keys: object) -> set[str]:
        return {r.receipt for r in service.find(SearchInput(**keys))}  # type: ignore[arg-type]

    assert receipts(receipt=yamada.receipt_display) == {yamada.receipt}
    assert receipts(phone="5678") == {yamada.receipt, suzuki.receipt} | receipts(kana="ヤマモ")
    assert receipts(phone="5678", kana="やま") == {yamada.receipt} | receipts(kana="やまも")
    assert receipts(kana="ﾀﾛ") == {yamada.receipt}  # given-name reading, half-width input
    assert receipts(name="山") == {yamada.receipt} | receipts(name="山本")
    assert receipts(phone="03-1234-5678") == {suzuki.receipt}
    assert receipts(center="大久保地域センター") == {suzuki.receipt}
    assert receipts(date=BASE_DAY.isoformat()) == {yamada.receipt}
    assert receipts(kana="ヤマ", status="cancelled") == set()
    assert receipts(name_contains="郎", date=BASE_DAY) == {yamada.receipt}
    with pytest.raises(errors.InvalidInput):
        service.find(SearchInput(name_contains="郎"))
    with pytest.raises(errors.InvalidInput):
        service.find(SearchInput())
    with pytest.raises(errors.InvalidInput):
        service.find(SearchInput(center="新宿"))


def test_every_personal_read_is_audited_without_personal_data(
    test_vault: TestVault, operator: Session
) -> None:
    service = BookingService(operator)
    booked = service.book(test_vault.slot_ids["a0-1000"], YAMADA)
    service.find(SearchInput(kana="ヤマダ"))
    service.get(booked.receipt)
    actions = audit_actions(operator)
    assert ("find", booked.receipt_display) in actions
    assert ("view", booked.receipt_display) in actions
    with operator.store.unit_of_work(write=False) as uow:
        text = " ".join(str(e.to_json()) for e in uow.audit_entries())
    for personal in ("山田", "太郎", "ヤマダ", "タロウ", "1234-5678", "9012345678"):
        assert personal not in text


def test_unit_of_work_rolls_back_unless_committed(test_vault: TestVault, operator: Session) -> None:
    store = operator.store
    assert isinstance(store, SqlCipherStore)
    with pytest.raises(RuntimeError), store.unit_of_work(write=True) as uow:
        uow.add_center("柏木地域センター")
        raise RuntimeError("boom")
    with store.unit_of_work(write=True) as uow:
        uow.add_center("角筈地域センター")  # not committed
    with store.unit_of_work(write=False) as uow:
        names = [c.name for c in uow.list_centers()]
    assert "柏木地域センター" not in names and "角筈地域センター" not in names


def test_companion_shares_the_phone_but_not_the_name(
    test_vault: TestVault, operator: Session
) -> None:
    service = BookingService(operator)
    first = service.book(test_vault.slot_ids["a0-1000"], YAMADA)
    spouse = CallerInput("山田", "花子", "ヤマダ", "ハナコ", "090-1234-5678")
    with pytest.raises(errors.DuplicateBooking):
        service.book(test_vault.slot_ids["a0-1000"], spouse)
    second = service.book(test_vault.slot_ids["a0-1000"], spouse, companion_of=first.receipt)
    assert second.phone == first.phone
    with pytest.raises(errors.DuplicateBooking):  # the same person again is still a duplicate
        service.book(test_vault.slot_ids["a0-1030"], YAMADA, companion_of=second.receipt)


def test_correct_note_and_reinstate_are_audited_without_values(
    test_vault: TestVault, operator: Session
) -> None:
    service = BookingService(operator)
    booked = service.book(test_vault.slot_ids["a0-1000"], YAMADA)
    fixed = service.correct(booked.receipt, PersonChanges(given_name="太朗", phone="080-2222-3333"))
    assert (fixed.given_name, fixed.phone, fixed.given_kana) == ("太朗", "+818022223333", "タロウ")
    assert {r.receipt for r in service.find(SearchInput(phone="3333"))} == {booked.receipt}
    assert service.find(SearchInput(phone="5678")) == []
    with pytest.raises(errors.InvalidInput):
        service.correct(booked.receipt, PersonChanges(phone="0120-123-456"))
    with pytest.raises(errors.InvalidInput):
        service.correct(booked.receipt, PersonChanges())
    assert service.set_note(booked.receipt, " 車椅子 ").note == "車椅子"
    assert service.set_note(booked.receipt, "").note is None
    service.cancel(booked.receipt)
    assert service.reinstate(booked.receipt).status is Status.BOOKED
    with pytest.raises(errors.InvalidTransition):
        service.reinstate(booked.receipt)
    actions = audit_actions(operator)
    assert (
        "correct",
        f"{booked.receipt_display} given_name,phone",
    ) in actions
    assert ("reinstate", booked.receipt_display) in actions
    assert "太朗" not in str(actions) and "2222" not in str(actions)


def test_reinstate_needs_a_free_seat(test_vault: TestVault, operator: Session) -> None:
    service = BookingService(operator)
    slot = test_vault.slot_ids["b0-1030"]
    first = service.book(slot, YAMADA)
    service.cancel(first.receipt)
    service.book(slot, SUZUKI)
    service.book(slot, CallerInput("田中", "一郎", "タナカ", "イチロウ", "080-1111-2222"))
    with pytest.raises(errors.SlotFull):
        service.reinstate(first.receipt)
    assert service.get(first.receipt).status is Status.CANCELLED


def test_duplicate_check_while_typing(test_vault: TestVault, operator: Session) -> None:
    service = BookingService(operator)
    first = service.book(test_vault.slot_ids["a0-1000"], YAMADA)
    assert service.duplicates_of(CallerInput("", "", "", "", "")) == []
    by_phone = service.duplicates_of(CallerInput("", "", "", "", "09012345678"))
    assert [r.receipt for r in by_phone] == [first.receipt]
    by_name = service.duplicates_of(CallerInput("山田", "太郎", "やまだ", "たろう", ""))
    assert [r.receipt for r in by_name] == [first.receipt]
    assert service.duplicates_of(CallerInput("山田", "", "", "", "")) == []
    with pytest.raises(errors.InvalidInput):
        service.duplicates_of(CallerInput("", "", "", "", "0120-000-000"))
