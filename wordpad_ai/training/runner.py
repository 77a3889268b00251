"""The trainer process: ``python -m wordpad_ai.training.runner [SPEC.json] [--scan-only]``.

Reads a :class:`~wordpad_ai.training.protocol.JobSpec` (from the file, or JSON on stdin), and
writes JSON-lines events to stdout (see ``protocol.py``):

1. scans the user's files (``readers.scan``) and reports usable and skipped ones (``--scan-only``
   stops here: the dialog's preview);
2. splits the documents into a training part and a held-out part (never trained on);
3. evaluates the model in use now (store's current version, else the shipped default) on the
   held-out part;
4. trains or fine-tunes on the training part, checkpointing into the job folder, so a killed run
   resumes when started again with the same spec;
5. evaluates the new model on the held-out part and reports the staging directory.

It never touches the model store: promoting is the caller's decision. SIGTERM asks the trainer
to stop (it saves a checkpoint and exits with status 3); SIGKILL is fine too.
TensorFlow is imported only by the model's ``train``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import TextIO

from ..api import ModelError, NextWordModel, TrainingCancelled, TrainingJob
from ..fileutil import use_private_umask
from ..text import readers
from . import protocol
from .protocol import BASE_CURRENT, BASE_DEFAULT, BASE_SCRATCH, Figures, JobSpec, TrainingReport
from .workdir import job_dir, read_heldout, split_documents

EXIT_OK, EXIT_CRASH, EXIT_ERROR, EXIT_CANCELLED = 0, 1, 2, 3
EVAL_K = 3  # suggestions per query in the before/after figures
TRAIN_VALIDATION = 0.1  # share of the training part the trainer validates on (live chart)
MIN_TRAINING_S = 10.0  # training time granted even when reading and measuring used up the budget


class Runner:
    """One run: emits events to ``out`` and stops when SIGTERM arrives."""

    def __init__(self, spec: JobSpec, out: TextIO):
        self.spec = spec
        self.out = out  # the protocol stream (the real stdout)
        self.stop_requested = False  # set by SIGTERM

    def emit(self, event: str, **fields) -> None:
        self.out.write(protocol.encode(event, **fields) + "\n")
        self.out.flush()

    def should_stop(self) -> bool:
        return self.stop_requested

    # -- steps --------------------------------------------------------------------------------
    def scan(self, host) -> readers.ScanReport:
        report = readers.scan(self.spec.paths, extra_readers=host.readers)
        self.emit("scan", documents=len(report.documents), words=report.total_words,
                  files=[{"path": str(d.path), "words": d.words} for d in report.documents],
                  skipped=[{"path": str(s.path), "reason": s.reason} for s in report.skipped])
        return report

    def run(self, scan_only: bool = False) -> int:
        from ..modelstore import ModelStore
        from ..plugins import load_host

        t0 = time.monotonic()
        spec = self.spec
        host = load_host()
        report = self.scan(host)
        if scan_only:
            return EXIT_OK
        cls = host.model_class(spec.model_id)
        if not cls.trainable:
            raise ModelError(f"model {spec.model_id!r} cannot be trained; choose another model")
        if not report.documents:
            raise ModelError("none of the chosen files can be used (see the skipped list); "
                             "add text documents")
        work = job_dir(spec.job_id(), spec.work_dir)
        resume_step = work.checkpoint_step()
        split = split_documents(readers.iter_documents(report), work, spec.holdout_fraction, spec.seed)
        self.emit("split", train_words=split.train_words, heldout_words=split.heldout_words,
                  train_files=split.train_files, job_dir=str(work.root), resume_step=resume_step)
        if self.should_stop():
            raise TrainingCancelled("cancelled before training")

        store = ModelStore()
        current = store.current_path(spec.model_id)
        base_dir, base_label = self._base(cls, store, current)
        eval_started = time.monotonic()
        before = self._evaluate(cls, current, "before", split.heldout_texts)
        eval_s = time.monotonic() - eval_started  # the "after" measurement will cost about as much
        if self.should_stop():
            raise TrainingCancelled("cancelled before training")

        budget = None
        if spec.time_budget_s is not None:  # the whole run ends by then: training gets what is left
            budget = max(MIN_TRAINING_S, spec.time_budget_s - (time.monotonic() - t0) - eval_s)
        job = TrainingJob(
            paths=(str(work.train_dir),), out_dir=str(work.staging_dir), base_dir=base_dir,
            epochs=spec.epochs, time_budget_s=budget,
            validation_fraction=TRAIN_VALIDATION, checkpoint_dir=str(work.checkpoint_dir),
            seed=spec.seed, hyperparameters=dict(spec.hyperparameters))
        out = cls.train(job, lambda p: self.emit("progress", **p.to_json()), self.should_stop)
        summary = _training_summary(Path(out))
        after = self._evaluate(cls, Path(out), "after", split.heldout_texts)
        if after is None:
            raise ModelError(f"the new model in {out} could not be evaluated; train again")
        result = TrainingReport(
            model_id=spec.model_id, staging_dir=str(out), base=base_label, words=split.train_words,
            heldout_words=split.heldout_words, before=before, after=after,
            steps=int(summary.get("steps") or 0), seconds=round(time.monotonic() - t0, 1),
            stop_reason=str(summary.get("stop_reason") or "done"))
        self.emit("result", **result.to_json())
        return EXIT_OK

    def _base(self, cls, store, current: Path | None) -> tuple[str | None, str]:
        """(model directory to fine-tune or None, label for the version metadata)."""
        base = self.spec.base
        if base == BASE_CURRENT and current is not None:
            return str(current), current.name
        if base in (BASE_CURRENT, BASE_DEFAULT):
            default = cls.default_path()
            if default is not None and (Path(default) / "config.json").is_file():
                return str(default), BASE_DEFAULT
            if base == BASE_DEFAULT:
                raise ModelError(f"model {self.spec.model_id!r} has no shipped default to fine-tune; "
                                 f"start from scratch")
        return None, BASE_SCRATCH

    def _evaluate(self, cls: type[NextWordModel], path: Path | None, which: str,
                  texts: tuple[str, ...]) -> Figures | None:
        """The figures of the model at ``path`` (None: shipped default) on ``texts``, or None
        when there is no such model or nothing to evaluate."""
        from ..evaluation import evaluate

        if not texts:
            self.emit("evaluated", which=which, figures=None, message="no held-out text")
            return None
        self.emit("progress", phase="evaluating", message=f"measuring the {which} model")
        try:
            model = cls.load(path)
        except ModelError as exc:
            self.emit("evaluated", which=which, figures=None, message=str(exc))
            return None
        result = evaluate(model, list(texts), k=EVAL_K, max_words=self.spec.eval_max_words)
        figures = Figures(ksr=result.ksr, top1=result.top1_accuracy, top3=result.topk_accuracy,
                          perplexity=result.perplexity, words=result.words)
        self.emit("evaluated", which=which, figures=figures.to_json(), seconds=round(result.seconds, 2))
        return figures


def _training_summary(model_dir: Path) -> dict:
    try:
        return json.loads((model_dir / "config.json").read_text(encoding="utf-8")).get("training", {})
    except (OSError, ValueError, AttributeError):
        return {}


def _protocol_stream() -> TextIO:
    """The real stdout for events; fd 1 then points at stderr, so stray prints (TensorFlow,
    plugins) cannot corrupt the protocol."""
    sys.stdout.flush()
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return out


def read_spec(source: str | None) -> JobSpec:
    text = sys.stdin.read() if source in (None, "-") else Path(source).read_text(encoding="utf-8")
    return JobSpec.from_json(json.loads(text))


TRAINER_NICENESS = 19  # where SCHED_IDLE is missing: the lowest normal priority
# Typing comes first. Keystroke -> ghost p99 beside a training job (2 cores, tests/benchmarks/
# test_bench_ui.py): 34.7 ms with the trainer at normal priority, 17.8 ms at niceness 15 (both
# measured by polling every 10 ms); event-driven, 12.6 ms at niceness 15 and at SCHED_IDLE.


def _lower_priority() -> str:
    """Run the trainer below the editor and the engine in the CPU scheduler, where supported:
    Linux's SCHED_IDLE (it runs only on otherwise idle cores, and any waking editor or engine
    thread preempts it at once), else the lowest niceness. Applied to every thread the process
    has now; threads started later (TensorFlow's pools) inherit it. Which one took, for logs."""
    idle = getattr(os, "SCHED_IDLE", None)
    if idle is not None and hasattr(os, "sched_setscheduler"):
        try:
            tasks = [int(t) for t in os.listdir("/proc/self/task")]
        except OSError:
            tasks = [0]
        try:
            for tid in tasks:
                os.sched_setscheduler(tid, idle, os.sched_param(0))
            return "SCHED_IDLE"
        except OSError:  # refused (some sandboxes): fall back to niceness
            pass
    try:
        os.nice(TRAINER_NICENESS)
        return f"nice {TRAINER_NICENESS}"
    except (AttributeError, OSError):  # Windows has no os.nice; a refused change is harmless
        return "normal"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wordpad_ai.training.runner",
                                     description="Run one training job; JSON-lines events on stdout.")
    parser.add_argument("spec", nargs="?", default=None, help="job spec JSON file (default: stdin)")
    parser.add_argument("--scan-only", action="store_true", help="only scan the files and report")
    args = parser.parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    use_private_umask()  # the copy of the user's text, checkpoints, the model: 0600/0700
    _lower_priority()
    out = _protocol_stream()
    try:
        spec = read_spec(args.spec)
    except (OSError, ValueError, TypeError) as exc:
        out.write(protocol.encode("error", message=f"bad training job: {exc}") + "\n")
        return EXIT_ERROR
    runner = Runner(spec, out)

    def _on_sigterm(signum, frame):
        runner.stop_requested = True

    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return runner.run(scan_only=args.scan_only)
    except TrainingCancelled as exc:
        runner.emit("cancelled", message=str(exc))
        return EXIT_CANCELLED
    except ModelError as exc:
        runner.emit("error", message=str(exc))
        return EXIT_ERROR
    except Exception as exc:  # a bug: report one line, full trace on stderr
        traceback.print_exc()
        runner.emit("error", message=f"training failed ({type(exc).__name__}: {exc})")
        return EXIT_CRASH


if __name__ == "__main__":
    sys.exit(main())
