"""The erasure certificate (データ消去証明書) as Japanese municipal contract clauses ask for it.

Items erased, media, number of records, method, responsible person, date and time, the
SHA-256 of every erased file taken just before, the handover manifest's hash, the backups
and paper recovery sheets still to be destroyed, and lines for the witness's signature.
It also says plainly what the erasure did and what no overwrite on a file system can promise,
and whether the vault's volume was found to be encrypted.
Pure drawing: ``ErasureService.erase`` gathers the facts and owns the file.
"""

from __future__ import annotations

from typing import IO, Any
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

from reservations.domain import JST
from reservations.erasure import METHOD, ErasureResult, Handover
from reservations.files import numbered_canvas
from reservations.fonts import PdfFont, japanese_style
from reservations.leftovers import LeftoverKind
from reservations.volume_encryption import VolumeEncryption, VolumeState

TITLE = "データ消去証明書"
ITEMS = (
    "予約受付業務で取り扱った予約データ一式（氏名・ふりがな・電話番号・予約枠・受付番号・"
    "メモ・取消理由）、監査ログ（操作記録）、写しの管理簿、アカウントの鍵スロット"
)
VOLUME_LABEL = "保存先ボリュームの暗号化"
DONE = (
    "1. 鍵ファイル（全アカウントの鍵スロット）を、同じファイル（同一の i ノード）の上から全長に"
    "わたり乱数で上書きし、ディスクへの書き込みを確認（fsync）したうえで削除しました。データベース"
    "を開く鍵はこれで失われ、暗号化されたデータベースのページがどこに残っていても、鍵なしでは"
    "読めません（紙の復旧シートと、下の表のバックアップを除く）。\n"
    "2. データベース本体・ジャーナル・監査アンカー・ログイン失敗記録と、中断された書き込みが残した"
    "一時ファイルを、同じ方法で上書きして削除しました。"
)
LIMITS = (
    "上書きで元のデータが消えるのは、ファイルシステムと記憶装置が同じ場所に書き込む場合だけです。"
    "次の場合には以前のデータが記憶装置に残り得るため、本証明書はそれらの消去を証明しません。\n"
    "・SSD・USB メモリなどフラッシュ記憶装置のウェアレベリング（上書きが別のブロックに書かれ、"
    "元のブロックが予備領域に残る）\n"
    "・コピーオンライト型・ジャーナリング型のファイルシステム（Btrfs・ZFS・APFS・ReFS、"
    "NTFS・ext4 のジャーナルなど）\n"
    "・スナップショット（LVM・Btrfs・ZFS・仮想マシン・NAS）\n"
    "・Windows のボリューム シャドウ コピー（システムの復元・以前のバージョン）\n"
    "・バックアップ・同期ソフトによる複製（OneDrive・ファイル履歴など）\n"
    "・鍵ファイルとログイン失敗記録の、以前に保存し直された古い版（空き領域に残り得る。古い鍵"
    "ファイルは、当時有効だったパスワードとともにデータ鍵を取り出せます）\n"
    "保存先ボリュームの全体暗号化（BitLocker・LUKS など）は本アプリケーションの利用条件です。"
    "暗号化されたボリュームでは、これらの残りもボリュームの鍵なしでは読めません。記憶装置を廃棄・"
    "返却するときは、媒体全体の消去（NIST SP 800-88 の Purge）または物理的な破壊を行ってください。"
)
_LEFTOVER_KINDS = {
    LeftoverKind.BACKUP: "中断されたバックアップ（データベースの写しと鍵ファイル）",
    LeftoverKind.EXPORT: "書き込み途中の PDF・CSV",
    LeftoverKind.HANDOVER: "書き込み途中の引渡しパッケージ",
    LeftoverKind.ANCHOR: "監査アンカーの一時ファイル",
    LeftoverKind.KEY_FILE: "鍵ファイルの一時ファイル",
    LeftoverKind.SIDE_FILE: "保管庫の一時ファイル",
}
_MARGIN = 18 * mm
_GRID = colors.HexColor("#888888")
_SHADE = colors.HexColor("#EEEEEE")


def _style(name: str, font: str, size: float, **kw: Any) -> ParagraphStyle:
    return japanese_style(name, font, size, line_spacing=1.45, **kw)


def _jp_time(value: Any) -> str:
    t = value.astimezone(JST)
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M:%S}（日本時間）"


def volume_text(volume: VolumeEncryption) -> str:
    """The certificate's line on the encryption of the vault's volume."""
    found = volume.description_ja or volume.description
    if volume.state is VolumeState.ENCRYPTED:
        return f"暗号化されています（{found}）"
    if volume.state is VolumeState.NOT_ENCRYPTED:
        return (
            f"暗号化されていません（{found}）。利用条件（保存先ボリュームの全体暗号化）"
            "を満たしていません"
        )
    return f"確認できませんでした（{found}）。BitLocker・LUKS などの設定を別途確認してください"


def render_certificate(result: ErasureResult, out: IO[bytes], font: PdfFont) -> int:
    """Draw the certificate into ``out``; returns the number of pages."""
    page_w, page_h = A4
    width = page_w - 2 * _MARGIN
    frame = Frame(_MARGIN, 18 * mm, width, page_h - 18 * mm - 16 * mm, 0, 0, 0, 0, id="body")
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        pageTemplates=[PageTemplate("certificate", [frame])],
        title=TITLE,
        subject="Certificate of data erasure",
        creator="Reservation Desk",
        author="",
        initialFontName=font.name,
    )
    stamp = f"{TITLE} ・ 作成 {_jp_time(result.finished_at)} ・ {result.account}"
    counted: list[int] = []

    def decorate(c: Canvas, page: int, total: int) -> None:
        c.saveState()
        c.setFont(font.name, 8)
        c.setFillColor(colors.HexColor("#444444"))
        c.drawString(_MARGIN, 9 * mm, stamp)
        c.setFont(font.name, 10)
        c.drawRightString(page_w - _MARGIN, 9 * mm, f"{page} / {total}")
        c.restoreState()

    doc.build(_story(result, font.name, width), canvasmaker=numbered_canvas(decorate, counted))
    return counted[0]


def _story(result: ErasureResult, font: str, width: float) -> list[Any]:
    plan = result.plan
    contract = plan.contract
    title = _style("title", font, 18, alignment=1, spaceAfter=4 * mm)
    body = _style("body", font, 10)
    small = _style("small", font, 8)
    mono = _style("mono", font, 7.2, leading=9)
    head = _style("head", font, 11, spaceBefore=4 * mm, spaceAfter=2 * mm)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    client = contract.client or "（委託元）"
    contractor = contract.contractor or "（受託者）"
    period = contract.period_text() or "（未設定）"
    finished = result.finished_at.astimezone(JST)
    story: list[Any] = [
        p(TITLE, title),
        p(
            f"{finished.year}年{finished.month}月{finished.day}日",
            _style("r", font, 10, alignment=2),
        ),
        p(f"{client}　御中", _style("to", font, 12, spaceBefore=2 * mm)),
        p(f"{contractor}\n実施責任者　{result.account}", _style("from", font, 10, alignment=2)),
        Spacer(1, 4 * mm),
        p(
            f"契約期間 {period} の業務委託契約に基づき取り扱った個人情報を含むデータを、"
            "下記のとおり消去したことを証明します。"
        ),
        Spacer(1, 2 * mm),
        p("記", _style("ki", font, 11, alignment=1)),
    ]
    handover = plan.handover
    rows = [
        ("消去対象", ITEMS),
        (
            "記録件数",
            f"予約 {plan.reservations:,} 件、アカウント {len(plan.accounts)} 件、"
            f"監査記録 {plan.audit_entries:,} 件",
        ),
        (
            "媒体",
            f"業務用PC（ホスト名 {result.host or '不明'}）の内蔵記憶装置\n"
            f"フォルダ {plan.database.parent}",
        ),
        ("消去方法", METHOD),
        (VOLUME_LABEL, volume_text(plan.volume)),
        ("実施日時", f"{_jp_time(result.started_at)} ～ {_jp_time(result.finished_at)}"),
        ("実施責任者", result.account),
        ("引渡し", _handover_text(handover)),
        ("監査ログの最終記録", f"#{plan.audit_entries}　{plan.last_audit_hash}"),
    ]
    table = Table(
        [[p(k), p(v)] for k, v in rows],
        colWidths=[34 * mm, width - 34 * mm],
    )
    table.setStyle(_grid())
    story += [table, p("消去したファイル（消去直前の SHA-256）", head)]
    files = [[p("ファイル", small), p("バイト数", small), p("SHA-256", small)]]
    vault_folder = plan.database.parent
    files += [
        [
            p(
                (f.path.name if f.path.parent == vault_folder else str(f.path))
                + ("" if f.problem is None else f"\n（削除できず：{f.problem}）"),
                small,
            ),
            p(f"{f.size:,}", small),
            p(f.sha256, mono),
        ]
        for f in result.files
    ]
    ftable = Table(files, colWidths=[45 * mm, 22 * mm, width - 67 * mm], repeatRows=1)
    ftable.setStyle(_grid(header=True))
    story.append(ftable)
    if plan.leftovers:
        story.append(p("中断された書き込みの残り（上の表のとおり上書きして削除）", head))
        story.append(
            p("\n".join(f"・{_LEFTOVER_KINDS[x.kind]}：{x.path}" for x in plan.leftovers), small)
        )
    story.append(p("この消去で行ったこと", head))
    story.append(p(DONE, small))
    story.append(p("ファイルシステムと記憶装置が保証できないこと", head))
    story.append(p(LIMITS, small))

    story.append(p("残存する写し・紙の処分（立会いのもとで実施し、チェックしてください）", head))
    leftovers = [[p("処分", small), p("対象", small), p("状態", small)]]
    leftovers.append(
        [
            p("□", body),
            p(
                f"紙の復旧シート（回復キー） {plan.recovery_sheets} 枚：金庫から取り出し、"
                "シュレッダーで裁断（旧シートは過去のバックアップを開けるため、すべて裁断）",
                small,
            ),
            p("未処分", small),
        ]
    )
    for copy in plan.backups:
        status = {"open": "未処分", "destroyed": "廃棄済", "handed-over": "引渡済"}[copy.status]
        leftovers.append(
            [
                p("□" if copy.status == "open" else "■", body),
                p(f"バックアップ #{copy.id} {copy.created_at[:16]}　{copy.path}", small),
                p(status, small),
            ]
        )
    ltable = Table(leftovers, colWidths=[12 * mm, width - 37 * mm, 25 * mm], repeatRows=1)
    ltable.setStyle(_grid(header=True))
    story.append(ltable)

    if result.forced_reason is not None:
        story.append(p("未解決のまま実施した理由", head))
        lines = [result.forced_reason]
        if plan.handover is None:
            lines.append("・引渡しパッケージが作成されていません。")
        lines += [
            f"・写し #{c.id}（{c.kind.value}、{c.created_at[:10]}、{c.people} 人分）{c.path}"
            for c in plan.open_copies
        ]
        story.append(p("\n".join(lines), small))

    signature = Table(
        [
            [p("実施責任者　署名"), p(""), p("日付"), p("")],
            [p("立会人　所属・氏名"), p(""), p("署名"), p("")],
        ],
        colWidths=[38 * mm, width - 38 * mm - 55 * mm, 15 * mm, 40 * mm],
        rowHeights=[14 * mm, 14 * mm],
    )
    signature.setStyle(_grid())
    story += [Spacer(1, 6 * mm), KeepTogether([p("署名欄", head), signature])]
    story.append(p("以上", _style("end", font, 10, alignment=2, spaceBefore=3 * mm)))
    return story


def _handover_text(handover: Handover | None) -> str:
    if handover is None:
        return "引渡しパッケージ未作成"
    return (
        f"{handover.at[:19]} に作成（写しの管理簿 #{handover.copy_id}）\n"
        f"SHA256SUMS の SHA-256: {handover.manifest_sha256}"
    )


def _grid(*, header: bool = False) -> TableStyle:
    commands: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.5, _GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (0, -1), _SHADE),
    ]
    if header:
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.5, _GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
        ]
    return TableStyle(commands)
