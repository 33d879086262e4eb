"""The window: how fast it starts, how fast the search answers while typing, what it keeps.

* Start-up: a fresh process, from spawn to the first paint of the login dialog (through
  ``ui.app.run_app``: settings, translator, font, login), against a bare PySide6 window.
* Search as you type: the search panel on the benchmark vault, one keystroke at a time, from
  setting the text to the new results in the panel's model (the typing pause excluded).
* Memory: RSS of the search view before and after a search for a very common prefix,
  scrolled down a few pages.

Everything runs on the offscreen platform (``QT_QPA_PLATFORM=offscreen``).
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableView

from benchmarks.context import ACCOUNT, PASSWORD, Context
from benchmarks.registry import MEBIBYTES, Row, benchmark
from benchmarks.report import fmt_ms
from benchmarks.stats import Stats, interleave
from reservations import errors
from reservations.booking import interpret_search_text
from reservations.domain import Reservation
from ui.i18n import install_translator
from ui.models import ReservationTableModel

ROOT = Path(__file__).resolve().parent.parent
STARTUP_RATIO_TARGET = 2.5
STARTUP_RUNS = 10
KEYSTROKE_TARGET_MS = 50.0
MEMORY_TARGET_MIB = 100.0
MEMORY_RUNS = 3
# What an operator types, one keystroke at a time: a kana reading, then the phone's last 4.
TYPED_WORDS = (("ヤ", "ヤマ", "ヤマダ"), ("5", "56", "567", "5678"))
# The most common first kana of the demo's readings (イトウ, イノウエ, イケダ, イシカワ, イチロウ,
# イサム: about a fifth of all reservations).
COMMON_PREFIX = "イ"
SCROLLS = 5
TIMEOUT_S = 60
IDLE_NS = 200_000

# Exits from inside the first paint of the named widget and prints the milliseconds since the
# parent's perf_counter_ns() before the spawn (CLOCK_MONOTONIC: the same clock in both).
_FIRST_PAINT = """
import os, sys, time
spawned = int(sys.argv[1])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and (
            watched.objectName() == WANTED
        ):
            print((time.perf_counter_ns() - spawned) / 1e6, flush=True)
            os._exit(0)
        return False
"""
LOGIN_LAUNCHER = (
    _FIRST_PAINT
    + """
WANTED = "loginDialog"
import ui.app
app = QApplication(sys.argv[:1])
first_paint = FirstPaint()
app.installEventFilter(first_paint)
QTimer.singleShot(30000, lambda: os._exit(3))
sys.exit(ui.app.run_app(sys.argv[2]))
"""
)
BARE_LAUNCHER = (
    _FIRST_PAINT
    + """
WANTED = "bare"
app = QApplication(sys.argv[:1])
first_paint = FirstPaint()
app.installEventFilter(first_paint)
window = QWidget()
window.setObjectName("bare")
window.show()
QTimer.singleShot(30000, lambda: os._exit(3))
sys.exit(app.exec())
"""
)

# RSS of the search view: empty, then after searching argv[3] and scrolling argv[4] times.
MEMORY_PROBE = """
import gc, json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from reservations.session import open_session
from ui.app import choose_ui_font
from ui.i18n import install_translator
from ui.search_panel import SearchPanel

def status(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(field)

def settle(app):
    for _ in range(5):
        app.processEvents()
    gc.collect()

app = QApplication(sys.argv[:1])
install_translator(app, "ja")
choose_ui_font(app)
vault, session = open_session(Path(sys.argv[1]), "operator", sys.argv[2])
panel = SearchPanel(session)
panel.resize(1280, 800)
panel.show()
settle(app)
empty = status("VmRSS")
panel.search_edit.setText(sys.argv[3])
panel.search_now()
settle(app)
for _ in range(int(sys.argv[4])):
    panel.result_table.scrollToBottom()
    settle(app)
after = status("VmRSS")
print(json.dumps({"empty": empty, "after": after, "rows": panel.model.rowCount(),
                  "peak": status("VmHWM")}))
vault.close()
"""


def _child_env(config_home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # Settings of a user who never chose anything: Japanese, no saved window geometry.
    env["XDG_CONFIG_HOME"] = str(config_home)
    return env


def _run_child(code: str, args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"UI benchmark child failed ({result.returncode}): {result.stderr}")
    return result.stdout


@benchmark(
    "startup",
    "Window start-up to the login dialog",
    """
A new process per run (`python -c` with a small launcher, offscreen platform, a settings folder
of its own): import `ui.app`, create the `QApplication` and call `run_app(db)`, which reads the
settings, installs the Japanese translator, chooses the Japanese UI font and shows the login
dialog; the launcher exits (`os._exit`) inside the dialog's first paint event. Timed with
`time.perf_counter` around `subprocess.run`, so interpreter start-up and exit are included.
Bare: the same launcher with a plain `QApplication` and an empty `QWidget` shown. Both run
interleaved, one of each per round; the target is the ratio.
""",
)
def window_startup(ctx: Context) -> list[Row]:
    db = str(ctx.build.db_path)
    painted: dict[str, list[int]] = {"login": [], "bare": []}
    with tempfile.TemporaryDirectory(prefix="resdesk-bench-ui-") as config:
        env = _child_env(Path(config))

        def launcher(name: str, code: str, args: list[str]) -> Callable[[int], None]:
            def run(_i: int) -> None:
                spawned = time.perf_counter_ns()
                output = _run_child(code, [str(spawned), *args], env)
                painted[name].append(int(float(output.split()[0]) * 1_000_000))

            return run

        stats = interleave(
            {
                "login": launcher("login", LOGIN_LAUNCHER, [db]),
                "bare": launcher("bare", BARE_LAUNCHER, []),
            },
            iterations=STARTUP_RUNS,
            warmup=1,
        )
    first_paint = {name: Stats.of(samples[1:]) for name, samples in painted.items()}
    return [
        Row(
            "process start to the login dialog's first paint vs a bare window (whole process)",
            stats["login"],
            stats["bare"],
            target_ratio=STARTUP_RATIO_TARGET,
            note="The whole-process figure includes Python's start-up (about the same for "
            "both) and the exit right after the first paint.",
        ),
        Row(
            "spawn to first paint, timed inside the child (exit excluded)",
            first_paint["login"],
            first_paint["bare"],
            target_ratio=STARTUP_RATIO_TARGET,
            primary=False,
        ),
    ]


# -- search as you type -----------------------------------------------------------------------


@dataclasses.dataclass
class _Keystrokes:
    """Samples per typed text: the window's and the bare service call's."""

    window: dict[str, list[int]]
    painted: dict[str, list[int]]
    bare: dict[str, list[int]]


@dataclasses.dataclass
class _Typist:
    """Types into a search view: ``type(text)`` gives (ns to the model, ns to painted)."""

    type: Callable[[str], tuple[int, int]]
    clear: Callable[[], None]
    note: str


class _PaintCounter(QObject):
    """Counts the paint events of one widget."""

    def __init__(self, widget: QObject) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _until_idle(app: QApplication, paints: _PaintCounter, painted_before: int) -> int:
    """Process events until the table has repainted and nothing is left to do (layout,
    repaints); returns when the last of that work ended (``perf_counter_ns``).

    Idle means three ``processEvents()`` in a row that took under 0.2 ms each.
    """
    last_busy = time.perf_counter_ns()
    deadline = last_busy + TIMEOUT_S * 1_000_000_000
    idle = 0
    while idle < 3 and time.perf_counter_ns() < deadline:
        before = time.perf_counter_ns()
        app.processEvents()
        after = time.perf_counter_ns()
        if after - before < IDLE_NS and paints.count > painted_before:
            idle += 1
        else:
            idle, last_busy = 0, after
    return last_busy


def _qt_app() -> QApplication:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0]])
        install_translator(app, "ja")
    assert isinstance(app, QApplication)
    return app


def _first_page(ctx: Context, text: str) -> list[Reservation]:
    """What the search makes the service do for the first page (bare figure)."""
    search = interpret_search_text(text)
    try:
        return ctx.service.find(dataclasses.replace(search, offset=0, limit=100))
    except errors.InvalidInput:
        return []


def _panel_typist(ctx: Context, app: QApplication) -> _Typist:
    """Types into the real SearchPanel."""
    from ui.search_panel import SearchPanel

    panel = SearchPanel(ctx.session)
    panel.resize(1280, 800)
    panel.show()
    app.processEvents()
    # The panel waits for a pause in the typing before it searches (every search is an audited
    # read); the benchmark measures the work after that pause, so the pause is set to 0.
    pause = panel.findChild(QTimer, "searchDebounce")
    pause_ms = pause.interval() if pause is not None else 0
    if pause is not None:
        pause.setInterval(0)
    resets = [0]
    panel.model.modelReset.connect(lambda: resets.__setitem__(0, resets[0] + 1))
    paints = _PaintCounter(panel.result_table.viewport())

    def type_text(text: str) -> tuple[int, int]:
        before, painted_before = resets[0], paints.count
        started = time.perf_counter_ns()
        panel.search_edit.setText(text)
        deadline = started + TIMEOUT_S * 1_000_000_000
        while resets[0] == before and time.perf_counter_ns() < deadline:
            app.processEvents()
        in_model = time.perf_counter_ns()
        return in_model - started, _until_idle(app, paints, painted_before) - started

    def clear() -> None:
        panel.search_edit.clear()
        app.processEvents()

    note = (
        f"The panel's typing pause ({pause_ms} ms, the `searchDebounce` timer) is set to 0 for "
        "the measurement: the figures are the work after the pause."
    )
    return _Typist(type_text, clear, note)


def _model_typist(ctx: Context, app: QApplication) -> _Typist:
    """Without ui/search_panel.py: the service call + ReservationTableModel.set_fetch."""
    model = ReservationTableModel()
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    paints = _PaintCounter(view.viewport())

    def type_text(text: str) -> tuple[int, int]:
        started = time.perf_counter_ns()
        search = interpret_search_text(text)

        def fetch(offset: int, limit: int) -> list[Reservation]:
            try:
                return ctx.service.find(dataclasses.replace(search, offset=offset, limit=limit))
            except errors.InvalidInput:
                return []

        painted_before = paints.count
        model.set_fetch(fetch)
        in_model = time.perf_counter_ns()
        return in_model - started, _until_idle(app, paints, painted_before) - started

    note = (
        "ui/search_panel.py was not there: measured the service call + "
        "`ReservationTableModel.set_fetch` with a table view instead."
    )
    return _Typist(type_text, lambda: model.set_fetch(None), note)


@benchmark(
    "typing",
    "Search as you type (1 keystroke)",
    """
The search panel (`ui.search_panel.SearchPanel`) on the benchmark vault, offscreen: an operator
types `ヤ`, `ヤマ`, `ヤマダ` (a kana reading), clears the box, then `5`, `56`, `567`, `5678`
(a phone's last 4 digits; shorter digit strings are no valid search and answer with a hint).
Per keystroke: from `setText` on the search box to the new first page of results in the
panel's model (`modelReset` and the page fetched: an audited `BookingService.find` with
`limit=100`). Bare: the same `find` of the first page called directly. Each round types
both words; window and bare alternate.
""",
)
def search_as_you_type(ctx: Context) -> list[Row]:
    app = _qt_app()
    try:
        typist = _panel_typist(ctx, app)
    except ImportError:
        typist = _model_typist(ctx, app)
    texts = [text for word in TYPED_WORDS for text in word]
    samples = _Keystrokes(
        window={t: [] for t in texts}, painted={t: [] for t in texts}, bare={t: [] for t in texts}
    )
    rounds = max(5, ctx.iterations.kana // len(texts))
    warmup = 2
    for round_no in range(warmup + rounds):
        for word in TYPED_WORDS:
            typist.clear()
            for text in word:
                order = (0, 1) if round_no % 2 == 0 else (1, 0)
                for which in order:
                    if which == 0:
                        to_model, to_paint = typist.type(text)
                        if round_no >= warmup:
                            samples.window[text].append(to_model)
                            samples.painted[text].append(to_paint)
                    else:
                        started = time.perf_counter_ns()
                        _first_page(ctx, text)
                        if round_no >= warmup:
                            samples.bare[text].append(time.perf_counter_ns() - started)
        typist.clear()
    everything = Stats.of([s for t in texts for s in samples.window[t]])
    everything_bare = Stats.of([s for t in texts for s in samples.bare[t]])
    found = {text: len(_first_page(ctx, text)) for text in texts}
    rows = [
        Row(
            "every keystroke: typed text to results in the panel's model vs the service call",
            everything,
            everything_bare,
            target_ms=KEYSTROKE_TARGET_MS,
            note=typist.note,
        ),
        Row(
            "every keystroke: typed text to the table repainted with the results (layout included)",
            Stats.of([s for t in texts for s in samples.painted[t]]),
            everything_bare,
            target_ms=KEYSTROKE_TARGET_MS,
            primary=False,
            note="Typed text to the table repainted, median per keystroke: "
            + ", ".join(
                f"`{text}` {fmt_ms(Stats.of(samples.painted[text]).median_ms)}" for text in texts
            )
            + ". That is the model's time plus the view's: laying out the columns (they fit "
            "their contents) and painting, which call `ReservationTableModel.data()` for every "
            "cell of the page.",
        ),
    ]
    for text in texts:
        rows.append(
            Row(
                f"`{text}` ({found[text]} on the first page)",
                Stats.of(samples.window[text]),
                Stats.of(samples.bare[text]),
                target_ms=KEYSTROKE_TARGET_MS,
                primary=False,
            )
        )
    return rows


# -- memory -----------------------------------------------------------------------------------


@benchmark(
    "uimemory",
    "Memory of the search view",
    f"""
A new process per run (offscreen): log in to the benchmark vault, show the search panel
(1280×800) and read `VmRSS` from `/proc/self/status` (the empty window); then search for
`{COMMON_PREFIX}` (the most common first kana of the demo's readings), scroll the results to the
bottom {SCROLLS} times (each scroll makes the model fetch the next page of 100) and read `VmRSS`
again. The target is on the growth: what the search view adds to the empty window.
""",
)
def search_view_memory(ctx: Context) -> list[Row]:
    empty: list[int] = []
    after: list[int] = []
    grown: list[int] = []
    detail: dict[str, Any] = {}
    prefix_end = COMMON_PREFIX + "\U0010ffff"
    matches = int(
        ctx.conn.execute(
            "SELECT count(*) FROM reservations WHERE (family_kana >= ?1 AND family_kana < ?2)"
            " OR (given_kana >= ?1 AND given_kana < ?2)",
            (COMMON_PREFIX, prefix_end),
        ).fetchone()[0]
    )
    with tempfile.TemporaryDirectory(prefix="resdesk-bench-ui-") as config:
        env = _child_env(Path(config))
        for _ in range(MEMORY_RUNS):
            output = _run_child(
                MEMORY_PROBE,
                [str(ctx.build.db_path), PASSWORD, COMMON_PREFIX, str(SCROLLS)],
                env,
            )
            detail = json.loads(output.strip().splitlines()[-1])
            empty.append(int(detail["empty"]))
            after.append(int(detail["after"]))
            grown.append(int(detail["after"]) - int(detail["empty"]))
    return [
        Row(
            f"RSS added by searching `{COMMON_PREFIX}` and scrolling to {detail['rows']:,} rows",
            Stats.of(grown),
            target_ms=MEMORY_TARGET_MIB,
            unit=MEBIBYTES,
            note=f"`{COMMON_PREFIX}` matches {matches:,} reservations; the model holds only the "
            f"{detail['rows']:,} rows scrolled to. Peak RSS of the last run (`VmHWM`, "
            f"including the login's argon2id): {detail['peak'] / 1024 / 1024:,.0f} MiB. "
            f"Account: {ACCOUNT}.",
        ),
        Row(
            "RSS after the search and scrolling vs the empty search window",
            Stats.of(after),
            Stats.of(empty),
            unit=MEBIBYTES,
            primary=False,
        ),
    ]
