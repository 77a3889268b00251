"""Learning as you type: the cache, its privacy rules, persistence and the engine's use of it.

Uses the real count model of the evaluation tests (tests/fixtures/wordlist_model.py) as the
model; the cache and the engine are the real ones."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "fixtures"))
from wordlist_model import WordListModel  # noqa: E402

from wordpad_ai.engine.learning import AdaptiveCache, AdaptiveConfig, AdaptiveModel, cache_file  # noqa: E402
from wordpad_ai.engine.privacy import is_excluded, looks_sensitive  # noqa: E402
from wordpad_ai.api import Suggestion  # noqa: E402
from wordpad_ai.evaluation import evaluate_adaptation  # noqa: E402


class _ProbWordList(WordListModel):
    """The word-list model with unigram probabilities on next-word suggestions too."""

    def predict(self, text_before_cursor, k):
        total = sum(self.unigrams.values())
        words = text_before_cursor.split()
        follow = self.bigrams.get(words[-1], {}) if words and text_before_cursor[-1:] == " " else {}

        def p(word):  # the bigram share after a known word, else a small unigram share
            if follow:
                return follow.get(word, 0) / sum(follow.values()) or 0.05 * self.unigrams[word] / total
            return self.unigrams[word] / total

        return [Suggestion(s.word, p(s.word), prefix=s.prefix)
                for s in super().predict(text_before_cursor, k)]


MODEL_TEXT = "the cat sat. the cat ran. the dog sat. the sun set."


def test_cache_learns_a_new_word_and_suggests_it_for_a_prefix():
    model = AdaptiveModel(_ProbWordList(MODEL_TEXT))
    assert [s.word for s in model.predict("the Zo", 3)] == []  # the model does not know it
    model.observe("I met Zorblax today. Then Zorblax left.")
    got = model.predict("we saw Zo", 3)
    assert got[0].word == "Zorblax" and got[0].remainder == "rblax" and got[0].prefix == "Zo"
    assert model.predict("zor", 1)[0].word == "zorblax"  # the typed case is kept
    # two letters in lower case are mostly a whole word ("I am" → not "amelia"): no learnt name
    assert model.predict("zo", 1) == []
    # a learnt pair moves a word up: after "cat" the model offers ran, sat, then "the"; after
    # learning "cat set" often, "set" (which the model ranks low) takes the third place
    model = AdaptiveModel(_ProbWordList(MODEL_TEXT), AdaptiveCache(AdaptiveConfig(ramp_tokens=10)))
    assert [s.word for s in model.predict("the cat ", 3)] == ["ran", "sat", "the"]
    model.observe("The cat set. " * 20)
    assert [s.word for s in model.predict("the cat ", 3)] == ["ran", "sat", "set"]


def test_cache_learns_from_curly_quotes_as_from_straight_ones():
    # a document from a word processor: "Zorblax’s" is the word Zorblax and its "'s", not an
    # unknown word "zorblax’s" that would be offered whole
    model = AdaptiveModel(_ProbWordList(MODEL_TEXT))
    model.observe("We met Zorblax’s team. “Zorblax,” I said, “don’t go.”")
    assert [s.word for s in model.predict("we saw Zo", 3)] == ["Zorblax"]


def test_cache_offers_no_amount_back():
    # "around £486" typed once: "£" is no start of "£486" later (the writer types another sum)
    model = AdaptiveModel(_ProbWordList(MODEL_TEXT))
    model.observe("My bill is around £486 a quarter, and £486 is too much. Call 555-0142.")
    assert model.predict("the direct debit of £", 3) == []
    assert [s.word for s in model.predict("Zo", 3)] == []


def test_cache_leaves_finished_words_and_contraction_endings_alone():
    import wordpad_ai

    model = AdaptiveModel(wordpad_ai.load_model("lstm"), AdaptiveCache(AdaptiveConfig(ramp_tokens=10)))
    model.observe("My daughter Amelia has a cold. Amelia stays at home today. " * 3)
    # after a word's apostrophe only the word's endings come, as the model offers them (the
    # shipped LSTM): no learnt word ("Can'" + "today")
    for text in ("Can'", "We don'", "I'm afraid I won'"):
        got = [s.word for s in model.predict(text, 5)]
        assert got and set(got) <= {"t", "s", "ll", "d", "ve", "re", "m"}, (text, got)
    # a typed word the cache knows as a word is not completed into a far rarer one
    model.observe("I am at home. I am fine. " * 3 + "I saw amethysts.")
    assert "amethysts" not in [s.word for s in model.predict("I am", 3)]
    assert "amethysts" in [s.word for s in model.predict("I amet", 3)]  # no word yet: completed
    assert "Amelia" in [s.word for s in model.predict("I saw Ame", 3)]


def test_cache_adds_no_common_words_where_the_model_offers_nothing():
    import wordpad_ai

    model = AdaptiveModel(wordpad_ai.load_model("lstm"), AdaptiveCache(AdaptiveConfig(ramp_tokens=10)))
    model.observe("I would be at the window today. Would you call when it is done? "
                  "Sarah Whitfield asked the others. " * 3)
    # under "Kind regards," the shipped model offers nothing after the writer's first name: the
    # cache offers what followed that name before, never its own common words ("the", "I")
    signature = "Thanks for your help.\n\nKind regards,\n\nSarah "
    assert [s.word for s in model.predict_ranked(signature, 3)] == ["Whitfield"]
    # and a capital typed there completes into a name the writer wrote, not "Would", "When"
    assert [s.word for s in model.predict_ranked(signature + "W", 3)] == ["Whitfield"]
    # on the name's line itself, the writer's words come only as names ("Wi" → not "Window"),
    # and at its start only the names the writer signed with, learnt as the editor sends them
    # (the closing formula and the name as two texts), not words capitalised at sentence starts
    model.observe("Let me know. Adults go first. Dear me. " * 3)
    model.observe("Kind regards,")
    model.observe("Sarah")
    got = [s.word for s in model.predict_ranked("Thanks.\n\nBest wishes,\n\n", 5)]
    assert "Sarah" in got and not {"Let", "Adults", "Dear", "I"} & set(got), got
    got = [s.word for s in model.predict_ranked("Kind regards,\n\nWi", 5)]
    assert "Window" not in got, got
    # after "Dear John," (the model: a line break) nothing learnt follows a comma
    model.observe("Yes, and so on. Well, and then. " * 3)
    assert model.predict_ranked("Dear John,", 3) == []
    # inside a number nothing learnt comes either: no sentence's first word after "£47.", no
    # learnt word for the digits after the point
    model.observe("I paid 9am prices. " * 3)
    for text in ("It cost £47.", "It cost £47.9", "We met at 10:"):
        assert model.predict_ranked(text, 3) == [], text
    # nor for digits the model gives no ending: a list's next number, a telephone number
    model.observe("Weigh out 400g of pasta. " * 3)
    for text in ("Add the juice.\n\n4", "Call 0800 4"):
        assert model.predict_ranked(text, 3) == [], text


def test_the_name_line_completes_only_into_names_the_writer_signed_with():
    import wordpad_ai

    model = AdaptiveModel(wordpad_ai.load_model("lstm"), AdaptiveCache(AdaptiveConfig(ramp_tokens=10)))
    model.observe("Anyway, enough about me. Anyway, I must go. " * 3)
    model.observe("Take care,")
    model.observe("Anna")
    got = [s.word for s in model.predict_ranked("See you soon.\n\nTake care,\n\nA", 3)]
    assert "Anna" in got and "Anyway" not in got, got


def test_the_cache_keeps_the_models_order_where_it_has_no_say():
    import wordpad_ai

    shipped = wordpad_ai.load_model("lstm")
    model = AdaptiveModel(shipped, AdaptiveCache(AdaptiveConfig(ramp_tokens=10)))
    model.observe("The Lighthouse Keeper. We walked along the shore for an hour. " * 3)
    # the model puts common surnames before the novel's "Parsee", words of today before
    # "stoppeth", though it gives those a higher probability: a cache that never saw any of
    # them keeps that order
    for text in ("Dear Mrs Pa", "The Lighthouse Keeper\n\nMargaret stoppe"):
        assert [s.word for s in model.predict_ranked(text, 3)] == [
            s.word for s in shipped.predict_ranked(text, 3)], text


def test_cache_does_not_carry_on_a_word_the_model_takes_for_finished():
    import wordpad_ai

    model = AdaptiveModel(wordpad_ai.load_model("lstm"), AdaptiveCache(AdaptiveConfig(ramp_tokens=10)))
    model.observe("I forgot my toiletries. We stay in touch. I went to bed. I saw the doctor. " * 3)
    # "to" is a finished word here (the shipped model offers only the word itself, nothing left
    # to insert): the writer's "toiletries" and "touch" never followed "forward" or "able", so
    # they do not make it go on
    def offered(text, m):
        return [(s.word, s.remainder) for s in m.predict_ranked(text, 3)]

    for text in ("I look forward to", "We have not been able to"):
        assert offered(text, model.model) == [("to", "")], text
        assert offered(text, model) == [("to", "")], text
    # the same for a word the writer never wrote but the model knows (knows_word): "he can do"
    # is finished, not the start of "doctor"
    assert model.model.knows_word("do") and not model.model.knows_word("zorblax")
    assert offered("Is there any homework he can do", model.model) == [("do", "")]
    assert offered("Is there any homework he can do", model) == [("do", "")]
    # after the word they followed, they do; and a prefix the writer never wrote as a word still
    # completes into the learnt word
    assert "touch" in [s.word for s in model.predict_ranked("Please get in to", 3)]
    assert "toiletries" in [s.word for s in model.predict_ranked("I packed my toil", 3)]


@pytest.mark.parametrize("token", ["hunter2!", "p@ss-w0rd", "a8f3k29dkq1", "me@example.org",
                                   "https://example.org/x", "www.example.org",
                                   "AKIAIOSFODNN7EXAMPLE", "xkPqzTwLmnBvcRtY", "(Tr0ub4dor&3)"])
def test_password_like_tokens_are_sensitive(token):
    assert looks_sensitive(token)


@pytest.mark.parametrize("token", ["Linux", "don't", "mp3", "COVID", "2024", "well-known",
                                   "internationalisation", "NASA,", "x86"])
def test_ordinary_words_are_not_sensitive(token):
    assert not looks_sensitive(token)


def test_sensitive_tokens_are_not_learnt():
    cache = AdaptiveCache()
    cache.learn("my code hunter2! and mail me@example.org see https://ex.org/page now")
    words = set(cache.to_json()["unigrams"])
    assert words == {"my", "code", "and", "mail", "see", "now"}
    assert "code" not in cache.to_json()["bigrams"] or "and" not in cache.to_json()["bigrams"]["code"]


def test_excluded_paths(tmp_path):
    secret = tmp_path / "private"
    assert is_excluded(str(secret / "diary.txt"), [str(secret)])
    assert is_excluded(str(secret), [str(secret)])
    assert not is_excluded(str(tmp_path / "privateer.txt"), [str(secret)])
    assert not is_excluded(None, [str(secret)])


def test_persistence_round_trip(tmp_path):
    cache = AdaptiveCache()
    cache.learn("Alice met Bob. Alice met Carol.")
    cache.learn("Best wishes,\n\nAlice")
    path = tmp_path / "c.json"
    cache.save(path)
    again = AdaptiveCache.load(path)
    data, back = cache.to_json(), again.to_json()
    assert back["forms"] == data["forms"] == {"alice": "Alice", "bob": "Bob", "carol": "Carol", "best": "Best"}
    assert back["unigrams"] == pytest.approx(data["unigrams"])
    assert set(back["signed"]) == set(data["signed"]) == {"alice"}  # the name signed with
    assert back["bigrams"]["met"] == pytest.approx(data["bigrams"]["met"])
    assert again.probability("met", "alice") == pytest.approx(cache.probability("met", "alice"))
    assert again.size == pytest.approx(cache.size)
    path.write_text("{broken", encoding="utf-8")
    assert AdaptiveCache.load(path).size == 0  # unreadable: start afresh


def test_cache_stays_bounded():
    from wordpad_ai.engine.learning import AdaptiveConfig

    cache = AdaptiveCache(AdaptiveConfig(max_words=50, max_bigrams=60))
    cache.learn(" ".join(f"w{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(400)))
    data = cache.to_json()
    assert len(data["unigrams"]) <= 50
    assert sum(len(v) for v in data["bigrams"].values()) <= 60


def _engine(settings):
    from wordpad_ai.engine.core import Engine
    from wordpad_ai.plugins import PluginHost

    engine = Engine(PluginHost(only=["bigram"]), settings)
    engine.set_model("bigram")
    return engine


def test_engine_learns_through_observe_and_saves(bigram_plugin, wordpad_home, tmp_path):
    from wordpad_ai.settings import Settings

    engine = _engine(Settings(active_model="bigram"))
    assert all(s.word != "Zorblax" for s in engine.suggest("we met Zo", 3))
    engine.observe("We met Zorblax. Zorblax waved.", path=str(tmp_path / "notes.txt"))
    assert engine.suggest("we met Zo", 3)[0].word == "Zorblax"
    engine.close()
    stored = json.loads(cache_file().read_text(encoding="utf-8"))
    assert "zorblax" in stored["unigrams"]
    assert str(cache_file()).startswith(str(wordpad_home))
    # a new engine (a restart) finds what was learnt
    assert _engine(Settings(active_model="bigram")).suggest("we met Zo", 3)[0].word == "Zorblax"


def test_engine_ignores_excluded_documents_and_the_privacy_switch(bigram_plugin, tmp_path):
    from wordpad_ai.settings import Settings

    private = tmp_path / "private"
    engine = _engine(Settings(active_model="bigram", excluded_paths=(str(private),)))
    engine.observe("Zorblax is here.", path=str(private / "diary.txt"))
    assert all(s.word != "Zorblax" for s in engine.suggest("we met Zo", 3))
    paused = _engine(Settings(active_model="bigram", learning_paused=True))
    paused.observe("Zorblax is here.")
    assert all(s.word != "Zorblax" for s in paused.suggest("we met Zo", 3))
    # learnt earlier, then paused: the cache is not used while paused
    engine.observe("Zorblax is here.", path=str(tmp_path / "public.txt"))
    assert engine.suggest("we met Zo", 3)[0].word == "Zorblax"
    engine.close()
    assert all(s.word != "Zorblax" for s in _engine(
        Settings(active_model="bigram", learning_paused=True)).suggest("we met Zo", 3))


def test_adaptive_evaluation_gains_on_repetitive_text():
    text = " ".join(["Zorblax and Quib went to Frobnitz Hall."] * 12)
    res = evaluate_adaptation(_ProbWordList(MODEL_TEXT), text, k=3)
    assert res.adapted.words == res.without.words
    assert res.adapted.ksr > res.without.ksr + 0.2


@pytest.mark.parametrize("typed, sentence", [
    ("Hello there. I like cats.", "I like cats."), ("First line\nsecond one\n", "second one"),
    ("Really?!", "Really?!"), ("no end yet", None), ("Done. ", None), ("...", None), ("", None),
    # the line breaks after a finished sentence or line finish nothing new: it is learnt once
    ("It is cold.\n", None), ("It is cold. \n\n", None), ("Hello there\n\n", None), ("\n", None),
    # a number's point may be a decimal point: the sentence is finished by the key after it
    ("We landed at 4.", None), ("We landed at 4. ", "We landed at 4."), ("at 4.\n", "at 4."),
    ("Hi. We landed at 4.15pm.", "We landed at 4.15pm."), ("It was 3.5 km long.", "It was 3.5 km long.")])
def test_finished_sentence_is_what_the_editor_sends_to_learn(typed, sentence):
    from wordpad_ai.engine.privacy import finished_sentence

    assert finished_sentence(typed) == sentence


class _Silent(WordListModel):
    """A model that never offers anything, and fails when asked which words it knows."""

    def predict(self, text_before_cursor, k):
        return []

    def knows_word(self, word):
        raise RuntimeError("a plugin bug")


def test_a_silent_model_leaves_the_cache_its_say_at_sentence_starts():
    model = AdaptiveModel(_Silent(MODEL_TEXT), AdaptiveCache(AdaptiveConfig(ramp_tokens=10)))
    model.observe("Zorblax came home. We went out. " * 3)
    # a model that offers nothing at a sentence start still gets the writer's words there...
    for text in ("", "Hello. ", "Hello.\n\n"):
        assert model.predict_ranked(text, 2), text
    # ...not after other punctuation, nor inside a number
    assert model.predict_ranked("Dear John,", 2) == [] and model.predict_ranked("It cost £4.", 2) == []
    # a model whose knows_word fails counts as knowing nothing: "Zor" still completes
    assert model.knows_word("zorblax") is False
    assert [s.word for s in model.predict_ranked("we saw Zor", 1)] == ["Zorblax"]


def test_only_names_are_learnt_as_the_writers_signature():
    cache = AdaptiveCache(AdaptiveConfig(ramp_tokens=10))
    cache.learn("I will always love you,")  # no closing: its next line is no signature
    cache.learn("Zorblax said so.")
    cache.learn("Kind regards,")
    cache.learn("and then some")  # a closing, but no name on the next line
    assert cache.to_json()["signed"] == {}
    cache.learn("Lots of love and big hugs,")
    cache.learn("Emily")
    assert set(cache.to_json()["signed"]) == {"emily"}


def test_an_emails_header_lines_are_not_learnt_as_line_starts():
    # "Subject: Warning light" typed, then the greeting's line: the cache offered "Subject",
    # "Warning" there (a QA typist's garage e-mail); the header's words are no line's start
    import wordpad_ai

    model = AdaptiveModel(wordpad_ai.load_model("lstm"), AdaptiveCache(AdaptiveConfig(ramp_tokens=10)))
    for line in ("Subject: Engine warning light", "To: Halls Garage", "Re: your booking"):
        model.observe(line)
    got = [s.word for s in model.predict_ranked("Subject: Engine warning light\n\n", 3)]
    assert got[:2] == ["Dear", "Hi"] and not {"Subject", "Engine", "To", "Re"} & set(got), got
    assert model.cache.learn("Subject: Engine warning light\nThe light came on.") == 4  # the body only
