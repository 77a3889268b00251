"""RNN and LSTM cell maths against hand-written numpy references; numpy inference equals TF."""

from __future__ import annotations

import numpy as np
import pytest

tf = pytest.importorskip("tensorflow")

from wordpad_ai.neural.config import LMConfig  # noqa: E402
from wordpad_ai.neural.inference import Predictor  # noqa: E402
from wordpad_ai.neural.lm import RecurrentLM  # noqa: E402
from wordpad_ai.neural.modeldir import ModelBundle  # noqa: E402
from wordpad_ai.neural.weights import init_weights  # noqa: E402
from wordpad_ai.text.casing import CaseTable  # noqa: E402
from wordpad_ai.text.vocab import Lexicon, Vocabulary  # noqa: E402
from wordpad_ai_lstm.cell import LSTMCell  # noqa: E402
from wordpad_ai_rnn.cell import RNNCell  # noqa: E402

CELLS = {"lstm": LSTMCell, "rnn": RNNCell}

B, d, n = 3, 5, 4


def _rand(rng, *shape):
    return rng.standard_normal(shape).astype(np.float32)


def _sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def test_rnn_cell_matches_the_equations():
    rng = np.random.default_rng(1)
    cell = RNNCell
    w = {k: v + _rand(rng, *v.shape) * 0.1 for k, v in cell.init_weights(d, n, rng).items()}
    x, h = _rand(rng, B, d), _rand(rng, B, n)
    ref = np.tanh(w["b"] + h @ w["W"] + x @ w["U"])  # h(t) = tanh(b + W h(t-1) + U x(t))
    (h_np,), _ = cell.np_step(w, x, (h,))
    (h_tf,) = cell.tf_step({k: tf.constant(v) for k, v in w.items()}, tf.constant(x), (tf.constant(h),))
    np.testing.assert_allclose(h_np, ref, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(h_tf.numpy(), ref, rtol=1e-5, atol=1e-6)


def test_lstm_cell_matches_the_equations():
    rng = np.random.default_rng(2)
    cell = LSTMCell
    w0 = cell.init_weights(d, n, rng)
    assert np.all(w0["b"][:n] == 1.0) and np.all(w0["b"][n:] == 0.0)  # forget bias 1
    w = {k: v + _rand(rng, *v.shape) * 0.1 for k, v in w0.items()}
    x, h, c = _rand(rng, B, d), _rand(rng, B, n), _rand(rng, B, n)
    W, b = w["W"], w["b"]  # [n+d, 4n]: rows for h then x; columns f, i, o, candidate
    z = np.concatenate([h, x], axis=1)
    f = _sig(z @ W[:, 0:n] + b[0:n])
    i = _sig(z @ W[:, n:2 * n] + b[n:2 * n])
    o = _sig(z @ W[:, 2 * n:3 * n] + b[2 * n:3 * n])
    c_tilde = np.tanh(z @ W[:, 3 * n:] + b[3 * n:])
    c_ref = f * c + i * c_tilde
    h_ref = o * np.tanh(c_ref)
    (h_np, c_np), extra = cell.np_step(w, x, (h, c))
    h_tf, c_tf = cell.tf_step({k: tf.constant(v) for k, v in w.items()}, tf.constant(x),
                              (tf.constant(h), tf.constant(c)))
    for got in (h_np, h_tf.numpy()):
        np.testing.assert_allclose(got, h_ref, rtol=1e-5, atol=1e-6)
    for got in (c_np, c_tf.numpy()):
        np.testing.assert_allclose(got, c_ref, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(extra["forget gate"], f, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("cell,tie,unroll", [("lstm", True, "loop"), ("rnn", False, "scan"),
                                              ("lstm", False, "scan")])
def test_numpy_inference_equals_the_tf_forward_pass(cell, tie, unroll):
    words = ["<unk>", "<eos>", "<num>"] + [f"w{i}" for i in range(17)]
    config = LMConfig(cell=cell, embed_dim=8, hidden_dim=12, tie_weights=tie, unroll=unroll)
    weights = init_weights(config, len(words), seed=3, unigram_counts=range(len(words)), cell=CELLS[cell])
    rng = np.random.default_rng(0)
    weights = {k: v + _rand(rng, *v.shape) * 0.2 for k, v in weights.items()}
    assert ("proj" in weights) == tie
    lm = RecurrentLM(config, weights, CELLS[cell])
    ids = rng.integers(0, len(words), size=(1, 9)).astype(np.int32)
    logits = lm.logits(lm.features(tf.constant(ids))).numpy()[0]  # [T, V]
    tf_logp = logits - np.log(np.exp(logits).sum(-1, keepdims=True))
    pred = Predictor(ModelBundle("x", config, Vocabulary(words), CaseTable(), Lexicon({}), weights),
                     CELLS[cell])
    states = pred.zero_states()
    for t, i in enumerate(ids[0]):
        states, _ = pred.step(states, int(i))
        np.testing.assert_allclose(pred.log_probs(states), tf_logp[t], rtol=1e-4, atol=1e-4)
    # the cached path gives the same state as reading from scratch
    toks = [words[i] for i in ids[0]]
    np.testing.assert_allclose(pred.states_after(toks)[0], states[0], atol=1e-6)
    np.testing.assert_allclose(pred.states_after(toks[:-1] + [toks[-1]])[0], states[0], atol=1e-6)
