"""What the model inspector draws, computed from a :class:`~wordpad_ai.api.ModelInternals`.

Pure functions (numpy, no Qt, no TensorFlow): the heatmaps' matrices with a sensible reduction of
the units, their colour ranges, and the caption that says what the viewer sees.

``ModelInternals.series`` maps a name to one row per recent token, each row a list of per-unit
values. ``HeatmapData`` keeps one row per unit and one column per token; the widget draws it
transposed (words down the side, labelled horizontally; units across). Models have hundreds of units, so
only the :data:`MAX_UNITS` units whose values vary most over the recent tokens are shown (the same
units in every series, so a row is the same unit in every heatmap), under a first row with the
mean over *all* units. That reduction lives in :mod:`wordpad_ai.inspection`, shared with the
engine, which sends only those rows when the request names ``max_units``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..api import ModelInternals
from ..inspection import MAX_UNITS, ReducedInternals, order_names, pick_units, reduce_internals

__all__ = ["HeatmapData", "MAX_UNITS", "caption", "heatmaps", "order_names", "pick_units", "value_range"]

TITLES = {  # display titles of the series the bundled models return
    "forget gate": "Forget gate f",
    "input gate": "Input gate i",
    "output gate": "Output gate o",
    "cell |c|": "Cell state |c|",
    "hidden |h|": "Hidden state |h|",
}

LSTM_CAPTION = (
    "Each row is a word the model read (oldest at the top, ¶ = end of a sentence); each column a "
    "memory unit (first column: mean of all units). The forget gate f decides how much of each unit's cell memory c is kept (bright = "
    "kept), the input gate i how much of the new word is written in, the output gate o how much is "
    "shown. Where f stays near 1, |c| stays bright down many rows: that is the LSTM remembering "
    "earlier words. An RNN has no gates, so its state is rewritten at every word.")
RNN_CAPTION = (
    "Each row is a word the model read (oldest at the top); each column a unit of the hidden state h "
    "(first column: mean of all units). The plain RNN has no gates: h = tanh(W·h + U·x + b) is "
    "rewritten at every word, so the colours change row by row and an earlier word's trace fades within "
    "a few words. That is why it forgets what an LSTM keeps in its gated cell state.")
GENERIC_CAPTION = (
    "Each row is a word the model read (oldest at the top); each column one value of the series the "
    "model reports (first column: mean of all values).")
NO_INTERNALS = "This model offers no internals."
SHORT_CAPTIONS = {  # the caption under the charts; the long one above is its tooltip
    "lstm": "Rows: the words read, oldest on top (¶ = end of a sentence); columns: memory units, the "
            "mean first. Where the forget gate f stays bright, the cell state |c| stays bright down "
            "the rows: the LSTM remembering. Point at the caption for more.",
    "rnn": "Rows: the words read, oldest on top; columns: units of the hidden state h, the mean first. "
           "With no gates h is rewritten at every word, so an earlier word fades within a few rows. "
           "Point at the caption for more.",
    "generic": "Rows: the words read, oldest on top; columns: the values the model reports, the mean first.",
}


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


def heatmaps(internals: ModelInternals | ReducedInternals, max_units: int = MAX_UNITS) -> list[HeatmapData]:
    """The heatmaps for ``internals``: one per series, tokens along x, a mean row plus the
    :func:`~wordpad_ai.inspection.pick_units` units along y (a single row for one-value series).

    ``internals`` may be full (as a model returns it) or already reduced by the engine
    (:func:`~wordpad_ai.inspection.reduce_internals`, sent when the request named ``max_units``):
    both draw the same picture.
    """
    if not isinstance(internals, ReducedInternals):
        internals = reduce_internals(internals, max_units)
    maps = []
    for name in order_names(internals.series):
        s = internals.series[name]
        if s.mean is None:
            values, rows = s.values.T, ("value",)
        else:
            values = np.vstack([s.mean[None, :], s.values.T])  # [1 + units, tokens]
            rows = ("mean", *(f"u{int(u)}" for u in s.units))
        vmin, vmax, diverging = value_range(values)
        maps.append(HeatmapData(TITLES.get(name, name[:1].upper() + name[1:]), tuple(internals.tokens),
                                rows, np.ascontiguousarray(values, np.float32), vmin, vmax, diverging))
    return maps


def caption_kind(internals: ModelInternals | ReducedInternals | None) -> str:
    """"lstm" (gates), "rnn" (only a hidden state), "generic", or "" (no internals)."""
    names = set(internals.series) if internals is not None else set()
    if any("gate" in n for n in names):
        return "lstm"
    if names == {"hidden |h|"}:
        return "rnn"
    return "generic" if names else ""


def caption(internals: ModelInternals | None) -> str:
    """One paragraph saying what the panel shows for this kind of model."""
    if internals is None:
        return NO_INTERNALS
    return {"lstm": LSTM_CAPTION, "rnn": RNN_CAPTION, "generic": GENERIC_CAPTION}.get(
        caption_kind(internals), "")


def short_caption(internals: ModelInternals | None) -> str:
    """Two lines at most under the charts (the dock stays small); :func:`caption` is its tooltip."""
    return SHORT_CAPTIONS.get(caption_kind(internals), "") if internals is not None else NO_INTERNALS
