"""The trainer's sampled-softmax loss is TensorFlow's estimator, computed more cheaply."""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from wordpad_ai.neural.config import LMConfig
from wordpad_ai.neural.lm import RecurrentLM
from wordpad_ai.neural.weights import init_weights
from wordpad_ai_lstm.cell import LSTMCell


def test_sampled_losses_and_gradients_equal_tf_sampled_softmax_loss():
    V, S, N = 300, 40, 64
    config = LMConfig(cell="lstm", vocab_size=V, embed_dim=16, hidden_dim=16, num_sampled=S)
    lm = RecurrentLM(config, init_weights(config, V, 0, cell=LSTMCell), LSTMCell)
    rng = np.random.default_rng(0)
    z = tf.constant(rng.standard_normal((N, 16)).astype(np.float32))
    labels = tf.constant(rng.integers(0, 20, N).astype(np.int64))  # frequent words: many accidental hits
    sampled = tf.random.log_uniform_candidate_sampler(true_classes=labels[:, None], num_true=1, num_sampled=S,
                                                      unique=True, range_max=V, seed=1)
    assert np.isin(labels.numpy(), sampled[0].numpy()).any()  # the case the masking is for
    results = []
    for ours in (True, False):
        with tf.GradientTape() as tape:
            if ours:
                loss = lm.sampled_losses(z, labels, sampled_values=sampled)
            else:
                loss = tf.nn.sampled_softmax_loss(weights=lm.out_weights, biases=lm.w["out_b"],
                                                  labels=labels[:, None], inputs=z, num_sampled=S,
                                                  num_classes=V, sampled_values=sampled)
        grads = tape.gradient(loss, [lm.out_weights, lm.w["out_b"]])
        results.append((loss.numpy(), [tf.convert_to_tensor(g).numpy() for g in grads]))
    (ours_loss, ours_grads), (tf_loss, tf_grads) = results
    np.testing.assert_allclose(ours_loss, tf_loss, rtol=1e-5, atol=1e-5)
    for a, b in zip(ours_grads, tf_grads):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)


def test_fine_tuning_samples_at_most_512_negatives_unless_asked():
    from types import SimpleNamespace

    from wordpad_ai.api import TrainingJob
    from wordpad_ai.neural.trainer import FINETUNE_NUM_SAMPLED, resolve_config

    base = SimpleNamespace(config=LMConfig(cell="lstm", num_sampled=1024, extend_vocab=0))
    job = TrainingJob(paths=("x",), out_dir="o", base_dir="b")
    assert resolve_config(job, "lstm", base).num_sampled == FINETUNE_NUM_SAMPLED == 512
    assert resolve_config(job, "lstm", base).extend_vocab == LMConfig.extend_vocab > 0
    asked = TrainingJob(paths=("x",), out_dir="o", base_dir="b", hyperparameters={"num_sampled": "2048"})
    assert resolve_config(asked, "lstm", base).num_sampled == 2048
    small = SimpleNamespace(config=LMConfig(cell="lstm", num_sampled=64))
    assert resolve_config(job, "lstm", small).num_sampled == 64
    assert resolve_config(TrainingJob(paths=("x",), out_dir="o"), "lstm", None).num_sampled == 0
