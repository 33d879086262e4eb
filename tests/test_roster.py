"""The numbers-only day roster: what it shows, what it must never show, and the PDF itself.

Bookings go in through the real services on a real vault; the PDF is read back with pypdf,
so the checks are on what a printer (or anyone who copies the file) gets.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, PdfObject

from reservations import errors, fonts
from reservations.booking import BookingService, CallerInput
from reservations.domain import JST, Reservation, Status
from reservations.errors import ExitCode
from reservations.fonts import FONT_ENV, FontCandidate, find_japanese_font
from reservations.normalize import format_phone_national
from reservations.receipt import format_receipt, receipt_from_payload
from reservations.roster import (
    NO_BOOKINGS,
    TITLE,
    Roster,
    RosterEntry,
    RosterService,
    RosterSlot,
    japanese_date,
    render_roster_pdf,
)
from reservations.session import Session
from reservations.store import NewReservation
from tests.conftest import (
    BASE_DAY,
    CENTERS,
    OPERATOR,
    CliResult,
    FakeClock,
    TestVault,
    assert_fails,
)

YOTSUYA, OKUBO = CENTERS
CALLERS = (
    CallerInput("山田", "太郎", "ヤマダ", "タロウ", "090-1234-5678"),
    CallerInput("鈴木", "花子", "スズキ", "ハナコ", "03-3209-1111"),
    CallerInput("佐藤", "一郎", "サトウ", "イチロウ", "080-2222-3333"),
    CallerInput("高橋", "美咲", "タカハシ", "ミサキ", "070-4444-5555"),
    CallerInput("田中", "次郎", "タナカ", "ジロウ", "090-6666-7777"),
)
Cli = Callable[..., CliResult]


@dataclass
class BookedDay:
    """Yotsuya on BASE_DAY: two booked at 10:00, one attended at 10:30, one cancelled."""

    shown: list[Reservation]
    attended: Reservation
    cancelled: Reservation
    elsewhere: Reservation  # Okubo, same day
    everyone: list[Reservation]


@pytest.fixture
def booked_day(test_vault: TestVault, operator: Session, clock: FakeClock) -> BookedDay:
    service = BookingService(operator)
    first = service.book(test_vault.slot_ids["a0-1000"], CALLERS[0])
    second = service.book(test_vault.slot_ids["a0-1000"], CALLERS[1])
    third = service.book(test_vault.slot_ids["a0-1030"], CALLERS[2])
    fourth = service.book(test_vault.slot_ids["a0-1030"], CALLERS[3])
    elsewhere = service.book(test_vault.slot_ids["b0-1000"], CALLERS[4])
    cancelled = service.cancel(fourth.receipt, "caller asked")
    # Attending is possible only on the day itself.
    clock.now = dt.datetime.combine(BASE_DAY, dt.time(10, 40), tzinfo=JST)
    attended = service.attend(third.receipt)
    return BookedDay(
        shown=[first, second, attended],
        attended=attended,
        cancelled=cancelled,
        elsewhere=elsewhere,
        everyone=[first, second, attended, cancelled, elsewhere],
    )


def personal_data(r: Reservation) -> list[str]:
    """Every way a booking's person could show up in text."""
    assert r.family_name and r.given_name and r.family_kana and r.given_kana and r.phone
    national = format_phone_national(r.phone)
    return [
        r.family_name,
        r.given_name,
        r.family_kana,
        r.given_kana,
        national,
        national.replace("-", ""),
        r.phone,
        r.phone.removeprefix("+81"),
    ]


def pages_text(pdf: Path | bytes) -> list[str]:
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    return [page.extract_text() for page in PdfReader(source).pages]


def as_dict(value: object) -> DictionaryObject:
    resolved = value.get_object() if isinstance(value, PdfObject) else value
    assert isinstance(resolved, DictionaryObject), resolved
    return resolved


def page_fonts(reader: PdfReader) -> Iterator[DictionaryObject]:
    """Every font a page draws with (descendants of composite fonts included)."""
    for page in reader.pages:
        for ref in as_dict(as_dict(page["/Resources"])["/Font"]).values():
            font = as_dict(ref)
            if str(font["/Subtype"]) == "/Type0":
                descendants = font["/DescendantFonts"]
                assert isinstance(descendants, ArrayObject)
                yield from (as_dict(d) for d in descendants)
            else:
                yield font


def roster_audit(session: Session) -> list[tuple[str, str]]:
    with session.store.unit_of_work(write=False) as uow:
        return [(e.account, e.target) for e in uow.audit_entries() if e.action == "roster"]


def write(session: Session, center: str, day: dt.date, out: Path) -> tuple[Roster, int]:
    service = RosterService(session)
    roster = service.day_roster(center, day)
    return roster, service.write_pdf(roster, out)


# -- what it shows ----------------------------------------------------------------------------


def test_roster_shows_the_days_numbers_and_no_personal_data(
    tmp_path: Path, operator: Session, booked_day: BookedDay
) -> None:
    roster, pages = write(operator, YOTSUYA, BASE_DAY, tmp_path / "roster.pdf")
    assert pages == 1
    assert roster.center == YOTSUYA and roster.day == BASE_DAY
    assert [(s.label, [e.receipt for e in s.entries]) for s in roster.slots] == [
        ("10:00–10:30", sorted(r.receipt_display for r in booked_day.shown[:2])),
        ("10:30–11:00", [booked_day.attended.receipt_display]),
    ]  # the closed 11:00 slot without bookings is left out
    assert roster.slots[1].entries[0].status is Status.ATTENDED

    (text,) = pages_text(tmp_path / "roster.pdf")
    for heading in (TITLE, "受付番号", YOTSUYA, japanese_date(BASE_DAY), "10:00–10:30"):
        assert heading in text
    for r in booked_day.shown:
        assert r.receipt_display in text
    assert "うち来場済 1 件" in text
    assert booked_day.cancelled.receipt_display not in text
    assert booked_day.elsewhere.receipt_display not in text
    assert "個人情報" in text and "返却" in text and "裁断" in text
    assert f"作成者 {OPERATOR[0]}" in text and "1 / 1" in text
    # The chain's head on paper: one more copy kept off the PC (issue 12).
    assert roster.audit_head is not None
    seq, head_hash = roster.audit_head
    assert f"操作ログ 記録{seq} {head_hash[:16]}" in text
    metadata = " ".join(
        str(v) for v in (PdfReader(tmp_path / "roster.pdf").metadata or {}).values()
    )
    for r in booked_day.everyone:
        for value in personal_data(r):
            assert value not in text, value
            assert value not in metadata, value


def test_japanese_date_has_the_weekday() -> None:
    assert japanese_date(dt.date(2022, 12, 19)) == "2022年12月19日（月）"
    assert japanese_date(dt.date(2023, 2, 26)) == "2023年2月26日（日）"


def test_the_audit_names_center_day_and_count_only(
    operator: Session, booked_day: BookedDay
) -> None:
    RosterService(operator).day_roster(YOTSUYA, BASE_DAY)
    entries = roster_audit(operator)
    assert entries == [(OPERATOR[0], f"center {YOTSUYA} {BASE_DAY.isoformat()} 3 receipts")]
    for r in booked_day.everyone:
        for value in personal_data(r):
            assert value not in entries[0][1]


def test_the_font_is_embedded_and_no_other_font_is_used(
    tmp_path: Path, operator: Session, booked_day: BookedDay
) -> None:
    write(operator, YOTSUYA, BASE_DAY, tmp_path / "roster.pdf")
    used = list(page_fonts(PdfReader(tmp_path / "roster.pdf")))
    assert used
    for font in used:
        assert "/FontDescriptor" in font, f"{font['/BaseFont']} is not embedded"
        descriptor = as_dict(font["/FontDescriptor"])
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded TrueType"
        assert "/ToUnicode" in font  # so the text can be searched and copied exactly


def test_an_empty_day_gives_one_page_saying_so(
    tmp_path: Path, operator: Session, booked_day: BookedDay
) -> None:
    no_slots = BASE_DAY + dt.timedelta(days=5)
    for center, day in ((YOTSUYA, no_slots), (OKUBO, BASE_DAY + dt.timedelta(days=1))):
        out = tmp_path / f"{center}-{day}.pdf"
        roster, pages = write(operator, center, day, out)
        assert (roster.receipts, pages) == (0, 1)
        (text,) = pages_text(out)
        assert NO_BOOKINGS in text and japanese_date(day) in text and center in text


def test_a_long_day_is_numbered_n_of_n_and_fast(
    tmp_path: Path, test_vault: TestVault, operator: Session
) -> None:
    with operator.store.unit_of_work(write=True) as uow:
        center = uow.center_by_name(YOTSUYA)
        assert center is not None
        slot = uow.add_slot(center.id, BASE_DAY, dt.time(13, 0), dt.time(16, 0), 300)
        rows = [
            NewReservation(
                receipt=receipt_from_payload(1_000_000 + 7 * i),
                slot_id=slot,
                family_name="試験",
                given_name=f"太郎{i}",
                family_kana="シケン",
                given_kana="タロウ",
                phone=f"+8190{i:08d}",
                note=None,
                created_at=operator.timestamp(),
                created_by=OPERATOR[0],
            )
            for i in range(200)
        ]
        uow.add_reservations_bulk(rows, Status.BOOKED)
        uow.commit()

    started = time.perf_counter()
    roster, pages = write(operator, YOTSUYA, BASE_DAY, tmp_path / "long.pdf")
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{elapsed:.2f} s for 200 bookings"

    assert roster.receipts == 200 and pages > 1
    texts = pages_text(tmp_path / "long.pdf")
    assert len(texts) == pages
    for number, text in enumerate(texts, start=1):
        marks = [f"{n} / {pages}" for n in range(1, pages + 1)]
        assert [m for m in marks if m in text] == [f"{number} / {pages}"]
        assert "13:00–16:00" in text  # a slot that runs on repeats its heading
        assert japanese_date(BASE_DAY) in text
    everything = "".join(texts)
    for row in rows:
        assert format_receipt(row.receipt) in everything
    assert "太郎" not in everything and "シケン" not in everything


def test_unknown_center_lists_the_known_ones_and_ids_work(
    operator: Session, booked_day: BookedDay
) -> None:
    service = RosterService(operator)
    with pytest.raises(errors.InvalidInput) as unknown:
        service.day_roster("新宿地域センター", BASE_DAY)
    assert YOTSUYA in str(unknown.value) and OKUBO in str(unknown.value)
    with pytest.raises(errors.InvalidInput):
        service.day_roster(999, BASE_DAY)
    with operator.store.unit_of_work(write=False) as uow:
        center = uow.center_by_name(YOTSUYA)
    assert center is not None
    assert service.day_roster(center.id, BASE_DAY).receipts == 3
    assert len(roster_audit(operator)) == 1  # refused requests read nothing


def test_render_is_pure_and_converts_the_time_to_japan_time() -> None:
    roster = Roster(
        "落合第一特別出張所・地域センター",
        dt.date(2022, 12, 19),
        (
            RosterSlot(dt.time(10), dt.time(10, 30), (RosterEntry("1234-5674", Status.BOOKED),)),
            RosterSlot(dt.time(10, 30), dt.time(11), ()),
        ),
    )
    out = io.BytesIO()
    generated = dt.datetime(2022, 12, 16, 8, 5, tzinfo=dt.UTC)
    assert render_roster_pdf(roster, out, generated, "chief", find_japanese_font()) == 1
    (text,) = pages_text(out.getvalue())
    assert "2022年12月16日 17:05（日本時間）" in text and "作成者 chief" in text
    assert "1234-5674" in text and "予約なし" in text


# -- the file ---------------------------------------------------------------------------------


def test_write_pdf_is_atomic_and_refuses_to_overwrite(
    tmp_path: Path, operator: Session, booked_day: BookedDay
) -> None:
    service = RosterService(operator)
    roster = service.day_roster(YOTSUYA, BASE_DAY)
    out = tmp_path / "roster.pdf"
    out.write_bytes(b"earlier")
    with pytest.raises(errors.Conflict, match="already exists"):
        service.write_pdf(roster, out)
    assert out.read_bytes() == b"earlier"
    assert service.write_pdf(roster, out, overwrite=True) == 1
    assert out.read_bytes().startswith(b"%PDF-")

    with pytest.raises(errors.NotFound, match="does not exist"):
        service.write_pdf(roster, tmp_path / "missing" / "roster.pdf")
    with pytest.raises(errors.InvalidInput, match="is a folder"):
        service.write_pdf(roster, tmp_path)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".resdesk-")]


def test_write_pdf_reports_a_full_disk_and_a_locked_folder_in_one_sentence(
    tmp_path: Path, operator: Session, booked_day: BookedDay, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = RosterService(operator)
    roster = service.day_roster(YOTSUYA, BASE_DAY)
    folder = tmp_path / "out"
    folder.mkdir()

    def disk_full(fd: int) -> NoReturn:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, "fsync", disk_full)
        with pytest.raises(errors.DiskFull) as full:
            service.write_pdf(roster, folder / "roster.pdf")
    assert "\n" not in str(full.value) and "full" in str(full.value)

    def denied(*args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError(errno.EACCES, "Permission denied")

    with monkeypatch.context() as m:
        m.setattr(tempfile, "mkstemp", denied)
        with pytest.raises(errors.StorageError, match="cannot be written"):
            service.write_pdf(roster, folder / "roster.pdf")
    assert list(folder.iterdir()) == []  # no half-written file, no temporary left behind


# -- the font ---------------------------------------------------------------------------------


def test_no_japanese_font_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FONT_ENV, raising=False)
    monkeypatch.setattr(fonts, "LINUX_CANDIDATES", (FontCandidate(tmp_path / "none.ttf"),))
    monkeypatch.setattr(fonts, "WINDOWS_FONT_FILES", (("none.ttc", 0),))
    with pytest.raises(errors.StorageError) as missing:
        find_japanese_font()
    message = str(missing.value)
    assert message == fonts.NO_FONT_MESSAGE
    assert "fonts-ipaexfont-gothic" in message and FONT_ENV in message


def test_unusable_fonts_are_skipped_never_used(tmp_path: Path) -> None:
    real = find_japanese_font(environ={})
    garbage = tmp_path / "garbage.ttf"
    garbage.write_bytes(b"not a font at all" * 100)
    latin_only = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # no kana
    cff = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # not embeddable
    unusable = [FontCandidate(tmp_path / "none.ttf"), FontCandidate(garbage)]
    unusable += [FontCandidate(p) for p in (latin_only, cff) if p.exists()]
    chosen = find_japanese_font([*unusable, FontCandidate(real.path, real.subfont_index)], {})
    assert chosen == real
    with pytest.raises(errors.StorageError):
        find_japanese_font(unusable, environ={})


def test_the_environment_override_must_work_when_set(tmp_path: Path) -> None:
    real = find_japanese_font(environ={})
    assert find_japanese_font([], {FONT_ENV: str(real.path)}).path == real.path
    garbage = tmp_path / "garbage.ttf"
    garbage.write_bytes(b"\0" * 1000)
    for value in (str(garbage), str(tmp_path / "none.ttf")):
        with pytest.raises(errors.StorageError) as bad:
            find_japanese_font(None, {FONT_ENV: value})
        assert FONT_ENV in str(bad.value) and "\n" not in str(bad.value)


def test_windows_candidates_are_documented_fonts_in_the_fonts_folders() -> None:
    names = [
        (c.path.name, c.subfont_index)
        for c in fonts.system_candidates("win32", {"WINDIR": "C:\\Windows"})
    ]
    assert names[:4] == [
        ("BIZ-UDGothicR.ttc", 0),
        ("meiryo.ttc", 0),
        ("YuGothR.ttc", 0),
        ("msgothic.ttc", 0),
    ]


# -- the command line -------------------------------------------------------------------------


def test_cli_roster_end_to_end(
    tmp_path: Path, cli: Cli, operator: Session, booked_day: BookedDay
) -> None:
    out = tmp_path / "四谷 roster.pdf"
    args = ["roster", "--center", YOTSUYA, "--date", BASE_DAY.isoformat(), "--out", str(out)]
    first = cli(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == ""
    assert str(out) in first.stderr and "1 page" in first.stderr
    assert out.read_bytes().startswith(b"%PDF-")

    assert_fails(cli(*args), int(ExitCode.CONFLICT), "already exists", "--force", one_line=True)

    again = cli(*args, "--force", "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == {"path": str(out), "pages": 1, "receipts": 3}

    other = tmp_path / "other.pdf"
    unknown = cli("roster", "--center", "新宿", "--date", BASE_DAY.isoformat(), "--out", str(other))
    assert_fails(unknown, int(ExitCode.INVALID_INPUT), YOTSUYA, OKUBO)
    missing = cli(*args[:-1], str(tmp_path / "nowhere" / "r.pdf"))
    assert_fails(missing, int(ExitCode.NOT_FOUND), "does not exist")
    no_font = cli(*args[:-1], str(other), **{FONT_ENV: str(tmp_path / "none.ttf")})
    assert_fails(no_font, int(ExitCode.STORAGE), FONT_ENV)
    assert not other.exists()
    assert len(roster_audit(operator)) == 2  # refused commands read and audited nothing
