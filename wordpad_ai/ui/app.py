"""Application entry point: ``wordpad-ai gui [FILE...]`` and the ``wordpad-ai-gui`` script.

Only Qt and our light modules are imported before the window is shown; the suggestion engine
(a separate process that loads TensorFlow) is started right after, from the event loop.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .first_paint import after_first_paint

ICON_PATH = Path(__file__).parent / "resources" / "wordpad-ai.svg"  # the application icon
STARTUP_TIMES_ENV = "WORDPAD_AI_STARTUP_TIMES"  # set: print when the first frame and suggestion came
SELF_CHECK_TIMEOUT_S = 120.0  # longest wait for the first suggestion in --self-check
SELF_CHECK_TEXT = "The "  # the text the self-check asks a suggestion for


def _application(argv0: str):
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setApplicationName("WordPad AI")
        QGuiApplication.setOrganizationName("WordPad AI")
        QGuiApplication.setOrganizationDomain("wordpad-ai.org")
        QGuiApplication.setDesktopFileName("org.wordpad_ai.WordPadAI")
        app = QApplication([argv0])
    app.setWindowIcon(QIcon(str(ICON_PATH)))
    return app


def create_window(files: list[str] = (), recover: bool = True):
    """Build and show a window, open ``files``, offer crash recovery; start the engine next."""
    from .main_window import MainWindow

    window = MainWindow()
    window.show()
    for name in files[:1]:
        window.files.open_or_create(name)  # a new name: an empty document, created on save
    if os.environ.get(STARTUP_TIMES_ENV):
        _report_startup_times(window)
    offer_recovery = recover and not files

    def after_shown() -> None:
        window.start_engine()
        if offer_recovery:
            window.offer_recovery()

    after_first_paint(window.editor.viewport(), after_shown)
    return window


def _report_startup_times(window) -> None:
    """Print wall-clock times (``time.time()``) of the editor's first painted frame and of the
    first suggestion shown to stderr, for launch benchmarks that start the real command."""
    import time

    from PySide6.QtCore import QEvent, QObject

    class _PaintClock(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                print(f"wordpad-ai startup: painted {time.time():.6f}", file=sys.stderr, flush=True)
                obj.removeEventFilter(self)
            return False

    reported = []

    def suggested(revision, suggestions):
        if suggestions and not reported:
            reported.append(revision)
            print(f"wordpad-ai startup: suggestion {time.time():.6f}", file=sys.stderr, flush=True)

    window.editor.viewport().installEventFilter(_PaintClock(window))
    window.suggestions.suggestions_shown.connect(suggested)


def run_app(files: list[str]) -> int:
    """Run the editor until its window closes; the exit status."""
    app = _application(sys.argv[0] if sys.argv else "wordpad-ai")
    windows = [create_window(files)]
    for extra in files[1:]:  # one window per further file
        windows.append(create_window([extra], recover=False))
    status = app.exec()
    _dispose(app, windows)
    return status


def _dispose(app, windows: list) -> None:
    """Delete closed windows while the application still exists. Left to the interpreter's
    final garbage collection, a window (its engine process, its timers, its Python slots) could
    be destroyed after the QApplication or while Python is half torn down, which crashes the
    process on exit (seen once as a SIGSEGV after a self-check)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for window in windows:  # closed already: their engines are stopped, their threads joined
        window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


def self_check(timeout_s: float = SELF_CHECK_TIMEOUT_S) -> int:
    """Open the window offscreen, wait for a suggestion for "The ", print it; 0 if one came."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    app = _application("wordpad-ai")
    window = create_window([], recover=False)
    outcome = {"code": 1, "message": f"self-check failed: no suggestion within {timeout_s:g} s",
               "done": False}

    def finish() -> None:
        outcome["done"] = True  # answers arriving while the window closes do not count
        app.exit(0)  # (quit() would first try to close the window)

    def on_shown(revision: int, suggestions: list) -> None:
        if outcome["done"]:
            return
        if suggestions and window.editor.plain_text() == SELF_CHECK_TEXT:
            outcome.update(code=0, message=f"self-check ok: “{SELF_CHECK_TEXT}” → {suggestions[0].word!r}")
            finish()

    def on_state(state: str, message: str) -> None:
        if state == "failed" and not outcome["done"]:
            outcome.update(code=1, message=f"self-check failed: the suggestion engine failed ({message})")
            finish()

    def type_text() -> None:
        window.engine.state_changed.connect(on_state)
        window.editor.insertPlainText(SELF_CHECK_TEXT)

    window.suggestions.suggestions_shown.connect(on_shown)
    window.engine_started.connect(type_text)
    QTimer.singleShot(int(timeout_s * 1000), finish)
    app.exec()
    window.editor.document().setModified(False)
    window.close()
    _dispose(app, [window])
    stream = sys.stdout if outcome["code"] == 0 else sys.stderr
    print(outcome["message"], file=stream)
    return outcome["code"]


def main() -> int:
    return run_app(sys.argv[1:])
