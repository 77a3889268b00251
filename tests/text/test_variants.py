"""British and American spellings: the writer's own once their text shows it."""

from __future__ import annotations

from wordpad_ai.text.variants import UK, US, respelt, variety


def test_the_writers_spelling_is_the_one_their_text_uses_most():
    assert variety("i apologise for the colour".split()) == UK
    assert variety("we organized the color scheme".split()) == US
    assert variety("my favourite color".split()) is None  # one of each: undecided
    assert variety("the cat sat on the mat".split()) is None
    assert variety([]) is None
    # a pound sign or "whilst" says British, a dollar sign or "gotten" American
    from wordpad_ai.text.tokenize import tokenize

    assert variety(tokenize("The balance is £1,245.60. Rita agreed to")) == UK
    assert variety(tokenize("whilst we wait")) == UK
    assert variety(tokenize("It costs $40.")) == US and variety(tokenize("I've gotten it")) == US


def test_a_word_is_respelt_in_the_writers_variety_and_only_a_listed_one():
    assert respelt("favorite", UK) == "favourite" and respelt("favourite", US) == "favorite"
    assert respelt("organizing", UK) == "organising" and respelt("analysed", US) == "analyzed"
    assert respelt("center", UK) == "centre" and respelt("traveled", UK) == "travelled"
    assert respelt("mom", UK) == "mum" and respelt("grey", US) == "gray"
    assert respelt("favorite", None) == "favorite"
    # words both varieties write alike stay as they are
    for word in ("humorous", "size", "prize", "meter", "program", "the", "theory"):
        assert respelt(word, UK) == word and respelt(word, US) == word, word


def test_other_spelling_goes_either_way():
    from wordpad_ai.text.variants import other_spelling

    assert other_spelling("mum") == "mom" and other_spelling("mom") == "mum"
    assert other_spelling("colour") == "color" and other_spelling("organize") == "organise"
    assert other_spelling("table") is None
    from wordpad_ai.text.variants import listed_words

    assert {"mum", "mom", "colour", "color"} <= listed_words() and "table" not in listed_words()
    assert all(other_spelling(w) is not None for w in listed_words())
