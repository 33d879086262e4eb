"""Between Qt's QDate/QTime in the date and time fields and the core's ``datetime`` values."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def pytime(value: QTime) -> dt.time:
    """To the minute: slots start and end on whole minutes."""
    return dt.time(value.hour(), value.minute())
