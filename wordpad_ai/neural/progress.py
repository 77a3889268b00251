"""Progress events of a training run: what the CLI's bar and the dialog's live chart show."""

from __future__ import annotations

from typing import Callable

import numpy as np

from ..api import TrainingProgress
from .run_clock import RunClock


class ProgressReporter:
    """Turns the loop's steps, losses and validations into :class:`TrainingProgress` events."""

    def __init__(self, on_progress: Callable[[TrainingProgress], None], clock: RunClock,
                 tokens_per_step: int, steps_per_epoch: int, log_every: int):
        self.emit = on_progress
        self.clock = clock
        self.tokens_per_step = tokens_per_step  # B · T
        self.per_epoch = steps_per_epoch
        self.log_every = log_every  # steps between training events
        self.losses: list[float] = []  # training loss of every step of this run
        self.val_perplexity: float | None = None  # the latest validation result

    @property
    def total_steps(self) -> int | None:
        return self.clock.total_steps

    def mean_loss(self) -> float | None:
        """Mean training loss over the last ``log_every`` steps."""
        return float(np.mean(self.losses[-self.log_every:])) if self.losses else None

    def started(self, step: int, message: str) -> None:
        self.emit(TrainingProgress(phase="training", step=step, total_steps=self.total_steps, message=message))

    def stepped(self, step: int, loss: float, last: bool) -> None:
        """Record a step's loss; every ``log_every`` steps (and at the last) say how it goes."""
        self.losses.append(loss)
        if step % self.log_every and not last:
            return
        self.emit(TrainingProgress(
            phase="training", step=step, total_steps=self.total_steps, epoch=step // self.per_epoch,
            loss=self.mean_loss(), val_perplexity=self.val_perplexity,
            tokens_per_s=self.clock.tokens_per_s(step, self.tokens_per_step), eta_s=self.clock.eta_s(step),
            fraction=self.clock.fraction(step)))

    def phase(self, phase: str, step: int) -> None:
        """A phase without figures: "evaluating", "saving"."""
        self.emit(TrainingProgress(phase=phase, step=step, total_steps=self.total_steps))

    def done(self, step: int, val_perplexity: float | None, message: str) -> None:
        self.emit(TrainingProgress(phase="done", step=step, total_steps=self.total_steps,
                                   epoch=step // self.per_epoch, val_perplexity=val_perplexity,
                                   fraction=1.0, message=message))
