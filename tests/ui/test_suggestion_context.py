"""What the editor sends the model as context: a line break ends a sentence (issue 13, item 4).

Uses the real shipped LSTM in-process (numpy inference, no engine process)."""

from __future__ import annotations

import pytest

from wordpad_ai import load_model
from wordpad_ai.text.tokenize import EOS, analyse_context
from wordpad_ai.ui.suggestions import engine_context


@pytest.fixture(scope="module")
def lstm():
    return load_model("lstm")


@pytest.mark.parametrize("text", ["Shopping list\n", "Shopping list\n- bread\n- ", "Groceries\n1. eggs\n2. ",
                                  "What to bring:\n-"])
def test_a_new_line_or_list_item_starts_a_sentence(lstm, text):
    context = analyse_context(engine_context(text))
    assert context.sentence_start and context.tokens[-1] == EOS  # not "… list the"
    words = [s.word for s in lstm.predict(engine_context(text), 3)]
    assert len(words) == 3 and all(w[:1].isupper() for w in words), words


def test_a_line_start_does_not_continue_the_previous_line(lstm):
    words = [s.word for s in lstm.predict(engine_context("Shopping list\nbr"), 3)]
    assert words and all(w.startswith("br") for w in words)  # completes "br", never "listbr…"
    assert engine_context("one\ntwo three") == "one\n\ntwo three"
    assert engine_context("no break here") == "no break here"


def test_a_line_a_mail_program_wrapped_goes_on_on_the_next_line(lstm):
    # a plain-text e-mail wrapped at 72 columns: the break inside a sentence is a space
    mail = ("Yes, I ran into the same thing last week on a fairly clean 7.2 box. The\n"
            "problem isn't OpenSSL itself, it's that the configure script looks for the\n")
    assert engine_context(mail) == mail.replace("\n", " ")
    context = analyse_context(engine_context(mail[:73]))
    assert not context.sentence_start and context.tokens[-1] == "the"
    words = [s.word for s in lstm.predict(engine_context("I have been asked by my manager to attend a training course in\n"), 3)]
    assert words and all(w[:1].islower() for w in words), words  # "the", not "I", "Let"
    # a short line, one that ends its sentence, one before a blank line: still a break
    for text in ("Dear Tom,\n", "I hope you and the family are keeping well after such a long winter.\n",
                 "I hope you and the family are keeping well after such a long winter this\n\n",
                 "What to bring to the meeting on Thursday, in no particular order at all:\n",
                 # a list's items, however long, and the line before one (QA typing: "…on
                 # Wednesday⏎- " → day, the item glued to the one before)
                 "- Feed the cats twice a day and ask Jenny to check on them on Wednesday\n",
                 "- Feed the cats twice a day and ask Jenny to check on them on Wednesday\n- ",
                 "We were asked to bring everything on this list to the hall by Saturday\n2. "):
        assert analyse_context(engine_context(text)).sentence_start, text


def test_a_next_word_after_a_closing_quote_or_a_lone_list_marker_gets_its_space():
    from wordpad_ai.api import Suggestion
    from wordpad_ai.ui.suggestions import ghost_for

    word = Suggestion("She", 0.1)
    for text, ghost in (('"Sit down."', " She"), ('"Stop!"', " She"), ("What to bring:\n-", " She"),
                        ('He said "', "She"), ("It was (", "She"), ("a well-", "She"), ("line\n\"", "She")):
        assert ghost_for(word, engine_context(text), False) == ghost, text
    # a word's apostrophe: its ending follows with no space
    for text in ("I don'", "Oliver'", "It'", "I don’", "and I’", "He said ‘I don’", "‘Don’t go’, she said. I’"):
        assert ghost_for(Suggestion("t", 0.5), engine_context(text), False) == "t", text
    # a curly closing quote is no apostrophe: the next word gets its space
    for text in ("He said ‘yes’", "He said ‘I don’t know’"):
        assert ghost_for(word, engine_context(text), False) == " She", text


LONG_LETTER = ("12 Elm Road\nLeeds LS6 2AB\n\n2 October 2025\n\nDear Sir or Madam,\n\n"
               "I am writing to object to the planning application for the empty site next to our house. "
               "The plans show four storeys, which would block the light to every garden on the street, "
               "and the road is already too narrow for the traffic it has at school times. "
               "Our children walk to school along it every morning, and there is no pavement on one side.\n\n"
               "I would also ask the council to look again at the parking. The plans allow one space for "
               "every two flats, and the side streets are full every evening as it is. Residents have "
               "written to the council about it twice in the last year.\n\n"
               "I look forward to hearing from you.\n\n")


def test_a_long_letters_greeting_leads_the_context_so_its_closing_suits_it(qtbot, bare_window, lstm):
    from wordpad_ai.api import CONTEXT_CHARS
    from wordpad_ai.ui.suggestions import HEAD_CHARS

    editor = bare_window.editor
    editor.setPlainText(LONG_LETTER)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    assert editor.document_head(HEAD_CHARS) == LONG_LETTER[:HEAD_CHARS]
    # what the controller sends: the greeting, then as much of the text as fits under the limit
    before = editor.text_before_cursor(CONTEXT_CHARS)
    assert "Dear" not in engine_context(before)  # the greeting is out of the model's sight
    context = engine_context(before, editor.document_head(HEAD_CHARS))
    assert context.startswith("Dear Sir or Madam,\n\n") and len(context) < CONTEXT_CHARS
    assert context.endswith("I look forward to hearing from you.\n\n\n\n")
    assert context.split("\n\n", 1)[1].split()[0] in LONG_LETTER.split()  # a whole first word
    assert [s.word for s in lstm.predict(context, 3)][0] == "Yours"  # the closing this greeting wants
    assert [s.word for s in lstm.predict(engine_context(before + "Yours ", LONG_LETTER[:HEAD_CHARS]), 1)] == ["faithfully"]
    # a short document, or one that begins with no greeting, is sent as it is
    assert engine_context("Dear Tom,\n\nSee you soon.\n", "Dear Tom,\n\nSee you soon.\n") == "Dear Tom,\n\n\n\nSee you soon.\n\n"
    body = LONG_LETTER.split("Madam,\n\n", 1)[1]
    assert engine_context(body[-CONTEXT_CHARS:], body[:HEAD_CHARS]) == engine_context(body[-CONTEXT_CHARS:])


def test_a_greeting_line_is_found_in_a_documents_first_lines():
    from wordpad_ai.text.casing import greeting_line

    assert greeting_line("12 Elm Road\nLeeds\n\n2 May\n\nDear Sir or Madam,\n\nI am") == "Dear Sir or Madam,"
    assert greeting_line("To whom it may concern:\n\nMaria") == "To whom it may concern:"
    assert greeting_line("Hi Tom,\nthanks") == "Hi Tom,"
    assert greeting_line("Minutes of the meeting\n\nPresent: Dear Tom") is None
    assert greeting_line("line\n" * 16 + "Dear Tom,") is None  # not among the first lines
    # two addresses and a date before it (blank lines not counted)
    head = ("14 Ashdown Road\nReading\nRG1 5LP\n\n3 March 2025\n\nCustomer Services\nNorthfield Bank plc\n"
            "PO Box 2210\nLeeds\nLS1 4BT\n\nDear Sir or Madam,\n\nAccount")
    assert greeting_line(head) == "Dear Sir or Madam,"
