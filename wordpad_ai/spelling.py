"""Spell checking without Qt: which words are misspelt, and what to suggest instead.

The dictionary is pyspellchecker's English word-frequency list, which ships inside the package
(no network). On top of it, words are never flagged when the user taught them to WordPad AI:

- the personal word list (``paths.data_dir()/dictionary.txt``, one word a line, "Add to dictionary");
- the vocabulary of every model the user trained (``ModelStore`` current versions' ``vocab.json``);
- words the user typed often (the learning-as-you-type cache, ``engine.learning.cache_file()``).

Words are compared in lower case; tokens with digits, all-capital acronyms, and words with inner
capitals ("WordPad", "iPhone") are not checked.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from pathlib import Path
from typing import Iterable

from . import paths

log = logging.getLogger(__name__)

WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # a word: letters, inner apostrophes
PERSONAL_FILE = "dictionary.txt"  # the personal word list, in the user data folder
TYPED_OFTEN = 3.0  # a word seen this often in the learning-as-you-type cache is not flagged
MAX_CANDIDATES = 5  # suggestions offered for one misspelt word
LONGEST_CHECKED = 30  # longer "words" (pasted hashes, URLs' parts) are not checked
_CACHE_LIMIT = 50000  # remembered verdicts before the memo is cleared
SLIP_WEIGHTS = (8.0, 4.0, 2.0, 1.0, 0.05)  # suggestion prior per _edit_kind, times word frequency


_english_lock = threading.Lock()
_english = []  # the loaded English dictionary, shared by every Speller of the process


def english_dictionary():
    """pyspellchecker's English dictionary (loaded once per process, ~0.13 s)."""
    with _english_lock:
        if not _english:
            from spellchecker import SpellChecker

            _english.append(SpellChecker(language="en", case_sensitive=False))
        return _english[0]


def personal_file() -> Path:
    """The personal word list ("Add to dictionary")."""
    return paths.data_dir() / PERSONAL_FILE


def learned_words() -> set[str]:
    """Lower-case words of the user's trained models and of their frequent typing."""
    words: set[str] = set()
    try:
        from .modelstore import ModelStore

        store = ModelStore()
        for model_id in store.model_ids():
            folder = store.current_path(model_id)
            if folder is not None and (folder / "vocab.json").exists():
                vocab = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
                words.update(str(w).lower() for w in vocab if isinstance(w, str) and w.isalpha())
    except (OSError, ValueError) as exc:
        log.warning("spelling: could not read the trained models' vocabularies (%s)", exc)
    try:
        from .engine.learning import cache_file

        data = json.loads(cache_file().read_text(encoding="utf-8"))
        words.update(str(w).lower() for w, count in data.get("unigrams", {}).items()
                     if isinstance(count, (int, float)) and count >= TYPED_OFTEN)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, AttributeError) as exc:
        log.warning("spelling: could not read the learning-as-you-type cache (%s)", exc)
    return words


def _read_personal(path: Path) -> set[str]:
    try:
        return {line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()}
    except FileNotFoundError:
        return set()
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("spelling: personal word list %s is unreadable (%s)", path, exc)
        return set()


def checkable(word: str) -> bool:
    """Whether ``word`` is one the checker should judge at all."""
    if len(word) < 2 or len(word) > LONGEST_CHECKED:
        return False
    if word.isupper():  # acronyms: NASA, PDF
        return False
    if any(c.isupper() for c in word[1:]):  # WordPad, iPhone, McDonald
        return False
    return True


class Speller:
    """English spell checking with the user's own words."""

    def __init__(self, extra_words: Iterable[str] | None = None, personal: Path | None = None):
        self._checker = english_dictionary()  # read-only here: user words live in the sets below
        self._personal_path = Path(personal) if personal else personal_file()
        self._personal = _read_personal(self._personal_path)  # "Add to dictionary"
        self._learned = set(learned_words() if extra_words is None else (w.lower() for w in extra_words))
        self._ignored: set[str] = set()  # "Ignore": this session only
        self._memo: dict[str, bool] = {}  # lower-case word -> known

    def is_misspelt(self, word: str) -> bool:
        """True when ``word`` should be underlined."""
        if not checkable(word):
            return False
        low = word.lower().replace("’", "'")
        known = self._memo.get(low)
        if known is None:
            if len(self._memo) > _CACHE_LIMIT:
                self._memo.clear()
            known = (low in self._personal or low in self._learned or low in self._ignored
                     or low in self._checker or self._known_possessive(low))
            self._memo[low] = known
        return not known

    def _known_possessive(self, low: str) -> bool:
        """"writer's", "James'" and "don't"-style contractions of known words."""
        if low.endswith("'s") and low[:-2] in self._checker:
            return True
        return low.endswith("'") and low[:-1] in self._checker

    def misspelt_spans(self, text: str) -> list[tuple[int, int]]:
        """(start, length) of every misspelt word in ``text``."""
        return [(m.start(), m.end() - m.start()) for m in WORD_RE.finditer(text)
                if self.is_misspelt(m.group())]

    def suggestions(self, word: str, limit: int = MAX_CANDIDATES) -> list[str]:
        """Likely corrections, most likely first, in the word's own capitalisation."""
        low = word.lower()
        found = self._checker.candidates(low) or set()
        ranked = sorted((w for w in found if w != low),
                        key=lambda w: (-self._checker.word_usage_frequency(w) * SLIP_WEIGHTS[_edit_kind(low, w)], w))
        return [_same_case(word, w) for w in ranked[:limit]]

    def add_to_dictionary(self, word: str) -> None:
        """Never flag ``word`` again; saved in the personal word list."""
        low = word.lower()
        if low in self._personal:
            return
        self._personal.add(low)
        self._memo.pop(low, None)
        from .fileutil import PRIVATE_FILE_MODE, make_private_dirs

        make_private_dirs(self._personal_path.parent)
        fd = os.open(self._personal_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE_MODE)
        with open(fd, "a", encoding="utf-8") as out:
            out.write(low + "\n")

    def ignore(self, word: str) -> None:
        """Do not flag ``word`` again in this session."""
        self._ignored.add(word.lower())
        self._memo.pop(word.lower(), None)

    def clear_verdicts(self) -> None:
        """Forget the remembered verdicts (each word is judged afresh; benchmarks)."""
        self._memo.clear()

    def forget_learned(self) -> None:
        """Drop the learned and personal words (after "Delete everything WordPad AI learned")."""
        self._learned.clear()
        self._personal = _read_personal(self._personal_path)
        self._memo.clear()


def _edit_kind(typo: str, word: str) -> int:
    """How likely ``word`` is what was meant by ``typo``, by the kind of slip that links them:
    0 two letters swapped ("teh"), 1 a letter left out ("leter"), 2 one too many ("tthe"),
    3 one letter wrong ("tezt"), 4 anything further."""
    if len(typo) == len(word):
        diff = [i for i, (a, b) in enumerate(zip(typo, word)) if a != b]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and typo[diff[0]] == word[diff[1]] \
                and typo[diff[1]] == word[diff[0]]:
            return 0
        return 3 if len(diff) == 1 else 4
    shorter, longer = (typo, word) if len(typo) < len(word) else (word, typo)
    if len(longer) - len(shorter) == 1 and any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer))):
        return 1 if longer is word else 2
    return 4


def _same_case(model: str, word: str) -> str:
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
