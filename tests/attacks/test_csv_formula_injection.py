"""Formula injection: what an operator types reaches the ward's Excel as text, never a formula.

An operator books residents whose name, note and cancellation reason begin with ``=``, ``-``,
``+`` and ``@`` (an operator really booked ``=HYPERLINK(...)``), a supervisor names a center
``@会場``, closes its day for "+停電のため" and closes a copy in the register with a formula as
its note.  Then every CSV file the desk writes is produced through the real services (the
handover package, read back from its encrypted PDF as the ward does; the audit export; the
call-back list; the statistics) and every cell is checked: no cell begins with a character
Excel would run, the planted ones carry the leading apostrophe, and the audit chain still
recomputes to the hash on the cover once that apostrophe is taken off, as README.txt says.
(Leading tabs and carriage returns never get this far: normalization strips them; the unit
tests in ``tests/test_spreadsheet_csv.py`` cover them.)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from reservations.audit import AuditEntry, ChainChecker
from reservations.audit_service import CSV_COLUMNS as AUDIT_COLUMNS
from reservations.audit_service import AuditService
from reservations.booking import BookingService, CallerInput
from reservations.domain import CopyStatus
from reservations.handover import RESERVATION_COLUMNS, HandoverResult, HandoverService
from reservations.register import CSV_COLUMNS as REGISTER_COLUMNS
from reservations.register import RegisterService
from reservations.slot_planning import SlotPlanningService
from reservations.spreadsheet_csv import FORMULA_TRIGGERS, restore_cell
from reservations.statistics import Grouping, StatisticsService
from reservations.verification import VerificationService
from tests.conftest import BASE_DAY, OPERATOR, SUPERVISOR, TestVault

PASSWORD = "ward-handover-2024-secret"
HYPERLINK = '=HYPERLINK("http://x","y")'
CALC = "+cmd|' /C calc'!A0"
CENTER = "@会場"
CLOSURE_REASON = "+停電のため"


@dataclass
class Planted:
    hyperlink: str  # receipt (display form): family name and note are HYPERLINK
    cancelled: str  # family name "-佐藤", note "-2+3", cancel reason CALC
    at_center: str  # family name "@鈴木", booked at CENTER, to be called back
    audit_copy: int  # the audit export closed in the register with HYPERLINK as its note


@pytest.fixture
def planted(test_vault: TestVault, tmp_path: Path) -> Planted:
    chief = test_vault.session(SUPERVISOR)
    planning = SlotPlanningService(chief)
    center = planning.add_center(CENTER)
    with chief.store.unit_of_work(write=True) as uow:
        slot = uow.add_slot(center.id, BASE_DAY, dt.time(13), dt.time(13, 30), 4)
        uow.commit()

    booking = BookingService(test_vault.session(OPERATOR))
    hyperlink = booking.book(
        test_vault.slot_ids["a0-1000"],
        CallerInput(HYPERLINK, "太郎", "ヤマダ", "タロウ", "090-1234-5678"),
        note=HYPERLINK,
    )
    cancelled = booking.book(
        slot, CallerInput("-佐藤", "花子", "サトウ", "ハナコ", "090-2345-6789"), note="-2+3"
    )
    booking.cancel(cancelled.receipt_display, reason=CALC)
    at_center = booking.book(
        slot, CallerInput("@鈴木", "一郎", "スズキ", "イチロウ", "03-3456-7890")
    )
    # The receptionist checks the number at the door: the audit target begins with the center.
    VerificationService(test_vault.session(OPERATOR)).check_receipt(
        center.id, BASE_DAY, at_center.receipt_display
    )

    AuditService(chief).export_csv(tmp_path / "audit-export.csv")
    (copy,) = RegisterService(chief).list()
    RegisterService(chief).close(copy.id, CopyStatus.DESTROYED, HYPERLINK)
    return Planted(
        hyperlink.receipt_display, cancelled.receipt_display, at_center.receipt_display, copy.id
    )


@pytest.fixture
def package(test_vault: TestVault, planted: Planted, tmp_path: Path) -> tuple[HandoverResult, Path]:
    folder = tmp_path / "handover"
    chief = test_vault.session(SUPERVISOR)
    return HandoverService(chief, fallbacks=()).export(folder, PASSWORD), folder


def attachment(folder: Path, name: str) -> bytes:
    with pikepdf.open(folder / "handover.pdf", password=PASSWORD) as pdf:
        return bytes(pdf.attachments[name].get_file().read_bytes())


def read_csv(data: bytes) -> list[list[str]]:
    """The rows as Excel reads them, after checking that not one cell would run as a formula."""
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    live = [cell for row in rows for cell in row if cell.startswith(FORMULA_TRIGGERS)]
    assert live == [], "a cell Excel would run as a formula"
    return rows


def records(rows: list[list[str]], columns: tuple[str, ...]) -> list[dict[str, str]]:
    assert tuple(rows[0]) == columns
    return [dict(zip(columns, row, strict=True)) for row in rows[1:]]


def recompute_chain(rows: list[dict[str, str]]) -> ChainChecker:
    """README.txt section 4: take the apostrophe off, then recompute every hash."""
    checker = ChainChecker()
    for raw in rows:
        row = {name: restore_cell(value) for name, value in raw.items()}
        entry = AuditEntry(
            int(row["seq"]),
            row["time"],
            row["account"],
            row["action"],
            row["target"],
            row["result"],
            row["prev_hash"],
            row["hash"],
            row.get("signature", ""),
        )
        assert checker.feed(entry) is None
    return checker


def test_reservations_csv_in_the_handover_shows_typed_formulas_as_text(
    package: tuple[HandoverResult, Path], planted: Planted
) -> None:
    _result, folder = package
    by_receipt = {
        r["receipt"]: r
        for r in records(read_csv(attachment(folder, "reservations.csv")), RESERVATION_COLUMNS)
    }
    hyperlink = by_receipt[planted.hyperlink]
    assert hyperlink["family_name"] == "'" + HYPERLINK == '\'=HYPERLINK("http://x","y")'
    assert hyperlink["note"] == "'" + HYPERLINK
    assert hyperlink["given_name"] == "太郎" and hyperlink["phone"] == "090-1234-5678"
    cancelled = by_receipt[planted.cancelled]
    assert (cancelled["family_name"], cancelled["note"]) == ("'-佐藤", "'-2+3")
    assert cancelled["cancel_reason"] == "'" + CALC
    at_center = by_receipt[planted.at_center]
    assert (at_center["center"], at_center["family_name"]) == ("'" + CENTER, "'@鈴木")


def test_audit_csv_in_the_handover_is_text_and_its_chain_still_recomputes(
    package: tuple[HandoverResult, Path], planted: Planted
) -> None:
    result, folder = package
    rows = records(read_csv(attachment(folder, "audit.csv")), AUDIT_COLUMNS)
    targets = [r["target"] for r in rows if r["action"] == "verify-receipt"]
    assert targets == [f"'{CENTER} {BASE_DAY.isoformat()} {planted.at_center}"]
    checker = recompute_chain(rows)
    assert checker.last is not None and checker.last.hash == result.audit_latest_hash


def test_register_csv_in_the_handover_shows_a_typed_note_as_text(
    package: tuple[HandoverResult, Path], planted: Planted
) -> None:
    _result, folder = package
    rows = records(read_csv(attachment(folder, "register.csv")), REGISTER_COLUMNS)
    (closed,) = [r for r in rows if r["id"] == str(planted.audit_copy)]
    assert closed["note"] == "'" + HYPERLINK


def test_the_readme_says_why_a_cell_begins_with_an_apostrophe(
    package: tuple[HandoverResult, Path],
) -> None:
    _result, folder = package
    readme = (folder / "README.txt").read_text(encoding="utf-8-sig")
    assert "= + - @ で始まる項目" in readme
    assert "先頭に ' を付けて" in readme
    assert "先頭の ' を1つ除いた値で計算" in readme


def test_the_audit_export_is_text_and_its_chain_still_recomputes(
    test_vault: TestVault, planted: Planted, tmp_path: Path
) -> None:
    out = tmp_path / "audit.csv"
    result = AuditService(test_vault.session(SUPERVISOR)).export_csv(out)
    rows = records(read_csv(out.read_bytes()), AUDIT_COLUMNS)
    assert f"'{CENTER} {BASE_DAY.isoformat()} {planted.at_center}" in [r["target"] for r in rows]
    checker = recompute_chain(rows)
    assert result.latest is not None and checker.last == result.latest


def test_the_call_back_list_shows_names_center_and_reason_as_text(
    test_vault: TestVault, planted: Planted, tmp_path: Path
) -> None:
    planning = SlotPlanningService(test_vault.session(SUPERVISOR))
    closure = planning.close(CENTER, BASE_DAY, CLOSURE_REASON)
    out = tmp_path / "callbacks.csv"
    assert planning.write_callback_list(closure.callbacks, out) == 1
    rows = read_csv(out.read_bytes())
    assert rows[1][1:6] == [
        planted.at_center,
        "'@鈴木 一郎",
        "スズキ イチロウ",
        "03-3456-7890",
        "'@会場",
    ]
    assert rows[1][9] == "'" + CLOSURE_REASON


def test_the_statistics_per_center_show_a_center_name_as_text(
    test_vault: TestVault, planted: Planted, tmp_path: Path
) -> None:
    out = tmp_path / "stats.csv"
    StatisticsService(test_vault.session(SUPERVISOR)).export_csv(
        out, BASE_DAY, BASE_DAY, by=Grouping.CENTER
    )
    keys = [row[0] for row in read_csv(out.read_bytes())[1:]]
    assert "'" + CENTER in keys
