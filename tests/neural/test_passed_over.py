"""Held-back suggestions (``PassedOver``) and the context's followers on a tiny real LSTM.

A model asked for the same word keystroke after keystroke offers each word once (Presage's
"repeat suggestions: no"); asked any other way, and through the editor's engine, it offers its
whole ranking."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tensorflow")

sys.path.insert(0, str(Path(__file__).parents[1] / "fixtures"))
from tiny_lstm import tiny_lstm_dir  # noqa: E402

from wordpad_ai.engine.core import Engine  # noqa: E402
from wordpad_ai.plugins import PluginHost  # noqa: E402
from wordpad_ai.settings import Settings  # noqa: E402
from wordpad_ai_lstm.plugin import LSTMModel  # noqa: E402


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    return tiny_lstm_dir(tmp_path_factory.mktemp("tiny_lstm"))


def _words(suggestions) -> list[str]:
    return [s.word for s in suggestions]


def test_keystroke_after_keystroke_a_word_is_offered_once(model_dir):
    model = LSTMModel.load(model_dir)
    assert _words(model.predict("I like ", 2))[0] == "Linux"  # the tiny model learnt "I like Linux"
    offered = set(_words(model.predict("I like ", 2)))  # asked again: the same answer
    assert "Linux" in offered
    held = _words(model.predict("I like L", 2))  # the writer typed "L": Linux was not wanted
    assert "Linux" not in held and all(w.lower().startswith("l") for w in held)
    assert _words(model.predict("I like L", 2)) == held  # the same keystroke asked twice
    # the next keystroke holds back what both earlier ones offered
    later = _words(model.predict("I like Li", 2))
    assert "Linux" not in later and not set(held) & set(later)
    # the model's whole ranking is still there, and nothing else is held back
    assert _words(model.predict_ranked("I like L", 2))[0] == "Linux"
    # words are compared as written: passing over "Linux" is not passing over "linux"
    other = LSTMModel.load(model_dir)
    other.predict("I like ", 2)
    # (offered, after "like": a software name is put after other words in text naming none)
    assert "linux" in _words(other.predict("I like l", 2))


def test_any_other_call_gets_the_whole_ranking(model_dir):
    model = LSTMModel.load(model_dir)
    ranked = _words(model.predict_ranked("I like Lin", 3))
    assert ranked[0] == "Linux"
    assert _words(model.predict("I like Lin", 3)) == ranked  # asked on its own
    model.predict("I like ", 3)
    assert _words(model.predict("I like Lin", 3)) == ranked  # keystrokes skipped: starts afresh
    model.predict("We went to the ", 3)
    model.predict("I like L", 3)  # another word's keystrokes in between
    assert _words(LSTMModel.load(model_dir).predict("I like Lin", 3)) == ranked


def test_the_editors_engine_offers_the_whole_ranking_at_every_keystroke(model_dir):
    """The writer reads the ghost and types along with it, so the engine holds nothing back."""
    engine = Engine(PluginHost(), Settings(active_model="lstm"))
    engine.set_model("lstm", str(model_dir))
    assert _words(engine.suggest("I like ", 2))[0] == "Linux"
    assert _words(engine.suggest("I like L", 2))[0] == "Linux"
    assert _words(engine.suggest("I like Li", 2))[0] == "Linux"


def test_what_followed_the_last_words_before_gets_a_share(model_dir, monkeypatch):
    import wordpad_ai.neural.inference as inference

    text = "She reads a good book. My dog eats green apples. My dog eats green "
    tokens = LSTMModel.load(model_dir).predictor.context(text).tokens
    monkeypatch.setattr(inference, "FOLLOWER_WEIGHT", 0.0)
    p0 = LSTMModel.load(model_dir).predictor.next_probs(tokens)  # the network, the words' cache
    monkeypatch.setattr(inference, "FOLLOWER_WEIGHT", 0.1)
    pred = LSTMModel.load(model_dir).predictor
    p = pred.next_probs(tokens)
    apples = pred.vocab.id("apples")
    # "green" was followed by "apples" once, and "eats green" too: two mixtures of 0.1 · 1/2
    expected = p0.copy()
    for _ in range(2):
        expected = expected * 0.95
        expected[apples] += 0.05
    assert p == pytest.approx(expected)
    assert p.sum() == pytest.approx(1.0, abs=1e-5)
    # an unknown last word has no followers: "zzq" is not in the vocabulary
    unknown = pred.context(text + "apples zzq ").tokens
    monkeypatch.setattr(inference, "FOLLOWER_WEIGHT", 0.0)
    q0 = LSTMModel.load(model_dir).predictor.next_probs(unknown)
    monkeypatch.setattr(inference, "FOLLOWER_WEIGHT", 0.1)
    assert np.allclose(LSTMModel.load(model_dir).predictor.next_probs(unknown), q0)


def test_evaluate_measures_both_ways(model_dir, tmp_path, capsys):
    """``wordpad-ai evaluate`` counts held-back words as Presage's simulator does, and
    ``--whole-ranking`` measures what the editor offers; on text the model half knows, holding
    back the passed-over words saves keystrokes."""
    import json

    from wordpad_ai.cli import main

    text = tmp_path / "notes.txt"
    # the tiny model's words in new orders: its first offer is often wrong, and often a word
    # with the same first letter as the right one ("I like " → Linux; the writer types "lot")
    text.write_text("I like lot. She reads a big book. My cat eats the green mat. We like red "
                    "apples. The dog sat on the good house.", encoding="utf-8")
    ksr = {}
    for flags in ([], ["--whole-ranking"]):
        args = ["evaluate", "--model", "lstm", "--model-dir", str(model_dir), "-k", "1", "--json",
                "--no-perplexity", *flags, str(text)]
        assert main(args) == 0
        ksr[bool(flags)] = json.loads(capsys.readouterr().out)["ksr"]
    assert ksr[False] > ksr[True], ksr
