"""Process hardening at start-up: no core dump may carry the data key or residents' data.

A crash of a process that holds an unlocked vault would otherwise write its memory (the data
key, decrypted pages, names and phones) to a core file, or hand it to systemd-coredump or
apport.  ``disable_core_dumps`` is called first thing by the window and the command line.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from dataclasses import dataclass

__all__ = ["CoreDumpReport", "disable_core_dumps"]

# <linux/prctl.h>
_PR_SET_DUMPABLE = 4
_PR_GET_DUMPABLE = 3


@dataclass(frozen=True)
class CoreDumpReport:
    """What ``disable_core_dumps`` managed to do; ``reasons`` says why a step was skipped."""

    rlimit_zero: bool
    not_dumpable: bool
    reasons: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.rlimit_zero and self.not_dumpable


def disable_core_dumps() -> CoreDumpReport:
    """Forbid core dumps of this process, as far as the platform allows.

    - POSIX: ``RLIMIT_CORE`` soft and hard limits set to 0 (children inherit it; the hard
      limit cannot be raised again without privileges).
    - Linux: also ``prctl(PR_SET_DUMPABLE, 0)``, which covers what the rlimit does not: a
      ``core_pattern`` that pipes to a helper (systemd-coredump, apport) and ``ptrace``
      attachment or ``/proc/PID/mem`` reads by other processes of the same user.
    - Windows: nothing to do here; Windows Error Reporting writes no full dump unless an
      administrator configured LocalDumps (see docs/security.md).

    Never raises: a step that fails is reported, and the application still starts.
    """
    reasons: list[str] = []
    rlimit_zero = False
    not_dumpable = False
    if sys.platform == "win32":
        reasons.append("Windows: no core files; WER full dumps need an administrator's setting")
        return CoreDumpReport(False, False, tuple(reasons))
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        rlimit_zero = True
    except (ImportError, ValueError, OSError) as exc:
        reasons.append(f"RLIMIT_CORE not set: {exc}")
    if sys.platform.startswith("linux"):
        not_dumpable = _linux_set_not_dumpable(reasons)
    else:
        reasons.append(f"{sys.platform}: no PR_SET_DUMPABLE; the zero RLIMIT_CORE is all")
    return CoreDumpReport(rlimit_zero, not_dumpable, tuple(reasons))


def _linux_set_not_dumpable(reasons: list[str]) -> bool:
    libc_name = ctypes.util.find_library("c") or "libc.so.6"
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError) as exc:
        reasons.append(f"prctl unavailable: {exc}")
        return False
    prctl.restype = ctypes.c_int
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        reasons.append(f"prctl(PR_SET_DUMPABLE, 0) failed: errno {ctypes.get_errno()}")
        return False
    return bool(prctl(_PR_GET_DUMPABLE, 0, 0, 0, 0) == 0)
