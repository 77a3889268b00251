"""The recurrent language model in TensorFlow (training only; inference is numpy, see
:mod:`wordpad_ai.neural.inference`).

    e(t) = E[x(t)]                                  embedding, E [V, d]
    h(t), s(t) = cell(e(t), s(t-1))                 any registered cell, h [n]
    z(t) = h(t) P   (tied, n ≠ d)   or   h(t)       P [n, d]
    o(t) = c + V z(t),   V = E (tied) or V_out      logits [V]
    loss = −log softmax(o(t))[x(t+1)]               (or sampled softmax while training)
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import tensorflow as tf

from .cells import get_cell
from .config import LMConfig
from .weights import CELL_PREFIX


class RecurrentLM(tf.Module):
    """Embedding → cell → (projection) → output layer, over [batch, time] token ids."""

    def __init__(self, config: LMConfig, weights: Mapping[str, np.ndarray]):
        super().__init__(name="recurrent_lm")
        self.config = config
        self.cell = get_cell(config.cell)
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
        cfg = self.config
        e = tf.nn.embedding_lookup(self.w["embedding"], ids)  # [B, T, d]
        if training and cfg.dropout > 0:
            e = tf.nn.dropout(e, cfg.dropout)
        w_cell = self.cell_weights()
        states = self.zero_states(tf.shape(ids)[0])
        if cfg.unroll == "scan":
            def step(carry, x_t):  # x_t [B, d]
                return tuple(self.cell.tf_step(w_cell, x_t, carry))

            all_states = tf.scan(step, tf.transpose(e, [1, 0, 2]), initializer=states)
            h = tf.transpose(all_states[0], [1, 0, 2])  # [B, T, n]
        else:
            hs = []
            for t in range(ids.shape[1]):  # static T: a python loop unrolled in the graph
                states = tuple(self.cell.tf_step(w_cell, e[:, t], states))
                hs.append(states[0])
            h = tf.stack(hs, axis=1)  # [B, T, n]
        if training and cfg.dropout > 0:
            h = tf.nn.dropout(h, cfg.dropout)
        if "proj" in self.w:
            h = tf.einsum("btn,nd->btd", h, self.w["proj"])  # [B, T, d]
        return h

    def logits(self, z: tf.Tensor) -> tf.Tensor:
        """o(t) = c + V z(t): [B, T, d_out] → [B, T, V]."""
        return tf.einsum("btd,vd->btv", z, self.out_weights) + self.w["out_b"]

    def token_losses(self, ids: tf.Tensor, training: bool = False) -> tf.Tensor:
        """Per-token negative log-likelihood of ids[:, 1:] given ids[:, :-1]: [B, T+1] → [B, T].

        Training with ``num_sampled > 0`` uses the sampled-softmax estimate; evaluation always
        uses the full softmax.
        """
        x, y = ids[:, :-1], ids[:, 1:]  # [B, T], [B, T]
        z = self.features(x, training=training)  # [B, T, d_out]
        if training and self.config.num_sampled > 0:
            d = z.shape[-1]
            flat = tf.nn.sampled_softmax_loss(
                weights=self.out_weights, biases=self.w["out_b"],
                labels=tf.reshape(tf.cast(y, tf.int64), [-1, 1]), inputs=tf.reshape(z, [-1, d]),
                num_sampled=self.config.num_sampled, num_classes=self.w["out_b"].shape[0],
            )  # [B·T]
            return tf.reshape(flat, tf.shape(y))
        return tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=self.logits(z))

    def export(self) -> dict[str, np.ndarray]:
        """The weights as numpy arrays, named as in :mod:`wordpad_ai.neural.weights`."""
        return {k: v.numpy() for k, v in self.w.items()}
