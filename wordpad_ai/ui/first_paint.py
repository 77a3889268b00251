"""Run work once a widget is first on screen: the engine start and the spelling dictionary are
queued here at launch so they never hold back the first frame. Its own module so that the window's
parts can use it without importing the application entry point (``ui/app.py``)."""

from __future__ import annotations

FIRST_PAINT_FALLBACK_MS = 1000  # run the callback by then even if the widget was never painted


def after_first_paint(widget, callback, fallback_ms: int = FIRST_PAINT_FALLBACK_MS) -> None:
    """Call ``callback`` from the event loop once ``widget`` has been painted for the first time
    (or after ``fallback_ms`` if it never is, e.g. a window started minimised), so work queued at
    launch never holds back the first frame."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _Watcher(QObject):
        def __init__(self):
            super().__init__(widget)
            self.done = False
            widget.installEventFilter(self)
            QTimer.singleShot(fallback_ms, self, self.fire)

        def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and not self.done:
                QTimer.singleShot(0, self, self.fire)  # after this paint reaches the screen
            return False

        def fire(self):
            if not self.done:
                self.done = True
                widget.removeEventFilter(self)
                self.deleteLater()  # first: the callback may run a nested event loop (a dialog)
                callback()

    _Watcher()
