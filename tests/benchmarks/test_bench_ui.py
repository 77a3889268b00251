"""Editor figures: keystroke → ghost text latency, event-loop stalls while typing, launch times,
memory. Run with ``pytest -m benchmark tests/benchmarks/test_bench_ui.py -s``.

All through the real window, a real engine process and the real bigram model (the shipped LSTM
when ``WORDPAD_AI_BENCH_MODEL=lstm``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from wordpad_ai.settings import update_settings

MODEL = os.environ.get("WORDPAD_AI_BENCH_MODEL", "bigram")  # model the engine suggests with
TEXT = "the old man and the sea were in the morning and it was a long way to go "  # typed text
pytestmark = pytest.mark.benchmark


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@pytest.fixture
def window(qtbot, bigram_plugin):
    update_settings(active_model=MODEL, autosave_delay_ms=60_000)
    from wordpad_ai.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    window.start_engine()
    qtbot.waitUntil(window.engine.is_ready, timeout=120_000)
    window.editor.setFocus()
    yield window
    window.editor.document().setModified(False)
    window.close()


def test_keystroke_to_ghost_latency_and_stalls(qtbot, window):
    editor = window.editor
    gaps: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(1)

    def on_tick() -> None:
        gaps.append(clock.restart())

    latencies: list[float] = []
    clock.start()
    ticker.timeout.connect(on_tick)
    ticker.start()
    for char in TEXT:
        started = time.perf_counter()
        qtbot.keyClick(editor, char)
        expected = editor.plain_text()
        try:
            qtbot.waitUntil(lambda: editor.plain_text() == expected and bool(editor.ghost_text),
                            timeout=1500)
        except qtbot.TimeoutError:
            continue  # no suggestion at this point (e.g. after punctuation)
        latencies.append((time.perf_counter() - started) * 1000)
    ticker.stop()
    assert latencies
    print(f"\n[ui] model={MODEL} keystroke→ghost: n={len(latencies)} of {len(TEXT)} keys "
          f"p50={statistics.median(latencies):.1f} ms p99={_percentile(latencies, 0.99):.1f} ms "
          f"max={max(latencies):.1f} ms")
    print(f"[ui] longest event-loop gap while typing: {max(gaps):.0f} ms "
          f"(p99 {_percentile(gaps, 0.99):.0f} ms, {len(gaps)} ticks)")
    gui, engine = os.getpid(), window.engine.pid()
    print(f"[ui] RSS: GUI (pytest process) {_rss_mb(gui):.0f} MB, engine {_rss_mb(engine):.0f} MB")


BARE_WINDOW_SCRIPT = """
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QTextEdit
app = QApplication([]); w = QMainWindow(); e = QTextEdit(); w.setCentralWidget(e)
class Clock(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"wordpad-ai startup: painted {time.time():.6f}", file=sys.stderr, flush=True)
            app.exit(0)
        return False
clock = Clock(); e.viewport().installEventFilter(clock); w.show(); app.exec()
"""
LAUNCH_RUNS = 5  # launches of each kind; medians are reported


def _launch(argv: list[str]) -> dict[str, float]:
    """Start ``argv`` as a new process; seconds from just before the start to each
    ``wordpad-ai startup: EVENT TIME`` line it prints (``WORDPAD_AI_STARTUP_TIMES``)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORDPAD_AI_STARTUP_TIMES="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules load from cached bytecode
    started = time.time()
    result = subprocess.run(argv, capture_output=True, text=True, timeout=180, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    times = {}
    for line in result.stderr.splitlines():
        if line.startswith("wordpad-ai startup: "):
            event, stamp = line.split()[2:4]
            times.setdefault(event, float(stamp) - started)
    return times


def test_launch_to_window_and_first_suggestion(bigram_plugin):
    """The real command (``python -m wordpad_ai gui --self-check``: the editor's window, then it
    types "The " and waits for a suggestion) from process start to the editor's first painted
    frame and to the first suggestion shown; beside it a bare Qt window (QMainWindow + QTextEdit)
    measured the same way on the same machine. The first launch of each only warms caches."""
    update_settings(active_model=MODEL)
    app = [sys.executable, "-m", "wordpad_ai", "gui", "--self-check"]
    bare = [sys.executable, "-c", BARE_WINDOW_SCRIPT]
    _launch(app), _launch(bare)
    ours, base = [], []
    for _ in range(LAUNCH_RUNS):
        ours.append(_launch(app))
        base.append(_launch(bare))
    painted = [r["painted"] * 1000 for r in ours]
    first = [r["suggestion"] * 1000 for r in ours]
    bare_ms = [r["painted"] * 1000 for r in base]
    print(f"\n[ui] model={MODEL}, median of {LAUNCH_RUNS} launches from process start: "
          f"→ window painted {statistics.median(painted):.0f} ms (runs {', '.join(f'{v:.0f}' for v in painted)}); "
          f"bare Qt window {statistics.median(bare_ms):.0f} ms; ours − bare "
          f"{statistics.median(painted) - statistics.median(bare_ms):.0f} ms; "
          f"→ first suggestion {statistics.median(first):.0f} ms")
