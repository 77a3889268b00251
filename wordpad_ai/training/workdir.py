"""A training job's folder, free of Qt and TensorFlow.

Each job lives in ``cache_dir()/training/<job id>/``::

    text/        the user's documents read once and split (``reading.py``: train, validation and
                 held-out parts; the held-out part is never trained on: the before/after report)
    ckpt/        the trainer's resumable checkpoints (TrainingJob.checkpoint_dir)
    staging/     the new model directory, until it is promoted or discarded

The split is deterministic (a hash of seed, document path and paragraph number), so a rerun of
the same job trains on the same tokens and resumes its checkpoint.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .. import paths

_CKPT_RE = re.compile(r'model_checkpoint_path:\s*"[^"]*?(\d+)"')


def training_root() -> Path:
    """Where all training jobs keep their work (rebuildable, deleted with trained models)."""
    return paths.cache_dir() / "training"


@dataclass(frozen=True)
class JobDir:
    """The folders of one training job."""

    root: Path  # the job folder

    @property
    def text_dir(self) -> Path:
        """The documents read and split (:func:`~wordpad_ai.training.reading.read_training_text`)."""
        return self.root / "text"

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
