"""How common each word is in today's English, to rank suggestions beyond the training text.

The shipped models learned from documentation, scripture, speeches and 2002 e-mails; a word's
share of that text is not its share of what people write now ("invoke" is common in the Python
documentation, "invite" in letters). Each word's probability is rescaled by how much more (or
less) common it is in modern English than in the training text (unigram rescaling):

    P'(w | h) ∝ P(w | h) · (f_modern(w) / f_train(w))^β,   the log-ratio clipped to ±``clip``

``f_modern`` comes from ``wordfreq`` (https://github.com/rspeer/wordfreq; data CC-BY-SA 4.0,
code Apache-2.0), read once at *build* time; the model directory ships the derived table, so
nothing is needed at run time. File ``frequencies.npz`` (optional):

    words     str [W]       lower-case words
    modern    float32 [W]   share of running English words (wordfreq, "en"); 0 if unknown
    train     float32 [W]   share of the training text's words
    params    float32 [2]   (β, clip)

Words missing from the table (a user's fine-tuned additions) keep their probability (ratio 1).
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

FILE = "frequencies.npz"
BETA = 0.3  # β: how strongly modern frequency reweights the model
CLIP = 2.0  # |log ratio| at most this (a factor of e^2 ≈ 7.4 before β)
FLOOR = 1e-8  # frequencies below this count as this (unknown words)


class FrequencyTable:
    """Modern and training-text word frequencies (module docstring)."""

    def __init__(self, words: Sequence[str], modern: np.ndarray, train: np.ndarray,
                 beta: float = BETA, clip: float = CLIP):
        self.words = list(words)  # lower-case words
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

    def modern_of(self, words: Sequence[str]) -> np.ndarray:
        """f_modern of each of ``words`` (0 where unknown)."""
        index = {w: i for i, w in enumerate(self.words)}
        return np.array([self.modern[index[w]] if w in index else 0.0 for w in words], np.float64)

    def save(self, path: Path) -> None:
        with open(path, "wb") as fh:
            np.savez_compressed(fh, words=np.array(self.words, dtype=str),
                                modern=self.modern.astype(np.float32), train=self.train.astype(np.float32),
                                params=np.array([self.beta, self.clip], np.float32))

    @classmethod
    def load(cls, path: Path) -> "FrequencyTable":
        """Read ``frequencies.npz``; ValueError (naming what is wrong) if it is not valid."""
        with np.load(path, allow_pickle=False) as data:
            if not {"words", "modern", "train", "params"} <= set(data.files):
                raise ValueError(f"{path.name} lacks one of the arrays words, modern, train, params")
            words, modern, train = data["words"], data["modern"], data["train"]
            if words.dtype.kind != "U" or not len(words) == len(modern) == len(train):
                raise ValueError(f"{path.name}: words, modern and train must be equally long (words as text)")
            if not (np.all(np.isfinite(modern)) and np.all(np.isfinite(train))
                    and np.all(modern >= 0) and np.all(train >= 0)):
                raise ValueError(f"{path.name}: frequencies must be finite and non-negative")
            beta, clip = (float(x) for x in data["params"][:2])
            return cls(words.tolist(), modern, train, beta, clip)
