"""WordPad AI: a text editor that predicts your next word and learns from your own documents.

Public API for programs, plugins and tests::

    import wordpad_ai
    model = wordpad_ai.load_model("lstm")          # shipped default weights
    model.predict("The quick brown ", k=3)         # -> [Suggestion(...), ...]
    wordpad_ai.list_models()                       # -> [ModelInfo(...), ...]
"""

from __future__ import annotations

from pathlib import Path

from .api import (
    ModelError,
    ModelInfo,
    ModelInternals,
    NextWordModel,
    Suggestion,
    TrainingCancelled,
    TrainingJob,
    TrainingProgress,
)

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "hookimpl",
    "ModelError",
    "ModelInfo",
    "ModelInternals",
    "NextWordModel",
    "Suggestion",
    "TrainingCancelled",
    "TrainingJob",
    "TrainingProgress",
    "list_models",
    "load_model",
]


def load_model(model_id: str, path: str | Path | None = None) -> NextWordModel:
    """A ready model: the shipped default weights of ``model_id`` when ``path`` is None, else the
    model directory at ``path``. Raises :class:`ModelError` for unknown ids or bad directories."""
    from .plugins import load_host

    return load_host().load_model(model_id, None if path is None else Path(path))


def list_models() -> list[ModelInfo]:
    """Every model registered by an enabled plugin."""
    from .plugins import load_host

    return load_host().model_infos()


def __getattr__(name: str):
    # ``wordpad_ai.hookimpl`` imports pluggy only when a plugin (or the host) asks for it, so the
    # editor's window does not wait for it
    if name == "hookimpl":
        from .hookspecs import hookimpl

        return hookimpl
    raise AttributeError(f"module 'wordpad_ai' has no attribute {name!r}")
