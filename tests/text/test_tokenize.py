"""Tokenizer, case table and vocabulary rules."""

from __future__ import annotations

import time

import pytest

from wordpad_ai.text.casing import CaseTable, count_forms
from wordpad_ai.text.tokenize import (EOS, NUM, analyse_context, is_word, iter_surface, split_paragraphs,
                                      split_words, tokenize, writes_curly)
from wordpad_ai.text.vocab import Lexicon, Vocabulary


def test_apostrophes_split_like_the_evaluation_protocol():
    assert split_words("Don't stop") == ["Don", "'", "t", "stop"]
    assert tokenize("Don't stop") == ["don", "'", "t", "stop"]


def test_curly_quotes_are_read_as_straight_ones():
    # a word processor's "don’t" and “quotes” are the model's don ' t and " (the evaluation
    # protocol's words stay as written)
    assert tokenize("I don’t know. ‘Yes,’ she said, “well”") == tokenize(
        "I don't know. 'Yes,' she said, \"well\"")
    assert analyse_context("I don’t ").tokens == ("i", "don", "'", "t")
    assert analyse_context("He said, “I ").tokens[-2:] == ('"', "i")
    assert split_words("don’t") == ["don’t"]


def test_a_writer_with_curly_apostrophes_is_told_from_one_with_straight_ones():
    assert writes_curly("I don’t know. We’") and writes_curly("Mary’s cat")
    assert not writes_curly("I don't") and not writes_curly("It’s fine. I don't")
    assert not writes_curly("He said ‘yes’ and I")  # a closing quote is no apostrophe
    assert writes_curly("He said, “I ") and not writes_curly('He said, "I ')  # smart quotes
    assert not writes_curly("")


def test_every_ascii_punctuation_character_is_its_own_token():
    assert split_words("a--b (c)!?") == ["a", "-", "-", "b", "(", "c", ")", "!", "?"]


def test_word_tokens_agree_with_the_evaluation_splitter():
    from wordpad_ai.evaluation import TOKEN_RE

    text = "Héllo, wörld! It's 3.14 — e-mail: x@y.org\n\nNew \"para\" [ok] café_au_lait"
    assert [t for t in split_words(text) if is_word(t)] == TOKEN_RE.findall(text)


def test_sentence_and_paragraph_ends_become_eos():
    toks = tokenize("One. Two! Three?\n\nFour\n\n\n five")
    assert toks == ["one", ".", EOS, "two", "!", EOS, "three", "?", EOS, "four", EOS, "five"]


def test_a_dot_inside_a_number_is_no_sentence_end_and_digits_become_num():
    assert tokenize("pi is 3.14 ok") == ["pi", "is", NUM, ".", NUM, "ok"]


def test_no_eos_at_start_or_twice():
    assert tokenize("\n\nHi.\n\nYo") == ["hi", ".", EOS, "yo"]


def test_context_splits_partial_word_and_sentence_start():
    ctx = analyse_context("It works. I like pro")
    assert ctx.tokens == ("it", "works", ".", EOS, "i", "like") and ctx.partial == "pro"
    assert not ctx.sentence_start
    ctx = analyse_context("It works. ")
    assert ctx.partial == "" and ctx.sentence_start
    assert analyse_context("").sentence_start
    assert analyse_context("Hello. Wor").sentence_start  # the partial word starts a sentence


def test_paragraphs():
    assert split_paragraphs("a b\nc\n\n  \n d\n") == ["a b\nc", "d\n"]


def test_tokenizes_a_megabyte_quickly():
    text = "The quick brown fox, it's said, jumps over 12 lazy dogs. " * 20_000  # ~1.2 MB
    t = time.perf_counter()
    toks = tokenize(text)
    assert time.perf_counter() - t < 10.0  # ~0.3 s idle; generous for a loaded shared machine
    assert len(toks) == 20_000 * 17  # 15 words and marks, ".", <eos>


def _case_table(text: str) -> CaseTable:
    return CaseTable.from_counts(count_forms(iter_surface(text)))


def test_case_table_keeps_dominant_forms_and_capitalises_sentence_starts():
    text = ("We use Linux daily. I think linux is fine but Linux wins, on Linux and Linux. The NASA "
            "site. the end. so I said I am.")
    table = _case_table(text)
    assert table.cased("linux") == "Linux"
    assert table.cased("nasa") == "NASA"
    assert table.cased("the") == "the"  # "The" at a sentence start does not count
    assert table.cased("the", sentence_start=True) == "The"
    assert table.cased("i") == "I"
    assert CaseTable.from_json(table.to_json()).forms == table.forms


def test_case_table_is_not_fooled_by_headings_or_typography():
    # words in a stretch of capitals (a heading, "THE BASICS") do not count; the Bible's "LORD"
    # gives way to "Lord" once "Lord" is a quarter as common; an acronym keeps its capitals
    text = ("See THE BASICS here. Learn the basics. And the LORD said. And the LORD spoke. And "
            "the LORD went. The Lord is here. We use NASA data. We USE NASA data.")
    table = _case_table(text)
    assert table.cased("basics") == "basics"
    assert table.cased("lord") == "Lord"
    assert table.cased("nasa") == "NASA"
    assert table.cased("use") == "use"
    bible = _case_table(text.replace("The Lord is here. ", ""))
    assert bible.cased("lord") == "LORD"  # no "Lord" at all: the only form there is


def test_vocabulary_is_capped_frequency_sorted_with_specials_first():
    counts = {"b": 5, "a": 5, "c": 9, "rare": 1, EOS: 100}
    v = Vocabulary.build(counts, max_size=5, min_count=2)
    assert v.tokens == ["<unk>", "<eos>", "<num>", "c", "a"]
    assert v.id("zzz") == v.unk_id == 0
    assert Vocabulary.from_json(v.to_json()).tokens == v.tokens
    grown = v.extended({"new": 3, "c": 4, "once": 1}, max_new=10)
    assert grown.tokens == v.tokens + ["new"]
    with pytest.raises(ValueError):
        Vocabulary(["a", "b"])


def test_lexicon_keeps_words_only_and_shares_oov_mass():
    lex = Lexicon.build({"the": 10, ",": 50, "zebra": 3, "zeta": 1, EOS: 9}, max_size=10)
    assert list(lex.counts) == ["the", "zebra", "zeta"]
    shares = lex.oov_shares(Vocabulary(["<unk>", "<eos>", "<num>", "the"]))
    assert shares == {"zebra": 0.75, "zeta": 0.25}


def test_typing_in_capitals_is_told_from_an_acronym():
    from wordpad_ai.text.tokenize import analyse_context, is_shouting

    for text in ("PLEASE NOTE THAT ", "PLEASE NO", "WE WENT, ", "DEAR SIR\n\n", "DEAR SIR\n\nI AM ",
                 'I SAID "NO" AND I MEAN IT '):
        assert is_shouting(text) and analyse_context(text).shouting, text
    for text in ("I use NASA ", "PLEASE NOTE t", "Hello. ", "I AM ", "BBC NEWS is ", "", "A B ",
                 "Harrogate, HG2 7QP. ", "Harrogate, HG2 7QP.\n\nT",  # a postcode is no shouting
                 "Freepost GWR CUSTOMER SERVICE\n\n12 ",  # nor a heading's capitals, on the next line
                 'shown as "ELECTROMART ONLINE LONDON", ', "shown as “ACME LTD PAYMENTS” a"):  # nor a quotation's
        assert not is_shouting(text) and not analyse_context(text).shouting, text


def test_a_number_goes_on_after_its_point_colon_or_comma():
    from wordpad_ai.text.tokenize import in_number

    for text in ("I paid £64.", "£47.9", "at 10:", "at 10:3", "It costs 1,", "1,00", "on 12/", "12/0",
                 "I spent $", "It costs €", "Linux user #"):
        assert in_number(text), text
    for text in ("It was 2019. ", "in the 19", "Done.", "a, b", "", "12th.", "a 5-", "and/", "$5 ", "#1 "):
        assert not in_number(text), text


def test_a_telephone_number_goes_on():
    from wordpad_ai.text.tokenize import in_phone_number

    for text in ("+44 7", "07700 9", "call 0800 ", "0800 123 ", "0800 123 4567", "on 01632 960", "+1 555",
                 "call (555) 214-", "(555) 214-33", "on 555-214-"):
        assert in_phone_number(text), text
    # a score, a range, a signed number are no telephone number: words follow them
    for text in ("on the 17", "in 2019 ", "by 9", "Flat 3", "about 8 ", "£2,000 ", "v2 ", "the 0",
                 "1990s", "costs 400 ", "", "Hello ", "The score was 3-2 ", "pages 10-12 ",
                 "the 2019-2020 ", "It was +5 ", "aged 18-25 ", "a 50-50 "):
        assert not in_phone_number(text), text


def test_an_abbreviation_or_a_dotted_name_goes_on():
    from wordpad_ai.text.tokenize import in_dotted_word

    for text in ("at 6:30 p.m", "see e.g", "at 9 a.", "the U.S", "jason.miller@", "at jason@bri",
                 "RSVP by email at claire.", "or e-mail me at claire.harp"):  # an address, its @ to come
        assert in_dotted_word(text), text
    # a dotted name's parts are words ("os.pa" → path), a sentence's end is none
    for text in ("It was late.", "It was late. Th", "I got an A.", "said I.", "at 9 a.m. ", "version 3.5",
                 "Dr. Sm", "Mr.", "", "e-mail", "os.pa", "www.goo", "Twitter @", "I emailed him at home."):
        assert not in_dotted_word(text), text


def test_a_quotation_mark_tells_whether_a_sentence_starts():
    # an opening quote after a sentence's end, a comma or a colon starts one; a closing quote
    # after a full stop ends one; after "?" or "!" the speech tag goes on in lower case
    for text in ('It rained. "', 'He said, "', 'He said: "', '"', 'Sit down." ', 'me.\n\n"'):
        assert analyse_context(text).sentence_start, text
    for text in ('He said "', '"Hello," ', '"Stop!" ', 'It was "good" ', 'the so-called "'):
        assert not analyse_context(text).sentence_start, text
    # a list's marker alone on its new line starts an item (a sentence), not a signature
    ctx = analyse_context("What to bring:\n\n-")
    assert ctx.sentence_start and ctx.tokens[-1] == EOS
    assert analyse_context("well-").tokens[-1] == "-"


def test_a_curly_opening_quote_is_no_part_of_the_word_typed_after_it():
    # 'She said, “I' completes "I", as after a straight quote; before, "“I" matched no word
    for text, partial in (("She said, “I", "I"), ("“Sit", "Sit"), ("¿Qu", "Qu"), ("She said, “", "")):
        ctx = analyse_context(text)
        assert ctx.partial == partial, text
        assert text.endswith(ctx.partial)
    assert analyse_context("She said, “").sentence_start


def test_the_writers_names_are_the_words_capitalised_inside_a_sentence_and_never_in_lower_case():
    from wordpad_ai.text.tokenize import analyse_context, written_names

    text = ("Present: Margaret Cole (Chair), David Jones and Tom Price.\n\nThe school is on Orchard "
            "Lane. The lane is busy, said Ann. \"Yes\" and I agreed with Reading Council's plan.")
    assert written_names(text) == {"cole", "david", "jones", "tom", "price", "orchard", "ann", "reading"}
    # not a line's or a sentence's first word, nor one after a colon, a quote or a bracket; not
    # "Lane", written "lane" too; "I" is no name
    assert analyse_context(text + " Tom ").names == written_names(text + " Tom ")
    assert written_names("") == frozenset() and written_names("no names here") == frozenset()
    # a label's word before its number is no name: "Year 5", "Room 12"
    assert written_names("Homework in Year 5 and a talk in Room 12 with Anna") == {"anna"}
    # nor a heading's or an address line's words, all capitalised
    assert written_names("Mrs J Patel\nSt Mary's Primary School\n\nMy son Tom is ill.") == {"tom"}


def test_e_g_and_i_e_end_no_sentence():
    # "bring snacks, e.g. " → the, to: their last full stop is no sentence's end (QA typing: The)
    for text in ("bring snacks, e.g. ", "the basics, i.e. "):
        assert not analyse_context(text).sentence_start, text
    assert analyse_context("It was late. ").sentence_start
