"""Password rules in the spirit of NIST SP 800-63B: length, not the account name, not common.

No composition rules: they make passwords harder to remember, not harder to guess.
"""

from __future__ import annotations

import unicodedata

from reservations.errors import InvalidInput

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256

# The most common passwords that are 10 characters or longer (the shorter ones are already
# refused by length).  The accounts issue replaces this with a bundled list file.
_COMMON = frozenset(
    {
        "1234567890",
        "0123456789",
        "1111111111",
        "0000000000",
        "qwertyuiop",
        "password12",
        "password123",
        "password1234",
        "passw0rd123",
        "iloveyou12",
        "abcdefghij",
        "abc1234567",
        "qwerty1234",
        "1q2w3e4r5t",
        "administrator",
        "changeme123",
        "welcome123",
        "letmein123",
    }
)


def check_new_password(account: str, password: str) -> None:
    """Raise ``InvalidInput`` with the reason when ``password`` may not be used."""
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
    if account.casefold() in lowered and len(lowered) - len(account) < MIN_PASSWORD_LENGTH:
        raise InvalidInput("The password must not be the account name.", field="password")
    if lowered in _COMMON or len(set(lowered)) <= 2:
        raise InvalidInput(
            "This password is too common to be safe; choose another one.", field="password"
        )
