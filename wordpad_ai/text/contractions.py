"""Contractions: the tokenizer splits "don't" into "don", "'", "t", as the evaluation protocol
does, so the models know them in pieces. Three rules keep suggestions spelt right:

- A contraction written without its apostrophe ("dont", "wasnt", "youre": common in e-mail) is
  never suggested (:data:`NOT_WORDS`).
- A typed stem that only ends a contraction ("don", "wasn", "couldn") is completed with its
  apostrophe: "I don" → "don't" (:func:`completion`). The models still offer the stem itself
  where it is the next token ("I do" → don), as the keystroke protocol counts it; the editor's
  engine writes it out ("don't") before the writer sees it (:func:`completion` again).
- Right after a word's apostrophe only the endings a contraction or a possessive can have are
  suggested ("don'" → t; "Green'" → s), never a new word (:func:`endings_after`,
  :func:`apostrophe_word`).
"""

from __future__ import annotations

import re

# stems that end in n and are only ever followed by 't ("can" and "won" are words of their own)
NT_STEMS = frozenset("don doesn didn isn wasn aren weren haven hasn hadn couldn wouldn shouldn "
                     "mustn needn mightn ain".split())
# apostrophe-less contractions that are no word of their own ("its", "lets", "were", "well", "ill",
# "shed", "wed", "id" are words, so they stay)
NOT_WORDS = frozenset({stem + "t" for stem in NT_STEMS} | set(
    "cant wont im ive youre theyre thats whats theres heres wheres whos hows shes youve weve "
    "theyve youll theyll itll thatll wouldve couldve shouldve mightve mustve".split()))
ENDINGS = ("t", "s", "m", "re", "ve", "ll", "d")  # what may follow a word's apostrophe
APOSTROPHES = "'\u2019"
# what an apostrophe that opens or joins a word starts ("tell 'em", "'er indoors", "rock 'n'
# roll", "cc'ed"): the model reads "the freshers' " as that apostrophe, so none is a next word
# after a word's closing apostrophe and a space ("the freshers' " → to, and; was "em", "er")
ELIDED = frozenset({"em", "er", "n", "ed", "ing", "st", "da"})
_CLOSING_APOSTROPHE = re.compile(rf"[^\W\d_][{APOSTROPHES}]\s+\Z")
APOSTROPHE_WORD_CHARS = 40  # how far back the word before an apostrophe is read (any real word)
_PLURAL = re.compile(r"\w+[^sui]s")  # a plural (parents, teachers), not boss, class, bus, this
_APOSTROPHE_END = re.compile(rf"([^\W\d_]+)[{APOSTROPHES}]\Z")
_PRONOUNS = {"i", "you", "he", "she", "it", "we", "they", "who", "what", "that", "there", "this",
             "where", "how", "here", "why", "when"}
# which words each ending follows ("s": any word, possessive or "is"/"has"; "t": the n-stems)
_AFTER = {"m": {"i"}, "re": {"you", "we", "they", "who", "what", "where", "there", "here", "how",
                             "why", "when"},
          "ve": {"i", "you", "we", "they", "who", "what", "where", "could", "would", "should",
                 "might", "must"},
          "ll": _PRONOUNS, "d": _PRONOUNS}


def endings_after(word: str, after_number: bool = False) -> tuple[str, ...]:
    """The endings that can follow ``word`` and its apostrophe ("don" → t, s; "I" → m, ve, ll,
    d, s; "Green" → s; "o" after a number → clock)."""
    low = word.lower()
    if low == "o" and after_number:  # "2 o'" → clock ("Mr O'" → s, for O'Brien's sake)
        return ("clock",)
    if word == low and _PLURAL.fullmatch(low):  # "the parents'" is whole: no "parents's" ("the
        # boss's", "James's" are right)
        return tuple(e for e in ENDINGS if e != "s" and low in _AFTER.get(e, ()))
    n_stem = low in NT_STEMS or low in ("can", "won")
    return tuple(e for e in ENDINGS
                 if e == "s" or (e == "t" and n_stem) or low in _AFTER.get(e, ()))


def after_closing_apostrophe(text_before_cursor: str) -> bool:
    """Whether the text ends in a word's apostrophe and a space ("the parents' "), where the
    apostrophe closed its word and the next is a word of its own, never an :data:`ELIDED` one."""
    return _CLOSING_APOSTROPHE.search(text_before_cursor[-APOSTROPHE_WORD_CHARS:]) is not None


def completion(partial: str) -> str | None:
    """The contraction a typed stem can only be the start of ("Don" → "Don't"), or None."""
    if partial.lower() not in NT_STEMS:
        return None
    return partial + ("'T" if partial.isupper() and len(partial) > 1 else "'t")


def apostrophe_word(text_before_word: str) -> str | None:
    """The word whose apostrophe ends the text ("I don'" → "don", "Mr Green'" → "Green"): the
    next letters end that word. None when the text does not end so ("He said '")."""
    m = _APOSTROPHE_END.search(text_before_word[-APOSTROPHE_WORD_CHARS:])
    return m.group(1) if m else None


def word_of_ending(text_before_cursor: str, partial: str) -> str | None:
    """The word whose ending ``partial`` (the letters typed at the cursor) is, when they follow
    its apostrophe ("I don't" with "t" typed → "don"); None otherwise (:func:`apostrophe_word`)."""
    end = len(text_before_cursor) - len(partial)
    return apostrophe_word(text_before_cursor[max(0, end - APOSTROPHE_WORD_CHARS - 1):end])
