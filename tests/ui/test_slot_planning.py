"""The slot planning tab and the operators' call-back tab on a real vault, through their
widgets (found by objectName): generate with a preview, close a day with bookings and save the
call-back list, reopen, import a CSV after its preview, and record call-back outcomes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reservations.audit_service import AuditService
from reservations.booking import BookingService, CallerInput
from reservations.domain import JST, CopyKind, Slot, Status
from reservations.register import RegisterService
from reservations.session import Session
from reservations.slot_planning import Callback, Outcome, SlotPlanningService
from reservations.slots import SlotService
from tests.conftest import BASE_DAY, CENTERS, OPERATOR, SUPERVISOR, TestVault
from tests.ui.conftest import child, commit_text
from ui.callbacks import CallbackPanel
from ui.slot_planning import SlotPlanningPanel

YOTSUYA = CENTERS[0]
PLANNED = "戸塚地域センター"


def click(qtbot: QtBot, parent: QWidget, name: str) -> None:
    button = child(parent, QPushButton, name)
    assert button.isEnabled(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def cell(view: QTableView, row: int, column: int) -> str:
    return str(view.model().index(row, column).data())


class ScriptedPlanning(SlotPlanningPanel):
    """The panel with its dialogs answered from lists instead of modal loops."""

    def __init__(self, session: Session) -> None:
        self.confirmations: list[bool] = []
        self.asked: list[str] = []
        self.paths: list[Path | None] = []
        super().__init__(session)

    def _confirm(self, text: str) -> bool:
        self.asked.append(text)
        return self.confirmations.pop(0)

    def _ask_save_path(self, kind: str, closure: object) -> Path | None:
        return self.paths.pop(0)

    def _ask_csv_path(self) -> Path | None:
        return self.paths.pop(0)


class ScriptedCallbacks(CallbackPanel):
    def __init__(self, session: Session) -> None:
        self.confirmations: list[bool] = []
        self.slots: list[Slot | None] = []
        super().__init__(session)

    def _confirm(self, text: str) -> bool:
        return self.confirmations.pop(0)

    def _choose_slot(self, callback: Callback) -> Slot | None:
        return self.slots.pop(0)


def show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)


def choose_center(panel: SlotPlanningPanel, name: str) -> None:
    view = child(panel, QListView, "planCenterList")
    names = panel.center_model.stringList()
    view.setCurrentIndex(view.model().index(names.index(name), 0))


@pytest.fixture
def three_booked(test_vault: TestVault) -> list[str]:
    service = BookingService(test_vault.session(OPERATOR))
    ids = test_vault.slot_ids
    people = [
        (ids["a0-1000"], CallerInput("山田", "太郎", "ヤマダ", "タロウ", "090-1234-5678")),
        (ids["a0-1000"], CallerInput("鈴木", "花子", "スズキ", "ハナコ", "03-1111-2222")),
        (ids["a0-1030"], CallerInput("田中", "一郎", "タナカ", "イチロウ", "080-3333-4444")),
    ]
    return [service.book(slot, caller).receipt for slot, caller in people]


def test_generate_previews_holidays_before_creating(qtbot: QtBot, test_vault: TestVault) -> None:
    test_vault.clock.now = dt.datetime(2026, 12, 1, 9, tzinfo=JST)
    session = test_vault.session(SUPERVISOR)
    panel = ScriptedPlanning(session)
    show(qtbot, panel)
    assert panel.minimumSizeHint().width() <= 1280 and panel.minimumSizeHint().height() <= 800

    # Add the center through the panel; it becomes the chosen one.
    commit_text(child(panel, QLineEdit, "planNewCenterEdit"), PLANNED)
    click(qtbot, panel, "planAddCenterButton")
    assert panel.current_center() == PLANNED
    assert PLANNED in child(panel, QLabel, "planCenterMessage").text()

    child(panel, QDateEdit, "planFromDate").setDate(QDate(2027, 1, 1))
    child(panel, QDateEdit, "planToDate").setDate(QDate(2027, 1, 15))
    assert child(panel, QCheckBox, "planSkipHolidays").isChecked()
    assert child(panel, QCheckBox, "planYearEnd").isChecked()  # the contract's default
    create = child(panel, QPushButton, "planCreateButton")
    assert not create.isEnabled()  # nothing is saved without a preview

    click(qtbot, panel, "planPreviewButton")
    summary = child(panel, QLabel, "planSummary").text()
    # 10:00-16:00 every 30 minutes on 9 weekdays
    assert "108 slots on 9 days" in summary
    assert "元日" in summary and "成人の日" in summary
    table = child(panel, QTableView, "planPreviewTable")
    notes = {cell(table, row, 0): cell(table, row, 4) for row in range(table.model().rowCount())}
    assert notes["2027-01-01"] == "Holiday: 元日"
    assert notes["2027-01-11"] == "Holiday: 成人の日"
    assert SlotService(session).list_slots(PLANNED) == []  # the preview saved nothing
    assert create.isEnabled()

    # Any change to the form asks for a new preview.
    child(panel, QCheckBox, "planWeekday4").setChecked(False)  # no Fridays
    assert not create.isEnabled()
    click(qtbot, panel, "planPreviewButton")
    assert "84 slots on 7 days" in child(panel, QLabel, "planSummary").text()

    with qtbot.waitSignal(panel.slots_changed):
        click(qtbot, panel, "planCreateButton")
    assert "Created 84 slots" in child(panel, QLabel, "planSummary").text()
    stored = SlotService(session).list_slots(PLANNED)
    assert len(stored) == 84 and {s.date.weekday() for s in stored} == {0, 1, 2, 3}
    assert not create.isEnabled()
    assert AuditService(session).entries()[-1].action == "slots-generate"


def test_generate_shows_why_it_refuses(qtbot: QtBot, test_vault: TestVault) -> None:
    panel = ScriptedPlanning(test_vault.session(SUPERVISOR))
    show(qtbot, panel)
    child(panel, QDateEdit, "planFromDate").setDate(QDate(2020, 1, 6))
    child(panel, QDateEdit, "planToDate").setDate(QDate(2020, 1, 10))
    click(qtbot, panel, "planPreviewButton")
    assert child(panel, QLabel, "planSummary").text() == "The first day must be today or later."
    assert not child(panel, QPushButton, "planCreateButton").isEnabled()


def test_close_a_day_with_bookings_save_the_list_and_reopen(
    qtbot: QtBot, test_vault: TestVault, three_booked: list[str], tmp_path: Path
) -> None:
    session = test_vault.session(SUPERVISOR)
    panel = ScriptedPlanning(session)
    show(qtbot, panel)
    child(panel, QWidget, "planTabs")
    panel.tabs.setCurrentIndex(1)
    choose_center(panel, YOTSUYA)
    panel.set_day(BASE_DAY)
    slots = child(panel, QTableView, "planDaySlotTable")
    assert [cell(slots, r, 1) for r in range(3)] == ["2 / 2", "1 / 2", "0 / 2"]
    close_day = child(panel, QPushButton, "planCloseDayButton")
    assert not close_day.isEnabled()  # a reason first
    commit_text(child(panel, QLineEdit, "planCloseReasonEdit"), "館内設備点検のため")

    panel.confirmations = [False]
    click(qtbot, panel, "planCloseDayButton")
    assert "3 bookings" in panel.asked[-1]
    assert all(s.is_open for s in SlotService(session).list_slots(YOTSUYA, BASE_DAY)[:2])

    panel.confirmations = [True]
    click(qtbot, panel, "planCloseDayButton")
    assert "3 bookings to call back" in child(panel, QLabel, "planDayMessage").text()
    assert [cell(slots, r, 2) for r in range(3)] == ["Closed"] * 3
    callbacks = child(panel, QTableView, "planCallbackTable")
    assert callbacks.model().rowCount() == 3
    rows = {cell(callbacks, r, 1): r for r in range(3)}
    yamada = rows[f"{three_booked[0][:4]}-{three_booked[0][4:]}"]
    assert cell(callbacks, yamada, 2) == "山田 太郎"
    assert cell(callbacks, yamada, 4) == "090-1234-5678"
    assert "10:00" in cell(callbacks, yamada, 5)

    out = tmp_path / "callbacks"
    panel.paths = [out]
    click(qtbot, panel, "planSaveCsvButton")
    saved = tmp_path / "callbacks.csv"
    assert saved.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "callbacks.csv" in child(panel, QLabel, "planSaveMessage").text()
    [copy] = RegisterService(session).list()
    assert (copy.kind, copy.people) == (CopyKind.CALLBACK_LIST, 3)

    slots.selectRow(1)  # 10:30
    with qtbot.waitSignal(panel.slots_changed):
        click(qtbot, panel, "planReopenSlotButton")
    assert "1 call-backs" in child(panel, QLabel, "planDayMessage").text()
    assert [cell(slots, r, 2) for r in range(3)] == ["Closed", "Open", "Closed"]


def test_import_csv_shows_the_preview_and_applies_it(
    qtbot: QtBot, test_vault: TestVault, tmp_path: Path
) -> None:
    session = test_vault.session(SUPERVISOR)
    panel = ScriptedPlanning(session)
    show(qtbot, panel)
    panel.tabs.setCurrentIndex(2)
    day0, day9 = BASE_DAY.isoformat(), (BASE_DAY + dt.timedelta(days=9)).isoformat()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"center,date,start,end,capacity\n{YOTSUYA},{day0},10:00,10:30,5\n"
        f"{YOTSUYA},{day9},13:00,12:00,3\n",
        encoding="utf-8",
    )
    panel.paths = [bad]
    click(qtbot, panel, "planImportChooseButton")
    table = child(panel, QTableView, "planImportTable")
    assert [cell(table, r, 1) for r in range(2)] == ["Change", "Error"]
    assert "end must be after start" in cell(table, 1, 7)
    assert "2 seats" in cell(table, 0, 6)  # what the slot is now
    apply = child(panel, QPushButton, "planImportApplyButton")
    assert not apply.isEnabled()
    assert "1 lines have problems" in child(panel, QLabel, "planImportSummary").text()

    good = tmp_path / "good.csv"
    good.write_text(
        f"{YOTSUYA},{day0},10:00,10:30,5\n新宿地域センター,{day9},13:00,13:30,3\n",
        encoding="cp932",
    )
    panel.paths = [good]
    click(qtbot, panel, "planImportChooseButton")
    assert not apply.isEnabled()  # an unknown center
    child(panel, QCheckBox, "planImportCreateCenters").setChecked(True)
    assert [cell(table, r, 1) for r in range(2)] == ["Change", "New"]
    assert SlotService(session).list_slots(None, day9) == []
    with qtbot.waitSignal(panel.slots_changed):
        click(qtbot, panel, "planImportApplyButton")
    assert "1 new, 1 changed" in child(panel, QLabel, "planImportSummary").text()
    assert "新宿地域センター" in panel.center_model.stringList()
    [created] = SlotService(session).list_slots("新宿地域センター", day9)
    assert created.capacity == 3


def test_operators_record_outcomes_from_the_call_back_tab(
    qtbot: QtBot, test_vault: TestVault, three_booked: list[str]
) -> None:
    SlotPlanningService(test_vault.session(SUPERVISOR)).close(YOTSUYA, BASE_DAY, "停電")
    operator = test_vault.session(OPERATOR)
    panel = ScriptedCallbacks(operator)
    show(qtbot, panel)  # showing it reads the list
    table = child(panel, QTableView, "callbackTable")
    assert table.model().rowCount() == 3
    for name in ("callbackRebookButton", "callbackUnreachableButton"):
        assert not child(panel, QPushButton, name).isEnabled()  # nothing chosen yet

    table.selectRow(0)
    first = panel.selected()
    assert first is not None
    commit_text(child(panel, QLineEdit, "callbackNoteEdit"), "留守電")
    with qtbot.waitSignal(panel.outcome_recorded):
        click(qtbot, panel, "callbackUnreachableButton")
    assert SlotPlanningService(operator).get(first.id).outcome is Outcome.UNREACHABLE
    assert table.model().rowCount() == 3  # unreachable ones stay on the list
    assert child(panel, QLineEdit, "callbackNoteEdit").text() == ""

    # Kept needs the slot reopened: the service says no and the panel says why.
    panel.select(first.id)
    click(qtbot, panel, "callbackKeptButton")
    assert "still closed" in child(panel, QLabel, "callbackMessage").text()

    target = SlotService(operator).list_slots(CENTERS[1], BASE_DAY)[0]
    panel.slots = [target]
    click(qtbot, panel, "callbackRebookButton")
    rebooked = SlotPlanningService(operator).get(first.id)
    assert rebooked.outcome is Outcome.REBOOKED and rebooked.reservation.slot_id == target.id
    assert table.model().rowCount() == 2

    table.selectRow(0)
    second = panel.selected()
    assert second is not None
    panel.confirmations = [True]
    click(qtbot, panel, "callbackCancelledButton")
    assert BookingService(operator).get(second.receipt_display).status is Status.CANCELLED
    assert table.model().rowCount() == 1

    child(panel, QCheckBox, "callbackShowAll").setChecked(True)
    assert table.model().rowCount() == 3
    done_row = panel.model.row_of(second.id)
    table.selectRow(done_row)
    assert not child(panel, QPushButton, "callbackCancelledButton").isEnabled()
