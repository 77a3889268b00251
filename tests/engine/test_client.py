"""EngineClient against the real engine process, in a real (offscreen) Qt event loop."""

from __future__ import annotations

import os
import signal
import time

import pytest

from wordpad_ai.api import ModelInfo, Suggestion
from wordpad_ai.ui.engine_client import ClientConfig, EngineClient

pytestmark = pytest.mark.timeout(120)
START_MS = 60_000  # engine start on a loaded 2-core machine (no TensorFlow in these tests)


@pytest.fixture
def make_client(qtbot, configure):
    """A started client (settings written first), stopped and its process gone afterwards."""
    clients = []

    def make(active_model: str = "bigram", config: ClientConfig = ClientConfig(),
             before_start=None) -> EngineClient:
        configure(active_model)
        client = EngineClient(config=config)
        clients.append(client)
        if before_start is not None:
            before_start(client)
        with qtbot.waitSignal(client.state_changed, timeout=START_MS,
                              check_params_cb=lambda state, message: state == "ready"):
            client.start()
        assert client.is_ready()
        return client

    yield make
    for client in clients:
        pid = client.pid()
        client.stop(wait_ms=10_000)
        assert pid is None or not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not yet reaped) counts as gone
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _suggest(qtbot, client: EngineClient, rev: int, text: str, k: int = 3, phrase: bool = False):
    with qtbot.waitSignal(client.suggestions_ready, timeout=10_000,
                          check_params_cb=lambda r, s: r == rev) as blocker:
        client.request_suggestions(rev, text, k, phrase)
    return blocker.args[1]


def test_start_ready_then_suggestions_for_a_rev(qtbot, make_client):
    client = make_client("bigram")
    assert client.pid() is not None and client.pid() != os.getpid()
    suggestions = _suggest(qtbot, client, 1, "Thank you ", k=2)
    assert 1 <= len(suggestions) <= 2 and all(isinstance(s, Suggestion) for s in suggestions)
    assert suggestions[0].word in {"for", "very"}
    completing = _suggest(qtbot, client, 2, "The quick br")
    assert completing[0] == Suggestion("brown", completing[0].probability, prefix="br")


def test_ready_reports_models_and_active_model(qtbot, make_client):
    listed, changed = [], []

    def connect(client):
        client.models_listed.connect(listed.append)
        client.model_changed.connect(lambda model_id, message: changed.append(model_id))

    client = make_client("hang", before_start=connect)
    assert [m.model_id for m in listed[-1]] == ["bigram", "hang"]
    assert all(isinstance(m, ModelInfo) for m in listed[-1])
    assert changed == ["hang"]
    phrase = _suggest(qtbot, client, 5, "a ", k=2, phrase=True)
    assert phrase[0].continuation == ("of", "mouth")


def test_only_the_latest_rev_is_delivered(qtbot, make_client):
    client = make_client("hang")
    delivered = []
    client.suggestions_ready.connect(lambda rev, s: delivered.append(rev))
    with qtbot.waitSignal(client.suggestions_ready, timeout=10_000,
                          check_params_cb=lambda r, s: r == 20):
        client.request_suggestions(1, "SLOW ", 1)  # keeps the engine busy while 2..20 arrive
        for rev in range(2, 21):
            client.request_suggestions(rev, f"text {rev} ", 1)
    qtbot.wait(300)  # nothing else may trickle in
    assert delivered == [20]


def test_set_model_switches_or_reports_and_keeps_the_old_one(qtbot, make_client):
    client = make_client("bigram")
    with qtbot.waitSignal(client.error_reported, timeout=10_000) as blocker:
        client.set_model("nope")
    assert "'nope'" in blocker.args[0]
    assert _suggest(qtbot, client, 1, "Thank you ")[0].word in {"for", "very"}
    with qtbot.waitSignal(client.model_changed, timeout=10_000) as blocker:
        client.set_model("hang")
    assert blocker.args[0] == "hang"
    assert [s.word for s in _suggest(qtbot, client, 2, "Thank you ", k=1)] == ["word"]


def test_killed_engine_is_restarted_with_the_same_model(qtbot, make_client):
    client = make_client("bigram")
    with qtbot.waitSignal(client.model_changed, timeout=10_000):
        client.set_model("hang")
    old_pid = client.pid()
    states = []
    client.state_changed.connect(lambda state, message: states.append(state))
    with qtbot.waitSignal(client.state_changed, timeout=START_MS,
                          check_params_cb=lambda state, message: state == "ready"):
        os.kill(old_pid, signal.SIGKILL)
    assert states[0] == "restarting" and states[-1] == "ready"
    assert client.pid() not in (None, old_pid)
    assert [s.word for s in _suggest(qtbot, client, 3, "Thank you ", k=1)] == ["word"]


def test_hanging_model_is_killed_by_the_watchdog(qtbot, make_client):
    client = make_client("hang", ClientConfig(request_timeout_s=1.0))
    old_pid = client.pid()
    messages = []
    client.state_changed.connect(lambda state, message: messages.append((state, message)))
    started = time.monotonic()
    with qtbot.waitSignal(client.state_changed, timeout=START_MS,
                          check_params_cb=lambda state, message: state == "ready"):
        client.request_suggestions(1, "this will HANG ", 3)
    assert time.monotonic() - started >= 1.0
    assert messages[0][0] == "restarting" and "did not answer within 1 s" in messages[0][1]
    qtbot.waitUntil(lambda: not _alive(old_pid), timeout=10_000)
    assert [s.word for s in _suggest(qtbot, client, 2, "hello ", k=1)] == ["word"]


def test_repeated_failures_turn_the_state_failed(qtbot, make_client):
    config = ClientConfig(request_timeout_s=0.5, backoff_s=(0.05,), max_quick_failures=2, slow_retry_s=0.2,
                          strikes=10)  # no plugin disabled here: tests/faults/test_plugin_faults.py
    client = make_client("hang", config)
    with qtbot.waitSignal(client.state_changed, timeout=START_MS,
                          check_params_cb=lambda state, message: state == "ready"):
        client.request_suggestions(1, "HANG ", 1)
    with qtbot.waitSignal(client.state_changed, timeout=START_MS,
                          check_params_cb=lambda state, message: state == "failed") as blocker:
        client.request_suggestions(2, "HANG again ", 1)
    assert "keeps failing" in blocker.args[1] and "retrying every 0.2 s" in blocker.args[1]
    with qtbot.waitSignal(client.state_changed, timeout=START_MS,  # it still comes back
                          check_params_cb=lambda state, message: state == "ready"):
        pass
    assert [s.word for s in _suggest(qtbot, client, 3, "fine ", k=1)] == ["word"]


def test_stop_ends_the_engine_process(qtbot, make_client):
    client = make_client("bigram")
    pid = client.pid()
    client.stop()
    assert not client.is_ready() and client.pid() is None
    qtbot.waitUntil(lambda: not _alive(pid), timeout=10_000)
