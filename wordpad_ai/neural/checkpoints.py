"""Resumable checkpoints of a training run (``tf.train.CheckpointManager``).

A checkpoint holds the weights, the optimiser's slots, the step and the early-stopping state. It
is only resumed by the same run: ``run.json`` keeps a fingerprint of what was trained (vocabulary
size, training tokens, config, base model, seed), and a different fingerprint discards the old
checkpoints. Under ``MultiWorkerMirroredStrategy`` every worker saves (the collective ops need
all of them), the chief into ``ckpt_dir`` and the others into a private scratch folder, so a
restarted worker finds the chief's checkpoint and rejoins at its step.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import tensorflow as tf


class Checkpointer:
    """Saves and restores one run's training state; a no-op without a checkpoint folder."""

    def __init__(self, ckpt_dir: Path | None, fingerprint: dict, max_to_keep: int = 2,
                 is_chief: bool = True, scratch_dir: Path | None = None, **state):
        self.manager = None
        self.step_var = state["step"]  # tf.Variable(int64): the optimiser step
        if ckpt_dir is None:
            return
        checkpoint = tf.train.Checkpoint(**state)
        folder = ckpt_dir / "ckpt"
        if is_chief:
            run_file = ckpt_dir / "run.json"
            same_run = run_file.exists() and json.loads(run_file.read_text()) == fingerprint
            if not same_run:
                shutil.rmtree(folder, ignore_errors=True)
                ckpt_dir.mkdir(parents=True, exist_ok=True)
                run_file.write_text(json.dumps(fingerprint))
        latest = tf.train.latest_checkpoint(str(folder)) if folder.exists() else None
        save_dir = folder if is_chief or scratch_dir is None else scratch_dir / "ckpt"
        self.manager = tf.train.CheckpointManager(checkpoint, str(save_dir), max_to_keep=max_to_keep)
        self.latest = latest
        self.checkpoint = checkpoint

    def restore(self) -> int | None:
        """Restore the latest checkpoint of the same run; its step, or None when there is none."""
        if self.manager is None or not self.latest:
            return None
        self.checkpoint.restore(self.latest)
        return int(self.step_var.numpy())

    def save(self, step: int) -> None:
        if self.manager is not None:
            self.step_var.assign(step)
            self.manager.save(checkpoint_number=step)

    @property
    def enabled(self) -> bool:
        return self.manager is not None
