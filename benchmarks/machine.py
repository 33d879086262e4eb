"""A description of the machine and the software versions, for the head of the report."""

from __future__ import annotations

import datetime as dt
import os
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import sqlcipher3


@dataclass(frozen=True)
class Machine:
    facts: list[tuple[str, str]]  # (label, value) in display order


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                kib = int(line.split()[1])
                return f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return "unknown"


def _file_system(path: Path) -> str:
    """The mount (type and device) that holds ``path``, from /proc/mounts."""
    best: tuple[str, str, str] | None = None
    try:
        target = str(path.resolve())
        for line in Path("/proc/mounts").read_text(encoding="utf-8").splitlines():
            device, mount, fstype = line.split()[:3]
            inside = target == mount or target.startswith(mount.rstrip("/") + "/")
            if inside and (best is None or len(mount) > len(best[1])):
                best = (device, mount, fstype)
    except (OSError, ValueError):
        return "unknown"
    return "unknown" if best is None else f"{best[2]} on {best[0]} (mounted at {best[1]})"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def describe(conn: Any, data_file: Path) -> Machine:
    """Facts about this machine; ``conn`` is an open vault connection (for SQLCipher's own)."""
    cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
    provider = conn.execute("PRAGMA cipher_provider").fetchone()
    provider_version = conn.execute("PRAGMA cipher_provider_version").fetchone()
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    facts = [
        ("Date", dt.datetime.now().astimezone().isoformat(timespec="seconds")),
        ("CPU", _cpu_model()),
        ("Cores", f"{os.cpu_count()} logical" + (f", {affinity} usable" if affinity else "")),
        ("RAM", _ram()),
        ("OS", platform.platform()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("SQLite (sqlcipher3.sqlite_version)", str(sqlcipher3.sqlite_version)),
        ("SQLCipher (PRAGMA cipher_version)", str(cipher)),
        (
            "Crypto provider",
            f"{provider[0] if provider else '?'} {provider_version[0] if provider_version else ''}",
        ),
        ("sqlcipher3 / argon2-cffi", f"{_version('sqlcipher3')} / {_version('argon2-cffi')}"),
        ("Vault file system", _file_system(data_file)),
        ("Load average at start (1, 5, 15 min)", load),
    ]
    return Machine(facts)
