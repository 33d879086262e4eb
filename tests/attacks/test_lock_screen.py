"""Issue 12, finding 4: the lock screen was a second login without delay, lockout or trace.

Mounted the way it was found: somebody at a colleague's locked seat types guesses into the
real window's lock page (25 of them), then the right password.  The lock page now goes
through the login's throttle: the delays are asked for (a recording sleep stands in for the
wait), the 10th failure locks the name for 15 minutes of the session's clock, the right
password is refused until then, and every attempt is in the audit trail without what was
typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from reservations.accounts import AccountService
from reservations.audit import AuditEntry
from reservations.keyslots import TEST_KDF, KeySlotFile
from reservations.lockout import LOGIN_POLICY, LockoutFile
from reservations.session import Session
from reservations.store import SqlCipherStore
from reservations.vault import key_file_path
from tests.conftest import OPERATOR, SUPERVISOR, TestVault
from ui.login import LoginDialog
from ui.main_window import MainWindow

GUESSES = [f"guess-{i:02d}-Sommer2022" for i in range(25)]


class Sleeps(list[float]):
    """The window's sleep, recorded instead of waited for."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(
    qtbot: QtBot, test_vault: TestVault, settings: QSettings, sleeps: Sleeps
) -> Iterator[MainWindow]:
    vault = test_vault.vault(OPERATOR)
    session = Session(SqlCipherStore(vault.conn), vault.account, test_vault.clock)
    window = MainWindow(
        vault,
        session,
        settings,
        idle_lock_seconds=3600,
        watch_screen_lock=False,
        unlock_sleep=sleeps,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def type_password(qtbot: QtBot, window: MainWindow, password: str) -> str:
    """Type into the lock page and press Enter; the page's message afterwards."""
    edit = window.lock_page.password_edit
    edit.setText(password)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.text() == ""
    return window.lock_page.message.text()


def operator_entries(test_vault: TestVault) -> list[AuditEntry]:
    """The operator's audit entries, read by a supervisor."""
    chief = test_vault.session(SUPERVISOR)
    with chief.store.unit_of_work(write=False) as uow:
        return [e for e in uow.audit_entries() if e.account == OPERATOR[0]]


def failures_counted(test_vault: TestVault) -> int:
    slots = KeySlotFile.load(key_file_path(test_vault.path))
    record = LockoutFile.beside(slots).record(OPERATOR[0])
    return 0 if record is None else record.count


def test_guesses_at_the_lock_screen_are_slowed_locked_out_and_audited(
    qtbot: QtBot, window: MainWindow, test_vault: TestVault, sleeps: Sleeps
) -> None:
    clock = test_vault.clock
    before = len(operator_entries(test_vault))
    window.lock()
    messages = [type_password(qtbot, window, guess) for guess in GUESSES]
    assert window.is_locked()

    # The login's growing delay: nothing for the first two failures, then 1, 2, 4 ... 30 s
    # before each further try, until the 10th failure locks the name.  Tries during the
    # lockout are refused before the password is checked, so they are not waited for.
    policy = LOGIN_POLICY
    assert sleeps == [policy.delay_for(n) for n in range(policy.free_failures, 10)]
    assert sleeps[:3] == [1.0, 2.0, 4.0] and max(sleeps) == policy.max_delay_s
    assert failures_counted(test_vault) == policy.lockout_after

    until = clock() + dt.timedelta(minutes=policy.lockout_minutes)
    assert f"{until:%H:%M}" not in messages[8]
    assert all(f"{until:%H:%M}" in message for message in messages[9:])

    # The right password is refused until the clock has moved 15 minutes.
    assert f"{until:%H:%M}" in type_password(qtbot, window, OPERATOR[1])
    assert window.is_locked()
    clock.advance(minutes=policy.lockout_minutes - 1)
    assert f"{until:%H:%M}" in type_password(qtbot, window, OPERATOR[1])
    assert window.is_locked()
    # Waiting or another account is all the page offers meanwhile.
    names = {b.objectName() for b in window.lock_page.findChildren(QPushButton)}
    assert names == {"unlockButton", "switchAccountButton"}
    assert not window.content.isVisible() and not window.menuBar().isVisible()
    assert len(sleeps) == 8

    clock.advance(minutes=1)
    type_password(qtbot, window, OPERATOR[1])
    assert not window.is_locked()
    assert window.lock_page.message.text() == ""
    # After the lockout, the login's delay applies to this try too.
    assert sleeps[8:] == [policy.delay_for(policy.lockout_after)]
    # The unlock is like a login: the counters start afresh.
    assert failures_counted(test_vault) == 0

    entries = operator_entries(test_vault)[before:]
    actions = [e.action for e in entries]
    assert actions == ["unlock-failed"] * 27 + ["unlock"]
    assert all(e.target == OPERATOR[0] for e in entries)
    results = [e.result for e in entries]
    assert results[:9] == [f"wrong password ({n} in a row)" for n in range(1, 10)]
    assert results[9].startswith("wrong password; locked until")
    assert all(r.startswith("locked until") and "not tried" in r for r in results[10:27])
    assert results[27].startswith("ok after 10 failed attempt(s)")
    typed = [*GUESSES, OPERATOR[1]]
    for entry in operator_entries(test_vault):
        text = " ".join((entry.action, entry.target, entry.result))
        assert not any(secret in text for secret in typed), entry


def test_the_lockout_reads_the_same_at_the_lock_screen_and_at_the_login(
    qtbot: QtBot, window: MainWindow, test_vault: TestVault
) -> None:
    window.lock()
    for guess in GUESSES[:10]:
        locked = type_password(qtbot, window, guess)
    assert type_password(qtbot, window, OPERATOR[1]) == locked

    # The same name at the login window (another seat, or "log in as another account"):
    # the same lock, the same sentence, even with the right password.
    dialog = LoginDialog(test_vault.path, account=OPERATOR[0])
    qtbot.addWidget(dialog)
    password = dialog.findChild(QLineEdit, "passwordEdit")
    message = dialog.findChild(QLabel, "loginMessage")
    assert password is not None and message is not None
    password.setText(OPERATOR[1])
    dialog.try_login()
    assert dialog.vault is None
    assert message.text() == locked


def test_a_wrong_guess_after_an_unlock_starts_the_count_afresh(
    qtbot: QtBot, window: MainWindow, test_vault: TestVault, sleeps: Sleeps
) -> None:
    window.lock()
    for guess in GUESSES[:4]:
        type_password(qtbot, window, guess)
    type_password(qtbot, window, OPERATOR[1])
    assert not window.is_locked()
    assert sleeps == [1.0, 2.0, 4.0]
    window.lock()
    type_password(qtbot, window, GUESSES[5])
    assert failures_counted(test_vault) == 1
    assert sleeps == [1.0, 2.0, 4.0]


def test_an_account_disabled_meanwhile_cannot_unlock_its_old_window(
    qtbot: QtBot, window: MainWindow, test_vault: TestVault
) -> None:
    window.lock()
    chief_vault = test_vault.vault(SUPERVISOR)
    chief = Session(SqlCipherStore(chief_vault.conn), chief_vault.account, test_vault.clock)
    AccountService(chief, chief_vault, kdf=TEST_KDF).disable(OPERATOR[0])
    assert type_password(qtbot, window, OPERATOR[1]) != ""
    assert window.is_locked()
    last = operator_entries(test_vault)[-1]
    assert (last.action, last.result) == ("unlock-failed", "account changed since the login")
