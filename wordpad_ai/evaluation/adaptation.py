"""Keystroke savings with learning as you type (``wordpad-ai evaluate --adapt``).

The text is typed in order with the Presage protocol of :mod:`.keystrokes`, and each finished
sentence is passed to ``model.observe`` before the next word is written
(:class:`ObservingSimulator`); with an :class:`~wordpad_ai.engine.learning.AdaptiveModel` in front of
the model this measures what learning as you type is worth on the text, against the same model
without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..api import NextWordModel
from .document import DEFAULT_CONTEXT_CHARS, Document
from .keystrokes import EvaluationResult, QueryCounter, Step, WordSimulator, evaluate

__all__ = ["ObservingSimulator", "AdaptResult", "evaluate_adaptation"]

_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[^\S\n]*\n")  # where a sentence is finished


class ObservingSimulator(WordSimulator):
    """The word protocol; every finished sentence is passed to ``model.observe`` before the
    next word is written (learning as you type)."""

    name = "word+observe"

    def __init__(self, model: NextWordModel):
        self.model = model  # the model that learns (the evaluated one)
        self._seen: dict[int, int] = {}  # id(document) → offset up to which it was observed
        self.observed_chars = 0  # text passed to observe

    def step(self, doc: Document, i: int, queries: QueryCounter) -> Step:
        start = doc.spans[i][0]
        done = self._seen.get(id(doc), 0)
        last = None
        for m in _SENTENCE_END.finditer(doc.text, done, start):
            last = m.end()
        if last is not None:
            self.model.observe(doc.text[done:last])
            self.observed_chars += last - done
            self._seen[id(doc)] = last
        return super().step(doc, i, queries)


@dataclass(frozen=True)
class AdaptResult:
    """Savings with and without learning as you type on the same text."""

    without: EvaluationResult  # the plain model
    adapted: EvaluationResult  # the model behind an adaptive cache, observing each sentence

    def to_json(self) -> dict:
        return {"ksr_without": self.without.ksr, "ksr_with": self.adapted.ksr,
                "without": self.without.to_json(), "adapted": self.adapted.to_json()}


def evaluate_adaptation(model: NextWordModel, texts: str | Sequence[str], k: int = 3, *,
                        max_words: int | None = None, config=None,
                        context_chars: int | None = DEFAULT_CONTEXT_CHARS) -> AdaptResult:
    """Savings of ``model`` alone and with a fresh adaptive cache learning sentence by sentence."""
    from ..engine.learning import AdaptiveCache, AdaptiveConfig, AdaptiveModel

    plain = evaluate(model, texts, k, max_words=max_words, context_chars=context_chars,
                     with_perplexity=False)
    adaptive = AdaptiveModel(model, AdaptiveCache(config or AdaptiveConfig()))
    adapted = evaluate(adaptive, texts, k, max_words=max_words, context_chars=context_chars,
                       simulator=ObservingSimulator(adaptive), with_perplexity=False)
    return AdaptResult(plain, adapted)
