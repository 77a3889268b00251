"""The case table: each word's dominant written form, so suggestions come out as people type them.

The model sees lower-cased tokens only. While reading the training text we count the written
forms of every word *away from sentence starts* (where capitals say nothing about the word);
the most frequent form wins ("linux" → "Linux", "i" → "I", "nasa" → "NASA"). Only forms that
differ from the lower-case word are stored. At a sentence start a suggestion is capitalised.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable, Mapping

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


def as_name(word: str) -> str | None:
    """``word`` written as a name after a title, or None for a word no name is ("the")."""
    if word.lower() in _NOT_NAMES:
        return None
    return word[:1].upper() + word[1:]


def count_forms(surface_tokens: Iterable[str], counts: Counter | None = None) -> Counter:
    """Add the written forms of words not at a sentence start to ``counts`` (returned)."""
    counts = Counter() if counts is None else counts
    at_start = True
    for tok in surface_tokens:
        if tok == EOS:
            at_start = True
            continue
        if not at_start and is_word(tok):
            counts[tok] += 1
        at_start = False
    return counts


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
