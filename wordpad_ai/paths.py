"""Where WordPad AI keeps user data: the only module that talks to platformdirs.

Every other module asks here. Setting ``WORDPAD_AI_HOME`` puts everything under that one folder
(tests, portable installs), so nothing touches the real home directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

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
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Settings (``settings.json``)."""
    return _ensure(_base("config"))


def data_dir() -> Path:
    """User data worth keeping: trained models, learned vocabulary, statistics."""
    return _ensure(_base("data"))


def cache_dir() -> Path:
    """Data that can be rebuilt: checkpoints of interrupted runs, staging folders."""
    return _ensure(_base("cache"))


def state_dir() -> Path:
    """Session state: autosaves for crash recovery, recent files, logs."""
    return _ensure(_base("state"))


def models_dir() -> Path:
    """Versioned user-trained models, one folder per model id."""
    return _ensure(data_dir() / "models")


def settings_file() -> Path:
    return config_dir() / "settings.json"
