"""Overwriting a file where it lies before removing it: the erasure's and the clean-up's tool.

``shred`` writes random bytes over the whole length of the file through a descriptor opened
without truncation, so the bytes land in the same inode (every hard link and every open
descriptor of the file now reads random bytes), fsyncs, and only then unlinks the name.  A
file that was *replaced* earlier (a new version written beside it and renamed over it) is a
different inode: its old blocks are out of reach, which is why key material is never written
that way more often than needed (``docs/security.md``, "Certified erasure").

What this cannot promise (and the erasure certificate says): on flash storage the controller
may put the new bytes in fresh blocks and keep the old ones in its spare area; copy-on-write
and journaling file systems, snapshots and shadow copies may keep older blocks too.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

_CHUNK = 1 << 20


def overwrite_in_place(path: Path) -> int:
    """Random bytes over the whole file, then fsync; returns the number of bytes written.

    Opened for writing without ``O_TRUNC`` or ``O_CREAT``: a missing file raises
    ``FileNotFoundError`` instead of being created, and the inode is never replaced.
    """
    flags = os.O_WRONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        size = os.fstat(fd).st_size
        written = 0
        while written < size:
            written += os.write(fd, secrets.token_bytes(min(_CHUNK, size - written)))
        os.fsync(fd)
    finally:
        os.close(fd)
    return written


def shred(path: Path) -> None:
    """``overwrite_in_place`` then unlink.  Raises ``OSError`` when either step fails."""
    overwrite_in_place(path)
    path.unlink()
