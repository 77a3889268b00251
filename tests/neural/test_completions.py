"""Completing the word being typed: a typed word that is itself a likely word is left alone."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("tensorflow")

sys.path.insert(0, str(Path(__file__).parents[1] / "fixtures"))
from tiny_lstm import tiny_lstm_dir  # noqa: E402

from wordpad_ai.neural import suggesting  # noqa: E402
from wordpad_ai_lstm.plugin import LSTMModel  # noqa: E402


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    return LSTMModel.load(tiny_lstm_dir(tmp_path_factory.mktemp("tiny_lstm")))


def test_a_finished_word_gets_no_unlikely_completion(model, monkeypatch):
    # "I like Linux a": the writer has written the word "a" (the model is sure of it), so
    # "apples" is no completion to offer; after "My dog eats green " the same "a" starts "apples"
    # (the word itself is offered, as typed, with nothing to insert: the editor shows no ghost)
    assert [(s.word, s.remainder) for s in model.predict_ranked("I like Linux a", 3)] == [("a", "")]
    assert model.predict_ranked("My dog eats green a", 3)[0].word == "apples"
    # the rule is the ratio of the completion's probability to the typed word's
    monkeypatch.setattr(suggesting, "COMPLETION_MIN_RATIO", 0.0)
    assert "apples" in [s.word for s in model.predict_ranked("I like Linux a", 3)]


def test_a_writer_typing_in_capitals_gets_capitals(model):
    assert [s.word for s in model.predict_ranked("WE WENT ", 1)] == ["TO"]
    found = model.predict_phrase("WE WENT ", 4)
    assert (found.word, *found.continuation) == ("TO", "THE", "BIG", "RED")
    assert [s.word for s in model.predict_ranked("MY DOG EATS GREEN A", 1)] == ["APPLES"]
    # one word in capitals is not shouting
    assert model.predict_ranked("I like LINUX ", 1)[0].word == "a"
