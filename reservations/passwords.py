"""Password rules in the spirit of NIST SP 800-63B: length, not the account name, not common.

No composition rules (no "one digit, one capital"): they make passwords harder to remember,
not harder to guess.  What is refused instead is what attackers try first: short passwords,
the account name, and the entries of a bundled list of common passwords
(``resources/common_passwords.txt``, read once, compared in lower case).
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from reservations.errors import InvalidInput

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256

COMMON_PASSWORDS_FILE = (
    Path(__file__).resolve().parent.parent / "resources" / "common_passwords.txt"
)


@functools.cache
def common_passwords() -> frozenset[str]:
    """The bundled list, lower case; ``#`` lines are comments.

    A missing list is a packaging bug, not something a user can fix, so it is not hidden.
    """
    text = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8")
    return frozenset(
        unicodedata.normalize("NFKC", line.strip()).casefold()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def _contains_name_trivially(account: str, lowered: str) -> bool:
    """The account name with a few characters around it, or repeated, or reversed."""
    name = unicodedata.normalize("NFKC", account).casefold()
    if not name:
        return False
    for candidate in (name, name[::-1]):
        if candidate in lowered:
            rest = lowered.replace(candidate, "")
            # What is left besides the name is too little to be a password of its own.
            if len(rest) < MIN_PASSWORD_LENGTH:
                return True
    return False


def check_new_password(account: str, password: str | bytearray) -> None:
    """Raise ``InvalidInput`` with the reason when ``password`` may not be used."""
    if isinstance(password, bytearray):
        password = password.decode("utf-8")
    normalized = unicodedata.normalize("NFKC", password)
    if len(normalized) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"The password is too short: use at least {MIN_PASSWORD_LENGTH} characters "
            "(a few words are easy to remember).",
            field="password",
        )
    if len(normalized) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(
            f"The password is too long: use at most {MAX_PASSWORD_LENGTH} characters.",
            field="password",
        )
    lowered = normalized.casefold()
    if _contains_name_trivially(account, lowered):
        raise InvalidInput("The password must not be the account name.", field="password")
    if lowered in common_passwords() or len(set(lowered)) <= 2:
        raise InvalidInput(
            "This password is too common to be safe; choose another one.", field="password"
        )
