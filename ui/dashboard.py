"""The supervisor's statistics dashboard: a period and a center, the totals, a chart of each
day (or center) and the table behind it, with PNG and CSV export.

Everything comes from ``StatisticsService``.  The counts are SQL aggregates over the covering
index of reservation statuses: the whole 1,000,000-reservation benchmark vault is counted in
about 70 ms, so the dashboard queries on the GUI thread (a worker thread would cost more in
complexity than it saves); see ``reservations/statistics.py`` for how seats are counted.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reservations import errors
from reservations.session import Session
from reservations.statistics import Counts, Group, Grouping, Statistics, StatisticsService
from ui.bar_chart import Bar, BarChart
from ui.i18n import error_text
from ui.models import ObjectRole
from ui.qt_dates import pydate, qdate

Index = QModelIndex | QPersistentModelIndex


def _weekday(day: dt.date) -> str:
    """月, 火, … in Japanese, Mon, Tue, … in English (the application's locale)."""
    return QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)


def _rate(counts: Counts, decimals: int = 1) -> str:
    rate = counts.fill_rate
    return "—" if rate is None else f"{rate * 100:.{decimals}f}%"


class StatisticsTableModel(QAbstractTableModel):
    """One row per day or per center, then the total; ``ObjectRole`` gives the ``Group``
    (None for the total row)."""

    LABEL, CAPACITY, BOOKED, FILL, ATTENDED, NO_SHOW, CANCELLED, TO_COME, CLOSED = range(9)
    COLUMNS = 9

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: tuple[Group, ...] = ()
        self._total = Counts()
        self._by = Grouping.DAY

    def set_statistics(self, stats: Statistics | None, by: Grouping) -> None:
        self.beginResetModel()
        self._by = by
        self._groups = () if stats is None else stats.groups(by)
        self._total = Counts() if stats is None else stats.total
        self.endResetModel()

    @property
    def grouping(self) -> Grouping:
        return self._by

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if parent.isValid() or not self._groups:
            return 0
        return len(self._groups) + 1  # the total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(  # noqa: N802 - Qt's name
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < self.COLUMNS:
            return None
        return (
            self.tr("Day") if self._by is Grouping.DAY else self.tr("Center"),
            self.tr("Capacity"),
            self.tr("Booked"),
            self.tr("Fill rate"),
            self.tr("Attended"),
            self.tr("No-show"),
            self.tr("Cancelled"),
            self.tr("Still to come"),
            self.tr("Closed slots"),
        )[section]

    def label_of(self, group: Group) -> str:
        if group.date is not None:
            return f"{group.key} ({_weekday(group.date)})"
        return group.key

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row, column = index.row(), index.column()
        group = self._groups[row] if row < len(self._groups) else None
        counts = self._total if group is None else group.counts
        if role == ObjectRole:
            return group
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.LABEL:
                return self.tr("Total") if group is None else self.label_of(group)
            return (
                "",
                f"{counts.capacity:,}",
                f"{counts.booked:,}",
                _rate(counts),
                f"{counts.attended:,}",
                f"{counts.no_show:,}",
                f"{counts.cancelled:,}",
                f"{counts.still_booked:,}",
                f"{counts.closed_slots:,}",
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.LABEL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and group is None:
            font = QFont()
            font.setBold(True)
            return font
        return None


class DashboardPanel(QWidget):
    """Period, center, totals, the chart and its table; exports for supervisors.

    Signals:
        export_written(str): a PNG or CSV file was written; the argument is its path.
    """

    export_written = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPanel")
        self._service = StatisticsService(session)
        self._stats: Statistics | None = None
        self._loading = True
        self._build_filters()
        self._build_summary()
        self._build_chart_and_table()
        self.info_label = QLabel()
        self.info_label.setObjectName("dashboardInfo")
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filter_row)
        layout.addLayout(self._summary_row)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.info_label)
        self._load_choices()
        self._loading = False
        # Counted when the tab is first shown, not while a supervisor's window is being built
        # after login: the whole contract period of a large vault takes tens of milliseconds.
        self._counted = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._counted:
            self.refresh()

    # -- construction --------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.from_date = QDateEdit()
        self.from_date.setObjectName("dashboardFromDate")
        self.from_date.setAccessibleName(self.tr("First day"))
        self.to_date = QDateEdit()
        self.to_date.setObjectName("dashboardToDate")
        self.to_date.setAccessibleName(self.tr("Last day"))
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.center_combo = QComboBox()
        self.center_combo.setObjectName("dashboardCenter")
        self.center_combo.setAccessibleName(self.tr("Center"))
        self.center_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.center_combo.activated.connect(lambda _i: self.refresh())
        self.by_day = QRadioButton(self.tr("Per &day"))
        self.by_day.setObjectName("dashboardByDay")
        self.by_day.setAccessibleName(self.tr("Show per day"))
        self.by_day.setChecked(True)
        self.by_center = QRadioButton(self.tr("Per cen&ter"))
        self.by_center.setObjectName("dashboardByCenter")
        self.by_center.setAccessibleName(self.tr("Show per center"))
        self._by_group = QButtonGroup(self)
        self._by_group.addButton(self.by_day)
        self._by_group.addButton(self.by_center)
        self.by_day.toggled.connect(lambda _on: self.show_statistics())
        self.export_png_button = QPushButton(self.tr("Save chart as &PNG…"))
        self.export_png_button.setObjectName("dashboardExportPngButton")
        self.export_png_button.setAccessibleName(self.tr("Save the chart as a PNG picture"))
        self.export_png_button.clicked.connect(self.export_png)
        self.export_csv_button = QPushButton(self.tr("Save table as &CSV…"))
        self.export_csv_button.setObjectName("dashboardExportCsvButton")
        self.export_csv_button.setAccessibleName(self.tr("Save the table as a CSV file"))
        self.export_csv_button.clicked.connect(self.export_csv)

        period_label = QLabel(self.tr("Pe&riod"))
        period_label.setBuddy(self.from_date)
        center_label = QLabel(self.tr("C&enter"))
        center_label.setBuddy(self.center_combo)
        row = QHBoxLayout()
        row.addWidget(period_label)
        row.addWidget(self.from_date)
        row.addWidget(QLabel("–"))
        row.addWidget(self.to_date)
        row.addSpacing(12)
        row.addWidget(center_label)
        row.addWidget(self.center_combo)
        row.addSpacing(12)
        row.addWidget(self.by_day)
        row.addWidget(self.by_center)
        row.addStretch(1)
        row.addWidget(self.export_png_button)
        row.addWidget(self.export_csv_button)
        self._filter_row = row

    def _build_summary(self) -> None:
        """Big numbers for the period: what a supervisor reads first."""
        self._tiles: dict[str, QLabel] = {}
        row = QHBoxLayout()
        for key, caption in (
            ("capacity", self.tr("Capacity")),
            ("booked", self.tr("Booked")),
            ("fill", self.tr("Fill rate")),
            ("attended", self.tr("Attended")),
            ("no_show", self.tr("No-show")),
            ("cancelled", self.tr("Cancelled")),
            ("to_come", self.tr("Still to come")),
        ):
            tile = QFrame()
            tile.setObjectName(f"dashboardTile_{key}")
            tile.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(tile)
            box.setContentsMargins(10, 4, 10, 4)
            box.setSpacing(0)
            title = QLabel(caption)
            value = QLabel("—")
            value.setObjectName(f"dashboardTotal_{key}")
            value.setAccessibleName(caption)
            font = value.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            value.setFont(font)
            box.addWidget(title)
            box.addWidget(value)
            row.addWidget(tile, 1)
            self._tiles[key] = value
        self._summary_row = row

    def _build_chart_and_table(self) -> None:
        self.chart = BarChart()
        self.model = StatisticsTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("dashboardTable")
        self.table.setAccessibleName(self.tr("Statistics table"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("dashboardSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

    def _load_choices(self) -> None:
        try:
            first, last = self._service.default_period()
            centers = self._service.centers()
        except errors.ReservationError as exc:
            self.info_label.setText(error_text(exc))
            for widget in (
                self.from_date,
                self.to_date,
                self.center_combo,
                self.export_png_button,
                self.export_csv_button,
            ):
                widget.setEnabled(False)
            return
        self.from_date.setDate(qdate(first))
        self.to_date.setDate(qdate(last))
        self.center_combo.clear()
        self.center_combo.addItem(self.tr("All centers"), None)
        for center in centers:
            self.center_combo.addItem(center.name, center.id)

    # -- showing -------------------------------------------------------------------------------

    @property
    def statistics(self) -> Statistics | None:
        return self._stats

    @property
    def grouping(self) -> Grouping:
        return Grouping.DAY if self.by_day.isChecked() else Grouping.CENTER

    def set_period(self, first: dt.date, last: dt.date) -> None:
        """Show ``first`` to ``last`` (one refresh, not one per date)."""
        self._loading = True
        self.from_date.setDate(qdate(first))
        self.to_date.setDate(qdate(last))
        self._loading = False
        self.refresh()

    def refresh(self) -> None:
        """Count again for the chosen period and center."""
        if self._loading or not self.from_date.isEnabled():
            return
        self._counted = True
        self.info_label.clear()
        first, last = pydate(self.from_date.date()), pydate(self.to_date.date())
        if last < first:
            self._stats = None
            self.show_statistics()
            self.info_label.setText(self.tr("The last day is before the first day."))
            return
        try:
            self._stats = self._service.report(first, last, self.center_combo.currentData())
        except errors.ReservationError as exc:
            self._stats = None
            self.info_label.setText(error_text(exc))
        self.show_statistics()

    def show_statistics(self) -> None:
        stats, by = self._stats, self.grouping
        self.model.set_statistics(stats, by)
        self.table.resizeColumnToContents(0)
        total = Counts() if stats is None else stats.total
        values = {
            "capacity": f"{total.capacity:,}",
            "booked": f"{total.booked:,}",
            "fill": _rate(total),
            "attended": f"{total.attended:,}",
            "no_show": f"{total.no_show:,}",
            "cancelled": f"{total.cancelled:,}",
            "to_come": f"{total.still_booked:,}",
        }
        for key, label in self._tiles.items():
            label.setText(values[key] if stats is not None else "—")
        self.chart.set_bars(
            [] if stats is None else [self._bar(group) for group in stats.groups(by)],
            title=self._title(stats),
            empty_text=self.tr("No slots in this period."),
        )
        has_rows = stats is not None and bool(stats.cells)
        self.export_png_button.setEnabled(has_rows)
        self.export_csv_button.setEnabled(has_rows)

    def _title(self, stats: Statistics | None) -> str:
        if stats is None:
            return ""
        where = self.tr("All centers") if stats.center is None else stats.center.name
        return f"{stats.first.isoformat()} – {stats.last.isoformat()}  {where}"

    def _bar(self, group: Group) -> Bar:
        c = group.counts
        if group.date is not None:
            label = f"{group.date.month}/{group.date.day}\n{_weekday(group.date)}"
            detail = f"{group.key} ({_weekday(group.date)})"
        else:
            label = detail = group.key
        return Bar(
            label=label,
            detail=detail,
            attended=c.attended,
            no_show=c.no_show,
            to_come=c.still_booked,
            capacity=c.capacity,
            fill_rate=c.fill_rate,
        )

    # -- export --------------------------------------------------------------------------------

    def _ask_path(self, kind: str) -> Path | None:
        """The file to write, or None when the user cancelled."""
        stats = self._stats
        stem = "statistics" if stats is None else f"statistics-{stats.first}-{stats.last}"
        name_filter = (
            self.tr("CSV files (*.csv)") if kind == "csv" else self.tr("PNG pictures (*.png)")
        )
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Save statistics"),
            f"{stem}-{self.grouping.value}.{kind}",
            name_filter,
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if not path:
            return None
        chosen = Path(path)
        if chosen.suffix.lower() != f".{kind}":
            chosen = chosen.with_name(chosen.name + f".{kind}")
        return chosen

    def export_png(self) -> Path | None:
        """Save the chart as shown, at twice its size on screen."""
        stats = self._stats
        if stats is None:
            return None
        path = self._ask_path("png")
        if path is None:
            return None
        try:
            # The file dialog has already asked before replacing an existing file.
            self._service.export_chart(
                path, self.chart.render_png(2.0), stats, by=self.grouping, overwrite=True
            )
        except errors.ReservationError as exc:
            self.info_label.setText(error_text(exc))
            return None
        self.info_label.setText(self.tr("Saved the chart to {path}.").format(path=path))
        self.export_written.emit(str(path))
        return path

    def export_csv(self) -> Path | None:
        """Save the table (per day or per center, as shown) for Excel."""
        stats = self._stats
        if stats is None:
            return None
        path = self._ask_path("csv")
        if path is None:
            return None
        center_id = None if stats.center is None else stats.center.id
        try:
            result = self._service.export_csv(
                path, stats.first, stats.last, center_id, by=self.grouping, overwrite=True
            )
        except errors.ReservationError as exc:
            self.info_label.setText(error_text(exc))
            return None
        self.info_label.setText(
            self.tr("Saved {rows} rows to {path}.").format(rows=result.rows, path=path)
        )
        self.export_written.emit(str(path))
        return path
