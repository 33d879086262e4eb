"""What happens when the window meets an error nobody foresaw.

Qt would print a traceback to a console nobody reads and carry on in an unknown state.
Instead ``install_crash_handler`` shows one dialog that says what the user can do, and writes
a local log for the supervisor or the vendor.  The log holds the exception's type and where
it happened (file, line, function), never its message or any variable: those may hold a
caller's name or phone.  Bookings need no rescue here: every change is one transaction that
rolls back unless committed (``reservations/store.py``), so a crash never leaves half of one.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from reservations import version

LOG_NAME = "crash.log"
MAX_LOG_BYTES = 256 * 1024  # keep the newest reports; an old log is renamed once


def crash_log_folder() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("resdesk", appauthor=False))


def crash_report(
    kind: type[BaseException], tb: TracebackType | None, *, now: dt.datetime | None = None
) -> str:
    """The log entry: when, which version, the exception's type and the frames; no message."""
    when = (now or dt.datetime.now().astimezone()).isoformat(timespec="seconds")
    lines = [f"{when} Reservation Desk {version()} — {kind.__module__}.{kind.__qualname__}"]
    for frame in traceback.extract_tb(tb):
        lines.append(f"  {_short(frame.filename)}:{frame.lineno} in {frame.name}")
    return "\n".join(lines) + "\n"


def _short(filename: str) -> str:
    """The path from the package folder on (no user name from a home folder)."""
    parts = Path(filename).parts
    for anchor in ("reservations", "ui", "PySide6", "site-packages"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) :])
    return Path(filename).name


def write_crash_log(report: str, folder: Path | None = None) -> Path | None:
    folder = folder or crash_log_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_NAME
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, folder / (LOG_NAME + ".old"))
        with path.open("a", encoding="utf-8") as stream:
            stream.write(report)
        return path
    except OSError:
        return None


def crash_text(log: Path | None) -> str:
    text = QCoreApplication.translate(
        "crash",
        "Something went wrong inside Reservation Desk. Bookings are saved whole or not at "
        "all, so nothing was saved half-way; a booking that was not confirmed on screen was "
        "not saved.\n\nCheck the last booking in the search tab, then carry on. If it happens "
        "again, close the window, start it again and tell the supervisor.",
    )
    if log is not None:
        text += "\n\n" + QCoreApplication.translate(
            "crash", "A report without personal data was saved in {path}."
        ).format(path=log)
    return text


def install_crash_handler(
    show: Callable[[str], None] | None = None, folder: Path | None = None
) -> None:
    """Route unexpected exceptions to the log and one dialog (``show`` for tests)."""

    def show_dialog(text: str) -> None:
        if QApplication.instance() is None:
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "Reservation Desk", text)
        box.setObjectName("crashBox")
        box.exec()

    shown = show or show_dialog
    showing = [False]

    def handle(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log = write_crash_log(crash_report(kind, tb), folder)
        if showing[0]:
            # The same error again from inside the open dialog's event loop (a paint, a
            # timer): logged, but one dialog is enough.
            return
        showing[0] = True
        try:
            shown(crash_text(log))
        except Exception:  # noqa: BLE001 - a failing dialog must not recurse into here
            pass
        finally:
            showing[0] = False

    sys.excepthook = handle
