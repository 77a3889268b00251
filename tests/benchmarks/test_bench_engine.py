"""Engine figures: start → ready → first suggestion, request→reply round trip through the real
engine process (p50/p99), in-process suggest time, and the engine process's memory.

Run with ``pytest -m benchmark tests/benchmarks/test_bench_engine.py -s``. Uses the bundled LSTM
when its shipped model loads, else the bigram example plugin (printed).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from wordpad_ai.api import ModelError
from wordpad_ai.ui.engine_client import EngineClient
from wordpad_ai.settings import Settings, save_settings

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(600)]

REQUESTS = 300  # round trips measured
SAMPLE = ("I think the weather is nice today. Thank you for your letter. The program prints the "
          "result, and the programmer writes a program in Python while the dog sleeps in the sun. ")


def _pick_model() -> str:
    import wordpad_ai

    try:
        wordpad_ai.load_model("lstm")
        return "lstm"
    except ModelError as exc:
        print(f"\n[engine bench] LSTM unavailable ({exc}); using the bigram plugin")
        return "bigram"


def _rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def test_engine_start_latency_and_memory(qtbot, bigram_plugin):
    model_id = _pick_model()
    save_settings(Settings(active_model=model_id))
    client = EngineClient()
    states = []
    client.state_changed.connect(lambda state, message: states.append((state, message)))
    try:
        t0 = time.perf_counter()
        with qtbot.waitSignal(client.state_changed, timeout=300_000,
                              check_params_cb=lambda state, message: state == "ready"):
            client.start()
        t_ready = time.perf_counter()
        with qtbot.waitSignal(client.suggestions_ready, timeout=60_000):
            client.request_suggestions(0, "The quick brown ", 3)
        t_first = time.perf_counter()
        rtts = []
        for i in range(1, REQUESTS + 1):
            cut = (i * 7) % len(SAMPLE) + 1
            start = time.perf_counter()
            with qtbot.waitSignal(client.suggestions_ready, timeout=30_000,
                                  check_params_cb=lambda rev, s, i=i: rev == i):
                client.request_suggestions(i, SAMPLE[:cut], 3, phrase=True)
            rtts.append((time.perf_counter() - start) * 1000)
        rss = _rss_mib(client.pid())
    finally:
        client.stop(wait_ms=10_000)

    from wordpad_ai.engine.core import Engine

    engine = Engine(settings=Settings(active_model=model_id))
    engine.suggest("warm up ", 3)
    local = []
    for i in range(1, REQUESTS + 1):
        cut = (i * 7) % len(SAMPLE) + 1
        start = time.perf_counter()
        engine.suggest(SAMPLE[:cut], 3, phrase=True)
        local.append((time.perf_counter() - start) * 1000)

    ready_note = next(message for state, message in states if state == "ready")
    print(f"\n[engine bench] model={model_id} (ready: {ready_note!r})")
    print(f"[engine bench] start -> ready: {(t_ready - t0) * 1000:.0f} ms; "
          f"ready -> first suggestion: {(t_first - t_ready) * 1000:.1f} ms")
    print(f"[engine bench] round trip over {REQUESTS} requests: p50 {statistics.median(rtts):.2f} ms, "
          f"p99 {_percentile(rtts, 0.99):.2f} ms, max {max(rtts):.2f} ms")
    print(f"[engine bench] in-process suggest: p50 {statistics.median(local):.2f} ms, "
          f"p99 {_percentile(local, 0.99):.2f} ms")
    print(f"[engine bench] engine RSS: {'n/a' if rss is None else f'{rss:.0f} MiB'}")
    assert len(rtts) == REQUESTS and min(rtts) > 0
