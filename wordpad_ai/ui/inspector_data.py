"""What the model inspector draws, computed from a :class:`~wordpad_ai.api.ModelInternals`.

Pure functions (numpy, no Qt, no TensorFlow): the heatmaps' matrices with a sensible reduction of
the units, their colour ranges, and the caption that says what the viewer sees.

``ModelInternals.series`` maps a name to one row per recent token, each row a list of per-unit
values. A heatmap puts the tokens along x and the units along y. Models have hundreds of units, so
only the :data:`MAX_UNITS` units whose values vary most over the recent tokens are shown (the same
units in every series, so a row is the same unit in every heatmap), under a first row with the
mean over *all* units.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..api import ModelInternals

MAX_UNITS = 16  # unit rows shown per heatmap (most varying over the recent tokens)
ANCHORS = ("cell |c|", "hidden |h|")  # series whose variance picks the units, first found wins
ORDER = ("forget gate", "input gate", "output gate", "cell |c|", "hidden |h|")  # display order
TITLES = {  # display titles of the series the bundled models return
    "forget gate": "Forget gate f",
    "input gate": "Input gate i",
    "output gate": "Output gate o",
    "cell |c|": "Cell state |c|",
    "hidden |h|": "Hidden state |h|",
}

LSTM_CAPTION = (
    "Each column is a word the model read (oldest left); each row a memory unit (top row: mean of "
    "all units). The forget gate f decides how much of each unit's cell memory c is kept (bright = "
    "kept), the input gate i how much of the new word is written in, the output gate o how much is "
    "shown. Where f stays near 1, |c| stays bright across many words: that is the LSTM remembering "
    "earlier words. An RNN has no gates, so its state is rewritten at every word.")
RNN_CAPTION = (
    "Each column is a word the model read (oldest left); each row a unit of the hidden state h "
    "(top row: mean of all units). The plain RNN has no gates: h = tanh(W·h + U·x + b) is rewritten "
    "at every word, so the colours change column by column and an earlier word's trace fades within "
    "a few words. That is why it forgets what an LSTM keeps in its gated cell state.")
GENERIC_CAPTION = (
    "Each column is a word the model read (oldest left); each row one value of the series the "
    "model reports (top row: mean of all values).")
NO_INTERNALS = "This model offers no internals."


@dataclass(frozen=True)
class HeatmapData:
    """One heatmap: ``values[row][column]``, rows labelled ``rows``, columns ``columns``."""

    title: str  # shown above the map
    columns: tuple[str, ...]  # tokens, oldest first (x axis)
    rows: tuple[str, ...]  # "mean", "u12", "u40" … (y axis)
    values: np.ndarray  # [len(rows), len(columns)] float32
    vmin: float  # value drawn with the first colour of the scale
    vmax: float  # value drawn with the last colour
    diverging: bool = False  # values change sign: a diverging colour scale, centred on 0


def _matrix(rows) -> np.ndarray:
    """Series rows (one per token) as a [tokens, units] array; ragged rows are cut to the shortest."""
    rows = [np.asarray(r, np.float32).ravel() for r in rows]
    if not rows:
        return np.zeros((0, 0), np.float32)
    width = min(len(r) for r in rows)
    return np.stack([r[:width] for r in rows]) if width else np.zeros((len(rows), 0), np.float32)


def pick_units(series: dict[str, np.ndarray], max_units: int = MAX_UNITS) -> np.ndarray | None:
    """Indices (ascending) of the units to show, or None for all of them.

    The units whose anchor series (cell state, else hidden state, else the first series) varies
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


def value_range(values: np.ndarray) -> tuple[float, float, bool]:
    """(vmin, vmax, diverging) for a colour scale: gates and tanh values keep the fixed range
    0…1 (or −1…1), larger magnitudes scale to their largest value."""
    if values.size == 0:
        return 0.0, 1.0, False
    lo, hi = float(values.min()), float(values.max())
    top = max(abs(lo), abs(hi))
    top = 1.0 if top <= 1.0 else float(np.ceil(top * 10) / 10)
    if lo < 0:
        return -top, top, True
    return 0.0, top, False


def order_names(names) -> list[str]:
    """Series names in display order: the known ones as in :data:`ORDER`, then the others."""
    names = list(names)
    known = [n for n in ORDER if n in names]
    return known + [n for n in names if n not in known]


def heatmaps(internals: ModelInternals, max_units: int = MAX_UNITS) -> list[HeatmapData]:
    """The heatmaps for ``internals``: one per series, tokens along x, a mean row plus the
    :func:`pick_units` units along y (a single row for one-value series)."""
    n_tokens = len(internals.tokens)
    series = {}
    for name in order_names(internals.series):
        m = _matrix(internals.series[name])
        if m.size and m.shape[0] == n_tokens:
            series[name] = m
    units = pick_units(series, max_units)
    maps = []
    for name, m in series.items():  # m: [tokens, units]
        if m.shape[1] == 1:
            values, rows = m.T, ("value",)
        else:
            keep = units if units is not None and units.max() < m.shape[1] else np.arange(min(m.shape[1], max_units))
            values = np.vstack([m.mean(axis=1)[None, :], m[:, keep].T])  # [1 + units, tokens]
            rows = ("mean", *(f"u{int(u)}" for u in keep))
        vmin, vmax, diverging = value_range(values)
        maps.append(HeatmapData(TITLES.get(name, name[:1].upper() + name[1:]), tuple(internals.tokens),
                                rows, np.ascontiguousarray(values, np.float32), vmin, vmax, diverging))
    return maps


def caption(internals: ModelInternals | None) -> str:
    """One paragraph saying what the panel shows for this kind of model."""
    if internals is None:
        return NO_INTERNALS
    names = set(internals.series)
    if any("gate" in n for n in names):
        return LSTM_CAPTION
    if names == {"hidden |h|"}:
        return RNN_CAPTION
    return GENERIC_CAPTION if names else ""
