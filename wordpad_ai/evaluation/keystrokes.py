"""Offline evaluation of a next-word model: keystroke savings, next-word accuracy, perplexity.

Keystroke savings follow Presage's ``presage_simulator`` protocol exactly, so figures compare
with Presage's:

* The text is split into tokens on whitespace and ASCII punctuation (``string.punctuation``);
  whitespace and punctuation are separators, not tokens ("don't" → "don", "t").
* For each token *w* of length *L* the simulated writer first asks for *k* suggestions with
  nothing typed; the model sees the original text up to the token start (including the
  whitespace and punctuation before it). If *w* is among them (``Suggestion.word == w``,
  case-sensitive) selecting it costs 1 keystroke.
* Otherwise the writer types *w* one character at a time (1 keystroke each), asking again after
  each character, and selects *w* (1 keystroke) as soon as it is offered. Never offered, it
  costs *L* + 1 (the word and its space). A selected suggestion's space is free.
* Every token adds *L* + 1 to the total: KSR = 1 − used / total.

Differences from ``presage_simulator``, all deliberate (see ``packaging/presage_baseline.py``):
Presage starts its selection counter ``ks`` at 1 (one extra keystroke per run, negligible);
Presage's context is the tokens joined by single spaces (punctuation dropped), ours is the
original text; and we skip the query after the last character of a word, because selecting the
word then costs *L* + 1, exactly what not finding it costs.

The writer is Presage's: one who reads every offer, so a model may hold back at a word's later
keystrokes the words it already offered for that word (Presage does, by default; the bundled
models do: :class:`wordpad_ai.api.PassedOver`). :class:`WholeRanking` measures a model's whole
ranking at every keystroke instead, as the editor offers it.

Next-word accuracy (top-1, top-*k*) is measured on the nothing-typed query at each word start.
Perplexity comes from the model's optional :meth:`NextWordModel.perplexity` (None when the model
does not support it).

The simulators share tokenisation and accounting: a simulator's :meth:`Simulator.step` covers
one or more tokens (a phrase simulator accepts several at once) and reports the keystrokes
used; :func:`evaluate` does the rest. This module must not import TensorFlow.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable, Sequence

from ..api import NextWordModel, Suggestion
from .document import DEFAULT_CONTEXT_CHARS, Document

__all__ = ["QueryCounter", "Step", "Simulator", "WordSimulator", "first_index",
           "EvaluationResult", "evaluate", "ProgressFn", "WholeRanking"]

ProgressFn = Callable[[int, int], None]  # (words done, words to do)


class QueryCounter:
    """Wraps a model's ``predict`` for the simulators: counts queries and the time spent in them.

    (Not the numpy ``Predictor`` of :mod:`wordpad_ai.neural.inference`, which computes
    suggestions; this one only asks a model for them.)"""

    def __init__(self, model: NextWordModel, k: int):
        self.model = model
        self.k = k  # suggestions asked for per query
        self.calls = 0  # predict calls made
        self.seconds = 0.0  # time spent inside predict

    def words(self, text_before_cursor: str) -> list[str]:
        """The suggested words (at most ``k``), most likely first."""
        t0 = time.perf_counter()
        suggestions: list[Suggestion] = self.model.predict(text_before_cursor, self.k)
        self.seconds += time.perf_counter() - t0
        self.calls += 1
        return [s.word for s in suggestions[: self.k]]


class WholeRanking(NextWordModel):
    """``model`` offering its whole ranking at every keystroke (``predict_ranked``), nothing held
    back: what the editor offers. Phrases and perplexity come from ``model``."""

    def __init__(self, model: NextWordModel):
        self.model = model
        self.model_id = getattr(model, "model_id", "")

    def predict(self, text_before_cursor: str, k: int) -> list[Suggestion]:
        return self.model.predict_ranked(text_before_cursor, k)

    def predict_ranked(self, text_before_cursor: str, k: int) -> list[Suggestion]:
        return self.model.predict_ranked(text_before_cursor, k)

    def predict_phrase(self, text_before_cursor: str, max_words: int = 4) -> Suggestion | None:
        return self.model.predict_phrase(text_before_cursor, max_words)

    def prepare(self, text_before_cursor: str, should_stop=None) -> None:
        self.model.prepare(text_before_cursor, should_stop)

    def perplexity(self, text: str) -> float | None:
        return self.model.perplexity(text)


@dataclass(frozen=True)
class Step:
    """What one simulator step cost: the tokens it covered and the keystrokes they took."""

    consumed: int  # tokens covered by this step (1 for word-by-word)
    keystrokes: int  # keystrokes the simulated writer used for them
    start_rank: int | None  # rank of the first token in the nothing-typed query; None = absent


class Simulator:
    """A way of writing with suggestions. Subclasses implement :meth:`step`."""

    name = ""

    def step(self, doc: Document, i: int, queries: QueryCounter) -> Step:
        """Simulate writing token ``i`` (and possibly those after it) of ``doc``."""
        raise NotImplementedError


def first_index(words: Sequence[str], word: str) -> int | None:
    """Position of ``word`` in ``words``, or None."""
    for rank, w in enumerate(words):
        if w == word:
            return rank
    return None


class WordSimulator(Simulator):
    """Presage's protocol: one word at a time, select a suggestion as soon as it is offered."""

    name = "word"

    def step(self, doc: Document, i: int, queries: QueryCounter) -> Step:
        start, end = doc.spans[i]
        word = doc.text[start:end]
        rank = first_index(queries.words(doc.before(start)), word)
        if rank is not None:
            return Step(consumed=1, keystrokes=1, start_rank=rank)
        length = end - start
        # after the last character, selecting costs L + 1 = not finding it: no need to ask
        for typed in range(1, length):
            if first_index(queries.words(doc.before(start + typed)), word) is not None:
                return Step(consumed=1, keystrokes=typed + 1, start_rank=None)
        return Step(consumed=1, keystrokes=length + 1, start_rank=None)


@dataclass(frozen=True)
class EvaluationResult:
    """Figures of one evaluation run."""

    model_id: str  # id of the evaluated model
    simulator: str  # protocol used: "word" (Presage's) or a later variant
    k: int  # suggestions offered per query
    words: int  # tokens evaluated
    keystrokes_used: int  # keystrokes the simulated writer needed
    keystrokes_total: int  # keystrokes without suggestions: sum of (length + 1)
    ksr: float  # keystroke savings rate, 1 - used / total
    top1_accuracy: float  # share of word starts where the first suggestion was right
    topk_accuracy: float  # share of word starts where the word was among the k suggestions
    perplexity: float | None  # per-token perplexity from the model; None if unsupported
    predictions: int  # predict calls made
    seconds: float  # wall-clock time of the simulation (perplexity excluded)
    predict_seconds: float  # of which inside the model's predict
    context_chars: int | None  # text window passed to the model; None = the whole text

    @property
    def predictions_per_s(self) -> float:
        return self.predictions / self.seconds if self.seconds > 0 else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> dict:
        data = dict(self.__dict__)
        data["predictions_per_s"] = self.predictions_per_s
        data["words_per_s"] = self.words_per_s
        return data


@dataclass
class _Tally:
    """Running sums while simulating (internal, mutable by design)."""

    words: int = 0
    used: int = 0
    total: int = 0
    starts: int = 0
    top1: int = 0
    topk: int = 0


def evaluate(
    model: NextWordModel,
    texts: str | Sequence[str],
    k: int = 3,
    *,
    max_words: int | None = None,
    context_chars: int | None = DEFAULT_CONTEXT_CHARS,
    simulator: Simulator | None = None,
    with_perplexity: bool = True,
    on_progress: ProgressFn | None = None,
) -> EvaluationResult:
    """Simulate writing ``texts`` with ``model``'s suggestions and measure the savings.

    ``texts`` is one text or several documents (the context never crosses documents).
    ``max_words`` caps the tokens evaluated over all documents. ``context_chars`` bounds the text
    before the cursor handed to the model (the last 2,000 characters by default; None passes
    everything). ``on_progress(done, total)`` is called after every token.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    if isinstance(texts, str):
        texts = [texts]
    simulator = simulator or WordSimulator()
    docs = [Document.from_text(t, context_chars) for t in texts]
    if max_words is not None:
        docs = _cap(docs, max_words)
    to_do = sum(len(d.spans) for d in docs)
    queries = QueryCounter(model, k)
    tally = _Tally()
    t0 = time.perf_counter()
    for doc in docs:
        i = 0
        while i < len(doc.spans):
            step = simulator.step(doc, i, queries)
            if step.consumed < 1:
                raise RuntimeError(f"simulator {simulator.name!r} made no progress")
            for j in range(i, i + step.consumed):
                start, end = doc.spans[j]
                tally.total += end - start + 1
            tally.used += step.keystrokes
            tally.words += step.consumed
            tally.starts += 1
            if step.start_rank is not None:
                tally.topk += 1
                tally.top1 += step.start_rank == 0
            i += step.consumed
            if on_progress is not None:
                on_progress(tally.words, to_do)
    seconds = time.perf_counter() - t0
    perplexity = _perplexity(model, docs) if with_perplexity else None
    return EvaluationResult(
        model_id=getattr(model, "model_id", "") or type(model).__name__,
        simulator=simulator.name,
        k=k,
        words=tally.words,
        keystrokes_used=tally.used,
        keystrokes_total=tally.total,
        ksr=1 - tally.used / tally.total if tally.total else 0.0,
        top1_accuracy=tally.top1 / tally.starts if tally.starts else 0.0,
        topk_accuracy=tally.topk / tally.starts if tally.starts else 0.0,
        perplexity=perplexity,
        predictions=queries.calls,
        seconds=seconds,
        predict_seconds=queries.seconds,
        context_chars=context_chars,
    )


def _cap(docs: list[Document], max_words: int) -> list[Document]:
    """The documents cut so that together they hold at most ``max_words`` tokens."""
    out = []
    left = max(0, max_words)
    for doc in docs:
        if left <= 0:
            break
        if len(doc.spans) > left:
            spans = doc.spans[:left]
            doc = Document(text=doc.text[: spans[-1][1]], spans=spans,
                           context_chars=doc.context_chars)
        out.append(doc)
        left -= len(doc.spans)
    return out


def _perplexity(model: NextWordModel, docs: list[Document]) -> float | None:
    """The model's perplexity over the documents, combined weighting each by its token count
    (a geometric mean); None if the model does not support perplexity."""
    log_sum = 0.0
    weight = 0
    for doc in docs:
        if not doc.spans:
            continue
        value = model.perplexity(doc.text)
        if value is None:
            return None
        log_sum += len(doc.spans) * math.log(value)
        weight += len(doc.spans)
    return math.exp(log_sum / weight) if weight else None
