"""The ``resdesk`` command: every capability of the core from a terminal, for scripts and
for people.

Output for people goes to stdout, messages to stderr; ``--json`` (anywhere on the line) gives
machine-readable output on every read command and ``{"error": {...}}`` on failure.  Exit codes
come from ``errors.ExitCode``, one table for every command.  Passwords are never arguments:
they come from the environment or a prompt on the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from reservations import errors
from reservations.errors import EXIT_CODE_TABLE, ExitCode

if TYPE_CHECKING:
    from reservations.contract import Contract
    from reservations.session import Session
    from reservations.vault import Vault

_EXIT_CODES_HELP = "exit codes:\n" + "\n".join(
    f"  {int(code)}  {text}" for code, text in EXIT_CODE_TABLE
)
_ENV_HELP = (
    "environment:\n"
    "  RESDESK_DB            vault path when --db is not given\n"
    "  RESDESK_USER          account name (else asked on the terminal)\n"
    "  RESDESK_PASSWORD      account password (else asked on the terminal)\n"
    "  RESDESK_NEW_PASSWORD  new password (init, account add, account passwd)\n"
    "  RESDESK_BUSY_TIMEOUT_MS  how long to wait for a busy vault (default 5000)\n"
    "  RESDESK_EXPORT_PASSWORD  the handover PDF's password (export handover)"
)


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on a usage error; our table says 1 (2 is invalid input)."""

    def error(self, message: str) -> NoReturn:
        raise errors.UsageError(f"{message} (see 'resdesk --help')")


@dataclass
class Output:
    json_mode: bool
    out: TextIO
    err: TextIO

    def data(self, value: object, text: Callable[[], str]) -> None:
        if self.json_mode:
            self.out.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
        else:
            rendered = text()
            if rendered:
                self.out.write(rendered + "\n")

    def say(self, message: str) -> None:
        self.err.write(message + "\n")

    def fail(self, code: int, message: str) -> None:
        if self.json_mode:
            self.err.write(
                json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False) + "\n"
            )
        else:
            self.err.write(f"resdesk: {message}\n")


def _split_global_options(argv: Sequence[str]) -> tuple[list[str], bool, str | None]:
    """Take ``--json`` and ``--db PATH`` from anywhere on the command line."""
    rest: list[str] = []
    json_mode = False
    db: str | None = None
    items = list(argv)
    i = 0
    while i < len(items):
        item = items[i]
        if item == "--":
            rest += items[i:]
            break
        if item == "--json":
            json_mode = True
        elif item == "--db":
            if i + 1 >= len(items):
                raise errors.UsageError("--db needs a path")
            db = items[i + 1]
            i += 1
        elif item.startswith("--db="):
            db = item[len("--db=") :]
        else:
            rest.append(item)
        i += 1
    return rest, json_mode, db


class _VersionAction(argparse.Action):
    """``--version``, read only when asked for (see ``reservations.version``)."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kw: object) -> None:
        from reservations import version

        sys.stdout.write(f"resdesk {version()}\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="resdesk",
        description=(
            "Reservation Desk: bookings for in-person support sessions at community centers, "
            "kept in an encrypted vault. Without a command it opens the window."
        ),
        epilog=(
            "global options (anywhere on the line):\n"
            "  --db PATH   the vault (else RESDESK_DB, else the per-user data folder)\n"
            "  --json      machine-readable output\n\n" + _ENV_HELP + "\n\n" + _EXIT_CODES_HELP
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="show the version")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation in a throwaway vault (book, look up, roster PDF, "
        "backup, erase, the window toolkit) and exit 0 when all passed",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("init", help="create a new vault; its first account is a supervisor")
    p.add_argument("--user", required=True, help="name of the first (supervisor) account")

    p = sub.add_parser("demo", help="create a demo vault with fictitious reservations")
    p.add_argument("--reservations", type=int, default=600, metavar="N")
    p.add_argument("--seed", type=int, default=None, metavar="S")
    p.add_argument("--force", action="store_true", help="replace an existing demo vault")

    slots = sub.add_parser("slots", help="list or import slots").add_subparsers(
        dest="slots_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    p = slots.add_parser("list", help="slots with seats left")
    p.add_argument("--center", metavar="C")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p = slots.add_parser("import", help="create or update slots from a CSV file (supervisor)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--create-centers", action="store_true")

    p = sub.add_parser("book", help="book a caller into a slot; prints the receipt number")
    p.add_argument("--slot", type=int, required=True, metavar="ID")
    p.add_argument("--name", required=True, help='"FAMILY GIVEN"')
    p.add_argument("--kana", required=True, help='"FAMILY GIVEN" reading in kana')
    p.add_argument("--phone", required=True, metavar="P")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--allow-duplicate", action="store_true")

    p = sub.add_parser("find", help="find reservations; every key given must match")
    p.add_argument("--receipt", metavar="R")
    p.add_argument("--phone", metavar="P", help="whole number or last 4 digits")
    p.add_argument("--kana", metavar="K", help="prefix of the family or given reading")
    p.add_argument("--name", metavar="N", help="prefix of the family or given name")
    p.add_argument("--contains", metavar="TEXT", help="inside a name (needs --center or --date)")
    p.add_argument("--center", metavar="C")
    p.add_argument("--date", metavar="D")
    p.add_argument("--status", metavar="S", help="booked, attended, cancelled or no_show")
    p.add_argument("--limit", type=int, default=200, metavar="N")

    p = sub.add_parser("move", help="move a booking to another slot; the receipt number stays")
    p.add_argument("receipt", metavar="RECEIPT")
    p.add_argument("--slot", type=int, required=True, metavar="ID")
    p = sub.add_parser("cancel", help="cancel a booking")
    p.add_argument("receipt", metavar="RECEIPT")
    p.add_argument("--reason", metavar="TEXT")
    p = sub.add_parser("attend", help="mark a booking attended")
    p.add_argument("receipt", metavar="RECEIPT")

    p = sub.add_parser(
        "roster",
        help="write a center's day roster as PDF: receipt numbers only, no personal data",
        description=(
            "Write the day roster for the support worker at a center: per slot, the receipt "
            "numbers booked, each with a box to tick. The PDF embeds a Japanese TrueType font "
            "found on this PC (BIZ UD Gothic, IPAexGothic, Meiryo, ...); set RESDESK_PDF_FONT "
            "to a .ttf file to choose one."
        ),
    )
    p.add_argument("--center", required=True, metavar="C")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--force", action="store_true", help="replace an existing file")

    sub.add_parser("check", help="check the vault's integrity (exit 7 when damaged)")

    p = sub.add_parser(
        "backup",
        help="write a verified, encrypted backup folder into DIR (supervisor); prints it",
    )
    p.add_argument("--out", required=True, metavar="DIR", help="an existing folder")
    p = sub.add_parser(
        "restore",
        help="copy a backup to a NEW vault path given with --db and check it (supervisor)",
        usage="resdesk restore BACKUP --db NEW_PATH",
        description=(
            "Restore a backup (a resdesk-backup-... folder or its vault.db) to the path given "
            "with --db, which here is the target: it must not exist yet and must not be the "
            "live vault. Nothing is ever overwritten. The account in RESDESK_USER / "
            "RESDESK_PASSWORD must open the restored copy and be a supervisor's, else the "
            "copy is removed again (exit 6 for another role)."
        ),
    )
    p.add_argument("backup", metavar="BACKUP")

    settings = sub.add_parser("settings", help="the vault's settings").add_subparsers(
        dest="settings_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    settings.add_parser("show", help="show the vault's settings, the contract and reminders")
    p = settings.add_parser("idle-lock", help="minutes without input before a window locks")
    p.add_argument("minutes", type=int, metavar="MINUTES", help="1 to 60 (supervisor)")
    p = settings.add_parser(
        "contract",
        help="the contract's facts: contractor, ward, period, retention end (supervisor)",
        description=(
            "Printed on the handover ledger and the erasure certificate; after the contract's "
            "end every start shows a banner until the handover and the erasure are done. "
            "Options not given keep their value."
        ),
    )
    p.add_argument("--contractor", metavar="TEXT", help="the call center's company")
    p.add_argument("--client", metavar="TEXT", help="the ward (e.g. 新宿区)")
    p.add_argument("--start", metavar="YYYY-MM-DD", help="first day of the contract")
    p.add_argument("--end", metavar="YYYY-MM-DD", help="last day of the contract")
    p.add_argument("--retention-end", metavar="YYYY-MM-DD", help="hand over and erase by")
    p.add_argument(
        "--year-end-closure",
        choices=("on", "off"),
        help="close 12/29-1/3 when generating slots (default on)",
    )

    account = sub.add_parser("account", help="accounts").add_subparsers(
        dest="account_command", metavar="ACTION", parser_class=_Parser, required=True
    )
    p = account.add_parser(
        "add", help="add an account with a one-time initial password (supervisor)"
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, choices=("operator", "supervisor"))
    account.add_parser("list", help="list accounts (supervisor)")
    p = account.add_parser("disable", help="stop an account from logging in (supervisor)")
    p.add_argument("name", metavar="NAME")
    p = account.add_parser("enable", help="let a disabled account log in again (supervisor)")
    p.add_argument("name", metavar="NAME")
    p = account.add_parser("remove", help="destroy an account's key slot (supervisor)")
    p.add_argument("name", metavar="NAME")
    p = account.add_parser("role", help="change an account's role (supervisor)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, choices=("operator", "supervisor"))
    p = account.add_parser(
        "passwd",
        help="change your own password; with NAME, reset another's (supervisor)",
    )
    p.add_argument("name", metavar="NAME", nargs="?")

    p = sub.add_parser(
        "rekey",
        help="replace the vault's data key and print a new recovery sheet (supervisor)",
    )
    p.add_argument(
        "--finish",
        action="store_true",
        help="finish a replacement that was interrupted and print its recovery sheet",
    )
    p = sub.add_parser(
        "recover",
        help="get back in with the paper recovery sheet: a new supervisor key slot",
        description=(
            "Opens the vault with the data key typed from the recovery sheet (asked for, or "
            "RESDESK_RECOVERY_KEY), then gives the supervisor account NAME (existing, or new) "
            "a new key slot with a new password (asked for, or RESDESK_NEW_PASSWORD). A lost "
            "or damaged key file is written anew. Audited."
        ),
    )
    p.add_argument("--sheet", action="store_true", required=True, help="use the recovery sheet")
    p.add_argument("--account", required=True, metavar="NAME", help="a supervisor's name")
    from reservations.cli_audit import add_audit_parser
    from reservations.cli_handover import add_export_parser
    from reservations.cli_person import add_person_parser
    from reservations.cli_planning import add_planning_parsers
    from reservations.cli_stats import add_stats_parser
    from reservations.cli_supervisor import add_supervisor_parsers

    add_audit_parser(sub, _Parser)
    add_planning_parsers(slots, sub, _Parser)
    add_stats_parser(sub, _Parser)
    add_person_parser(sub, _Parser)
    add_export_parser(sub, _Parser)
    add_supervisor_parsers(sub, _Parser)
    return parser


# -- credentials -----------------------------------------------------------------------------


def _prompt(label: str) -> str:
    """Ask on the terminal, never hang when there is none."""
    if not sys.stdin.isatty():
        raise errors.AuthenticationFailed(
            f"No {label} given and no terminal to ask on; set RESDESK_USER and RESDESK_PASSWORD."
        )
    try:
        return getpass.getpass(f"{label}: ")
    except (EOFError, KeyboardInterrupt):
        raise errors.AuthenticationFailed(f"No {label} was entered.") from None


def _ask_user() -> str:
    user = os.environ.get("RESDESK_USER")
    if user:
        return user
    if not sys.stdin.isatty():
        raise errors.AuthenticationFailed(
            "No account given and no terminal to ask on; set RESDESK_USER and RESDESK_PASSWORD."
        )
    try:
        return input("Account: ").strip()
    except (EOFError, KeyboardInterrupt):
        raise errors.AuthenticationFailed("No account was entered.") from None


def _credentials() -> tuple[str, str]:
    user = _ask_user()
    password = os.environ.get("RESDESK_PASSWORD") or _prompt("Password")
    return user, password


def _new_password(account: str, *, fallback_env: str | None = None) -> str:
    from reservations.passwords import check_new_password

    password = os.environ.get("RESDESK_NEW_PASSWORD")
    if not password and fallback_env:
        password = os.environ.get(fallback_env)
    if not password:
        password = _prompt(f"New password for {account}")
        if _prompt("Repeat the new password") != password:
            raise errors.InvalidInput("The two passwords differ; nothing was changed.", "password")
    check_new_password(account, password)
    return password


@contextlib.contextmanager
def _session(db: Path) -> Iterator[tuple[Vault, Session]]:
    from reservations.session import open_session

    user, password = _credentials()
    vault, session = open_session(db, user, password, defer_login_audit=True)
    try:
        yield vault, session
        # Commands that wrote no audit entry (slot lists) still leave the login on record.
        session.record_login()
    finally:
        vault.close()


# -- commands --------------------------------------------------------------------------------


def _slot_line(slot: dict[str, object]) -> str:
    state = "closed" if not slot["open"] else ("full" if slot["available"] == 0 else "")
    return (
        f"{slot['id']:>6}  {slot['center']}  {slot['date']} {slot['start']}-{slot['end']}  "
        f"{slot['available']}/{slot['capacity']} left {state}".rstrip()
    )


def _reservation_line(r: dict[str, object]) -> str:
    return (
        f"{r['receipt']}  {r['center']} {r['date']} {r['start']}  {r['status']:<9}  "
        f"{r['name'] or '(erased)'} / {r['kana'] or '(erased)'}  {r['phone'] or '(erased)'}"
    )


def _cmd_init(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.accounts import normalize_account_name
    from reservations.domain import now_jst
    from reservations.keyslots import recovery_sheet_groups
    from reservations.session import start_session
    from reservations.vault import create_vault, key_file_path

    account = normalize_account_name(args.user)
    if db.exists() or key_file_path(db).exists():
        raise errors.VaultExists(
            "A vault already exists at this path; choose another path (nothing was changed)."
        )
    password = _new_password(account, fallback_env="RESDESK_PASSWORD")
    vault, data_key = create_vault(
        db, account, password, created_at=now_jst().isoformat(timespec="seconds")
    )
    with vault:
        # The first session starts the vault authority: the trail is signed from entry 1.
        start_session(vault)
        sheet = recovery_sheet_groups(data_key)
        out.data(
            {"vault": str(db), "account": account, "role": "supervisor", "recovery_key": sheet},
            lambda: (
                "RECOVERY SHEET - Reservation Desk\n"
                f"Vault: {db}\n\n{sheet}\n\n"
                "This is the vault's data key. It opens the database without any password.\n"
                "Print or write it down now, keep it in the locked safe, and never store it\n"
                "on this PC. It is shown only now and when the data key is replaced."
            ),
        )
    for i in range(len(data_key)):
        data_key[i] = 0
    out.say(f"Created the vault at {db} with supervisor account '{account}'.")
    return 0


def _cmd_demo(args: argparse.Namespace, db_arg: str | None, out: Output) -> int:
    from reservations.demo import DEMO_ACCOUNTS, build_demo
    from reservations.paths import default_demo_path

    db = Path(db_arg).expanduser() if db_arg else default_demo_path()
    result = build_demo(db, reservations=args.reservations, seed=args.seed, force=args.force)
    accounts = {
        name: {"role": role.value, "password": pw} for name, (role, pw) in DEMO_ACCOUNTS.items()
    }
    out.data(
        {
            "vault": str(result.path),
            "centers": result.centers,
            "slots": result.slots,
            "reservations": result.reservations,
            "accounts": accounts,
        },
        lambda: (
            f"Demo vault: {result.path}\n"
            f"{result.centers} centers, {result.slots} slots, {result.reservations} "
            "fictitious reservations.\n"
            + "\n".join(
                f"account {name} ({role.value}): password {pw}"
                for name, (role, pw) in DEMO_ACCOUNTS.items()
            )
        ),
    )
    return 0


def _cmd_slots(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.slots import SlotService

    with _session(db) as (_vault, session):
        service = SlotService(session)
        if args.slots_command == "list":
            slots = [s.to_json() for s in service.list_slots(args.center, args.date)]
            out.data(slots, lambda: "\n".join(_slot_line(s) for s in slots))
            return 0
        result = service.import_csv_file(Path(args.file), create_centers=args.create_centers)
        summary = {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "centers_created": list(result.centers_created),
        }
        out.data(summary, lambda: "")
        out.say(
            f"Imported: {result.created} slots created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
            + (
                f"; new centers: {', '.join(result.centers_created)}"
                if result.centers_created
                else ""
            )
            + "."
        )
        return 0


def _cmd_book(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.booking import BookingService, CallerInput
    from reservations.normalize import split_full, split_kana

    family, given = split_full(args.name, "name")
    family_kana, given_kana = split_kana(args.kana, "kana")
    caller = CallerInput(family, given, family_kana, given_kana, args.phone)
    with _session(db) as (_vault, session):
        booked = BookingService(session).book(
            args.slot, caller, note=args.note, allow_duplicate=args.allow_duplicate
        )
    out.data(booked.to_json(), lambda: booked.receipt_display)
    out.say(
        f"Booked {booked.receipt_display}: {booked.center} {booked.date.isoformat()} "
        f"{booked.start.strftime('%H:%M')}."
    )
    return 0


def _cmd_find(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.booking import BookingService, SearchInput

    search = SearchInput(
        receipt=args.receipt,
        phone=args.phone,
        kana=args.kana,
        name=args.name,
        name_contains=args.contains,
        center=args.center,
        date=args.date,
        status=args.status,
        limit=args.limit,
    )
    with _session(db) as (_vault, session):
        found = [r.to_json() for r in BookingService(session).find(search)]
    out.data(found, lambda: "\n".join(_reservation_line(r) for r in found))
    if not found:
        out.say("No reservation matches.")
        return int(ExitCode.NOT_FOUND)
    if len(found) >= args.limit:
        out.say(f"Showing the first {len(found)} matches; narrow the search or raise --limit.")
    return 0


def _cmd_change(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.booking import BookingService

    with _session(db) as (_vault, session):
        service = BookingService(session)
        if args.command == "move":
            result = service.move(args.receipt, args.slot)
            done = (
                f"Moved {result.receipt_display} to {result.center} {result.date} "
                f"{result.start:%H:%M}"
            )
        elif args.command == "cancel":
            result = service.cancel(args.receipt, args.reason)
            done = f"Cancelled {result.receipt_display}"
        else:
            result = service.attend(args.receipt)
            done = f"Marked {result.receipt_display} attended"
    out.data(result.to_json(), lambda: _reservation_line(result.to_json()))
    out.say(done + ".")
    return 0


def _cmd_roster(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.booking import parse_date
    from reservations.roster import RosterService, check_can_write

    day = parse_date(args.date)
    target = Path(args.out).expanduser().absolute()
    # Refuse an existing file (or a missing font) before anything is read or audited.
    check_can_write(target, overwrite=args.force)
    with _session(db) as (_vault, session):
        service = RosterService(session)
        roster = service.day_roster(args.center, day)
        pages = service.write_pdf(roster, target, overwrite=args.force)
    out.data({"path": str(target), "pages": pages, "receipts": roster.receipts}, lambda: "")
    out.say(f"Wrote {target}: {pages} page(s), {roster.receipts} receipt number(s).")
    return 0


def _cmd_settings(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.contract import ContractService
    from reservations.vault_settings import VaultSettingsService

    with _session(db) as (_vault, session):
        service = VaultSettingsService(session)
        contracts = ContractService(session)
        if args.settings_command == "idle-lock":
            service.set_idle_lock_seconds(args.minutes * 60)
            out.say(f"Windows now lock after {args.minutes} minute(s) without input.")
        if args.settings_command == "contract":
            contracts.set(_contract_from_args(args, contracts.get()))
            out.say("The contract's facts were saved.")
        seconds = service.idle_lock_seconds()
        contract = contracts.get()
        reminders = contracts.reminders()
    data = {
        "idle_lock_minutes": seconds // 60,
        "contract": contract.to_json(),
        "reminders": reminders.to_json(),
    }

    def text() -> str:
        c = contract
        lines = [
            f"idle lock:        {seconds // 60} min",
            f"contractor:       {c.contractor or '-'}",
            f"client (ward):    {c.client or '-'}",
            f"contract period:  {c.period_text() or '-'}",
            f"retention end:    {c.retention_end or '-'}",
            f"year-end closure: {'on' if c.year_end_closure else 'off'}",
            f"last backup:      {reminders.last_backup or 'never'}",
            f"retention:        {reminders.retention.value}",
        ]
        return "\n".join(lines)

    out.data(data, text)
    return 0


def _contract_from_args(args: argparse.Namespace, current: Contract) -> Contract:
    from dataclasses import replace

    from reservations.booking import parse_date

    changes: dict[str, object] = {}
    for name in ("contractor", "client"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name)
    for name in ("start", "end", "retention_end"):
        value = getattr(args, name)
        if value is not None:
            changes[name] = parse_date(value) if value else None
    if args.year_end_closure is not None:
        changes["year_end_closure"] = args.year_end_closure == "on"
    if not changes:
        raise errors.UsageError(
            "Give at least one of --contractor, --client, --start, --end, --retention-end, "
            "--year-end-closure."
        )
    return replace(current, **changes)  # type: ignore[arg-type]


def _cmd_check(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.vault import check_vault

    user, password = _credentials()
    report = check_vault(db, user, password)
    out.data({"ok": report.ok, "problems": report.problems}, lambda: "\n".join(report.problems))
    if report.ok:
        out.say("The vault passed SQLite's integrity_check and SQLCipher's cipher_integrity_check.")
        return 0
    out.say(
        f"The vault is damaged: {len(report.problems)} problem(s) found. Restore it from a "
        "backup, or open it with the recovery key to rescue what is readable."
    )
    return int(ExitCode.INTEGRITY)


def _cmd_backup(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.backup import BackupService

    with _session(db) as (vault, session):
        result = BackupService(session, vault).backup(Path(args.out).expanduser())
    out.data(result.to_json(), lambda: str(result.folder))
    out.say(f"Backed up {result.reservations} reservation(s); the backup was verified.")
    return 0


def _cmd_restore(args: argparse.Namespace, db_arg: str | None, out: Output) -> int:
    from reservations.backup import restore
    from reservations.paths import vault_path_from

    if not db_arg:
        raise errors.UsageError("restore needs --db NEW_PATH: the new vault to create")
    user, password = _credentials()
    result = restore(
        Path(args.backup).expanduser(),
        Path(db_arg).expanduser(),
        user,
        password,
        live_db=vault_path_from(None),
    )
    out.data(result.to_json(), lambda: str(result.database))
    out.say(
        f"Restored {result.reservations} reservation(s) to {result.database}; it passed the "
        "integrity checks. Use it with --db or RESDESK_DB."
    )
    return 0


def _account_line(a: dict[str, object]) -> str:
    flags = [
        word
        for word, on in (
            ("removed", a["removed"]),
            ("disabled", a["disabled"] and not a["removed"]),
            ("must-change-password", a["must_change_password"] and not a["removed"]),
        )
        if on
    ]
    return f"{a['name']:<20} {a['role']:<10} {' '.join(flags)}".rstrip()


def _cmd_account(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.accounts import AccountService, normalize_account_name, parse_role
    from reservations.permissions import Permission

    command = args.account_command
    with _session(db) as (vault, session):
        service = AccountService(session, vault)
        if command == "list":
            accounts = [a.to_json() for a in service.list()]
            out.data(accounts, lambda: "\n".join(_account_line(a) for a in accounts))
            return 0
        if command == "passwd" and (
            args.name is None or normalize_account_name(args.name) == session.account.name
        ):
            service.change_own_password(_new_password(session.account.name))
            out.data({"name": session.account.name, "changed": True}, lambda: "")
            out.say(f"Changed the password of '{session.account.name}'.")
            return 0
        name = normalize_account_name(args.name)
        if command == "add":
            role = parse_role(args.role)
            # Refuse an operator before asking for a password they may not set.
            session.require(Permission.MANAGE_ACCOUNTS)
            added = service.add(name, role, _new_password(name))
            out.data({"name": added.name, "role": added.role.value}, lambda: "")
            out.say(
                f"Added {added.role.value} account '{added.name}'. Its password is a one-time "
                "initial password: the account must change it at its first login."
            )
            return 0
        if command == "passwd":
            session.require(Permission.MANAGE_ACCOUNTS)
            service.reset_password(name, _new_password(name))
            done = (
                f"Reset the password of '{name}' (a new key slot; any lock is lifted). The "
                "account must change it at its next login"
            )
        elif command == "disable":
            service.disable(name)
            done = f"Disabled '{name}': it can no longer log in (its key slot is kept)"
        elif command == "enable":
            service.enable(name)
            done = f"Enabled '{name}'"
        elif command == "remove":
            service.remove(name)
            done = f"Removed '{name}': its key slot is destroyed; the name stays in the audit trail"
        else:
            role = parse_role(args.role)
            service.set_role(name, role)
            done = f"'{name}' is now {role.value}"
    out.data({"name": name, "action": command}, lambda: "")
    out.say(done + ".")
    return 0


def _print_sheet(db: Path, key: bytearray, out: Output, why: str) -> None:
    from reservations.keyslots import recovery_sheet_groups

    try:
        sheet = recovery_sheet_groups(key)
    finally:
        key[:] = bytes(len(key))
    out.data(
        {"vault": str(db), "recovery_key": sheet, "old_sheet_valid": False},
        lambda: (
            "NEW RECOVERY SHEET - Reservation Desk\n"
            f"Vault: {db}\n\n{sheet}\n\n"
            f"{why} This is the new key: print or write it down\n"
            "now and keep it in the locked safe. The OLD recovery sheet no longer opens\n"
            "anything: shred it. Backups made before now still open with the old sheet only."
        ),
    )


def _cmd_rekey(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.rekey import RotationIncomplete, rekey
    from reservations.session import open_session

    if args.finish:
        user, password = _credentials()
        vault, session = open_session(
            db, user, password, defer_login_audit=True, finish_interrupted_rotation=True
        )
        try:
            if not vault.finished_rekey:
                session.record_login()
                out.say("No replacement of the data key was waiting to be finished.")
                return 0
            session.record_login()
            key = bytearray(vault.keys.data_key)
        finally:
            vault.close()
        _print_sheet(db, key, out, "The interrupted replacement of the data key is finished.")
        out.say("Finished the interrupted replacement of the data key.")
        return 0
    try:
        with _session(db) as (vault, session):
            new_key = rekey(session, vault)
    except RotationIncomplete as exc:
        _print_sheet(db, exc.new_key, out, "The data key was replaced.")
        raise
    _print_sheet(db, new_key, out, "The vault's data key was replaced.")
    out.say("Replaced the data key and re-sealed it to every account.")
    return 0


def _cmd_recover(args: argparse.Namespace, db: Path, out: Output) -> int:
    from reservations.recovery import recover_with_sheet

    sheet = os.environ.get("RESDESK_RECOVERY_KEY") or _prompt("Recovery key (from the sheet)")
    result = recover_with_sheet(db, sheet, args.account, _new_password(args.account))
    lost = ", ".join(result.accounts_without_slot)
    out.data(
        {
            "account": result.account,
            "created_account": result.created_account,
            "new_key_file": result.new_key_file,
            "accounts_without_slot": list(result.accounts_without_slot),
        },
        lambda: (
            f"{result.account} can log in with the new password"
            + (" (a new supervisor account)" if result.created_account else "")
            + (".\nThe key file was written anew." if result.new_key_file else ".")
            + (f"\nReset the passwords of: {lost}." if lost else "")
        ),
    )
    out.say("Opened the vault with the recovery sheet; the recovery is in the audit log.")
    return 0


def _cmd_gui(db_arg: str | None) -> int:
    from ui.app import run_app

    return run_app(db_arg)


def _cmd_self_test() -> int:
    from reservations.selftest import run_self_test

    def window_toolkit() -> str:
        from ui.selftest import check_window_toolkit

        return check_window_toolkit()

    return run_self_test(sys.stdout, extra=(("window toolkit", window_toolkit),))


def main(argv: Sequence[str] | None = None) -> int:
    from reservations.cli_audit import run_audit_command
    from reservations.cli_handover import run_export_command
    from reservations.cli_person import run_person_command
    from reservations.cli_stats import run_stats_command
    from reservations.cli_supervisor import run_erase_command, run_register_command
    from reservations.hardening import disable_core_dumps

    # Before any key or password is in memory: a crash must not write them to a core file.
    disable_core_dumps()
    # The windowed build (ReservationDesk.exe) has no console: messages go nowhere rather
    # than failing on a missing stream.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    out = Output(json_mode=False, out=sys.stdout, err=sys.stderr)
    try:
        rest, out.json_mode, db_arg = _split_global_options(sys.argv[1:] if argv is None else argv)
        args = build_parser().parse_args(rest)
        if args.self_test:
            return _cmd_self_test()
        if args.command is None:
            return _cmd_gui(db_arg)
        if args.command == "demo":
            return _cmd_demo(args, db_arg, out)
        if args.command == "restore":
            return _cmd_restore(args, db_arg, out)
        from reservations.paths import vault_path_from

        db = vault_path_from(db_arg)
        from reservations.cli_planning import PLANNING_SLOT_ACTIONS, run_planning_command

        if args.command == "callbacks" or (
            args.command == "slots" and args.slots_command in PLANNING_SLOT_ACTIONS
        ):
            return run_planning_command(args, db, out)
        handler = {
            "init": _cmd_init,
            "slots": _cmd_slots,
            "book": _cmd_book,
            "find": _cmd_find,
            "move": _cmd_change,
            "cancel": _cmd_change,
            "attend": _cmd_change,
            "roster": _cmd_roster,
            "check": _cmd_check,
            "account": _cmd_account,
            "rekey": _cmd_rekey,
            "recover": _cmd_recover,
            "backup": _cmd_backup,
            "audit": run_audit_command,
            "register": run_register_command,
            "stats": run_stats_command,
            "person": run_person_command,
            "export": run_export_command,
            "erase": run_erase_command,
            "settings": _cmd_settings,
        }[args.command]
        return handler(args, db, out)
    except errors.ReservationError as exc:
        out.fail(int(exc.exit_code), exc.message)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        out.fail(int(ExitCode.USAGE), "Interrupted; nothing more was changed.")
        return int(ExitCode.USAGE)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        # The exception text may hold data from the vault, so only its type is shown.
        out.fail(
            int(ExitCode.USAGE),
            f"Unexpected internal error ({type(exc).__name__}); nothing more was changed. "
            "Please report it.",
        )
        if os.environ.get("RESDESK_DEBUG") == "1":
            raise
        return int(ExitCode.USAGE)


def entry_point() -> NoReturn:
    sys.exit(main())


if __name__ == "__main__":
    entry_point()
