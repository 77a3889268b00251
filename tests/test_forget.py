"""Deleting everything WordPad AI learned: every place goes, settings and documents stay."""

from __future__ import annotations

import json

from wordpad_ai import paths
from wordpad_ai.engine.learning import AdaptiveCache, cache_file
from wordpad_ai.forget import forget_everything, learned_data
from wordpad_ai.modelstore import ModelStore
from wordpad_ai.settings import load_settings, update_settings
from wordpad_ai.spelling import personal_file
from wordpad_ai.stats import stats_file


def _learn_everything(tmp_path) -> None:
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "config.json").write_text("{}", encoding="utf-8")
    ModelStore().promote("lstm", staging)
    cache = AdaptiveCache()
    cache.learn("my secret phrase. ")
    cache.save(cache_file())
    stats_file().write_text(json.dumps({"typed": 10}), encoding="utf-8")
    (paths.state_dir() / "autosave").mkdir(parents=True, exist_ok=True)
    (paths.state_dir() / "autosave" / "session-1.json").write_text("{}", encoding="utf-8")
    personal_file().write_text("zorblat\n", encoding="utf-8")
    (paths.cache_dir() / "runs").mkdir(parents=True, exist_ok=True)
    (paths.cache_dir() / "runs" / "tokens.npy").write_bytes(b"0")


def test_forget_everything_removes_every_learned_place_and_keeps_settings(tmp_path):
    update_settings(theme="dark", recent_files=("/home/me/letter.txt",))
    document = tmp_path / "letter.txt"
    document.write_text("my letter", encoding="utf-8")
    _learn_everything(tmp_path)
    removed = forget_everything()
    assert set(removed) == {"trained models", "typing cache", "statistics", "autosaved documents",
                            "personal dictionary", "training caches"}
    for item in learned_data():
        assert not item.path.exists() or (item.path.is_dir() and not any(item.path.iterdir())), item
    assert ModelStore().model_ids() == []
    assert load_settings().theme == "dark" and load_settings().recent_files == ("/home/me/letter.txt",)
    assert document.read_text(encoding="utf-8") == "my letter"
    assert forget_everything() == []  # nothing left the second time
