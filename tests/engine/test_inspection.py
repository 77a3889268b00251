"""The engine reduces an inspection to what the inspector draws (``max_units``), with the shipped
256-unit LSTM run in-process: the reduced reply keeps the mean row, the same units in every series,
and exactly the full reply's values for those units, so the dock draws the same picture."""

from __future__ import annotations

import numpy as np
import pytest

from wordpad_ai.api import ModelError
from wordpad_ai.engine import protocol
from wordpad_ai.engine.core import Engine
from wordpad_ai.inspection import ReducedInternals
from wordpad_ai.plugins import PluginHost
from wordpad_ai.settings import Settings
from wordpad_ai.ui.inspector_data import heatmaps

TEXT = "The old man who lived by the sea caught a big fish. She said that the "
LSTM_SERIES = ["forget gate", "input gate", "output gate", "cell |c|", "hidden |h|"]


@pytest.fixture(scope="module")
def lstm_engine():
    engine = Engine(PluginHost(only=("lstm",)), Settings(active_model="lstm"))
    try:
        engine.set_model("lstm")
    except ModelError as exc:  # pragma: no cover - a checkout without the shipped weights
        pytest.skip(f"shipped LSTM unavailable: {exc}")
    return engine


def _wire(internals) -> bytes:
    return protocol.encode({"op": "inspection", "rev": 1, "internals": protocol.internals_to_json(internals)})


def test_reduced_reply_keeps_the_mean_and_the_same_units_with_full_resolution_values(lstm_engine):
    full = lstm_engine.inspect(TEXT)
    full_wire = _wire(full)
    reduced_wire = _wire(lstm_engine.inspect(TEXT, max_units=16))
    reduced = protocol.internals_from_json(protocol.decode(reduced_wire)["internals"])
    assert isinstance(reduced, ReducedInternals)
    assert reduced.tokens == full.tokens and len(full.tokens) == 12 and reduced.top == full.top
    assert list(reduced.series) == LSTM_SERIES

    units = reduced.series["cell |c|"].units.tolist()
    assert len(units) == 16 and units == sorted(set(units)) and max(units) < 256
    cell = np.asarray(full.series["cell |c|"], np.float32)
    spread = cell.std(axis=0)
    others = np.setdiff1d(np.arange(256), units)
    assert spread[units].min() >= spread[others].max()  # the most varying units of |c|
    for name, rows in reduced.series.items():
        assert rows.units.tolist() == units, name  # the same units in every series
        m = np.asarray(full.series[name], np.float32)  # [tokens, 256], the model's own values
        assert m.shape == (12, 256) and rows.values.shape == (12, 16)
        assert np.array_equal(rows.values, m[:, units]), name  # full resolution, no rounding
        assert np.allclose(rows.mean, m.mean(axis=1), rtol=1e-6, atol=0), name  # over all 256
        assert not np.allclose(rows.mean, m[:, units].mean(axis=1)), name

    # the dock draws the same picture from either reply, and the reduced one is a fraction
    same = [(h.title, h.columns, h.rows, h.vmin, h.vmax, h.diverging) for h in heatmaps(full)]
    assert same == [(h.title, h.columns, h.rows, h.vmin, h.vmax, h.diverging) for h in heatmaps(reduced)]
    assert all(np.array_equal(a.values, b.values) for a, b in zip(heatmaps(full), heatmaps(reduced)))
    assert heatmaps(reduced)[3].rows == ("mean", *(f"u{u}" for u in units))
    assert len(reduced_wire) * 8 < len(full_wire)


def test_without_max_units_the_reply_has_the_full_rows(lstm_engine):
    message = protocol.inspect_request(5, TEXT)
    assert "max_units" not in message  # older engines see the request they know
    data = protocol.internals_to_json(lstm_engine.inspect(TEXT))
    assert "units" not in data and "means" not in data
    assert {len(row) for rows in data["series"].values() for row in rows} == {256}
