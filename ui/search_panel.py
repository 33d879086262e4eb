"""Finding a booking while the caller is on the line, and correcting, moving, cancelling or
reinstating it, each change undoable for a few seconds from a toast.

One search box understands receipt numbers, phone numbers (or their last 4 digits), kana and
names (``interpret_search_text``); results page in lazily as the table scrolls.  Every search
is an audited read, so typing waits for a short pause before searching.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reservations import errors
from reservations.booking import BookingService, PersonChanges, SearchInput, interpret_search_text
from reservations.domain import Reservation, Role, Slot, Status
from reservations.normalize import format_phone_national
from reservations.session import Session
from reservations.slots import SlotService
from ui.clipboard import SENSITIVE_CLIPBOARD_SECONDS, copy_sensitive
from ui.dialogs import ask_yes_no
from ui.i18n import error_text, field_error_text, status_text
from ui.models import ObjectRole, ReservationTableModel
from ui.move_dialog import MoveDialog
from ui.toast import UndoToast

# Long enough for a burst of keystrokes, short enough to feel instant.
SEARCH_DEBOUNCE_MS = 200

# The service's ``InvalidInput.field`` for each person field -> our edit's attribute name.
_PERSON_FIELDS = {
    "family name": "family_name",
    "given name": "given_name",
    "family name reading (kana)": "family_kana",
    "given name reading (kana)": "given_kana",
    "phone": "phone",
}


class CancelDialog(QDialog):
    """Asks once whether to cancel a booking, with an optional reason ("cancelReason")."""

    def __init__(self, reservation: Reservation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cancelDialog")
        self.setWindowTitle(
            self.tr("Cancel booking {receipt}").format(receipt=reservation.receipt_display)
        )
        question = QLabel(
            self.tr(
                "Cancel booking {receipt} ({center}, {date} {start})? The seat is freed; "
                "the receipt number is not issued again."
            ).format(
                receipt=reservation.receipt_display,
                center=reservation.center,
                date=reservation.date.isoformat(),
                start=f"{reservation.start:%H:%M}",
            )
        )
        question.setWordWrap(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("cancelReason")
        self.reason_edit.setAccessibleName(self.tr("Reason for the cancellation"))
        self.reason_edit.setPlaceholderText(self.tr("Reason (optional), e.g. caller is unwell"))
        reason_label = QLabel(self.tr("&Reason"))
        reason_label.setBuddy(self.reason_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setObjectName("cancelConfirmButton")
        ok.setText(self.tr("Cancel &booking"))
        ok.setAccessibleName(self.tr("Cancel the booking"))
        ok.setDefault(True)
        keep = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        keep.setObjectName("cancelKeepButton")
        keep.setText(self.tr("&Keep booking"))
        keep.setAccessibleName(self.tr("Keep the booking"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(buttons)

    def reason(self) -> str:
        return self.reason_edit.text()


class SearchPanel(QWidget):
    """Search box, filters, lazily fetched results and the chosen booking's details.

    Signals:
        booking_changed(str): a booking was corrected, moved, cancelled or reinstated (or
            such a change undone); the argument is its receipt number as shown (1234-5678),
            so that other screens can refresh their seats.
        status_message(str): a short note for the window's status bar.
    """

    booking_changed = Signal(str)
    # status_message(str): a short note for the status bar (e.g. "copied").
    status_message = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self._session = session
        self._service = BookingService(session)
        self._current: Reservation | None = None
        self._shown_search: SearchInput | None = None
        self._fetch_error: errors.ReservationError | None = None

        self._build_search_row(session)
        self._build_results()
        self._build_detail()
        self.toast = UndoToast(self)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("searchSplitter")
        splitter.setChildrenCollapsible(False)
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.result_table, 1)
        results_layout.addWidget(self.result_info)
        splitter.addWidget(results)
        splitter.addWidget(self.detail_pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # The result columns need the room; the detail pane's fields read fine narrower.
        splitter.setSizes([780, 480])

        layout = QVBoxLayout(self)
        layout.addLayout(self._search_row)
        layout.addLayout(self._filter_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.toast)

        self._build_shortcuts()
        self._set_tab_order()
        self._show_detail(None)

    # -- construction --------------------------------------------------------------------------

    def _build_search_row(self, session: Session) -> None:
        self._columns_sized = False
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setAccessibleName(self.tr("Search bookings"))
        self.search_edit.setPlaceholderText(
            self.tr("Receipt number (1234-5678), phone or its last 4 digits, kana or name")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        search_label = QLabel(self.tr("&Search"))
        search_label.setBuddy(self.search_edit)
        self.search_message = QLabel()
        self.search_message.setObjectName("searchMessage")
        self.search_message.setStyleSheet("color: #b00020;")
        self.search_message.setWordWrap(True)

        self._search_timer = QTimer(self)
        self._search_timer.setObjectName("searchDebounce")
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._search_if_changed)
        self.search_edit.textChanged.connect(self._on_text_changed)
        self.search_edit.returnPressed.connect(self.search_now)

        self._search_row = QHBoxLayout()
        self._search_row.addWidget(search_label)
        self._search_row.addWidget(self.search_edit, 3)
        self._search_row.addWidget(self.search_message, 2)

        self.center_filter = QComboBox()
        self.center_filter.setObjectName("centerFilter")
        self.center_filter.setAccessibleName(self.tr("Center filter"))
        self.center_filter.addItem(self.tr("All centers"), None)
        for name in SlotService(session).list_centers():
            self.center_filter.addItem(name, name)
        center_label = QLabel(self.tr("&Center"))
        center_label.setBuddy(self.center_filter)

        self.date_filter_enabled = QCheckBox(self.tr("&Date"))
        self.date_filter_enabled.setObjectName("dateFilterEnabled")
        self.date_filter_enabled.setAccessibleName(self.tr("Filter by date"))
        self.date_filter = QDateEdit()
        self.date_filter.setObjectName("dateFilter")
        self.date_filter.setAccessibleName(self.tr("Date filter"))
        self.date_filter.setCalendarPopup(True)
        self.date_filter.setDisplayFormat("yyyy-MM-dd")
        today = session.now().date()
        self.date_filter.setDate(QDate(today.year, today.month, today.day))
        self.date_filter.setEnabled(False)

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName(self.tr("Status filter"))
        self.status_filter.addItem(self.tr("Any status"), None)
        self.status_filter.addItem(self.tr("Booked"), Status.BOOKED.value)
        self.status_filter.addItem(self.tr("Attended"), Status.ATTENDED.value)
        self.status_filter.addItem(self.tr("Cancelled"), Status.CANCELLED.value)
        self.status_filter.addItem(self.tr("No-show"), Status.NO_SHOW.value)
        status_label = QLabel(self.tr("S&tatus"))
        status_label.setBuddy(self.status_filter)

        self.center_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.date_filter_enabled.toggled.connect(self.date_filter.setEnabled)
        self.date_filter_enabled.toggled.connect(self._on_filter_changed)
        self.date_filter.dateChanged.connect(self._on_date_changed)
        self.status_filter.currentIndexChanged.connect(self._on_filter_changed)

        self._filter_row = QHBoxLayout()
        self._filter_row.addWidget(center_label)
        self._filter_row.addWidget(self.center_filter)
        self._filter_row.addSpacing(12)
        self._filter_row.addWidget(self.date_filter_enabled)
        self._filter_row.addWidget(self.date_filter)
        self._filter_row.addSpacing(12)
        self._filter_row.addWidget(status_label)
        self._filter_row.addWidget(self.status_filter)
        self._filter_row.addStretch(1)

    def _build_results(self) -> None:
        self.model = ReservationTableModel(self)
        self.result_table = QTableView()
        self.result_table.setObjectName("resultTable")
        self.result_table.setAccessibleName(self.tr("Bookings found"))
        self.result_table.setModel(self.model)
        self.result_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.result_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.result_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.result_table.setTabKeyNavigation(False)
        self.result_table.verticalHeader().hide()
        # Sized once per search (see _search): measuring every cell on every change would
        # cost a repaint per keystroke tens of milliseconds.
        self.result_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
        )
        self.result_table.horizontalHeader().setStretchLastSection(True)
        self.result_table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.result_table.activated.connect(lambda _index: self.family_name_edit.setFocus())

        self.result_info = QLabel()
        self.result_info.setObjectName("resultInfo")
        self.model.modelReset.connect(self._on_results_reset)
        self.model.rowsInserted.connect(lambda *_: self._update_result_info())

    def _build_detail(self) -> None:
        self.detail_pane = QFrame()
        self.detail_pane.setObjectName("detailPane")
        self.detail_pane.setAccessibleName(self.tr("Booking details"))
        self.detail_pane.setFrameShape(QFrame.Shape.StyledPanel)

        self.receipt_label = QLabel()
        self.receipt_label.setObjectName("detailReceipt")
        self.receipt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.receipt_label.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 2)
        self.receipt_label.setFont(font)
        self.where_label = QLabel()
        self.where_label.setObjectName("detailWhere")
        self.status_label = QLabel()
        self.status_label.setObjectName("detailStatus")
        self.status_label.setWordWrap(True)

        self.family_name_edit = self._detail_edit("detailFamilyName", self.tr("Family name"))
        self.given_name_edit = self._detail_edit("detailGivenName", self.tr("Given name"))
        self.family_kana_edit = self._detail_edit("detailFamilyKana", self.tr("Family name kana"))
        self.given_kana_edit = self._detail_edit("detailGivenKana", self.tr("Given name kana"))
        self.phone_edit = self._detail_edit("detailPhone", self.tr("Phone"))
        self.person_edits: dict[str, QLineEdit] = {
            "family_name": self.family_name_edit,
            "given_name": self.given_name_edit,
            "family_kana": self.family_kana_edit,
            "given_kana": self.given_kana_edit,
            "phone": self.phone_edit,
        }
        self.field_errors: dict[str, QLabel] = {}
        for key, edit in self.person_edits.items():
            self.field_errors[key] = self._error_label(edit.objectName() + "Error")
            edit.textChanged.connect(self._update_buttons)

        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("detailNote")
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(80)
        self.note_edit.textChanged.connect(self._update_buttons)
        self.field_errors["note"] = self._error_label("detailNoteError")

        grid = QGridLayout()
        rows: list[tuple[str, QWidget, str]] = [
            (self.tr("&Family name"), self.family_name_edit, "family_name"),
            (self.tr("&Given name"), self.given_name_edit, "given_name"),
            (self.tr("Family &kana"), self.family_kana_edit, "family_kana"),
            (self.tr("Given k&ana"), self.given_kana_edit, "given_kana"),
            (self.tr("&Phone"), self.phone_edit, "phone"),
            (self.tr("&Note"), self.note_edit, "note"),
        ]
        for row, (text, field, key) in enumerate(rows):
            label = QLabel(text)
            label.setBuddy(field)
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(self.field_errors[key], row, 2)
        grid.setColumnStretch(1, 1)

        self.save_correction_button = self._button(
            "saveCorrectionButton", self.tr("Save correction (Ctrl+S)"), self.save_correction
        )
        self.save_note_button = self._button("saveNoteButton", self.tr("Save note"), self.save_note)
        self.move_button = self._button("moveButton", self.tr("Move… (Ctrl+M)"), self.move_booking)
        self.cancel_button = self._button(
            "cancelButton", self.tr("Cancel booking… (Ctrl+D)"), self.cancel_booking
        )
        self.reinstate_button = self._button(
            "reinstateButton", self.tr("Reinstate"), self.reinstate_booking
        )
        # Disclosure, formal correction and erasure under the personal-information law are
        # a supervisor's; operators' quick typo fixes stay the buttons above.
        self.person_request_button = self._button(
            "personRequestButton", self.tr("Resident's request…"), self.open_person_request
        )
        self.person_request_button.setVisible(self._session.account.role is Role.SUPERVISOR)
        buttons = QHBoxLayout()
        for button in (
            self.save_correction_button,
            self.save_note_button,
            self.move_button,
            self.cancel_button,
            self.reinstate_button,
            self.person_request_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.detail_message = QLabel()
        self.detail_message.setObjectName("detailMessage")
        self.detail_message.setStyleSheet("color: #b00020;")
        self.detail_message.setWordWrap(True)

        layout = QVBoxLayout(self.detail_pane)
        layout.addWidget(self.receipt_label)
        layout.addWidget(self.where_label)
        layout.addWidget(self.status_label)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.detail_message)
        layout.addStretch(1)

    def _detail_edit(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setStyleSheet("color: #b00020;")
        return label

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_shortcuts(self) -> None:
        def add(keys: str | QKeySequence.StandardKey, slot: Callable[[], None]) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

        self._shortcuts: list[QShortcut] = []
        add("Ctrl+S", self.save_correction)
        add("Ctrl+M", self.move_booking)
        add("Ctrl+D", self.cancel_booking)
        # An editable field keeps Delete (and Ctrl+Z) for its own text; elsewhere they act on
        # the chosen booking and on the toast.
        add("Delete", self.cancel_booking)
        add("Ctrl+Z", self.toast.undo)
        add("Ctrl+Shift+C", self.copy_detail)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.search_edit,
            self.center_filter,
            self.date_filter_enabled,
            self.date_filter,
            self.status_filter,
            self.result_table,
            self.family_name_edit,
            self.given_name_edit,
            self.family_kana_edit,
            self.given_kana_edit,
            self.phone_edit,
            self.note_edit,
            self.save_correction_button,
            self.save_note_button,
            self.move_button,
            self.cancel_button,
            self.reinstate_button,
            self.toast.undo_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- public ------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def show_receipt(self, receipt: str) -> None:
        """Search for ``receipt`` at once and select its booking (if found)."""
        self.search_edit.setText(receipt)
        self.search_now()
        if self.model.rowCount() == 1:
            self.result_table.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_reservation(self) -> Reservation | None:
        return self._current

    def copy_detail(self) -> None:
        """Copy the name or kana field that has the focus, else the phone, to the clipboard
        for 30 seconds (``ui.clipboard.copy_sensitive``)."""
        focus = self.focusWidget()
        edits = list(self.person_edits.values())
        edit = focus if isinstance(focus, QLineEdit) and focus in edits else self.phone_edit
        text = edit.text().strip()
        if self._current is None or not text:
            return
        copy_sensitive(text)
        self.status_message.emit(
            self.tr("Copied. The clipboard is cleared in {seconds} seconds.").format(
                seconds=SENSITIVE_CLIPBOARD_SECONDS
            )
        )

    # -- searching ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Down from the search box goes to the results, the way a combo box's popup does.
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount() > 0
        ):
            self.result_table.setFocus(Qt.FocusReason.TabFocusReason)
            if not self.result_table.currentIndex().isValid():
                self._select_row(0)
            return True
        return super().eventFilter(watched, event)

    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            # An empty box is no search: clear at once, and read nothing.
            self._search_timer.stop()
            self._clear_results()
            return
        self._search_timer.start()

    def _on_filter_changed(self) -> None:
        if self.search_edit.text().strip():
            self._search_timer.start()

    def _on_date_changed(self) -> None:
        if self.date_filter_enabled.isChecked():
            self._on_filter_changed()

    def search_input(self) -> SearchInput | None:
        """What the box and the filters mean, or ``None`` for an empty box."""
        base = interpret_search_text(self.search_edit.text())
        if base == SearchInput():
            return None
        date = None
        if self.date_filter_enabled.isChecked():
            qdate = self.date_filter.date()
            date = dt.date(qdate.year(), qdate.month(), qdate.day())
        return dataclasses.replace(
            base,
            center=self.center_filter.currentData(),
            date=date,
            status=self.status_filter.currentData(),
        )

    def _search_if_changed(self) -> None:
        if self.search_input() != self._shown_search:
            self.search_now()

    def search_now(self) -> None:
        """Search with what the box and filters say now (Enter; or after the typing pause)."""
        self._search_timer.stop()
        search = self.search_input()
        if search is None:
            self._clear_results()
            return
        self._fetch_error = None
        self._shown_search = search
        self.search_message.clear()
        self.model.set_fetch(lambda offset, limit: self._fetch_page(search, offset, limit))
        if self._fetch_error is not None:
            self.model.set_fetch(None)
            self._show_search_error(self._fetch_error)
            return
        if not self._columns_sized and self.model.rowCount() > 0:
            # Once: later results keep the widths (and the operator's own adjustments).
            self.result_table.resizeColumnsToContents()
            self._columns_sized = True
        if self.model.rowCount() == 1:
            self._select_row(0)
        self._update_result_info()

    def _fetch_page(self, search: SearchInput, offset: int, limit: int) -> list[Reservation]:
        # Runs inside the model's fetchMore, which the view calls while scrolling; an error
        # must not escape into Qt, so it is shown next to the box instead.
        # The model learns only after this returns whether the results are exhausted.
        QTimer.singleShot(0, self, self._update_result_info)
        try:
            return self._service.find(dataclasses.replace(search, offset=offset, limit=limit))
        except errors.ReservationError as exc:
            self._fetch_error = exc
            self._show_search_error(exc)
            return []

    def _show_search_error(self, exc: errors.ReservationError) -> None:
        if isinstance(exc, errors.InvalidInput) and exc.field == "search":
            text = self.tr("Type a receipt number, a phone number (or its last 4), kana or a name.")
        else:
            text = error_text(exc)
        self.search_message.setText(text)
        self.result_info.clear()

    def _clear_results(self) -> None:
        self._shown_search = None
        self.search_message.clear()
        self.model.set_fetch(None)
        self.result_info.clear()

    def _update_result_info(self) -> None:
        if self._shown_search is None:
            self.result_info.clear()
            return
        count = self.model.rowCount()
        if self.model.canFetchMore(self.result_table.rootIndex()):
            self.result_info.setText(
                self.tr("First {count} shown; scroll down for more.").format(count=count)
            )
        elif count == 0:
            self.result_info.setText(self.tr("No booking found."))
        else:
            self.result_info.setText(self.tr("{count} found.").format(count=count))

    def _on_results_reset(self) -> None:
        self._show_detail(None)
        self._update_result_info()

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.result_table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.result_table.scrollTo(index)

    def _on_current_row(self) -> None:
        index = self.result_table.currentIndex()
        reservation = index.data(ObjectRole) if index.isValid() else None
        self._show_detail(reservation)

    # -- detail pane -------------------------------------------------------------------------

    def _status_text(self, r: Reservation) -> str:
        text = status_text(r.status)
        if r.status is Status.CANCELLED and r.cancel_reason:
            text = self.tr("{status} (reason: {reason})").format(
                status=text, reason=r.cancel_reason
            )
        return text

    @staticmethod
    def _person_values(r: Reservation) -> dict[str, str]:
        return {
            "family_name": r.family_name or "",
            "given_name": r.given_name or "",
            "family_kana": r.family_kana or "",
            "given_kana": r.given_kana or "",
            "phone": format_phone_national(r.phone) if r.phone else "",
        }

    def _show_detail(self, r: Reservation | None) -> None:
        self._current = r
        self._clear_field_errors()
        self.detail_message.clear()
        if r is None:
            self.receipt_label.setText(self.tr("No booking chosen"))
            self.where_label.clear()
            self.status_label.clear()
            for edit in self.person_edits.values():
                edit.clear()
            self.note_edit.clear()
        else:
            self.receipt_label.setText(r.receipt_display)
            self.receipt_label.setAccessibleName(
                self.tr("Receipt number {receipt}").format(receipt=r.receipt_display)
            )
            self.where_label.setText(
                self.tr("{center}, {date} {start}–{end}").format(
                    center=r.center,
                    date=r.date.isoformat(),
                    start=f"{r.start:%H:%M}",
                    end=f"{r.end:%H:%M}",
                )
            )
            self.status_label.setText(self._status_text(r))
            for key, value in self._person_values(r).items():
                self.person_edits[key].setText(value)
            self.note_edit.setPlainText(r.note or "")
        self._update_buttons()

    def _is_erased(self, r: Reservation) -> bool:
        return r.family_name is None and r.phone is None

    def _person_changes(self) -> PersonChanges:
        """Only the fields whose text differs from the booking as shown."""
        r = self._current
        if r is None:
            return PersonChanges()
        original = self._person_values(r)
        changed = {
            key: edit.text()
            for key, edit in self.person_edits.items()
            if edit.text() != original[key]
        }
        return PersonChanges(**changed)

    def _note_changed(self) -> bool:
        r = self._current
        return r is not None and self.note_edit.toPlainText() != (r.note or "")

    def _update_buttons(self) -> None:
        r = self._current
        has = r is not None
        editable = r is not None and not self._is_erased(r)
        for edit in self.person_edits.values():
            edit.setEnabled(editable)
        self.note_edit.setEnabled(has)
        booked = r is not None and r.status is Status.BOOKED
        cancelled = r is not None and r.status is Status.CANCELLED
        self.save_correction_button.setEnabled(
            editable and self._person_changes() != PersonChanges()
        )
        self.save_note_button.setEnabled(self._note_changed())
        self.move_button.setEnabled(booked)
        self.cancel_button.setEnabled(booked)
        self.reinstate_button.setEnabled(cancelled)
        self.reinstate_button.setVisible(cancelled)
        self.person_request_button.setEnabled(has)

    def _clear_field_errors(self) -> None:
        for label in self.field_errors.values():
            label.clear()

    # -- changes -----------------------------------------------------------------------------

    def save_correction(self) -> None:
        """Correct the changed name, kana or phone fields (the save is the confirmation)."""
        r = self._current
        if r is None or not self.save_correction_button.isEnabled():
            return
        changes = self._person_changes()
        previous = PersonChanges(
            **{
                key: getattr(r, key)
                for key, value in dataclasses.asdict(changes).items()
                if value is not None
            }
        )
        updated = self._run(lambda: self._service.correct(r.receipt, changes))
        if updated is None:
            return
        self._changed(
            updated,
            self.tr("Booking {receipt} corrected.").format(receipt=updated.receipt_display),
            lambda: self._service.correct(r.receipt, previous),
        )

    def save_note(self) -> None:
        """Replace the note (the save is the confirmation)."""
        r = self._current
        if r is None or not self._note_changed():
            return
        note = self.note_edit.toPlainText()
        previous = r.note
        updated = self._run(lambda: self._service.set_note(r.receipt, note or None))
        if updated is None:
            return
        self._changed(
            updated,
            self.tr("Note of booking {receipt} saved.").format(receipt=updated.receipt_display),
            lambda: self._service.set_note(r.receipt, previous),
        )

    def move_booking(self) -> None:
        """Move the booking to a slot chosen in the move dialog; the receipt number stays."""
        r = self._current
        if r is None or r.status is not Status.BOOKED:
            return
        slot = self._pick_slot(r)
        if slot is None:
            return
        updated = self._run(lambda: self._service.move(r.receipt, slot.id))
        if updated is None:
            return
        self._changed(
            updated,
            self.tr(
                "Booking {receipt} moved to {center}, {date} {start}; the receipt number "
                "stays the same."
            ).format(
                receipt=updated.receipt_display,
                center=updated.center,
                date=updated.date.isoformat(),
                start=f"{updated.start:%H:%M}",
            ),
            lambda: self._service.move(r.receipt, r.slot_id),
        )

    def cancel_booking(self) -> None:
        """Cancel the booking after asking for the reason once."""
        r = self._current
        if r is None or r.status is not Status.BOOKED:
            return
        reason = self._ask_cancel_reason(r)
        if reason is None:
            return
        updated = self._run(lambda: self._service.cancel(r.receipt, reason.strip() or None))
        if updated is None:
            return
        self._changed(
            updated,
            self.tr("Booking {receipt} cancelled.").format(receipt=updated.receipt_display),
            lambda: self._service.reinstate(r.receipt),
        )

    def reinstate_booking(self) -> None:
        """Give a cancelled booking its seat back, after one confirmation."""
        r = self._current
        if r is None or r.status is not Status.CANCELLED:
            return
        if not self._confirm(
            self.tr("Reinstate booking {receipt} ({center}, {date} {start})?").format(
                receipt=r.receipt_display,
                center=r.center,
                date=r.date.isoformat(),
                start=f"{r.start:%H:%M}",
            )
        ):
            return
        updated = self._run(lambda: self._service.reinstate(r.receipt))
        if updated is None:
            return
        reason = r.cancel_reason
        self._changed(
            updated,
            self.tr("Booking {receipt} reinstated.").format(receipt=updated.receipt_display),
            lambda: self._service.cancel(r.receipt, reason),
        )

    def _run(self, action: Callable[[], Reservation]) -> Reservation | None:
        """Call the service; show an error by its field, or in the detail message."""
        self._clear_field_errors()
        self.detail_message.clear()
        try:
            return action()
        except errors.InvalidInput as exc:
            key = _PERSON_FIELDS.get(exc.field or "", exc.field or "")
            label = self.field_errors.get(key)
            if label is not None:
                label.setText(field_error_text(exc))
                edit = self.note_edit if key == "note" else self.person_edits[key]
                edit.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.detail_message.setText(error_text(exc))
        except errors.ReservationError as exc:
            self.detail_message.setText(error_text(exc))
        return None

    def _changed(self, updated: Reservation, message: str, undo: Callable[[], Reservation]) -> None:
        self._refresh(updated)
        self.toast.show_message(message, lambda: self._undo(undo))

    def _undo(self, undo: Callable[[], Reservation]) -> None:
        restored = self._run(undo)
        if restored is None:
            return
        self._refresh(restored)
        self.toast.show_message(
            self.tr("Undone: booking {receipt} is as before.").format(
                receipt=restored.receipt_display
            )
        )

    def open_person_request(self) -> None:
        """The resident's disclosure, correction or erasure request for the chosen booking."""
        from ui.person_requests import PersonRequestsDialog

        r = self._current
        if r is None:
            return
        dialog = PersonRequestsDialog(self._session, r.receipt_display, self)
        dialog.person_corrected.connect(self._reload_receipt)
        dialog.person_erased.connect(self._reload_receipt)
        self.exec_dialog(dialog)

    def exec_dialog(self, dialog: QDialog) -> int:
        return dialog.exec()

    def _reload_receipt(self, receipt: str) -> None:
        updated = self._run(lambda: self._service.get(receipt))
        if updated is not None:
            self._refresh(updated)

    def _refresh(self, updated: Reservation) -> None:
        self.model.replace(updated)
        if self._current is not None and self._current.receipt == updated.receipt:
            self._show_detail(updated)
        self.booking_changed.emit(updated.receipt_display)

    # -- dialogs (overridable, so tests need not run a modal loop) ---------------------------

    def _confirm(self, text: str) -> bool:
        return ask_yes_no(self, self.tr("Please confirm"), text)

    def _ask_cancel_reason(self, reservation: Reservation) -> str | None:
        """The reason typed (maybe empty), or ``None`` when the operator kept the booking."""
        dialog = CancelDialog(reservation, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.reason()
        finally:
            dialog.deleteLater()

    def _pick_slot(self, reservation: Reservation) -> Slot | None:
        dialog = MoveDialog(self._session, reservation, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.chosen_slot()
        finally:
            dialog.deleteLater()
