"""Idle-time work for the next keystroke: the distributions after the word being typed.

The keystrokes that cost model work are the ones that complete a word: the space or the comma
after it needs the state after the word and the output layer over the whole vocabulary (~10 MB of
weights for the shipped LSTM, read from memory that other programs had the use of while the
writer paused), and the phrase search at the next word's first letter needs the distribution
after that word. While the editor waits for the writer, :func:`prepare` computes the
distribution after the word the writer most probably types next (the typed letters as a finished
word when that is the likeliest reading, else their likeliest completion; at a word start, the
likeliest next word), and after the punctuation mark most likely to follow it when one is likely
(``MARK_AT_LEAST``), so that :meth:`Predictor.next_probs` finds them among its recent answers. A
wrong guess costs nothing but the idle time it used, and a keystroke that comes meanwhile waits
for at most one block of the output layer (``YIELD_ROWS`` rows): the work stops there.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ..text.tokenize import Context

MARKS = ".,;:!?"  # punctuation read ahead after the likely word
MARK_AT_LEAST = 0.15  # … when at least this likely there


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
        ids = np.flatnonzero(predictor.suggestable)
    if not len(ids):
        return None
    return predictor.vocab.tokens[int(ids[int(np.argmax(p[ids]))])]


def prepare(predictor, text_before_cursor: str, should_stop: Callable[[], bool] = lambda: False) -> None:
    """Compute (and keep) the distributions the next keystrokes probably need (module docstring),
    giving up as soon as ``should_stop()`` is true: the next request has come."""
    if should_stop():
        return
    ctx = predictor.context(text_before_cursor)
    word = _likely_word(predictor, ctx, should_stop)
    if word is None:
        return
    written = f"{text_before_cursor[:len(text_before_cursor) - len(ctx.partial)]}{word}"
    q = predictor.next_probs(predictor.context(written + " ").tokens, should_stop)
    marks = [predictor.vocab.id(m) for m in MARKS if m in predictor.vocab]
    if q is None or not marks:
        return
    best = max(marks, key=lambda i: q[i])
    if q[best] >= MARK_AT_LEAST:
        predictor.next_probs(predictor.context(written + predictor.vocab.tokens[best]).tokens, should_stop)
