"""The training runner's wire protocol, free of Qt and TensorFlow.

The GUI (or a test) writes one :class:`JobSpec` as JSON to the runner's stdin (or a file named
on its command line); the runner answers with JSON lines on stdout, one event each::

    {"event": "progress", "phase": "reading", "message": "reading notes.odt"}
    {"event": "scan", "documents": 3, "words": 1234, "files": [...], "skipped": [...], "seconds": 0.4}
    {"event": "split", "train_words": ..., "heldout_words": ..., "resume_step": null, ...}
    {"event": "progress", "phase": "measuring-before", "message": "measuring the before model"}
    {"event": "evaluated", "which": "before", "figures": {...}, "seconds": 12.3}
    {"event": "plan", "training_s": 60, "measuring_s": 12.3, "estimated_total_s": 86.0}
    {"event": "progress", "phase": "training", "step": 40, "loss": 3.2, ...}   TrainingProgress
    {"event": "progress", "phase": "measuring-after", ...}, {"event": "evaluated", "which": "after", ...}
    {"event": "result", "staging_dir": "...", ...}                              TrainingReport
    {"event": "error", "message": "one line for the user"}

Progress phases, in order: "reading", "measuring-before", "training" (with the trainer's own
"evaluating" and "saving"), "done", "measuring-after". Paths in events are shown forms
(``reading.shown_path``: undecodable bytes and control characters escaped); every line is ASCII
JSON, so no file name can break the stream.

Cancelling a run is ending the process (SIGTERM: it saves a checkpoint first; SIGKILL: it
resumes from the last periodic checkpoint).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..api import TrainingProgress

BASE_CURRENT = "current"  # fine-tune the store's current version (or the shipped default)
BASE_DEFAULT = "default"  # fine-tune the shipped default
BASE_SCRATCH = "scratch"  # train a new model
MIN_TIME_BUDGET_S = 60.0  # the shortest training budget the runner accepts (shorter ones are raised
#   to it): fine-tuning the shipped LSTM (batches of 64 × 32 tokens) on 100k words of the general
#   corpus it ran 108 steps in 60.4 s on 2 cores under a load average of 13 (the old whole-run budget
#   gave a 1-minute run 1 step); each before/after measurement of 3,000 words took 210-238 s there
KSR_TOLERANCE = 0.001  # KSR differences below this (0.1 points) count as equal


@dataclass(frozen=True)
class JobSpec:
    """One training run as the dialog asks for it; a pure value sent to the runner as JSON."""

    model_id: str  # registered, trainable model id ("lstm")
    paths: tuple[str, ...]  # the user's files and folders
    base: str = BASE_CURRENT  # "current", "default" or "scratch"
    time_budget_s: float | None = 300.0  # training time, seconds (at least MIN_TIME_BUDGET_S);
    #   reading takes at most a quarter of it more, each before/after measurement what eval_max_words
    #   costs (the "plan" event states the whole run's expected length); None: until epochs/early stop
    epochs: int | None = None  # passes over the text (None: until the budget/early stop)
    holdout_fraction: float = 0.1  # share of paragraphs kept out of training for the report
    eval_max_words: int = 3000  # words of the held-out text evaluated per model (keeps it to seconds)
    hyperparameters: Mapping[str, Any] = field(default_factory=dict)  # model overrides
    seed: int = 0  # random seed of the split and the training
    work_dir: str | None = None  # job folder (checkpoints, split text, staging); None = cache

    def job_id(self) -> str:
        """A stable id of what is trained: the same job (documents, base, settings) gets the
        same id, so a rerun finds and resumes its checkpoint. The time budget is not part of it."""
        key = {"model_id": self.model_id, "paths": [str(Path(p).expanduser().resolve()) for p in self.paths],
               "base": self.base, "holdout": self.holdout_fraction, "epochs": self.epochs,
               "hp": {k: self.hyperparameters[k] for k in sorted(self.hyperparameters)},
               "seed": self.seed}
        digest = hashlib.sha256(json.dumps(key, sort_keys=True, default=str).encode()).hexdigest()
        return f"{self.model_id}-{digest[:12]}"

    def to_json(self) -> dict:
        data = dataclasses.asdict(self)
        data["paths"] = list(self.paths)
        data["hyperparameters"] = dict(self.hyperparameters)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "JobSpec":
        """Read a spec; unknown keys are an error (a typo must not be silently ignored)."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown job field(s): {', '.join(unknown)}")
        if "model_id" not in data or "paths" not in data:
            raise ValueError("a job needs model_id and paths")
        values = dict(data)
        values["paths"] = tuple(str(p) for p in values["paths"])
        values["hyperparameters"] = dict(values.get("hyperparameters") or {})
        if values.get("base", BASE_CURRENT) not in (BASE_CURRENT, BASE_DEFAULT, BASE_SCRATCH):
            raise ValueError(f"base must be current, default or scratch, not {values['base']!r}")
        return cls(**values)


@dataclass(frozen=True)
class Figures:
    """Held-out figures of one model (``wordpad_ai.evaluation``, k = 3)."""

    ksr: float  # keystroke savings rate with 3 suggestions
    top1: float  # share of word starts where the first suggestion was right
    top3: float  # share of word starts where the word was among the 3 suggestions
    perplexity: float | None  # per-token perplexity; None if the model cannot tell
    words: int  # held-out words evaluated

    def to_json(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> "Figures | None":
        if not data:
            return None
        ppl = data.get("perplexity")
        return cls(ksr=float(data["ksr"]), top1=float(data["top1"]), top3=float(data["top3"]),
                   perplexity=None if ppl is None else float(ppl), words=int(data["words"]))


@dataclass(frozen=True)
class TrainingReport:
    """What a finished run hands back: where the new model is and how it compares."""

    model_id: str  # the trained model id
    staging_dir: str  # complete new model directory, ready for ``ModelStore.promote``
    base: str  # what it started from: "default", "scratch" or a version ("v0002")
    words: int  # words of the user's text trained on (held-out part excluded)
    heldout_words: int  # words held out for the before/after figures
    before: Figures | None  # the old model on the held-out text (None: there was none)
    after: Figures  # the new model on the held-out text
    steps: int  # optimiser steps of the whole run (resumed ones included)
    seconds: float  # wall-clock time of this run
    stop_reason: str  # "done", "time budget", "early stop"
    # seconds per phase: "reading", "measuring_before", "training", "measuring_after"
    phase_seconds: Mapping[str, float] = field(default_factory=dict)
    resumed_from: int = 0  # the step a checkpoint of an earlier run resumed from (0: a fresh start)

    @property
    def new_model_worse(self) -> bool:
        """Whether the new model does worse than the one in use on the held-out text: fewer
        keystrokes saved with 3 suggestions (KSR@3, beyond :data:`KSR_TOLERANCE`), or, with the
        same KSR, a higher perplexity. Then "keep the current model" is the sensible default."""
        if self.before is None:
            return False
        if self.after.ksr < self.before.ksr - KSR_TOLERANCE:
            return True
        if self.after.ksr > self.before.ksr + KSR_TOLERANCE:
            return False
        a, b = self.after.perplexity, self.before.perplexity
        return a is not None and b is not None and a > b

    def to_json(self) -> dict:
        data = dict(self.__dict__)
        data["before"] = None if self.before is None else self.before.to_json()
        data["after"] = self.after.to_json()
        data["phase_seconds"] = dict(self.phase_seconds)
        data["new_model_worse"] = self.new_model_worse  # for readers of the JSON (derived)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "TrainingReport":
        values = dict(data)
        values.pop("new_model_worse", None)  # derived
        values["before"] = Figures.from_json(data.get("before"))
        values["after"] = Figures.from_json(data["after"])
        return cls(**values)

    def metadata(self) -> dict:
        """What the model store keeps with the promoted version."""
        return {"base": self.base, "words": self.words, "steps": self.steps,
                "before": None if self.before is None else self.before.to_json(),
                "after": self.after.to_json()}


def encode(event: str, **fields: Any) -> str:
    """One protocol line (no newline)."""
    return json.dumps({"event": event, **fields}, ensure_ascii=True, default=str)  # ASCII: any name is safe


def progress_line(progress: TrainingProgress) -> str:
    return encode("progress", **progress.to_json())


def decode(line: bytes | str) -> dict:
    """A protocol line as a dict with an "event" key; ``ValueError`` for anything else."""
    if isinstance(line, bytes):
        line = line.decode("utf-8", errors="replace")
    data = json.loads(line)
    if not isinstance(data, dict) or not isinstance(data.get("event"), str):
        raise ValueError("not a training event")
    return data


def progress_from_json(data: Mapping[str, Any]) -> TrainingProgress:
    """The :class:`TrainingProgress` of a "progress" event."""
    names = {f.name for f in dataclasses.fields(TrainingProgress)}
    return TrainingProgress(**{k: v for k, v in data.items() if k in names})
