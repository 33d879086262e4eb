"""Reservation Desk core: domain rules, the encrypted vault, and the services that the GUI
and the CLI share.

This package never imports Qt.
"""

from __future__ import annotations

APP_NAME = "Reservation Desk"
DISTRIBUTION = "reservation-desk"


def _version() -> str:
    """The version written in pyproject.toml, the one place it is kept.

    Installed (``pip install -e .``, the frozen build bundles the metadata) it comes from the
    package metadata; run from a bare source tree, from pyproject.toml itself.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        import tomllib
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return str(tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"])
        except (OSError, KeyError, ValueError):
            return "0+unknown"


__version__ = _version()
