"""The dashboard's chart: stacked bars (attended / no-show / still to come) inside each day's
or center's capacity, with the fill rate above each bar, drawn with ``QPainter``.

Why QPainter and not a chart library:

- **QtCharts** is licensed GPL-3 or commercial (not LGPL like the rest of Qt we ship), and it
  is only in the PySide6-Addons wheel: about 29 MB more in the frozen app for one chart.
- **matplotlib** brings NumPy, Pillow, fontTools and more: about 200 MB with its
  dependencies, and its own font handling for the Japanese labels.
- One kind of chart with a few dozen bars is a couple of hundred lines of painting that we
  own, that uses the window's fonts (Japanese included), and that renders the same on screen
  and into the exported PNG.

Colors are from the Okabe–Ito palette, which stays distinguishable with the common forms of
color blindness; no-show is also hatched and the capacity is an outline, so the chart reads
in grayscale and on a monochrome printer too.  Every bar has a tooltip with its numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

# Okabe & Ito (2008), "Color Universal Design".
ATTENDED_COLOR = QColor("#009E73")  # bluish green
NO_SHOW_COLOR = QColor("#D55E00")  # vermillion, hatched
TO_COME_COLOR = QColor("#56B4E9")  # sky blue
CAPACITY_FILL = QColor("#F0F0F0")  # the empty seats
CAPACITY_EDGE = QColor("#303030")
TEXT_COLOR = QColor("#202020")
GRID_COLOR = QColor("#D8D8D8")
BACKGROUND = QColor("#FFFFFF")

# What an exported picture is, when the widget was never shown (CLI-less tests, exports
# from a hidden tab).
EXPORT_SIZE = QSize(1200, 420)


@dataclass(frozen=True)
class Bar:
    """One bar: a day or a center.  ``label`` goes under the bar (one or two lines),
    ``detail`` is the tooltip's first line."""

    label: str
    detail: str
    attended: int
    no_show: int
    to_come: int
    capacity: int
    fill_rate: float | None

    @property
    def booked(self) -> int:
        return self.attended + self.no_show + self.to_come


# Characters a Japanese line may not start with (kinsoku): long-vowel mark, small kana.
_NO_LINE_START = frozenset("ーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎ、。・）」")


def _script(char: str) -> str:
    """Katakana, hiragana, or other (kanji, Latin, digits) for line breaking."""
    code = ord(char)
    if 0x30A0 <= code <= 0x30FF or 0xFF66 <= code <= 0xFF9F:
        return "katakana"
    if 0x3040 <= code <= 0x309F:
        return "hiragana"
    return "other"


def nice_step(largest: float, max_ticks: int = 8) -> int:
    """The smallest round step (1, 2, 5 × 10^n) that covers ``largest`` in at most
    ``max_ticks`` grid lines, so the axis ends just above the tallest bar."""
    if largest <= 0:
        return 1
    magnitude = 10 ** max(0, math.floor(math.log10(largest / max_ticks)))
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if math.ceil(largest / step) <= max_ticks:
                return int(step)
        magnitude *= 10


class BarChart(QWidget):
    """Stacked bars against a capacity outline, with axes, a legend and tooltips."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsChart")
        self.setAccessibleName(self.tr("Chart of bookings and capacity"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(220)
        self.setMouseTracking(True)
        self._bars: tuple[Bar, ...] = ()
        self._title = ""
        self._empty_text = ""
        # Where the last paint put each bar (x from, x to), for tooltips.
        self._hit: list[tuple[float, float]] = []

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(900, 360)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(320, 220)

    @property
    def bars(self) -> tuple[Bar, ...]:
        return self._bars

    def set_bars(self, bars: Sequence[Bar], *, title: str = "", empty_text: str = "") -> None:
        self._bars = tuple(bars)
        self._title = title
        self._empty_text = empty_text
        total = sum(bar.booked for bar in self._bars)
        capacity = sum(bar.capacity for bar in self._bars)
        self.setAccessibleDescription(
            self.tr("{count} bars; {booked} booked of {capacity} seats").format(
                count=len(self._bars), booked=total, capacity=capacity
            )
        )
        self.update()

    # -- painting --------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        try:
            self.paint(painter, QRectF(self.rect()))
        finally:
            painter.end()

    def render_png(self, scale: float = 2.0) -> bytes:
        """The chart as a PNG at ``scale`` times its size on screen (sharp when printed)."""
        size = self.size() if self.width() >= 320 and self.height() >= 220 else EXPORT_SIZE
        image = QImage(
            int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32
        )
        image.setDevicePixelRatio(scale)
        image.fill(BACKGROUND)
        painter = QPainter(image)
        try:
            self.paint(painter, QRectF(0, 0, size.width(), size.height()))
        finally:
            painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6 takes the format as str at run time; its stubs say bytes.
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        return bytes(data.data())

    def paint(self, painter: QPainter, area: QRectF) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(area, BACKGROUND)
        font = QFont(self.font())
        painter.setFont(font)
        fm = QFontMetricsF(font)
        line = fm.height()
        pad = 8.0

        # Title and legend on top.
        top = area.top() + pad
        if self._title:
            bold = QFont(font)
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(TEXT_COLOR)
            painter.drawText(QPointF(area.left() + pad, top + fm.ascent()), self._title)
            painter.setFont(font)
        legend_bottom = self._paint_legend(painter, area, top, fm)
        if not self._bars:
            painter.setPen(TEXT_COLOR)
            painter.drawText(
                QRectF(area.left(), legend_bottom, area.width(), area.bottom() - legend_bottom),
                Qt.AlignmentFlag.AlignCenter,
                self._empty_text,
            )
            self._hit = []
            return

        largest = max(max(bar.capacity, bar.booked) for bar in self._bars)
        step = nice_step(largest)
        top_value = max(step, math.ceil(largest / step) * step)
        axis_w = fm.horizontalAdvance(f"{top_value:,}") + pad
        count = len(self._bars)
        plot_w = area.width() - 2 * pad - axis_w
        slot = plot_w / count
        label_w = max(
            fm.horizontalAdvance(part) for bar in self._bars for part in bar.label.split("\n")
        )
        # Dates are two lines (day, weekday) and thinned when crowded; names (centers) wrap
        # onto a second line when wider than their bar's room, then are elided.
        dates = any("\n" in bar.label for bar in self._bars)
        wrap_names = not dates and label_w > slot - 4
        label_h = line * (2 if dates or wrap_names else 1) + pad
        plot = QRectF(
            area.left() + pad + axis_w,
            legend_bottom + line + 2,  # room for the fill rates above full bars
            plot_w,
            0,
        )
        plot.setBottom(area.bottom() - pad - label_h)
        if plot.height() < 40 or plot.width() < 40:
            return

        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * value / top_value

        # Grid and y axis.
        painter.setPen(QPen(GRID_COLOR, 1))
        for tick in range(0, top_value + 1, step):
            y = y_of(tick)
            painter.setPen(QPen(GRID_COLOR, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(TEXT_COLOR)
            painter.drawText(
                QRectF(area.left() + pad, y - line / 2, axis_w - pad / 2, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{tick:,}",
            )
        painter.setPen(QPen(CAPACITY_EDGE, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())

        bar_w = max(1.0, min(slot * 0.72, 56.0))
        rate_texts = [
            "" if bar.fill_rate is None else f"{bar.fill_rate * 100:.0f}%" for bar in self._bars
        ]
        rate_w = max(fm.horizontalAdvance(text) for text in rate_texts) + 2
        # Labels that would overlap are thinned to every n-th bar (tooltips have them all).
        label_every = 1 if wrap_names else max(1, math.ceil((label_w + 6) / slot))
        show_rates = rate_w <= slot
        hatch = QBrush(QColor(255, 255, 255, 200), Qt.BrushStyle.BDiagPattern)
        self._hit = []
        for index, bar in enumerate(self._bars):
            center = plot.left() + slot * (index + 0.5)
            left = center - bar_w / 2
            self._hit.append((plot.left() + slot * index, plot.left() + slot * (index + 1)))
            # The capacity: empty seats as a pale box with a dark outline.
            if bar.capacity > 0:
                box = QRectF(
                    left - 1.5, y_of(bar.capacity), bar_w + 3, plot.bottom() - y_of(bar.capacity)
                )
                painter.setPen(Qt.PenStyle.NoPen)
                painter.fillRect(box, CAPACITY_FILL)
            base = 0
            for value, color, hatched in (
                (bar.attended, ATTENDED_COLOR, False),
                (bar.no_show, NO_SHOW_COLOR, True),
                (bar.to_come, TO_COME_COLOR, False),
            ):
                if value <= 0:
                    continue
                rect = QRectF(left, y_of(base + value), bar_w, y_of(base) - y_of(base + value))
                painter.fillRect(rect, color)
                if hatched:
                    painter.fillRect(rect, hatch)
                base += value
            if bar.capacity > 0:
                pen = QPen(CAPACITY_EDGE, 1.5)
                pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(
                    QRectF(
                        left - 1.5,
                        y_of(bar.capacity),
                        bar_w + 3,
                        plot.bottom() - y_of(bar.capacity),
                    )
                )
            if show_rates and rate_texts[index]:
                painter.setPen(TEXT_COLOR)
                y = y_of(max(bar.capacity, bar.booked)) - 3
                painter.drawText(
                    QRectF(center - slot / 2, y - line, slot, line),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    rate_texts[index],
                )
            if index % label_every == 0:
                painter.setPen(TEXT_COLOR)
                if wrap_names:
                    box = QRectF(center - slot / 2 + 2, plot.bottom() + 4, slot - 4, label_h)
                    text = self._two_lines(bar.label, fm, slot - 4)
                else:
                    width = max(slot * label_every, label_w + 6)
                    box = QRectF(center - width / 2, plot.bottom() + 4, width, label_h)
                    text = bar.label
                painter.drawText(
                    box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text
                )

    @staticmethod
    def _two_lines(text: str, fm: QFontMetricsF, width: float) -> str:
        """``text`` on two lines, the second elided if it is still too long.

        Japanese names have no spaces: the break goes where the script changes (落合第一地域
        | センター), else after the last character that fits, never before a long-vowel mark
        or a small kana (they may not start a line).
        """
        fits = [cut for cut in range(1, len(text)) if fm.horizontalAdvance(text[:cut]) <= width]
        if not fits or fm.horizontalAdvance(text) <= width:
            return text
        changes = [cut for cut in fits if _script(text[cut - 1]) != _script(text[cut])]
        cut = changes[-1] if changes else fits[-1]
        while cut > 1 and text[cut] in _NO_LINE_START:
            cut -= 1
        rest = fm.elidedText(text[cut:], Qt.TextElideMode.ElideRight, width)
        return text[:cut] + "\n" + rest

    def _paint_legend(
        self, painter: QPainter, area: QRectF, top: float, fm: QFontMetricsF
    ) -> float:
        """The legend, right-aligned on the title's line; returns the y below it."""
        box = fm.height() * 0.8
        entries: list[tuple[str, QColor | None, bool]] = [
            (self.tr("Attended"), ATTENDED_COLOR, False),
            (self.tr("No-show"), NO_SHOW_COLOR, True),
            (self.tr("Still to come"), TO_COME_COLOR, False),
            (self.tr("Capacity"), None, False),
        ]
        note = self.tr("% = fill rate (booked / capacity)")
        widths = [box + 4 + fm.horizontalAdvance(text) + 14 for text, _c, _h in entries]
        total = sum(widths) + fm.horizontalAdvance(note)
        title_w = fm.horizontalAdvance(self._title) * 1.1 + 24 if self._title else 0
        right = area.right() - 8
        x = right - total
        y = top
        if x < area.left() + 8 + title_w:
            # Not enough room beside the title: the legend gets a line of its own.
            y = top + fm.height() + 4 if self._title else top
            x = max(area.left() + 8, right - total)
        hatch = QBrush(QColor(255, 255, 255, 200), Qt.BrushStyle.BDiagPattern)
        for (text, color, hatched), width in zip(entries, widths, strict=True):
            swatch = QRectF(x, y + (fm.height() - box) / 2, box, box)
            if color is None:
                painter.fillRect(swatch, CAPACITY_FILL)
                painter.setPen(QPen(CAPACITY_EDGE, 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(swatch)
            else:
                painter.fillRect(swatch, color)
                if hatched:
                    painter.fillRect(swatch, hatch)
            painter.setPen(TEXT_COLOR)
            painter.drawText(QPointF(x + box + 4, y + fm.ascent()), text)
            x += width
        painter.setPen(TEXT_COLOR)
        painter.drawText(QPointF(x, y + fm.ascent()), note)
        return y + fm.height() + 6

    # -- tooltips --------------------------------------------------------------------------------

    def bar_at(self, x: float) -> int | None:
        for index, (start, end) in enumerate(self._hit):
            if start <= x < end:
                return index
        return None

    def tooltip_of(self, bar: Bar) -> str:
        rate = "—" if bar.fill_rate is None else f"{bar.fill_rate * 100:.1f}%"
        return self.tr(
            "{what}\nBooked {booked} of {capacity} seats ({rate})\n"
            "Attended {attended} · No-show {no_show} · Still to come {to_come}"
        ).format(
            what=bar.detail,
            booked=bar.booked,
            capacity=bar.capacity,
            rate=rate,
            attended=bar.attended,
            no_show=bar.no_show,
            to_come=bar.to_come,
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.bar_at(event.pos().x())
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_of(self._bars[index]), self)
            return True
        return super().event(event)
