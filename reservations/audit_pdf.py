"""The audit trail as a PDF for the ward: who made it, the chain's end, then every entry.

Pure drawing (``AuditService.export_pdf`` reads, audits and publishes the file).  Every string
is drawn with the embedded Japanese TrueType font; the first page prints the chain's latest
hash and the anchor so a reader can compare them with ``resdesk audit verify``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import IO, Any
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

from reservations.anchor import Anchor
from reservations.audit import AuditEntry
from reservations.fonts import PdfFont, japanese_style

TITLE = "監査ログ（操作記録）"
HOW_TO_CHECK = (
    "各記録のハッシュは SHA-256(直前の記録のハッシュ + 改行 + 正規形) の16進表記です。"
    "正規形は seq, time, account, action, target, result のキーを並べ替えた空白なしの "
    "JSON（UTF-8）、最初の記録の直前のハッシュは 0 が64個です。"
    "アンカーはデータベースの外に保存した最新の記録で、末尾の記録の削除を検出します。"
)
FOOTER_NOTICE = "個人情報を含みません（対象は受付番号・予約枠・アカウント名のみ）"
_ROWS_PER_TABLE = 200  # one Table per chunk: reportlab splits long tables slowly


@dataclass(frozen=True)
class PdfHeader:
    generated_at: dt.datetime
    account: str
    filters: str
    latest: AuditEntry | None
    anchor: Anchor | None


def _style(name: str, font: str, size: float, **kw: Any) -> ParagraphStyle:
    return japanese_style(name, font, size, **kw)


def render_audit_pdf(
    entries: list[AuditEntry], header: PdfHeader, out: IO[bytes], font: PdfFont
) -> int:
    """Draw the entries as an A4 landscape PDF into ``out``; returns the number of pages."""
    from reservations.files import render_landscape_list

    return render_landscape_list(
        out,
        title=TITLE,
        subject="Audit trail export",
        notice=f"{TITLE} ・ {FOOTER_NOTICE}",
        font=font.name,
        generated_at=header.generated_at,
        account=header.account,
        story=lambda width, stamp: _story(entries, header, font.name, width, stamp),
    )


def _story(
    entries: list[AuditEntry], header: PdfHeader, font: str, width: float, stamp: str
) -> list[Any]:
    label = _style("label", font, 9)
    value = _style("value", font, 9)
    story: list[Any] = [Paragraph(TITLE, _style("title", font, 18, spaceAfter=3 * mm))]
    latest = header.latest
    anchor = header.anchor
    facts = [
        ("作成", stamp.removeprefix("作成 ")),
        ("条件", "すべての記録" if header.filters == "all" else header.filters),
        ("件数", f"{len(entries)} 件"),
        (
            "最新の記録",
            "なし" if latest is None else f"番号 {latest.seq} ・ {latest.time}",
        ),
        ("最新のハッシュ", "—" if latest is None else latest.hash),
        (
            "アンカー",
            "なし（末尾の記録の削除は検出できません）"
            if anchor is None
            else f"番号 {anchor.seq} ・ {anchor.time}",
        ),
        ("アンカーのハッシュ", "—" if anchor is None else anchor.hash),
    ]
    table = Table(
        [[Paragraph(k, label), Paragraph(escape(v), value)] for k, v in facts],
        colWidths=[32 * mm, width - 32 * mm],
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
    story += [table, Spacer(0, 3 * mm), Paragraph(HOW_TO_CHECK, _style("note", font, 8.5))]
    story.append(Spacer(0, 4 * mm))
    if not entries:
        story.append(Paragraph("該当する記録はありません", _style("empty", font, 12)))
        return story
    cell = _style("cell", font, 7.5)
    small = _style("hash", font, 6.5)
    columns = [12 * mm, 46 * mm, 22 * mm, 24 * mm, 46 * mm, 18 * mm]
    columns.append(width - sum(columns))
    heading = [
        Paragraph(text, cell) for text in ("番号", "日時", "アカウント", "操作", "対象", "結果")
    ] + [Paragraph("ハッシュ（直前のハッシュ）", cell)]
    for first in range(0, len(entries), _ROWS_PER_TABLE):
        rows: list[list[Any]] = [heading]
        for e in entries[first : first + _ROWS_PER_TABLE]:
            rows.append(
                [
                    Paragraph(str(e.seq), cell),
                    Paragraph(escape(e.time), cell),
                    Paragraph(escape(e.account), cell),
                    Paragraph(escape(e.action), cell),
                    Paragraph(escape(e.target), cell),
                    Paragraph(escape(e.result), cell),
                    Paragraph(f'{e.hash}<br/><font color="#666666">{e.prev_hash}</font>', small),
                ]
            )
        chunk = Table(rows, colWidths=columns, repeatRows=1)
        chunk.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), font),
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#999999")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        story.append(chunk)
    return story
