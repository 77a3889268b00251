"""Idle-time work for the next keystroke: the distributions after the word being typed.

The keystrokes that cost model work are the ones that complete a word: the space or the comma
after it needs the state after the word and the output layer over the whole vocabulary (~10 MB of
weights for the shipped LSTM, read from memory that other programs had the use of while the
writer paused), and the phrase search at the next word's first letter needs the distribution
after that word. While the editor waits for the writer, :func:`prepare` computes the
distribution after the word the writer most probably types next (the typed letters as a finished
word when that is the likeliest reading, else their likeliest completion; at a word start, the
likeliest next word), the ones the phrase search will read at the next word's start (after each
phrase that may still be shown), after the punctuation mark most likely to follow the word when
one is likely (``MARK_AT_LEAST``), and after the likeliest longer completion of the typed letters
(what the phrase search reads at the next letter), so that :meth:`Predictor.next_probs` finds
them among its recent answers. In the editor benchmark, A/B in the same hour, keystroke → ghost
p99 went from 8.8 / 8.6 / 8.3 ms (the word's distributions only) to 7.6 / 7.1 / 7.0 ms. A
wrong guess costs nothing but the idle time it used, and a keystroke that comes meanwhile waits
for at most one block of the output layer (``YIELD_ROWS`` rows): the work stops there.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ..text.tokenize import Context, plain_quotes
from .phrases import PHRASE_BEAM, PHRASE_MAX_WORDS, PHRASE_THRESHOLD

MARKS = ".,;:!?"  # punctuation read ahead after the likely word
MARK_AT_LEAST = 0.15  # … when at least this likely there
COMPLETION_AT_LEAST = 0.3  # share of a word's completions its likeliest needs to be read past


def likely_word(predictor, text_before_cursor: str,
                should_stop: Callable[[], bool] | None = None) -> str | None:
    """The word most likely to come next (lower case), reading the typed part of a word as the
    start of that word; None when no known word fits (or ``should_stop`` stopped it)."""
    return _likely_word(predictor, predictor.context(text_before_cursor), should_stop)


def _likely_word(predictor, ctx: Context, should_stop: Callable[[], bool] | None) -> str | None:
    p = predictor.next_probs(ctx.tokens, should_stop)  # usually just computed for the suggestion
    if p is None:
        return None
    if ctx.partial:
        ids = predictor.ids_starting(ctx.partial.lower())  # the typed word itself included
    else:
        ids = np.flatnonzero(predictor.unprompted)
    if not len(ids):
        return None
    return predictor.vocab.tokens[int(ids[int(np.argmax(p[ids]))])]


def prepare(predictor, text_before_cursor: str, should_stop: Callable[[], bool] = lambda: False) -> None:
    """Compute (and keep) the distributions the next keystrokes probably need (module docstring),
    giving up as soon as ``should_stop()`` is true: the next request has come."""
    if should_stop():
        return
    text_before_cursor = plain_quotes(text_before_cursor)  # as Predictor.predict reads it
    ctx = predictor.context(text_before_cursor)
    word = _likely_word(predictor, ctx, should_stop)
    if word is None:
        return
    start = text_before_cursor[:len(text_before_cursor) - len(ctx.partial)]
    after = predictor.context(f"{start}{word} ").tokens
    q = predictor.next_probs(after, should_stop)
    if q is None:
        return
    if not _read_phrases(predictor, after, should_stop):
        return
    marks = [predictor.vocab.id(m) for m in MARKS if m in predictor.vocab]
    if marks:
        best = max(marks, key=lambda i: q[i])
        if q[best] >= MARK_AT_LEAST:
            mark = predictor.vocab.tokens[best]
            if predictor.next_probs(predictor.context(f"{start}{word}{mark}").tokens, should_stop) is None:
                return
    # typing on in the word, the phrase search reads past its likeliest completion
    # (:data:`~.phrases.PHRASE_THRESHOLD_TYPED`, renormalised over the words the letters start)
    completion = _likely_completion(predictor, ctx, should_stop)
    if completion is not None and completion != word:
        predictor.next_probs(ctx.tokens + (completion,), should_stop)


def _read_phrases(predictor, after: tuple[str, ...], should_stop: Callable[[], bool] | None) -> bool:
    """Read what the phrase search will read at the word start after ``after``: the distribution
    after each phrase of up to ``PHRASE_MAX_WORDS`` − 1 words still at least
    :data:`~.phrases.PHRASE_THRESHOLD` likely, its beam kept as it keeps it. False if stopped."""
    hyps = [((), 1.0)]  # (phrase, its probability); the empty one's distribution is at hand
    for _ in range(PHRASE_MAX_WORDS):
        grown = []
        for words, prob in hyps:
            p = predictor.next_probs(after + words, should_stop)
            if p is None:
                return False
            ids = np.flatnonzero((p * prob >= PHRASE_THRESHOLD) & predictor.unprompted)
            grown += [(words + (predictor.vocab.tokens[int(i)],), prob * float(p[i])) for i in ids]
        hyps = sorted(grown, key=lambda h: -h[1])[:PHRASE_BEAM]
    return True


def _likely_completion(predictor, ctx: Context, should_stop: Callable[[], bool] | None) -> str | None:
    """The likeliest word longer than the typed letters, when it has at least
    ``COMPLETION_AT_LEAST`` of the probability of the words they start; else None."""
    low = ctx.partial.lower()
    ids = predictor.ids_starting(low) if low else ()
    p = predictor.next_probs(ctx.tokens, should_stop) if len(ids) else None
    if p is None:
        return None
    longer = ids[1:] if predictor.vocab.tokens[ids[0]] == low else ids  # the typed word sorts first
    if not len(longer):
        return None
    best = int(longer[int(np.argmax(p[longer]))])
    share = float(p[best]) / max(float(p[ids].sum()), 1e-30)
    return predictor.vocab.tokens[best] if p[best] > 0 and share >= COMPLETION_AT_LEAST else None
