"""What the first-run wizard asks of the core besides creating the vault.

One-time passwords for the first operators (made here, not typed by the supervisor, so that
a fresh vault never starts with "password1" for everyone), and the first slots of several
centers made from one weekly pattern.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import replace

from reservations import errors
from reservations.normalize import normalize_label
from reservations.passwords import check_new_password
from reservations.session import Session
from reservations.slot_planning import (
    MAX_CENTER_NAME,
    GenerationPlan,
    GenerationRequest,
    SlotPlanningService,
)
from reservations.slots import SlotService

# Read aloud and typed from a note: no 0/o, 1/l/i look-alikes, lower case only.
INITIAL_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
INITIAL_PASSWORD_GROUPS = 3
INITIAL_PASSWORD_GROUP_SIZE = 4


def initial_password(account: str) -> str:
    """A random one-time password like ``k7qm-x2fa-p9td`` (14 characters, about 59 bits).

    It only has to last until the first login, when the account must choose its own.
    """
    while True:
        password = "-".join(
            "".join(
                secrets.choice(INITIAL_PASSWORD_ALPHABET)
                for _ in range(INITIAL_PASSWORD_GROUP_SIZE)
            )
            for _ in range(INITIAL_PASSWORD_GROUPS)
        )
        try:
            check_new_password(account, password)
        except errors.InvalidInput:
            continue  # the account name happened to be inside it: draw again
        return password


def center_names(text: str) -> list[str]:
    """The centers typed one per line, cleaned, in order, each once."""
    names: list[str] = []
    for line in text.splitlines():
        name = normalize_label(line, "center", MAX_CENTER_NAME)
        if name and name not in names:
            names.append(name)
    if not names:
        raise errors.InvalidInput("center: give at least one center's name.", "center")
    return names


def plan_first_slots(
    session: Session, names: Sequence[str], pattern: GenerationRequest
) -> list[GenerationPlan]:
    """Add the centers that do not exist yet, then make the pattern's slots in each
    (``pattern`` is one request whose center is replaced by each name).

    Every step is its own audited unit of work through ``SlotPlanningService``.  Doing it
    again after a failure (a date in the past, say) is safe: centers that exist are reused
    and slots that exist are left as they are.
    """
    planning = SlotPlanningService(session)
    known = set(SlotService(session).list_centers())
    plans = []
    for name in names:
        if name not in known:
            known.add(planning.add_center(name).name)
        plans.append(planning.generate(replace(pattern, center=name)))
    return plans
