"""The cell interface every recurrent cell implements, and the registry of known cells.

A cell is a *stateless* description of one recurrent step; the weights live elsewhere (TF
variables while training, numpy arrays at inference), passed in as a ``dict`` name → array:

* ``state_names``: the names of the state tensors, the output ``h`` first (``("h",)``,
  ``("h", "c")``); every state has shape [batch, n].
* ``init_weights(d, n, rng)``: fresh weights as numpy arrays (this fixes names and shapes).
* ``tf_step(w, x, states)``: one step in TensorFlow: x [B, d], states → new states.
* ``np_step(w, x, states)``: the same step in numpy for fast inference, returning the new states
  and a dict of internals for the inspector (gates, …; may be empty).

A third-party GRU is one subclass with these four members, registered with :func:`register_cell`
from its plugin module (see ``plugins/wordpad_ai_lstm/cell.py`` for a full example).

Optionally, for faster training, a cell whose step is ``f(x W_x + b, states)`` splits it in two:

* ``tf_project_inputs(w, x)``: the input part for every time step at once, x [T, B, d]
  (time-major) → ``(xp [T, B, k], w_step)`` (one large matrix product instead of T small ones), where
  ``w_step`` holds what the steps need (e.g. the recurrent block of a fused matrix, sliced once);
* ``tf_step_projected(w_step, xp, states)``: the rest of the step from that projection xp [B, k].

The trainer then uses the pair (the results are identical to ``tf_step``); cells without them are
stepped with ``tf_step``.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

_CELLS: dict[str, type["Cell"]] = {}


class Cell:
    """Base class of recurrent cells (see the module docstring for the contract)."""

    name: ClassVar[str] = ""  # stable id stored in config.json ("lstm")
    state_names: ClassVar[tuple[str, ...]] = ("h",)  # state tensors, output h first

    @staticmethod
    def init_weights(input_dim: int, hidden_dim: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        raise NotImplementedError

    @staticmethod
    def tf_step(w: dict, x, states: tuple) -> tuple:
        raise NotImplementedError

    @staticmethod
    def np_step(w: dict[str, np.ndarray], x: np.ndarray, states: tuple) -> tuple[tuple, dict]:
        raise NotImplementedError

    tf_project_inputs = None  # optional: (w, x [T, B, d]) -> (xp [T, B, k], w_step)
    tf_step_projected = None  # optional: (w_step, xp [B, k], states) -> new states


def register_cell(cell: type[Cell]) -> type[Cell]:
    """Make a cell known by its ``name`` (usable as a class decorator)."""
    if not cell.name:
        raise ValueError(f"{cell.__name__} has no name")
    _CELLS[cell.name] = cell
    return cell


def get_cell(name: str) -> type[Cell]:
    """The registered cell called ``name``; importing the bundled plugins registers theirs."""
    if name not in _CELLS:
        _import_bundled()
    try:
        return _CELLS[name]
    except KeyError:
        raise KeyError(f"no recurrent cell named {name!r} (known: {', '.join(sorted(_CELLS))})") from None


def _import_bundled() -> None:
    import importlib

    for module in ("wordpad_ai_lstm.cell", "wordpad_ai_rnn.cell"):
        try:
            importlib.import_module(module)
        except ImportError:
            pass


def glorot(rng: np.random.Generator, fan_in: int, fan_out: int) -> np.ndarray:
    """Glorot-uniform [fan_in, fan_out] float32 matrix."""
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=(fan_in, fan_out)).astype(np.float32)


def orthogonal(rng: np.random.Generator, n: int, m: int) -> np.ndarray:
    """An [n, m] float32 matrix with orthonormal columns (or rows), for recurrent weights."""
    a = rng.standard_normal((max(n, m), min(n, m)))
    q, r = np.linalg.qr(a)
    q = q * np.sign(np.diag(r))
    return (q if n >= m else q.T).astype(np.float32)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Numerically safe logistic function."""
    return 0.5 * (1.0 + np.tanh(0.5 * x))
