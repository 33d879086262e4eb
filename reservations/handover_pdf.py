"""The handover ledger: every reservation of the contract as an A4 PDF for the ward.

Pure drawing (``reservations.handover`` reads the vault, attaches the CSV files, encrypts and
publishes).  The ledger is drawn row by row with reportlab's low-level canvas rather than
platypus: every row has the same height, so the page count is known by arithmetic before the
first row is read ("n / N" on every page) and rows stream from the store one page of the
query at a time.  reportlab holds a canvas's pages until it is saved, so the ledger is saved
in parts of ``PAGES_PER_PART`` pages that ``handover`` joins with pikepdf: neither the
reservations nor the drawn pages of 100,000 of them are ever in memory at once.

A character the embedded Japanese font lacks (𠮷, U+20BB7, is not in IPAexGothic) is drawn
with a fallback TrueType font that has it, when this PC has one, else as the visible mark 〓
with a footnote on that page pointing to ``reservations.csv``, which keeps the real text.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from reservations.domain import JST, Status
from reservations.fonts import FontCandidate, PdfFont

TITLE = "引継ぎ台帳（予約記録）"
MISSING_MARK = "〓"
MISSING_FOOTNOTE = (
    f"{MISSING_MARK}：この台帳のフォントで表示できない文字です。正しい文字は添付の "
    "reservations.csv を参照してください。"
)
CUT_FOOTNOTE = (
    "…：長すぎて一部を省略した項目です。全文は添付の reservations.csv を参照してください。"
)
FOOTER_NOTICE = "個人情報を含みます ・ 取扱注意"
ERASED = "（本人の求めにより削除済）"
NOT_SET = "（未設定）"
STATUS_LABELS: dict[Status, str] = {
    Status.BOOKED: "予約済",
    Status.ATTENDED: "来場済",
    Status.CANCELLED: "取消",
    Status.NO_SHOW: "不来場",
}
WEEKDAYS = "月火水木金土日"

# Fonts tried, in order, for a character the main font lacks.  All TrueType (reportlab embeds
# no CFF font): SimSun-ExtB covers CJK Extension B on every Windows; IPAmj Mincho and Hanazono
# (Debian's fonts-ipamj-mincho, fonts-hanazono) cover the rare kanji of family registers.
FALLBACK_CANDIDATES: tuple[FontCandidate, ...] = (
    FontCandidate(Path(r"C:\Windows\Fonts\YuGothR.ttc")),
    FontCandidate(Path(r"C:\Windows\Fonts\simsunb.ttf")),
    FontCandidate(Path("/usr/share/fonts/truetype/ipamj/ipamjm.ttf")),
    FontCandidate(Path("/usr/share/fonts/opentype/ipamj/ipamjm.ttf")),
    FontCandidate(Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf")),
    FontCandidate(Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf")),
)

# -- geometry (A4 portrait) -------------------------------------------------------------------

PAGE_W, PAGE_H = A4
MARGIN_X = 15 * mm
LINE = 5.5 * mm  # every ledger line: a row, the column heading, half a day heading
BODY_TOP = PAGE_H - 18 * mm
BODY_BOTTOM = 24 * mm
LINES_PER_PAGE = int((BODY_TOP - BODY_BOTTOM) // LINE)
HEADING_LINES = 2  # a day's heading: a blank half and the center and date
COLUMN_LINES = 1
ROW_SIZE = 9.0
# reportlab holds a canvas's pages in memory until it is saved (about 45 kB a page): the
# ledger is saved in parts of this many pages and joined by pikepdf, which streams.
PAGES_PER_PART = 250
MIN_TEXT_SIZE = 6.5
MIN_HORIZONTAL_SCALE = 50  # percent; narrower text is cut with "…" (the CSV keeps it whole)
_PAD = 1.5 * mm
# (heading, width): receipt, time, name, kana, phone, status; they fill the 180 mm body.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("受付番号", 24 * mm),
    ("時間", 23 * mm),
    ("氏名", 42 * mm),
    ("フリガナ", 43 * mm),
    ("電話番号", 29 * mm),
    ("状態", 19 * mm),
)
_COLUMN_X = tuple(MARGIN_X + sum(w for _t, w in COLUMNS[:i]) for i in range(len(COLUMNS)))
_RULE = colors.HexColor("#999999")
_LIGHT_RULE = colors.HexColor("#D0D0D0")
_SHADE = colors.HexColor("#E6E6E6")
_BAND = colors.HexColor("#F3F3F3")
_GREY_TEXT = colors.HexColor("#555555")


@dataclass(frozen=True)
class LedgerParts:
    """The rendered ledger: its page count and its parts (in memory), in order."""

    pages: int
    files: list[io.BytesIO]


@dataclass(frozen=True)
class LedgerDay:
    """One center's day in the ledger: how many reservations it lists (known up front)."""

    center: str
    date: dt.date
    count: int


@dataclass(frozen=True)
class LedgerRow:
    """One reservation as the ledger prints it (display forms; ``None``: erased)."""

    center: str
    date: dt.date
    receipt: str  # 1234-5678
    time: str  # 10:00–10:30
    name: str | None
    kana: str | None
    phone: str | None  # 090-1234-5678
    status: Status


@dataclass(frozen=True)
class LedgerCover:
    """The cover page's facts."""

    contractor: str
    client: str
    period: str
    generated_at: dt.datetime
    account: str
    reservations: int
    by_status: dict[Status, int]
    erased: int
    audit_entries: int
    audit_latest_seq: int | None
    audit_latest_time: str | None
    audit_latest_hash: str | None


def japanese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）"


# -- layout -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Place:
    """Where the next thing goes: ``kind`` is "page" (a new ledger page), "heading" (a day's
    heading and the column heading, ``continued`` after a page break) or "row"."""

    kind: str
    line: int = 0
    day: int = 0
    continued: bool = False


def _layout(days: Sequence[LedgerDay]) -> Iterator[_Place]:
    """The ledger's pages as a sequence of places; counting them needs only ``days``.

    A day starts on a new page when its heading, the column heading and one row no longer
    fit; a day that runs on repeats its heading marked "continued".
    """
    line = LINES_PER_PAGE  # no ledger page yet
    for index, day in enumerate(days):
        remaining = day.count
        continued = False
        while True:
            if line + HEADING_LINES + COLUMN_LINES + 1 > LINES_PER_PAGE:
                yield _Place("page")
                line = 0
            yield _Place("heading", line, index, continued)
            line += HEADING_LINES + COLUMN_LINES
            fit = min(remaining, LINES_PER_PAGE - line)
            for _ in range(fit):
                yield _Place("row", line, index)
                line += 1
            remaining -= fit
            if remaining <= 0:
                break
            continued = True
            line = LINES_PER_PAGE


def count_pages(days: Sequence[LedgerDay]) -> int:
    """The ledger's page count including the cover, from the days' counts alone."""
    return 1 + sum(1 for place in _layout(days) if place.kind == "page")


# -- glyphs -----------------------------------------------------------------------------------


@functools.cache
def _fallback_font(path: Path, index: int) -> tuple[str, frozenset[int]] | None:
    """Register a fallback font once per process; ``None`` when it cannot be used."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if not path.is_file():
        return None
    name = f"ResDesk-Fallback-{path.stem}-{index}"
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except (TTFError, OSError, ValueError, IndexError, KeyError, AssertionError):
        return None
    pdfmetrics.registerFont(font)
    return name, frozenset(font.face.charToGlyph)


class Glyphs:
    """Splits text into runs per font: the main font, a fallback, or the mark 〓."""

    def __init__(self, font: PdfFont, fallbacks: Sequence[FontCandidate]) -> None:
        self.main = font.name
        self._cmap = pdfmetrics.getFont(font.name).face.charToGlyph
        self._candidates = list(fallbacks)
        self._loaded: list[tuple[str, frozenset[int]]] | None = None

    def covers(self, text: str) -> bool:
        cmap = self._cmap
        return all(ord(ch) in cmap for ch in text)

    def runs(self, text: str) -> tuple[list[tuple[str, str]], bool]:
        """``([(font name, text), ...], marked)``; ``marked`` when a 〓 replaced a character."""
        if self.covers(text):
            return [(self.main, text)], False
        runs: list[tuple[str, str]] = []
        marked = False
        for ch in text:
            font = self.main
            if ord(ch) not in self._cmap:
                fallback = self._fallback_for(ch)
                if fallback is None:
                    ch, marked = MISSING_MARK, True
                else:
                    font = fallback
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + ch)
            else:
                runs.append((font, ch))
        return runs, marked

    def _fallback_for(self, ch: str) -> str | None:
        if self._loaded is None:
            self._loaded = [
                loaded
                for candidate in self._candidates
                if (loaded := _fallback_font(candidate.path, candidate.subfont_index))
            ]
        for name, cmap in self._loaded:
            if ord(ch) in cmap:
                return name
        return None


# -- drawing ----------------------------------------------------------------------------------


class _Ledger:
    """Draws pages and saves them in parts of ``pages_per_part`` pages each."""

    def __init__(
        self,
        part_path: Callable[[int], io.BytesIO],
        pages_per_part: int,
        glyphs: Glyphs,
        total: int,
        generated: dt.datetime,
        account: str,
    ) -> None:
        self._part_path = part_path
        self._pages_per_part = pages_per_part
        self.parts: list[io.BytesIO] = []
        self.glyphs = glyphs
        self.font = glyphs.main
        self.total = total
        self.page = 0
        self.marked = False  # a 〓 on the current page: it gets the footnote
        self.cut = False  # a text cut short with "…" on the current page: another footnote
        stamp_time = f"{generated.year}年{generated.month}月{generated.day}日 {generated:%H:%M}"
        self.stamp = f"作成 {stamp_time}（日本時間） ・ 作成者 {account}"
        self.c = self._new_canvas()

    def _new_canvas(self) -> Canvas:
        part = self._part_path(len(self.parts))
        self.parts.append(part)
        canvas = Canvas(part, pagesize=A4, pageCompression=1, initialFontName=self.font)
        canvas.setTitle(TITLE)
        canvas.setSubject("Handover ledger of every reservation")
        canvas.setCreator("Reservation Desk")
        canvas.setAuthor("")
        return canvas

    def save(self) -> None:
        self.c.save()

    # Text ------------------------------------------------------------------------------------

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        width: float,
        *,
        checked: bool = True,
        align: str = "left",
    ) -> None:
        """Draw ``text`` within ``width``: compressed sideways when too wide, never spilling
        into the next column.  ``checked=False`` skips the glyph check for text of known
        characters (digits, fixed labels)."""
        c = self.c
        if checked:
            runs, marked = self.glyphs.runs(text)
            self.marked |= marked
        else:
            runs = [(self.font, text)]
        total = sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs)
        if len(runs) == 1 and total <= width:
            self.set_font(runs[0][0], size)
            if align == "right":
                c.drawRightString(x + width, y, runs[0][1])
            else:
                c.drawString(x, y, runs[0][1])
            return
        scale = 100.0
        if total > width:
            # Smaller first, then narrower, and only then cut (with a footnote): the CSV
            # always has the whole text.
            fitted = max(MIN_TEXT_SIZE, size * width / total)
            total, size = total * fitted / size, fitted
            if total > width:
                scale = max(MIN_HORIZONTAL_SCALE, 100.0 * width / total)
                cut = _cut_to(runs, size, width * 100.0 / scale)
                if cut is not runs:
                    runs, self.cut = cut, True
                    total = sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs)
        if align == "right":
            x += width - total * scale / 100.0
        obj = c.beginText(x, y)
        obj.setHorizScale(scale)
        for font, part in runs:
            obj.setFont(font, size)
            obj.textOut(part)
        c.drawText(obj)

    def set_font(self, name: str, size: float) -> None:
        # Each setFont writes operators into the page: skip the ones that change nothing.
        c = self.c
        if c._fontname != name or c._fontsize != size:
            c.setFont(name, size)

    # Pages -----------------------------------------------------------------------------------

    def end_page(self) -> None:
        c = self.c
        left, right = MARGIN_X, PAGE_W - MARGIN_X
        c.saveState()
        c.setFillColor(colors.black)
        c.setStrokeColor(_RULE)
        c.setLineWidth(0.4)
        notes = [
            note for note, due in ((MISSING_FOOTNOTE, self.marked), (CUT_FOOTNOTE, self.cut)) if due
        ]
        c.setFont(self.font, 7.5)
        for index, note in enumerate(notes):
            c.drawString(left, (19.5 + 3.2 * index) * mm, note)
        c.line(left, 17 * mm, right, 17 * mm)
        c.setFont(self.font, 8)
        c.drawString(left, 12.5 * mm, f"{TITLE} ・ {FOOTER_NOTICE}")
        c.drawString(left, 8.5 * mm, self.stamp)
        c.setFont(self.font, 11)
        c.drawRightString(right, 10 * mm, f"{self.page} / {self.total}")
        c.restoreState()
        c.showPage()
        self.marked = self.cut = False
        if self.page % self._pages_per_part == 0 and self.page < self.total:
            # reportlab keeps every page of a canvas in memory until save(): a part at a time.
            self.c.save()
            self.c = self._new_canvas()

    def begin_ledger_page(self, running: str) -> None:
        self.page += 1
        c = self.c
        c.setFillColor(colors.black)
        self.text(MARGIN_X, PAGE_H - 12 * mm, running, 9, PAGE_W - 2 * MARGIN_X)
        c.setStrokeColor(_RULE)
        c.setLineWidth(0.4)
        c.line(MARGIN_X, PAGE_H - 14 * mm, PAGE_W - MARGIN_X, PAGE_H - 14 * mm)

    # The ledger's parts ----------------------------------------------------------------------

    def heading(self, line: int, day: LedgerDay, continued: bool) -> None:
        c = self.c
        width = PAGE_W - 2 * MARGIN_X
        top = BODY_TOP - (line + 1) * LINE  # the lower half of the two heading lines
        c.setFillColor(colors.black)
        label = f"{day.center}　{japanese_date(day.date)}"
        count = f"{day.count} 件" + ("（前ページから続く）" if continued else "")
        self.text(MARGIN_X, top - LINE + 1.6 * mm, label, 11, width - 60 * mm)
        c.setFont(self.font, 9)
        c.drawRightString(PAGE_W - MARGIN_X, top - LINE + 1.6 * mm, count)
        head_top = top - LINE
        c.setFillColor(_SHADE)
        c.rect(MARGIN_X, head_top - LINE, width, LINE, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.6)
        c.line(MARGIN_X, head_top - LINE, PAGE_W - MARGIN_X, head_top - LINE)
        x = MARGIN_X
        c.setFont(self.font, 8)
        for title, column in COLUMNS:
            c.drawString(x + _PAD, head_top - LINE + 1.7 * mm, title)
            x += column

    def row(self, line: int, row: LedgerRow) -> None:
        c = self.c
        bottom = BODY_TOP - (line + 1) * LINE
        y = bottom + 1.6 * mm
        x = _COLUMN_X
        c.setFillColor(colors.black)
        self.set_font(self.font, ROW_SIZE)
        # Receipt, time, phone and status are digits and fixed words: they always fit.
        c.drawString(x[0] + _PAD, y, row.receipt)
        c.drawString(x[1] + _PAD, y, row.time)
        if row.phone is not None:
            c.drawString(x[4] + _PAD, y, row.phone)
        c.drawString(x[5] + _PAD, y, STATUS_LABELS[row.status])
        if row.name is None and row.kana is None:
            c.setFillColor(_GREY_TEXT)
            self.text(x[2] + _PAD, y, ERASED, 7.5, x[4] - x[2] - 2 * _PAD, checked=False)
            c.setFillColor(colors.black)
        else:
            if row.name is not None:
                self.text(x[2] + _PAD, y, row.name, ROW_SIZE, x[3] - x[2] - 2 * _PAD)
            if row.kana is not None:
                self.text(x[3] + _PAD, y, row.kana, ROW_SIZE, x[4] - x[3] - 2 * _PAD)
        c.setStrokeColor(_LIGHT_RULE)
        c.setLineWidth(0.3)
        c.line(MARGIN_X, bottom, PAGE_W - MARGIN_X, bottom)

    def cover(self, cover: LedgerCover) -> None:
        self.page += 1
        c = self.c
        width = PAGE_W - 2 * MARGIN_X
        y = PAGE_H - 28 * mm
        c.setFillColor(colors.black)
        c.setFont(self.font, 20)
        c.drawString(MARGIN_X, y, TITLE)
        y -= 8 * mm
        c.setFont(self.font, 10)
        c.drawString(MARGIN_X, y, "契約終了に伴う予約記録の引継ぎ（電話予約受付業務）")
        y -= 10 * mm
        latest = (
            "なし"
            if cover.audit_latest_seq is None
            else f"番号 {cover.audit_latest_seq} ・ {cover.audit_latest_time}"
        )
        by_status = " ／ ".join(
            f"{label} {cover.by_status.get(status, 0):,} 件"
            for status, label in STATUS_LABELS.items()
        )
        generated = cover.generated_at.astimezone(JST)
        facts: list[tuple[str, str, bool]] = [
            ("受託者", cover.contractor or NOT_SET, True),
            ("委託者", cover.client or NOT_SET, True),
            ("契約期間", cover.period or NOT_SET, False),
            ("作成日時", f"{generated:%Y-%m-%d %H:%M}（日本時間）", False),
            ("作成者", cover.account, True),
            ("予約件数", f"{cover.reservations:,} 件", False),
            ("状態別", by_status, False),
            ("削除済", f"本人の求めにより個人情報を削除した予約 {cover.erased:,} 件", False),
            ("監査ログ", f"{cover.audit_entries:,} 件", False),
            ("最新の記録", latest, False),
        ]
        label_w = 30 * mm
        row_h = 8 * mm
        c.setLineWidth(0.6)
        c.setStrokeColor(colors.black)
        for label, value, checked in facts:
            c.setFillColor(_SHADE)
            c.rect(MARGIN_X, y - row_h, label_w, row_h, stroke=0, fill=1)
            c.setFillColor(colors.black)
            c.rect(MARGIN_X, y - row_h, width, row_h, stroke=1, fill=0)
            c.line(MARGIN_X + label_w, y - row_h, MARGIN_X + label_w, y)
            c.setFont(self.font, 9)
            c.drawString(MARGIN_X + 2 * mm, y - row_h + 2.8 * mm, label)
            self.text(
                MARGIN_X + label_w + 2 * mm,
                y - row_h + 2.6 * mm,
                value,
                10.5,
                width - label_w - 4 * mm,
                checked=checked,
            )
            y -= row_h
        # The hash gets a row of its own: it is compared by eye with audit.csv's last row.
        hash_h = 10 * mm
        c.setFillColor(_SHADE)
        c.rect(MARGIN_X, y - hash_h, label_w, hash_h, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.rect(MARGIN_X, y - hash_h, width, hash_h, stroke=1, fill=0)
        c.line(MARGIN_X + label_w, y - hash_h, MARGIN_X + label_w, y)
        c.setFont(self.font, 9)
        c.drawString(MARGIN_X + 2 * mm, y - hash_h + 3.8 * mm, "最新のハッシュ")
        c.setFont(self.font, 9.5)
        c.drawString(
            MARGIN_X + label_w + 2 * mm, y - hash_h + 3.8 * mm, cover.audit_latest_hash or "—"
        )
        y -= hash_h + 8 * mm
        c.setFont(self.font, 9.5)
        for paragraph in _COVER_NOTES:
            for line in _wrap(paragraph, self.font, 9.5, width):
                c.drawString(MARGIN_X, y, line)
                y -= 5.2 * mm
            y -= 2 * mm
        if cover.reservations == 0:
            y -= 6 * mm
            c.setFont(self.font, 14)
            c.drawString(MARGIN_X, y, "予約の記録はありません。")


_COVER_NOTES = (
    "この台帳は、契約期間中に受け付けたすべての予約を、地域センター・日付・時間・受付番号の順に"
    "載せたものです。氏名・フリガナ・電話番号を含むため、取扱いに注意してください。",
    "添付ファイル（Adobe Acrobat Reader ではクリップのアイコン「添付ファイル」から開けます）："
    "reservations.csv（すべての予約の全項目）、audit.csv（監査ログと各記録のハッシュ）、"
    "register.csv（個人情報を含む写しの管理簿）、keys.json（署名を確かめるための公開鍵と"
    "職員の権限の記録）。CSV は UTF-8（BOM付き）で、Excel でそのまま開けます。",
    "上の「最新のハッシュ」は audit.csv の最後の記録のハッシュと一致します。各記録のハッシュは "
    "SHA-256(直前の記録のハッシュ + 改行 + 正規形) で、確かめ方は同梱の README.txt にあります。"
    "この引継ぎの作成自体の記録（監査ログ・管理簿への登録）は作成の後に書かれるため、添付には含まれません。",
)


# Japanese line breaking (kinsoku): these never start a line, those never end one.
_NO_LINE_START = frozenset(
    "、。，．）」』】〕・：；？！ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ)]},.:;"
)
_NO_LINE_END = frozenset("（「『【〔([{")


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break Japanese text into lines of at most ``width``, between any two characters
    except before closing punctuation or after an opening bracket."""
    lines: list[str] = []
    current = ""
    for ch in text:
        if current and pdfmetrics.stringWidth(current + ch, font, size) > width:
            carry, after = "", ch
            # Take characters over to the new line until the break is allowed.
            while len(current) > 1 and (after in _NO_LINE_START or current[-1] in _NO_LINE_END):
                carry = current[-1] + carry
                current = current[:-1]
                after = carry[0]
            lines.append(current)
            current = carry
        current += ch
    if current:
        lines.append(current)
    return lines


def _cut_to(runs: list[tuple[str, str]], size: float, width: float) -> list[tuple[str, str]]:
    """The runs shortened to ``width`` with a final "…" (only when even compressed text is
    too wide; a 40-character name in 42 mm)."""
    total = sum(pdfmetrics.stringWidth(t, f, size) for f, t in runs)
    if total <= width:
        return runs
    flat = [(f, ch) for f, t in runs for ch in t]
    ellipsis_font = runs[0][0]
    budget = width - pdfmetrics.stringWidth("…", ellipsis_font, size)
    kept: list[tuple[str, str]] = []
    used = 0.0
    for font, ch in flat:
        w = pdfmetrics.stringWidth(ch, font, size)
        if used + w > budget:
            break
        used += w
        if kept and kept[-1][0] == font:
            kept[-1] = (font, kept[-1][1] + ch)
        else:
            kept.append((font, ch))
    kept.append((ellipsis_font, "…"))
    return kept


def render_ledger(
    part_path: Callable[[int], io.BytesIO],
    cover: LedgerCover,
    days: Sequence[LedgerDay],
    rows: Iterable[LedgerRow],
    font: PdfFont,
    *,
    fallbacks: Sequence[FontCandidate] = FALLBACK_CANDIDATES,
    pages_per_part: int = PAGES_PER_PART,
) -> LedgerParts:
    """Draw the ledger as PDF parts of ``pages_per_part`` pages into ``part_path(0)``,
    ``part_path(1)``, ... (memory buffers: the plaintext ledger never touches a disk); join
    them in order for the whole ledger (``handover`` does).

    ``rows`` must come in the order of ``days`` (center, date, then any order within the
    day) and number exactly ``days``' counts; they are consumed one at a time.  Every page
    says "n / N" of the whole ledger.
    """
    total = count_pages(days)
    glyphs = Glyphs(font, fallbacks)
    generated = cover.generated_at.astimezone(JST)
    ledger = _Ledger(part_path, pages_per_part, glyphs, total, generated, cover.account)
    ledger.cover(cover)
    ledger.end_page()
    source = iter(rows)
    running = f"{TITLE}　{cover.client}".rstrip()
    started = False
    for place in _layout(days):
        if place.kind == "page":
            if started:
                ledger.end_page()
            started = True
            ledger.begin_ledger_page(running)
        elif place.kind == "heading":
            ledger.heading(place.line, days[place.day], place.continued)
        else:
            row = next(source, None)
            expected = days[place.day]
            if row is None or (row.center, row.date) != (expected.center, expected.date):
                raise ValueError("the ledger's rows do not match the days they were counted in")
            ledger.row(place.line, row)
    if started:
        ledger.end_page()
    if next(source, None) is not None:
        raise ValueError("the ledger has more rows than its days were counted with")
    ledger.save()
    assert ledger.page == total, (ledger.page, total)
    return LedgerParts(total, ledger.parts)
