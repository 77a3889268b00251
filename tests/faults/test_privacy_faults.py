"""Faults of learning as you type (issue 15 item 5): addresses, host names, bank and card
numbers in any Unicode form, and whatever follows a password-like label, are never learned.

The attacks are typed through the real :class:`Engine` (observe, then suggest with the bigram
example model) and checked in the stored cache and in the suggestions."""

from __future__ import annotations

import json

import pytest

from wordpad_ai.engine.learning import AdaptiveCache, cache_file
from wordpad_ai.engine.core import Engine
from wordpad_ai.plugins import PluginHost
from wordpad_ai.settings import Settings

from hostile_plugins import activate

SECRETS = ["letmein", "sommerwind", "geheimnis", "soleil", "roses", "zebra"]


@pytest.fixture
def engine(bigram_plugin) -> Engine:
    engine = Engine(PluginHost(entry_points=[]), Settings(active_model="bigram"))
    engine.set_model("bigram")
    return engine


def _learned(engine: Engine) -> set[str]:
    engine.close()
    data = json.loads(cache_file().read_text(encoding="utf-8"))
    return set(data["unigrams"]) | set(data["bigrams"]) | {w for ws in data["bigrams"].values() for w in ws}


@pytest.mark.parametrize("typed, never", [
    ("Mail root@localhost today.", {"root", "localhost"}),
    ("Log in at intranet.corp.example.com today.", {"intranet", "corp", "example", "com"}),
    ("Pay to DE89 3704 0044 0532 0130 00 today.", {"de89", "de"}),
    ("Pay to GB33 BUKB 2020 1555 5555 55 today.", {"gb33", "bukb"}),
    ("Card 4111 1111 1111 1111 today.", {"4111"}),
    ("Mail john＠example.com today.", {"john", "example"}),  # full-width @
    ("Mail john\u200b@example\u200b.com today.", {"john", "example"}),  # zero-width spaces
    ("Pay to ＤＥ８９ ３７０４ ００４４ ０５３２ ０１３０ ００ today.", {"de89", "ｄｅ８９"}),  # full-width
])
def test_addresses_hosts_and_account_numbers_are_never_learned(engine, typed, never):
    for _ in range(5):
        engine.observe(typed)
    learned = _learned(engine)
    assert "today" in learned  # the rest of the sentence is learned
    assert not learned & never, f"learned {learned & never} from {typed!r}"


@pytest.mark.parametrize("typed", [
    "password: letmein", "Password: Sommerwind", "My Passwort ist Geheimnis", "PIN 1234",
    "mot de passe : soleil", "secret: roses", "Wachtwoord zebra", "api_key = zebra",
])
def test_nothing_after_a_password_like_label_is_learned(engine, typed):
    for _ in range(5):
        engine.observe(typed + "\nThe weather is fine.")
    learned = _learned(engine)
    assert {"weather", "fine"} <= learned
    assert not learned & set(SECRETS), f"learned {learned & set(SECRETS)} from {typed!r}"


def test_a_password_typed_as_its_own_sentence_after_the_label_is_not_learned(engine):
    for _ in range(5):
        engine.observe("Password:")
        engine.observe("Sommerwind")
        engine.observe("The weather is fine.")
    assert "sommerwind" not in _learned(engine)


def test_the_label_does_not_suggest_the_password(engine):
    for _ in range(20):
        engine.observe("Password: Sommerwind.")
        engine.observe("password: letmein.")
    for text in ("Password: ", "password: ", "Password: So", "password: le"):
        words = {s.word.lower() for s in engine.suggest(text, 5)}
        assert not words & {"sommerwind", "letmein"}, (text, words)


ADAPTING_PLUGIN = '''
from wordpad_ai import NextWordModel, Suggestion, hookimpl

SEEN = []  # what the engine passed to observe


class Adapting(NextWordModel):
    model_id = "adapting"

    @classmethod
    def load(cls, path):
        return cls()

    def predict(self, text_before_cursor, k):
        return [Suggestion("word", 0.5)][:k]

    def observe(self, text):
        SEEN.append(text)


@hookimpl
def wordpad_ai_register_models(register):
    register(Adapting)
'''


def test_models_that_adapt_never_see_the_secret(tmp_path, monkeypatch):
    (tmp_path / "hostile_adapting.py").write_text(ADAPTING_PLUGIN, encoding="utf-8")
    activate(monkeypatch, tmp_path, {"adapting": "hostile_adapting"}, keep_existing=False)
    engine = Engine(PluginHost(entry_points=[]), Settings(active_model="adapting"))
    engine.set_model("adapting")
    engine.observe("Password: Sommerwind\nMail root@localhost. The weather is fine.")
    import hostile_adapting

    assert hostile_adapting.SEEN and "weather" in hostile_adapting.SEEN[0]
    assert not any(s in "".join(hostile_adapting.SEEN) for s in ("Sommerwind", "root", "localhost"))


def test_ordinary_prose_with_a_label_word_still_learns_the_rest_of_the_text():
    cache = AdaptiveCache()
    cache.learn("Keep a token of thanks and a pin on the map. The secret garden grows.")
    assert {"token", "pin", "map", "secret", "garden"} <= set(cache.to_json()["unigrams"])
