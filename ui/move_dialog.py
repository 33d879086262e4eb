"""The dialog for moving a booking to another slot: a slot picker preset to the booking's own
center and day, and a reminder that the receipt number stays the same.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from reservations.domain import Reservation, Slot
from reservations.session import Session
from ui.models import ObjectRole
from ui.slot_picker import SlotPicker


class MoveDialog(QDialog):
    """Choose the new slot for ``reservation``; ``chosen_slot()`` after ``accept()``.

    OK ("Move") stays disabled until a bookable slot other than the current one is selected;
    it is the default button, so Enter confirms the move once a slot is chosen.
    """

    def __init__(
        self, session: Session, reservation: Reservation, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("moveDialog")
        self._reservation = reservation
        self._chosen: Slot | None = None
        self.setWindowTitle(
            self.tr("Move booking {receipt}").format(receipt=reservation.receipt_display)
        )

        self.current_label = QLabel(
            self.tr(
                "Now: {center}, {date} {start}–{end}.\n"
                "The receipt number {receipt} stays the same after the move; tell the caller."
            ).format(
                center=reservation.center,
                date=reservation.date.isoformat(),
                start=f"{reservation.start:%H:%M}",
                end=f"{reservation.end:%H:%M}",
                receipt=reservation.receipt_display,
            )
        )
        self.current_label.setObjectName("moveCurrent")
        self.current_label.setWordWrap(True)

        self.picker = SlotPicker(session, self)
        self.picker.setObjectName("moveSlotPicker")
        self.picker.setAccessibleName(self.tr("New slot"))

        self.target_label = QLabel()
        self.target_label.setObjectName("moveTarget")
        self.target_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("moveButtons")
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("moveOkButton")
        self.ok_button.setText(self.tr("&Move"))
        self.ok_button.setAccessibleName(self.tr("Move to the chosen slot"))
        self.ok_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("moveCancelButton")
        cancel.setAccessibleName(self.tr("Keep the booking where it is"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.current_label)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.target_label)
        layout.addWidget(self.buttons)

        self.picker.slot_changed.connect(self._on_slot_changed)
        self._preselect()
        self._on_slot_changed(self.picker.selected_slot())
        self.resize(900, 420)

    def _preselect(self) -> None:
        model = self.picker.center_model
        for row in range(model.rowCount()):
            center = model.index(row).data(ObjectRole)
            if center is not None and center.name == self._reservation.center:
                self.picker.select_center(center.center_id)
                break
        self.picker.select_day(self._reservation.date)

    def chosen_slot(self) -> Slot | None:
        """The slot chosen when the dialog was accepted, else ``None``."""
        return self._chosen

    def _usable(self, slot: Slot | None) -> bool:
        return slot is not None and slot.id != self._reservation.slot_id

    def _on_slot_changed(self, slot: Slot | None) -> None:
        usable = self._usable(slot)
        self.ok_button.setEnabled(usable)
        if slot is None:
            self.target_label.setText(self.tr("Choose a center, a day and a time."))
        elif not usable:
            self.target_label.setText(self.tr("That is the booking's current slot."))
        else:
            self.target_label.setText(
                self.tr("Move to: {center}, {date} {start}–{end}").format(
                    center=slot.center,
                    date=slot.date.isoformat(),
                    start=f"{slot.start:%H:%M}",
                    end=f"{slot.end:%H:%M}",
                )
            )

    def accept(self) -> None:
        slot = self.picker.selected_slot()
        if not self._usable(slot):
            return
        self._chosen = slot
        super().accept()
