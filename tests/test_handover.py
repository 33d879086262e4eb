"""The end-of-contract handover package, read back the way the ward will read it.

A real vault with a few dozen reservations in every status at two centers (booked through
the real services), exported through ``HandoverService``; the PDF is opened with pikepdf and
pypdf under the password, the attachments are parsed with Python's csv, the manifest is
checked with coreutils' ``sha256sum -c`` and by recomputing it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import errno
import hashlib
import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from reservations import errors, handover
from reservations.audit import AuditEntry, ChainChecker
from reservations.audit_service import CSV_COLUMNS as AUDIT_COLUMNS
from reservations.audit_service import AuditService
from reservations.booking import BookingService, CallerInput
from reservations.cli import Output
from reservations.cli_handover import add_export_parser, package_password, run_export_command
from reservations.contract import HANDOVER_KEY, Contract, ContractService
from reservations.demo import _FAMILY, _GIVEN
from reservations.domain import JST, CopyKind, CopyStatus, Status
from reservations.fonts import FontCandidate, find_japanese_font
from reservations.handover import (
    PACKAGE_FILES,
    RESERVATION_COLUMNS,
    HandoverResult,
    HandoverService,
)
from reservations.handover_pdf import (
    CUT_FOOTNOTE,
    LINES_PER_PAGE,
    MISSING_FOOTNOTE,
    MISSING_MARK,
    Glyphs,
    LedgerCover,
    LedgerDay,
    LedgerRow,
    count_pages,
    render_ledger,
)
from reservations.register import CSV_COLUMNS as REGISTER_COLUMNS
from reservations.register import RegisterService
from reservations.session import Session
from tests.conftest import BASE_DAY, CENTERS, OPERATOR, SUPERVISOR, TestVault

PASSWORD = "ward-handover-2024-secret"
RARE = "𠮷"  # U+20BB7: not in IPAexGothic, the font this test system embeds
QUOTED_LINE = re.compile(r'^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$')
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@dataclass
class Populated:
    receipts: dict[str, Status]  # display form -> status
    names: dict[str, str]  # display form -> "family given"
    erased: str
    rare: str


def populate(tv: TestVault) -> Populated:
    """36 reservations at both centers on two days in every status, one erased, one 𠮷."""
    chief = tv.session(SUPERVISOR)
    ContractService(chief).set(
        Contract(
            contractor="株式会社テスト受託",
            client="新宿区",
            start=dt.date(2022, 4, 1),
            end=dt.date(2023, 3, 31),
        )
    )
    slots: list[int] = []
    with chief.store.unit_of_work(write=True) as uow:
        for center in uow.list_centers():
            for offset in (2, 3):
                for hour in (13, 14, 15):
                    slots.append(
                        uow.add_slot(
                            center.id,
                            BASE_DAY + dt.timedelta(days=offset),
                            dt.time(hour),
                            dt.time(hour, 30),
                            4,
                        )
                    )
        uow.commit()
    op = tv.session(OPERATOR)
    booking = BookingService(op)
    receipts: dict[str, Status] = {}
    names: dict[str, str] = {}
    for i in range(36):
        family, family_kana = _FAMILY[i % len(_FAMILY)]
        given, given_kana = _GIVEN[i % len(_GIVEN)]
        if i == 7:
            family = f"{RARE}田"
        made = booking.book(
            slots[i % len(slots)],
            CallerInput(family, given, family_kana, given_kana, f"090-1000-{i:04d}"),
        )
        receipts[made.receipt_display] = Status.BOOKED
        names[made.receipt_display] = f"{family} {given}"
    ordered = list(receipts)
    rare = ordered[7]
    for receipt in ordered[0:4]:
        booking.cancel(receipt)
        receipts[receipt] = Status.CANCELLED
    with chief.store.unit_of_work(write=True) as uow:
        for receipt in ordered[4:7]:
            uow.set_status(
                receipt.replace("-", ""), Status.NO_SHOW, None, chief.timestamp(), "chief"
            )
            receipts[receipt] = Status.NO_SHOW
        uow.commit()
    tv.clock.now = dt.datetime.combine(BASE_DAY + dt.timedelta(days=3), dt.time(16), tzinfo=JST)
    for receipt in ordered[8:12]:
        booking.attend(receipt)
        receipts[receipt] = Status.ATTENDED
    erased = ordered[12]
    # The residents' deletion (person.py) leaves exactly this: personal fields NULL, marked.
    vault = tv.vault(SUPERVISOR)
    vault.conn.execute(
        "UPDATE reservations SET family_name = NULL, given_name = NULL, family_kana = NULL, "
        "given_kana = NULL, phone = NULL, note = NULL, redacted_at = ?, redacted_by = 'chief' "
        "WHERE receipt = ?",
        (tv.clock().isoformat(timespec="seconds"), erased.replace("-", "")),
    )
    return Populated(receipts, names, erased, rare)


@pytest.fixture
def populated(test_vault: TestVault) -> Populated:
    return populate(test_vault)


@pytest.fixture
def chief(test_vault: TestVault, populated: Populated) -> Session:
    return test_vault.session(SUPERVISOR)


@pytest.fixture
def package(tmp_path: Path, chief: Session) -> tuple[HandoverResult, Path]:
    # One copy in the register before the handover: it must be in register.csv.
    AuditService(chief).export_csv(tmp_path / "audit-export.csv")
    folder = tmp_path / "handover"
    return HandoverService(chief, fallbacks=()).export(folder, PASSWORD), folder


def open_pdf(folder: Path) -> pikepdf.Pdf:
    return pikepdf.open(folder / "handover.pdf", password=PASSWORD)


def attachment(folder: Path, name: str) -> bytes:
    with open_pdf(folder) as pdf:
        return bytes(pdf.attachments[name].get_file().read_bytes())


def pages_text(folder: Path) -> list[str]:
    reader = PdfReader(folder / "handover.pdf")
    assert reader.is_encrypted
    reader.decrypt(PASSWORD)
    return [page.extract_text() for page in reader.pages]


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "no BOM: Japanese Excel would show mojibake"
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[-1] == "", "the last line must end with CRLF"
    assert "\n" not in text.replace("\r\n", ""), "a bare LF line end"
    for line in lines[:-1]:
        assert QUOTED_LINE.match(line), f"not every field is quoted: {line[:60]}"
    return list(csv.reader(io.StringIO(text, newline="")))


# -- the folder and the PDF -----------------------------------------------------------------


def test_the_folder_holds_exactly_the_three_files(
    package: tuple[HandoverResult, Path], tmp_path: Path
) -> None:
    result, folder = package
    assert sorted(p.name for p in folder.iterdir()) == sorted(PACKAGE_FILES)
    assert result.folder == folder
    # Nothing else was left next to it (no temporary folder, no part file).
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".handover")]


def test_the_pdf_opens_only_with_the_password_and_is_aes_256(
    package: tuple[HandoverResult, Path],
) -> None:
    _result, folder = package
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(folder / "handover.pdf")
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(folder / "handover.pdf", password="not-the-password")
    with open_pdf(folder) as pdf:
        assert pdf.is_encrypted
        assert (pdf.encryption.R, pdf.encryption.bits) == (6, 256)
        assert pdf.encryption.stream_method.name == "aesv3"
        assert sorted(pdf.attachments) == [
            "audit.csv",
            "keys.json",
            "register.csv",
            "reservations.csv",
        ]
    reader = PdfReader(folder / "handover.pdf")
    assert reader.decrypt("not-the-password") == 0


def test_the_ledger_lists_every_reservation_with_names_and_page_numbers(
    package: tuple[HandoverResult, Path], populated: Populated
) -> None:
    result, folder = package
    pages = pages_text(folder)
    assert len(pages) == result.pages >= 2
    for n, text in enumerate(pages, start=1):
        assert f"{n} / {len(pages)}" in text
        assert "作成者 chief" in text
    cover = pages[0]
    for word in ("引継ぎ台帳", "株式会社テスト受託", "新宿区", "2022-04-01", "2023-03-31"):
        assert word in cover
    assert "予約件数 36 件" in cover.replace("\n", " ") or "36 件" in cover
    assert f"取消 {4} 件" in cover and "不来場 3 件" in cover and "来場済 4 件" in cover
    assert result.audit_latest_hash is not None and result.audit_latest_hash in cover
    ledger = "\n".join(pages[1:])
    for receipt, name in populated.names.items():
        assert receipt in ledger
        if receipt not in (populated.erased, populated.rare):
            assert name in ledger, name
    assert CENTERS[0] in ledger and CENTERS[1] in ledger
    # Ordered by center, then date: Okubo (大) sorts before Yotsuya (四) by code point.
    assert ledger.index(min(CENTERS)) < ledger.index(max(CENTERS))
    assert "削除済" in ledger


def test_the_font_is_embedded_truetype(package: tuple[HandoverResult, Path]) -> None:
    _result, folder = package
    with open_pdf(folder) as pdf:
        fonts = set()
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descriptor = font.FontDescriptor if "/FontDescriptor" in font else None
                if descriptor is None:
                    descriptor = font.DescendantFonts[0].FontDescriptor
                assert "/FontFile2" in descriptor
                fonts.add(str(font.BaseFont))
    assert fonts


# -- the attachments ------------------------------------------------------------------------


def test_reservations_csv_holds_every_record_quoted_with_bom_and_crlf(
    package: tuple[HandoverResult, Path], populated: Populated
) -> None:
    _result, folder = package
    rows = csv_rows(attachment(folder, "reservations.csv"))
    assert tuple(rows[0]) == RESERVATION_COLUMNS
    records = {row[0]: dict(zip(RESERVATION_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert set(records) == set(populated.receipts)
    for receipt, status in populated.receipts.items():
        assert records[receipt]["status"] == status.value
    rare = records[populated.rare]
    assert rare["family_name"] == f"{RARE}田"  # the CSV keeps the real text
    assert rare["phone"].startswith("090-1000-")
    erased = records[populated.erased]
    assert erased["erased"] == "yes" and erased["redacted_by"] == "chief"
    assert erased["family_name"] == erased["given_name"] == erased["phone"] == ""
    assert {r["erased"] for k, r in records.items() if k != populated.erased} == {"no"}
    # Ledger order: center, date, start, receipt.
    keys = [(r[1], r[2], r[3], r[0]) for r in rows[1:]]
    assert keys == sorted(keys)


def test_audit_csv_recomputes_to_the_hash_on_the_cover(
    package: tuple[HandoverResult, Path],
) -> None:
    result, folder = package
    rows = csv_rows(attachment(folder, "audit.csv"))
    assert tuple(rows[0]) == AUDIT_COLUMNS
    checker = ChainChecker()
    for row in rows[1:]:
        values = dict(zip(AUDIT_COLUMNS, row, strict=True))
        entry = AuditEntry(
            int(values["seq"]),
            values["time"],
            values["account"],
            values["action"],
            values["target"],
            values["result"],
            values["prev_hash"],
            values["hash"],
            values["signature"],
        )
        assert checker.feed(entry) is None
    assert checker.last is not None
    assert checker.last.hash == result.audit_latest_hash
    assert checker.count == result.audit_entries == len(rows) - 1


def test_register_csv_holds_earlier_copies_but_not_the_handover_itself(
    package: tuple[HandoverResult, Path], chief: Session
) -> None:
    result, folder = package
    rows = csv_rows(attachment(folder, "register.csv"))
    assert tuple(rows[0]) == REGISTER_COLUMNS
    kinds = [row[1] for row in rows[1:]]
    assert kinds == [CopyKind.AUDIT_EXPORT.value]
    assert str(result.copy_id) not in [row[0] for row in rows[1:]]


# -- the manifest and the README ------------------------------------------------------------


def test_sha256sums_checks_with_coreutils_and_by_recomputation(
    package: tuple[HandoverResult, Path],
) -> None:
    result, folder = package
    sums = (folder / "SHA256SUMS").read_bytes()
    lines = sums.decode("ascii").split("\n")
    assert lines[-1] == ""
    listed = {}
    for line in lines[:-1]:
        match = re.fullmatch(r"([0-9a-f]{64})  (\S+)", line)
        assert match, line
        listed[match[2]] = match[1]
    assert sorted(listed) == ["README.txt", "handover.pdf"]
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert result.manifest_sha256 == hashlib.sha256(sums).hexdigest()
    if shutil.which("sha256sum") is None:
        pytest.skip("coreutils' sha256sum is not installed")
    check = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count(": OK") == 2
    # A changed byte is caught.
    pdf = folder / "handover.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    check = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True, text=True, check=False
    )
    assert check.returncode != 0


def test_readme_is_japanese_for_notepad_and_says_how_to_check(
    package: tuple[HandoverResult, Path],
) -> None:
    result, folder = package
    data = (folder / "README.txt").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\n" not in text.replace("\r\n", "")
    for words in (
        "36 件",
        "sha256sum -c SHA256SUMS",
        "Get-FileHash -Algorithm SHA256 handover.pdf",
        "添付ファイル",
        "パスワード",
        "prev_hash",
        str(result.audit_latest_hash),
        "handover-export",
    ):
        assert words in text, words


# -- the register, the audit and the vault's handover mark -----------------------------------


def test_the_package_is_registered_audited_and_marked(
    package: tuple[HandoverResult, Path], chief: Session, populated: Populated
) -> None:
    result, folder = package
    copies = RegisterService(chief).list()
    (entry,) = [c for c in copies if c.kind is CopyKind.HANDOVER]
    assert entry.id == result.copy_id
    assert entry.sha256 == result.manifest_sha256
    assert Path(entry.path) == folder.resolve()
    assert entry.people == len(populated.receipts) - 1  # the erased one holds no one
    with chief.store.unit_of_work(write=False) as uow:
        mark = uow.get_meta(HANDOVER_KEY)
    entries = list(AuditService(chief).iter_entries())
    assert mark is not None
    at, copy, digest = mark.split(" ")
    assert (copy, digest) == (f"#{result.copy_id}", result.manifest_sha256)
    assert dt.datetime.fromisoformat(at).tzinfo is not None
    (audit,) = [e for e in entries if e.action == "handover-export"]
    assert audit.target == f"#{result.copy_id}"
    assert "36 reservations" in audit.result
    for name in populated.names.values():
        for part in name.split():
            assert all(part not in text for text in (audit.target, audit.result))


# -- refusals ---------------------------------------------------------------------------------


def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path, chief: Session) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    with pytest.raises(errors.Conflict, match="not empty"):
        HandoverService(chief).export(folder, PASSWORD)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert not [c for c in RegisterService(chief).list() if c.kind is CopyKind.HANDOVER]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".taken")]


def test_a_failure_while_writing_leaves_nothing(
    tmp_path: Path, chief: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(handover, "_assemble", disk_full)
    with pytest.raises(errors.DiskFull):
        HandoverService(chief).export(tmp_path / "h", PASSWORD)
    assert not (tmp_path / "h").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".h.")]
    assert not [c for c in RegisterService(chief).list() if c.kind is CopyKind.HANDOVER]
    with chief.store.unit_of_work(write=False) as uow:
        assert uow.get_meta(HANDOVER_KEY) is None


def test_a_package_that_cannot_be_put_in_place_is_withdrawn(
    tmp_path: Path, chief: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def taken(_work: Path, out_dir: Path) -> None:
        raise errors.Conflict(f"The folder {out_dir} is not empty; give a new or empty folder.")

    monkeypatch.setattr(handover, "_publish", taken)
    with pytest.raises(errors.Conflict):
        HandoverService(chief, fallbacks=()).export(tmp_path / "h", PASSWORD)
    assert not (tmp_path / "h").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".h.")]
    (entry,) = [c for c in RegisterService(chief).list() if c.kind is CopyKind.HANDOVER]
    assert entry.status is CopyStatus.DESTROYED
    with chief.store.unit_of_work(write=False) as uow:
        assert not uow.get_meta(HANDOVER_KEY)  # the erasure sees no handover


def test_an_empty_existing_folder_is_used(tmp_path: Path, chief: Session) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    HandoverService(chief, fallbacks=()).export(folder, PASSWORD)
    assert sorted(p.name for p in folder.iterdir()) == sorted(PACKAGE_FILES)


def test_an_operator_may_not_export(tmp_path: Path, test_vault: TestVault) -> None:
    with pytest.raises(errors.NotPermitted):
        HandoverService(test_vault.session(OPERATOR)).export(tmp_path / "h", PASSWORD)
    assert not (tmp_path / "h").exists()


@pytest.mark.parametrize("password", ["", "   ", "short", "password123"])
def test_an_empty_or_weak_password_is_refused(
    tmp_path: Path, test_vault: TestVault, password: str
) -> None:
    chief = test_vault.session(SUPERVISOR)
    with pytest.raises(errors.InvalidInput) as caught:
        HandoverService(chief).export(tmp_path / "h", password)
    assert caught.value.message.count(".") == 1  # one sentence
    assert not (tmp_path / "h").exists()


# -- glyphs the font lacks --------------------------------------------------------------------


def test_a_character_the_font_lacks_is_marked_not_dropped(
    package: tuple[HandoverResult, Path], populated: Populated
) -> None:
    _result, folder = package
    font = find_japanese_font()
    assert not Glyphs(font, ()).covers(RARE), "the test needs a font without 𠮷"
    pages = pages_text(folder)
    (page,) = [p for p in pages[1:] if populated.rare in p]
    assert f"{MISSING_MARK}田" in page
    assert MISSING_FOOTNOTE.split("。")[0] in page.replace("\n", "")
    # Only the page with the mark carries the footnote.
    assert sum(MISSING_FOOTNOTE.split("：")[0] + "：" in p for p in pages) == 1


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans is not installed")
def test_a_fallback_font_draws_a_character_the_main_font_lacks(tmp_path: Path) -> None:
    font = find_japanese_font()
    georgian = "ა"  # in DejaVu Sans, not in the Japanese fonts
    assert not Glyphs(font, ()).covers(georgian)
    glyphs = Glyphs(font, (FontCandidate(DEJAVU),))
    runs, marked = glyphs.runs(f"山{georgian}田")
    assert not marked
    assert [f for f, _t in runs][0] == font.name and len(runs) == 3
    day = LedgerDay("四谷地域センター", dt.date(2023, 1, 10), 1)
    # The fallback character ends the name: the kana after it must be back in the main font.
    row = LedgerRow(
        day.center, day.date, "1234-5678", "10:00–10:30", f"山田 太{georgian}", "ヤマダ タロウ",
        "090-1234-5678", Status.BOOKED,
    )  # fmt: skip
    parts = render_ledger(
        lambda _i: io.BytesIO(), _cover(1), [day], [row], font,
        fallbacks=(FontCandidate(DEJAVU),),
    )  # fmt: skip
    (part,) = parts.files
    text = "".join(p.extract_text() for p in PdfReader(part).pages)
    assert f"山田 太{georgian}" in text and MISSING_MARK not in text
    assert "ヤマダ タロウ" in text and "090-1234-5678" in text


def test_a_name_too_long_for_its_column_is_shrunk_then_cut_with_a_footnote(
    tmp_path: Path,
) -> None:
    day = LedgerDay("四谷地域センター", dt.date(2023, 1, 10), 2)
    fits = "長谷川 久美子" * 2  # shrunk and narrowed, but whole
    too_long = "寿限無寿限無五劫の擦り切れ海砂利水魚の水行末雲来末風来末 食う寝る処に住む処"
    rows = [
        LedgerRow(
            day.center,
            day.date,
            f"1234-567{i}",
            "10:00–10:30",
            name,
            "ヤマダ タロウ",
            "090-1234-5678",
            Status.BOOKED,
        )  # fmt: skip
        for i, name in enumerate((fits, too_long))
    ]
    parts = render_ledger(lambda _i: io.BytesIO(), _cover(2), [day], rows, find_japanese_font())
    (page,) = [p.extract_text() for p in PdfReader(parts.files[0]).pages][1:]
    assert fits in page
    assert too_long not in page and too_long[:8] in page and "…" in page
    assert CUT_FOOTNOTE.split("。")[0] in page.replace("\n", "")


# -- layout -----------------------------------------------------------------------------------


def _cover(n: int) -> LedgerCover:
    return LedgerCover(
        contractor="受託",
        client="区",
        period="",
        generated_at=dt.datetime(2023, 3, 31, 17, 0, tzinfo=JST),
        account="chief",
        reservations=n,
        by_status={Status.BOOKED: n},
        erased=0,
        audit_entries=0,
        audit_latest_seq=None,
        audit_latest_time=None,
        audit_latest_hash=None,
    )


def _rows(days: list[LedgerDay]) -> Iterator[LedgerRow]:
    serial = 0
    for day in days:
        for _ in range(day.count):
            serial += 1
            yield LedgerRow(
                day.center, day.date, f"{serial:04d}-0000", "10:00–10:30", "山田 太郎",
                "ヤマダ タロウ", "090-1234-5678", Status.BOOKED,
            )  # fmt: skip


def test_pages_are_counted_before_drawing_and_parts_join_in_order(tmp_path: Path) -> None:
    center = "四谷地域センター"
    days = [
        # Page 2: heading (3 lines) and L - 3 rows fill it exactly.
        LedgerDay(center, dt.date(2023, 1, 10), LINES_PER_PAGE - 3),
        # Page 3: this day (4 lines), then the next day's heading and its first L - 7 rows.
        LedgerDay(center, dt.date(2023, 1, 11), 1),
        # Page 4: its heading again and L - 3 rows; page 5: the last 10 rows...
        LedgerDay(center, dt.date(2023, 1, 12), 2 * LINES_PER_PAGE),
        # ... and this whole day below them.
        LedgerDay("大久保地域センター", dt.date(2023, 1, 10), 5),
    ]
    expected = count_pages(days)
    assert expected == 5
    parts = render_ledger(
        lambda _i: io.BytesIO(), _cover(sum(d.count for d in days)), days,
        _rows(days), find_japanese_font(), fallbacks=(), pages_per_part=2,
    )  # fmt: skip
    assert parts.pages == expected and len(parts.files) == 3
    numbers = [
        re.search(r"(\d+) / (\d+)", page.extract_text())
        for part in parts.files
        for page in PdfReader(part).pages
    ]
    assert [(int(m[1]), int(m[2])) for m in numbers if m] == [
        (n, expected) for n in range(1, expected + 1)
    ]


def test_rows_that_do_not_match_the_counted_days_are_a_bug(tmp_path: Path) -> None:
    days = [LedgerDay("四谷地域センター", dt.date(2023, 1, 10), 3)]
    short = list(_rows(days))[:2]
    with pytest.raises(ValueError, match="do not match"):
        render_ledger(lambda _i: io.BytesIO(), _cover(3), days, short, find_japanese_font())


# -- the command ------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="resdesk")
    add_export_parser(parser.add_subparsers(dest="command"), argparse.ArgumentParser)
    return parser


def test_the_command_writes_the_package_and_reports_json(
    tmp_path: Path, test_vault: TestVault, populated: Populated, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RESDESK_USER", SUPERVISOR[0])
    monkeypatch.setenv("RESDESK_PASSWORD", SUPERVISOR[1])
    monkeypatch.setenv("RESDESK_EXPORT_PASSWORD", PASSWORD)
    args = _parser().parse_args(["export", "handover", "--out", str(tmp_path / "pkg")])
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run_export_command(args, test_vault.path, Output(True, stdout, stderr))
    assert code == 0
    data = json.loads(stdout.getvalue())
    assert data["reservations"] == 36 and data["folder"] == str(tmp_path / "pkg")
    assert len(data["manifest_sha256"]) == 64
    assert "separately" in stderr.getvalue()
    assert sorted(p.name for p in (tmp_path / "pkg").iterdir()) == sorted(PACKAGE_FILES)


def test_the_command_refuses_a_weak_password_before_the_login(
    tmp_path: Path, test_vault: TestVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RESDESK_PASSWORD", raising=False)  # a login would fail: none happens
    monkeypatch.setenv("RESDESK_EXPORT_PASSWORD", "short")
    args = _parser().parse_args(["export", "handover", "--out", str(tmp_path / "pkg")])
    with pytest.raises(errors.InvalidInput, match="too short"):
        run_export_command(args, test_vault.path, Output(False, io.StringIO(), io.StringIO()))


def test_the_prompt_asks_twice_and_refuses_a_mismatch() -> None:
    answers = iter(["first-password-1", "other-password-2"])
    with pytest.raises(errors.InvalidInput, match="differ"):
        package_password({}, ask=lambda _label: next(answers), interactive=True)
    answers = iter([PASSWORD, PASSWORD])
    assert package_password({}, ask=lambda _label: next(answers), interactive=True) == PASSWORD
    with pytest.raises(errors.UsageError, match="RESDESK_EXPORT_PASSWORD"):
        package_password({}, interactive=False)
    assert package_password({"RESDESK_EXPORT_PASSWORD": "x" * 12}) == "x" * 12
