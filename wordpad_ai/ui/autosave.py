"""Crash recovery: unsaved work is copied to ``state_dir()/autosave/`` while you write.

A snapshot is written a short while after the last edit and at least every ~10 s while the
document has unsaved changes. A clean exit (or saving/closing the document) removes it, so a
snapshot found at the next start means the app did not exit cleanly (a crash, ``kill -9``, power
loss): the new window offers to restore it. Snapshots of processes still running are left alone.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from .. import paths
from ..fileutil import atomic_write_json

log = logging.getLogger(__name__)

DEFAULT_DELAY_MS = 2000  # snapshot this long after the last edit
DEFAULT_INTERVAL_MS = 10000  # and at least this often while edits keep coming


@dataclass(frozen=True)
class Snapshot:
    """An autosaved document found on disk."""

    file: Path  # the snapshot file itself
    pid: int  # process that wrote it
    saved_at: float  # time.time() when it was written
    path: str  # the document's own file ("" for an untitled document)
    kind: str  # "plain" or "rich"
    encoding: str  # the document's encoding, to save it back the same way
    newline: str  # the document's newline style
    text: str  # plain text or HTML, as the kind says


def autosave_dir() -> Path:
    return paths.private_dir(paths.state_dir() / "autosave")  # 0700: the user's texts


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def find_recoverable() -> list[Snapshot]:
    """Snapshots left by processes that are gone, newest first (unreadable ones are skipped)."""
    found = []
    for file in sorted(autosave_dir().glob("*.json")):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            snapshot = Snapshot(file, int(data["pid"]), float(data["saved_at"]), str(data["path"]),
                                str(data["kind"]), str(data["encoding"]), str(data["newline"]),
                                str(data["text"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("skipping unreadable autosave %s: %s", file, exc)
            continue
        if not _alive(snapshot.pid):
            found.append(snapshot)
    return sorted(found, key=lambda s: s.saved_at, reverse=True)


def discard(snapshot: Snapshot) -> None:
    try:
        snapshot.file.unlink()
    except FileNotFoundError:
        pass


class Autosaver(QObject):
    """Writes snapshots of one document; ``collect()`` returns the state to save."""

    def __init__(self, collect, delay_ms: int = DEFAULT_DELAY_MS,
                 interval_ms: int = DEFAULT_INTERVAL_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._collect = collect  # () -> dict(path, kind, encoding, newline, text, modified)
        self._file = autosave_dir() / f"session-{os.getpid()}-{id(self):x}.json"  # our snapshot
        self._first_dirty_at: float | None = None  # when unsnapshotted edits began
        self._interval_s = interval_ms / 1000
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, delay_ms))
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def file(self) -> Path:
        return self._file

    def set_interval(self, interval_ms: int) -> None:
        """Snapshot at least this often while editing goes on (Preferences, applied live)."""
        self._interval_s = interval_ms / 1000

    def note_edit(self) -> None:
        """An edit happened: snapshot after the delay, or now if edits went on for the interval."""
        now = time.monotonic()
        if self._first_dirty_at is None:
            self._first_dirty_at = now
        if now - self._first_dirty_at >= self._interval_s:
            self.snapshot_now()
        else:
            self._timer.start()

    def snapshot_now(self) -> None:
        self._timer.stop()
        self._first_dirty_at = None
        state = self._collect()
        if not state.pop("modified", True):
            self.remove()
            return
        state.update(pid=os.getpid(), saved_at=time.time())
        try:
            atomic_write_json(self._file, state)
        except OSError as exc:
            log.warning("autosave to %s failed: %s", self._file, exc)

    def remove(self) -> None:
        """Drop our snapshot (after a save, or on a clean exit)."""
        self._timer.stop()
        self._first_dirty_at = None
        try:
            self._file.unlink()
        except FileNotFoundError:
            pass

    def _on_timer_timeout(self) -> None:
        self.snapshot_now()
