"""The shared :class:`NextWordModel` of recurrent LMs: a plugin subclass only names its cell.

    class LSTMModel(RecurrentModel):
        model_id = "lstm"; cell = LSTMCell; display_name = "LSTM"; description = "..."

``model_id`` is the one name: it is stored in ``config.json`` (as ``model_id`` and, for older
readers, as the config's ``cell``) and checked when a directory is loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from ..api import ModelError, ModelInternals, NextWordModel, PassedOver, Suggestion, TrainingJob
from .cells import Cell
from .modeldir import ModelBundle, read_model_dir, write_model_dir


class RecurrentModel(NextWordModel):
    """Loads a model directory, predicts with numpy, trains with TensorFlow."""

    cell: ClassVar[type[Cell]]  # the recurrent cell class: its equations and weight names
    trainable = True

    def __init__(self, bundle: ModelBundle, path: Path | None = None):
        from .inference import Predictor

        self.bundle = bundle
        self.path = path
        self.predictor = Predictor(bundle, self.cell, path)
        self._passed_over = PassedOver(self.predict_ranked)  # predict: no word offered twice for one word

    @classmethod
    def default_path(cls) -> Path | None:
        from wordpad_ai_models import shipped_model_dir

        return shipped_model_dir(cls.model_id)

    @classmethod
    def load(cls, path: Path | None) -> "RecurrentModel":
        if path is None:
            path = cls.default_path()
            if path is None:
                raise ModelError(
                    f"the {cls.model_id!r} model ships no weights; train it with 'wordpad-ai train "
                    f"--model {cls.model_id} --from-scratch --out DIR TEXTS' and load DIR")
            if not (path / "config.json").is_file():
                raise ModelError(
                    f"the default {cls.model_id!r} model is not built yet ({path} is missing); build it "
                    f"with 'wordpad-ai train --model {cls.model_id} --out {path} --from-scratch TEXTS' "
                    f"or pass a model directory")
        bundle = read_model_dir(Path(path), cls.model_id, cell=cls.cell)
        if bundle.config.cell != cls.model_id:
            raise ModelError(f"model directory {path} uses the {bundle.config.cell!r} cell, "
                             f"not {cls.model_id!r}; load it with the matching model")
        return cls(bundle, Path(path))

    def save(self, path: Path) -> None:
        write_model_dir(self.bundle, Path(path))

    def predict(self, text_before_cursor: str, k: int) -> list[Suggestion]:
        return self._passed_over.suggest(text_before_cursor, k)

    def predict_ranked(self, text_before_cursor: str, k: int) -> list[Suggestion]:
        return self.predictor.predict(text_before_cursor, k)

    def predict_phrase(self, text_before_cursor: str, max_words: int = 4) -> Suggestion | None:
        return self.predictor.predict_phrase(text_before_cursor, max_words)

    def knows_word(self, word: str) -> bool:
        return self.predictor.knows_word(word)

    def prepare(self, text_before_cursor: str, should_stop=None) -> None:
        from .lookahead import prepare

        prepare(self.predictor, text_before_cursor, should_stop or (lambda: False))

    def phrase_candidates(self, text_before_cursor: str, max_words: int = 4, beam: int = 3,
                          threshold: float = 0.0) -> list:
        """The best phrase of each length 1 … ``max_words`` at least ``threshold`` likely
        (:meth:`.phrases.PhraseSearch.candidates`); for calibrating the phrase threshold."""
        from .phrases import PhraseSearch

        if getattr(self, "_phrase_search", None) is None:
            self._phrase_search = PhraseSearch(self.predictor)
        return self._phrase_search.candidates(text_before_cursor, max_words, beam, threshold)

    def perplexity(self, text: str) -> float | None:
        return self.predictor.perplexity(text)

    def inspect(self, text_before_cursor: str, last_tokens: int = 12) -> ModelInternals | None:
        return self.predictor.inspect(text_before_cursor, last_tokens)

    @classmethod
    def train(cls, job: TrainingJob, on_progress, should_stop, strategy=None) -> Path:
        from .trainer import train_model

        return train_model(job, cls.model_id, cls.cell, on_progress, should_stop, strategy)
