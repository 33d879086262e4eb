"""The one writer of every CSV file the desk produces, in the form the ward's Excel opens safely.

Names, notes and reasons are typed by operators; Excel runs a cell that begins with ``=``,
``+``, ``-`` or ``@`` (or a tab or carriage return) as a formula, so a booking made for
``=HYPERLINK(...)`` would become a live link in the ward's copy (CSV injection).  Every cell
passes through ``neutralize_cell``, which puts an apostrophe before such a cell, as OWASP's
CSV-injection rule says; Excel then shows it as text.  The dialect is the one Japanese Excel
opens as it is: UTF-8 with a BOM, CRLF line ends, every field quoted.

The rule is applied to every cell, numbers included: a negative number or an E.164 phone
(``+81...``) would be prefixed as well.  None of our files holds one today (counts are never
negative, phones are written in the national form ``090-...``).  The desk never reads its own
CSV files back (the slot import reads the supervisor's file, which the desk does not write), so
nothing here has to undo the prefix; ``restore_cell`` is the exact inverse, which README.txt
tells the ward to apply before recomputing the audit chain from ``audit.csv``.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from _csv import Writer

# What makes Excel (and LibreOffice) read a cell as a formula: OWASP's list.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TEXT_PREFIX = "'"


def neutralize_cell(value: object) -> str:
    """The cell as written: ``'`` before a cell Excel would run as a formula; ``None`` is "".

    A cell that already begins with apostrophes followed by a trigger (``'=x``) gets one more
    too, so that ``restore_cell`` gives back exactly what was stored, whatever it was.
    """
    text = "" if value is None else str(value)
    if text.lstrip(TEXT_PREFIX).startswith(FORMULA_TRIGGERS):
        return TEXT_PREFIX + text
    return text


def restore_cell(text: str) -> str:
    """The stored value of a cell ``neutralize_cell`` wrote (the inverse of it)."""
    if text.startswith(TEXT_PREFIX) and text.lstrip(TEXT_PREFIX).startswith(FORMULA_TRIGGERS):
        return text[len(TEXT_PREFIX) :]
    return text


class SpreadsheetCsvWriter:
    """Writes rows of cells, each one neutralized, with every field quoted and CRLF ends."""

    def __init__(self, writer: Writer) -> None:
        self._writer = writer

    def writerow(self, cells: Iterable[object]) -> None:
        self._writer.writerow([neutralize_cell(cell) for cell in cells])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


@contextlib.contextmanager
def spreadsheet_csv(stream: IO[bytes]) -> Iterator[SpreadsheetCsvWriter]:
    """Write a CSV file to the binary ``stream`` row by row (the BOM comes with the first row).

    ``stream`` is left open: the caller owns it (an atomic file, an in-memory attachment).
    """
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        yield SpreadsheetCsvWriter(csv.writer(text, quoting=csv.QUOTE_ALL, lineterminator="\r\n"))
    finally:
        text.flush()
        # Without detach the wrapper would close the caller's stream when it is collected.
        text.detach()


def spreadsheet_csv_bytes(rows: Iterable[Iterable[object]]) -> bytes:
    """A whole CSV file in memory, for the small ones (register, call-backs, statistics)."""
    buffer = io.BytesIO()
    with spreadsheet_csv(buffer) as writer:
        writer.writerows(rows)
    return buffer.getvalue()
