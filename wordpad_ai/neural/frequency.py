"""How common each word is in today's English, to rank suggestions beyond the training text.

The shipped models learned from documentation, scripture, speeches and 2002 e-mails; a word's
share of that text is not its share of what people write now ("invoke" is common in the Python
documentation, "invite" in letters). Each word's probability is rescaled by how much more (or
less) common it is in modern English than in the training text (unigram rescaling):

    P'(w | h) ∝ P(w | h) · (f_modern(w) / f_train(w))^β,   the log-ratio clipped to ±``clip``

``f_modern`` comes from ``wordfreq`` (https://github.com/rspeer/wordfreq; data CC-BY-SA 4.0,
code Apache-2.0), read once at *build* time; the model directory ships the derived table, so
nothing is needed at run time. File ``frequencies.npz`` (optional):

    word_lines str          lower-case words, one per line: the vocabulary's, then the
                            lexicon's others
    words     str [W]       the same words as an array (what older versions read; read when
                            there is no ``word_lines``)
    modern    float32 [W]   share of running English words (wordfreq, "en"); 0 if unknown (below
                            :data:`UNUSED_BELOW`: a word today's English hardly uses,
                            :meth:`FrequencyTable.unused_today`)
    train     float32 [W]   share of the training text's words
    params    float32 [2]   (β, clip)
    never_suggested  str [M]  (optional) words read but never offered: misspellings of a far more
                              common word (:func:`misspellings`; the e-mails write "recieve") and
                              offensive words
    technical        str [T]  (optional) the training text's technical words ("socket",
                              "directory": :func:`technical_words`), held back in text that uses
                              none of them (a recipe's "Add the " → garlic, not "file")

Words missing from the table (a user's fine-tuned additions) keep their probability (ratio 1).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from ..text.contractions import completion

FILE = "frequencies.npz"
BETA = 0.3  # β: how strongly modern frequency reweights the model
CLIP = 2.0  # |log ratio| at most this (a factor of e^2 ≈ 7.4 before β)
FLOOR = 1e-8  # frequencies below this count as this (unknown words)
UNUSED_BELOW = 1e-7  # a word rarer than this today (Zipf < 2: once in 100 M words) is unused
VOWELS = frozenset("aeiouy")
MISSPELT_RATIO = 30.0  # the correct spelling is at least this many times more common today...
MISSPELT_MIN_SHARE = 3e-6  # ...and itself common (Zipf ≥ 3.5: "receive", not "stain")
MISSPELT_MAX_SHARE = 1e-6  # a word this common today (Zipf ≥ 3: "thus", "bitter") is a word
MISSPELT_MAX_TRAIN = 1e-5  # a word this common in the training text (~30 in 3 M words) is meant
VOWEL_STRICTER = 3.0  # a vowel slip needs a 3× stronger neighbour (Zipf ≥ 4, 90× as common)
TECHNICAL_RATIO = 30.0  # a technical word: this many times as common in the technical text...
TECHNICAL_MIN_COUNT = 20  # ...and seen this often in it (515 words of the shipped models' text)


class FrequencyTable:
    """Modern and training-text word frequencies (module docstring)."""

    def __init__(self, words: Sequence[str], modern: np.ndarray, train: np.ndarray,
                 beta: float = BETA, clip: float = CLIP, never_suggested: Sequence[str] = (),
                 technical: Sequence[str] = ()):
        self.words = list(words)  # lower-case words
        self._index = {w: i for i, w in enumerate(self.words)}  # word → its row (modern_of)
        self.never_suggested = frozenset(never_suggested)  # lower-case words never offered (module docstring)
        self.technical = frozenset(technical)  # the training text's technical words (module docstring)
        self.modern = np.asarray(modern, np.float64)  # share of modern English
        self.train = np.asarray(train, np.float64)  # share of the training text
        self.beta = beta  # β
        self.clip = clip  # bound on |log ratio|

    def log_ratio(self) -> np.ndarray:
        """clip(log f_modern − log f_train), per word of :attr:`words`."""
        r = np.log(np.maximum(self.modern, FLOOR)) - np.log(np.maximum(self.train, FLOOR))
        return np.clip(r, -self.clip, self.clip)

    def bias(self, tokens: Sequence[str]) -> np.ndarray:
        """β · log-ratio for each token of a vocabulary (0 for tokens not in the table), [V];
        added to the network's logits."""
        out = np.zeros(len(tokens), np.float32)
        if self.beta == 0:
            return out
        index = {w: i for i, w in enumerate(tokens)}
        r = self.log_ratio()
        for w, x in zip(self.words, r):
            j = index.get(w)
            if j is not None:
                out[j] = self.beta * x
        return out

    def unused_today(self) -> frozenset[str]:
        """The words modern English hardly uses (f_modern below :data:`UNUSED_BELOW`): archaic
        ("deliverest"), rare ("voussoirs", "footboy"), identifiers ("asyncio"). Words missing
        from the table are not among them."""
        return frozenset(w for w, f in zip(self.words, self.modern) if f < UNUSED_BELOW)

    def unknown_today(self, words: Iterable[str]) -> frozenset[str]:
        """Those of ``words`` that modern English does not use at all (f_modern 0: "tofile",
        "propertyname", "consistenty"), identifiers and misspellings mostly."""
        return frozenset(w for w in words if w in self._index and self.modern[self._index[w]] <= 0)

    def modern_of(self, words: Sequence[str]) -> np.ndarray:
        """f_modern of each of ``words`` (0 where unknown)."""
        return np.array([self.modern[self._index[w]] if w in self._index else 0.0 for w in words],
                        np.float64)

    def save(self, path: Path) -> None:
        with open(path, "wb") as fh:
            # the words as one text, a line each (an array of strings takes as much memory per
            # word as the longest needs); the array too, for older versions of the app, which
            # read only it (the arrays of an .npz are read only when asked for)
            np.savez_compressed(fh, word_lines=np.array("\n".join(self.words)),
                                words=np.array(self.words, dtype=str),
                                modern=self.modern.astype(np.float32), train=self.train.astype(np.float32),
                                params=np.array([self.beta, self.clip], np.float32),
                                never_suggested=np.array(sorted(self.never_suggested), dtype=str),
                                technical=np.array(sorted(self.technical), dtype=str))

    @classmethod
    def load(cls, path: Path) -> "FrequencyTable":
        """Read ``frequencies.npz``; ValueError (naming what is wrong) if it is not valid."""
        with np.load(path, allow_pickle=False) as data:
            if not {"words", "modern", "train", "params"} <= set(data.files):
                raise ValueError(f"{path.name} lacks one of the arrays words, modern, train, params")
            modern, train = data["modern"], data["train"]
            words = data["word_lines"] if "word_lines" in data.files else data["words"]
            if words.dtype.kind == "U":  # one line per word (an older table: only the array)
                words = (str(words).split("\n") if str(words) else []) if words.ndim == 0 else words.tolist()
            if not isinstance(words, list) or not len(words) == len(modern) == len(train):
                raise ValueError(f"{path.name}: words, modern and train must be equally long (words as text)")
            if not (np.all(np.isfinite(modern)) and np.all(np.isfinite(train))
                    and np.all(modern >= 0) and np.all(train >= 0)):
                raise ValueError(f"{path.name}: frequencies must be finite and non-negative")
            beta, clip = (float(x) for x in data["params"][:2])
            never = data["never_suggested"] if "never_suggested" in data.files else np.array([], dtype=str)
            technical = data["technical"] if "technical" in data.files else np.array([], dtype=str)
            for name, array in (("never_suggested", never), ("technical", technical)):
                if len(array) and array.dtype.kind != "U":
                    raise ValueError(f"{path.name}: {name} must be words (text)")
            return cls(words, modern, train, beta, clip, never.tolist(), technical.tolist())


def technical_words(counts: dict[str, int], modern: dict[str, float], ratio: float = TECHNICAL_RATIO,
                    min_count: int = TECHNICAL_MIN_COUNT) -> list[str]:
    """The words of a technical text (``counts``: its tokens) at least ``ratio`` times as common
    in it as in today's English (``modern``: shares), seen ``min_count`` times: its jargon
    ("function", "directory", "socket", "kernel"), not words every text has."""
    total = sum(counts.values()) or 1
    # (not a contraction's stem: today's English counts "doesn't" as one word, so "doesn" looks
    # far commoner in the documentation than anywhere)
    return sorted(w for w, c in counts.items()
                  if c >= min_count and w in modern and c / total >= ratio * max(modern[w], FLOOR)
                  and completion(w) is None)


def misspellings(words: Sequence[str], modern: Sequence[float], train: Sequence[float] | None = None,
                 known: Iterable[str] = ()) -> list[str]:
    """The ``words`` that look like a slip in spelling another, far more common, word of the list.

    Training text written by people (the e-mails) carries their typos, and a model suggests what
    it read: "recie" → "recieves". A word counts as misspelt when one typist's slip turns a word
    at least :data:`MISSPELT_RATIO` times more common in today's English (``modern``, e.g.
    wordfreq shares) and itself common (≥ :data:`MISSPELT_MIN_SHARE`) into it, while the word
    itself is rare today (< :data:`MISSPELT_MAX_SHARE`): two neighbouring
    letters swapped ("thier"), one vowel for another ("definately", "seperate"), or a letter
    doubled or not ("untill", "occured"). Edits that make different words of technical text
    ("stdin" is a consonant away from "stain", "xterm" a letter longer than "term") are not slips,
    and the first letter is never changed. Words of fewer than four letters are kept, and so are
    words a spelling dictionary ``known`` lists ("retried", "bellow") and words the training text
    (shares ``train``) uses often (:data:`MISSPELT_MAX_TRAIN`: "cron" in the system manuals; a
    typo is written a few times, not hundreds)."""
    share = dict(zip(words, (float(x) for x in modern)))
    known = frozenset(known)
    used = dict(zip(words, (float(x) for x in train))) if train is not None else {}

    def slips(w: str):
        """(candidate correct spelling, whether the slip is a vowel swap: the weaker evidence)"""
        for i in range(1, len(w) - 1):  # swapped neighbours (not the first letter)
            if w[i] != w[i + 1]:
                yield w[:i] + w[i + 1] + w[i] + w[i + 2:], False
        for i in range(1, len(w)):
            if w[i] in VOWELS:  # one vowel for another
                for v in VOWELS - {w[i]}:
                    yield w[:i] + v + w[i + 1:], True
            if w[i] == w[i - 1]:  # a doubled letter written once more than meant
                if i > 1:
                    yield w[:i] + w[i + 1:], False
            else:  # a letter meant double written once
                yield w[:i] + w[i - 1] + w[i:], False

    out = []
    for w in words:
        if len(w) < 4 or not w.isalpha():
            continue
        mine = share.get(w, 0.0)
        if (mine >= MISSPELT_MAX_SHARE or w in known or used.get(w, 0.0) >= MISSPELT_MAX_TRAIN
                or w + "'t" in known):  # the tokenizer's half of "hadn't"
            continue
        for right, vowel in slips(w):
            other = share.get(right, 0.0)
            if vowel and other < VOWEL_STRICTER * max(MISSPELT_MIN_SHARE, MISSPELT_RATIO * mine):
                continue
            if other >= max(MISSPELT_MIN_SHARE, MISSPELT_RATIO * mine):
                out.append(w)
                break
    return out
