"""Learning as you type, through the real editor, engine process and bigram model: a sentence the
writer finishes is learned, so a new name is offered when its first letters are typed again;
with learning paused, or in an excluded document, nothing is learned."""

from __future__ import annotations

from PySide6.QtCore import Qt

from wordpad_ai.settings import load_settings, update_settings

SUGGESTION_TIMEOUT_MS = 15_000  # as in conftest: a suggestion after a keystroke

NAME = "Quorvella"  # a word no model has seen


def _choices(window) -> list[str]:
    return window.suggestion_bar.alternatives()


def _offers_name(qtbot, window, editor, timeout=SUGGESTION_TIMEOUT_MS) -> bool:
    qtbot.keyClicks(editor, "Quor")
    try:
        qtbot.waitUntil(lambda: any(c.startswith("vella") for c in _choices(window)), timeout=timeout)
        return True
    except qtbot.TimeoutError:
        return False


def test_a_finished_sentence_is_learned_and_offered_again(qtbot, window):
    editor = window.editor
    qtbot.keyClicks(editor, f"We met {NAME} in the morning.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Then ")
    # learning never holds up a suggestion: the engine learns in the writer's first pause (any
    # gap of 15 ms between keys), and these key clicks came all at once
    qtbot.wait(300)
    assert _offers_name(qtbot, window, editor)


def test_nothing_is_learned_while_learning_is_paused(qtbot, window):
    window.set_learning_paused(True)
    assert load_settings().learning_paused
    editor = window.editor
    qtbot.keyClicks(editor, f"We met {NAME} in the morning.")
    qtbot.keyClicks(editor, " Then ")
    qtbot.wait(500)  # give a wrongly sent observe time to arrive
    assert not _offers_name(qtbot, window, editor, timeout=3000)


def test_excluded_documents_are_never_learned_from(qtbot, window, tmp_path):
    doc = tmp_path / "secret.txt"
    doc.write_text("", encoding="utf-8")
    update_settings(excluded_paths=(str(doc),))
    assert window.files.open_path(doc)
    editor = window.editor
    qtbot.keyClicks(editor, f"We met {NAME} in the morning.")
    qtbot.keyClicks(editor, " Then ")
    qtbot.wait(500)
    assert not _offers_name(qtbot, window, editor, timeout=3000)
