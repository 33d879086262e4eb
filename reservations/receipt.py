"""Receipt numbers: the only module that makes, formats and parses them.

A receipt number is 8 digits shown as ``1234-5678``: 7 random digits from ``secrets`` and a
Damm check digit.  The Damm algorithm detects every single wrong digit and every swap of two
neighbouring digits, which are the mistakes people make reading a number over the phone.
Random (not sequential) so that one visitor's number says nothing about another's.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Iterator

from reservations.errors import InvalidReceiptNumber

# The totally anti-symmetric quasigroup of order 10 from Damm's thesis (2004).
_DAMM_TABLE: tuple[tuple[int, ...], ...] = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

RECEIPT_DIGITS = 8
_PAYLOAD_DIGITS = RECEIPT_DIGITS - 1

# What people put between digits when they type a number they heard: hyphens and their
# look-alikes (NFKC leaves U+2010, U+2212, U+2015 and the long-vowel mark alone) and spaces.
_SEPARATORS = frozenset(" \t-‐‑‒–—―−－ー─ｰ")


def damm_check_digit(digits: str) -> int:
    """The Damm check digit of a string of ASCII digits."""
    interim = 0
    for ch in digits:
        interim = _DAMM_TABLE[interim][ord(ch) - 48]
    return interim


def damm_is_valid(digits: str) -> bool:
    """True when the last digit is the Damm check digit of the ones before it."""
    return damm_check_digit(digits) == 0


PAYLOAD_SPACE = 10**_PAYLOAD_DIGITS


def receipt_from_payload(payload: int) -> str:
    """The receipt number (8 plain digits) for a 7-digit payload in ``range(PAYLOAD_SPACE)``."""
    text = f"{payload:0{_PAYLOAD_DIGITS}d}"
    return text + str(damm_check_digit(text))


def new_receipt_number() -> str:
    """A fresh random receipt number as 8 plain digits (callers make sure it is unused)."""
    return receipt_from_payload(secrets.randbelow(PAYLOAD_SPACE))


def format_receipt(digits: str) -> str:
    """``12345678`` -> ``1234-5678``, the way it is shown and read aloud."""
    return f"{digits[:4]}-{digits[4:]}"


def receipt_digits_of(text: str) -> str:
    """The 8 digits of a receipt number as typed (hyphens, spaces, full-width digits allowed).

    Raises ``InvalidReceiptNumber`` when it is not 8 digits, or when the check digit is
    wrong (``check_digit_wrong=True``: one digit was misheard or two were swapped).
    """
    digits = _digits_only(text)
    if len(digits) != RECEIPT_DIGITS:
        raise InvalidReceiptNumber(
            "A receipt number has 8 digits (like 1234-5678); check what was typed."
        )
    if not damm_is_valid(digits):
        raise InvalidReceiptNumber(
            "This is not a valid receipt number: a digit was misheard or two digits were "
            "swapped; ask the caller to repeat it.",
            check_digit_wrong=True,
        )
    return digits


def looks_like_receipt(text: str) -> bool:
    """True when the text is shaped like a receipt number (8 digits), valid or not."""
    try:
        return len(_digits_only(text)) == RECEIPT_DIGITS
    except InvalidReceiptNumber:
        return False


def near_misses(digits: str) -> Iterator[str]:
    """Valid receipt numbers one substitution or one neighbour swap away from ``digits``.

    Used when a check digit is wrong, to find which booking the caller may have meant.
    """
    seen: set[str] = set()
    chars = list(digits)
    for i in range(len(chars)):
        original = chars[i]
        for d in "0123456789":
            if d == original:
                continue
            chars[i] = d
            candidate = "".join(chars)
            if candidate not in seen and damm_is_valid(candidate):
                seen.add(candidate)
                yield candidate
        chars[i] = original
    for i in range(len(chars) - 1):
        if chars[i] == chars[i + 1]:
            continue
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
        candidate = "".join(chars)
        if candidate not in seen and damm_is_valid(candidate):
            seen.add(candidate)
            yield candidate
        chars[i], chars[i + 1] = chars[i + 1], chars[i]


def _digits_only(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).strip()
    digits = []
    for ch in folded:
        if ch in _SEPARATORS:
            continue
        if not ("0" <= ch <= "9"):
            raise InvalidReceiptNumber(
                "A receipt number has only digits (like 1234-5678); check what was typed."
            )
        digits.append(ch)
    return "".join(digits)
