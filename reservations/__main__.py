"""``python -m reservations`` is ``resdesk``."""

from __future__ import annotations

from reservations.cli import entry_point

entry_point()
