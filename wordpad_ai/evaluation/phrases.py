"""Keystroke savings with phrase completion (``wordpad-ai evaluate --phrases``).

This extends the Presage protocol of :mod:`.keystrokes` (same tokens, same accounting, same
:func:`~wordpad_ai.evaluation.keystrokes.evaluate` loop). At every query the writer also sees the model's phrase
(``predict_phrase``) when its first word is the top suggestion, exactly as the engine shows it.
When the word being written is offered and a phrase is shown whose next *m* ≥ 2 words equal the
text's next words (case-sensitive, separated by single spaces), the writer accepts them: the
whole phrase with one Tab when all its words match, else *m* words with one Ctrl+Right each.
Otherwise the writer behaves exactly as in the word protocol. The single-word suggestions are
unchanged and an accepted phrase never costs more than the word protocol for the same words, so
savings with phrases are never below savings without; the simulator also computes the savings
without phrases from the same queries (``ksr_without``).

That writer takes a word from the bar as soon as it is offered, so it never reaches the later
letters of a word, where a phrase is surest ("Looking forward to h" → "hearing from you"). The
*typist view* (:class:`TypistSimulator`, reported beside it) is what the ghost text shows a writer
who types every letter: at each keystroke the phrase on screen, each distinct phrase counted once
per word, right when all its words are what comes next.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Sequence

from ..api import NextWordModel
from .document import DEFAULT_CONTEXT_CHARS, Document
from .keystrokes import (EvaluationResult, QueryCounter, Simulator, Step, WholeRanking, WordSimulator,
                         evaluate, first_index)

__all__ = ["PhraseSimulator", "PhraseResult", "TypistSimulator", "TypistView", "evaluate_phrases",
           "matched_words"]


@dataclass
class PhraseTally:
    """Phrase counts while simulating (internal, mutable by design)."""

    shown: int = 0  # queries at which a phrase was shown
    right_full: int = 0  # of which all the phrase's words were what the writer typed next
    right_first: int = 0  # of which the first word was right
    shown_partial: int = 0  # phrases shown with part of the first word typed
    right_full_partial: int = 0  # of which all words were right
    accepted: int = 0  # phrases (or parts of them, 2+ words) accepted
    accepted_words: int = 0  # words written by accepting phrases
    baseline_used: int = 0  # keystrokes the word protocol needs for the same tokens
    calls: int = 0  # predict_phrase calls
    seconds: float = 0.0  # time inside predict_phrase


class PhraseSimulator(Simulator):
    """The word protocol plus phrase acceptance (see the module docstring)."""

    name = "phrase"

    def __init__(self, max_words: int = 4):
        self.max_words = max_words  # longest phrase asked of the model
        self.tally = PhraseTally()
        self._word = WordSimulator()

    def _phrase(self, model: NextWordModel, before: str, words: list[str]) -> tuple[str, ...] | None:
        t0 = time.perf_counter()
        found = model.predict_phrase(before, self.max_words)
        self.tally.seconds += time.perf_counter() - t0
        self.tally.calls += 1
        if found is None or not found.continuation or not words:
            return None
        if found.word.lower() != words[0].lower():
            return None  # the engine shows a phrase only on the top suggestion
        return (words[0], *found.continuation)

    def step(self, doc: Document, i: int, queries: QueryCounter) -> Step:
        start, end = doc.spans[i]
        word, length = doc.text[start:end], end - start
        for typed in range(length):
            before = doc.before(start + typed)
            words = queries.words(before)
            rank = first_index(words, word)
            phrase = self._phrase(queries.model, before, words)
            matched = matched_words(doc, i, phrase) if phrase else 0
            if phrase:
                t = self.tally
                t.shown += 1
                t.right_first += matched >= 1
                t.right_full += matched == len(phrase)
                if typed:
                    t.shown_partial += 1
                    t.right_full_partial += matched == len(phrase)
            if rank is None:
                continue
            if matched >= 2:
                cost = typed + (1 if matched == len(phrase) else matched)
                baseline = typed + 1 + sum(self._word.step(doc, j, queries).keystrokes
                                           for j in range(i + 1, i + matched))
                self.tally.accepted += 1
                self.tally.accepted_words += matched
                self.tally.baseline_used += baseline
                return Step(consumed=matched, keystrokes=cost,
                            start_rank=rank if typed == 0 else None)
            self.tally.baseline_used += typed + 1
            return Step(consumed=1, keystrokes=typed + 1, start_rank=rank if typed == 0 else None)
        self.tally.baseline_used += length + 1
        return Step(consumed=1, keystrokes=length + 1, start_rank=None)


class TypistSimulator(Simulator):
    """A writer who types every letter and sees the ghost text (no savings: it accepts nothing).
    At every keystroke of a word, its last included, it records the phrase shown, as the engine
    shows it (only on the top suggestion: after the last letter, the word itself where the model
    takes it for finished, "Once upon a" → " time"); the same phrase over several keystrokes of
    one word is one phrase."""

    name = "typist"

    def __init__(self, max_words: int = 4):
        self.max_words = max_words
        self.words_with_phrase = 0  # words at some keystroke of which a phrase was shown
        self.shown = 0  # distinct phrases shown (per word)
        self.right = 0  # of which all words were what came next

    def step(self, doc: Document, i: int, queries: QueryCounter) -> Step:
        start, end = doc.spans[i]
        seen: set[tuple[str, ...]] = set()
        for typed in range(end - start + 1):  # the word's last letter typed too ("Once upon a" → time)
            before = doc.before(start + typed)
            words = queries.words(before)
            found = queries.model.predict_phrase(before, self.max_words)
            if (found is None or not found.continuation or not words
                    or found.word.lower() != words[0].lower()):
                continue  # the engine shows a phrase only on the top suggestion
            phrase = (words[0], *found.continuation)
            if phrase not in seen:
                seen.add(phrase)
                self.shown += 1
                self.right += matched_words(doc, i, phrase) == len(phrase)
        self.words_with_phrase += bool(seen)
        return Step(consumed=1, keystrokes=end - start + 1, start_rank=None)


@dataclass(frozen=True)
class TypistView:
    """What the ghost text showed a writer typing every letter (:class:`TypistSimulator`)."""

    words: int
    words_with_phrase: int  # words at some keystroke of which a phrase was shown
    shown: int  # distinct phrases shown
    right_full_share: float  # share of them entirely right

    @property
    def words_share(self) -> float:
        return self.words_with_phrase / self.words if self.words else 0.0

    def to_json(self) -> dict:
        return {**self.__dict__, "words_share": self.words_share}


def matched_words(doc: Document, i: int, phrase: Sequence[str]) -> int:
    """How many of ``phrase``'s words are the text's next words from token ``i`` on."""
    m = 0
    for n, w in enumerate(phrase):
        j = i + n
        if j >= len(doc.spans) or doc.word(j) != w:
            break
        if n and doc.text[doc.spans[j - 1][1]:doc.spans[j][0]] != " ":
            break
        m += 1
    return m


@dataclass(frozen=True)
class PhraseResult:
    """Savings with and without phrases, and how often the phrases shown were right."""

    result: EvaluationResult  # the run with phrases (its ksr includes them)
    ksr_without: float  # savings of the word protocol on the same text and queries
    shown: int  # phrases shown (one per query that displayed one)
    right_full_share: float  # share of shown phrases that were entirely right
    right_first_share: float  # share whose first word was right
    shown_partial: int  # phrases shown with part of the first word typed
    right_full_partial_share: float  # share of those entirely right
    accepted_words: int  # words written by accepting phrases
    ms_per_phrase_call: float  # mean time of predict_phrase, milliseconds
    typist: TypistView | None = None  # the typist view of the same text, when asked for

    def to_json(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k not in ("result", "typist")}
        if self.typist is not None:
            data["typist"] = self.typist.to_json()
        data["ksr_with"] = self.result.ksr
        data["result"] = self.result.to_json()
        return data


def evaluate_phrases(model: NextWordModel, texts: str | Sequence[str], k: int = 3, *,
                     max_words: int | None = None, max_phrase_words: int = 4,
                     context_chars: int | None = DEFAULT_CONTEXT_CHARS, on_progress=None,
                     typist: bool = False) -> PhraseResult:
    """Simulate writing ``texts`` with suggestions and phrases; see the module docstring. With
    ``typist``, the typist view of the same text too (one more pass)."""
    sim = PhraseSimulator(max_phrase_words)
    result = evaluate(model, texts, k, max_words=max_words, context_chars=context_chars,
                      simulator=sim, with_perplexity=False, on_progress=on_progress)
    view = None
    if typist:
        ts = TypistSimulator(max_phrase_words)
        ranked = model if isinstance(model, WholeRanking) else WholeRanking(model)  # as the editor
        run = evaluate(ranked, texts, k, max_words=max_words, context_chars=context_chars,
                       simulator=ts, with_perplexity=False)
        view = TypistView(run.words, ts.words_with_phrase, ts.shown,
                          ts.right / ts.shown if ts.shown else 0.0)
    t = sim.tally
    share = (lambda a, b: a / b if b else 0.0)
    return PhraseResult(
        result=result,
        ksr_without=1 - t.baseline_used / result.keystrokes_total if result.keystrokes_total else 0.0,
        shown=t.shown, right_full_share=share(t.right_full, t.shown),
        right_first_share=share(t.right_first, t.shown), shown_partial=t.shown_partial,
        right_full_partial_share=share(t.right_full_partial, t.shown_partial),
        accepted_words=t.accepted_words,
        ms_per_phrase_call=1000 * t.seconds / t.calls if t.calls else 0.0, typist=view)
