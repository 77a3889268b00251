"""The training dialog's words: run phases as a writer would name them, durations, and the plain
verdict on top of the result page ("The new model saves about 11 more keystrokes in every 100 on
your writing"). Pure functions of the runner's events and :class:`TrainingReport` (no widgets).
"""

from __future__ import annotations

from ..training.protocol import Figures, TrainingReport

# the four steps of a run, in order, as the progress list names them
PHASES = (("reading", "Reading your documents"),
          ("measuring-before", "Testing your current model"),
          ("training", "Learning from your writing"),
          ("measuring-after", "Testing the new model"))
PHASE_OF_EVENT = {"reading": "reading", "measuring-before": "measuring-before",
                  "training": "training", "evaluating": "training", "saving": "training",
                  "done": "training", "measuring-after": "measuring-after"}  # progress phase → step
PHASE_MESSAGES = {
    "reading": "Reading your documents…",
    "measuring-before": "Testing how well your current model predicts your writing…",
    "evaluating": "Learning from your writing (checking its progress)…",
    "saving": "Saving the new model…",
    "done": "Saving the new model…",
    "measuring-after": "Testing how well the new model predicts your writing…",
}  # what the phase label says for events other than "training"


def duration(seconds: float | None) -> str:
    """"45 s", "1 min", "1 min 36 s", or "—"."""
    if seconds is None:
        return "—"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds // 60} min {seconds % 60:02d} s"


def plural(count: int, one: str, many: str | None = None) -> str:
    """"1 step", "2 steps"."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def per_hundred(share: float) -> int:
    """A share as a whole number of keystrokes in every 100."""
    return int(round(100 * share))


def verdict(report: TrainingReport) -> str:
    """One or two sentences on top of the result page: better or worse, in keystrokes."""
    after, before = report.after, report.before
    saved_after = per_hundred(after.ksr)
    if before is None:
        return (f"The new model saves about {saved_after} keystrokes in every 100 on your writing. "
                "There was no model in use to compare it with.")
    saved_before = per_hundred(before.ksr)
    diff = saved_after - saved_before
    if report.new_model_worse:
        if diff < 0:
            return (f"The new model is worse on your writing: it saves about {-diff} fewer "
                    f"keystrokes in every 100 ({saved_after} instead of {saved_before}). "
                    "Keep the current one.")
        return (f"The new model is no better on your writing: both save about {saved_before} "
                "keystrokes in every 100, and the new one is less sure of the right words. "
                "Keep the current one.")
    if diff > 0:
        return (f"The new model saves about {diff} more keystrokes in every 100 on your writing "
                f"({saved_after} instead of {saved_before}).")
    return (f"Both models save about {saved_before} keystrokes in every 100 on your writing; "
            "the new one is as good or slightly better at guessing the right words.")


def summary(report: TrainingReport) -> str:
    """The small print under the verdict: what was trained, how long each phase took."""
    times = report.phase_seconds or {}
    parts = [f"{name} {duration(times[key])}" for key, name in (
        ("reading", "reading"), ("measuring_before", "testing the current model"),
        ("training", "training"), ("measuring_after", "testing the new one")) if key in times]
    resumed = f", resumed from step {report.resumed_from}" if report.resumed_from else ""
    return (f"Trained on {report.words:,} words for {plural(report.steps, 'step')}{resumed} "
            f"(stopped: {report.stop_reason}) and tested on {report.after.words:,} words of your "
            f"documents that were kept out of training. The whole run took {duration(report.seconds)}"
            + (f": {', '.join(parts)}." if parts else "."))


def figure_text(figures: Figures | None, key: str, is_share: bool) -> str:
    """One cell of the before/after table."""
    value = None if figures is None else getattr(figures, key)
    if value is None:
        return "—"
    return f"{100 * value:.1f} %" if is_share else f"{value:.1f}"
