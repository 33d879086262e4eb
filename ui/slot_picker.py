"""Choosing a slot: a center (with seats left), a day, then a time.

Keyboard: the calendar moves a day with Left/Right and a week with Up/Down; Tab goes on to
the day's slots; full, closed and begun slots cannot be selected.  Used by the booking desk
and by "move" in the search panel.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QItemSelectionModel, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reservations.domain import Slot
from reservations.session import Session
from reservations.slots import SlotService
from ui.models import CenterListModel, ObjectRole, SlotTableModel

# How far ahead the calendar marks days with seats left.
_CALENDAR_HORIZON_DAYS = 120


def _buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A label whose &-mnemonic (Alt+letter) moves focus to ``buddy``."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class SlotPicker(QWidget):
    """Center list, calendar and the chosen day's slots.

    Signals:
        slot_changed(object): the selected slot (a ``Slot``) or ``None``.
        center_changed(int): the id of the center now selected.
    """

    slot_changed = Signal(object)
    center_changed = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = SlotService(session)
        self._session = session

        self.centers = QListView()
        self.centers.setObjectName("centerList")
        self.centers.setAccessibleName(self.tr("Centers"))
        self.center_model = CenterListModel(self)
        self.centers.setModel(self.center_model)
        self.centers.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.centers.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.centers.setSpacing(2)

        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("dayCalendar")
        self.calendar.setAccessibleName(self.tr("Day"))
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setGridVisible(False)
        today = session.now().date()
        self.calendar.setMinimumDate(QDate(today.year, today.month, today.day))

        self.slots = QTableView()
        self.slots.setObjectName("slotTable")
        self.slots.setAccessibleName(self.tr("Slots of the day"))
        self.slot_model = SlotTableModel(self)
        self.slots.setModel(self.slot_model)
        self.slots.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.slots.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.slots.verticalHeader().hide()
        self.slots.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.slots.setTabKeyNavigation(False)

        self.day_label = QLabel()
        self.day_label.setObjectName("dayLabel")

        left = QVBoxLayout()
        left.addWidget(_buddy_label(self.tr("&Center"), self.centers))
        left.addWidget(self.centers)
        middle = QVBoxLayout()
        middle.addWidget(_buddy_label(self.tr("&Day (arrows: day / week)"), self.calendar))
        middle.addWidget(self.calendar)
        middle.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.day_label)
        right.addWidget(self.slots)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addLayout(middle, 3)
        layout.addLayout(right, 3)

        self.centers.selectionModel().currentChanged.connect(lambda *_: self._on_center())
        self.calendar.selectionChanged.connect(self.refresh_slots)
        self.slots.selectionModel().selectionChanged.connect(lambda *_: self._on_slot())
        self._days_with_seats: list[dt.date] = []
        self.refresh()
        # Open on the first day that still has seats (the demo and real periods start later).
        first = self.first_day_with_seats()
        if first is not None and self.slot_model.rowCount() == 0:
            self.select_day(first)

    # -- state -------------------------------------------------------------------------------

    def current_center_id(self) -> int | None:
        index = self.centers.currentIndex()
        if not index.isValid():
            return None
        return int(index.data(ObjectRole).center_id)

    def current_day(self) -> dt.date:
        qdate = self.calendar.selectedDate()
        return dt.date(qdate.year(), qdate.month(), qdate.day())

    def selected_slot(self) -> Slot | None:
        rows = self.slots.selectionModel().selectedRows()
        return self.slot_model.slot_at(rows[0].row()) if rows else None

    def select_center(self, center_id: int) -> None:
        row = self.center_model.row_of(center_id)
        if row >= 0:
            self.centers.setCurrentIndex(self.center_model.index(row))

    def select_day(self, day: dt.date) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def select_slot(self, slot_id: int) -> bool:
        row = self.slot_model.row_of(slot_id)
        if row < 0 or not self.slot_model.bookable(self.slot_model.slot_at(row)):  # type: ignore[arg-type]
            return False
        self.slots.selectionModel().select(
            self.slot_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.slots.setCurrentIndex(self.slot_model.index(row, 0))
        return True

    # -- refreshing --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload centers (seats left) and the day's slots, keeping the selection."""
        center_id = self.current_center_id()
        slot = self.selected_slot()
        self.center_model.set_centers(self._service.center_overview())
        if center_id is not None:
            self.select_center(center_id)
        elif self.center_model.rowCount() > 0:
            self.centers.setCurrentIndex(self.center_model.index(0))
        current = self.current_center_id()
        if current is not None:
            self._mark_days(current)
        self.refresh_slots()
        if slot is not None:
            self.select_slot(slot.id)

    def refresh_slots(self) -> None:
        center_id = self.current_center_id()
        day = self.current_day()
        now = self._session.now()
        slots = [] if center_id is None else self._service.slots_between(day, day, center_id)
        self.slot_model.set_slots(slots, lambda slot: slot.starts_at <= now)
        weekday = (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
                   self.tr("Fri"), self.tr("Sat"), self.tr("Sun"))[day.weekday()]  # fmt: skip
        self.day_label.setText(
            self.tr("{date} ({weekday})").format(date=day.isoformat(), weekday=weekday)
            if slots
            else self.tr("{date} ({weekday}): no slots").format(
                date=day.isoformat(), weekday=weekday
            )
        )
        self.slot_changed.emit(None)

    def _on_center(self) -> None:
        center_id = self.current_center_id()
        if center_id is not None:
            self.center_changed.emit(center_id)
            self._mark_days(center_id)
        self.refresh_slots()

    def _mark_days(self, center_id: int) -> None:
        """Bold for days with seats left, grey for full or closed days, over the horizon."""
        today = self._session.now().date()
        last = today + dt.timedelta(days=_CALENDAR_HORIZON_DAYS)
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())
        seats: dict[dt.date, int] = {}
        for slot in self._service.slots_between(today, last, center_id):
            open_seats = slot.available if slot.is_open else 0
            seats[slot.date] = seats.get(slot.date, 0) + open_seats
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        grey = QTextCharFormat()
        grey.setForeground(QColor("#999999"))
        for day, left in seats.items():
            self.calendar.setDateTextFormat(
                QDate(day.year, day.month, day.day), bold if left else grey
            )
        self._days_with_seats = sorted(day for day, left in seats.items() if left)

    def first_day_with_seats(self) -> dt.date | None:
        return self._days_with_seats[0] if self._days_with_seats else None

    def _on_slot(self) -> None:
        self.slot_changed.emit(self.selected_slot())
