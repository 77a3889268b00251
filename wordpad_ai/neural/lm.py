"""The recurrent language model in TensorFlow (training only; inference is numpy, see
:mod:`wordpad_ai.neural.inference`).

    e(t) = E[x(t)]                                  embedding, E [V, d]
    h(t), s(t) = cell(e(t), s(t-1))                 the model's cell class, h [n]
    z(t) = h(t) P   (tied, n ≠ d)   or   h(t)       P [n, d]
    o(t) = c + V z(t),   V = E (tied) or V_out      logits [V]
    loss = −log softmax(o(t))[x(t+1)]               (or sampled softmax while training)
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import tensorflow as tf

from .cells import Cell
from .config import LMConfig
from .weights import CELL_PREFIX


class RecurrentLM(tf.Module):
    """Embedding → cell → (projection) → output layer, over [batch, time] token ids."""

    def __init__(self, config: LMConfig, weights: Mapping[str, np.ndarray], cell: type[Cell]):
        super().__init__(name="recurrent_lm")
        self.config = config
        self.cell = cell
        # one tf.Variable per named weight (names as in weights.py, '/' kept in the dict key)
        self.w = {k: tf.Variable(np.asarray(v, np.float32), name=k.replace("/", "__"))
                  for k, v in sorted(weights.items())}

    @property
    def out_weights(self) -> tf.Variable:
        return self.w["embedding"] if self.config.tie_weights else self.w["out_w"]

    def cell_weights(self) -> dict:
        return {k[len(CELL_PREFIX):]: v for k, v in self.w.items() if k.startswith(CELL_PREFIX)}

    def zero_states(self, batch: int) -> tuple:
        n = self.config.hidden_dim
        return tuple(tf.zeros([batch, n]) for _ in self.cell.state_names)

    def features(self, ids: tf.Tensor, training: bool = False) -> tf.Tensor:
        """z(t) for every position: ids [B, T] int → [B, T, d_out]."""
        return tf.transpose(self._features_tm(tf.transpose(ids), training), [1, 0, 2])

    def _features_tm(self, ids_tm: tf.Tensor, training: bool = False) -> tf.Tensor:
        """z(t), time-major: ids [T, B] → [T, B, d_out]. Time-major throughout, so each step's
        slice is contiguous and no large tensor is ever transposed."""
        cfg = self.config
        e = tf.nn.embedding_lookup(self.w["embedding"], ids_tm)  # [T, B, d]
        if training and cfg.dropout > 0:
            e = tf.nn.dropout(e, cfg.dropout)
        states = self.zero_states(tf.shape(ids_tm)[1])
        e, w_cell = self.cell.tf_project_inputs(self.cell_weights(), e)  # every step's input half at once
        step_fn = self.cell.tf_step_projected
        if cfg.unroll == "scan":
            def step(carry, x_t):  # x_t [B, k], the step's input projection
                return tuple(step_fn(w_cell, x_t, carry))

            h = tf.scan(step, e, initializer=states)[0]  # [T, B, n]
        else:
            hs = []
            # static T: a python loop unrolled in the graph; unstack (its gradient is one stack)
            # rather than e[t] slices (each slice's gradient would be a zero-padded copy of e)
            for x_t in tf.unstack(e):
                states = tuple(step_fn(w_cell, x_t, states))
                hs.append(states[0])
            h = tf.stack(hs)  # [T, B, n]
        if training and cfg.dropout > 0:
            h = tf.nn.dropout(h, cfg.dropout)
        if "proj" in self.w:
            h = tf.einsum("tbn,nd->tbd", h, self.w["proj"])  # [T, B, d]
        return h

    def logits(self, z: tf.Tensor) -> tf.Tensor:
        """o(t) = c + V z(t): [B, T, d_out] (or time-major) → [B, T, V]."""
        return tf.einsum("xyd,vd->xyv", z, self.out_weights) + self.w["out_b"]

    def token_losses(self, ids: tf.Tensor, training: bool = False) -> tf.Tensor:
        """Per-token negative log-likelihood of ids[:, 1:] given ids[:, :-1]: [B, T+1] → [B, T].

        Training with ``num_sampled > 0`` uses the sampled-softmax estimate; evaluation always
        uses the full softmax.
        """
        ids_tm = tf.transpose(ids)  # [T+1, B]
        x, y = ids_tm[:-1], ids_tm[1:]  # [T, B], [T, B]
        z = self._features_tm(x, training=training)  # [T, B, d_out]
        if training and self.config.num_sampled > 0:
            flat = self.sampled_losses(tf.reshape(z, [-1, z.shape[-1]]), tf.reshape(y, [-1]))  # [T·B]
            return tf.transpose(tf.reshape(flat, tf.shape(y)))
        return tf.transpose(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=self.logits(z)))

    def sampled_losses(self, z: tf.Tensor, labels: tf.Tensor, sampled_values=None) -> tf.Tensor:
        """Sampled-softmax estimate of −log p(label | z) (Jean et al. 2015), as
        ``tf.nn.sampled_softmax_loss`` with its defaults (log-uniform candidates without
        repetition, log-q correction, accidental hits removed) but with the accidental hits
        masked by one comparison instead of a sparse-to-dense scatter: z [N, d], labels [N] → [N].
        The vocabulary is sorted by frequency, as the log-uniform (Zipf) sampler assumes;
        ``sampled_values`` (the sampler's result) replaces the draw, as in TensorFlow's function."""
        W, b = self.out_weights, self.w["out_b"]
        labels64 = tf.cast(labels, tf.int64)
        if sampled_values is None:
            sampled_values = tf.random.log_uniform_candidate_sampler(
                true_classes=labels64[:, None], num_true=1, num_sampled=self.config.num_sampled,
                unique=True, range_max=b.shape[0])
        sampled, true_expected, sampled_expected = sampled_values  # [S], [N, 1], [S]
        true_logits = (tf.reduce_sum(z * tf.gather(W, labels), axis=1) + tf.gather(b, labels)
                       - tf.math.log(true_expected[:, 0]))  # [N]
        sampled_logits = (tf.matmul(z, tf.gather(W, sampled), transpose_b=True) + tf.gather(b, sampled)
                          - tf.math.log(sampled_expected))  # [N, S]
        hits = tf.equal(labels64[:, None], sampled[None, :])  # a "negative" that is the true word
        sampled_logits = tf.where(hits, tf.constant(-1e9, sampled_logits.dtype), sampled_logits)
        all_logits = tf.concat([true_logits[:, None], sampled_logits], axis=1)  # [N, 1 + S]
        return tf.reduce_logsumexp(all_logits, axis=1) - true_logits

    def export(self) -> dict[str, np.ndarray]:
        """The weights as numpy arrays, named as in :mod:`wordpad_ai.neural.weights`."""
        return {k: v.numpy() for k, v in self.w.items()}
