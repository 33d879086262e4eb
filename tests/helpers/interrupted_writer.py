"""Writers stopped at a chosen point, for the attack tests (tests/attacks/).

    python -m tests.helpers.interrupted_writer backup CHECKPOINT RESDESK_ARGS...
    python -m tests.helpers.interrupted_writer export FILE

``backup`` runs the real command line (``reservations.cli.main`` with RESDESK_ARGS, e.g.
``backup --out DIR``) with ``BackupService``'s checkpoint hook set: at CHECKPOINT (one of
``reservations.backup.CHECKPOINTS``) it prints the name and waits for a line on stdin.
``export`` writes FILE through ``reservations.files.atomic_file``; once the first bytes (a
PDF header and a resident's name) are fsync'ed it prints ``written`` and waits likewise.

The parent reads that line, looks at what is on disk, and kills the process (SIGKILL: no
handler, no clean-up) or lets it go on by writing a line.  Only this script installs the hook;
the application never reads it from the environment.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any


def _pause(name: str) -> None:
    print(name, flush=True)
    sys.stdin.readline()


def _backup(checkpoint: str, argv: list[str]) -> int:
    from reservations import backup, cli

    original = backup.BackupService.__init__

    def with_hook(self: backup.BackupService, *args: Any, **kwargs: Any) -> None:
        def hook(name: str) -> None:
            if name == checkpoint:
                _pause(name)

        kwargs["checkpoint"] = hook
        original(self, *args, **kwargs)

    backup.BackupService.__init__ = with_hook  # type: ignore[method-assign]
    return cli.main(argv)


def _export(out: Path) -> int:
    from reservations.files import atomic_file

    with atomic_file(out, overwrite=False) as stream:
        stream.write("%PDF-1.4\n% 山田太郎 090-1234-5678\n".encode())
        stream.flush()
        os.fsync(stream.fileno())
        _pause("written")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["backup"] and len(argv) >= 3:
        return _backup(argv[1], argv[2:])
    if argv[:1] == ["export"] and len(argv) == 2:
        return _export(Path(argv[1]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
