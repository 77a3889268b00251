"""The status bar: engine state, word and character count, keystrokes saved, zoom."""

from __future__ import annotations

import re

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget

from ..stats import KeystrokeStats

_WORD = re.compile(r"\w+(?:['’-]\w+)*", re.UNICODE)
COUNT_DELAY_MS = 150  # word count is refreshed this long after the last edit (large documents)

ENGINE_MESSAGES = {
    "starting": "Loading model…",
    "busy": "Loading model…",
    "restarting": "Suggestions unavailable: restarting engine…",
    "failed": "Suggestions unavailable: the engine failed",
    "stopped": "Suggestion engine stopped",
}  # status text per engine state ("ready" shows the model name)


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


class EditorStatusBar(QStatusBar):
    """Labels for the engine, the counts and the savings; the text comes from the window."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.engine_label = QLabel(self.tr("Starting…"), self)  # engine state and model
        self.count_label = QLabel(self)  # "12 words, 64 characters"
        self.saved_label = QLabel(self)  # keystrokes saved by suggestions
        self.zoom_label = QLabel(self)  # zoom percentage, hidden at 100 %
        self.engine_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.addWidget(self.engine_label, 1)
        for label in (self.saved_label, self.count_label, self.zoom_label):
            self.addPermanentWidget(label)
        self.zoom_label.hide()
        self._text_source = None  # callable returning the document text
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._on_count_timer_timeout)
        self.set_saved(KeystrokeStats(), KeystrokeStats())

    def watch_text(self, text_source) -> None:
        """Count the words of ``text_source()`` after each :meth:`schedule_count`."""
        self._text_source = text_source
        self._on_count_timer_timeout()

    def schedule_count(self) -> None:
        self._count_timer.start()

    def count_now(self) -> None:
        self._count_timer.stop()
        self._on_count_timer_timeout()

    def _on_count_timer_timeout(self) -> None:
        text = self._text_source() if self._text_source else ""
        words, chars = count_words(text), len(text)
        self.count_label.setText(self.tr("%d words, %d characters") % (words, chars))

    def set_engine_state(self, state: str, message: str, model: str = "") -> None:
        if state == "ready":
            text = self.tr("Suggestions by %s") % model if model else self.tr("Suggestions ready")
        else:
            text = self.tr(ENGINE_MESSAGES.get(state, message or state))
        self.engine_label.setText(text)
        self.engine_label.setToolTip(message)

    def show_problem(self, message: str) -> None:
        """A one-line problem from the engine (no model, bad model dir), kept until the next state."""
        self.engine_label.setText("⚠ " + message)
        self.engine_label.setToolTip(message)

    def set_saved(self, session: KeystrokeStats, total: KeystrokeStats) -> None:
        self.saved_label.setText(self.tr("Keystrokes saved: %d (all time %d)")
                                 % (session.keystrokes_saved, total.keystrokes_saved))

    def set_zoom(self, steps: int, percent: int) -> None:
        self.zoom_label.setVisible(steps != 0)
        self.zoom_label.setText(f"{percent} %")
