"""``Predictor.inspect`` with the shipped LSTM: reads only the shown tokens from the cached state
before them, and reports what reading the text from the zero state gives."""

from __future__ import annotations

import numpy as np
import pytest

import wordpad_ai
from wordpad_ai.api import ModelError
from wordpad_ai.text.tokenize import analyse_context

TEXT = "The old man who lived by the sea caught a big fish. She said that the book was on the "


@pytest.fixture(scope="module")
def predictor():
    try:
        return wordpad_ai.load_model("lstm").predictor
    except ModelError as exc:  # pragma: no cover - a checkout without the shipped weights
        pytest.skip(f"shipped LSTM unavailable: {exc}")


def _from_zero(pred, tokens, last):
    """The reference: every token read from the zero state, internals kept per token."""
    states, rows = pred.zero_states(), []
    for tok in tokens:
        states, extra = pred.step(states, pred.vocab.id(tok))
        rows.append({**{k: v[0] for k, v in extra.items()}, "hidden |h|": np.abs(states[0][0]),
                     "cell |c|": np.abs(states[1][0])})
    p = np.exp(pred.log_probs(states))
    return {name: np.stack([r[name] for r in rows[-last:]]) for name in rows[0]}, p


@pytest.mark.parametrize("warm", [False, True])
def test_inspect_matches_reading_from_zero_and_reuses_the_cache(predictor, warm):
    predictor._cache.clear()
    predictor._last = None
    if warm:  # typed word by word: the editor's suggestions filled the cache
        for i, ch in enumerate(TEXT):
            if ch == " ":
                predictor.predict(TEXT[:i + 1], 3)
    steps = []
    step = predictor.step
    predictor.step = lambda states, token_id: steps.append(token_id) or step(states, token_id)
    try:
        internals = predictor.inspect(TEXT, last_tokens=12)
    finally:
        del predictor.step
    tokens = analyse_context(TEXT).tokens
    assert len(tokens) == 22 and internals.tokens == tokens[-12:]
    assert len(steps) == (12 if warm else 22)  # warm: only the shown tokens are read
    expected, p = _from_zero(predictor, tokens, 12)
    assert list(internals.series) == ["forget gate", "input gate", "output gate", "hidden |h|", "cell |c|"]
    for name, rows in internals.series.items():
        assert isinstance(rows, list) and all(type(v) is float for v in rows[0])  # plain JSON values
        assert np.allclose(rows, expected[name], atol=1e-6), name
    words = [w for w, _ in internals.top]
    assert len(words) == 10 and [q for _, q in internals.top] == sorted((q for _, q in internals.top), reverse=True)
    assert np.allclose([q for _, q in internals.top], [p[predictor.vocab.id(w.lower())] for w in words], rtol=1e-5)  # cased as shown
    # the next suggestion for this text finds its state cached: no model work
    steps.clear()
    predictor._last = None  # no shortcut through the last answer
    predictor.step = lambda states, token_id: steps.append(token_id) or step(states, token_id)
    try:
        predictor.predict(TEXT, 3)
    finally:
        del predictor.step
    assert steps == []
