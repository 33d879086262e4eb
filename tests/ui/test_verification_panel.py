"""The verification line on a real vault: a support worker phones about a visitor; the operator
checks the number as heard, confirms without it, marks attendance, and ends the day.

Bookings are made a week ahead (the clock's default); the clock then moves to BASE_DAY 10:05,
the middle of the session, before the panel is opened.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reservations.booking import BookingService, CallerInput
from reservations.domain import JST, Status
from reservations.receipt import damm_is_valid, format_receipt, receipt_from_payload
from reservations.session import Session
from reservations.slots import SlotService
from reservations.verification import Candidate, VerificationService
from tests.conftest import BASE_DAY, CENTERS, OPERATOR, TestVault
from tests.ui.conftest import child, commit_text
from ui.main_window import MainWindow
from ui.verification_panel import SETTINGS_KEY, CandidateListModel, VerificationPanel

YOTSUYA, OKUBO = CENTERS
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
# Everything personal the bookings below hold: none of it may reach the audit trail, and only
# the masked family name, masked kana and the last 4 phone digits may reach the screen.
PERSONAL = (
    "山田", "太郎", "ヤマダ", "タロウ", "やまだ", "1234", "5678",
    "鈴木", "花子", "スズキ", "ハナコ", "すず", "1111", "2222",
    "田中", "一郎", "タナカ", "イチロウ", "3333", "4444",
)  # fmt: skip


@pytest.fixture
def panel(
    qtbot: QtBot, operator: Session, settings: QSettings, booked: dict[str, str]
) -> VerificationPanel:
    widget = VerificationPanel(operator, settings)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def center_id(session: Session, name: str) -> int:
    return next(c.center_id for c in SlotService(session).center_overview() if c.name == name)


def status_of(session: Session, receipt: str) -> Status:
    """The booking's status, read without an audited lookup of our own."""
    with session.store.unit_of_work(write=False) as uow:
        found = uow.reservation_by_receipt(receipt)
    assert found is not None
    return found.status


def audit_actions(session: Session) -> list[str]:
    with session.store.unit_of_work(write=False) as uow:
        return [e.action for e in uow.audit_entries() if e.account == OPERATOR[0]]


def check(qtbot: QtBot, panel: VerificationPanel, typed: str) -> None:
    """Type the number as heard (the way an IME commits it) and press Enter."""
    edit = child(panel, QLineEdit, "receiptEdit")
    edit.clear()
    commit_text(edit, typed)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def answer(panel: VerificationPanel) -> str:
    """Every text the result area shows now."""
    area = child(panel, QWidget, "checkResult")
    return "\n".join(
        label.text() for label in area.findChildren(QLabel) if label.isVisibleTo(panel)
    )


def shown_on_screen(panel: VerificationPanel) -> str:
    """The text of every visible label and list row of the panel (not what was typed)."""
    texts = [label.text() for label in panel.findChildren(QLabel) if label.isVisibleTo(panel)]
    for view in panel.findChildren(QListView):
        model = view.model()
        texts += [str(model.index(row, 0).data()) for row in range(model.rowCount())]
    return "\n".join(texts)


def model_values(model: CandidateListModel) -> list[str]:
    """What ``data()`` answers for every row, column and role a view or screen reader asks."""
    values = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)  # a list model has the one column
        for role in range(int(Qt.ItemDataRole.UserRole) + 32):
            value = model.data(index, role)
            if value is not None:
                values.append(str(value))
    return values


def receipt_forms(receipt: str) -> tuple[str, ...]:
    return (receipt, format_receipt(receipt), receipt.translate(FULL_WIDTH))


def without_receipts(text: str, receipts: dict[str, str]) -> str:
    """``text`` with receipt numbers blanked: their random digits may contain "5678"."""
    for receipt in receipts.values():
        for form in receipt_forms(receipt):
            text = text.replace(form, "<receipt>")
    return text


def misheard_variants(receipt: str) -> dict[str, str]:
    """One misheard digit and one swap of neighbours, each breaking the check digit."""
    variants: dict[str, str] = {}
    for i in range(8):
        for digit in "0123456789":
            wrong = receipt[:i] + digit + receipt[i + 1 :]
            if digit != receipt[i] and not damm_is_valid(wrong) and "substitution" not in variants:
                variants["substitution"] = wrong
    for i in range(7):
        swapped = receipt[:i] + receipt[i + 1] + receipt[i] + receipt[i + 2 :]
        if receipt[i] != receipt[i + 1] and not damm_is_valid(swapped):
            variants["swap"] = swapped
            break
    assert set(variants) == {"substitution", "swap"}
    return variants


# -- the receipt number ----------------------------------------------------------------------


def test_valid_number_shows_the_masked_visitor_and_f5_marks_attended(
    qtbot: QtBot, panel: VerificationPanel, operator: Session, booked: dict[str, str]
) -> None:
    receipt = booked["yamada"]
    # As typed from the phone: full-width digits, a long-vowel mark for the hyphen, spaces.
    check(qtbot, panel, f" {receipt[:4]}ー{receipt[4:]} ".translate(FULL_WIDTH))
    text = answer(panel)
    assert "10:00–10:30" in text
    assert "山田 ＊＊" in text and "ヤマダ ＊＊＊" in text
    assert "5678" in text and "1234" not in text
    assert "太郎" not in text and "タロウ" not in text
    assert child(panel, QWidget, "checkResult").property("tone") == "go"
    attend = child(panel, QPushButton, "attendButton")
    assert attend.isVisible() and attend.isEnabled()
    assert child(panel, QPushButton, "noShowButton").isVisible()
    assert not child(panel, QPushButton, "undoAttendanceButton").isVisible()
    assert focused() is child(panel, QLineEdit, "receiptEdit")  # ready for the next number

    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    assert status_of(operator, receipt) is Status.ATTENDED
    assert "attended" in answer(panel).lower()
    assert child(panel, QPushButton, "undoAttendanceButton").isVisible()
    assert not attend.isVisible()
    actions = audit_actions(operator)
    assert "verify-receipt" in actions and actions[-1] == "attend"
    with operator.store.unit_of_work(write=False) as uow:
        last = uow.audit_entries()[-1]
    assert YOTSUYA in last.target and format_receipt(receipt) in last.target


@pytest.mark.parametrize("mistake", ["substitution", "swap"])
def test_misheard_number_lists_time_and_masked_family_name_never_numbers(
    qtbot: QtBot,
    panel: VerificationPanel,
    operator: Session,
    booked: dict[str, str],
    mistake: str,
) -> None:
    receipt = booked["yamada"]
    typed = misheard_variants(receipt)[mistake]
    check(qtbot, panel, typed)
    assert "misheard" in answer(panel).lower()
    assert child(panel, QWidget, "checkResult").property("tone") == "ask"
    assert child(panel, QLabel, "receiptMessage").text() == ""  # an answer, not an error
    candidates = child(panel, QListView, "candidateList")
    assert candidates.isVisible()
    model = candidates.model()
    assert isinstance(model, CandidateListModel)
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "10:00–10:30   山田 ＊＊"
    values = model_values(model)
    for form in (*receipt_forms(receipt), typed, format_receipt(typed)):
        assert all(form not in value for value in values), form
        assert form not in shown_on_screen(panel)
    assert "verify-misheard" in audit_actions(operator)

    # The visitor says "ten o'clock": the operator chooses that booking and marks it.
    assert not child(panel, QPushButton, "attendButton").isEnabled()
    qtbot.keyClick(child(panel, QLineEdit, "receiptEdit"), Qt.Key.Key_Down)
    assert focused() is candidates and candidates.currentIndex().row() == 0
    qtbot.mouseClick(child(panel, QPushButton, "attendButton"), Qt.MouseButton.LeftButton)
    assert status_of(operator, receipt) is Status.ATTENDED


def test_number_of_another_center_says_where_without_personal_data(
    qtbot: QtBot, panel: VerificationPanel, booked: dict[str, str]
) -> None:
    check(qtbot, panel, booked["tanaka"])
    text = answer(panel)
    assert OKUBO in text and BASE_DAY.isoformat() in text and "10:00" in text
    assert child(panel, QWidget, "checkResult").property("tone") == "redirect"
    for personal in ("田中", "一郎", "タナカ", "イチロウ", "3333", "4444"):
        assert personal not in shown_on_screen(panel)
    assert not child(panel, QPushButton, "attendButton").isVisible()
    assert not child(panel, QPushButton, "revealButton").isVisible()


def test_cancelled_booking_is_said_plainly(
    qtbot: QtBot, panel: VerificationPanel, booked: dict[str, str]
) -> None:
    check(qtbot, panel, format_receipt(booked["cancelled"]))
    assert "cancelled" in answer(panel).lower()
    assert child(panel, QWidget, "checkResult").property("tone") == "stop"
    assert "高橋" not in shown_on_screen(panel)
    assert not child(panel, QPushButton, "attendButton").isVisible()


def test_never_issued_number_and_malformed_input(
    qtbot: QtBot, panel: VerificationPanel, booked: dict[str, str]
) -> None:
    never = next(
        receipt_from_payload(p)
        for p in range(1_000_000, 1_000_100)
        if receipt_from_payload(p) not in booked.values()
    )
    check(qtbot, panel, never)
    assert "never issued" in answer(panel).lower()
    assert child(panel, QWidget, "checkResult").property("tone") == "stop"

    check(qtbot, panel, "1234-567")
    message = child(panel, QLabel, "receiptMessage")
    assert "8 digits" in message.text()
    assert message.isVisible()
    assert QApplication.activeModalWidget() is None
    assert "never issued" not in answer(panel).lower()  # the old answer is gone


def test_already_attended_shows_undo_on_the_day(
    qtbot: QtBot, panel: VerificationPanel, operator: Session, booked: dict[str, str]
) -> None:
    receipt = booked["yamada"]
    VerificationService(operator).mark_attended(center_id(operator, YOTSUYA), BASE_DAY, receipt)
    check(qtbot, panel, receipt)
    assert "already marked attended" in answer(panel).lower()
    assert not child(panel, QPushButton, "attendButton").isVisible()
    undo = child(panel, QPushButton, "undoAttendanceButton")
    assert undo.isVisible()
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert status_of(operator, receipt) is Status.BOOKED
    assert "booked again" in answer(panel).lower()
    assert child(panel, QPushButton, "attendButton").isEnabled()


def test_attended_then_undone(
    qtbot: QtBot, panel: VerificationPanel, operator: Session, booked: dict[str, str]
) -> None:
    receipt = booked["suzuki"]
    check(qtbot, panel, receipt)
    qtbot.mouseClick(child(panel, QPushButton, "attendButton"), Qt.MouseButton.LeftButton)
    assert status_of(operator, receipt) is Status.ATTENDED
    qtbot.mouseClick(child(panel, QPushButton, "undoAttendanceButton"), Qt.MouseButton.LeftButton)
    assert status_of(operator, receipt) is Status.BOOKED
    assert audit_actions(operator)[-2:] == ["attend", "undo-attendance"]

    # A no-show is undone the same way.
    qtbot.mouseClick(child(panel, QPushButton, "noShowButton"), Qt.MouseButton.LeftButton)
    assert status_of(operator, receipt) is Status.NO_SHOW
    qtbot.mouseClick(child(panel, QPushButton, "undoAttendanceButton"), Qt.MouseButton.LeftButton)
    assert status_of(operator, receipt) is Status.BOOKED


def test_reveal_shows_the_full_name_audited_and_hides_on_the_next_check(
    qtbot: QtBot, panel: VerificationPanel, operator: Session, booked: dict[str, str]
) -> None:
    check(qtbot, panel, booked["yamada"])
    revealed = child(panel, QLabel, "revealedName")
    assert not revealed.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert revealed.isVisible()
    assert "山田 太郎" in revealed.text() and "ヤマダ タロウ" in revealed.text()
    assert audit_actions(operator)[-1] == "reveal"

    check(qtbot, panel, booked["suzuki"])
    assert not revealed.isVisible()
    assert "太郎" not in shown_on_screen(panel) and "ハナコ" not in shown_on_screen(panel)


# -- without the number ----------------------------------------------------------------------


def test_confirm_without_the_number_by_hiragana_and_last_4(
    qtbot: QtBot, panel: VerificationPanel, operator: Session, booked: dict[str, str]
) -> None:
    kana = child(panel, QLineEdit, "confirmKanaEdit")
    last4 = child(panel, QLineEdit, "confirmLast4Edit")
    result = child(panel, QLabel, "confirmResult")

    commit_text(kana, "すずき")
    commit_text(last4, "0000")
    qtbot.keyClick(last4, Qt.Key.Key_Return)
    assert "no match" in result.text().lower()
    assert not child(panel, QPushButton, "confirmAttendButton").isVisible()

    last4.clear()
    commit_text(last4, "２２２２")
    qtbot.keyClick(kana, Qt.Key.Key_Return)
    assert result.text() == "Matches one booking at this center today, 10:30."
    assert "鈴木" not in shown_on_screen(panel)
    attend = child(panel, QPushButton, "confirmAttendButton")
    assert attend.isVisible() and attend.isEnabled()
    qtbot.keyClick(last4, Qt.Key.Key_F5)
    assert status_of(operator, booked["suzuki"]) is Status.ATTENDED
    assert "attended" in answer(panel).lower()
    assert child(panel, QPushButton, "undoAttendanceButton").isVisible()
    assert audit_actions(operator)[-2:] == ["verify-confirm", "attend"]


def test_confirm_with_several_matches_lists_only_times(
    qtbot: QtBot,
    test_vault: TestVault,
    panel: VerificationPanel,
    operator: Session,
    booked: dict[str, str],
) -> None:
    # A second 山田 with the same phone, booked by the same family at 10:30.
    test_vault.clock.now = dt.datetime.combine(BASE_DAY, dt.time(9, 0), tzinfo=JST)
    hanako = BookingService(operator).book(
        test_vault.slot_ids["a0-1030"],
        CallerInput("山田", "花子", "ヤマダ", "ハナコ", "090-1234-5678"),
        allow_duplicate=True,
    )
    test_vault.clock.now = dt.datetime.combine(BASE_DAY, dt.time(10, 35), tzinfo=JST)
    commit_text(child(panel, QLineEdit, "confirmKanaEdit"), "やまだ")
    commit_text(child(panel, QLineEdit, "confirmLast4Edit"), "5678")
    qtbot.mouseClick(child(panel, QPushButton, "confirmButton"), Qt.MouseButton.LeftButton)
    result = child(panel, QLabel, "confirmResult").text()
    assert "several match" in result.lower() and "10:00, 10:30" in result
    times = child(panel, QListView, "confirmMatches")
    model = times.model()
    assert isinstance(model, CandidateListModel)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "10:00–10:30",
        "10:30–11:00",
    ]
    values = " ".join(model_values(model))
    for personal in ("山田", "＊", *receipt_forms(hanako.receipt)):
        assert personal not in values
    attend = child(panel, QPushButton, "confirmAttendButton")
    assert not attend.isEnabled()  # until the visitor says their time
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    assert status_of(operator, hanako.receipt) is Status.BOOKED

    times.setCurrentIndex(model.index(1, 0))
    assert attend.isEnabled()
    qtbot.keyClick(times, Qt.Key.Key_F5)
    assert status_of(operator, hanako.receipt) is Status.ATTENDED
    assert status_of(operator, booked["yamada"]) is Status.BOOKED


def test_lost_number_wider_search_by_kana_and_last_4(
    qtbot: QtBot, panel: VerificationPanel, operator: Session, booked: dict[str, str]
) -> None:
    group = child(panel, QGroupBox, "lostGroup")
    kana = child(panel, QLineEdit, "lostKanaEdit")
    assert not kana.isVisible()  # folded: the least-disclosure path comes first
    group.setChecked(True)
    assert kana.isVisible()

    qtbot.keyClick(kana, Qt.Key.Key_Return)
    assert "first kana" in child(panel, QLabel, "lostMessage").text()

    commit_text(kana, "やま")
    commit_text(child(panel, QLineEdit, "lostLast4Edit"), "5678")
    qtbot.keyClick(kana, Qt.Key.Key_Return)
    results = child(panel, QListView, "lostResults")
    model = results.model()
    assert isinstance(model, CandidateListModel)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "10:00–10:30   山田 ＊＊"
    ]
    for form in receipt_forms(booked["yamada"]):
        assert all(form not in value for value in model_values(model))
    attend = child(panel, QPushButton, "lostAttendButton")
    assert attend.isEnabled()  # the only result is chosen
    qtbot.mouseClick(attend, Qt.MouseButton.LeftButton)
    assert status_of(operator, booked["yamada"]) is Status.ATTENDED
    assert audit_actions(operator)[-2:] == ["verify-search", "attend"]


# -- the end of the day ----------------------------------------------------------------------


def test_end_of_day_marks_the_remaining_bookings_no_show_after_confirming_the_count(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    test_vault: TestVault,
    panel: VerificationPanel,
    operator: Session,
    booked: dict[str, str],
) -> None:
    check(qtbot, panel, booked["yamada"])
    qtbot.keyClick(focused(), Qt.Key.Key_F5)
    test_vault.clock.now = dt.datetime.combine(BASE_DAY, dt.time(11, 30), tzinfo=JST)
    questions: list[str] = []
    answers = [False, True]

    def confirm(text: str) -> bool:
        questions.append(text)
        return answers.pop(0)

    monkeypatch.setattr(panel, "_confirm", confirm)
    button = child(panel, QPushButton, "endOfDayButton")
    message = child(panel, QLabel, "endOfDayMessage")

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # declined: nothing changes
    assert status_of(operator, booked["suzuki"]) is Status.BOOKED
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(questions) == 2
    assert "1 remaining" in questions[0] and YOTSUYA in questions[0]
    assert status_of(operator, booked["suzuki"]) is Status.NO_SHOW
    assert status_of(operator, booked["yamada"]) is Status.ATTENDED
    assert status_of(operator, booked["tanaka"]) is Status.BOOKED  # another center
    assert message.text() == "1 booking(s) marked no-show."
    assert audit_actions(operator)[-1] == "end-of-day-no-show"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # nothing left: no question
    assert len(questions) == 2 and "nothing to mark" in message.text()


# -- privacy ---------------------------------------------------------------------------------


def test_lookups_write_no_personal_data_to_the_audit_trail(
    qtbot: QtBot, panel: VerificationPanel, operator: Session, booked: dict[str, str]
) -> None:
    check(qtbot, panel, booked["yamada"])
    check(qtbot, panel, misheard_variants(booked["suzuki"])["swap"])
    check(qtbot, panel, booked["tanaka"])
    commit_text(child(panel, QLineEdit, "confirmKanaEdit"), "やまだ")
    commit_text(child(panel, QLineEdit, "confirmLast4Edit"), "5678")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    child(panel, QGroupBox, "lostGroup").setChecked(True)
    commit_text(child(panel, QLineEdit, "lostKanaEdit"), "すず")
    commit_text(child(panel, QLineEdit, "lostLast4Edit"), "2222")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    with operator.store.unit_of_work(write=False) as uow:
        entries = [e for e in uow.audit_entries() if e.action.startswith("verify")]
    assert {e.action for e in entries} == {
        "verify-receipt",
        "verify-misheard",
        "verify-confirm",
        "verify-search",
    }
    text = without_receipts(" ".join(f"{e.target} {e.result}" for e in entries), booked)
    for personal in PERSONAL:
        assert personal not in text, personal
    assert YOTSUYA in text


def test_candidate_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = CandidateListModel()
    model.set_candidates(
        [
            Candidate("12345678", dt.time(10), dt.time(10, 30), Status.BOOKED, "山田 ＊＊"),
            Candidate("87654321", dt.time(10, 30), dt.time(11), Status.BOOKED, " "),
        ]
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.index(1, 0).data() == "10:30–11:00   (erased)"
    assert all("1234" not in v and "8765" not in v for v in model_values(model))


# -- center, day, keyboard -------------------------------------------------------------------


def test_calling_center_is_remembered_and_the_day_defaults_to_today(
    qtbot: QtBot, panel: VerificationPanel, operator: Session, settings: QSettings
) -> None:
    combo = child(panel, QComboBox, "callingCenter")
    day = child(panel, QDateEdit, "verificationDay")
    working = child(panel, QLabel, "workingOnLabel")
    assert day.date() == QDate(BASE_DAY.year, BASE_DAY.month, BASE_DAY.day)
    weekday = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[BASE_DAY.weekday()]
    assert working.text() == f"Working on: {YOTSUYA}, {BASE_DAY.isoformat()} ({weekday})"
    assert settings.value(SETTINGS_KEY) is None  # nothing written until the operator chooses

    combo.setCurrentIndex(combo.findText(OKUBO))
    assert str(settings.value(SETTINGS_KEY)) == str(center_id(operator, OKUBO))
    assert OKUBO in working.text()
    later = BASE_DAY + dt.timedelta(days=1)
    day.setDate(QDate(later.year, later.month, later.day))
    assert later.isoformat() in working.text() and "not today" in working.text()
    qtbot.mouseClick(child(panel, QPushButton, "todayButton"), Qt.MouseButton.LeftButton)
    assert day.date() == QDate(BASE_DAY.year, BASE_DAY.month, BASE_DAY.day)

    again = VerificationPanel(operator, settings)
    qtbot.addWidget(again)
    assert child(again, QComboBox, "callingCenter").currentText() == OKUBO


def test_keyboard_order_and_accessible_names(qtbot: QtBot, panel: VerificationPanel) -> None:
    child(panel, QComboBox, "callingCenter").setFocus()
    expected = [
        "callingCenter",
        "verificationDay",
        "receiptEdit",
        "confirmKanaEdit",
        "confirmLast4Edit",
        "confirmButton",
    ]
    seen = [focused().objectName()]
    for _ in expected[1:]:
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        seen.append(focused().objectName())
    assert seen == expected

    interactive = (QLineEdit, QComboBox, QAbstractButton, QAbstractItemView, QDateEdit)
    for widget in panel.findChildren(QWidget):
        if not isinstance(widget, interactive) or widget.objectName().startswith("qt_"):
            continue
        if widget.window() is not panel or isinstance(
            widget.parent(), (QDateEdit, QComboBox, QLineEdit, QAbstractItemView)
        ):
            continue  # Qt's own inner parts (popups, editors, clear buttons)
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()


def test_roster_button_follows_the_roster_module(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    panel: VerificationPanel,
) -> None:
    button = child(panel, QPushButton, "rosterButton")
    if importlib.util.find_spec("reservations.roster") is None:
        assert button.isHidden()
        assert panel.print_roster() is None
        return
    assert button.isVisible()
    message = child(panel, QLabel, "rosterMessage")
    chosen = [tmp_path / "roster"]
    monkeypatch.setattr(panel, "_ask_roster_path", lambda: chosen[0])
    saved = panel.print_roster()
    assert saved == tmp_path / "roster.pdf" and saved.exists()
    assert "roster.pdf" in message.text()
    first = saved.read_bytes()

    # ".pdf" added here was never asked about in the save dialog: the file is kept.
    assert panel.print_roster() is None
    assert saved.read_bytes() == first and "roster.pdf" in message.text()
    assert "saved" not in message.text().lower()
    # A .pdf the operator chose in the dialog (which asked before replacing) is replaced.
    chosen[0] = saved
    assert panel.print_roster() == saved
    assert "saved" in message.text().lower()
    assert QApplication.activeModalWidget() is None


# -- in the main window ----------------------------------------------------------------------


def test_main_window_has_the_tab_and_ctrl_3_shows_it(qtbot: QtBot, main_window: MainWindow) -> None:
    tabs = main_window.tabs
    assert tabs.count() >= 3 and tabs.tabText(2) == "&Verification line"
    assert isinstance(tabs.widget(2), VerificationPanel)
    qtbot.keyClick(main_window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 2
    assert focused() is child(main_window, QLineEdit, "receiptEdit")
    qtbot.keyClick(main_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 0
