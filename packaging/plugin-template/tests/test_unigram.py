"""Tests of the template plugin; run with ``pytest`` in this folder."""

from __future__ import annotations

from pathlib import Path

import pytest

import wordpad_ai
from wordpad_ai_unigram import UnigramModel, wordpad_ai_register_models


@pytest.fixture
def model() -> UnigramModel:
    return UnigramModel.load(None)  # the shipped default: default/corpus.txt


def test_next_words_are_the_most_frequent_words(model):
    words = [s.word for s in model.predict("I water ", 4)]
    assert words == ["the", "garden", "in", "plants"]  # 11, 4, 3 and 3 times; ties alphabetical
    assert all(s.prefix == "" for s in model.predict("I water ", 3))


def test_completion_of_the_word_being_typed(model):
    (s,) = model.predict("I water the pl", 1)
    assert (s.word, s.prefix, s.remainder) == ("plants", "pl", "ants")
    assert [s.word for s in model.predict("progr", 5)] == ["program", "programming"]  # writer's case
    assert [s.word for s in model.predict("Progr", 5)] == ["Program", "Programming"]


def test_sentence_start_is_capitalised(model):
    assert model.predict("", 1)[0].word == "The"
    assert model.predict("It rains. ", 1)[0].word == "The"
    assert model.predict("It rains and ", 1)[0].word == "the"


def test_probabilities_are_sorted_and_in_range(model):
    probs = [s.probability for s in model.predict("", 10)]
    assert probs == sorted(probs, reverse=True) and all(0 < p <= 1 for p in probs)


def test_save_and_load_round_trip(model, tmp_path: Path):
    model.save(tmp_path / "m")
    again = UnigramModel.load(tmp_path / "m")
    assert again.predict("I water ", 3) == model.predict("I water ", 3)


def test_a_bad_folder_is_a_clear_model_error(tmp_path: Path):
    with pytest.raises(wordpad_ai.ModelError, match="not a unigram model folder"):
        UnigramModel.load(tmp_path)
    (tmp_path / "counts.json").write_text("{")
    with pytest.raises(wordpad_ai.ModelError, match="damaged"):
        UnigramModel.load(tmp_path)


def test_training_writes_a_loadable_model(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("zebra zebra zebra apple")
    events = []
    job = wordpad_ai.TrainingJob(paths=(str(tmp_path / "notes.txt"),), out_dir=str(tmp_path / "out"))
    out = UnigramModel.train(job, events.append, lambda: False)
    assert UnigramModel.load(out).predict("a ", 1)[0].word == "zebra"
    assert events[-1].phase == "done"


def test_the_hook_registers_the_model():
    registered = []
    wordpad_ai_register_models(register=registered.append)
    assert registered == [UnigramModel]
