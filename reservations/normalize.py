"""Input normalization: the one module that turns what operators type into stored values.

Operators type with a Japanese IME, so the same name, reading or phone number reaches us in many
shapes: full-width digits and letters, ideographic spaces, half-width katakana, hiragana where
katakana is stored, and a zoo of hyphen look-alikes (the IME's long-vowel mark ー, U+2010,
U+2212, the full-width hyphen, box-drawing lines ...).  Everything is folded here, once, so that
duplicate detection and search compare like with like.

Every rejection is an ``InvalidInput`` naming the field.  Messages never repeat the value that was
typed: names, readings and phone numbers are personal data and messages end up in logs.
"""

from __future__ import annotations

import unicodedata

import phonenumbers

from reservations.errors import InvalidInput

NAME_MAX_LENGTH = 40
KANA_MAX_LENGTH = 40
NOTE_MAX_LENGTH = 500

# Categories that are never legitimate in typed text: controls (Cc), invisible format characters
# such as the zero-width space, joiners, BOM and bidi marks (Cf), lone surrogates from a broken
# clipboard (Cs, they cannot even be encoded for storage) and private-use characters (Co, old
# "gaiji" that show as something else on every other machine).  Unassigned code points (Cn) are
# deliberately allowed: a rare name kanji newer than this Python's Unicode tables is Cn here.
_REJECTED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co"})

# Whitespace we fold into one ASCII space in single-line fields.  Explicit rather than
# str.isspace(), which also counts the C0 "information separators" U+001C..U+001F as spaces.
_SPACE_CONTROLS = frozenset("\t\n\r")
_SPACE_CATEGORIES = frozenset({"Zs", "Zl", "Zp"})

# Characters the IME or a careless keystroke puts where the long-vowel mark ー belongs, as they
# look after NFKC (which already maps U+FF0D to "-", U+2011 to U+2010 and U+FF70 to ー, but leaves
# U+2010, U+2012..U+2015 and U+2212 alone).  The wave dash 〜 is not one of them: it is rejected.
_KANA_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\uff70")
_LONG_VOWEL = "\u30fc"
_MIDDLE_DOT = "\u30fb"

# What people put between the digits of a phone number.  NFKC leaves U+2010, U+2212, U+2015 and
# ー alone, so they are listed explicitly; ー and ｰ are here because typing "-" with the IME on
# gives the long-vowel mark.  Deliberately not jaconv, which turns the full-width hyphen into ー.
_PHONE_SEPARATORS = frozenset(
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\u30fc\uff70\u2500\u2501\ufe58\ufe63 \t()."
)
_ASCII_DIGITS = frozenset("0123456789")

# 0120/0800 toll-free, 0570 navi-dial, 0990 premium and 020 pagers cannot be called back as a
# person's own phone, so only these types are accepted.
_ACCEPTED_PHONE_TYPES = frozenset(
    {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        phonenumbers.PhoneNumberType.VOIP,
    }
)
_JAPAN_REGION = "JP"
_JAPAN_COUNTRY_CODE = 81
_PHONE_FIELD = "phone"
_PHONE_NOT_ACCEPTED = "phone: not a Japanese mobile, landline or 050 number; check the digits."


def nfkc(text: str) -> str:
    """Unicode NFKC: full-width ASCII to ASCII, half-width katakana to full-width, and so on."""
    return unicodedata.normalize("NFKC", text)


# --- shared helpers ---------------------------------------------------------------------------


def _is_space(ch: str) -> bool:
    return ch in _SPACE_CONTROLS or unicodedata.category(ch) in _SPACE_CATEGORIES


def _is_invisible(ch: str) -> bool:
    return not _is_space(ch) and unicodedata.category(ch) in _REJECTED_CATEGORIES


def _collapse_spaces(text: str) -> str:
    """Drop leading/trailing whitespace and turn every inner run of it into one ASCII space."""
    out: list[str] = []
    pending_space = False
    for ch in text:
        if _is_space(ch):
            pending_space = True
            continue
        if pending_space and out:
            out.append(" ")
        pending_space = False
        out.append(ch)
    return "".join(out)


def _clean_line(text: str, field: str) -> str:
    """NFKC, reject invisible characters, collapse whitespace, reject empty."""
    folded = nfkc(text)
    if any(_is_invisible(ch) for ch in folded):
        raise InvalidInput(
            f"{field} contains an invisible or control character; please retype it by hand.",
            field=field,
        )
    collapsed = _collapse_spaces(folded)
    if not collapsed:
        raise InvalidInput(f"{field} is empty; please enter it.", field=field)
    return collapsed


def _check_length(value: str, field: str, max_length: int) -> None:
    if len(value) > max_length:
        raise InvalidInput(
            f"{field} is too long; shorten it to at most {max_length} characters.", field=field
        )


def _split_first_space(value: str, field: str, max_length: int) -> tuple[str, str]:
    family, sep, given = value.partition(" ")
    if not sep:
        raise InvalidInput(
            f"{field}: separate the family and given parts with a space.", field=field
        )
    # Family and given parts are stored separately, so each gets the single-part limit.
    _check_length(family, field, max_length)
    _check_length(given, field, max_length)
    return family, given


# --- names ------------------------------------------------------------------------------------


def normalize_name_part(text: str, field: str) -> str:
    """One part of a name (family or given) as stored: NFKC, trimmed, single inner spaces.

    Latin names are allowed (foreign visitors); only invisible characters, empty and over-long
    values are refused.
    """
    value = _clean_line(text, field)
    _check_length(value, field, NAME_MAX_LENGTH)
    return value


def split_full(text: str, field: str) -> tuple[str, str]:
    """A full name typed in one box -> ``(family, given)``, split at the first space.

    The given part may keep further spaces (e.g. a Western middle name).
    """
    value = _clean_line(text, field)
    return _split_first_space(value, field, NAME_MAX_LENGTH)


def name_search_key(text: str) -> str:
    """A name prefix for search-as-you-type: NFKC, trimmed, single spaces; may be empty.

    Tolerant on purpose: invisible characters are dropped instead of refused, because a stray
    zero-width space pasted into the search box should not make every search come back empty.
    """
    folded = "".join(ch for ch in nfkc(text) if not _is_invisible(ch))
    return _collapse_spaces(folded)


# --- kana readings ----------------------------------------------------------------------------


def _is_kana_letter(ch: str) -> bool:
    """Katakana letters (incl. small ones and ヴ ヷ..ヺ), ー and the iteration marks ヽ ヾ."""
    cp = ord(ch)
    return 0x30A1 <= cp <= 0x30FA or cp in (0x30FC, 0x30FD, 0x30FE)


def _to_katakana(text: str) -> str:
    """Hiragana -> katakana, and dash look-alikes after a kana -> ー (text must be NFKC)."""
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        # U+3041..U+3096 and the iteration marks ゝ ゞ sit exactly 0x60 below their katakana.
        if 0x3041 <= cp <= 0x3096 or cp in (0x309D, 0x309E):
            ch = chr(cp + 0x60)
        elif ch in _KANA_DASHES and out and _is_kana_letter(out[-1]):
            # Only after a kana: a leading or free-standing hyphen is not a long vowel and is
            # better rejected than silently turned into a reading nobody said.
            ch = _LONG_VOWEL
        out.append(ch)
    return "".join(out)


def _require_kana(value: str, field: str) -> None:
    if not all(_is_kana_letter(ch) or ch in (_MIDDLE_DOT, " ") for ch in value):
        raise InvalidInput(
            f"{field} must be written in kana (hiragana or katakana), not kanji, letters or "
            "digits.",
            field=field,
        )


def normalize_kana_part(text: str, field: str) -> str:
    """One part of a reading as stored: full-width katakana, trimmed, single inner spaces.

    Accepts hiragana, katakana and half-width katakana (NFKC composes ｶﾞ into ガ).
    """
    value = _to_katakana(_clean_line(text, field))
    _require_kana(value, field)
    _check_length(value, field, KANA_MAX_LENGTH)
    return value


def split_kana(text: str, field: str) -> tuple[str, str]:
    """A full reading typed in one box -> ``(family, given)`` katakana, split at the first space."""
    value = _to_katakana(_clean_line(text, field))
    _require_kana(value, field)
    return _split_first_space(value, field, KANA_MAX_LENGTH)


def kana_search_key(text: str) -> str:
    """A reading prefix for search-as-you-type: katakana with all spaces removed; may be empty.

    Tolerant of what a half-typed prefix looks like (spaces anywhere, a trailing long-vowel
    look-alike, stray invisible characters) but still refuses non-kana, which can never match.
    """
    folded = "".join(ch for ch in nfkc(text) if not _is_space(ch) and not _is_invisible(ch))
    value = _to_katakana(folded)
    _require_kana(value, "kana")
    return value


# --- phone numbers ----------------------------------------------------------------------------


def phone_digits(text: str) -> str:
    """The digits of a typed phone number (with a leading ``+`` kept), separators removed."""
    folded = nfkc(text)
    kept = "".join(ch for ch in folded if ch not in _PHONE_SEPARATORS)
    if not kept:
        raise InvalidInput("phone is empty; please enter the phone number.", field=_PHONE_FIELD)
    body = kept[1:] if kept.startswith("+") else kept
    # ASCII digits only: str.isdigit() would also let through other scripts' digits and
    # superscripts that NFKC does not fold.
    if not body or any(ch not in _ASCII_DIGITS for ch in body):
        raise InvalidInput(
            "phone: use only digits, hyphens, spaces and parentheses (and a leading +).",
            field=_PHONE_FIELD,
        )
    return kept


def normalize_phone(text: str) -> str:
    """A typed Japanese mobile, landline or 050 number -> E.164, e.g. ``+819012345678``."""
    digits = phone_digits(text)
    # phonenumbers only knows Japan's own international prefix (010) when parsing for "JP", so
    # the 00 prefix used from most other countries is rewritten by hand.
    if digits.startswith("0081"):
        digits = "+81" + digits[4:]
    try:
        number = phonenumbers.parse(digits, _JAPAN_REGION)
    except phonenumbers.NumberParseException:
        raise InvalidInput(_PHONE_NOT_ACCEPTED, field=_PHONE_FIELD) from None
    if (
        number.country_code != _JAPAN_COUNTRY_CODE
        or not phonenumbers.is_valid_number_for_region(number, _JAPAN_REGION)
        or phonenumbers.number_type(number) not in _ACCEPTED_PHONE_TYPES
    ):
        raise InvalidInput(_PHONE_NOT_ACCEPTED, field=_PHONE_FIELD)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone_national(e164: str) -> str:
    """A stored E.164 number the way Japanese people write it, e.g. ``090-1234-5678``."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        raise InvalidInput(
            "phone: the stored number is not in international format.", field=_PHONE_FIELD
        ) from None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def phone_last4(e164: str) -> str:
    """The last four digits, which callers read out to find their booking."""
    last4 = e164[-4:]
    if len(last4) != 4 or any(ch not in _ASCII_DIGITS for ch in last4):
        raise InvalidInput(
            "phone: the stored number does not end in four digits.", field=_PHONE_FIELD
        )
    return last4


def phone_search_key(text: str) -> tuple[str, str]:
    """``("last4", "5678")`` for exactly four digits, else ``("e164", <E.164 number>)``."""
    digits = phone_digits(text)
    if len(digits) == 4 and all(ch in _ASCII_DIGITS for ch in digits):
        return ("last4", digits)
    return ("e164", normalize_phone(text))


# --- free-text notes --------------------------------------------------------------------------


def normalize_note(text: str) -> str:
    """A free-text note: NFKC, trimmed, newlines and tabs kept, at most 500 chars; may be empty."""
    # Pasting from Windows gives CRLF; store plain LF so the length and display do not depend on
    # where the text came from.
    folded = nfkc(text).replace("\r\n", "\n").replace("\r", "\n")
    if any(_is_invisible(ch) for ch in folded):
        raise InvalidInput(
            "note contains an invisible or control character; please retype that part.",
            field="note",
        )
    value = folded.strip()
    _check_length(value, "note", NOTE_MAX_LENGTH)
    return value


# --- one-line labels and reasons ----------------------------------------------------------------


def normalize_label(text: str, field: str, max_length: int = 100) -> str:
    """A one-line text (contractor, ward, a request's reason): NFKC, spaces collapsed, no
    control characters, at most ``max_length``; may be empty (the caller decides)."""
    if not nfkc(text).strip():
        return ""
    value = _clean_line(text, field)
    _check_length(value, field, max_length)
    return value
