"""Editor key mechanics on a real window (choices set directly) and persisted statistics."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from wordpad_ai.stats import stats_file
from wordpad_ai.ui.ghost_text import LEAD


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
    assert editor.plain_text() == "hello "  # the space after a whole word comes with it
    editor.set_choices(["world"])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.plain_text() == "hello world "
    assert "Keystrokes saved: 7" in bare_window.status.saved_label.text()  # (3-1) + (6-1)
    editor.document().setModified(False)
    bare_window.close()
    data = json.loads(stats_file().read_text(encoding="utf-8"))
    assert data["accepted"] == 2 and data["keystrokes_saved"] == 7
    assert str(stats_file()).startswith(str(wordpad_home))


def test_bar_at_a_line_start_shows_whole_words_not_glued_to_the_last_line(qtbot, bare_window):
    editor = bare_window.editor
    qtbot.keyClicks(editor, "Shopping list")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    editor.set_choices(["The", "Bread", "Milk"])
    assert bare_window.suggestion_bar.labels() == ["The", "Bread", "Milk"]  # was "listThe" …
    qtbot.keyClicks(editor, "Br")
    editor.set_choices(["ead"])
    assert bare_window.suggestion_bar.labels() == ["Bread"]


def test_accepting_a_whole_word_types_the_space_and_punctuation_takes_it_back(qtbot, bare_window):
    editor = bare_window.editor
    qtbot.keyClicks(editor, "I inv")
    editor.set_choices(["ent"])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.plain_text() == "I invent "
    qtbot.keyClicks(editor, ".")
    assert editor.plain_text() == "I invent."  # the space gave way to the full stop
    qtbot.keyClicks(editor, " We")
    editor.set_choices([" build", " make"])
    qtbot.keyClick(editor, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert editor.plain_text() == "I invent. We make "
    qtbot.keyClicks(editor, " it")  # a space typed after the automatic one is not doubled
    assert editor.plain_text() == "I invent. We make it"
    qtbot.keyClicks(editor, ". Best wis")
    editor.set_choices(["hes"])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # no line ends in the automatic space
    qtbot.keyClicks(editor, "Ann")
    assert editor.plain_text() == "I invent. We make it. Best wishes\nAnn"


def test_no_automatic_space_inside_a_line_or_within_a_phrase(qtbot, bare_window):
    editor = bare_window.editor
    qtbot.keyClicks(editor, "the pro end")
    cursor = editor.textCursor()
    cursor.setPosition(len("the pro"))
    editor.setTextCursor(cursor)
    editor.set_choices(["gram"])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.plain_text() == "the program end"  # a space already follows


def test_undo_removes_one_word_at_a_time_and_an_accept_is_one_step(qtbot, bare_window):
    editor = bare_window.editor
    qtbot.keyClicks(editor, "one two three four five")
    editor.undo()
    assert editor.plain_text() == "one two three four "
    editor.undo()
    assert editor.plain_text() == "one two three "
    qtbot.keyClicks(editor, "hel")
    editor.set_choices(["lo"])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor, "world")
    assert editor.plain_text() == "one two three hello world"
    editor.undo()
    assert editor.plain_text() == "one two three hello "
    editor.undo()  # the accepted "lo " as one step
    assert editor.plain_text() == "one two three hel"
    editor.undo()
    assert editor.plain_text() == "one two three "


def test_stored_statistics_show_at_start_up_and_are_written_while_working(qtbot, wordpad_home):
    from wordpad_ai.stats import KeystrokeStats
    from wordpad_ai.fileutil import atomic_write_json
    from wordpad_ai.ui.main_window import STATS_FLUSH_ACCEPTS, MainWindow

    atomic_write_json(stats_file(), KeystrokeStats(accepted=4, chars_inserted=30,
                                                   keystrokes_saved=26, keystrokes_typed=100).to_json())
    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    try:
        assert "all time 26" in window.status.saved_label.text()  # before any accept
        editor = window.editor
        for _ in range(STATS_FLUSH_ACCEPTS):
            qtbot.keyClicks(editor, "ab")
            editor.set_choices(["cd"])
            qtbot.keyClick(editor, Qt.Key.Key_Tab)
        # written without closing the window: a crash now would lose nothing
        data = json.loads(stats_file().read_text(encoding="utf-8"))
        assert data["accepted"] == 4 + STATS_FLUSH_ACCEPTS
        assert data["keystrokes_saved"] == 26 + STATS_FLUSH_ACCEPTS * 2  # "cd " saves 2
    finally:
        window.editor.document().setModified(False)
        window.close()


def test_ghost_text_is_italic_on_a_tint_so_one_letter_is_not_a_cursor(qtbot, bare_window):
    editor = bare_window.editor
    qtbot.keyClicks(editor, "Yes, ")
    editor.set_choices(["I"])
    layout = editor.textCursor().block().layout()
    ranges = layout.formats()
    # drawn after a hair space, so the italic letter's foot does not touch the cursor
    assert layout.preeditAreaText() == LEAD + "I" and editor.ghost_text == "I"
    assert [(r.start, r.length) for r in ranges] == [(len("Yes, "), 2)]
    fmt = ranges[0].format
    assert fmt.fontItalic() and 0 < fmt.background().color().alpha() < 100
    assert fmt.foreground().color() != editor.palette().color(editor.palette().ColorRole.Text)
    editor.set_choices([" no"])  # a ghost that starts with a space needs no hair space
    assert layout.preeditAreaText() == " no"


def test_a_new_bullet_list_item_is_a_sentence_start_for_the_bar_and_the_model(qtbot, bare_window):
    from wordpad_ai.text.tokenize import analyse_context
    from wordpad_ai.ui.suggestions import engine_context

    editor = bare_window.editor
    bare_window.format_bar.bullets.trigger()  # Format → Bullet list
    qtbot.keyClicks(editor, "bread")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.textCursor().currentList() is not None  # a second item of the list
    editor.set_choices(["And", "Milk"])
    assert bare_window.suggestion_bar.labels() == ["And", "Milk"]  # was "breadAnd"
    assert analyse_context(engine_context(editor.text_before_cursor())).sentence_start


def test_accepting_a_day_typed_in_lower_case_gives_it_its_capital(qtbot, bare_window):
    editor = bare_window.editor
    qtbot.keyClicks(editor, "See you on fr")
    editor.set_choices(["iday", "om"])  # the model keeps the typed start as typed
    assert bare_window.suggestion_bar.labels()[:2] == ["Friday", "from"]  # as accepting writes them
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.plain_text() == "See you on Friday "
    editor.undo()  # the accept, capital included, is one step
    assert editor.plain_text() == "See you on fr"
    editor.clear()
    qtbot.keyClicks(editor, "It ma")  # "may" is a word as well as a month: left as typed
    editor.set_choices(["y"])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.plain_text() == "It may "
    qtbot.keyClicks(editor, "in sept")
    editor.set_choices(["ember and"])  # a phrase: the capital goes to the word being completed
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.plain_text() == "It may in September and "
    qtbot.keyClicks(editor, "on monday")
    editor.set_choices([" at noon"])  # a next word: what was typed before stays as typed
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.plain_text() == "It may in September and on monday at noon "


def test_an_apostrophe_after_an_accepted_word_joins_it_unless_it_opens_a_quote(qtbot, bare_window):
    editor = bare_window.editor
    qtbot.keyClicks(editor, "Dear Mr ")
    editor.set_choices(["Green"])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor, "'s team. ")
    editor.set_choices(["I"])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor, "'m sure. He ")
    editor.set_choices(["said"])
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor, "'hello'")  # "h" cannot end "said": an opening quote, the space returns
    assert editor.plain_text() == "Dear Mr Green's team. I'm sure. He said 'hello'"


def test_replacing_the_whole_text_while_choices_show_reads_no_position_outside_it(qtbot, bare_window, qtlog):
    # setPlainText clears the choices mid-change; the bar's labels read the text before a cursor
    # that may lie outside the new text (Qt warned "setPosition: Position '-1' out of range")
    editor = bare_window.editor
    qtbot.keyClicks(editor, "Dear Sir or Madam, I am writing to you")
    editor.set_choices([" about"])
    editor.setPlainText("Hi")
    assert not [r for r in qtlog.records if "out of range" in r.message], [r.message for r in qtlog.records]
    assert editor.text_before_cursor(64) == "" and editor.choices == []
