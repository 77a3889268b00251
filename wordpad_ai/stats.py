"""Keystroke statistics: how much typing accepted suggestions saved (no Qt, no TensorFlow).

Accepting a suggestion inserts its remainder with one key press, so each accept saves
``len(inserted) - 1`` keystrokes. Totals over all sessions live in ``paths.data_dir()/stats.json``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from . import paths
from .fileutil import atomic_write_json

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class KeystrokeStats:
    """Counters for one session or for all sessions together."""

    accepted: int = 0  # suggestions accepted (Tab, Alt+N, word by word)
    chars_inserted: int = 0  # characters inserted by those accepts
    keystrokes_saved: int = 0  # sum of (inserted length - 1) over accepts
    keystrokes_typed: int = 0  # text-producing key presses the writer typed

    def with_accept(self, inserted: str) -> "KeystrokeStats":
        return replace(self, accepted=self.accepted + 1,
                       chars_inserted=self.chars_inserted + len(inserted),
                       keystrokes_saved=self.keystrokes_saved + max(0, len(inserted) - 1))

    def with_typed(self, count: int = 1) -> "KeystrokeStats":
        return replace(self, keystrokes_typed=self.keystrokes_typed + count)

    def plus(self, other: "KeystrokeStats") -> "KeystrokeStats":
        return KeystrokeStats(self.accepted + other.accepted,
                              self.chars_inserted + other.chars_inserted,
                              self.keystrokes_saved + other.keystrokes_saved,
                              self.keystrokes_typed + other.keystrokes_typed)

    def minus(self, other: "KeystrokeStats") -> "KeystrokeStats":
        return KeystrokeStats(self.accepted - other.accepted,
                              self.chars_inserted - other.chars_inserted,
                              self.keystrokes_saved - other.keystrokes_saved,
                              self.keystrokes_typed - other.keystrokes_typed)

    @property
    def saved_fraction(self) -> float:
        """Share of the keystrokes that would have been needed that suggestions saved."""
        needed = self.keystrokes_typed + self.keystrokes_saved + self.accepted
        return self.keystrokes_saved / needed if needed else 0.0

    def to_json(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict) -> "KeystrokeStats":
        fields = {k: int(v) for k, v in data.items() if k in cls.__dataclass_fields__ and isinstance(v, int)}
        return cls(**fields)


def stats_file() -> Path:
    return paths.data_dir() / "stats.json"


def load_total(path: Path | None = None) -> KeystrokeStats:
    """All-time totals; an unreadable file counts as zero (it is not fatal)."""
    path = path or stats_file()
    try:
        return KeystrokeStats.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return KeystrokeStats()
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        log.warning("statistics file %s is unreadable (%s); starting from zero", path, exc)
        return KeystrokeStats()


class StatsRecorder:
    """This session's counters plus the persisted total; call :meth:`flush` to write the total
    (the window does every few accepts, on a timer and on close, so a crash loses little)."""

    def __init__(self, path: Path | None = None):
        self._path = path or stats_file()
        self._base = load_total(self._path)  # total of earlier sessions
        self.session = KeystrokeStats()  # this session only
        self._flushed = KeystrokeStats()  # part of the session already written

    @property
    def total(self) -> KeystrokeStats:
        return self._base.plus(self.session)

    def record_accept(self, inserted: str) -> None:
        self.session = self.session.with_accept(inserted)

    def unflushed_accepts(self) -> int:
        """Accepts recorded since the total was last written."""
        return self.session.accepted - self._flushed.accepted

    def record_typed(self, count: int = 1) -> None:
        self.session = self.session.with_typed(count)

    def flush(self) -> None:
        """Write the all-time total (re-reading the file, so concurrent windows add up)."""
        if self.session == self._flushed:
            return
        delta = self.session.minus(self._flushed)
        new_total = load_total(self._path).plus(delta)
        try:
            atomic_write_json(self._path, new_total.to_json())
        except OSError as exc:
            log.warning("could not write statistics to %s: %s", self._path, exc)
            return
        self._base = new_total.minus(self.session)
        self._flushed = self.session
