"""Naming the plugin that killed a process while it was being loaded, and keeping it out.

A plugin can end the process that imports it in ways no ``try`` catches (``os._exit``, a crash
in C code, a hang that the engine's watchdog ends with a kill). So before each third-party
plugin is imported (and while its registration hooks run) the host writes a marker,
``<data dir>/plugin-guard/loading-<pid>.json``, naming the plugin, and removes it afterwards. A
marker whose process is gone names the culprit: the next process that loads plugins moves it
into the quarantine (``crashed.json``), and the host then treats that plugin as failed, with a
message saying how to try it again (``wordpad-ai plugins enable NAME`` releases it).

Only the plugin host (``plugins.py``) uses this module. No Qt, no pluggy.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
from pathlib import Path
from typing import Iterator

log = logging.getLogger(__name__)

GUARD_FOLDER = "plugin-guard"  # inside paths.data_dir()
QUARANTINE_FILE = "crashed.json"
STALE_MARKER_S = 600.0  # where liveness cannot be asked (not POSIX): a marker this old is a crash


def guard_dir() -> Path:
    """The folder of markers and quarantine of this user (private, like all user data)."""
    from . import paths

    return paths.private_dir(paths.data_dir() / GUARD_FOLDER)


def _alive(pid: int, marker: Path) -> bool:
    """Whether the process ``pid`` that wrote ``marker`` still runs (a zombie does not)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":  # os.kill(pid, 0) would signal the process there
        try:
            return time.time() - marker.stat().st_mtime < STALE_MARKER_S
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists (another user's, after a reboot)
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


class ImportGuard:
    """The markers of one process and the user's quarantine of plugins that killed a process."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)  # guard_dir(), or a test's folder
        self.marker = self.folder / f"loading-{os.getpid()}.json"  # this process's marker
        self.quarantine_file = self.folder / QUARANTINE_FILE

    # -- markers --------------------------------------------------------------------------------
    @contextlib.contextmanager
    def loading(self, plugin: str, what: str) -> Iterator[None]:
        """Mark that ``plugin`` is being loaded (``what``: "importing", "in <hook>") until the
        block ends, however it ends short of killing the process."""
        try:
            self.marker.write_text(json.dumps({"plugin": plugin, "what": what, "pid": os.getpid()}),
                                   encoding="utf-8")
        except OSError as exc:  # a read-only data folder must not stop plugins from loading
            log.debug("cannot write plugin marker %s: %s", self.marker, exc)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                self.marker.unlink()

    def collect_crashes(self) -> dict[str, str]:
        """Markers left by processes that are gone: quarantine each named plugin and return
        them (plugin name → what it was doing), removing the markers."""
        found: dict[str, str] = {}
        for marker in sorted(self.folder.glob("loading-*.json")):
            try:
                pid = int(marker.stem.split("-", 1)[1])
            except (IndexError, ValueError):
                continue
            if _alive(pid, marker):
                continue
            try:
                data = json.loads(marker.read_text(encoding="utf-8"))
                plugin, what = str(data["plugin"]), str(data.get("what", "loading"))
            except (OSError, ValueError, KeyError, TypeError):
                plugin = None  # half-written: the process died writing it, not in a plugin
            with contextlib.suppress(OSError):
                marker.unlink()
            if plugin:
                found[plugin] = what
        if found:
            self._write({**self.quarantined(), **found})
        return found

    # -- quarantine -----------------------------------------------------------------------------
    def quarantined(self) -> dict[str, str]:
        """Plugins that killed a process while loading: name → what it was doing."""
        try:
            data = json.loads(self.quarantine_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def release(self, names) -> bool:
        """Take ``names`` out of the quarantine; True if any was in it."""
        current = self.quarantined()
        keep = {k: v for k, v in current.items() if k not in set(names)}
        if keep != current:
            self._write(keep)
            return True
        return False

    def _write(self, data: dict[str, str]) -> None:
        from .fileutil import atomic_write_text

        atomic_write_text(self.quarantine_file, json.dumps(data, indent=1, sort_keys=True))


def forget_marker(pid: int) -> None:
    """Remove the marker of the process ``pid``, which was ended on purpose (the editor stopped
    or restarted its engine): a plugin it happened to be importing did nothing wrong."""
    with contextlib.suppress(OSError):
        (guard_dir() / f"loading-{int(pid)}.json").unlink()


def crash_message(plugin: str, what: str) -> str:
    """One line for the user about a quarantined plugin."""
    return (f"plugin {plugin!r} ended the process while {what} and is disabled; after updating "
            f"or fixing it, run 'wordpad-ai plugins enable {plugin}' to try it again")
