"""The tokenizer: text → word, punctuation and sentence-boundary tokens (no TensorFlow).

It follows the evaluation protocol exactly: a *word* is a maximal run of characters that are
neither whitespace nor ASCII punctuation ("don't" → "don", "'", "t"), and every ASCII
punctuation character is a token of its own. On top of that the model stream gets
:data:`EOS` after a sentence-ending ``. ! ?`` (followed by whitespace or the end of the text) and
at paragraph breaks (blank lines). Model tokens are lower-cased and all-digit words become
:data:`NUM`; :mod:`wordpad_ai.text.casing` restores the written form of suggestions.

One compiled regular expression does the splitting, so 10 MB take a few seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterator

UNK = "<unk>"  # a word outside the vocabulary
EOS = "<eos>"  # end of a sentence or paragraph
NUM = "<num>"  # any all-digit word
SPECIALS = (UNK, EOS, NUM)

_PUNCT = r"!-/:-@\[-`{-~"  # the 32 ASCII punctuation characters, as a character-class body
TOKEN_RE = re.compile(
    r"(?P<para>\n[^\S\n]*\n)"  # a blank line: paragraph break
    rf"|(?P<word>[^\s{_PUNCT}]+)"  # a word: neither whitespace nor ASCII punctuation
    r"|(?P<end>[.!?](?=\s|$))"  # a sentence end: . ! ? before whitespace or the end
    rf"|(?P<punct>[{_PUNCT}])"  # any other ASCII punctuation character
)
_PARA_RE = re.compile(r"\n[^\S\n]*\n\s*")
# a number that goes on: a decimal point, a time's colon or a thousands comma, with what digits
# follow it typed ("£64." "£47.9" "10:3" "1,")
_IN_NUMBER = re.compile(r"\d[.:,/]\d*\Z|[$£€¥#]\Z")  # (a currency sign, "#": its number comes)
# a telephone number (or a code) being typed: "+44 7", "07700 9", "0800 123 ", "0800 123 4567";
# not a score or a range ("3-2 ", "10-12 ", "2019-2020 ") nor a signed number ("+5 ")
_IN_PHONE = re.compile(r"(?:\+(?:1|\d{2,3})|(?<![\w.,:])0\d{2,})(?:[ -]\d+)*[ -]?\d*\Z"
                       r"|\(\d{3}\) ?\d{3}[-. ]?\d*\Z|(?<![\w.,:-])\d{3}[-.]\d{3}[-.]\d*\Z")  # (555) 214-, 555-214-
# an abbreviation of single letters and full stops being typed ("p.m", "e.g", "9 a.", "U.S") or an
# e-mail address ("jason.miller@bri"): no word of the vocabulary goes on from there. (A dotted
# name's parts are words: "os.pa" → path; leaving them out cost 0.2 KSR points on both samples.)
_IN_DOTTED = re.compile(r"(?:\A|[\s\d(])(?:[a-z]\.)+[a-z]?\Z|(?:\A|[\s(])(?:[A-Z]\.)+[A-Z]\Z"
                        r"|[\w.+-]@[\w.-]*\Z"
                        # an address's first part, its @ still to come ("by email at claire.")
                        r"|(?i:\be-?mail\b)[^\n.]{0,12} (?:at|to|on) [\w+-]+\.[\w.+-]*\Z")
_WORD_END_RE = re.compile(rf"[^\s{_PUNCT}]+\Z")


# Typographic quotes and apostrophes, as word processors and mail programs write them: the
# model reads them as the ASCII marks ("don’t" is "don", "'", "t", as "don't" is)
_PLAIN_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                               "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


def plain_quotes(text: str) -> str:
    """``text`` with its curly quotes and apostrophes written as the ASCII ones."""
    return text.translate(_PLAIN_QUOTES)


_LAST_APOSTROPHE = re.compile(r"[^\W\d_]['\u2019](?=[^\W\d_])|[^\W\d_]['\u2019](?!.)", re.S)


def writes_curly(text: str) -> bool:
    """Whether the writer's apostrophes are curly: the last one inside or at the end of a word
    in ``text`` (its last 400 characters) is ’ ("I don’t know. We’" → True); with none there,
    whether their last double quote is curly ('He said, “I ' → True: quotes made smart)."""
    found = None
    for found in _LAST_APOSTROPHE.finditer(text[-400:]):
        pass
    if found is not None:
        return found.group()[1] == "\u2019"
    quote = max(text.rfind(q, len(text) - 400) for q in '"\u201c\u201d')
    return quote >= 0 and text[quote] != '"'


def curly_apostrophes(word: str) -> str:
    """``word`` with its ASCII apostrophes written curly ("don't" → don’t)."""
    return word.replace("'", "\u2019")


def apostrophes_as_written(suggestions: list, text_before_cursor: str) -> list:
    """The suggestions (:class:`~wordpad_ai.api.Suggestion`) with curly apostrophes where the
    writer's are curly (:func:`writes_curly`: "I don’t know. I haven" → haven’t); as they are
    otherwise. The one place both the models and the engine write them so."""
    if not any("'" in s.word or any("'" in w for w in s.continuation) for s in suggestions) or (
            not writes_curly(text_before_cursor)):
        return suggestions
    return [replace(s, word=curly_apostrophes(s.word),
                    continuation=tuple(curly_apostrophes(w) for w in s.continuation)) for s in suggestions]


def iter_surface(text: str) -> Iterator[str]:
    """Tokens as written (case kept), with :data:`EOS` after sentences and at paragraph breaks.

    Never two :data:`EOS` in a row and none at the very start.
    """
    last_eos = True
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup
        if kind == "para":
            if not last_eos:
                last_eos = True
                yield EOS
            continue
        yield m.group()
        last_eos = False
        if kind == "end":
            last_eos = True
            yield EOS


def normalise(token: str) -> str:
    """The model's form of a surface token: lower case; all-digit words become :data:`NUM`."""
    if token.isdigit() and token.isascii():
        return NUM
    return token if token in SPECIALS else token.lower()


def tokenize(text: str) -> list[str]:
    """Model tokens of ``text`` (lower-cased, with :data:`EOS` and :data:`NUM`; curly quotes
    read as straight ones, :func:`plain_quotes`)."""
    return [normalise(t) for t in iter_surface(plain_quotes(text))]


def split_words(text: str) -> list[str]:
    """The evaluation protocol's tokens: words and single ASCII punctuation characters, as written."""
    return [t for t in iter_surface(text) if t != EOS]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text`` (separated by blank lines), empty ones dropped."""
    return [p for p in _PARA_RE.split(text) if p.strip()]


def in_number(text: str) -> bool:
    """Whether ``text`` ends inside a number, after its point, colon, comma or slash ("£64."
    "10:3" "12/"), or where one starts ("I spent $", "user #"): no word comes next, and no
    completion of the digits is one ("£47.9" ↛ 9th)."""
    return _IN_NUMBER.search(text[-40:]) is not None


def in_dotted_word(text: str) -> bool:
    """Whether ``text`` ends in an abbreviation with full stops or an e-mail address being typed
    ("6:30 p.m", "see e.g", "9 a.", "the U.S", "jason.miller@b", "by email at claire."): no
    suggestion goes there."""
    return _IN_DOTTED.search(text[-40:]) is not None


def in_phone_number(text: str) -> bool:
    """Whether ``text`` ends in a telephone number or a code being typed, one that starts with a
    country code ("+44 7", "+1 555") or a 0 ("07700 9", "0800 ", "0800 123 4"): more digits come
    next, no word and no ending ("0800 1" ↛ 1st)."""
    return _IN_PHONE.search(text[-40:]) is not None


def is_word(token: str) -> bool:
    """Whether a token is a word (not punctuation, not a special token)."""
    return bool(token) and token not in SPECIALS and not (len(token) == 1 and _is_punct(token))


def _is_punct(ch: str) -> bool:
    return ch.isascii() and not ch.isalnum() and not ch.isspace()


@dataclass(frozen=True)
class Context:
    """The text before the cursor, as the predictor needs it."""

    tokens: tuple[str, ...]  # model tokens of the complete part (the partial word excluded)
    partial: str  # the partly typed word at the cursor, as written ("" after a space/punctuation)
    sentence_start: bool  # whether the next word starts a sentence (capitalise suggestions)
    shouting: bool = False  # whether the writer is typing in capitals (suggest in capitals)
    # the writer's names: words the text writes with a capital inside a sentence and never in
    # lower case ("Orchard Lane", "Tom Price"), in lower case (:func:`written_names`)
    names: frozenset[str] = frozenset()


def partial_word(text: str) -> str:
    """The partly typed word at the end of ``text`` ("" after a space or punctuation; not the
    curly opening quote or the Spanish mark in front of it: 'She said, “I' → I)."""
    m = _WORD_END_RE.search(text)
    return m.group().lstrip(_OPENING_MARKS) if m else ""


_OPENING_MARKS = "“‘«¿¡"  # non-ASCII marks that open a quotation or a sentence


def analyse_context(text: str) -> Context:
    """Split the text before the cursor into complete tokens and a partly typed last word."""
    partial = partial_word(text)  # (a number being typed is a partial word too: "12" → 12th)
    body = text[: len(text) - len(partial)] if partial else text
    tokens, sentence_start = _read_body(body)
    return Context(tokens=tokens, partial=partial, sentence_start=sentence_start,
                   shouting=is_shouting(text), names=written_names(body))


@lru_cache(maxsize=8)  # (the text before the word being typed: the same at each of its letters)
def _read_body(body: str) -> tuple[tuple[str, ...], bool]:
    """The model tokens of the text before the word being typed, and whether the next word
    starts a sentence. Tokenizing a context's 600 characters costs ~0.2 ms: once per word."""
    tokens = tuple(tokenize(body))
    if lone_bullet(body) and tokens[-1:] == (body.strip()[-1],):
        tokens = tokens[:-1]  # a list's "-" alone on its line: a list item starts, no signature
    if tokens[-5:] in _GOES_ON:  # "bring snacks, e.g. " → the, to, not "The": no sentence ends
        return tokens, False  # (the network reads it as the end it looks like: "the", "to")
    return tokens, not tokens or tokens[-1] == EOS or _quote_starts_sentence(body, tokens)


# "e.g." and "i.e." end no sentence, though their last full stop reads as one
_GOES_ON = frozenset({("e", ".", "g", ".", EOS), ("i", ".", "e", ".", EOS)})
_ENDS_SENTENCE = tuple(".!?:;")  # after these a capital starts a sentence
_WORD_MARKS = "\"'“”‘’()[],;:.!?…"  # stripped from a whitespace-separated word's ends


@lru_cache(maxsize=8)  # (the text before the word being typed: the same at each of its letters)
def written_names(text: str) -> frozenset[str]:
    """The words ``text`` writes with a capital inside a sentence (not a line's first word nor
    after a full stop, a colon, an opening quote or bracket) and nowhere in lower case, in lower
    case (each is written capitalised, "Price"): the writer's people and places ("Orchard Lane",
    "Tom Price"), which the model's case table may not know as names ("lane", "price"). Asked at
    every keystroke: one pass of str.split (~15-30 µs for the 600 characters of a context)."""
    names, lower = set(), set()
    for line in text.split("\n"):
        chunks = line.split()
        if len(chunks) > 1 and not any(c[:1].islower() for c in chunks):
            continue  # a heading's or an address line's capitals are no names ("St Mary's
            # Primary School" → "absent from school", not School)
        for i, chunk in enumerate(chunks):
            word = chunk.strip(_WORD_MARKS)
            if word.islower():
                lower.add(word)
            elif (i and not chunks[i - 1].endswith(_ENDS_SENTENCE) and word[1:].islower() and word[:1].isupper()
                  and word.isalpha() and chunk[:1] not in _WORD_MARKS
                  and not (i + 1 < len(chunks) and chunks[i + 1][:1].isdigit())):
                names.add(word)  # (not a label's word before its number: "Homework in Year 5",
                # "Room 12": "this year", "the room" stay in lower case)
    return frozenset(low for n in names if (low := n.lower()) not in lower)


_QUOTES = "\"'“‘«"
BULLETS = "-*+•"  # a list item's markers


def lone_bullet(text: str) -> bool:
    """Whether ``text`` ends in a list item's marker alone on its line ("What to bring:⏎-"): an
    item starts, and its first word follows after a space."""
    line = text.rsplit("\n", 1)[-1].strip()
    return len(line) == 1 and line in BULLETS
_SENTENCE_ENDS = frozenset({".", "?", "!", EOS})


def _quote_starts_sentence(body: str, tokens: tuple[str, ...]) -> bool:
    """Whether a quotation mark at the end of ``body`` (the text before the word being typed)
    leaves the next word at a sentence start: a closing one after a full stop ('"Sit down." ' →
    She; after "?" or "!" a speech tag goes on in lower case: '"Stop!" he said'), an opening one
    after a sentence's end, a comma or a colon ('He said, "' → I; '.⏎"' → You)."""
    text = body.rstrip()
    if not text or text[-1] not in _QUOTES + "”’»":
        return False
    before = tokens[-2] if len(tokens) > 1 else EOS
    opening = text[-1] in "“‘«" or (text[-1] in _QUOTES and (len(text) == 1 or text[-2].isspace()))
    if opening:
        return before in _SENTENCE_ENDS or before in (",", ":")
    return before == "."


_ALNUM_RE = re.compile(r"[^\W_]+")


def is_shouting(text: str) -> bool:
    """Whether the writer is typing in capitals: the last two words of two letters or more
    before the cursor ("PLEASE NOTE THAT ", "PLEASE N") are in capitals, and the word being typed
    has no lower-case letter. One word in capitals is an acronym ("I use NASA "). On a line with
    fewer than two such words the line above counts only if it is all in capitals ("DEAR SIR⏎⏎"
    → shouting; a heading's capitals, "Freepost CUSTOMER SERVICE⏎⏎12 ", are not)."""
    # words with a digit are codes, not shouting ("Harrogate, HG2 7QP. " → The); a closed
    # quotation's capitals are quoted, not shouted ('shown as "ELECTROMART LONDON", ' → and)
    raw = text[-80:].split("\n")
    q = max(raw[-1].rfind('"'), raw[-1].rfind("”"))
    if q >= 0 and (raw[-1][q] == "”" or raw[-1].count('"') % 2 == 0):
        raw[-1] = raw[-1][q + 1:]
    lines = [[w for w in _ALNUM_RE.findall(line) if not any(c.isdigit() for c in w)] for line in raw]
    words = lines[-1]
    if words and text[-1:].isalpha() and words[-1] != words[-1].upper():
        return False
    long = [w for w in words if len(w) > 1]
    if len(long) < 2:
        above = next((line for line in reversed(lines[:-1]) if line), [])
        if any(not w.isupper() for w in above if len(w) > 1):
            return False
        long = [w for w in above if len(w) > 1] + long
    return len(long) >= 2 and all(w.isupper() for w in long[-2:])
