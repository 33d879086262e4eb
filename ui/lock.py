"""Locking the window: after a few idle minutes, on Ctrl+L, or when the screen locks.

A locked window shows nothing personal: ``MainWindow`` swaps its content for the ``LockPage``
(the content is hidden, not covered), and only the same account's password opens it again.
This module has the parts that do not depend on the main window:

- ``IdleWatcher``: an application-wide event filter that notes the last key or mouse input and
  a periodic check that compares *wall-clock* time, so time spent asleep counts as idle and a
  laptop that resumes after the timeout locks at once (``time.monotonic`` may stop during
  suspend on some platforms).
- ``LockPage``: the password field, and "log in as another account".
- ``ScreenLockListener``: the desktop's "screen locked" signal over D-Bus on Linux, and the
  session-lock message on Windows.
- ``exclude_from_screen_capture``: Windows' capture exclusion for a window.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    SLOT,
    QAbstractNativeEventFilter,
    QByteArray,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reservations import APP_NAME, errors
from ui.dialogs import wait_after_failed_attempts
from ui.i18n import error_text

__all__ = [
    "DEFAULT_IDLE_LOCK_SECONDS",
    "IdleWatcher",
    "LockPage",
    "ScreenLockListener",
    "exclude_from_screen_capture",
    "idle_lock_seconds",
]

# Five minutes: long enough for a pause in a call, short enough that a desk left for a break
# does not stay open.  A supervisor-set value comes from the session when it has one.
DEFAULT_IDLE_LOCK_SECONDS = 300
# How often the idle time is checked at most; a resume from sleep is noticed within this.
MAX_CHECK_INTERVAL_MS = 5000

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.InputMethod,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def idle_lock_seconds(session: object, default: float = DEFAULT_IDLE_LOCK_SECONDS) -> float:
    """The idle time before the window locks: the session's ``idle_lock_seconds`` when it is a
    positive number (set by a supervisor in the vault), else ``default``."""
    value = getattr(session, "idle_lock_seconds", None)
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    return float(default)


class IdleWatcher(QObject):
    """Emits ``idle`` once no key or mouse input came for ``timeout_seconds``.

    Both clocks are asked and the larger idle time wins: the wall clock counts time spent
    asleep, the monotonic clock is immune to the wall clock being set back.  The first input
    after a long absence (a key pressed to wake the laptop) locks instead of counting as
    activity, and is swallowed so that it does not reach the form.

    Signals:
        idle(): the timeout passed without input (or Ctrl+L was pressed inside a modal
            question, where the window's own shortcut cannot fire).
    """

    idle = Signal()

    def __init__(
        self,
        timeout_seconds: float,
        parent: QObject | None = None,
        *,
        wall_clock: Callable[[], float] = time.time,
        monotonic_clock: Callable[[], float] = time.monotonic,
        check_interval_ms: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._timeout = float(timeout_seconds)
        self._wall = wall_clock
        self._mono = monotonic_clock
        self._last_wall = wall_clock()
        self._last_mono = monotonic_clock()
        self._paused = False
        self._timer = QTimer(self)
        self._timer.setObjectName("idleCheckTimer")
        if check_interval_ms is None:
            check_interval_ms = min(MAX_CHECK_INTERVAL_MS, max(50, int(self._timeout * 250)))
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self.check)

    @property
    def timeout_seconds(self) -> float:
        return self._timeout

    def set_timeout(self, seconds: float) -> None:
        """A new idle time (a supervisor changed the vault's setting), from now on."""
        self._timeout = float(seconds)

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.reset()
        self._paused = False
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def pause(self) -> None:
        """Stop counting (the window is locked); ``resume`` starts afresh."""
        self._paused = True

    def resume(self) -> None:
        self.reset()
        self._paused = False

    def reset(self) -> None:
        self._last_wall = self._wall()
        self._last_mono = self._mono()

    def idle_seconds(self) -> float:
        # A wall clock set back shows a negative difference; the monotonic one still counts.
        return max(self._wall() - self._last_wall, self._mono() - self._last_mono, 0.0)

    def check(self) -> bool:
        """Emit ``idle`` when the timeout has passed; True when it did."""
        if self._paused or self.idle_seconds() < self._timeout:
            return False
        self._paused = True
        self.idle.emit()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in _INPUT_EVENTS or self._paused:
            return False
        if self.check():
            # The laptop was asleep or left alone: this input must not reach the form.
            return True
        if (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_L
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and QApplication.activeModalWidget() is not None
        ):
            self._paused = True
            self.idle.emit()
            return True
        self.reset()
        return False


class LockPage(QWidget):
    """What a locked window shows: whose session it is, a password field, and another way
    in (a different account, which ends this session).  There is no way to dismiss it.

    ``unlock`` checks a password and raises ``ReservationError`` when it does not open the
    account's key slot (``reservations.relock.unlock_session``: the login's delay, lockout and
    audit entries).  During a lockout the page offers only waiting (each try is refused until
    the time it names) and another account, which ends this session.

    Signals:
        unlocked(): the right password was given.
        switch_account_requested(): "Log in as another account" was chosen.
    """

    unlocked = Signal()
    switch_account_requested = Signal()

    def __init__(
        self, account: str, unlock: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lockPage")
        self._unlock = unlock
        self._account = account

        title = QLabel(self.tr("Locked"))
        title.setObjectName("lockTitle")
        font = QFont(title.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.8)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        explanation = QLabel(
            self.tr(
                "The window was locked to protect residents' data. Enter the password of "
                "{account} to continue where you left off."
            ).format(account=account)
        )
        explanation.setObjectName("lockExplanation")
        explanation.setWordWrap(True)
        explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("lockPasswordEdit")
        self.password_edit.setAccessibleName(
            self.tr("Password of {account}").format(account=account)
        )
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.try_unlock)
        password_label = QLabel(self.tr("&Password"))
        password_label.setBuddy(self.password_edit)

        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setAccessibleName(self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(lambda _checked=False: self.try_unlock())
        self.switch_button = QPushButton(self.tr("Log in as &another account…"))
        self.switch_button.setObjectName("switchAccountButton")
        self.switch_button.setAccessibleName(self.tr("Log in as another account"))
        self.switch_button.clicked.connect(
            lambda _checked=False: self.switch_account_requested.emit()
        )

        self.message = QLabel()
        self.message.setObjectName("lockMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)

        form = QHBoxLayout()
        form.addWidget(password_label)
        form.addWidget(self.password_edit, 1)
        form.addWidget(self.unlock_button)
        box = QWidget()
        box.setObjectName("lockBox")
        # A fixed width lets the wrapped explanation take the height it needs.
        box.setFixedWidth(560)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addWidget(explanation)
        inner.addSpacing(12)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addSpacing(12)
        inner.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignCenter)
        # Stretches, not alignment flags: an aligned item gets its size hint's height, which
        # would cut the wrapped explanation to one line.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def prepare(self) -> None:
        """A fresh page each time the window locks: empty field, no old message, focus."""
        self.password_edit.clear()
        self.message.clear()
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_unlock(self) -> bool:
        password = self.password_edit.text()
        self.password_edit.clear()
        if not password:
            self.message.setText(self.tr("Enter the password to unlock."))
            self.password_edit.setFocus()
            return False
        try:
            self._unlock(password)
        except errors.ReservationError as exc:
            self.message.setText(error_text(exc))
            self.password_edit.setFocus()
            return False
        finally:
            del password
        self.message.clear()
        self.unlocked.emit()
        return True

    def wait(self, seconds: float) -> None:
        """The delay after repeated failures, without freezing the window (the page takes no
        input meanwhile)."""
        wait_after_failed_attempts(self, self.message, seconds)


def _slot(signature: str) -> Any:
    # PySide6 accepts the SLOT() string here although its stub asks for bytes (and bytes fail).
    return SLOT(signature)


class ScreenLockListener(QObject):
    """Emits ``screen_locked`` when the desktop reports that the screen locks or the machine
    goes to sleep, where the platform can tell us.

    Linux: the session bus's ``org.freedesktop.ScreenSaver`` (KDE, and GNOME's compatible
    ``org.gnome.ScreenSaver``) ``ActiveChanged(true)``, and logind on the system bus:
    ``Session.Lock`` (``loginctl lock-session``) and ``Manager.PrepareForSleep(true)``.
    Windows: ``WM_WTSSESSION_CHANGE`` with ``WTS_SESSION_LOCK`` (Win+L), after registering
    the window for session notifications.  ``connected`` lists what was hooked up.

    Signals:
        screen_locked(): the screen locked, or the machine is about to sleep.
    """

    screen_locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.connected: list[str] = []
        self._native_filter: _WindowsSessionFilter | None = None

    def connect_linux(self) -> list[str]:
        if not sys.platform.startswith("linux"):
            return []
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return []
        session_bus = QDBusConnection.sessionBus()
        if session_bus.isConnected():
            # Any sender and path: KDE's ksmserver, GNOME Shell and others emit these from
            # different objects; an extra lock is harmless, a missed one is not.
            for interface in ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"):
                if session_bus.connect(
                    "", "", interface, "ActiveChanged", self, _slot("_on_active_changed(bool)")
                ):
                    self.connected.append(f"{interface}.ActiveChanged")
        system_bus = QDBusConnection.systemBus()
        if system_bus.isConnected():
            # Any session's Lock: locking once too often is harmless.
            if system_bus.connect(
                "org.freedesktop.login1",
                "",
                "org.freedesktop.login1.Session",
                "Lock",
                self,
                _slot("_on_lock()"),
            ):
                self.connected.append("org.freedesktop.login1.Session.Lock")
            if system_bus.connect(
                "org.freedesktop.login1",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                self,
                _slot("_on_active_changed(bool)"),
            ):
                self.connected.append("org.freedesktop.login1.Manager.PrepareForSleep")
        return self.connected

    def connect_windows(self, window: QWidget) -> bool:
        if sys.platform != "win32":
            return False
        import ctypes

        hwnd = int(window.winId())
        # NOTIFY_FOR_THIS_SESSION = 0
        if not ctypes.windll.wtsapi32.WTSRegisterSessionNotification(hwnd, 0):
            return False
        self._native_filter = _WindowsSessionFilter(self.screen_locked.emit)
        app = QApplication.instance()
        if app is None:
            return False
        app.installNativeEventFilter(self._native_filter)
        self.connected.append("WTS session notifications")
        return True

    @Slot(bool)
    def _on_active_changed(self, active: bool) -> None:
        if active:
            self.screen_locked.emit()

    @Slot()
    def _on_lock(self) -> None:
        self.screen_locked.emit()


class _WindowsSessionFilter(QAbstractNativeEventFilter):
    """Calls ``on_lock`` for WM_WTSSESSION_CHANGE / WTS_SESSION_LOCK (Windows only)."""

    _WM_WTSSESSION_CHANGE = 0x02B1
    _WTS_SESSION_LOCK = 0x7

    def __init__(self, on_lock: Callable[[], None]) -> None:
        super().__init__()
        self._on_lock = on_lock

    def nativeEventFilter(  # noqa: N802 - Qt override
        self, event_type: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> tuple[bool, int]:
        if sys.platform == "win32" and bytes(event_type) == b"windows_generic_MSG":
            from ctypes import wintypes

            msg = wintypes.MSG.from_address(int(message))
            if msg.message == self._WM_WTSSESSION_CHANGE and msg.wParam == self._WTS_SESSION_LOCK:
                self._on_lock()
        return False, 0


def exclude_from_screen_capture(window: QWidget) -> bool:
    """Keep ``window`` out of screenshots, screen recordings and screen sharing (Windows 10
    2004+: WDA_EXCLUDEFROMCAPTURE; older Windows: WDA_MONITOR, shown black).  X11 and Wayland
    have no such protection; returns False there."""
    if sys.platform != "win32":
        return False
    import ctypes
    from ctypes import wintypes

    user32 = ctypes.windll.user32
    user32.SetWindowDisplayAffinity.argtypes = [wintypes.HWND, wintypes.DWORD]
    user32.SetWindowDisplayAffinity.restype = wintypes.BOOL
    hwnd = wintypes.HWND(int(window.winId()))
    wda_exclude_from_capture, wda_monitor = 0x11, 0x01
    if user32.SetWindowDisplayAffinity(hwnd, wda_exclude_from_capture):
        return True
    return bool(user32.SetWindowDisplayAffinity(hwnd, wda_monitor))


def locked_title() -> str:
    """The title of a locked window: the application's name and nothing else."""
    return APP_NAME
