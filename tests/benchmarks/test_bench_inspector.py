"""Inspector figures: typing latency (keystroke → ghost text) with the Model Inspector open vs
closed, the inspection round trip and payload, and the panel's update and paint cost.

Run with ``pytest -m benchmark tests/benchmarks/test_bench_inspector.py -s``. Uses the shipped
LSTM when it loads, else a tiny LSTM trained for the run (printed). Real window offscreen, real
engine process; keys are typed one by one with a pause between them, like a fast typist.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from wordpad_ai.api import ModelError
from wordpad_ai.engine import protocol
from wordpad_ai.settings import update_settings
from wordpad_ai.ui.inspector import INTERVAL_MS, MAX_STALE_MS  # noqa: F401

from tiny_models import install_current, train_tiny

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(900)]

TEXT = ("The old man walked to the village with his dog and said that the weather was fine. "
        "We wrote a letter to the people of the city about the new school. ")
PAUSE_MS = 90  # between keystrokes (about 11 characters a second)
ENGINE_READY_MS = 120_000
ANSWER_MS = 10_000


def _model_dir(tmp_path) -> Path | None:
    """None when the shipped LSTM loads (the engine uses it), else a tiny trained one."""
    import wordpad_ai

    try:
        wordpad_ai.load_model("lstm")
        print("\n[inspector bench] model: shipped LSTM")
        return None
    except ModelError as exc:
        print(f"\n[inspector bench] shipped LSTM unavailable ({exc}); training a tiny one")
        return train_tiny("lstm", tmp_path / "tiny")


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def _type_and_measure(qtbot, window) -> list[float]:
    """Type TEXT key by key; ms from each key press to the ghost text for that exact text."""
    shown: dict[int, float] = {}
    window.suggestions.suggestions_shown.connect(lambda rev, s: shown.setdefault(rev, time.perf_counter()))
    latencies = []
    for ch in TEXT:
        start = time.perf_counter()
        QTest.keyClick(window.editor, ch if ch != " " else Qt.Key.Key_Space)
        rev = window.suggestions.revision
        if window.editor.at_suggestion_point():
            qtbot.waitUntil(lambda: rev in shown, timeout=ANSWER_MS)
            latencies.append((shown[rev] - start) * 1000)
        qtbot.wait(PAUSE_MS)
    return latencies


def test_typing_latency_with_the_inspector_open_and_closed(qtbot, tmp_path):
    model_dir = _model_dir(tmp_path)
    if model_dir is not None:
        install_current("lstm", model_dir, tmp_path)
    update_settings(active_model="lstm", inspector_visible=False, autosave_delay_ms=600_000)
    from wordpad_ai.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1270, 790)
    window.show()
    qtbot.waitExposed(window)
    window.start_engine()
    qtbot.waitUntil(window.engine.is_ready, timeout=ENGINE_READY_MS)
    window.editor.setFocus()
    inspector = window.inspector
    try:
        _type_and_measure(qtbot, window)  # warm-up: caches, first paints
        window.editor.clear()
        closed = _type_and_measure(qtbot, window)
        assert inspector.requests_sent == 0
        window.editor.clear()
        inspector.set_visible(True)
        qtbot.waitUntil(lambda: inspector.up_to_date, timeout=ANSWER_MS)
        sent = inspector.requests_sent
        t0 = time.perf_counter()
        opened = _type_and_measure(qtbot, window)
        typing_s = time.perf_counter() - t0
        requests = inspector.requests_sent - sent
        qtbot.waitUntil(lambda: inspector.up_to_date, timeout=ANSWER_MS)

        # one inspection round trip, alone
        answered: list[float] = []
        window.engine.inspection_ready.connect(lambda rev, internals: answered.append(time.perf_counter()))
        rounds = []
        for _ in range(6):
            qtbot.wait(800)  # a stale panel asks at once (no debounce)
            count, t = len(answered), time.perf_counter()
            inspector.refresh()
            qtbot.waitUntil(lambda: len(answered) > count, timeout=ANSWER_MS)
            rounds.append((answered[-1] - t) * 1000)
        internals = inspector.internals
        wire = protocol.encode({"op": "inspection", "rev": 1, "internals": protocol.internals_to_json(internals)})
        payload = len(wire)
        t = time.perf_counter()
        for _ in range(20):
            protocol.internals_from_json(json.loads(wire)["internals"])
        decode_ms = (time.perf_counter() - t) * 1000 / 20
        panel = inspector.panel
        t = time.perf_counter()
        for _ in range(20):
            panel.show_internals(internals, "LSTM")
        update_ms = (time.perf_counter() - t) * 1000 / 20
        t = time.perf_counter()
        for _ in range(20):
            panel.repaint()
        paint_ms = (time.perf_counter() - t) * 1000 / 20
        parts = {}
        for name, widget in (("bars", panel.distribution), ("heatmap", panel.heatmaps[0]),
                             ("caption", panel.caption)):
            t = time.perf_counter()
            for _ in range(20):
                widget.repaint()
            parts[name] = (time.perf_counter() - t) * 1000 / 20
    finally:
        window.editor.document().setModified(False)
        window.close()

    n_units = len(next(iter(internals.series.values()))[0])
    print(f"[inspector bench] keystroke → ghost text over {len(closed)} keys, {PAUSE_MS} ms between keys")
    for name, lat in (("inspector closed", closed), ("inspector open", opened)):
        print(f"  {name:17s} p50 {statistics.median(lat):6.1f} ms  p90 {_pct(lat, 0.9):6.1f} ms  "
              f"max {max(lat):6.1f} ms")
    print(f"  inspection requests while typing: {requests} in {typing_s:.1f} s "
          f"({requests / typing_s:.1f}/s; {len(TEXT)} keys)")
    print(f"  inspection round trip (alone): p50 {statistics.median(rounds):.1f} ms, "
          f"max {max(rounds):.1f} ms; payload {payload / 1024:.0f} KiB "
          f"({len(internals.series)} series × {len(internals.tokens)} tokens × {n_units} units), "
          f"decode {decode_ms:.2f} ms")
    print(f"  panel update (heatmap images) {update_ms:.2f} ms, repaint {paint_ms:.2f} ms ("
          + ", ".join(f"{k} {v:.2f} ms" for k, v in parts.items()) + ")")
    assert requests <= 1 + typing_s * 1000 / INTERVAL_MS  # throttled
