"""The language model's weights as named numpy arrays: initialisation, vocabulary extension.

Names: ``embedding`` [V, d]; ``proj`` [n, d] (tied weights with n ≠ d); ``out_w`` [V, n]
(untied only); ``out_b`` [V]; and the cell's own weights as ``cell/<name>``. The output layer is
o(t) = c + V z(t) with V = ``embedding`` (tied) or ``out_w``, c = ``out_b``, and z(t) = h(t)
(or h(t) P when projected). No TensorFlow here: inference and model directories use it too.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

from .cells import Cell
from .config import LMConfig

CELL_PREFIX = "cell/"


def output_dim(config: LMConfig) -> int:
    """Size of z(t), the input of the output layer."""
    return config.embed_dim if config.tie_weights else config.hidden_dim


def has_projection(config: LMConfig) -> bool:
    return config.tie_weights and config.hidden_dim != config.embed_dim


def init_weights(config: LMConfig, vocab_size: int, seed: int = 0,
                 unigram_counts: Sequence[float] | None = None, *, cell: type[Cell]) -> dict[str, np.ndarray]:
    """Fresh weights (the cell's own from ``cell``); the output bias starts at the log unigram
    distribution when counts are given (the model then begins at the unigram model's loss
    instead of log V)."""
    rng = np.random.default_rng(seed)
    V, d, n = vocab_size, config.embed_dim, config.hidden_dim
    w = {"embedding": rng.uniform(-0.1, 0.1, size=(V, d)).astype(np.float32)}  # [V, d]
    if has_projection(config):
        w["proj"] = (rng.standard_normal((n, d)) / np.sqrt(n)).astype(np.float32)  # [n, d]
    if not config.tie_weights:
        w["out_w"] = rng.uniform(-0.1, 0.1, size=(V, n)).astype(np.float32)  # [V, n]
    w["out_b"] = _log_unigram(unigram_counts, V)  # [V]
    for name, arr in cell.init_weights(d, n, rng).items():
        w[CELL_PREFIX + name] = arr.astype(np.float32)
    return w


def _log_unigram(counts: Sequence[float] | None, V: int) -> np.ndarray:
    if counts is None:
        return np.zeros(V, np.float32)
    c = np.asarray(counts, np.float64)[:V] + 0.5
    return np.log(c / c.sum()).astype(np.float32)


def cell_weights(w: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {k[len(CELL_PREFIX):]: v for k, v in w.items() if k.startswith(CELL_PREFIX)}


def expected_shapes(config: LMConfig, vocab_size: int, cell: type[Cell]) -> dict[str, tuple[int, ...]]:
    """Name → shape of every weight of a model with this config, vocabulary size and cell,
    worked out without building the weights (a model directory is checked against it before
    any array is read)."""
    V, d, n = vocab_size, config.embed_dim, config.hidden_dim
    shapes: dict[str, tuple[int, ...]] = {"embedding": (V, d)}
    if has_projection(config):
        shapes["proj"] = (n, d)
    if not config.tie_weights:
        shapes["out_w"] = (V, n)
    shapes["out_b"] = (V,)
    for name, shape in cell_weight_shapes(cell, d, n).items():
        shapes[CELL_PREFIX + name] = shape
    return shapes


# small (input_dim, hidden_dim) pairs at which a cell's weights are built to learn their shapes
_PROBES = ((2, 3), (5, 3), (2, 7))
_CHECK = (11, 13)


def cell_weight_shapes(cell: type[Cell], input_dim: int, hidden_dim: int) -> dict[str, tuple[int, ...]]:
    """Name → shape of ``cell.init_weights(input_dim, hidden_dim, rng)``, without building
    weights of that size: the cell's own ``weight_shapes`` if it has one, else learned from
    tiny builds, each size being ``a·d + b·n + c`` (true of every cell's matrices: [d, 4n],
    [n+d, 4n], [n]) and checked on one more tiny build. A cell whose shapes are not of that
    form is built at the real size (callers bound the sizes first)."""
    own = getattr(cell, "weight_shapes", None)
    if callable(own):
        return {k: tuple(int(x) for x in v) for k, v in own(input_dim, hidden_dim).items()}
    rng = np.random.default_rng(0)
    probes = [{k: v.shape for k, v in cell.init_weights(d, n, rng).items()} for d, n in _PROBES]
    (d0, n0), (d1, _), (_, n2) = _PROBES
    predicted: dict[str, tuple[int, ...]] = {}
    check: dict[str, tuple[int, ...]] = {}
    affine = all(p.keys() == probes[0].keys() and all(len(p[k]) == len(probes[0][k]) for k in p)
                 for p in probes)
    if affine:
        for name, base in probes[0].items():
            dims, dims_check = [], []
            for axis, size in enumerate(base):
                a = (probes[1][name][axis] - size) / (d1 - d0)
                b = (probes[2][name][axis] - size) / (n2 - n0)
                c = size - a * d0 - b * n0
                dims.append(a * input_dim + b * hidden_dim + c)
                dims_check.append(a * _CHECK[0] + b * _CHECK[1] + c)
            predicted[name], check[name] = tuple(dims), tuple(dims_check)
        actual = {k: v.shape for k, v in cell.init_weights(*_CHECK, rng).items()}
        affine = actual.keys() == check.keys() and all(
            tuple(round(x) for x in check[k]) == actual[k] and all(float(x).is_integer() for x in check[k])
            for k in actual)
    if affine:
        return {k: tuple(int(round(x)) for x in v) for k, v in predicted.items()}
    return {k: tuple(v.shape) for k, v in cell.init_weights(input_dim, hidden_dim, rng).items()}


def extend_vocabulary(w: Mapping[str, np.ndarray], old_size: int, new_size: int,
                      seed: int = 0) -> dict[str, np.ndarray]:
    """Weights for a vocabulary grown from ``old_size`` to ``new_size`` (new words appended).

    A new word's embedding (and untied output row) starts as the ``<unk>`` row, which already
    stands for "some rare word here", plus a little noise so new words can tell apart; its
    output bias starts at ``<unk>``'s bias spread over the new words, so the model's total
    probability of rare words stays where training put it.
    """
    extra = new_size - old_size
    out = {k: np.array(v, np.float32) for k, v in w.items()}
    if extra <= 0:
        return out
    rng = np.random.default_rng(seed)
    unk = 0
    for key in ("embedding", "out_w"):
        if key in out:
            base = out[key]
            noise = rng.standard_normal((extra, base.shape[1])).astype(np.float32) * 0.01
            out[key] = np.concatenate([base, base[unk][None, :] + noise], axis=0)
    b = out["out_b"]
    new_b = np.full(extra, b[unk] - np.log(extra + 1.0), np.float32)
    out["out_b"] = np.concatenate([b, new_b])
    return out
