"""The compiled training and validation steps of a recurrent LM under a tf.distribute strategy.

As in the Keras "training loop from scratch" and tf.distribute custom-training guides: the tape
wraps only the forward pass and the loss; ``strategy.run`` runs a replica's share of the global
batch, ``strategy.reduce`` sums the results, and ``tf.nn.compute_average_loss`` scales each
replica's loss by the *global* batch size, so one loop serves one CPU, several GPUs or several
machines alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import tensorflow as tf

from .lm import RecurrentLM


@dataclass(frozen=True)
class Steps:
    """What the loop calls: each takes a global [B, T+1] batch of token ids."""

    train: Callable  # batch → summed loss (one optimiser step, gradients reduced over replicas)
    evaluate: Callable  # batch → (summed NLL, token count), full softmax, no dropout


def build_steps(lm: RecurrentLM, optimizer, strategy: tf.distribute.Strategy) -> Steps:
    """Train and evaluation steps of ``lm`` (built under ``strategy.scope()``) for global batches
    of ``lm.config.batch_size`` sequences, split evenly between the replicas."""
    config = lm.config
    B = config.batch_size
    variables = [lm.w[k] for k in sorted(lm.w)]
    per_replica = B // strategy.num_replicas_in_sync

    def train_fn(batch):  # [b, T+1], this replica's share
        with tf.GradientTape() as tape:
            per_example = tf.reduce_mean(lm.token_losses(batch, training=True), axis=1)  # [b]
            loss = tf.nn.compute_average_loss(per_example, global_batch_size=B)
        grads = tape.gradient(loss, variables)
        grads = [tf.convert_to_tensor(g) for g in grads]  # embedding gradients arrive sparse
        grads, _ = tf.clip_by_global_norm(grads, config.clip_norm)  # mitigate exploding gradients
        optimizer.apply_gradients(zip(grads, variables))
        return loss

    def eval_fn(batch):
        nll = lm.token_losses(batch, training=False)  # [b, T]
        return tf.reduce_sum(nll), tf.cast(tf.size(nll), tf.float32)

    def distribute(batch):
        """Split a global [B, T+1] batch between the replicas."""
        return strategy.experimental_distribute_values_from_function(
            lambda ctx: batch[ctx.replica_id_in_sync_group * per_replica:
                              (ctx.replica_id_in_sync_group + 1) * per_replica])

    @tf.function
    def train_step(batch):
        per_replica_loss = strategy.run(train_fn, args=(batch,))
        return strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica_loss, axis=None)

    @tf.function
    def eval_step(batch):
        s, n = strategy.run(eval_fn, args=(batch,))
        return (strategy.reduce(tf.distribute.ReduceOp.SUM, s, axis=None),
                strategy.reduce(tf.distribute.ReduceOp.SUM, n, axis=None))

    return Steps(train=lambda batch: train_step(distribute(batch)),
                 evaluate=lambda batch: eval_step(distribute(batch)))
