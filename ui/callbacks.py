"""The operators' call-back list: bookings whose slot was closed, one button per outcome.

Everything goes through ``SlotPlanningService``: it checks that a "rebooked" booking really
sits in an open slot, cancels through the booking desk's rules, and refuses a second outcome.
"Rebook…" opens the same move dialog as the search panel and records the outcome after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reservations import errors
from reservations.domain import Slot
from reservations.session import Session
from reservations.slot_planning import Callback, Outcome, SlotPlanningService
from ui.dialogs import ask_yes_no
from ui.i18n import error_text
from ui.models import ItemTableModel
from ui.move_dialog import MoveDialog

Index = QModelIndex | QPersistentModelIndex
_GREY = QBrush(QColor("#777777"))
_UNREACHABLE = QBrush(QColor("#fff4d6"))


class CallbackTableModel(ItemTableModel[Callback]):
    """Call-backs: number, receipt, name, kana, phone, original slot, reason, outcome."""

    NUMBER, RECEIPT, NAME, KANA, PHONE, SLOT, REASON, OUTCOME = range(8)

    def set_callbacks(self, callbacks: Sequence[Callback]) -> None:
        self.set_items(callbacks)

    def callbacks(self) -> list[Callback]:
        return self.items()

    def callback_at(self, row: int) -> Callback | None:
        return self.item_at(row)

    def row_of(self, callback_id: int) -> int:
        for row, callback in enumerate(self._rows):
            if callback.id == callback_id:
                return row
        return -1

    def outcome_text(self, outcome: Outcome) -> str:
        return {
            Outcome.PENDING: self.tr("To call"),
            Outcome.REBOOKED: self.tr("Rebooked"),
            Outcome.CANCELLED: self.tr("Cancelled"),
            Outcome.UNREACHABLE: self.tr("Unreachable, call again"),
            Outcome.KEPT: self.tr("Kept (slot reopened)"),
        }[outcome]

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("No."),
            self.tr("Receipt"),
            self.tr("Name"),
            self.tr("Kana"),
            self.tr("Phone"),
            self.tr("Original slot"),
            self.tr("Reason"),
            self.tr("Outcome"),
        )

    def display_of(self, c: Callback) -> tuple[str, ...]:
        erased = self.tr("(erased)")
        r = c.reservation
        return (
            str(c.id),
            c.receipt_display,
            r.name if r.name is not None else erased,
            r.kana if r.kana is not None else erased,
            c.phone_national or erased,
            c.original_slot_text,
            c.reason,
            self.outcome_text(c.outcome),
        )

    def extra_data(self, c: Callback, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == self.OUTCOME and c.history:
            return c.history
        if role == Qt.ItemDataRole.ForegroundRole and not c.outcome.is_open:
            return _GREY
        if role == Qt.ItemDataRole.BackgroundRole and c.outcome is Outcome.UNREACHABLE:
            return _UNREACHABLE
        return None


def configure_callback_view(view: QTableView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(CallbackTableModel.REASON, QHeaderView.ResizeMode.Stretch)


class CallbackPanel(QWidget):
    """Pending call-backs for operators, with a button per outcome.

    Signals:
        outcome_recorded(int): the id of the call-back whose outcome was just saved.
    """

    outcome_recorded = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callbackPanel")
        self._session = session
        self._service = SlotPlanningService(session)
        self._loaded = False

        intro = QLabel(
            self.tr(
                "These bookings are in slots that were closed. Call each person, offer another "
                "slot, and record what they chose. Unreachable ones stay on the list."
            )
        )
        intro.setObjectName("callbackIntro")
        intro.setWordWrap(True)

        self.show_all = QCheckBox(self.tr("Show &finished call-backs too"))
        self.show_all.setObjectName("callbackShowAll")
        self.show_all.setAccessibleName(self.tr("Show finished call-backs too"))
        self.show_all.toggled.connect(lambda _on: self.refresh())
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setObjectName("callbackRefreshButton")
        self.refresh_button.setAccessibleName(self.tr("Refresh the call-back list"))
        self.refresh_button.clicked.connect(self.refresh)

        self.model = CallbackTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("callbackTable")
        self.table.setAccessibleName(self.tr("Call-backs"))
        self.table.setModel(self.model)
        configure_callback_view(self.table)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("callbackNoteEdit")
        self.note_edit.setAccessibleName(self.tr("Note on the call"))
        self.note_edit.setPlaceholderText(self.tr("Note on the call (optional)"))
        note_label = QLabel(self.tr("&Note"))
        note_label.setBuddy(self.note_edit)

        self.rebook_button = self._button(
            "callbackRebookButton", self.tr("Re&book…"), self.tr("Move the booking, then record")
        )
        self.rebook_button.clicked.connect(self.rebook)
        self.cancelled_button = self._button(
            "callbackCancelledButton", self.tr("&Cancelled"), self.tr("Cancel the booking")
        )
        self.cancelled_button.clicked.connect(lambda: self.record(Outcome.CANCELLED))
        self.unreachable_button = self._button(
            "callbackUnreachableButton", self.tr("&Unreachable"), self.tr("No answer; call again")
        )
        self.unreachable_button.clicked.connect(lambda: self.record(Outcome.UNREACHABLE))
        self.kept_button = self._button(
            "callbackKeptButton",
            self.tr("&Kept (slot reopened)"),
            self.tr("The slot was reopened; the booking stays"),
        )
        self.kept_button.clicked.connect(lambda: self.record(Outcome.KEPT))

        self.message = QLabel()
        self.message.setObjectName("callbackMessage")
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.show_all)
        top.addWidget(self.refresh_button)
        note_row = QHBoxLayout()
        note_row.addWidget(note_label)
        note_row.addWidget(self.note_edit, 1)
        buttons = QHBoxLayout()
        for button in (
            self.rebook_button,
            self.cancelled_button,
            self.unreachable_button,
            self.kept_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(note_row)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._update_buttons()

    def _button(self, name: str, text: str, accessible: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setToolTip(accessible)
        return button

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # Read (and audit) the names only when someone looks at the list.
        if not self._loaded:
            self.refresh()

    # -- state ---------------------------------------------------------------------------------

    def selected(self) -> Callback | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.callback_at(rows[0].row()) if rows else None

    def select(self, callback_id: int) -> None:
        row = self.model.row_of(callback_id)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        usable = chosen is not None and chosen.outcome.is_open
        for button in (
            self.rebook_button,
            self.cancelled_button,
            self.unreachable_button,
            self.kept_button,
        ):
            button.setEnabled(usable)

    def refresh(self) -> None:
        """Read the call-backs again (an audited read of names and phones)."""
        chosen = self.selected()
        try:
            found = self._service.callbacks(open_only=not self.show_all.isChecked())
        except errors.ReservationError as exc:
            self.message.setText(error_text(exc))
            return
        self._loaded = True
        self.model.set_callbacks(found)
        if chosen is not None:
            self.select(chosen.id)
        if not found:
            self.message.setText(self.tr("No one to call back."))
        self._update_buttons()

    # -- outcomes ------------------------------------------------------------------------------

    def record(self, outcome: Outcome) -> Callback | None:
        chosen = self.selected()
        if chosen is None:
            return None
        if outcome is Outcome.CANCELLED and not self._confirm(
            self.tr(
                "Cancel booking {receipt}? The seat is freed and this cannot be undone here."
            ).format(receipt=chosen.receipt_display)
        ):
            return None
        try:
            done = self._service.record_outcome(chosen.id, outcome, self.note_edit.text())
        except errors.ReservationError as exc:
            self.message.setText(self._problem(exc))
            return None
        self._done(done)
        return done

    def rebook(self) -> Callback | None:
        chosen = self.selected()
        if chosen is None:
            return None
        slot = self._choose_slot(chosen)
        if slot is None:
            return None
        try:
            done = self._service.rebook(chosen.id, slot.id, self.note_edit.text())
        except errors.ReservationError as exc:
            self.message.setText(self._problem(exc))
            return None
        self._done(done)
        return done

    def _done(self, done: Callback) -> None:
        self.note_edit.clear()
        self.message.setText(
            self.tr("Call-back {number} ({receipt}): {outcome}.").format(
                number=done.id,
                receipt=done.receipt_display,
                outcome=self.model.outcome_text(done.outcome),
            )
        )
        self.outcome_recorded.emit(done.id)
        self.refresh()

    def _problem(self, exc: errors.ReservationError) -> str:
        if isinstance(exc, errors.Conflict) and "still in the closed slot" in exc.message:
            return self.tr("The booking is still in the closed slot: use Rebook… to move it.")
        if isinstance(exc, errors.Conflict) and "still closed" in exc.message:
            return self.tr("Its slot is still closed: rebook the person, or ask a supervisor.")
        if isinstance(exc, errors.Conflict) and "already recorded" in exc.message:
            return self.tr("Someone has already recorded this call-back; refresh the list.")
        if isinstance(exc, errors.Conflict) and "no longer in its original" in exc.message:
            return self.tr("The booking was moved meanwhile; record Rebooked or Cancelled.")
        return error_text(exc)

    # -- dialogs (overridable, so tests need not run a modal loop) -----------------------------

    def _confirm(self, text: str) -> bool:
        return ask_yes_no(self, self.tr("Please confirm"), text, default_yes=False)

    def _choose_slot(self, callback: Callback) -> Slot | None:
        dialog = MoveDialog(self._session, callback.reservation, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.chosen_slot()
        finally:
            dialog.deleteLater()
