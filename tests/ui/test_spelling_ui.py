"""Spell checking in a real window: underlines, never on ghost text, corrections from the menu."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from wordpad_ai.spelling import personal_file

WAVY = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def _underlined(editor, block_number: int = 0) -> list[str]:
    """The underlined stretches of a block as drawn: its text with any pre-edit (ghost) text."""
    block = editor.document().findBlockByNumber(block_number)
    layout = block.layout()
    shown = block.text()
    if layout.preeditAreaText():
        at = layout.preeditAreaPosition()
        shown = shown[:at] + layout.preeditAreaText() + shown[at:]
    return [shown[r.start:r.start + r.length] for r in layout.formats()
            if r.format.underlineStyle() == WAVY]


def _ready(qtbot, window):
    spelling = window.basics.spelling
    spelling.load()
    qtbot.waitUntil(lambda: spelling.speller is not None, timeout=10_000)
    return spelling


def _word_pos(editor, offset: int) -> QPoint:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(offset)
    return editor.cursorRect(cursor).center()


def test_a_misspelt_word_is_underlined_and_ghost_text_never_is(qtbot, bare_window):
    editor = bare_window.editor
    _ready(qtbot, bare_window)
    editor.setFocus()
    qtbot.keyClicks(editor, "I recieved the parcel ")
    qtbot.waitUntil(lambda: _underlined(editor) == ["recieved"], timeout=5000)
    editor.set_choices(["yesterdayy"])  # a misspelt ghost
    assert editor.ghost_text == "yesterdayy"
    assert _underlined(editor) == ["recieved"]  # the document's word keeps its underline
    editor.clear_choices()
    assert _underlined(editor) == ["recieved"]
    assert editor.plain_text() == "I recieved the parcel "
    qtbot.keyClicks(editor, "yesterdy")  # a misspelt word right before the ghost: never over it
    editor.set_choices(["ay"])
    assert editor.ghost_text == "ay"
    assert _underlined(editor) == ["recieved"]
    editor.clear_choices()
    assert _underlined(editor) == ["recieved"]  # still being typed
    qtbot.keyClick(editor, Qt.Key.Key_Space)  # the writer leaves the word: it is judged
    assert _underlined(editor) == ["recieved", "yesterdy"]


def test_underlines_after_a_ghost_inside_a_line_move_with_it(qtbot, bare_window, monkeypatch):
    # the ghost keeps the block's underlines: no check of the block again for every ghost shown
    from wordpad_ai.ui.spelling import SpellHighlighter

    checks = []
    real = SpellHighlighter.highlightBlock
    monkeypatch.setattr(SpellHighlighter, "highlightBlock", lambda self, text: checks.append(text) or real(self, text))
    editor = bare_window.editor
    _ready(qtbot, bare_window)
    editor.setFocus()
    qtbot.keyClicks(editor, "I recieved teh parcel ")
    qtbot.waitUntil(lambda: _underlined(editor) == ["recieved", "teh"], timeout=5000)
    cursor = editor.textCursor()
    cursor.setPosition(1)  # "I| recieved"
    editor.setTextCursor(cursor)
    checked = len(checks)
    assert checked > 0  # (the highlighter is watched)
    for ghost in (" really", " truly and honestly", " so"):  # one ghost after another
        editor.set_choices([ghost])
        assert editor.ghost_text == ghost
        assert _underlined(editor) == ["recieved", "teh"]
    editor.clear_choices()
    assert _underlined(editor) == ["recieved", "teh"]
    assert len(checks) == checked
    assert editor.plain_text() == "I recieved teh parcel "


def test_the_word_being_typed_is_judged_when_the_cursor_leaves_it(qtbot, bare_window):
    editor = bare_window.editor
    _ready(qtbot, bare_window)
    editor.setFocus()
    qtbot.keyClicks(editor, "We recie")
    assert _underlined(editor) == []  # half a word is not an error
    qtbot.keyClicks(editor, "ved teh")
    assert _underlined(editor) == ["recieved"]
    qtbot.keyClick(editor, Qt.Key.Key_Home)  # moving away judges the last word too
    assert _underlined(editor) == ["recieved", "teh"]


def test_right_click_corrects_the_word(qtbot, bare_window):
    editor = bare_window.editor
    _ready(qtbot, bare_window)
    editor.setPlainText("We recieved teh parcel.")
    qtbot.waitUntil(lambda: _underlined(editor) == ["recieved", "teh"], timeout=5000)
    pos = _word_pos(editor, 5)
    chosen = {}

    def pick_first():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu) and menu.objectName() == "spelling_menu"
        texts = [a.text() for a in menu.actions()]
        chosen["texts"] = texts
        menu.actions()[0].trigger()
        menu.close()

    QTimer.singleShot(200, pick_first)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, editor.viewport().mapToGlobal(pos))
    QApplication.sendEvent(editor.viewport(), event)
    qtbot.waitUntil(lambda: "texts" in chosen, timeout=5000)
    assert chosen["texts"][0] == "received"
    assert "Add “recieved” to Dictionary" in chosen["texts"] and "Ignore “recieved”" in chosen["texts"]
    assert any(t.replace("&", "") == "Copy" or "Copy" in t for t in chosen["texts"])  # the usual items stay
    assert editor.plain_text() == "We received teh parcel."
    qtbot.waitUntil(lambda: _underlined(editor) == ["teh"], timeout=5000)
    editor.undo()  # the correction is one undo step
    assert editor.plain_text() == "We recieved teh parcel."


def test_add_to_dictionary_and_ignore_from_the_menu(qtbot, bare_window):
    editor = bare_window.editor
    spelling = _ready(qtbot, bare_window)
    editor.setPlainText("Zorblat met Quibnix.")
    qtbot.waitUntil(lambda: _underlined(editor) == ["Zorblat", "Quibnix"], timeout=5000)
    menu = spelling.context_menu(_word_pos(editor, 2))
    (add,) = [a for a in menu.actions() if a.text().startswith("Add")]
    add.trigger()
    assert _underlined(editor) == ["Quibnix"]
    assert "zorblat" in personal_file().read_text(encoding="utf-8").split()
    menu = spelling.context_menu(_word_pos(editor, 14))
    (ignore,) = [a for a in menu.actions() if a.text().startswith("Ignore")]
    ignore.trigger()
    assert _underlined(editor) == []
    assert "quibnix" not in personal_file().read_text(encoding="utf-8").split()
    assert spelling.context_menu(_word_pos(editor, 2)) is None  # a known word: the usual menu


def test_switching_spelling_off_removes_the_underlines(qtbot, bare_window):
    editor = bare_window.editor
    spelling = _ready(qtbot, bare_window)
    editor.setPlainText("A mispelled word.")
    qtbot.waitUntil(lambda: _underlined(editor) == ["mispelled"], timeout=5000)
    bare_window.basics.preferences.apply({"spell_check": False})
    assert _underlined(editor) == [] and not spelling.enabled
    bare_window.basics.preferences.apply({"spell_check": True})
    qtbot.waitUntil(lambda: _underlined(editor) == ["mispelled"], timeout=5000)


def test_a_large_document_is_checked_in_slices(qtbot, bare_window):
    from wordpad_ai.ui.spelling import BULK_CHARS

    editor = bare_window.editor
    spelling = _ready(qtbot, bare_window)
    line = "the parcel came today and we were glad of it. "
    paragraphs = [line * 4] * (2 * BULK_CHARS // (len(line) * 4)) + ["the end is neer"]
    editor.setPlainText("\n".join(paragraphs))
    assert editor.document().characterCount() > BULK_CHARS
    last = editor.document().blockCount() - 1
    assert _underlined(editor, last) == []  # not checked while the document was being set
    assert spelling.pending() or editor.document().lastBlock().layout().formats() == []
    qtbot.waitUntil(lambda: not spelling.pending(), timeout=10_000)
    assert _underlined(editor, last) == ["neer"]
    assert _underlined(editor, 0) == []


def test_closing_the_window_while_the_dictionary_loads_leaves_no_thread_behind(qtbot, monkeypatch):
    """A thread still reading the dictionary when the process exits can crash it at shutdown."""
    import threading

    import wordpad_ai.spelling as spelling_module
    from wordpad_ai.ui.main_window import MainWindow

    monkeypatch.setattr(spelling_module, "_english", [])  # read it for real, in the thread
    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    window.basics.spelling.load()
    loading = [t for t in threading.enumerate() if t.name == "spelling-dictionary"]
    assert loading and not loading[0].daemon
    window.editor.document().setModified(False)
    window.close()
    assert not loading[0].is_alive()
    assert spelling_module._english  # it finished reading rather than being abandoned
