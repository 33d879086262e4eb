"""The supervisors' slot planning tab: centers, generating slots, closing days, CSV import.

Generating shows what will be created (and which holidays are skipped, by name) before
anything is saved; closing a slot or a day shows the call-back list and saves it as PDF or
CSV; importing a CSV shows per line what will change before "Apply".  Every rule lives in
``SlotPlanningService`` and ``SlotService``; this screen only collects input and shows results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from reservations import errors
from reservations.booking import parse_date
from reservations.contract import ContractService
from reservations.domain import Slot
from reservations.session import Session
from reservations.slot_planning import (
    MAX_PLAN_CAPACITY,
    Closure,
    GenerationPlan,
    GenerationRequest,
    SkipReason,
    SlotPlanningService,
    describe_closure_title,
)
from reservations.slots import ImportAction, ImportLine, ImportPreview, SlotService, read_csv_file
from ui.callbacks import CallbackTableModel, configure_callback_view
from ui.dialogs import ask_yes_no
from ui.i18n import error_text
from ui.models import ItemTableModel
from ui.qt_dates import pydate, pytime, qdate

Index = QModelIndex | QPersistentModelIndex
_GREY = QBrush(QColor("#777777"))
_SKIPPED = QBrush(QColor("#f1f1f1"))
_HOLIDAY = QBrush(QColor("#b00020"))
_ERROR_BACKGROUND = QBrush(QColor("#fde7ea"))
_NEW_BACKGROUND = QBrush(QColor("#e8f5e9"))
_UPDATE_BACKGROUND = QBrush(QColor("#fff4d6"))
_ERROR_STYLE = "color: #b00020;"


# -- models ----------------------------------------------------------------------------------


class PlanDay:
    """One day of a generation preview: what is created, what exists, why it is skipped."""

    def __init__(self, date: dt.date) -> None:
        self.date = date
        self.new = 0
        self.existing = 0
        self.past = 0
        self.reason: SkipReason | None = None
        self.detail = ""


def plan_days(plan: GenerationPlan) -> list[PlanDay]:
    days: dict[dt.date, PlanDay] = {}
    for planned in plan.created:
        days.setdefault(planned.date, PlanDay(planned.date)).new += 1
    for skipped in plan.skipped:
        day = days.setdefault(skipped.date, PlanDay(skipped.date))
        if skipped.start is None:
            day.reason, day.detail = skipped.reason, skipped.detail
        elif skipped.reason is SkipReason.EXISTS:
            day.existing += 1
        else:
            day.past += 1
    return [days[d] for d in sorted(days)]


class PlanPreviewModel(ItemTableModel[PlanDay]):
    """The generation preview by day: date, weekday, new slots, existing slots, note."""

    DATE, WEEKDAY, NEW, EXISTING, NOTE = range(5)

    def set_plan(self, plan: GenerationPlan | None) -> None:
        self.set_items([] if plan is None else plan_days(plan))

    def day_at(self, row: int) -> PlanDay | None:
        return self.item_at(row)

    def weekday_names(self) -> tuple[str, ...]:
        return (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )

    def note(self, day: PlanDay) -> str:
        if day.reason is SkipReason.HOLIDAY:
            return self.tr("Holiday: {name}").format(name=day.detail)
        if day.reason is SkipReason.YEAR_END:
            return self.tr("Year-end closure")
        if day.reason is SkipReason.EXCEPTION:
            return self.tr("Exception date")
        parts = []
        if day.existing:
            parts.append(self.tr("{count} exist already").format(count=day.existing))
        if day.past:
            parts.append(self.tr("{count} already begun").format(count=day.past))
        return ", ".join(parts)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Date"),
            self.tr("Day"),
            self.tr("New slots"),
            self.tr("Existing"),
            self.tr("Note"),
        )

    def display_of(self, day: PlanDay) -> tuple[str, ...]:
        return (
            day.date.isoformat(),
            self.weekday_names()[day.date.weekday()],
            "" if day.reason else str(day.new),
            "" if day.reason or not day.existing else str(day.existing),
            self.note(day),
        )

    def extra_data(self, day: PlanDay, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.NEW, self.EXISTING):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and day.reason is not None:
            return _SKIPPED
        if role == Qt.ItemDataRole.ForegroundRole and day.reason is not None:
            return _HOLIDAY if day.reason is SkipReason.HOLIDAY else _GREY
        return None


class DaySlotModel(ItemTableModel[Slot]):
    """One center's slots on one day for closing: time, booked / capacity, open or closed."""

    TIME, BOOKED, STATE = range(3)

    def set_slots(self, slots: Sequence[Slot]) -> None:
        self.set_items(slots)

    def slots(self) -> list[Slot]:
        return self.items()

    def slot_at(self, row: int) -> Slot | None:
        return self.item_at(row)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Time"), self.tr("Booked / capacity"), self.tr("State"))

    def display_of(self, slot: Slot) -> tuple[str, ...]:
        return (
            f"{slot.start:%H:%M}–{slot.end:%H:%M}",
            f"{slot.booked} / {slot.capacity}",
            self.tr("Open") if slot.is_open else self.tr("Closed"),
        )

    def extra_data(self, slot: Slot, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and not slot.is_open:
            return _GREY
        if role == Qt.ItemDataRole.BackgroundRole and not slot.is_open:
            return _SKIPPED
        return None


class ImportPreviewModel(ItemTableModel[ImportLine]):
    """What a CSV import would do, line by line."""

    LINE, CHANGE, CENTER, DATE, TIME, CAPACITY, NOW, PROBLEM = range(8)

    def set_preview(self, preview: ImportPreview | None) -> None:
        self.set_items([] if preview is None else preview.lines)

    def line_at(self, row: int) -> ImportLine | None:
        return self.item_at(row)

    def action_text(self, action: ImportAction) -> str:
        return {
            ImportAction.CREATE: self.tr("New"),
            ImportAction.UPDATE: self.tr("Change"),
            ImportAction.UNCHANGED: self.tr("Unchanged"),
            ImportAction.ERROR: self.tr("Error"),
        }[action]

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Line"),
            self.tr("Change"),
            self.tr("Center"),
            self.tr("Date"),
            self.tr("Time"),
            self.tr("Capacity"),
            self.tr("Now"),
            self.tr("Problem"),
        )

    def display_of(self, line: ImportLine) -> tuple[str, ...]:
        cells = list(line.cells) + [""] * 5
        before = line.before
        now = (
            ""
            if before is None
            else self.tr("{time}, {capacity} seats, {booked} booked").format(
                time=f"{before.start:%H:%M}–{before.end:%H:%M}",
                capacity=before.capacity,
                booked=before.booked,
            )
        )
        return (
            str(line.line),
            self.action_text(line.action),
            cells[0],
            cells[1],
            f"{cells[2]}–{cells[3]}" if cells[2] or cells[3] else "",
            cells[4],
            now,
            line.problem,
        )

    def extra_data(self, line: ImportLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return {
                ImportAction.ERROR: _ERROR_BACKGROUND,
                ImportAction.CREATE: _NEW_BACKGROUND,
                ImportAction.UPDATE: _UPDATE_BACKGROUND,
            }.get(line.action)
        if role == Qt.ItemDataRole.ForegroundRole and line.action is ImportAction.UNCHANGED:
            return _GREY
        return None


def _table(name: str, accessible: str, model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _message_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


# -- the panel -------------------------------------------------------------------------------


class SlotPlanningPanel(QWidget):
    """Centers on the left; generate, close or reopen, and import on the right.

    Signals:
        slots_changed(): slots were created, closed, reopened or imported (other tabs may
            want to reload their slot lists).
    """

    slots_changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slotPlanningPanel")
        self._session = session
        self._planning = SlotPlanningService(session)
        self._slots = SlotService(session)
        self._previewed: GenerationRequest | None = None
        self._import_text: str | None = None
        self._import_preview: ImportPreview | None = None
        self._closure: Closure | None = None

        self.tabs = QTabWidget()
        self.tabs.setObjectName("planTabs")
        self.tabs.setAccessibleName(self.tr("Slot planning"))
        self.tabs.addTab(self._build_generate_page(), self.tr("&Generate slots"))
        self.tabs.addTab(self._build_day_page(), self.tr("Close or &reopen"))
        self.tabs.addTab(self._build_import_page(), self.tr("&Import CSV"))

        layout = QHBoxLayout(self)
        layout.addWidget(self._build_centers(), 0)
        layout.addWidget(self.tabs, 1)
        self.reload_centers()
        self._invalidate_preview()

    # -- centers -------------------------------------------------------------------------------

    def _build_centers(self) -> QWidget:
        box = QGroupBox(self.tr("Centers"))
        box.setObjectName("planCentersBox")
        box.setFixedWidth(250)
        self.center_model = QStringListModel(self)
        self.center_list = QListView()
        self.center_list.setObjectName("planCenterList")
        self.center_list.setAccessibleName(self.tr("Centers"))
        self.center_list.setModel(self.center_model)
        self.center_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.center_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.center_list.selectionModel().currentChanged.connect(lambda *_: self._center_changed())
        self.new_center_edit = QLineEdit()
        self.new_center_edit.setObjectName("planNewCenterEdit")
        self.new_center_edit.setAccessibleName(self.tr("New center's name"))
        self.new_center_edit.setPlaceholderText(self.tr("New center's name"))
        self.new_center_edit.returnPressed.connect(self.add_center)
        self.add_center_button = QPushButton(self.tr("&Add center"))
        self.add_center_button.setObjectName("planAddCenterButton")
        self.add_center_button.setAccessibleName(self.tr("Add the center"))
        self.add_center_button.clicked.connect(self.add_center)
        self.center_message = _message_label("planCenterMessage")
        layout = QVBoxLayout(box)
        layout.addWidget(self.center_list, 1)
        layout.addWidget(self.new_center_edit)
        layout.addWidget(self.add_center_button)
        layout.addWidget(self.center_message)
        return box

    def reload_centers(self, select: str | None = None) -> None:
        current = select or self.current_center()
        try:
            names = self._slots.list_centers()
        except errors.ReservationError as exc:
            self.center_message.setText(error_text(exc))
            return
        self.center_model.setStringList(names)
        row = names.index(current) if current in names else (0 if names else -1)
        if row >= 0:
            self.center_list.setCurrentIndex(self.center_model.index(row))

    def weekday_names(self) -> tuple[str, ...]:
        return (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )

    def current_center(self) -> str | None:
        index = self.center_list.currentIndex()
        return str(index.data()) if index.isValid() else None

    def select_center(self, name: str) -> None:
        names = self.center_model.stringList()
        if name in names:
            self.center_list.setCurrentIndex(self.center_model.index(names.index(name)))

    def add_center(self) -> None:
        try:
            center = self._planning.add_center(self.new_center_edit.text())
        except errors.ReservationError as exc:
            if isinstance(exc, errors.Conflict):
                self.center_message.setText(self.tr("A center with this name exists already."))
            elif isinstance(exc, errors.InvalidInput):
                self.center_message.setText(self.tr("Type the new center's name first."))
            else:
                self.center_message.setText(error_text(exc))
            return
        self.new_center_edit.clear()
        self.center_message.setText(self.tr("Added {name}.").format(name=center.name))
        self.reload_centers(select=center.name)

    def _center_changed(self) -> None:
        self._invalidate_preview()
        self.reload_day()

    # -- generate ------------------------------------------------------------------------------

    def _build_generate_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("planGeneratePage")
        today = self._session.now().date()
        first = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)

        self.from_date = self._date_edit("planFromDate", self.tr("First day"), first)
        self.to_date = self._date_edit("planToDate", self.tr("Last day"), last)
        period = QHBoxLayout()
        period.addWidget(self.from_date)
        period.addWidget(QLabel("–"))
        period.addWidget(self.to_date)
        period.addStretch(1)

        weekdays = QHBoxLayout()
        self.weekday_boxes: list[QCheckBox] = []
        for number, name in enumerate(self.weekday_names()):
            box = QCheckBox(name)
            box.setObjectName(f"planWeekday{number}")
            box.setAccessibleName(name)
            box.setChecked(number < 5)
            box.toggled.connect(lambda _on: self._invalidate_preview())
            self.weekday_boxes.append(box)
            weekdays.addWidget(box)
        weekdays.addStretch(1)

        self.start_time = self._time_edit("planStartTime", self.tr("Day starts"), QTime(10, 0))
        self.end_time = self._time_edit("planEndTime", self.tr("Day ends"), QTime(16, 0))
        self.every_spin = self._spin("planEverySpin", self.tr("Minutes per slot"), 5, 480, 30)
        self.every_spin.setSingleStep(5)
        self.every_spin.setSuffix(self.tr(" min"))
        times = QHBoxLayout()
        times.addWidget(self.start_time)
        times.addWidget(QLabel("–"))
        times.addWidget(self.end_time)
        times.addWidget(QLabel(self.tr("every")))
        times.addWidget(self.every_spin)
        times.addStretch(1)

        self.capacity_spin = self._spin(
            "planCapacitySpin", self.tr("Seats per slot"), 1, MAX_PLAN_CAPACITY, 10
        )
        self.capacity_spin.setMaximumWidth(90)
        self.holidays_box = QCheckBox(self.tr("Close on public &holidays"))
        self.holidays_box.setObjectName("planSkipHolidays")
        self.holidays_box.setAccessibleName(self.tr("Close on public holidays"))
        self.holidays_box.setChecked(True)
        self.holidays_box.toggled.connect(lambda _on: self._invalidate_preview())
        self.year_end_box = QCheckBox(self.tr("Year-end closure 12/29–1/3"))
        self.year_end_box.setObjectName("planYearEnd")
        self.year_end_box.setAccessibleName(self.tr("Year-end closure 12/29–1/3"))
        self.year_end_box.setToolTip(self.tr("Preset from the contract settings."))
        try:
            self.year_end_box.setChecked(ContractService(self._session).get().year_end_closure)
        except errors.ReservationError:
            self.year_end_box.setChecked(True)
        self.year_end_box.toggled.connect(lambda _on: self._invalidate_preview())
        self.exceptions_edit = QLineEdit()
        self.exceptions_edit.setObjectName("planExceptionsEdit")
        self.exceptions_edit.setAccessibleName(self.tr("Other days to leave out"))
        self.exceptions_edit.setPlaceholderText(self.tr("e.g. 2027-02-10, 2027-02-24"))
        self.exceptions_edit.textChanged.connect(lambda _t: self._invalidate_preview())

        form = QFormLayout()
        form.addRow(self.tr("Period"), period)
        form.addRow(self.tr("Days of the week"), weekdays)
        form.addRow(self.tr("Daily times"), times)
        form.addRow(self.tr("Seats per slot"), self.capacity_spin)
        form.addRow("", self.holidays_box)
        form.addRow("", self.year_end_box)
        form.addRow(self.tr("Also leave out"), self.exceptions_edit)

        self.preview_button = QPushButton(self.tr("&Preview"))
        self.preview_button.setObjectName("planPreviewButton")
        self.preview_button.setAccessibleName(self.tr("Preview the slots to create"))
        self.preview_button.clicked.connect(self.preview)
        self.create_button = QPushButton(self.tr("&Create slots"))
        self.create_button.setObjectName("planCreateButton")
        self.create_button.setAccessibleName(self.tr("Create the previewed slots"))
        self.create_button.clicked.connect(self.create_slots)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.create_button)
        buttons.addStretch(1)

        self.plan_summary = _message_label("planSummary")
        hint = QLabel(
            self.tr(
                "Preview first: it lists every day, the holidays left out by name, and the slots "
                "that exist already (they stay as they are). Nothing is saved until you press "
                "Create slots."
            )
        )
        hint.setObjectName("planHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555555;")
        self.plan_model = PlanPreviewModel(self)
        self.plan_table = _table("planPreviewTable", self.tr("Preview by day"), self.plan_model)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(hint)
        left.addLayout(buttons)
        left.addWidget(self.plan_summary)
        left.addStretch(1)
        layout = QHBoxLayout(page)
        layout.addLayout(left, 5)
        layout.addWidget(self.plan_table, 4)
        return page

    def _date_edit(self, name: str, accessible: str, day: dt.date) -> QDateEdit:
        edit = QDateEdit(qdate(day))
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(lambda _d: self._invalidate_preview())
        return edit

    def _time_edit(self, name: str, accessible: str, value: QTime) -> QTimeEdit:
        edit = QTimeEdit(value)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setDisplayFormat("HH:mm")
        edit.timeChanged.connect(lambda _t: self._invalidate_preview())
        return edit

    def _spin(self, name: str, accessible: str, low: int, high: int, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setAccessibleName(accessible)
        spin.setRange(low, high)
        spin.setValue(value)
        spin.valueChanged.connect(lambda _v: self._invalidate_preview())
        return spin

    def generation_request(self) -> GenerationRequest:
        """The request the form describes; ``InvalidInput`` for a bad exception date."""
        center = self.current_center()
        if center is None:
            raise errors.InvalidInput("center: add or choose a center first.", "center")
        exceptions = frozenset(
            parse_date(part)
            for part in self.exceptions_edit.text().replace("、", ",").split(",")
            if part.strip()
        )
        return GenerationRequest(
            center=center,
            first=pydate(self.from_date.date()),
            last=pydate(self.to_date.date()),
            weekdays=frozenset(n for n, box in enumerate(self.weekday_boxes) if box.isChecked()),
            start=pytime(self.start_time.time()),
            end=pytime(self.end_time.time()),
            every_minutes=self.every_spin.value(),
            capacity=self.capacity_spin.value(),
            skip_holidays=self.holidays_box.isChecked(),
            year_end_closure=self.year_end_box.isChecked(),
            exceptions=exceptions,
        )

    def _invalidate_preview(self) -> None:
        if not hasattr(self, "create_button"):
            return
        self._previewed = None
        self.create_button.setEnabled(False)
        if self.plan_model.rowCount():
            self.plan_model.set_plan(None)
            self.plan_summary.setText(self.tr("The form changed: preview again."))

    def preview(self) -> GenerationPlan | None:
        """Show what would be created; "Create slots" saves exactly this request."""
        try:
            request = self.generation_request()
            plan = self._planning.generate(request, dry_run=True)
        except errors.ReservationError as exc:
            self._invalidate_preview()
            self.plan_summary.setStyleSheet(_ERROR_STYLE)
            self.plan_summary.setText(self._generation_problem(exc))
            return None
        self.plan_model.set_plan(plan)
        self.plan_summary.setStyleSheet("")
        self.plan_summary.setText(self._plan_text(plan, saved=False))
        self._previewed = request if plan.created else None
        self.create_button.setEnabled(bool(plan.created))
        return plan

    def create_slots(self) -> GenerationPlan | None:
        request = self._previewed
        if request is None:
            return None
        try:
            plan = self._planning.generate(request)
        except errors.ReservationError as exc:
            self.plan_summary.setStyleSheet(_ERROR_STYLE)
            self.plan_summary.setText(self._generation_problem(exc))
            return None
        self.plan_model.set_plan(plan)
        self._previewed = None
        self.create_button.setEnabled(False)
        self.plan_summary.setStyleSheet("")
        self.plan_summary.setText(self._plan_text(plan, saved=True))
        self.reload_day()
        self.slots_changed.emit()
        return plan

    def _plan_text(self, plan: GenerationPlan, *, saved: bool) -> str:
        holidays = [s for s in plan.skipped_days if s.reason is SkipReason.HOLIDAY]
        text = (
            self.tr("Created {slots} slots on {days} days at {center}.")
            if saved
            else self.tr("{slots} slots on {days} days at {center} will be created.")
        ).format(slots=len(plan.created), days=plan.days, center=plan.center)
        if plan.existing:
            text += " " + self.tr("{count} slots exist already and stay as they are.").format(
                count=len(plan.existing)
            )
        if plan.skipped_days:
            if holidays:
                names = "、".join(f"{s.date:%m/%d} {s.detail}" for s in holidays)
                text += " " + self.tr("{count} days left out (holidays: {names}).").format(
                    count=len(plan.skipped_days), names=names
                )
            else:
                text += " " + self.tr("{count} days left out.").format(count=len(plan.skipped_days))
        if not plan.created and not saved:
            text += " " + self.tr("Nothing to create.")
        return text

    def _generation_problem(self, exc: errors.ReservationError) -> str:
        if isinstance(exc, errors.InvalidInput):
            texts = {
                "from": self.tr("The first day must be today or later."),
                "to": self.tr("The last day must not be before the first, and at most a year on."),
                "weekdays": self.tr("Tick at least one day of the week."),
                "end": self.tr("Not even one slot fits between the start and the end."),
                "every": self.tr("A slot lasts 5 to 480 minutes."),
                "capacity": self.tr("Seats per slot: 1 to {max}.").format(max=MAX_PLAN_CAPACITY),
                "center": self.tr("Add or choose a center first."),
                "date": self.tr(
                    "Write the days to leave out like 2027-02-10, separated by commas."
                ),
            }
            if exc.field in texts:
                return texts[exc.field]
        return error_text(exc)

    # -- close or reopen -----------------------------------------------------------------------

    def _build_day_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("planDayPage")
        today = self._session.now().date()
        self.day_date = QDateEdit(qdate(today))
        self.day_date.setObjectName("planDayDate")
        self.day_date.setAccessibleName(self.tr("Day"))
        self.day_date.setCalendarPopup(True)
        self.day_date.setDisplayFormat("yyyy-MM-dd")
        self.day_date.setMinimumDate(qdate(today))
        self.day_date.dateChanged.connect(lambda _d: self.reload_day())

        self.day_model = DaySlotModel(self)
        self.day_table = _table("planDaySlotTable", self.tr("Slots of the day"), self.day_model)
        self.day_table.selectionModel().selectionChanged.connect(lambda *_: self._day_buttons())

        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("planCloseReasonEdit")
        self.reason_edit.setAccessibleName(self.tr("Reason for closing"))
        self.reason_edit.setPlaceholderText(self.tr("e.g. building inspection"))
        self.reason_edit.textChanged.connect(lambda _t: self._day_buttons())

        self.close_slot_button = QPushButton(self.tr("Close &slot"))
        self.close_slot_button.setObjectName("planCloseSlotButton")
        self.close_slot_button.setAccessibleName(self.tr("Close the selected slot"))
        self.close_slot_button.clicked.connect(lambda: self.close_slots(whole_day=False))
        self.close_day_button = QPushButton(self.tr("Close whole &day"))
        self.close_day_button.setObjectName("planCloseDayButton")
        self.close_day_button.setAccessibleName(self.tr("Close every slot of the day"))
        self.close_day_button.clicked.connect(lambda: self.close_slots(whole_day=True))
        self.reopen_slot_button = QPushButton(self.tr("Reopen slo&t"))
        self.reopen_slot_button.setObjectName("planReopenSlotButton")
        self.reopen_slot_button.setAccessibleName(self.tr("Reopen the selected slot"))
        self.reopen_slot_button.clicked.connect(lambda: self.reopen(whole_day=False))
        self.reopen_day_button = QPushButton(self.tr("Reopen whole da&y"))
        self.reopen_day_button.setObjectName("planReopenDayButton")
        self.reopen_day_button.setAccessibleName(self.tr("Reopen every closed slot of the day"))
        self.reopen_day_button.clicked.connect(lambda: self.reopen(whole_day=True))
        self.day_message = _message_label("planDayMessage")

        self.closure_label = QLabel(self.tr("Call-back list"))
        self.closure_label.setObjectName("planCallbackTitle")
        self.closure_label.setWordWrap(True)
        self.closure_label.setStyleSheet("font-weight: bold;")
        self.callback_model = CallbackTableModel(self)
        self.callback_table = QTableView()
        self.callback_table.setObjectName("planCallbackTable")
        self.callback_table.setAccessibleName(self.tr("Call-back list"))
        self.callback_table.setModel(self.callback_model)
        configure_callback_view(self.callback_table)
        self.save_pdf_button = QPushButton(self.tr("Save as &PDF…"))
        self.save_pdf_button.setObjectName("planSavePdfButton")
        self.save_pdf_button.setAccessibleName(self.tr("Save the call-back list as PDF"))
        self.save_pdf_button.clicked.connect(lambda: self.save_callbacks("pdf"))
        self.save_csv_button = QPushButton(self.tr("Save as CS&V…"))
        self.save_csv_button.setObjectName("planSaveCsvButton")
        self.save_csv_button.setAccessibleName(self.tr("Save the call-back list as CSV"))
        self.save_csv_button.clicked.connect(lambda: self.save_callbacks("csv"))
        self.save_message = _message_label("planSaveMessage")

        top = QHBoxLayout()
        day_label = QLabel(self.tr("Dat&e"))
        day_label.setBuddy(self.day_date)
        top.addWidget(day_label)
        top.addWidget(self.day_date)
        top.addStretch(1)
        reason_row = QHBoxLayout()
        reason_label = QLabel(self.tr("Reas&on"))
        reason_label.setBuddy(self.reason_edit)
        reason_row.addWidget(reason_label)
        reason_row.addWidget(self.reason_edit, 1)
        actions = QVBoxLayout()
        for button in (
            self.close_slot_button,
            self.close_day_button,
            self.reopen_slot_button,
            self.reopen_day_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        slots_row = QHBoxLayout()
        slots_row.addWidget(self.day_table, 1)
        slots_row.addLayout(actions)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_pdf_button)
        save_row.addWidget(self.save_csv_button)
        save_row.addWidget(self.save_message, 1)

        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addLayout(reason_row)
        layout.addLayout(slots_row, 2)
        layout.addWidget(self.day_message)
        layout.addWidget(self.closure_label)
        layout.addWidget(self.callback_table, 3)
        layout.addLayout(save_row)
        self._show_closure(None)
        return page

    def current_day(self) -> dt.date:
        return pydate(self.day_date.date())

    def set_day(self, day: dt.date) -> None:
        self.day_date.setDate(qdate(day))

    def reload_day(self) -> None:
        if not hasattr(self, "day_model"):
            return
        center = self.current_center()
        slots: list[Slot] = []
        if center is not None:
            try:
                slots = self._slots.list_slots(center, self.current_day())
            except errors.ReservationError as exc:
                self.day_message.setText(error_text(exc))
        self.day_model.set_slots(slots)
        self._day_buttons()

    def selected_slot(self) -> Slot | None:
        rows = self.day_table.selectionModel().selectedRows()
        return self.day_model.slot_at(rows[0].row()) if rows else None

    def select_slot(self, start: dt.time) -> None:
        for row, slot in enumerate(self.day_model.slots()):
            if slot.start == start:
                self.day_table.selectRow(row)
                return

    def _day_buttons(self) -> None:
        slot = self.selected_slot()
        slots = self.day_model.slots()
        has_reason = bool(self.reason_edit.text().strip())
        self.close_slot_button.setEnabled(slot is not None and slot.is_open and has_reason)
        self.close_day_button.setEnabled(any(s.is_open for s in slots) and has_reason)
        self.reopen_slot_button.setEnabled(slot is not None and not slot.is_open)
        self.reopen_day_button.setEnabled(any(not s.is_open for s in slots))

    def close_slots(self, *, whole_day: bool) -> Closure | None:
        center = self.current_center()
        slot = None if whole_day else self.selected_slot()
        if center is None or (not whole_day and slot is None):
            return None
        targets = [s for s in self.day_model.slots() if s.is_open] if whole_day else [slot]
        booked = sum(s.booked for s in targets if s is not None)
        day = self.current_day()
        question = (
            self.tr(
                "Close all {count} open slots of {day}? {booked} bookings will be put on the "
                "call-back list."
            )
            if whole_day
            else self.tr(
                "Close the slot {time} on {day}? {booked} bookings will be put on the "
                "call-back list."
            )
        ).format(
            count=len(targets),
            day=day.isoformat(),
            time="" if slot is None else f"{slot.start:%H:%M}",
            booked=booked,
        )
        if not self._confirm(question):
            return None
        try:
            closure = self._planning.close(
                center, day, self.reason_edit.text(), None if slot is None else slot.start
            )
        except errors.ReservationError as exc:
            self.day_message.setText(self._day_problem(exc))
            return None
        self.day_message.setText(
            self.tr("Closed {closed} slots; {callbacks} bookings to call back.").format(
                closed=len(closure.closed), callbacks=len(closure.callbacks)
            )
        )
        self._show_closure(closure)
        self.reload_day()
        self.slots_changed.emit()
        return closure

    def reopen(self, *, whole_day: bool) -> bool:
        center = self.current_center()
        slot = None if whole_day else self.selected_slot()
        if center is None or (not whole_day and slot is None):
            return False
        try:
            done = self._planning.reopen(
                center, self.current_day(), None if slot is None else slot.start
            )
        except errors.ReservationError as exc:
            self.day_message.setText(self._day_problem(exc))
            return False
        text = self.tr("Reopened {count} slots.").format(count=len(done.reopened))
        if done.open_callbacks:
            text += " " + self.tr(
                "{count} call-backs for them are still open: operators record Kept or rebook."
            ).format(count=done.open_callbacks)
        self.day_message.setText(text)
        self.reload_day()
        self.slots_changed.emit()
        return True

    def _day_problem(self, exc: errors.ReservationError) -> str:
        if isinstance(exc, errors.InvalidInput) and exc.field == "reason":
            return self.tr("Say why the slot is closed: it is read to the people called back.")
        if isinstance(exc, errors.InvalidInput) and exc.field == "date":
            return self.tr("A day in the past cannot be closed.")
        return error_text(exc)

    def _show_closure(self, closure: Closure | None) -> None:
        self._closure = closure
        callbacks = () if closure is None else closure.callbacks
        self.callback_model.set_callbacks(callbacks)
        if closure is None:
            self.closure_label.setText(
                self.tr("Call-back list: appears here after closing a slot or a day.")
            )
        else:
            self.closure_label.setText(
                self.tr("Call-back list for {what}: {count} bookings (reason: {reason})").format(
                    what=describe_closure_title(closure.center, closure.date, closure.start),
                    count=len(callbacks),
                    reason=closure.reason,
                )
            )
        self.save_message.clear()
        self.save_pdf_button.setEnabled(bool(callbacks))
        self.save_csv_button.setEnabled(bool(callbacks))

    def save_callbacks(self, kind: str) -> Path | None:
        closure = self._closure
        if closure is None or not closure.callbacks:
            return None
        path = self._ask_save_path(kind, closure)
        if path is None:
            return None
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(path.name + f".{kind}")
        try:
            # The save dialog has already asked before replacing an existing file.
            self._planning.write_callback_list(
                closure.callbacks,
                path,
                title=describe_closure_title(closure.center, closure.date, closure.start),
                overwrite=True,
            )
        except errors.ReservationError as exc:
            self.save_message.setText(error_text(exc))
            return None
        self.save_message.setText(
            self.tr("Saved {path}; it is entered in the register of copies.").format(path=path)
        )
        return path

    # -- import --------------------------------------------------------------------------------

    def _build_import_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("planImportPage")
        intro = QLabel(
            self.tr(
                "The same CSV as 'resdesk slots import': center, date, start, end, capacity. "
                "Nothing is saved until you press Apply."
            )
        )
        intro.setWordWrap(True)
        self.import_choose_button = QPushButton(self.tr("C&hoose CSV file…"))
        self.import_choose_button.setObjectName("planImportChooseButton")
        self.import_choose_button.setAccessibleName(self.tr("Choose the CSV file to import"))
        self.import_choose_button.clicked.connect(self.choose_import_file)
        self.import_create_centers = QCheckBox(self.tr("Add &new centers named in the file"))
        self.import_create_centers.setObjectName("planImportCreateCenters")
        self.import_create_centers.setAccessibleName(self.tr("Add new centers named in the file"))
        self.import_create_centers.toggled.connect(lambda _on: self.refresh_import_preview())
        self.import_path = _message_label("planImportPath")
        self.import_summary = _message_label("planImportSummary")
        self.import_model = ImportPreviewModel(self)
        self.import_table = _table(
            "planImportTable", self.tr("What the import will change"), self.import_model
        )
        self.import_apply_button = QPushButton(self.tr("A&pply"))
        self.import_apply_button.setObjectName("planImportApplyButton")
        self.import_apply_button.setAccessibleName(self.tr("Apply the import"))
        self.import_apply_button.clicked.connect(self.apply_import)
        self.import_apply_button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.import_choose_button)
        top.addWidget(self.import_create_centers)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_summary, 1)
        bottom.addWidget(self.import_apply_button)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.import_path)
        layout.addWidget(self.import_table, 1)
        layout.addLayout(bottom)
        return page

    def choose_import_file(self) -> ImportPreview | None:
        path = self._ask_csv_path()
        if path is None:
            return None
        try:
            text = read_csv_file(path)
        except errors.ReservationError as exc:
            self.import_summary.setText(error_text(exc))
            return None
        self.import_path.setText(str(path))
        return self.load_import_text(text)

    def load_import_text(self, text: str) -> ImportPreview | None:
        """Preview ``text``; "Apply" imports exactly this text, whatever the file does later."""
        self._import_text = text
        return self.refresh_import_preview()

    def refresh_import_preview(self) -> ImportPreview | None:
        text = self._import_text
        self._import_preview = None
        self.import_apply_button.setEnabled(False)
        if text is None:
            return None
        try:
            preview = self._slots.preview_csv_text(
                text, create_centers=self.import_create_centers.isChecked()
            )
        except errors.ReservationError as exc:
            self.import_model.set_preview(None)
            self.import_summary.setText(error_text(exc))
            return None
        self._import_preview = preview
        self.import_model.set_preview(preview)
        counts = self.tr("{new} new, {changed} changed, {same} unchanged").format(
            new=preview.count(ImportAction.CREATE),
            changed=preview.count(ImportAction.UPDATE),
            same=preview.count(ImportAction.UNCHANGED),
        )
        if preview.centers_created:
            counts += self.tr("; new centers: {names}").format(
                names="、".join(preview.centers_created)
            )
        if preview.ok:
            self.import_summary.setStyleSheet("")
            self.import_summary.setText(counts + ".")
            self.import_apply_button.setEnabled(
                preview.count(ImportAction.CREATE) + preview.count(ImportAction.UPDATE) > 0
            )
        else:
            self.import_summary.setStyleSheet(_ERROR_STYLE)
            unknown = [p for p in preview.problems if p.startswith("Unknown center")]
            text_out = self.tr(
                "{errors} lines have problems: fix the file and choose it again. Nothing will be "
                "imported while any line is wrong."
            ).format(errors=preview.count(ImportAction.ERROR))
            if unknown:
                text_out += " " + self.tr(
                    "Some centers are unknown: tick 'Add new centers' if they are new."
                )
            self.import_summary.setText(text_out + " (" + counts + ")")
        return preview

    def apply_import(self) -> bool:
        preview, text = self._import_preview, self._import_text
        if preview is None or text is None or not preview.ok:
            return False
        try:
            result = self._slots.import_csv_text(
                text, create_centers=self.import_create_centers.isChecked()
            )
        except errors.ReservationError as exc:
            self.import_summary.setText(error_text(exc))
            return False
        self.import_summary.setStyleSheet("")
        self.import_summary.setText(
            self.tr("Imported: {new} new, {changed} changed, {same} unchanged.").format(
                new=result.created, changed=result.updated, same=result.unchanged
            )
        )
        self.import_apply_button.setEnabled(False)
        self._import_preview = None
        self.reload_centers()
        self.reload_day()
        self.slots_changed.emit()
        return True

    # -- dialogs (overridable, so tests need not run a modal loop) -----------------------------

    def _confirm(self, text: str) -> bool:
        return ask_yes_no(self, self.tr("Please confirm"), text, default_yes=False)

    def _ask_save_path(self, kind: str, closure: Closure) -> Path | None:
        name_filter = self.tr("PDF (*.pdf)") if kind == "pdf" else self.tr("CSV (*.csv)")
        center = closure.center.replace("/", "_")
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the call-back list"),
            str(Path.home() / f"callbacks-{center}-{closure.date.isoformat()}.{kind}"),
            name_filter,
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        return Path(path) if path else None

    def _ask_csv_path(self) -> Path | None:
        path, _chosen = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the slot CSV"),
            str(Path.home()),
            self.tr("CSV (*.csv);;All files (*)"),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        return Path(path) if path else None
