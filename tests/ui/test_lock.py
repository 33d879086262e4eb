"""The window locks (idle, Ctrl+L, screen lock), hides everything personal, and only the same
account's password brings the work back exactly as it was."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from reservations import APP_NAME
from reservations.session import Session
from reservations.store import SqlCipherStore
from tests.conftest import OPERATOR, ROOT, SUPERVISOR, TestVault
from tests.ui.conftest import commit_text
from ui.clipboard import copy_sensitive
from ui.dialogs import ask_yes_no
from ui.lock import (
    DEFAULT_IDLE_LOCK_SECONDS,
    IdleWatcher,
    exclude_from_screen_capture,
    idle_lock_seconds,
)
from ui.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, test_vault: TestVault, settings: QSettings) -> Iterator[MakeWindow]:
    windows: list[MainWindow] = []

    def make(idle_seconds: float = 3600) -> MainWindow:
        vault = test_vault.vault(OPERATOR)
        session = Session(SqlCipherStore(vault.conn), vault.account, test_vault.clock)
        window = MainWindow(
            vault, session, settings, idle_lock_seconds=idle_seconds, watch_screen_lock=False
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        # Shortcuts only reach the active window.
        with qtbot.waitActive(window):
            window.activateWindow()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


def family_edit(window: MainWindow) -> QLineEdit:
    edit = window.findChild(QLineEdit, "familyNameEdit")
    assert isinstance(edit, QLineEdit)
    return edit


def unlock_with(qtbot: QtBot, window: MainWindow, password: str) -> None:
    edit = window.lock_page.password_edit
    edit.setText(password)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def assert_locked(window: MainWindow) -> None:
    assert window.is_locked()
    assert not window.booking_desk.isVisible()
    assert not window.tabs.isVisible()
    assert not window.content.isVisible()
    assert window.lock_page.isVisible()
    assert not window.menuBar().isVisible()
    assert not window.statusBar().isVisible()
    assert window.windowTitle() == APP_NAME
    # Nothing of the session is left on screen but the account's name on the lock page.
    assert not window.status_label.isVisible()


def test_idle_timeout_locks_and_the_content_is_hidden(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(idle_seconds=0.3)
    assert not window.is_locked()
    assert window.booking_desk.isVisible()
    with qtbot.waitSignal(window.locked_changed, timeout=5000) as blocker:
        pass
    assert blocker.args == [True]
    assert_locked(window)
    assert window.lock_page.password_edit.hasFocus() or not window.isActiveWindow()


def test_ctrl_l_locks_and_the_half_typed_booking_survives(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    commit_text(family_edit(window), "山田")
    qtbot.keyClick(family_edit(window), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert_locked(window)
    assert family_edit(window).text() == "山田"  # kept, not destroyed

    unlock_with(qtbot, window, OPERATOR[1])
    assert not window.is_locked()
    assert window.booking_desk.isVisible()
    assert family_edit(window).isVisible()
    assert family_edit(window).text() == "山田"
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert window.windowTitle() != APP_NAME and OPERATOR[0] in window.windowTitle()


def test_a_wrong_password_keeps_it_locked_and_clears_the_field(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    window.lock()
    for wrong in ("not-the-password", SUPERVISOR[1]):  # another account's password neither
        unlock_with(qtbot, window, wrong)
        assert_locked(window)
        assert window.lock_page.password_edit.text() == ""
        assert window.lock_page.message.text() != ""
    unlock_with(qtbot, window, "")
    assert_locked(window)
    unlock_with(qtbot, window, OPERATOR[1])
    assert not window.is_locked()
    assert window.lock_page.message.text() == ""


def test_there_is_no_way_around_the_lock(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.lock()
    # Escape, the tab shortcuts and the search shortcut change nothing.
    for key, modifier in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
    ):
        qtbot.keyClick(window.lock_page.password_edit, key, modifier)
        assert_locked(window)
    assert window.tabs.currentWidget() is window.booking_desk
    assert window.lock_page.findChildren(QPushButton)  # unlock and another account only
    names = {b.objectName() for b in window.lock_page.findChildren(QPushButton)}
    assert names == {"unlockButton", "switchAccountButton"}
    window.lock()  # locking twice is harmless
    assert_locked(window)


def test_a_dialog_of_the_window_is_hidden_and_shown_again(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window()
    dialog = QDialog(window)
    dialog.setObjectName("someNonModalDialog")
    dialog.setModal(False)
    dialog.show()
    qtbot.waitExposed(dialog)
    help_dialog = window.show_help()
    qtbot.waitExposed(help_dialog)

    window.lock()
    assert not dialog.isVisible()
    assert not help_dialog.isVisible()
    unlock_with(qtbot, window, OPERATOR[1])
    assert dialog.isVisible()
    assert help_dialog.isVisible()


def test_an_open_question_is_closed_unanswered(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    seen: list[bool] = []

    def lock_while_asking() -> None:
        box = QApplication.activeModalWidget()
        seen.append(box is not None and box.isVisible())
        window.lock()
        seen.append(box is not None and box.isVisible())

    QTimer.singleShot(50, lock_while_asking)
    answer = ask_yes_no(window, "Please confirm", "Book this?")
    assert seen == [True, False]
    assert answer is False  # nothing is done without an answer
    assert_locked(window)
    unlock_with(qtbot, window, OPERATOR[1])
    assert window.statusBar().currentMessage() != ""


def test_ctrl_l_inside_a_question_locks(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()

    def press_ctrl_l() -> None:
        box = QApplication.activeModalWidget()
        assert box is not None
        qtbot.keyClick(box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(50, press_ctrl_l)
    assert ask_yes_no(window, "Please confirm", "Book this?") is False
    assert_locked(window)


def test_log_in_as_another_account_is_offered(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.lock()
    with qtbot.waitSignal(window.switch_account_requested, timeout=1000):
        qtbot.mouseClick(window.lock_page.switch_button, Qt.MouseButton.LeftButton)


def test_locking_clears_a_copied_phone_number(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    clipboard = QGuiApplication.clipboard()
    copy_sensitive("090-1234-5678", clipboard, seconds=60)
    assert clipboard.text() == "090-1234-5678"
    window.lock()
    assert clipboard.text() == ""


def test_the_idle_time_restarts_after_unlocking(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(idle_seconds=0.3)
    qtbot.waitUntil(window.is_locked, timeout=5000)
    unlock_with(qtbot, window, OPERATOR[1])
    assert not window.is_locked()
    qtbot.waitUntil(window.is_locked, timeout=5000)


# -- the idle watcher on its own, with clocks the test moves -----------------------------------


class Clocks:
    def __init__(self) -> None:
        self.wall = 1_000_000.0
        self.mono = 50.0

    def advance(self, seconds: float, *, asleep: bool = False) -> None:
        self.wall += seconds
        if not asleep:  # some platforms stop the monotonic clock during suspend
            self.mono += seconds


@pytest.fixture
def watcher(qtbot: QtBot) -> Iterator[tuple[IdleWatcher, Clocks, list[int]]]:
    clocks = Clocks()
    idle = IdleWatcher(
        300,
        wall_clock=lambda: clocks.wall,
        monotonic_clock=lambda: clocks.mono,
        check_interval_ms=3_600_000,  # the test calls check() itself
    )
    fired: list[int] = []
    idle.idle.connect(lambda: fired.append(1))
    idle.start()
    yield idle, clocks, fired
    idle.stop()


def press_key(target: QLineEdit, text: str = "a") -> None:
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, text)
    QApplication.sendEvent(target, event)


def test_input_resets_the_idle_time(
    qtbot: QtBot, watcher: tuple[IdleWatcher, Clocks, list[int]]
) -> None:
    idle, clocks, fired = watcher
    edit = QLineEdit()
    qtbot.addWidget(edit)
    for _ in range(5):
        clocks.advance(200)
        assert idle.check() is False
        press_key(edit)
    assert fired == []
    clocks.advance(299)
    assert idle.check() is False
    clocks.advance(2)
    assert idle.check() is True
    assert fired == [1]
    assert idle.check() is False  # once; it waits for resume()
    idle.resume()
    assert idle.check() is False


def test_time_asleep_counts_and_the_waking_key_is_swallowed(
    qtbot: QtBot, watcher: tuple[IdleWatcher, Clocks, list[int]]
) -> None:
    idle, clocks, fired = watcher
    edit = QLineEdit()
    qtbot.addWidget(edit)
    clocks.advance(10)
    clocks.advance(3600, asleep=True)  # the lid was closed for an hour
    press_key(edit, "x")  # the key that wakes it locks before anything else happens
    assert fired == [1]
    assert edit.text() == ""


def test_a_clock_set_back_does_not_delay_the_lock(
    qtbot: QtBot, watcher: tuple[IdleWatcher, Clocks, list[int]]
) -> None:
    idle, clocks, fired = watcher
    clocks.wall -= 7200
    clocks.mono += 301
    assert idle.check() is True


def test_the_timeout_comes_from_the_session_when_it_has_one() -> None:
    assert DEFAULT_IDLE_LOCK_SECONDS == 300
    assert idle_lock_seconds(SimpleNamespace()) == 300
    assert idle_lock_seconds(SimpleNamespace(idle_lock_seconds=120)) == 120
    for bad in (None, 0, -5, True, "60"):
        assert idle_lock_seconds(SimpleNamespace(idle_lock_seconds=bad)) == 300


def test_screen_capture_exclusion_is_windows_only(make_window: MakeWindow) -> None:
    window = make_window()
    assert window.capture_excluded is (sys.platform == "win32")
    if sys.platform != "win32":
        assert exclude_from_screen_capture(window) is False


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("dbus-run-session") is None,
    reason="needs dbus-run-session (Debian dbus-daemon)",
)
def test_the_desktop_screen_lock_signal_locks() -> None:
    """On a private session bus, a screensaver's ActiveChanged(true) reaches the listener."""
    script = textwrap.dedent(
        """
        import subprocess
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from ui.lock import ScreenLockListener

        app = QApplication([])
        listener = ScreenLockListener()
        connected = listener.connect_linux()
        got = []
        listener.screen_locked.connect(lambda: (got.append(1), app.quit()))
        QTimer.singleShot(100, lambda: subprocess.run(
            ["dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver",
             "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true"], check=True))
        QTimer.singleShot(10000, app.quit)
        app.exec()
        print("connected" if connected else "not-connected", "locked" if got else "missed")
        """
    )
    result = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
            "QT_QPA_PLATFORM": "offscreen",
        },
    )
    assert result.stdout.split() == ["connected", "locked"], result.stderr


def test_log_in_as_another_account_ends_the_session_and_opens_a_new_one(
    qtbot: QtBot, test_vault: TestVault, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.app
    from reservations.session import open_session

    class FakeLogin:
        """The login dialog, answered by the supervisor."""

        def __init__(self, db_path: object) -> None:
            self.vault, self.session = open_session(test_vault.path, *SUPERVISOR)

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ui.app, "LoginDialog", FakeLogin)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    desk = ui.app._Desk(app, settings)
    vault, session = open_session(test_vault.path, *OPERATOR)
    desk.open(vault, session)
    first = desk.window
    assert isinstance(first, MainWindow)
    first.lock()
    first.lock_page.switch_button.click()
    second = desk.window
    assert isinstance(second, MainWindow) and second is not first
    qtbot.addWidget(second)
    assert vault._closed  # the operator's session ended with its window
    assert SUPERVISOR[0] in second.windowTitle()
    assert not second.is_locked()
    assert app.quitOnLastWindowClosed()
    second.close()


def test_supervisor_changes_the_idle_lock_from_the_window(
    qtbot: QtBot, test_vault: TestVault, settings: QSettings
) -> None:
    vault = test_vault.vault(SUPERVISOR)
    session = Session(SqlCipherStore(vault.conn), vault.account, test_vault.clock)
    window = MainWindow(vault, session, settings)
    qtbot.addWidget(window)
    assert window.findChild(QAction, "idleLockAction") is not None
    window.set_idle_lock_minutes(7)
    assert window.idle_watcher.timeout_seconds == 420
    assert test_vault.session(SUPERVISOR).idle_lock_seconds == 420
    window.close()
