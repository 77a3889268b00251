"""Keystroke savings and accuracy on hand-computed cases, with a real count model.

The model (``tests/fixtures/wordlist_model.py``) is built from DEFAULT_CORPUS
"the cat sat. the cat ran. the dog sat. the sun set.":
  unigrams  the 4, cat 2, sat 2, dog 1, ran 1, set 1, sun 1
  bigrams   the → cat 2, dog 1, sun 1;  cat → ran 1, sat 1;  sat → the 2;  ran → the 1;
            dog → sat 1;  sun → set 1
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wordpad_ai import evaluation
from wordpad_ai.evaluation import Document, evaluate, token_spans

FIXTURES = Path(__file__).parent / "fixtures"
sys.path.insert(0, str(FIXTURES))
from wordlist_model import DEFAULT_CORPUS, WordListModel  # noqa: E402


@pytest.fixture
def model():
    return WordListModel(DEFAULT_CORPUS)


def test_tokens_split_on_whitespace_and_ascii_punctuation():
    text = "Don't stop-me now, (please)\t50%é"
    words = [text[a:b] for a, b in token_spans(text)]
    assert words == ["Don", "t", "stop", "me", "now", "please", "50", "é"]


def test_each_word_cost_by_hand_k1(model):
    # "the": nothing typed, offered first                    → 1 of 4
    # "sun": "" → cat; "s" → sat; "su" → sun  (found after 2) → 3 of 4
    # "a":   never offered (a 1-letter word needs no typing query) → 2 of 2
    # "zebra": never offered                                 → 6 of 6
    # the comma and the full stop are separators: free, and not words
    result = evaluate(model, "the sun, a zebra.", k=1)
    assert result.words == 4
    assert result.keystrokes_used == 1 + 3 + 2 + 6
    assert result.keystrokes_total == 4 + 4 + 2 + 6
    assert result.ksr == pytest.approx(1 - 12 / 16)
    assert result.top1_accuracy == pytest.approx(1 / 4)
    assert result.topk_accuracy == pytest.approx(1 / 4)
    # queries: the 1; sun "", s, su; a ""; zebra "", z, ze, zeb, zebr (not after the last char)
    assert result.predictions == 1 + 3 + 1 + 5


def test_more_suggestions_save_more_k3(model):
    # "sun" is third after "the " → 1 keystroke; "a" and "zebra" still never offered
    result = evaluate(model, "the sun, a zebra.", k=3)
    assert result.keystrokes_used == 1 + 1 + 2 + 6
    assert result.ksr == pytest.approx(1 - 10 / 16)
    assert result.top1_accuracy == pytest.approx(1 / 4)
    assert result.topk_accuracy == pytest.approx(2 / 4)


def test_comparison_is_exact_case(model):
    # the model offers "the", never "The": typed T, Th, then never found → 3 + 1
    result = evaluate(model, "The", k=3)
    assert (result.keystrokes_used, result.keystrokes_total) == (4, 4)
    assert result.ksr == 0.0


def test_found_after_one_char_and_punctuation_inside_words(model):
    # "don't" is two tokens: "don" ("" → the, "d" → dog, "do" → dog: never) → 4; "t" → 2
    # "dog" after "t " : "" → [the,...]; "d" → dog → 2
    result = evaluate(model, "don't dog", k=1)
    assert result.words == 3
    assert result.keystrokes_used == 4 + 2 + 2
    assert result.keystrokes_total == 4 + 2 + 4


def test_model_sees_original_text_before_the_cursor():
    doc = Document.from_text("Hi, you. Yes", context_chars=None)
    starts = [start for start, _ in doc.spans]
    assert doc.before(starts[1]) == "Hi, "
    assert doc.before(starts[2]) == "Hi, you. "
    assert doc.before(starts[2] + 2) == "Hi, you. Ye"


def test_context_window_bounds_the_text_passed():
    doc = Document.from_text("one two three four", context_chars=5)
    start = doc.spans[3][0]
    assert doc.before(start) == "hree "
    assert Document.from_text("one two", context_chars=5).before(4) == "one "


def test_window_does_not_change_a_bounded_model(model):
    text = "the cat sat. the dog ran. " * 30 + "the sun set."
    full = evaluate(model, text, k=2, context_chars=None)
    windowed = evaluate(model, text, k=2, context_chars=300)
    assert windowed.keystrokes_used == full.keystrokes_used
    assert windowed.context_chars == 300


def test_max_words_caps_over_documents_and_progress_reports(model):
    seen = []
    result = evaluate(model, ["the sun, a zebra.", "the cat sat."], k=1, max_words=5,
                      on_progress=lambda done, total: seen.append((done, total)))
    assert result.words == 5
    assert seen == [(i, 5) for i in range(1, 6)]
    # 4 words of the first document (12 of 16) + "the" at the start of the second (1 of 4)
    assert (result.keystrokes_used, result.keystrokes_total) == (13, 20)


def test_documents_do_not_share_context(model):
    # "sun" right after "the" in one document is offered (k=3); as the first word of the next
    # document the context is empty: the unigram list is the, cat, sat; "s" → sat, set, sun
    joined = evaluate(model, "the sun", k=3)
    split = evaluate(model, ["the", "sun"], k=3)
    assert joined.keystrokes_used == 2
    assert split.keystrokes_used == 1 + 2


def test_perplexity_from_the_model_or_none(model):
    result = evaluate(model, "the cat sat.", k=1)
    assert result.perplexity == pytest.approx(model.perplexity("the cat sat."))
    no_ppl = evaluate(WordListModel(DEFAULT_CORPUS, with_perplexity=False), "the cat", k=1)
    assert no_ppl.perplexity is None
    assert evaluate(model, "the cat", k=1, with_perplexity=False).perplexity is None


def test_result_json_and_rates(model):
    result = evaluate(model, "the sun, a zebra.", k=1)
    data = result.to_json()
    assert data["ksr"] == pytest.approx(0.25)
    assert data["model_id"] == "wordlist"
    assert data["simulator"] == "word"
    assert data["predictions_per_s"] == pytest.approx(result.predictions / result.seconds)
    assert data["words_per_s"] == pytest.approx(4 / result.seconds)


def test_empty_text_and_bad_k(model):
    result = evaluate(model, "  ,. ", k=1)
    assert (result.words, result.ksr, result.perplexity) == (0, 0.0, None)
    with pytest.raises(ValueError):
        evaluate(model, "the", k=0)


def test_a_second_simulator_reuses_tokens_and_accounting(model):
    class TypeEverything(evaluation.Simulator):
        """No suggestions used at all: two words per step, each costs length + 1."""

        name = "type-everything"

        def step(self, doc, i, predictor):
            n = min(2, len(doc.spans) - i)
            cost = sum(end - start + 1 for start, end in doc.spans[i:i + n])
            return evaluation.Step(consumed=n, keystrokes=cost, start_rank=None)

    result = evaluate(model, "the sun, a zebra.", k=1, simulator=TypeEverything())
    assert result.simulator == "type-everything"
    assert (result.words, result.keystrokes_used, result.keystrokes_total) == (4, 16, 16)
    assert result.ksr == 0.0
    assert result.predictions == 0


# -- the package's shape (issue 16 §4) ---------------------------------------------------------
def test_evaluation_is_a_package_of_one_responsibility_modules():
    from wordpad_ai.evaluation import adaptation, calibration, document, keystrokes, phrases
    from wordpad_ai.neural.inference import Predictor

    for module in (adaptation, calibration, document, keystrokes, phrases):
        assert module.__doc__ and len(Path(module.__file__).read_text().splitlines()) < 400
    # one class called Predictor in the tree: the numpy one
    assert not hasattr(keystrokes, "Predictor") and evaluation.QueryCounter is not Predictor


def test_calibration_uses_the_model_s_public_phrase_candidates(model):
    """The calibration asks ``model.phrase_candidates`` (never ``model.predictor``) and counts
    a phrase right only when all its words are what was written next."""
    from wordpad_ai.evaluation.calibration import calibrate
    from wordpad_ai.neural.phrases import PhraseCandidate

    class PhraseModel:
        """A model whose only phrase is "the cat sat" (p 0.5) after nothing or "sat"."""

        def phrase_candidates(self, before, max_words, beam, threshold=0.0):
            return [PhraseCandidate(("the",), 0.9), PhraseCandidate(("the", "cat"), 0.6),
                    PhraseCandidate(("the", "cat", "sat"), 0.5)]

    cal = calibrate(PhraseModel(), ["the cat sat. the dog sat."], max_words=10)
    assert len(cal.rows) == 6  # one row per word start
    # at word 0 "the cat sat" is right (both lengths); at word 3 "the dog": "the cat" is wrong
    assert cal.rows[0] == [(0.6, True), (0.5, True)]
    assert cal.rows[3] == [(0.6, False), (0.5, False)]
    assert cal.at(0.55) == (6, pytest.approx(1 / 6))
    with pytest.raises(TypeError, match="phrase_candidates"):
        calibrate(model, ["the cat"])


def test_calibration_runs_on_the_shipped_lstm():
    from wordpad_ai import load_model
    from wordpad_ai.evaluation.calibration import calibrate

    cal = calibrate(load_model("lstm"), ["Thank you for your help. Once upon a time."],
                    max_words=8)
    assert len(cal.rows) == 8
    assert all(0.05 <= p <= 1 and isinstance(right, bool) for row in cal.rows for p, right in row)
