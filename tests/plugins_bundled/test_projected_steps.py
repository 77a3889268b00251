"""The cells' fast training path (the input half of every step projected at once, then
``tf_step_projected``) computes exactly what stepping ``tf_step`` under autodiff computes:
outputs and every gradient."""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from wordpad_ai_lstm.cell import LSTMCell
from wordpad_ai_rnn.cell import RNNCell


def _run(cell, fast: bool, weights: dict, x, states, upstream):
    names = sorted(weights)
    args = [weights[k] for k in names] + [x, *states]
    with tf.GradientTape() as tape:
        tape.watch(args)
        w = dict(zip(names, args[:len(names)]))
        x_, st = args[len(names)], tuple(args[len(names) + 1:])
        if fast:
            xp, w_step = cell.tf_project_inputs(w, x_)  # x [T, B, d]
            hs = []
            for x_t in tf.unstack(xp):
                st = tuple(cell.tf_step_projected(w_step, x_t, st))
                hs.append(st[0])
            h = tf.stack(hs)
        else:
            hs = []
            for x_t in tf.unstack(x_):
                st = tuple(cell.tf_step(w, x_t, st))
                hs.append(st[0])
            h = tf.stack(hs)
        loss = tf.reduce_sum(h * upstream)
    return h.numpy(), [g.numpy() for g in tape.gradient(loss, args)]


def test_fast_paths_match_stepwise_autodiff():
    rng = np.random.default_rng(3)
    T, B, d, n = 7, 4, 5, 6
    for cell in (LSTMCell, RNNCell):
        weights = {k: tf.constant(v) for k, v in cell.init_weights(d, n, rng).items()}
        x = tf.constant(rng.standard_normal((T, B, d)).astype(np.float32))
        states = tuple(tf.constant(rng.standard_normal((B, n)).astype(np.float32) * 0.5)
                       for _ in cell.state_names)
        upstream = tf.constant(rng.standard_normal((T, B, n)).astype(np.float32))
        h_ref, g_ref = _run(cell, False, weights, x, states, upstream)
        h_fast, g_fast = _run(cell, True, weights, x, states, upstream)
        np.testing.assert_allclose(h_fast, h_ref, atol=1e-6)
        for a, b in zip(g_fast, g_ref):
            np.testing.assert_allclose(a, b, atol=2e-6, rtol=1e-5)
