"""The base class every recurrent cell subclasses: one recurrent step, written once per engine.

A cell is a *stateless* description of one recurrent step; the weights live elsewhere (TF
variables while training, numpy arrays at inference), passed in as a ``dict`` name → array. A
model plugin names its cell class directly (``class LSTMModel(RecurrentModel): cell = LSTMCell``);
there is no registry. A cell writes:

* ``state_names``: the names of the state tensors, the output ``h`` first (``("h",)``,
  ``("h", "c")``); every state has shape [batch, n].
* ``init_weights(d, n, rng)``: fresh weights as numpy arrays (this fixes names and shapes).
* its TensorFlow equations, once, as a step ``f(x W_x + b, states)`` split in two:

  - ``tf_project_inputs(w, x)``: the input part for every time step at once, x [T, B, d]
    (time-major) → ``(xp [T, B, k], w_step)`` (one large matrix product instead of T small ones),
    where ``w_step`` holds what the steps need (e.g. the recurrent block of a fused matrix,
    sliced once);
  - ``tf_step_projected(w_step, xp, states)``: the rest of the step from that projection xp [B, k].

  :meth:`Cell.tf_step` (one step from x [B, d]) is derived from the pair.
* ``np_step(w, x, states)``: the same step in numpy for fast inference, returning the new states
  and a dict of internals for the inspector (gates, …; may be empty). A test checks it equals
  the TensorFlow step (``tests/neural/test_cells.py``).

A third-party GRU is one subclass of about forty lines (``docs/plugins.md``).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np


class Cell:
    """Base class of recurrent cells (see the module docstring for the contract)."""

    state_names: ClassVar[tuple[str, ...]] = ("h",)  # state tensors, output h first

    @staticmethod
    def init_weights(input_dim: int, hidden_dim: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
        """Fresh weights, name → array (the names and shapes every model directory stores)."""
        raise NotImplementedError

    @staticmethod
    def tf_project_inputs(w: dict, x) -> tuple:
        """The input half of every step at once: x [T, B, d] → (xp [T, B, k], w_step)."""
        raise NotImplementedError

    @staticmethod
    def tf_step_projected(w_step: dict, xp, states: tuple) -> tuple:
        """The rest of one step from its input projection xp [B, k]: states → new states."""
        raise NotImplementedError

    @classmethod
    def tf_step(cls, w: dict, x, states: tuple) -> tuple:
        """One step in TensorFlow from x [B, d]: the projected pair on a one-step sequence."""
        xp, w_step = cls.tf_project_inputs(w, x[None])  # [1, B, k]
        return tuple(cls.tf_step_projected(w_step, xp[0], states))

    @staticmethod
    def np_step(w: dict[str, np.ndarray], x: np.ndarray, states: tuple) -> tuple[tuple, dict]:
        """One step in numpy: x [B, d], states → (new states, internals for the inspector)."""
        raise NotImplementedError


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
