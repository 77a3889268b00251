"""Validation and early stopping: held-out perplexity, the best weights so far, patience.

Validation runs the full softmax over up to ``eval_batches`` batches of the validation ids, and
stops early at a deadline (the final validation of a run with a time budget), averaging what it
measured. Early stopping counts validations without improvement in TF variables, so a resumed run
continues the count from its checkpoint.
"""

from __future__ import annotations

import math
import time

import numpy as np
import tensorflow as tf

from .corpus import batches


class Validator:
    """Measures validation perplexity and keeps the best weights and the early-stopping count."""

    def __init__(self, evaluate, val_ids: np.ndarray, seq_len: int, batch_size: int, eval_batches: int,
                 patience: int, seed: int, agree=bool):
        self.evaluate = evaluate  # Steps.evaluate: batch → (summed NLL, token count)
        self.agree = agree  # flag → whether any worker says yes (Placement.agree)
        self.val_ids = val_ids  # validation token ids
        self.T, self.B = seq_len, batch_size
        self.eval_batches = eval_batches  # batches per validation
        self.patience = patience  # validations without improvement before stopping
        self.seed = seed
        self.best = tf.Variable(np.inf, dtype=tf.float64, name="best_val")  # checkpointed
        self.bad = tf.Variable(0, dtype=tf.int64, name="bad_evals")  # checkpointed
        self.best_weights: dict[str, np.ndarray] | None = None  # weights at the best perplexity

    def perplexity(self, deadline: float | None = None) -> float | None:
        """exp(mean NLL per token) over the validation batches (at least one, then until
        ``deadline``, a ``time.monotonic()`` value); None without enough validation text."""
        if len(self.val_ids) < self.T + 1:
            return None
        total, count = 0.0, 0.0
        for i, batch in enumerate(batches(self.val_ids, self.T, self.B, self.seed, 0, 0, shuffle=False)):
            if i >= self.eval_batches or (i > 0 and deadline is not None
                                          and self.agree(time.monotonic() >= deadline)):
                break
            s, n = self.evaluate(tf.constant(batch))
            total += float(s)
            count += float(n)
        return math.exp(total / count) if count else None

    def record(self, ppl: float | None, weights) -> bool:
        """Count a validation result (``weights()`` exports the current weights); whether the run
        should stop early now."""
        if ppl is None:
            return False
        if ppl < self.best.numpy() - 1e-3:
            self.best.assign(ppl)
            self.bad.assign(0)
            self.best_weights = weights()
        else:
            self.bad.assign_add(1)
        return int(self.bad.numpy()) >= self.patience

    def final(self, ppl: float | None, weights: dict[str, np.ndarray]) -> tuple[dict, float | None]:
        """The weights to keep at the end, and their perplexity: the last ones, or the best ones
        seen when those did better."""
        if ppl is not None and self.best_weights is not None and self.best.numpy() < ppl:
            return self.best_weights, float(self.best.numpy())
        return weights, ppl
