"""The call-back list as a PDF: who to phone because their slot was closed.

Pure drawing (``SlotPlanningService.write_callback_list`` registers and publishes the file).
It holds names and phones, so every page says so and asks for it to be shredded once the
calls are done.  Japanese text is drawn with the embedded TrueType font.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reservations.files import render_landscape_list
from reservations.fonts import PdfFont, japanese_style

if TYPE_CHECKING:
    from reservations.slot_planning import Callback

TITLE = "折り返し連絡リスト（予約枠の休止）"
NOTICE = (
    "この一覧には氏名・電話番号などの個人情報が含まれます。予約枠を休止したため、"
    "各予約者に電話し、別の予約枠への振替・取消を確認して、結果を予約システムに記録してください。"
    "連絡が終わったら、この一覧はシュレッダーで裁断してください。"
)
FOOTER_NOTICE = "個人情報を含みます ・ 連絡後は裁断"
OUTCOME_JA = {
    "pending": "未連絡",
    "rebooked": "振替済",
    "cancelled": "取消",
    "unreachable": "不通",
    "kept": "そのまま",
}
_WEEKDAYS = "月火水木金土日"
_ROWS_PER_TABLE = 200


def _style(name: str, font: str, size: float, **kw: Any) -> ParagraphStyle:
    return japanese_style(name, font, size, **kw)


def render_callback_pdf(
    callbacks: Sequence[Callback],
    out: IO[bytes],
    generated_at: dt.datetime,
    account: str,
    font: PdfFont,
    *,
    title: str = "",
) -> int:
    """Draw the list as an A4 landscape PDF into ``out``; returns the number of pages."""
    return render_landscape_list(
        out,
        title=TITLE,
        subject="Call-back list",
        notice=f"{TITLE} ・ {FOOTER_NOTICE}",
        font=font.name,
        generated_at=generated_at,
        account=account,
        story=lambda width, stamp: _story(callbacks, font.name, width, stamp, title),
    )


def _slot_text(c: Callback) -> str:
    s = c.slot
    return (
        f"{s.center}<br/>{s.date.isoformat()}（{_WEEKDAYS[s.date.weekday()]}） "
        f"{s.start:%H:%M}–{s.end:%H:%M}"
    )


def _story(
    callbacks: Sequence[Callback], font: str, width: float, stamp: str, title: str
) -> list[Any]:
    label = _style("label", font, 9.5)
    value = _style("value", font, 11)
    story: list[Any] = [Paragraph(TITLE, _style("title", font, 18, spaceAfter=3 * mm))]
    reasons = sorted({c.reason for c in callbacks})
    facts = [
        ("対象", title or "—"),
        ("休止理由", " ／ ".join(reasons) or "—"),
        ("件数", f"{len(callbacks)} 件"),
        ("作成", stamp.removeprefix("作成 ")),
    ]
    table = Table(
        [[Paragraph(k, label), Paragraph(escape(v), value)] for k, v in facts],
        colWidths=[28 * mm, width - 28 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#E6E6E6")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story += [table, Spacer(0, 3 * mm), Paragraph(NOTICE, _style("note", font, 9))]
    story.append(Spacer(0, 4 * mm))
    if not callbacks:
        story.append(Paragraph("連絡が必要な予約はありません", _style("empty", font, 12)))
        return story
    cell = _style("cell", font, 9.5)
    big = _style("big", font, 11)
    columns = [12 * mm, 26 * mm, 40 * mm, 40 * mm, 34 * mm, 52 * mm, 18 * mm]
    columns.append(width - sum(columns))
    heading = [
        Paragraph(text, cell)
        for text in ("番号", "受付番号", "氏名", "フリガナ", "電話番号", "元の予約枠", "結果")
    ] + [Paragraph("連絡メモ（振替先・取消など）", cell)]
    for first in range(0, len(callbacks), _ROWS_PER_TABLE):
        rows: list[list[Any]] = [heading]
        for c in callbacks[first : first + _ROWS_PER_TABLE]:
            r = c.reservation
            rows.append(
                [
                    Paragraph(str(c.id), cell),
                    Paragraph(r.receipt_display, big),
                    Paragraph(escape(r.name or "（消去済）"), big),
                    Paragraph(escape(r.kana or ""), cell),
                    Paragraph(escape(c.phone_national or "（消去済）"), big),
                    Paragraph(_slot_text(c), cell),
                    Paragraph(OUTCOME_JA.get(c.outcome.value, c.outcome.value), cell),
                    "",
                ]
            )
        chunk = Table(rows, colWidths=columns, repeatRows=1)
        chunk.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), font),
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 1), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 1), (-1, -1), 6),
                ]
            )
        )
        story.append(chunk)
    return story
