"""The case table: each word's dominant written form, so suggestions come out as people type them.

The model sees lower-cased tokens only. While reading the training text we count the written
forms of every word *away from sentence starts* (where capitals say nothing about the word);
the most frequent form wins ("linux" → "Linux", "i" → "I", "nasa" → "NASA"). Only forms that
differ from the lower-case word are stored. At a sentence start a suggestion is capitalised.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Callable, Iterable, Mapping

from .tokenize import EOS, is_word


# Titles before a surname: the next word is a name, written with a capital ("Dear Mr " → Green,
# not "green"), and never a function word (a "." after the title reads as a sentence end to the
# model, which then offers "The" or "And").
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof"})
_NOT_NAMES = frozenset(
    "a an the and or but nor so yet of to in on at for with by from as into about than then "
    "is was are were be been being am has have had do does did will would can could shall should "
    "may might must not no yes i you he she it we they me him her us them my your his its our "
    "their this that these those there here who what which when where how why all any some "
    "just also very too if said says".split())


def after_honorific(tokens: tuple[str, ...]) -> bool:
    """Whether the next word follows a title ("Mr ", "Dr. "): model tokens, the last ones."""
    if tokens[-3:-2] and tokens[-2:] == (".", EOS):
        return tokens[-3] in HONORIFICS
    return bool(tokens) and tokens[-1] in HONORIFICS


def last_line(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The model tokens after the last line break (:data:`EOS`); the full stop of a title is
    none ("Dear Ms. Alvarez," is one line, though the tokenizer ends a sentence after "Ms.")."""
    end = len(tokens)
    while EOS in tokens[:end]:
        at = end - 1 - tokens[:end][::-1].index(EOS)
        if not (at >= 2 and tokens[at - 1] == "." and tokens[at - 2] in HONORIFICS):
            return tokens[at + 1:]
        end = at
    return tokens


def in_salutation(tokens: tuple[str, ...]) -> bool:
    """Whether the next word continues a salutation: the line so far begins with "Dear" and has
    no comma yet ("Dear Sir or "). Model tokens, whose line breaks are :data:`EOS`."""
    line = last_line(tokens)
    return line[:1] == ("dear",) and "," not in line


def greets(tokens: tuple[str, ...]) -> bool:
    """Whether the next word is whom a greeting addresses: the line so far is "Dear", "Hi",
    "Hello" or "Hey", or that and a name and "and" ("Dear Grandma and "). Model tokens."""
    line = last_line(tokens)
    return bool(line) and line[0] in OPENINGS and (len(line) == 1 or (len(line) == 3 and line[2] == "and"))


# Closing formulas of a letter or e-mail, as model tokens: on the line after one ("Kind regards,⏎")
# comes the writer's name, not a new sentence ("Hi", "Dear": what e-mail threads put there)
SIGN_OFFS = frozenset(tuple(f.split()) for f in (
    "regards", "kind regards", "best regards", "warm regards", "warmest regards", "kindest regards",
    "best wishes", "all the best", "best", "cheers", "thanks", "many thanks", "thank you",
    "thanks again", "sincerely", "yours sincerely", "yours faithfully", "yours truly", "yours",
    "love", "lots of love", "with love", "all my love", "take care", "warmly", "respectfully",
    "with thanks", "speak soon", "see you soon", "talk soon"))


# a longer line ended by a comma and a line break closes a letter too when it begins with one of
# these words ("Love you lots,⏎"), or with one of the CLOSING_STARTS and has one of them among its
# first four words ("Lots of love and big hugs,⏎", "With very best wishes to you all,⏎"), and
# nobody does anything in it ("I love you,⏎", "Oh my love,⏎" are no closings)
CLOSING_WORDS = frozenset({"regards", "wishes", "love", "hugs", "sincerely", "faithfully", "xx",
                           "xxx", "warmly", "respectfully"})
CLOSING_STARTS = frozenset({"lots", "with", "all", "much", "sending", "big", "many", "best", "warm",
                            "warmest", "kind", "kindest", "very", "and"})
THANKS = frozenset({"thanks", "thank"})  # a closing that thanks first, then wishes
_SUBJECTS = frozenset({"i", "we", "he", "she", "they", "it"})
CLOSING_MAX_WORDS = 8


def closes_letter(line: tuple[str, ...]) -> bool:
    """Whether the model tokens of a line (its comma excluded) are a closing formula."""
    if line in SIGN_OFFS:
        return True
    if not line or len(line) > CLOSING_MAX_WORDS or not all(is_word(w) for w in line) or _SUBJECTS & set(line):
        return False
    return line[0] in CLOSING_WORDS or (line[0] in CLOSING_STARTS and any(w in CLOSING_WORDS for w in line[:4])) or (
        line[0] in THANKS and any(w in CLOSING_WORDS for w in line))  # "Thanks again and best wishes"


OPENINGS = frozenset({"dear", "hello", "hi", "hey"})  # a letter's or e-mail's greeting words
GOOD_TIMES = frozenset({"morning", "afternoon", "evening"})  # "Good evening," greets too


def opens_greeting(line: tuple[str, ...]) -> bool:
    """Whether a line's model tokens begin with a greeting: "Dear …", "Hi …", "Good evening"."""
    return bool(line) and (line[0] in OPENINGS or (line[0] == "good" and len(line) > 1 and line[1] in GOOD_TIMES))
GOING_ON = frozenset({("thanks",), ("thank", "you"), ("cheers",), ("love",), ("best",)})


# whom a letter closed "Yours faithfully" greets (British usage); any other name: "sincerely"
_UNNAMED = frozenset({"sir", "sirs", "madam"})


def yours_how(tokens: tuple[str, ...]) -> str | None:
    """After "Yours " at a line's start, the word that closes this letter, when its greeting is
    in the context: "faithfully" after "Dear Sir or Madam" or "To whom it may concern",
    "sincerely" after "Dear Ms Hughes" (the training text's speeches and e-mails put "faithfully"
    first everywhere); "sincerely" when the greeting is out of sight; None elsewhere. Model
    tokens."""
    if tokens[-2:] != (EOS, "yours"):
        return None
    for n, tok in enumerate(tokens[:-2]):
        if n and tokens[n - 1] != EOS:
            continue
        end = tokens.index(EOS, n) if EOS in tokens[n:] else len(tokens)
        line = tokens[n:end]
        if line[:4] == ("to", "whom", "it", "may"):
            return "faithfully"
        if tok in OPENINGS:
            return "faithfully" if _UNNAMED & set(line) else "sincerely"
    return "sincerely"  # (the greeting out of sight: most letters greet someone by name)


# a letter's last paragraph before its closing: "I look forward to hearing from you.", "Thanks
# again for all your help.", "Let me know what you think."
# (strong: the letter ends here; weak: it may, "Thanks for the book." opens one too)
_CLOSING_CUE = re.compile(r"\b(?:look(?:ing)? forward|hear(?:ing)? from you|hesitate|speak soon|see you soon|"
                          r"talk soon|take care|in advance|all the best|best wishes|get in touch|"
                          r"thinking of you|sending (?:my|our|you) love|thanks again|thank you again)\b",
                          re.IGNORECASE)
_WEAK_CUE = re.compile(r"\b(?:thanks|thank you|let me know|appreciate)\b", re.IGNORECASE)
_GREETING = rf"({'|'.join(sorted(OPENINGS))})\b[^\n]{{0,60}}"  # "Dear Sir or Madam,", "Hi Tom"
_GREETING_LINE = re.compile(rf"^[ \t]*{_GREETING}$", re.IGNORECASE | re.MULTILINE)
# an e-mail's header line ("Subject: Booking enquiry", "To: Sam", "Re: …")
HEADER_LINE = re.compile(r"^[ \t]*(?:subject|re|fwd?|to|from|cc|bcc|date)[ \t]*:[^\n]*$",
                         re.IGNORECASE | re.MULTILINE)
_SIGNED_LINE = re.compile(r"^[ \t]*[A-Za-z][\w ]{0,30},[ \t]*$", re.MULTILINE)  # "Kind regards,"


_HEAD_GREETING = re.compile(rf"[ \t]*(?:{_GREETING}|to whom it may concern\W{{0,3}})", re.IGNORECASE)
# a letter's greeting comes within its first lines, blank ones not counted (after the sender's
# and the recipient's addresses, a date: 13 lines in a bank letter a QA typist wrote)
GREETING_HEAD_LINES = 16


@lru_cache(maxsize=4)  # (asked at each keystroke with the same document head)
def greeting_line(head: str) -> str | None:
    """The greeting line of the letter or e-mail that ``head`` (a document's first characters)
    begins ("Dear Sir or Madam,", "Hi Tom,", "To whom it may concern:"), if one of its first
    :data:`GREETING_HEAD_LINES` lines is one."""
    for line in [line for line in head.split("\n") if line.strip()][:GREETING_HEAD_LINES]:
        if _HEAD_GREETING.fullmatch(line):
            return line.strip()
    return None


def closing_due(before: str) -> tuple[tuple[str, ...], bool]:
    """At a paragraph's start in a letter or e-mail (its greeting in ``before``, the text before
    the cursor, not yet signed) whose last paragraph reads like its end ("I look forward to
    hearing from you.⏎⏎"): the first words of the closings that suit its greeting, likeliest
    first ("Yours" after "Dear Sir or Madam", "Kind" after "Dear Ms Hughes", "Best" after "Hi
    Tom"), and whether the end is sure (a weak cue, "Thanks for the book.", may open a paragraph
    too); ((), False) elsewhere. Text as typed (a line break is no sentence end here)."""
    none: tuple[tuple[str, ...], bool] = ((), False)
    body = before.rstrip(" \t")
    if not body.endswith("\n"):
        return none
    greeting = _GREETING_LINE.search(body)
    if greeting is None:
        return none
    after = body[greeting.end():]
    lines = [line for line in after.strip().split("\n") if line.strip()]
    last = re.split(r"(?<=[.!?])\s+", lines[-1].strip())[-1] if lines else ""  # its last sentence
    sure = _CLOSING_CUE.search(last) is not None
    # a weak cue in the letter's first paragraph opens it ("Thank you for your letter of 3
    # May."), unless that is all there is to say ("Thanks!")
    weak = _WEAK_CUE.search(last) is not None and (len(lines) > 1 or len(after.split()) <= 3)
    if not last or _SIGNED_LINE.search(after) or not (sure or weak):
        return none
    line = [w.strip(".,") for w in greeting.group(0).lower().split()]
    named = len(line) > 1 and (line[1] in HONORIFICS or line[1] == "miss")
    unnamed = bool(_UNNAMED & set(line))
    if "love" in last.lower() and not named and not unnamed:
        return ("Love", "Lots", "Best"), sure  # "…sending my love.⏎⏎" → Love
    if line[0] != "dear":
        return ("Best", "Thanks", "Cheers"), sure
    if unnamed:
        return ("Yours", "Kind", "Best"), sure
    if named:
        return ("Kind", "Yours", "Best"), sure
    return ("Best", "Kind", "Love"), sure


def ends_salutation(tokens: tuple[str, ...]) -> bool:
    """Whether the tokens end a letter's salutation or closing formula, "Dear John,", "Hello Mr
    Davies,", "Best wishes,": a line that began with a greeting, or is a closing formula, at its
    first comma. What comes next is a line break, which no model suggests. ("Thanks," and
    "Cheers," often go on: "Thanks, I will.")"""
    line = last_line(tokens)
    if line[-1:] != (",",) or "," in line[:-1]:
        return False
    closing = line[:-1] in SIGN_OFFS or (len(line) > 1 and line[-2] in CLOSING_WORDS and closes_letter(line[:-1]))
    return opens_greeting(line) or (closing and line[:-1] not in GOING_ON)  # ("With warmest wishes,";
    # not "Best wishes to you,", which goes on)


def signs_on_line(tokens: tuple[str, ...]) -> bool:
    """Whether the tokens end a closing word that may go on, on a line of its own, at its comma
    ("Cheers,", "Thanks,", "Love,"): a sentence may follow ("Thanks, I will."), or the writer's
    name on the same line ("Cheers, Tom"), which no model knows. Model tokens."""
    line = last_line(tokens)
    return line[-1:] == (",",) and line[:-1] in GOING_ON


def after_sign_off(tokens: tuple[str, ...]) -> bool:
    """Whether the next word starts the line after a closing formula on a line of its own
    ("Kind regards,⏎", "Lots of love and big hugs,⏎": :func:`closes_letter`): model tokens,
    whose line breaks are :data:`EOS`."""
    if tokens[-2:] != (",", EOS):
        return False
    return closes_letter(last_line(tokens[:-2]))


def on_signature(tokens: tuple[str, ...], is_name: Callable[[str], bool]) -> bool:
    """Whether the next word follows a word or three of the writer's name on the line after a
    closing formula ("Kind regards,⏎Sarah " → a surname at most, never "laughed"); ``is_name``
    tells a model token that may be a name ("sarah") from one that is not ("sounds", "i")."""
    for n in range(1, 4):
        words = tokens[-n:]
        if len(tokens) > n and all(is_word(t) and t not in _NOT_NAMES and is_name(t) for t in words) \
                and after_sign_off(tokens[:-n]):
            return True
    return False


def as_name(word: str) -> str | None:
    """``word`` written as a name after a title, or None for a word no name is ("the")."""
    if word.lower() in _NOT_NAMES:
        return None
    return word[:1].upper() + word[1:]


_HEX_ESCAPE = re.compile(r"u[0-9a-f]{4}[a-z]*")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|s)")  # "12th", "1990s": numbers a writer writes


def completed_form(partial: str, form: str) -> str:
    """The word ``form`` (its usual written form) completing what the writer typed, ``partial``,
    which is kept exactly. A writer typing lower case gets the rest in lower case when the usual
    form has capitals there: "the b" → "basics", not "bASICS" (from "BASICS"); "the l" → "lord".
    All capitals typed (two letters or more) → all capitals; a capital typed first to a word
    usually written in lower case → the same word, capitalised."""
    if partial.isupper() and len(partial) > 1:
        return form.upper()
    if partial[:1].isupper() and form[:1].islower():
        form = form[:1].upper() + form[1:]
    rest = form[len(partial):]
    if partial == partial.lower():
        rest = rest.lower()
    return partial + rest


def looks_like_code(form: str) -> bool:
    """Whether a word read only in the lexicon (never learnt) looks like an identifier, not a
    word a writer types: a capital after a lower-case start ("myIterable", "httpServer"), two
    humps or capitals after a lower-case letter ("fromModuleAndSpec", "IfBLK"; "McDonald" and
    "JavaScript" are words), or letters and digits mixed ("1200bps", "CVS1"; "12th", "1990s"
    are fine)."""
    if form[:1].islower() and any(c.isupper() for c in form):
        return True
    humps = [i for i in range(1, len(form)) if form[i - 1].islower() and form[i].isupper()]
    if len(humps) > 1 or any(form[i + 1:i + 2].isupper() for i in humps):
        return True
    if _HEX_ESCAPE.fullmatch(form):  # a character's escape, "ufffd" (the documentation's \ufffd)
        return True
    has_digit = any(c.isdigit() for c in form)
    return has_digit and any(c.isalpha() for c in form) and not _ORDINAL.fullmatch(form)


def count_forms(surface_tokens: Iterable[str], counts: Counter | None = None) -> Counter:
    """Add the written forms of words not at a sentence start to ``counts`` (returned). Words in
    a stretch of capitals (a heading, "THE BASICS"; shouting) are left out: their capitals say
    nothing about the word, as at a sentence start."""
    counts = Counter() if counts is None else counts
    toks = list(surface_tokens)
    caps = [len(t) > 1 and t.isupper() and is_word(t) for t in toks]
    at_start = True
    for i, tok in enumerate(toks):
        if tok == EOS:
            at_start = True
            continue
        shouted = caps[i] and ((i and caps[i - 1]) or (i + 1 < len(toks) and caps[i + 1]))
        if not at_start and not shouted and is_word(tok):
            counts[tok] += 1
        at_start = False
    return counts


# Words the training text writes with a capital inside a sentence that today's writers write in
# lower case there: the speeches' "the Government", "the Department", the documentation's "None"
# and "False", headings' "Handbook", "Physics", transcripts' "(Laughter.)" ("the new Math
# worksheet", "an Accelerated"). In text that uses no technical word the suggestions write them
# in lower case, unless the writer's own text capitalises them (Predictor._cased).
LOWER_IN_PROSE = frozenset(
    "government governments department departments federal union professor president presidents "
    "presidential journal bureau academy treasury university secretary commissioner attorney army "
    "navy none false true math maths physics ghost clinic laughter applause handbook tales stats "
    "unstable skeptical gram arch optics mining internet galaxy creek bay headline plasma canyon "
    "norm biography gosh hottest zip genetics vocabulary labs explorer newsletter accelerated "
    "forensic firstly empathy aerospace oops savior saviour chronicle sip mosquito typhoon "
    "courtroom citrus tertiary appendix statistic mythical neutron underdog blends cookbook "
    "biochemistry navigator sidekick unmarked armchair shopper zoology cookery aeronautics "
    "acoustics thermodynamics almanac requiem axiom eucalyptus acacia mime electronics raid yeah "
    "hey yep yup ouch aha hah mama amen lite expo nun mosque electronics headlines supreme "
    "territories empire republic".split())

TITLE_SHARE = 4  # an all-capitals form gives way to the capitalised one at a quarter of its count


class CaseTable:
    """Maps a lower-case word to its dominant written form."""

    def __init__(self, forms: Mapping[str, str] | None = None):
        self.forms: dict[str, str] = dict(forms or {})  # lower → written form (only if different)

    @classmethod
    def from_counts(cls, form_counts: Mapping[str, int], words: Iterable[str] | None = None) -> "CaseTable":
        """Build from written-form counts; keep only ``words`` (lower case) if given."""
        keep = None if words is None else set(words)
        by_word: dict[str, Counter] = defaultdict(Counter)
        for form, n in form_counts.items():
            low = form.lower()
            if keep is None or low in keep:
                by_word[low][form] += n
        forms = {}
        for low, c in by_word.items():
            best = max(c.items(), key=lambda kv: (kv[1], kv[0] == low))[0]
            title = low[:1].upper() + low[1:]
            if best.isupper() and len(best) > 1 and c.get(title, 0) * TITLE_SHARE >= c[best]:
                best = title  # "LORD" (the King James Bible's typography) and "Lord": Lord
            if best != low:
                forms[low] = best
        return cls(forms)

    def cased(self, word: str, sentence_start: bool = False) -> str:
        """The written form of a lower-case ``word``; capitalised at a sentence start."""
        form = self.forms.get(word, word)
        if sentence_start and form[:1].islower():
            form = form[:1].upper() + form[1:]
        return form

    def merged(self, other: "CaseTable") -> "CaseTable":
        """This table with ``other``'s entries added (``other`` wins on conflicts)."""
        return CaseTable({**self.forms, **other.forms})

    def to_json(self) -> dict:
        return dict(sorted(self.forms.items()))

    @classmethod
    def from_json(cls, data: Mapping[str, str]) -> "CaseTable":
        if not isinstance(data, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) and v.lower() == k for k, v in data.items()
        ):
            raise ValueError("the case table must map lower-case words to their written forms")
        return cls(data)
