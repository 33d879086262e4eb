"""Reservation Desk core: domain rules, the encrypted vault, and the services that the GUI
and the CLI share.

This package never imports Qt.
"""

from __future__ import annotations

import functools

APP_NAME = "Reservation Desk"
DISTRIBUTION = "reservation-desk"


@functools.cache
def version() -> str:
    """The version written in pyproject.toml, the one place it is kept.

    Installed (``pip install -e .``, the frozen build bundles the metadata) it comes from the
    package metadata; run from a bare source tree, from pyproject.toml itself.  Read on first
    use, not at import: importing ``importlib.metadata`` costs about 20 ms of every start.
    """
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version(DISTRIBUTION)
    except PackageNotFoundError:
        import tomllib
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return str(tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"])
        except (OSError, KeyError, ValueError):
            return "0+unknown"


def __getattr__(name: str) -> str:
    # ``from reservations import __version__`` still works, computed when first asked for.
    if name == "__version__":
        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
