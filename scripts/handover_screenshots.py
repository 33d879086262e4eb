"""PNG pictures of the handover ledger for ``docs/screenshots/``: page 1 and a middle page.

    .venv/bin/python scripts/handover_screenshots.py

Builds a throwaway demo vault (600 fictitious reservations, fixed seed, fixed clock) with the
contract's facts set, books one resident whose name has a character the embedded font lacks
(𠮷, so the picture shows the mark and its footnote), exports the handover package and renders
the encrypted PDF with Poppler's ``pdftoppm`` (password via ``-upw``).  The middle page is the
one with the mark.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT_DIR = ROOT / "docs" / "screenshots"
SEED = 20221216
RESERVATIONS = 600
PASSWORD = "ward-handover-demo-2023"
NOW = dt.datetime(2022, 12, 16, 9, 30)
DPI = 110


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/handover_screenshots.py", description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder for the PNG files")
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: install poppler-utils.", file=sys.stderr)
        return 1

    from pypdf import PdfReader

    from reservations.booking import BookingService, CallerInput
    from reservations.contract import Contract, ContractService
    from reservations.demo import DEMO_ACCOUNTS, build_demo
    from reservations.domain import JST
    from reservations.handover import HandoverService
    from reservations.handover_pdf import MISSING_MARK
    from reservations.keyslots import TEST_KDF
    from reservations.session import open_session
    from reservations.slots import SlotService

    now = NOW.replace(tzinfo=JST)
    with tempfile.TemporaryDirectory(prefix="resdesk-handover-shots-") as folder:
        work = Path(folder)
        db = work / "demo.db"
        build_demo(db, reservations=RESERVATIONS, seed=SEED, kdf=TEST_KDF, clock=lambda: now)
        vault, session = open_session(
            db, "supervisor", DEMO_ACCOUNTS["supervisor"][1], clock=lambda: now
        )
        with vault:
            ContractService(session).set(
                Contract(
                    contractor="株式会社みどり電話受付サービス",
                    client="新宿区",
                    start=dt.date(2022, 4, 1),
                    end=dt.date(2023, 3, 31),
                    retention_end=dt.date(2023, 4, 30),
                )
            )
            booking = BookingService(session)
            slots = [s for s in SlotService(session).list_slots() if s.available and s.is_open]
            booking.book(
                slots[len(slots) // 40].id,
                CallerInput("𠮷田", "直子", "ヨシダ", "ナオコ", "090-2468-1357"),
            )
            package = work / "handover"
            result = HandoverService(session).export(package, PASSWORD)
        pdf = package / "handover.pdf"
        reader = PdfReader(pdf)
        reader.decrypt(PASSWORD)
        marked = [
            n
            for n, page in enumerate(reader.pages, start=1)
            if n > 1 and MISSING_MARK in page.extract_text()
        ]
        middle = marked[0] if marked else (result.pages + 1) // 2
        args.out.mkdir(parents=True, exist_ok=True)
        for page, name in ((1, "handover_ledger_p1"), (middle, "handover_ledger_middle")):
            subprocess.run(
                [
                    "pdftoppm", "-png", "-r", str(DPI), "-singlefile", "-upw", PASSWORD,
                    "-f", str(page), "-l", str(page), str(pdf), str(args.out / name),
                ],
                check=True,
            )  # fmt: skip
            print(f"{args.out / name}.png: page {page} of {result.pages}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
