"""``resdesk register ...`` and ``resdesk erase``: the end-of-contract commands.

Same conventions as ``cli_audit``: ``Output`` for data and messages, ``ReservationError`` for
every failure with its exit code.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reservations import errors

if TYPE_CHECKING:
    from reservations.cli import Output
    from reservations.domain import CopyRecord


def add_supervisor_parsers(subparsers: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    register = subparsers.add_parser(
        "register",
        help="the register of copies: every file that left the vault (supervisor)",
        description=(
            "Every roster, audit export, disclosure, call-back list, backup and handover is "
            "entered here with the number of people it holds and its SHA-256. Close an entry "
            "when the copy is destroyed or handed over; the vault cannot be erased while "
            "entries are open. If a copy is lost, 'affected' lists the receipt numbers in it."
        ),
    )
    actions = register.add_subparsers(
        dest="register_command", metavar="ACTION", parser_class=parser_class, required=True
    )
    p = actions.add_parser("list", help="list the copies")
    p.add_argument("--open", action="store_true", help="only copies not yet closed")
    p = actions.add_parser("close", help="mark a copy destroyed or handed over")
    p.add_argument("id", type=int, metavar="ID")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--destroyed", action="store_true")
    how.add_argument("--handed-over", action="store_true")
    p.add_argument("--note", metavar="TEXT", help="e.g. who received it, how it was destroyed")
    p = actions.add_parser("affected", help="the receipt numbers a (lost) copy holds")
    p.add_argument("id", type=int, metavar="ID")

    p = subparsers.add_parser(
        "erase",
        help="destroy the vault after the handover and write an erasure certificate",
        usage="resdesk erase --certificate FILE.pdf --confirm ERASE [--force --reason TEXT]",
        description=(
            "Cryptographic erase (NIST SP 800-88): the key file holding every account's key "
            "slot is overwritten in place with random bytes and removed, then the database, "
            "its journal files, the audit anchor, the login counters and whatever interrupted "
            "writes left behind (half-written backups and exports). The certificate says what "
            "a file system cannot promise and whether the vault's volume is encrypted (a "
            "condition of use). Refused while no handover was exported or "
            "the register lists open copies, unless --force with --reason (both printed on "
            "the certificate). Needs a supervisor's password and --confirm ERASE. The "
            "certificate must be saved outside the vault's folder."
        ),
    )
    p.add_argument("--certificate", required=True, metavar="FILE.pdf")
    p.add_argument("--confirm", required=True, metavar="ERASE", help="type ERASE")
    p.add_argument("--force", action="store_true", help="erase despite open copies")
    p.add_argument("--reason", default="", metavar="TEXT", help="why, with --force")
    p.add_argument("--dry-run", action="store_true", help="only show what would be erased")


def _copy_line(c: CopyRecord) -> str:
    closed = "" if c.closed_at is None else f" {c.closed_at[:16]} {c.closed_by}"
    # A backup is registered before it is written: no SHA-256 yet means it never finished.
    digest = f"sha256 {c.sha256}" if c.sha256 else "incomplete (never finished writing)"
    note = f"\n      {c.note}" if c.note else ""
    return (
        f"#{c.id:<4} {c.kind.value:<13} {c.created_at[:16]}  {c.account:<10} "
        f"{c.people:>7} people  {c.status.value}{closed}\n      {c.path}  {digest}{note}"
    )


def run_register_command(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.cli import _session
    from reservations.domain import CopyStatus
    from reservations.register import LEAK_REPORT_THRESHOLD, RegisterService

    with _session(db) as (_vault, session):
        service = RegisterService(session)
        if args.register_command == "close":
            status = CopyStatus.DESTROYED if args.destroyed else CopyStatus.HANDED_OVER
            copy = service.close(args.id, status, args.note)
            out.data(copy.to_json(), lambda: _copy_line(copy))
            out.say(f"Copy #{copy.id} is closed as {copy.status.value}.")
            return 0
        if args.register_command == "affected":
            affected = service.affected(args.id)
            out.data(affected.to_json(), lambda: "\n".join(affected.receipts))
            out.say(f"Copy #{args.id} holds {affected.people} people's data.")
            if affected.over_threshold:
                out.say(
                    f"More than {LEAK_REPORT_THRESHOLD:,} people: if this copy is lost, the "
                    "leak must be reported to the Personal Information Protection Commission "
                    "(preliminary report within 3 to 5 days)."
                )
            return 0
        copies = service.list(open_only=args.open)
    out.data([c.to_json() for c in copies], lambda: "\n".join(_copy_line(c) for c in copies))
    if not copies:
        out.say("No open copies." if args.open else "The register is empty.")
    else:
        people = sum(c.people for c in copies if c.status is CopyStatus.OPEN)
        out.say(f"{len(copies)} copies; the open ones hold {people:,} people's data in total.")
    return 0


def run_erase_command(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.cli import _credentials
    from reservations.erasure import ErasureService
    from reservations.session import open_session
    from reservations.volume_encryption import VolumeState

    if args.force and not args.reason.strip():
        raise errors.UsageError("--force needs --reason TEXT: it is printed on the certificate.")
    user, password = _credentials()
    vault, session = open_session(db, user, password)
    try:
        service = ErasureService(session, vault)
        if args.dry_run:
            plan = service.plan()
            out.data(plan.to_json(), lambda: "\n".join(plan.blockers))
            for leftover in plan.leftovers:
                out.say(f"Left by an interrupted write, erased too: {leftover.path}")
            out.say(f"Volume encryption: {plan.volume.state.value} ({plan.volume.description}).")
            out.say(
                f"Would erase {plan.reservations:,} reservations in {plan.database}; "
                + ("nothing stands in the way." if not plan.blockers else "blocked:")
            )
            return 0
        result = service.erase(
            password=password,
            confirmation=args.confirm,
            certificate=Path(args.certificate),
            force=args.force,
            reason=args.reason,
        )
    finally:
        vault.close()
    out.data(result.to_json(), lambda: str(result.certificate))
    for leftover in result.plan.leftovers:
        out.say(f"Left by an interrupted write, erased too: {leftover.path}")
    volume = result.plan.volume
    if volume.state is VolumeState.NOT_ENCRYPTED:
        out.say(
            f"The vault's volume is not encrypted ({volume.description}): blocks the overwrite "
            "could not reach may survive; wipe or destroy the disk when it leaves the office."
        )
    elif volume.state is VolumeState.UNKNOWN:
        out.say(
            f"Whether the vault's volume is encrypted could not be told ({volume.description}): "
            "check BitLocker or LUKS, and wipe or destroy the disk when it leaves the office."
        )
    left = [f for f in result.files if f.problem is not None]
    for f in left:
        out.say(f"Not removed: {f.path} ({f.problem}); delete it by hand.")
    out.say(
        f"The vault is erased ({len(result.files) - len(left)} of {len(result.files)} files "
        f"overwritten and removed). Print the certificate {result.certificate} and have it "
        "signed."
    )
    for backup in result.plan.backups:
        if backup.status.value == "open":
            out.say(f"Destroy backup #{backup.id}: {backup.path}")
    out.say(
        f"Shred {result.plan.recovery_sheets} paper recovery sheet(s) under witness; they are "
        "the last key to any remaining backup."
    )
    return int(errors.ExitCode.STORAGE) if left else 0
