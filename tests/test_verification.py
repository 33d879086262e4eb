"""The verification line's service: answers for one center and day, disclosing little."""

from __future__ import annotations

import datetime as dt

import pytest

from reservations import errors
from reservations.booking import BookingService
from reservations.domain import JST, Status
from reservations.receipt import damm_is_valid
from reservations.session import Session
from reservations.verification import CheckOutcome, VerificationService
from tests.conftest import BASE_DAY, OPERATOR, TestVault

YOTSUYA, OKUBO = 1, 2


def misheard_variants(receipt: str) -> list[str]:
    """One substitution and one neighbour swap that break the check digit."""
    variants = []
    for i in range(8):
        for d in "0123456789":
            wrong = receipt[:i] + d + receipt[i + 1 :]
            if d != receipt[i] and not damm_is_valid(wrong):
                variants.append(wrong)
                break
        if variants:
            break
    for i in range(7):
        swapped = receipt[:i] + receipt[i + 1] + receipt[i] + receipt[i + 2 :]
        if receipt[i] != receipt[i + 1] and not damm_is_valid(swapped):
            variants.append(swapped)
            break
    return variants


def test_booked_here_today_is_shown_masked(operator: Session, booked: dict[str, str]) -> None:
    service = VerificationService(operator)
    typed = f"{booked['yamada'][:4]}ー{booked['yamada'][4:]}".translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    )
    check = service.check_receipt(YOTSUYA, BASE_DAY, typed)
    assert check.outcome is CheckOutcome.MATCH and check.visitor is not None
    assert check.visitor.masked_name == "山田 ＊＊"
    assert check.visitor.masked_kana == "ヤマダ ＊＊＊"
    assert check.visitor.phone_last4 == "5678"
    assert check.visitor.start == dt.time(10, 0)
    attended = service.mark_attended(YOTSUYA, BASE_DAY, check.visitor.token)
    assert attended.status is Status.ATTENDED
    again = service.check_receipt(YOTSUYA, BASE_DAY, booked["yamada"])
    assert again.outcome is CheckOutcome.ATTENDED
    assert service.undo_attendance(YOTSUYA, BASE_DAY, check.visitor.token).status is Status.BOOKED


def test_misheard_number_offers_candidates_without_numbers(
    operator: Session, booked: dict[str, str]
) -> None:
    service = VerificationService(operator)
    variants = misheard_variants(booked["yamada"])
    assert len(variants) == 2
    for typed in variants:
        check = service.check_receipt(YOTSUYA, BASE_DAY, typed)
        assert check.outcome is CheckOutcome.MISHEARD
        assert [(c.start, c.masked_family) for c in check.candidates] == [
            (dt.time(10, 0), "山田 ＊＊")
        ]
    # Never another center's bookings, even one digit away.
    tanaka = misheard_variants(booked["tanaka"])[0]
    assert service.check_receipt(YOTSUYA, BASE_DAY, tanaka).candidates == ()


def test_elsewhere_cancelled_unknown_and_malformed(
    operator: Session, booked: dict[str, str]
) -> None:
    service = VerificationService(operator)
    elsewhere = service.check_receipt(YOTSUYA, BASE_DAY, booked["tanaka"])
    assert elsewhere.outcome is CheckOutcome.ELSEWHERE
    assert elsewhere.elsewhere_center == "大久保地域センター" and elsewhere.visitor is None
    other_day = service.check_receipt(YOTSUYA, BASE_DAY, booked["sato"])
    assert other_day.outcome is CheckOutcome.ELSEWHERE
    assert other_day.elsewhere_date == BASE_DAY + dt.timedelta(days=1)
    assert service.check_receipt(YOTSUYA, BASE_DAY, booked["cancelled"]).outcome is (
        CheckOutcome.CANCELLED
    )
    from reservations.receipt import receipt_from_payload

    never = receipt_from_payload(9_999_999)
    assert service.check_receipt(YOTSUYA, BASE_DAY, never).outcome is CheckOutcome.NOT_FOUND
    with pytest.raises(errors.InvalidReceiptNumber):
        service.check_receipt(YOTSUYA, BASE_DAY, "1234")


def test_confirm_without_number_and_lost_number_search(
    operator: Session, booked: dict[str, str]
) -> None:
    service = VerificationService(operator)
    one = service.confirm_without_number(YOTSUYA, BASE_DAY, "やまだ", "５６７８")
    assert one.single is not None and one.single.start == dt.time(10, 0)
    assert service.confirm_without_number(YOTSUYA, BASE_DAY, "やまだ たろう", "5678").single
    assert service.confirm_without_number(YOTSUYA, BASE_DAY, "やまだ", "0000").matches == ()
    assert service.confirm_without_number(YOTSUYA, BASE_DAY, "やま", "5678").matches == ()
    assert service.confirm_without_number(OKUBO, BASE_DAY, "やまだ", "5678").matches == ()
    found = service.search_lost_number(YOTSUYA, BASE_DAY, kana="す")
    assert [(c.start, c.masked_family) for c in found] == [(dt.time(10, 30), "鈴木 ＊＊")]
    assert service.search_lost_number(YOTSUYA, BASE_DAY, last4="4444") == []  # other center
    with pytest.raises(errors.InvalidInput):
        service.search_lost_number(YOTSUYA, BASE_DAY)


def test_end_of_day_marks_remaining_as_no_show(
    test_vault: TestVault, operator: Session, booked: dict[str, str]
) -> None:
    service = VerificationService(operator)
    service.mark_attended(YOTSUYA, BASE_DAY, booked["yamada"])
    assert service.pending_no_shows(YOTSUYA, BASE_DAY) == 0  # 10:30 slot not over at 10:05
    test_vault.clock.now = dt.datetime.combine(BASE_DAY, dt.time(11, 0), tzinfo=JST)
    assert service.pending_no_shows(YOTSUYA, BASE_DAY) == 1
    assert service.mark_remaining_no_show(YOTSUYA, BASE_DAY) == 1
    assert BookingService(operator).get(booked["suzuki"]).status is Status.NO_SHOW
    assert BookingService(operator).get(booked["yamada"]).status is Status.ATTENDED


def test_attendance_only_on_the_day_and_reveal_is_audited(
    test_vault: TestVault, operator: Session, booked: dict[str, str]
) -> None:
    service = VerificationService(operator)
    with pytest.raises(errors.InvalidTransition):
        service.mark_attended(YOTSUYA, BASE_DAY + dt.timedelta(days=1), booked["sato"])
    with pytest.raises(errors.NotFound):
        service.mark_attended(OKUBO, BASE_DAY, booked["yamada"])  # not at this center
    revealed = service.reveal(YOTSUYA, BASE_DAY, booked["yamada"])
    assert (revealed.name, revealed.kana) == ("山田 太郎", "ヤマダ タロウ")
    service.check_receipt(YOTSUYA, BASE_DAY, booked["yamada"])
    service.confirm_without_number(YOTSUYA, BASE_DAY, "やまだ", "5678")
    with operator.store.unit_of_work(write=False) as uow:
        entries = [e for e in uow.audit_entries() if e.account == OPERATOR[0]]
    actions = [e.action for e in entries]
    assert "reveal" in actions and "verify-receipt" in actions and "verify-confirm" in actions
    text = " ".join(f"{e.target} {e.result}" for e in entries)
    for personal in ("山田", "太郎", "ヤマダ", "タロウ", "5678", "1234"):
        assert personal not in text
    assert "四谷地域センター" in text
