"""Names after a title: when the next word follows one, and how it is written."""

from wordpad_ai.text.casing import after_honorific, as_name
from wordpad_ai.text.tokenize import analyse_context


def test_the_word_after_a_title_is_a_name():
    for text in ("Dear Mr ", "Dear Mrs ", "Hello Dr. ", "I met Prof. ", "Dear ms "):
        assert after_honorific(analyse_context(text).tokens), text
    for text in ("Dear ", "Mr Green is ", "I saw the dr", "The doctor. ", "", "mr. Green. "):
        assert not after_honorific(analyse_context(text).tokens), text


def test_a_name_is_capitalised_and_a_function_word_is_none():
    assert as_name("green") == "Green" and as_name("Harris") == "Harris"
    assert as_name("McKay") == "McKay"  # the rest as written
    assert as_name("the") is None and as_name("And") is None
