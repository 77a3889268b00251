"""A WordPad AI model plugin: a unigram (word frequency) model with prefix completion.

It suggests the most frequent words of its training text, ignoring context: the simplest model
that honours the whole :class:`wordpad_ai.NextWordModel` contract (completion vs next word,
casing, loading, saving, training). Replace the counting with your own model.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from wordpad_ai import ModelError, NextWordModel, Suggestion, TrainingCancelled, TrainingProgress, hookimpl

__version__ = "0.1.0"

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")  # letters, with an inner apostrophe ("don't")
WORD_AT_END = re.compile(r"[^\W\d_]+$")  # the partly typed word before the cursor, if any
SENTENCE_END = re.compile(r"(^|[.!?]\s*)$")  # text that ends at the start of a sentence


class UnigramModel(NextWordModel):
    """P(word) = count(word) / total; suggestions are the most frequent words (with the prefix)."""

    model_id = "unigram"
    display_name = "Unigram (template)"
    description = "Most frequent words of the training text; completes the word being typed."
    trainable = True

    def __init__(self, counts: Counter, forms: dict[str, str]):
        self.counts = counts  # lower-cased word -> occurrences
        self.forms = forms  # lower-cased word -> how it is written most often ("Python")
        self.total = sum(counts.values()) or 1

    # -- building, loading, saving ---------------------------------------------------------------
    @classmethod
    def from_text(cls, text: str) -> "UnigramModel":
        counts: Counter = Counter()
        written: Counter = Counter()  # spellings seen inside sentences ("Python", "the")
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            words = WORD.findall(sentence)
            counts.update(w.lower() for w in words)
            if words:
                words[0] = words[0].lower()  # a capital at a sentence start says nothing
            written.update(words)
        forms: dict[str, str] = {}
        for form, _ in written.most_common():  # most frequent spelling first
            if form.lower() not in forms or form == form.lower():
                forms[form.lower()] = form  # the lower-case spelling wins whenever it occurs
        return cls(counts, forms)

    @classmethod
    def default_path(cls) -> Path:
        return Path(__file__).parent / "default"

    @classmethod
    def load(cls, path: Path | None) -> "UnigramModel":
        path = cls.default_path() if path is None else Path(path)
        if (path / "counts.json").exists():
            try:
                data = json.loads((path / "counts.json").read_text(encoding="utf-8"))
                return cls(Counter(data["counts"]), dict(data["forms"]))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise ModelError(f"{path}/counts.json is damaged ({exc}); train the model again") from None
        if (path / "corpus.txt").exists():
            return cls.from_text((path / "corpus.txt").read_text(encoding="utf-8"))
        raise ModelError(f"{path} is not a unigram model folder (no counts.json or corpus.txt)")

    def save(self, path: Path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        data = {"counts": dict(self.counts), "forms": self.forms}
        (path / "counts.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    # -- suggesting ------------------------------------------------------------------------------
    def predict(self, text_before_cursor: str, k: int) -> list[Suggestion]:
        match = WORD_AT_END.search(text_before_cursor)
        prefix = match.group(0) if match else ""
        before = text_before_cursor[: len(text_before_cursor) - len(prefix)]
        # a completion keeps the case the writer started with; a next word is capitalised at
        # the start of a sentence
        capitalise = prefix[:1].isupper() if prefix else bool(SENTENCE_END.search(before.rstrip(" ")))
        low = prefix.lower()
        ranked = sorted(((w, n) for w, n in self.counts.items() if w.startswith(low) and w != low),
                        key=lambda wn: (-wn[1], wn[0]))[:k]
        out = []
        for w, n in ranked:
            word = self.forms.get(w, w)
            if capitalise:
                word = word[:1].upper() + word[1:]
            out.append(Suggestion(word=word, probability=n / self.total, prefix=prefix))
        return out

    def observe(self, text: str) -> None:
        """Adapt while the user types: count the words they wrote."""
        for form in WORD.findall(text):
            self.counts[form.lower()] += 1
            self.forms.setdefault(form.lower(), form)
        self.total = sum(self.counts.values()) or 1

    # -- training --------------------------------------------------------------------------------
    @classmethod
    def train(cls, job, on_progress, should_stop) -> Path:
        files: list[Path] = []
        for p in map(Path, job.paths):
            files += sorted(p.rglob("*.txt")) if p.is_dir() else [p]
        texts = []
        for i, f in enumerate(files):
            if should_stop():
                raise TrainingCancelled()
            texts.append(f.read_text(encoding="utf-8", errors="replace"))
            on_progress(TrainingProgress(phase="reading", step=i + 1, total_steps=len(files),
                                         fraction=(i + 1) / len(files)))
        cls.from_text("\n".join(texts)).save(Path(job.out_dir))
        on_progress(TrainingProgress(phase="done", fraction=1.0))
        return Path(job.out_dir)


@hookimpl
def wordpad_ai_register_models(register):
    register(UnigramModel)
