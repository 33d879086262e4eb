"""Qt item models over the services' results: centers, a day's slots, reservations.

Models hold domain objects and expose them through named columns and roles; they never
touch the database themselves (the reservation model asks a fetch callback for pages).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from reservations.domain import Reservation, Slot, Status
from reservations.normalize import format_phone_national
from reservations.slots import CenterAvailability
from ui.i18n import status_text

ObjectRole = Qt.ItemDataRole.UserRole + 1
T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex


class CenterListModel(QAbstractListModel):
    """Centers with seats left today and this week."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._centers: list[CenterAvailability] = []

    def set_centers(self, centers: Sequence[CenterAvailability]) -> None:
        self.beginResetModel()
        self._centers = list(centers)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._centers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        center = self._centers[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("{name}\nToday {today} · week {week} seats left").format(
                name=center.name, today=center.left_today, week=center.left_week
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("{name}: {today} seats left today, {week} this week").format(
                name=center.name, today=center.left_today, week=center.left_week
            )
        if role == ObjectRole:
            return center
        return None

    def row_of(self, center_id: int) -> int:
        for row, center in enumerate(self._centers):
            if center.center_id == center_id:
                return row
        return -1


class SlotTableModel(QAbstractTableModel):
    """One center's slots on one day: time, seats left, state.  Full and closed slots
    cannot be selected."""

    TIME, SEATS, STATE = range(3)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._slots: list[Slot] = []
        self._is_past: Callable[[Slot], bool] = lambda slot: False

    def set_slots(self, slots: Sequence[Slot], is_past: Callable[[Slot], bool]) -> None:
        self.beginResetModel()
        self._slots = list(slots)
        self._is_past = is_past
        self.endResetModel()

    def slot_at(self, row: int) -> Slot | None:
        return self._slots[row] if 0 <= row < len(self._slots) else None

    def row_of(self, slot_id: int) -> int:
        for row, slot in enumerate(self._slots):
            if slot.id == slot_id:
                return row
        return -1

    def bookable(self, slot: Slot) -> bool:
        return slot.is_open and slot.available > 0 and not self._is_past(slot)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._slots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("Time"), self.tr("Seats left"), self.tr("State"))[section]

    def _state(self, slot: Slot) -> str:
        if not slot.is_open:
            return self.tr("Closed")
        if self._is_past(slot):
            return self.tr("Begun")
        if slot.available == 0:
            return self.tr("Full")
        return ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.bookable(self._slots[index.row()]):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        slot = self._slots[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TIME:
                return f"{slot.start:%H:%M}–{slot.end:%H:%M}"
            if column == self.SEATS:
                return f"{slot.available} / {slot.capacity}"
            return self._state(slot)
        if role == Qt.ItemDataRole.ForegroundRole and not self.bookable(slot):
            return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.BackgroundRole and not self.bookable(slot):
            return QBrush(QColor("#eeeeee"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SEATS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ObjectRole:
            return slot
        return None


_CANCELLED_BRUSH = QBrush(QColor("#888888"))


def masked_phone(e164: str | None) -> str:
    """Only the last 4 digits: enough to confirm with the caller, little to leak."""
    if not e164:
        return ""
    national = format_phone_national(e164)
    return "".join("*" if ch.isdigit() else ch for ch in national[:-4]) + national[-4:]


class ItemTableModel(QAbstractTableModel, Generic[T]):
    """A table of items, one per row; ``ObjectRole`` gives a row's item.

    Subclasses name their ``headers()`` and the display strings of a row (``display_of``),
    made once per row when the rows are set: a repaint asks ``data()`` thousands of times.
    ``extra_data`` answers the other roles (alignment, colours, tooltips).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self._display: list[tuple[str, ...]] = []

    def headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def display_of(self, item: T) -> tuple[str, ...]:
        raise NotImplementedError

    def extra_data(self, item: T, column: int, role: int) -> Any:
        return None

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self._display = [self.display_of(item) for item in self._rows]
        self.endResetModel()

    def items(self) -> list[T]:
        return list(self._rows)

    def item_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def replace_row(self, row: int, item: T) -> None:
        self._rows[row] = item
        self._display[row] = self.display_of(item)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers())

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self.headers()[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[index.row()][index.column()]
        item = self._rows[index.row()]
        if role == ObjectRole:
            return item
        return self.extra_data(item, index.column(), role)


class PagedTableModel(ItemTableModel[T]):
    """Rows fetched page by page as the view scrolls (``canFetchMore``/``fetchMore``).

    ``fetch(offset, limit)`` returns the next page from a service; the model never holds more
    rows than the user has scrolled to.
    """

    PAGE = 100

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch: Callable[[int, int], list[T]] | None = None
        self._exhausted = True

    def set_fetch(self, fetch: Callable[[int, int], list[T]] | None) -> None:
        """Start a new result set; the first page is fetched at once."""
        self.beginResetModel()
        self._rows = []
        self._display = []
        self._fetch = fetch
        self._exhausted = fetch is None
        self.endResetModel()
        if fetch is not None:
            self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted or self._fetch is None:
            return
        page = self._fetch(len(self._rows), self.PAGE)
        if len(page) < self.PAGE:
            self._exhausted = True
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self._display.extend(self.display_of(item) for item in page)
            self.endInsertRows()


class ReservationTableModel(PagedTableModel[Reservation]):
    """Search results (see ``PagedTableModel``)."""

    RECEIPT, CENTER, DATE, TIME, NAME, KANA, PHONE, STATUS = range(8)

    def reservation_at(self, row: int) -> Reservation | None:
        return self.item_at(row)

    def replace(self, reservation: Reservation) -> None:
        for row, current in enumerate(self._rows):
            if current.receipt == reservation.receipt:
                self.replace_row(row, reservation)
                return

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Receipt"),
            self.tr("Center"),
            self.tr("Date"),
            self.tr("Time"),
            self.tr("Name"),
            self.tr("Kana"),
            self.tr("Phone"),
            self.tr("Status"),
        )

    def display_of(self, r: Reservation) -> tuple[str, ...]:
        erased = self.tr("(erased)")
        return (
            r.receipt_display,
            r.center,
            r.date.isoformat(),
            f"{r.start:%H:%M}",
            r.name if r.name is not None else erased,
            r.kana if r.kana is not None else erased,
            masked_phone(r.phone) if r.phone else erased,
            status_text(r.status),
        )

    def extra_data(self, r: Reservation, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and r.status is Status.CANCELLED:
            return _CANCELLED_BRUSH
        return None
