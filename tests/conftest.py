"""Shared fixtures: each test gets its own encrypted vault in a temporary folder.

Vaults made here use ``TEST_KDF`` (argon2id at minimum cost) so that unlocking is instant;
the parameters are stored in the key slot, so the CLI in a subprocess unlocks them just as
fast.  ``tests/test_keyslots.py`` proves that production code uses the strong default.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from reservations.booking import BookingService, CallerInput
from reservations.domain import JST, Role
from reservations.keyslots import TEST_KDF
from reservations.session import Session, open_session
from reservations.store import SqlCipherStore
from reservations.vault import Vault, create_vault

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SUPERVISOR = ("chief", "chief-password-2022")
OPERATOR = ("op1", "operator-password-2022")
CENTERS = ("四谷地域センター", "大久保地域センター")
# Slots a week ahead of the real date, so the CLI (which uses the real clock) can book them.
BASE_DAY = dt.date.today() + dt.timedelta(days=7)


class FakeClock:
    """A clock the test moves by hand (Japan time)."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime.now(JST).replace(microsecond=0)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


@dataclass
class TestVault:
    """A vault on disk with two accounts, two centers and a few slots."""

    path: Path
    data_key: bytes
    slot_ids: dict[str, int]
    clock: FakeClock
    _open: list[Vault] = field(default_factory=list)

    __test__ = False  # not a test class, despite the name

    def session(self, account: tuple[str, str] = SUPERVISOR) -> Session:
        vault, session = open_session(self.path, account[0], account[1], clock=self.clock)
        self._open.append(vault)
        return session

    def vault(self, account: tuple[str, str] = SUPERVISOR) -> Vault:
        vault, _session = open_session(self.path, account[0], account[1], clock=self.clock)
        self._open.append(vault)
        return vault

    def close(self) -> None:
        for vault in self._open:
            vault.close()
        self._open.clear()

    def env(self, account: tuple[str, str] = OPERATOR) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            RESDESK_DB=str(self.path),
            RESDESK_USER=account[0],
            RESDESK_PASSWORD=account[1],
            PYTHONPATH=str(ROOT),
        )
        env.pop("RESDESK_NEW_PASSWORD", None)
        return env


def build_test_vault(path: Path, clock: FakeClock | None = None) -> TestVault:
    """Create the standard test vault at ``path`` (also used by benchmarks and subprocesses)."""
    clock = clock or FakeClock()
    vault, data_key = create_vault(
        path,
        SUPERVISOR[0],
        SUPERVISOR[1],
        kdf=TEST_KDF,
        created_at=clock().isoformat(timespec="seconds"),
    )
    slot_ids: dict[str, int] = {}
    with vault:
        store = SqlCipherStore(vault.conn)
        with store.unit_of_work(write=True) as uow:
            public_key = vault.keyslots.add_account(
                OPERATOR[0], OPERATOR[1], data_key, kdf=TEST_KDF
            )
            uow.add_account(OPERATOR[0], Role.OPERATOR.value, public_key, "2022-11-17", "chief")
            with vault.keyslots.locked():
                vault.keyslots.save()
            centers = [uow.add_center(name).id for name in CENTERS]
            for day_offset in (0, 1):
                day = BASE_DAY + dt.timedelta(days=day_offset)
                for center_index, center in enumerate(centers):
                    for start, end in (
                        (dt.time(10, 0), dt.time(10, 30)),
                        (dt.time(10, 30), dt.time(11, 0)),
                    ):
                        key = f"{'ab'[center_index]}{day_offset}-{start:%H%M}"
                        slot_ids[key] = uow.add_slot(center, day, start, end, 2)
            closed = uow.add_slot(centers[0], BASE_DAY, dt.time(11, 0), dt.time(11, 30), 2)
            uow.set_slot_open(closed, False)
            slot_ids["closed"] = closed
            uow.commit()
    # A supervisor's first login starts the vault authority (grants, signed trail), as
    # ``resdesk init`` and the first-run wizard do for a real vault.
    vault, _session = open_session(path, SUPERVISOR[0], SUPERVISOR[1], clock=clock)
    vault.close()
    return TestVault(path=path, data_key=bytes(data_key), slot_ids=slot_ids, clock=clock)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def test_vault(tmp_path: Path, clock: FakeClock) -> Iterator[TestVault]:
    tv = build_test_vault(tmp_path / "vault.db", clock)
    yield tv
    tv.close()


@pytest.fixture
def supervisor(test_vault: TestVault) -> Session:
    return test_vault.session(SUPERVISOR)


@pytest.fixture
def operator(test_vault: TestVault) -> Session:
    return test_vault.session(OPERATOR)


CliResult = subprocess.CompletedProcess[str]


def assert_fails(result: CliResult, code: int, *words: str, one_line: bool = False) -> str:
    """The command failed with ``code``: nothing on stdout, a ``resdesk:`` message on stderr
    naming the problem (every one of ``words``), no traceback.  Returns the message."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    message = result.stderr.strip()
    assert message.startswith("resdesk: "), message
    if one_line:
        assert "\n" not in message, message
    for word in words:
        assert word.lower() in message.lower(), (word, message)
    return message


def run_cli(args: list[str], env: dict[str, str], *, timeout: float = 60) -> CliResult:
    """Run ``resdesk`` in a real subprocess with no terminal on stdin."""
    return subprocess.run(
        [sys.executable, "-m", "reservations", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )


@pytest.fixture
def cli(test_vault: TestVault) -> Callable[..., CliResult]:
    """``cli("find", "--phone", "5678", account=SUPERVISOR)`` against the test vault."""

    def invoke(*args: str, account: tuple[str, str] = OPERATOR, **env: str) -> CliResult:
        full_env = test_vault.env(account)
        full_env.update(env)
        return run_cli(list(args), full_env)

    return invoke


@pytest.fixture
def booked(test_vault: TestVault, operator: Session) -> dict[str, str]:
    """The verification line's day: bookings at both centers on BASE_DAY, one the day after,
    one cancelled, made a week ahead; then the clock moves to BASE_DAY 10:05."""
    service = BookingService(operator)
    made = {
        "yamada": service.book(
            test_vault.slot_ids["a0-1000"],
            CallerInput("山田", "太郎", "ヤマダ", "タロウ", "090-1234-5678"),
        ),
        "suzuki": service.book(
            test_vault.slot_ids["a0-1030"],
            CallerInput("鈴木", "花子", "スズキ", "ハナコ", "03-1111-2222"),
        ),
        "tanaka": service.book(
            test_vault.slot_ids["b0-1000"],
            CallerInput("田中", "一郎", "タナカ", "イチロウ", "080-3333-4444"),
        ),
        "sato": service.book(
            test_vault.slot_ids["a1-1000"],
            CallerInput("佐藤", "誠", "サトウ", "マコト", "070-5555-6666"),
        ),
    }
    cancelled = service.book(
        test_vault.slot_ids["a0-1030"],
        CallerInput("高橋", "恵", "タカハシ", "メグミ", "090-7777-8888"),
    )
    service.cancel(cancelled.receipt)
    test_vault.clock.now = dt.datetime.combine(BASE_DAY, dt.time(10, 5), tzinfo=JST)
    receipts = {k: r.receipt for k, r in made.items()}
    receipts["cancelled"] = cancelled.receipt
    return receipts
