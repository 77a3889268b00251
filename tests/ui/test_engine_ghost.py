"""Ghost text through the real engine, where the editor must decide what to keep or show: a
phrase accepted word by word keeps its rest when the engine answers for the new position, and no
next word is shown in front of the rest of a line. The engine runs the test-only "hang" model,
which offers "word" (and the phrase "word of mouth") for ordinary text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from engine_window import engine_window


@pytest.fixture
def phrase_window(qtbot, hang_plugin):
    with engine_window(qtbot, hang_plugin, autosave_delay_ms=60_000) as window:
        yield window


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


def test_a_finished_word_gets_no_ghost_but_keeps_its_alternatives(qtbot, phrase_window):
    # the model's first suggestion is the word typed itself: no ghost ("mouth|ful" would be
    # wrong most of the time), Tab is not taken, the completion stays in the bar (Alt+1)
    editor = phrase_window.editor
    shown: list[int] = []
    phrase_window.suggestions.suggestions_shown.connect(lambda rev, _s: shown.append(rev))
    qtbot.keyClicks(editor, "It spread by mouth")
    revision = phrase_window.suggestions.revision
    qtbot.waitUntil(lambda: revision in shown, timeout=15_000)
    assert editor.ghost_text == "" and editor.choices == ["ful"]
    assert phrase_window.suggestion_bar.visible_labels() == ["mouthful"]
    qtbot.keyClick(editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert editor.plain_text() == "It spread by mouthful "  # (a space after an accepted word)


def test_alternatives_without_a_ghost_go_when_the_text_or_the_cursor_moves_on(qtbot, phrase_window):
    # offered for the end of "mouth", they must never be inserted elsewhere or after more typing
    editor = phrase_window.editor
    shown: list[int] = []
    phrase_window.suggestions.suggestions_shown.connect(lambda rev, _s: shown.append(rev))
    for move in ("key", "cursor", "edit"):
        editor.setPlainText("")
        qtbot.keyClicks(editor, "It spread by mouth")
        revision = phrase_window.suggestions.revision
        qtbot.waitUntil(lambda: revision in shown, timeout=15_000)
        assert editor.ghost_text == "" and editor.choices == ["ful"]
        if move == "key":
            qtbot.keyClick(editor, Qt.Key.Key_X)
        elif move == "cursor":
            cursor = editor.textCursor()
            cursor.setPosition(3)
            editor.setTextCursor(cursor)
        else:
            editor.textCursor().insertText("!")
        assert editor.choices == [], move  # at once, before the engine answers for the new place
