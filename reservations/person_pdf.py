"""The papers a resident receives: the disclosure of their data and the correction notice.

Pure drawing (``PersonRequestService`` reads, audits and registers the files).  A4 portrait,
the Japanese TrueType font embedded, the generated time and account on every page.  A
character the font lacks (e.g. 𠮷 in some fonts) is printed as 〓, the mark Japanese forms
use for it, with a note on the page, so that it never vanishes silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reservations.contract import Contract
from reservations.domain import JST, CopyKind, CopyStatus, Status
from reservations.files import numbered_canvas
from reservations.fonts import PdfFont, japanese_style
from reservations.normalize import format_phone_national

if TYPE_CHECKING:
    from reservations.person import Correction, Disclosure, HeldReservation

DISCLOSURE_TITLE = "保有個人データ開示書"
CORRECTION_TITLE = "保有個人データ訂正完了通知書"
DISCLOSURE_LEAD = (
    "個人情報の保護に関する法律第33条に基づくご請求により、当方が保有するあなたの個人データを"
    "次のとおり開示します。記載の内容は作成日時点のものです。"
)
CORRECTION_LEAD = (
    "個人情報の保護に関する法律第34条に基づくご請求により、あなたの個人データを次のとおり"
    "訂正しましたので通知します。"
)
FOOTER_NOTICE = "本人以外への開示・複製禁止"
MISSING_GLYPH = "〓"
MISSING_NOTE = f"{MISSING_GLYPH} は印字できない文字を示します（データは正しく保存されています）。"
ERASED = "（消去済み）"
NONE = "—"

STATUS_LABELS = {
    Status.BOOKED: "予約中",
    Status.ATTENDED: "来場済",
    Status.CANCELLED: "取消",
    Status.NO_SHOW: "不来場",
}
COPY_KIND_LABELS = {
    CopyKind.HANDOVER: "委託元への引渡し一式",
    CopyKind.AUDIT_EXPORT: "操作記録の出力",
    CopyKind.DISCLOSURE: "開示書",
    CopyKind.CORRECTION: "訂正完了通知書",
    CopyKind.CALLBACK_LIST: "折り返し連絡一覧",
    CopyKind.BACKUP: "バックアップ（暗号化）",
    CopyKind.ROSTER: "当日名簿（受付番号のみ）",
}
COPY_STATUS_LABELS = {
    CopyStatus.OPEN: "保管中",
    CopyStatus.DESTROYED: "廃棄済",
    CopyStatus.HANDED_OVER: "引渡し済",
}
ACTION_LABELS = {
    "book": "予約の登録",
    "view": "予約の閲覧",
    "find": "予約の検索",
    "duplicate-check": "重複予約の確認",
    "move": "予約枠の変更",
    "cancel": "予約の取消",
    "reinstate": "取消の取り消し",
    "attend": "来場の記録",
    "no-show": "不来場の記録",
    "correct": "氏名等の修正",
    "note": "備考の変更",
    "roster": "当日名簿の作成",
    "reveal": "氏名の表示（来場確認）",
    "verify-receipt": "受付番号の照会",
    "copy-registered": "写しの登録",
    "copy-closed": "写しの廃棄・引渡し",
    "copy-affected": "写しの対象者の確認",
    "audit-export": "操作記録の出力",
    "person-find": "本人からの請求に伴う検索",
    "person-disclosure": "開示",
    "person-correct": "訂正（本人からの請求）",
    "person-redact": "消去（本人からの請求）",
}
FIELD_LABELS = {
    "family_name": "氏",
    "given_name": "名",
    "family_kana": "氏（フリガナ）",
    "given_kana": "名（フリガナ）",
    "phone": "電話番号",
}

_MARGIN_X = 16 * mm
_MARGIN_TOP = 18 * mm
_MARGIN_BOTTOM = 24 * mm
_RULE = colors.HexColor("#999999")
_SHADE = colors.HexColor("#E6E6E6")
_ROWS_PER_TABLE = 200


# -- what both papers share --------------------------------------------------------------------


class _Writer:
    """Styles and the missing-glyph check for one font."""

    def __init__(self, font: PdfFont) -> None:
        from reportlab.pdfbase import pdfmetrics

        self.font = font.name
        self._glyphs: dict[int, int] = pdfmetrics.getFont(font.name).face.charToGlyph
        self.missing = False

    def text(self, value: str | None) -> str:
        """Escaped for a Paragraph, with 〓 for characters the font cannot draw."""
        if value is None or value == "":
            return NONE
        shown = []
        for ch in value:
            if ch in "\n\t" or ord(ch) in self._glyphs:
                shown.append(ch)
            else:
                shown.append(MISSING_GLYPH)
                self.missing = True
        return escape("".join(shown)).replace("\n", "<br/>")

    def style(self, name: str, size: float, **kw: Any) -> ParagraphStyle:
        return japanese_style(name, self.font, size, line_spacing=1.35, **kw)

    def table(
        self,
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        *,
        heading_row: bool = False,
        heading_column: bool = False,
    ) -> Table:
        table = Table([list(r) for r in rows], colWidths=list(widths), repeatRows=int(heading_row))
        style: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if heading_row:
            style.append(("BACKGROUND", (0, 0), (-1, 0), _SHADE))
        if heading_column:
            style.append(("BACKGROUND", (0, 0), (0, -1), _SHADE))
        table.setStyle(TableStyle(style))
        return table


def _stamp(generated_at: dt.datetime, account: str) -> str:
    g = generated_at.astimezone(JST)
    return f"作成 {g.year}年{g.month}月{g.day}日 {g:%H:%M}（日本時間） ・ 作成者 {account}"


def _contract_rows(w: _Writer, contract: Contract) -> list[tuple[str, str]]:
    return [
        ("個人情報取扱事業者（委託元）", w.text(contract.client or "（未設定）")),
        ("受託者", w.text(contract.contractor or "（未設定）")),
        ("契約期間", w.text(contract.period_text() or "（未設定）")),
    ]


def _facts_table(w: _Writer, rows: list[tuple[str, str]], width: float) -> Table:
    label = w.style("label", 9)
    value = w.style("value", 10)
    return w.table(
        [[Paragraph(k, label), Paragraph(v, value)] for k, v in rows],
        [48 * mm, width - 48 * mm],
        heading_column=True,
    )


def _build(
    out: IO[bytes],
    font: PdfFont,
    title: str,
    stamp: str,
    story: Callable[[float], list[Any]],
) -> int:
    page_w, page_h = A4
    width = page_w - 2 * _MARGIN_X
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
        out,
        pagesize=A4,
        pageTemplates=[PageTemplate("person", [frame])],
        title=title,
        subject="Personal data held about one person",
        creator="Reservation Desk",
        author="",
        initialFontName=font.name,
    )
    counted: list[int] = []
    doc.build(story(width), canvasmaker=numbered_canvas(_decoration(font, title, stamp), counted))
    return counted[0]


def _decoration(font: PdfFont, title: str, stamp: str) -> Callable[[Canvas, int, int], None]:
    page_w, page_h = A4
    left, right = _MARGIN_X, page_w - _MARGIN_X

    def decorate(c: Canvas, page: int, total: int) -> None:
        c.saveState()
        c.setStrokeColor(_RULE)
        c.setLineWidth(0.4)
        if page > 1:
            c.setFont(font.name, 9)
            c.drawString(left, page_h - 11 * mm, title)
            c.line(left, page_h - 13 * mm, right, page_h - 13 * mm)
        c.line(left, 17 * mm, right, 17 * mm)
        c.setFont(font.name, 8.5)
        c.drawString(left, 12.5 * mm, f"{title} ・ {FOOTER_NOTICE}")
        c.drawString(left, 8 * mm, stamp)
        c.setFont(font.name, 11)
        c.drawRightString(right, 10 * mm, f"{page} / {total}")
        c.restoreState()

    return decorate


def _when(iso: str | None) -> str | None:
    """An ISO 8601 record time as people read it: ``2022-12-19 10:05:33``."""
    if not iso:
        return iso
    try:
        return f"{dt.datetime.fromisoformat(iso).astimezone(JST):%Y-%m-%d %H:%M:%S}"
    except ValueError:
        return iso


def _phone(e164: str | None) -> str | None:
    return format_phone_national(e164) if e164 else None


# -- the disclosure ----------------------------------------------------------------------------


def render_disclosure_pdf(disclosure: Disclosure, out: IO[bytes], font: PdfFont) -> int:
    """Draw the disclosure into ``out``; returns the number of pages."""
    w = _Writer(font)
    stamp = _stamp(disclosure.generated_at, disclosure.account)

    def story(width: float) -> list[Any]:
        return _disclosure_story(w, disclosure, stamp, width)

    return _build(out, font, DISCLOSURE_TITLE, stamp, story)


def _disclosure_story(w: _Writer, d: Disclosure, stamp: str, width: float) -> list[Any]:
    heading = w.style("heading", 13, spaceBefore=5 * mm, spaceAfter=2 * mm)
    body = w.style("body", 9.5)
    cell = w.style("cell", 8)
    story: list[Any] = [
        Paragraph(DISCLOSURE_TITLE, w.style("title", 18, spaceAfter=3 * mm)),
        Paragraph(DISCLOSURE_LEAD, body),
        Spacer(0, 3 * mm),
    ]
    found_by = "受付番号" if d.found_by == "receipt" else "電話番号"
    facts = [
        *_contract_rows(w, d.contract),
        ("本人の確認に用いた項目", found_by),
        ("対象の予約", f"{len(d.reservations)} 件（{w.text(' '.join(d.receipts))}）"),
        ("作成", w.text(stamp.removeprefix("作成 "))),
    ]
    story.append(_facts_table(w, facts, width))

    story.append(Paragraph("1. 保有している予約の記録", heading))
    for index, held in enumerate(d.reservations, start=1):
        story.append(KeepTogether(_reservation_table(w, index, held, width)))
        story.append(Spacer(0, 3 * mm))

    story.append(Paragraph("2. これらの受付番号に関する操作の記録", heading))
    story.append(
        Paragraph(
            "当方の職員が行った登録・閲覧・変更などの操作の記録です（操作記録は改ざんを検出"
            "できる形で保存しています）。",
            body,
        )
    )
    story.append(Spacer(0, 2 * mm))
    if not d.history:
        story.append(Paragraph("記録はありません。", body))
    widths = [40 * mm, 50 * mm, 30 * mm]
    widths.append(width - sum(widths))
    head = [Paragraph(t, cell) for t in ("日時", "操作", "職員（アカウント）", "対象")]
    entries = list(d.history)
    for first in range(0, len(entries), _ROWS_PER_TABLE):
        rows: list[list[Any]] = [head]
        for e in entries[first : first + _ROWS_PER_TABLE]:
            label = ACTION_LABELS.get(e.action)
            action = f"{label}（{e.action}）" if label else e.action
            rows.append(
                [
                    Paragraph(w.text(_when(e.time)), cell),
                    Paragraph(w.text(action), cell),
                    Paragraph(w.text(e.account), cell),
                    Paragraph(w.text(_receipts_only(e.target, d.receipts)), cell),
                ]
            )
        story.append(w.table(rows, widths, heading_row=True))

    story.append(Paragraph("3. これらの予約を含む写し", heading))
    story.append(
        Paragraph(
            "当方のシステムの外に書き出したファイル（名簿、バックアップなど）のうち、あなたの"
            "予約を含むものと、その現在の状態です。",
            body,
        )
    )
    story.append(Spacer(0, 2 * mm))
    if not d.copies:
        story.append(Paragraph("該当する写しはありません。", body))
    else:
        widths = [16 * mm, 54 * mm, 40 * mm, 24 * mm]
        widths.append(width - sum(widths))
        rows = [
            [Paragraph(t, cell) for t in ("番号", "種類", "作成日時", "状態", "含まれる受付番号")]
        ]
        for held_copy in d.copies:
            copy = held_copy.copy
            status = COPY_STATUS_LABELS.get(copy.status, copy.status.value)
            if copy.closed_at:
                status += f"（{copy.closed_at[:10]}）"
            rows.append(
                [
                    Paragraph(f"#{copy.id}", cell),
                    Paragraph(w.text(COPY_KIND_LABELS.get(copy.kind, copy.kind.value)), cell),
                    Paragraph(w.text(_when(copy.created_at)), cell),
                    Paragraph(w.text(status), cell),
                    Paragraph(w.text(" ".join(held_copy.receipts)), cell),
                ]
            )
        story.append(w.table(rows, widths, heading_row=True))
    story.append(Spacer(0, 4 * mm))
    story.append(
        Paragraph(
            "この開示書の作成と交付も操作の記録と写しの管理簿に記録されます。"
            "内容に誤りがある場合は訂正を、不要な場合は消去を請求できます。",
            body,
        )
    )
    if w.missing:
        story.append(Paragraph(MISSING_NOTE, body))
    return story


def _receipts_only(target: str, receipts: list[str]) -> str:
    """The entry's target with other people's receipt numbers left out.

    A "find" entry lists every booking a search returned; the person is shown only that
    theirs was among them, never the others' numbers.
    """
    words = target.split()
    mine = [word for word in words if word in receipts]
    others = [word for word in words if _looks_like_receipt(word) and word not in receipts]
    if not others:
        return target
    rest = [word for word in words if not _looks_like_receipt(word)]
    return " ".join([*rest, *mine]) + f"（ほか {len(others)} 件）"


def _looks_like_receipt(word: str) -> bool:
    return len(word) == 9 and word[4] == "-" and (word[:4] + word[5:]).isdigit()


def _reservation_table(w: _Writer, index: int, held: HeldReservation, width: float) -> Table:
    r = held.reservation
    label = w.style("rlabel", 8.5)
    value = w.style("rvalue", 9.5)

    def personal(text: str | None) -> str:
        return ERASED if held.redacted_at and text is None else w.text(text)

    when = f"{r.date.year}年{r.date.month}月{r.date.day}日 {r.start:%H:%M}–{r.end:%H:%M}"
    rows: list[tuple[str, str]] = [
        ("受付番号", f"{index}. {r.receipt_display}"),
        ("地域センター", w.text(r.center)),
        ("日時", when),
        ("氏名", personal(r.name)),
        ("フリガナ", personal(r.kana)),
        ("電話番号", personal(_phone(r.phone))),
        ("状態", STATUS_LABELS.get(r.status, r.status.value)),
        ("備考", personal(r.note)),
        ("取消理由", personal(r.cancel_reason)),
        ("登録", w.text(f"{_when(r.created_at)}（{r.created_by}）")),
        ("最終更新", w.text(f"{_when(r.updated_at)}（{r.updated_by}）")),
    ]
    if held.redacted_at:
        rows.append(
            ("個人データの消去", w.text(f"{_when(held.redacted_at)}（{held.redacted_by}）"))
        )
    return w.table(
        [[Paragraph(k, label), Paragraph(v, value)] for k, v in rows],
        [34 * mm, width - 34 * mm],
        heading_column=True,
    )


# -- the correction notice ---------------------------------------------------------------------


def render_correction_pdf(
    correction: Correction,
    out: IO[bytes],
    font: PdfFont,
    generated_at: dt.datetime,
    account: str,
) -> int:
    """Draw the correction as the notice for the person; returns the pages."""
    w = _Writer(font)
    stamp = _stamp(generated_at, account)

    def story(width: float) -> list[Any]:
        body = w.style("body", 9.5)
        cell = w.style("cell", 10)
        items: list[Any] = [
            Paragraph(CORRECTION_TITLE, w.style("title", 18, spaceAfter=3 * mm)),
            Paragraph(CORRECTION_LEAD, body),
            Spacer(0, 3 * mm),
        ]
        facts = [
            *_contract_rows(w, correction.contract),
            ("受付番号", correction.receipt_display),
            ("請求の理由", w.text(correction.reason)),
            ("訂正日時", w.text(_when(correction.at))),
            ("担当者（アカウント）", w.text(correction.by)),
        ]
        items.append(_facts_table(w, facts, width))
        items.append(Spacer(0, 5 * mm))
        rows = [[Paragraph(t, cell) for t in ("項目", "訂正前", "訂正後")]]
        for change in correction.changes:
            before, after = change.before, change.after
            if change.field == "phone":
                before, after = _phone(before), _phone(after)
            rows.append(
                [
                    Paragraph(FIELD_LABELS.get(change.field, change.field), cell),
                    Paragraph(w.text(before), cell),
                    Paragraph(w.text(after), cell),
                ]
            )
        third = (width - 36 * mm) / 2
        items.append(w.table(rows, [36 * mm, third, third], heading_row=True))
        items.append(Spacer(0, 5 * mm))
        items.append(
            Paragraph(
                "訂正の事実（日時・担当者・項目・理由）は操作の記録に残ります。訂正前後の氏名・"
                "電話番号などの内容そのものは、操作の記録には含めていません。",
                body,
            )
        )
        if w.missing:
            items.append(Paragraph(MISSING_NOTE, body))
        return items

    return _build(out, font, CORRECTION_TITLE, stamp, story)
