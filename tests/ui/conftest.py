"""Fixtures for the editor tests: a real window offscreen with a real engine and bigram model."""

from __future__ import annotations

import pytest

from engine_window import engine_window

SUGGESTION_TIMEOUT_MS = 15_000  # a suggestion after a keystroke (generous: shared CPUs)


@pytest.fixture
def bare_window(qtbot):
    """A shown main window without an engine (file, format and ghost-text mechanics)."""
    from wordpad_ai.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.editor.document().setModified(False)
    window.close()


@pytest.fixture
def window(qtbot, bigram_plugin):
    """A shown main window whose engine runs the real bigram model and is ready."""
    with engine_window(qtbot, bigram_plugin, autosave_delay_ms=300) as window:
        yield window


@pytest.fixture
def type_and_wait(qtbot):
    """``type_and_wait(window, text)``: type ``text`` with real key events at the cursor, wait
    for ghost text from the engine (for this exact text) and return it."""

    def type_and_wait(window, text: str, min_choices: int = 1) -> str:
        editor = window.editor
        qtbot.keyClicks(editor, text)
        expected = editor.plain_text()

        def shown() -> bool:
            return (editor.plain_text() == expected and bool(editor.ghost_text)
                    and len(window.suggestion_bar.alternatives()) >= min_choices)

        qtbot.waitUntil(shown, timeout=SUGGESTION_TIMEOUT_MS)
        return editor.ghost_text

    return type_and_wait
