"""The statistics dashboard on a real vault: the numbers in the table and the tiles, the chart
painted, PNG and CSV exports through the (patched) file dialog, and an operator's view."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from reservations.session import Session
from reservations.statistics import Group
from tests.conftest import CENTERS, OPERATOR, SUPERVISOR, TestVault
from tests.test_audit_trail import entries_of
from tests.test_statistics import DAY0, DAY1, book_counted
from ui.bar_chart import ATTENDED_COLOR, NO_SHOW_COLOR, TO_COME_COLOR, Bar, BarChart, nice_step
from ui.dashboard import DashboardPanel, StatisticsTableModel
from ui.models import ObjectRole

A, B = CENTERS


@pytest.fixture
def supervisor_session(test_vault: TestVault) -> Session:
    book_counted(test_vault)
    return test_vault.session(SUPERVISOR)


def make_panel(qtbot: QtBot, session: Session) -> DashboardPanel:
    panel = DashboardPanel(session)
    qtbot.addWidget(panel)
    panel.resize(1260, 720)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def table_rows(panel: DashboardPanel) -> list[list[str]]:
    model = panel.model
    return [
        [model.data(model.index(row, column)) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def colors_in(image: QImage) -> set[int]:
    """The RGB values of every 3rd pixel (enough to find a bar's fill)."""
    found: set[int] = set()
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            found.add(image.pixel(x, y) & 0xFFFFFF)
    return found


def rgb(color: QColor) -> int:
    return color.rgb() & 0xFFFFFF


def test_the_panel_shows_the_hand_counted_numbers(
    qtbot: QtBot, supervisor_session: Session
) -> None:
    panel = make_panel(qtbot, supervisor_session)
    assert panel.objectName() == "dashboardPanel"
    panel.set_period(DAY0, DAY1)
    rows = table_rows(panel)
    assert len(rows) == 3
    assert rows[0][0].startswith(DAY0.isoformat() + " (")
    assert rows[0][1:] == ["8", "6", "75.0%", "3", "2", "1", "1", "1"]
    assert rows[1][0].startswith(DAY1.isoformat())
    assert rows[1][1:] == ["8", "2", "25.0%", "1", "0", "1", "1", "0"]
    assert rows[2] == ["Total", "16", "8", "50.0%", "4", "2", "2", "2", "1"]
    total_font = panel.model.data(panel.model.index(2, 0), Qt.ItemDataRole.FontRole)
    assert isinstance(total_font, QFont) and total_font.bold()
    tiles = {
        key: panel.findChild(QLabel, f"dashboardTotal_{key}")
        for key in ("capacity", "booked", "fill", "attended", "no_show", "cancelled", "to_come")
    }
    assert all(isinstance(label, QLabel) for label in tiles.values())
    texts = {key: label.text() for key, label in tiles.items() if isinstance(label, QLabel)}
    assert texts == {
        "capacity": "16",
        "booked": "8",
        "fill": "50.0%",
        "attended": "4",
        "no_show": "2",
        "cancelled": "2",
        "to_come": "2",
    }
    bars = panel.chart.bars
    assert [(b.attended, b.no_show, b.to_come, b.capacity) for b in bars] == [
        (3, 2, 1, 8),
        (1, 0, 1, 8),
    ]
    assert bars[0].label.startswith(f"{DAY0.month}/{DAY0.day}\n")

    # Per center, then one center.
    panel.by_center.click()
    rows = table_rows(panel)
    assert [row[0] for row in rows] == [A, B, "Total"]
    assert rows[0][1:] == ["8", "6", "75.0%", "3", "1", "2", "2", "1"]
    assert panel.model.headerData(0, Qt.Orientation.Horizontal) == "Center"
    assert [b.label for b in panel.chart.bars] == [A, B]
    combo = panel.center_combo
    index = combo.findText(B)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert [row[0] for row in table_rows(panel)] == [B, "Total"]
    assert table_rows(panel)[0][1:] == ["8", "2", "25.0%", "1", "1", "0", "0", "0"]
    group = panel.model.data(panel.model.index(0, 0), ObjectRole)
    assert isinstance(group, Group) and group.key == B


def test_the_chart_paints_bars_legend_and_axis(qtbot: QtBot, supervisor_session: Session) -> None:
    panel = make_panel(qtbot, supervisor_session)
    panel.set_period(DAY0, DAY1)
    pixmap = panel.chart.grab()
    assert not pixmap.isNull() and pixmap.width() > 300
    colors = colors_in(pixmap.toImage())
    assert len(colors) > 10  # not blank
    for color in (ATTENDED_COLOR, NO_SHOW_COLOR, TO_COME_COLOR):
        assert rgb(color) in colors, color.name()

    # The tooltip names the bar under the mouse.
    x = panel.chart.width() * 0.5
    hit = panel.chart.bar_at(x)
    assert hit is not None
    text = panel.chart.tooltip_of(panel.chart.bars[hit])
    assert "Booked" in text and "%" in text


def test_an_empty_period_says_so_and_offers_no_export(
    qtbot: QtBot, supervisor_session: Session
) -> None:
    panel = make_panel(qtbot, supervisor_session)
    panel.set_period(DAY0 - dt.timedelta(days=20), DAY0 - dt.timedelta(days=10))
    assert panel.model.rowCount() == 0
    assert panel.chart.bars == ()
    assert not panel.export_csv_button.isEnabled()
    assert not panel.export_png_button.isEnabled()
    assert not panel.chart.grab().isNull()


def test_the_last_day_before_the_first_is_explained(
    qtbot: QtBot, supervisor_session: Session
) -> None:
    panel = make_panel(qtbot, supervisor_session)
    panel.set_period(DAY1, DAY0)
    assert panel.model.rowCount() == 0
    assert "before the first day" in panel.info_label.text()


def test_export_png_and_csv_through_the_file_dialog(
    qtbot: QtBot,
    supervisor_session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = make_panel(qtbot, supervisor_session)
    panel.set_period(DAY0, DAY1)
    audited = len(entries_of(supervisor_session))
    chosen: list[str] = []

    def choose(*args: object, **kwargs: object) -> tuple[str, str]:
        return chosen.pop(0), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))

    chosen.append(str(tmp_path / "chart"))  # the suffix is added
    with qtbot.waitSignal(panel.export_written) as signal:
        panel.export_png_button.click()
    png = tmp_path / "chart.png"
    assert signal.args == [str(png)]
    image = QImage(str(png))
    assert not image.isNull()
    # Twice the size on screen, so it stays sharp in a printed report.
    assert (image.width(), image.height()) == (panel.chart.width() * 2, panel.chart.height() * 2)
    assert rgb(ATTENDED_COLOR) in colors_in(image)

    chosen.append(str(tmp_path / "table.csv"))
    with qtbot.waitSignal(panel.export_written):
        panel.export_csv_button.click()
    raw = (tmp_path / "table.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw[3:].decode("utf-8").split("\r\n")
    assert lines[0].startswith('"day","capacity","booked","fill_rate_percent"')
    assert lines[-2] == '"total","16","8","50.0","4","2","2","2","8","1"'
    assert "table.csv" in panel.info_label.text()

    entries = entries_of(supervisor_session)[audited:]
    assert [(e.action, e.result) for e in entries] == [
        ("stats-export", "png 2 bars"),
        ("stats-export", "csv 2 rows"),
    ]

    # Cancelling the dialog writes nothing.
    chosen.append("")
    panel.export_csv_button.click()
    assert len(entries_of(supervisor_session)) == audited + 2


def test_an_operator_gets_the_refusal_not_the_numbers(qtbot: QtBot, test_vault: TestVault) -> None:
    panel = make_panel(qtbot, test_vault.session(OPERATOR))
    assert "supervisor" in panel.info_label.text()
    assert panel.model.rowCount() == 0
    assert not panel.export_csv_button.isEnabled()
    assert not panel.from_date.isEnabled()


def test_the_table_model_passes_the_model_tester(
    qtmodeltester: object, supervisor_session: Session
) -> None:
    from reservations.statistics import Grouping, StatisticsService

    model = StatisticsTableModel()
    model.set_statistics(StatisticsService(supervisor_session).report(DAY0, DAY1), Grouping.DAY)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount(QModelIndex()) == 3


def test_long_center_names_wrap_and_crowded_dates_thin_out(qtbot: QtBot) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(640, 300)
    names = [f"落合第{i}地域センター" for i in range(10)]
    chart.set_bars([Bar(name, name, 1, 1, 1, 10, 0.3) for name in names])
    chart.show()
    qtbot.waitExposed(chart)
    assert not chart.grab().isNull()
    fm = chart.fontMetrics()
    from PySide6.QtGui import QFontMetricsF

    wrapped = BarChart._two_lines(
        "落合第一地域センター",
        QFontMetricsF(chart.font()),
        fm.horizontalAdvance("落合第一地域センタ"),
    )
    assert wrapped.split("\n")[0] == "落合第一地域"
    days = [Bar(f"{d}/1\nMon", f"day {d}", d % 3, 0, 1, 5, None) for d in range(1, 200)]
    chart.set_bars(days)
    assert not chart.grab().isNull()
    assert chart.bar_at(chart.width() + 10) is None
    assert chart.bar_at(-1) is None
    assert isinstance(chart.bar_at(float(QPoint(chart.width() // 2, 0).x())), int)


@pytest.mark.parametrize(
    ("largest", "step"), [(0, 1), (4, 1), (8, 1), (9, 2), (16, 2), (624, 100), (1_297_548, 200_000)]
)
def test_the_axis_step_is_round(largest: int, step: int) -> None:
    assert nice_step(largest) == step
