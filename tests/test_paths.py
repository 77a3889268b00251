"""User folders: WORDPAD_AI_HOME puts everything in one folder; otherwise platformdirs decides."""

from __future__ import annotations

from pathlib import Path

from wordpad_ai import paths


def test_wordpad_ai_home_overrides_every_folder(wordpad_home):
    home = Path(wordpad_home)
    assert paths.config_dir() == home / "config"
    assert paths.data_dir() == home / "data"
    assert paths.cache_dir() == home / "cache"
    assert paths.state_dir() == home / "state"
    assert paths.models_dir() == home / "data" / "models"
    assert paths.settings_file() == home / "config" / "settings.json"
    assert all(d.is_dir() for d in (paths.config_dir(), paths.data_dir(), paths.cache_dir(),
                                    paths.state_dir(), paths.models_dir()))


def test_home_with_tilde_is_expanded(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("WORDPAD_AI_HOME", "~/portable")
    assert paths.config_dir() == tmp_path / "portable" / "config"


def test_without_override_the_platform_folders_are_used(monkeypatch, tmp_path):
    monkeypatch.delenv("WORDPAD_AI_HOME")
    for var, sub in (("XDG_CONFIG_HOME", "cfg"), ("XDG_DATA_HOME", "data"),
                     ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(var, str(tmp_path / sub))
    assert paths.config_dir() == tmp_path / "cfg" / "wordpad-ai"
    assert paths.data_dir() == tmp_path / "data" / "wordpad-ai"
    assert paths.cache_dir() == tmp_path / "cache" / "wordpad-ai"
    assert paths.state_dir() == tmp_path / "state" / "wordpad-ai"


def test_looking_at_the_settings_file_makes_no_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("WORDPAD_AI_HOME", str(tmp_path / "fresh"))
    assert paths.settings_file(create=False) == tmp_path / "fresh" / "config" / "settings.json"
    assert not (tmp_path / "fresh").exists()  # the engine only looks, at every keystroke
    assert paths.settings_file().parent.is_dir()
