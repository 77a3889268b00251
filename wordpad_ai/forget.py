""""Delete everything WordPad AI learned about me": the places that hold what was learned from the
user, and one function that removes them all. No Qt.

What is removed (each from its owner's public location):

- trained models: every user-trained version (``ModelStore().delete_all()``, ``paths.models_dir()``);
- the typing cache: learning as you type (``engine.learning.cache_file()``);
- statistics: keystrokes saved (``stats.stats_file()``);
- autosaves: crash-recovery snapshots of documents (``paths.state_dir()/autosave``);
- the personal word list of the spell checker (``spelling.personal_file()``);
- caches of interrupted training runs: tokenised text and checkpoints (``paths.cache_dir()``).

Settings (preferences, recent files, disabled plugins) are kept: they are choices, not learning.
The engine must not be running while this runs (it would write its cache back when it exits).
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import paths

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LearnedData:
    """One place where something learned about the user is kept."""

    label: str  # what it is, for the confirmation and the report
    path: Path  # a file or a folder


def learned_data() -> list[LearnedData]:
    """Every place that may hold what WordPad AI learned about the user."""
    from .engine.learning import cache_file
    from .spelling import personal_file
    from .stats import stats_file

    return [
        LearnedData("trained models", paths.models_dir()),
        LearnedData("typing cache", cache_file()),
        LearnedData("statistics", stats_file()),
        LearnedData("autosaved documents", paths.state_dir() / "autosave"),
        LearnedData("personal dictionary", personal_file()),
        LearnedData("training caches", paths.cache_dir()),
    ]


def forget_everything() -> list[str]:
    """Remove every place in :func:`learned_data`; returns the labels of those that held
    something. Raises OSError naming the path that could not be removed."""
    from .modelstore import ModelStore

    removed = []
    for item in learned_data():
        path = item.path
        if not path.exists():
            continue
        if path.is_dir() and not any(path.iterdir()):
            continue
        try:
            if item.path == paths.models_dir():
                ModelStore(path).delete_all()
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
        except OSError as exc:
            raise OSError(f"could not delete the {item.label} in {path} ({exc.strerror or exc}); "
                          f"close other WordPad AI windows and try again") from exc
        removed.append(item.label)
        log.info("deleted the %s (%s)", item.label, path)
    return removed
