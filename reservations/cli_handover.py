"""``resdesk export handover --out DIR``: the end-of-contract package for the ward.

Wired into ``reservations.cli`` by two calls: ``add_export_parser(sub, _Parser)`` while the
parser is built and ``run_export_command(args, db, out)`` for ``args.command == "export"``.
The package password comes from ``RESDESK_EXPORT_PASSWORD`` or is asked twice on the
terminal; a weak one, a non-empty folder or a missing font is refused before the login.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reservations import errors
from reservations.handover import PASSWORD_ENV

if TYPE_CHECKING:
    from reservations.cli import Output


def add_export_parser(subparsers: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add ``export`` and its kinds (``handover``) to ``resdesk``'s subparsers."""
    export = subparsers.add_parser(
        "export",
        help="export the end-of-contract handover package (supervisor)",
        description=(
            "'handover' writes the package for the ward into a new or empty folder: "
            "handover.pdf (the ledger of every reservation, encrypted with AES-256, with "
            "reservations.csv, audit.csv, register.csv and keys.json attached), README.txt "
            "(Japanese) "
            "and SHA256SUMS. The PDF password comes from RESDESK_EXPORT_PASSWORD or is asked "
            "twice; send it to the ward separately. The package is entered in the register "
            "of copies and audited."
        ),
    )
    kinds = export.add_subparsers(
        dest="export_command", metavar="KIND", parser_class=parser_class, required=True
    )
    p = kinds.add_parser("handover", help="write the handover package into a new or empty DIR")
    p.add_argument("--out", required=True, metavar="DIR", help="a new or empty folder")


def package_password(
    environ: Mapping[str, str] = os.environ,
    ask: Callable[[str], str] | None = None,
    interactive: bool | None = None,
) -> str:
    """The package password: the environment, else typed twice on the terminal."""
    password = environ.get(PASSWORD_ENV, "")
    if password:
        return password
    if interactive is None:
        interactive = sys.stdin.isatty()
    if not interactive:
        raise errors.UsageError(
            f"No package password given and no terminal to ask on; set {PASSWORD_ENV}."
        )
    ask = ask or getpass.getpass
    try:
        first = ask("Password for the handover PDF: ")
        if not first:
            return ""  # refused with its own sentence by the service's check
        second = ask("Repeat the password: ")
    except (EOFError, KeyboardInterrupt):
        raise errors.UsageError("No package password was entered; nothing was written.") from None
    if first != second:
        raise errors.InvalidInput("The two passwords differ; nothing was written.", "password")
    return first


def run_export_command(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.cli import _session
    from reservations.fonts import find_japanese_font
    from reservations.handover import (
        HandoverService,
        check_package_destination,
        check_package_password,
    )

    target = Path(args.out).expanduser().absolute()
    # Refused before the login and before anything is read: a taken folder, no font.
    check_package_destination(target)
    find_japanese_font()
    password = package_password()
    user = os.environ.get("RESDESK_USER", "")
    check_package_password(password, user)
    with _session(db) as (_vault, session):
        result = HandoverService(session).export(target, password)
    out.data(result.to_json(), lambda: "")
    out.say(
        f"Wrote the handover package {result.folder}: {result.reservations} reservations, "
        f"{result.pages} pages, {result.audit_entries} audit entries."
    )
    out.say(f"SHA-256 of SHA256SUMS (register entry #{result.copy_id}): {result.manifest_sha256}")
    out.say("Send the PDF password to the ward separately, never with the package.")
    return 0
