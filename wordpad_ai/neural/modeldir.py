"""The model directory format: reading and (atomically) writing it. No TensorFlow, no pickle.

    config.json    {"format": "wordpad-ai-recurrent-lm", "format_version": 1, "model_id": ...,
                    "config": {LMConfig fields}, "training": {summary figures}}
    vocab.json     the vocabulary, a list of tokens (index = id)
    case.json      lower-case word → dominant written form (only where they differ)
    lexicon.json   word → count, for completing partly typed words
    weights.npz    named arrays (float16), loaded with allow_pickle=False

Loading executes nothing from the directory; any problem is one :class:`ModelError` naming the
directory and what is wrong.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..api import ModelError
from ..fileutil import atomic_write_json
from ..text.casing import CaseTable
from ..text.vocab import Lexicon, Vocabulary
from .cells import Cell
from .config import LMConfig
from .weights import expected_shapes

FORMAT = "wordpad-ai-recurrent-lm"
FORMAT_VERSION = 1
FILES = ("config.json", "vocab.json", "case.json", "lexicon.json", "weights.npz")


@dataclass
class ModelBundle:
    """Everything a model directory holds, in memory."""

    model_id: str  # the registered model id ("lstm")
    config: LMConfig  # hyper-parameters
    vocab: Vocabulary  # model vocabulary
    case: CaseTable  # written forms
    lexicon: Lexicon  # completion words with counts
    weights: dict[str, np.ndarray]  # named float32 arrays
    training: dict[str, Any] = field(default_factory=dict)  # summary of the run that made it


def write_model_dir(bundle: ModelBundle, out_dir: Path) -> Path:
    """Write ``bundle`` to ``out_dir`` so that it is complete or absent, never half-written.

    Files go to a hidden staging folder beside ``out_dir``, which then replaces it with a rename
    (an existing model there is moved aside first and deleted after).
    """
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.staging-", dir=out_dir.parent))
    try:
        meta = {"format": FORMAT, "format_version": FORMAT_VERSION, "model_id": bundle.model_id,
                "config": bundle.config.to_json(), "training": bundle.training}
        atomic_write_json(staging / "vocab.json", bundle.vocab.to_json())
        atomic_write_json(staging / "case.json", bundle.case.to_json())
        atomic_write_json(staging / "lexicon.json", bundle.lexicon.to_json())
        with open(staging / "weights.npz", "wb") as fh:
            np.savez(fh, **{k: np.asarray(v, np.float16) for k, v in bundle.weights.items()})
            fh.flush()
            os.fsync(fh.fileno())
        atomic_write_json(staging / "config.json", meta)  # last: its presence marks completeness
        old = None
        if out_dir.exists():
            if out_dir.is_dir() and not any(out_dir.iterdir()):
                out_dir.rmdir()
            else:
                old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
                os.replace(out_dir, old)
        os.replace(staging, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


def read_model_dir(path: Path, model_id: str | None = None, *, cell: type[Cell]) -> ModelBundle:
    """Read and check a model directory; ``model_id`` (if given) must match the stored one, and
    the weights must have the names and shapes ``cell`` (the model's cell class) gives them."""
    path = Path(path)

    def bad(what: str) -> ModelError:
        return ModelError(f"model directory {path} {what}; train it again or choose another folder")

    if not path.is_dir():
        return _raise(ModelError(f"model directory {path} does not exist; check the path or train a model "
                                 f"with 'wordpad-ai train'"))
    for name in FILES:
        if not (path / name).is_file():
            raise bad(f"is incomplete: {name} is missing")
    meta = _json(path / "config.json", bad)
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise bad(f"is not a {FORMAT} model (config.json has no matching 'format')")
    if meta.get("format_version") != FORMAT_VERSION:
        raise bad(f"has format version {meta.get('format_version')!r}, this app reads {FORMAT_VERSION}")
    stored_id = meta.get("model_id")
    if model_id is not None and stored_id != model_id:
        raise ModelError(f"model directory {path} holds a {stored_id!r} model, not {model_id!r}; "
                         f"load it with --model {stored_id}")
    try:
        config = LMConfig.from_json(meta.get("config") or {})
        vocab = Vocabulary.from_json(_json(path / "vocab.json", bad))
        case = CaseTable.from_json(_json(path / "case.json", bad))
        lexicon = Lexicon.from_json(_json(path / "lexicon.json", bad))
    except ValueError as exc:
        raise bad(f"is corrupt: {exc}") from None
    shapes = expected_shapes(config, len(vocab), cell)
    weights = _weights(path / "weights.npz", bad)
    if set(weights) != set(shapes):
        raise bad(f"has weights {sorted(weights)}, expected {sorted(shapes)}")
    for k, shape in shapes.items():
        if weights[k].shape != shape:
            raise bad(f"has weight {k} of shape {weights[k].shape}, expected {shape} "
                      f"(config and vocabulary do not match the weights)")
        if not np.all(np.isfinite(weights[k])):
            raise bad(f"has non-finite values in weight {k}")
    training = meta.get("training") if isinstance(meta.get("training"), dict) else {}
    return ModelBundle(stored_id, config, vocab, case, lexicon, weights, training)


def _raise(exc: Exception):
    raise exc


def _json(file: Path, bad):
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise bad(f"is corrupt: {file.name} is not valid JSON ({exc})") from None


def _weights(file: Path, bad) -> dict[str, np.ndarray]:
    try:
        with np.load(file, allow_pickle=False) as data:
            return {k: np.asarray(data[k], np.float32) for k in data.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise bad(f"is corrupt: weights.npz cannot be read ({exc})") from None
