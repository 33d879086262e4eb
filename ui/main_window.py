"""The main window: the booking desk, the search and the verification line, who is logged in,
which vault."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from reservations import APP_NAME
from reservations.session import Session
from reservations.vault import Vault
from ui.booking_desk import BookingDesk
from ui.help import HelpDialog
from ui.i18n import LANGUAGES
from ui.search_panel import SearchPanel
from ui.verification_panel import VerificationPanel


class MainWindow(QMainWindow):
    """Tabs for the booking desk, the search and the verification line; title and status bar
    say who and where.

    ``settings`` holds only the language, the last center, the verification line's calling
    center and the window layout, never personal data.
    """

    def __init__(self, vault: Vault, session: Session, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._vault = vault
        self._session = session
        self._settings = settings if settings is not None else QSettings()
        role = {"operator": self.tr("operator"), "supervisor": self.tr("supervisor")}[
            session.account.role.value
        ]
        self.setWindowTitle(
            self.tr("{app} — {account} ({role}) — {vault}").format(
                app=APP_NAME, account=session.account.name, role=role, vault=vault.db_path.name
            )
        )
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        if vault.demo:
            banner = QLabel(self.tr("DEMO — fictitious data, not a real vault"))
            banner.setObjectName("demoBanner")
            banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            banner.setStyleSheet("background:#b00020;color:white;font-weight:bold;padding:4px;")
            layout.addWidget(banner)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.booking_desk = BookingDesk(session)
        self.tabs.addTab(self.booking_desk, self.tr("&Booking desk"))
        self.search_panel = self._make_search_panel()
        self.tabs.addTab(self.search_panel, self.tr("&Find and change"))
        self.verification_panel = VerificationPanel(session, self._settings)
        self.tabs.addTab(self.verification_panel, self.tr("&Verification line"))
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)

        self.status_label = QLabel(
            self.tr("Logged in: {account} ({role}) · vault: {vault}").format(
                account=session.account.name, role=role, vault=vault.db_path
            )
        )
        self.status_label.setObjectName("statusLabel")
        self.statusBar().addPermanentWidget(self.status_label)
        self.booking_desk.status_message.connect(lambda text: self.statusBar().showMessage(text))
        self.booking_desk.change_booking_requested.connect(self.open_booking)
        self._build_menus()

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

    def _make_search_panel(self) -> SearchPanel:
        panel = SearchPanel(self._session)
        panel.booking_changed.connect(lambda _receipt: self.booking_desk.picker.refresh())
        return panel

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
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

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_action = QAction(self.tr("&Help and shortcuts"), self)
        help_action.setShortcut(QKeySequence("F1"))
        help_action.triggered.connect(self.show_help)
        help_menu.addAction(help_action)

        for keys, index in (("Ctrl+1", 0), ("Ctrl+2", 1), ("Ctrl+3", 2)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda i=index: self.show_tab(i))
        find = QShortcut(QKeySequence("Ctrl+F"), self)
        find.activated.connect(self.focus_search)

    def show_tab(self, index: int) -> None:
        if index < self.tabs.count():
            self.tabs.setCurrentIndex(index)
            if index == 0:
                self.booking_desk.picker.centers.setFocus()
            elif self.tabs.widget(index) is self.verification_panel:
                self.verification_panel.focus_receipt()
            else:
                self.focus_search()

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.search_panel)
        self.search_panel.focus_search()

    def open_booking(self, receipt: str) -> None:
        """Show an existing booking in the search tab (e.g. "change that booking instead")."""
        self.tabs.setCurrentWidget(self.search_panel)
        self.search_panel.show_receipt(receipt)

    def show_help(self) -> HelpDialog:
        dialog = HelpDialog(self)
        dialog.setModal(False)
        dialog.show()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._settings.setValue("window_geometry", self.saveGeometry())
        self._settings.sync()
        self._vault.close()
        super().closeEvent(event)
