"""What the writer is offered: the rules that turn a :class:`~.inference.Predictor`'s next-token
distribution into the words of the suggestion bar and the ghost text.

- At a word start (:func:`next_words`): the most likely suggestable words, written as the writer
  would write them (:meth:`Predictor._cased`); after a title a name ("Dear Mr " → Harris), on the
  line after a closing formula the writer's name ("Kind regards,⏎" → Tom), after a letter's
  opening "Dear " a title, a name or "all", and nothing after the comma of a greeting or a closing
  formula ("Dear John,", "Best wishes,": a line break follows).
- Inside a word (:func:`completions`): the vocabulary's and the lexicon's words that start with
  the typed letters, most likely first, except completions far less likely than the typed word
  itself (it is probably finished), than the best completion, or, for a name being typed, than
  any word the context allows.
- After a word's apostrophe (:func:`endings`): the endings a contraction or a possessive can have.

Nothing here hands out personal data (:mod:`wordpad_ai.text.personal_data`).
"""

from __future__ import annotations

import re

import numpy as np

from ..api import Suggestion
from ..text.casing import (HEADER_LINE, OPENINGS, after_honorific, after_sign_off, as_name, closing_due,
                           completed_form, ends_salutation, greets, in_salutation, last_line,
                           looks_like_code, signs_on_line, yours_how)
from ..text.contractions import completion, endings_after
from ..text.names import (FAMILY, GIVEN, GREETED, NAME_LOWER_LETTERS, NOT_GREETED, PARTNERS, SURNAME,
                          greeted_form, is_common_name, names_starting)
from ..text.personal_data import is_personal_suggestion, looks_personal_token
from ..text.sensitive import SENSITIVE_MIN_SHARE, SENSITIVE_WORDS, typed_enough
from ..text.tokenize import EOS, NUM, Context
from ..text.vocab import prefix_range

# A typed word that is itself a word is probably finished: its completions are offered only when
# at least this share as likely as it ("from|" → not "fromModuleAndSpec", "and|" → not "andrew")
COMPLETION_MIN_RATIO = 0.05
# Below this probability a lower-case lexicon word is no completion of a capital typed inside a
# sentence (a name the model does not know: "Dr Pate" → not "Paternity", "Mrs Ok" → not "Okra").
# Tuning samples, KSR@3: everyday −0.06, general +0.02 points; 1e-6 keeps "Okra".
NAME_TYPED_MIN = 1e-5
# A completion this many times less likely than the best one is left out of the bar: it is
# almost never the word ("coff" → coffee, not "coffin"; "hel" → help, not "hell"). Tuning samples,
# KSR@3: 1e-4: ±0.00 / −0.02 points (everyday / general), 3e-4: −0.01 / −0.07, 1e-3: −0.13 / −0.13.
COMPLETION_MIN_SHARE = 3e-4
# a stem that is a word of its own too, written out when the model means the contraction
AMBIGUOUS_STEMS = {"won": "won't"}
CONTRACTION_MEANT = 0.5  # P(apostrophe next) from which the contraction is meant
_DECADE = re.compile(r"\d*0s")  # 1990s, 80s
_NUMBER_FORM = re.compile(r"(\d+)([a-zA-Z]+)")  # digits and an ending
# A number's endings are offered where its written forms (17th, 1990s, 9am) are together at least
# this share as likely as a bare number: "on the 17" 64×, "in the 19" 0.42×, "We came 2" 0.15×;
# "Monday, 17" 0.007×, "your order, number 5" 0.0003×, "about 8" 0.002×.
NUMBER_FORM_MIN_RATIO = 0.1
# what a writer types right after a number: ordinals, times, plurals, units
NUMBER_ENDINGS = frozenset("st nd rd th s am pm k m g h km kg cm mm ml lb lbs ft hrs mins".split())
DOCUMENT_OPENINGS = ("Dear", "Hi")  # offered second and third in an empty document
OPENING_FIRST_LETTERS = 3  # …and first once this many of their letters are typed ("Dea")
HEAD_LINES = 8  # a letter's head: lines before the greeting (address, date, subject)
SINGLE_LETTER_WORDS = frozenset("ai")  # a letter typed alone that may be a finished word
_OPENING_WORDS = frozenset(w.lower() for w in DOCUMENT_OPENINGS)
# A completion that today's English hardly uses (frequency.py: "deliverest", "voussoirs",
# "footboy") comes after those it does and must be at least this share as likely as the best.
# Tuning samples, KSR@3 (everyday / general / the Vim documentation): the reordering −0.02 /
# −0.11 / −0.01 points, this share −0.04 / −0.13 / −0.04, both −0.04 / −0.24 / −0.05 (the
# general sample has the King James Bible's "deliverest"; technical text loses little).
UNUSED_MIN_SHARE = 0.1
# The typed letters, a word of their own, are taken as finished unless a completion is this many
# times likelier ("The bus" → not business, "any cleaning fee" → not feedback, "as close" → not
# closely): a ghost stretching a finished word is read by the writer as a mistake. Tuning samples,
# KSR@3, everyday / general / Vim against 1: 2 −0.04 / −0.03 / −0.02 points, 4 −0.08 / −0.07 /
# −0.06 (the completions stay in the bar).
FINISHED_WEIGHT = 2.0
SPARE_COMPLETIONS = 3  # completions read beyond the k shown, for the rules that drop or reorder
# A technical word's weight where the text before the cursor uses none (Predictor._in_register:
# the next word; completions are ordered by it, none dropped). Tuning samples, KSR@3, everyday
# / general: +0.01 / +0.03 points (the model seldom meant them there).
TECHNICAL_SHARE = 0.2
# A topic's word where the text before the cursor uses none of the topic's (text/topics.py): the
# speeches' "Congress", "fiscal", scripture's "thy"
TOPIC_SHARE = 0.05
# ...and among the completions of fewer typed letters than this (then the letters say it)
TOPIC_TYPED_LETTERS = 3
# A capital typed inside a sentence (names_someone): the likeliest words read for it, the weight
# of a listed common name, and of a word written in lower case (_names_first). Tuning samples,
# KSR@3, everyday / general, against none of it: share 0.1 and boost 5 +0.12 / +0.12 points;
# share 0.3 +0.08 / +0.07, 0.03 +0.12 / +0.11; boost 2 +0.13 / +0.12, 10 +0.11 / +0.11.
NAME_POOL = 40
# A lower-case word typed inside a sentence: the weight of completions written with a capital
# (names, places). Tuning samples, KSR@3, everyday / general / Vim documentation, against 1:
# 0.1 +0.05 / +0.06 / +0.04 points; 0.3 +0.04 / +0.05 / +0.04; 0.03 +0.02 / +0.06 / +0.04.
LOWER_TYPED_NAME_SHARE = 0.1
NAME_LISTED_BOOST = 5.0
NAME_WORD_SHARE = 0.1
# the line being typed is a subject line, whose words are often capitalised ("Subject: Resched" →
# Reschedule, a word, not a name)
_SUBJECT_LINE = re.compile(r"(?:\A|\n)(?:subject|re|fwd?|title):[^\n]*\Z", re.IGNORECASE)
# the first word of a place's name, typed in lower case, just before the cursor
_LOWER_NAME_HEAD = re.compile(r"(?<![\w.'’-])(?:new|united|san|los|las|hong|sri|costa|puerto|saudi|rhode) +\Z")
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
# a day or a month is whom no greeting addresses ("Subject: Sunday lunch … Dear Grandma and " → not
# Sunday, which the context's own words offered)
CALENDAR = frozenset(MONTH_NAMES) | frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# a capital typed after a day of the month, itself after a weekday or a word that dates it ("your
# letter of 3 M", "dated 12 J"), or a capital at a line's start (a letter's date line: "3 M"; a
# recipe's "3 m" → medium)
_DAY_NUMBER = re.compile(r"(?:\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?,?|on|by|until|"
                         r"till|from|before|after|since|of|dated) |^(?=\d+\w* (?-i:[A-Z])))"
                         r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)? (?-i:[A-Z])[a-z]*\Z", re.IGNORECASE | re.MULTILINE)
_HOURS = tuple((w,) for w in "one two three four five six seven eight nine ten eleven twelve".split())
# an hour, before its "o'clock": 1-12 (no point, sign or comma before it), a number word ("one"
# only after a word that times it: "at one o", not "was one o")
_AT_HOUR = re.compile(r"(?:(?<![\w.,:$£€#])(?:1[0-2]|[1-9])|\b(?:two|three|four|five|six|seven|eight|nine|ten|"
                      r"eleven|twelve)|\b(?:at|by|until|till|about|around|past|from|before|after|to) one) [oO]\Z",
                      re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’-]*)[ \t]+\S*\Z")  # the word before the one being typed
# After a first name, a word written as a name is offered only when at least this likely: the
# writer's people are no one the training text knows ("I met David " → not Letterman, Wheeler).
# Tuning samples, KSR@3, everyday / general: ±0.00 / −0.19 points (the fortunes' signatures:
# "-- Mark Twain", "Ronald Reagan"); 0.03 the same.
SURNAME_SURE = 0.1
# After a title, a surname neither the text nor the learning cache wrote is offered only when at
# least this likely: the everyday writing's own letters name Mr Davies and Mrs Wilson a few times
# each, which made them "sure" in the n-gram table ("Hi Mr. " → Davies, P 0.16: a stranger)
TITLE_SURNAME_SURE = 0.3
CLOSING_SURE = 0.5  # P of a letter's closing after a paragraph that surely ends it (_closings_first)
RARE_TYPED = 3e-6  # a word today's English uses less than this (Zipf < 3.5: "sar"), typed as a name
NAME_MARGIN = 20  # more words asked after a title ("Mr "), where words no name is are dropped


# thresholds tried in turn by top_ids: a distribution has at most 1 / t words above t, so the
# words above 1e-3 are a few hundred at most, found in one pass without partitioning the vocabulary
TOP_THRESHOLDS = (1e-3, 1e-5)


def top_ids(p: np.ndarray, allowed: np.ndarray, n: int) -> np.ndarray:
    """The ids of the ``n`` largest values of ``p`` among the ``allowed`` ones that are above 0,
    largest first (ties in id order). The same as a full partition of the vocabulary, whose 25,000
    values cost 0.3 ms at every word start: where ``n`` allowed values pass a threshold, only
    those are sorted."""
    if n <= 0:
        return np.empty(0, np.int64)
    for t in TOP_THRESHOLDS:
        ids = np.flatnonzero(p > t)
        ids = ids[allowed[ids]]
        if len(ids) >= n:
            break
    else:
        ids = np.flatnonzero((p > 0) & allowed)
    return ids[np.argsort(-p[ids], kind="stable")[:n]]


# greetings that a chat message or a short e-mail goes on after, on the same line, once a space
# follows the comma ("Hey everyone, just a reminder", "Good evening, everyone"); "Dear Mrs
# Okafor, " still ends its line
CHATTY_OPENINGS = (OPENINGS - {"dear"}) | {"good"}  # ("good": "Good evening, ")
# letters of the writer's name typed under a closing before a common name completes it ("Best
# wishes,⏎Hel" → Helen; "Kind regards,⏎E" → no guess: the ghost showed a stranger's, Emily)
SIGNATURE_TYPED = 3
# the formula "Dear Sir or Madam": after "Dear Sir " its next word, and nothing else
SIR_OR_MADAM = {("sir",): "or", ("sir", "or"): "madam", ("madam",): "or", ("madam", "or"): "sir"}
CLOSING_ADVERBS = frozenset({"sincerely", "faithfully", "truly"})  # a closing line's "Yours …"
NOT_AFTER_GREETING = frozenset("and but or nor that who which whom as of".split())


def next_words(pred, p: np.ndarray, ctx: Context, k: int, before: str = "") -> list[Suggestion]:
    """The ``k`` words most likely to come next (nothing of the next word typed yet; ``before``:
    the text before the cursor, as typed)."""
    greeted = ends_salutation(ctx.tokens)
    if greeted and not (before[-1:] == " " and last_line(ctx.tokens)[0] in CHATTY_OPENINGS):
        return []  # "Dear John," → a line break, not "and"; "Hey everyone, " goes on its line
    if after_sign_off(ctx.tokens):  # "Kind regards,⏎" → the writer's own name, which no model
        return []  # knows ("Matthias", "RAH" of the e-mails); the learnt signatures come instead
    name = after_honorific(ctx.tokens)  # "Dear Mr " → a surname, capitalised
    # "Dear ", "Hi " opening a letter → a title, a name, "all": never "and", "the", "world";
    # and after "Dear Grandma and ": whom else, written as addressed ("Dad", not "dad")
    greeting = greets(ctx.tokens)
    salutation = in_salutation(ctx.tokens)
    # a place's name begun in lower case is no place's name: "not against new " → housing, not
    # York, Orleans, Granada (the writer would have typed "New")
    lower_head = _LOWER_NAME_HEAD.search(before[-24:]) is not None
    n = k + (NAME_MARGIN if name or greeting or salutation or lower_head or signs_on_line(ctx.tokens)
             else SPARE_COMPLETIONS)
    out = [Suggestion(pred._cased(pred.vocab.tokens[i], ctx, ""), float(p[i]))
           for i in top_ids(p, pred.unprompted, n)]
    out = _for_whom(pred, p, ctx, out, name, greeting, salutation)
    if lower_head:
        out = [s for s in out if not is_name_form(pred, s.word)]
    if not greeting and len(ctx.tokens) > 1 and ctx.tokens[-1] == "and" and ctx.tokens[-2] in PARTNERS:
        out = _partner_first(pred, p, out, ctx.tokens[-2], before)
    out = _in_letter_order(pred, p, ctx, out, before)
    if greeted:  # a message after its greeting starts anew: "Hello all, " → just, I; not "and"
        out = [s for s in out if s.word.lower() not in NOT_AFTER_GREETING]
    # no letter alone but "a" and "I" in everyday text ("Dear Ms. Alvarez," → not "n", from the
    # e-mails' "\\n"); technical text has its own ("press x", "the n")
    lone = pred.in_other_register(ctx.tokens)
    out = [s for s in out if not is_personal_suggestion([s.word])
           and (len(s.word) > 1 or not lone or s.word.lower() in SINGLE_LETTER_WORDS)][:k]
    return [_spelt_as_meant(pred, ctx, s) for s in out]


def _for_whom(pred, p: np.ndarray, ctx: Context, out: list[Suggestion], name: bool, greeting: bool,
              salutation: bool) -> list[Suggestion]:
    """``out`` with the names and titles a next word may be where it is (``name``: after a title;
    ``greeting``: whom "Dear ", "Hi " address; ``salutation``: the rest of a salutation), and no
    stranger's name anywhere else."""
    if name:  # a surname: one the text has written, or one the model is sure of ("Mr. " →
        # Speaker); no guess ("Dear Mrs " → not Wilson, Green: the ghost would name a stranger)
        out = [Suggestion(w, s.probability) for s in out if (w := as_name(s.word))
               and (s.probability >= TITLE_SURNAME_SURE or w.lower() in ctx.names)]
    elif greeting:  # whom: a title, a relation, "all"; no first name the model knows, a guess
        # that is always wrong ("2 May 2025⏎⏎Dear " → Emily): the writer's people come from what
        # they wrote before (the learning cache)
        out = [Suggestion(form, s.probability) for s in out
               if (form := greeted_form(s.word.lower()) or (s.word if is_name_form(pred, s.word) else None))
               and not is_common_name(form.lower()) and form.lower() not in NOT_GREETED | CALENDAR]
        line = last_line(ctx.tokens)
        addressed = line[1] if len(line) == 3 else None  # "Dear Grandma and ": Grandma, not again
        partners = PARTNERS.get(addressed, ())  # → Grandad, Grandpa, then only whom letters address
        out = [Suggestion(w, pred._word_probability(p, w.lower()) or 0.0) for w in partners] + [
            s for s in out if s.word not in partners and s.word.lower() != addressed
            and not (partners and greeted_form(s.word.lower()) is None)]
    elif salutation:  # "Dear Customer " → Service, not a second "Dear"
        out = [s for s in out if s.word.lower() not in OPENINGS]
        formula = SIR_OR_MADAM.get(last_line(ctx.tokens)[1:])  # "Dear Sir " → or, never a name
        if formula is not None:  # ("Clifford", "Arthur": the novel's and the fortunes' knights)
            out = [s for s in out if s.word.lower() == formula] or [
                Suggestion(formula if formula == "or" else formula.title(), pred._word_probability(p, formula) or 0.0)]
    elif signs_on_line(ctx.tokens):  # "Cheers," → no e-mail writer's name ("RAH", "Alan")
        out = [s for s in out if not is_name_form(pred, s.word) and (len(s.word) > 1 or s.word in "aI")]
    elif ctx.tokens and is_common_name(ctx.tokens[-1]) and is_name_form(pred, ctx.tokens[-1]):
        # after a first name, its surname is the writer's to type: "I met David " → and, at,
        # not Letterman, Wheeler (the training text's Davids)
        out = [s for s in out if s.probability >= SURNAME_SURE or not is_name_form(pred, s.word)]
    else:  # elsewhere no first name at all: the writer's people are no one the training text
        # knows ("Our waiter, Tom," → not Sarah, "Progress this week:" → not Jack). Tuning
        # samples, KSR@3, everyday / general / Vim: +0.01 / −0.03 / ±0.00 points
        out = [s for s in out if not (is_common_name(s.word.lower()) and is_name_form(pred, s.word))]
    return out


def _in_letter_order(pred, p: np.ndarray, ctx: Context, out: list[Suggestion], before: str) -> list[Suggestion]:
    """``out`` in a letter's order: "Yours " → sincerely or faithfully as its greeting asks (and
    neither inside a sentence), a greeting first at a document's or an e-mail's start and never
    inside a line, a closing first after the paragraph that ends a letter."""
    closing = yours_how(ctx.tokens)  # "Dear Mr Patterson, … Yours " → sincerely first
    if closing is not None:
        out.sort(key=lambda s: s.word.lower() != closing)
    elif ctx.tokens[-1:] == ("yours",) and ctx.tokens[-2:-1] not in ((), (EOS,)):  # inside a
        # sentence "yours" closes no letter: "bring it round to yours " → not sincerely
        out = [s for s in out if s.word.lower() not in CLOSING_ADVERBS]
    headers = after_headers(before)
    if (ctx.tokens == (EOS,) or headers) and out:  # an empty document: after the model's first
        # word (The, I), a letter's or an e-mail's greeting, which its sentence starts seldom are;
        # after an e-mail's subject line, the greeting first ("Subject: Booking⏎⏎" → Dear, Hi)
        first = [] if headers else out[:1]
        taken = {s.word for s in first}
        out = first + [Suggestion(w, pred._word_probability(p, w.lower()) or 0.0)
                       for w in DOCUMENT_OPENINGS if w not in taken] + [
            s for s in out[len(first):] if s.word not in DOCUMENT_OPENINGS]
    if before.rsplit("\n", 1)[-1].strip():  # a greeting starts a line, never goes inside one
        # ("I am sorry for the extra bother. " → not "Dear", the e-mail threads' next message)
        out = [s for s in out if s.word.lower() not in OPENINGS]
    closings, sure = closing_due(before)
    if closings:  # "I look forward to hearing from you.⏎⏎" → Kind, then the model's, then Yours
        out = _closings_first(pred, p, ctx, out, closings, sure)
    return out


def _partner_first(pred, p: np.ndarray, out: list[Suggestion], family: str, before: str) -> list[Suggestion]:
    """After a family word and "and", whom it usually goes with, in the case the family word was
    typed in ("Mum and " → Dad, not dad; "my mum and " → dad), second at the latest ("My dad and
    " → I, mum; "Grandma and " → I, Grandpa)."""
    typed = re.search(r"(\w+)\W+and\s*\Z", before)
    low = typed is not None and typed.group(1) == family
    partners = [Suggestion(w.lower() if low else w, pred._word_probability(p, w.lower()) or 0.0)
                for w in PARTNERS[family]]
    taken = {s.word.lower() for s in partners}
    out = sorted(partners + [s for s in out if s.word.lower() not in taken], key=lambda s: -s.probability)
    if not any(s.word.lower() in taken for s in out[:2]):
        best = max(partners, key=lambda s: s.probability)
        out = [s for s in out if s is not best]
        out.insert(1, best)
    return out


def is_name_form(pred, word: str) -> bool:
    """Whether the model's case table writes ``word`` as a name (capitalised inside a sentence)."""
    return len(word) > 1 and as_name(word) is not None and pred.case.cased(word.lower())[:1].isupper()


def _spelt_as_meant(pred, ctx: Context, s: Suggestion) -> Suggestion:
    """"won" where the model means "won't" (its apostrophe at least :data:`CONTRACTION_MEANT`
    likely next: "I'm afraid I " → won't; "The team " → won). The unambiguous stems ("don") are
    written out by the engine; this one needs the model, so it costs one more output layer, only
    when it is offered."""
    full = AMBIGUOUS_STEMS.get(s.word.lower())
    if full is None or "'" not in pred.vocab:
        return s
    q = pred.next_probs(ctx.tokens + (s.word.lower(),))
    if q[pred.vocab.id("'")] < CONTRACTION_MEANT:
        return s
    rest = full[len(s.word):]
    return Suggestion(s.word + (rest.upper() if s.word.isupper() else rest), s.probability)


def completions(pred, p: np.ndarray, ctx: Context, k: int, before: str = "") -> list[Suggestion]:
    """The ``k`` most likely words that complete ``ctx.partial``, the word being typed
    (``before``: the text before the cursor, as typed). When the typed letters are themselves a
    word likelier than any completion, that word comes first, as typed (nothing left to insert:
    the word is probably finished, and the editor shows no ghost for it: "Kind" → not "ness",
    "Mum" → not "bling"; its phrase may follow, "Kind" → " regards")."""
    out = _completions(pred, p, ctx, k, before)
    low = ctx.partial.lower()
    if (low.isdigit() or completion(ctx.partial) is not None
            or (len(low) == 1 and low not in SINGLE_LETTER_WORDS)):
        return out  # a number's ending, a contraction ("I don" → 't), a name's initial are meant
    finished = pred._word_probability(p, low)
    # a letter's "Hi" at the document's start or a line's: not "His"
    line_start = ctx.tokens == (EOS,) or before[:len(before) - len(ctx.partial)].endswith("\n")
    greeting = line_start and low in _OPENING_WORDS
    # a common name typed in full after someone's first name: "Mike Chen" → not Cheney
    named = (ctx.partial[:1].isupper() and not ctx.sentence_start and is_common_name(low)
             and names_someone(pred, ctx, before))
    # a capital I alone inside a sentence is the pronoun ("but I" → not It, In, Isabella)
    pronoun = ctx.partial == "I" and not ctx.sentence_start
    # a rare word of the lexicon typed with a capital where a name goes is a name's beginning
    # ("lunch with Sar" → Sara, not the finished "Sar"; "I love you, Mum" stays)
    begun = (ctx.partial[:1].isupper() and not ctx.sentence_start and low not in pred.vocab
             and pred.case.cased(low)[:1].islower() and pred.frequencies is not None
             and pred.frequencies.modern_of([low])[0] < RARE_TYPED and names_someone(pred, ctx, before))
    if not (greeting or named or pronoun) and (finished is None or not pred.knows_word(low) or begun or (
            out and finished * FINISHED_WEIGHT < max(_as_typed(pred, ctx, s) for s in out))):
        return out
    return [Suggestion(ctx.partial, finished or 0.0, prefix=ctx.partial)] + out[:k - 1]


def _as_typed(pred, ctx: Context, s: Suggestion) -> float:
    """A completion's P, weighed as :func:`_reweighted` orders it ("on the quay" → finished, not
    "quayle")."""
    return s.probability * _lower_typed_weight(pred, ctx, s.word.lower())


def _lower_typed_weight(pred, ctx: Context, word: str) -> float:
    """:data:`LOWER_TYPED_NAME_SHARE` for a completion written with a capital (a name, a place) of
    letters typed in lower case inside a sentence, else 1."""
    lower = ctx.partial == ctx.partial.lower() and not ctx.sentence_start
    return LOWER_TYPED_NAME_SHARE if lower and pred.case.cased(word)[:1].isupper() else 1.0


def _completions(pred, p: np.ndarray, ctx: Context, k: int, before: str) -> list[Suggestion]:
    low = ctx.partial.lower()
    # a capital typed inside a sentence starts a name: a lexicon word the context barely
    # allows, written in lower case, is no completion of it ("Dr Pate" → Paternity)
    capital = ctx.partial[:1].isupper() and not ctx.sentence_start and not ctx.shouting
    person = capital and names_someone(pred, ctx, before)
    title = capital and _SUBJECT_LINE.search(before[-200:]) is not None  # Title Case: words too
    cands = _candidates(pred, p, low, NAME_POOL if person else k + SPARE_COMPLETIONS, capital and not title,
                        ctx.tokens)
    finished = pred._word_probability(p, low)  # the typed part as a whole word
    floor = COMPLETION_MIN_RATIO * finished if finished is not None else 0.0
    # a letter or two typed in lower case inside a sentence start a word, not a person's name
    # ("Tom has k" → kept, not "karen"; the learning cache's rule); "mo" → monday still
    lower_start = ctx.partial == low and len(low) < NAME_LOWER_LETTERS and not ctx.sentence_start
    # after someone's first name, a surname typed in lower case is no surname: "Margaret rea" →
    # read, really, not "reagan" (the rule for the next word: SURNAME_SURE)
    lower_after_name = (ctx.partial == low and not ctx.sentence_start and ctx.tokens
                        and is_common_name(ctx.tokens[-1]) and is_name_form(pred, ctx.tokens[-1]))
    # a word that hurts or jars, once its first letters are typed, and only where the context
    # does not make it a long shot ("coff" → coffee, not "coffin")
    sensitive_floor = SENSITIVE_MIN_SHARE * max((s for s, _ in cands), default=0.0)
    cands = [(s, w) for s, w in cands if len(w) > len(low) and s >= floor and not looks_personal_token(w)
             and not (w in SENSITIVE_WORDS and (not typed_enough(w, len(low)) or s < sensitive_floor))
             and not (lower_start and is_common_name(w) and pred.case.cased(w)[:1].isupper())
             and not (lower_after_name and s < SURNAME_SURE and pred.case.cased(w)[:1].isupper())]
    if low.isdigit():  # a number typed: its ending ("12" → 12th, "9" → 9am) or a decade ("19" →
        # 1990s), never another number ("10" → 105th) nor a code literal ("0" → 0x, "1" → 1j), and
        # only where the context wants one (number_ending_wanted)
        cands = [(s, w) for s, w in cands
                 if w[len(low):].lower() in NUMBER_ENDINGS or _DECADE.fullmatch(w)] if (
            number_ending_wanted(pred, p, ctx)) else []
    # where a letter names someone, the common names first, then the model's names
    kind = (GIVEN if after_sign_off(ctx.tokens)  # "Best wishes,⏎Hel" → Helen, not Hell, Linux
            else SURNAME if after_honorific(ctx.tokens)  # "Dear Mrs Pa" → Patel before Parsee
            else GREETED if greets(ctx.tokens) else None)  # "Dear G" → Grace, Grandma, not God
    named: list[Suggestion] = []
    if kind == GIVEN and len(low) < SIGNATURE_TYPED:
        return []  # "Kind regards,⏎E": the writer's own name, no stranger's guessed (Emily)
    if kind is not None:
        listed = _listed_names(pred, p, low, kind)
        if kind == GREETED and ctx.partial == low:  # "Hi t" → there before Tom: a name comes
            # with a capital; typed in lower case, it is "there", "all", "everyone" first
            listed.sort(key=lambda swf: -swf[0] * (1.0 if swf[2][:1].islower() else NAME_WORD_SHARE))
        if kind == GREETED and len(line := last_line(ctx.tokens)) == 3:  # "Dear Grandma and Gr" →
            partners = PARTNERS.get(line[1], ())  # Grandad, Grandpa first; Grandma not again
            listed = sorted((x for x in listed if x[1] != line[1]), key=lambda swf: swf[2] not in partners)
        named = [Suggestion(completed_form(ctx.partial, form), s, prefix=ctx.partial)
                 for s, _, form in listed[:k]]
        if kind == GIVEN or len(named) >= k:
            return named  # the writer's own name: a common one, or the learnt one (the cache)
        # then the model's own names (a surname the list lacks); after a greeting, only when
        # nothing listed fits ("Dear Hir" → Hiring, not Hirudinea)
        taken = {w for _, w, _ in listed}
        cands = [] if kind == GREETED and named else [
            (s, w) for s, w in cands if w not in taken and pred.case.cased(w)[:1].isupper()]
        k -= len(named)
    likely = dict((w, s) for s, w in cands)  # each word's P; the order may weigh more than it
    if kind is None and person:  # "go to Rac" → Rachel, not Racism; "Sarah Mi" → Mitchell
        cands, likely = _names_first(pred, p, low, cands)
    cands = _reweighted(pred, ctx, cands, lower_typed=kind is None and not person)
    out = _written(pred, p, ctx, cands, likely, before)
    shown = named + _today_first(pred, out, finished or 0.0, pred.in_other_register(ctx.tokens))
    if _DAY_NUMBER.search(before[-48:] if len(before) > 48 else "\n" + before):  # "on Thursday 12
        # J" → June, not John; "14 M" → May, March (a capital: "by 5 o" → o'clock)
        shown = _months_first(pred, p, ctx, shown)
    closings, _ = closing_due(before[:len(before) - len(ctx.partial)])
    if closings:  # a letter's closing line: "B" → Best, "Y" → Yours
        shown = _closings_first(pred, p, ctx, shown, closings, True)
    if ctx.tokens == (EOS,) or at_letter_head(ctx, before):  # the document's first word: "D" →
        # Do, Dear; as for an empty one; and a line's first after a subject line or an address
        shown = _with_openings(pred, p, ctx, shown)
    return shown[:k]


def _largest(values: np.ndarray, n: int) -> np.ndarray:
    """The positions of the ``n`` largest ``values``, largest first: a partition, then a sort of
    those alone (one typed letter leaves thousands of candidates: 0.15 ms sorted whole)."""
    if len(values) > n > 0:
        part = np.argpartition(-values, n - 1)[:n]
        return part[np.argsort(-values[part])]
    return np.argsort(-values)[:max(n, 0)]


def _candidates(pred, p: np.ndarray, low: str, n: int, capital: bool,
                tokens: tuple[str, ...] = ()) -> list[tuple[float, str]]:
    """(P, word) of the ``n`` likeliest vocabulary words and the ``n`` likeliest lexicon words
    that start with ``low``; after a ``capital`` typed inside a sentence, no lexicon word written
    in lower case that the context barely allows (:data:`NAME_TYPED_MIN`), and never code.
    ``tokens``: the context, whose unknown words the n-gram table may know by name."""
    cands: list[tuple[float, str]] = []
    ids = pred.ids_starting(low)
    if len(ids):
        pick = ids[_largest(p[ids], n)]
        cands += [(float(p[i]), pred.vocab.tokens[i]) for i in pick]
    lo, hi = prefix_range(pred._oov_words, low)
    if hi > lo:
        # P(<unk>): the part the n-gram table gives to words it saw here by name ("the hotel was
        # fully b" → booked), the rest by each word's share of the unknown words
        named, named_p = pred.named_unknowns(tokens) if tokens else (np.empty(0, np.int64), np.empty(0))
        unk = float(p[pred._unk])
        rest = max(unk - float(named_p.sum()), 0.0)
        shares = pred._oov_share[lo:hi]
        # the likeliest by their share of the unknown words, and those whose other spelling was
        # learnt ("mu" → mum, as likely as "mom" here)
        order = _largest(shares, n)
        scores = dict(zip((order + lo).tolist(), (shares[order] * rest).tolist()))
        a, b = np.searchsorted(named, lo), np.searchsorted(named, hi)
        if b > a:  # (the n likeliest of them: after "the ", hundreds start with one letter)
            q = np.minimum(named_p[a:b], unk) + rest * pred._oov_share[named[a:b]]
            top = _largest(q, n)
            scores.update(zip(named[a:b][top].tolist(), q[top].tolist()))
        for j in pred.oov_variants_in(lo, hi):
            scores[j] = pred.oov_probability(p, j)
        for j, score in scores.items():
            word = pred._oov_words[j]
            form = pred.case.cased(word)
            if not looks_like_code(form) and not (capital and score < NAME_TYPED_MIN
                                                  and form[:1].islower()):
                cands.append((score, word))
    return cands


def _reweighted(pred, ctx: Context, cands: list[tuple[float, str]],
                lower_typed: bool) -> list[tuple[float, str]]:
    """(score to order by, word): the completions' P, with the words a writer seldom means here
    weighed down, none dropped."""
    if lower_typed:
        # typed in lower case, a word: a name or a place the writer would have begun with a
        # capital comes after the words ("and ch" → children before chicago, "in cl" → class
        # before cleveland), as likely LOWER_TYPED_NAME_SHARE times
        cands = [(s * _lower_typed_weight(pred, ctx, w), w) for s, w in cands]
    if pred.in_other_register(ctx.tokens):  # technical words after the others ("list of open" →
        # opening, then openssl; Predictor._in_register), yet none dropped for it ("a longer
        # runt" → runtime)
        cands = [(s * TECHNICAL_SHARE if w in pred.held_back else s, w) for s, w in cands]
    if len(ctx.partial) >= TOPIC_TYPED_LETTERS:  # the letters typed say what the writer means
        return cands  # ("the local gov" → government, not governor)
    off_topic = pred.off_topic(ctx.tokens)  # a topic's words after the others ("a fall in the f"
    # → first, not fiscal), where the text is not on the topic (text/topics.py)
    return [(s * TOPIC_SHARE if w in off_topic else s, w) for s, w in cands]


def _written(pred, p: np.ndarray, ctx: Context, cands: list[tuple[float, str]],
             likely: dict[str, float], before: str) -> list[tuple[float, Suggestion]]:
    """(score, suggestion) for each completion as the writer would write it (none misshapen),
    with "o'clock" after an hour and a contraction's full form, best first."""
    low = ctx.partial.lower()
    out = [(s, Suggestion(form, likely[w], prefix=ctx.partial))
           for s, w in cands if not _misshapen(pred, w, form := pred._cased(w, ctx, ctx.partial), ctx.partial)]
    if low == "o" and _AT_HOUR.search(before[-32:]):  # "at 2 o", "four o" → o'clock, as likely as the
        # "o"; not after an amount or a count ("$412.50 o", "23 of the 31 o"), nor "was one o"
        score = pred._word_probability(p, "o") or 0.0
        out.insert(0, (max([score] + [s for s, _ in out]), Suggestion(ctx.partial + "'clock", score,
                                                                    prefix=ctx.partial)))
    contraction = completion(ctx.partial)  # "I don" → don't: as likely as the stem "don"
    if contraction is not None:
        score = float(p[pred.vocab.id(low)]) if low in pred.vocab else float(p[pred._unk])
        out.append((score, Suggestion(contraction, score, prefix=ctx.partial)))
    out.sort(key=lambda ss: (-ss[0], ss[1].word))
    return out


def _closings_first(pred, p: np.ndarray, ctx: Context, out: list[Suggestion],
                    closings: tuple[str, ...], sure: bool) -> list[Suggestion]:
    """``out`` with a letter's closings (:func:`~wordpad_ai.text.casing.closing_due`) that
    complete the typed letters: the first one first (second, after the model's first, unless
    the letter's end is ``sure``), then the model's first, then the others."""
    fits = _fitting(pred, p, ctx, closings, out)
    if not fits:
        return out
    if sure:  # as likely as the letter's end is ("I look forward…⏎⏎" → Kind, not the "I" the
        # writer's sentences began with, which the learning cache knows)
        fits[0] = Suggestion(fits[0].word, max(fits[0].probability, CLOSING_SURE), prefix=ctx.partial)
    taken = {s.word for s in fits}
    rest = [s for s in out if s.word not in taken]
    if not sure:
        return rest[:1] + fits[:1] + rest[1:2] + fits[1:] + rest[2:]
    return fits[:1] + rest[:1] + fits[1:] + rest[1:]


def _months_first(pred, p: np.ndarray, ctx: Context, out: list[Suggestion]) -> list[Suggestion]:
    """``out`` after the months that complete the typed capital, the likeliest first."""
    likeliest = sorted(MONTH_NAMES, key=lambda m: -(pred._word_probability(p, m) or 0.0))
    months = _fitting(pred, p, ctx, [m.capitalize() for m in likeliest], out)
    taken = {s.word for s in months}
    return months + [s for s in out if s.word not in taken]


def _fitting(pred, p: np.ndarray, ctx: Context, words, out: list[Suggestion]) -> list[Suggestion]:
    """Those of ``words`` (written forms, in order) that complete the typed letters, as the
    writer would write them, each as likely as the best of ``out`` at least: a rule puts them
    in place, and a re-ranking (the learning cache, engine/) keeps the place it chose."""
    low = ctx.partial.lower()
    best = max((s.probability for s in out), default=0.0)
    return [Suggestion(completed_form(ctx.partial, w) if ctx.partial else w,
                       max(best, pred._word_probability(p, w.lower()) or 0.0), prefix=ctx.partial)
            for w in words if w.lower().startswith(low) and len(w) > len(low)]


def after_headers(before: str) -> bool:
    """Whether the cursor starts a line below an e-mail's header lines and nothing else
    ("Subject: Booking enquiry⏎⏎", "To: …⏎Subject: …⏎"): the greeting comes next."""
    if not before.endswith("\n"):
        return False
    lines = [line.strip() for line in before.splitlines() if line.strip()]
    return 0 < len(lines) <= HEAD_LINES and all(HEADER_LINE.fullmatch(line) for line in lines)


def at_letter_head(ctx: Context, before: str) -> bool:
    """Whether the word typed starts a line in a letter's head: the lines before it are at most
    :data:`HEAD_LINES` (an address, a date, a subject line) and none opens with a greeting
    ("Subject: Rose Cottage⏎⏎Dea" → Dear, not Death)."""
    body = before[:len(before) - len(ctx.partial)]
    if not body.endswith("\n") or not ctx.partial:
        return False
    lines = [line.split() for line in body.splitlines() if line.strip()]
    return 0 < len(lines) <= HEAD_LINES and not any(
        words[0].strip(",:!").lower() in OPENINGS for words in lines)


def _with_openings(pred, p: np.ndarray, ctx: Context, out: list[Suggestion]) -> list[Suggestion]:
    """``out`` with the greetings of :data:`DOCUMENT_OPENINGS` that complete the typed letters
    second, after the model's first completion (a letter's first word is often "Dear", which
    the training text's sentence starts seldom are: "De" → Despite, Dear)."""
    fits = _fitting(pred, p, ctx, DOCUMENT_OPENINGS, out)
    forms = {s.word for s in fits}
    if not fits or (out and out[0].word in forms):  # the model's first already ("Dea" → Dear)
        return out
    rest = [s for s in out if s.word not in forms]
    first = 0 if len(ctx.partial) >= OPENING_FIRST_LETTERS else 1  # "Dea" → Dear, not Death, Dead
    return rest[:first] + fits + rest[first:]


def is_number_form(word: str) -> bool:
    """Whether ``word`` is a number with an ending a writer types after it ("17th", "9am",
    "400g") or a decade ("1990s", "80s")."""
    m = _NUMBER_FORM.fullmatch(word)
    return m is not None and (m.group(2).lower() in NUMBER_ENDINGS or _DECADE.fullmatch(word) is not None)


def number_ending_wanted(pred, p: np.ndarray, ctx: Context) -> bool:
    """Whether a number typed here may get an ending ("on the 17" → 17th, "in the 19" → 1990s),
    as the model sees it: the vocabulary's written forms of numbers together are at least
    :data:`NUMBER_FORM_MIN_RATIO` as likely as a bare number ("Monday, 17", "number 5", "about 8"
    → none), and the number does not start a line or a sentence (a list's "1.", not "1st")."""
    if not ctx.tokens or ctx.tokens[-1] == EOS or NUM not in pred.vocab:
        return False
    forms = float(p[pred._number_form_ids].sum())
    return forms >= NUMBER_FORM_MIN_RATIO * float(p[pred.vocab.id(NUM)])


def _misshapen(pred, word: str, form: str, partial: str) -> bool:
    """Whether ``form``, a completion as written, is no word a writer would take: an acronym
    finished onto letters typed in lower case ("Sat" → "SatA" from SATA, "Ita" → "ItaR" from
    ITAR), or a stray capital glued onto a word the model writes so ("Danny" → "DannyS"; not
    PhD, LaTeX, KiB)."""
    if len(form) > 3 and form[-1].isupper() and form[-2].islower():  # (a word of 3 letters at least)
        stem = form[:-1]
        if pred.knows_word(stem.lower()) and pred.case.cased(stem.lower()) == stem:
            return True
    if form == pred.case.cased(word):
        return False  # the word's own written form ("Ph" → PhD)
    typed_lower = any(c.islower() for c in partial)
    return typed_lower and len(form) > len(partial) and form[len(partial):].isupper() and form[len(partial):].isalpha()


def names_someone(pred, ctx: Context, before: str) -> bool:
    """Whether a capital typed inside a sentence starts a name: after a word ("with Dan",
    "Sarah Mi") or a comma ("Happy Birthday, Luc"), not after a colon or a quote, and not in a
    title's capitalised words ("Weekly Team Mee", "Broken Boi": the word before is an ordinary
    word written with a capital)."""
    last = ctx.tokens[-1] if ctx.tokens else EOS
    if not (last == "," or (last not in (EOS, NUM) and last[:1].isalpha())):
        return False
    m = _WORD_BEFORE.search(before[-80:])
    if m is None or not m.group(1)[:1].isupper() or m.group(1) == "I":
        return True
    return pred.case.cased(m.group(1).lower())[:1].isupper()  # "Sarah Mi", not "Team Mee"


def _names_first(pred, p: np.ndarray, low: str,
                 cands: list[tuple[float, str]]) -> tuple[list[tuple[float, str]], dict[str, float]]:
    """(score, word) to rank the completions of a capital typed inside a sentence by, and each
    one's P: the listed
    given names and surnames (:mod:`~wordpad_ai.text.names`) added, as likely as the model says;
    words written with a capital (names, places, days) ranked before the others, the listed
    names :data:`NAME_LISTED_BOOST` times, the words written in lower case
    :data:`NAME_WORD_SHARE` times their P ("Rac" → Rachel before Racism, "Dan" → Daniel before
    Danger, yet "Lon" → London)."""
    pool = {w: s for s, w in cands}
    listed = {w for kind in (GIVEN, SURNAME) for w, _ in names_starting(low, kind)} | {
        w for w in FAMILY if w.startswith(low) and len(w) > len(low)}  # "Mum and Da" → Dad
    for w in listed - pool.keys():
        if not looks_personal_token(w):
            pool[w] = pred._word_probability(p, w) or 0.0
    weight = {w: NAME_LISTED_BOOST if w in listed else 1.0 if pred.case.cased(w)[:1].isupper()
              else NAME_WORD_SHARE for w in pool}
    return [(s * weight[w], w) for w, s in pool.items()], pool


def _today_first(pred, out: list[tuple[float, Suggestion]], finished: float,
                 everyday: bool = False) -> list[Suggestion]:
    """The completions ``out`` (score, suggestion; most likely first) without those far less
    likely than the best (:data:`COMPLETION_MIN_SHARE`: "coff" → not "coffin"), the words today's
    English hardly uses after the others ("footb" → football before footboy), and those only when
    at least :data:`UNUSED_MIN_SHARE` as likely as the best and as the typed word itself, when
    that is a word ``finished`` likely ("delivere" → not "deliverest", "bit" → not "bitmask").
    In ``everyday`` text (no technical word), no lexicon word today's English does not use at all
    ("sticky tof" → not tofile, "coffee this" → not thistly)."""
    if everyday:  # tuning samples, KSR@3, everyday / general / Vim: −0.03 / −0.09 / −0.02
        # points (the vocabulary's such words dropped too: −0.03 / −0.19 / −0.02)
        out = [(score, s) for score, s in out if s.word.lower() not in pred.unknown_today]
    if not out:
        return []
    floor = COMPLETION_MIN_SHARE * out[0][0]
    unused_floor = UNUSED_MIN_SHARE * max(out[0][0], finished)
    kept = [(s.word.lower() in pred.unused_today, score, s) for score, s in out]
    kept = [(unused, s) for unused, score, s in kept if score >= (unused_floor if unused else floor)]
    return [s for unused, s in sorted(kept, key=lambda us: us[0])]


def _listed_names(pred, p: np.ndarray, low: str, kind: str) -> list[tuple[float, str, str]]:
    """(P, word, written form) of the listed names of ``kind`` (:mod:`~wordpad_ai.text.names`)
    that complete ``low``, most likely first; those the model does not know at all come last,
    in the list's order."""
    scored = [(pred._word_probability(p, w) or 0.0, w, _name_form(pred, w, form))
              for w, form in names_starting(low, kind)]
    return sorted(scored, key=lambda swf: -swf[0])


def _name_form(pred, word: str, form: str) -> str:
    """The list's written form of a name, or the model's where it has one in capitals too
    ("mcdonald" → McDonald, not Mcdonald)."""
    known = pred.case.cased(word)
    return known if known[:1].isupper() and known.lower() == form.lower() else form


def endings(pred, p: np.ndarray, ctx: Context, word: str, k: int) -> list[Suggestion]:
    """After ``word``'s apostrophe: the contraction and possessive endings ("t", "s", "ll"…)
    that complete what is typed, most likely first."""
    low = ctx.partial.lower()
    shout = len(word) > 1 and word.isupper()  # "DON'" → T
    out = []
    hour = ctx.tokens[-3:-2] == (NUM,) or ctx.tokens[-3:-2] in _HOURS  # "2 o'", "four o'" → clock
    for ending in endings_after(word, after_number=hour):
        if ending.startswith(low) and len(ending) > len(low):
            score = float(p[pred.vocab.id(ending)]) if ending in pred.vocab else 0.0
            written = ctx.partial + (ending.upper() if shout else ending)[len(low):]
            out.append((score, Suggestion(written, score, prefix=ctx.partial)))
    out.sort(key=lambda ss: -ss[0])
    return [s for _, s in out[:k]]
