"""Where WordPad AI keeps user data: the only module that talks to platformdirs.

Every other module asks here. Setting ``WORDPAD_AI_HOME`` puts everything under that one folder
(tests, portable installs), so nothing touches the real home directory.

Each of the four folders is private to the user (0700, tightened if an older version made it
0755), and so is every folder made under it here; see :mod:`wordpad_ai.fileutil` for files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

import platformdirs

from .fileutil import make_private, make_private_dirs

APP_NAME = "wordpad-ai"
HOME_ENV = "WORDPAD_AI_HOME"


def _base(kind: str) -> Path:
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser() / kind
    getter = {
        "config": platformdirs.user_config_dir,
        "data": platformdirs.user_data_dir,
        "cache": platformdirs.user_cache_dir,
        "state": platformdirs.user_state_dir,
    }[kind]
    return Path(getter(APP_NAME, appauthor=False))


def _ensure(path: Path) -> Path:
    """``path`` as an existing folder private to the user (created 0700, tightened to 0700)."""
    make_private_dirs(path)
    make_private(path)
    return path


def config_dir() -> Path:
    """Settings (``settings.json``)."""
    return _ensure(_base("config"))


def data_dir() -> Path:
    """User data worth keeping: trained models, learned vocabulary, statistics."""
    return _ensure(_base("data"))


def cache_dir() -> Path:
    """Data that can be rebuilt: checkpoints of interrupted runs, staging folders, the
    training folder's copy of the user's documents."""
    return _ensure(_base("cache"))


@contextlib.contextmanager
def scratch_dir(prefix: str, keep_in: Path | None = None) -> Iterator[Path]:
    """A working folder: ``keep_in`` when given (kept, so a rerun can resume from it), else a new
    private temporary folder in :func:`cache_dir`, removed afterwards."""
    if keep_in is not None:
        yield Path(keep_in)
        return
    tmp = Path(tempfile.mkdtemp(prefix=prefix, dir=cache_dir()))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def state_dir() -> Path:
    """Session state: autosaves for crash recovery, recent files, logs."""
    return _ensure(_base("state"))


def models_dir() -> Path:
    """Versioned user-trained models, one folder per model id."""
    return _ensure(data_dir() / "models")


def private_dir(path: Path) -> Path:
    """``path`` (a folder inside one of the folders above) created private, for callers that
    make their own sub-folders (autosaves, the training work folder)."""
    return _ensure(Path(path))


def settings_file(create: bool = True) -> Path:
    """The settings file; its folder is made first unless ``create`` is false (only a look at
    the file, as the engine takes at every keystroke to see whether the settings changed)."""
    return (config_dir() if create else _base("config")) / "settings.json"
