"""Split a corpus into a training part and a held-out test part, deterministically.

Each source file is cut into paragraphs (separated by blank lines; a paragraph may span several
lines, as e-mails do), then into blocks of ``BLOCK`` consecutive paragraphs; every ``EVERY``-th
block (offset ``OFFSET``) is held out. Held-out blocks are spread over the whole of every source,
so the test text matches the training distribution without sharing paragraphs with it. The
general corpus has one paragraph per line, so its split is the same as when it was line-based.

    python models/split_corpus.py [--corpus DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

BLOCK = 40  # paragraphs per block
EVERY = 50  # one block in EVERY is held out (2 %)
OFFSET = 7  # which block of each EVERY is held out

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "general"
EVERYDAY_CORPUS = DEFAULT_CORPUS.parent / "everyday"  # e-mail, speeches, a novel (issue 12)


def paragraphs_of(text: str, max_words: int | None = None) -> list[str]:
    """Non-empty paragraphs (blank-line separated, inner line breaks kept, trailing space cut).

    With ``max_words``, a longer paragraph (a whole State of the Union address is one) is cut at
    sentence ends into pieces of about that many words: the model's token stream does not change
    (a sentence end and a paragraph break are the same ``<eos>``), but the split gets blocks."""
    out = []
    for p in re.split(r"\n[^\S\n]*\n", text):
        if not p.strip():
            continue
        p = p.strip("\n").rstrip()
        if max_words is None or len(p.split()) <= max_words:
            out.append(p)
            continue
        piece: list[str] = []
        for sentence in re.split(r"(?<=[.!?])\s+", p):
            piece.append(sentence)
            if sum(len(s.split()) for s in piece) >= max_words:
                out.append(" ".join(piece))
                piece = []
        if piece:
            out.append(" ".join(piece))
    return out


def split_file(src: Path, train_dir: Path, test_dir: Path,
               max_words: int | None = None) -> tuple[int, int]:
    paragraphs = paragraphs_of(src.read_text(encoding="utf-8"), max_words)
    train, test = [], []
    for i in range(0, len(paragraphs), BLOCK):
        block = paragraphs[i : i + BLOCK]
        (test if (i // BLOCK) % EVERY == OFFSET else train).extend(block)
    (train_dir / src.name).write_text("\n\n".join(train) + "\n", encoding="utf-8")
    (test_dir / src.name).write_text("\n\n".join(test) + "\n", encoding="utf-8")
    return sum(len(p.split()) for p in train), sum(len(p.split()) for p in test)


def split_corpus(corpus: Path, out: Path, max_words: int | None = None) -> dict[str, tuple[int, int]]:
    """Split every ``*.txt`` of ``corpus`` into ``out/train`` and ``out/test``; (train, test)
    words per file. ``max_words``: see :func:`paragraphs_of`."""
    train_dir, test_dir = out / "train", out / "test"
    train_dir.mkdir(parents=True, exist_ok=True)
    test_dir.mkdir(parents=True, exist_ok=True)
    return {src.name: split_file(src, train_dir, test_dir, max_words)
            for src in sorted(corpus.glob("*.txt"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=Path("build/corpus"))
    parser.add_argument("--max-paragraph-words", type=int, default=None,
                        help="cut longer paragraphs at sentence ends (the everyday corpus: 200)")
    args = parser.parse_args()
    for name, (train, test) in split_corpus(args.corpus, args.out, args.max_paragraph_words).items():
        print(f"{name:24s} train {train:>9,d} words   test {test:>7,d} words")


if __name__ == "__main__":
    main()
