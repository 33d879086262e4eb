"""The Qt binding in use keeps Python's reference counts right.

PySide6 6.12.0 drops a reference to ``None`` on every call of a void method under Python
3.11 (``None`` is not immortal before 3.12), and the process aborts after a few thousand
calls: a window that is used for a minute.  pyproject pins a release without the bug; this
test fails on any release that brings it back.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_calls_do_not_leak_references_to_none(qtbot: QtBot) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(500):
        label.update()
        label.setText("y")
    gc.collect()
    assert sys.getrefcount(None) - before > -50
