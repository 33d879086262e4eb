"""What the operator reads back to the caller, in Japanese whatever the screen's language.

The receipt number is read digit by digit with the readings that are hardest to mishear on a
phone line (ヨン not シ, ナナ not シチ, キュウ not ク).
"""

from __future__ import annotations

from reservations.domain import Reservation

WEEKDAYS_JA = ("月", "火", "水", "木", "金", "土", "日")
DIGIT_READINGS_JA = ("ゼロ", "イチ", "ニ", "サン", "ヨン", "ゴ", "ロク", "ナナ", "ハチ", "キュウ")
# The seed: visitors bring their individual-number card to the kiosk session.
WHAT_TO_BRING_JA = "当日は、マイナンバーカード（個人番号カード）をお持ちください。"


def digits_aloud(receipt_digits: str) -> str:
    """``12345678`` -> ``イチ・ニ・サン・ヨン の ゴ・ロク・ナナ・ハチ``."""
    first, second = receipt_digits[:4], receipt_digits[4:]
    return (
        "・".join(DIGIT_READINGS_JA[int(d)] for d in first)
        + " の "
        + "・".join(DIGIT_READINGS_JA[int(d)] for d in second)
    )


def readback_ja(reservation: Reservation) -> str:
    """The confirmation the operator reads out: center, date with weekday, time, number.

    One line each, so the digits never wrap in the middle of a reading.
    """
    r = reservation
    weekday = WEEKDAYS_JA[r.date.weekday()]
    return (
        f"{r.center}、{r.date.month}月{r.date.day}日（{weekday}）、\n"
        f"{r.start.hour}時{r.start.minute:02d}分から{r.end.hour}時{r.end.minute:02d}分までです。\n"
        f"受付番号は {r.receipt_display} です。\n"
        f"（{digits_aloud(r.receipt)}）"
    )
