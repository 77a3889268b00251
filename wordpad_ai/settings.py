"""User settings: a frozen, versioned dataclass stored as JSON in the config directory.

Unknown keys in the file are ignored, missing ones take their defaults, and a file that cannot be
read falls back to the defaults (the broken file is kept beside it as ``settings.json.bad``), so a
damaged settings file never stops the app.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .fileutil import atomic_write_json

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Settings:
    version: int = SETTINGS_VERSION  # format version of the settings file
    disabled_plugins: tuple[str, ...] = ()  # plugin names blocked before loading
    active_model: str = "lstm"  # model id the editor suggests with
    suggestions_enabled: bool = True  # ghost text on/off
    suggestion_count: int = 3  # alternatives offered (Alt+1..Alt+k)
    phrase_completion: bool = True  # continue ghost text for several words when confident
    learning_paused: bool = False  # privacy switch: no adaptation, no training from typed text
    inspector_visible: bool = False  # model inspector dock shown
    font_family: str = ""  # editor font; empty = system default
    font_size: float = 0.0  # editor font size in points; 0 = system default
    zoom: int = 0  # editor zoom steps (+/-)
    recent_files: tuple[str, ...] = ()  # most recent first
    max_recent_files: int = 10  # length of the Recent Files menu
    excluded_paths: tuple[str, ...] = ()  # documents never learned from (adaptation)
    autosave_delay_ms: int = 2000  # crash-recovery snapshot this long after the last edit
    autosave_interval_ms: int = 10000  # and at least this often while editing goes on

    def replace(self, **changes) -> "Settings":
        return dataclasses.replace(self, **changes)

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Settings":
        known = {f.name: f for f in dataclasses.fields(cls)}
        values = {}
        for key, value in data.items():
            if key not in known:
                continue
            default = known[key].default
            if isinstance(default, tuple) and isinstance(value, list):
                value = tuple(value)
            if default is not dataclasses.MISSING and not isinstance(value, type(default)):
                if isinstance(default, float) and isinstance(value, int):
                    value = float(value)
                else:
                    log.warning("settings: ignoring %s=%r (expected %s)", key, value, type(default).__name__)
                    continue
            values[key] = value
        values["version"] = SETTINGS_VERSION
        return cls(**values)


def load_settings(path: Path | None = None) -> Settings:
    path = Path(path) if path else paths.settings_file()
    if not path.exists():
        return Settings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("top level is not an object")
        return Settings.from_json(data)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        log.warning("settings file %s is unreadable (%s); using defaults", path, exc)
        try:
            path.replace(path.with_name(path.name + ".bad"))
        except OSError:
            pass
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    atomic_write_json(Path(path) if path else paths.settings_file(), settings.to_json())


def update_settings(**changes) -> Settings:
    """Load, change and save in one step; returns the new settings."""
    new = load_settings().replace(**changes)
    save_settings(new)
    return new
