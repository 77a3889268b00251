"""Versioned user-trained models: ``models_dir()/<model_id>/v0001, v0002 …`` and a ``current``
pointer. No Qt, no TensorFlow.

Layout of one model id::

    <models_dir>/lstm/
        current          {"version": "v0002"}  (JSON; {"version": null} = the shipped default)
        v0001/           a complete model directory + version.json (metadata)
        v0002/
        .incoming-…/     a promotion interrupted half-way (ignored, removed later)
    <models_dir>/.deleted-…/  a deletion interrupted half-way (finished by the next deletion)

Nothing here is ever half-visible: :meth:`ModelStore.promote` checks that the staging directory
is complete (its ``config.json`` exists — model directories write it last), moves it into place
with one rename, and only then flips the pointer with an atomic file replace. A crash at any
moment leaves ``current`` naming a complete version, or the shipped default. Two processes
promoting at once both succeed: a rename onto a version number the other just took fails, and
the promotion takes the next number. Leftovers (an incomplete ``vNNNN``, an old ``.incoming-``
copy, a ``.deleted-`` folder) are removed by the next promotion or deletion.

What the store cannot use is never an exception for the caller: a damaged ``version.json`` is
a version with a :attr:`ModelVersion.problem`; a damaged pointer, or one naming a version that
is gone, loads the shipped default and :meth:`ModelStore.fallback_reason` says so in words for
the status bar.
"""

from __future__ import annotations

import errno
import json
import logging
import math
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
from .fileutil import atomic_write_json, make_private_dirs, make_tree_private

log = logging.getLogger(__name__)

POINTER = "current"  # name of the pointer file in each model id's folder
META = "version.json"  # metadata file inside each version folder
COMPLETE_MARKER = "config.json"  # a model directory is complete once this file exists
VERSION_RE = re.compile(r"^v(\d{4,})$")  # version folder names: v0001, v0002 …
INCOMING_PREFIX = ".incoming-"  # a promotion in progress (copy across file systems)
DELETED_PREFIX = ".deleted-"  # a folder being deleted (renamed first, then removed)
STALE_SECONDS = 15 * 60  # an .incoming- copy untouched this long is a crashed promotion's
PROMOTE_ATTEMPTS = 50  # version numbers tried when other processes keep taking them
MAX_JSON_BYTES = 1024 * 1024  # pointer and version.json files larger than this are damaged


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
    problem: str = ""  # why its metadata could not be read ("" when fine); it still loads

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
        or a pointer to a version that is gone: see :meth:`fallback_reason`)."""
        return self._resolve(model_id)[0]

    def fallback_reason(self, model_id: str) -> str:
        """Why ``model_id`` loads its shipped default although the user chose a trained version
        (a sentence for the status bar), or "" when nothing is wrong.

        The engine calls this after loading; a trained version that exists but fails to load
        is worded by :func:`damaged_version_message`."""
        return self._resolve(model_id)[1]

    def _resolve(self, model_id: str) -> tuple[str | None, str]:
        """(version to load or None, fallback reason or "")."""
        pointer = self.model_dir(model_id) / POINTER
        try:
            data = _read_small_json(pointer)
        except FileNotFoundError:
            return None, ""
        except (OSError, ValueError) as exc:
            log.warning("model pointer %s is unreadable (%s); using the shipped default", pointer, exc)
            return None, (f"The choice of trained {model_id} version is damaged ({pointer}); "
                          f"using the shipped default. Choose a version in Model → Versions.")
        version = data.get("version") if isinstance(data, dict) else "?"
        if version is None:
            return None, ""  # the user chose the shipped default
        if not isinstance(version, str) or not VERSION_RE.match(version):
            return None, (f"The choice of trained {model_id} version is damaged ({pointer}); "
                          f"using the shipped default. Choose a version in Model → Versions.")
        if not (self.model_dir(model_id) / version / COMPLETE_MARKER).is_file():
            log.warning("model pointer %s names %s, which is missing; using the shipped default",
                        pointer, version)
            return None, damaged_version_message(model_id, version, "it is missing or incomplete")
        return version, ""

    def current_path(self, model_id: str) -> Path | None:
        """The model directory to load for ``model_id``; None = the plugin's shipped default."""
        version = self.current_version(model_id)
        return None if version is None else self.model_dir(model_id) / version

    def versions(self, model_id: str) -> list[ModelVersion]:
        """Every complete version of ``model_id``, oldest first, with its metadata. A version
        whose ``version.json`` is damaged is listed with default figures and a ``problem``."""
        folder = self.model_dir(model_id)
        if not folder.is_dir():
            return []
        current = self.current_version(model_id)
        out = []
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if not VERSION_RE.match(entry.name) or not (entry / COMPLETE_MARKER).is_file():
                continue
            fields, problem = self._read_meta(entry)
            if "created" not in fields:
                try:
                    fields["created"] = entry.stat().st_mtime
                except OSError:
                    fields["created"] = 0.0
            out.append(ModelVersion(model_id=model_id, version=entry.name, path=entry,
                                    current=entry.name == current, problem=problem, **fields))
        return sorted(out, key=lambda v: v.number)

    def model_ids(self) -> list[str]:
        """Model ids that have at least one stored version."""
        return sorted(mid for mid in self._stored_ids() if self.versions(mid))

    def _stored_ids(self) -> list[str]:
        """Names of the model-id folders under the root (no dot-folders, no stray files)."""
        if not self.root.is_dir():
            return []
        ids = []
        for p in self.root.iterdir():
            try:
                if p.is_dir() and _safe_id(p.name):
                    ids.append(p.name)
            except ValueError:
                continue
        return ids

    @staticmethod
    def _read_meta(version_dir: Path) -> tuple[dict[str, Any], str]:
        """The ``ModelVersion`` fields from ``version.json`` that have the right types, and a
        problem ("" when all is fine). A missing file is no problem (old versions)."""
        path = version_dir / META
        try:
            data = _read_small_json(path)
        except FileNotFoundError:
            return {}, ""
        except (OSError, ValueError) as exc:
            return {}, f"{META} is unreadable ({exc})"
        if not isinstance(data, dict):
            return {}, f"{META} is not a JSON object"
        fields: dict[str, Any] = {}
        bad = []
        for name, kind, convert in _META_FIELDS:
            if name not in data or data[name] is None:
                continue
            value = data[name]
            if isinstance(value, kind) and not isinstance(value, bool) and _finite(value):
                fields[name] = convert(value)
                if kind is dict:  # held-out figures: numbers (or None) only
                    fields[name] = {k: v for k, v in value.items() if v is None or (
                        isinstance(v, (int, float)) and not isinstance(v, bool) and _finite(v))}
                    if len(fields[name]) != len(value):
                        bad.append(name)
            else:
                bad.append(name)
        problem = f"{META} has values of the wrong type ({', '.join(bad)})" if bad else ""
        return fields, problem

    # -- changing -----------------------------------------------------------------------------
    def promote(self, model_id: str, staging_dir: Path, metadata: Mapping[str, Any] | None = None,
                make_current: bool = True) -> str:
        """Move the complete model directory ``staging_dir`` into the store as the next version
        and (with ``make_current``) point ``current`` at it; return the version ("v0003").

        Raise :class:`ModelError` (store unchanged) when ``staging_dir`` is missing or
        incomplete. ``staging_dir`` is consumed (renamed, or copied then removed when it is on
        another file system). Safe against another process promoting at the same moment.
        """
        staging = Path(staging_dir)
        if not (staging / COMPLETE_MARKER).is_file():
            raise ModelError(f"{staging} is not a complete model directory ({COMPLETE_MARKER} is "
                             f"missing); train again")
        folder = self.model_dir(model_id)
        make_private_dirs(folder)
        meta = {"created": time.time(), **dict(metadata or {})}
        atomic_write_json(staging / META, meta)
        source = staging
        incoming = None
        try:
            for _attempt in range(PROMOTE_ATTEMPTS):
                version = self._next_version(folder)
                try:
                    os.rename(source, folder / version)  # atomic on one file system
                    break
                except OSError as exc:
                    if (folder / version).exists():  # another promotion took the number
                        continue
                    if incoming is not None or exc.errno != errno.EXDEV:
                        raise
                    incoming = folder / f"{INCOMING_PREFIX}{uuid.uuid4().hex}"
                    shutil.copytree(staging, incoming)
                    source = incoming
            else:
                raise ModelError(f"could not find a free version number in {folder}; "
                                 f"try again")
        except BaseException:
            if incoming is not None:
                shutil.rmtree(incoming, ignore_errors=True)
            raise
        if incoming is not None:
            shutil.rmtree(staging, ignore_errors=True)
        make_tree_private(folder / version)
        if make_current:
            self._point(model_id, version)
        self._remove_leftovers(folder)
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
            self._remove(target, folder / f"{INCOMING_PREFIX}deleted-{uuid.uuid4().hex}")
        self._remove_leftovers(folder)

    def delete_all(self, model_id: str | None = None) -> None:
        """Delete every trained version of ``model_id`` (None: of all models) — the privacy
        button. Afterwards every model loads its shipped default. Deletions a crash interrupted
        earlier (``.deleted-*`` folders) are finished too. Raise ``OSError`` naming what could
        not be deleted (the caller tells the user: their text is in there)."""
        ids = [model_id] if model_id is not None else self._stored_ids()
        for mid in ids:
            folder = self.model_dir(mid)
            if folder.is_dir():
                self._point(mid, None)
                self._remove(folder, self.root / f"{DELETED_PREFIX}{mid}-{uuid.uuid4().hex}")
        if self.root.is_dir():
            for leftover in self.root.iterdir():
                if leftover.name.startswith(DELETED_PREFIX):
                    self._remove(leftover, None)

    # -- internals ----------------------------------------------------------------------------
    def _point(self, model_id: str, version: str | None) -> None:
        atomic_write_json(self.model_dir(model_id) / POINTER, {"version": version})

    @staticmethod
    def _next_version(folder: Path) -> str:
        numbers = [int(m.group(1)) for p in folder.iterdir() if (m := VERSION_RE.match(p.name))]
        return f"v{max(numbers, default=0) + 1:04d}"

    @staticmethod
    def _remove(path: Path, doomed: Path | None) -> None:
        """Rename ``path`` to ``doomed`` (when given), then delete it; raise ``OSError`` naming
        what is left when that fails."""
        if doomed is not None:
            try:
                os.rename(path, doomed)
            except FileNotFoundError:
                return  # deleted meanwhile (another window)
            path = doomed
        if path.is_symlink():  # a link someone put there: remove the link, not its target
            path.unlink()
            return
        failures: list[str] = []
        shutil.rmtree(path, onerror=lambda _fn, p, exc: failures.append(f"{p}: {exc[1]}"))
        if path.exists():
            raise OSError(f"could not delete {path} ({failures[0] if failures else 'unknown'}); "
                          f"close other WordPad AI windows and delete it by hand")

    @staticmethod
    def _remove_leftovers(folder: Path) -> None:
        """Remove what crashed operations left in ``folder``: version folders without
        ``config.json`` (renames only ever bring complete ones), ``.incoming-`` copies older
        than :data:`STALE_SECONDS` and ``.incoming-deleted-`` folders."""
        now = time.time()
        for p in folder.iterdir():
            try:
                if VERSION_RE.match(p.name) and p.is_dir() and not (p / COMPLETE_MARKER).exists():
                    stale = True
                elif p.name.startswith(f"{INCOMING_PREFIX}deleted-"):
                    stale = True
                elif p.name.startswith(INCOMING_PREFIX):
                    stale = now - p.stat().st_mtime > STALE_SECONDS
                else:
                    stale = False
            except OSError:
                continue
            if stale:
                shutil.rmtree(p, ignore_errors=True)


# version.json field → (accepted types, conversion)
_META_FIELDS: tuple[tuple[str, type | tuple[type, ...], Any], ...] = (
    ("created", (int, float), float),
    ("base", str, str),
    ("words", int, int),
    ("before", dict, dict),
    ("after", dict, dict),
)


def _read_small_json(path: Path) -> Any:
    """The JSON in ``path``; ValueError when it is larger than :data:`MAX_JSON_BYTES` (these
    files are a few hundred bytes: a huge one is damage, not worth the memory)."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_JSON_BYTES + 1)
    if len(data) > MAX_JSON_BYTES:
        raise ValueError(f"larger than {MAX_JSON_BYTES // 1024} KB")
    try:
        return json.loads(data.decode("utf-8"))
    except RecursionError:  # [[[[… nested deeper than the parser goes
        raise ValueError("nested too deeply") from None


def _finite(value: Any) -> bool:
    return not isinstance(value, float) or math.isfinite(value)


def damaged_version_message(model_id: str, version: str, error: str) -> str:
    """The status-bar sentence for a trained version that cannot be used: what, why, and
    what to do ("Your trained lstm v0003 could not be loaded (…); using the shipped default.
    Choose another version in Model → Versions or train again.")."""
    return (f"Your trained {model_id} {version} could not be loaded ({error}); using the shipped "
            f"default. Choose another version in Model → Versions or train again.")


def current_path(model_id: str) -> Path | None:
    """The current trained version of ``model_id`` in the user's store, or None (default)."""
    try:
        return ModelStore().current_path(model_id)
    except ValueError:  # not a valid model id: nothing stored for it
        return None


def fallback_reason(model_id: str) -> str:
    """:meth:`ModelStore.fallback_reason` in the user's store ("" when nothing is wrong)."""
    try:
        return ModelStore().fallback_reason(model_id)
    except ValueError:
        return ""
