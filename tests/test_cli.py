"""``resdesk`` end to end: every command run in a real subprocess against a real vault.

The vaults come from ``conftest`` (TEST_KDF, so unlocking is instant) except the ``init`` and
``demo`` tests, which run the commands exactly as a user would, with the strong default KDF.
Each CLI call is a subprocess, so related assertions are grouped into one test.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlcipher3

from reservations.booking import BookingService, CallerInput
from reservations.domain import JST
from reservations.errors import EXIT_CODE_TABLE, ExitCode
from reservations.keyslots import DEFAULT_KDF, parse_recovery_key
from reservations.receipt import format_receipt
from reservations.vault import key_file_path
from tests.conftest import (
    BASE_DAY,
    CENTERS,
    OPERATOR,
    ROOT,
    SUPERVISOR,
    CliResult,
    TestVault,
    assert_fails,
    run_cli,
)

Cli = Callable[..., CliResult]

RECEIPT_LINE = re.compile(r"\A\d{4}-\d{4}\n\Z")
YOTSUYA, OKUBO = CENTERS
DAY0 = BASE_DAY.isoformat()
DAY1 = (BASE_DAY + dt.timedelta(days=1)).isoformat()
# A day without slots in the standard test vault, for imports.
IMPORT_DAY = (BASE_DAY + dt.timedelta(days=3)).isoformat()

RESERVATION_KEYS = {
    "receipt",
    "slot_id",
    "name",
    "kana",
    "family_name",
    "given_name",
    "family_kana",
    "given_kana",
    "phone",
    "center",
    "date",
    "start",
    "end",
    "status",
    "note",
}


# -- helpers ---------------------------------------------------------------------------------


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a user who has set nothing for resdesk yet."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RESDESK_")}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def assert_one_line_failure(result: CliResult, code: ExitCode, *words: str) -> str:
    return assert_fails(result, code, *words, one_line=True)


def json_error(result: CliResult, code: ExitCode) -> str:
    """The ``{"error": {...}}`` document of a failed ``--json`` command; returns its message."""
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    document = json.loads(result.stderr)
    assert set(document) == {"error"}
    assert document["error"]["code"] == int(code)
    message = document["error"]["message"]
    assert isinstance(message, str) and message
    return message


def ok_json(result: CliResult) -> object:
    assert result.returncode == 0, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def ok_list(result: CliResult) -> list[dict[str, object]]:
    value = ok_json(result)
    assert isinstance(value, list)
    return value


def booking_args(
    slot: int | str,
    name: str = "鈴木 一郎",
    kana: str = "すずき いちろう",
    phone: str = "080-5555-6666",
) -> list[str]:
    return ["book", "--slot", str(slot), "--name", name, "--kana", kana, "--phone", phone]


def book(
    cli: Cli,
    slot: int,
    name: str = "山田 太郎",
    kana: str = "やまだ たろう",
    phone: str = "090-1234-5678",
    *extra: str,
) -> str:
    """Book through the CLI and return the receipt number it printed."""
    result = cli(*booking_args(slot, name, kana, phone), *extra)
    assert result.returncode == 0, result.stderr
    assert RECEIPT_LINE.match(result.stdout), result.stdout
    return result.stdout.strip()


def slot_json(cli: Cli, slot_id: int) -> dict[str, object]:
    for slot in ok_list(cli("slots", "list", "--json")):
        if slot["id"] == slot_id:
            return slot
    raise AssertionError(f"slot {slot_id} not listed")


def receipts(found: list[dict[str, object]]) -> set[object]:
    return {r["receipt"] for r in found}


def files_state(folder: Path) -> dict[str, str]:
    """sha256 of every file in ``folder`` (sub-folders are ignored)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def wrong_check_digit(receipt: str) -> str:
    digits = receipt.replace("-", "")
    last = str((int(digits[-1]) + 1) % 10)
    return format_receipt(digits[:-1] + last)


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


# -- help, usage, credentials ----------------------------------------------------------------


def test_help_shows_the_exit_code_table() -> None:
    result = run_cli(["--help"], clean_env())
    assert result.returncode == 0
    assert "exit codes:" in result.stdout
    for code, text in EXIT_CODE_TABLE:
        # The epilog is printed as written (raw formatter): one line per exit code.
        assert f"  {int(code)}  {text}" in result.stdout, text
    assert len(EXIT_CODE_TABLE) == len(ExitCode)


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["book", "--name", "山田 太郎"],
        ["book", "--slot", "abc", "--name", "a b", "--kana", "あ い", "--phone", "0312345678"],
        ["slots"],
        ["move", "1234-5675"],
        ["account", "add", "newbie", "--role", "boss"],
        ["find", "--db"],
        ["find", "--no-such-option"],
    ],
    ids=[
        "unknown-command",
        "missing-options",
        "slot-not-a-number",
        "missing-action",
        "missing-slot",
        "bad-choice",
        "db-without-path",
        "unknown-option",
    ],
)
def test_usage_errors_exit_1(cli: Cli, args: list[str]) -> None:
    assert_one_line_failure(cli(*args), ExitCode.USAGE)


def test_usage_error_with_json_is_a_json_error(cli: Cli) -> None:
    message = json_error(cli("--json", "frobnicate"), ExitCode.USAGE)
    assert "frobnicate" in message


def test_no_credentials_and_no_terminal_fails_fast(test_vault: TestVault) -> None:
    no_password = test_vault.env()
    del no_password["RESDESK_PASSWORD"]
    no_user = test_vault.env()
    del no_user["RESDESK_USER"]
    nothing = test_vault.env()
    del nothing["RESDESK_USER"], nothing["RESDESK_PASSWORD"]
    for env in (no_password, no_user, nothing):
        started = time.monotonic()
        # stdin is /dev/null (not a terminal): the CLI must not wait for a password.
        result = run_cli(["slots", "list"], env, timeout=20)
        assert time.monotonic() - started < 15
        assert_one_line_failure(result, ExitCode.AUTHENTICATION, "no terminal")
    json_error(
        run_cli(["--json", "find", "--phone", "5678"], nothing, timeout=20), ExitCode.AUTHENTICATION
    )


# -- init and demo ---------------------------------------------------------------------------

SHEET_LINE = re.compile(r"^[0-9A-F]{5} [0-9A-F]{5} [0-9A-F]{5} [0-9A-F]{5}$", re.MULTILINE)


def test_init_shows_the_recovery_sheet_once_and_never_overwrites(tmp_path: Path) -> None:
    db = tmp_path / "office" / "vault.db"
    db.parent.mkdir()
    password = "lantern river quiet 42"
    env = clean_env(RESDESK_NEW_PASSWORD=password)

    created = run_cli(["init", "--db", str(db), "--user", "boss"], env)
    assert created.returncode == 0, created.stderr
    assert "Traceback" not in created.stderr
    assert "RECOVERY SHEET" in created.stdout
    lines = SHEET_LINE.findall(created.stdout)
    assert len(lines) == 4, created.stdout
    recovery_key = parse_recovery_key("\n".join(lines))
    assert len(recovery_key) == 32
    assert password not in created.stdout + created.stderr
    # Beside the vault: the (empty) lock file every change of the key file takes, and the
    # audit anchor of the first session (the vault authority started; the trail signed).
    assert sorted(p.name for p in db.parent.iterdir()) == [
        "vault.db",
        "vault.db.audit-anchor",
        "vault.db.audit-anchor.lock",
        "vault.db.keys",
        "vault.db.keys.lock",
    ]

    # The production default KDF, not the test one, protects the first account.
    slots = json.loads(key_file_path(db).read_text("utf-8"))["slots"]
    assert [s["account"] for s in slots] == ["boss"]
    assert slots[0]["kdf"]["memory_cost_kib"] == DEFAULT_KDF.memory_cost_kib
    assert slots[0]["kdf"]["time_cost"] == DEFAULT_KDF.time_cost

    # A second init at the same path is refused, shows no sheet and changes nothing.
    before = files_state(db.parent)
    again = run_cli(["init", "--db", str(db), "--user", "other"], env)
    assert_one_line_failure(again, ExitCode.CONFLICT, "already exists")
    assert not SHEET_LINE.search(again.stdout + again.stderr)
    assert files_state(db.parent) == before

    # The password from RESDESK_NEW_PASSWORD opens the vault as a supervisor.
    login = clean_env(RESDESK_DB=str(db), RESDESK_USER="boss", RESDESK_PASSWORD=password)
    accounts = ok_list(run_cli(["account", "list", "--json"], login))
    assert [(a["name"], a["role"]) for a in accounts] == [("boss", "supervisor")]

    # The README recipe: the sheet's 64 hex digits open the database with plain SQLCipher.
    conn = sqlcipher3.connect(str(db))
    try:
        conn.execute(f"PRAGMA key = \"x'{recovery_key.hex()}'\"")
        rows = conn.execute("SELECT name, role FROM accounts").fetchall()
    finally:
        conn.close()
    assert rows == [("boss", "supervisor")]


def test_init_refuses_a_weak_password_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "vault.db"
    result = run_cli(
        ["init", "--db", str(db), "--user", "boss"], clean_env(RESDESK_NEW_PASSWORD="short")
    )
    assert_one_line_failure(result, ExitCode.INVALID_INPUT, "password")
    assert list(tmp_path.iterdir()) == []


def test_demo_replaces_only_a_demo_vault(tmp_path: Path, test_vault: TestVault) -> None:
    db = tmp_path / "demo" / "demo.db"
    args = ["demo", "--db", str(db), "--reservations", "50", "--seed", "1"]

    first = ok_json(run_cli([*args, "--json"], clean_env()))
    assert isinstance(first, dict)
    assert first["reservations"] == 50
    assert first["vault"] == str(db)
    assert set(first["accounts"]) == {"supervisor", "operator"}
    first_state = files_state(db.parent)

    # Without --force even a demo is kept.
    assert_one_line_failure(run_cli(args, clean_env()), ExitCode.CONFLICT, "--force")
    assert files_state(db.parent) == first_state

    # With --force the demo is replaced by a new one (a new vault id, so new files).
    replaced = run_cli([*args, "--force"], clean_env())
    assert replaced.returncode == 0, replaced.stderr
    assert "50 fictitious reservations" in replaced.stdout
    second_state = files_state(db.parent)
    # The audit anchor and its lock file sit next to every vault (reservations/anchor.py).
    assert sorted(second_state) == [
        "demo.db",
        "demo.db.audit-anchor",
        "demo.db.audit-anchor.lock",
        "demo.db.keys",
        "demo.db.keys.lock",
    ]
    assert second_state["demo.db.keys"] != first_state["demo.db.keys"]

    # The documented demo operator account opens it.
    operator = first["accounts"]["operator"]
    login = clean_env(RESDESK_DB=str(db), RESDESK_USER="operator")
    login["RESDESK_PASSWORD"] = operator["password"]
    assert ok_list(run_cli(["slots", "list", "--json"], login))

    # A real vault is never replaced by a demo, --force or not.
    real_before = files_state(test_vault.path.parent)
    refused = run_cli(
        ["demo", "--db", str(test_vault.path), "--reservations", "5", "--force"], clean_env()
    )
    assert_one_line_failure(refused, ExitCode.CONFLICT, "not a demo")
    assert files_state(test_vault.path.parent) == real_before


# -- slots -----------------------------------------------------------------------------------


def test_slots_list_json_shape_and_filters(cli: Cli, test_vault: TestVault) -> None:
    everything = ok_list(cli("slots", "list", "--json"))
    assert len(everything) == len(test_vault.slot_ids)
    for slot in everything:
        assert {"id", "center", "date", "start", "end", "capacity", "booked", "available"} <= set(
            slot
        )
        assert isinstance(slot["id"], int) and not isinstance(slot["id"], bool)
        assert isinstance(slot["capacity"], int)
        assert isinstance(slot["booked"], int)
        assert isinstance(slot["available"], int)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(slot["date"]))
        assert re.fullmatch(r"\d{2}:\d{2}", str(slot["start"]))
        assert re.fullmatch(r"\d{2}:\d{2}", str(slot["end"]))
    first = next(s for s in everything if s["id"] == test_vault.slot_ids["a0-1000"])
    assert (first["center"], first["date"], first["start"], first["end"]) == (
        YOTSUYA,
        DAY0,
        "10:00",
        "10:30",
    )
    assert (first["capacity"], first["booked"], first["available"]) == (2, 0, 2)

    at_yotsuya = ok_list(cli("slots", "list", "--center", YOTSUYA, "--json"))
    assert {s["center"] for s in at_yotsuya} == {YOTSUYA}
    assert len(at_yotsuya) == 5  # two days x two times, plus the closed slot
    on_day0 = ok_list(cli("slots", "list", "--date", DAY0, "--json"))
    assert {s["date"] for s in on_day0} == {DAY0}
    assert len(on_day0) == 5
    both = ok_list(cli("slots", "list", "--center", YOTSUYA, "--date", DAY0, "--json"))
    assert {s["id"] for s in both} == {
        test_vault.slot_ids["a0-1000"],
        test_vault.slot_ids["a0-1030"],
        test_vault.slot_ids["closed"],
    }

    # Plain text lists one line per slot.
    text = cli("slots", "list", "--date", DAY1)
    assert text.returncode == 0
    assert len(text.stdout.strip().splitlines()) == 4

    unknown = cli("slots", "list", "--center", "存在しないセンター")
    message = assert_one_line_failure(unknown, ExitCode.INVALID_INPUT, YOTSUYA, OKUBO)
    assert "存在しないセンター" in message


def test_slots_import_utf8_bom_and_cp932(cli: Cli, tmp_path: Path) -> None:
    utf8 = write_csv(
        tmp_path / "utf8.csv",
        [
            "center,date,start,end,capacity",
            f"{YOTSUYA},{IMPORT_DAY},13:00,13:30,3",
            f"{OKUBO},{IMPORT_DAY},13:00,13:30,4",
        ],
    )
    bom = write_csv(
        tmp_path / "bom.csv",
        ["センター,日付,開始,終了,定員", f"{YOTSUYA},{IMPORT_DAY},14:00,14:30,5"],
        "utf-8-sig",
    )
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")
    # Japanese Excel: Shift_JIS, no header row, full-width digits typed with the IME.
    sjis = write_csv(
        tmp_path / "sjis.csv",
        [f"{OKUBO},{IMPORT_DAY.replace('-', '/')},１５：００,１５：３０,６"],
        "cp932",
    )
    with pytest.raises(UnicodeDecodeError):
        sjis.read_bytes().decode("utf-8")

    for path, created in ((utf8, 2), (bom, 1), (sjis, 1)):
        result = cli("slots", "import", str(path), "--json", account=SUPERVISOR)
        summary = ok_json(result)
        assert summary == {
            "created": created,
            "updated": 0,
            "unchanged": 0,
            "centers_created": [],
        }, path.name
        assert "Imported:" in result.stderr

    imported = ok_list(cli("slots", "list", "--date", IMPORT_DAY, "--json"))
    got = {(s["center"], s["start"], s["end"], s["capacity"], s["booked"]) for s in imported}
    assert got == {
        (YOTSUYA, "13:00", "13:30", 3, 0),
        (OKUBO, "13:00", "13:30", 4, 0),
        (YOTSUYA, "14:00", "14:30", 5, 0),
        (OKUBO, "15:00", "15:30", 6, 0),
    }

    # Importing the same file again changes nothing.
    again = ok_json(cli("slots", "import", str(utf8), "--json", account=SUPERVISOR))
    assert again == {"created": 0, "updated": 0, "unchanged": 2, "centers_created": []}


def test_slots_import_unknown_center_imports_nothing_unless_asked(cli: Cli, tmp_path: Path) -> None:
    csv_file = write_csv(
        tmp_path / "new-center.csv",
        [
            f"{YOTSUYA},{IMPORT_DAY},13:00,13:30,3",
            f"新宿地域センター,{IMPORT_DAY},13:00,13:30,3",
        ],
    )
    refused = cli("slots", "import", str(csv_file), account=SUPERVISOR)
    message = assert_fails(refused, ExitCode.INVALID_INPUT, "新宿地域センター", "nothing")
    assert YOTSUYA in message and OKUBO in message  # the known centers are listed
    assert ok_list(cli("slots", "list", "--date", IMPORT_DAY, "--json")) == []

    created = ok_json(
        cli("slots", "import", str(csv_file), "--create-centers", "--json", account=SUPERVISOR)
    )
    assert created == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "centers_created": ["新宿地域センター"],
    }
    shinjuku = ok_list(cli("slots", "list", "--center", "新宿地域センター", "--json"))
    assert [(s["date"], s["start"], s["capacity"]) for s in shinjuku] == [(IMPORT_DAY, "13:00", 3)]


def test_slots_import_updates_capacity_but_never_below_seats_booked(
    cli: Cli, test_vault: TestVault, tmp_path: Path
) -> None:
    slot = test_vault.slot_ids["a0-1000"]
    book(cli, slot, "山田 太郎", "やまだ たろう", "090-1234-5678")
    book(cli, slot, "鈴木 花子", "すずき はなこ", "080-9876-5432")

    too_small = write_csv(
        tmp_path / "too-small.csv",
        [f"{YOTSUYA},{DAY0},10:00,10:30,1", f"{YOTSUYA},{IMPORT_DAY},13:00,13:30,3"],
    )
    message = assert_fails(
        cli("slots", "import", str(too_small), account=SUPERVISOR),
        ExitCode.INVALID_INPUT,
        "line 1",
        "nothing was imported",
    )
    assert "line 2" not in message
    assert slot_json(cli, slot)["capacity"] == 2
    assert ok_list(cli("slots", "list", "--date", IMPORT_DAY, "--json")) == []  # all or nothing

    larger = write_csv(tmp_path / "larger.csv", [f"{YOTSUYA},{DAY0},10:00,10:30,5"])
    summary = ok_json(cli("slots", "import", str(larger), "--json", account=SUPERVISOR))
    assert summary == {"created": 0, "updated": 1, "unchanged": 0, "centers_created": []}
    after = slot_json(cli, slot)
    assert (after["capacity"], after["booked"], after["available"]) == (5, 2, 3)

    exact = write_csv(tmp_path / "exact.csv", [f"{YOTSUYA},{DAY0},10:00,10:30,2"])
    assert ok_json(cli("slots", "import", str(exact), "--json", account=SUPERVISOR)) == {
        "created": 0,
        "updated": 1,
        "unchanged": 0,
        "centers_created": [],
    }
    assert slot_json(cli, slot)["available"] == 0


def test_slots_import_reports_every_bad_row_and_imports_nothing(cli: Cli, tmp_path: Path) -> None:
    csv_file = write_csv(
        tmp_path / "bad.csv",
        [
            "center,date,start,end,capacity",
            f"{YOTSUYA},{IMPORT_DAY},15:00,15:30,2",
            f"{YOTSUYA},2024-13-45,15:30,16:00,2",
            f"{YOTSUYA},{IMPORT_DAY},16:00,16:30,2",
            f"{YOTSUYA},{IMPORT_DAY},16:30,17:00,lots",
            f"{YOTSUYA},{IMPORT_DAY},17:30,17:00,2",
            f"{YOTSUYA},{IMPORT_DAY},18:00",
        ],
    )
    message = assert_fails(
        cli("slots", "import", str(csv_file), account=SUPERVISOR),
        ExitCode.INVALID_INPUT,
        "4 problem(s)",
        "nothing was imported",
    )
    for bad_line in (3, 5, 6, 7):
        assert f"line {bad_line}:" in message, bad_line
    for good_line in (1, 2, 4):
        assert f"line {good_line}:" not in message, good_line
    assert ok_list(cli("slots", "list", "--date", IMPORT_DAY, "--json")) == []

    missing = cli("slots", "import", str(tmp_path / "no-such.csv"), account=SUPERVISOR)
    assert_one_line_failure(missing, ExitCode.NOT_FOUND, "does not exist")


def test_operator_may_not_import_slots(cli: Cli, tmp_path: Path) -> None:
    csv_file = write_csv(tmp_path / "ok.csv", [f"{YOTSUYA},{IMPORT_DAY},13:00,13:30,3"])
    assert_one_line_failure(
        cli("slots", "import", str(csv_file), account=OPERATOR), ExitCode.NOT_PERMITTED
    )
    assert ok_list(cli("slots", "list", "--date", IMPORT_DAY, "--json")) == []


# -- booking ---------------------------------------------------------------------------------


def test_book_prints_only_the_receipt_and_normalizes_input(cli: Cli, test_vault: TestVault) -> None:
    slot = test_vault.slot_ids["a0-1000"]
    result = cli(
        "book",
        "--slot",
        str(slot),
        "--name",
        "山田 太郎",
        "--kana",
        "やまだ たろう",
        "--phone",
        "０９０－１２３４－５６７８",
        "--note",
        "車椅子で来場",
    )
    assert result.returncode == 0, result.stderr
    assert RECEIPT_LINE.match(result.stdout), result.stdout
    receipt = result.stdout.strip()
    assert receipt in result.stderr  # the confirmation for people goes to stderr

    [found] = ok_list(cli("find", "--receipt", receipt, "--json"))
    assert RESERVATION_KEYS <= set(found)
    assert found["receipt"] == receipt
    assert found["slot_id"] == slot
    assert (found["name"], found["family_name"], found["given_name"]) == (
        "山田 太郎",
        "山田",
        "太郎",
    )
    assert (found["kana"], found["family_kana"], found["given_kana"]) == (
        "ヤマダ タロウ",
        "ヤマダ",
        "タロウ",
    )
    assert found["phone"] == "090-1234-5678"
    assert (found["center"], found["date"], found["start"], found["end"]) == (
        YOTSUYA,
        DAY0,
        "10:00",
        "10:30",
    )
    assert (found["status"], found["note"]) == ("booked", "車椅子で来場")

    # A full-width (ideographic) space separates family and given name too.
    other = book(cli, slot, "佐藤\u3000花子", "さとう\u3000はなこ", "03-1234-5678")
    [second] = ok_list(cli("find", "--receipt", other, "--json"))
    assert (second["family_name"], second["given_name"]) == ("佐藤", "花子")
    assert (second["family_kana"], second["given_kana"]) == ("サトウ", "ハナコ")
    assert second["phone"] == "03-1234-5678"
    assert slot_json(cli, slot)["booked"] == 2


def test_book_json_gives_the_reservation(cli: Cli, test_vault: TestVault) -> None:
    result = cli(
        "--json",
        "book",
        "--slot",
        str(test_vault.slot_ids["b1-1030"]),
        "--name",
        "田中 一郎",
        "--kana",
        "タナカ イチロウ",
        "--phone",
        "070-1111-2222",
    )
    booked = ok_json(result)
    assert isinstance(booked, dict)
    assert RESERVATION_KEYS <= set(booked)
    assert (booked["center"], booked["date"], booked["start"]) == (OKUBO, DAY1, "10:30")
    assert booked["phone"] == "070-1111-2222"


def test_book_refusals(cli: Cli, test_vault: TestVault) -> None:
    slot = test_vault.slot_ids["a0-1000"]
    first = book(cli, slot, "山田 太郎", "やまだ たろう", "090-1234-5678")

    # Same phone, different name: a possible duplicate, naming the existing booking.
    duplicate = cli(*booking_args(slot, "山田 花子", "やまだ はなこ", "09012345678"))
    assert_one_line_failure(duplicate, ExitCode.CONFLICT, first, "--allow-duplicate")
    # A family sharing one phone books anyway; the slot (capacity 2) is then full.
    family = book(cli, slot, "山田 花子", "やまだ はなこ", "09012345678", "--allow-duplicate")
    assert family != first
    assert slot_json(cli, slot)["available"] == 0

    assert_one_line_failure(cli(*booking_args(slot)), ExitCode.CONFLICT, "full")
    closed = cli(*booking_args(test_vault.slot_ids["closed"]))
    assert_one_line_failure(closed, ExitCode.CONFLICT, "closed")
    assert_one_line_failure(cli(*booking_args(99999)), ExitCode.NOT_FOUND, "99999")

    free = test_vault.slot_ids["a0-1030"]
    bad_phone = cli(*booking_args(free, phone="090-8765-432"))
    message = assert_one_line_failure(bad_phone, ExitCode.INVALID_INPUT, "phone")
    for fragment in ("8765", "432", "090"):
        assert fragment not in message  # the typed number is not echoed

    bad_kana = cli(*booking_args(free, kana="鈴木 一郎"))
    message = assert_one_line_failure(bad_kana, ExitCode.INVALID_INPUT, "kana")
    assert "鈴木" not in message

    # None of the refusals booked anything.
    assert slot_json(cli, test_vault.slot_ids["a0-1030"])["booked"] == 0
    assert slot_json(cli, test_vault.slot_ids["closed"])["booked"] == 0


def test_book_json_error_document(cli: Cli) -> None:
    result = cli(*booking_args(99999), "--json")
    assert "99999" in json_error(result, ExitCode.NOT_FOUND)
    assert result.stdout == ""


# -- find ------------------------------------------------------------------------------------


@pytest.fixture
def three_bookings(test_vault: TestVault) -> dict[str, str]:
    """Three reservations made through the service layer (fast); one of them cancelled."""
    service = BookingService(test_vault.session(OPERATOR))
    made: dict[str, str] = {}
    for key, slot, caller in (
        ("yamada", "a0-1000", CallerInput("山田", "太郎", "ヤマダ", "タロウ", "090-1234-5678")),
        ("yamamoto", "b0-1000", CallerInput("山本", "花子", "ヤマモト", "ハナコ", "080-2222-5678")),
        ("sato", "a1-1000", CallerInput("佐藤", "一郎", "サトウ", "イチロウ", "03-3333-0000")),
    ):
        made[key] = service.book(test_vault.slot_ids[slot], caller).receipt_display
    service.cancel(made["sato"], "体調不良")
    test_vault.close()
    return made


def test_find_by_each_key(cli: Cli, three_bookings: dict[str, str]) -> None:
    yamada, yamamoto, sato = (three_bookings[k] for k in ("yamada", "yamamoto", "sato"))

    def find(*args: str) -> set[object]:
        return receipts(ok_list(cli("find", *args, "--json")))

    digits = yamada.replace("-", "")
    fullwidth = yamada.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    assert find("--receipt", yamada) == {yamada}
    assert find("--receipt", digits) == {yamada}
    assert find("--receipt", fullwidth) == {yamada}

    assert find("--phone", "090-1234-5678") == {yamada}
    assert find("--phone", "０９０１２３４５６７８") == {yamada}
    assert find("--phone", "5678") == {yamada, yamamoto}
    assert find("--phone", "０００0") == {sato}

    assert find("--kana", "やま") == {yamada, yamamoto}  # hiragana typed, katakana stored
    assert find("--kana", "ヤマモ") == {yamamoto}
    assert find("--kana", "たろ") == {yamada}  # the given reading counts too
    assert find("--name", "山") == {yamada, yamamoto}
    assert find("--name", "花") == {yamamoto}

    assert find("--center", YOTSUYA) == {yamada, sato}
    assert find("--date", DAY0) == {yamada, yamamoto}
    assert find("--date", DAY1) == {sato}
    assert find("--status", "cancelled", "--center", YOTSUYA) == {sato}
    assert find("--status", "booked", "--center", YOTSUYA) == {yamada}
    assert find("--status", "booked", "--phone", "5678") == {yamada, yamamoto}

    # Keys combine with AND.
    assert find("--phone", "5678", "--center", OKUBO) == {yamamoto}
    assert find("--kana", "やま", "--date", DAY0, "--name", "山田") == {yamada}

    [cancelled] = ok_list(cli("find", "--receipt", sato, "--json"))
    assert cancelled["status"] == "cancelled"
    assert cancelled["phone"] == "03-3333-0000"

    # Text output: one line per reservation.
    text = cli("find", "--phone", "5678")
    assert text.returncode == 0
    assert len(text.stdout.strip().splitlines()) == 2


def test_find_no_match_and_bad_receipts(cli: Cli, three_bookings: dict[str, str]) -> None:
    empty = cli("find", "--kana", "やま", "--date", DAY1, "--json")
    assert empty.returncode == ExitCode.NOT_FOUND
    assert json.loads(empty.stdout) == []
    assert "Traceback" not in empty.stderr

    plain = cli("find", "--phone", "9999")
    assert plain.returncode == ExitCode.NOT_FOUND
    assert plain.stdout == ""
    assert "No reservation matches" in plain.stderr

    # A valid receipt number that nobody holds is simply not found.
    unused = format_receipt("00000000")
    assert cli("find", "--receipt", unused, "--json").returncode == ExitCode.NOT_FOUND

    misheard = wrong_check_digit(three_bookings["yamada"])
    assert_one_line_failure(cli("find", "--receipt", misheard), ExitCode.INVALID_INPUT, "digit")
    json_error(cli("find", "--receipt", misheard, "--json"), ExitCode.INVALID_INPUT)
    assert_one_line_failure(cli("find", "--receipt", "1234"), ExitCode.INVALID_INPUT, "8 digits")
    assert_one_line_failure(cli("find", "--limit", "5"), ExitCode.INVALID_INPUT, "search key")


def test_json_flag_is_accepted_anywhere(cli: Cli, three_bookings: dict[str, str]) -> None:
    receipt = three_bookings["yamada"]
    outputs = [
        cli("--json", "find", "--receipt", receipt),
        cli("find", "--json", "--receipt", receipt),
        cli("find", "--receipt", receipt, "--json"),
    ]
    documents = [ok_list(r) for r in outputs]
    assert [receipts(d) for d in documents] == [{receipt}] * 3
    assert documents[0] == documents[1] == documents[2]

    slot_lists = [
        ok_list(cli("--json", "slots", "list")),
        ok_list(cli("slots", "--json", "list")),
        ok_list(cli("slots", "list", "--json")),
    ]
    assert slot_lists[0] == slot_lists[1] == slot_lists[2]


# -- move, cancel, attend --------------------------------------------------------------------


def test_move_cancel_and_attend_refused_in_future(cli: Cli, test_vault: TestVault) -> None:
    old, new = test_vault.slot_ids["a0-1000"], test_vault.slot_ids["b1-1030"]
    receipt = book(cli, old)
    assert slot_json(cli, old)["booked"] == 1

    moved = ok_json(cli("move", receipt, "--slot", str(new), "--json"))
    assert isinstance(moved, dict)
    assert (moved["receipt"], moved["slot_id"], moved["center"], moved["date"]) == (
        receipt,
        new,
        OKUBO,
        DAY1,
    )
    assert slot_json(cli, old)["booked"] == 0
    assert slot_json(cli, new)["booked"] == 1

    assert_one_line_failure(
        cli("move", receipt, "--slot", str(test_vault.slot_ids["closed"])),
        ExitCode.CONFLICT,
        "closed",
    )
    assert_one_line_failure(cli("move", receipt, "--slot", "99999"), ExitCode.NOT_FOUND)
    assert_one_line_failure(
        cli("move", format_receipt("00000000"), "--slot", str(old)), ExitCode.NOT_FOUND
    )

    # Attending is only possible on the day itself.
    assert_one_line_failure(cli("attend", receipt), ExitCode.CONFLICT, receipt)

    cancelled = ok_json(
        cli("cancel", receipt.replace("-", ""), "--reason", "都合が悪くなった", "--json")
    )
    assert isinstance(cancelled, dict)
    assert (cancelled["receipt"], cancelled["status"]) == (receipt, "cancelled")
    assert cancelled["cancel_reason"] == "都合が悪くなった"
    assert slot_json(cli, new)["booked"] == 0

    assert_one_line_failure(cli("cancel", receipt), ExitCode.CONFLICT, "already cancelled")
    assert_one_line_failure(cli("move", receipt, "--slot", str(old)), ExitCode.CONFLICT)
    assert_one_line_failure(cli("attend", receipt), ExitCode.CONFLICT)
    assert_one_line_failure(
        cli("cancel", wrong_check_digit(receipt)), ExitCode.INVALID_INPUT, "digit"
    )
    # The receipt number of a cancelled booking still finds it.
    [found] = ok_list(cli("find", "--receipt", receipt, "--json"))
    assert found["status"] == "cancelled"


def test_attend_on_the_day(cli: Cli, test_vault: TestVault) -> None:
    """A booking made a week ago for a slot today can be marked attended today."""
    today = dt.datetime.now(JST).date()
    test_vault.clock.now = dt.datetime.now(JST).replace(microsecond=0) - dt.timedelta(days=7)
    session = test_vault.session(SUPERVISOR)
    with session.store.unit_of_work(write=True) as uow:
        center = uow.center_by_name(YOTSUYA)
        assert center is not None
        slot_id = uow.add_slot(center.id, today, dt.time(9, 0), dt.time(9, 30), 3)
        uow.commit()
    booked = BookingService(session).book(
        slot_id, CallerInput("木村", "茂", "キムラ", "シゲル", "090-4444-1234")
    )
    test_vault.close()

    attended = ok_json(cli("attend", booked.receipt_display, "--json"))
    assert isinstance(attended, dict)
    assert (attended["receipt"], attended["status"], attended["date"]) == (
        booked.receipt_display,
        "attended",
        today.isoformat(),
    )
    assert attended["updated_by"] == OPERATOR[0]
    assert_one_line_failure(cli("attend", booked.receipt_display), ExitCode.CONFLICT, "attended")
    assert_one_line_failure(cli("cancel", booked.receipt_display), ExitCode.CONFLICT)


# -- accounts --------------------------------------------------------------------------------


def test_supervisor_adds_an_operator_who_can_log_in(cli: Cli) -> None:
    password = "quiet lantern river 7"
    too_short = cli(
        "account",
        "add",
        "clerk2",
        "--role",
        "operator",
        account=SUPERVISOR,
        RESDESK_NEW_PASSWORD="short",
    )
    assert_one_line_failure(too_short, ExitCode.INVALID_INPUT, "too short")
    assert "short" not in too_short.stderr.replace("too short", "")

    added = cli(
        "account",
        "add",
        "clerk2",
        "--role",
        "operator",
        "--json",
        account=SUPERVISOR,
        RESDESK_NEW_PASSWORD=password,
    )
    assert ok_json(added) == {"name": "clerk2", "role": "operator"}
    assert password not in added.stdout + added.stderr

    duplicate = cli(
        "account",
        "add",
        "clerk2",
        "--role",
        "operator",
        account=SUPERVISOR,
        RESDESK_NEW_PASSWORD=password,
    )
    assert_one_line_failure(duplicate, ExitCode.CONFLICT, "already exists")

    accounts = ok_list(cli("account", "list", "--json", account=SUPERVISOR))
    assert {(a["name"], a["role"], a["must_change_password"]) for a in accounts} == {
        (SUPERVISOR[0], "supervisor", False),
        (OPERATOR[0], "operator", False),
        ("clerk2", "operator", True),
    }

    # The initial password is one-time: every command but 'account passwd' is refused.
    clerk = ("clerk2", password)
    for args in (["slots", "list"], ["check"]):
        refused = cli(*args, account=clerk)
        assert_one_line_failure(refused, ExitCode.AUTHENTICATION, "resdesk account passwd")
    own = "amber kettle morning 42"
    changed = cli("account", "passwd", account=clerk, RESDESK_NEW_PASSWORD=own)
    assert changed.returncode == 0, changed.stderr
    assert own not in changed.stdout + changed.stderr
    assert_one_line_failure(cli("slots", "list", account=clerk), ExitCode.AUTHENTICATION)

    clerk = ("clerk2", own)
    assert ok_list(cli("slots", "list", "--json", account=clerk))
    assert_one_line_failure(cli("account", "list", account=clerk), ExitCode.NOT_PERMITTED)


def test_operator_may_not_manage_accounts(cli: Cli) -> None:
    assert_one_line_failure(cli("account", "list", account=OPERATOR), ExitCode.NOT_PERMITTED)
    json_error(cli("--json", "account", "list", account=OPERATOR), ExitCode.NOT_PERMITTED)
    added = cli(
        "account",
        "add",
        "sneaky",
        "--role",
        "supervisor",
        account=OPERATOR,
        RESDESK_NEW_PASSWORD="a long enough password",
    )
    assert_one_line_failure(added, ExitCode.NOT_PERMITTED)
    names = {a["name"] for a in ok_list(cli("account", "list", "--json", account=SUPERVISOR))}
    assert "sneaky" not in names


# -- check -----------------------------------------------------------------------------------


def test_check_passes_on_a_healthy_vault(cli: Cli) -> None:
    result = cli("check", "--json")
    assert ok_json(result) == {"ok": True, "problems": []}
    plain = cli("check")
    assert plain.returncode == 0
    assert "passed" in plain.stderr
