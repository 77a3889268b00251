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


def test_a_completion_keeps_what_was_typed_and_its_case():
    from wordpad_ai.text.casing import completed_form

    # lower case typed: the rest in lower case, whatever capitals the usual form has there
    assert completed_form("b", "BASICS") == "basics"
    assert completed_form("l", "LORD") == "lord"
    assert completed_form("ip", "iPhone") == "iphone"
    assert completed_form("jo", "John") == "john"
    # capitals typed: the usual form, or all capitals
    assert completed_form("Jo", "John") == "John"
    assert completed_form("Java", "JavaScript") == "JavaScript"
    assert completed_form("NA", "nasa") == "NASA"
    assert completed_form("Inv", "invite") == "Invite"
    assert completed_form("Mc", "McDonald") == "McDonald"


def test_lexicon_words_that_look_like_code_are_told_apart():
    from wordpad_ai.text.casing import looks_like_code

    for code in ("fromModuleAndSpec", "myIterable", "IfBLK", "httpServer", "1200bps", "CVS1",
                 "getsizeofX", "12A", "coughBOL", "MacBookPro", "ufffd", "ufffdt"):
        assert looks_like_code(code), code
    for word in ("basics", "Linux", "NASA", "McDonald", "12th", "1990s", "O'Brien", "don't",
                 "e-mail", "JavaScript", "usually", "ufo", "update"):
        assert not looks_like_code(word), word


def test_the_line_after_a_closing_formula_is_for_a_name():
    from wordpad_ai.text.casing import after_sign_off

    for text in ("Kind regards,\n\n", "See you then.\n\nBest wishes,\n\n", "Thanks,\n\n",
                 "Yours sincerely,\n\n", "Love,\n\n", "All the best,\n\n",
                 # a longer closing line, with a closing word, a comma and a line break
                 "See you.\n\nLots of love and big hugs,\n\n", "Best wishes to you,\n\n",
                 "Thanks again and best wishes,\n\n", "Thank you and kind regards,\n\n"):
        assert after_sign_off(analyse_context(text).tokens), text
    for text in ("Kind regards, ", "Dear John,\n\n", "I said thanks,\n\n", "Regards\n\n",
                 "", "Thanks.\n\n", "Lots of love and big hugs, ",
                 "He said he would send his regards to me and to all of you,\n\n",
                 # a line that says something to someone is no closing
                 "I love you,\n\n", "Oh my love,\n\n", "I will always love you,\n\n",
                 "Thanks for the book, and for all your help,\n\n"):
        assert not after_sign_off(analyse_context(text).tokens), text


def test_the_words_after_the_name_under_a_closing_formula_are_the_signature():
    from wordpad_ai.text.casing import on_signature

    def is_name(token):  # what a model's case table would say
        return token not in {"sounds", "good", "think"}

    for text in ("Kind regards,\n\nSarah ", "Thanks,\n\nMary Ann ", "Love,\n\nJ R R "):
        assert on_signature(analyse_context(text).tokens, is_name), text
    for text in ("Kind regards,\n\n", "Kind regards,\n\nSarah.\n\nPS ", "Dear John,\n\nI ",
                 "Thanks,\n\nI think that the ", "Kind regards, Sarah ", "Thanks,\n\nI ",
                 "Thanks,\n\nSounds good ", "Cheers,\n\nThe "):
        assert not on_signature(analyse_context(text).tokens, is_name), text


def test_a_salutation_ends_at_its_first_comma():
    from wordpad_ai.text.casing import ends_salutation

    for text in ("Dear John,", "Dear Mrs Okafor, ", "Thanks.\n\nDear Sir or Madam,", "Dear all,",
                 "Hi Ben,", "Hello Mr Davies,", "See you then.\n\nBest wishes,", "Yours faithfully,",
                 "With warmest wishes,", "Lots of love,", "Dear Ms. Alvarez,", "Good evening,",
                 "Good morning everyone,"):
        assert ends_salutation(analyse_context(text).tokens), text
    for text in ("Dear John", "Oh dear,", "Dear John, thanks,", "Dear John,\n\n", "", "Thanks,",
                 "Cheers,", "I said hello,", "Best wishes to you,", "It was a good evening,", "Good,"):
        assert not ends_salutation(analyse_context(text).tokens), text


def test_a_salutation_is_recognised_until_its_comma():
    from wordpad_ai.text.casing import in_salutation

    for text in ("Dear Sir or ", "Thanks.\n\nDear sir or ", "Dear "):
        assert in_salutation(analyse_context(text).tokens), text
    for text in ("Dear John, sir or ", "I said dear sir or ", "Yes, madam ", ""):
        assert not in_salutation(analyse_context(text).tokens), text


def test_greetings_and_how_a_letter_closes():
    from wordpad_ai.text.casing import greets, yours_how

    for text in ("Dear ", "Hi ", "Thanks.\n\nHello ", "Dear Grandma and "):
        assert greets(analyse_context(text).tokens), text
    for text in ("", "Dear Sir or ", "Oh dear ", "I said hi ", "Dear John, "):
        assert not greets(analyse_context(text).tokens), text
    body = "\n\nThank you.\n\nYours "
    assert yours_how(analyse_context("Dear Ms Hughes," + body).tokens) == "sincerely"
    assert yours_how(analyse_context("Hi Tom," + body).tokens) == "sincerely"
    assert yours_how(analyse_context("Dear Sir or Madam," + body).tokens) == "faithfully"
    assert yours_how(analyse_context("To whom it may concern," + body).tokens) == "faithfully"
    assert yours_how(analyse_context("Thank you." + body).tokens) == "sincerely"  # no greeting in sight
    assert yours_how(analyse_context("Dear Ms Hughes,\n\nIt is yours ").tokens) is None


def test_a_letter_whose_last_paragraph_ends_it_is_closed_as_its_greeting_wants():
    from wordpad_ai.text.casing import closing_due

    body = "\n\nI am writing about the flat on Mill Lane.\n\nI look forward to hearing from you.\n\n"
    assert closing_due("Dear Sir or Madam," + body) == (("Yours", "Kind", "Best"), True)
    assert closing_due("Dear Ms Hughes," + body)[0][0] == "Kind"
    assert closing_due("Dear Helen," + body)[0][0] == "Best"
    assert closing_due("Hi Tom," + body) == (("Best", "Thanks", "Cheers"), True)
    # a weak cue: the closing may come, or another paragraph; in the letter's first paragraph
    # it opens the letter, unless that is all there is ("Thanks!")
    weak = "Hi Tom,\n\nThe book was great.\n\nThanks for lending it to me.\n\n"
    assert closing_due(weak) == (("Best", "Thanks", "Cheers"), False)
    assert closing_due("Hi Tom,\n\nThe book was great. Thanks again.\n\n")[1]  # "again": sure
    assert closing_due("Dear Mr Smith,\n\nThank you for your letter of 3 May.\n\n") == ((), False)
    assert closing_due("Hi Jo,\n\nThanks!\n\n") == (("Best", "Thanks", "Cheers"), False)
    # love sent: love first
    assert closing_due("Dear Helen,\n\nSo sorry.\n\nThinking of you and sending my love.\n\n")[0][0] == "Love"
    # not inside a paragraph, nor after one that goes on, nor once signed, nor without a greeting
    for text in ("Dear Ms Hughes," + body.rstrip("\n") + " ",
                 "Dear Ms Hughes,\n\nThe bins were not emptied.\n\n",
                 "Hi Tom,\n\nSee you soon.\n\nBest,\nSam\n\n",
                 "I look forward to hearing from you.\n\n"):
        assert closing_due(text) == ((), False), text
