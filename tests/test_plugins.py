"""The plugin host, in-process: real plugin modules loaded through WORDPAD_AI_EXTRA_PLUGINS."""

from __future__ import annotations

import logging

import sys
from pathlib import Path

import pytest

from wordpad_ai import ModelError
from wordpad_ai.plugins import EXTRA_DISTRIBUTION, PluginHost, load_host
from wordpad_ai.settings import Settings

PLUGINS = Path(__file__).parent / "fixtures" / "plugins"
BIGRAM_SRC = PLUGINS / "wordpad-ai-bigram"
MISBEHAVING = {
    "exits_on_import": "wordpad_ai_exits_on_import",
    "typo_hook": "wordpad_ai_typo_hook",
    "garbage": "wordpad_ai_registers_garbage",
    "duplicate": "wordpad_ai_duplicate_model",
    "no_hooks": "wordpad_ai_no_hooks",
    "exits_in_hook": "wordpad_ai_exits_in_hook",
    "broken_import": "wordpad_ai_broken_import",
    "broken_hook": "wordpad_ai_broken_hook",
    "reader": "wordpad_ai_good_reader",
}


@pytest.fixture
def extra_plugins(monkeypatch):
    """Put the fixture plugin modules on sys.path and name them in WORDPAD_AI_EXTRA_PLUGINS."""
    for folder in (BIGRAM_SRC, PLUGINS / "misbehaving", PLUGINS / "broken_import", PLUGINS / "broken_hook"):
        monkeypatch.syspath_prepend(str(folder))
    for module in ["wordpad_ai_bigram", *MISBEHAVING.values()]:
        monkeypatch.delitem(sys.modules, module, raising=False)

    def use(*names: str) -> None:
        pairs = [f"{n}={MISBEHAVING.get(n, 'wordpad_ai_bigram')}" for n in names]
        monkeypatch.setenv("WORDPAD_AI_EXTRA_PLUGINS", ",".join(pairs))

    return use


def test_bundled_plugins_load_through_the_entry_point_group():
    host = PluginHost()
    bundled = {r.name: r for r in host.records.values() if r.bundled}
    assert set(bundled) >= {"rnn", "lstm"}
    for rec in bundled.values():
        assert rec.distribution == "wordpad-ai"
        assert rec.status == "enabled", rec.error
        assert rec.hooks == ["wordpad_ai_register_models"]
        assert rec.models == [rec.name]


def test_third_party_plugin_registers_a_working_model(extra_plugins):
    extra_plugins("bigram")
    host = PluginHost()
    rec = host.records["bigram"]
    assert (rec.status, rec.distribution, rec.bundled) == ("enabled", EXTRA_DISTRIBUTION, False)
    assert rec.models == ["bigram"]
    words = [s.word for s in host.load_model("bigram").predict("In the morning the ", 3)]
    assert len(words) == 3 and all(w.isalpha() for w in words)


def test_every_kind_of_broken_plugin_is_recorded_and_the_others_keep_working(extra_plugins, caplog):
    extra_plugins("bigram", *MISBEHAVING)
    caplog.set_level(logging.WARNING, logger="wordpad_ai.plugins")  # an in-process CLI run may have raised it
    host = PluginHost()
    errors = {name: host.records[name].error for name in MISBEHAVING if name != "reader"}
    assert all(host.records[n].status == "error" for n in errors), errors
    assert "failed to load: SystemExit: this plugin exits on import" in errors["exits_on_import"]
    assert "failed to load: ImportError: this plugin is broken on purpose" in errors["broken_import"]
    assert "'wordpad_ai_register_model' is not a wordpad_ai hook" in errors["typo_hook"]
    assert "did you mean 'wordpad_ai_register_models'" in errors["typo_hook"]
    assert "register() needs a NextWordModel subclass" in errors["garbage"]
    assert "model id 'bigram' is already registered by plugin 'bigram'" in errors["duplicate"]
    assert "implements no wordpad_ai hooks" in errors["no_hooks"]
    assert "wordpad_ai_register_models raised: SystemExit: 3" in errors["exits_in_hook"]
    assert "RuntimeError: register_models exploded on purpose" in errors["broken_hook"]
    assert all("\n" not in e for e in errors.values())
    assert "Traceback" in host.records["broken_hook"].details
    # what a failed plugin registered before failing is taken back, and it is unregistered
    assert "unique-from-duplicate" not in host.models
    assert host.models["bigram"][1] == "bigram"
    assert not any(host.pm.has_plugin(n) for n in errors)
    # the good ones work
    assert host.records["bigram"].status == "enabled"
    assert host.load_model("bigram").predict("the ", 1)
    assert host.records["reader"].readers == [".shout"]
    assert host.readers[".shout"][1] == "reader"
    assert {"rnn", "lstm"} <= set(host.models)
    # each failure is logged once
    assert sum("broken_hook" in r.getMessage() for r in caplog.records if r.levelname == "WARNING") == 1


def test_disabled_plugins_are_blocked_before_import(extra_plugins):
    extra_plugins("bigram", "broken_import")
    host = PluginHost(disabled=["bigram", "broken-import"])
    assert host.records["bigram"].status == "disabled"
    assert host.records["broken_import"].status == "disabled"
    assert "wordpad_ai_bigram" not in sys.modules
    assert "wordpad_ai_broken_import" not in sys.modules
    assert host.pm.is_blocked("bigram")
    with pytest.raises(ModelError, match="plugin 'bigram' is disabled; run 'wordpad-ai plugins enable bigram'"):
        host.load_model("bigram")


def test_disabled_list_comes_from_settings(extra_plugins):
    extra_plugins("bigram")
    assert load_host(Settings(disabled_plugins=("bigram",))).records["bigram"].status == "disabled"
    assert load_host(Settings()).records["bigram"].status == "enabled"


def test_bundled_plugins_can_be_disabled():
    host = PluginHost(disabled=["rnn"])
    assert host.records["rnn"].status == "disabled"
    assert "rnn" not in host.models and "lstm" in host.models


@pytest.mark.parametrize("value, loaded", [("", set()), ("bigram", {"bigram"}), ("reader, bigram", {"bigram", "reader"})])
def test_load_plugins_env_restricts_third_party_plugins(extra_plugins, monkeypatch, value, loaded):
    extra_plugins("bigram", "reader", "broken_import")
    monkeypatch.setenv("WORDPAD_AI_LOAD_PLUGINS", value)
    host = PluginHost()
    third = {n: r for n, r in host.records.items() if not r.bundled}
    assert {n for n, r in third.items() if r.status == "enabled"} == loaded
    for name in set(third) - loaded:
        assert third[name].status == "not loaded"
        assert third[name].error == "not in WORDPAD_AI_LOAD_PLUGINS"
    assert "wordpad_ai_broken_import" not in sys.modules
    assert {"rnn", "lstm"} <= set(host.models)  # bundled plugins always load


def test_unknown_model_error_names_the_available_ones_and_failures(extra_plugins):
    extra_plugins("bigram", "broken_hook")
    host = PluginHost()
    with pytest.raises(ModelError) as err:
        host.load_model("nope")
    message = str(err.value)
    assert "no model with id 'nope'" in message and "bigram" in message and "lstm" in message
    assert "1 plugin(s) failed to load" in message
    assert "\n" not in message


def test_same_plugin_name_from_two_sources_keeps_the_first(extra_plugins, monkeypatch):
    monkeypatch.setenv("WORDPAD_AI_EXTRA_PLUGINS", "rnn=wordpad_ai_bigram")
    host = PluginHost()
    assert host.records["rnn"].bundled and host.records["rnn"].status == "enabled"
    shadow = host.records[f"rnn ({EXTRA_DISTRIBUTION})"]
    assert shadow.status == "error" and "already used by wordpad-ai" in shadow.error
    assert "wordpad_ai_bigram" not in sys.modules


def test_trace_env_writes_hook_calls_to_stderr(extra_plugins, monkeypatch, capsys):
    extra_plugins("bigram")
    monkeypatch.setenv("WORDPAD_AI_TRACE_HOOKS", "1")
    PluginHost()
    assert "wordpad_ai_register_models(register) -> bigram" in capsys.readouterr().err
