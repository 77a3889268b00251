"""The suggestion engine without Qt: one active model, asked for suggestions per keystroke.

The same :class:`Engine` runs in-process (CLI, tests, benchmarks) and inside the engine process
(``server.py``), where the GUI reaches it through ``client.py``. It never imports TensorFlow
itself; model plugins do, lazily, when a model is loaded.

Which model to load is decided in two places only: the settings' ``active_model`` picks the id,
and :func:`resolve_model_path` picks the directory (the user's trained version, or the shipped
default).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..api import ModelError, ModelInfo, ModelInternals, NextWordModel, Suggestion, checked_suggestions
from ..settings import Settings, load_settings
from ..text.contractions import completion
from ..text.tokenize import apostrophes_as_written, plain_quotes

if TYPE_CHECKING:  # pragma: no cover - typing only
    from ..inspection import ReducedInternals
    from ..plugins import PluginHost

log = logging.getLogger(__name__)

DEFAULT_MODEL_ID = Settings().active_model  # the app's default model id ("lstm")
PHRASE_MAX_WORDS = 4  # longest phrase completion asked of a model


def resolve_model_path(model_id: str) -> str | None:
    """The model directory to load for ``model_id``: the user's current trained version when a
    model store holds one, else None (the plugin's shipped default weights).

    This is the single seam between the engine and the model store: every load without an
    explicit path goes through it.
    """
    from ..modelstore import current_path

    path = current_path(model_id)
    return None if path is None else str(path)


def _describe(model_id: str, path: str | None) -> str:
    return f"model {model_id!r}" + (f" from {path}" if path else "")


class Engine:
    """One loaded model and the operations the editor needs from it.

    Not thread-safe: one caller at a time (models may keep recurrent state between calls).
    """

    def __init__(self, host: "PluginHost | None" = None, settings: Settings | None = None):
        if host is None:
            from ..plugins import load_host

            host = load_host(settings)
        self._host = host  # the loaded plugins and their model classes
        self._settings = settings  # None: read the settings file when the default model loads
        self._model: NextWordModel | None = None  # the active model, once loaded
        self._active: tuple[str, str | None] | None = None  # (model_id, path) of that model
        from .learning import Adaptation

        self._adaptation = Adaptation(self._current_settings)  # learning as you type (learning.py)
        self._settings_seen: tuple[int, Settings] | None = None  # (file mtime, settings) cache
        self.fallback_note = ""  # why the last set_model loaded the shipped default instead, or ""

    # -- models -------------------------------------------------------------------------------
    @property
    def active(self) -> tuple[str, str | None] | None:
        """``(model_id, path)`` of the loaded model (path None = shipped default), or None."""
        return self._active

    @property
    def notices(self) -> list[str]:
        """Lines for the user from loading the plugins (one that killed an earlier process
        while importing is named and disabled)."""
        return list(getattr(self._host, "notices", ()))

    def models(self) -> list[ModelInfo]:
        """Every model registered by an enabled plugin."""
        return self._host.model_infos()

    def set_model(self, model_id: str, path: str | None = None) -> ModelInfo:
        """Load ``model_id`` from ``path`` (None: :func:`resolve_model_path`) and make it active.

        On failure raise :class:`ModelError` with a one-line message and keep the previous model.
        A user-trained version that fails to load falls back to the shipped default of the same
        model, so a damaged store never leaves the user without suggestions; :attr:`fallback_note`
        then says so in a sentence for the status bar ("" otherwise).
        """
        from ..modelstore import damaged_version_message, fallback_reason

        explicit = path is not None
        path = str(path) if explicit else resolve_model_path(model_id)
        note = "" if explicit or path is not None else fallback_reason(model_id)
        try:
            model = self._load(model_id, path)
        except ModelError as exc:
            if explicit or path is None:
                raise
            note = damaged_version_message(model_id, Path(path).name, str(exc))
            log.warning("%s", note)
            path = None
            model = self._load(model_id, None)
        self._model = model
        self._active = (model_id, path)
        self.fallback_note = note
        return self._info(model_id)

    def load_configured(self, model_id: str | None = None, path: str | None = None) -> str:
        """Load the model the user configured (``model_id``/``path`` override the settings).

        If it fails, fall back to the app default, then to any other registered model, and
        return a one-line message saying so ("" when the configured model loaded). Raises
        :class:`ModelError` only when no model at all can be loaded.
        """
        if model_id is None:
            settings = self._settings or load_settings()
            model_id, path = settings.active_model, None
        try:
            self.set_model(model_id, path)
            return self.fallback_note
        except ModelError as exc:
            first_error = str(exc)
        candidates = [DEFAULT_MODEL_ID, *sorted(self._host.models)]
        for other in dict.fromkeys(c for c in candidates if c != model_id and c in self._host.models):
            try:
                info = self.set_model(other)
            except ModelError as exc:
                log.warning("fallback %s", exc)
                continue
            return f"{first_error}; using {info.display_name} instead"
        raise ModelError(f"{first_error}; no other model could be loaded either "
                         f"(see 'wordpad-ai plugins list')")

    def _load(self, model_id: str, path: str | None) -> NextWordModel:
        try:
            return self._host.load_model(model_id, path)
        except ModelError:
            raise
        except Exception as exc:  # a plugin bug must not take the engine down
            log.debug("loading %s failed", _describe(model_id, path), exc_info=True)
            raise ModelError(f"{_describe(model_id, path)} failed to load "
                             f"({type(exc).__name__}: {exc}); try another model") from exc

    def _info(self, model_id: str) -> ModelInfo:
        for info in self._host.model_infos():
            if info.model_id == model_id:
                return info
        raise ModelError(f"model {model_id!r} is not registered")  # pragma: no cover

    def _require_model(self) -> NextWordModel:
        if self._model is None:
            self.load_configured()
        assert self._model is not None
        return self._model

    # -- suggesting ---------------------------------------------------------------------------
    def suggest(self, text_before_cursor: str, k: int, phrase: bool = False) -> list[Suggestion]:
        """Up to ``k`` suggestions for the text before the cursor, most likely first.

        With ``phrase``, a confident phrase from the model's ``predict_phrase`` comes first: merged
        into the top suggestion's ``continuation`` when it starts with the same word, else put in
        front of the others. Loads the configured model first if none is loaded.
        """
        if k < 1:
            return []
        model = self._require_model()
        text = plain_quotes(text_before_cursor)  # "I don’t " is "I don't " (spelt_out writes ’ back)
        # the whole ranking at every keystroke (no PassedOver): the writer reads the ghost
        suggestions = self._adaptation.suggest(self._ranked, text, k, self._knows)
        if phrase:
            found = model.predict_phrase(text, PHRASE_MAX_WORDS)
            found = None if found is None else next(iter(checked_suggestions([found], 1, self.source())), None)
            # only as the top suggestion's continuation: the single-word choices stay as they are
            if (found is not None and found.continuation and suggestions
                    and suggestions[0].word.lower() == found.word.lower()):
                suggestions = merge_phrase(suggestions, found, k)
        return spelt_out(suggestions, text_before_cursor)

    def prepare(self, text_before_cursor: str, should_stop=None) -> None:
        """The engine is idle after suggesting at ``text_before_cursor``: the model may prepare
        the next keystroke's work (its optional ``prepare``) until ``should_stop()``. Nothing it
        raises reaches anyone: this is only a head start."""
        if self._model is None:
            return
        try:
            prepare = getattr(self._model, "prepare", None)
            if prepare is not None:
                prepare(plain_quotes(text_before_cursor), should_stop)  # as suggest() asked
        except KeyboardInterrupt:
            raise
        except BaseException:  # a model plugin bug (even sys.exit): only a head start lost
            log.debug("prepare failed", exc_info=True)

    def _knows(self, word: str) -> bool:
        from .learning import model_knows

        return model_knows(self._require_model(), word)

    def _ranked(self, text_before_cursor: str, k: int) -> list[Suggestion]:
        """The active model's ``predict_ranked``, checked and trimmed (``checked_suggestions``)."""
        ranked = self._require_model().predict_ranked(text_before_cursor, k)
        return checked_suggestions(ranked, k, self.source())

    def source(self) -> str:
        """The active model and its plugin, for messages: "model 'bigram' of plugin 'bigram'"."""
        if self._active is None:
            return "the model"
        entry = self._host.models.get(self._active[0])
        plugin = f" of plugin {entry[1]!r}" if entry else ""
        return f"model {self._active[0]!r}{plugin}"

    def inspect(self, text_before_cursor: str,
                max_units: int | None = None) -> "ModelInternals | ReducedInternals | None":
        """The model's internals for the inspector panel, or None if it offers none.

        With ``max_units``, reduced to what the panel draws (:func:`reduce_internals`: per series
        the mean over all units and the ``max_units`` most varying units), a small fraction of
        the full rows to send.
        """
        internals = self._require_model().inspect(text_before_cursor)
        if internals is None or max_units is None:
            return internals
        from ..inspection import reduce_internals

        return reduce_internals(internals, max_units)

    def observe(self, text: str, path: str | None = None) -> None:
        """Learn from text the user wrote or accepted in the document ``path`` (None: unsaved)
        and pass it to models that adapt; nothing is learned while learning is paused or from
        excluded documents (see ``learning.py``)."""
        clean = self._adaptation.observe(text, path)
        if clean is not None and clean.strip():
            self._require_model().observe(clean)  # models that adapt never see what stays private

    def close(self) -> None:
        """Save what was learned (the engine is about to exit)."""
        self._adaptation.flush()

    def _current_settings(self) -> Settings:
        """The settings given, or the settings file's (re-read when it changes)."""
        if self._settings is not None:
            return self._settings
        from ..paths import settings_file

        try:
            mtime = settings_file(create=False).stat().st_mtime_ns
        except OSError:
            mtime = -1
        if self._settings_seen is None or self._settings_seen[0] != mtime:
            self._settings_seen = (mtime, load_settings())
        return self._settings_seen[1]


def spelt_out(suggestions: list[Suggestion], text_before_cursor: str = "") -> list[Suggestion]:
    """The suggestions as the editor writes them: a contraction's stem with its ending ("don" →
    "don't"; a phrase's "t" after it is that ending), with a curly apostrophe where the writer's
    are curly (``text_before_cursor``: "I don’t know. I don" → don’t), each word once."""
    out, seen = [], set()
    for s in suggestions:
        written = completion(s.word)
        if written is not None:
            rest = s.continuation[1:] if s.continuation[:1] == ("t",) else s.continuation
            s = Suggestion(written, s.probability, prefix=s.prefix, continuation=rest)
        if s.word not in seen:
            seen.add(s.word)
            out.append(s)
    return apostrophes_as_written(out, text_before_cursor)


def merge_phrase(suggestions: list[Suggestion], phrase: Suggestion, k: int) -> list[Suggestion]:
    """Put a phrase completion first: as the top suggestion's ``continuation`` when the words
    match, else in front, without repeating its first word further down."""
    if suggestions and suggestions[0].word.lower() == phrase.word.lower():
        top = suggestions[0]
        merged = Suggestion(word=top.word, probability=top.probability, prefix=top.prefix,
                            continuation=tuple(phrase.continuation))
        return [merged, *suggestions[1:]][:k]
    rest = [s for s in suggestions if s.word.lower() != phrase.word.lower()]
    return [phrase, *rest][:k]
