"""Receipt numbers: Damm check digit, formatting, parsing of what people type, near misses."""

from __future__ import annotations

import itertools
import random

import pytest

from reservations.errors import InvalidReceiptNumber
from reservations.receipt import (
    damm_check_digit,
    damm_is_valid,
    format_receipt,
    looks_like_receipt,
    near_misses,
    new_receipt_number,
    receipt_digits_of,
    receipt_from_payload,
)


@pytest.mark.parametrize(
    ("payload", "check"),
    [
        # Published vectors: Wikipedia "Damm algorithm" (572 -> 4) and Rosetta Code.
        ("572", 4),
        ("5724", 0),
        ("11294", 6),
        ("", 0),
    ],
)
def test_damm_published_vectors(payload: str, check: int) -> None:
    assert damm_check_digit(payload) == check


def test_rosetta_code_validity_vectors() -> None:
    assert damm_is_valid("5724")
    assert not damm_is_valid("5727")
    assert damm_is_valid("112946")
    assert not damm_is_valid("112949")


def test_every_single_digit_error_and_neighbour_swap_is_caught() -> None:
    rng = random.Random(20221117)
    for _ in range(300):
        number = receipt_from_payload(rng.randrange(10**7))
        assert damm_is_valid(number)
        for i, d in itertools.product(range(8), "0123456789"):
            if number[i] != d:
                assert not damm_is_valid(number[:i] + d + number[i + 1 :])
        for i in range(7):
            if number[i] != number[i + 1]:
                swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
                assert not damm_is_valid(swapped)


def test_new_numbers_are_valid_random_and_8_digits() -> None:
    numbers = {new_receipt_number() for _ in range(2000)}
    assert len(numbers) > 1990  # random from 10 million, not sequential
    assert all(len(n) == 8 and n.isdigit() and damm_is_valid(n) for n in numbers)
    ordered = sorted(numbers)
    assert ordered != [n for n in numbers]


@pytest.mark.parametrize(
    "typed",
    [
        "1234-5678",
        "12345678",
        "１２３４－５６７８",
        " 1234 5678 ",
        "1234ー5678",
        "1234−5678",
        "1234‐5678",
    ],
)
def test_parsing_what_people_type(typed: str) -> None:
    valid = "12345678"
    fixed = valid[:7] + str(damm_check_digit(valid[:7]))
    text = typed.replace("5678", fixed[4:]).replace(
        "５６７８", "".join(chr(ord(c) + 0xFEE0) for c in fixed[4:])
    )
    assert receipt_digits_of(text) == fixed
    assert format_receipt(fixed) == f"{fixed[:4]}-{fixed[4:]}"


def test_wrong_check_digit_is_told_apart_from_bad_shape() -> None:
    good = receipt_from_payload(1234567)
    bad = good[:7] + str((int(good[7]) + 1) % 10)
    with pytest.raises(InvalidReceiptNumber) as wrong_digit:
        receipt_digits_of(bad)
    assert wrong_digit.value.check_digit_wrong
    assert "misheard" in str(wrong_digit.value)
    for shape in ("1234-567", "1234-56789", "abcd-efgh", ""):
        with pytest.raises(InvalidReceiptNumber) as bad_shape:
            receipt_digits_of(shape)
        assert not bad_shape.value.check_digit_wrong
    assert looks_like_receipt(bad) and not looks_like_receipt("123")


def test_near_misses_find_the_meant_number() -> None:
    meant = receipt_from_payload(7654321)
    misheard = meant[:3] + str((int(meant[3]) + 5) % 10) + meant[4:]
    assert meant in set(near_misses(misheard))
    swapped = meant[1] + meant[0] + meant[2:]
    if swapped != meant:
        assert meant in set(near_misses(swapped))
    assert all(damm_is_valid(c) for c in near_misses(misheard))
