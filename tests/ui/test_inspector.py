"""The model inspector dock, offscreen with pytest-qt: a real main window, a real engine process,
real tiny LSTM and RNN models (trained once per session with ``wordpad-ai train``) and the real
bigram example plugin (a model without ``inspect``)."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest

from tiny_models import install_current, train_tiny
from wordpad_ai import paths
from wordpad_ai.api import ModelInternals
from wordpad_ai.settings import load_settings, update_settings
from wordpad_ai.text.tokenize import analyse_context
from wordpad_ai.ui.heatmap import display_token
from wordpad_ai.ui.inspector import INTERVAL_MS
from wordpad_ai.ui.inspector_data import MAX_UNITS, heatmaps, pick_units, value_range

ENGINE_READY_MS = 90_000  # engine start + model load on shared CPUs
ANSWER_MS = 15_000  # a suggestion or an inspection after typing
LSTM_TITLES = ["Forget gate f", "Input gate i", "Output gate o", "Cell state |c|", "Hidden state |h|"]


@pytest.fixture(scope="session")
def tiny_lstm(tmp_path_factory):
    return train_tiny("lstm", tmp_path_factory.mktemp("tiny_lstm"))


@pytest.fixture(scope="session")
def tiny_rnn(tmp_path_factory):
    return train_tiny("rnn", tmp_path_factory.mktemp("tiny_rnn"))


@pytest.fixture
def open_window(qtbot, tmp_path):
    """``open_window(model_id, model_dir=None, inspector_visible=True)``: a shown main window
    whose engine runs ``model_id`` (``model_dir`` installed as the user's current version)."""
    windows = []

    def open_(model_id: str, model_dir=None, inspector_visible: bool = True):
        if model_dir is not None:
            install_current(model_id, model_dir, tmp_path)
        update_settings(active_model=model_id, inspector_visible=inspector_visible, autosave_delay_ms=60_000)
        from wordpad_ai.ui.main_window import MainWindow

        window = MainWindow()  # closed below, not by qtbot (it would ask about unsaved text)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        window.start_engine()
        qtbot.waitUntil(window.engine.is_ready, timeout=ENGINE_READY_MS)
        window.suggestion_log = []  # every (revision, suggestions) the editor showed
        window.suggestions.suggestions_shown.connect(lambda rev, s: window.suggestion_log.append((rev, s)))
        window.editor.setFocus()
        windows.append(window)
        return window

    yield open_
    for window in windows:
        window.editor.document().setModified(False)
        window.close()
        window.deleteLater()


def type_and_settle(qtbot, window, text: str):
    """Type ``text`` with real key events; wait for the suggestion and the inspection of exactly
    the resulting text; return the suggestions shown."""
    qtbot.keyClicks(window.editor, text)
    inspector = window.inspector
    qtbot.waitUntil(lambda: bool(window.suggestion_log)
                    and window.suggestion_log[-1][0] == window.suggestions.revision, timeout=ANSWER_MS)
    qtbot.waitUntil(lambda: inspector.up_to_date, timeout=ANSWER_MS)
    return window.suggestion_log[-1][1]


def test_lstm_distribution_matches_the_engine_and_gates_have_one_column_per_token(qtbot, open_window, tiny_lstm):
    window = open_window("lstm", tiny_lstm)
    inspector = window.inspector
    assert inspector.dock.isVisible() and inspector.action.isChecked()  # from the settings
    text = "The old man who lived by the sea caught a big fish. She said that the "
    start = time.monotonic()
    suggestions = type_and_settle(qtbot, window, text)
    typing_ms = (time.monotonic() - start) * 1000
    # throttled: not one request per keystroke, at most one per interval (+ the leading one)
    assert 1 <= inspector.requests_sent <= 2 + typing_ms / INTERVAL_MS
    assert inspector.requests_sent < len(text)

    internals = inspector.internals
    top = window.inspector.panel.distribution.entries
    assert len(top) == 10 and top == tuple(internals.top)
    assert top[0][0].lower() == suggestions[0].word.lower()  # the same model, the same text
    assert all(a[1] >= b[1] for a, b in zip(top, top[1:]))  # most likely first

    expected_tokens = analyse_context(text).tokens[-12:]
    assert internals.tokens == expected_tokens and len(expected_tokens) == 12
    shown = window.inspector.panel.visible_heatmaps()
    assert [h.data.title for h in shown] == LSTM_TITLES
    for heatmap in shown:
        assert heatmap.data.columns == expected_tokens  # one column per recent token
        assert heatmap.data.values.shape == (1 + MAX_UNITS, 12)  # mean row + 16 of 32 units
        assert heatmap.data.rows[0] == "mean"
    gates = shown[0].data
    assert gates.vmin == 0.0 and gates.vmax == 1.0 and 0 < gates.values.min() and gates.values.max() < 1
    assert "forget gate" in window.inspector.panel.caption.text() and "forget gate" in window.inspector.panel.caption.toolTip()
    assert not window.inspector.panel.notice.isVisible()
    window.inspector.dock.grab()  # paints without error
    # every word read is labelled, horizontally, beside its row (was: rotated, every other missing)
    assert shown[0].word_labels() == [display_token(t)[:11] for t in expected_tokens]
    assert all(h.word_labels() == [] or not h.show_words for h in shown[1:])


def test_opening_the_inspector_keeps_the_window_size_and_most_of_the_editor(qtbot, open_window, tiny_lstm):
    window = open_window("lstm", tiny_lstm, inspector_visible=False)
    window.resize(900, 700)
    qtbot.wait(50)
    width, editor_height = window.width(), window.editor.height()
    window.inspector.action.trigger()  # View → Model Inspector
    type_and_settle(qtbot, window, "The old man who lived by the sea. She said that the ")
    qtbot.wait(50)
    assert window.width() == width  # not widened to fit the heatmaps
    assert window.inspector.dock.height() <= 0.45 * window.height()
    assert window.editor.height() >= 0.5 * editor_height


def test_top_ten_words_are_written_as_the_suggestions_are():
    from wordpad_ai import load_model

    from wordpad_ai.ui.inspector import readable

    model = load_model("lstm")  # the shipped model, in-process
    words = [w for w, _ in model.inspect("Yesterday ").top]
    assert "I" in words and "i" not in words  # as the bar shows it
    assert all(w[:1].isupper() for w, _ in model.inspect("We went home.\n\n").top)
    assert readable([("<eos>", 0.5), ("cat", 0.1)]) == [("¶ end of sentence", 0.5), ("cat", 0.1)]


def test_rnn_shows_its_hidden_state_magnitude(qtbot, open_window, tiny_rnn):
    window = open_window("rnn", tiny_rnn)
    suggestions = type_and_settle(qtbot, window, "My dog eats green ")
    shown = window.inspector.panel.visible_heatmaps()
    assert [h.data.title for h in shown] == ["Hidden state |h|"]
    data = shown[0].data
    assert data.columns == ("my", "dog", "eats", "green")
    assert data.values.shape == (1 + MAX_UNITS, 4) and 0 <= data.values.min() and data.values.max() <= 1
    top = window.inspector.panel.distribution.entries
    assert top[0][0].lower() == suggestions[0].word.lower()
    assert "RNN" in window.inspector.panel.caption.toolTip()


def test_model_without_inspect_shows_the_fallback_and_its_suggestions(qtbot, open_window, bigram_plugin):
    window = open_window("bigram")
    suggestions = type_and_settle(qtbot, window, "the ")
    panel = window.inspector.panel
    assert window.inspector.internals is None
    assert panel.notice.isVisible() and "offers no internals" in panel.notice.text()
    assert panel.visible_heatmaps() == []
    qtbot.waitUntil(lambda: panel.distribution.entries == tuple((s.word, s.probability) for s in suggestions),
                    timeout=ANSWER_MS)
    assert panel.distribution.title == "Top suggestions"


def test_hidden_dock_sends_no_requests_and_the_menu_toggle_persists(qtbot, open_window, bigram_plugin):
    window = open_window("bigram", inspector_visible=False)
    inspector = window.inspector
    answers = []
    window.engine.inspection_ready.connect(lambda rev, internals: answers.append(rev))
    assert not inspector.dock.isVisible() and not inspector.action.isChecked()
    qtbot.keyClicks(window.editor, "the cat ")
    qtbot.waitUntil(lambda: bool(window.suggestion_log), timeout=ANSWER_MS)
    qtbot.wait(3 * INTERVAL_MS)
    assert inspector.requests_sent == 0 and answers == []

    inspector.action.trigger()  # View → Model Inspector
    assert inspector.dock.isVisible()
    qtbot.waitUntil(lambda: inspector.up_to_date, timeout=ANSWER_MS)
    assert inspector.requests_sent == 1 and answers == [inspector.revision]
    assert load_settings().inspector_visible is True
    stored = json.loads(paths.settings_file().read_text(encoding="utf-8"))
    assert stored["inspector_visible"] is True

    inspector.dock.close()  # the dock's close button
    assert not inspector.action.isChecked() and load_settings().inspector_visible is False
    sent = inspector.requests_sent
    qtbot.keyClicks(window.editor, "sat ")
    qtbot.wait(3 * INTERVAL_MS)
    assert inspector.requests_sent == sent


def test_units_shown_are_the_most_varying_and_ranges_fit_the_values():
    rng = np.random.default_rng(0)
    tokens = tuple(f"w{i}" for i in range(5))
    cell = rng.normal(0, 0.01, (5, 40))
    busy = [3, 17, 39]
    cell[:, busy] += np.linspace(0, 4, 5)[:, None]  # three units that change a lot
    internals = ModelInternals(tokens, (("a", 0.5),), {
        "hidden |h|": np.abs(np.tanh(cell)).tolist(), "cell |c|": np.abs(cell).tolist(),
        "forget gate": (1 / (1 + np.exp(-cell))).tolist(), "surprise": [[v] for v in range(5)]})
    units = pick_units({"cell |c|": np.abs(cell)}, max_units=3)
    assert units.tolist() == busy
    maps = heatmaps(internals, max_units=3)
    assert [m.title for m in maps] == ["Forget gate f", "Cell state |c|", "Hidden state |h|", "Surprise"]
    assert maps[1].rows == ("mean", "u3", "u17", "u39") and maps[1].values.shape == (4, 5)
    assert np.allclose(maps[1].values[0], np.abs(cell).mean(axis=1))
    assert (maps[1].vmin, maps[1].vmax) == (0.0, 4.1)  # |c| grows past 1: scaled to its largest
    assert (maps[0].vmin, maps[0].vmax, maps[2].vmax) == (0.0, 1.0, 1.0)  # gates and |h| in 0…1
    assert maps[3].rows == ("value",) and maps[3].values.tolist() == [[0, 1, 2, 3, 4]]
    assert value_range(np.array([-0.5, 0.2])) == (-1.0, 1.0, True)


def test_a_heatmap_is_never_narrower_than_its_title(qtbot):
    """The last map's title ("Hidden state |h|") was cut off at the dock's edge."""
    from PySide6.QtGui import QFont, QFontMetrics

    from wordpad_ai.ui.heatmap import Heatmap
    from wordpad_ai.ui.inspector_data import HeatmapData

    widget = Heatmap(show_words=False)
    qtbot.addWidget(widget)
    title = "Hidden state |h|"
    widget.set_data(HeatmapData(title, ("the", "cat"), ("mean", "u1"),
                                np.zeros((2, 2), dtype=np.float32), 0.0, 1.0))
    bold = QFont(widget.font())
    bold.setBold(True)
    assert widget.minimumSizeHint().width() >= QFontMetrics(bold).horizontalAdvance(title)
