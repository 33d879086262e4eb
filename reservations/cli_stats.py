"""``resdesk stats``: seats offered and taken per day or per center, from a terminal.

Wired into ``reservations.cli`` by two calls: ``add_stats_parser(sub, _Parser)`` while the
parser is built and ``run_stats_command(args, db, out)`` for ``args.command == "stats"``.
Supervisors only.  Reading statistics is not audited (counts only); ``--csv`` is
("stats-export").
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reservations.cli import Output
    from reservations.statistics import Counts, Group, Statistics


def add_stats_parser(subparsers: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """Add ``stats`` to ``resdesk``'s subparsers (``parser_class`` for symmetry with the
    other command modules; ``stats`` has no actions of its own)."""
    del parser_class
    p = subparsers.add_parser(
        "stats",
        help="capacity, bookings, fill rate, attended, no-show, cancelled (supervisor)",
        description=(
            "Per day (or per center) from --from to --to: capacity (seats of open slots), "
            "booked (not cancelled), fill rate, attended, no-show, cancelled and still "
            "booked, with the totals. The default period is the contract period, else the 30 "
            "days around today. --csv writes the table for Excel (UTF-8 with BOM); the export "
            "is audited."
        ),
    )
    p.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help="first day")
    p.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help="last day (inclusive)")
    p.add_argument("--center", metavar="C", help="one center (by name); default all")
    p.add_argument("--by", choices=("day", "center"), default="day", help="rows per day or center")
    p.add_argument("--csv", metavar="FILE.csv", help="also write the table to this CSV file")
    p.add_argument("--force", action="store_true", help="replace an existing CSV file")


def _rate(counts: Counts) -> str:
    rate = counts.fill_rate
    return "—" if rate is None else f"{rate * 100:.1f}%"


def _table(stats: Statistics, groups: tuple[Group, ...], first_header: str) -> str:
    header = (
        first_header,
        "capacity",
        "booked",
        "fill",
        "attended",
        "no-show",
        "cancelled",
        "to come",
    )

    def cells(label: str, c: Counts) -> tuple[str, ...]:
        return (
            label,
            str(c.capacity),
            str(c.booked),
            _rate(c),
            str(c.attended),
            str(c.no_show),
            str(c.cancelled),
            str(c.still_booked),
        )

    rows = [header, *(cells(g.key, g.counts) for g in groups), cells("total", stats.total)]
    # Center names are full-width: pad by display width, not by len().
    width = [max(_display_width(row[i]) for row in rows) for i in range(len(header))]

    def line(row: tuple[str, ...]) -> str:
        first = row[0] + " " * (width[0] - _display_width(row[0]))
        rest = (cell.rjust(width[i + 1]) for i, cell in enumerate(row[1:]))
        return "  ".join((first, *rest))

    return "\n".join(line(row) for row in rows)


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def run_stats_command(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.booking import parse_date
    from reservations.cli import _session
    from reservations.statistics import Grouping, StatisticsService

    by = Grouping(args.by)
    target = Path(args.csv).expanduser().absolute() if args.csv else None
    if target is not None:
        from reservations.files import check_destination

        # An existing file is refused before anything is read.
        check_destination(target, overwrite=args.force, suffix=".csv")
    with _session(db) as (_vault, session):
        service = StatisticsService(session)
        first, last = service.default_period()
        if args.first:
            first = parse_date(args.first)
        if args.last:
            last = parse_date(args.last)
        center_id = service.center_named(args.center).id if args.center else None
        stats = service.report(first, last, center_id)
        if target is not None:
            service.export_csv(target, first, last, center_id, by=by, overwrite=args.force)
    groups = stats.groups(by)
    out.data(stats.to_json(), lambda: _table(stats, groups, by.value))
    where = "all centers" if stats.center is None else stats.center.name
    out.say(f"{first.isoformat()} – {last.isoformat()}, {where}: {len(groups)} {by.value}(s).")
    if target is not None:
        out.say(f"Wrote {target}.")
    return 0
