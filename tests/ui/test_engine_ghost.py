"""Ghost text through the real engine, where the editor must decide what to keep or show: a
phrase accepted word by word keeps its rest when the engine answers for the new position, and no
next word is shown in front of the rest of a line. The engine runs the test-only "hang" model,
which offers "word" (and the phrase "word of mouth") for ordinary text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from wordpad_ai.settings import update_settings

HANG_SRC = Path(__file__).parents[1] / "fixtures" / "plugins" / "hang"


@pytest.fixture
def phrase_window(qtbot, monkeypatch):
    monkeypatch.syspath_prepend(str(HANG_SRC))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(HANG_SRC), *filter(None, [os.environ.get("PYTHONPATH")])]))
    monkeypatch.setenv("WORDPAD_AI_EXTRA_PLUGINS", "hang=wordpad_ai_hang")
    update_settings(active_model="hang", autosave_delay_ms=60_000)
    from wordpad_ai.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    window.start_engine()
    qtbot.waitUntil(window.engine.is_ready, timeout=90_000)
    window.editor.setFocus()
    yield window
    window.editor.document().setModified(False)
    window.close()


def test_ctrl_right_keeps_the_rest_of_the_phrase_after_the_engine_answers(qtbot, phrase_window):
    editor = phrase_window.editor
    answered: list[int] = []
    phrase_window.engine.suggestions_ready.connect(lambda rev, _s: answered.append(rev))
    qtbot.keyClicks(editor, "It spread by ")
    qtbot.waitUntil(lambda: editor.ghost_text == "word of mouth", timeout=15_000)
    qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert editor.plain_text() == "It spread by word" and editor.ghost_text == " of mouth"
    # the engine's answer for "It spread by word" must not replace the rest of the phrase
    revision = phrase_window.suggestions.revision
    qtbot.waitUntil(lambda: revision in answered, timeout=15_000)
    qtbot.wait(50)
    assert editor.ghost_text == " of mouth"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.plain_text() == "It spread by word of mouth "


def test_no_next_word_is_shown_in_front_of_the_rest_of_a_line(qtbot, phrase_window):
    editor = phrase_window.editor
    shown: list[int] = []
    phrase_window.suggestions.suggestions_shown.connect(lambda rev, _s: shown.append(rev))
    qtbot.keyClicks(editor, "I went to the shop. It was closed.")
    cursor = editor.textCursor()
    cursor.setPosition(len("I went to the shop."))
    editor.setTextCursor(cursor)
    revision = phrase_window.suggestions.revision
    qtbot.waitUntil(lambda: revision in shown, timeout=15_000)  # the engine answered "word"
    assert editor.ghost_text == ""  # not " word": Tab would write "shop. word It was closed."
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.waitUntil(lambda: editor.ghost_text == " word of mouth", timeout=15_000)  # at the end: shown
