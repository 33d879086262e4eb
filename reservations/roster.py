"""The day roster: a printable, numbers-only list of one center's bookings for one day.

The support worker dispatched to a center is told nothing about bookings except this sheet:
per slot, the receipt numbers booked in it with a box to tick when the visitor arrives.  It
holds no name, kana or phone, so it can travel to the center on paper.  The audit entry
says which center and day were printed and how many numbers, never which people.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reservations.booking import center_id_by_name
from reservations.domain import JST, Center, CopyKind, Reservation, Status
from reservations.files import check_destination, numbered_canvas
from reservations.fonts import PdfFont, find_japanese_font, japanese_style
from reservations.permissions import Permission
from reservations.receipt import format_receipt
from reservations.register import write_copy
from reservations.session import Session
from reservations.store import SearchQuery, UnitOfWork

TITLE = "受付番号一覧（当日名簿）"
NO_BOOKINGS = "この日の予約はありません"
NO_PERSONAL_DATA = (
    "この名簿には受付番号だけを載せています。氏名・電話番号などの個人情報は含みません。"
    "来場者に受付番号を言っていただき、その番号の「来場」欄にチェックしてください。"
    "番号が分からない来場者は、コールセンターに電話で照会してください。"
)
RETURN_AFTER_USE = (
    "当日の業務終了後、この名簿はコールセンターへ返却するか、シュレッダーで裁断してください。"
)
FOOTER_NOTICE = "個人情報を含みません ・ 当日の業務終了後に返却または裁断"
WEEKDAYS = "月火水木金土日"
# Statuses that put a number on the roster: still expected, or already here.
ROSTER_STATUSES = frozenset({Status.BOOKED, Status.ATTENDED})
_FETCH_PAGE = 5000


@dataclass(frozen=True)
class RosterEntry:
    receipt: str  # display form, 1234-5678
    status: Status

    @property
    def attended(self) -> bool:
        return self.status is Status.ATTENDED


@dataclass(frozen=True)
class RosterSlot:
    start: dt.time
    end: dt.time
    entries: tuple[RosterEntry, ...]

    @property
    def label(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class Roster:
    """What a day roster shows; by construction it has no field for personal data."""

    center: str
    day: dt.date
    slots: tuple[RosterSlot, ...]
    # The audit chain's head when the roster was made (seq, hash): printed in the footer, the
    # paper is one more copy of the head kept off the PC (docs/security.md, the insider).
    audit_head: tuple[int, str] | None = None

    @property
    def receipts(self) -> int:
        return sum(len(s.entries) for s in self.slots)

    @property
    def attended(self) -> int:
        return sum(e.attended for s in self.slots for e in s.entries)


def japanese_date(day: dt.date) -> str:
    """``2022年12月19日（月）``."""
    return f"{day.year}年{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）"


class RosterService:
    """Day rosters for the support workers at the centers."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def day_roster(self, center: str | int, day: dt.date) -> Roster:
        """The receipt numbers booked (or attended) at ``center`` on ``day``, slot by slot.

        ``center`` is a center's name or id; an unknown one raises ``InvalidInput`` naming
        the known centers.  Closed slots appear only when they hold bookings.  Writes the
        audit entry "roster" (center, day and how many numbers).
        """
        s = self._session
        s.require(Permission.PRINT_ROSTER)
        with s.store.unit_of_work(write=True) as uow:
            found = _resolve_center(uow, center)
            slots = uow.list_slots(found.id, day)
            by_slot: dict[int, list[RosterEntry]] = {slot.id: [] for slot in slots}
            for reservation in _day_reservations(uow, found.id, day):
                if reservation.status in ROSTER_STATUSES:
                    by_slot.setdefault(reservation.slot_id, []).append(
                        RosterEntry(format_receipt(reservation.receipt), reservation.status)
                    )
            roster = Roster(
                center=found.name,
                day=day,
                slots=tuple(
                    # Sorted by number, so the worker finds the one the visitor says quickly;
                    # the order also tells nothing about who booked first.
                    RosterSlot(
                        slot.start, slot.end, tuple(sorted(by_slot[slot.id], key=_by_number))
                    )
                    for slot in slots
                    if slot.is_open or by_slot[slot.id]
                ),
            )
            s.audit(
                uow,
                "roster",
                f"center {found.name} {day.isoformat()} {roster.receipts} receipts",
            )
            head = uow.audit_latest()
            uow.commit()
        if head is not None:
            roster = dataclasses.replace(roster, audit_head=(head.seq, head.hash))
        return roster

    def write_pdf(self, roster: Roster, out: Path, *, overwrite: bool = False) -> int:
        """Write the roster as a PDF file atomically; returns the number of pages.

        The file appears complete or not at all.  An existing file is replaced only with
        ``overwrite``; otherwise ``Conflict``.  Problems with the folder or the disk raise a
        ``ReservationError`` with one sentence.
        """
        s = self._session
        s.require(Permission.PRINT_ROSTER)
        font = find_japanese_font()
        with write_copy(s, out, kind=CopyKind.ROSTER, overwrite=overwrite) as copy:
            copy.receipts = [e.receipt for slot in roster.slots for e in slot.entries]
            copy.description = f"{roster.center} {roster.day.isoformat()}"
            return render_roster_pdf(roster, copy.stream, s.now(), s.account.name, font)


def _by_number(entry: RosterEntry) -> str:
    return entry.receipt


def _resolve_center(uow: UnitOfWork, center: str | int) -> Center:
    centers = uow.list_centers()
    if isinstance(center, int):
        for known in centers:
            if known.id == center:
                return known
        center = str(center)  # not an id: refused below like an unknown name
    # booking.py owns the name lookup and its "unknown center" sentence.
    wanted = center_id_by_name(uow, center)
    return next(c for c in centers if c.id == wanted)


def _day_reservations(uow: UnitOfWork, center_id: int, day: dt.date) -> Iterator[Reservation]:
    offset = 0
    while True:
        page = uow.search(
            SearchQuery(center_id=center_id, date=day, limit=_FETCH_PAGE, offset=offset)
        )
        yield from page
        if len(page) < _FETCH_PAGE:
            return
        offset += _FETCH_PAGE


# -- the file -----------------------------------------------------------------------------


def check_can_write(out: Path, *, overwrite: bool = False) -> None:
    """Fail early, before anything is read: ``out`` cannot be written, or no font is found.

    ``write_pdf`` checks again (the file system may change meanwhile); this only lets a
    caller refuse before the roster is read and audited.
    """
    check_destination(out, overwrite=overwrite)
    find_japanese_font()


# -- the page -----------------------------------------------------------------------------

_MARGIN_X = 18 * mm
_MARGIN_TOP = 20 * mm
_MARGIN_BOTTOM = 24 * mm
_PAIRS_PER_ROW = 3  # receipt numbers side by side, each with its box
_KEEP_TOGETHER_ROWS = 8
_NUMBER_SIZE = 15
_MARK_SIZE = 8
_RULE = colors.HexColor("#999999")
_SHADE = colors.HexColor("#E6E6E6")


def render_roster_pdf(
    roster: Roster,
    out: IO[bytes] | Path,
    generated_at: dt.datetime,
    account: str,
    font: PdfFont,
) -> int:
    """Draw ``roster`` as an A4 portrait PDF into ``out``; returns the number of pages.

    Pure: reads nothing but its arguments.  Every string is drawn with ``font``, which is
    embedded as a TrueType subset.
    """
    generated = generated_at.astimezone(JST)
    stamp = (
        f"作成 {generated.year}年{generated.month}月{generated.day}日 "
        f"{generated:%H:%M}（日本時間） ・ 作成者 {account}"
    )
    if roster.audit_head is not None:
        seq, head_hash = roster.audit_head
        stamp += f" ・ 操作ログ 記録{seq} {head_hash[:16]}"
    page_w, page_h = A4
    width = page_w - 2 * _MARGIN_X
    # No frame padding: tables fill the margins exactly and line up with the footer rule.
    frame = Frame(
        _MARGIN_X,
        _MARGIN_BOTTOM,
        width,
        page_h - _MARGIN_TOP - _MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc = BaseDocTemplate(
        str(out) if isinstance(out, Path) else out,
        pagesize=A4,
        pageTemplates=[PageTemplate("roster", [frame])],
        title=f"{TITLE} {roster.center} {roster.day.isoformat()}",
        subject="Numbers-only day roster",
        creator="Reservation Desk",
        author="",
        initialFontName=font.name,
    )
    counted: list[int] = []
    canvas_maker = numbered_canvas(_page_decoration(roster, font.name, stamp), counted)
    doc.build(_story(roster, font.name, width), canvasmaker=canvas_maker)
    return counted[0]


def _style(name: str, font: str, size: float, **kw: Any) -> ParagraphStyle:
    return japanese_style(name, font, size, line_spacing=1.35, **kw)


def _story(roster: Roster, font: str, width: float) -> list[Any]:
    label = _style("label", font, 10, textColor=colors.HexColor("#333333"))
    value = _style("value", font, 15)
    notice = _style("notice", font, 9.5)
    story: list[Any] = [Paragraph(TITLE, _style("title", font, 20, spaceAfter=4 * mm))]

    summary = f"{roster.receipts} 件"
    if roster.attended:
        summary += f"（うち来場済 {roster.attended} 件）"
    facts = Table(
        [
            [Paragraph("会場", label), Paragraph(roster.center, value)],
            [Paragraph("日付", label), Paragraph(japanese_date(roster.day), value)],
            [Paragraph("予約数", label), Paragraph(summary, value)],
        ],
        colWidths=[24 * mm, width - 24 * mm],
    )
    facts.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),  # tables set it even on empty cells
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("BACKGROUND", (0, 0), (0, -1), _SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    box = Table(
        [[Paragraph(NO_PERSONAL_DATA, notice)], [Paragraph(RETURN_AFTER_USE, notice)]],
        colWidths=[width],
    )
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, 0), 2.5 * mm),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 2.5 * mm),
            ]
        )
    )
    story += [facts, Spacer(0, 4 * mm), box, Spacer(0, 6 * mm)]

    if roster.receipts == 0:
        empty = Table(
            [[Paragraph(NO_BOOKINGS, _style("empty", font, 16, alignment=TA_CENTER))]], [width]
        )
        empty.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), font),
                    ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                    ("TOPPADDING", (0, 0), (-1, -1), 8 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8 * mm),
                ]
            )
        )
        story.append(empty)
        return story

    heading = _style("slot", font, 12.5)
    count = _style("count", font, 10.5, alignment=TA_RIGHT)
    for slot in roster.slots:
        table = _slot_table(slot, font, width, heading, count)
        # A short slot moves to the next page whole; a long one runs on, its heading repeated.
        short = len(slot.entries) <= _KEEP_TOGETHER_ROWS * _PAIRS_PER_ROW
        story += [KeepTogether([table]) if short else table, Spacer(0, 4 * mm)]
    return story


def _slot_table(
    slot: RosterSlot, font: str, width: float, heading: ParagraphStyle, count: ParagraphStyle
) -> Table:
    """One slot: its time, then its numbers three to a row, each with a box to tick.

    The heading row repeats when the slot runs on to the next page.
    """
    box_w, number_w = 12 * mm, 31 * mm
    mark_w = width / _PAIRS_PER_ROW - box_w - number_w
    columns = [box_w, number_w, mark_w] * _PAIRS_PER_ROW
    how_many = f"予約 {len(slot.entries)} 件" if slot.entries else "予約なし"
    # The time over the first two groups' columns, the count over the last group's.
    split = len(columns) - 3
    rows: list[list[Any]] = [
        [Paragraph(slot.label, heading)] + [""] * (split - 1) + [Paragraph(how_many, count), "", ""]
    ]
    entries = list(slot.entries)
    for first in range(0, len(entries), _PAIRS_PER_ROW):
        row: list[Any] = []
        for entry in entries[first : first + _PAIRS_PER_ROW]:
            row += [
                _CheckBox(ticked=entry.attended),
                entry.receipt,
                "来場済" if entry.attended else "",
            ]
        rows.append(row + [""] * (len(columns) - len(row)))
    commands: list[tuple[Any, ...]] = [
        ("SPAN", (0, 0), (split - 1, 0)),
        ("SPAN", (split, 0), (-1, 0)),
        ("RIGHTPADDING", (split, 0), (-1, 0), 2.5 * mm),
        ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
        ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (0, 0), 2.5 * mm),
        # String cells are centered by their leading: these put the digits' and the
        # kanji's middle on the box's middle.
        ("FONTSIZE", (0, 1), (-1, -1), _NUMBER_SIZE),
        ("LEADING", (0, 1), (-1, -1), _NUMBER_SIZE * 1.28),
        ("TOPPADDING", (0, 1), (-1, -1), 1.8 * mm),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 1.8 * mm),
        ("ALIGN", (0, 1), (-1, -1), "CENTER"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, _RULE),
    ]
    for group in range(_PAIRS_PER_ROW):
        number, mark = 3 * group + 1, 3 * group + 2
        commands += [
            ("ALIGN", (number, 1), (number, -1), "LEFT"),
            ("FONTSIZE", (mark, 1), (mark, -1), _MARK_SIZE),
            ("LEADING", (mark, 1), (mark, -1), _MARK_SIZE * 1.25),
            ("ALIGN", (mark, 1), (mark, -1), "LEFT"),
        ]
        if group:
            commands.append(("LINEBEFORE", (3 * group, 1), (3 * group, -1), 0.6, colors.black))
    table = Table(rows, colWidths=columns, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


class _CheckBox(Flowable):
    """An empty square to tick by hand; ticked already for a visitor marked attended."""

    size = 5.5 * mm

    def __init__(self, *, ticked: bool) -> None:
        super().__init__()
        self.ticked = ticked

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c = self.canv
        c.setLineWidth(0.9)
        c.rect(0, 0, self.size, self.size, stroke=1, fill=0)
        if self.ticked:
            c.setLineWidth(1.6)
            path = c.beginPath()
            path.moveTo(self.size * 0.18, self.size * 0.52)
            path.lineTo(self.size * 0.42, self.size * 0.22)
            path.lineTo(self.size * 0.85, self.size * 0.82)
            c.drawPath(path, stroke=1, fill=0)


def _page_decoration(roster: Roster, font: str, stamp: str) -> Callable[[Canvas, int, int], None]:
    """Draws the running header (from page 2), the footer and "n / N" on one page."""
    page_w, page_h = A4
    left, right = _MARGIN_X, page_w - _MARGIN_X
    running = f"{TITLE}　{roster.center}　{japanese_date(roster.day)}"

    def decorate(c: Canvas, page: int, total: int) -> None:
        c.saveState()
        c.setFillColor(colors.black)
        c.setStrokeColor(_RULE)
        c.setLineWidth(0.4)
        if page > 1:
            c.setFont(font, 9)
            c.drawString(left, page_h - 12 * mm, running)
            c.line(left, page_h - 14 * mm, right, page_h - 14 * mm)
        c.line(left, 17 * mm, right, 17 * mm)
        c.setFont(font, 8.5)
        c.drawString(left, 12.5 * mm, FOOTER_NOTICE)
        c.drawString(left, 8 * mm, stamp)
        c.setFont(font, 11)
        c.drawRightString(right, 10 * mm, f"{page} / {total}")
        c.restoreState()

    return decorate
