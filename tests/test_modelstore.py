"""The versioned model store: promotion is all-or-nothing, the pointer flips atomically,
rollback and deletion, and the engine's single seam resolves through it."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from wordpad_ai import paths
from wordpad_ai.api import ModelError
from wordpad_ai.engine.core import resolve_model_path
from wordpad_ai.modelstore import STALE_SECONDS, ModelStore


def _model_dir(folder: Path, tag: str) -> Path:
    """A complete (format-agnostic) model directory: config.json is written last."""
    folder.mkdir(parents=True)
    (folder / "weights.npz").write_bytes(tag.encode() * 10)
    (folder / "config.json").write_text(json.dumps({"tag": tag}), encoding="utf-8")
    return folder


def test_promote_numbers_versions_switches_current_and_keeps_metadata(tmp_path):
    store = ModelStore()
    assert store.root == paths.models_dir() and store.current_path("lstm") is None
    v1 = store.promote("lstm", _model_dir(tmp_path / "a", "one"), {"base": "default", "words": 1234,
                                                                   "before": {"ksr": 0.3}, "after": {"ksr": 0.4}})
    v2 = store.promote("lstm", _model_dir(tmp_path / "b", "two"), {"base": "v0001", "words": 99})
    assert (v1, v2) == ("v0001", "v0002")
    assert not (tmp_path / "a").exists()  # consumed
    current = store.current_path("lstm")
    assert current == paths.models_dir() / "lstm" / "v0002"
    assert json.loads((current / "config.json").read_text())["tag"] == "two"
    assert resolve_model_path("lstm") == str(current)  # the engine's seam uses the store
    versions = store.versions("lstm")
    assert [v.version for v in versions] == ["v0001", "v0002"]
    assert [v.current for v in versions] == [False, True]
    assert versions[0].base == "default" and versions[0].words == 1234
    assert versions[0].before == {"ksr": 0.3} and versions[0].after == {"ksr": 0.4}
    assert versions[0].created > 0
    assert json.loads((paths.models_dir() / "lstm" / "current").read_text()) == {"version": "v0002"}


def test_half_written_staging_dir_is_refused_and_current_is_unchanged(tmp_path):
    store = ModelStore()
    store.promote("lstm", _model_dir(tmp_path / "good", "good"))
    half = tmp_path / "half"  # a crash while writing: weights there, config.json never written
    half.mkdir()
    (half / "weights.npz").write_bytes(b"partial")
    with pytest.raises(ModelError, match="not a complete model directory"):
        store.promote("lstm", half)
    assert store.current_version("lstm") == "v0001"
    assert [v.version for v in store.versions("lstm")] == ["v0001"]
    with pytest.raises(ModelError):
        store.promote("lstm", tmp_path / "missing")


def test_interrupted_promotion_leftovers_are_ignored_and_cleaned(tmp_path):
    store = ModelStore()
    store.promote("lstm", _model_dir(tmp_path / "a", "a"))
    folder = paths.models_dir() / "lstm"
    leftover = folder / ".incoming-deadbeef"  # a copy across file systems cut short
    leftover.mkdir()
    (leftover / "weights.npz").write_bytes(b"x")
    old = time.time() - STALE_SECONDS - 60
    os.utime(leftover, (old, old))
    in_flight = folder / ".incoming-cafe"  # another process copying right now: left alone
    in_flight.mkdir()
    stray = folder / "v0005"  # a version folder without config.json is not a version
    stray.mkdir()
    (stray / "weights.npz").write_bytes(b"half")  # half-written (issue 15 item 6)
    assert [v.version for v in store.versions("lstm")] == ["v0001"]
    assert store.current_version("lstm") == "v0001"
    store.promote("lstm", _model_dir(tmp_path / "b", "b"))
    assert not leftover.exists() and not stray.exists() and in_flight.exists()
    assert store.current_version("lstm") == "v0006"  # never reuses a number on disk


def test_pointer_damage_falls_back_to_the_shipped_default(tmp_path):
    store = ModelStore()
    store.promote("lstm", _model_dir(tmp_path / "a", "a"))
    pointer = paths.models_dir() / "lstm" / "current"
    pointer.write_text("{not json", encoding="utf-8")
    assert store.current_path("lstm") is None
    pointer.write_text(json.dumps({"version": "v0042"}), encoding="utf-8")  # gone
    assert store.current_path("lstm") is None
    assert resolve_model_path("../etc") is None  # a bad id resolves to nothing


def test_rollback_to_any_version_or_the_default(tmp_path):
    store = ModelStore()
    for tag in ("a", "b", "c"):
        store.promote("rnn", _model_dir(tmp_path / tag, tag))
    assert store.rollback("rnn", "v0001") == paths.models_dir() / "rnn" / "v0001"
    assert store.current_version("rnn") == "v0001"
    assert store.rollback("rnn", None) is None
    assert store.current_path("rnn") is None
    with pytest.raises(ModelError, match="no version v0009"):
        store.rollback("rnn", "v0009")
    assert store.current_path("rnn") is None  # a failed rollback changes nothing


def test_delete_one_version_and_delete_everything(tmp_path):
    store = ModelStore()
    for tag in ("a", "b"):
        store.promote("lstm", _model_dir(tmp_path / tag, tag))
    store.promote("rnn", _model_dir(tmp_path / "r", "r"))
    store.delete("lstm", "v0001")
    assert [v.version for v in store.versions("lstm")] == ["v0002"]
    assert store.current_version("lstm") == "v0002"
    store.delete("lstm", "v0002")  # the current one: back to the default
    assert store.current_path("lstm") is None and store.versions("lstm") == []
    assert store.model_ids() == ["rnn"]
    store.delete_all()
    assert store.model_ids() == [] and store.current_path("rnn") is None
    assert list(paths.models_dir().iterdir()) == []  # nothing of the user's left behind
