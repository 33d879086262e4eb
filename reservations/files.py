"""Files that leave the vault: written whole or not at all, with one sentence on failure.

Every PDF or CSV the app writes (rosters, audit exports, disclosures, call-back lists, the
handover) goes through ``atomic_file``: a temporary file in the target folder, fsync, then a
publish that never replaces an existing file unless asked.  ``on_written`` runs between the
fsync and the publish, with the finished temporary file: the register of copies records the
file's SHA-256 there, so no copy is published without its register entry.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from reportlab.pdfgen.canvas import Canvas

from reservations import errors
from reservations.leftovers import PART_SUFFIX, export_part_prefix


def check_destination(out: Path, *, overwrite: bool, suffix: str = ".pdf") -> None:
    """Refuse a destination that is a folder, in a missing folder, or taken."""
    if out.is_dir():
        raise errors.InvalidInput(f"{out} is a folder; give a file name ending in {suffix}.", "out")
    if not out.parent.is_dir():
        raise errors.NotFound(
            f"The folder {out.parent} does not exist; create it or choose another."
        )
    if out.exists() and not overwrite:
        raise exists_error(out)


@contextlib.contextmanager
def atomic_file(
    out: Path,
    *,
    overwrite: bool,
    on_written: Callable[[Path], None] | None = None,
) -> Iterator[IO[bytes]]:
    """A temporary file next to ``out`` that becomes ``out`` only when the block succeeds."""
    folder = out.parent
    check_destination(out, overwrite=overwrite, suffix=out.suffix or ".pdf")
    try:
        # The writer's PID in the name: a file left by a killed process is told from one
        # still being written, and removed at the next start (``reservations.leftovers``).
        fd, tmp_name = tempfile.mkstemp(prefix=export_part_prefix(), suffix=PART_SUFFIX, dir=folder)
    except OSError as exc:
        raise write_error(exc, folder) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if on_written is not None:
            on_written(tmp)
        _publish(tmp, out, overwrite=overwrite)
    except OSError as exc:
        raise write_error(exc, folder) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    sync_folder(folder)


def _publish(tmp: Path, out: Path, *, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, out)
        return
    try:
        # A hard link never replaces an existing file, so a file that appeared meanwhile
        # (another roster printed to the same name) is not lost.
        os.link(tmp, out)
    except FileExistsError:
        raise exists_error(out) from None
    except OSError:
        # File systems without hard links (FAT on a USB stick): check, then rename.
        if out.exists():
            raise exists_error(out) from None
        os.replace(tmp, out)


def sync_folder(folder: Path) -> None:
    """fsync a folder so that a rename in it survives power loss (no-op off POSIX)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def exists_error(out: Path) -> errors.Conflict:
    return errors.Conflict(f"{out} already exists; choose another name or use --force.")


def write_error(exc: OSError, folder: Path) -> errors.ReservationError:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return errors.DiskFull(f"The disk holding {folder} is full; free some space.")
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return errors.StorageError(
            f"The folder {folder} cannot be written (permission denied or read-only)."
        )
    return errors.StorageError(
        f"The file could not be written to {folder} ({exc.strerror or type(exc).__name__})."
    )


def numbered_canvas(
    decorate: Callable[[Canvas, int, int], None], counted: list[int]
) -> Callable[..., Canvas]:
    """A canvas maker that holds every page back until the total page count is known.

    Holds every page in memory: fine for rosters and audit exports, not for a ledger of
    100,000 reservations (the handover counts its pages in a first pass instead).
    """

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                decorate(self, self._pageNumber, total)
                super().showPage()
            counted.append(total)
            super().save()

    return NumberedCanvas


def render_landscape_list(
    out: IO[bytes],
    *,
    title: str,
    subject: str,
    notice: str,
    font: str,
    generated_at: dt.datetime,
    account: str,
    story: Callable[[float, str], list[Any]],
) -> int:
    """An A4 landscape list (audit export, call-back list): ``story(width, stamp)`` gives the
    flowables; every page gets a footer with what the document is (``notice``), who made it
    when, and "n / N".  Returns the number of pages."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from reservations.domain import JST

    margin = 15 * mm
    page_w, page_h = landscape(A4)
    width = page_w - 2 * margin
    frame = Frame(margin, 20 * mm, width, page_h - 35 * mm, 0, 0, 0, 0)
    doc = BaseDocTemplate(
        out,
        pagesize=landscape(A4),
        pageTemplates=[PageTemplate("list", [frame])],
        title=title,
        subject=subject,
        creator="Reservation Desk",
        author="",
        initialFontName=font,
    )
    generated = generated_at.astimezone(JST)
    stamp = f"作成 {generated:%Y-%m-%d %H:%M}（日本時間） ・ 作成者 {account}"
    left, right = margin, page_w - margin

    def decorate(c: Canvas, page: int, total: int) -> None:
        c.saveState()
        c.setStrokeColor(colors.HexColor("#999999"))
        c.setLineWidth(0.4)
        c.line(left, 15 * mm, right, 15 * mm)
        c.setFont(font, 8)
        c.drawString(left, 10.5 * mm, notice)
        c.drawString(left, 6.5 * mm, stamp)
        c.setFont(font, 10)
        c.drawRightString(right, 8 * mm, f"{page} / {total}")
        c.restoreState()

    counted: list[int] = []
    doc.build(story(width, stamp), canvasmaker=numbered_canvas(decorate, counted))
    return counted[0]
