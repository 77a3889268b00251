"""The shipped models' training text and vocabulary: general + everyday English (issue 12).

Three jobs, all deterministic and quick (seconds), used by ``build_defaults.py``:

* :func:`clean_everyday` — the e-mails are real: e-mail addresses, URLs and phone numbers are
  deleted (:func:`wordpad_ai.text.personal_data.scrub`), and paragraphs that are mostly not
  letters (logs, code, tables, signatures) are dropped, as ``build_general.py`` does for the
  general corpus.
* :func:`build_mix` — one training folder from the general and everyday training splits, each
  file capped (paragraphs kept evenly over the whole file, so a cap on the State of the Union
  addresses keeps every century) and optionally repeated (the e-mails are small and the register
  we most want).
* :func:`modern_words` — everyday words for the vocabulary, chosen by how common they are in
  today's English (``wordfreq``, a build-time tool only) among the words the training text has
  often enough to learn them; offensive words and address/URL fragments never join.

Nothing here is needed at run time.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from wordpad_ai.text.personal_data import looks_personal_token, scrub
from wordpad_ai.text.tokenize import is_word, tokenize

# The training mix: file → (cap in words or None for all, repeats). Tuned so that both registers
# are served: ~1.3 M words of the general corpus (the Bible stays capped as in the last build) and
# ~1.3 M of everyday English, the e-mails twice.
MIX = {
    "general": {"bible-kjv.txt": (40_000, 1), "debian-handbook.txt": (None, 1),
                "fortunes.txt": (300_000, 1), "gcide.txt": (300_000, 1),
                "gnu-standards.txt": (None, 1), "python-doc.txt": (400_000, 1)},
    "everyday": {"emails.txt": (None, 2), "moby-dick.txt": (None, 1), "sotu.txt": (450_000, 1)},
}
MIN_LETTER_SHARE = 0.7  # a kept paragraph has at least this share of letters among its non-space chars
# Never suggested, whatever their frequency: offensive words (prefix match).
BLOCKED_PREFIXES = ("fuck", "shit", "cunt", "bitch", "nigg", "fag", "porn", "whore", "slut",
                    "asshole", "bullshit", "retard", "dick", "cock", "pussy", "bastard", "wank",
                    "twat", "motherf", "jizz", "horny", "sexy", "nude", "xxx")


# ...and these exact words (as prefixes they would block "assist", "crappie", "tithe").
BLOCKED_WORDS = frozenset({"ass", "asses", "arse", "arsehole", "tits", "titties", "crap", "piss",
                           "pissed", "bollocks", "prick", "pricks", "wanker", "slag", "dildo", "boobs"})


def is_blocked(word: str) -> bool:
    return word.startswith(BLOCKED_PREFIXES)


# ordinary words that start like an offensive one: suggested as usual
ORDINARY_WORDS = frozenset({"cocktail", "cocktails", "cockpit", "cockpits", "cockroach", "cockroaches",
                            "cockney", "cockneys", "cockle", "cockles", "cockleshell", "cocker",
                            "cocked", "cockatoo", "cockatoos", "cockatrice", "cocksure", "cockamamie",
                            "dickens", "dickey", "dicksonia", "retardation", "retardant", "bastardize"})


def is_offensive(word: str) -> bool:
    """Whether ``word`` (lower case) must never be suggested as offensive."""
    return word in BLOCKED_WORDS or (is_blocked(word) and word not in ORDINARY_WORDS)


def letter_share(paragraph: str) -> float:
    chars = [c for c in paragraph if not c.isspace()]
    return sum(c.isalpha() for c in chars) / len(chars) if chars else 0.0


def clean_everyday(text: str) -> str:
    """Paragraphs of ``text`` without personal data, and without the mostly-not-letters ones."""
    kept = []
    for p in re.split(r"\n[^\S\n]*\n", text):
        p = scrub(p).strip()
        if p and letter_share(p) >= MIN_LETTER_SHARE:
            kept.append(p)
    return "\n\n".join(kept) + "\n"


def capped(text: str, cap: int | None) -> str:
    """About ``cap`` words of ``text`` in whole paragraphs spread evenly over it."""
    paragraphs = [p for p in re.split(r"\n[^\S\n]*\n", text) if p.strip()]
    total = sum(len(p.split()) for p in paragraphs)
    if cap is None or total <= cap:
        return "\n\n".join(paragraphs) + "\n"
    kept, acc = [], 0.0
    for p in paragraphs:  # keep the share cap/total of the paragraphs, evenly spaced
        acc += cap / total
        if acc >= 1.0:
            kept.append(p)
            acc -= 1.0
    return "\n\n".join(kept) + "\n"


def build_mix(splits: dict[str, Path], out: Path, mix: dict = MIX) -> dict[str, int]:
    """Write the training mix into ``out`` (one file per source and repeat); words per file.

    ``splits`` maps a corpus name of :data:`MIX` to its ``train`` folder."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    words = {}
    for corpus, files in mix.items():
        for name, (cap, repeats) in files.items():
            text = (splits[corpus] / name).read_text(encoding="utf-8")
            if corpus == "everyday":
                text = clean_everyday(text)
            text = capped(text, cap)
            for r in range(repeats):
                dest = out / (f"{corpus}-{Path(name).stem}" + (f"-{r + 1}" if repeats > 1 else "") + ".txt")
                dest.write_text(text, encoding="utf-8")
                words[dest.name] = len(text.split())
    return words


def token_counts(folder: Path) -> Counter:
    counts: Counter = Counter()
    for f in sorted(folder.glob("*.txt")):
        counts.update(tokenize(f.read_text(encoding="utf-8")))
    return counts


TECHNICAL_SOURCES = ("general-python-doc.txt", "general-debian-handbook.txt", "general-gnu-standards.txt")


def technical_counts(folder: Path) -> Counter:
    """Token counts of the mix's technical sources (documentation: :data:`TECHNICAL_SOURCES`)."""
    counts: Counter = Counter()
    for name in TECHNICAL_SOURCES:
        counts.update(tokenize((folder / name).read_text(encoding="utf-8")))
    return counts


# a word of today's English this common (Zipf 2.8: "preheat", "grandad") joins the lexicon...
# Against 1e-6 (Zipf 3), the 3,302 words more: tuning samples, KSR@3, everyday / general / Vim
# +0.16 / +0.04 / ±0.00 points; check lists unchanged
LEXICON_MIN_SHARE = 6e-7
LEXICON_SCALE = 0.05  # ...with this share of the count its frequency would give in the text


def modern_lexicon_words(vocab: set[str], lexicon: dict[str, int], min_share: float = LEXICON_MIN_SHARE,
                         scale: float = LEXICON_SCALE) -> dict[str, int]:
    """Everyday words of today's English the training text lacks ("allergy", "groom",
    "bridesmaid", "gym"), for the lexicon, the words completed from their letters: wordfreq's
    words at least ``min_share`` of running English, in the spelling dictionary, not offensive,
    sensitive or personal-looking, each with a count ``scale`` times what its frequency would
    give in text the size of the lexicon's (KSR@3 on the tuning samples, everyday / general /
    Vim: scale 1 −0.10 / +0.01 / −0.05 points, 0.2 ±0 / +0.05 / −0.01, 0.05 +0.03 / +0.06 /
    −0.01: fuller counts crowd the completions the training text knows, "footb" → footballer
    before football)."""
    from wordfreq import top_n_list, word_frequency

    from wordpad_ai.spelling import english_dictionary
    from wordpad_ai.text.personal_data import looks_personal_token
    from wordpad_ai.text.sensitive import SENSITIVE_WORDS
    from wordpad_ai.text.variants import listed_words, other_spelling

    known = english_dictionary().word_frequency.dictionary
    spellings = set(listed_words())  # the British and American spellings of text.variants
    # ("pyjamas"), which the spelling dictionary lacks in part; but not one whose other spelling
    # is known already: the writer's spelling comes from that one ("realized" → realised)
    total = sum(lexicon.values())
    added: dict[str, int] = {}
    for w in top_n_list("en", 200_000):
        f = word_frequency(w, "en")
        if f < min_share:
            break
        if (w.isalpha() and w.isascii() and len(w) >= 3 and w not in vocab and w not in lexicon
                and (w in known or w in spellings) and not is_offensive(w) and not is_blocked(w)
                and other_spelling(w) not in vocab and other_spelling(w) not in lexicon
                and w not in SENSITIVE_WORDS and not looks_personal_token(w)):
            added[w] = max(1, round(f * total * scale))
    return added


def modern_words(known: set[str], counts: Counter, max_new: int, min_count: int = 5,
                 top: int = 60_000) -> list[str]:
    """Up to ``max_new`` words not in ``known``, most common in today's English first (wordfreq's
    top ``top`` English words), that the training text has at least ``min_count`` times."""
    from wordfreq import top_n_list

    out = []
    for w in top_n_list("en", top):
        if (w in known or not w.isalpha() or not is_word(w) or is_blocked(w)
                or looks_personal_token(w) or counts.get(w, 0) < min_count):
            continue
        out.append(w)
        if len(out) >= max_new:
            break
    return out


def modern_frequencies(words: list[str]) -> list[float]:
    """wordfreq's frequency (share of running English words) of each word; 0 for unknown ones."""
    from wordfreq import word_frequency

    return [0.0 if is_blocked(w) else word_frequency(w, "en") for w in words]


def extend_base(src: Path, dest: Path, new_words: list[str], seed: int = 0) -> int:
    """Write ``dest``: the model of ``src`` with ``new_words`` appended to its vocabulary (their
    rows start from ``<unk>``'s, see :func:`wordpad_ai.neural.weights.extend_vocabulary`);
    fine-tuning it then learns them. Returns the new vocabulary size."""
    from dataclasses import replace

    from wordpad_ai.neural.modeldir import read_model_dir, write_model_dir
    from wordpad_ai.neural.weights import extend_vocabulary
    from wordpad_ai.text.vocab import Vocabulary

    bundle = read_model_dir(src)
    vocab = Vocabulary(bundle.vocab.tokens + [w for w in new_words if w not in bundle.vocab])
    weights = extend_vocabulary(bundle.weights, len(bundle.vocab), len(vocab), seed)
    write_model_dir(replace(bundle, vocab=vocab, weights=weights,
                            training={**bundle.training, "vocabulary_extended_with": len(vocab) - len(bundle.vocab)}),
                    dest)
    return len(vocab)
