"""User settings: a frozen, versioned dataclass stored as JSON in the config directory.

Unknown keys in the file are ignored, missing ones take their defaults, and a file that cannot be
read falls back to the defaults (the broken file is kept beside it as ``settings.json.bad``), so a
damaged settings file never stops the app. Values out of range (a suggestion count of 40, an accept
key nobody offers) are brought back to the nearest allowed one when loaded.

Version history: 1 — first format; 2 — Preferences (accept key, ghost colour, theme, spell checking,
print page setup). A version-1 file loads with the new fields at their defaults.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .fileutil import atomic_write_json

log = logging.getLogger(__name__)

SETTINGS_VERSION = 2

ACCEPT_KEYS = ("tab", "right", "enter")  # keys that may accept the ghost suggestion
THEMES = ("system", "light", "dark")  # colour schemes the window can follow
MIN_SUGGESTIONS, MAX_SUGGESTIONS = 1, 9  # suggestion_count range (Alt+1 … Alt+9)
MIN_AUTOSAVE_MS, MAX_AUTOSAVE_MS = 1000, 600000  # autosave_interval_ms range (1 s … 10 min)


@dataclass(frozen=True)
class Settings:
    version: int = SETTINGS_VERSION  # format version of the settings file
    disabled_plugins: tuple[str, ...] = ()  # plugin names blocked before loading
    active_model: str = "lstm"  # model id the editor suggests with
    suggestions_enabled: bool = True  # ghost text on/off
    suggestion_count: int = 3  # alternatives offered (Alt+1..Alt+k), 1–9
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
    accept_key: str = "tab"  # the key that accepts the ghost suggestion: one of ACCEPT_KEYS
    ghost_color: str = ""  # ghost-text colour as "#rrggbb"; empty = derived from the theme
    theme: str = "system"  # colour scheme: one of THEMES ("system" follows the desktop)
    spell_check: bool = True  # red wavy underline under misspelt words
    page_size: str = ""  # printing: QPageSize key ("A4", "Letter"); empty = the printer's default
    page_orientation: str = "portrait"  # printing: "portrait" or "landscape"
    page_margins_mm: tuple[float, ...] = (20.0, 20.0, 20.0, 20.0)  # printing: left, top, right, bottom
    last_folder: str = ""  # where the Open / Save As / Export dialogs start; "" = the Documents folder
    training_folders: tuple[str, ...] = ()  # files and folders last chosen in the training dialog
    training_model: str = ""  # model id last trained in the training dialog; "" = the first one
    training_budget_min: int = 0  # training dialog's last time budget in minutes; 0 = its default

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
        return cls(**values).clamped()

    def clamped(self) -> "Settings":
        """These settings with every value brought into its allowed range."""
        margins = tuple(float(m) for m in self.page_margins_mm if isinstance(m, (int, float)))
        return self.replace(
            suggestion_count=min(MAX_SUGGESTIONS, max(MIN_SUGGESTIONS, self.suggestion_count)),
            accept_key=self.accept_key if self.accept_key in ACCEPT_KEYS else "tab",
            theme=self.theme if self.theme in THEMES else "system",
            autosave_interval_ms=min(MAX_AUTOSAVE_MS, max(MIN_AUTOSAVE_MS, self.autosave_interval_ms)),
            page_orientation="landscape" if self.page_orientation == "landscape" else "portrait",
            page_margins_mm=margins if len(margins) == 4 and all(0 <= m <= 100 for m in margins)
            else Settings.page_margins_mm,
            ghost_color=self.ghost_color if _is_colour(self.ghost_color) else "",
        )


def _is_colour(text: str) -> bool:
    """True for "" (no colour chosen) and for "#rrggbb"."""
    if not text:
        return True
    return len(text) == 7 and text[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in text[1:])


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
    new = load_settings().replace(**changes).clamped()
    save_settings(new)
    return new
