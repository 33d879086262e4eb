"""``resdesk person show|correct|redact``: residents' requests from a terminal (supervisors).

Wired into ``reservations.cli`` by two calls: ``add_person_parser(sub, _Parser)`` while the
parser is built and ``run_person_command(args, db, out)`` for ``args.command == "person"``.
Every failure is a ``ReservationError`` and exits with its code from the one table.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reservations import errors

if TYPE_CHECKING:
    from reservations.cli import Output
    from reservations.person import HeldReservation


def add_person_parser(subparsers: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add ``person`` and its actions to ``resdesk``'s subparsers."""
    person = subparsers.add_parser(
        "person",
        help="a resident's disclosure, correction or deletion request (supervisor)",
        description=(
            "Requests under Japan's personal-information law. 'show' finds the person by "
            "receipt number or phone and, with --out, prints everything held about them as a "
            "PDF for them; 'correct' makes a formal correction with its reason; 'redact' "
            "erases the person's name, kana, phone and note from a booking (its seat and "
            "status stay). Each is audited; a reason must not contain the person's name or "
            "phone (the audit trail is never erased)."
        ),
    )
    actions = person.add_subparsers(
        dest="person_command", metavar="ACTION", parser_class=parser_class, required=True
    )
    p = actions.add_parser("show", help="find the person; with --out write the disclosure PDF")
    p.add_argument("key", metavar="RECEIPT|PHONE")
    p.add_argument("--out", metavar="FILE.pdf", help="write the disclosure (開示書) here")
    p.add_argument("--force", action="store_true", help="replace an existing file")

    p = actions.add_parser("correct", help="formal correction of name, kana or phone")
    p.add_argument("receipt", metavar="RECEIPT")
    p.add_argument("--name", metavar="N", help="full name, family and given split by a space")
    p.add_argument("--kana", metavar="K", help="full reading, split by a space")
    p.add_argument("--phone", metavar="P")
    p.add_argument("--reason", required=True, metavar="R", help="why (no personal data)")
    p.add_argument("--out", metavar="FILE.pdf", help="write the confirmation for the person")
    p.add_argument("--force", action="store_true", help="replace an existing file")

    p = actions.add_parser("redact", help="erase the person's data from a booking")
    p.add_argument("receipt", metavar="RECEIPT")
    p.add_argument("--reason", required=True, metavar="R", help="why (no personal data)")


def _held_line(h: HeldReservation) -> str:
    r = h.reservation
    data = r.to_json()
    who = "(erased)" if h.redacted_at else f"{data['name']} / {data['kana']}  {data['phone']}"
    return (
        f"{r.receipt_display}  {r.center} {r.date.isoformat()} {r.start:%H:%M}  "
        f"{r.status.value:<9}  {who}"
    )


def _pdf_path(value: str) -> Path:
    target = Path(value).expanduser().absolute()
    if target.suffix.lower() != ".pdf":
        raise errors.UsageError("--out: give a file name ending in .pdf.")
    return target


def run_person_command(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.booking import PersonChanges
    from reservations.cli import _session
    from reservations.normalize import split_full, split_kana
    from reservations.person import PersonRequestService

    command = args.person_command
    if command == "show":
        if args.out is None:
            with _session(db) as (_vault, session):
                held = PersonRequestService(session).find(args.key)
            out.data([h.to_json() for h in held], lambda: "\n".join(_held_line(h) for h in held))
            return 0
        target = _pdf_path(args.out)
        with _session(db) as (_vault, session):
            result = PersonRequestService(session).write_disclosure(
                args.key, target, overwrite=args.force
            )
        out.data(result.to_json(), lambda: "")
        out.say(
            f"Wrote {target}: {result.reservations} reservation(s) "
            f"({', '.join(result.receipts)}), {result.history} audit entries, "
            f"{result.copies} registered copies. Hand it to the person only."
        )
        return 0

    if command == "correct":
        family = given = family_kana = given_kana = None
        if args.name is not None:
            family, given = split_full(args.name, "name")
        if args.kana is not None:
            family_kana, given_kana = split_kana(args.kana, "kana")
        changes = PersonChanges(family, given, family_kana, given_kana, args.phone)
        notice = None if args.out is None else _pdf_path(args.out)
        with _session(db) as (_vault, session):
            correction = PersonRequestService(session).correct(
                args.receipt, changes, args.reason, notice_out=notice, overwrite=args.force
            )
        out.data(correction.to_json(), lambda: "")
        out.say(
            f"Corrected {correction.receipt_display}: "
            f"{', '.join(c.field for c in correction.changes)}."
        )
        if correction.notice is not None:
            out.say(f"Wrote the confirmation for the person to {correction.notice}.")
        return 0

    with _session(db) as (_vault, session):
        redaction = PersonRequestService(session).redact(args.receipt, args.reason)
    out.data(redaction.to_json(), lambda: "")
    out.say(
        f"Erased the personal data of booking {redaction.receipt_display} "
        f"(name, kana, phone, note, cancel reason); its seat and status stay."
    )
    if redaction.open_copies:
        listed = ", ".join(f"#{c.id} {c.kind.value}" for c in redaction.open_copies)
        out.say(
            f"Registered copies made before still hold this booking: {listed}. Destroy them "
            "or record what became of them with 'resdesk register close'."
        )
    if redaction.wal_emptied is False:
        out.say(
            "Warning: another window or process is reading the vault, so its write-ahead "
            "log (which still holds the erased values) could not be emptied yet; it is "
            "emptied when the last program using the vault closes."
        )
    return 0
