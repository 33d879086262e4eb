"""The booking desk: the operator takes a call, picks a slot, types the caller, books.

Keyboard path of a call: centers -> calendar (arrows: day/week) -> slots -> family name ->
given name -> family kana -> given kana -> phone -> note, Ctrl+Enter books (one
confirmation), the result panel shows the receipt number to read back; Ctrl+Shift+N books
a second person on the same call, Ctrl+N starts the next call.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reservations import errors
from reservations.booking import BookingService, CallerInput
from reservations.domain import Reservation, Slot
from reservations.normalize import (
    normalize_kana_part,
    normalize_name_part,
    normalize_note,
    normalize_phone,
    phone_digits,
)
from reservations.readback import WHAT_TO_BRING_JA, readback_ja
from reservations.session import Session
from ui.dialogs import ask_yes_no
from ui.i18n import error_text, field_error_text
from ui.slot_picker import SlotPicker

_ERROR_STYLE = "color: #b00020;"
# Phone numbers in Japan have 10 or 11 digits: judge the phone only once it could be whole.
_PHONE_MIN_DIGITS = 10


class CallerField(QWidget):
    """A line edit with its error label underneath (errors never pop up)."""

    def __init__(self, name: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        self.edit.setAccessibleName(label)
        self.error = QLabel()
        self.error.setObjectName(f"{name}Error")
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)

    def text(self) -> str:
        return self.edit.text()

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.edit.setProperty("invalid", bool(message))

    def mark_required(self) -> None:
        self.set_error(self.tr("Required."))


class BookingDesk(QWidget):
    """Slot picker, caller form, duplicate warning and the result panel.

    Signals:
        reservation_booked(str): a booking was made (its receipt number).
        change_booking_requested(str): the operator chose to change an existing booking
            (its receipt number) instead of booking again.
        status_message(str): a line for the status bar.
    """

    reservation_booked = Signal(str)
    change_booking_requested = Signal(str)
    status_message = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookingDesk")
        self._session = session
        self._service = BookingService(session)
        self._allow_duplicate = False
        self._companion_of: str | None = None
        self._last_booked: Reservation | None = None
        self._duplicate_key: tuple[str, ...] | None = None
        self._duplicate_receipt: str | None = None

        self.picker = SlotPicker(session)
        self.picker.slot_changed.connect(self._on_slot_changed)

        form = QGroupBox(self.tr("Caller"))
        grid = QGridLayout(form)
        self.family_name = CallerField("familyNameEdit", self.tr("Family name"))
        self.given_name = CallerField("givenNameEdit", self.tr("Given name"))
        self.family_kana = CallerField("familyKanaEdit", self.tr("Family name (kana)"))
        self.given_kana = CallerField("givenKanaEdit", self.tr("Given name (kana)"))
        self.phone = CallerField("phoneEdit", self.tr("Phone"))
        self.note = CallerField("noteEdit", self.tr("Note"))
        self.phone.edit.setPlaceholderText(self.tr("e.g. 090-1234-5678"))
        self.family_kana.edit.setPlaceholderText(self.tr("hiragana or katakana"))
        self.given_kana.edit.setPlaceholderText(self.tr("hiragana or katakana"))
        rows = (
            (self.tr("Family &name"), self.family_name, self.tr("&Given name"), self.given_name),
            (self.tr("Family &kana"), self.family_kana, self.tr("G&iven kana"), self.given_kana),
        )
        for row, (label_a, field_a, label_b, field_b) in enumerate(rows):
            grid.addWidget(self._label(label_a, field_a), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(field_a, row, 1)
            grid.addWidget(self._label(label_b, field_b), row, 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(field_b, row, 3)
        grid.addWidget(self._label(self.tr("&Phone"), self.phone), 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.phone, 2, 1)
        grid.addWidget(self._label(self.tr("No&te"), self.note), 2, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.note, 2, 3)

        self.slot_summary = QLabel()
        self.slot_summary.setObjectName("slotSummary")
        self.message = QLabel()
        self.message.setObjectName("bookingMessage")
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.setWordWrap(True)

        # Inline duplicate warning with the two choices an operator has.
        self.duplicate_panel = QFrame()
        self.duplicate_panel.setObjectName("duplicatePanel")
        self.duplicate_panel.setStyleSheet(
            "#duplicatePanel { background: #fff4e5; border: 1px solid #e0a040; }"
        )
        self.duplicate_label = QLabel()
        self.duplicate_label.setObjectName("duplicateLabel")
        self.duplicate_label.setWordWrap(True)
        self.change_instead_button = QPushButton(self.tr("Change that booking instead"))
        self.change_instead_button.setObjectName("changeInsteadButton")
        self.book_anyway_button = QPushButton(self.tr("Book anyway"))
        self.book_anyway_button.setObjectName("bookAnywayButton")
        dup_layout = QHBoxLayout(self.duplicate_panel)
        dup_layout.addWidget(self.duplicate_label, 1)
        dup_layout.addWidget(self.change_instead_button)
        dup_layout.addWidget(self.book_anyway_button)
        self.duplicate_panel.hide()

        self.book_button = QPushButton(self.tr("Book (Ctrl+Enter)"))
        self.book_button.setObjectName("bookButton")
        self.new_call_button = QPushButton(self.tr("New call (Ctrl+N)"))
        self.new_call_button.setObjectName("newCallButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.slot_summary, 1)
        buttons.addWidget(self.new_call_button)
        buttons.addWidget(self.book_button)

        # The result: the receipt number very large, and what to read back.
        self.result_panel = QGroupBox(self.tr("Booked — read this back to the caller"))
        self.result_panel.setObjectName("resultPanel")
        self.receipt_label = QLabel()
        self.receipt_label.setObjectName("receiptLabel")
        big = QFont()
        big.setPointSize(36)
        big.setBold(True)
        big.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4)
        self.receipt_label.setFont(big)
        self.receipt_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readback_label = QLabel()
        self.readback_label.setObjectName("readbackLabel")
        self.readback_label.setWordWrap(True)
        readback_font = QFont()
        readback_font.setPointSize(13)
        self.readback_label.setFont(readback_font)
        self.bring_label = QLabel(WHAT_TO_BRING_JA)
        self.bring_label.setObjectName("bringLabel")
        self.bring_label.setWordWrap(True)
        self.companion_button = QPushButton(self.tr("Book a companion on this call (Ctrl+Shift+N)"))
        self.companion_button.setObjectName("companionButton")
        self.next_call_button = QPushButton(self.tr("Next call (Ctrl+N)"))
        self.next_call_button.setObjectName("nextCallButton")
        result_layout = QVBoxLayout(self.result_panel)
        result_layout.addWidget(self.receipt_label, 0, Qt.AlignmentFlag.AlignHCenter)
        result_layout.addWidget(self.readback_label)
        result_layout.addWidget(self.bring_label)
        result_buttons = QHBoxLayout()
        result_buttons.addWidget(self.companion_button)
        result_buttons.addStretch(1)
        result_buttons.addWidget(self.next_call_button)
        result_layout.addLayout(result_buttons)
        self.result_panel.hide()

        # The result sits beside the form, so showing it never makes the window taller.
        call = QVBoxLayout()
        call.addWidget(form)
        call.addWidget(self.duplicate_panel)
        call.addWidget(self.message)
        call.addLayout(buttons)
        call.addStretch(1)
        lower = QHBoxLayout()
        lower.addLayout(call, 3)
        lower.addWidget(self.result_panel, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 5)
        layout.addLayout(lower)

        for button in (
            self.change_instead_button,
            self.book_anyway_button,
            self.book_button,
            self.new_call_button,
            self.companion_button,
            self.next_call_button,
        ):
            button.setAccessibleName(button.text())

        self._fields = (
            self.family_name,
            self.given_name,
            self.family_kana,
            self.given_kana,
            self.phone,
            self.note,
        )
        order: list[QWidget] = [self.picker.centers, self.picker.calendar, self.picker.slots]
        order += [f.edit for f in self._fields] + [self.book_button, self.new_call_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self._duplicate_timer = QTimer(self)
        self._duplicate_timer.setSingleShot(True)
        self._duplicate_timer.setInterval(400)
        self._duplicate_timer.timeout.connect(self.check_duplicates)
        for field in self._fields:
            field.edit.textChanged.connect(self._validate_live)
            field.edit.textChanged.connect(lambda *_: self._duplicate_timer.start())
        self.change_instead_button.clicked.connect(self._change_instead)
        self.book_anyway_button.clicked.connect(self._book_anyway)
        self.book_button.clicked.connect(self.book)
        self.new_call_button.clicked.connect(self.new_call)
        self.next_call_button.clicked.connect(self.new_call)
        self.companion_button.clicked.connect(self.companion)

        for keys, slot in (
            ("Ctrl+Return", self.book),
            ("Ctrl+Enter", self.book),
            ("Ctrl+N", self.new_call),
            ("Ctrl+Shift+N", self.companion),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._on_slot_changed(None)

    @staticmethod
    def _label(text: str, field: CallerField) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field.edit)
        return label

    # -- the form ------------------------------------------------------------------------------

    def caller_input(self) -> CallerInput:
        return CallerInput(
            self.family_name.text(),
            self.given_name.text(),
            self.family_kana.text(),
            self.given_kana.text(),
            self.phone.text(),
        )

    def _validate_live(self) -> None:
        """Judge each field as it is typed; an empty field is not an error until booking."""
        self._check_field(self.family_name, lambda t: normalize_name_part(t, "family name"))
        self._check_field(self.given_name, lambda t: normalize_name_part(t, "given name"))
        self._check_field(
            self.family_kana, lambda t: normalize_kana_part(t, "family name reading (kana)")
        )
        self._check_field(
            self.given_kana, lambda t: normalize_kana_part(t, "given name reading (kana)")
        )
        self._check_field(self.phone, self._phone_when_complete)
        self._check_field(self.note, normalize_note)
        self.message.clear()

    @staticmethod
    def _phone_when_complete(text: str) -> str:
        digits = phone_digits(text)
        if len(digits.lstrip("+")) < _PHONE_MIN_DIGITS:
            return digits
        return normalize_phone(text)

    @staticmethod
    def _check_field(field: CallerField, check: object, *, required: bool = False) -> bool:
        text = field.text()
        if not text.strip():
            if required:
                field.mark_required()
            else:
                field.set_error("")
            return not required
        try:
            check(text)  # type: ignore[operator]
        except errors.InvalidInput as exc:
            field.set_error(field_error_text(exc))
            return False
        field.set_error("")
        return True

    def _validate_all(self) -> bool:
        results = [
            self._check_field(
                self.family_name, lambda t: normalize_name_part(t, "family name"), required=True
            ),
            self._check_field(
                self.given_name, lambda t: normalize_name_part(t, "given name"), required=True
            ),
            self._check_field(
                self.family_kana,
                lambda t: normalize_kana_part(t, "family name reading (kana)"),
                required=True,
            ),
            self._check_field(
                self.given_kana,
                lambda t: normalize_kana_part(t, "given name reading (kana)"),
                required=True,
            ),
            self._check_field(self.phone, normalize_phone, required=True),
            self._check_field(self.note, normalize_note),
        ]
        for ok, field in zip(results, self._fields, strict=True):
            if not ok:
                field.edit.setFocus()
                return False
        return True

    # -- duplicates ----------------------------------------------------------------------------

    def check_duplicates(self) -> None:
        """Look for an active booking with this phone or this name and kana (audited)."""
        caller = self.caller_input()
        key = tuple(getattr(caller, f).strip() for f in caller.__dataclass_fields__)
        if key == self._duplicate_key:
            return
        self._duplicate_key = key
        try:
            found = self._service.duplicates_of(caller)
        except errors.InvalidInput:
            found = []
        except errors.ReservationError as exc:
            self.message.setText(error_text(exc))
            return
        if self._companion_of is not None and self._last_booked is not None:
            found = [
                r
                for r in found
                if r.phone != self._last_booked.phone or r.name == self._caller_name()
            ]
        if not found or self._allow_duplicate:
            self.duplicate_panel.hide()
            self._duplicate_receipt = None
            return
        existing = found[0]
        self._duplicate_receipt = existing.receipt_display
        self.duplicate_label.setText(
            self.tr(
                "This caller may already be booked: {center} {date} ({weekday}) {time}, "
                "receipt number {receipt}."
            ).format(
                center=existing.center,
                date=existing.date.isoformat(),
                weekday=self._weekday(existing),
                time=f"{existing.start:%H:%M}",
                receipt=existing.receipt_display,
            )
        )
        self.duplicate_panel.show()

    def _same_name(self, r: Reservation) -> bool:
        try:
            typed = (
                normalize_name_part(self.family_name.text(), "family name"),
                normalize_name_part(self.given_name.text(), "given name"),
            )
        except errors.InvalidInput:
            return False
        return typed == (r.family_name, r.given_name)

    def _caller_name(self) -> str:
        return f"{self.family_name.text().strip()} {self.given_name.text().strip()}"

    def _weekday(self, reservation: Reservation) -> str:
        names = (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
                 self.tr("Fri"), self.tr("Sat"), self.tr("Sun"))  # fmt: skip
        return names[reservation.date.weekday()]

    def _change_instead(self) -> None:
        if self._duplicate_receipt:
            self.change_booking_requested.emit(self._duplicate_receipt)

    def _book_anyway(self) -> None:
        self._allow_duplicate = True
        self.duplicate_panel.hide()
        self.status_message.emit(self.tr("Duplicate accepted: the booking will be made anyway."))
        self.book_button.setFocus()

    # -- booking -------------------------------------------------------------------------------

    def _on_slot_changed(self, slot: Slot | None) -> None:
        if slot is None:
            self.slot_summary.setText(self.tr("Choose a slot."))
        else:
            self.slot_summary.setText(
                self.tr("{center} {date} {time}: {left} seats left").format(
                    center=slot.center,
                    date=slot.date.isoformat(),
                    time=f"{slot.start:%H:%M}",
                    left=slot.available,
                )
            )

    def confirm(self, text: str) -> bool:
        """One confirmation before anything is saved (tests replace this)."""
        return ask_yes_no(self, self.tr("Book"), text)

    def book(self) -> Reservation | None:
        """Validate, confirm once, book; show the receipt number or say what is wrong."""
        self.message.clear()
        slot = self.picker.selected_slot()
        if slot is None:
            self.message.setText(self.tr("Choose a slot first."))
            self.picker.slots.setFocus()
            return None
        if not self._validate_all():
            return None
        self.check_duplicates()
        if self.duplicate_panel.isVisible():
            self.message.setText(
                self.tr("Decide about the possible duplicate first (change it, or book anyway).")
            )
            self.change_instead_button.setFocus()
            return None
        question = self.tr("Book {name} into {center} {date} {time}?").format(
            name=self._caller_name(),
            center=slot.center,
            date=slot.date.isoformat(),
            time=f"{slot.start:%H:%M}",
        )
        if not self.confirm(question):
            return None
        try:
            booked = self._service.book(
                slot.id,
                self.caller_input(),
                note=self.note.text() or None,
                allow_duplicate=self._allow_duplicate,
                companion_of=self._companion_of,
            )
        except (errors.SlotFull, errors.SlotClosed, errors.SlotInPast) as exc:
            # Another window or process took the last seat: nothing was saved; show the
            # day as it is now.
            self.message.setText(error_text(exc))
            self.picker.refresh()
            return None
        except errors.DuplicateBooking:
            self._duplicate_key = None
            self.check_duplicates()
            return None
        except errors.ReservationError as exc:
            self.message.setText(error_text(exc))
            return None
        self._show_result(booked)
        self.picker.refresh()
        self.reservation_booked.emit(booked.receipt_display)
        return booked

    def _show_result(self, booked: Reservation) -> None:
        self._last_booked = booked
        self.receipt_label.setText(booked.receipt_display)
        self.receipt_label.setAccessibleName(self.tr("Receipt number"))
        self.readback_label.setText(readback_ja(booked))
        self.result_panel.show()
        self.status_message.emit(
            self.tr("Booked {receipt} ({center} {date} {time}).").format(
                receipt=booked.receipt_display,
                center=booked.center,
                date=booked.date.isoformat(),
                time=f"{booked.start:%H:%M}",
            )
        )
        self.next_call_button.setFocus()

    def new_call(self) -> None:
        """Clear the caller and the result for the next call; keep center and day."""
        for field in self._fields:
            field.edit.clear()
            field.set_error("")
        self._reset_call_state()
        self._companion_of = None
        self._last_booked = None
        self.result_panel.hide()
        self.picker.slots.setFocus()

    def companion(self) -> None:
        """A second person on the same call: same phone, same (or the next free) slot."""
        if self._last_booked is None:
            return
        first = self._last_booked
        # A spouse or parent usually shares the family name; the operator overwrites it if not.
        for field in (self.given_name, self.given_kana, self.note):
            field.edit.clear()
            field.set_error("")
        self._reset_call_state()
        self._companion_of = first.receipt_display
        self._last_booked = first
        self.result_panel.hide()
        self.picker.refresh()
        if not self.picker.select_slot(first.slot_id):
            self._select_next_bookable(first)
        self.status_message.emit(
            self.tr("Companion of {receipt}: same phone; type the second person's name.").format(
                receipt=first.receipt_display
            )
        )
        self.given_name.edit.setFocus()

    def _select_next_bookable(self, first: Reservation) -> None:
        model = self.picker.slot_model
        for row in range(model.rowCount()):
            slot = model.slot_at(row)
            if slot is not None and slot.start > first.start and model.bookable(slot):
                self.picker.select_slot(slot.id)
                return

    def _reset_call_state(self) -> None:
        self._allow_duplicate = False
        self._duplicate_key = None
        self._duplicate_receipt = None
        self.duplicate_panel.hide()
        self.message.clear()
