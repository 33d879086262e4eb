"""``resdesk audit verify|list|export|checkpoint|reanchor``: the audit trail from a terminal.

Wired into ``reservations.cli`` by two calls: ``add_audit_parser(sub, _Parser)`` while the
parser is built and ``run_audit_command(args, db, out)`` for ``args.command == "audit"``.
Same conventions as every other command: ``Output`` for data and messages, ``_session`` for
the login, ``ReservationError`` for every failure (exit 7 for a broken chain).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reservations import errors

if TYPE_CHECKING:
    from reservations.audit import AuditEntry
    from reservations.audit_service import AuditFilter, AuditService, Checkpoint
    from reservations.cli import Output
    from reservations.vault import Vault


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--account", metavar="A", help="only this account's entries")
    p.add_argument("--action", metavar="X", help="only this action (book, cancel, login, ...)")
    p.add_argument("--from", dest="since", metavar="YYYY-MM-DD", help="from this day")
    p.add_argument("--to", dest="until", metavar="YYYY-MM-DD", help="up to this day (inclusive)")
    p.add_argument("--receipt", metavar="R", help="entries about this receipt number")


def add_audit_parser(subparsers: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add ``audit`` and its actions to ``resdesk``'s subparsers."""
    audit = subparsers.add_parser(
        "audit",
        help="verify, list or export the audit trail",
        description=(
            "The audit trail is hash-chained: 'verify' recomputes the whole chain and compares "
            "its end with the anchor file kept next to the vault (exit 7 when an entry was "
            "changed, deleted, moved or cut off the end). Operators see only their own "
            "entries; exporting is for supervisors and is itself audited."
        ),
    )
    actions = audit.add_subparsers(
        dest="audit_command", metavar="ACTION", parser_class=parser_class, required=True
    )
    p = actions.add_parser(
        "verify", help="recompute the hash chain and check every signature (exit 7 when broken)"
    )
    p.add_argument(
        "--against",
        metavar="FILE",
        help="also check that the trail still holds this checkpoint kept off the PC",
    )
    p = actions.add_parser(
        "checkpoint",
        help="the vault authority countersigns the chain's head; keep FILE off this PC "
        "(supervisor)",
    )
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p = actions.add_parser(
        "reanchor",
        help="write a new anchor after a missing one, once the trail was checked (supervisor)",
    )
    p.add_argument("--reason", required=True, metavar="TEXT", help="what was checked against")
    p = actions.add_parser("list", help="list entries: seq, time, account, action, target")
    _add_filters(p)
    p = actions.add_parser("export", help="write entries to a CSV or PDF file (supervisor)")
    p.add_argument("--out", required=True, metavar="FILE.csv|FILE.pdf")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    _add_filters(p)


def _read_checkpoint(path: Path) -> Checkpoint:
    from reservations.audit_service import Checkpoint

    return Checkpoint.load(path)


def _write_checkpoint(
    service: AuditService, vault: Vault, target: Path, force: bool, out: Output
) -> int:
    target = target.expanduser().absolute()
    if target.exists() and not force:
        raise errors.Conflict(f"{target} exists; give --force to replace it.")
    point = service.checkpoint(vault.keys.authority_key)
    point.save(target, overwrite=force)
    out.data(point.to_json(), lambda: "")
    out.say(
        f"Checkpoint of entry {point.seq} ({point.time}) written to {target}: keep it off this "
        "PC (on paper or a USB stick in the safe) and check the vault against it with "
        "'resdesk audit verify --against FILE'."
    )
    return 0


def _filters(args: argparse.Namespace) -> AuditFilter:
    from reservations.audit_service import AuditFilter
    from reservations.booking import parse_date

    return AuditFilter(
        account=args.account,
        action=args.action,
        since=parse_date(args.since) if args.since else None,
        until=parse_date(args.until) if args.until else None,
        receipt=args.receipt,
    )


def _entry_line(e: AuditEntry) -> str:
    return (
        f"{e.seq:>7}  {e.time}  {e.account:<12} {e.action:<16} {e.target}  [{e.result}]  "
        f"{e.hash[:16]}"
    )


def run_audit_command(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.audit_service import AuditService
    from reservations.cli import _session

    command = args.audit_command
    if command == "export":
        target = Path(args.out).expanduser().absolute()
        kind = target.suffix.lower()
        if kind not in (".csv", ".pdf"):
            raise errors.UsageError("--out: give a file name ending in .csv or .pdf.")
        filters = _filters(args)
        if kind == ".pdf":
            from reservations.roster import check_can_write

            # A missing font or an existing file is refused before anything is read.
            check_can_write(target, overwrite=args.force)
        with _session(db) as (_vault, session):
            service = AuditService(session)
            if kind == ".csv":
                result = service.export_csv(target, filters, overwrite=args.force)
            else:
                result = service.export_pdf(target, filters, overwrite=args.force)
        latest = result.latest
        out.data(
            {
                "path": str(target),
                "entries": result.entries,
                "pages": result.pages,
                "latest": None if latest is None else latest.to_json(),
                "anchor": None if result.anchor is None else result.anchor.to_json(),
            },
            lambda: "",
        )
        out.say(f"Wrote {target}: {result.entries} entries.")
        if latest is not None:
            out.say(f"Latest entry of the chain: {latest.seq} ({latest.time}) hash {latest.hash}")
        if result.anchor is not None:
            out.say(f"Anchor: entry {result.anchor.seq} hash {result.anchor.hash}")
        return 0

    if command == "verify" and args.against:
        point = _read_checkpoint(Path(args.against).expanduser())
    with _session(db) as (vault, session):
        service = AuditService(session)
        if command == "checkpoint":
            return _write_checkpoint(service, vault, Path(args.out), args.force, out)
        if command == "reanchor":
            entry = service.reanchor(args.reason)
            out.data({"anchor": {"seq": entry.seq, "hash": entry.hash}}, lambda: "")
            out.say(f"Wrote a new anchor at entry {entry.seq}; the reason is in the audit log.")
            return 0
        if command == "verify":
            report = service.verify()
            if not report.ok:
                raise errors.IntegrityFailed(report.problem_sentence())
            if args.against:
                problem = service.verify_against(point)
                if problem is not None:
                    raise errors.IntegrityFailed(
                        f"The audit trail does not hold the checkpoint: {problem.detail}."
                    )
                out.say(f"The trail holds the checkpoint of entry {point.seq} ({point.time}).")
            out.data(
                report.to_json(),
                lambda: (
                    f"{report.entries} entries"
                    + ("" if report.latest is None else f"  latest {report.latest.hash}")
                ),
            )
            for warning in report.warnings:
                out.say(f"Warning: {warning}.")
            if report.latest is None:
                out.say("The audit trail is empty.")
            else:
                out.say(
                    f"The audit chain is intact: {report.entries} entries, the latest is "
                    f"entry {report.latest.seq} ({report.latest.time})."
                )
            return 0
        entries = list(service.iter_entries(_filters(args)))
    out.data([e.to_json() for e in entries], lambda: "\n".join(_entry_line(e) for e in entries))
    if not entries:
        out.say("No audit entry matches.")
    return 0
