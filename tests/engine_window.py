"""A shown main window whose engine process is started and ready, for the UI tests and the UI
benchmarks: ``with engine_window(qtbot, "bigram", autosave_delay_ms=300) as window: ...``."""

from __future__ import annotations

from contextlib import contextmanager

from wordpad_ai.settings import update_settings

ENGINE_READY_TIMEOUT_MS = 90_000  # engine process start (it may import TensorFlow) + model load


@contextmanager
def engine_window(qtbot, model_id: str, ready_timeout_ms: int = ENGINE_READY_TIMEOUT_MS, **settings):
    """The window with ``model_id`` active (and ``settings``), focused on the editor; closed
    afterwards without asking about unsaved changes."""
    update_settings(active_model=model_id, **settings)
    from wordpad_ai.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    window.start_engine()
    qtbot.waitUntil(window.engine.is_ready, timeout=ready_timeout_ms)
    window.editor.setFocus()
    try:
        yield window
    finally:
        window.editor.document().setModified(False)
        window.close()
