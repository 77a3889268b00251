"""The run clock: how far a training run is, and whether its time budget says stop.

A budget covers the whole run from ``started`` (reading, building the graphs, training, the final
validation and writing the model), so the loop must stop while there is still time for the end:
:meth:`RunClock.out_of_time` reserves the longest validation measured so far (or, before any,
one estimated from the step time plus the graph building of the first one) and the writing, and
the final validation stops at :meth:`RunClock.final_deadline`. Step times leave out the first
step, which builds the graph: counted in, it made a one-minute run stop after one step. No
TensorFlow here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

VALIDATE_STEP_SHARE = 0.6  # a validation batch (forward, full softmax) costs about this share of a
#                            training step (forward and backward, sampled softmax)
WRITE_ALLOWANCE_S = 2.0  # exporting the weights and writing the model directory
FIRST_VALIDATION_TRACE_S = 4.0  # the first validation also builds its graph: at least this (3-5 s
#   measured on an idle machine), or FIRST_VALIDATION_TRACE_SHARE of the first training step's time
#   (the validation's graph is the forward half; a validation took 27 s under a load of 12 on 2
#   cores, where reserving 4 s made a 3-minute run end 11 s late)
FIRST_VALIDATION_TRACE_SHARE = 0.5


@dataclass
class RunClock:
    """Steps and seconds of one run, against its step total and time budget (either may be None)."""

    started: float  # time.monotonic() when the run (reading included) began
    budget_s: float | None  # wall-clock budget of the whole run, seconds
    total_steps: int | None  # steps of the whole run when it is a number of epochs
    first_step: int = 0  # the step the loop began at (a resumed run starts above 0)
    eval_batches: int = 20  # batches per validation (for the estimate before the first one)
    loop_started: float = field(default_factory=time.monotonic)  # when the loop's first step began
    validation_s: list[float] = field(default_factory=list)  # durations of validations so far
    steady_since: float | None = None  # when the first step (which builds the graph) ended
    steady_step: int = 0  # the step count then

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def fraction(self, step: int) -> float:
        """Overall completion in [0, 1]: the larger of the step share and the time share."""
        parts = []
        if self.total_steps:
            parts.append(step / self.total_steps)
        if self.budget_s:
            parts.append(self.elapsed() / self.budget_s)
        return min(1.0, max(parts)) if parts else 0.0

    def stepped(self, step: int) -> None:
        """A step ended. The first one also built the graph (seconds, not a step's time), so step
        times are measured from its end."""
        if self.steady_since is None:
            self.steady_since, self.steady_step = time.monotonic(), step

    def seconds_per_step(self, step: int) -> float | None:
        """Seconds per step after the first one, or None before a second step."""
        if self.steady_since is None or step <= self.steady_step:
            return None
        return (time.monotonic() - self.steady_since) / (step - self.steady_step)

    def validation_estimate_s(self, step: int) -> float:
        """Seconds a validation will take: the longest measured, else the graph building (the
        larger of FIRST_VALIDATION_TRACE_S and the first step's time) and the batches."""
        if self.validation_s:
            return max(self.validation_s)
        per_step = self.seconds_per_step(step) or 0.0
        first = self.steady_since - self.loop_started if self.steady_since is not None else 0.0
        return (self.eval_batches * per_step * VALIDATE_STEP_SHARE
                + max(FIRST_VALIDATION_TRACE_S, FIRST_VALIDATION_TRACE_SHARE * first))

    def finish_s(self, step: int) -> float:
        """Seconds the end of the run needs: the final validation and writing the model."""
        return self.validation_estimate_s(step) + WRITE_ALLOWANCE_S

    def room_for_validation(self, step: int) -> bool:
        """Whether a validation now still leaves time for the end of the run (else the loop
        stops and the final validation measures instead)."""
        return not self.budget_s or (self.elapsed() + self.validation_estimate_s(step) + self.finish_s(step)
                                     < self.budget_s)

    def final_deadline(self) -> float | None:
        """When the final validation must end (``time.monotonic()``), leaving time to write."""
        return self.started + self.budget_s - WRITE_ALLOWANCE_S if self.budget_s else None

    def out_of_time(self, step: int) -> bool:
        """Whether the loop must stop now to validate and write the model within the budget."""
        return bool(self.budget_s) and self.elapsed() + self.finish_s(step) >= self.budget_s

    def timed_validation(self):
        """A context manager that records how long the validation inside it took."""
        clock = self

        class _Timer:
            def __enter__(self):
                self.t = time.monotonic()

            def __exit__(self, *exc):
                clock.validation_s.append(time.monotonic() - self.t)

        return _Timer()

    def tokens_per_s(self, step: int, tokens_per_step: int) -> float | None:
        elapsed = time.monotonic() - self.loop_started
        return (step - self.first_step) * tokens_per_step / elapsed if elapsed > 0 else None

    def eta_s(self, step: int) -> float | None:
        """Seconds left, from the completion fraction so far."""
        frac = self.fraction(step)
        elapsed = time.monotonic() - self.loop_started
        return elapsed / frac * (1 - frac) if frac > 0 and step > self.first_step else None
