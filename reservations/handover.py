"""The end-of-contract handover: one folder for the ward with everything the vault holds.

The folder holds exactly three files:

* ``handover.pdf``: the ledger (``reservations.handover_pdf``), encrypted with AES-256
  (pikepdf ``Encryption(R=6)`` on the finished file; reportlab's own AES is not readable by
  Poppler) under a password the ward receives separately, carrying ``reservations.csv``,
  ``audit.csv``, ``register.csv`` and ``keys.json`` (the public keys and every grant, to
  check the signatures with a standard tool: README.txt section 6) as attachments;
* ``README.txt``: what the package holds and how to check it, in Japanese;
* ``SHA256SUMS``: ``sha256sum``'s format over the two others.

Everything is read in one snapshot (a read transaction: bookings go on meanwhile), streamed
page by page from the store: reservations never sit in memory all at once.  The folder is
written under a temporary name next to the destination, entered in the register of copies
with the audit entry "handover-export" and the vault's handover mark in one unit of work,
and only then renamed into place, so the ward never receives half a package.

``register.csv`` is the register as it stood before this export: the package's own entry is
created after the package is complete (its SHA-256 is in it), as are the audit entries
"handover-export" and "copy-registered"; README.txt says so.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reservations import errors, grants
from reservations.audit_service import CSV_COLUMNS as AUDIT_CSV_COLUMNS
from reservations.audit_service import _pages
from reservations.contract import HANDOVER_KEY, read_contract
from reservations.domain import JST, CopyKind, CopyStatus, Reservation, Status
from reservations.files import sha256_file, sync_folder, write_error
from reservations.fonts import FontCandidate, PdfFont, find_japanese_font
from reservations.handover_pdf import (
    FALLBACK_CANDIDATES,
    STATUS_LABELS,
    LedgerCover,
    LedgerDay,
    LedgerRow,
    render_ledger,
)
from reservations.normalize import format_phone_national
from reservations.passwords import check_new_password
from reservations.permissions import Permission
from reservations.register import record_copy, register_csv
from reservations.session import Session
from reservations.signatures import b64
from reservations.spreadsheet_csv import SpreadsheetCsvWriter, spreadsheet_csv
from reservations.store import AuditQuery, UnitOfWork

PDF_NAME = "handover.pdf"
README_NAME = "README.txt"
SUMS_NAME = "SHA256SUMS"
PACKAGE_FILES = (PDF_NAME, README_NAME, SUMS_NAME)
RESERVATIONS_CSV = "reservations.csv"
AUDIT_CSV = "audit.csv"
REGISTER_CSV = "register.csv"
KEYS_JSON = "keys.json"
PASSWORD_ENV = "RESDESK_EXPORT_PASSWORD"

# The columns of reservations.csv, in order.  ``erased`` is "yes" when the person's name,
# kana, phone and note were erased at their request (those cells are then empty).
RESERVATION_COLUMNS = (
    "receipt",
    "center",
    "date",
    "start",
    "end",
    "family_name",
    "given_name",
    "family_kana",
    "given_kana",
    "phone",
    "status",
    "erased",
    "note",
    "cancel_reason",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "redacted_at",
    "redacted_by",
)
_PAGE = 2000
_AUDIT_PAGE = 5000


@dataclass(frozen=True)
class HandoverResult:
    folder: Path
    reservations: int
    erased: int
    by_status: dict[str, int]
    audit_entries: int
    audit_latest_hash: str | None
    copies: int
    pages: int
    manifest_sha256: str  # SHA-256 of SHA256SUMS: names the whole package
    copy_id: int
    generated_at: str
    files: dict[str, str] = field(default_factory=dict)  # name -> SHA-256

    def to_json(self) -> dict[str, object]:
        return {
            "folder": str(self.folder),
            "reservations": self.reservations,
            "erased": self.erased,
            "by_status": dict(self.by_status),
            "audit_entries": self.audit_entries,
            "audit_latest_hash": self.audit_latest_hash,
            "register_copies": self.copies,
            "pages": self.pages,
            "manifest_sha256": self.manifest_sha256,
            "copy_id": self.copy_id,
            "generated_at": self.generated_at,
            "files": dict(self.files),
        }


def check_package_password(password: str, account: str) -> None:
    """Refuse an empty or weak package password (the rules of account passwords)."""
    if not password or not password.strip():
        raise errors.InvalidInput(
            "The package password is empty; give one of at least 10 characters in "
            f"{PASSWORD_ENV} or at the prompt.",
            "password",
        )
    check_new_password(account, password)


def check_package_destination(out_dir: Path) -> None:
    """Refuse a destination that is a file, not empty, or in a missing folder."""
    if out_dir.exists() and not out_dir.is_dir():
        raise errors.Conflict(f"{out_dir} is a file; give a new or empty folder for the package.")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        raise errors.Conflict(
            f"The folder {out_dir} is not empty; give a new or empty folder for the package."
        )
    if not out_dir.parent.is_dir():
        raise errors.NotFound(
            f"The folder {out_dir.parent} does not exist; create it or choose another."
        )


class HandoverService:
    """The handover package (supervisors).  ``fallbacks``: fonts for characters the main
    Japanese font lacks (tests pass their own)."""

    def __init__(
        self, session: Session, *, fallbacks: Sequence[FontCandidate] = FALLBACK_CANDIDATES
    ) -> None:
        self._session = session
        self._fallbacks = fallbacks

    def export(self, out_dir: Path, password: str) -> HandoverResult:
        """Write the package into ``out_dir`` (new or empty), register and audit it."""
        s = self._session
        s.require(Permission.HANDOVER)
        check_package_password(password, s.account.name)
        out_dir = out_dir.expanduser().absolute()
        check_package_destination(out_dir)
        font = find_japanese_font()
        generated_at = s.now().astimezone(JST)
        try:
            work = Path(
                tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".part", dir=out_dir.parent)
            )
        except OSError as exc:
            raise write_error(exc, out_dir.parent) from None
        try:
            try:
                facts = self._write_files(work, password, font, generated_at)
            except OSError as exc:
                raise write_error(exc, out_dir.parent) from None
            manifest = sha256_file(work / SUMS_NAME)
            stamp = s.timestamp()
            with s.store.unit_of_work(write=True) as uow:
                previous_mark = uow.get_meta(HANDOVER_KEY) or ""
                copy_id = record_copy(
                    s,
                    uow,
                    kind=CopyKind.HANDOVER,
                    path=out_dir,
                    sha256=manifest,
                    people=facts.reservations - facts.erased,
                    scope="all",
                    description=(
                        f"handover {facts.reservations} reservations, {facts.pages} pages"
                    ),
                )
                s.audit(
                    uow,
                    "handover-export",
                    f"#{copy_id}",
                    f"{facts.reservations} reservations ({facts.erased} erased), "
                    f"{facts.audit_entries} audit entries, {facts.copies} copies, "
                    f"{facts.pages} pages",
                )
                uow.set_meta(HANDOVER_KEY, f"{stamp} #{copy_id} {manifest}")
                uow.commit()
            # Registered before it is published, as every copy is; should the rename fail
            # (the folder filled meanwhile), the entry is closed and the mark put back, so
            # the erasure never follows a package the ward cannot have received.
            try:
                _publish(work, out_dir)
            except errors.ReservationError:
                self._withdraw(copy_id, previous_mark)
                raise
        finally:
            with contextlib.suppress(OSError):
                shutil.rmtree(work)
        sync_folder(out_dir.parent)
        return HandoverResult(
            folder=out_dir,
            reservations=facts.reservations,
            erased=facts.erased,
            by_status={status.value: n for status, n in facts.by_status.items()},
            audit_entries=facts.audit_entries,
            audit_latest_hash=facts.audit_latest_hash,
            copies=facts.copies,
            pages=facts.pages,
            manifest_sha256=manifest,
            copy_id=copy_id,
            generated_at=generated_at.isoformat(timespec="seconds"),
            files={name: facts.sums[name] for name in (PDF_NAME, README_NAME)},
        )

    def _withdraw(self, copy_id: int, previous_mark: str) -> None:
        s = self._session
        with s.store.unit_of_work(write=True) as uow:
            uow.close_copy(
                copy_id,
                CopyStatus.DESTROYED.value,
                s.timestamp(),
                s.account.name,
                "never published: the folder could not be put in place",
            )
            uow.set_meta(HANDOVER_KEY, previous_mark)
            s.audit(uow, "handover-withdrawn", f"#{copy_id}", "not published")
            uow.commit()

    # -- the files -------------------------------------------------------------------------

    def _write_files(
        self, work: Path, password: str, font: PdfFont, generated_at: dt.datetime
    ) -> _Facts:
        s = self._session
        # The plaintext (CSV files, ledger parts) stays in memory: only the encrypted PDF is
        # ever written, so no unencrypted copy is left on the destination drive or in a
        # temporary folder, even after a crash.  About 25 MB for 100,000 reservations.
        attachments = {name: io.BytesIO() for name in (RESERVATIONS_CSV, AUDIT_CSV)}
        with s.store.unit_of_work(write=False) as uow:
            contract = read_contract(uow)
            latest = uow.audit_latest()
            days = [LedgerDay(c, d, n) for c, d, n in uow.handover_days()]
            counts = uow.handover_status_counts()
            by_status = {status: 0 for status in Status}
            for status, n, _erased in counts:
                by_status[status] = n
            reservations = sum(n for _s, n, _e in counts)
            erased = sum(e for _s, _n, e in counts)
            audit_entries = 0
            with spreadsheet_csv(attachments[AUDIT_CSV]) as writer:
                writer.writerow(AUDIT_CSV_COLUMNS)
                for entry in _pages(uow, AuditQuery(limit=_AUDIT_PAGE)):
                    row = entry.to_json()
                    writer.writerow([row[name] for name in AUDIT_CSV_COLUMNS])
                    audit_entries += 1
            copies = uow.list_copies(open_only=False)
            register_bytes = register_csv(copies)
            keys_bytes = keys_json(uow)
            cover = LedgerCover(
                contractor=contract.contractor,
                client=contract.client,
                period=contract.period_text(),
                generated_at=generated_at,
                account=s.account.name,
                reservations=reservations,
                by_status=by_status,
                erased=erased,
                audit_entries=audit_entries,
                audit_latest_seq=None if latest is None else latest.seq,
                audit_latest_time=None if latest is None else latest.time,
                audit_latest_hash=None if latest is None else latest.hash,
            )
            with spreadsheet_csv(attachments[RESERVATIONS_CSV]) as writer:
                writer.writerow(RESERVATION_COLUMNS)
                ledger = render_ledger(
                    lambda _index: io.BytesIO(),
                    cover,
                    days,
                    _ledger_rows(uow, writer),
                    font,
                    fallbacks=self._fallbacks,
                )
        _assemble(work / PDF_NAME, ledger.files, attachments, register_bytes, keys_bytes, password)
        ledger.files.clear()
        pages = ledger.pages
        facts = _Facts(
            reservations=reservations,
            erased=erased,
            by_status=by_status,
            audit_entries=audit_entries,
            audit_latest_hash=cover.audit_latest_hash,
            audit_latest_seq=cover.audit_latest_seq,
            copies=len(copies),
            pages=pages,
            days=len(days),
        )
        readme = work / README_NAME
        readme.write_bytes(readme_text(facts, cover).encode("utf-8-sig"))
        facts.sums = {name: sha256_file(work / name) for name in (PDF_NAME, README_NAME)}
        (work / SUMS_NAME).write_bytes(
            "".join(f"{digest}  {name}\n" for name, digest in facts.sums.items()).encode()
        )
        for name in PACKAGE_FILES:
            _fsync(work / name)
        return facts


@dataclass
class _Facts:
    reservations: int
    erased: int
    by_status: dict[Status, int]
    audit_entries: int
    audit_latest_hash: str | None
    audit_latest_seq: int | None
    copies: int
    pages: int
    days: int
    sums: dict[str, str] = field(default_factory=dict)


def keys_json(uow: UnitOfWork) -> bytes:
    """keys.json: the vault authority's public keys and every version of every grant, as the
    store holds them, for the recipe in README.txt section 6 (``reservations.signatures``).

    Entries before ``signed_from_seq`` were written before the vault had an authority and
    may be unsigned; ``null`` when it has none yet.
    """
    vault_id = uow.get_meta("vault_id") or ""
    document = {
        "vault": vault_id,
        "signed_from_seq": grants.signed_from_seq(uow),
        "authority_keys": [
            {"key": b64(authority.key), "since": authority.since}
            for authority in grants.authority_history(uow)
        ],
        "grants": [grant.to_json() for grant in uow.grants(vault_id)],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _ledger_rows(uow: UnitOfWork, writer: SpreadsheetCsvWriter) -> Iterator[LedgerRow]:
    """Every reservation in ledger order, one store page at a time; each is written to
    reservations.csv as it passes (the CSV and the ledger come from the same rows)."""
    after: tuple[str, str, str, str] | None = None
    while True:
        page = uow.handover_reservations(after, _PAGE)
        for reservation, redacted_at, redacted_by in page:
            phone = format_phone_national(reservation.phone) if reservation.phone else None
            writer.writerow(_csv_row(reservation, phone, redacted_at, redacted_by))
            yield LedgerRow(
                center=reservation.center,
                date=reservation.date,
                receipt=reservation.receipt_display,
                time=f"{reservation.start:%H:%M}–{reservation.end:%H:%M}",
                name=reservation.name,
                kana=reservation.kana,
                phone=phone,
                status=reservation.status,
            )
        if len(page) < _PAGE:
            return
        last = page[-1][0]
        after = (last.center, last.date.isoformat(), _time_text(last.start), last.receipt)


def _time_text(value: dt.time) -> str:
    """A slot's start as the store keeps it (``HH:MM``), for the paging key."""
    return value.strftime("%H:%M")


def _csv_row(
    r: Reservation, phone: str | None, redacted_at: str | None, redacted_by: str | None
) -> list[str]:
    erased = redacted_at is not None or (
        r.family_name is None and r.given_name is None and r.phone is None
    )
    values: list[str | None] = [
        r.receipt_display,
        r.center,
        r.date.isoformat(),
        r.start.strftime("%H:%M"),
        r.end.strftime("%H:%M"),
        r.family_name,
        r.given_name,
        r.family_kana,
        r.given_kana,
        phone,
        r.status.value,
        "yes" if erased else "no",
        r.note,
        r.cancel_reason,
        r.created_at,
        r.created_by,
        r.updated_at,
        r.updated_by,
        redacted_at,
        redacted_by,
    ]
    return ["" if value is None else value for value in values]


def _assemble(
    out: Path,
    parts: list[io.BytesIO],
    attachments: dict[str, io.BytesIO],
    register_bytes: bytes,
    keys_bytes: bytes,
    password: str,
) -> None:
    """Join the ledger's parts, attach the CSV files and keys.json, encrypt the finished PDF."""
    import pikepdf

    with contextlib.ExitStack() as stack:
        pdf = stack.enter_context(pikepdf.open(parts[0]))
        for part in parts[1:]:
            # qpdf copies the pages' streams from the part files while saving: they stay open.
            source = stack.enter_context(pikepdf.open(part))
            pdf.pages.extend(source.pages)
        for name, buffer in attachments.items():
            pdf.attachments[name] = pikepdf.AttachedFileSpec(
                pdf, buffer.getvalue(), filename=name, mime_type="text/csv"
            )
        pdf.attachments[REGISTER_CSV] = pikepdf.AttachedFileSpec(
            pdf, register_bytes, filename=REGISTER_CSV, mime_type="text/csv"
        )
        pdf.attachments[KEYS_JSON] = pikepdf.AttachedFileSpec(
            pdf, keys_bytes, filename=KEYS_JSON, mime_type="application/json"
        )
        # The owner password is thrown away: nobody needs to change the permissions.
        encryption = pikepdf.Encryption(
            owner=secrets.token_urlsafe(32), user=password, R=6, aes=True
        )
        pdf.save(out, encryption=encryption, compress_streams=True)


def _fsync(path: Path) -> None:
    with path.open("rb") as stream:
        os.fsync(stream.fileno())


def _publish(work: Path, out_dir: Path) -> None:
    """Rename the finished folder into place; an empty ``out_dir`` is replaced."""
    sync_folder(work)
    try:
        if out_dir.is_dir():
            # POSIX rename replaces an empty folder (and fails on a non-empty one); Windows
            # replaces none, so the empty folder goes first there.
            if os.name != "posix":
                out_dir.rmdir()
        os.rename(work, out_dir)
    except OSError as exc:
        if out_dir.is_dir() and any(out_dir.iterdir()):
            raise errors.Conflict(
                f"The folder {out_dir} is not empty; give a new or empty folder for the package."
            ) from None
        raise write_error(exc, out_dir.parent) from None


# -- README.txt -------------------------------------------------------------------------------

# README.txt section 6: the ward's check of every signature in keys.json and audit.csv with
# Python's ``cryptography`` alone, the rules of ``grants.grant_problems`` and
# ``audit_service.SignatureChecker`` written out (tests/test_handover_verify_recipe.py runs it
# on a real export).  It prints one line per problem and exits 1, or prints "OK".
RECIPE_BEGIN = "----- verify.py ここから -----"
RECIPE_END = "----- verify.py ここまで -----"
VERIFY_RECIPE = r"""import csv, hashlib, json, sys
from base64 import b64decode
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
FIELDS = "account box_key issued_at issued_by issuer role sign_key status vault version".split()
def ok(key, signature, message):  # True when the Ed25519 signature verifies
    try:
        public = Ed25519PublicKey.from_public_bytes(b64decode(key, validate=True))
        public.verify(b64decode(signature, validate=True), message)
        return True
    except Exception:
        return False
def cell(v):  # section 2: one ' before = + - @ TAB CR comes off
    return v[1:] if v[:1] == "'" and v.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r") else v
keys = json.load(open("keys.json", encoding="utf-8"))
auth, problems, mine = keys["authority_keys"], [], {}
for g in sorted(keys["grants"], key=lambda g: (g["account"], g["version"])):
    p = (mine.get(g["account"]) or [None])[-1]  # the account's version before
    mine.setdefault(g["account"], []).append(g)
    body = json.dumps({k: g[k] for k in FIELDS}, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")
    if g["issuer"] == "authority":  # the authority key in force at issued_at
        key = ([a["key"] for a in auth if a["since"] <= g["issued_at"]] or [auth[0]["key"]])[-1]
    else:  # self-issued: the version before signs it; role and status stay
        same = p and p["good"] and (p["role"], p["status"]) == (g["role"], g["status"])
        key = p["sign_key"] if same else None
    chain = g["version"] == (p["version"] + 1 if p else 1) and g["vault"] == keys["vault"]
    g["good"] = bool(key and chain and ok(key, g["signature"], b"resdesk-grant-v1\n" + body))
    if not g["good"]:
        problems.append(f"NG grant {g['account']} version {g['version']}")
prev, start, n = "0" * 64, keys["signed_from_seq"], 0
for n, row in enumerate(csv.DictReader(open("audit.csv", encoding="utf-8-sig", newline="")), 1):
    e = {k: cell(v) for k, v in row.items()}
    seq, t, gs = int(e["seq"]), e["time"], mine.get(e["account"], [])
    body = json.dumps({**{k: e[k] for k in ("account", "action", "result", "target", "time")},
                       "seq": seq}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(f"{prev}\n{body}".encode()).hexdigest()
    if (seq, e["prev_hash"], e["hash"]) != (n, prev, digest):
        problems.append(f"NG audit.csv seq {seq} breaks the hash chain (section 4)")
    prev = e["hash"]
    if not e["signature"] and (start is None or seq < start):
        continue  # written before the vault had an authority key
    message = b"resdesk-audit-v1\n" + e["hash"].encode()
    if not any(g["good"] and g["status"] == "active" and g["issued_at"] <= t
               and (i + 1 == len(gs) or gs[i + 1]["issued_at"] >= t)  # in force at time t
               and ok(g["sign_key"], e["signature"], message) for i, g in enumerate(gs)):
        problems.append(f"NG audit.csv seq {seq} account {e['account']}")
for a in auth:
    print("authority key", a["since"], hashlib.sha256(b64decode(a["key"])).hexdigest()[:16])
print("\n".join(problems) or f"OK: {len(keys['grants'])} grants, {n} entries, last hash {prev}")
sys.exit(1 if problems else 0)
"""


def readme_text(facts: _Facts, cover: LedgerCover) -> str:
    """README.txt in Japanese with CRLF line ends (Windows Notepad shows it as it is)."""
    generated = cover.generated_at.astimezone(JST)
    by_status = "\n".join(
        f"    {label}: {facts.by_status.get(status, 0):,} 件"
        for status, label in STATUS_LABELS.items()
    )
    latest = (
        "（記録なし）"
        if facts.audit_latest_seq is None
        else f"番号 {facts.audit_latest_seq}\n    ハッシュ {facts.audit_latest_hash}"
    )
    text = f"""引継ぎパッケージ（電話予約受付業務の予約記録）
==================================================

作成日時: {generated:%Y-%m-%d %H:%M}（日本時間）
作成者: {cover.account}
受託者: {cover.contractor or "（未設定）"}
委託者: {cover.client or "（未設定）"}
契約期間: {cover.period or "（未設定）"}


1. このフォルダの中身
--------------------

  handover.pdf   引継ぎ台帳（PDF、AES-256 で暗号化）。表紙のあと、地域センター・日付ごとに
                 すべての予約（受付番号・時間・氏名・フリガナ・電話番号・状態）を載せています。
                 次の4つのファイルを添付しています。
                   reservations.csv  すべての予約の全項目
                   audit.csv         監査ログ（操作記録）と各記録のハッシュ・署名
                   register.csv      個人情報を含む写しの管理簿
                   keys.json         署名を確かめるための公開鍵と、職員の権限の記録（6.）
  README.txt     このファイル
  SHA256SUMS     上の2つのファイルの SHA-256 ハッシュ値

  予約件数: {facts.reservations:,} 件（台帳 {facts.pages:,} ページ）
{by_status}
    うち本人の求めにより個人情報を削除した予約: {facts.erased:,} 件
  監査ログ: {facts.audit_entries:,} 件
  管理簿: {facts.copies:,} 件


2. PDF の開き方
---------------

  handover.pdf はパスワードで保護されています。パスワードはこのパッケージとは別の方法
  （別便・電話など）でお知らせします。パスワードを同じ媒体に書かないでください。

  Adobe Acrobat Reader で開き、パスワードを入力してください。添付ファイルは、左側の
  クリップのアイコン（「添付ファイル」）から開くか保存できます。

  CSV ファイルは UTF-8（BOM付き）・改行 CRLF・全項目を二重引用符で囲んだ形式です。
  Excel でそのまま開けます。= + - @ で始まる項目（氏名・メモなど）は、Excel が数式
  として実行せず文字として表示するよう、先頭に ' を付けて書いています（元の値は、
  その ' を除いたものです）。氏名などが台帳の PDF で「〓」と表示されている場合、
  正しい文字は reservations.csv にあります（フォントに無い文字です）。
  本人の求めにより削除した予約は、reservations.csv の erased 列が yes で、
  氏名・フリガナ・電話番号・メモが空欄です（件数と状態は残っています）。


3. ファイルが改ざんされていないことの確かめ方
--------------------------------------------

  SHA256SUMS に handover.pdf と README.txt のハッシュ値があります。

  Linux / macOS:  このフォルダで  sha256sum -c SHA256SUMS
                  （macOS では  shasum -a 256 -c SHA256SUMS）
                  すべて「OK」と表示されれば一致しています。

  Windows（PowerShell）:  このフォルダで
      Get-FileHash -Algorithm SHA256 handover.pdf
      Get-FileHash -Algorithm SHA256 README.txt
    表示された Hash の値を SHA256SUMS の値と比べてください（大文字・小文字の違いは
    同じ値です）。

  このパッケージ全体は、SHA256SUMS ファイル自体の SHA-256 で識別されます。受託者の
  写しの管理簿と、データ消去証明書にこの値を記載します。


4. 監査ログ（audit.csv）の確かめ方
----------------------------------

  監査ログの各記録は直前の記録のハッシュを含む「ハッシュの鎖」になっています。記録の
  変更・削除・並べ替えがあると鎖が切れます。audit.csv の列は
  seq, time, account, action, target, result, prev_hash, hash, signature です
  （signature は 6. の署名）。

  各記録について:
    正規形 = {{"account","action","result","seq","target","time"}} の6項目を
             キーの名前順に並べ、空白を入れず、日本語をそのまま UTF-8 で書いた JSON
             （seq は数値、ほかは文字列）
    hash   = SHA-256( prev_hash + 改行(LF) + 正規形 ) の16進表記（小文字）

  1件目の prev_hash は 0 が64個、2件目以降の prev_hash は直前の記録の hash です。
  ただし 2. のとおり、= + - @・タブ・CR で始まる項目には書き出すときに ' を1つ
  付けています（' が並んだあとにそれらが続く項目にも、さらに1つ付けます）。
  そうした項目は、先頭の ' を1つ除いた値で計算してください。
  最後の記録の hash が、台帳の表紙に印刷した「最新のハッシュ」と一致することを
  確かめてください:
    {latest}

  なお、この引継ぎパッケージの作成自体の記録（監査ログの "handover-export" と
  "copy-registered"、管理簿へのこのパッケージの登録）は、パッケージの完成後に書かれる
  ため、添付の audit.csv と register.csv には含まれません。


5. 取扱い
---------

  このパッケージには個人情報が含まれます。受領後は委託者の規程に従って保管してください。
  受託者は、受領の確認後に予約データベースを消去し、データ消去証明書を提出します。


6. 署名の確かめ方
-----------------

  ハッシュの鎖（4.）は、データベースを開ける職員なら計算し直せます。そのため、職員ごとの
  権限（アカウント名・役割・状態・公開鍵）は「管理鍵」（責任者だけが使える鍵）が署名し、
  監査ログの各記録は操作した職員が自分の鍵で署名しています（Ed25519、Base64 で表記）。
  添付の keys.json（UTF-8 の JSON）に、vault（データベースの識別子）、authority_keys
  （管理鍵の公開鍵 key と使用開始日時 since）、grants（すべての職員の権限の全版）、
  signed_from_seq（署名が始まった監査ログの番号）があります。

  署名の対象（バイト列、改行は LF）:
    権限      "resdesk-grant-v1" + 改行 + 正規形
              正規形 = account, box_key, issued_at, issued_by, issuer, role, sign_key,
              status, vault, version の10項目をキーの名前順に並べ、空白を入れず、日本語を
              そのまま UTF-8 で書いた JSON（version は数値、ほかは文字列）
              issuer が "authority" なら issued_at の時点の管理鍵で、"account"（職員が
              自分でパスワードを変えたときの新しい鍵）なら同じ職員の一つ前の版の sign_key
              で確かめます。"account" の版は役割と状態を変えられません。
    監査ログ  "resdesk-audit-v1" + 改行 + hash（audit.csv の hash 列の64文字）
              その記録の時刻に有効だった、その職員の権限（状態 active）の sign_key で
              確かめます。seq が signed_from_seq より小さい記録は署名がない場合があります。

  Python 3 と cryptography（pip install cryptography）での確かめ方: 下の「ここから」と
  「ここまで」の間の行を verify.py として保存し、添付の keys.json と audit.csv を保存した
  フォルダで  python verify.py  を実行します。4. のハッシュの鎖も計算し直します。
  すべて確かめられれば「OK」で始まる行に最後の記録の hash を表示します（台帳の表紙の
  「最新のハッシュ」と比べてください）。問題があれば1件ごとに「NG」で始まる行を表示し、
  終了コード 1 で終わります。
  最初に、管理鍵ごとに使用開始日時と指紋（公開鍵の SHA-256 の先頭16桁）を表示します。

{RECIPE_BEGIN}
{VERIFY_RECIPE.strip()}
{RECIPE_END}

  OpenSSL 3 で監査ログの1件を確かめるには（Linux / macOS）: audit.csv のその行の hash と
  signature（先頭の ' は除く）、keys.json のその職員の sign_key を、それぞれ HASH、SIG、
  KEY に入れて（例: KEY='...'）、次の5行を実行します。pub.pem は32バイトの公開鍵の前に
  Ed25519 の決まった12バイト（Base64 で MCowBQYDK2VwAyEA）を付けたものです。
    printf 'resdesk-audit-v1\\n%s' "$HASH" > msg.bin
    printf '%s' "$SIG" | openssl base64 -d -A > sig.bin
    printf '%s\\n' '-----BEGIN PUBLIC KEY-----' "MCowBQYDK2VwAyEA$KEY" > pub.pem
    printf '%s\\n' '-----END PUBLIC KEY-----' >> pub.pem
    openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in msg.bin -sigfile sig.bin
  「Signature Verified Successfully」と表示されれば、その署名は正しいものです。

  署名で分かるのは、権限が管理鍵によるものであること、各記録がその時に権限を持っていた
  職員の鍵によるものであることです。職員が自分のパスワードでデータベースを書き換えても、
  他の職員や管理鍵の署名は作れません。ただし、ファイル一式を古い写しに戻すことや、
  最後の記録を削ることは署名だけでは分かりません。受託者の PC の外に控えた最新の
  ハッシュがあれば、audit.csv にその記録があることを確かめてください。
"""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")
