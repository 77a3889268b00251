"""Spell checking must not slow typing: keystroke → ghost text painted with spelling on and off,
through the real window and a real engine (the shipped LSTM unless ``WORDPAD_AI_BENCH_MODEL``),
runs alternated and medians reported; and the highlighter's own cost per keystroke in a long
paragraph. Run with ``pytest -m benchmark tests/benchmarks/test_bench_spelling.py -s``.
"""

from __future__ import annotations

import statistics
import time

import pytest
from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from wordpad_ai.settings import update_settings

pytestmark = pytest.mark.benchmark

RUNS = 3  # typing runs per setting (alternated); medians of their p50/p99 are reported
TEXT = ("Dear Anne, thank you for the letter you sent last week. The weather here has been "
        "wonderful and we walked along the river every morning before breakfast. ")  # typed per run
LONG_PARAGRAPH_WORDS = 400  # words in the paragraph the highlighter re-checks per keystroke


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class _GhostPaintClock(QObject):
    """Ends ``loop`` at the first viewport paint showing ghost text for the expected text."""

    def __init__(self, editor):
        super().__init__()
        self.editor, self.expected, self.painted_at = editor, None, None
        self.loop = QEventLoop()
        editor.viewport().installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.Paint and self.expected is not None and self.painted_at is None
                and self.editor.ghost_text and self.editor.plain_text() == self.expected):
            self.painted_at = time.perf_counter()
            QTimer.singleShot(0, self.loop.quit)
        return False


def _type(qtbot, window) -> list[float]:
    """Type TEXT at the end of the document; the keystroke → ghost painted latencies (ms)."""
    editor = window.editor
    paint = _GhostPaintClock(editor)
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(paint.loop.quit)
    latencies = []
    for char in TEXT:
        paint.expected, paint.painted_at = None, None
        started = time.perf_counter()
        qtbot.keyClick(editor, char)
        paint.expected = editor.plain_text()
        give_up.start(1500)
        paint.loop.exec()
        give_up.stop()
        if paint.painted_at is not None:
            latencies.append((paint.painted_at - started) * 1000)
    editor.viewport().removeEventFilter(paint)
    return latencies


@pytest.fixture
def window(qtbot, bigram_plugin):
    import os

    update_settings(active_model=os.environ.get("WORDPAD_AI_BENCH_MODEL", "lstm"), autosave_delay_ms=60_000)
    from wordpad_ai.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    window.start_engine()
    qtbot.waitUntil(window.engine.is_ready, timeout=120_000)
    spelling = window.basics.spelling
    spelling.load()
    qtbot.waitUntil(lambda: spelling.speller is not None, timeout=30_000)
    window.editor.setFocus()
    yield window
    window.editor.document().setModified(False)
    window.close()


def test_keystroke_to_ghost_with_spelling_on_and_off(qtbot, window):
    preferences = window.basics.preferences
    figures = {True: [], False: []}
    for run in range(RUNS):
        for spelling_on in (True, False) if run % 2 == 0 else (False, True):
            preferences.apply({"spell_check": spelling_on})
            window.editor.setPlainText("")  # each run types the same text from the start
            latencies = _type(qtbot, window)
            assert len(latencies) > len(TEXT) // 2
            figures[spelling_on].append((statistics.median(latencies), _percentile(latencies, 0.99)))
    for spelling_on, runs in figures.items():
        p50 = statistics.median(r[0] for r in runs)
        p99 = statistics.median(r[1] for r in runs)
        print(f"\n[spelling] spelling {'on ' if spelling_on else 'off'}: keystroke→ghost painted, median of "
              f"{RUNS} runs: p50={p50:.1f} ms p99={p99:.1f} ms "
              f"(runs p99: {', '.join(f'{r[1]:.1f}' for r in runs)})")


def test_highlighter_cost_per_keystroke_in_a_long_paragraph(qtbot, window):
    """Each keystroke re-checks the paragraph (block) being edited, twice when the ghost text
    changes with it: the real highlighter on the editor's document, timed per re-check of a long
    paragraph, with words not seen before (cold) and seen (warm)."""
    import random

    from wordpad_ai.spelling import english_dictionary

    words = sorted(english_dictionary().word_frequency.dictionary)
    rng = random.Random(7)
    spelling = window.basics.spelling
    timer = QElapsedTimer()
    cold, warm = [], []
    for _ in range(20):
        paragraph = " ".join(rng.choice(words) for _ in range(LONG_PARAGRAPH_WORDS))
        window.editor.setPlainText(paragraph)  # one block
        QApplication.processEvents()
        spelling.speller.clear_verdicts()  # words never judged before
        timer.start()
        spelling.recheck()
        cold.append(timer.nsecsElapsed() / 1e6)
        for _ in range(5):
            timer.start()
            spelling.recheck()
            warm.append(timer.nsecsElapsed() / 1e6)
    print(f"\n[spelling] re-checking a {LONG_PARAGRAPH_WORDS}-word paragraph: words new "
          f"median {statistics.median(cold):.2f} ms; words seen median {statistics.median(warm):.2f} ms, "
          f"p99 {_percentile(warm, 0.99):.2f} ms")
