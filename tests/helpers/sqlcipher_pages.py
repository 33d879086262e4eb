"""Decrypt a SQLCipher 4 database (and its write-ahead log) page by page, with our own code.

A test that greps the encrypted file for a name proves nothing: ciphertext never shows it.
To show that an erased value is really gone from the files, the pages have to be decrypted
the way SQLCipher does, without SQLCipher (which would only ever show the live rows):

- SQLCipher 4 defaults: page size 4096, 80 reserved bytes at the end of every page (a 16-byte
  IV, then a 64-byte HMAC-SHA512 that we do not need to check);
- page 1 starts with the 16-byte salt in clear; its encrypted span is bytes 16..4016, every
  other page's is bytes 0..4016;
- AES-256-CBC without padding, keyed with the raw data key: the vault hands SQLCipher a raw
  key (``PRAGMA key = "x'…'"``), which SQLCipher uses for encryption as it is (only a
  passphrase goes through PBKDF2).

A WAL file is a 32-byte header and then frames of a 24-byte frame header followed by one
page, encrypted exactly like the page in the database file.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVED = 80  # IV (16) + HMAC-SHA512 (64)
IV_SIZE = 16
SALT_SIZE = 16
SQLITE_HEADER = b"SQLite format 3\x00"
WAL_HEADER_SIZE = 32
WAL_FRAME_HEADER_SIZE = 24


@dataclass(frozen=True)
class PlainPage:
    """One decrypted page: where it came from (``"db"`` or ``"wal"``) and its plaintext."""

    source: str
    page_no: int
    plaintext: bytes


def decrypt_page(data_key: bytes, page_no: int, raw: bytes) -> bytes:
    """The plaintext of one encrypted page (page 1 gets SQLite's header back)."""
    if len(data_key) != 32:
        raise ValueError("the data key is 32 bytes")
    if len(raw) != PAGE_SIZE:
        raise ValueError(f"a page is {PAGE_SIZE} bytes, got {len(raw)}")
    iv = raw[PAGE_SIZE - RESERVED : PAGE_SIZE - RESERVED + IV_SIZE]
    start = SALT_SIZE if page_no == 1 else 0
    decryptor = Cipher(algorithms.AES(data_key), modes.CBC(iv)).decryptor()
    plain = decryptor.update(raw[start : PAGE_SIZE - RESERVED]) + decryptor.finalize()
    return (SQLITE_HEADER + plain) if page_no == 1 else plain


def database_pages(path: Path, data_key: bytes) -> Iterator[PlainPage]:
    """Every page of a SQLCipher database file, decrypted."""
    data = path.read_bytes()
    if len(data) % PAGE_SIZE:
        raise ValueError(f"{path} is not a whole number of {PAGE_SIZE}-byte pages")
    for index in range(len(data) // PAGE_SIZE):
        raw = data[index * PAGE_SIZE : (index + 1) * PAGE_SIZE]
        yield PlainPage("db", index + 1, decrypt_page(data_key, index + 1, raw))


def wal_pages(path: Path, data_key: bytes) -> Iterator[PlainPage]:
    """Every frame's page of a write-ahead log, decrypted (old frames included)."""
    data = path.read_bytes()
    if len(data) < WAL_HEADER_SIZE:
        return
    page_size = struct.unpack(">I", data[8:12])[0]
    if page_size != PAGE_SIZE:
        raise ValueError(f"{path}: WAL page size {page_size}, expected {PAGE_SIZE}")
    frame = WAL_FRAME_HEADER_SIZE + PAGE_SIZE
    offset = WAL_HEADER_SIZE
    while offset + frame <= len(data):
        page_no = struct.unpack(">I", data[offset : offset + 4])[0]
        raw = data[offset + WAL_FRAME_HEADER_SIZE : offset + frame]
        yield PlainPage("wal", page_no, decrypt_page(data_key, page_no, raw))
        offset += frame


def vault_plaintext_pages(db_path: Path, data_key: bytes) -> list[PlainPage]:
    """The decrypted pages of the database file and, when there is one, of its WAL."""
    pages = list(database_pages(db_path, data_key))
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        pages += list(wal_pages(wal, data_key))
    return pages


def check_page_one(page: PlainPage) -> None:
    """Raise unless page 1 decrypted to a plausible SQLite header (page size, reserve)."""
    text = page.plaintext
    page_size = struct.unpack(">H", text[16:18])[0]
    if page_size != PAGE_SIZE or text[20] != RESERVED:
        raise AssertionError(
            f"page 1 does not decrypt to a SQLite header (page size {page_size}, "
            f"reserved {text[20]}): wrong key or wrong page format"
        )


def pages_containing(pages: list[PlainPage], needle: bytes) -> list[tuple[str, int]]:
    """Where ``needle`` occurs: (source, page number) of every page holding it."""
    return [(p.source, p.page_no) for p in pages if needle in p.plaintext]
