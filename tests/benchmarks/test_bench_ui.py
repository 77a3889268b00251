"""Editor figures: keystroke → ghost text latency, event-loop stalls while typing, launch times,
memory. Run with ``pytest -m benchmark tests/benchmarks/test_bench_ui.py -s``.

All through the real window, a real engine process and the shipped LSTM (another registered
model with ``WORDPAD_AI_BENCH_MODEL``, e.g. ``bigram``). The typing tests type each key as soon as
the last one's ghost is painted (a stress: the engine never idles, so its head start on the next
key never runs) and at a fast typist's pace (:data:`TYPIST_GAP_MS`); the last one runs a real
fine-tuning job of the LSTM (the app's training runner process) while it types both ways. Each
prints its slowest keys.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, QTimer

from corpus_slices import corpus_slice
from engine_window import engine_window
from wordpad_ai.settings import update_settings

MODEL = os.environ.get("WORDPAD_AI_BENCH_MODEL", "lstm")  # model the engine suggests with
TEXT = ("The old man went down to the sea in the morning, and it was a long way to go before the "
        "sun came up over the water. He thought about the boy and the fish that he had lost, and "
        "about the years when he was young and strong and could work all day without rest. ")  # typed
TRAIN_WORDS = 100_000  # words the background training job learns from
# A fast typist's pace: keys 80 ms apart (150 words a minute); writers' keys come 100-200 ms
# apart, in bursts. The stress runs type each key as soon as the last one's ghost is painted,
# which leaves the engine no idle moment for its head start on the next keystroke.
TYPIST_GAP_MS = 80
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
    with engine_window(qtbot, MODEL, ready_timeout_ms=120_000, autosave_delay_ms=60_000) as window:
        yield window


class _GhostPaintClock(QObject):
    """Ends ``loop`` at the first paint of the editor's viewport that shows ghost text for the
    expected document text: the moment the writer sees the suggestion."""

    def __init__(self, editor):
        super().__init__()
        self.editor = editor
        self.expected: str | None = None
        self.painted_at: float | None = None
        self.loop = QEventLoop()
        editor.viewport().installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.Paint and self.expected is not None and self.painted_at is None
                and self.editor.ghost_text and self.editor.plain_text() == self.expected):
            self.painted_at = time.perf_counter()
            QTimer.singleShot(0, self.loop.quit)  # after this paint is done
        return False


def _type_and_measure(qtbot, window, label: str, gap_ms: int = 0) -> None:
    """Type TEXT key by key; per key the time from the key press to the first frame painted with
    ghost text for it (event-driven, no polling). With ``gap_ms``, each key comes that long
    after the one before it (or once its ghost is painted, if later); else at once."""
    editor = window.editor
    gaps: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(1)

    def on_tick() -> None:
        gaps.append(clock.restart())

    paint = _GhostPaintClock(editor)
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(paint.loop.quit)
    latencies: list[float] = []
    slowest: list[tuple[float, str]] = []  # (ms, the text's end) per key with a ghost
    pause = QEventLoop()
    clock.start()
    ticker.timeout.connect(on_tick)
    ticker.start()
    for char in TEXT:
        paint.expected, paint.painted_at = None, None
        started = time.perf_counter()
        qtbot.keyClick(editor, char)
        paint.expected = editor.plain_text()
        give_up.start(1500)
        paint.loop.exec()
        give_up.stop()
        if paint.painted_at is not None:  # else no suggestion at this point (e.g. after punctuation)
            latencies.append((paint.painted_at - started) * 1000)
            slowest.append((latencies[-1], paint.expected[-20:]))
        left_ms = gap_ms - (time.perf_counter() - started) * 1000
        if left_ms > 1:  # the typist's pace: the event loop runs meanwhile
            QTimer.singleShot(int(left_ms), pause.quit)
            pause.exec()
    ticker.stop()
    editor.viewport().removeEventFilter(paint)
    assert len(latencies) > len(TEXT) // 2
    print(f"\n[ui] {label}, model={MODEL} keystroke→ghost painted: n={len(latencies)} of {len(TEXT)} keys "
          f"p50={statistics.median(latencies):.1f} ms p99={_percentile(latencies, 0.99):.1f} ms "
          f"max={max(latencies):.1f} ms")
    print(f"[ui] {label}: slowest keys: " + ", ".join(
        f"{ms:.1f} ms at {text!r}" for ms, text in sorted(slowest, reverse=True)[:4]))
    print(f"[ui] {label}: longest event-loop gap while typing: {max(gaps):.0f} ms "
          f"(p99 {_percentile(gaps, 0.99):.0f} ms, {len(gaps)} ticks)")
    gui, engine = os.getpid(), window.engine.pid()
    print(f"[ui] {label}: RSS: GUI (pytest process) {_rss_mb(gui):.0f} MB, engine {_rss_mb(engine):.0f} MB")


def test_keystroke_to_ghost_latency_and_stalls(qtbot, window):
    _type_and_measure(qtbot, window, "idle machine, keys back to back")


def test_keystroke_to_ghost_latency_typists_pace(qtbot, window):
    _type_and_measure(qtbot, window, f"idle machine, keys {TYPIST_GAP_MS} ms apart", TYPIST_GAP_MS)


def test_keystroke_to_ghost_latency_beside_training(qtbot, window, tmp_path):
    """The same typing while the app's training runner fine-tunes the shipped LSTM (the job the
    Train dialog starts), measured once the runner is in its training phase."""
    from wordpad_ai.training.protocol import JobSpec
    from wordpad_ai.ui.training_process import TrainingProcess

    runner = TrainingProcess()
    phases: list[str] = []
    runner.progressed.connect(lambda ev: phases.append(ev.phase) if ev.step > 0 else None)
    failures: list[str] = []
    runner.failed.connect(lambda message: failures.append(message))
    docs = corpus_slice(tmp_path / "docs", TRAIN_WORDS, "WORDPAD_AI_BENCH_TRAIN_TEXT")
    spec = JobSpec(model_id="lstm", paths=(str(docs),), base="default",
                   time_budget_s=600, work_dir=str(tmp_path / "job"))
    runner.start(spec)
    try:
        qtbot.waitUntil(lambda: "training" in phases or bool(failures), timeout=240_000)
        assert not failures, failures
        _type_and_measure(qtbot, window, "beside a training job, keys back to back")
        _type_and_measure(qtbot, window, f"beside a training job, keys {TYPIST_GAP_MS} ms apart",
                          TYPIST_GAP_MS)
        assert runner.is_running(), "the training job ended before typing did; raise its budget"
    finally:
        runner.kill()


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
