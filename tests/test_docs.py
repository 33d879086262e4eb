"""The README and ``resdesk --help`` show the same exit-code table as the code."""

from __future__ import annotations

from pathlib import Path

from reservations.cli import build_parser
from reservations.errors import EXIT_CODE_TABLE

ROOT = Path(__file__).resolve().parent.parent


def test_readme_exit_codes_match_the_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, meaning in EXIT_CODE_TABLE:
        assert f"| {int(code)} | {meaning} |" in readme


def test_help_shows_every_exit_code() -> None:
    text = build_parser().format_help()
    for code, meaning in EXIT_CODE_TABLE:
        assert f"  {int(code)}  {meaning}" in text
