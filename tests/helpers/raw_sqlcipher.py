"""What an insider does with the data key and the driver alone, outside the application."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3


def opens_with_key(db: Path, key: bytes | bytearray) -> bool:
    """Whether raw sqlcipher3 reads the database at ``db`` with ``key`` as its raw key."""
    conn = sqlcipher3.connect(str(db))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()
