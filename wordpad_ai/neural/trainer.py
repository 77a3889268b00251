"""Training and fine-tuning a recurrent LM (no Qt): the loop, and what it is built from.

:func:`train_model` gets the documents already read and split (``training/reading.py``), turns
them into token ids and a vocabulary (:func:`prepare_data`), and runs :func:`fit`: the
GradientTape loop under a tf.distribute strategy, made of named parts: the compiled steps
(``steps.py``), a run clock that owns the time budget (``run_clock.py``), resumable checkpoints
(``checkpoints.py``), validation with early stopping (``validation.py``) and progress events
(``progress.py``). The result is written with :func:`~wordpad_ai.neural.modeldir.write_model_dir`
(complete or absent); under a multi-worker strategy only the chief writes it.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import numpy as np

from ..api import ModelError, TrainingCancelled, TrainingJob, TrainingProgress
from ..training.reading import SplitRule, TrainingText, read_training_text
from ..text.casing import CaseTable
from ..text.vocab import Lexicon, Vocabulary
from .cells import Cell
from .config import SHAPE_FIELDS, LMConfig
from .corpus import finalize_ids, run_batches, scan_corpus, steps_per_epoch
from .frequency import FILE as FREQUENCY_FILE
from .frequency import FrequencyTable
from .modeldir import ModelBundle, read_model_dir, write_model_dir
from .progress import ProgressReporter
from .weights import extend_vocabulary, init_weights

if TYPE_CHECKING:
    import tensorflow as tf


# Fine-tuning samples at most this many negatives for the sampled softmax (the shipped models were
# trained with 1024): on 2 cores 512 ran 14 % more tokens/s and reached a lower validation
# perplexity in the same 100 s (143.4 against 147.6; tests/benchmarks/test_bench_training.py data).
FINETUNE_NUM_SAMPLED = 512
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
    started = time.monotonic()
    base = read_model_dir(Path(job.base_dir), model_id, cell=cell) if job.base_dir else None
    config = resolve_config(job, model_id, base)
    from ..paths import scratch_dir

    keep = Path(job.checkpoint_dir) / "data" if job.checkpoint_dir else None  # beside the checkpoints
    with scratch_dir("train-", keep) as work:  # the token-id files
        text = training_text(job, work / "text", started, on_progress, should_stop)
        data = prepare_data(text, config, base, work, job.seed, cell, should_stop)
        return fit(job, model_id, cell, config, data, on_progress, should_stop, strategy, started)


def training_text(job: TrainingJob, folder: Path, started: float, on_progress, should_stop) -> TrainingText:
    """The job's documents read and split: ``job.text_dir`` when the caller read them (the CLI,
    the dialog's runner), else ``job.paths`` read now with the built-in readers, with at most
    :data:`READING_SHARE` of a time budget."""
    if job.text_dir:
        return TrainingText.open(job.text_dir)
    on_progress(TrainingProgress(phase="reading", message="reading documents"))
    until = started + READING_SHARE * job.time_budget_s if job.time_budget_s else None
    text = read_training_text(job.paths, folder, SplitRule(validation=job.validation_fraction, seed=job.seed),
                              read_until=until, should_stop=should_stop)
    if should_stop():
        raise TrainingCancelled("cancelled while reading")
    return text


@dataclass
class TrainingData:
    """What the loop trains on: the text as token ids, the vocabulary, the starting weights."""

    text: TrainingText  # the documents read and split
    vocab: Vocabulary  # the model vocabulary (a base model's, extended with new words)
    lexicon: Lexicon  # completion words with counts
    case: CaseTable  # written forms
    train_ids: np.ndarray  # training token ids, memory-mapped
    val_ids: np.ndarray  # validation token ids, memory-mapped
    weights: dict[str, np.ndarray]  # starting weights (fresh, or the base's with new rows)


def prepare_data(text: TrainingText, config: LMConfig, base: ModelBundle | None, work: Path, seed: int,
                 cell: type[Cell], should_stop: Callable[[], bool]) -> TrainingData:
    """Token ids, vocabulary, lexicon, case table and starting weights for ``text``."""
    scan = scan_corpus(text, work, should_stop)
    if should_stop():
        raise TrainingCancelled("cancelled while reading")
    if scan.train_tokens + scan.val_tokens < config.seq_len + 2:
        listed = "; ".join(f"{p}: {r}" for p, r in text.skipped[:5])
        raise NotEnoughText(
            f"not enough usable text to train on ({scan.train_tokens + scan.val_tokens} tokens from "
            f"{len(text.documents)} document(s); need at least {config.seq_len + 2})"
            + (f"; skipped {listed}" if listed else "") + "; add more .txt/.md documents")
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
        weights = init_weights(config, len(vocab), seed, [scan.counts.get(t, 0) for t in vocab.tokens], cell=cell)
    else:
        weights = extend_vocabulary(base.weights, len(base.vocab), len(vocab), seed)
    return TrainingData(text, vocab, lexicon, case, train_ids, val_ids, weights)


def fit(job: TrainingJob, model_id: str, cell: type[Cell], config: LMConfig, data: TrainingData,
        on_progress: Callable[[TrainingProgress], None], should_stop: Callable[[], bool],
        strategy: "tf.distribute.Strategy | None", started: float) -> Path:
    """The training loop: build, resume, step until done, early stop or out of time; finish."""
    import tensorflow as tf

    from .distribute import Placement
    from .run_clock import RunClock
    from .steps import build_steps

    tf.random.set_seed(job.seed)
    place = Placement.of(strategy or tf.distribute.get_strategy(), job)
    B, T = config.batch_size, config.seq_len
    model, optimizer, validator, checkpointer = _build(place, config, cell, data, job)
    steps = build_steps(model, optimizer, place.strategy)
    validator.evaluate = steps.evaluate
    step = checkpointer.restore() or 0
    if np.isfinite(validator.best.numpy()):
        validator.best_weights = model.export()
    per_epoch = steps_per_epoch(len(data.train_ids), T, B)
    epochs = job.epochs if job.epochs is not None else (None if job.time_budget_s else config.epochs)
    clock = RunClock(started, job.time_budget_s, epochs * per_epoch if epochs is not None else None,
                     first_step=step, eval_batches=config.eval_batches)
    progress = ProgressReporter(on_progress, clock, B * T, per_epoch, config.log_every)
    progress.started(step, "; ".join(m for m in (
        f"resumed from step {step}" if step else "",
        f"skipped {len(data.text.skipped)} unreadable input(s)" if data.text.skipped else "",
        f"{len(data.train_ids)} training tokens, vocabulary {len(data.vocab)}") if m))
    stop_reason = "done"
    for batch in run_batches(data.train_ids, T, B, job.seed, per_epoch, epochs, step):
        if place.agree(should_stop()):
            checkpointer.save(step)
            raise TrainingCancelled(f"cancelled at step {step}")
        optimizer.learning_rate = lr_at(config, step, clock.fraction(step))
        loss = float(steps.train(tf.constant(batch)))
        if not math.isfinite(loss):
            raise ModelError(f"training diverged at step {step} (loss {loss}); lower --hp learning_rate")
        step += 1
        clock.stepped(step)
        if step % config.eval_every == 0 and not place.agree(not clock.room_for_validation(step)):
            progress.phase("evaluating", step)
            with clock.timed_validation():
                progress.val_perplexity = validator.perplexity()
            if validator.record(progress.val_perplexity, model.export):
                stop_reason = "early stop"
            checkpointer.save(step)
        elif step % config.checkpoint_every == 0:
            checkpointer.save(step)
        if stop_reason == "done" and place.agree(clock.out_of_time(step)):
            stop_reason = "time budget"
        progress.stepped(step, loss, last=stop_reason != "done")
        if stop_reason != "done":
            break
    return _finish(job, model_id, config, data, model, validator, checkpointer, clock, progress, place,
                   step, stop_reason)


def _build(place, config: LMConfig, cell: type[Cell], data: TrainingData, job: TrainingJob):
    """The model, optimiser, validator (early-stopping state) and checkpointer, under the
    strategy's scope."""
    import keras
    import tensorflow as tf

    from .checkpoints import Checkpointer
    from .lm import RecurrentLM
    from .validation import Validator

    if config.batch_size % place.strategy.num_replicas_in_sync:
        raise ModelError(f"batch_size {config.batch_size} must be a multiple of the "
                         f"{place.strategy.num_replicas_in_sync} replicas")
    with place.strategy.scope():
        model = RecurrentLM(config, data.weights, cell)
        optimizer = keras.optimizers.Adam(learning_rate=config.learning_rate)
        optimizer.build(list(model.w.values()))
        step_var = tf.Variable(0, dtype=tf.int64, name="step")
        validator = Validator(None, data.val_ids, config.seq_len, config.batch_size, config.eval_batches,
                              config.patience, job.seed, agree=place.agree)
    fingerprint = {"vocab": len(data.vocab), "train_tokens": int(len(data.train_ids)),
                   "config": config.to_json(), "base": job.base_dir, "seed": job.seed}
    checkpointer = Checkpointer(place.checkpoint_dir, fingerprint, is_chief=place.is_chief,
                                scratch_dir=place.scratch_dir, model=model, optimizer=optimizer,
                                step=step_var, best_val=validator.best, bad_evals=validator.bad)
    return model, optimizer, validator, checkpointer


def _finish(job, model_id, config, data, model, validator, checkpointer, clock, progress, place,
            step: int, stop_reason: str) -> Path:
    """The final validation (ending by the budget's deadline), the best weights, the model
    directory (written by the chief only)."""
    progress.phase("evaluating", step)
    with clock.timed_validation():
        val_ppl = validator.perplexity(deadline=clock.final_deadline())
    final, val_ppl = validator.final(val_ppl, model.export())
    checkpointer.save(step)
    progress.phase("saving", step)
    per_epoch = progress.per_epoch
    training = {
        "steps": step, "epochs": round(step / per_epoch, 3), "train_tokens": int(len(data.train_ids)),
        "val_tokens": int(len(data.val_ids)), "val_perplexity": val_ppl, "documents": len(data.text.documents),
        "skipped": [list(s) for s in data.text.skipped], "seconds": round(clock.elapsed(), 1),
        "stop_reason": stop_reason, "fine_tuned_from": job.base_dir, "final_loss": progress.mean_loss(),
        "replicas": place.strategy.num_replicas_in_sync,
        "loop_seconds": round(time.monotonic() - clock.loop_started, 1),  # the steps and validations
        "tokens_per_s": clock.tokens_per_s(step, progress.tokens_per_step),  # over the loop
    }
    if place.multi_worker:
        training["task"] = place.task  # a non-chief worker's copy says which worker it was
    bundle = ModelBundle(model_id, config, data.vocab, data.case, data.lexicon, final, training)
    out = write_model_dir(bundle, place.out_dir, carried_tables(job.base_dir))
    progress.done(step, val_ppl, f"{stop_reason}; model written to {out}" if place.is_chief
                  else f"{stop_reason}; {place.task} took part, the chief writes the model")
    return out


def carried_tables(base_dir: str | None) -> dict:
    """What a fine-tuned model keeps of its base's optional tables: the words never to suggest
    (misspellings the base's training text carried, offensive words) and the base's technical
    words, held back in text that uses none (``frequencies.npz``). Not
    the base's n-gram table nor its frequency rescaling: both describe the base's training text,
    and on the writer's own they cost (3-minute fine-tuning on Vim's documentation, KSR@3 62.8 %
    without them, 62.6 % with the rescaling, 62.3 % with both)."""
    path = Path(base_dir) / FREQUENCY_FILE if base_dir else None
    if path is None or not path.is_file():
        return {}
    try:
        table = FrequencyTable.load(path)
    except (OSError, ValueError, KeyError, EOFError):
        return {}  # the base loads without it too (inference.load_tables says so there)
    if not table.never_suggested and not table.technical:
        return {}
    return {FREQUENCY_FILE: FrequencyTable([], np.zeros(0), np.zeros(0), beta=0.0,
                                           never_suggested=sorted(table.never_suggested),
                                           technical=sorted(table.technical))}
