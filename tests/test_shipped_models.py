"""The shipped default models load from an installed (non-editable) wordpad-ai and give sensible
suggestions for everyday contexts."""

from __future__ import annotations

import json

import pytest

from plugin_venv import make_app_venv

MODELS = ("lstm", "rnn")

PROBE = r"""
import json, sys
import wordpad_ai
from wordpad_ai_models import shipped_model_dir

out = {}
for model_id in %r:
    if not (shipped_model_dir(model_id) / "config.json").exists():
        out[model_id] = None
        continue
    m = wordpad_ai.load_model(model_id)
    ask = lambda text, k=3: [s.word for s in m.predict(text, k)]
    out[model_id] = {
        "module": type(m).__module__,
        "file": wordpad_ai.__file__,
        "after_in": ask("He lives in "),
        "after_of": ask("the end of ", 5),
        "sentence_start": ask("It was late. ", 5),
        "doc_start": ask("", 5),
        "pro": [(s.word, s.prefix, s.remainder) for s in m.predict("It is a pro", 3)],
        "Pro": [s.word for s in m.predict("Pro", 3)],
        "pronoun": ask("I think that ", 5),
    }
print(json.dumps(out))
"""

# words a reader accepts after "in" / "of": determiners, pronouns, common nouns of the corpus
DETERMINERS = {"the", "a", "an", "this", "that", "his", "her", "their", "my", "your", "our", "its",
               "order", "which", "all", "each", "some", "any", "such", "every", "these", "those"}


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    venv = make_app_venv(tmp_path_factory.mktemp("shipped"))
    return json.loads(venv.python(PROBE % (MODELS,)))


def test_default_lstm_is_shipped(probe):
    assert probe["lstm"] is not None, "models/lstm is missing from the installed package"


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_suggests_sensibly(probe, model_id):
    got = probe[model_id]
    if got is None:
        pytest.fail(f"models/{model_id} is not shipped (python models/build_defaults.py)")
    assert "site-packages" in got["file"], "wordpad_ai must come from the installed package"
    assert "the" in got["after_in"], got["after_in"]
    assert set(got["after_of"]) & DETERMINERS, got["after_of"]
    # a new sentence starts with a capital letter, as the writer would type it
    for words in (got["sentence_start"], got["doc_start"]):
        assert words and all(w[:1].isupper() for w in words), words
    # completing "pro": whole words starting with what was typed, the rest to insert
    assert got["pro"], "no completion for 'pro'"
    for word, prefix, remainder in got["pro"]:
        assert word.startswith("pro") and len(word) > 3 and prefix == "pro"
        assert word == prefix + remainder
    assert all(w.startswith("Pro") for w in got["Pro"]), got["Pro"]
    # the pronoun "I" is written as people write it, mid-sentence too
    assert "I" in got["pronoun"] and "i" not in got["pronoun"], got["pronoun"]
