"""At rest nothing is readable: no personal data or receipt number appears in any file of a
vault, neither while it is open (WAL and shared-memory files present) nor after closing.

The search is a plain byte search over every file in the vault's folder, for every value in
every encoding a careless implementation might have written (UTF-8, UTF-16 both ways and, for
Japanese text, Shift_JIS).  As a positive control the same search finds the stored values in
a plaintext copy made with the data key (``sqlcipher_export``), so a search that finds
nothing is known to be able to find something.

Needles shorter than 6 bytes are skipped: 4 or 5 bytes of ciphertext match a given string by
chance far too often to be a meaningful test (6 bytes: about once in 2**48 positions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reservations.booking import BookingService, CallerInput, SearchInput
from reservations.demo import DEMO_ACCOUNTS, build_demo
from reservations.domain import Reservation
from reservations.keyslots import TEST_KDF, KeySlotFile
from reservations.normalize import format_phone_national
from reservations.receipt import format_receipt
from reservations.session import open_session
from reservations.store import SearchQuery, SqlCipherStore
from reservations.vault import Vault, connect, key_file_path
from tests.conftest import SUPERVISOR, TestVault

MIN_NEEDLE_BYTES = 6
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")
JAPANESE_ENCODINGS = ("shift_jis",)
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Needle:
    """A value to look for; ``stored`` when it is kept verbatim (UTF-8) in the database, so
    that the plaintext copy must contain it."""

    label: str
    text: str
    stored: bool

    def encoded(self) -> Iterator[tuple[str, bytes]]:
        encodings = ENCODINGS if self.text.isascii() else ENCODINGS + JAPANESE_ENCODINGS
        for encoding in encodings:
            raw = self.text.encode(encoding)
            if len(raw) >= MIN_NEEDLE_BYTES:
                yield encoding, raw


def needles_of(r: Reservation, *, audited: bool) -> list[Needle]:
    """Every form of a reservation's personal data and receipt number worth searching for.

    ``audited``: the reservation was booked through the service, so the audit trail holds
    its receipt number in the hyphenated form.
    """
    assert r.family_name and r.given_name and r.family_kana and r.given_kana and r.phone
    receipt = r.receipt_display
    national = format_phone_national(r.phone)
    needles = [
        # A record stores its columns back to back, so family and given name are adjacent.
        Needle(f"{receipt} name", r.family_name + r.given_name, True),
        Needle(f"{receipt} name with space", f"{r.family_name} {r.given_name}", False),
        Needle(f"{receipt} family name", r.family_name, True),
        Needle(f"{receipt} given name", r.given_name, True),
        Needle(f"{receipt} kana", r.family_kana + r.given_kana, True),
        Needle(f"{receipt} kana with space", f"{r.family_kana} {r.given_kana}", False),
        Needle(f"{receipt} family kana", r.family_kana, True),
        Needle(f"{receipt} given kana", r.given_kana, True),
        Needle(f"{receipt} phone E.164", r.phone, True),
        Needle(f"{receipt} phone national", national, False),
        Needle(f"{receipt} phone digits", national.replace("-", ""), False),
        Needle(f"{receipt} receipt", r.receipt, True),
        Needle(f"{receipt} receipt hyphenated", format_receipt(r.receipt), audited),
    ]
    if r.note:
        needles.append(Needle(f"{receipt} note", r.note, True))
    if r.cancel_reason:
        needles.append(Needle(f"{receipt} cancel reason", r.cancel_reason, True))
    return needles


class Haystack:
    """A file's bytes with an index of every 6-byte window, so thousands of needles are
    checked in milliseconds (each hit on the index is confirmed with a real search)."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        self.data = path.read_bytes()
        k = MIN_NEEDLE_BYTES
        self._windows = {self.data[i : i + k] for i in range(len(self.data) - k + 1)}

    def __contains__(self, raw: bytes) -> bool:
        return raw[:MIN_NEEDLE_BYTES] in self._windows and raw in self.data


def vault_folder_files(db_path: Path) -> list[Path]:
    """Every file next to the database: the vault's own files and anything else it left."""
    return sorted(p for p in db_path.parent.iterdir() if p.is_file())


def readable_values(files: Iterable[Path], needles: list[Needle]) -> list[str]:
    found = []
    for path in files:
        haystack = Haystack(path)
        for needle in needles:
            for encoding, raw in needle.encoded():
                if raw in haystack:
                    found.append(f"{needle.label} ({encoding}) in {haystack.name}")
    return found


def plaintext_copy(db_path: Path, data_key: bytes | bytearray, target: Path) -> bytes:
    """Decrypt the vault (through its WAL, if any) into a plain SQLite file."""
    target.parent.mkdir(exist_ok=True)
    conn = connect(db_path, data_key)
    try:
        conn.execute("ATTACH DATABASE ? AS plaintext KEY ''", (str(target),))
        conn.execute("SELECT sqlcipher_export('plaintext')").fetchall()
        conn.execute("DETACH DATABASE plaintext")
    finally:
        conn.close()
    return target.read_bytes()


def assert_positive_control(plain: bytes, needles: list[Needle]) -> None:
    assert plain.startswith(SQLITE_HEADER), "the export is not a plaintext SQLite file"
    missing = [n.label for n in needles if n.stored and n.text.encode() not in plain]
    assert not missing, f"the search cannot even find these in the plaintext: {missing}"


def assert_vault_files_unreadable(db_path: Path, needles: list[Needle], *, open_: bool) -> None:
    files = vault_folder_files(db_path)
    names = {p.name for p in files}
    assert db_path.name in names and key_file_path(db_path).name in names
    if open_:
        wal = db_path.with_name(db_path.name + "-wal")
        assert wal.is_file() and wal.stat().st_size > 0, "expected a WAL with the new pages"
    assert not db_path.read_bytes().startswith(SQLITE_HEADER), "the database is not encrypted"
    leaks = readable_values(files, needles)
    assert not leaks, "readable at rest:\n" + "\n".join(leaks)


def all_reservations(vault: Vault) -> list[Reservation]:
    with SqlCipherStore(vault.conn).unit_of_work(write=False) as uow:
        return uow.search(SearchQuery(limit=100_000))


DISTINCTIVE = (
    (
        CallerInput("鬼塚", "銀之丞", "オニヅカ", "ギンノジョウ", "090-8765-4321"),
        "鬼塚様は杖を使用、長女が付き添い。耳が遠いので大きな声で",
    ),
    (
        CallerInput("勅使河原", "紗都子", "テシガワラ", "サトコ", "06-6543-2109"),
        "年金の書類を持参予定",
    ),
    # Typed in hiragana, stored in katakana: both forms are searched.
    (CallerInput("五十嵐", "凛太朗", "いがらし", "りんたろう", "070-1357-9246"), None),
    (
        CallerInput("Smith-Watanabe", "Olivia", "スミスワタナベ", "オリビア", "050-3123-4567"),
        "English-speaking interpreter requested",
    ),
)
CANCEL_REASON = "入院のため本人より取消の連絡"


def test_nothing_is_readable_at_rest_open_or_closed(test_vault: TestVault, tmp_path: Path) -> None:
    session = test_vault.session(SUPERVISOR)
    service = BookingService(session)
    slots = test_vault.slot_ids
    targets = [slots["a0-1000"], slots["a0-1000"], slots["a0-1030"], slots["b0-1000"]]
    receipts = [
        service.book(slot, caller, note=note).receipt
        for slot, (caller, note) in zip(targets, DISTINCTIVE, strict=True)
    ]
    service.cancel(receipts[1], CANCEL_REASON)
    service.move(receipts[2], slots["a1-1000"])
    assert service.find(SearchInput(phone="090-8765-4321"))  # an audited read
    booked = [service.get(r) for r in receipts]
    assert booked[0].name == "鬼塚 銀之丞" and booked[0].phone == "+819087654321"
    assert booked[1].cancel_reason == CANCEL_REASON

    needles = [n for r in booked for n in needles_of(r, audited=True)]
    needles += [
        Needle("hiragana reading as typed", "いがらしりんたろう", False),
        Needle("hiragana given reading as typed", "りんたろう", False),
    ]
    # Every value is searched in at least one encoding (none is silently too short).
    assert all(any(True for _ in n.encoded()) for n in needles if len(n.text) >= 3)

    # Open: the new pages are in the WAL, the wal-index in -shm.
    assert_vault_files_unreadable(test_vault.path, needles, open_=True)
    plain = plaintext_copy(test_vault.path, test_vault.data_key, tmp_path / "export" / "open.db")
    assert_positive_control(plain, needles)

    # Closed: everything checkpointed into the database file.
    test_vault.close()
    assert_vault_files_unreadable(test_vault.path, needles, open_=False)
    plain = plaintext_copy(test_vault.path, test_vault.data_key, tmp_path / "export" / "closed.db")
    assert_positive_control(plain, needles)


def test_a_demo_vault_reveals_none_of_its_residents(tmp_path: Path) -> None:
    db_path = tmp_path / "demo" / "demo.db"
    result = build_demo(db_path, reservations=300, seed=20221219, kdf=TEST_KDF)
    assert result.reservations == 300
    supervisor, supervisor_password = "supervisor", DEMO_ACCOUNTS["supervisor"][1]
    keys = KeySlotFile.load(key_file_path(db_path)).unlock(supervisor, supervisor_password)
    vault, session = open_session(db_path, supervisor, supervisor_password)
    try:
        residents = all_reservations(vault)
        assert len(residents) == 300
        # Work that lands in the WAL: audited reads (receipt numbers in the audit trail) and a
        # new booking.
        service = BookingService(session)
        first = residents[0]
        assert service.find(SearchInput(receipt=first.receipt_display))
        assert service.find(SearchInput(date=first.date, center=first.center))
        tomorrow = dt.date.today() + dt.timedelta(days=1)
        with SqlCipherStore(vault.conn).unit_of_work(write=False) as uow:
            slots = uow.list_slots(None, None)
        free = next(s for s in slots if s.is_open and s.available and s.date > tomorrow)
        extra = service.book(free.id, DISTINCTIVE[0][0], note=DISTINCTIVE[0][1])
        needles = [n for r in residents for n in needles_of(r, audited=False)]
        needles += needles_of(extra, audited=True)
        assert_vault_files_unreadable(db_path, needles, open_=True)
    finally:
        vault.close()
    assert_vault_files_unreadable(db_path, needles, open_=False)
    plain = plaintext_copy(db_path, keys.data_key, tmp_path / "export" / "demo.db")
    assert_positive_control(plain, needles)
