"""The simple (Elman) recurrent cell, in TF and in numpy::

    a(t) = b + W h(t-1) + U x(t)      W [n, n], U [d, n], b [n]
    h(t) = tanh(a(t))

(the output o(t) = c + V h(t) is the language model's shared output layer). Training computes
b + U x(t) for all t at once (``tf_project_inputs``) and the rest per step.
"""

from __future__ import annotations

import numpy as np

from wordpad_ai.neural.cells import Cell, glorot, orthogonal


class RNNCell(Cell):
    state_names = ("h",)

    @staticmethod
    def init_weights(input_dim: int, hidden_dim: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        return {
            "W": orthogonal(rng, hidden_dim, hidden_dim),  # [n, n]
            "U": glorot(rng, input_dim, hidden_dim),  # [d, n]
            "b": np.zeros(hidden_dim, np.float32),  # [n]
        }

    @staticmethod
    def tf_project_inputs(w, x):
        import tensorflow as tf

        return tf.einsum("tbd,dn->tbn", x, w["U"]) + w["b"], w  # b + U x(t) for all t: [T, B, n]

    @staticmethod
    def tf_step_projected(w, xp, states):
        import tensorflow as tf

        (h,) = states  # [B, n]
        return (tf.tanh(xp + tf.matmul(h, w["W"])),)  # a(t) = (b + U x(t)) + W h(t-1)

    @staticmethod
    def np_step(w, x, states):
        (h,) = states  # [B, n]
        a = w["b"] + h @ w["W"] + x @ w["U"]  # [B, n]
        return (np.tanh(a),), {}
