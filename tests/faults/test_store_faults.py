"""A damaged or busy model store (issue 15 item 6): interrupted deletes, version.json with wrong
types, half-written version folders, two processes promoting at once, and a trained version the
app has to fall back from — which the user is told about."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wordpad_ai import paths
from wordpad_ai.modelstore import (ModelStore, damaged_version_message, fallback_reason)


def model_dir(folder: Path, tag: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "weights.npz").write_bytes(tag.encode() * 10)
    (folder / "config.json").write_text(json.dumps({"tag": tag}), encoding="utf-8")
    return folder


def test_delete_all_finishes_an_interrupted_delete(tmp_path):
    store = ModelStore()
    store.promote("lstm", model_dir(tmp_path / "a", "a"))
    leftover = paths.models_dir() / ".deleted-lstm-0123abcd"  # a crash mid-delete, earlier
    model_dir(leftover / "v0001", "the user's old model")
    store.delete_all()  # raised ValueError("bad model id '.deleted-…'") and deleted nothing
    assert list(paths.models_dir().iterdir()) == []
    assert store.current_path("lstm") is None


def test_delete_all_removes_a_linked_model_folder_but_not_its_target(tmp_path):
    elsewhere = model_dir(tmp_path / "elsewhere" / "v0001", "kept")
    paths.models_dir().joinpath("rnn").symlink_to(elsewhere.parent, target_is_directory=True)
    ModelStore().delete_all()
    assert list(paths.models_dir().iterdir()) == [] and (elsewhere / "config.json").is_file()


def test_forget_everything_with_an_interrupted_delete(tmp_path):
    from wordpad_ai.forget import forget_everything

    store = ModelStore()
    store.promote("rnn", model_dir(tmp_path / "a", "a"))
    (paths.models_dir() / ".deleted-rnn-ffff").mkdir()
    assert "trained models" in forget_everything()
    assert not paths.models_dir().exists() or list(paths.models_dir().iterdir()) == []


@pytest.mark.parametrize("meta", [
    {"created": "yesterday", "words": "many", "before": [0.5], "base": 7, "after": "good"},
    {"created": float("nan"), "words": True},
    {"before": {"ksr": "high", "perplexity": [1]}, "after": {"ksr": float("inf")}},
    ["not", "an", "object"],
    "{broken json",
    '{"words": 1, "pad": "' + "x" * (2 * 1024 * 1024) + '"}',
    "\udcff not utf-8",
    "[" * 200_000,
], ids=["wrong-types", "nan-and-bool", "figures", "a-list", "not-json", "huge", "not-utf8",
        "deep"])
def test_version_json_with_wrong_types_is_listed_with_a_problem(tmp_path, meta):
    store = ModelStore()
    store.promote("lstm", model_dir(tmp_path / "a", "a"), {"words": 10})
    store.promote("lstm", model_dir(tmp_path / "b", "b"), {"words": 20})
    meta_file = paths.models_dir() / "lstm" / "v0001" / "version.json"
    meta_file.write_bytes(meta.encode("utf-8", "surrogateescape") if isinstance(meta, str)
                          else json.dumps(meta).encode())
    versions = store.versions("lstm")  # raised ValueError/TypeError before
    assert [v.version for v in versions] == ["v0001", "v0002"]
    damaged, fine = versions
    assert damaged.problem.startswith("version.json ") and fine.problem == ""
    assert damaged.words == 0 and damaged.before == {} and damaged.created > 0
    assert fine.words == 20 and fine.current
    assert store.model_ids() == ["lstm"]


def test_versions_dialog_opens_with_a_damaged_version_json(tmp_path, qtbot):
    from wordpad_ai.ui.model_versions import ModelVersionsDialog

    store = ModelStore()
    store.promote("lstm", model_dir(tmp_path / "a", "a"),
                  {"words": "many", "before": {"ksr": "high"}, "after": {"ksr": 0.5}})
    dialog = ModelVersionsDialog([], store=store, model_id="lstm")
    qtbot.addWidget(dialog)
    assert dialog.rows() == ["", "v0001"]  # the shipped default, and the damaged version
    row = dialog.tree.topLevelItem(1)
    assert "(details damaged)" in row.text(0)  # the user sees why its figures are missing
    assert row.toolTip(0).startswith("version.json ")


def test_half_written_version_folders_are_cleaned_up(tmp_path):
    store = ModelStore()
    store.promote("lstm", model_dir(tmp_path / "a", "a"))
    half = paths.models_dir() / "lstm" / "v0002"  # weights there, config.json never written
    half.mkdir()
    (half / "weights.npz").write_bytes(b"partial")
    assert [v.version for v in store.versions("lstm")] == ["v0001"]
    store.delete("lstm", "v0001")
    assert not half.exists()
    assert list((paths.models_dir() / "lstm").iterdir()) == [paths.models_dir() / "lstm" / "current"]


RACER = """
import sys, time
from pathlib import Path
from wordpad_ai.modelstore import ModelStore

class SlowToNumber(ModelStore):
    # widens the window between choosing a number and taking it, so the two processes collide
    @staticmethod
    def _next_version(folder):
        version = ModelStore._next_version(folder)
        time.sleep(0.4)
        return version

start = float(sys.argv[2])
while time.time() < start:
    time.sleep(0.002)
print(SlowToNumber().promote("lstm", Path(sys.argv[1])))
"""


def test_two_processes_promoting_at_once_get_distinct_versions(tmp_path, wordpad_home):
    stagings = [model_dir(tmp_path / f"s{i}", f"racer{i}") for i in range(2)]
    start = f"{time.time() + 1.5:.3f}"
    env = {**os.environ, "WORDPAD_AI_HOME": str(wordpad_home)}
    racers = [subprocess.Popen([sys.executable, "-c", RACER, str(s), start], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for s in stagings]
    results = [r.communicate(timeout=60) for r in racers]
    assert [r.returncode for r in racers] == [0, 0], [err[-1500:] for _, err in results]
    assert sorted(out.strip() for out, _ in results) == ["v0001", "v0002"]
    tags = sorted(json.loads((v.path / "config.json").read_text())["tag"]
                  for v in ModelStore().versions("lstm"))
    assert tags == ["racer0", "racer1"]  # both models kept, neither overwritten


def test_falling_back_to_the_shipped_default_is_reported(tmp_path):
    store = ModelStore()
    assert store.fallback_reason("lstm") == ""  # nothing trained: nothing to report
    store.promote("lstm", model_dir(tmp_path / "a", "a"))
    assert store.fallback_reason("lstm") == ""
    store.rollback("lstm", None)  # the user chose the shipped default: not a fallback
    assert store.fallback_reason("lstm") == ""
    pointer = paths.models_dir() / "lstm" / "current"
    pointer.write_text(json.dumps({"version": "v0007"}), encoding="utf-8")  # gone
    reason = fallback_reason("lstm")
    assert store.current_path("lstm") is None
    assert "v0007" in reason and "shipped default" in reason and "Model → Versions" in reason
    pointer.write_text("{damaged", encoding="utf-8")
    assert "damaged" in store.fallback_reason("lstm")
    pointer.write_text("[" * 200_000, encoding="utf-8")  # RecursionError in json
    assert "damaged" in store.fallback_reason("lstm") and store.versions("lstm")
    (paths.models_dir() / "lstm" / "v0001" / "config.json").unlink()  # the version itself broke
    store.rollback("lstm", None)
    pointer.write_text(json.dumps({"version": "v0001"}), encoding="utf-8")
    assert "v0001" in store.fallback_reason("lstm")
    assert fallback_reason("../etc") == ""


def test_damaged_version_message_names_model_version_and_what_to_do():
    text = damaged_version_message("lstm", "v0003", "weights.npz: bad shape")
    assert text.startswith("Your trained lstm v0003 could not be loaded (weights.npz: bad shape)")
    assert text.endswith("Choose another version in Model → Versions or train again.")
