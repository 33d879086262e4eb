"""The read-back line for the caller."""

from __future__ import annotations

import datetime as dt

from reservations.domain import Reservation, Status
from reservations.readback import digits_aloud, readback_ja


def test_readback_names_center_date_weekday_time_and_digits() -> None:
    r = Reservation(
        id=1, receipt="12345678", slot_id=1, center="四谷地域センター",
        date=dt.date(2022, 12, 19), start=dt.time(10, 0), end=dt.time(10, 30),
        family_name="山田", given_name="太郎", family_kana="ヤマダ", given_kana="タロウ",
        phone="+819012345678", status=Status.BOOKED, note=None, cancel_reason=None,
        created_at="", created_by="", updated_at="", updated_by="",
    )  # fmt: skip
    text = readback_ja(r)
    assert "四谷地域センター" in text and "12月19日（月）" in text
    assert "10時00分から10時30分まで" in text and "1234-5678" in text
    assert digits_aloud("12345678") == "イチ・ニ・サン・ヨン の ゴ・ロク・ナナ・ハチ"
    assert "シ" not in digits_aloud("4747") and "ナナ" in digits_aloud("4747")
    assert "山田" not in text  # the caller knows their name; the number is what matters
