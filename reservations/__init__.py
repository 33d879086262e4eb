"""Reservation Desk core: domain rules, the encrypted vault, and the services that the GUI
and the CLI share.

This package never imports Qt.
"""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "Reservation Desk"
