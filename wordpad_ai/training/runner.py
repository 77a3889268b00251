"""The trainer process: ``python -m wordpad_ai.training.runner [SPEC.json] [--scan-only]``.

Reads a :class:`~wordpad_ai.training.protocol.JobSpec` (from the file, or JSON on stdin), and
writes JSON-lines events to stdout (see ``protocol.py``):

1. reads the user's documents once with the built-in and plugin readers and splits them into a
   training part, a validation part (the live chart, early stopping) and a held-out part (never
   trained on: the report) (``reading.py``), then reports usable and skipped files
   (``--scan-only`` only scans: the dialog's preview);
2. measures the model in use now (store's current version, else the shipped default) on the
   held-out part;
3. trains or fine-tunes for the job's training budget, checkpointing into the job folder, so a
   killed run resumes when started again with the same spec;
4. measures the new model on the held-out part and reports the staging directory, the phase
   times and whether the new model is worse than the one in use.

The time budget is training time (``JobSpec.time_budget_s``); reading is bounded by a share of it
and the two measurements by ``eval_max_words``; the "plan" event states the whole run's expected
length once the first measurement is done. It never touches the model store: promoting is the
caller's decision. SIGTERM asks the trainer to stop (it saves a checkpoint and exits with status
3); SIGKILL is fine too. TensorFlow is imported only by the model's ``train``.
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
from .protocol import (BASE_CURRENT, BASE_DEFAULT, BASE_SCRATCH, MIN_TIME_BUDGET_S, Figures, JobSpec,
                       TrainingReport)
from .reading import HELDOUT, TRAIN, VALIDATION, SplitRule, TrainingText, read_training_text, shown_path
from .workdir import job_dir

EXIT_OK, EXIT_CRASH, EXIT_ERROR, EXIT_CANCELLED = 0, 1, 2, 3
EVAL_K = 3  # suggestions per query in the before/after figures
TRAIN_VALIDATION = 0.1  # share of the text the trainer validates on (live chart, early stopping)
READING_SHARE = 0.25  # reading the documents may take at most this share of the training budget...
MIN_READING_S = 15.0  # ...but never less than this


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
    def scan(self, host) -> None:
        """The dialog's preview: which files are usable, without splitting or training."""
        report = readers.scan(self.spec.paths, extra_readers=host.readers)
        self.emit("scan", documents=len(report.documents), words=report.total_words,
                  files=[{"path": shown_path(d.path), "words": d.words} for d in report.documents],
                  skipped=[{"path": shown_path(s.path), "reason": s.reason} for s in report.skipped])

    def read(self, host, folder: Path) -> TrainingText:
        """Read and split the documents once (the one reading step), bounded in time."""
        spec = self.spec
        budget = spec.time_budget_s
        until = None if budget is None else time.monotonic() + max(MIN_READING_S, READING_SHARE * budget)
        files = [0]

        def on_file(path: Path) -> None:
            files[0] += 1
            if files[0] % 20 == 1:
                self.emit("progress", phase="reading", message=f"reading {shown_path(path.name)}")

        self.emit("progress", phase="reading", message="reading your documents")
        text = read_training_text(
            spec.paths, folder, SplitRule(heldout=spec.holdout_fraction, validation=TRAIN_VALIDATION,
                                          seed=spec.seed),
            extra_readers=host.readers, read_until=until, should_stop=self.should_stop, on_file=on_file)
        if self.should_stop():
            raise TrainingCancelled("cancelled while reading")
        self.emit("scan", documents=len(text.documents), words=sum(w for _, w in text.documents),
                  files=[{"path": p, "words": w} for p, w in text.documents],
                  skipped=[{"path": p, "reason": r} for p, r in text.skipped], seconds=text.read_s)
        return text

    def run(self, scan_only: bool = False) -> int:
        from ..modelstore import ModelStore
        from ..plugins import load_host

        t0 = time.monotonic()
        spec = self.spec
        host = load_host()
        if scan_only:
            self.scan(host)
            return EXIT_OK
        cls = host.model_class(spec.model_id)
        if not cls.trainable:
            raise ModelError(f"model {spec.model_id!r} cannot be trained; choose another model")
        work = job_dir(spec.job_id(), spec.work_dir)
        resume_step = work.checkpoint_step()
        text = self.read(host, work.text_dir)
        if not text.documents:
            raise ModelError("none of the chosen files can be used (see the skipped list); "
                             "add text documents")
        heldout = text.heldout_texts()
        self.emit("split", train_words=text.words[TRAIN] + text.words[VALIDATION],
                  heldout_words=text.words[HELDOUT], train_files=len(text.documents),
                  job_dir=str(work.root), resume_step=resume_step)
        read_s = time.monotonic() - t0

        store = ModelStore()
        current = store.current_path(spec.model_id)
        base_dir, base_label = self._base(cls, store, current)
        started = time.monotonic()
        before = self._evaluate(cls, current, "before", heldout)
        before_s = time.monotonic() - started  # the "after" measurement will cost about as much
        if self.should_stop():
            raise TrainingCancelled("cancelled before training")
        budget = None if spec.time_budget_s is None else max(MIN_TIME_BUDGET_S, spec.time_budget_s)
        elapsed = time.monotonic() - t0
        self.emit("plan", training_s=budget, measuring_s=round(before_s, 1),
                  estimated_total_s=None if budget is None else round(elapsed + budget + before_s, 1))
        job = TrainingJob(
            # a plugin with its own trainer reads the training part as text; ours gets text_dir
            paths=(str(text.part_file(TRAIN)),), out_dir=str(work.staging_dir), base_dir=base_dir,
            epochs=spec.epochs, time_budget_s=budget, validation_fraction=TRAIN_VALIDATION,
            checkpoint_dir=str(work.checkpoint_dir), seed=spec.seed,
            hyperparameters=dict(spec.hyperparameters), text_dir=str(text.folder))
        started = time.monotonic()
        out = cls.train(job, lambda p: self.emit("progress", **p.to_json()), self.should_stop)
        training_s = time.monotonic() - started
        summary = _training_summary(Path(out))
        started = time.monotonic()
        after = self._evaluate(cls, Path(out), "after", heldout)
        if after is None:
            raise ModelError(f"the new model in {out} could not be evaluated; train again")
        result = TrainingReport(
            model_id=spec.model_id, staging_dir=str(out), base=base_label,
            words=text.words[TRAIN] + text.words[VALIDATION], heldout_words=text.words[HELDOUT],
            before=before, after=after, steps=int(summary.get("steps") or 0),
            seconds=round(time.monotonic() - t0, 1), stop_reason=str(summary.get("stop_reason") or "done"),
            phase_seconds={"reading": round(read_s, 1), "measuring_before": round(before_s, 1),
                           "training": round(training_s, 1),
                           "measuring_after": round(time.monotonic() - started, 1)},
            resumed_from=int(resume_step or 0))
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
        self.emit("progress", phase=f"measuring-{which}", message=f"measuring the {which} model")
        try:
            model = cls.load(path)
        except ModelError as exc:
            self.emit("evaluated", which=which, figures=None, message=str(exc))
            return None
        last = [0.0]

        def on_progress(done: int, total: int) -> None:  # about once a second: the dialog's bar moves
            now = time.monotonic()
            if now - last[0] >= 1.0 and total:
                last[0] = now
                self.emit("progress", phase=f"measuring-{which}", fraction=round(done / total, 3),
                          message=f"measuring the {which} model ({done:,} of {total:,} words)")

        result = evaluate(model, list(texts), k=EVAL_K, max_words=self.spec.eval_max_words,
                          on_progress=on_progress)
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
