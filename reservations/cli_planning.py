"""``resdesk slots generate|close|reopen|preview`` and ``resdesk callbacks list|outcome``.

Wired into ``reservations.cli`` by two calls: ``add_planning_parsers(slots, sub, _Parser)``
while the parser is built (``slots`` being the ``slots`` command's subparsers) and
``run_planning_command(args, db, out)`` for ``args.command == "callbacks"`` or a ``slots``
action in ``PLANNING_SLOT_ACTIONS``.  Same conventions as every other command.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reservations import errors

if TYPE_CHECKING:
    from reservations.cli import Output
    from reservations.slot_planning import Callback, GenerationPlan

PLANNING_SLOT_ACTIONS = frozenset({"generate", "close", "reopen", "preview"})


def add_planning_parsers(
    slots: Any, subparsers: Any, parser_class: type[argparse.ArgumentParser]
) -> None:
    """Add the planning actions to ``slots`` and the ``callbacks`` command to ``subparsers``."""
    p = slots.add_parser(
        "generate",
        help="create a period's slots from a weekly pattern (supervisor)",
        description=(
            "Create slots at a center for every chosen weekday of a period (at most a year), "
            "from --start to --end, one every --every minutes (the last ends by --end). "
            "Japanese public holidays are skipped unless --include-holidays; the year-end "
            "closure 12/29-1/3 follows the contract setting. Slots that exist are left alone."
        ),
    )
    p.add_argument("--center", required=True, metavar="C")
    p.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--weekdays", required=True, metavar="mon,tue,...", help="or a range: mon-fri")
    p.add_argument("--start", required=True, metavar="HH:MM")
    p.add_argument("--end", required=True, metavar="HH:MM")
    p.add_argument("--every", required=True, type=int, metavar="MINUTES")
    p.add_argument("--capacity", required=True, type=int, metavar="N", help="seats per slot")
    p.add_argument("--include-holidays", action="store_true", help="make slots on holidays too")
    closure = p.add_mutually_exclusive_group()
    closure.add_argument(
        "--year-end-closure",
        dest="year_end",
        action="store_const",
        const=True,
        default=None,
        help="skip 12/29-1/3 whatever the contract says",
    )
    closure.add_argument(
        "--no-year-end-closure",
        dest="year_end",
        action="store_const",
        const=False,
        help="make slots on 12/29-1/3 whatever the contract says",
    )
    p.add_argument(
        "--except", dest="exceptions", metavar="D,D,...", help="dates to leave out as well"
    )
    p.add_argument("--dry-run", action="store_true", help="show what would be made; save nothing")

    for action, text in (
        ("close", "close a slot or a whole day and list who to call back (supervisor)"),
        ("reopen", "open a closed slot or day again (supervisor)"),
    ):
        p = slots.add_parser(action, help=text)
        p.add_argument("--center", required=True, metavar="C")
        p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
        p.add_argument("--slot", metavar="HH:MM", help="only the slot starting then")
        if action == "close":
            p.add_argument("--reason", required=True, metavar="TEXT")
            p.add_argument(
                "--callbacks",
                metavar="FILE.pdf|FILE.csv",
                help="also write the call-back list to this file (registered as a copy)",
            )
            p.add_argument("--force", action="store_true", help="replace an existing file")

    p = slots.add_parser(
        "preview", help="show what 'slots import' would do with a CSV file; save nothing"
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--create-centers", action="store_true")

    callbacks = subparsers.add_parser(
        "callbacks", help="bookings to call back because their slot was closed"
    ).add_subparsers(
        dest="callbacks_command", metavar="ACTION", parser_class=parser_class, required=True
    )
    p = callbacks.add_parser("list", help="call-backs with name and phone (an audited read)")
    p.add_argument("--pending", action="store_true", help="only those still to call")
    p.add_argument(
        "--out", metavar="FILE.pdf|FILE.csv", help="write them to a file instead (supervisor)"
    )
    p.add_argument("--force", action="store_true", help="replace an existing file")
    p = callbacks.add_parser("outcome", help="record what became of a call-back")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("outcome", choices=("rebooked", "cancelled", "unreachable", "kept"))
    p.add_argument("--note", metavar="TEXT")


def _time(text: str | None, name: str) -> dt.time | None:
    from reservations.slot_planning import parse_clock_time

    return None if text is None else parse_clock_time(text, name)


def _callback_line(c: dict[str, Any]) -> str:
    return (
        f"#{c['id']:<5} {c['receipt']}  {c['name'] or '(erased)'} / {c['kana'] or '(erased)'}  "
        f"{c['phone'] or '(erased)'}  {c['center']} {c['date']} {c['start']}  {c['outcome']}"
    )


def _plan_text(plan: GenerationPlan) -> str:
    lines = [
        f"{p.date.isoformat()} {p.start:%H:%M}-{p.end:%H:%M}  {plan.capacity} seats"
        for p in plan.created
    ]
    for skipped in plan.skipped_days:
        detail = f" {skipped.detail}" if skipped.detail else ""
        lines.append(f"{skipped.date.isoformat()} skipped: {skipped.reason.value}{detail}")
    return "\n".join(lines)


def _out_path(text: str) -> Path:
    target = Path(text).expanduser().absolute()
    if target.suffix.lower() not in (".pdf", ".csv"):
        raise errors.UsageError("give a file name ending in .pdf or .csv for the call-back list.")
    return target


def _check_file(target: Path, overwrite: bool) -> None:
    from reservations.files import check_destination
    from reservations.fonts import find_japanese_font

    check_destination(target, overwrite=overwrite, suffix=target.suffix.lower())
    if target.suffix.lower() == ".pdf":
        find_japanese_font()


def run_planning_command(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.booking import parse_date
    from reservations.cli import _session
    from reservations.slot_planning import (
        GenerationRequest,
        SlotPlanningService,
        parse_weekdays,
    )
    from reservations.slots import SlotService

    if args.command == "callbacks":
        return _run_callbacks(args, db, out)
    action = args.slots_command
    if action == "generate":
        start, end = _time(args.start, "start"), _time(args.end, "end")
        assert start is not None and end is not None
        exceptions = frozenset(
            parse_date(d) for d in (args.exceptions or "").split(",") if d.strip()
        )
        request = GenerationRequest(
            center=args.center,
            first=parse_date(args.first),
            last=parse_date(args.last),
            weekdays=parse_weekdays(args.weekdays),
            start=start,
            end=end,
            every_minutes=args.every,
            capacity=args.capacity,
            skip_holidays=not args.include_holidays,
            year_end_closure=args.year_end,
            exceptions=exceptions,
        )
        with _session(db) as (_vault, session):
            plan = SlotPlanningService(session).generate(request, dry_run=args.dry_run)
        out.data(plan.to_json(), lambda: _plan_text(plan))
        verb = "Would create" if args.dry_run else "Created"
        out.say(
            f"{verb} {len(plan.created)} slot(s) on {plan.days} day(s) at {plan.center}; "
            f"{len(plan.existing)} exist already, {len(plan.skipped_days)} day(s) skipped."
            + (" Nothing was saved." if args.dry_run else "")
        )
        return 0
    if action == "preview":
        with _session(db) as (_vault, session):
            preview = SlotService(session).preview_csv_file(
                Path(args.file), create_centers=args.create_centers
            )
        out.data(
            preview.to_json(),
            lambda: "\n".join(
                f"line {line.line}: {line.action.value}  {','.join(line.cells)}"
                + (f"  ({line.problem})" if line.problem else "")
                for line in preview.lines
            ),
        )
        result = preview.result()
        out.say(
            f"Import would create {result.created}, update {result.updated}, leave "
            f"{result.unchanged} unchanged"
            + (
                f"; {len(preview.problems)} problem(s): nothing would be imported"
                if not preview.ok
                else ""
            )
            + ". Nothing was saved."
        )
        return 0 if preview.ok else int(errors.ExitCode.INVALID_INPUT)

    slot_time = _time(args.slot, "slot")
    day = parse_date(args.date)
    if action == "reopen":
        with _session(db) as (_vault, session):
            reopening = SlotPlanningService(session).reopen(args.center, day, slot_time)
        out.data(reopening.to_json(), lambda: "")
        out.say(
            f"Reopened {len(reopening.reopened)} slot(s); {reopening.open_callbacks} call-back(s) "
            "for them are still open (record 'kept' or rebook)."
        )
        return 0
    target = _out_path(args.callbacks) if args.callbacks else None
    if target is not None:
        # A taken name or a missing font is refused before anything is closed.
        _check_file(target, args.force)
    with _session(db) as (_vault, session):
        service = SlotPlanningService(session)
        closure = service.close(args.center, day, args.reason, slot_time)
        if target is not None:
            from reservations.slot_planning import describe_closure_title

            try:
                service.write_callback_list(
                    closure.callbacks,
                    target,
                    title=describe_closure_title(closure.center, closure.date, closure.start),
                    overwrite=args.force,
                )
            except errors.ReservationError as exc:
                # The closing is saved: say so, and how to get the list after all.
                exc.message = (
                    f"Closed {len(closure.closed)} slot(s) with {len(closure.callbacks)} "
                    f"call-back(s), but the list was not written: {exc.message} Write it with "
                    "'resdesk callbacks list --pending --out FILE'."
                )
                raise
    entries = [c.to_json() for c in closure.callbacks]
    out.data(closure.to_json(), lambda: "\n".join(_callback_line(c) for c in entries))
    out.say(
        f"Closed {len(closure.closed)} slot(s) ({len(closure.already_closed)} were closed "
        f"already); {len(closure.callbacks)} booking(s) to call back."
        + (f" Wrote {target}." if target is not None else "")
    )
    return 0


def _run_callbacks(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.cli import _session
    from reservations.slot_planning import SlotPlanningService

    if args.callbacks_command == "outcome":
        with _session(db) as (_vault, session):
            recorded = SlotPlanningService(session).record_outcome(args.id, args.outcome, args.note)
        out.data(recorded.to_json(), lambda: _callback_line(recorded.to_json()))
        out.say(
            f"Recorded call-back #{recorded.id} ({recorded.receipt_display}) as {args.outcome}."
        )
        return 0
    target = _out_path(args.out) if args.out else None
    if target is not None:
        _check_file(target, args.force)
    with _session(db) as (_vault, session):
        service = SlotPlanningService(session)
        if target is not None:
            # Refused for operators before the names are read.
            from reservations.permissions import Permission

            session.require(Permission.PLAN_SLOTS)
        found: list[Callback] = service.callbacks(open_only=args.pending)
        if target is not None:
            service.write_callback_list(
                found, target, title="未完了の連絡" if args.pending else "", overwrite=args.force
            )
    if target is not None:
        out.data({"path": str(target), "callbacks": len(found)}, lambda: "")
        out.say(f"Wrote {target}: {len(found)} call-back(s).")
        return 0
    entries = [c.to_json() for c in found]
    out.data(entries, lambda: "\n".join(_callback_line(c) for c in entries))
    if not entries:
        out.say("No call-back to make." if args.pending else "No call-backs.")
    return 0
