"""The in-process Engine with real model plugins (bigram example, hanging test model)."""

from __future__ import annotations

import pytest

from wordpad_ai.api import ModelError, Suggestion
from wordpad_ai.engine.core import Engine, merge_phrase, resolve_model_path
from wordpad_ai.settings import Settings


def test_suggest_loads_configured_model_and_predicts(test_host):
    engine = Engine(test_host, Settings(active_model="bigram"))
    assert engine.active is None
    suggestions = engine.suggest("I went to the ", 3)
    assert engine.active == ("bigram", None)
    assert 1 <= len(suggestions) <= 3
    assert all(isinstance(s, Suggestion) and s.prefix == "" for s in suggestions)
    probs = [s.probability for s in suggestions]
    assert probs == sorted(probs, reverse=True)
    completing = engine.suggest("I went to the fo", 2)
    assert completing and all(s.prefix == "fo" and s.word.lower().startswith("fo") for s in completing)


def test_set_model_unknown_raises_and_keeps_previous(test_host):
    engine = Engine(test_host)
    engine.set_model("bigram")
    before = engine.suggest("the ", 3)
    with pytest.raises(ModelError, match="no model with id 'nope'"):
        engine.set_model("nope")
    assert engine.active == ("bigram", None)
    assert engine.suggest("the ", 3) == before


def test_set_model_bad_directory_raises_and_keeps_previous(test_host, tmp_path):
    engine = Engine(test_host)
    engine.set_model("hang")
    with pytest.raises(ModelError, match="not a bigram model directory"):
        engine.set_model("bigram", str(tmp_path))
    assert engine.active == ("hang", None)
    assert [s.word for s in engine.suggest("a ", 1)] == ["word"]


def test_set_model_returns_info_and_models_lists_both(test_host):
    engine = Engine(test_host)
    info = engine.set_model("hang")
    assert info.model_id == "hang" and info.plugin == "hang"
    assert {m.model_id for m in engine.models()} == {"bigram", "hang"}


def test_configured_model_missing_falls_back_and_says_so(test_host):
    engine = Engine(test_host, Settings(active_model="nope"))
    message = engine.load_configured()
    assert "'nope'" in message and "instead" in message
    assert engine.active is not None and engine.active[0] in {"bigram", "hang"}


def test_no_model_at_all_is_one_clear_error(engine_plugins, monkeypatch):
    from wordpad_ai.plugins import PluginHost

    monkeypatch.setenv("WORDPAD_AI_EXTRA_PLUGINS", "")
    engine = Engine(PluginHost(entry_points=[]), Settings(active_model="lstm"))
    with pytest.raises(ModelError, match="no other model could be loaded"):
        engine.load_configured()


def test_phrase_merges_into_top_suggestion(test_host):
    engine = Engine(test_host, Settings(active_model="hang"))
    plain = engine.suggest("say a ", 2)
    assert [s.continuation for s in plain] == [(), ()]
    with_phrase = engine.suggest("say a ", 2, phrase=True)
    assert with_phrase[0] == Suggestion("word", 0.5, continuation=("of", "mouth"))
    assert with_phrase[1].word == "other"


def test_merge_phrase_puts_other_phrase_first_without_duplicates():
    top = [Suggestion("cat", 0.4), Suggestion("dog", 0.3), Suggestion("cow", 0.1)]
    phrase = Suggestion("dog", 0.3, continuation=("barked", "loudly"))
    assert merge_phrase(top, phrase, 3) == [phrase, top[0], top[2]]


def test_inspect_and_observe_reach_the_model(test_host):
    engine = Engine(test_host, Settings(active_model="bigram"))
    assert engine.inspect("the ") is None  # the bigram plugin offers no internals
    engine.observe("some typed text")  # accepted (the default ignores it)


def test_resolve_model_path_is_the_shipped_default_for_now():
    assert resolve_model_path("lstm") is None


def test_prepare_reaches_the_model_and_its_failures_reach_no_one(test_host):
    engine = Engine(test_host, Settings(active_model="hang"))
    engine.prepare("before any model")  # nothing loaded yet: nothing to prepare
    engine.load_configured()
    engine.prepare("Dear ")
    engine.prepare("EXIT now")  # the model's prepare calls sys.exit
    assert [s.word for s in engine.suggest("PREPARED? ", 1)] == ["prepared1"]
