"""The benchmark vault: the demo at N reservations under ``benchmarks/data/``, built once and
reused while it is up to date.

Up to date means: a stamp written after a successful build names the same number of
reservations, the same seed and the same fingerprint (the demo generator, the schema, the
receipt numbers and ``DEFAULT_KDF``), both vault files exist, and it was built at most
``MAX_AGE_DAYS`` ago (the demo's slots start the day after it was built, and the booking
benchmark needs future slots with seats left).  Anything else is rebuilt, timing the build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from reservations import demo, receipt, schema
from reservations.demo import build_demo
from reservations.domain import now_jst
from reservations.keyslots import DEFAULT_KDF
from reservations.vault import key_file_path, vault_files

STAMP_VERSION = 1
MAX_AGE_DAYS = 7
DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class BuildInfo:
    """Where the vault is and how long the demo generation took (now, or when it was built)."""

    db_path: Path
    reservations: int
    seed: int
    built_at: str  # ISO 8601, Japan time
    build_ns: int
    reused: bool


def vault_path(data_dir: Path, reservations: int) -> Path:
    return data_dir / f"demo-{reservations}.db"


def stamp_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".stamp.json")


def fingerprint(reservations: int, seed: int) -> str:
    """Changes whenever the vault this code would build differs from an earlier one."""
    digest = hashlib.sha256()
    digest.update(f"{STAMP_VERSION}|{reservations}|{seed}|{DEFAULT_KDF!r}\n".encode())
    for module in (demo, schema, receipt):
        assert module.__file__ is not None
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def _read_stamp(db_path: Path) -> dict[str, object] | None:
    try:
        document = json.loads(stamp_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None


def reusable(db_path: Path, reservations: int, seed: int, today: dt.date) -> BuildInfo | None:
    """The recorded build when the vault at ``db_path`` is up to date, else ``None``."""
    stamp = _read_stamp(db_path)
    if stamp is None or not db_path.is_file() or not key_file_path(db_path).is_file():
        return None
    if stamp.get("fingerprint") != fingerprint(reservations, seed):
        return None
    built_at, build_ns = stamp.get("built_at"), stamp.get("build_ns")
    if not isinstance(built_at, str) or not isinstance(build_ns, int):
        return None
    try:
        age = (today - dt.datetime.fromisoformat(built_at).date()).days
    except ValueError:
        return None
    if not 0 <= age <= MAX_AGE_DAYS:
        return None
    return BuildInfo(db_path, reservations, seed, built_at, build_ns, reused=True)


class _Progress:
    """Prints the demo's progress every 100,000 reservations (to stderr, not the report)."""

    def __init__(self, total: int) -> None:
        self._total = total
        self._shown = 0
        self._started = time.perf_counter_ns()

    def __call__(self, count: int) -> None:
        if count - self._shown >= 100_000 or count == self._total:
            self._shown = count
            seconds = (time.perf_counter_ns() - self._started) / 1e9
            print(f"  {count:>9,} reservations written ({seconds:.1f} s)", file=sys.stderr)


def ensure_vault(
    data_dir: Path, reservations: int, seed: int, *, rebuild: bool = False
) -> BuildInfo:
    """Reuse the up-to-date vault for ``reservations`` or build it, timing the generation."""
    db_path = vault_path(data_dir, reservations)
    if not rebuild:
        found = reusable(db_path, reservations, seed, now_jst().date())
        if found is not None:
            print(f"Reusing {db_path} (built {found.built_at}).", file=sys.stderr)
            return found
    data_dir.mkdir(parents=True, exist_ok=True)
    # Everything at this path is ours (a gitignored folder only the benchmarks write to): an
    # outdated or half-built vault is removed, never another vault.
    stamp_path(db_path).unlink(missing_ok=True)
    for path in vault_files(db_path):
        path.unlink()
    print(
        f"Building the demo vault with {reservations:,} reservations at {db_path} ...",
        file=sys.stderr,
    )
    built_at = now_jst().isoformat(timespec="seconds")
    started = time.perf_counter_ns()
    result = build_demo(
        db_path,
        reservations=reservations,
        seed=seed,
        kdf=DEFAULT_KDF,
        progress=_Progress(reservations),
    )
    build_ns = time.perf_counter_ns() - started
    if result.reservations != reservations:
        raise RuntimeError(f"the demo wrote {result.reservations} reservations, not {reservations}")
    info = BuildInfo(db_path, reservations, seed, built_at, build_ns, reused=False)
    stamp = dataclasses.asdict(info)
    stamp.update(
        db_path=str(db_path),
        fingerprint=fingerprint(reservations, seed),
        stamp_version=STAMP_VERSION,
    )
    stamp.pop("reused")
    stamp_path(db_path).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    print(f"Built in {build_ns / 1e9:.1f} s.", file=sys.stderr)
    return info
