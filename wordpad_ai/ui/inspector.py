"""The model inspector: a dock that shows what the active model "thinks" at the cursor.

For the text before the cursor it shows the next-word distribution (top 10) and, for recurrent
models, their internals over the last words as heatmaps: for the LSTM the forget, input and
output gates and the cell-state magnitude, for the RNN the hidden-state magnitude (see
``inspector_data.py``). Models offer this through the optional ``NextWordModel.inspect``; a
model without it shows "This model offers no internals." and the editor's top suggestions.

Typing is never slowed down: requests go through the engine client (``request_inspection``),
only while the dock is visible, once typing paused for :data:`INTERVAL_MS` (debounced) or, while
typing goes on, every :data:`MAX_STALE_MS`; after an edit only once the editor's suggestions for
it have arrived (or :data:`MAX_DEFER_MS` passed), so the engine computes the internals in the
writer's pause between keys, not in front of the next suggestion. Answers for an older revision
are dropped; painting only scales small images. The engine reduces the internals to what is drawn
(``max_units``: the mean row and the 16 units shown, see ``wordpad_ai/inspection.py``): for the
256-unit LSTM ~3 ms of engine work and ~21 KB on the wire (the full rows were ~300 KB, ~8 ms to
decode here); see ``tests/benchmarks/test_bench_inspector.py``.

:func:`install_inspector` is the one call the main window makes (View → Model Inspector).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QFrame, QHBoxLayout, QLabel, QMainWindow,
                               QScrollArea, QVBoxLayout, QWidget)

from .. import settings as settings_mod
from ..api import CONTEXT_CHARS, ModelInternals
from ..inspection import ReducedInternals
from .distribution_chart import MAX_BARS, DistributionChart
from .heatmap import Heatmap, display_token
from .inspector_data import MAX_UNITS, NO_INTERNALS, caption, heatmaps, short_caption
from .menus import find_menu
from .suggestions import engine_context

INTERVAL_MS = 150  # inspect once typing paused this long (and never more often than this)
MAX_STALE_MS = 750  # while typing goes on without a pause, inspect at least this often
MAX_DEFER_MS = 150  # after an edit, wait this long at most for its suggestions before inspecting
MAX_HEATMAPS = 6  # heatmap widgets kept (series beyond are not shown)
DOCK_SHARE = 0.4  # the dock opens at most this share of the window's height: the editor keeps the rest
EOS_LABEL = "¶ end of sentence"  # how the distribution names the model's end-of-sentence token


def readable(entries) -> list[tuple[str, float]]:
    """(word, probability) pairs with the model's special tokens in words ("¶ end of sentence")."""
    return [(EOS_LABEL if w == "<eos>" else display_token(w), p) for w, p in entries]


class InspectorPanel(QWidget):
    """The dock's contents: header, distribution bars, heatmaps, caption. Only displays."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.header = QLabel(self)  # model name and the words the model read last
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.notice = QLabel(NO_INTERNALS, self)  # shown when the model offers no internals
        self.notice.setObjectName("inspector_notice")
        self.notice.setStyleSheet("font-style: italic;")
        self.notice.hide()
        self.distribution = DistributionChart(self)
        self.heatmaps = [Heatmap(self, show_words=(i == 0)) for i in range(MAX_HEATMAPS)]
        self.caption = QLabel(self)  # what the viewer sees, in one paragraph
        self.caption.setWordWrap(True)
        self.caption.setObjectName("inspector_caption")
        self.caption.setStyleSheet("color: palette(placeholder-text);")

        area = QWidget(self)  # the charts scroll sideways in a narrow window: it never widens
        charts = QHBoxLayout(area)
        charts.setContentsMargins(0, 0, 0, 0)
        charts.setSpacing(14)
        charts.addWidget(self.distribution, 0)
        for heatmap in self.heatmaps:
            heatmap.hide()
            charts.addWidget(heatmap, 0)  # equal extra width each: the word labels stay extra
        scroll = QScrollArea(self)
        scroll.setWidget(area)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumHeight(max(self.distribution.minimumSizeHint().height(),
                                    self.heatmaps[0].minimumSizeHint().height()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.notice)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.caption)

    def visible_heatmaps(self) -> list[Heatmap]:
        return [h for h in self.heatmaps if not h.isHidden()]

    def show_internals(self, internals: ModelInternals | ReducedInternals | None, model_name: str) -> None:
        """Show ``internals``; None means the model offers none (the notice stays up until a
        model answers with internals)."""
        if internals is None:
            self.notice.show()
            self.caption.setText(self.tr("The distribution shows the editor's suggestions only."))
            for heatmap in self.heatmaps:
                heatmap.hide()
            self.header.setText(model_name)
            return
        self.notice.hide()
        tail = " ".join(display_token(t) for t in internals.tokens[-6:])
        self.header.setText(self.tr("%s · read so far: “… %s”") % (model_name, tail) if tail else model_name)
        self.distribution.set_entries(readable(internals.top), self.tr("Next word: top %d") % MAX_BARS)
        maps = heatmaps(internals)
        for heatmap, data in zip(self.heatmaps, maps):
            heatmap.set_data(data)
            heatmap.show()
        for heatmap in self.heatmaps[len(maps):]:
            heatmap.hide()
        self.caption.setText(short_caption(internals))
        self.caption.setToolTip(f"<p>{caption(internals)}</p>")  # rich text: Qt wraps it

    def show_suggestions(self, suggestions: list) -> None:
        """The fallback distribution: the editor's suggestions with their probabilities."""
        self.distribution.set_entries(readable((s.word, s.probability) for s in suggestions),
                                      self.tr("Top suggestions"))


class InspectorDock(QDockWidget):
    """The dock; its close button counts as the writer hiding the inspector."""

    closed = Signal()  # the writer closed the dock with its title-bar button

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent.tr("Model Inspector") if parent else "Model Inspector", parent)
        self.setObjectName("model_inspector")
        self.panel = InspectorPanel(self)
        self.setWidget(self.panel)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()


class ModelInspector(QObject):
    """Feeds the dock from the engine: throttled requests while visible, stale answers dropped."""

    def __init__(self, window: QMainWindow, engine_client, editor):
        super().__init__(window)
        self.window = window
        self.client = engine_client  # the EngineClient
        self.editor = editor  # the SuggestionEditor whose cursor is inspected
        self.dock = InspectorDock(window)
        self.panel = self.dock.panel
        self.requests_sent = 0  # inspection requests sent (for tests and the status of the dock)
        self.revision = 0  # revision of the newest request; older answers are dropped
        self.internals: ModelInternals | ReducedInternals | None = None  # the newest answer shown
        self.answered = False  # an answer for the newest request arrived
        self._dirty = True  # the text or cursor changed since the last request
        self._last_sent = -1e9  # monotonic time of the last request, seconds
        self._changed_at = -1e9  # monotonic time of the last edit or cursor move, seconds
        self._awaiting_suggestion = False  # the editor's suggestions for the last edit are due
        self._model_name = ""  # display name of the active model
        self._names: dict[str, str] = {}  # model id → display name
        self._suggestions: list = []  # the editor's latest suggestions (fallback distribution)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.action = QAction(window.tr("Model &Inspector"), window)
        self.action.setObjectName("model_inspector")
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+Alt+I"))
        self.action.setStatusTip(window.tr("Show what the model predicts and how its memory changes"))
        self.action.triggered.connect(self._on_action_triggered)
        menu = find_menu(window, "View")
        menu.addSeparator()
        menu.addAction(self.action)

        editor.textChanged.connect(self._on_editor_changed)
        editor.cursorPositionChanged.connect(self._on_editor_changed)
        engine_client.inspection_ready.connect(self._on_client_inspection_ready)
        engine_client.suggestions_ready.connect(self._on_client_suggestions_ready)
        engine_client.state_changed.connect(self._on_client_state_changed)
        engine_client.model_changed.connect(self._on_client_model_changed)
        engine_client.models_listed.connect(self._on_client_models_listed)
        self.dock.visibilityChanged.connect(self._on_dock_visibility_changed)
        self.dock.closed.connect(self._on_dock_closed)
        self.set_visible(settings_mod.load_settings().inspector_visible, remember=False)

    # -- public -------------------------------------------------------------------------------
    def set_visible(self, visible: bool, remember: bool = True) -> None:
        """Show or hide the dock; ``remember`` stores the choice in the settings."""
        self.dock.setVisible(visible)
        if visible:  # a share of the window's height, never the editor's room
            height = min(self.panel.sizeHint().height(), int(self.window.height() * DOCK_SHARE))
            self.window.resizeDocks([self.dock], [max(height, self.panel.minimumSizeHint().height())],
                                    Qt.Orientation.Vertical)
        self.action.setChecked(visible)
        if remember:
            settings_mod.update_settings(inspector_visible=bool(visible))
        if visible:
            self.refresh()

    def is_active(self) -> bool:
        """Whether the inspector wants data now (its dock is on screen)."""
        return self.dock.isVisible()

    @property
    def up_to_date(self) -> bool:
        """The panel shows the answer for the text and cursor as they are now."""
        return self.answered and not self._dirty and not self._timer.isActive()

    def refresh(self) -> None:
        """Ask again for the current position (soon, within the request budget)."""
        self._dirty = True
        self._schedule()

    # -- requests -----------------------------------------------------------------------------
    def _schedule(self) -> None:
        """(Re)start the timer: debounced by INTERVAL_MS, at once when the panel is stale."""
        if not self.is_active():
            return
        since_ms = (time.monotonic() - self._last_sent) * 1000
        self._timer.start(0 if since_ms >= MAX_STALE_MS else INTERVAL_MS)

    def _on_timer_timeout(self) -> None:
        if not self._dirty or not self.is_active() or not self.client.is_ready():
            return  # nothing new, hidden, or the engine is not ready (state_changed re-asks)
        defer_ms = MAX_DEFER_MS - (time.monotonic() - self._changed_at) * 1000
        if self._awaiting_suggestion and defer_ms > 0:
            self._timer.start(int(defer_ms) + 1)  # suggestions first (their arrival restarts a stale panel)
            return
        self._dirty = False
        self._last_sent = time.monotonic()
        self.revision += 1
        self.answered = False
        self.requests_sent += 1
        self.client.request_inspection(self.revision, engine_context(self.editor.text_before_cursor(CONTEXT_CHARS)),
                                       max_units=MAX_UNITS)  # reduced in the engine: only what is drawn

    # -- slots --------------------------------------------------------------------------------
    def _on_editor_changed(self) -> None:
        self._dirty = True
        self._changed_at = time.monotonic()
        self._awaiting_suggestion = True
        self._schedule()

    def _on_action_triggered(self, checked: bool) -> None:
        self.set_visible(checked)

    def _on_dock_closed(self) -> None:
        self.action.setChecked(False)
        settings_mod.update_settings(inspector_visible=False)

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.refresh()

    def _on_client_inspection_ready(self, revision: int, internals) -> None:
        if revision != self.revision:
            return  # stale: a newer request is out
        self.internals = internals
        self.answered = True
        self.panel.show_internals(internals, self._model_name)
        if internals is None:
            self.panel.show_suggestions(self._suggestions)

    def _on_client_suggestions_ready(self, revision: int, suggestions: list) -> None:
        self._suggestions = list(suggestions)
        self._awaiting_suggestion = False
        if self._dirty and self.is_active() and (time.monotonic() - self._last_sent) * 1000 >= MAX_STALE_MS:
            self._timer.start(0)  # a stale panel waited for these suggestions: inspect now
        if self.answered and self.internals is None and self.is_active():
            self.panel.show_suggestions(suggestions)

    def _on_client_state_changed(self, state: str, message: str) -> None:
        if state == "ready":
            self.refresh()

    def _on_client_model_changed(self, model_id: str, message: str) -> None:
        self._model_name = self._names.get(model_id, model_id)
        self.panel.distribution.set_entries(())
        self.refresh()

    def _on_client_models_listed(self, models: list) -> None:
        self._names = {m.model_id: m.display_name for m in models}


def install_inspector(window: QMainWindow, engine_client, editor) -> ModelInspector:
    """Add the Model Inspector dock and View → Model Inspector to ``window`` (shown when the
    settings say so); it inspects ``editor``'s cursor through ``engine_client``."""
    return ModelInspector(window, engine_client, editor)
