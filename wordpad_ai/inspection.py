"""Reducing a model's internals to what the inspector shows, shared by the engine and the GUI.

``ModelInternals.series`` holds one row per recent token with a value per unit: for the bundled
256-unit LSTM some 15 000 numbers, ~300 KB of JSON. The inspector shows per series only a mean
over *all* units plus the :data:`MAX_UNITS` units that vary most over the recent tokens (the same
units in every series, so a row is the same unit in every heatmap). :func:`reduce_internals`
computes exactly that, so the engine can send only what is drawn (``max_units`` in the ``inspect``
request) and the panel draws the same picture from a full or a reduced answer.

Numpy only: no Qt, no TensorFlow (the GUI imports this once the inspector is installed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

from .api import ModelInternals

MAX_UNITS = 16  # unit rows shown per heatmap (most varying over the recent tokens)
ANCHORS = ("cell |c|", "hidden |h|")  # series whose variance picks the units, first found wins
ORDER = ("forget gate", "input gate", "output gate", "cell |c|", "hidden |h|")  # display order


@dataclass(frozen=True, eq=False)
class UnitRows:
    """One series reduced to a few units: ``values[token][j]`` is unit ``units[j]``."""

    units: np.ndarray  # [k] int, unit indices, ascending
    values: np.ndarray  # [tokens, k] float32, the units' values
    mean: np.ndarray | None  # [tokens] float32, mean over all units; None: a one-value series


@dataclass(frozen=True, eq=False)
class ReducedInternals:
    """A :class:`~wordpad_ai.api.ModelInternals` reduced by :func:`reduce_internals` (what the
    engine sends when asked for ``max_units``); ``tokens`` and ``top`` are unchanged."""

    tokens: tuple[str, ...]  # the last tokens read, oldest first
    top: tuple[tuple[str, float], ...]  # (word, probability), most likely first
    series: Mapping[str, UnitRows] = field(default_factory=dict)  # in display order


def order_names(names) -> list[str]:
    """Series names in display order: the known ones as in :data:`ORDER`, then the others."""
    names = list(names)
    known = [n for n in ORDER if n in names]
    return known + [n for n in names if n not in known]


def matrix(rows) -> np.ndarray:
    """Series rows (one per token) as a [tokens, units] float32 array; ragged rows are cut to
    the shortest."""
    if isinstance(rows, np.ndarray) and rows.ndim == 2:
        return rows.astype(np.float32, copy=False)
    try:  # the usual case, rectangular rows: one conversion
        m = np.asarray(rows, np.float32)
        if m.ndim == 2:
            return m
    except ValueError:  # ragged
        pass
    rows = [np.asarray(r, np.float32).ravel() for r in rows]
    if not rows:
        return np.zeros((0, 0), np.float32)
    width = min(len(r) for r in rows)
    return np.stack([r[:width] for r in rows]) if width else np.zeros((len(rows), 0), np.float32)


def pick_units(series: Mapping[str, np.ndarray], max_units: int = MAX_UNITS) -> np.ndarray | None:
    """Indices (ascending) of the units to show, or None for all of them.

    The units whose anchor series (cell state, else hidden state, else the widest series) varies
    most over the recent tokens: those that react to the words, the interesting ones.
    """
    widths = {m.shape[1] for m in series.values() if m.size}
    if not widths or max(widths) <= max_units:
        return None
    anchor = next((series[a] for a in ANCHORS if a in series and series[a].size), None)
    if anchor is None:
        anchor = max((m for m in series.values() if m.size), key=lambda m: m.shape[1])
    spread = anchor.std(axis=0) if anchor.shape[0] > 1 else np.abs(anchor[0])
    return np.sort(np.argsort(-spread, kind="stable")[:max_units])


def reduce_internals(internals: ModelInternals, max_units: int = MAX_UNITS) -> ReducedInternals:
    """What the inspector draws of ``internals``: per series (in display order) the mean over all
    units and the :func:`pick_units` units, or the single value of a one-value series. Series
    whose row count differs from ``tokens`` are dropped (they are not shown)."""
    n_tokens = len(internals.tokens)
    series = {}
    for name in order_names(internals.series):
        m = matrix(internals.series[name])
        if m.size and m.shape[0] == n_tokens:
            series[name] = m
    units = pick_units(series, max_units)
    reduced = {}
    for name, m in series.items():  # m: [tokens, units]
        if m.shape[1] == 1:
            reduced[name] = UnitRows(np.zeros(1, np.int64), m, None)
            continue
        if units is not None and units.max() < m.shape[1]:
            keep = units
        else:
            keep = np.arange(min(m.shape[1], max_units))
        reduced[name] = UnitRows(keep, np.ascontiguousarray(m[:, keep]), m.mean(axis=1))
    return ReducedInternals(tuple(internals.tokens), tuple(internals.top), reduced)
