"""What ``resdesk`` does when the vault or the login is not as it should be.

Every failure mode must end with the documented exit code and one line on stderr that names
the problem (never a traceback), and must leave the vault exactly as it was: the same bytes
in the database and the key file, and no -wal, -shm or temporary file left behind.

Also ``resdesk check`` on a healthy vault and on a damaged copy of a bigger one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlcipher3

from reservations.demo import DEMO_ACCOUNTS, build_demo
from reservations.errors import ExitCode
from reservations.keyslots import TEST_KDF
from reservations.lockout import lockout_file_path
from reservations.vault import key_file_path
from tests.conftest import (
    CENTERS,
    OPERATOR,
    ROOT,
    SUPERVISOR,
    CliResult,
    TestVault,
    assert_fails,
    build_test_vault,
    run_cli,
)

PAGE_SIZE = 4096


# -- helpers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class VaultState:
    """What must not change: the files in the vault's folder and the bytes of the vault."""

    files: tuple[str, ...]
    db_sha256: str | None
    keys_sha256: str | None


def _sha256(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def vault_state(db: Path) -> VaultState:
    return VaultState(
        files=tuple(sorted(p.name for p in db.parent.iterdir())),
        db_sha256=_sha256(db),
        keys_sha256=_sha256(key_file_path(db)),
    )


def read_command() -> list[str]:
    """A read that touches the reservations table (and, like every command, logs in)."""
    return ["find", "--center", CENTERS[0]]


def write_command(tv: TestVault) -> list[str]:
    return [
        "book",
        "--slot",
        str(tv.slot_ids["a0-1000"]),
        "--name",
        "山田 太郎",
        "--kana",
        "やまだ たろう",
        "--phone",
        "090-1234-5678",
    ]


def run(tv: TestVault, args: list[str], account: tuple[str, str] = OPERATOR) -> CliResult:
    return run_cli(args, tv.env(account), timeout=30)


def run_with(tv: TestVault, args: list[str], **env: str) -> CliResult:
    """Run as the operator with extra environment variables."""
    full_env = tv.env(OPERATOR)
    full_env.update(env)
    return run_cli(args, full_env, timeout=30)


def assert_clean_failure(result: CliResult, code: ExitCode, *words: str) -> str:
    """Exit ``code``, nothing on stdout, one line on stderr naming the problem, no traceback."""
    return assert_fails(result, code, *words, one_line=True)


def assert_json_failure(result: CliResult, code: ExitCode, *words: str) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    document = json.loads(result.stderr)
    assert set(document) == {"error"}
    assert set(document["error"]) == {"code", "message"}
    assert document["error"]["code"] == int(code)
    message = document["error"]["message"]
    assert isinstance(message, str)
    for word in words:
        assert word.lower() in message.lower(), (word, message)
    return message


def expect_unchanged_failure(
    tv: TestVault, args: list[str], code: ExitCode, *words: str, **env: str
) -> str:
    before = vault_state(tv.path)
    message = assert_clean_failure(run_with(tv, args, **env), code, *words)
    after = vault_state(tv.path)
    assert after == before, f"the failed command {args[0]!r} changed the vault: {after} != {before}"
    return message


def flip_bytes(path: Path, offset: int, count: int = 32) -> None:
    data = bytearray(path.read_bytes())
    assert offset + count <= len(data)
    for i in range(offset, offset + count):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def middle_page_offset(path: Path) -> int:
    """An offset inside the page in the middle of the file, away from its header and tail."""
    pages = path.stat().st_size // PAGE_SIZE
    assert pages >= 3
    return (pages // 2) * PAGE_SIZE + PAGE_SIZE // 3


def root_page_of(tv: TestVault, table: str) -> int:
    """The root page (1-based) of ``table``, read with the data key."""
    conn = sqlcipher3.connect(str(tv.path))
    try:
        conn.execute(f"PRAGMA key = \"x'{tv.data_key.hex()}'\"")
        row = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    finally:
        conn.close()
    return int(row[0])


def table_of_page(tv: TestVault, page: int) -> str | None:
    """The table or index whose root is page ``page`` (1-based), read with the data key."""
    conn = sqlcipher3.connect(str(tv.path))
    try:
        conn.execute(f"PRAGMA key = \"x'{tv.data_key.hex()}'\"")
        row = conn.execute("SELECT name FROM sqlite_master WHERE rootpage = ?", (page,)).fetchone()
    finally:
        conn.close()
    return None if row is None else str(row[0])


def set_user_version(db: Path, data_key: bytes, version: int) -> None:
    conn = sqlcipher3.connect(str(db))
    try:
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        conn.execute(f"PRAGMA user_version = {version:d}")
    finally:
        conn.close()


# -- authentication --------------------------------------------------------------------------


def expect_failed_login(tv: TestVault, args: list[str], **env: str) -> str:
    """A failed login: exit 3, one line, the database and the key file byte-for-byte unchanged
    and no stray file; only the failure counter in ``NAME.lockout`` changes.  The counters are
    removed afterwards so that the growing delay does not slow the next call."""
    lockout = lockout_file_path(tv.path)
    before = vault_state(tv.path)
    counters = lockout.read_bytes() if lockout.exists() else None
    message = assert_clean_failure(run_with(tv, args, **env), ExitCode.AUTHENTICATION)
    after = vault_state(tv.path)
    counter_files = {lockout.name, lockout.name + ".lock"}
    assert set(after.files) - counter_files == set(before.files) - counter_files, args
    assert (after.db_sha256, after.keys_sha256) == (before.db_sha256, before.keys_sha256), args
    assert lockout.exists() and lockout.read_bytes() != counters, "the failure was not counted"
    lockout.unlink()
    return message


def test_wrong_password_and_unknown_account_read_the_same(test_vault: TestVault) -> None:
    wrong = expect_failed_login(test_vault, ["slots", "list"], RESDESK_PASSWORD="not-the-password")
    assert "password" in wrong
    unknown = expect_failed_login(test_vault, ["slots", "list"], RESDESK_USER="nobody-here")
    # The message must not reveal which accounts exist.
    assert unknown == wrong
    assert "nobody-here" not in unknown

    for args in (write_command(test_vault), ["account", "list"]):
        expect_failed_login(test_vault, args, RESDESK_PASSWORD="not-the-password")

    json_wrong = run_with(
        test_vault, ["--json", "slots", "list"], RESDESK_PASSWORD="nope-nope-nope"
    )
    json_unknown = run_with(test_vault, ["slots", "list", "--json"], RESDESK_USER="nobody-here")
    assert assert_json_failure(json_wrong, ExitCode.AUTHENTICATION) == wrong.removeprefix(
        "resdesk: "
    )
    assert json_unknown.stderr == json_wrong.stderr


# -- the key file ----------------------------------------------------------------------------


def test_missing_key_file(test_vault: TestVault) -> None:
    key_file_path(test_vault.path).unlink()
    for args in (["slots", "list"], write_command(test_vault), ["check"]):
        expect_unchanged_failure(test_vault, args, ExitCode.STORAGE, "key file")


def _real_key_file_cut_in_half(keys: Path) -> bytes:
    raw = keys.read_bytes()
    return raw[: len(raw) // 2]


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated-json", "json-not-a-key-file", "json-array", "slot-missing-fields"],
)
def test_corrupt_key_file(test_vault: TestVault, damage: str) -> None:
    keys = key_file_path(test_vault.path)
    content = {
        "garbage": os.urandom(300) + b"\xff\xfe",
        "truncated-json": _real_key_file_cut_in_half(keys),
        "json-not-a-key-file": b'{"hello": "world", "slots": []}',
        "json-array": b"[1, 2, 3]",
        "slot-missing-fields": json.dumps(
            {"format": "resdesk-keyslots", "version": 1, "vault_id": "x", "slots": [{}]}
        ).encode(),
    }[damage]
    keys.write_bytes(content)
    for args in (["slots", "list"], write_command(test_vault)):
        expect_unchanged_failure(test_vault, args, ExitCode.STORAGE, "key file")


def test_key_file_of_another_vault(test_vault: TestVault, tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    other = build_test_vault(tmp_path / "other" / "vault.db")
    shutil.copyfile(key_file_path(other.path), key_file_path(test_vault.path))
    expect_unchanged_failure(
        test_vault, ["slots", "list"], ExitCode.STORAGE, "damaged or belongs to another vault"
    )


# -- the database ----------------------------------------------------------------------------


def test_missing_database(test_vault: TestVault) -> None:
    test_vault.path.unlink()
    for args in (["slots", "list"], write_command(test_vault), ["check"]):
        expect_unchanged_failure(test_vault, args, ExitCode.STORAGE, "no vault database")


def test_database_damaged_in_page_one(test_vault: TestVault) -> None:
    flip_bytes(test_vault.path, 1000)
    for args in (read_command(), write_command(test_vault), ["slots", "list"]):
        expect_unchanged_failure(test_vault, args, ExitCode.STORAGE, "damaged")
    before = vault_state(test_vault.path)
    assert_json_failure(run(test_vault, ["slots", "list", "--json"]), ExitCode.STORAGE, "damaged")
    assert vault_state(test_vault.path) == before


@pytest.mark.parametrize("command", ["read", "write"])
def test_database_damaged_in_the_middle(test_vault: TestVault, command: str) -> None:
    # A page in the middle of the file: the reservations table's, which both commands need;
    # the damage must be reported before anything is written.
    page = root_page_of(test_vault, "reservations")
    assert 1 < page < test_vault.path.stat().st_size // PAGE_SIZE
    assert table_of_page(test_vault, page) == "reservations"
    offset = (page - 1) * PAGE_SIZE + PAGE_SIZE // 3
    flip_bytes(test_vault.path, offset)
    args = read_command() if command == "read" else write_command(test_vault)
    expect_unchanged_failure(test_vault, args, ExitCode.STORAGE, "damaged")


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.02])
def test_truncated_database(test_vault: TestVault, keep: float) -> None:
    raw = test_vault.path.read_bytes()
    test_vault.path.write_bytes(raw[: int(len(raw) * keep)])
    for args in (["slots", "list"], write_command(test_vault)):
        expect_unchanged_failure(test_vault, args, ExitCode.STORAGE, "damaged")


def test_database_from_a_newer_version(test_vault: TestVault) -> None:
    set_user_version(test_vault.path, test_vault.data_key, 99)
    for args in (["slots", "list"], write_command(test_vault), ["check"]):
        expect_unchanged_failure(test_vault, args, ExitCode.STORAGE, "newer version")
    before = vault_state(test_vault.path)
    assert_json_failure(run(test_vault, ["find", "--phone", "5678", "--json"]), ExitCode.STORAGE)
    assert vault_state(test_vault.path) == before


# -- busy, read-only, disk full --------------------------------------------------------------

# Holds the write lock in another process (POSIX locks belong to a process, and the test
# reading the vault's bytes in its own process would silently release them).
_HOLDER = textwrap.dedent(
    """
    import os, sys
    import sqlcipher3
    conn = sqlcipher3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA key = \\"x'" + os.environ["HOLDER_KEY"] + "'\\"")
    conn.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    sys.stdin.read()
    conn.execute("ROLLBACK")
    conn.close()
    """
)


@pytest.fixture
def held_vault(test_vault: TestVault) -> Iterator[TestVault]:
    env = dict(os.environ, HOLDER_KEY=test_vault.data_key.hex(), PYTHONPATH=str(ROOT))
    with subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(test_vault.path)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None and holder.stdin is not None
        try:
            assert holder.stdout.readline().strip() == "locked"
            yield test_vault
        finally:
            holder.stdin.close()
            holder.wait(timeout=30)


@pytest.mark.parametrize("command", ["read", "write"])
def test_busy_vault(held_vault: TestVault, command: str) -> None:
    args = read_command() if command == "read" else write_command(held_vault)
    started = time.monotonic()
    expect_unchanged_failure(
        held_vault, args, ExitCode.STORAGE, "busy", RESDESK_BUSY_TIMEOUT_MS="200"
    )
    # The short timeout was honoured (the default is 5 s).
    assert time.monotonic() - started < 4.5


def test_busy_vault_json(held_vault: TestVault) -> None:
    before = vault_state(held_vault.path)
    result = run_with(
        held_vault, ["--json", *write_command(held_vault)], RESDESK_BUSY_TIMEOUT_MS="200"
    )
    assert_json_failure(result, ExitCode.STORAGE, "busy")
    assert vault_state(held_vault.path) == before


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _permission_bound_prefix() -> list[str] | None:
    """A command prefix under which file permissions really stop writes, or None.

    Root ignores permission bits because of CAP_DAC_OVERRIDE; ``setpriv`` can start the CLI
    without it.  Not root: no prefix is needed.
    """
    if not _is_root():
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--bounding-set", "-dac_override", "--inh-caps", "-dac_override"]


_TRY_WRITE = "import sys; open(sys.argv[1], 'a').close()"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions only")
@pytest.mark.parametrize("read_only", ["folder", "folder-and-files", "files"])
def test_read_only_vault(test_vault: TestVault, read_only: str) -> None:
    prefix = _permission_bound_prefix()
    if prefix is None:
        pytest.skip("running as root without setpriv: chmod does not stop root from writing")
    folder = test_vault.path.parent
    files = [test_vault.path, key_file_path(test_vault.path)]
    try:
        if read_only != "folder":
            for path in files:
                path.chmod(0o444)
        if read_only != "files":
            folder.chmod(0o555)
        # What the CLI would need to write: a new file in the folder, or the database itself.
        target = test_vault.path if read_only == "files" else folder / "probe"
        probe = subprocess.run(
            [*prefix, sys.executable, "-c", _TRY_WRITE, str(target)],
            capture_output=True,
            timeout=30,
        )
        if probe.returncode == 0:
            (folder / "probe").unlink(missing_ok=True)
            pytest.skip("file permissions do not stop writes here (root or a permissive mount)")

        before = vault_state(test_vault.path)
        for args in (write_command(test_vault), ["slots", "list"]):
            result = subprocess.run(
                [*prefix, sys.executable, "-m", "reservations", *args],
                env=test_vault.env(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=30,
                cwd=ROOT,
            )
            assert_clean_failure(result, ExitCode.STORAGE, "read-only")
            assert vault_state(test_vault.path) == before
    finally:
        folder.chmod(0o755)
        for path in files:
            path.chmod(0o600)


# Runs resdesk with a file-size limit of 0 bytes: every write the vault needs fails with
# EFBIG, which SQLite reports like a full disk (Python ignores SIGXFSZ).
_NO_SPACE = textwrap.dedent(
    """
    import resource, runpy, sys
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    sys.argv = ["resdesk", *sys.argv[1:]]
    runpy.run_module("reservations", run_name="__main__")
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="needs RLIMIT_FSIZE")
def test_disk_full(test_vault: TestVault) -> None:
    before = vault_state(test_vault.path)
    result = subprocess.run(
        [sys.executable, "-c", _NO_SPACE, *write_command(test_vault)],
        env=test_vault.env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert_clean_failure(result, ExitCode.STORAGE, "disk is full")
    after = vault_state(test_vault.path)
    assert (after.db_sha256, after.keys_sha256) == (before.db_sha256, before.keys_sha256)


# -- resdesk check ---------------------------------------------------------------------------


def test_check_on_a_healthy_vault(test_vault: TestVault) -> None:
    before = vault_state(test_vault.path)
    result = run(test_vault, ["check", "--json"], account=SUPERVISOR)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"ok": True, "problems": []}
    assert vault_state(test_vault.path) == before


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo vault with a few hundred reservations, so damage can hit data pages."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(db, reservations=400, seed=11, kdf=TEST_KDF)
    return db


def _copy_vault(db: Path, folder: Path) -> Path:
    folder.mkdir()
    copy = folder / db.name
    shutil.copyfile(db, copy)
    shutil.copyfile(key_file_path(db), key_file_path(copy))
    return copy


def _check(db: Path) -> CliResult:
    env = dict(os.environ, PYTHONPATH=str(ROOT), RESDESK_DB=str(db), RESDESK_USER="supervisor")
    env["RESDESK_PASSWORD"] = DEMO_ACCOUNTS["supervisor"][1]
    return run_cli(["check", "--json"], env, timeout=60)


@pytest.mark.parametrize("where", ["middle", "page-1"])
def test_check_finds_damage_in_a_copy(demo_vault: Path, tmp_path: Path, where: str) -> None:
    copy = _copy_vault(demo_vault, tmp_path / "copy")
    assert copy.stat().st_size >= 20 * PAGE_SIZE
    flip_bytes(copy, middle_page_offset(copy) if where == "middle" else 1000)
    before = vault_state(copy)

    result = _check(copy)
    assert "Traceback" not in result.stderr
    assert result.returncode in (ExitCode.INTEGRITY, ExitCode.STORAGE), result.stderr
    if result.returncode == ExitCode.INTEGRITY:
        report = json.loads(result.stdout)
        assert report["ok"] is False
        assert report["problems"]
        assert all(isinstance(p, str) for p in report["problems"])
        assert "damaged" in result.stderr
    else:
        assert_json_failure(result, ExitCode.STORAGE, "damaged")
    assert vault_state(copy) == before

    # The original is untouched and healthy.
    healthy = _check(demo_vault)
    assert healthy.returncode == 0, healthy.stderr
    assert json.loads(healthy.stdout) == {"ok": True, "problems": []}
