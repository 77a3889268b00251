"""Versioned user-trained models: ``models_dir()/<model_id>/v0001, v0002 …`` and a ``current``
pointer. No Qt, no TensorFlow.

Layout of one model id::

    <models_dir>/lstm/
        current          {"version": "v0002"}  (JSON; {"version": null} = the shipped default)
        v0001/           a complete model directory + version.json (metadata)
        v0002/
        .incoming-…/     a promotion interrupted half-way (ignored, removed by the next one)

Nothing here is ever half-visible: :meth:`ModelStore.promote` checks that the staging directory
is complete (its ``config.json`` exists — model directories write it last), moves it into place
with one rename, and only then flips the pointer with an atomic file replace. A crash at any
moment leaves ``current`` naming a complete version, or the shipped default.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from . import paths
from .api import ModelError
from .fileutil import atomic_write_json

log = logging.getLogger(__name__)

POINTER = "current"  # name of the pointer file in each model id's folder
META = "version.json"  # metadata file inside each version folder
COMPLETE_MARKER = "config.json"  # a model directory is complete once this file exists
VERSION_RE = re.compile(r"^v(\d{4,})$")  # version folder names: v0001, v0002 …
INCOMING_PREFIX = ".incoming-"  # a promotion in progress (copy across file systems)


@dataclass(frozen=True)
class ModelVersion:
    """One stored version of a user-trained model, with what the store knows about it."""

    model_id: str  # the model id this version belongs to ("lstm")
    version: str  # folder name, "v0001"
    path: Path  # the complete model directory
    created: float  # seconds since the epoch when it was promoted
    base: str = ""  # what it was trained from: "default", "scratch" or a version ("v0001")
    words: int = 0  # words of the user's text it was trained on
    before: Mapping[str, Any] = field(default_factory=dict)  # held-out figures of the old model
    after: Mapping[str, Any] = field(default_factory=dict)  # held-out figures of this model
    current: bool = False  # whether the pointer names this version

    @property
    def number(self) -> int:
        """The version number (1 for v0001)."""
        return int(self.version[1:])


def _safe_id(model_id: str) -> str:
    if not model_id or "/" in model_id or "\\" in model_id or model_id.startswith("."):
        raise ValueError(f"bad model id {model_id!r}")
    return model_id


class ModelStore:
    """The user's trained model versions under ``root`` (default: :func:`paths.models_dir`)."""

    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root is not None else paths.models_dir()  # one folder per model id

    # -- reading ------------------------------------------------------------------------------
    def model_dir(self, model_id: str) -> Path:
        """The folder holding ``model_id``'s versions (may not exist)."""
        return self.root / _safe_id(model_id)

    def current_version(self, model_id: str) -> str | None:
        """The version the pointer names, or None (shipped default, also for a damaged pointer
        or a pointer to a version that is gone)."""
        pointer = self.model_dir(model_id) / POINTER
        try:
            data = json.loads(pointer.read_text(encoding="utf-8"))
            version = data.get("version") if isinstance(data, dict) else None
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("model pointer %s is unreadable (%s); using the shipped default", pointer, exc)
            return None
        if not isinstance(version, str) or not VERSION_RE.match(version):
            return None
        if not (self.model_dir(model_id) / version / COMPLETE_MARKER).is_file():
            log.warning("model pointer %s names %s, which is missing; using the shipped default",
                        pointer, version)
            return None
        return version

    def current_path(self, model_id: str) -> Path | None:
        """The model directory to load for ``model_id``; None = the plugin's shipped default."""
        version = self.current_version(model_id)
        return None if version is None else self.model_dir(model_id) / version

    def versions(self, model_id: str) -> list[ModelVersion]:
        """Every complete version of ``model_id``, oldest first, with its metadata."""
        folder = self.model_dir(model_id)
        if not folder.is_dir():
            return []
        current = self.current_version(model_id)
        out = []
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if not VERSION_RE.match(entry.name) or not (entry / COMPLETE_MARKER).is_file():
                continue
            meta = self._read_meta(entry)
            out.append(ModelVersion(
                model_id=model_id, version=entry.name, path=entry,
                created=float(meta.get("created") or entry.stat().st_mtime),
                base=str(meta.get("base") or ""), words=int(meta.get("words") or 0),
                before=dict(meta.get("before") or {}), after=dict(meta.get("after") or {}),
                current=entry.name == current))
        return sorted(out, key=lambda v: v.number)

    def model_ids(self) -> list[str]:
        """Model ids that have at least one stored version."""
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir()
                      if p.is_dir() and not p.name.startswith(".") and self.versions(p.name))

    @staticmethod
    def _read_meta(version_dir: Path) -> dict:
        try:
            data = json.loads((version_dir / META).read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    # -- changing -----------------------------------------------------------------------------
    def promote(self, model_id: str, staging_dir: Path, metadata: Mapping[str, Any] | None = None,
                make_current: bool = True) -> str:
        """Move the complete model directory ``staging_dir`` into the store as the next version
        and (with ``make_current``) point ``current`` at it; return the version ("v0003").

        Raise :class:`ModelError` (store unchanged) when ``staging_dir`` is missing or
        incomplete. ``staging_dir`` is consumed (renamed, or copied then removed when it is on
        another file system).
        """
        staging = Path(staging_dir)
        if not (staging / COMPLETE_MARKER).is_file():
            raise ModelError(f"{staging} is not a complete model directory ({COMPLETE_MARKER} is "
                             f"missing); train again")
        folder = self.model_dir(model_id)
        folder.mkdir(parents=True, exist_ok=True)
        self._remove_incoming(folder)
        meta = {"created": time.time(), **dict(metadata or {})}
        atomic_write_json(staging / META, meta)
        version = self._next_version(folder)
        target = folder / version
        try:
            os.rename(staging, target)  # atomic on one file system
        except OSError:
            incoming = folder / f"{INCOMING_PREFIX}{uuid.uuid4().hex}"
            shutil.copytree(staging, incoming)
            os.rename(incoming, target)
            shutil.rmtree(staging, ignore_errors=True)
        if make_current:
            self._point(model_id, version)
        return version

    def rollback(self, model_id: str, version: str | None) -> Path | None:
        """Point ``current`` at ``version`` (None: the shipped default); return its path."""
        if version is not None:
            if not VERSION_RE.match(version) or not (self.model_dir(model_id) / version /
                                                     COMPLETE_MARKER).is_file():
                raise ModelError(f"model {model_id!r} has no version {version}; "
                                 f"choose one from Model → Versions")
        self._point(model_id, version)
        return self.current_path(model_id)

    def delete(self, model_id: str, version: str) -> None:
        """Delete one version; if it was current, the pointer goes back to the shipped default."""
        if not VERSION_RE.match(version):
            raise ValueError(f"bad version {version!r}")
        folder = self.model_dir(model_id)
        if self.current_version(model_id) == version:
            self._point(model_id, None)
        target = folder / version
        if target.exists():
            # rename first so a crash half-way through never leaves a half-deleted "version"
            doomed = folder / f"{INCOMING_PREFIX}deleted-{uuid.uuid4().hex}"
            os.rename(target, doomed)
            shutil.rmtree(doomed, ignore_errors=True)

    def delete_all(self, model_id: str | None = None) -> None:
        """Delete every trained version of ``model_id`` (None: of all models) — the privacy
        button. Afterwards every model loads its shipped default."""
        ids = [model_id] if model_id is not None else (
            [p.name for p in self.root.iterdir() if p.is_dir()] if self.root.is_dir() else [])
        for mid in ids:
            folder = self.model_dir(mid)
            if folder.is_dir():
                self._point(mid, None)
                doomed = self.root / f".deleted-{mid}-{uuid.uuid4().hex}"
                os.rename(folder, doomed)
                shutil.rmtree(doomed, ignore_errors=True)

    # -- internals ----------------------------------------------------------------------------
    def _point(self, model_id: str, version: str | None) -> None:
        atomic_write_json(self.model_dir(model_id) / POINTER, {"version": version})

    @staticmethod
    def _next_version(folder: Path) -> str:
        numbers = [int(m.group(1)) for p in folder.iterdir() if (m := VERSION_RE.match(p.name))]
        return f"v{max(numbers, default=0) + 1:04d}"

    @staticmethod
    def _remove_incoming(folder: Path) -> None:
        for p in folder.iterdir():
            if p.name.startswith(INCOMING_PREFIX):
                shutil.rmtree(p, ignore_errors=True)


def current_path(model_id: str) -> Path | None:
    """The current trained version of ``model_id`` in the user's store, or None (default)."""
    try:
        return ModelStore().current_path(model_id)
    except ValueError:  # not a valid model id: nothing stored for it
        return None
