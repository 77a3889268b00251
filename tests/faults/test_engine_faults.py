"""Faults of the engine process (issue 15 item 7): hostile request lines must never end it.

Each test drives the real :class:`Server` loop with the real :class:`Engine` and the bigram
example plugin; the hostile input is built here.
"""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from wordpad_ai.api import CONTEXT_CHARS
from wordpad_ai.engine import protocol
from wordpad_ai.engine.core import Engine
from wordpad_ai.engine.server import Server
from wordpad_ai.plugins import PluginHost
from wordpad_ai.settings import Settings

from hostile_plugins import activate, model_plugin

PING = protocol.encode({"op": "ping", "seq": 99})


class CountingRaw(io.RawIOBase):
    """An unbuffered byte stream (like a pipe opened without a buffer) that counts reads."""

    def __init__(self, data: bytes):
        self._data = io.BytesIO(data)
        self.reads = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self.reads += 1
        chunk = self._data.read(len(buffer))
        buffer[:len(chunk)] = chunk
        return len(chunk)


@pytest.fixture
def host(bigram_plugin) -> PluginHost:
    return PluginHost(entry_points=[])


def serve(host, data: bytes | io.RawIOBase, engine_class=Engine, active_model="bigram") -> list[dict]:
    """Run the real server until its input ends; every reply, decoded."""
    reader = io.BytesIO(data) if isinstance(data, bytes) else data
    out = io.BytesIO()
    server = Server(reader, out, lambda: engine_class(host, Settings(active_model=active_model)))
    assert server.run() == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_deeply_nested_json_is_an_error_reply_not_a_crash(host):
    nested = b'{"op": "ping", "seq": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    replies = serve(host, nested + PING)
    assert replies[0]["op"] == "ready"
    assert replies[1]["op"] == "error" and "nested" in replies[1]["message"]
    assert replies[-1] == {"op": "pong", "seq": 99}


def test_lone_surrogate_rev_of_a_superseded_request_does_not_end_the_engine(host):
    stale = b'{"op": "suggest", "rev": "\\ud800", "text": "Thank you ", "k": 2}\n'
    bad_now = b'{"op": "suggest", "rev": "\\udfff", "text": "Thank \\ud800 you ", "k": 2}\n'
    replies = serve(host, stale + bad_now + PING)
    ops = [r["op"] for r in replies]
    assert ops[0] == "ready" and ops[-1] == "pong"
    assert {"op": "stale", "rev": None} in replies  # the surrogate is not echoed
    assert any(r["op"] == "error" and r["request"] == "suggest" and "rev" not in r for r in replies)


def test_surrogates_a_model_returns_are_sent_as_valid_utf8():
    line = protocol.encode({"op": "suggestions", "rev": 1, "suggestions": [{"word": "a\ud800b"}]})
    assert protocol.decode(line.decode("utf-8"))["suggestions"][0]["word"] == "a\ud800b"


def test_stdin_is_read_in_large_chunks_not_byte_by_byte(host):
    request = protocol.encode(protocol.suggest_request(1, "word " * 800, 3))  # a 4 KB line
    raw = CountingRaw(request * 5 + PING)
    replies = serve(host, raw)
    assert replies[-1] == {"op": "pong", "seq": 99}
    assert raw.reads < 20, f"{raw.reads} read calls for {len(request) * 5} bytes"


def test_an_over_long_line_is_skipped_with_an_error_and_serving_goes_on(host):
    huge = b'{"op": "observe", "text": "' + b"x" * (protocol.MAX_LINE_BYTES * 8) + b'"}\n'
    replies = serve(host, huge + PING)
    assert replies[1]["op"] == "error" and f"{protocol.MAX_LINE_BYTES} bytes" in replies[1]["message"]
    assert replies[-1] == {"op": "pong", "seq": 99}


def test_observe_and_suggest_text_are_bounded_in_the_engine(host):
    seen: list[tuple[str, int]] = []

    class Recording(Engine):
        def observe(self, text, path=None):
            seen.append(("observe", len(text)))
            super().observe(text, path)

        def suggest(self, text, k, phrase=False):
            seen.append(("suggest", len(text), k))
            return super().suggest(text, k, phrase)

    words = "lorem ipsum dolor sit amet " * 5000  # 135k characters, under the line cap
    lines = protocol.encode({"op": "observe", "text": words})
    lines += protocol.encode({"op": "suggest", "rev": 1, "text": words, "k": 10**9})
    replies = serve(host, lines + PING, engine_class=Recording)
    assert ("observe", protocol.MAX_OBSERVE_CHARS) in seen
    assert ("suggest", CONTEXT_CHARS, protocol.MAX_SUGGESTIONS) in seen
    assert next(r for r in replies if r["op"] == "suggestions")["rev"] == 1


def test_a_plugin_that_calls_sys_exit_in_predict_gets_an_error_reply(tmp_path, monkeypatch):
    model_plugin(tmp_path, "hostile_exit", "exiter", predict="sys.exit('bye')")
    activate(monkeypatch, tmp_path, {"exiter": "hostile_exit"}, keep_existing=False)
    replies = serve(PluginHost(entry_points=[]),
                    protocol.encode(protocol.suggest_request(5, "a ", 3)) + PING, active_model="exiter")
    error = next(r for r in replies if r["op"] == "error")
    assert error["request"] == "suggest" and error["rev"] == 5 and "SystemExit" in error["message"]
    assert replies[-1] == {"op": "pong", "seq": 99}


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
_requests = st.fixed_dictionaries(
    {"op": st.sampled_from(sorted(protocol.REQUEST_OPS - {"shutdown"}) + ["fly", ""])},
    optional={"rev": _json_values, "text": st.text(max_size=60) | _json_values, "k": _json_values,
              "phrase": _json_values, "model_id": st.sampled_from(["bigram", "nope"]) | _json_values,
              "path": _json_values, "max_units": _json_values, "seq": _json_values})
_lines = st.one_of(
    _requests.map(lambda r: json.dumps(r).encode() + b"\n"),
    st.binary(max_size=80).map(lambda b: b.replace(b"\n", b" ") + b"\n"),
    _json_values.map(lambda v: json.dumps(v).encode() + b"\n"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_lines, max_size=8))
def test_fuzzed_request_lines_never_end_the_engine(host, lines):
    replies = serve(host, b"".join(lines) + PING)
    assert replies[0]["op"] == "ready"
    assert replies[-1] == {"op": "pong", "seq": 99}
    assert all(r["op"] in protocol.REPLY_OPS for r in replies)
