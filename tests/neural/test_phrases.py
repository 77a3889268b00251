"""Phrase completion on a tiny real LSTM, the phrase simulation's accounting, and the engine."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("tensorflow")

FIXTURES = Path(__file__).parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES))
from tiny_lstm import tiny_lstm_dir  # noqa: E402
from wordlist_model import WordListModel  # noqa: E402

from wordpad_ai.api import Suggestion  # noqa: E402
from wordpad_ai.evaluation import evaluate_phrases  # noqa: E402
from wordpad_ai.evaluation.keystrokes import WholeRanking  # noqa: E402
from wordpad_ai.neural.phrases import PHRASE_THRESHOLD, PHRASE_THRESHOLD_TYPED  # noqa: E402
from wordpad_ai_lstm.plugin import LSTMModel  # noqa: E402


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    return LSTMModel.load(tiny_lstm_dir(tmp_path_factory.mktemp("tiny_lstm")))


def test_beam_search_returns_the_learnt_phrase(model):
    found = model.predict_phrase("I like ", 4)
    assert (found.word, found.continuation) == ("Linux", ("a", "lot"))  # stops at the full stop
    assert PHRASE_THRESHOLD <= found.probability <= 1
    found = model.predict_phrase("We went ", 4)
    assert (found.word, *found.continuation) == ("to", "the", "big", "red")  # max 4 words
    assert model.predict_phrase("We went ", 2).continuation == ("the",)


def test_partly_typed_word_is_completed_then_continued(model):
    found = model.predict_phrase("I like Lin", 4)
    assert (found.word, found.prefix, found.remainder, found.continuation) == (
        "Linux", "Lin", "ux", ("a", "lot"))


def test_no_phrase_below_the_threshold(model):
    # after "The " five nouns compete: "cat sat on the" is the best phrase but only ~0.3 likely
    best = model.predictor._phrases.candidates("The ", 4, 3, threshold=0.0)
    assert best[-1].words == ("cat", "sat", "on", "the")
    p = best[-1].probability
    assert 0.1 < p < 0.6
    assert model.predictor.predict_phrase("The ", 4, threshold=p + 0.05) is None
    assert model.predictor.predict_phrase("The ", 4, threshold=p - 0.05).continuation == ("sat", "on", "the")
    assert model.predict_phrase("She reads a good ", 4) is None  # next is a full stop


def test_typed_letters_settle_the_first_word_and_bring_the_phrase(model, monkeypatch):
    # "The ": five nouns compete, "cat sat on the" is ~0.3 likely: no phrase. "The c": of the
    # words starting with "c" the model all but knows "cat", so the phrase is as likely as its
    # continuation after "cat" (P(w1 | context, typed letters), renormalised over those words)
    assert model.predict_phrase("The ", 4) is None
    start = model.predictor._phrases.candidates("The ", 4, 3, threshold=0.0)
    typed = model.predictor._phrases.candidates("The c", 4, 3, threshold=0.0)
    assert typed[-1].words == start[-1].words == ("cat", "sat", "on", "the")
    p_cat = start[0].probability
    assert typed[-1].probability == pytest.approx(start[-1].probability / p_cat, rel=0.02)
    found = model.predict_phrase("The c", 4)
    assert (found.word, found.prefix, found.continuation) == ("cat", "c", ("sat", "on", "the"))
    assert found.probability >= PHRASE_THRESHOLD_TYPED
    # with letters typed the default threshold is PHRASE_THRESHOLD_TYPED: raised above the
    # 3- and 4-word phrases' probabilities, the 2-word one is left; above that too, none
    import wordpad_ai.neural.phrases as phrases

    monkeypatch.setattr(phrases, "PHRASE_THRESHOLD_TYPED", typed[2].probability + 0.005)
    assert model.predict_phrase("The c", 4).continuation == ("sat",)
    monkeypatch.setattr(phrases, "PHRASE_THRESHOLD_TYPED", typed[1].probability + 0.005)
    assert model.predict_phrase("The c", 4) is None
    assert model.predict_phrase("The ", 4) is None  # a word start keeps PHRASE_THRESHOLD


def test_the_next_keystroke_of_the_word_costs_no_model_work(model, monkeypatch):
    pred = model.predictor
    first = model.predict_phrase("x The c", 4)  # fresh contexts: three output layers
    calls = []
    real = pred.probs_after
    monkeypatch.setattr(pred, "probs_after", lambda tokens: calls.append(tokens) or real(tokens))
    again = model.predict_phrase("x The ca", 4)
    assert (again.word, again.continuation) == (first.word, first.continuation)
    assert calls == []  # the word's and the phrase's distributions were kept
    assert not pred.next_probs(("the",)).flags.writeable  # shared, so nobody may change them


def test_a_phrase_call_costs_a_few_milliseconds(model):
    model.predict("We went ", 3)
    t0 = time.perf_counter()
    for i in range(20):
        model.predict_phrase(f"{'x ' * i}We went ", 4)  # new contexts: no cached states
    assert (time.perf_counter() - t0) / 20 < 0.02


def test_engine_puts_the_phrase_in_the_top_continuation(model, tmp_path):
    from wordpad_ai.engine.core import Engine
    from wordpad_ai.plugins import PluginHost
    from wordpad_ai.settings import Settings

    engine = Engine(PluginHost(only=["lstm"]), Settings())
    engine.set_model("lstm", str(model.path))
    plain = engine.suggest("I like ", 3)
    with_phrase = engine.suggest("I like ", 3, phrase=True)
    assert with_phrase[0] == Suggestion("Linux", plain[0].probability, continuation=("a", "lot"))
    assert [s.word for s in with_phrase] == [s.word for s in plain]  # single words unchanged
    assert engine.suggest("She reads a good ", 3, phrase=True)[0].continuation == ()  # a full stop is next


class _PhraseWordList(WordListModel):
    """The evaluation test model plus fixed phrases, so the accounting can be checked by hand."""

    def predict_phrase(self, text_before_cursor, max_words=4):
        if text_before_cursor.endswith("the "):
            return Suggestion("cat", 0.9, continuation=("sat", "on"))
        return None


def test_phrase_simulation_accounting_by_hand():
    # model (tests/test_evaluation.py): after "the" → cat, dog, sun; after "cat" → ran, sat;
    # after "sat" → the. k=1. Text: "the cat sat on the cat ran"
    #  "the"  start: offered (top: the)                          1 key
    #  "cat sat on": phrase after "the " = cat sat on, all right → Tab: 1 key for 3 words
    #  "the"  after "on": bigram none → top "the"                 1 key
    #  "cat ran": phrase "cat sat on": first word only right → select "cat": 1 key
    #  "ran": after "cat" → ran                                   1 key
    model = _PhraseWordList("the cat sat. the cat ran. the dog sat. the sun set.")
    res = evaluate_phrases(model, "the cat sat on the cat ran", k=1)
    assert res.result.words == 7
    assert res.result.keystrokes_total == 4 + 4 + 4 + 3 + 4 + 4 + 4
    assert res.result.keystrokes_used == 1 + 1 + 1 + 1 + 1
    # without phrases: "sat" (after cat: ran first; s → sat) 2 keys, "on" never offered 3 keys
    assert res.ksr_without == pytest.approx(1 - (1 + 1 + 2 + 3 + 1 + 1 + 1) / 27)
    assert res.result.ksr > res.ksr_without
    assert (res.shown, res.right_full_share, res.right_first_share) == (2, 0.5, 1.0)
    assert res.accepted_words == 3


def test_typist_view_counts_each_phrase_shown_once_per_word():
    # the typist types every letter of "the cat sat on the cat ran" (k=1, the editor's whole
    # ranking): after "the " the top word is "cat" and the phrase "cat sat on" is on screen, at
    # word 2 (right) and at word 6 (the text goes on "cat ran": wrong); no other keystroke shows one
    model = _PhraseWordList("the cat sat. the cat ran. the dog sat. the sun set.")
    view = evaluate_phrases(model, "the cat sat on the cat ran", k=1, typist=True).typist
    assert (view.words, view.words_with_phrase, view.shown) == (7, 2, 2)
    assert view.right_full_share == 0.5
    assert evaluate_phrases(model, "the cat sat on the cat ran", k=1).typist is None


def test_the_editor_s_whole_ranking_keeps_the_model_s_phrases(model):
    ranked = WholeRanking(model)
    assert ranked.predict_phrase("I like ", 4) == model.predict_phrase("I like ", 4)
    assert ranked.predict_ranked("I like ", 3) == model.predict_ranked("I like ", 3)


def test_a_whole_name_is_never_offered_as_a_phrase(model, tmp_path):
    # the learnt phrase after "I like " is "Linux a lot"; written "Linux A lot" it would start
    # with two capitalised words in a row, the shape of a personal name ("John Smith")
    import json
    import shutil

    copy = tmp_path / "named"
    shutil.copytree(model.path, copy)
    case = json.loads((copy / "case.json").read_text(encoding="utf-8"))
    case["a"] = "A"
    (copy / "case.json").write_text(json.dumps(case), encoding="utf-8")
    named = LSTMModel.load(copy)
    assert model.predict_phrase("I like ", 4).continuation == ("a", "lot")
    assert named.predict_phrase("I like ", 4) is None
    # the single word is still suggested
    assert named.predict("I like ", 1)[0].word == "Linux"
