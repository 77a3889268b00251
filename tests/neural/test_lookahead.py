"""Idle-time lookahead (``prepare``) on a tiny real LSTM: the keystroke that finishes a word finds
its distribution ready, and a wrong guess changes no suggestion."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tensorflow")

FIXTURES = Path(__file__).parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES))
from tiny_lstm import tiny_lstm_dir  # noqa: E402

from wordpad_ai.engine.learning import AdaptiveModel  # noqa: E402
from wordpad_ai.evaluation.keystrokes import WholeRanking  # noqa: E402
from wordpad_ai.neural.lookahead import likely_word  # noqa: E402
from wordpad_ai_lstm.plugin import LSTMModel  # noqa: E402


@pytest.fixture
def model(tmp_path_factory):
    return LSTMModel.load(tiny_lstm_dir(tmp_path_factory.mktemp("tiny_lstm")))


def _output_layers(model, monkeypatch) -> list:
    """Counts the predictor's output-layer passes (the costly part of a keystroke)."""
    calls = []
    real = model.predictor.net_probs
    monkeypatch.setattr(model.predictor, "net_probs", lambda *args: calls.append(1) or real(*args))
    return calls


def test_the_word_being_typed_is_read_ahead(model, monkeypatch):
    assert likely_word(model.predictor, "I like Lin") == "linux"
    assert likely_word(model.predictor, "I like ") == "linux"  # at a word start: the next word
    calls = _output_layers(model, monkeypatch)
    model.predict("I like Lin", 3)
    before = len(calls)
    model.prepare("I like Lin")
    assert len(calls) > before  # the distribution after "Linux" (and one word further), now …
    prepared = len(calls)
    fresh = LSTMModel.load(model.path)
    assert model.predict("I like Linux ", 3) == fresh.predict("I like Linux ", 3)
    # … so the space after it costs no output layer, nor the phrase search there, which reads
    # one word further after each word it could start with
    assert model.predict_phrase("I like Linux ", 4) == fresh.predict_phrase("I like Linux ", 4)
    assert len(calls) == prepared


def test_a_likely_full_stop_is_read_ahead_too(model, monkeypatch):
    # "She reads a good book." : after "book" the full stop is all but certain
    calls = _output_layers(model, monkeypatch)
    model.predict("She reads a good bo", 3)
    model.prepare("She reads a good bo")
    prepared = len(calls)
    expected = LSTMModel.load(model.path).predict("She reads a good book. ", 3)
    assert model.predict("She reads a good book. ", 3) == expected
    assert len(calls) == prepared  # after "book." too


def test_the_likeliest_completion_is_the_one_read_past(model):
    from wordpad_ai.neural.lookahead import _likely_completion

    pred = model.predictor
    assert _likely_completion(pred, pred.context("I like Lin"), None) == "linux"
    assert _likely_completion(pred, pred.context("I like "), None) is None  # nothing typed
    assert _likely_completion(pred, pred.context("I like Linux"), None) is None  # nothing longer


def test_a_finished_word_is_read_as_typed(model):
    # "cat" typed in full: the writer's next key is most likely the space after it
    assert likely_word(model.predictor, "The cat") == "cat"


def test_it_stops_when_a_request_comes(model, monkeypatch):
    calls = _output_layers(model, monkeypatch)
    model.predict("She reads a good bo", 3)
    before = len(calls)
    model.prepare("She reads a good bo", should_stop=lambda: True)  # a request is already waiting
    assert len(calls) == before
    looks = []
    model.prepare("She reads a good bo", should_stop=lambda: looks.append(1) or len(looks) > 1)
    assert len(calls) == before + 1  # stopped inside the output layer …
    model.predict("She reads a good book ", 3)
    assert len(calls) == before + 2  # … and nothing half-done was kept


def test_the_output_layer_in_blocks_is_the_same_distribution(model, monkeypatch):
    from wordpad_ai.neural import inference

    monkeypatch.setattr(inference, "YIELD_ROWS", 7)  # the tiny model's vocabulary in many blocks
    states = model.predictor.states_after(("she", "reads", "a", "good"))
    looks = []
    blocks = model.predictor.net_probs(states, lambda: looks.append(1) and False)
    assert len(looks) == -(-len(model.predictor.vocab.tokens) // 7)
    assert np.allclose(blocks, model.predictor.net_probs(states), rtol=1e-5, atol=1e-7)


def test_a_wrong_guess_changes_nothing(model):
    fresh = LSTMModel.load(model.path)
    for text in ("I like ", "The c", "We went to the b", "Zzq", ""):
        model.prepare(text)
    for text in ("I like Linux ", "The dog ", "We went to the big ", "Zzq "):
        assert model.predict(text, 3) == fresh.predict(text, 3)
        assert model.predict_phrase(text) == fresh.predict_phrase(text)


def test_wrappers_pass_it_on(model, monkeypatch):
    calls = _output_layers(model, monkeypatch)
    for wrapper, typed, word in ((WholeRanking(model), "She reads a goo", "good"),
                                 (AdaptiveModel(model), "The ca", "cat")):
        wrapper.predict_ranked(typed, 3)
        before = len(calls)
        wrapper.prepare(typed)
        prepared = len(calls)
        assert prepared > before
        wrapper.predict_ranked(f"{typed[:typed.rindex(' ')]} {word} ", 3)
        assert len(calls) == prepared
