"""What operators really type with a Japanese IME, and what ``reservations.normalize`` makes of it.

Each row is one real-world variant: the function, the raw input, and either the expected stored
value or ``Rejected(field)``.  Every rejection is also checked not to repeat the typed value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from reservations import normalize as n
from reservations.errors import InvalidInput


@dataclass(frozen=True)
class Rejected:
    """Expected outcome: ``InvalidInput`` for this field."""

    field: str


Expected = str | tuple[str, str] | Rejected


def _name(text: str) -> str:
    return n.normalize_name_part(text, "family name")


def _full(text: str) -> tuple[str, str]:
    return n.split_full(text, "name")


def _kana(text: str) -> str:
    return n.normalize_kana_part(text, "family kana")


def _full_kana(text: str) -> tuple[str, str]:
    return n.split_kana(text, "kana")


LONG_41 = "あ" * 41

CASES: list[tuple[str, Callable[[str], object], str, Expected]] = [
    # --- phone: shapes of one mobile number -------------------------------------------------
    ("phone ascii hyphens", n.normalize_phone, "090-1234-5678", "+819012345678"),
    ("phone plain digits", n.normalize_phone, "09012345678", "+819012345678"),
    ("phone full-width", n.normalize_phone, "０９０－１２３４－５６７８", "+819012345678"),
    ("phone IME long vowel", n.normalize_phone, "090ー1234ー5678", "+819012345678"),
    ("phone half-width long vowel", n.normalize_phone, "090ｰ1234ｰ5678", "+819012345678"),
    ("phone U+2010 hyphen", n.normalize_phone, "090\u20101234\u20105678", "+819012345678"),
    ("phone U+2212 minus", n.normalize_phone, "090\u22121234\u22125678", "+819012345678"),
    ("phone U+2015 bar", n.normalize_phone, "090\u20151234\u20155678", "+819012345678"),
    ("phone en/em dash", n.normalize_phone, "090\u20131234\u20145678", "+819012345678"),
    ("phone box drawing", n.normalize_phone, "090\u25001234\u25015678", "+819012345678"),
    ("phone small hyphens", n.normalize_phone, "090\ufe581234\ufe635678", "+819012345678"),
    ("phone ascii spaces", n.normalize_phone, " 090 1234 5678 ", "+819012345678"),
    ("phone ideographic spaces", n.normalize_phone, "090\u30001234\u30005678", "+819012345678"),
    ("phone dots", n.normalize_phone, "090.1234.5678", "+819012345678"),
    ("phone +81", n.normalize_phone, "+81 90-1234-5678", "+819012345678"),
    ("phone +81 (0)", n.normalize_phone, "+81(0)90-1234-5678", "+819012345678"),
    ("phone fw +81", n.normalize_phone, "＋８１　９０－１２３４－５６７８", "+819012345678"),
    ("phone 0081", n.normalize_phone, "0081-90-1234-5678", "+819012345678"),
    ("phone 010-81", n.normalize_phone, "010-81-3-1234-5678", "+81312345678"),
    ("phone 080", n.normalize_phone, "080-1234-5678", "+818012345678"),
    ("phone 070", n.normalize_phone, "070-1234-5678", "+817012345678"),
    # --- phone: landlines and 050 -----------------------------------------------------------
    ("phone Tokyo 03", n.normalize_phone, "03-1234-5678", "+81312345678"),
    ("phone parentheses", n.normalize_phone, "03(1234)5678", "+81312345678"),
    ("phone full-width parens", n.normalize_phone, "（０３）１２３４－５６７８", "+81312345678"),
    ("phone Osaka 06", n.normalize_phone, "06-1234-5678", "+81612345678"),
    ("phone Yokohama 045", n.normalize_phone, "045-123-4567", "+81451234567"),
    ("phone Musashino 0422", n.normalize_phone, "0422-51-2345", "+81422512345"),
    ("phone IP 050", n.normalize_phone, "050-1234-5678", "+815012345678"),
    # --- phone: rejected --------------------------------------------------------------------
    ("phone toll-free 0120", n.normalize_phone, "0120-123-456", Rejected("phone")),
    ("phone toll-free 0800", n.normalize_phone, "0800-123-4567", Rejected("phone")),
    ("phone premium 0990", n.normalize_phone, "0990-123-456", Rejected("phone")),
    ("phone navi-dial 0570", n.normalize_phone, "0570-123-456", Rejected("phone")),
    ("phone pager 020", n.normalize_phone, "020-1234-5678", Rejected("phone")),
    ("phone 9 digits", n.normalize_phone, "090-123-456", Rejected("phone")),
    ("phone 12 digits", n.normalize_phone, "090-1234-56789", Rejected("phone")),
    ("phone letters", n.normalize_phone, "090-abcd-5678", Rejected("phone")),
    ("phone kanji", n.normalize_phone, "〇九〇-1234-5678", Rejected("phone")),
    ("phone US number", n.normalize_phone, "+1 415-555-2671", Rejected("phone")),
    ("phone plus inside", n.normalize_phone, "090+1234+5678", Rejected("phone")),
    ("phone only plus", n.normalize_phone, "+", Rejected("phone")),
    ("phone empty", n.normalize_phone, "", Rejected("phone")),
    ("phone only hyphens", n.normalize_phone, "ーー", Rejected("phone")),
    ("phone wave dash", n.normalize_phone, "090〜1234〜5678", Rejected("phone")),
    ("phone Arabic-Indic digits", n.normalize_phone, "٠٩٠١٢٣٤٥٦٧٨", Rejected("phone")),
    ("phone control char", n.normalize_phone, "090\x001234\x005678", Rejected("phone")),
    # --- phone digits and search keys -------------------------------------------------------
    ("digits keep +", n.phone_digits, "＋８１ ９０ー１２３４", "+81901234"),
    ("digits parens dots", n.phone_digits, "(03).1234.5678", "0312345678"),
    ("search last4", n.phone_search_key, "5678", ("last4", "5678")),
    ("search last4 full-width", n.phone_search_key, "５６７８", ("last4", "5678")),
    ("search full number", n.phone_search_key, "090ー1234ー5678", ("e164", "+819012345678")),
    ("search 3 digits", n.phone_search_key, "567", Rejected("phone")),
    ("search letters", n.phone_search_key, "abcd", Rejected("phone")),
    # --- names ------------------------------------------------------------------------------
    ("name kanji", _name, "山田", "山田"),
    ("name trimmed", _name, "\u3000山田\u3000", "山田"),
    ("name full-width latin", _name, "Ｓｍｉｔｈ", "Smith"),
    ("name inner spaces", _name, "Van  der\t\u3000Berg", "Van der Berg"),
    ("name half-width kana", _name, "ﾔﾏﾀﾞ", "ヤマダ"),
    ("name zero-width space", _name, "山\u200b田", Rejected("family name")),
    ("name BOM", _name, "\ufeff山田", Rejected("family name")),
    ("name bidi mark", _name, "山田\u200e", Rejected("family name")),
    ("name control char", _name, "山\x07田", Rejected("family name")),
    ("name private use", _name, "山\ue000", Rejected("family name")),
    ("name empty", _name, "", Rejected("family name")),
    ("name only spaces", _name, "\u3000 \t", Rejected("family name")),
    ("name 40 chars", _name, "山" * 40, "山" * 40),
    ("name 41 chars", _name, "山" * 41, Rejected("family name")),
    ("full ideographic space", _full, "山田\u3000太郎", ("山田", "太郎")),
    ("full ascii space", _full, "山田 太郎", ("山田", "太郎")),
    ("full many spaces and tab", _full, " 山田 \t\u3000 太郎 ", ("山田", "太郎")),
    ("full latin", _full, "Smith John", ("Smith", "John")),
    ("full latin middle name", _full, "Smith John  Paul", ("Smith", "John Paul")),
    ("full newline from paste", _full, "山田\r\n太郎\r\n", ("山田", "太郎")),
    ("full no space", _full, "山田太郎", Rejected("name")),
    ("full empty", _full, "\u3000", Rejected("name")),
    ("full zero-width", _full, "山田\u200b 太郎", Rejected("name")),
    ("full part too long", _full, "山" * 41 + " 太郎", Rejected("name")),
    ("full parts at limit", _full, "山" * 40 + " " + "太" * 40, ("山" * 40, "太" * 40)),
    ("name search key", n.name_search_key, "　山田\u3000\u3000太", "山田 太"),
    ("name search key drops ZWSP", n.name_search_key, "山\u200b田", "山田"),
    ("name search key empty", n.name_search_key, "  ", ""),
    # --- kana readings ----------------------------------------------------------------------
    ("kana katakana", _kana, "ヤマダ", "ヤマダ"),
    ("kana hiragana", _kana, "やまだ", "ヤマダ"),
    ("kana half-width voiced", _kana, "ﾔﾏﾀﾞ", "ヤマダ"),
    ("kana half-width semi-voiced", _kana, "ﾊﾟﾋﾟﾌﾟ", "パピプ"),
    ("kana mixed scripts", _kana, "やマﾀﾞ", "ヤマダ"),
    ("kana ヴ", _kana, "ヴィクトル", "ヴィクトル"),
    ("kana hiragana ゔ", _kana, "ゔぃくとる", "ヴィクトル"),
    ("kana small letters", _kana, "ァィゥェォッャュョヮヵヶ", "ァィゥェォッャュョヮヵヶ"),
    ("kana long vowel ー", _kana, "サトー", "サトー"),
    ("kana half-width ｰ", _kana, "ｻﾄｰ", "サトー"),
    ("kana minus sign", _kana, "サト\u2212", "サトー"),
    ("kana ascii hyphen", _kana, "サト-", "サトー"),
    ("kana full-width hyphen", _kana, "さと－", "サトー"),
    ("kana U+2010", _kana, "サト\u2010", "サトー"),
    ("kana U+2015", _kana, "サト\u2015", "サトー"),
    ("kana em dash", _kana, "ジョ\u2014ンズ", "ジョーンズ"),
    ("kana iteration mark", _kana, "さゝき", "サヽキ"),
    ("kana middle dot", _kana, "ｼﾞｮﾝ･ｽﾐｽ", "ジョン・スミス"),
    ("kana inner spaces", _kana, "ヤマ\u3000\u3000ダ", "ヤマ ダ"),
    ("kana kanji", _kana, "山田", Rejected("family kana")),
    ("kana latin", _kana, "yamada", Rejected("family kana")),
    ("kana digits", _kana, "ヤマダ2", Rejected("family kana")),
    ("kana leading hyphen", _kana, "-ヤマダ", Rejected("family kana")),
    ("kana wave dash", _kana, "サト〜", Rejected("family kana")),
    ("kana zero-width", _kana, "ヤマ\u200bダ", Rejected("family kana")),
    ("kana empty", _kana, "", Rejected("family kana")),
    ("kana too long", _kana, LONG_41, Rejected("family kana")),
    ("full kana hiragana", _full_kana, "やまだ\u3000たろう", ("ヤマダ", "タロウ")),
    ("full kana half-width", _full_kana, "ﾔﾏﾀﾞ ﾀﾛｳ", ("ヤマダ", "タロウ")),
    ("full kana long vowels", _full_kana, "さとー　ゆーじ", ("サトー", "ユージ")),
    ("full kana no space", _full_kana, "ヤマダタロウ", Rejected("kana")),
    ("full kana kanji", _full_kana, "山田 タロウ", Rejected("kana")),
    ("kana search hiragana", n.kana_search_key, "やま だ", "ヤマダ"),
    ("kana search trailing dash", n.kana_search_key, "さと-", "サトー"),
    ("kana search half-width", n.kana_search_key, "ﾔﾏ", "ヤマ"),
    ("kana search empty", n.kana_search_key, " ", ""),
    ("kana search latin", n.kana_search_key, "yama", Rejected("kana")),
    ("kana search kanji", n.kana_search_key, "山", Rejected("kana")),
    # --- notes ------------------------------------------------------------------------------
    ("note multi-line", n.normalize_note, " 車椅子\r\n\t介助あり\n", "車椅子\n\t介助あり"),
    ("note full-width ascii", n.normalize_note, "ＡＢＣ１２３", "ABC123"),
    ("note empty", n.normalize_note, "   ", ""),
    ("note 500 chars", n.normalize_note, "あ" * 500, "あ" * 500),
    ("note 501 chars", n.normalize_note, "あ" * 501, Rejected("note")),
    ("note control char", n.normalize_note, "メモ\x1b[31m", Rejected("note")),
    ("note zero-width", n.normalize_note, "メ\u200bモ", Rejected("note")),
]


@pytest.mark.parametrize(
    ("func", "raw", "expected"),
    [pytest.param(func, raw, expected, id=case_id) for case_id, func, raw, expected in CASES],
)
def test_normalize_table(func: Callable[[str], object], raw: str, expected: Expected) -> None:
    if isinstance(expected, Rejected):
        with pytest.raises(InvalidInput) as excinfo:
            func(raw)
        assert excinfo.value.field == expected.field
        message = str(excinfo.value)
        assert message.endswith(".")
        # Personal data must never come back in a message: neither the raw value nor what it
        # normalizes to (checked on the value's non-trivial pieces).
        for piece in {raw.strip(), n.nfkc(raw).strip()}:
            if len(piece) >= 2:
                assert piece not in message
    else:
        assert func(raw) == expected


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 40


def test_nfkc() -> None:
    assert n.nfkc("ＡＢＣ１２３ ﾔﾏﾀﾞ\u3000") == "ABC123 ヤマダ "


@pytest.mark.parametrize(
    ("e164", "national"),
    [
        ("+819012345678", "090-1234-5678"),
        ("+81312345678", "03-1234-5678"),
        ("+81612345678", "06-1234-5678"),
        ("+81451234567", "045-123-4567"),
        ("+81422512345", "0422-51-2345"),
        ("+815012345678", "050-1234-5678"),
    ],
)
def test_format_phone_national(e164: str, national: str) -> None:
    assert n.format_phone_national(e164) == national


def test_phone_round_trip() -> None:
    e164 = n.normalize_phone("０９０ー１２３４ー５６７８")
    assert n.normalize_phone(n.format_phone_national(e164)) == e164
    assert n.phone_last4(e164) == "5678"


def test_phone_last4_rejects_garbage() -> None:
    with pytest.raises(InvalidInput) as excinfo:
        n.phone_last4("+81")
    assert excinfo.value.field == "phone"


def test_normalizers_are_idempotent() -> None:
    assert n.normalize_name_part(n.normalize_name_part("Ｖａｎ　ｄｅｒ", "f"), "f") == "Van der"
    kana = n.normalize_kana_part("ｻﾄｰ ﾕｰｼﾞ", "k")
    assert n.normalize_kana_part(kana, "k") == kana == "サトー ユージ"


def test_messages_name_the_field_and_hide_the_value() -> None:
    secret = "090-9876-5432"
    with pytest.raises(InvalidInput) as excinfo:
        n.normalize_phone(secret + "x")
    assert "phone" in str(excinfo.value)
    assert "9876" not in str(excinfo.value) and "5432" not in str(excinfo.value)
    with pytest.raises(InvalidInput) as excinfo:
        n.normalize_kana_part("山田花子", "given kana")
    assert str(excinfo.value).startswith("given kana ")
    assert "山田" not in str(excinfo.value) and "花子" not in str(excinfo.value)


def test_constants() -> None:
    assert (n.NAME_MAX_LENGTH, n.KANA_MAX_LENGTH, n.NOTE_MAX_LENGTH) == (40, 40, 500)
