"""Training and fine-tuning a recurrent LM (no Qt): the GradientTape loop under a tf.distribute
strategy, with validation, early stopping, an LR schedule, resumable checkpoints, a cancel
flag, progress events and a time budget. The result is written with
:func:`~wordpad_ai.neural.modeldir.write_model_dir` (complete or absent).
"""

from __future__ import annotations

import json
import math
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import numpy as np

from ..api import ModelError, TrainingCancelled, TrainingJob, TrainingProgress
from ..text.casing import CaseTable
from ..text.vocab import Lexicon, Vocabulary
from .cells import Cell
from .config import SHAPE_FIELDS, LMConfig
from .corpus import batches, finalize_ids, scan_corpus, steps_per_epoch
from .modeldir import ModelBundle, read_model_dir, write_model_dir
from .weights import extend_vocabulary, init_weights

if TYPE_CHECKING:
    from ..training.reading import TrainingText


# Fine-tuning samples at most this many negatives for the sampled softmax (the shipped models were
# trained with 1024): on 2 cores 512 ran 14 % more tokens/s and reached a lower validation
# perplexity in the same 100 s (143.4 against 147.6; tests/benchmarks/test_bench_training.py data).
FINETUNE_NUM_SAMPLED = 512
VALIDATE_STEP_SHARE = 0.6  # a validation batch (forward, full softmax) costs about this share of a
                           # training step (forward and backward, sampled softmax)
WRITE_ALLOWANCE_S = 2.0  # exporting the weights and writing the model directory
FIRST_VALIDATION_TRACE_S = 4.0  # the first validation also builds its graph (measured 3-5 s)
READING_SHARE = 0.25  # at most this share of a time budget goes to reading the documents


class NotEnoughText(ModelError):
    """The usable text is too short to train on."""


def resolve_config(job: TrainingJob, model_id: str, base: ModelBundle | None) -> LMConfig:
    """Defaults (or the base model's config) with the job's hyper-parameter overrides."""
    start = base.config if base is not None else LMConfig(cell=model_id)
    if base is not None:
        # how the base was built is no preference for new text: the user's frequent words join
        # the vocabulary even when the base's own last phase added none
        start = start.replace(extend_vocab=LMConfig.extend_vocab)
        if start.num_sampled > FINETUNE_NUM_SAMPLED:
            start = start.replace(num_sampled=FINETUNE_NUM_SAMPLED)
    try:
        config = start.with_overrides(job.hyperparameters)
    except ValueError as exc:
        raise ModelError(str(exc)) from None
    if base is not None:
        for f in SHAPE_FIELDS:
            if getattr(config, f) != getattr(base.config, f):
                raise ModelError(f"cannot change {f} when fine-tuning {job.base_dir} "
                                 f"(it has {f}={getattr(base.config, f)!r}); train from scratch instead")
    if config.cell != model_id:
        raise ModelError(f"this model uses the {model_id!r} cell; --hp cell={config.cell} is not allowed")
    return config


def lr_at(config: LMConfig, step: int, fraction: float) -> float:
    """Linear warm-up over ``warmup_steps``, then cosine decay to ``min_lr_ratio`` × peak as the
    run's ``fraction`` goes to 1."""
    peak = config.learning_rate
    if step < config.warmup_steps:
        return peak * (step + 1) / config.warmup_steps
    cos = 0.5 * (1 + math.cos(math.pi * min(1.0, fraction)))
    return peak * (config.min_lr_ratio + (1 - config.min_lr_ratio) * cos)


def train_model(job: TrainingJob, model_id: str, cell: type[Cell],
                on_progress: Callable[[TrainingProgress], None],
                should_stop: Callable[[], bool], strategy=None) -> Path:
    """Train (or fine-tune, when ``job.base_dir`` is set) and write the model to ``job.out_dir``."""
    t0 = time.monotonic()
    base = read_model_dir(Path(job.base_dir), model_id, cell=cell) if job.base_dir else None
    config = resolve_config(job, model_id, base)
    ckpt_dir = Path(job.checkpoint_dir) if job.checkpoint_dir else None
    tmp = None
    if ckpt_dir is None:
        from ..paths import cache_dir

        tmp = Path(tempfile.mkdtemp(prefix="train-", dir=cache_dir()))
    work = (ckpt_dir / "data") if ckpt_dir else tmp
    try:
        text = training_text(job, work / "text", t0, on_progress, should_stop)
        return _train(job, model_id, cell, config, base, text, work, ckpt_dir, on_progress, should_stop,
                      strategy, t0)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def training_text(job: TrainingJob, folder: Path, t0: float, on_progress, should_stop) -> TrainingText:
    """The job's documents read and split: ``job.text_dir`` when the caller read them (the CLI,
    the dialog's runner), else ``job.paths`` read now with the built-in readers, with at most
    :data:`READING_SHARE` of a time budget."""
    from ..training.reading import SplitRule, TrainingText, read_training_text

    if job.text_dir:
        return TrainingText.open(job.text_dir)
    on_progress(TrainingProgress(phase="reading", message="reading documents"))
    until = t0 + READING_SHARE * job.time_budget_s if job.time_budget_s else None
    text = read_training_text(job.paths, folder, SplitRule(validation=job.validation_fraction, seed=job.seed),
                              read_until=until, should_stop=should_stop)
    if should_stop():
        raise TrainingCancelled("cancelled while reading")
    return text


def _train(job, model_id, cell, config, base, text, work, ckpt_dir, on_progress, should_stop, strategy, t0):
    scan = scan_corpus(text, work, should_stop)
    if should_stop():
        raise TrainingCancelled("cancelled while reading")
    skipped_note = f"skipped {len(text.skipped)} unreadable input(s)" if text.skipped else ""
    if scan.train_tokens + scan.val_tokens < config.seq_len + 2:
        listed = "; ".join(f"{p}: {r}" for p, r in text.skipped[:5])
        raise NotEnoughText(
            f"not enough usable text to train on ({scan.train_tokens + scan.val_tokens} tokens from "
            f"{len(text.documents)} document(s); need at least {config.seq_len + 2})"
            + (f"; skipped {listed}" if listed else "") + "; add more .txt/.md documents")
    # vocabulary, lexicon, case table
    if base is None:
        vocab = Vocabulary.build(scan.counts, config.vocab_size, config.min_count)
        lexicon = Lexicon.build(scan.counts, config.lexicon_size)
        case = CaseTable.from_counts(scan.form_counts, lexicon.counts)
    else:
        vocab = base.vocab.extended(scan.counts, config.extend_vocab, config.min_count)
        lexicon = base.lexicon.merged(Lexicon.build(scan.counts, config.lexicon_size), config.lexicon_size)
        case = base.case.merged(CaseTable.from_counts(scan.form_counts, Lexicon.build(scan.counts).counts))
    train_ids, val_ids = finalize_ids(scan, vocab, work, min_val_tokens=config.seq_len + 1)
    if len(train_ids) < config.seq_len + 1:
        raise NotEnoughText(f"not enough training text ({len(train_ids)} tokens, need {config.seq_len + 1}); "
                            f"add more documents or lower --hp seq_len")
    if base is None:
        weights = init_weights(config, len(vocab), job.seed, [scan.counts.get(t, 0) for t in vocab.tokens],
                               cell=cell)
    else:
        weights = extend_vocabulary(base.weights, len(base.vocab), len(vocab), job.seed)

    import tensorflow as tf

    from .lm import RecurrentLM

    tf.random.set_seed(job.seed)
    strategy = strategy or tf.distribute.get_strategy()
    B, T = config.batch_size, config.seq_len
    if B % strategy.num_replicas_in_sync:
        raise ModelError(f"batch_size {B} must be a multiple of the {strategy.num_replicas_in_sync} replicas")
    with strategy.scope():
        lm = RecurrentLM(config, weights, cell)
        import keras

        optimizer = keras.optimizers.Adam(learning_rate=config.learning_rate)
        optimizer.build(list(lm.w.values()))
        step_var = tf.Variable(0, dtype=tf.int64, name="step")
        best_val = tf.Variable(np.inf, dtype=tf.float64, name="best_val")
        bad_evals = tf.Variable(0, dtype=tf.int64, name="bad_evals")
    variables = [lm.w[k] for k in sorted(lm.w)]

    # -- resumable checkpoints (only when the data and vocabulary are the same) --
    manager = None
    resumed = ""
    if ckpt_dir is not None:
        ckpt = tf.train.Checkpoint(model=lm, optimizer=optimizer, step=step_var, best_val=best_val,
                                   bad_evals=bad_evals)
        run_file = ckpt_dir / "run.json"
        fingerprint = {"vocab": len(vocab), "train_tokens": int(len(train_ids)), "config": config.to_json(),
                       "base": job.base_dir, "seed": job.seed}
        same_run = run_file.exists() and json.loads(run_file.read_text()) == fingerprint
        if not same_run:
            shutil.rmtree(ckpt_dir / "ckpt", ignore_errors=True)
            run_file.write_text(json.dumps(fingerprint))
        manager = tf.train.CheckpointManager(ckpt, str(ckpt_dir / "ckpt"), max_to_keep=2)
        if manager.latest_checkpoint:
            ckpt.restore(manager.latest_checkpoint)
            resumed = f"resumed from step {int(step_var.numpy())}"

    # -- the steps --
    def train_fn(batch):
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

    @tf.function
    def train_step(batch):
        per_replica = strategy.run(train_fn, args=(batch,))
        return strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica, axis=None)

    @tf.function
    def eval_step(batch):
        s, n = strategy.run(eval_fn, args=(batch,))
        return (strategy.reduce(tf.distribute.ReduceOp.SUM, s, axis=None),
                strategy.reduce(tf.distribute.ReduceOp.SUM, n, axis=None))

    per_replica = B // strategy.num_replicas_in_sync

    def distribute(batch):
        """Split a global [B, T+1] batch between the replicas."""
        return strategy.experimental_distribute_values_from_function(
            lambda ctx: batch[ctx.replica_id_in_sync_group * per_replica:
                              (ctx.replica_id_in_sync_group + 1) * per_replica])

    validate_s: list[float] = []  # durations of validation runs so far

    def validate() -> float | None:
        if len(val_ids) < T + 1:
            return None
        started = time.monotonic()
        try:
            return _validate()
        finally:
            validate_s.append(time.monotonic() - started)

    def _validate() -> float | None:
        total, count = 0.0, 0.0
        for i, batch in enumerate(batches(val_ids, T, B, job.seed, 0, 0, shuffle=False)):
            if i >= config.eval_batches:
                break
            s, n = eval_step(distribute(tf.constant(batch)))
            total += float(s)
            count += float(n)
        return math.exp(total / count) if count else None

    # -- the loop --
    per_epoch = steps_per_epoch(len(train_ids), T, B)
    epochs = job.epochs if job.epochs is not None else (None if job.time_budget_s else config.epochs)
    total_steps = epochs * per_epoch if epochs is not None else None
    budget = job.time_budget_s
    run_start = time.monotonic()
    step = int(step_var.numpy())
    first_step = step
    losses: list[float] = []
    val_ppl = None
    best_weights = lm.export() if np.isfinite(best_val.numpy()) else None
    stop_reason = "done"
    on_progress(TrainingProgress(
        phase="training", step=step, total_steps=total_steps,
        message="; ".join(m for m in (resumed, skipped_note,
                                      f"{len(train_ids)} training tokens, vocabulary {len(vocab)}") if m)))

    def fraction() -> float:
        parts = []
        if total_steps:
            parts.append(step / total_steps)
        if budget:
            parts.append((time.monotonic() - t0) / budget)
        return min(1.0, max(parts)) if parts else 0.0

    def finish_s(at_step: int) -> float:
        """Time the end of the run needs (final validation, export, writing the model): a
        measured validation run, else one guessed from the training steps, plus writing."""
        if validate_s:
            guess = max(validate_s)
        else:
            per_step = (time.monotonic() - run_start) / max(1, at_step - first_step)
            guess = config.eval_batches * per_step * VALIDATE_STEP_SHARE + FIRST_VALIDATION_TRACE_S
        return guess + WRITE_ALLOWANCE_S

    def checkpoint():
        if manager is not None:
            step_var.assign(step)
            manager.save(checkpoint_number=step)

    def train_batches():
        """Every remaining batch of the run, epoch after epoch, from the current step on
        (one tf.data pipeline for the whole run; the order depends only on seed and step)."""
        s = step
        while epochs is None or s // per_epoch < epochs:
            epoch, start = divmod(s, per_epoch)
            for b in batches(train_ids, T, B, job.seed, epoch, start):
                yield b
                s += 1

    train_ds = tf.data.Dataset.from_generator(
        train_batches, output_signature=tf.TensorSpec([B, T + 1], tf.int32)).prefetch(2)
    done = False
    for batch in train_ds:
        if should_stop():
            checkpoint()
            raise TrainingCancelled(f"cancelled at step {step}")
        optimizer.learning_rate = lr_at(config, step, fraction())
        loss = float(train_step(distribute(batch)))
        if not math.isfinite(loss):
            raise ModelError(f"training diverged at step {step} (loss {loss}); lower --hp learning_rate")
        losses.append(loss)
        step += 1
        if step % config.eval_every == 0:
            on_progress(TrainingProgress(phase="evaluating", step=step, total_steps=total_steps))
            val_ppl = validate()
            if val_ppl is not None and val_ppl < best_val.numpy() - 1e-3:
                best_val.assign(val_ppl)
                bad_evals.assign(0)
                best_weights = lm.export()
            elif val_ppl is not None:
                bad_evals.assign_add(1)
            checkpoint()
            if int(bad_evals.numpy()) >= config.patience:
                stop_reason, done = "early stop", True
        elif manager is not None and step % config.checkpoint_every == 0:
            checkpoint()
        if budget and time.monotonic() - t0 + finish_s(step) >= budget:  # done, written, by then
            stop_reason, done = "time budget", True
        if step % config.log_every == 0 or done:
            elapsed = time.monotonic() - run_start
            tps = (step - first_step) * B * T / elapsed if elapsed > 0 else None
            frac = fraction()
            eta = elapsed / frac * (1 - frac) if frac > 0 and step > first_step else None
            on_progress(TrainingProgress(
                phase="training", step=step, total_steps=total_steps, epoch=step // per_epoch,
                loss=float(np.mean(losses[-config.log_every:])), val_perplexity=val_ppl,
                tokens_per_s=tps, eta_s=eta, fraction=frac))
        if done:
            break
    # -- finish: final validation, keep the best weights, write the model --
    on_progress(TrainingProgress(phase="evaluating", step=step, total_steps=total_steps))
    val_ppl = validate()
    final = lm.export()
    if val_ppl is not None and best_weights is not None and best_val.numpy() < val_ppl:
        final, val_ppl = best_weights, float(best_val.numpy())
    checkpoint()
    on_progress(TrainingProgress(phase="saving", step=step, total_steps=total_steps))
    training = {
        "steps": step, "epochs": round(step / per_epoch, 3), "train_tokens": int(len(train_ids)),
        "val_tokens": int(len(val_ids)), "val_perplexity": val_ppl, "documents": len(text.documents),
        "skipped": [list(s) for s in text.skipped], "seconds": round(time.monotonic() - t0, 1),
        "stop_reason": stop_reason, "fine_tuned_from": job.base_dir,
        "final_loss": float(np.mean(losses[-config.log_every:])) if losses else None,
    }
    out = write_model_dir(ModelBundle(model_id, config, vocab, case, lexicon, final, training),
                          Path(job.out_dir))
    on_progress(TrainingProgress(phase="done", step=step, total_steps=total_steps,
                                 epoch=step // per_epoch, val_perplexity=val_ppl, fraction=1.0,
                                 message=f"{stop_reason}; model written to {out}"))
    return out
