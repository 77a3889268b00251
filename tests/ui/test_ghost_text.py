"""Ghost text from a real engine process and the real bigram model, driven by real key events."""

from __future__ import annotations

import os
import signal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication



def test_typing_shows_ghost_text_and_tab_inserts_it(qtbot, window, type_and_wait):
    editor = window.editor
    ghost = type_and_wait(window, "The ")
    assert ghost and not ghost.startswith(" ")  # after a space: the next word, no extra space
    assert editor.plain_text() == "The "  # painted, not inserted
    assert editor.toPlainText() == "The "
    assert window.suggestion_bar.alternatives()[0] == ghost
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.plain_text() == "The " + ghost + " "  # a whole word brings its space
    assert editor.ghost_text == "" or editor.ghost_text != ghost  # the accepted ghost is gone
    assert window.stats.session.accepted == 1
    assert window.stats.session.keystrokes_saved == len(ghost)  # the word and its space, one key

    editor.undo()  # the accept is exactly one undo step
    assert editor.plain_text() == "The "


def test_escape_hides_and_tab_then_inserts_a_tab(qtbot, window, type_and_wait):
    editor = window.editor
    type_and_wait(window, "The ")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.ghost_text == ""
    assert window.suggestion_bar.alternatives() == []
    qtbot.wait(300)  # a late reply for the same text must not bring it back
    assert editor.ghost_text == ""
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.plain_text() == "The \t"


def test_alt_2_picks_the_second_alternative(qtbot, window, type_and_wait):
    editor = window.editor
    type_and_wait(window, "The ", min_choices=2)
    second = window.suggestion_bar.alternatives()[1]
    qtbot.keyClick(editor, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert editor.plain_text() == "The " + second + " "


def test_after_accepting_a_word_no_suffix_of_it_is_offered(qtbot, window, type_and_wait):
    editor = window.editor
    qtbot.keyClicks(editor, " today")
    cursor = editor.textCursor()
    cursor.setPosition(0)
    editor.setTextCursor(cursor)
    ghost = type_and_wait(window, "prog")  # the bigram model knows "program" and "programmer"
    assert window.suggestion_bar.labels()[:2] == ["program", "programmer"]
    with qtbot.waitSignal(window.suggestions.suggestions_shown, timeout=15_000):
        qtbot.keyClick(editor, Qt.Key.Key_Tab)  # inside the line: no space is added
    assert editor.plain_text() == "prog" + ghost + " today"
    assert editor.ghost_text == ""  # not "mer": "program" was what the writer chose


def test_typing_along_keeps_the_rest_without_the_model(qtbot, window, type_and_wait):
    editor = window.editor
    ghost = type_and_wait(window, "The ")
    window.engine.stop()  # from here on no model answers: what follows is the editor alone
    qtbot.keyClick(editor, ghost[0])
    assert editor.plain_text() == "The " + ghost[0]
    if len(ghost) > 1:
        assert editor.ghost_text == ghost[1:]
    qtbot.keyClick(editor, "#")  # a character that does not match drops it
    assert editor.ghost_text == ""


def test_ghost_never_reaches_file_copy_or_count(qtbot, window, tmp_path, type_and_wait):
    editor = window.editor
    ghost = type_and_wait(window, "The ")
    assert len(ghost) > 1
    window.files.save_to(tmp_path / "out.txt", window.files.format.with_kind("plain"))
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "The "
    # saving plain text re-set the document; get the ghost back and check copy and the counts
    ghost = type_and_wait(window, "cat ")
    editor.selectAll()
    editor.copy()
    assert QGuiApplication.clipboard().text() == "The cat "
    window.status.count_now()
    assert window.status.count_label.text() == "2 words, 8 characters"


def test_engine_killed_status_shows_it_and_suggestions_return(qtbot, window, type_and_wait):
    type_and_wait(window, "The ")
    os.kill(window.engine.pid(), signal.SIGKILL)
    qtbot.waitUntil(lambda: "restarting" in window.status.engine_label.text().lower()
                    or "unavailable" in window.status.engine_label.text().lower(), timeout=10_000)
    assert window.editor.ghost_text == ""
    qtbot.waitUntil(window.engine.is_ready, timeout=90_000)
    ghost = type_and_wait(window, "cat ")
    assert ghost


def test_format_ranges_move_around_a_ghost_and_back():
    # (start, end) of a block's format ranges (spell underlines) as a ghost of 5 comes and goes
    # at 10: a range after it moves, one around it is split (never drawn under the ghost)
    from PySide6.QtGui import QTextCharFormat, QTextLayout

    from wordpad_ai.ui.ghost_text import _shifted

    def ranges(*spans):
        out = []
        for start, end in spans:
            r = QTextLayout.FormatRange()
            r.start, r.length, r.format = start, end - start, QTextCharFormat()
            out.append(r)
        return out

    spans = lambda rs: [(r.start, r.start + r.length) for r in rs]  # noqa: E731
    before = ranges((0, 4), (6, 10), (10, 14), (8, 12))
    shown = _shifted(before, 10, 5)
    assert spans(shown) == [(0, 4), (6, 10), (15, 19), (8, 10), (15, 17)]
    ghost = ranges((10, 15))  # the ghost's own grey goes when it is removed
    assert spans(_shifted(shown + ghost, 10, -5)) == [(0, 4), (6, 10), (10, 14), (8, 10), (10, 12)]
    assert spans(_shifted(ranges((12, 18), (3, 12)), 10, -5)) == [(10, 13), (3, 10)]  # none reaches into it
