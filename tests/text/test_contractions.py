"""Contractions are suggested with their apostrophe, never without it."""

from wordpad_ai.api import Suggestion
from wordpad_ai.engine.core import spelt_out
from wordpad_ai.text.contractions import (NOT_WORDS, after_closing_apostrophe, apostrophe_word, completion,
                                           endings_after)


def test_a_stem_is_completed_with_its_apostrophe_in_the_writers_case():
    assert completion("don") == "don't" and completion("Wasn") == "Wasn't"
    assert completion("COULDN") == "COULDN'T" and completion("I") is None
    assert completion("can") is None and completion("won") is None  # words of their own too


def test_bare_contractions_are_not_words_but_real_words_stay():
    assert {"dont", "wasnt", "youre", "im", "thats"} <= NOT_WORDS
    assert not {"its", "lets", "were", "well", "ill", "shed", "id"} & NOT_WORDS


def test_after_a_words_apostrophe_the_word_goes_on():
    assert apostrophe_word("I don'") == "don" and apostrophe_word("Mr Green\u2019") == "Green"
    assert apostrophe_word("He said '") is None and apostrophe_word("'") is None
    assert apostrophe_word("I ") is None


def test_an_apostrophe_and_a_space_close_the_word():
    assert after_closing_apostrophe("We went to the freshers' ")
    assert after_closing_apostrophe("at my parents\u2019 ")
    assert after_closing_apostrophe("the girls'\n")
    assert not after_closing_apostrophe("I don'")  # the word goes on
    assert not after_closing_apostrophe("He said ' ")  # a quote mark alone, after no word
    assert not after_closing_apostrophe("the parents ")


def test_each_ending_follows_only_the_words_it_can():
    assert endings_after("don") == ("t", "s") and endings_after("Green") == ("s",)
    assert endings_after("I") == ("s", "m", "ve", "ll", "d")  # "I's" is rare but harmless
    # a plural's possessive is whole ("the parents'"); a name's, a singular's take "s" ("James's",
    # "the boss's"); "o'" after a number → clock, else as any word ("O'Brien's")
    assert endings_after("parents") == () and endings_after("teachers") == ()
    assert endings_after("James") == ("s",) and endings_after("boss") == ("s",) == endings_after("bus")
    assert endings_after("o", after_number=True) == ("clock",) and endings_after("o") == ("s",)
    assert endings_after("you") == ("s", "re", "ve", "ll", "d")


def test_the_engine_writes_stems_out_once():
    got = spelt_out([Suggestion("don", 0.5, prefix="do"), Suggestion("done", 0.2, prefix="do"),
                     Suggestion("don't", 0.1, prefix="do"),
                     Suggestion("didn", 0.05, continuation=("t", "know"))])
    assert [(s.word, s.remainder, s.continuation) for s in got] == [
        ("don't", "n't", ()), ("done", "ne", ()), ("didn't", "didn't", ("know",))]


def test_the_engine_writes_apostrophes_as_the_writer_does():
    said = [Suggestion("haven", 0.5, prefix="hav"), Suggestion("going", 0.2, continuation=("to",)),
            Suggestion("didn", 0.05, continuation=("t", "know"))]
    got = spelt_out(said, "I don’t know. I hav")
    assert [(s.word, s.remainder, s.continuation) for s in got] == [
        ("haven’t", "en’t", ()), ("going", "going", ("to",)), ("didn’t", "didn’t", ("know",))]
    assert [s.word for s in spelt_out(said, "I don't know. I hav")] == ["haven't", "going", "didn't"]
