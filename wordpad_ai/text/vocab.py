"""Vocabulary (the model's word ↔ id map) and completion lexicon (more words, with counts).

The vocabulary is size-capped and frequency-sorted, special tokens first (:data:`SPECIALS`:
``<unk>`` = 0, ``<eos>`` = 1, ``<num>`` = 2). The lexicon keeps many more words with their counts
so a partly typed rare word can still be completed: such a word scores P(<unk>) × its share of
the lexicon's out-of-vocabulary count mass.
"""

from __future__ import annotations

import bisect
from collections import Counter
from typing import Iterable, Mapping, Sequence

from .tokenize import SPECIALS, UNK, is_word


def prefix_range(sorted_words: Sequence[str], prefix: str) -> tuple[int, int]:
    """(lo, hi): ``sorted_words[lo:hi]`` are the words that start with ``prefix``."""
    return (bisect.bisect_left(sorted_words, prefix),
            bisect.bisect_left(sorted_words, prefix + "\U0010ffff"))


class Vocabulary:
    """An ordered list of tokens; the index is the id."""

    def __init__(self, tokens: Sequence[str]):
        tokens = list(tokens)
        if tokens[: len(SPECIALS)] != list(SPECIALS):
            raise ValueError(f"a vocabulary must start with {', '.join(SPECIALS)}")
        if len(set(tokens)) != len(tokens):
            raise ValueError("a vocabulary must not repeat tokens")
        self.tokens: list[str] = tokens
        self.index: dict[str, int] = {t: i for i, t in enumerate(tokens)}
        self.unk_id = self.index[UNK]

    @classmethod
    def build(cls, counts: Mapping[str, int], max_size: int, min_count: int = 1) -> "Vocabulary":
        """The ``max_size`` most frequent tokens (ties broken alphabetically), specials first."""
        ranked = sorted(
            ((t, n) for t, n in counts.items() if n >= min_count and t not in SPECIALS),
            key=lambda tn: (-tn[1], tn[0]),
        )
        return cls(list(SPECIALS) + [t for t, _ in ranked[: max(0, max_size - len(SPECIALS))]])

    def extended(self, counts: Mapping[str, int], max_new: int, min_count: int = 2) -> "Vocabulary":
        """This vocabulary plus up to ``max_new`` frequent new tokens of ``counts`` (appended, so
        existing ids keep their meaning)."""
        new = sorted(
            ((t, n) for t, n in counts.items() if n >= min_count and t not in self.index),
            key=lambda tn: (-tn[1], tn[0]),
        )[:max_new]
        return Vocabulary(self.tokens + [t for t, _ in new])

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, token: str) -> bool:
        return token in self.index

    def id(self, token: str) -> int:
        return self.index.get(token, self.unk_id)

    def ids(self, tokens: Iterable[str]) -> list[int]:
        get, unk = self.index.get, self.unk_id
        return [get(t, unk) for t in tokens]

    def to_json(self) -> list[str]:
        return list(self.tokens)

    @classmethod
    def from_json(cls, data) -> "Vocabulary":
        if not isinstance(data, list) or not all(isinstance(t, str) for t in data):
            raise ValueError("the vocabulary must be a JSON list of strings")
        return cls(data)


class Lexicon:
    """Lower-case words with their counts, most frequent first, for completing partial words."""

    def __init__(self, counts: Mapping[str, int]):
        self.counts: dict[str, int] = dict(sorted(counts.items(), key=lambda tn: (-tn[1], tn[0])))

    @classmethod
    def build(cls, counts: Mapping[str, int], max_size: int = 50_000) -> "Lexicon":
        words = Counter({t: n for t, n in counts.items() if is_word(t)})
        return cls(dict(words.most_common(max_size)))

    def merged(self, other: "Lexicon", max_size: int = 50_000) -> "Lexicon":
        c = Counter(self.counts)
        c.update(other.counts)
        return Lexicon(dict(c.most_common(max_size)))

    def oov_shares(self, vocab: Vocabulary) -> dict[str, float]:
        """Each out-of-vocabulary word's share of the lexicon's out-of-vocabulary count mass."""
        oov = {w: n for w, n in self.counts.items() if w not in vocab}
        total = sum(oov.values()) or 1
        return {w: n / total for w, n in oov.items()}

    def __len__(self) -> int:
        return len(self.counts)

    def to_json(self) -> dict:
        return dict(self.counts)

    @classmethod
    def from_json(cls, data) -> "Lexicon":
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and v >= 0 for k, v in data.items()
        ):
            raise ValueError("the lexicon must map words to non-negative counts")
        return cls(data)
