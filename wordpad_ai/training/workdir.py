"""A training job's folder and the held-out split, free of Qt and TensorFlow.

Each job lives in ``cache_dir()/training/<job id>/``::

    split/train/00001.txt …   the training part of the user's documents (UTF-8)
    split/heldout.json        the held-out paragraphs, never trained on (the before/after report)
    ckpt/                     the trainer's resumable checkpoints (TrainingJob.checkpoint_dir)
    staging/                  the new model directory, until it is promoted or discarded

The split is deterministic (a hash of seed, document path and paragraph number), so a rerun of
the same job trains on the same tokens and resumes its checkpoint.
"""

from __future__ import annotations

import json
import re
import shutil
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .. import paths
from ..fileutil import atomic_write_json
from ..text.readers import count_words
from ..text.tokenize import split_paragraphs

_CKPT_RE = re.compile(r'model_checkpoint_path:\s*"[^"]*?(\d+)"')


def training_root() -> Path:
    """Where all training jobs keep their work (rebuildable, deleted with trained models)."""
    return paths.cache_dir() / "training"


@dataclass(frozen=True)
class JobDir:
    """The folders of one training job."""

    root: Path  # the job folder

    @property
    def train_dir(self) -> Path:
        return self.root / "split" / "train"

    @property
    def heldout_file(self) -> Path:
        return self.root / "split" / "heldout.json"

    @property
    def checkpoint_dir(self) -> Path:
        return self.root / "ckpt"

    @property
    def staging_dir(self) -> Path:
        return self.root / "staging"

    def checkpoint_step(self) -> int | None:
        """The optimiser step of the latest checkpoint, or None when there is none to resume."""
        index = self.checkpoint_dir / "ckpt" / "checkpoint"
        try:
            match = _CKPT_RE.search(index.read_text(encoding="utf-8"))
        except OSError:
            return None
        return int(match.group(1)) if match else None

    def remove(self) -> None:
        """Delete the job's folder (checkpoints and copies of the user's text)."""
        shutil.rmtree(self.root, ignore_errors=True)


def job_dir(job_id: str, work_dir: str | Path | None = None) -> JobDir:
    """The folder of job ``job_id`` (``work_dir`` overrides the cache location)."""
    return JobDir(Path(work_dir) if work_dir else training_root() / job_id)


def clear_all() -> None:
    """Delete every job folder: checkpoints and split copies of the user's documents."""
    shutil.rmtree(training_root(), ignore_errors=True)


@dataclass(frozen=True)
class Split:
    """How the documents were divided."""

    train_words: int  # words written to the training part
    heldout_words: int  # words held out
    train_files: int  # files in the training folder
    heldout_texts: tuple[str, ...]  # held-out paragraphs grouped per document


def _units(text: str) -> list[str]:
    """Paragraphs; a text without blank lines is split into its lines instead."""
    paragraphs = split_paragraphs(text)
    if len(paragraphs) <= 1:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            return lines
    return paragraphs


def _held_out(seed: int, path: Path, index: int, fraction: float) -> bool:
    key = f"{seed}\0{path}\0{index}".encode("utf-8", "surrogatepass")
    return zlib.crc32(key) % 10_000 < fraction * 10_000


def split_documents(documents: Iterable[tuple[Path, str]], out: JobDir, fraction: float,
                    seed: int) -> Split:
    """Write the training part of ``documents`` to ``out.train_dir`` and the held-out part to
    ``out.heldout_file``. At least one paragraph is held out (and one kept) when there are two."""
    shutil.rmtree(out.train_dir, ignore_errors=True)
    out.train_dir.mkdir(parents=True, exist_ok=True)
    train_parts: list[tuple[Path, list[str]]] = []
    heldout: list[list[str]] = []
    for path, text in documents:
        units = _units(text)
        keep = [u for i, u in enumerate(units) if not _held_out(seed, path, i, fraction)]
        held = [u for i, u in enumerate(units) if _held_out(seed, path, i, fraction)]
        train_parts.append((path, keep))
        heldout.append(held)
    total_units = sum(len(k) + len(h) for (_, k), h in zip(train_parts, heldout))
    if fraction > 0 and total_units >= 2 and not any(heldout):
        # tiny collections: hold out the last paragraph of the longest document
        i = max(range(len(train_parts)), key=lambda j: len(train_parts[j][1]))
        heldout[i].append(train_parts[i][1].pop())
    elif total_units >= 2 and not any(keep for _, keep in train_parts):
        i = max(range(len(heldout)), key=lambda j: len(heldout[j]))
        train_parts[i][1].append(heldout[i].pop(0))
    train_words = files = 0
    for path, keep in train_parts:
        if not keep:
            continue
        files += 1
        body = "\n\n".join(keep) + "\n"
        (out.train_dir / f"{files:05d}.txt").write_text(body, encoding="utf-8")
        train_words += sum(count_words(u) for u in keep)
    texts = tuple("\n\n".join(h) for h in heldout if h)
    atomic_write_json(out.heldout_file, list(texts))
    return Split(train_words=train_words, heldout_words=sum(count_words(t) for t in texts),
                 train_files=files, heldout_texts=texts)


def read_heldout(out: JobDir) -> list[str]:
    """The held-out texts written by :func:`split_documents`."""
    return list(json.loads(out.heldout_file.read_text(encoding="utf-8")))
