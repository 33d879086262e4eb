"""A child process that books through the service layer, for the durability tests.

Run as ``python -m tests.helpers.booking_worker MODE ...`` with ``RESDESK_DB``,
``RESDESK_USER`` and ``RESDESK_PASSWORD`` in the environment (``TestVault.env()``) and the
project root on ``PYTHONPATH``.  It speaks JSON lines on stdout, one line per event, flushed
at once, so the parent can wait for exactly the event it needs (no sleeps):

``serve``  opens a session, prints ``{"event": "ready"}`` and then runs one command per line
           read from stdin (``book``, ``move``, ``cli``, ``quit``), answering each with one
           line.  Two servers blocked on their stdin are released by the parent together.
``loop``   books caller after caller into ``--slot`` and prints ``{"event": "booked", ...}``
           only after ``book()`` returned; runs until it is killed.
``fill``   like ``loop`` with 500-character notes, but first lowers its own file-size limit
           (``RLIMIT_FSIZE``) to ``--headroom`` bytes above the vault's largest file and ignores
           ``SIGXFSZ``, so that a write fails with ``EFBIG`` instead of killing the process;
           reports the first error, then lifts the limit and retries that booking once.

The callers are a pure function of ``(tag, i)`` (``caller_for``), so the parent can check
every stored field of every booking without being told what was written.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

from reservations import errors
from reservations.booking import BookingService, CallerInput
from reservations.vault import Vault, vault_files

_KANJI_DIGITS = "〇一二三四五六七八九"
_KANA_DIGITS = "アイウエオカキクケコ"
FAMILY_NAME = "試験"
FAMILY_KANA = "シケン"
LONG_NOTE_LENGTH = 500


def caller_for(tag: int, i: int) -> CallerInput:
    """A distinct caller for worker ``tag`` (1-9) and index ``i`` (0-9,999,999).

    Phone, given name and given kana all differ between any two ``(tag, i)``, so the duplicate
    check never refuses one; every value is already in its normalized (stored) form.
    """
    if not 1 <= tag <= 9 or not 0 <= i < 10_000_000:
        raise ValueError("tag must be 1-9 and i below 10,000,000")
    code = f"{tag}{i:07d}"
    return CallerInput(
        family_name=FAMILY_NAME,
        given_name="太" + "".join(_KANJI_DIGITS[int(d)] for d in code),
        family_kana=FAMILY_KANA,
        given_kana="タ" + "".join(_KANA_DIGITS[int(d)] for d in code),
        phone=f"090{code}",
    )


def index_of_phone(e164: str) -> tuple[int, int]:
    """``(tag, i)`` back from a stored phone number made by ``caller_for``."""
    digits = e164.removeprefix("+8190")
    return int(digits[0]), int(digits[1:])


def note_for(tag: int, i: int, *, long: bool = False) -> str:
    head = f"通話メモ {tag}-{i}:"
    if not long:
        return head + " 車椅子で来所"
    return (head + "長い備考の本文" * LONG_NOTE_LENGTH)[:LONG_NOTE_LENGTH]


def _emit(**event: Any) -> None:
    sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _open() -> tuple[Vault, BookingService]:
    """The vault (open until the process ends or is killed) and a booking service on it."""
    from reservations.session import open_session

    vault, session = open_session(
        Path(os.environ["RESDESK_DB"]), os.environ["RESDESK_USER"], os.environ["RESDESK_PASSWORD"]
    )
    return vault, BookingService(session)


def _error_event(exc: errors.ReservationError) -> dict[str, Any]:
    return {"ok": False, "error": type(exc).__name__, "message": exc.message}


def _serve() -> int:
    vault, service = _open()
    _emit(event="ready", pid=os.getpid())
    for line in sys.stdin:
        command = json.loads(line)
        op = command["op"]
        if op == "quit":
            break
        try:
            if op == "book":
                tag, i = int(command["tag"]), int(command["i"])
                booked = service.book(int(command["slot"]), caller_for(tag, i))
                _emit(ok=True, receipt=booked.receipt, slot=booked.slot_id)
            elif op == "move":
                moved = service.move(str(command["receipt"]), int(command["slot"]))
                _emit(ok=True, receipt=moved.receipt, slot=moved.slot_id)
            elif op == "cli":
                _emit(**_run_cli([str(a) for a in command["args"]]))
            else:
                raise ValueError(f"unknown op {op!r}")
        except errors.ReservationError as exc:
            _emit(**_error_event(exc))
    vault.close()
    return 0


def _run_cli(args: list[str]) -> dict[str, Any]:
    from reservations.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return {"exit": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


def _loop(slot: int, tag: int, start: int) -> int:
    _vault, service = _open()
    _emit(event="ready", pid=os.getpid())
    i = start
    while True:
        booked = service.book(slot, caller_for(tag, i), note=note_for(tag, i))
        # Acknowledged only now, after book() returned (i.e. after COMMIT).
        _emit(event="booked", i=i, receipt=booked.receipt)
        i += 1


def _largest_vault_file() -> int:
    return max(p.stat().st_size for p in vault_files(Path(os.environ["RESDESK_DB"])))


def _fill(slot: int, tag: int, start: int, headroom: int, max_bookings: int) -> int:
    import resource  # POSIX only, like the test that runs this mode
    import signal

    vault, service = _open()
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    # Ignored, a write beyond the limit fails with EFBIG; by default the signal kills us.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = _largest_vault_file() + headroom
    # Only the soft limit, so that "free some space and try again" can be tried afterwards.
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    _emit(event="ready", pid=os.getpid(), limit=limit)
    i = start
    failure: errors.ReservationError | None = None
    while i < start + max_bookings:
        try:
            booked = service.book(slot, caller_for(tag, i), note=note_for(tag, i, long=True))
        except errors.ReservationError as exc:
            failure = exc
            break
        _emit(event="booked", i=i, receipt=booked.receipt)
        i += 1
    if failure is None:
        _emit(event="no-failure", limit=limit, largest=_largest_vault_file())
        return 1
    _emit(event="failed", i=i, **_error_event(failure))
    # The disk has room again: the same session must be able to book the same caller.
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    try:
        booked = service.book(slot, caller_for(tag, i), note=note_for(tag, i, long=True))
    except errors.ReservationError as exc:
        _emit(event="retry", **_error_event(exc))
        vault.close()
        return 0
    _emit(event="retry", ok=True, i=i, receipt=booked.receipt)
    vault.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="booking_worker")
    parser.add_argument("mode", choices=("serve", "loop", "fill"))
    parser.add_argument("--slot", type=int, default=0)
    parser.add_argument("--tag", type=int, default=1)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--headroom", type=int, default=150_000)
    parser.add_argument("--max-bookings", type=int, default=200)
    args = parser.parse_args(argv)
    if args.mode == "serve":
        return _serve()
    if args.mode == "loop":
        return _loop(args.slot, args.tag, args.start)
    return _fill(args.slot, args.tag, args.start, args.headroom, args.max_bookings)


if __name__ == "__main__":
    sys.exit(main())
