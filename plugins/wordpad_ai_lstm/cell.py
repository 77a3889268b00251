"""The LSTM cell (Hochreiter & Schmidhuber 1997, with forget gate), in TF and in numpy.

With z(t) = [h(t-1), x(t)] and one fused matmul for the four gates::

    [f̂, î, ô, ĉ] = z(t) W + b             W [n+d, 4n], b [4n]
    f(t) = σ(f̂)        forget gate         (bias initialised to 1: remember by default)
    i(t) = σ(î)        input gate
    o(t) = σ(ô)        output gate
    c̃(t) = tanh(ĉ)     candidate
    c(t) = f(t)·c(t-1) + i(t)·c̃(t)
    h(t) = o(t)·tanh(c(t))

W's first n rows act on h(t-1), the last d on x(t); training computes x(t) W_x + b for all t at
once (``tf_project_inputs``) and the rest per step (``tf_step_projected``).
"""

from __future__ import annotations

import numpy as np

from wordpad_ai.neural.cells import Cell, glorot, orthogonal, sigmoid


class LSTMCell(Cell):
    state_names = ("h", "c")

    @staticmethod
    def init_weights(input_dim: int, hidden_dim: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        n, d = hidden_dim, input_dim
        W_h = np.concatenate([orthogonal(rng, n, n) for _ in range(4)], axis=1)  # [n, 4n]
        W_x = glorot(rng, d, 4 * n)  # [d, 4n]
        b = np.zeros(4 * n, np.float32)  # [4n]
        b[:n] = 1.0  # forget bias 1
        return {"W": np.concatenate([W_h, W_x], axis=0), "b": b}  # W [n+d, 4n]

    @staticmethod
    def tf_project_inputs(w, x):
        import tensorflow as tf

        n = w["b"].shape[0] // 4
        xp = tf.einsum("tbd,dk->tbk", x, w["W"][n:]) + w["b"]  # x(t) W_x + b for all t: [T, B, 4n]
        return xp, {"W_h": w["W"][:n]}  # the recurrent block [n, 4n], sliced once

    @staticmethod
    def tf_step_projected(w, xp, states):
        import tensorflow as tf

        h, c = states  # [B, n], [B, n]
        gates = tf.matmul(h, w["W_h"]) + xp  # = [h, x] W + b, the x part precomputed: [B, 4n]
        f_hat, i_hat, o_hat, c_hat = tf.split(gates, 4, axis=1)  # 4 × [B, n]
        c = tf.sigmoid(f_hat) * c + tf.sigmoid(i_hat) * tf.tanh(c_hat)  # [B, n]
        h = tf.sigmoid(o_hat) * tf.tanh(c)  # [B, n]
        return h, c

    @staticmethod
    def np_step(w, x, states):
        h, c = states  # [B, n], [B, n]
        n = h.shape[-1]
        gates = np.concatenate([h, x], axis=-1) @ w["W"] + w["b"]  # [B, 4n]
        f = sigmoid(gates[:, :n])  # forget gate [B, n]
        i = sigmoid(gates[:, n:2 * n])  # input gate [B, n]
        o = sigmoid(gates[:, 2 * n:3 * n])  # output gate [B, n]
        c_tilde = np.tanh(gates[:, 3 * n:])  # candidate [B, n]
        c = f * c + i * c_tilde  # [B, n]
        h = o * np.tanh(c)  # [B, n]
        return (h, c), {"forget gate": f, "input gate": i, "output gate": o}
