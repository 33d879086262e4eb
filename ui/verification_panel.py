"""The verification line: a support worker at a center phones about a visitor.

The operator chooses the calling center and the day once, then checks the receipt number as
heard (Enter), or confirms the visitor without it (kana + last 4 phone digits), and marks
attendance (F5).  Everything shown comes from ``VerificationService``, which masks names and
audits every lookup; this screen never shows a candidate's receipt number, and shows one
answer at a time, so that F5 always acts on the answer in view.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reservations import errors
from reservations.domain import Status
from reservations.session import Session
from reservations.slots import SlotService
from reservations.verification import (
    Candidate,
    CheckOutcome,
    ReceiptCheck,
    VerificationService,
    Visitor,
)
from ui.dialogs import ask_yes_no
from ui.i18n import error_text, status_text
from ui.qt_dates import qdate

# QSettings key of the calling center (its id): kept until the operator chooses another.
SETTINGS_KEY = "verification_center"
ROSTER_MODULE = "reservations.roster"

_ERROR_STYLE = "color: #b00020;"
# Background and border of the answer: green "go ahead", amber "ask again", blue "send them
# elsewhere", red "not valid", grey "already decided".  The sentence says the same in words.
_TONES: dict[str, tuple[str, str]] = {
    "idle": ("#f5f5f5", "#cccccc"),
    "go": ("#e6f4ea", "#1e8e3e"),
    "ask": ("#fff4e5", "#e0a040"),
    "redirect": ("#e8f0fe", "#1a73e8"),
    "stop": ("#fce8e6", "#b00020"),
    "done": ("#eeeeee", "#5f6368"),
}
_OUTCOME_TONES = {
    CheckOutcome.MATCH: "go",
    CheckOutcome.MISHEARD: "ask",
    CheckOutcome.ELSEWHERE: "redirect",
    CheckOutcome.CANCELLED: "stop",
    CheckOutcome.ATTENDED: "done",
    CheckOutcome.NO_SHOW: "done",
    CheckOutcome.NOT_FOUND: "stop",
}

Index = QModelIndex | QPersistentModelIndex


class CandidateListModel(QAbstractListModel):
    """Bookings that may be the visitor's: the time, and (``with_name``) the masked family name.

    The bookings' tokens (their receipt numbers) stay inside the model for the actions; no
    role of ``data()`` returns them, so no view, tooltip or screen reader can show them.
    """

    def __init__(self, parent: QObject | None = None, *, with_name: bool = True) -> None:
        super().__init__(parent)
        self._with_name = with_name
        self._candidates: list[Candidate] = []
        self._texts: list[str] = []

    def set_candidates(self, candidates: Sequence[Candidate]) -> None:
        self.beginResetModel()
        self._candidates = list(candidates)
        self._texts = [self._text(c) for c in self._candidates]
        self.endResetModel()

    def candidate_at(self, row: int) -> Candidate | None:
        return self._candidates[row] if 0 <= row < len(self._candidates) else None

    def _text(self, c: Candidate) -> str:
        time = f"{c.start:%H:%M}–{c.end:%H:%M}"
        if not self._with_name:
            return time
        erased = self.tr("(erased)")
        return f"{time}   {c.masked_family.strip() or erased}"

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._candidates)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._texts):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts[index.row()]
        return None


@dataclass(frozen=True)
class _Shown:
    """The booking the result area is about: what the actions need and what may be shown."""

    token: str
    start: dt.time
    end: dt.time
    status: Status
    masked_name: str


class VerificationPanel(QWidget):
    """Calling center and day, the receipt check, confirmation without the number, the wider
    search for a lost number, attendance (with undo on the day) and the end-of-day no-shows.

    ``settings`` keeps only the calling center's id (``verification_center``).
    """

    def __init__(
        self, session: Session, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("verificationPanel")
        self._session = session
        self._settings = settings
        self._service = VerificationService(session)
        self._shown: _Shown | None = None
        self._revealed_token: str | None = None
        # Which answer F5 acts on: "check", "confirm", "lost", or "" for none.
        self._answer = ""

        self._build_context_row()
        self._build_receipt()
        self._build_result()
        self._build_confirm()
        self._build_lost()
        self._build_day_end()

        left = QVBoxLayout()
        left.addLayout(self._receipt_row)
        left.addWidget(self.receipt_message)
        left.addWidget(self.check_result, 1)
        right = QVBoxLayout()
        right.addWidget(self.confirm_group)
        right.addWidget(self.lost_group)
        right.addStretch(1)
        middle = QHBoxLayout()
        middle.addLayout(left, 3)
        middle.addLayout(right, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(self._context_row)
        layout.addWidget(self.working_label)
        layout.addLayout(middle, 1)
        layout.addLayout(self._day_end_row)

        self._build_shortcuts()
        self._set_tab_order()
        self._restore_center()
        self.center_combo.currentIndexChanged.connect(self._on_center_changed)
        self.day_edit.dateChanged.connect(self._on_day_changed)
        self._update_working_label()
        self._clear_answers()

    # -- construction --------------------------------------------------------------------------

    def _build_context_row(self) -> None:
        self.center_combo = QComboBox()
        self.center_combo.setObjectName("callingCenter")
        self.center_combo.setAccessibleName(self.tr("Calling center"))
        try:
            centers = SlotService(self._session).center_overview()
        except errors.ReservationError:
            centers = []
        for center in centers:
            self.center_combo.addItem(center.name, center.center_id)
        center_label = QLabel(self.tr("Calling &center"))
        center_label.setBuddy(self.center_combo)

        self.day_edit = QDateEdit()
        self.day_edit.setObjectName("verificationDay")
        self.day_edit.setAccessibleName(self.tr("Day of the visit"))
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setDate(qdate(self._session.now().date()))
        # Tab leaves the day for the receipt number instead of walking year, month and day.
        self.day_edit.installEventFilter(self)
        day_label = QLabel(self.tr("&Day"))
        day_label.setBuddy(self.day_edit)
        self.today_button = self._button("todayButton", self.tr("&Today"), self.go_to_today)
        self.today_button.setAccessibleName(self.tr("Today"))

        self.working_label = QLabel()
        self.working_label.setObjectName("workingOnLabel")
        font = QFont(self.working_label.font())
        font.setBold(True)
        self.working_label.setFont(font)

        self._context_row = QHBoxLayout()
        self._context_row.addWidget(center_label)
        self._context_row.addWidget(self.center_combo, 1)
        self._context_row.addSpacing(12)
        self._context_row.addWidget(day_label)
        self._context_row.addWidget(self.day_edit)
        self._context_row.addWidget(self.today_button)
        self._context_row.addStretch(1)

    def _build_receipt(self) -> None:
        self.receipt_edit = QLineEdit()
        self.receipt_edit.setObjectName("receiptEdit")
        self.receipt_edit.setAccessibleName(self.tr("Receipt number as heard"))
        self.receipt_edit.setPlaceholderText(self.tr("1234-5678 as heard; Enter checks"))
        self.receipt_edit.setClearButtonEnabled(True)
        big = QFont(self.receipt_edit.font())
        if big.pointSizeF() > 0:
            big.setPointSizeF(big.pointSizeF() * 1.5)
        self.receipt_edit.setFont(big)
        self.receipt_edit.returnPressed.connect(self.check_receipt)
        self.receipt_edit.installEventFilter(self)
        receipt_label = QLabel(self.tr("&Receipt number"))
        receipt_label.setBuddy(self.receipt_edit)
        self.check_button = self._button(
            "checkButton", self.tr("Check (Enter)"), self.check_receipt
        )
        self.receipt_message = self._error_label("receiptMessage")

        self._receipt_row = QHBoxLayout()
        self._receipt_row.addWidget(receipt_label)
        self._receipt_row.addWidget(self.receipt_edit, 1)
        self._receipt_row.addWidget(self.check_button)

    def _build_result(self) -> None:
        self.check_result = QFrame()
        self.check_result.setObjectName("checkResult")
        self.check_result.setAccessibleName(self.tr("Answer"))

        self.headline = QLabel()
        self.headline.setObjectName("checkHeadline")
        self.headline.setWordWrap(True)
        headline_font = QFont(self.headline.font())
        headline_font.setBold(True)
        if headline_font.pointSizeF() > 0:
            headline_font.setPointSizeF(headline_font.pointSizeF() * 1.6)
        self.headline.setFont(headline_font)
        self.details = QLabel()
        self.details.setObjectName("checkDetails")
        self.details.setWordWrap(True)
        details_font = QFont(self.details.font())
        if details_font.pointSizeF() > 0:
            details_font.setPointSizeF(details_font.pointSizeF() * 1.3)
        self.details.setFont(details_font)
        self.revealed_label = QLabel()
        self.revealed_label.setObjectName("revealedName")
        self.revealed_label.setFont(details_font)
        self.revealed_label.setStyleSheet("color: #8a1c00;")

        self.candidate_hint = QLabel()
        self.candidate_hint.setObjectName("candidateHint")
        self.candidate_hint.setWordWrap(True)
        self.candidate_model = CandidateListModel(self)
        self.candidate_list = self._list_view(
            "candidateList", self.tr("Possible bookings (time and family name)")
        )
        self.candidate_list.setModel(self.candidate_model)
        self.candidate_list.selectionModel().selectionChanged.connect(
            lambda *_: self._on_candidate_chosen()
        )

        self.attend_button = self._button(
            "attendButton", self.tr("Mark attended (F5)"), self.mark_attended
        )
        attend_font = QFont(self.attend_button.font())
        attend_font.setBold(True)
        if attend_font.pointSizeF() > 0:
            attend_font.setPointSizeF(attend_font.pointSizeF() * 1.4)
        self.attend_button.setFont(attend_font)
        self.attend_button.setMinimumHeight(44)
        self.no_show_button = self._button("noShowButton", self.tr("No-show"), self.mark_no_show)
        self.reveal_button = self._button(
            "revealButton", self.tr("Reveal name (Ctrl+R)"), self.reveal
        )
        self.undo_button = self._button(
            "undoAttendanceButton", self.tr("&Undo"), self.undo_attendance
        )
        self.undo_button.setAccessibleName(self.tr("Undo the attendance record"))
        self.check_message = self._error_label("checkMessage")

        buttons = QHBoxLayout()
        buttons.addWidget(self.attend_button, 2)
        buttons.addWidget(self.no_show_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reveal_button)

        layout = QVBoxLayout(self.check_result)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        layout.addWidget(self.revealed_label)
        layout.addWidget(self.candidate_hint)
        layout.addWidget(self.candidate_list)
        layout.addLayout(buttons)
        layout.addWidget(self.check_message)
        layout.addStretch(1)

    def _build_confirm(self) -> None:
        self.confirm_group = QGroupBox(self.tr("Confirm without the number"))
        self.confirm_group.setObjectName("confirmGroup")
        self.confirm_kana = QLineEdit()
        self.confirm_kana.setObjectName("confirmKanaEdit")
        self.confirm_kana.setAccessibleName(self.tr("Reading of the visitor's name (kana)"))
        self.confirm_kana.setPlaceholderText(self.tr("e.g. やまだ (hiragana or katakana)"))
        self.confirm_last4 = QLineEdit()
        self.confirm_last4.setObjectName("confirmLast4Edit")
        self.confirm_last4.setAccessibleName(self.tr("Last 4 digits of the visitor's phone"))
        self.confirm_last4.setPlaceholderText(self.tr("e.g. 5678"))
        self.confirm_kana_error = self._error_label("confirmKanaError")
        self.confirm_last4_error = self._error_label("confirmLast4Error")
        self.confirm_button = self._button(
            "confirmButton", self.tr("Confirm (Enter)"), self.confirm
        )
        self.confirm_result = QLabel()
        self.confirm_result.setObjectName("confirmResult")
        self.confirm_result.setWordWrap(True)
        result_font = QFont(self.confirm_result.font())
        result_font.setBold(True)
        self.confirm_result.setFont(result_font)
        self.confirm_model = CandidateListModel(self, with_name=False)
        self.confirm_matches = self._list_view(
            "confirmMatches", self.tr("Times of the matching bookings")
        )
        self.confirm_matches.setModel(self.confirm_model)
        self.confirm_matches.setMaximumHeight(90)
        self.confirm_matches.selectionModel().selectionChanged.connect(
            lambda *_: self._update_confirm_attend()
        )
        self.confirm_attend_button = self._button(
            "confirmAttendButton", self.tr("Mark attended (F5)"), self.mark_attended
        )
        for edit in (self.confirm_kana, self.confirm_last4):
            edit.returnPressed.connect(self.confirm)

        kana_label = QLabel(self.tr("&Kana"))
        kana_label.setBuddy(self.confirm_kana)
        last4_label = QLabel(self.tr("&Last 4 digits of phone"))
        last4_label.setBuddy(self.confirm_last4)
        grid = QGridLayout(self.confirm_group)
        grid.addWidget(kana_label, 0, 0)
        grid.addWidget(self.confirm_kana, 0, 1)
        grid.addWidget(self.confirm_kana_error, 1, 1)
        grid.addWidget(last4_label, 2, 0)
        grid.addWidget(self.confirm_last4, 2, 1)
        grid.addWidget(self.confirm_last4_error, 3, 1)
        grid.addWidget(self.confirm_button, 4, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.confirm_result, 5, 0, 1, 2)
        grid.addWidget(self.confirm_matches, 6, 0, 1, 2)
        grid.addWidget(self.confirm_attend_button, 7, 0, 1, 2)
        grid.setColumnStretch(1, 1)

    def _build_lost(self) -> None:
        # Secondary: it lists several people, so it stays folded until the operator needs it.
        self.lost_group = QGroupBox(self.tr("Lost number: wider search"))
        self.lost_group.setObjectName("lostGroup")
        self.lost_group.setAccessibleName(self.tr("Lost number: wider search"))
        self.lost_group.setCheckable(True)
        self.lost_group.setChecked(False)
        self.lost_body = QWidget()
        self.lost_kana = QLineEdit()
        self.lost_kana.setObjectName("lostKanaEdit")
        self.lost_kana.setAccessibleName(self.tr("First kana of the reading"))
        self.lost_kana.setPlaceholderText(self.tr("first kana, e.g. やま"))
        self.lost_last4 = QLineEdit()
        self.lost_last4.setObjectName("lostLast4Edit")
        self.lost_last4.setAccessibleName(self.tr("Last 4 digits of the phone (optional)"))
        self.lost_last4.setPlaceholderText(self.tr("last 4 digits (optional)"))
        self.lost_search_button = self._button(
            "lostSearchButton", self.tr("Search (Enter)"), self.search_lost
        )
        self.lost_message = self._error_label("lostMessage")
        self.lost_model = CandidateListModel(self)
        self.lost_results = self._list_view(
            "lostResults", self.tr("Bookings found (time and family name)")
        )
        self.lost_results.setModel(self.lost_model)
        self.lost_results.selectionModel().selectionChanged.connect(
            lambda *_: self._update_lost_attend()
        )
        self.lost_attend_button = self._button(
            "lostAttendButton", self.tr("Mark selected attended (F5)"), self.mark_attended
        )
        for edit in (self.lost_kana, self.lost_last4):
            edit.returnPressed.connect(self.search_lost)

        kana_label = QLabel(self.tr("Kana &prefix"))
        kana_label.setBuddy(self.lost_kana)
        last4_label = QLabel(self.tr("Last &4"))
        last4_label.setBuddy(self.lost_last4)
        grid = QGridLayout(self.lost_body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(kana_label, 0, 0)
        grid.addWidget(self.lost_kana, 0, 1)
        grid.addWidget(last4_label, 1, 0)
        grid.addWidget(self.lost_last4, 1, 1)
        grid.addWidget(self.lost_search_button, 2, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.lost_message, 3, 0, 1, 2)
        grid.addWidget(self.lost_results, 4, 0, 1, 2)
        grid.addWidget(self.lost_attend_button, 5, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        group_layout = QVBoxLayout(self.lost_group)
        group_layout.addWidget(self.lost_body)
        self.lost_body.setVisible(False)
        self.lost_group.toggled.connect(self._on_lost_toggled)

    def _build_day_end(self) -> None:
        self.end_of_day_button = self._button(
            "endOfDayButton", self.tr("End of day: mark no-shows…"), self.end_of_day
        )
        self.end_of_day_message = QLabel()
        self.end_of_day_message.setObjectName("endOfDayMessage")
        self.end_of_day_message.setWordWrap(True)
        self.roster_button = self._button(
            "rosterButton", self.tr("Print roster…"), self.print_roster
        )
        if importlib.util.find_spec(ROSTER_MODULE) is None:
            self.roster_button.hide()
        self.roster_message = QLabel()
        self.roster_message.setObjectName("rosterMessage")
        self.roster_message.setWordWrap(True)
        self._day_end_row = QHBoxLayout()
        self._day_end_row.addWidget(self.end_of_day_button)
        self._day_end_row.addWidget(self.end_of_day_message, 1)
        self._day_end_row.addWidget(self.roster_message, 1)
        self._day_end_row.addWidget(self.roster_button)

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setStyleSheet(_ERROR_STYLE)
        label.setWordWrap(True)
        return label

    def _list_view(self, name: str, accessible: str) -> QListView:
        view = QListView()
        view.setObjectName(name)
        view.setAccessibleName(accessible)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        return view

    def _build_shortcuts(self) -> None:
        self._shortcuts: list[QShortcut] = []
        for keys, slot in (("F5", self.mark_attended), ("Ctrl+R", self.reveal)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.center_combo,
            self.day_edit,
            self.receipt_edit,
            self.confirm_kana,
            self.confirm_last4,
            self.confirm_button,
            self.confirm_matches,
            self.confirm_attend_button,
            self.candidate_list,
            self.attend_button,
            self.no_show_button,
            self.undo_button,
            self.reveal_button,
            self.lost_group,
            self.lost_kana,
            self.lost_last4,
            self.lost_search_button,
            self.lost_results,
            self.lost_attend_button,
            self.end_of_day_button,
            self.roster_button,
            self.check_button,
            self.today_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- center and day --------------------------------------------------------------------------

    def current_center_id(self) -> int | None:
        value = self.center_combo.currentData()
        return value if isinstance(value, int) else None

    def current_center_name(self) -> str:
        return self.center_combo.currentText()

    def current_day(self) -> dt.date:
        qdate = self.day_edit.date()
        return dt.date(qdate.year(), qdate.month(), qdate.day())

    def select_center(self, center_id: int) -> bool:
        row = self.center_combo.findData(center_id)
        if row < 0:
            return False
        self.center_combo.setCurrentIndex(row)
        return True

    def go_to_today(self) -> None:
        self.day_edit.setDate(qdate(self._session.now().date()))

    def focus_receipt(self) -> None:
        self.receipt_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.receipt_edit.selectAll()

    def _restore_center(self) -> None:
        saved = self._settings.value(SETTINGS_KEY)
        if saved is not None and str(saved).isdigit():
            self.select_center(int(str(saved)))

    def _on_center_changed(self) -> None:
        center_id = self.current_center_id()
        if center_id is not None:
            self._settings.setValue(SETTINGS_KEY, center_id)
        self._context_changed()

    def _on_day_changed(self) -> None:
        self._context_changed()

    def _context_changed(self) -> None:
        # Answers belong to the center and day they were given for.
        self._update_working_label()
        self._clear_answers()
        self.end_of_day_message.clear()
        self.roster_message.clear()

    def _update_working_label(self) -> None:
        name = self.current_center_name() or self.tr("(no center chosen)")
        day = self.current_day()
        text = self.tr("Working on: {center}, {date}").format(center=name, date=self._day_text(day))
        if day != self._session.now().date():
            # Calls are about today; another day is possible but must not go unnoticed.
            text += self.tr(" — not today")
            self.working_label.setStyleSheet("color: #b35c00;")
        else:
            self.working_label.setStyleSheet("")
        self.working_label.setText(text)
        self.working_label.setAccessibleName(self.working_label.text())

    def _weekday(self, day: dt.date) -> str:
        names = (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
                 self.tr("Fri"), self.tr("Sat"), self.tr("Sun"))  # fmt: skip
        return names[day.weekday()]

    def _day_text(self, day: dt.date) -> str:
        return self.tr("{date} ({weekday})").format(
            date=day.isoformat(), weekday=self._weekday(day)
        )

    def _context(self) -> tuple[int, dt.date] | None:
        """The center and day to work on, or ``None`` (and a message) without a center."""
        center_id = self.current_center_id()
        if center_id is None:
            self.receipt_message.setText(self.tr("Choose the calling center first."))
            self.center_combo.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        return center_id, self.current_day()

    # -- one answer at a time ------------------------------------------------------------------

    def _clear_answers(self) -> None:
        self._answer = ""
        self._show_in_result(
            None,
            "",
            "idle",
            self.tr(
                "Type the receipt number as heard and press Enter. Without a number, confirm "
                "with kana + last 4 digits."
            ),
        )
        self.receipt_message.clear()
        self.confirm_result.clear()
        self.confirm_kana_error.clear()
        self.confirm_last4_error.clear()
        self.confirm_model.set_candidates([])
        self.confirm_matches.hide()
        self.confirm_attend_button.hide()
        self.lost_message.clear()
        self.lost_model.set_candidates([])
        self.lost_results.hide()
        self.lost_attend_button.hide()

    def _show_in_result(
        self, shown: _Shown | None, headline: str, tone: str, details: str = ""
    ) -> None:
        """Put ``shown`` (or nothing) in the result area, with a sentence and a colour."""
        if shown is None or self._revealed_token != shown.token:
            self._revealed_token = None
            self.revealed_label.clear()
            self.revealed_label.hide()
        self._shown = shown
        self.headline.setText(headline)
        self.details.setText(details)
        self.details.setVisible(bool(details))
        self.candidate_hint.hide()
        self.candidate_list.hide()
        self.candidate_model.set_candidates([])
        self.check_message.clear()
        background, border = _TONES[tone]
        self.check_result.setStyleSheet(
            f"#checkResult {{ background: {background}; border: 2px solid {border};"
            " border-radius: 4px; }"
        )
        self.check_result.setProperty("tone", tone)
        self.check_result.setAccessibleDescription(f"{headline}\n{details}".strip())
        self._update_result_buttons()

    def _update_result_buttons(self) -> None:
        shown = self._shown
        booked = shown is not None and shown.status is Status.BOOKED
        decided = shown is not None and shown.status in (Status.ATTENDED, Status.NO_SHOW)
        today = self.current_day() == self._session.now().date()
        self.attend_button.setVisible(booked or self.candidate_list.isVisibleTo(self))
        self.attend_button.setEnabled(booked)
        self.no_show_button.setVisible(booked)
        self.undo_button.setVisible(decided and today)
        self.reveal_button.setVisible(shown is not None)

    def _visitor_details(self, visitor: Visitor) -> str:
        erased = self.tr("(erased)")
        lines = [
            self.tr("Time: {start}–{end}").format(
                start=f"{visitor.start:%H:%M}", end=f"{visitor.end:%H:%M}"
            ),
            self.tr("Status: {status}").format(status=status_text(visitor.status)),
            self.tr("Name: {name} / {kana}").format(
                name=visitor.masked_name or erased, kana=visitor.masked_kana or erased
            ),
        ]
        if visitor.phone_last4:
            lines.append(self.tr("Phone: ending {last4}").format(last4=visitor.phone_last4))
        return "\n".join(lines)

    # -- the receipt number --------------------------------------------------------------------

    def check_receipt(self) -> ReceiptCheck | None:
        """Check the number as typed against the calling center and day (Enter)."""
        context = self._context()
        if context is None:
            return None
        text = self.receipt_edit.text()
        if not text.strip():
            self.receipt_message.setText(self.tr("Type the receipt number as heard."))
            return None
        self._clear_answers()
        try:
            check = self._service.check_receipt(context[0], context[1], text)
        except errors.InvalidReceiptNumber as exc:
            self.receipt_message.setText(error_text(exc))
            self.receipt_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        except errors.ReservationError as exc:
            self.receipt_message.setText(error_text(exc))
            return None
        self._answer = "check"
        self._show_check(check)
        self.receipt_edit.selectAll()
        return check

    def _show_check(self, check: ReceiptCheck) -> None:
        tone = _OUTCOME_TONES[check.outcome]
        visitor = check.visitor
        if check.outcome is CheckOutcome.MISHEARD:
            self._show_misheard(check.candidates)
            return
        if check.outcome is CheckOutcome.ELSEWHERE:
            day = check.elsewhere_date
            start = check.elsewhere_start
            self._show_in_result(
                None,
                self.tr("This number is booked at {center} on {date} at {time}.").format(
                    center=check.elsewhere_center or "",
                    date=self._day_text(day) if day is not None else "",
                    time=f"{start:%H:%M}" if start is not None else "",
                ),
                tone,
                self.tr("Not here on this day: send the visitor there."),
            )
            return
        if visitor is None or check.outcome in (CheckOutcome.CANCELLED, CheckOutcome.NOT_FOUND):
            headline = {
                CheckOutcome.CANCELLED: self.tr(
                    "This booking was cancelled: the number is no longer valid."
                ),
                CheckOutcome.NOT_FOUND: self.tr("No booking has this number: it was never issued."),
            }.get(check.outcome, "")
            self._show_in_result(
                None,
                headline,
                tone,
                self.tr("Ask for the number again, or confirm with kana + last 4 digits."),
            )
            return
        time = f"{visitor.start:%H:%M}–{visitor.end:%H:%M}"
        headline = {
            CheckOutcome.MATCH: self.tr("Valid: booked here, {time}."),
            CheckOutcome.ATTENDED: self.tr("Already marked attended ({time})."),
            CheckOutcome.NO_SHOW: self.tr("Marked as a no-show ({time})."),
        }[check.outcome].format(time=time)
        self._show_in_result(
            _Shown(visitor.token, visitor.start, visitor.end, visitor.status, visitor.masked_name),
            headline,
            tone,
            self._visitor_details(visitor),
        )

    def _show_misheard(self, candidates: Sequence[Candidate]) -> None:
        self._show_in_result(
            None,
            self.tr("A digit was misheard: this is not a valid receipt number."),
            "ask",
        )
        self.candidate_model.set_candidates(candidates)
        if candidates:
            hint = self.tr(
                "Ask the visitor for their time, or confirm with kana + last 4 digits. "
                "Bookings here on this day one digit away (choose one once the time is "
                "confirmed):"
            )
            self.candidate_list.show()
        else:
            hint = self.tr(
                "No booking here on this day is one digit away: ask for the number again, "
                "or confirm with kana + last 4 digits."
            )
        self.candidate_hint.setText(hint)
        self.candidate_hint.show()
        self._update_result_buttons()

    def _on_candidate_chosen(self) -> None:
        candidate = self.candidate_model.candidate_at(_selected_row(self.candidate_list))
        if candidate is None:
            self._shown = None
            self._update_result_buttons()
            return
        # Keep the list in view: the operator may correct the choice.
        if self._revealed_token != candidate.token:
            self._revealed_token = None
            self.revealed_label.clear()
            self.revealed_label.hide()
        self._shown = _Shown(
            candidate.token,
            candidate.start,
            candidate.end,
            candidate.status,
            candidate.masked_family,
        )
        self.check_message.clear()
        self._update_result_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.day_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        ):
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            self.focusNextPrevChild(forward)
            return True
        # Down from the receipt field goes to the candidates of a misheard number.
        if (
            watched is self.receipt_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.candidate_list.isVisibleTo(self)
            and self.candidate_model.rowCount() > 0
        ):
            self.candidate_list.setFocus(Qt.FocusReason.TabFocusReason)
            if _selected_row(self.candidate_list) < 0:
                _select_row(self.candidate_list, 0)
            return True
        return super().eventFilter(watched, event)

    # -- without the number --------------------------------------------------------------------

    def confirm(self) -> None:
        """Does the visitor's reading and last 4 phone digits match a booking here? (Enter)"""
        context = self._context()
        if context is None:
            return
        kana, last4 = self.confirm_kana.text(), self.confirm_last4.text()
        self._clear_answers()
        try:
            confirmation = self._service.confirm_without_number(context[0], context[1], kana, last4)
        except errors.InvalidInput as exc:
            if exc.field == "phone":
                self.confirm_last4_error.setText(self.tr("Type the last 4 digits of the phone."))
                self.confirm_last4.setFocus(Qt.FocusReason.OtherFocusReason)
            elif exc.field == "kana":
                self.confirm_kana_error.setText(error_text(exc))
                self.confirm_kana.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.confirm_result.setText(error_text(exc))
            return
        except errors.ReservationError as exc:
            self.confirm_result.setText(error_text(exc))
            return
        self._answer = "confirm"
        matches = confirmation.matches
        single = confirmation.single
        self.confirm_model.set_candidates(matches)
        if single is not None:
            where = (
                self.tr("today")
                if context[1] == self._session.now().date()
                else self._day_text(context[1])
            )
            self.confirm_result.setText(
                self.tr("Matches one booking at this center {day}, {time}.").format(
                    day=where, time=f"{single.start:%H:%M}"
                )
            )
            _select_row(self.confirm_matches, 0)
        elif not matches:
            self.confirm_result.setText(
                self.tr("No match at this center on this day. Check the reading and the digits.")
            )
        else:
            self.confirm_result.setText(
                self.tr(
                    "Several match: ask the visitor for their time (or the full reading), "
                    "then choose it: {times}."
                ).format(times=", ".join(f"{c.start:%H:%M}" for c in matches))
            )
            self.confirm_matches.show()
            self.confirm_matches.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_confirm_attend()

    def _confirm_target(self) -> Candidate | None:
        if self.confirm_model.rowCount() == 1:
            return self.confirm_model.candidate_at(0)
        return self.confirm_model.candidate_at(_selected_row(self.confirm_matches))

    def _update_confirm_attend(self) -> None:
        target = self._confirm_target()
        self.confirm_attend_button.setVisible(self.confirm_model.rowCount() > 0)
        self.confirm_attend_button.setEnabled(target is not None and target.status is Status.BOOKED)

    # -- lost number ---------------------------------------------------------------------------

    def _on_lost_toggled(self, on: bool) -> None:
        self.lost_body.setVisible(on)
        if on:
            self.lost_kana.setFocus(Qt.FocusReason.OtherFocusReason)

    def search_lost(self) -> list[Candidate]:
        """The wider search within this center and day, by kana prefix and/or last 4 (Enter)."""
        context = self._context()
        if context is None:
            return []
        kana, last4 = self.lost_kana.text(), self.lost_last4.text()
        self._clear_answers()
        try:
            found = self._service.search_lost_number(context[0], context[1], kana=kana, last4=last4)
        except errors.InvalidInput as exc:
            if exc.field == "phone":
                text = self.tr("Type the last 4 digits of the phone.")
            elif exc.field == "search":
                text = self.tr(
                    "Type the first kana of the reading, the last 4 phone digits, or both."
                )
            else:
                text = error_text(exc)
            self.lost_message.setText(text)
            return []
        except errors.ReservationError as exc:
            self.lost_message.setText(error_text(exc))
            return []
        self._answer = "lost"
        self.lost_model.set_candidates(found)
        self.lost_results.show()
        self.lost_attend_button.show()
        if not found:
            self.lost_message.setText(self.tr("No booking found at this center on this day."))
        elif len(found) == 1:
            _select_row(self.lost_results, 0)
        self._update_lost_attend()
        return found

    def _lost_target(self) -> Candidate | None:
        return self.lost_model.candidate_at(_selected_row(self.lost_results))

    def _update_lost_attend(self) -> None:
        target = self._lost_target()
        self.lost_attend_button.setEnabled(target is not None and target.status is Status.BOOKED)

    # -- attendance ----------------------------------------------------------------------------

    def _active_token(self) -> str | None:
        if self._answer == "confirm":
            target = self._confirm_target()
            return target.token if target is not None else None
        if self._answer == "lost":
            lost = self._lost_target()
            return lost.token if lost is not None else None
        if self._answer == "check" and self._shown is not None:
            return self._shown.token
        return None

    def mark_attended(self) -> Visitor | None:
        """Mark the booking of the answer in view attended (F5)."""
        token = self._active_token()
        if token is None:
            self.check_message.setText(
                self.tr(
                    "Nothing to mark yet: check a number, confirm with kana + last 4 digits, "
                    "or choose a booking."
                )
            )
            return None
        return self._change(token, self._service.mark_attended)

    def mark_no_show(self) -> Visitor | None:
        if self._shown is None:
            return None
        return self._change(self._shown.token, self._service.mark_no_show)

    def undo_attendance(self) -> Visitor | None:
        """Back to booked (on the day itself only)."""
        if self._shown is None:
            return None
        return self._change(self._shown.token, self._service.undo_attendance)

    def _change(self, token: str, action: Callable[[int, dt.date, str], Visitor]) -> Visitor | None:
        context = self._context()
        if context is None:
            return None
        try:
            visitor = action(context[0], context[1], token)
        except errors.ReservationError as exc:
            message = error_text(exc)
            self.check_message.setText(message)
            if self._answer == "confirm":
                self.confirm_result.setText(message)
            elif self._answer == "lost":
                self.lost_message.setText(message)
            return None
        revealed = (self._revealed_token, self.revealed_label.text())
        self._clear_answers()
        self._answer = "check"
        time = f"{visitor.start:%H:%M}–{visitor.end:%H:%M}"
        name = visitor.masked_name or self.tr("(erased)")
        headline, tone = {
            Status.ATTENDED: (self.tr("Marked attended: {time}, {name}."), "go"),
            Status.NO_SHOW: (self.tr("Marked no-show: {time}, {name}."), "done"),
            Status.BOOKED: (self.tr("Undone: {time}, {name} is booked again."), "go"),
        }.get(visitor.status, ("", "idle"))
        if revealed[0] == token:
            self._revealed_token = token
        self._show_in_result(
            _Shown(visitor.token, visitor.start, visitor.end, visitor.status, visitor.masked_name),
            headline.format(time=time, name=name),
            tone,
        )
        if revealed[0] == token:
            self.revealed_label.setText(revealed[1])
            self.revealed_label.show()
        return visitor

    def reveal(self) -> None:
        """Show the full name and reading of the booking in view (audited) (Ctrl+R)."""
        shown = self._shown
        if shown is None:
            return
        context = self._context()
        if context is None:
            return
        try:
            revealed = self._service.reveal(context[0], context[1], shown.token)
        except errors.ReservationError as exc:
            self.check_message.setText(error_text(exc))
            return
        self._revealed_token = shown.token
        self.revealed_label.setText(
            self.tr("Full name: {name} / {kana}").format(name=revealed.name, kana=revealed.kana)
        )
        self.revealed_label.show()

    # -- end of the day ------------------------------------------------------------------------

    def end_of_day(self) -> int | None:
        """Mark every remaining booking of an ended slot no-show, after one confirmation."""
        context = self._context()
        if context is None:
            return None
        center_id, day = context
        try:
            pending = self._service.pending_no_shows(center_id, day)
        except errors.ReservationError as exc:
            self.end_of_day_message.setText(error_text(exc))
            return None
        if pending == 0:
            self.end_of_day_message.setText(
                self.tr("No booking of an ended slot is waiting: nothing to mark.")
            )
            return 0
        question = self.tr(
            "Mark the {count} remaining booking(s) of ended slots at {center} on {date} as no-show?"
        ).format(count=pending, center=self.current_center_name(), date=self._day_text(day))
        if not self._confirm(question):
            return None
        try:
            marked = self._service.mark_remaining_no_show(center_id, day)
        except errors.ReservationError as exc:
            self.end_of_day_message.setText(error_text(exc))
            return None
        self._clear_answers()
        self.end_of_day_message.setText(
            self.tr("{count} booking(s) marked no-show.").format(count=marked)
        )
        return marked

    # -- roster --------------------------------------------------------------------------------

    def print_roster(self) -> Path | None:
        """Save the day's roster of the calling center as a PDF (when rosters are available)."""
        try:
            roster_module = importlib.import_module(ROSTER_MODULE)
        except ImportError:
            self.roster_button.hide()
            return None
        context = self._context()
        if context is None:
            return None
        path = self._ask_roster_path()
        if path is None:
            return None
        # The save dialog has asked before choosing an existing file; a name we complete
        # with ".pdf" here was not asked about, so it is never overwritten.
        overwrite = path.suffix.lower() == ".pdf" and path.exists()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            service = roster_module.RosterService(self._session)
            roster = service.day_roster(context[0], context[1])
            if overwrite:
                pages = service.write_pdf(roster, path, overwrite=True)
            else:
                pages = service.write_pdf(roster, path)
        except errors.ReservationError as exc:
            self.roster_message.setText(error_text(exc))
            return None
        except OSError as exc:
            self.roster_message.setText(
                self.tr("The roster could not be saved: {detail}").format(
                    detail=exc.strerror or str(exc)
                )
            )
            return None
        self.roster_message.setText(
            self.tr("Roster saved: {path} ({pages} page(s)).").format(path=path, pages=pages)
        )
        return path

    # -- dialogs (overridable, so tests need not run a modal loop) -----------------------------

    def _confirm(self, text: str) -> bool:
        return ask_yes_no(self, self.tr("Please confirm"), text, default_yes=False)

    def _ask_roster_path(self) -> Path | None:
        """The PDF to write, chosen in a save dialog that asks before replacing a file."""
        dialog = QFileDialog(self, self.tr("Save the roster"))
        dialog.setObjectName("rosterSaveDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(str(Path.home()))
        center = self.current_center_name().replace("/", "_")
        dialog.selectFile(f"roster-{center}-{self.current_day().isoformat()}.pdf")
        try:
            if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return None
            return Path(dialog.selectedFiles()[0])
        finally:
            dialog.deleteLater()


def _selected_row(view: QListView) -> int:
    """The chosen row, or -1: a row only focused (not selected) chooses nothing, so that F5
    never marks a booking the operator did not pick."""
    rows = view.selectionModel().selectedIndexes()
    return rows[0].row() if rows else -1


def _select_row(view: QListView, row: int) -> None:
    index = view.model().index(row, 0)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.scrollTo(index)
