"""The text a simulated writer types: its tokens and the context window the model sees.

Tokens follow Presage's ``presage_simulator``: maximal runs of characters that are neither
whitespace nor ASCII punctuation (``string.punctuation``), so "don't" is "don", "t". Every
simulator of this package walks a :class:`Document`'s token spans.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from ..api import CONTEXT_CHARS

__all__ = ["TOKEN_RE", "DEFAULT_CONTEXT_CHARS", "token_spans", "Document"]

# a token: a maximal run of characters that are neither whitespace nor ASCII punctuation
TOKEN_RE = re.compile(r"[^\s" + re.escape(string.punctuation) + r"]+")

DEFAULT_CONTEXT_CHARS = CONTEXT_CHARS  # text before the cursor handed to the model (api.py)

def token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of every token of ``text``, in order."""
    return [m.span() for m in TOKEN_RE.finditer(text)]


@dataclass(frozen=True)
class Document:
    """A text and its tokens, as the simulators see it."""

    text: str  # the full original text
    spans: tuple[tuple[int, int], ...]  # (start, end) of each token, in order
    context_chars: int | None  # how much text before the cursor the model gets; None = all

    @classmethod
    def from_text(cls, text: str, context_chars: int | None = DEFAULT_CONTEXT_CHARS) -> "Document":
        return cls(text=text, spans=tuple(token_spans(text)), context_chars=context_chars)

    def word(self, i: int) -> str:
        """Token ``i`` as written."""
        start, end = self.spans[i]
        return self.text[start:end]

    def before(self, pos: int) -> str:
        """The original text before character offset ``pos``, cut to the context window.

        Models only read a bounded window of the text, so passing the last ``context_chars``
        characters gives the same suggestions at a fraction of the cost on long documents.
        """
        if self.context_chars is None or pos <= self.context_chars:
            return self.text[:pos]
        return self.text[pos - self.context_chars:pos]
