"""User settings: defaults, round trip, damaged files and unknown keys."""

from __future__ import annotations

import json

from wordpad_ai import paths
from wordpad_ai.settings import SETTINGS_VERSION, Settings, load_settings, save_settings, update_settings


def test_defaults_when_there_is_no_file():
    assert not paths.settings_file().exists()
    settings = load_settings()
    assert settings == Settings()
    assert settings.version == SETTINGS_VERSION and settings.disabled_plugins == ()
    assert settings.active_model == "lstm" and settings.suggestion_count == 3


def test_round_trip_through_the_file():
    changed = Settings(disabled_plugins=("bigram",), active_model="rnn", font_size=11.5,
                       recent_files=("/a.txt", "/b.md"), suggestions_enabled=False)
    save_settings(changed)
    data = json.loads(paths.settings_file().read_text(encoding="utf-8"))
    assert data["disabled_plugins"] == ["bigram"] and data["version"] == SETTINGS_VERSION
    assert load_settings() == changed


def test_update_settings_saves_and_returns_the_new_settings():
    new = update_settings(disabled_plugins=("x", "y"))
    assert new.disabled_plugins == ("x", "y")
    assert load_settings().disabled_plugins == ("x", "y")
    assert load_settings().active_model == Settings().active_model


def test_a_corrupt_file_gives_defaults_and_is_kept_as_bad(wordpad_home):
    path = paths.settings_file()
    path.write_text("{ this is not json", encoding="utf-8")
    assert load_settings() == Settings()
    bad = path.with_name("settings.json.bad")
    assert bad.read_text(encoding="utf-8") == "{ this is not json"
    assert not path.exists()
    save_settings(Settings(active_model="rnn"))  # the app can write a good one again
    assert load_settings().active_model == "rnn"


def test_a_file_that_is_not_an_object_gives_defaults():
    paths.settings_file().write_text("[1, 2]", encoding="utf-8")
    assert load_settings() == Settings()
    assert paths.settings_file().with_name("settings.json.bad").exists()


def test_unknown_keys_are_ignored_and_wrongly_typed_values_take_defaults():
    paths.settings_file().write_text(json.dumps({
        "from_the_future": 1, "active_model": "rnn", "suggestion_count": "many",
        "font_size": 12, "disabled_plugins": ["bigram"], "version": 99,
    }), encoding="utf-8")
    settings = load_settings()
    assert settings.active_model == "rnn"
    assert settings.suggestion_count == Settings().suggestion_count
    assert settings.font_size == 12.0 and isinstance(settings.font_size, float)
    assert settings.disabled_plugins == ("bigram",)
    assert settings.version == SETTINGS_VERSION
    assert not hasattr(settings, "from_the_future")


def test_settings_are_immutable_values():
    settings = Settings()
    assert settings.replace(zoom=2).zoom == 2 and settings.zoom == 0


def test_a_version_1_file_loads_with_the_new_fields_at_their_defaults():
    paths.settings_file().write_text(json.dumps({"version": 1, "suggestion_count": 5,
                                                 "active_model": "rnn"}), encoding="utf-8")
    settings = load_settings()
    assert settings.version == SETTINGS_VERSION == 2
    assert settings.suggestion_count == 5 and settings.active_model == "rnn"
    assert settings.accept_key == "tab" and settings.theme == "system" and settings.spell_check
    assert settings.page_margins_mm == (20.0, 20.0, 20.0, 20.0)


def test_out_of_range_values_are_brought_into_range():
    paths.settings_file().write_text(json.dumps({
        "suggestion_count": 40, "accept_key": "space", "theme": "purple", "ghost_color": "grey",
        "autosave_interval_ms": 5, "page_orientation": "sideways", "page_margins_mm": [1, 2, 3],
    }), encoding="utf-8")
    settings = load_settings()
    assert settings.suggestion_count == 9 and settings.accept_key == "tab"
    assert settings.theme == "system" and settings.ghost_color == ""
    assert settings.autosave_interval_ms == 1000 and settings.page_orientation == "portrait"
    assert settings.page_margins_mm == Settings().page_margins_mm
    assert update_settings(suggestion_count=0).suggestion_count == 1
    assert update_settings(ghost_color="#A0b0C0").ghost_color == "#A0b0C0"
    assert update_settings(page_margins_mm=(10, 12.5, 10, 12.5)).page_margins_mm == (10.0, 12.5, 10.0, 12.5)
