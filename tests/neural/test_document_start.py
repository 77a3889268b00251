"""An empty document (nothing complete before the cursor) is read as the start of a sentence."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tensorflow")

sys.path.insert(0, str(Path(__file__).parents[1] / "fixtures"))
from tiny_lstm import tiny_lstm_dir  # noqa: E402

from wordpad_ai.text.tokenize import EOS  # noqa: E402
from wordpad_ai_lstm.plugin import LSTMModel  # noqa: E402


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    return LSTMModel.load(tiny_lstm_dir(tmp_path_factory.mktemp("tiny_lstm")))


def test_an_empty_document_is_read_as_after_a_sentence_end(model):
    pred = model.predictor
    for text in ("", "\n\n", "  ", "Th"):
        ctx = pred.context(text)
        assert ctx.tokens == (EOS,) and ctx.sentence_start, (text, ctx)
    # the suggestions are the network's distribution after a sentence end, not its zero state
    after_end = pred.probs_after((EOS,))
    zero = pred.probs_after(())
    assert not np.allclose(after_end, zero)
    words = model.predict("", 5)
    best = [pred.vocab.tokens[i] for i in np.argsort(-after_end)
            if pred.suggestable[i] and pred.vocab.tokens[i] not in ("dear", "hi")][:3]
    # the network's first word, then a letter's greetings, then its next words
    assert [s.word.lower() for s in words] == [best[0], "dear", "hi", *best[1:3]]
    assert all(s.word[:1].isupper() for s in words)
    # a text with words keeps its own context
    assert pred.context("We went ").tokens[-1] == "went"
