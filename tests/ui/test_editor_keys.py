"""Editor key mechanics on a real window (choices set directly) and persisted statistics."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from wordpad_ai.stats import stats_file


def test_ctrl_right_accepts_a_phrase_word_by_word(qtbot, bare_window):
    editor = bare_window.editor
    qtbot.keyClicks(editor, "I like pro")
    editor.set_choices(["gramming in Python"])
    qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert editor.plain_text() == "I like programming"
    assert editor.ghost_text == " in Python"
    qtbot.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert editor.plain_text() == "I like programming in"
    editor.undo()
    assert editor.plain_text() == "I like programming"


def test_keystrokes_saved_are_persisted_on_close(qtbot, bare_window, wordpad_home):
    editor = bare_window.editor
    qtbot.keyClicks(editor, "hel")
    editor.set_choices(["lo"])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    editor.set_choices([" world"])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.plain_text() == "hello world"
    assert "Keystrokes saved: 6" in bare_window.status.saved_label.text()  # (2-1) + (6-1)
    editor.document().setModified(False)
    bare_window.close()
    data = json.loads(stats_file().read_text(encoding="utf-8"))
    assert data["accepted"] == 2 and data["keystrokes_saved"] == 6
    assert str(stats_file()).startswith(str(wordpad_home))
