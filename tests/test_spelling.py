"""The spell checker: the shipped dictionary, the user's own words, suggestions."""

from __future__ import annotations

import json

from wordpad_ai import paths
from wordpad_ai.engine.learning import AdaptiveCache, cache_file
from wordpad_ai.modelstore import ModelStore
from wordpad_ai.spelling import Speller, personal_file


def test_the_shipped_dictionary_flags_misspellings_and_suggests_corrections():
    speller = Speller()
    assert speller.misspelt_spans("I recieved teh parcel today.") == [(2, 8), (11, 3)]
    assert speller.suggestions("recieved")[0] == "received"
    assert speller.suggestions("Teh")[0] == "The"  # the word's own capitalisation
    # the likelier slip first: a letter left out beats a more frequent word one letter off
    assert speller.suggestions("leter")[:2] == ["letter", "later"]
    assert speller.suggestions("tthe")[0] == "the" and speller.suggestions("tezt")[0] == "test"
    # not checked: acronyms, inner capitals, numbers, possessives and contractions of known words
    assert speller.misspelt_spans("NASA and WordPad sent 42 parcels; the writer's don't") == []


def test_add_to_dictionary_is_kept_in_the_personal_word_list():
    speller = Speller()
    assert speller.is_misspelt("Zorblat")
    speller.add_to_dictionary("Zorblat")
    assert not speller.is_misspelt("zorblat")
    assert personal_file().read_text(encoding="utf-8").split() == ["zorblat"]
    assert personal_file().parent == paths.data_dir()
    assert not Speller().is_misspelt("Zorblat")  # a new session knows it too


def test_ignore_lasts_for_the_session_only():
    speller = Speller()
    speller.ignore("frobnicate")
    assert not speller.is_misspelt("frobnicate")
    assert not personal_file().exists()
    assert Speller().is_misspelt("frobnicate")


def test_words_of_trained_models_and_often_typed_words_are_not_flagged(tmp_path):
    assert Speller().is_misspelt("quendrial") and Speller().is_misspelt("velmorath")
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "vocab.json").write_text(json.dumps(["<unk>", "the", "quendrial"]), encoding="utf-8")
    (staging / "config.json").write_text("{}", encoding="utf-8")
    ModelStore().promote("lstm", staging)
    cache = AdaptiveCache()
    for _ in range(5):
        cache.learn("the velmorath rose. ")
    cache.learn("a onceonly word. ")
    cache.save(cache_file())
    speller = Speller()
    assert not speller.is_misspelt("Quendrial")  # in the user's trained model's vocabulary
    assert not speller.is_misspelt("velmorath")  # typed often
    assert speller.is_misspelt("onceonly")  # typed once: still flagged
