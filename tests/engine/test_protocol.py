"""The wire protocol: message round trips, and the real server loop over real pipes."""

from __future__ import annotations

import contextlib
import os
import threading
import time

import pytest

from wordpad_ai.api import CONTEXT_CHARS, ModelInfo, ModelInternals, Suggestion
from wordpad_ai.engine import protocol
from wordpad_ai.engine.core import Engine
from wordpad_ai.engine.protocol import ProtocolError
from wordpad_ai.engine import server as server_module
from wordpad_ai.engine.server import Server
from wordpad_ai.settings import Settings


def test_suggestions_round_trip_through_a_line():
    sent = [Suggestion("programming", 0.21, prefix="pro"),
            Suggestion("Linux", 0.1, continuation=("is", "free"))]
    line = protocol.encode({"op": "suggestions", "rev": 7, "ms": 1.5,
                            "suggestions": [s.to_json() for s in sent]})
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    message = protocol.decode(line)
    assert message["rev"] == 7
    assert protocol.suggestions_from_json(message["suggestions"]) == sent


def test_non_ascii_text_and_newlines_stay_on_one_line():
    request = protocol.suggest_request(3, "Grüße,\nich schreibe „so“ ", 2, phrase=True)
    line = protocol.encode(request)
    assert line.count(b"\n") == 1
    assert protocol.decode(line) == request


def test_model_info_active_and_internals_round_trip():
    info = ModelInfo("lstm", "LSTM", "Long memory.", True, "lstm")
    assert protocol.model_info_from_json(protocol.decode(protocol.encode(info.to_json()
                                                                         | {"op": "x"}))) == info
    assert protocol.active_from_json(protocol.active_to_json(("lstm", "/m/v3"))) == ("lstm", "/m/v3")
    assert protocol.active_from_json(protocol.active_to_json(None)) is None
    internals = ModelInternals(tokens=("the", "cat"), top=(("sat", 0.5), ("ran", 0.25)),
                               series={"forget gate": [[0.1, 0.9], [0.2, 0.8]], "cell |c|": [[1.5], [2.0]]})
    wire = protocol.decode(protocol.encode({"op": "inspection", "rev": 1,
                                            "internals": protocol.internals_to_json(internals)}))
    back = protocol.internals_from_json(wire["internals"])
    assert back.tokens == internals.tokens and back.top == internals.top
    assert back.series == {"forget gate": [[0.1, 0.9], [0.2, 0.8]], "cell |c|": [[1.5], [2.0]]}


def test_requests_send_only_a_bounded_window_of_text():
    text = "x" * 10 + "y" * CONTEXT_CHARS
    assert protocol.suggest_request(1, text, 3)["text"] == "y" * CONTEXT_CHARS
    assert len(protocol.observe_request("z" * 50000)["text"]) == protocol.MAX_OBSERVE_CHARS


@pytest.mark.parametrize("line", [b"not json\n", b"[1, 2]\n", b'{"rev": 1}\n', b"\xff\xfe\n"])
def test_bad_lines_are_protocol_errors(line):
    with pytest.raises(ProtocolError):
        protocol.decode(line)


def _serve(test_host, lines: list[dict | bytes], active_model: str = "bigram") -> list[dict]:
    """Run the real Server loop on pipes: write ``lines``, close stdin, return every reply."""
    in_r, in_w = os.pipe()
    out_r, out_w = os.pipe()
    reader, writer = os.fdopen(in_r, "rb"), os.fdopen(out_w, "wb")
    server = Server(reader, writer, lambda: Engine(test_host, Settings(active_model=active_model)))
    done = []
    thread = threading.Thread(target=lambda: done.append(server.run()), daemon=True)
    thread.start()
    with os.fdopen(in_w, "wb") as stdin:
        stdin.write(b"".join(l if isinstance(l, bytes) else protocol.encode(l) for l in lines))
    thread.join(timeout=30)
    assert done == [0], "server did not exit when its stdin closed"
    writer.close()
    with os.fdopen(out_r, "rb") as out:
        return [protocol.decode(line) for line in out]


def test_server_answers_each_request_type(test_host):
    replies = _serve(test_host, [
        {"op": "ping", "seq": 4},
        {"op": "list_models"},
        {"op": "set_model", "model_id": "nope", "path": None},
        {"op": "suggest", "rev": 1, "text": "Thank you ", "k": 2, "phrase": False},
    ])
    ready, *rest = replies
    assert ready["op"] == "ready" and ready["active"] == {"model_id": "bigram", "path": None}
    assert ready["message"] == ""
    assert {m["model_id"] for m in ready["models"]} == {"bigram", "hang"}
    by_op = {r["op"]: r for r in rest}
    assert by_op["pong"]["seq"] == 4
    assert {m["model_id"] for m in by_op["models"]["models"]} == {"bigram", "hang"}
    assert by_op["error"]["request"] == "set_model" and "'nope'" in by_op["error"]["message"]
    words = [s["word"] for s in by_op["suggestions"]["suggestions"]]
    assert by_op["suggestions"]["rev"] == 1 and words[0] in {"for", "very"}
    assert by_op["suggestions"]["ms"] >= 0


def test_server_set_model_then_suggest_uses_new_model(test_host):
    replies = _serve(test_host, [{"op": "set_model", "model_id": "hang", "path": None},
                                 {"op": "inspect", "rev": 2, "text": "a "}])
    changed = next(r for r in replies if r["op"] == "model_changed")
    assert changed["active"] == {"model_id": "hang", "path": None}
    assert changed["info"]["display_name"] == "Hanging model (test fixture)"
    assert next(r for r in replies if r["op"] == "inspection") == {"op": "inspection", "rev": 2, "internals": None}


def test_server_reports_bad_requests_and_keeps_serving(test_host):
    replies = _serve(test_host, [b"garbage\n", {"op": "suggest", "rev": "x", "text": "a"},
                                 {"op": "fly"}, {"op": "ping", "seq": 1}])
    errors = [r for r in replies if r["op"] == "error"]
    assert [e["request"] for e in errors] == ["?", "suggest", "fly"]
    assert all(e["message"] for e in errors)
    assert replies[-1] == {"op": "pong", "seq": 1}


def test_server_answers_only_the_latest_of_a_burst(test_host):
    # rev 1 keeps the model busy while revs 2..20 queue up behind it
    burst = [{"op": "suggest", "rev": 1, "text": "SLOW ", "k": 1, "phrase": False}]
    burst += [{"op": "suggest", "rev": r, "text": f"text {r} ", "k": 1, "phrase": False} for r in range(2, 21)]
    replies = _serve(test_host, burst, active_model="hang")[1:]
    answered = [r["rev"] for r in replies if r["op"] == "suggestions"]
    stale = [r["rev"] for r in replies if r["op"] == "stale"]
    assert sorted(answered + stale) == list(range(1, 21))  # every request gets exactly one reply
    assert answered[-1] == 20 and set(range(2, 20)) <= set(stale)
    assert len(answered) <= 2


@contextlib.contextmanager
def _live_server(engine_factory):
    """The real Server loop on pipes, talked to a line at a time: yields (stdin, stdout) once it
    is ready; closing stdin at the end must make it exit."""
    in_r, in_w = os.pipe()
    out_r, out_w = os.pipe()
    server = Server(os.fdopen(in_r, "rb"), os.fdopen(out_w, "wb"), engine_factory)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    with os.fdopen(in_w, "wb") as stdin, os.fdopen(out_r, "rb") as out:
        assert protocol.decode(out.readline())["op"] == "ready"
        yield stdin, out
    thread.join(timeout=30)
    assert not thread.is_alive(), "server did not exit when its stdin closed"


def test_server_gives_the_model_a_head_start_when_idle(test_host):
    """After answering a suggestion with nothing else waiting, the server lets the model prepare
    the next keystroke (``prepare``); a prepare that even calls sys.exit costs nothing."""
    with _live_server(lambda: Engine(test_host, Settings(active_model="hang"))) as (stdin, out):
        def ask(rev: int, text: str) -> dict:
            stdin.write(protocol.encode({"op": "suggest", "rev": rev, "text": text, "k": 1}))
            stdin.flush()
            return protocol.decode(out.readline())

        assert ask(1, "Dear ")["suggestions"][0]["word"] == "word"
        time.sleep(0.2)  # idle: the server prepares
        assert ask(2, "EXIT ")["suggestions"][0]["word"] == "word"  # its prepare exits: ignored
        time.sleep(0.2)  # idle: the server prepares
        assert ask(3, "PREPARED? ")["suggestions"][0]["word"] == "prepared1"  # "Dear " only


def test_learning_waits_for_a_pause_and_is_never_lost(test_host, monkeypatch):
    """An observe (a finished sentence, sent just before the next keystroke's suggest) is learned
    after the suggestion is answered, once the typing pauses; one still waiting when the editor
    quits is learned before the engine exits."""
    seen: list[str] = []

    class Recording(Engine):
        def observe(self, text, path=None):
            seen.append(f"observe {text}")
            super().observe(text, path)

        def suggest(self, text, k, phrase=False):
            seen.append(f"suggest {text}")
            return super().suggest(text, k, phrase)

    monkeypatch.setattr(server_module, "IDLE_AFTER_S", 0.5)  # the three lines surely come sooner
    with _live_server(lambda: Recording(test_host, Settings(active_model="bigram"))) as (stdin, out):
        stdin.write(protocol.encode({"op": "observe", "text": "It rained."})
                    + protocol.encode({"op": "observe", "text": 7})  # a bad one: answered at once
                    + protocol.encode({"op": "suggest", "rev": 1, "text": "It rained. ", "k": 1}))
        stdin.flush()
        assert protocol.decode(out.readline())["request"] == "observe"
        assert protocol.decode(out.readline())["op"] == "suggestions"
        time.sleep(1.0)
        assert seen == ["suggest It rained. ", "observe It rained."]
        stdin.write(protocol.encode({"op": "observe", "text": "Then the sun came out."}))
    assert seen[-1] == "observe Then the sun came out."


def test_server_stops_on_shutdown_request(test_host):
    replies = _serve(test_host, [{"op": "shutdown"}, {"op": "ping", "seq": 9}])
    assert [r["op"] for r in replies] == ["ready"]


@pytest.mark.parametrize("max_units, error", [(16, None), (0, "at least 1"), ("16", "of type int"),
                                              (True, "of type int")])
def test_server_checks_the_optional_max_units_of_inspect(test_host, max_units, error):
    request = protocol.inspect_request(3, "a ") | {"max_units": max_units}
    replies = _serve(test_host, [request], active_model="hang")[1:]
    if error is None:
        assert replies == [{"op": "inspection", "rev": 3, "internals": None}]
    else:
        assert [(r["op"], r["request"], r["rev"]) for r in replies] == [("error", "inspect", 3)]
        assert error in replies[0]["message"]
