"""The main window: the booking desk, the search and the verification line, who is logged in,
which vault; and the lock that hides all of it after idle minutes, on Ctrl+L or when the screen
locks (see ``ui.lock`` and docs/security.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reservations import APP_NAME, errors
from reservations.contract import ContractService, RetentionState
from reservations.domain import Role
from reservations.relock import unlock_session
from reservations.session import Session
from reservations.vault import Vault
from reservations.vault_settings import VaultSettingsService
from ui.accounts_panel import AccountsPanel
from ui.audit_viewer import AuditViewer
from ui.booking_desk import BookingDesk
from ui.callbacks import CallbackPanel
from ui.clipboard import clear_sensitive_now
from ui.contract_panel import ContractPanel
from ui.dashboard import DashboardPanel
from ui.help import HelpDialog
from ui.i18n import LANGUAGES, error_text
from ui.lock import (
    IdleWatcher,
    LockPage,
    ScreenLockListener,
    exclude_from_screen_capture,
)
from ui.lock import (
    idle_lock_seconds as idle_lock_seconds_of,
)
from ui.search_panel import SearchPanel
from ui.slot_planning import SlotPlanningPanel
from ui.verification_panel import VerificationPanel


class MainWindow(QMainWindow):
    """Tabs for the booking desk, the search and the verification line; title and status bar
    say who and where.

    ``settings`` holds only the language, the last center, the verification line's calling
    center and the window layout, never personal data.

    The window locks (``lock``) after ``idle_lock_seconds`` without input (default: the
    session's setting, else ``ui.lock.DEFAULT_IDLE_LOCK_SECONDS``), on Ctrl+L and when the
    desktop reports that the screen locks.  Locked, the content page is swapped out for the
    lock page, menus and status bar are hidden, the title is the application's name, other
    windows of the application are hidden (and shown again after unlocking), and an open
    question is closed unanswered: nothing it asked about is done.  Unlocking is the login's
    throttled, audited check (``reservations.relock``); ``unlock_sleep`` waits out its delay
    (default: the lock page's, which keeps the window responsive; tests record it instead).

    Signals:
        locked_changed(bool): the window locked (True) or was unlocked (False).
        switch_account_requested(): on the lock page, "log in as another account" was
            chosen; the owner closes this window (which closes the vault) and logs in anew.
    """

    locked_changed = Signal(bool)
    switch_account_requested = Signal()

    def __init__(
        self,
        vault: Vault,
        session: Session,
        settings: QSettings | None = None,
        *,
        idle_lock_seconds: float | None = None,
        watch_screen_lock: bool = True,
        unlock_sleep: Callable[[float], None] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._vault = vault
        self._session = session
        self._settings = settings if settings is not None else QSettings()
        self._locked = False
        self._hidden_windows: list[QWidget] = []
        self._closed_questions = 0
        self._focus_before_lock: QWidget | None = None
        role = {"operator": self.tr("operator"), "supervisor": self.tr("supervisor")}[
            session.account.role.value
        ]
        self._title = self.tr("{app} — {account} ({role}) — {vault}").format(
            app=APP_NAME, account=session.account.name, role=role, vault=vault.db_path.name
        )
        self.setWindowTitle(self._title)
        central = QWidget()
        central.setObjectName("mainContent")
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        if vault.demo:
            banner = QLabel(self.tr("DEMO — fictitious data, not a real vault"))
            banner.setObjectName("demoBanner")
            banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            banner.setStyleSheet("background:#b00020;color:white;font-weight:bold;padding:4px;")
            layout.addWidget(banner)
        self.retention_banner = self._banner("retentionBanner", "#8a1c00", "white")
        self.backup_banner = self._banner("backupBanner", "#fff3c4", "#3d2e00")
        layout.addWidget(self.retention_banner)
        layout.addWidget(self.backup_banner)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.booking_desk = BookingDesk(session)
        self.tabs.addTab(self.booking_desk, self.tr("&Booking desk"))
        self.search_panel = self._make_search_panel()
        self.tabs.addTab(self.search_panel, self.tr("&Find and change"))
        self.verification_panel = VerificationPanel(session, self._settings)
        self.tabs.addTab(self.verification_panel, self.tr("&Verification line"))
        # Everyone calls back the bookings of closed slots.
        self.callback_panel = CallbackPanel(session)
        self.callback_panel.outcome_recorded.connect(lambda _id: self.booking_desk.picker.refresh())
        self.tabs.addTab(self.callback_panel, self.tr("Call-&backs"))
        # Supervisors see every entry and may export; operators see only their own.
        self.audit_viewer = AuditViewer(
            session, authority_key=lambda: self._vault.keys.authority_key
        )
        self.tabs.addTab(self.audit_viewer, self.tr("&Audit log"))
        # Only supervisors manage accounts, plan slots, see statistics and end the contract;
        # an operator's window has no such tabs at all.
        self.accounts_panel: AccountsPanel | None = None
        self.slot_planning: SlotPlanningPanel | None = None
        self.dashboard: DashboardPanel | None = None
        self.contract_panel: ContractPanel | None = None
        if session.account.role is Role.SUPERVISOR:
            self.accounts_panel = AccountsPanel(session, vault)
            self.tabs.addTab(self.accounts_panel, self.tr("Acco&unts"))
            self.slot_planning = SlotPlanningPanel(session)
            self.slot_planning.slots_changed.connect(self.booking_desk.picker.refresh)
            self.tabs.addTab(self.slot_planning, self.tr("Slot &planning"))
            self.dashboard = DashboardPanel(session)
            self.tabs.addTab(self.dashboard, self.tr("S&tatistics"))
            self.contract_panel = ContractPanel(session, vault)
            self.contract_panel.status_message.connect(
                lambda text: self.statusBar().showMessage(text, 8000)
            )
            self.contract_panel.status_message.connect(lambda _text: self.show_reminders())
            self.contract_panel.vault_erased.connect(self._vault_erased)
            self.tabs.addTab(self.contract_panel, self.tr("Contract and &copies"))
        layout.addWidget(self.tabs)
        self.content = central
        self.lock_page = LockPage(session.account.name, self._check_password)
        self.lock_page.unlocked.connect(self._unlocked)
        self.lock_page.switch_account_requested.connect(self.switch_account_requested)
        self._unlock_sleep = unlock_sleep if unlock_sleep is not None else self.lock_page.wait
        self._stack = QStackedWidget()
        self._stack.setObjectName("mainStack")
        self._stack.addWidget(self.content)
        self._stack.addWidget(self.lock_page)
        self.setCentralWidget(self._stack)

        self.status_label = QLabel(
            self.tr("Logged in: {account} ({role}) · vault: {vault}").format(
                account=session.account.name, role=role, vault=vault.db_path
            )
        )
        self.status_label.setObjectName("statusLabel")
        self.statusBar().addPermanentWidget(self.status_label)
        self.booking_desk.status_message.connect(lambda text: self.statusBar().showMessage(text))
        self.booking_desk.change_booking_requested.connect(self.open_booking)
        self._window_shortcuts: list[QShortcut | QAction] = []
        self._build_menus()
        self._set_up_lock(
            idle_lock_seconds if idle_lock_seconds is not None else idle_lock_seconds_of(session),
            watch_screen_lock,
        )

        last_center = self._settings.value("last_center")
        if last_center is not None and str(last_center).isdigit():
            self.booking_desk.picker.select_center(int(str(last_center)))
        self.booking_desk.picker.center_changed.connect(
            lambda center_id: self._settings.setValue("last_center", center_id)
        )
        geometry = self._settings.value("window_geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        self.booking_desk.picker.centers.setFocus()
        self.show_reminders()

    def _banner(self, name: str, background: str, color: str) -> QLabel:
        banner = QLabel()
        banner.setObjectName(name)
        banner.setWordWrap(True)
        banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        banner.setStyleSheet(f"background:{background};color:{color};padding:5px;")
        banner.linkActivated.connect(lambda _link: self.show_contract_tab())
        banner.hide()
        return banner

    def show_reminders(self) -> None:
        """The retention banner (everyone) and the backup reminder (supervisors)."""
        try:
            reminders = ContractService(self._session).reminders()
        except errors.ReservationError:
            return
        supervisor = self._session.account.role is Role.SUPERVISOR
        label = self.tr("Open the tab")
        link = f' <a href="contract" style="color:inherit">{label}</a>'
        retention = {
            RetentionState.RUNNING: "",
            RetentionState.HANDOVER_DUE: self.tr(
                "The contract ended on {day}: the data must be handed over to the ward and "
                "then erased."
            ),
            RetentionState.ERASURE_DUE: self.tr(
                "The contract ended on {day} and the handover was exported: erase the vault."
            ),
        }[reminders.retention].format(
            day=reminders.contract.end.isoformat() if reminders.contract.end else ""
        )
        self.retention_banner.setText(retention + (link if retention and supervisor else ""))
        self.retention_banner.setVisible(bool(retention))
        overdue = supervisor and reminders.backup_overdue
        if overdue:
            when = (reminders.last_backup or "")[:16].replace("T", " ")
            text = (
                self.tr("The last backup was made on {when}; make one today.").format(when=when)
                if when
                else self.tr("No backup has been made yet; make one today.")
            )
            self.backup_banner.setText(text + link)
        self.backup_banner.setVisible(overdue)

    def show_contract_tab(self) -> None:
        if self.contract_panel is not None:
            self.tabs.setCurrentWidget(self.contract_panel)

    def _vault_erased(self, certificate: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        if not certificate:
            QMessageBox.warning(
                self,
                self.tr("The erasure stopped"),
                self.tr(
                    "The erasure stopped part-way and the vault is closed. The window closes "
                    "now; start the application again to see what is left."
                ),
            )
            self.close()
            return
        QMessageBox.information(
            self,
            self.tr("The vault is erased"),
            self.tr(
                "The vault is erased. Print the certificate {path}, have it signed, and "
                "destroy the backups and paper recovery sheets it lists under witness. "
                "The window closes now."
            ).format(path=certificate),
        )
        self.close()

    def _make_search_panel(self) -> SearchPanel:
        panel = SearchPanel(self._session)
        panel.booking_changed.connect(lambda _receipt: self.booking_desk.picker.refresh())
        panel.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        return panel

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.lock_action = QAction(self.tr("&Lock the window"), self)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        # From any window of the application (the help, say), not only this one.
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        file_menu.addAction(self.lock_action)
        # Also on this window itself, so Ctrl+L works while the menu bar is hidden or native.
        self.addAction(self.lock_action)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        language_menu = settings_menu.addMenu(self.tr("&Language (after restart)"))
        current = str(self._settings.value("language", "ja"))
        for code, name in LANGUAGES.items():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _=False, c=code: self._settings.setValue("language", c))
            language_menu.addAction(action)
        if self._session.account.role is Role.SUPERVISOR:
            idle_action = QAction(self.tr("&Idle lock time (all seats)…"), self)
            idle_action.setObjectName("idleLockAction")
            idle_action.triggered.connect(self.ask_idle_lock_minutes)
            settings_menu.addAction(idle_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_action = QAction(self.tr("&Help and shortcuts"), self)
        help_action.setShortcut(QKeySequence("F1"))
        help_action.triggered.connect(self.show_help)
        help_menu.addAction(help_action)
        about_action = QAction(self.tr("&About Reservation Desk"), self)
        about_action.setObjectName("aboutAction")
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

        for index in range(9):
            keys = f"Ctrl+{index + 1}"
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda i=index: self.show_tab(i))
            self._window_shortcuts.append(shortcut)
        find = QShortcut(QKeySequence("Ctrl+F"), self)
        find.activated.connect(self.focus_search)
        self._window_shortcuts += [find, quit_action, help_action]

    def ask_idle_lock_minutes(self) -> None:
        """A supervisor sets the idle lock for every seat (stored in the vault, audited)."""
        from PySide6.QtWidgets import QInputDialog

        service = VaultSettingsService(self._session)
        minutes, ok = QInputDialog.getInt(
            self,
            self.tr("Idle lock"),
            self.tr("Minutes without input before a window locks (1–60):"),
            service.idle_lock_seconds() // 60,
            1,
            60,
        )
        if ok:
            self.set_idle_lock_minutes(minutes)

    def set_idle_lock_minutes(self, minutes: int) -> None:
        try:
            VaultSettingsService(self._session).set_idle_lock_seconds(minutes * 60)
        except errors.ReservationError as exc:
            self.statusBar().showMessage(error_text(exc))
            return
        self.idle_watcher.set_timeout(minutes * 60)
        self.statusBar().showMessage(
            self.tr("Windows now lock after {n} minutes without input.").format(n=minutes)
        )

    def show_tab(self, index: int) -> None:
        if index < self.tabs.count():
            self.tabs.setCurrentIndex(index)
            if index == 0:
                self.booking_desk.picker.centers.setFocus()
            elif self.tabs.widget(index) is self.verification_panel:
                self.verification_panel.focus_receipt()
            elif self.tabs.widget(index) is self.search_panel:
                self.focus_search()
            elif self.accounts_panel is not None and self.tabs.widget(index) is self.accounts_panel:
                self.accounts_panel.table.setFocus()

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.search_panel)
        self.search_panel.focus_search()

    def open_booking(self, receipt: str) -> None:
        """Show an existing booking in the search tab (e.g. "change that booking instead")."""
        self.tabs.setCurrentWidget(self.search_panel)
        self.search_panel.show_receipt(receipt)

    def about_text(self) -> str:
        import platform

        from PySide6 import __version__ as pyside_version

        from reservations import __version__

        return self.tr(
            "{app} {version}\n\nOffline, encrypted booking desk for in-person support "
            "sessions.\n\nVault: {vault}\nPython {python}, Qt for Python {qt}"
        ).format(
            app=APP_NAME,
            version=__version__,
            vault=self._vault.db_path,
            python=platform.python_version(),
            qt=pyside_version,
        )

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("About Reservation Desk"), self.about_text())

    def show_help(self) -> HelpDialog:
        dialog = HelpDialog(self)
        dialog.setModal(False)
        dialog.show()
        return dialog

    # -- the lock --------------------------------------------------------------------------

    def _set_up_lock(self, seconds: float, watch_screen_lock: bool) -> None:
        self.idle_watcher = IdleWatcher(seconds, self)
        self.idle_watcher.idle.connect(self.lock)
        self.idle_watcher.start()
        self.screen_lock = ScreenLockListener(self)
        self.screen_lock.screen_locked.connect(self.lock)
        if watch_screen_lock:
            self.screen_lock.connect_linux()
            self.screen_lock.connect_windows(self)
        # Windows only; X11 and Wayland let any program of the user capture the screen.
        self.capture_excluded = exclude_from_screen_capture(self)

    @property
    def db_path(self) -> Path:
        return self._vault.db_path

    def is_locked(self) -> bool:
        return self._locked

    def lock(self) -> None:
        """Hide everything personal until the same account's password is given again."""
        if self._locked:
            return
        self._locked = True
        self.idle_watcher.pause()
        clear_sensitive_now()
        focus = QApplication.focusWidget()
        self._focus_before_lock = focus if focus is not None and self.isAncestorOf(focus) else None
        self._hide_other_windows()
        self._stack.setCurrentWidget(self.lock_page)
        self.menuBar().hide()
        self.statusBar().clearMessage()
        self.statusBar().hide()
        self.setWindowTitle(APP_NAME)
        for shortcut in self._window_shortcuts:
            shortcut.setEnabled(False)
        self.lock_page.prepare()
        self.locked_changed.emit(True)

    def _hide_other_windows(self) -> None:
        QToolTip.hideText()
        for _ in range(10):  # nested menus close one level at a time
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if (
                widget is self
                or not widget.isVisible()
                or widget.windowType()
                in (
                    Qt.WindowType.Popup,
                    Qt.WindowType.ToolTip,
                )
            ):
                continue
            if widget.isModal():
                # Qt ends a modal dialog's exec() when the dialog is hidden, so a question
                # cannot be put away and brought back: it is closed unanswered ("no"),
                # and the window says so after unlocking.  Its form stays as it was.
                if isinstance(widget, QDialog):
                    widget.reject()
                widget.hide()
                self._closed_questions += 1
            else:
                widget.hide()
                self._hidden_windows.append(widget)

    def _check_password(self, password: str) -> None:
        """Raise ``AuthenticationFailed`` unless ``password`` is this account's (delayed,
        locked out and audited like a login)."""
        unlock_session(self._vault, self._session, password, sleep=self._unlock_sleep)

    def _unlocked(self) -> None:
        self._locked = False
        self._stack.setCurrentWidget(self.content)
        self.menuBar().show()
        self.statusBar().show()
        self.setWindowTitle(self._title)
        for shortcut in self._window_shortcuts:
            shortcut.setEnabled(True)
        hidden, self._hidden_windows = self._hidden_windows, []
        for widget in hidden:
            if shiboken6.isValid(widget):
                widget.show()
        self.activateWindow()
        focus, self._focus_before_lock = self._focus_before_lock, None
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._closed_questions:
            self._closed_questions = 0
            self.statusBar().showMessage(
                self.tr(
                    "The question that was open when the window locked was closed; nothing "
                    "was changed. Do it again if it is still needed."
                )
            )
        self.idle_watcher.resume()
        self.locked_changed.emit(False)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.idle_watcher.stop()
        clear_sensitive_now()
        self._settings.setValue("window_geometry", self.saveGeometry())
        self._settings.sync()
        self._vault.close()
        super().closeEvent(event)
