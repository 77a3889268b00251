"""Slices of the shared general corpus for benchmarks (``../shared/corpora/general`` beside the
clone): about N words in equal shares from the start of each file, or a user-given text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "general"


def corpus_slice(out: Path, words: int, env_var: str) -> Path:
    """The text named by ``$env_var`` if set, else ``out`` filled with about ``words`` words:
    equal slices from the start of each corpus file."""
    given = os.environ.get(env_var)
    if given:
        return Path(given)
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.fail(f"no corpus files in {CORPUS}; set {env_var}")
    out.mkdir(parents=True)
    share = words // len(files)
    for f in files:
        kept = f.read_text(encoding="utf-8", errors="replace")[: share * 12].split(" ")
        (out / f.name).write_text(" ".join(kept[:share]), encoding="utf-8")
    return out
