"""The suggestion bar on a real window: one height in every state, no "none yet" after Esc, and
Alt keys named for the number of suggestions the settings ask for (issue 13, items 10 and 11)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from wordpad_ai.settings import update_settings


def _read_next_message_box(texts: list) -> None:
    """Append the text of the next modal message box to ``texts`` and close it."""
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        texts.append(box.text())
        box.accept()
    else:
        QTimer.singleShot(20, lambda: _read_next_message_box(texts))


def test_bar_keeps_its_height_and_is_quiet_after_a_dismiss(qtbot, bare_window):
    bar, editor = bare_window.suggestion_bar, bare_window.editor
    editor_height = editor.height()
    empty = bar.height()
    qtbot.keyClicks(editor, "The ")
    qtbot.wait(50)  # no engine here: its request for "The " clears the bar first
    editor.set_choices(["cat", "dog", "end"])
    qtbot.wait(50)  # layouts settle
    assert bar.labels() == ["cat", "dog", "end"]
    assert bar.height() == empty and editor.height() == editor_height
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.wait(50)
    assert bar.alternatives() == [] and bar.height() == empty
    assert not bar._placeholder.isVisible()  # not "none yet — keep typing" right after Esc
    qtbot.keyClicks(editor, "x")
    editor.set_choices([])
    assert bar._placeholder.isVisible()


def test_help_and_bar_name_the_alt_keys_of_the_suggestion_count(qtbot, wordpad_home):
    update_settings(suggestion_count=5)
    from wordpad_ai.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    texts = []
    _read_next_message_box(texts)
    window.show_key_help()
    assert "Alt+1 … Alt+5" in texts[0] and "Alt+9" not in texts[0]
    assert "Alt+1 … Alt+5" in window.suggestion_bar.toolTip()
    window.suggestions.set_count(2)  # what Preferences does
    assert "Alt+1 or Alt+2" in window.suggestion_bar.toolTip()
    window.close()


def test_help_and_bar_name_the_accept_key_chosen_in_preferences(qtbot, bare_window):
    texts = []
    bare_window.basics.preferences.apply({"accept_key": "right"})
    _read_next_message_box(texts)
    bare_window.show_key_help()
    assert "<b>Right arrow</b></td><td>accept the suggestion" in texts[0]
    assert "<b>Tab</b>" not in texts[0]
    assert bare_window.suggestion_bar.toolTip().startswith("Right arrow accepts")
    bare_window.basics.preferences.apply({"accept_key": "tab"})
    assert bare_window.suggestion_bar.toolTip().startswith("Tab accepts")


def test_long_alternatives_never_widen_the_window(qtbot, bare_window):
    """Nine long alternatives made the bar (and so the window) wider than the screen; those
    that do not fit are left off the bar instead, whole, and Alt+N still picks them."""
    bare_window.resize(600, 500)
    qtbot.wait(50)
    width = bare_window.width()
    bar = bare_window.suggestion_bar
    words = [f"wellbeloved{i}" for i in range(9)]
    bar.set_alternatives(words)
    qtbot.wait(50)
    assert bare_window.width() == width and bare_window.minimumSizeHint().width() < width
    shown = bar.visible_labels()
    assert 1 <= len(shown) < 9 and shown == words[:len(shown)]  # the first ones, in order
    assert bar.labels() == words  # all nine are still offered (Alt+1 … Alt+9)
    for button in bar._buttons[:len(shown)]:
        assert button.geometry().right() <= bar.width()  # whole buttons, none cut at the edge
    bare_window.resize(1400, 500)
    qtbot.wait(50)
    assert len(bar.visible_labels()) > len(shown)  # more room, more shown
