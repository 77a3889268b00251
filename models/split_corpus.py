"""Split the general corpus into a training part and a held-out test part, deterministically.

Each source file is cut into blocks of ``BLOCK`` consecutive paragraphs; every ``EVERY``-th block
(offset ``OFFSET``) is held out. Held-out blocks are spread over the whole of every source, so the
test text matches the training distribution without sharing paragraphs with it.

    python models/split_corpus.py [--corpus DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

BLOCK = 40  # paragraphs per block
EVERY = 50  # one block in EVERY is held out (2 %)
OFFSET = 7  # which block of each EVERY is held out

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "general"


def split_file(src: Path, train_dir: Path, test_dir: Path) -> tuple[int, int]:
    paragraphs = [p for p in src.read_text(encoding="utf-8").split("\n") if p.strip()]
    train, test = [], []
    for i in range(0, len(paragraphs), BLOCK):
        block = paragraphs[i : i + BLOCK]
        (test if (i // BLOCK) % EVERY == OFFSET else train).extend(block)
    (train_dir / src.name).write_text("\n\n".join(train) + "\n", encoding="utf-8")
    (test_dir / src.name).write_text("\n\n".join(test) + "\n", encoding="utf-8")
    return sum(len(p.split()) for p in train), sum(len(p.split()) for p in test)


def split_corpus(corpus: Path, out: Path) -> dict[str, tuple[int, int]]:
    train_dir, test_dir = out / "train", out / "test"
    train_dir.mkdir(parents=True, exist_ok=True)
    test_dir.mkdir(parents=True, exist_ok=True)
    return {src.name: split_file(src, train_dir, test_dir) for src in sorted(corpus.glob("*.txt"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=Path("build/corpus"))
    args = parser.parse_args()
    for name, (train, test) in split_corpus(args.corpus, args.out).items():
        print(f"{name:24s} train {train:>9,d} words   test {test:>7,d} words")


if __name__ == "__main__":
    main()
