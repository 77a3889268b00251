"""Calibrating the phrase threshold on held-out text (a developer tool, not a user command).

For every word start of the text, :func:`calibrate` records the best phrase of each length the
model proposes, its probability and whether it was exactly what the writer typed next;
:meth:`Calibration.at` then says how many phrases a threshold would show and how many of those
would be right. The shipped ``PHRASE_THRESHOLD`` (``wordpad_ai/neural/phrases.py``) was chosen so:

    python -m wordpad_ai.evaluation.calibration --model lstm FILE...

The model must offer ``phrase_candidates`` (as :class:`~wordpad_ai.neural.model.RecurrentModel`
does); nothing here reaches into a model's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from .document import DEFAULT_CONTEXT_CHARS, Document
from .phrases import matched_words

__all__ = ["Calibration", "calibrate", "main"]


@dataclass
class Calibration:
    """Per word start: the best phrase of each length, its probability and whether it was right."""

    rows: list[list[tuple[float, bool]]] = field(default_factory=list)  # [(p_n, right_n), n≥2]

    def at(self, threshold: float) -> tuple[int, float]:
        """(phrases shown, share entirely right) when phrases need ``threshold``."""
        shown = right = 0
        for row in self.rows:
            ok = [r for p, r in row if p >= threshold]
            if ok:
                shown += 1
                right += ok[-1]
        return shown, right / shown if shown else 0.0

    def threshold_for(self, target: float) -> float | None:
        """The lowest threshold (0.05 steps) whose shown phrases are at least ``target`` right."""
        for t in [x / 20 for x in range(1, 20)]:
            shown, share = self.at(t)
            if shown and share >= target:
                return t
        return None


def calibrate(model, texts: Sequence[str], max_words: int = 3000,
              context_chars: int | None = DEFAULT_CONTEXT_CHARS) -> Calibration:
    """Collect phrase probabilities and correctness at every word start of ``texts`` with
    ``model.phrase_candidates`` (e.g. a :class:`~wordpad_ai.neural.model.RecurrentModel`)."""
    if not callable(getattr(model, "phrase_candidates", None)):
        raise TypeError(f"{type(model).__name__} has no phrase_candidates(); calibrate a "
                        f"recurrent model (lstm, rnn)")
    cal, n = Calibration(), 0
    for text in texts:
        doc = Document.from_text(text, context_chars)
        for i, (start, _) in enumerate(doc.spans):
            if n >= max_words:
                return cal
            n += 1
            found = model.phrase_candidates(doc.before(start), 4, 3, threshold=0.05)
            cal.rows.append([(c.probability, matched_words(doc, i, c.words) == len(c.words))
                             for c in found[1:]])
    return cal


def main(argv: list[str] | None = None) -> int:
    import argparse
    from pathlib import Path

    from .. import load_model

    parser = argparse.ArgumentParser(prog="python -m wordpad_ai.evaluation.calibration",
                                     description="calibrate the phrase threshold on held-out text")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--model", default="lstm")
    parser.add_argument("--model-dir", type=Path, default=None)
    parser.add_argument("--max-words", type=int, default=3000)
    parser.add_argument("--target", type=float, default=0.6)
    args = parser.parse_args(argv)
    model = load_model(args.model, args.model_dir)
    cal = calibrate(model, [p.read_text(encoding="utf-8") for p in args.files], args.max_words)
    for t in [x / 20 for x in range(1, 20)]:
        shown, share = cal.at(t)
        print(f"threshold {t:.2f}: {shown:5d} phrases shown at {len(cal.rows)} word starts, "
              f"{100 * share:5.1f} % right")
    print("threshold for", args.target, "→", cal.threshold_for(args.target))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
