"""The model contract: what a model plugin subclasses, and the values it returns.

A plugin registers subclasses of :class:`NextWordModel` through the ``wordpad_ai_register_models``
hook (see ``hookspecs.py`` and ``docs/plugins.md``). The app only ever talks to models through
this class, in the engine process, the trainer process, the CLI and the tests alike.
"""

from __future__ import annotations

import itertools
import math
import numbers
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ClassVar, Iterable, Mapping, Sequence

from .text.tokenize import partial_word

CONTEXT_CHARS = 600  # text before the cursor given to a model (its end): the app's one context
#                     limit, used by the editor, the engine, the evaluation and the bundled models
MAX_WORD_CHARS = 100  # a suggested word longer than this is dropped (no real word is)
MAX_CONTINUATION_WORDS = 8  # further words of a phrase kept from a model


class ModelError(Exception):
    """A user-visible problem with a model: a missing, corrupt or mismatched model directory.

    The message names the thing and says what to do; the CLI prints it as one line.
    """


@dataclass(frozen=True)
class Suggestion:
    """One suggested word.

    ``word`` is always the whole word as the writer would type it ("Linux", "The" at a sentence
    start), also when it completes a partly typed word: for the text ``"I like pro"`` a suggestion
    is ``Suggestion("programming", 0.21, prefix="pro")``; the editor inserts ``remainder``. A
    first suggestion that is the typed word itself (``word == prefix``, nothing to insert) says the
    word is probably finished: the editor shows no ghost for the completions after it.
    """

    word: str  # the whole suggested word, cased as the writer would type it
    probability: float  # model probability of this word, in [0, 1]
    prefix: str = ""  # the part of the word already typed before the cursor ("" for a next word)
    continuation: tuple[str, ...] = ()  # further words of a phrase completion, if confident

    @property
    def remainder(self) -> str:
        """What is left to insert after the cursor to complete ``word``."""
        if self.prefix and self.word.lower().startswith(self.prefix.lower()):
            return self.word[len(self.prefix):]
        return self.word

    def to_json(self) -> dict:
        return {
            "word": self.word,
            "probability": self.probability,
            "prefix": self.prefix,
            "continuation": list(self.continuation),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Suggestion":
        return cls(
            word=str(data["word"]),
            probability=float(data["probability"]),
            prefix=str(data.get("prefix", "")),
            continuation=tuple(data.get("continuation", ())),
        )


def checked_suggestions(result: Any, k: int, source: str) -> list["Suggestion"]:
    """What a model's ``predict`` (or ``predict_phrase``, as a one-item list) returned, checked
    and trimmed before anything else sees it: at most ``k`` suggestions; probabilities that
    are NaN count as 0 and the others are clamped into [0, 1]; empty or absurdly long words
    and their phrases are dropped. A result that is not a sequence of :class:`Suggestion` (None,
    strings, numbers...) raises :class:`ModelError` naming ``source`` ("model 'x' of plugin 'y'").
    """

    def bad(what: str) -> ModelError:
        return ModelError(f"{source} returned {what} instead of a list of Suggestion; update the "
                          f"plugin or choose another model ('wordpad-ai plugins list')")

    if result is None or isinstance(result, (str, bytes, Mapping, Suggestion)) \
            or not isinstance(result, (Sequence, Iterable)):
        raise bad(_describe(result))
    out: list[Suggestion] = []
    for item in itertools.islice(result, max(0, int(k))):
        if not isinstance(item, Suggestion):
            raise bad(f"an item {_describe(item)}")
        p = item.probability
        if not isinstance(p, numbers.Real) or isinstance(p, bool):
            raise bad(f"a probability {_describe(p)} for {item.word!r}")
        p = 0.0 if math.isnan(p) else min(1.0, max(0.0, float(p)))
        cont = item.continuation
        if not isinstance(item.word, str) or not isinstance(item.prefix, str) \
                or not isinstance(cont, (tuple, list)) or not all(isinstance(w, str) for w in cont):
            raise bad(f"a suggestion with a word, prefix or continuation that is not text ({item!r:.80})")
        if not item.word.strip() or len(item.word) > MAX_WORD_CHARS:
            continue
        cont = tuple(w for w in cont[:MAX_CONTINUATION_WORDS] if w.strip() and len(w) <= MAX_WORD_CHARS)
        out.append(Suggestion(item.word, p, prefix=item.prefix, continuation=cont))
    return out


def _describe(value: Any) -> str:
    text = repr(value)
    return f"{text[:40]}{'…' if len(text) > 40 else ''} ({type(value).__name__})"


@dataclass(frozen=True)
class ModelInfo:
    """What the app lists about a registered model class (no weights loaded)."""

    model_id: str
    display_name: str
    description: str
    trainable: bool
    plugin: str  # name of the plugin that registered it

    def to_json(self) -> dict:
        return {
            "model_id": self.model_id,
            "display_name": self.display_name,
            "description": self.description,
            "trainable": self.trainable,
            "plugin": self.plugin,
        }


@dataclass(frozen=True)
class TrainingJob:
    """Everything a trainable model needs to train or fine-tune; a pure value, safe to send to
    another process."""

    paths: tuple[str, ...]  # files and folders of the user's text
    out_dir: str  # empty staging folder the new model directory is written to
    base_dir: str | None = None  # model directory to fine-tune from; None = train from scratch
    epochs: int | None = None  # passes over the data; None = until time budget/early stop
    time_budget_s: float | None = None  # wall-clock budget for the whole run, in seconds
    validation_fraction: float = 0.1  # share of the text held out for validation and the report
    checkpoint_dir: str | None = None  # where to keep resumable checkpoints; None = no resume
    seed: int = 0  # random seed for splits, initialisation and shuffling
    hyperparameters: Mapping[str, Any] = field(default_factory=dict)  # model-specific overrides
    # ``paths`` already read (built-in and plugin readers) and split into train/validation/held-out
    # parts by ``wordpad_ai.training.reading`` (the app's one reading step); None: read ``paths``
    text_dir: str | None = None


@dataclass(frozen=True)
class TrainingProgress:
    """A progress event from a training run (sent to progress bars and the live chart)."""

    phase: str  # "reading", "training", "evaluating", "saving", "done"
    step: int = 0  # optimiser steps done
    total_steps: int | None = None  # expected steps, when known
    epoch: int = 0  # epochs done
    loss: float | None = None  # training loss (mean over recent steps), nats per token
    val_perplexity: float | None = None  # latest validation perplexity
    tokens_per_s: float | None = None  # training throughput
    eta_s: float | None = None  # estimated seconds left
    fraction: float | None = None  # overall completion in [0, 1], when known
    message: str = ""  # human-readable note ("skipped 2 files", "resumed from step 300")

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ModelInternals:
    """Optional look inside a model for the inspector panel (see :meth:`NextWordModel.inspect`).

    ``top`` is the next-word distribution's top entries; ``series`` maps a name ("forget gate",
    "input gate", "output gate", "cell |c|", "hidden |h|") to one row per recent token, each row
    a list of per-unit values (or a single magnitude), aligned with ``tokens``.
    """

    tokens: tuple[str, ...]  # the last tokens read, oldest first
    top: tuple[tuple[str, float], ...]  # (word, probability), most likely first
    series: Mapping[str, Sequence[Sequence[float]]] = field(default_factory=dict)


ProgressCallback = Callable[[TrainingProgress], None]
StopCheck = Callable[[], bool]


class NextWordModel:
    """Base class of every model. Subclass it, set the class attributes, implement ``load`` and
    ``predict``; trainable models also implement ``save`` and ``train``.

    A model instance is used by one thread at a time and may keep state between ``predict`` calls
    (e.g. the recurrent state of the text already read), so that a keystroke costs little.
    """

    model_id: ClassVar[str] = ""  # unique, stable id: "lstm", "rnn", "bigram"
    display_name: ClassVar[str] = ""  # shown in the Model menu
    description: ClassVar[str] = ""  # one sentence for lists and tooltips
    trainable: ClassVar[bool] = False  # whether ``train`` is implemented

    # -- loading and saving -------------------------------------------------------------------
    @classmethod
    def default_path(cls) -> Path | None:
        """The model directory shipped with the plugin, or None if the model needs no files."""
        return None

    @classmethod
    def load(cls, path: Path | None) -> "NextWordModel":
        """Build a ready model from a model directory (``path``), or the shipped default when
        ``path`` is None. Must not execute code from the directory. Raise :class:`ModelError`
        with a clear message for a missing, corrupt or mismatched directory."""
        raise NotImplementedError(f"{cls.__name__}.load")

    def save(self, path: Path) -> None:
        """Write the model to the folder ``path`` (created if needed), loadable by ``load``."""
        raise NotImplementedError(f"{type(self).__name__} cannot be saved")

    # -- suggesting -----------------------------------------------------------------------------
    def predict(self, text_before_cursor: str, k: int) -> list[Suggestion]:
        """Return up to ``k`` suggestions, most likely first.

        If the text ends inside a word, every suggestion completes that word (``prefix`` is the
        typed part, ``word`` the whole word, matching the prefix case-insensitively). After a space
        or punctuation, suggestions are next words. Words are cased as the writer would type them.
        """
        raise NotImplementedError(f"{type(self).__name__}.predict")

    def predict_ranked(self, text_before_cursor: str, k: int) -> list[Suggestion]:
        """Optional: the ``k`` best suggestions, none held back because an earlier keystroke of
        the word offered them (:class:`PassedOver`). The editor's engine offers these (re-ranked
        with the writer's own words). The default is ``predict``."""
        return self.predict(text_before_cursor, k)

    def predict_phrase(self, text_before_cursor: str, max_words: int = 4) -> Suggestion | None:
        """Optional: a confident multi-word continuation (``word`` plus ``continuation``), or
        None when not confident. The default offers none."""
        return None

    def prepare(self, text_before_cursor: str, should_stop: "StopCheck | None" = None) -> None:
        """Optional: the engine is idle after suggesting at ``text_before_cursor``; do now work
        the next keystroke will probably need (the bundled models read the word being typed as if
        it were finished), and return as soon as ``should_stop()`` is true (the next request has
        come): look at it every half millisecond or so. The default does nothing."""

    def knows_word(self, word: str) -> bool:
        """Optional: whether lower-case ``word`` is a whole word of the model's. Learning as you
        type reads a word the model knows and offers nothing for as finished ("do"), not as the
        start of a word learnt elsewhere ("doctor"). The default knows none."""
        return False

    def perplexity(self, text: str) -> float | None:
        """Optional: per-token perplexity of ``text`` under the model, None if unsupported."""
        return None

    def inspect(self, text_before_cursor: str, last_tokens: int = 12) -> ModelInternals | None:
        """Optional: internals for the model inspector, None if unsupported (the default)."""
        return None

    def observe(self, text: str) -> None:
        """Optional: text the user wrote or accepted, for models that adapt while you type.
        The default ignores it."""

    # -- training -------------------------------------------------------------------------------
    @classmethod
    def train(cls, job: TrainingJob, on_progress: ProgressCallback, should_stop: StopCheck) -> Path:
        """Train (``job.base_dir`` None) or fine-tune a model on ``job.paths`` and write it to
        ``job.out_dir``; return that path. Call ``on_progress`` regularly and return early,
        leaving no half-written model, when ``should_stop()`` becomes true (raise
        :class:`TrainingCancelled`)."""
        raise NotImplementedError(f"{cls.__name__} is not trainable")

    @classmethod
    def info(cls, plugin: str = "") -> ModelInfo:
        return ModelInfo(
            model_id=cls.model_id,
            display_name=cls.display_name or cls.model_id,
            description=cls.description,
            trainable=cls.trainable,
            plugin=plugin,
        )


class PassedOver:
    """Presage's "no repeated suggestions" for a writer who reads every offer as they type.

    Asked for the same word one keystroke after another ("I would like to ", then "… t", then
    "… th"), it does not offer again a word it offered for that word at an earlier keystroke: a
    writer who saw "thank" and typed on did not want it, so the few places go to new candidates.
    Presage does this by default ("repeat suggestions: no"), and its keystroke-savings figures
    assume it; it is worth about 1.5 points for the bundled models. Words are compared as
    written: a writer who passed over "file" may still take "File" once they typed "F".

    Only an unbroken run of keystrokes counts: a call that is not the previous call's word with one
    more character typed starts afresh, so "I would like to inv" asked on its own (or after "I would
    like to ") gets the model's whole ranking. ``rank(text, n)`` gives the ``n`` best suggestions
    with none held back. The editor does not use this: its writer reads the ghost, not always the
    list, so the engine offers the whole ranking at every keystroke.
    """

    def __init__(self, rank: Callable[[str, int], list[Suggestion]]):
        self._rank = rank
        self._word: tuple[str, int, str] | None = None  # (end of text before the word, k, typed part)
        self._before: frozenset[str] = frozenset()  # words offered for this word before that call
        self._offered: frozenset[str] = frozenset()  # words offered at that call

    def suggest(self, text_before_cursor: str, k: int) -> list[Suggestion]:
        tail = text_before_cursor[-CONTEXT_CHARS:]  # (a whole book may be passed: never copy it)
        partial = partial_word(tail)
        # the word's place: the end of the text before it (a caller's window may start a little
        # later at each keystroke), and k
        key = tail[: len(tail) - len(partial)][-CONTEXT_CHARS // 2:], k
        last = self._word
        if last is not None and last[:2] == key and partial == last[2]:
            passed = self._before  # asked again at the same keystroke
        elif last is not None and last[:2] == key and partial[:-1] == last[2] and partial:
            passed = self._before | self._offered  # the next keystroke of the same word
        else:
            passed = frozenset()
        shown = [s for s in self._rank(text_before_cursor, k + len(passed))
                 if s.word not in passed][:k]
        self._word, self._before = (*key, partial), passed
        self._offered = frozenset(s.word for s in shown)
        return shown


class TrainingCancelled(Exception):
    """Raised by ``NextWordModel.train`` when ``should_stop()`` asked it to stop."""
