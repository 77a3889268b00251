"""The model directory format: reading and (atomically) writing it. No TensorFlow, no pickle.

    config.json    {"format": "wordpad-ai-recurrent-lm", "format_version": 1, "model_id": ...,
                    "config": {LMConfig fields}, "training": {summary figures}}
    vocab.json     the vocabulary, a list of tokens (index = id)
    case.json      lower-case word → dominant written form (only where they differ)
    lexicon.json   word → count, for completing partly typed words
    weights.npz    named arrays (float16), loaded with allow_pickle=False

Loading executes nothing from the directory; any problem is one :class:`ModelError` naming the
directory and what is wrong. Before any array is read, the config's sizes are checked against
sane limits (``MAX_DIM``, ``MAX_VOCAB``, ``MAX_PARAMETERS``) and the shapes and types declared
in the ``.npy`` headers inside ``weights.npz`` against the shapes the config implies, so a
damaged or hostile folder costs neither memory nor time before it is refused.
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
MAX_DIM = 8192  # largest embed_dim or hidden_dim a model directory may declare
MAX_VOCAB = 2_000_000  # largest vocabulary
MAX_PARAMETERS = 250_000_000  # most weights in all (1 GB as float32 once loaded)
MAX_JSON_BYTES = 32 * 1024 * 1024  # largest JSON file read (vocab, lexicon, case, config)
WEIGHT_DTYPES = ("float16", "float32")  # what weights.npz may hold
# what a damaged folder can raise while being read; each becomes a ModelError naming it
READ_ERRORS = (OSError, EOFError, ValueError, TypeError, KeyError, IndexError, AttributeError,
               OverflowError, RecursionError, MemoryError, zipfile.BadZipFile,
               zipfile.LargeZipFile, NotImplementedError)


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


def write_model_dir(bundle: ModelBundle, out_dir: Path, tables: dict[str, Any] | None = None) -> Path:
    """Write ``bundle`` to ``out_dir`` so that it is complete or absent, never half-written;
    ``tables`` are optional tables beside it (file name → an object with ``save(path)``).

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
        for name, table in (tables or {}).items():
            table.save(staging / name)
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
    the weights must have the names and shapes ``cell`` (the model's cell class) gives them.
    Every problem, whatever a damaged file makes the readers raise, is a :class:`ModelError`
    naming the folder."""
    path = Path(path)

    def bad(what: str) -> ModelError:
        return ModelError(f"model directory {path} {what}; train it again or choose another folder")

    try:
        return _read(path, model_id, cell, bad)
    except ModelError:
        raise
    except READ_ERRORS as exc:
        raise bad(f"is corrupt or damaged ({type(exc).__name__}: {str(exc)[:200]})") from None


def _read(path: Path, model_id: str | None, cell: type[Cell], bad) -> ModelBundle:
    if not path.is_dir():
        raise ModelError(f"model directory {path} does not exist; check the path or train a model "
                         f"with 'wordpad-ai train'")
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
    except ValueError as exc:
        raise bad(f"is corrupt: {exc}") from None
    _check_sizes(config, bad)
    try:
        vocab = Vocabulary.from_json(_json(path / "vocab.json", bad))
    except ValueError as exc:
        raise bad(f"is corrupt: {exc}") from None
    if len(vocab) > MAX_VOCAB:
        raise bad(f"has a vocabulary of {len(vocab)} words, more than this app loads ({MAX_VOCAB})")
    shapes = expected_shapes(config, len(vocab), cell)
    total = sum(int(np.prod(shape, dtype=np.int64)) for shape in shapes.values())
    if total > MAX_PARAMETERS:
        raise bad(f"declares {total:,} weights, more than this app loads ({MAX_PARAMETERS:,})")
    _check_npz_headers(path / "weights.npz", shapes, bad)  # before any array is read
    try:
        case = CaseTable.from_json(_json(path / "case.json", bad))
        lexicon = Lexicon.from_json(_json(path / "lexicon.json", bad))
    except ValueError as exc:
        raise bad(f"is corrupt: {exc}") from None
    weights = _weights(path / "weights.npz", bad)
    for k in shapes:
        if not np.all(np.isfinite(weights[k])):
            raise bad(f"has non-finite values in weight {k}")
    training = meta.get("training") if isinstance(meta.get("training"), dict) else {}
    return ModelBundle(stored_id, config, vocab, case, lexicon, weights, training)


def _check_sizes(config: LMConfig, bad) -> None:
    """The config's sizes within sane limits (a huge hidden_dim would cost minutes and GBs)."""
    for name, value, limit in (("embed_dim", config.embed_dim, MAX_DIM),
                               ("hidden_dim", config.hidden_dim, MAX_DIM),
                               ("vocab_size", config.vocab_size, MAX_VOCAB)):
        if not 1 <= value <= limit:
            raise bad(f"declares {name} {value} in config.json (this app loads 1 to {limit})")


def npz_headers(file: Path) -> dict[str, tuple[tuple[int, ...], str]]:
    """Array name → (shape, dtype name) of every array in an ``.npz`` file, read from the
    ``.npy`` headers inside the zip without reading (or inflating) any data."""
    out = {}
    with zipfile.ZipFile(file) as archive:
        for info in archive.infolist():
            if not info.filename.endswith(".npy"):
                raise ValueError(f"unexpected member {info.filename!r}")
            with archive.open(info) as fh:
                version = np.lib.format.read_magic(fh)
                if version == (1, 0):
                    shape, _, dtype = np.lib.format.read_array_header_1_0(fh)
                elif version == (2, 0):
                    shape, _, dtype = np.lib.format.read_array_header_2_0(fh)
                else:
                    raise ValueError(f"{info.filename} has .npy format version {version}")
            out[info.filename[:-len(".npy")]] = (tuple(int(x) for x in shape), dtype.name)
    return out


def _check_npz_headers(file: Path, shapes: dict[str, tuple[int, ...]], bad) -> None:
    try:
        declared = npz_headers(file)
    except (ValueError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise bad(f"is corrupt: weights.npz cannot be read ({exc})") from None
    if set(declared) != set(shapes):
        raise bad(f"has weights {sorted(declared)}, expected {sorted(shapes)}")
    for k, shape in shapes.items():
        got, dtype = declared[k]
        if got != shape:
            raise bad(f"has weight {k} of shape {got}, expected {shape} "
                      f"(config and vocabulary do not match the weights)")
        if dtype not in WEIGHT_DTYPES:
            raise bad(f"has weight {k} of type {dtype}, expected one of {', '.join(WEIGHT_DTYPES)}")


def _json(file: Path, bad):
    try:
        if file.stat().st_size > MAX_JSON_BYTES:
            raise bad(f"is corrupt: {file.name} is larger than {MAX_JSON_BYTES // (1024 * 1024)} MB")
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise bad(f"is corrupt: {file.name} is not valid JSON ({exc})") from None
    except RecursionError:
        raise bad(f"is corrupt: {file.name} is nested too deeply") from None


def _weights(file: Path, bad) -> dict[str, np.ndarray]:
    try:
        with np.load(file, allow_pickle=False) as data:
            return {k: np.asarray(data[k], np.float32) for k in data.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise bad(f"is corrupt: weights.npz cannot be read ({exc})") from None
