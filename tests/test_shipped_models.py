"""The shipped default models load from an installed (non-editable) wordpad-ai and give sensible
suggestions for everyday contexts, and never hand out personal data (issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wordpad_ai.text.personal_data import is_personal_suggestion
from wordpad_ai.text.names import GIVEN, SURNAME
from wordpad_ai_models.model_card import read_check_list

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
        "doc_start_typed": [ask("D"), ask("H"), ask("Dea")],
        "lexicon_new": {p: ask(p, 3) for p in ("My son has a nut allerg", "Shall we get brunc", "I joined a gy")},
        "doc_start_hi": [(s.word, s.remainder) for s in m.predict_ranked("Hi", 3)][:1],
        "line_start_hi": [(s.word, s.remainder) for s in m.predict_ranked("Subject: Drinks\n\nHi", 3)][:1],
        "pro": [(s.word, s.prefix, s.remainder) for s in m.predict("It is a pro", 3)],
        "Pro": [s.word for s in m.predict("Pro", 3)],
        "pronoun": ask("I think that ", 5),
        "vocab": [w for w in ("thank", "regards", "weekend", "invite") if w in m.predictor.vocab],
        "inv": ask("I would like to inv"),
        "prompts": [(p, ask(p)) for p in PROMPTS],
        "personal": [(p, ask(p, 10), [s.word for s in m.predict(p + "x", 10)],
                      # a phrase in its usual written form (as away from a sentence start)
                      (lambda f: f and [m.predictor.case.cased(w.lower()) for w in (f.word, *f.continuation)])(
                          m.predict_phrase(p, 4)))
                     for p in PERSONAL],
        "tables": sorted(f.name for f in shipped_model_dir(model_id).glob("*.npz")),
        "slips": [(p, ask(p, 6)) for p in SLIP_PREFIXES],
        "outside": [(p, ask(p)) for p in CHECKLIST_D],
        "outside_e": [(p, ask(p)) for p in CHECKLIST_E],
        "outside_f": [(p, ask(p)) for p in CHECKLIST_F],
        "contractions": [(p, ask(p, 3)) for p in ("I don", "It wasn", "We haven", "She couldn")],
        "curly": [(ask(p), ask(p.replace("’", "'").replace("“", '"'))) for p in (
            "I don’t ", "It’s a ", "We’re going to ", "He said, “I ", "I don’t k")],
        "curly_endings": [ask("and I’"), ask("I don’t know. I haven", 1)],
        "closing_apostrophe": [ask(p, 6) for p in (
            "We all went to the freshers' ", "It was in the Smiths' ", "at my parents’ ")],
        "endings": [(p, ask(p, 3)) for p in ("I don'", "Mr Green'", "You'r")],
        "bare": [ask(p, 10) for p in ("I do", "It wa", "We hav", "You", "I", "Tha")],
        "finished": [(p, ask(p, 3)) for p in FINISHED],
        "shout": ask("PLEASE NOTE THAT ", 3) + ask("DEAR SIR OR M", 1),
        "lower": [(p, ask(p, 5)) for p in ("Please go through the b", "Then the l", "I work in the office m")],
        "lower_name": ask("I will be away, and Tom has k", 5),
        "lower_proper": [ask(p, 3) for p in ("See you on mo", "We fly out in ja")],
        "titles": [(p, ask(p, 5)) for p in ("Dear Mr ", "Dear Mrs ", "Hello Dr. ", "Dear Ms ")],
        "signed": [(p, ask(p, 3)) for p in ("Kind regards,\n\n", "Thanks,\n\n", "Best wishes,\n\n",
                                            "Cheers,\n\n")],
        "signing": [(p, ask(p, 3)) for p in ("Kind regards,\n\nLau", "Cheers,\n\nMar", "Yours sincerely,\n\nAid")],
        "surname": ask("Dear Mrs Pa", 3),
        "greeted": [(p, ask(p, 3)) for p in ("Dear G", "Hi Ste", "Dear Hir", "Hi ", "Hello ",
                                             "Dear Margaret and ", "Dear Grandma and ")],
        "salutation": ask("Dear Sir or ", 3),
        "sir": ask("Dear Sir ", 3),
        "partners": [ask("It feels like a month already.\n\nMum and ", 3), ask("I told my mum and ", 3)],
        "greeted_lower": [ask(p, 3) for p in ("Hi t", "Hello e", "Hi a")],
        "lower_places": [ask(p, 3) for p in ("I'm concerned about van", "We learned it in cl",
                                              "toward new h", "and ch")],
        "after_titled_salutation": [ask(p, 3) for p in ("Dear Ms. Alvarez,", "Hi Mr. Lee,", "Dear Dr. Patel,")],
        "addressed": [ask("Dear Hiring ", 3), ask("Dear Customer ", 3)],
        "dear": ask("Dear ", 5) + ask("Thanks!\n\nDear ", 5),
        "wont": ask("I'm afraid I ", 3),
        "numbers": [(p, ask(p, 3)) for p in ("I paid £64.", "a call at 10:", "It costs 1,", "a call at 10",
                                             "in the 19", "It was in 2019. ", "I paid £47.9",
                                             "call me on 0", "on the 1", "See you at 2 o",
                                             "See you at 2 o'", "See you Monday, 17", "Flat 3",
                                             "your order, number 5", "call 0800 123 4", "call 0800 ",
                                             "+44 7", "Shopping:\n\n1. Milk\n\n2", "We start at 6:30 p.m",
                                             "Call me on (555) 214-", "So far I've spent $", "Linux user #",
                                             "So far I've spent $412.50 o", "Daniel was one o", "See you at one o")],
        "first_name": [ask(p, 3) for p in ("I met David ", "I think Mike ", "We saw Karen ")],
        "mum": [ask(p, 1) for p in ("It all gets chaotic. Mum", "I love you, Mum")],
        "round11": {p: ask(p, 3) for p in ("With warmest wishes,", "It was four o'", "Unfortunately, I",
                                           "Subject: Rose Cottage\n\nDea", "Email jason.miller@",
                                           "the only person I")},
        "round12": {p: ask(p, 3) for p in ("By the time Margaret rea", "standing alone on the quay",
                                           "The sticky tof", "Are you free for coffee this", "Our waiter, Tom,",
                                           "Progress this week:", "Can we move it to Thursday 12 J",
                                           "I leave on Friday 28 M", "a toy sale, a tom", "that went p",
                                           "For starters we shared the garlic p", "Subject: Resched",
                                           "I had lunch with Sar",
                                           "Dear Mr Smith,\n\nI am writing about the flat.\n\nI look forward to hearing from you.\n\n",
                                           "Hi Tom,\n\nThe book was great. Thanks again.\n\nB",
                                           "I will send the form soon. I am sorry for the extra bother. ",
                                           "Dear Mr. ", "Hi Sam,\n\nI hope you're ")},
        "round14": {p: ask(p, 3) for p in ("The payment appeared on my debit ", "It will be a lovely keepsake ",
                                           "Preheat the ", "Dear Mrs ", "Hi Mr. ", "Hi Mrs ", "Hi Ms ", "Dear Dr ",
                                           "Apologies were received from Mr ", "I'm happy to bring it round to yours ",
                                           "the hotel was fully b",
                                           "Dear Grandma and Gr", "Subject: Sunday lunch\n\nDear Grandma and ",
                                           "and collect it after 5 o", "See you on Friday 5 O", "Season with salt and pepper.\n\nFor the white ",
                                           "I spoke to Mr Green about the fence.\n\nDear Mr ",
                                           "Subject: Booking enquiry\n\n",
                                           "To: Sam\nSubject: Friday\n\n",
                                           'It was shown as "ELECTROMART ONLINE LONDON", ',
                                           "Subject: Homework in Year 5\n\nDear Mrs Patel,\n\nIt has been a busy ")},
        "round13": {p: ask(p, 3) for p in ("Mum rang to say Dad had had a fall in the ",
                                           "The playground is too small. Tom suggested asking the ",
                                           "The Senate voted on it. Tom suggested asking the ",
                                           "For those of you who don't know me, my ",
                                           "Thank you for your letter of 3 M", "I refer to your e-mail of 14 Ma",
                                           "12 Elm Road\n\nLeeds\n\n3 M", "2 large eggs\n\n3 m",
                                           "She is already taller than her mu",
                                           "We are not against new ", "They flew to New ",
                                           "The school is on Orchard Lane. Tom Price said it was busy. Tom ",
                                           "Please ask the local gov",
                                           "12 Elm Road\n\nLeeds\n\n2 May 2025\n\nDear ",
                                           "Freepost GWR CUSTOMER SERVICE\n\n12 ",
                                           "We had a quiet weekend, and on Sunday Mum and Da",
                                           "The bike was still leaning against the ")},
        "learnt_rules": (lambda a, letter: (a.observe(letter), [
            [s.word for s in a.predict_ranked(letter + "I look forward to hearing from you.\n\n", 3)],
            [s.word for s in a.predict_ranked(letter + "We can move in on Friday 28 M", 3)]])[1])(
            __import__("wordpad_ai.engine.learning", fromlist=["AdaptiveModel"]).AdaptiveModel(m),
            "Dear Mr Patel,\n\nThank you for showing us the flat on Mill Lane. We would like to go "
            "ahead. I think the flat is lovely.\n\n"),
        "month": [m.predictor._cased(w, m.predictor.context(c), "") for c in ("It arrives on 6 ", "We may ")
                  for w in ("may", "march")],
        "after_salutation": [(p, ask(p, 3)) for p in ("Dear John,", "Dear Mrs Okafor, ", "Thanks, ", "Hello Mr Davies,", "Best wishes,",
                                                              "Hey everyone, ", "Hi Tom, ", "Good evening,",
                                                              "Good evening, ")],
        "signature": [(p, ask(p, 3)) for p in ("Kind regards,\n\nSarah ", "Best wishes,\n\nHelen ", "Thanks,\n\nSounds ",
                                               "Yours sincerely,\n\nJames R", "Best wishes,\n\nHel",
                                               "Kind regards,\n\nE")],
        "unknown_names": [(p, ask(p, 3)) for p in ("I saw Dr Pate", "Dear Mrs Ok", "My friend Kwa")],
        "unlikely": [(p, ask(p, 3)) for p in ("we could stop for a coff", "I would be happy to hel",
                                              "I can't wait to hear abou", "whether it is shop")],
        "unkind": [ask(p, 5) for p in ("I believe my attitude would make me a good ", "I had a really ",
                                       "and Tom has k", "The wedding is u", "any homework? He's q",
                                       "worried about his s", "Our general waste bin ",
                                       # a QA typist's letters and e-mails (round 11)
                                       "The company is covering food and soft d",
                                       "would you like to come over for dr", "were agreed as a cor",
                                       "any time from abo", "Thank you for your und", "I'm J",
                                       "Hello, ga", "As promi", "Jess, are you still veg",
                                       "The summer s", "If there's anything else we can do, p",
                                       "That was our mist", "The boat knocked gen", "The bus b",
                                       "check-out times? We will be dr", "Is the garden fully en",
                                       "sending my love to your mu", "most of the aft")],
        "yours": [ask(p, 2) for p in ("Dear Mr Patterson,\n\nI resign.\n\nYours ",
                                      "Dear Sir or Madam,\n\nI complain.\n\nYours ",
                                      "Dear Sir or Madam,\n\n" + "I complain about the bins. " * 30
                                      + "\n\nYours ")],
        "plural_possessive": ask("I will check about the parents'", 3) + ask("It is the teachers'", 3),
        "unkind_typed": ask("He is such a lose", 3),
        "grim": [ask(p, 5) for p in ("Last summer Mum and Dad d", "Salt and bl", "We had a lovely vi",
                                     "I've left a short list of ", "Dear Tom,\n\nThank y",
                                     "She is good at training new s")],
        "grim_typed": ask("We were sad to hear that he had die", 3),
        "phd": ask("studying for a Ph", 3),
        "misshapen": [ask(p, 3) for p in ("still free on Sat", "I would rather have Ita", "being Danny",
                                          "his bad haircuts, que", "next week, so I'm aro", "packed lunch from hom")],
        "register": {p: ask(p, 3) for p in ("We agreed to close the ", "I've left a short list of open",
                                            "import socket\n\nWe agreed to close the ",
                                            "I expected a longer runt", "It looks great.\n\nOn ",
                                            "I can hang it on the wall in the ", "I run Linux at home.\n\nOn ",
                                            "Hey everyone, so Je")},
        "spelling": {p: ask(p, 3) for p in ("I realise it was my fault. My favo", "I realize it was my fault. My favo",
                                            "We organised a party at the cent")},
        "cheers": [ask(p, 5) for p in ("I really appreciate it.\n\nCheers,", "See you soon.\n\nLove,")],
        "word_end": [([(s.word, s.remainder) for s in m.predict_ranked(p, 3)][:1],
                      m.predict_phrase(p) and list(m.predict_phrase(p).continuation))
                     for p in ("Once upon a", "It has been really hot", "As soon")],
        "capital_typed": {p: ask(p, 3) for p in ("All orders should go to Rac", "please get in touch with Dan",
                                                 "I am writing to recommend Sarah Mit", "We went to Lon",
                                                 "Subject: Weekly Team Mee", "I will see Tom on Fri")},
        "idiom": ask("Well, speak of the ", 3),
        "unused": [(p, ask(p, 3)) for p in ("The bag would probably be delivere", "I've added a £10 vou",
                                            "and the boys can play footb", "which is a bit", "on Saturday runs")],
        "rude": [ask(p, 10) for p in ("Don't forget to brush your ", "Kiss my ", "What a load of ",
                                     "He is such a ", "Oh ", "You little ", "Get off your ")],
    }
print(json.dumps(out))
"""
# contexts where the e-mails of the training text had addresses, links, numbers and names
PERSONAL = ["Send it to ", "my e-mail address is ", "You can reach me at ", "Contact me at ",
            "For more information visit ", "see http://", "Go to www.", "Call me on ",
            "My phone number is ", "Please call ", "Thanks, ", "Best regards,\n\n", "Cheers,\n",
            "Regards,\n\n", "Hi ", "Dear ", "From: ", "-- \n", "Posted by ", "wrote: "]

# a word the writer has finished typing (new-user QA: the ghost offered "from" → "ModuleAndSpec",
# "If" → "BLK", "and" → "rew", "my" → "self", "gets" → "ebool")
FINISHED = ["I bought a lamp from", "If", "I bought bread and", "Please excuse my", "It gets",
            "Three times"]

# misspellings the e-mails of the training text carry, and a prefix a writer types before them
SLIPS = {"She recie": "recieve", "It has occu": "occured", "I will defin": "definately",
         "We can acco": "accomodate", "It was wie": "wierd", "That is beca": "becasue",
         "At the begi": "begining", "Please seper": "seperate", "They commi": "commited"}

# words a reader accepts after "in" / "of": determiners, pronouns, common nouns of the corpus
DETERMINERS = {"the", "a", "an", "this", "that", "his", "her", "their", "my", "your", "our", "its",
               "order", "which", "all", "each", "some", "any", "such", "every", "these", "those"}


# everyday phrase prompts with the words a writer expects (models/everyday_prompts.tsv)
PROMPT_FILE = Path(__file__).parents[1] / "models" / "everyday_prompts.tsv"
EXPECTED = dict(read_check_list(PROMPT_FILE))
PROMPT_TOP3_MIN = 0.75  # share of prompts with an expected word in the top 3 (measured: see the cards)
# a list written by someone who saw neither the model nor its training text, whose misses were
# never looked at (models/model_card.py)
OUTSIDE_FILE = Path(__file__).parents[1] / "models" / "check_lists" / "outside-d.tsv"
OUTSIDE = dict(read_check_list(OUTSIDE_FILE))
OUTSIDE_TOP3_MIN = 0.84  # measured 88.0 % (LSTM) and 87.3 % (RNN): see the model cards
# another, written this round by a reviewer who saw no other list (answers as written)
OUTSIDE_E = dict(read_check_list(OUTSIDE_FILE.with_name("outside-e.tsv")))
OUTSIDE_E_TOP3_MIN = 0.78  # measured 84.0 % (LSTM) and 83.0 % (RNN)
# and one written before the sixth round of everyday writing, whose misses were never looked at
OUTSIDE_F = dict(read_check_list(OUTSIDE_FILE.with_name("outside-f.tsv")))
OUTSIDE_F_TOP3_MIN = 0.78  # measured 84.7 % (LSTM) and 82.7 % (RNN); 81.3 / 78.7 % before it


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    venv = make_app_venv(tmp_path_factory.mktemp("shipped"))
    code = (PROBE.replace("PROMPTS", repr(list(EXPECTED))).replace("PERSONAL", repr(PERSONAL))
            .replace("SLIP_PREFIXES", repr(list(SLIPS))).replace("FINISHED", repr(FINISHED)).replace("CHECKLIST_D", repr(list(OUTSIDE)))
            .replace("CHECKLIST_E", repr(list(OUTSIDE_E))).replace("CHECKLIST_F", repr(list(OUTSIDE_F))))
    return json.loads(venv.python(code % (MODELS,)))


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
    # an empty document starts as a sentence does ("I", "The"), not with a capitalised frequent
    # word ("Of", "And": what the network's zero state offered)
    assert "I" in got["doc_start"] and not {"Of", "And"} & set(got["doc_start"]), got["doc_start"]
    # completing "pro": whole words starting with what was typed, the rest to insert
    assert got["pro"], "no completion for 'pro'"
    for word, prefix, remainder in got["pro"]:
        assert word.startswith("pro") and len(word) > 3 and prefix == "pro"
        assert word == prefix + remainder
    assert all(w.startswith("Pro") for w in got["Pro"]), got["Pro"]
    # the pronoun "I" is written as people write it, mid-sentence too
    assert "I" in got["pronoun"] and "i" not in got["pronoun"], got["pronoun"]


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_leaves_the_writer_to_sign(probe, model_id):
    # the line after "Kind regards," is for the writer's own name, which no model knows: no
    # "Hi" (e-mail threads put it there), no e-mail writer's name ("Matthias", "RAH")
    for context, words in probe[model_id]["signed"]:
        assert words == [], (context, words)
    # a name typed there is completed into a common given name (not "Linux", "MF", "AiDS"), once
    # a few of its letters are typed (a letter alone guessed a stranger's: "E" → Emily)
    # (the letters typed may be taken for a whole word: offered first, as typed, no ghost)
    for context, words in probe[model_id]["signing"]:
        typed = context.rsplit("\n", 1)[-1]
        names = [w for w in words if w != typed]
        assert names and all(is_given(w) for w in names), (context, words)


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_names_whom_a_letter_addresses(probe, model_id):
    got = probe[model_id]
    # a surname after a title: common ones first ("Dear Mrs Pa" → Patel before Parsee)
    assert got["surname"][:2] and all(w.lower() in names_of(SURNAME) for w in got["surname"][:2]), got
    # after a greeting, a name or whom else letters address, written so ("Dear Grandma and " →
    # Grandad): never "God", "Steelkilt", "Hirudinea", nor "the", "world" after "Hi", "Hello"
    for context, words in got["greeted"]:
        assert words and not {"God", "Glad", "Steelkilt", "Hirudinea", "the", "and", "world", "dad"} & set(
            words), (context, words)
        assert all(w[:1].isupper() or w in ("all", "everyone", "guys", "folks", "there", "friends")
                   for w in words), (context, words)
    assert got["greeted"][-1][1][:2] == ["Grandad", "Grandpa"], got["greeted"]  # whom a family word goes with
    partner = got["round14"]["Dear Grandma and Gr"]
    assert set(partner[:2]) == {"Grandad", "Grandpa"} and "Grandma" not in partner, got["round14"]
    # whom letters address after a family word: not the subject line's Sunday, nor a name from elsewhere
    assert got["round14"]["Subject: Sunday lunch\n\nDear Grandma and "] == ["Grandad", "Grandpa", "all"], got["round14"]
    # typed in lower case, whom a greeting addresses is "there", "everyone", "all" first, not a
    # name ("Hi t" → tom was the ghost)
    assert [words[:1] for words in got["greeted_lower"]] == [["there"], ["everyone"], ["all"]], got
    # a word typed in lower case is no place's name: "about van" → not Vancouver first
    firsts = [words[0] for words in got["lower_places"] if words]
    assert len(firsts) == 4 and not {"vancouver", "cleveland", "hampshire", "chicago"} & set(firsts), firsts
    # after a first name, no surname guessed: "I met David " → not Letterman, Wheeler
    for words in got["first_name"]:
        assert words and not [w for w in words if w[:1].isupper() and w != "I"], got["first_name"]
    # a title's full stop ends no line: "Dear Ms. Alvarez," is a salutation, and a line break
    # follows it, no word (the model offered a lone "n")
    assert got["after_titled_salutation"] == [[], [], []], got["after_titled_salutation"]


def is_given(word: str) -> bool:
    return word.lower() in names_of(GIVEN) and word[:1].isupper() and word[1:].islower()


def names_of(kind: str) -> set[str]:
    from wordpad_ai.text.names import names_starting

    return {w for w, _ in names_starting("", kind)}


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_leaves_the_writers_name_and_unlikely_words_alone(probe, model_id):
    got = probe[model_id]
    # after the first name under "Kind regards,": no "laughed", no surname guessed; a word typed
    # there is completed into a name only ("Hel" → not "Hell", "Help"), and only once a few of its
    # letters are typed ("E" → not a stranger's Emily)
    for context, words in got["signature"]:
        if context.endswith("Hel"):
            assert all(w[:1].isupper() and w not in ("Hell", "Help", "Helping") for w in words), words
        elif context.endswith("Sounds "):  # a reply that begins "Thanks,": no name there
            assert "good" in words, words
        else:
            assert words == [], (context, words)
    # a name the model does not know is not completed into a rare lower-case word
    for context, words in got["unknown_names"]:
        assert not {"Paternity", "Patella", "Okra", "Kwarg"} & set(words), (context, words)
    # the bar holds no completion thousands of times less likely than the best one ("coff" →
    # coffee, not "coffin")
    for context, words in got["unlikely"]:
        assert words and not {"coffin", "abound", "aboundeth", "shoplifting"} & set(words), (
            context, words)


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_leaves_numbers_to_the_writer(probe, model_id):
    got = dict(probe[model_id]["numbers"])
    # a decimal point, a time's colon or a thousands comma: the number goes on, no next word
    assert got["I paid £64."] == got["a call at 10:"] == got["It costs 1,"] == [], got
    assert got["I paid £47.9"] == [], got  # the digits after the point: no "9th", no "90s"
    # a number is completed with its ending or into a decade, never into another number nor
    # into a code literal ("0x", "1j", "1e" of the Python documentation)
    assert all(w[2:].isalpha() for w in got["a call at 10"]), got
    assert not {"0x", "0o", "0b"} & set(got["call me on 0"]), got
    assert "1st" in got["on the 1"] and not {"1j", "1e"} & set(got["on the 1"]), got
    # ...and only where the model wants an ending rather than a bare number: a date in the US
    # style, a flat's or an order's number, a list's next item: nothing
    for text in ("See you Monday, 17", "Flat 3", "your order, number 5", "Shopping:\n\n1. Milk\n\n2"):
        assert got[text] == [], (text, got[text])
    # a telephone number goes on: no "4th" inside it, no word after its first group
    assert got["call 0800 123 4"] == got["call 0800 "] == got["+44 7"] == [], got
    assert got["Call me on (555) 214-"] == [], got
    # an abbreviation being typed: "p.m" → not "morgan"
    assert got["We start at 6:30 p.m"] == [], got
    assert got["See you at 2 o"][:1] == ["o'clock"] and got["See you at 2 o'"] == ["clock"], got
    assert got["See you at one o"][:1] == ["o'clock"], got
    # no o'clock after an amount or "was one" ("one of"); nothing where a number must come
    assert "o'clock" not in got["So far I've spent $412.50 o"] + got["Daniel was one o"], got
    assert got["So far I've spent $"] == got["Linux user #"] == [], got
    assert any(w.endswith("0s") for w in got["in the 19"]), got
    assert got["It was in 2019. "], got  # a sentence that ends with a number ends
    # a month after a day's number is written as a month
    # (and only there: "We may" stays a verb)
    assert probe[model_id]["month"][:3] == ["May", "March", "may"], probe[model_id]["month"]


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_reads_curly_quotes_as_straight_ones(probe, model_id):
    # a document from a word processor or a mail program: "I don’t " → know, think (before,
    # "don’t" was one unknown word: "the, for, it"; "It’s a " → message, flag)
    for curly, straight in probe[model_id]["curly"]:
        assert curly == straight and curly, (curly, straight)
    # the word's ending after a curly apostrophe, and one written curly for such a writer
    ending, contraction = probe[model_id]["curly_endings"]
    assert "m" in ending and "ve" in ending, ending
    assert contraction == ["haven’t"], contraction


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_reads_a_closing_apostrophe_as_closing(probe, model_id):
    # "the freshers' " ended its word: what an opening apostrophe starts ("tell 'em") is no next
    # word (QA typing offered "em" and "ve" after a plural's apostrophe)
    for words in probe[model_id]["closing_apostrophe"]:
        assert words and not set(words) & {"em", "er", "n", "ed", "ing", "ve", "ll", "s", "t"}, words


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_writes_wont_where_it_means_it(probe, model_id):
    # "won" is a word and the stem of "won't": after "I'm afraid I " the model means "won't"
    got = probe[model_id]["wont"]
    assert "won't" in got and "won" not in got, got


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_opens_a_letter_formally(probe, model_id):
    # the formula and nothing else: no knight of the novel's ("Dear Sir " → Clifford, Arthur; "Dear
    # Sir or " → Famous, in the bar of a QA typist's complaint)
    assert probe[model_id]["salutation"] == ["Madam"], probe[model_id]["salutation"]  # (the
    # novel writes "madam" mid-sentence)
    assert probe[model_id]["sir"] == ["or"], probe[model_id]["sir"]
    # whom a family word goes with, in its case, second at the latest ("Mum and " → baby, dad)
    named, owned = probe[model_id]["partners"]
    assert "Dad" in named[:2] and "dad" not in named, named
    assert "dad" in owned[:2] and "Dad" not in owned, owned
    # a letter to a named person closes "Yours sincerely", one to "Sir or Madam" "Yours faithfully"
    named, unnamed, far = probe[model_id]["yours"]
    assert (named[0], unnamed[0]) == ("sincerely", "faithfully"), probe[model_id]["yours"]
    # a greeting out of sight (past the 600 characters a model reads) decides nothing
    assert set(far) == {"sincerely", "faithfully"}, far
    # a plural's possessive is whole: no "parents's"
    assert probe[model_id]["plural_possessive"] == [], probe[model_id]["plural_possessive"]
    # the rest of a salutation is capitalised ("Dear Hiring Manager"), and greets once
    hiring, customer = probe[model_id]["addressed"]
    assert "Manager" in hiring and "manager" not in hiring, hiring
    assert customer and "Dear" not in customer, customer
    # an empty document may be a letter: its greetings are in the bar, after the model's word
    assert probe[model_id]["doc_start"][1:3] == ["Dear", "Hi"], probe[model_id]["doc_start"]
    # ...and where its first letter is typed ("D" → Do, Dear), never put after another word
    d, h, dea = probe[model_id]["doc_start_typed"]
    assert d[1] == "Dear" and h[1] == "Hi" and dea[0] == "Dear", (d, h, dea)
    # and "Hi" typed there is a finished greeting: no ghost making it "His"
    assert probe[model_id]["doc_start_hi"] == [["Hi", ""]], probe[model_id]["doc_start_hi"]
    # …and at a line's start further down (an e-mail's subject line first): not "His", "Hire"
    assert probe[model_id]["line_start_hi"] == [["Hi", ""]], probe[model_id]["line_start_hi"]
    # after "Dear " a title or a name, never a word such as "and" (the model's third before)
    got = probe[model_id]["dear"]
    assert "Mr" in got and not {"and", "in", "the", "of", "to"} & set(got), got
    # after "Dear John," comes a line break: no "and" (the model's first before), nor after
    # "Best wishes,"; "Thanks, " may go on on the same line, and so may a chat's greeting with a
    # space typed after its comma ("Hey everyone, " → just: it offered nothing at all)
    got = dict(probe[model_id]["after_salutation"])
    going_on = {"Thanks, ", "Hey everyone, ", "Hi Tom, ", "Good evening, "}
    assert all(words == [] for context, words in got.items() if context not in going_on), got
    assert all(got[context] for context in going_on), got
    assert "and" not in got["Hey everyone, "][:1] + got["Good evening, "], got
    # "Cheers," on its own line may go on, but with no e-mail writer's name ("RAH", "Alan")
    for words in probe[model_id]["cheers"]:
        assert not [w for w in words if w[:1].isupper() and w != "I"], words


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_leaves_a_finished_word_alone(probe, model_id):
    from wordpad_ai.text.casing import looks_like_code

    got = probe[model_id]
    for context, words in got["finished"]:  # at most the word itself (nothing to insert)
        assert words in ([], [context.split()[-1]]), (context, words)
    # typing in capitals, the suggestions come in capitals
    assert got["shout"] and all(w.isupper() for w in got["shout"]), got["shout"]
    # typing in lower case, the rest comes in lower case ("basics", not "bASICS")
    for context, words in got["lower"]:
        assert words and all(w == w.lower() for w in words), (context, words)
        assert not any(looks_like_code(w) for w in words), (context, words)
    # a letter in lower case inside a sentence starts a word, not a name ("karen")
    assert got["lower_name"] and "karen" not in got["lower_name"], got["lower_name"]
    # ... but days and months still come ("mo" → monday)
    assert "monday" in got["lower_proper"][0] and "january" in got["lower_proper"][1], got["lower_proper"]


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_knows_everyday_english(probe, model_id):
    got = probe[model_id]
    assert got["tables"] == ["frequencies.npz", "ngram.npz", "weights.npz"], got["tables"]
    assert got["vocab"] == ["thank", "regards", "weekend", "invite"], got["vocab"]
    assert got["inv"][0] == "invite", got["inv"]  # not invoke or invent
    hits = [p for p, words in got["prompts"] if {w.lower() for w in words} & EXPECTED[p]]
    missed = [(p, words) for p, words in got["prompts"] if p not in hits]
    assert len(hits) / len(EXPECTED) >= PROMPT_TOP3_MIN, missed
    outside = [p for p, words in got["outside"] if {w.lower() for w in words} & OUTSIDE[p]]
    assert len(outside) / len(OUTSIDE) >= OUTSIDE_TOP3_MIN, len(outside)
    outside_e = [p for p, words in got["outside_e"] if {w.lower() for w in words} & OUTSIDE_E[p]]
    assert len(outside_e) / len(OUTSIDE_E) >= OUTSIDE_E_TOP3_MIN, len(outside_e)
    outside_f = [p for p, words in got["outside_f"] if {w.lower() for w in words} & OUTSIDE_F[p]]
    assert len(outside_f) / len(OUTSIDE_F) >= OUTSIDE_F_TOP3_MIN, len(outside_f)  # (misses unseen)


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_never_suggests_personal_data(probe, model_id):
    for context, words, completions, phrase in probe[model_id]["personal"]:
        for w in words + completions:
            assert not is_personal_suggestion([w]), (context, w)
        if phrase:
            assert not is_personal_suggestion(phrase), (context, phrase)


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_never_suggests_a_misspelling_it_read(probe, model_id):
    for prefix, words in probe[model_id]["slips"]:
        slip = SLIPS[prefix]
        assert not [w for w in words if w.lower().startswith(slip)], (prefix, words)


OFFENSIVE = {"ass", "arse", "crap", "piss", "shit", "fuck", "bitch", "bastard", "dick", "prick", "whore"}


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_never_suggests_an_offensive_word(probe, model_id):
    offered = {w.lower() for words in probe[model_id]["rude"] for w in words}
    assert not offered & OFFENSIVE, offered & OFFENSIVE


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_completes_into_words_of_today_first(probe, model_id):
    # a word today's English hardly uses (the Bible's, the dictionary's, the novel's) comes after
    # those it does, and only when nearly as likely: "delivere" → not "deliverest"
    got = dict(probe[model_id]["unused"])
    assert got["The bag would probably be delivere"][:1] == ["delivered"], got
    assert not {"deliverest", "deliveredst"} & set(got["The bag would probably be delivere"]), got
    assert "voucher" in got["I've added a £10 vou"] and got["I've added a £10 vou"][0] != "voussoirs", got
    assert got["and the boys can play footb"][:1] == ["football"], got
    # a typed word that is a word of its own is not stretched into one hardly used today
    assert not {"bitmask", "runsource", "runstatedir"} & set(got["which is a bit"] + got["on Saturday runs"]), got


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_offers_no_insult_unasked(probe, model_id):
    # "would make me a good " → not "loser" (the fortunes), "I had a really " → not "nasty",
    # "Tom has k" → not "killed": never as a next word nor for a letter or two
    offered = {w.lower() for words in probe[model_id]["unkind"] for w in words}
    unkind = {"loser", "nasty", "killed", "ugly", "queer", "sex", "laden", "drugs", "corpse",
              "abortion", "underwear", "jewish", "gay", "promiscuity", "vegetative", "sucked",
              "prostitution", "mistress", "genital", "bomb", "drunk", "endowed", "murderous",
              "afterbirth"}
    assert offered and not offered & unkind, offered & unkind
    assert "loser" in probe[model_id]["unkind_typed"]  # typed far enough, it is the writer's word
    # the words of idioms stay
    assert "devil" in probe[model_id]["idiom"], probe[model_id]["idiom"]
    # death and illness (the novel's, the scripture's) and the e-mails' own topic and footers
    # neither: "Mum and Dad d" → not "died", "list of " → not "spam", "Thank y" → not "yahoo"
    offered = {w.lower() for words in probe[model_id]["grim"] for w in words}
    grim = {"died", "blood", "bloody", "victim", "spam", "yahoo"}  # what they offered
    assert offered and not offered & grim, offered & grim
    assert probe[model_id]["grim_typed"][:1] == ["died"], probe[model_id]["grim_typed"]
    # a hurtful word needs four letters typed ("que" → question, not "queer")
    offered = {w.lower() for words in probe[model_id]["misshapen"] for w in words}
    assert not offered & {"queer", "aroused", "arousing", "homo", "homosexual"}, offered


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_completes_everyday_words_its_training_text_lacked(probe, model_id):
    # the lexicon has today's everyday words the training text never had (wordfreq): "allergy", "brunch"
    got = probe[model_id]["lexicon_new"]
    assert ("allergy" in got["My son has a nut allerg"] and "brunch" in got["Shall we get brunc"]
            and "gym" in got["I joined a gy"]), got


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_completes_only_into_words_a_writer_takes(probe, model_id):
    # no acronym finished onto lower-case letters ("Sat" → "SatA"), no stray capital ("DannyS")
    words = [w for words in probe[model_id]["misshapen"] for w in words]
    assert not [w for w in words if (w[-1:].isupper() and w[-2:-1].islower()) or w in ("SatA", "ItaR")], words
    assert "PhD" in probe[model_id]["phd"], probe[model_id]["phd"]  # a word's own form stays


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_keeps_technical_words_for_technical_text(probe, model_id):
    # a letter gets "close the " → door, not "socket"; "list of open" → not "openssl"; a text that
    # uses the documentation's words gets them
    got = probe[model_id]["register"]
    assert "socket" not in got["We agreed to close the "], got
    assert not {"openssl", "openssh"} & set(got["I've left a short list of open"][:1]), got
    assert "socket" in got["import socket\n\nWe agreed to close the "], got
    # completions are only put in order so: none is dropped for it ("runt" → runtime, after
    # "runt" itself, a word too)
    assert "runtime" in got["I expected a longer runt"][:2], got
    # software's names (text/topics.py) only where the text names one: not "Thanks.⏎⏎On " →
    # Windows, "on the wall in the " → Perl (QA typing); and no "Jesus" for "Je" in a chat
    assert not {"Windows", "Perl"} & set(got["It looks great.\n\nOn "] + got["I can hang it on the wall in the "]), got
    assert "Windows" in got["I run Linux at home.\n\nOn "], got
    assert "Jesus" not in got["Hey everyone, so Je"], got


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_spells_as_the_writer_does(probe, model_id):
    got = probe[model_id]["spelling"]
    british, american = got["I realise it was my fault. My favo"], got["I realize it was my fault. My favo"]
    assert "favourite" in british and "favorite" not in british, got
    assert "favorite" in american and "favourite" not in american, got
    assert "centre" in got["We organised a party at the cent"], got


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_takes_a_likely_whole_word_for_finished(probe, model_id):
    # "really hot" is likelier than "hotel": the word itself first, nothing to insert (no ghost);
    # where a phrase goes on from it, it shows at the word's end ("Once upon a" → " time")
    (upon, upon_phrase), (hot, _), (soon, soon_phrase) = probe[model_id]["word_end"]
    assert upon == [["a", ""]] and hot == [["hot", ""]] and soon == [["soon", ""]], probe[model_id]["word_end"]
    assert upon_phrase == ["time"] and soon_phrase == ["as"], probe[model_id]["word_end"]
    # a word outside the network's vocabulary that today's English uses much more than the
    # training text ranks so among the lexicon's words: "Mum" is finished, not "Mumbling"
    assert probe[model_id]["mum"] == [["Mum"], ["Mum"]], probe[model_id]["mum"]


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_minds_a_letters_small_things(probe, model_id):
    got = probe[model_id]["round11"]
    assert got["With warmest wishes,"] == [], got  # a longer closing: the name is the writer's
    assert got["It was four o'"] == ["clock"], got
    # a capital I inside a sentence is the pronoun, not It, In, Isabella
    assert got["Unfortunately, I"][:1] == ["I"] and got["the only person I"][:1] == ["I"], got
    # a line's start in a letter's head: "Dea" → Dear, not Death
    assert got["Subject: Rose Cottage\n\nDea"][:1] == ["Dear"], got
    assert got["Email jason.miller@"] == [], got  # an e-mail address being typed


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_minds_what_a_round_12_typist_met(probe, model_id):
    got = probe[model_id]["round12"]
    # a surname typed in lower case after a first name is no surname ("reagan")
    assert got["By the time Margaret rea"] and not any(w.lower() == "reagan" or w[:1].isupper()
                                                      for w in got["By the time Margaret rea"]), got
    # a finished word in lower case is not stretched into a name ("quayle")
    assert got["standing alone on the quay"][:1] == ["quay"], got
    # no word today's English does not use in text with no technical word ("tofile", "thistly")
    for p in ("The sticky tof", "Are you free for coffee this"):
        assert not {"tofile", "thistly"} & set(got[p]), got
    # no first name guessed as a next word: the writer's people are no one the model knows
    from wordpad_ai.text.names import is_common_name
    for p in ("Our waiter, Tom,", "Progress this week:"):
        assert got[p] and not any(is_common_name(w.lower()) for w in got[p]), got
    # a capital after a day of the month starts a month
    assert set(got["Can we move it to Thursday 12 J"]) == {"June", "January", "July"}, got
    assert set(got["I leave on Friday 28 M"][:2]) == {"March", "May"}, got
    # words that jar wait for more letters ("tombstone", "pregnant", "poison")
    for p, word in (("a toy sale, a tom", "tombstone"), ("that went p", "pregnant"),
                    ("For starters we shared the garlic p", "poison")):
        assert word not in got[p], got
    # a subject line's Title Case starts words too; a rare word typed where a name goes starts one
    assert "Reschedule" in got["Subject: Resched"], got
    assert got["I had lunch with Sar"] and got["I had lunch with Sar"][0] != "Sar", got
    # a letter's last paragraph: its closing comes next
    assert got["Dear Mr Smith,\n\nI am writing about the flat.\n\nI look forward to hearing from you.\n\n"][0] == "Kind", got
    assert got["Hi Tom,\n\nThe book was great. Thanks again.\n\nB"][0] == "Best", got
    # with the learning cache in front (the editor's engine), the rules' order holds: the
    # closing before the "I" the writer's sentences began with, the months before "Mill"
    closing, month = probe[model_id]["learnt_rules"]
    assert closing[0] == "Kind" and month[:2] in (["March", "May"], ["May", "March"]), probe[model_id]["learnt_rules"]
    # a pronoun's contraction is read in full by the n-gram table: "you're" as "you are"
    assert "well" in got["Hi Sam,\n\nI hope you're "], got
    # a title's full stop ends no sentence: a surname, not the speeches' "Mr. Speaker"
    assert not {"Speaker", "President", "Bush"} & set(got["Dear Mr. "]), got
    # a greeting starts a line, never goes inside one
    assert not {"Dear", "Hi", "Hello"} & set(got["I will send the form soon. I am sorry for the extra bother. "]), got


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_minds_what_a_round_13_typist_met(probe, model_id):
    got = probe[model_id]["round13"]
    # the speeches' public affairs stay out of text that is not about them (text/topics.py)...
    from wordpad_ai.text.topics import PUBLIC_AFFAIRS
    for p in ("Mum rang to say Dad had had a fall in the ", "The playground is too small. Tom suggested asking the ",
              "For those of you who don't know me, my "):
        assert got[p] and not PUBLIC_AFFAIRS & {w.lower() for w in got[p]}, got
    # ...and come where it is
    assert "Congress" in got["The Senate voted on it. Tom suggested asking the "], got
    # a day of the month after a word that dates it, or at a letter's date line, starts a month
    for p in ("Thank you for your letter of 3 M", "I refer to your e-mail of 14 Ma", "12 Elm Road\n\nLeeds\n\n3 M"):
        assert set(got[p][:2]) == {"March", "May"}, got
    assert not {"march", "may"} & set(got["2 large eggs\n\n3 m"][:2]), got  # a recipe's "3 medium"
    # a word the network never learnt is as likely as its other spelling, which it did ("mom")
    assert "mum" in got["She is already taller than her mu"], got
    # a place's name begun in lower case is no place's name
    assert got["We are not against new "] and not {"York", "Orleans", "Jersey"} & set(got["We are not against new "]), got
    assert "York" in got["They flew to New "], got
    # a name the writer wrote before keeps its capital ("price" in the model's case table)
    assert "Price" in got["The school is on Orchard Lane. Tom Price said it was busy. Tom "], got
    # the speeches' "the Government": in lower case in a letter
    assert "government" in got["Please ask the local gov"] and "Government" not in got["Please ask the local gov"], got
    # no first name guessed after a greeting (the writer's people come from the learning cache)
    from wordpad_ai.text.names import is_common_name
    dear = got["12 Elm Road\n\nLeeds\n\n2 May 2025\n\nDear "]
    assert set(dear[:2]) == {"Mr", "Sir"} and not [w for w in dear if is_common_name(w.lower())], got
    # a family word is a name ("Dad"), before the names the model knows
    assert got["We had a quiet weekend, and on Sunday Mum and Da"][:1] == ["Dad"], got
    # a word today's English hardly uses waits in everyday text: the novel's "bulwarks"
    assert got["The bike was still leaning against the "] and "bulwarks" not in got["The bike was still leaning against the "], got
    # a heading's capitals do not make the next line shout
    assert got["Freepost GWR CUSTOMER SERVICE\n\n12 "] and all(w.islower() for w in got["Freepost GWR CUSTOMER SERVICE\n\n12 "]), got


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_reads_a_capital_inside_a_sentence_as_a_name(probe, model_id):
    # "go to Rac" → Rachel, not Racism; a common name before a word written in lower case
    got = probe[model_id]["capital_typed"]
    firsts = [got[p][:1] for p in ("All orders should go to Rac", "I am writing to recommend Sarah Mit")]
    assert firsts == [["Rachel"], ["Mitchell"]], got
    dan = got["please get in touch with Dan"]  # (a name itself: offered first as typed, no ghost)
    assert "Daniel" in dan[:2] and dan.index("Daniel") < (dan + ["Danger"]).index("Danger"), got
    # a place or a day the model knows stays first; a title's capitals are no name
    assert got["We went to Lon"][:1] == ["London"] and got["I will see Tom on Fri"][:1] == ["Friday"], got
    assert got["Subject: Weekly Team Mee"][:1] == ["Meeting"], got


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_guesses_no_surname_after_a_title(probe, model_id):
    """"Dear Mr " → no surname the model guesses (the ghost would name a stranger: "Wilson"),
    never "The" or "And"; the surname the text wrote comes, capitalised; the writer's own
    correspondents come from the learning cache."""
    for prompt, words in probe[model_id]["titles"]:
        assert all(w[:1].isupper() for w in words), (prompt, words)
        assert not {w.lower() for w in words} & {"the", "and", "a", "i", "it", "this"}, (prompt, words)
    got = probe[model_id]["round14"]
    assert all(got[p] == [] for p in ("Dear Mrs ", "Hi Mr. ", "Hi Mrs ", "Hi Ms ", "Dear Dr ",
                                      "Apologies were received from Mr ")), got  # (not "Received")
    # "yours" inside a sentence closes no letter (QA typing: → sincerely, faithfully)
    assert not {"sincerely", "faithfully"} & set(got["I'm happy to bring it round to yours "]), got
    assert got["I spoke to Mr Green about the fence.\n\nDear Mr "][:1] == ["Green"], got


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_minds_what_a_round_14_typist_met(probe, model_id):
    got = probe[model_id]["round14"]
    # a word the network never learnt is no context the n-gram table pools ("my <unk>" → chin)…
    assert got["The payment appeared on my debit "] and "chin" not in got["The payment appeared on my debit "], got
    assert "crust" not in got["It will be a lovely keepsake "], got
    # …but the table knows the commonest of those words by name: "preheat" → the oven
    assert got["Preheat the "][:1] == ["oven"], got
    # and those words as the next word, where it saw them go on: "booked" is no word the network learnt
    assert "booked" in got["the hotel was fully b"], got
    # the novel's whaling stays out of a recipe
    white = got["Season with salt and pepper.\n\nFor the white "]  # (the RNN still has whale third)
    assert white and white[0] != "whale" and (model_id == "rnn" or "whale" not in white), got
    # an hour's o'clock before a month typed in lower case; with a capital, the month
    assert got["and collect it after 5 o"][:1] == ["o'clock"], got
    assert got["See you on Friday 5 O"][:1] == ["October"], got
    # an e-mail's subject line: the greeting next
    for p in ("Subject: Booking enquiry\n\n", "To: Sam\nSubject: Friday\n\n"):
        assert got[p][:2] == ["Dear", "Hi"], got
    # a quotation's capitals are not shouting
    quoted = got['It was shown as "ELECTROMART ONLINE LONDON", ']
    assert quoted and all(w.islower() for w in quoted), got
    # a label's word before its number is no name ("Year 5" → this year, not "this Year")
    assert "year" in got["Subject: Homework in Year 5\n\nDear Mrs Patel,\n\nIt has been a busy "], got


@pytest.mark.parametrize("model_id", MODELS)
def test_shipped_model_spells_contractions_with_their_apostrophe(probe, model_id):
    from wordpad_ai.text.contractions import NOT_WORDS

    for prompt, words in probe[model_id]["contractions"]:  # "I don" → don't
        assert words[0] == prompt.split()[-1] + "'t", (prompt, words)
    got = dict(probe[model_id]["endings"])  # after a word's apostrophe: its ending
    assert got["I don'"][0] == "t" and got["Mr Green'"][0] == "s" and got["You'r"] == ["re"], got
    offered = {w.lower() for words in probe[model_id]["bare"] for w in words}
    assert not offered & NOT_WORDS, offered & NOT_WORDS  # never "dont", "wasnt", "youre"
