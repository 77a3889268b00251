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


def test_launch_to_window_and_first_suggestion(bigram_plugin):
    update_settings(active_model=MODEL)
    script = (
        "import time; t0 = time.perf_counter()\n"
        "import os, sys\n"
        "from wordpad_ai.ui.app import _application, create_window\n"
        "from PySide6.QtCore import QTimer\n"
        "app = _application('wordpad-ai'); w = create_window([], recover=False)\n"
        "app.processEvents(); print('SHOWN', time.perf_counter() - t0, flush=True)\n"
        "def shown(rev, s):\n"
        "    print('FIRST', time.perf_counter() - t0, flush=True)\n"
        "    w.editor.document().setModified(False); app.exit(0)\n"
        "w.suggestions.suggestions_shown.connect(shown)\n"
        "w.engine_started.connect(lambda: w.editor.insertPlainText('The '))\n"
        "QTimer.singleShot(120000, lambda: app.exit(1))\n"
        "app.exec(); w.close()\n"
    )
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    total = time.perf_counter() - started
    figures = dict(line.split() for line in result.stdout.splitlines() if line[:5] in ("SHOWN", "FIRST"))
    assert "SHOWN" in figures and "FIRST" in figures, result.stdout + result.stderr
    print(f"\n[ui] launch (after interpreter start) → window shown: {float(figures['SHOWN']) * 1000:.0f} ms; "
          f"→ first suggestion: {float(figures['FIRST']) * 1000:.0f} ms; process total {total:.2f} s")
