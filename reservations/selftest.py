"""``resdesk --self-test``: prove on this PC, from this build, that the app can do its job.

It runs the real code end to end in a throwaway folder: create a vault with the production
password KDF, open it again with the password, book, look the booking up by receipt number
and by phone, render a day roster PDF with an embedded Japanese font, verify the audit chain,
make and reopen a backup, then erase the vault and check its files are gone.  With Qt
available it also starts the window's toolkit offscreen and loads the Japanese catalogue, so
a frozen build missing a Qt plugin, a translation or a font fails here and not at a desk
(that check lives in ``ui.app.check_window_toolkit``; the core never imports Qt).

Every line printed says what was checked; nothing personal is involved (the caller is
fictitious and the folder is deleted).  Exit 0 when everything passed, 1 otherwise.
"""

from __future__ import annotations

import datetime as dt
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from reservations import APP_NAME, __version__

PASSWORD = "self-test-password-2026"
ACCOUNT = "selftest"
CENTER = "自己診断センター"


class _Checks:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.failed = 0

    def run(self, what: str, check: Callable[[], str]) -> bool:
        started = time.perf_counter()
        try:
            detail = check()
        except Exception as exc:  # noqa: BLE001 - report every failure, never a traceback
            self.failed += 1
            # The self-test's data is fictitious, so the exception's own text may be shown:
            # it names the missing module or file that a broken build lacks.
            message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
            self.out.write(f"FAIL  {what}: {message}\n")
            return False
        ms = (time.perf_counter() - started) * 1000
        self.out.write(f"ok    {what}: {detail} ({ms:.0f} ms)\n")
        return True


def run_self_test(
    out: TextIO = sys.stdout, *, extra: tuple[tuple[str, Callable[[], str]], ...] = ()
) -> int:
    """Run the checks, printing one line each; ``extra`` adds checks of other layers (the
    CLI passes the window toolkit's, so this module stays free of Qt)."""
    from reservations.domain import now_jst

    checks = _Checks(out)
    frozen = getattr(sys, "frozen", False)
    out.write(
        f"{APP_NAME} {__version__} self-test ({'frozen build' if frozen else 'Python'} "
        f"{platform.python_version()}, {platform.system()} {platform.machine()})\n"
    )
    work = Path(tempfile.mkdtemp(prefix="resdesk-selftest-"))
    state: dict[str, object] = {}
    try:
        db = work / "vault" / "vault.db"
        db.parent.mkdir()
        start = now_jst()
        tomorrow = (start + dt.timedelta(days=1)).date()

        def create() -> str:
            from reservations.keyslots import DEFAULT_KDF
            from reservations.vault import create_vault

            vault, key = create_vault(
                db, ACCOUNT, PASSWORD, kdf=DEFAULT_KDF, created_at=start.isoformat()
            )
            vault.close()
            for i in range(len(key)):
                key[i] = 0
            mib = DEFAULT_KDF.memory_cost_kib // 1024
            return f"SQLCipher vault and key file in {db.parent}, argon2id {mib} MiB"

        def open_and_book() -> str:
            from reservations.booking import BookingService, CallerInput
            from reservations.session import open_session
            from reservations.slots import SlotService

            vault, session = open_session(db, ACCOUNT, PASSWORD)
            state["vault"], state["session"] = vault, session
            SlotService(session).import_csv_text(
                f"center,date,start,end,capacity\n{CENTER},{tomorrow},10:00,10:30,2\n",
                create_centers=True,
            )
            slot = SlotService(session).list_slots()[0]
            booked = BookingService(session).book(
                slot.id, CallerInput("試験", "太郎", "シケン", "タロウ", "090-1234-5678")
            )
            state["receipt"] = booked.receipt
            return f"logged in with the password, slot created, booked {booked.receipt_display}"

        def look_up() -> str:
            from reservations.booking import BookingService, SearchInput
            from reservations.session import Session

            session = state["session"]
            assert isinstance(session, Session)
            service = BookingService(session)
            by_receipt = service.get(str(state["receipt"]))
            by_phone = service.find(SearchInput(phone="5678"))
            if by_receipt.receipt != state["receipt"] or len(by_phone) != 1:
                raise RuntimeError("the booking was not found again")
            return "found by receipt number and by the phone's last 4 digits"

        def roster() -> str:
            from reservations.fonts import find_japanese_font
            from reservations.roster import RosterService
            from reservations.session import Session

            session = state["session"]
            assert isinstance(session, Session)
            service = RosterService(session)
            out_pdf = work / "roster.pdf"
            pages = service.write_pdf(service.day_roster(CENTER, tomorrow), out_pdf)
            data = out_pdf.read_bytes()
            if not data.startswith(b"%PDF") or b"FontFile2" not in data:
                raise RuntimeError("the roster PDF has no embedded TrueType font")
            return f"{pages} page(s), font {find_japanese_font().path.name} embedded"

        def audit() -> str:
            from reservations.audit_service import AuditService
            from reservations.session import Session

            session = state["session"]
            assert isinstance(session, Session)
            report = AuditService(session).verify()
            if not report.ok:
                raise RuntimeError(report.problem_sentence())
            return f"hash chain intact, {report.entries} entries"

        def backup() -> str:
            from reservations.backup import BackupService
            from reservations.session import Session
            from reservations.vault import Vault, open_vault

            vault, session = state["vault"], state["session"]
            assert isinstance(vault, Vault) and isinstance(session, Session)
            usb = work / "usb"
            usb.mkdir()
            result = BackupService(session, vault).backup(usb)
            with open_vault(result.database, ACCOUNT, PASSWORD):
                pass
            shutil.rmtree(result.folder)
            return f"encrypted backup of {result.reservations} reservation(s) reopened"

        def handover() -> str:
            import pikepdf

            from reservations.handover import HandoverService
            from reservations.session import Session

            session = state["session"]
            assert isinstance(session, Session)
            result = HandoverService(session).export(work / "handover", PASSWORD)
            with pikepdf.open(result.folder / "handover.pdf", password=PASSWORD) as pdf:
                attached = sorted(pdf.attachments)
            return f"AES-256 ledger opened with its password, attachments {', '.join(attached)}"

        def erase() -> str:
            from reservations.erasure import ErasureService
            from reservations.session import Session
            from reservations.vault import Vault, vault_files

            vault, session = state["vault"], state["session"]
            assert isinstance(vault, Vault) and isinstance(session, Session)
            certificate = work / "certificate.pdf"
            result = ErasureService(session, vault).erase(
                password=PASSWORD,
                confirmation="ERASE",
                certificate=certificate,
                force=True,
                reason="self-test",
            )
            if vault_files(db) or not certificate.exists():
                raise RuntimeError("vault files remain after erasure")
            return f"{len(result.files)} files overwritten and removed, certificate written"

        steps: list[tuple[str, Callable[[], str]]] = [
            ("create a vault", create),
            ("unlock and book", open_and_book),
            ("look up", look_up),
            ("day roster PDF", roster),
            ("audit chain", audit),
            ("backup", backup),
            ("handover package", handover),
            ("certified erasure", erase),
        ]
        for what, step in steps:
            if not checks.run(what, step):
                break
        for what, check in extra:
            checks.run(what, check)
    finally:
        vault = state.get("vault")
        close = getattr(vault, "close", None)
        if callable(close):
            close()
        shutil.rmtree(work, ignore_errors=True)
    if checks.failed:
        out.write(f"self-test FAILED: {checks.failed} check(s) failed.\n")
        return 1
    out.write("self-test passed.\n")
    return 0
