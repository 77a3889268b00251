"""Offline evaluation of next-word models: what a writer would save with their suggestions.

One module per measurement, all on the same tokens and accounting:

* :mod:`.document`    the text as the simulated writer types it (tokens, context window)
* :mod:`.keystrokes`  keystroke savings (Presage's protocol), top-1/top-k accuracy, perplexity:
                      :func:`evaluate`, the loop every simulator runs in
* :mod:`.phrases`     savings when whole phrases can be accepted (``evaluate --phrases``)
* :mod:`.adaptation`  savings with learning as you type (``evaluate --adapt``)
* :mod:`.calibration` choosing the phrase threshold on held-out text (a developer tool)

The names below are the public API (``from wordpad_ai.evaluation import evaluate``). Nothing here
imports TensorFlow or Qt.
"""

from __future__ import annotations

from .adaptation import AdaptResult, ObservingSimulator, evaluate_adaptation
from .document import DEFAULT_CONTEXT_CHARS, TOKEN_RE, Document, token_spans
from .keystrokes import (EvaluationResult, ProgressFn, QueryCounter, Simulator, Step,
                         WholeRanking, WordSimulator, evaluate, first_index)
from .phrases import PhraseResult, PhraseSimulator, evaluate_phrases

__all__ = [
    "DEFAULT_CONTEXT_CHARS", "TOKEN_RE", "Document", "token_spans",
    "EvaluationResult", "ProgressFn", "QueryCounter", "Simulator", "Step", "WordSimulator",
    "WholeRanking", "evaluate", "first_index",
    "PhraseResult", "PhraseSimulator", "evaluate_phrases",
    "AdaptResult", "ObservingSimulator", "evaluate_adaptation",
]
