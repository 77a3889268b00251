"""A model directory's optional tables (ngram.npz, frequencies.npz) on a tiny real LSTM: the
predictor mixes them in exactly as documented, and a broken table is one clear error."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tensorflow")

sys.path.insert(0, str(Path(__file__).parents[1] / "fixtures"))
from tiny_lstm import tiny_lstm_dir  # noqa: E402

from wordpad_ai.api import ModelError  # noqa: E402
from wordpad_ai.neural.frequency import FrequencyTable  # noqa: E402
from wordpad_ai.neural.ngram import build_table  # noqa: E402
from wordpad_ai.text.tokenize import tokenize  # noqa: E402
from wordpad_ai_lstm.plugin import LSTMModel  # noqa: E402


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return LSTMModel.load(tiny_lstm_dir(tmp_path_factory.mktemp("tiny_lstm")))


def _with_tables(plain, tmp_path, text: str, mix: float = 0.6) -> LSTMModel:
    copy = tmp_path / "tables"
    shutil.copytree(plain.path, copy)
    vocab = plain.bundle.vocab
    build_table([vocab.ids(tokenize(text))], len(vocab), min_count=2, mix=mix).save(copy / "ngram.npz")
    return LSTMModel.load(copy)


def test_ngram_table_recalls_a_phrase_the_network_never_saw(plain, tmp_path, monkeypatch):
    import wordpad_ai.neural.inference as inference

    monkeypatch.setattr(inference, "CACHE_WEIGHT", 0.0)  # the table alone (the cache: below)
    # the network learnt "I like Linux a lot"; the table has "I like green apples" 30 times
    model = _with_tables(plain, tmp_path, "I like green apples. " * 30)
    assert plain.predict("I like ", 1)[0].word == "Linux"
    words = [s.word for s in model.predict("I like ", 2)]
    assert words[0] == "green" and "Linux" in words
    # exactly the documented mixture over the network's distribution
    pred, net = model.predictor, plain.predictor
    tokens = pred.context("I like ").tokens
    p_net = net.next_probs(tokens)
    # a document's start is a sentence start: the table's context is (<eos>, i, like)
    expected = pred.ngram.mixed(p_net, pred.vocab.ids(("<eos>", *tokens))[-3:])
    assert pred.next_probs(tokens) == pytest.approx(expected)
    assert pred.next_probs(tokens).sum() == pytest.approx(1.0, abs=1e-5)


def test_frequency_table_reranks_and_a_missing_one_changes_nothing(plain, tmp_path):
    copy = tmp_path / "freq"
    shutil.copytree(plain.path, copy)
    first = LSTMModel.load(plain.path).predict("I like ", 2)
    FrequencyTable([first[1].word.lower()], np.array([1e-2]), np.array([1e-6]),
                   beta=5.0, clip=2.0).save(copy / "frequencies.npz")
    model = LSTMModel.load(copy)
    assert model.predict("I like ", 2)[0].word.lower() == first[1].word.lower()
    assert [s.word for s in LSTMModel.load(plain.path).predict("I like ", 2)] == [s.word for s in first]


def test_a_broken_table_is_one_clear_error(plain, tmp_path):
    copy = tmp_path / "broken"
    shutil.copytree(plain.path, copy)
    (copy / "ngram.npz").write_bytes(b"not a zip file")
    with pytest.raises(ModelError, match="ngram.npz.*delete"):
        LSTMModel.load(copy)


def test_the_contexts_own_words_get_a_share(plain, monkeypatch):
    import wordpad_ai.neural.inference as inference

    text = "My dog eats green apples. My dog eats green apples. The "
    tokens = plain.predictor.context(text).tokens
    monkeypatch.setattr(inference, "CACHE_WEIGHT", 0.0)
    p0 = LSTMModel.load(plain.path).predictor.next_probs(tokens)
    monkeypatch.setattr(inference, "CACHE_WEIGHT", 0.05)
    pred = LSTMModel.load(plain.path).predictor
    p = pred.next_probs(tokens)
    words = [t for t in tokens if pred.suggestable[pred.vocab.id(t)]]
    weight = 0.05 * min(1.0, len(words) / inference.CACHE_FULL_WORDS)  # 11 words: a little less
    counted = [w for w in words if w != tokens[-1]]  # the word just written ("The") gets no share
    share = counted.count("green") / len(counted)
    assert p[pred.vocab.id("green")] == pytest.approx((1 - weight) * p0[pred.vocab.id("green")] + weight * share)
    assert p[pred.vocab.id(tokens[-1])] == pytest.approx((1 - weight) * p0[pred.vocab.id(tokens[-1])])
    assert p[pred.vocab.id("<eos>")] == pytest.approx((1 - weight) * p0[pred.vocab.id("<eos>")])
    assert p.sum() == pytest.approx(1.0, abs=1e-5)


def test_a_short_context_does_not_repeat_its_own_words(plain, monkeypatch):
    """"Dear " must not offer "dear": the word just written gets no share of the cache, and a
    context of a few words gives the cache little weight."""
    import wordpad_ai.neural.inference as inference

    for text in ("Dear ", "Once upon a "):
        tokens = plain.predictor.context(text).tokens
        monkeypatch.setattr(inference, "CACHE_WEIGHT", 0.0)
        p0 = LSTMModel.load(plain.path).predictor.next_probs(tokens)
        monkeypatch.setattr(inference, "CACHE_WEIGHT", 0.05)
        p = LSTMModel.load(plain.path).predictor.next_probs(tokens)
        last = plain.predictor.vocab.id(tokens[-1])
        assert p[last] <= p0[last] + 1e-9, text  # no boost for the word just written
        assert np.abs(p - p0).sum() < 2 * 0.05 * len(tokens) / inference.CACHE_FULL_WORDS + 1e-6, text


def test_a_misspelt_word_is_read_but_never_suggested(plain, tmp_path):
    copy = tmp_path / "misspelt"
    shutil.copytree(plain.path, copy)
    fresh = LSTMModel.load(plain.path)  # (the shared one may hold a distribution of another test)
    before = [s.word for s in fresh.predict("I like ", 3)]
    slip = before[0].lower()
    FrequencyTable([slip], np.array([0.0]), np.array([0.0]), beta=0.0,
                   never_suggested=[slip]).save(copy / "frequencies.npz")
    model = LSTMModel.load(copy)
    after = [s.word.lower() for s in model.predict("I like ", 3)]
    assert slip not in after and after[:2] == [w.lower() for w in before[1:3]]
    assert slip not in [s.word.lower() for s in model.predict("I like " + slip[:2], 5)]
    # it is still read as context: the text after it is predicted as before (the probabilities
    # differ a little: the context cache shares out only words that may be suggested)
    expected = [s.word for s in fresh.predict(f"I like {slip} ", 4) if s.word.lower() != slip][:3]
    assert [s.word for s in model.predict(f"I like {slip} ", 3)] == expected


def test_in_everyday_text_a_word_the_context_barely_allows_gets_less_of_the_cache(monkeypatch):
    """The shipped model (it holds technical words back): in a letter, an earlier word the
    distribution barely allows ("Reading", a town, after "January, ") gets its share of the
    cache in proportion; one it allows gets all of it."""
    import wordpad_ai
    import wordpad_ai.neural.inference as inference

    text = ("We moved to Reading last spring and the new house is lovely. The garden is big and "
            "the garden gets the sun. See you on Tuesday 14 January, ")
    share_of = {}
    for weight in (0.0, 0.05):
        monkeypatch.setattr(inference, "CACHE_WEIGHT", weight)
        pred = wordpad_ai.load_model("lstm").predictor
        tokens = pred.context(text).tokens
        assert pred.in_other_register(tokens)
        share_of[weight] = pred.next_probs(tokens)
    pred = wordpad_ai.load_model("lstm").predictor
    p0, p = share_of[0.0], share_of[0.05]
    words = [t for t in tokens if pred.suggestable[pred.vocab.id(t)] and t != tokens[-1]]
    full = 0.05 * min(1.0, len(words) / inference.CACHE_FULL_WORDS) / len(words)  # one occurrence
    reading = pred.vocab.id("reading")
    assert p0[reading] < inference.CACHE_PLAUSIBLE
    assert p[reading] - p0[reading] < full * (p0[reading] / inference.CACHE_PLAUSIBLE) + 1e-9
    likeliest = max(set(words), key=lambda w: p0[pred.vocab.id(w)])  # one it allows: all of it
    i = pred.vocab.id(likeliest)
    assert p0[i] >= inference.CACHE_PLAUSIBLE
    assert p[i] - p0[i] > 0.9 * full * words.count(likeliest) - p0[i] * 0.05
    assert p.sum() == pytest.approx(1.0, abs=1e-5)


def test_a_topics_words_wait_where_the_text_is_not_on_it(plain, monkeypatch):
    """A topic's words (text/topics.py) are TOPIC_SHARE as likely as a next word, and put after
    the others among completions, where the text before the cursor uses none of them; text that
    uses one of them gets them all at full weight."""
    import wordpad_ai.neural.inference as inference
    import wordpad_ai.neural.suggesting as suggesting
    from wordpad_ai_lstm.plugin import LSTMModel

    monkeypatch.setattr(inference, "TOPICS", (frozenset({"house", "book"}),))
    model = LSTMModel.load(plain.path)  # a fresh predictor reads the patched topics
    pred = model.predictor
    house, apples = pred.vocab.id("house"), pred.vocab.id("apples")
    off = pred.context("We went to the big red ").tokens
    on = pred.context("She reads a good book. We went to the big red ").tokens
    p_off, p_on = pred.next_probs(off), pred.next_probs(on)
    q_off, q_on = pred._in_register(p_off, off), pred._in_register(p_on, on)
    assert q_off[house] == pytest.approx(p_off[house] * suggesting.TOPIC_SHARE)
    assert q_off[apples] == p_off[apples] and q_on[house] == p_on[house]
    assert pred.off_topic(off) == {"house", "book"} and pred.off_topic(on) == frozenset()
    # what the editor is offered: off the topic at TOPIC_SHARE of what the model without the
    # topic offers, on it as much
    def house_p(m, text):
        return next(s.probability for s in m.predict(text, 5) if s.word == "house")
    for text, share in (("We went to the big red ", suggesting.TOPIC_SHARE),
                        ("She reads a good book. We went to the big red ", 1.0)):
        assert house_p(model, text) == pytest.approx(house_p(plain, text) * share, rel=1e-3)
    # a completion is still offered, after the others that fit
    assert "house" in [s.word for s in model.predict("We went to the big red h", 3)]
