"""The text area: a ``QTextEdit`` that shows suggestions as ghost text and accepts them by key.

Keys while a suggestion is shown:

- **Tab** accepts it (one undo step); Tab without a suggestion inserts a tab.
- **Ctrl+Right** accepts one word of it (phrase suggestions), the rest stays shown.
- **Esc** dismisses it.
- **Alt+1 … Alt+N** pick an alternative from the suggestion bar (N: the number of suggestions
  in the settings).
- Typing the ghost's next character keeps the rest shown at once; any other key drops it.

Accepting a whole word at the end of a line also types the space a writer would type next; the
space is taken back when the next key is punctuation, a space or Enter, as phone keyboards do. An
apostrophe takes its place too ("Green's", "I'm"), unless the letter after it cannot end the word
("said 'hello'": then the apostrophe was an opening quote and the space comes back).

Undo works per word or short burst of typing, as in word processors: typed characters join one
undo step until a new word starts, the cursor moves, something else edits the document or the
writer pauses for :data:`BURST_PAUSE_S`. An accepted suggestion is always one step of its own.

The editor only displays *choices* (ghost strings) it is given through :meth:`set_choices`; the
:class:`~wordpad_ai.ui.suggestions.SuggestionController` decides what they are.
"""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from ..text.contractions import APOSTROPHES, apostrophe_word, endings_after
from .ghost_text import GhostText, ghost_color

_FIRST_WORD = re.compile(r"\s*\S+")  # one word of a phrase ghost, with its leading space
_WORD_CHAR = re.compile(r"\w", re.UNICODE)
SPACE_TAKERS = ".,;:!?)]}…»”"  # typed right after an automatic space, these take its place
# Words English always capitalises, whatever the writer typed before accepting them: "See you on
# fr" + Tab writes "Friday". (The models keep a typed lower-case start as typed, since a text that
# writes "python" or "linux" in lower case wants them so; days and months have no such use. "May"
# and "March" are left out: "may", "march" are words too.)
ALWAYS_CAPITALISED = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february april june july "
    "august september october november december".split())
_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_WORD_AFTER = re.compile(r"^[^\W\d_]*")
BURST_PAUSE_S = 2.0  # a pause this long in typing starts a new undo step
_MODIFIER_KEYS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
                  Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_Super_L,
                  Qt.Key.Key_Super_R}  # pressing these alone keeps the ghost


def capitalised_as_accepted(label: str) -> str:
    """A suggestion bar label as accepting it writes it (its first word capitalised when it is
    a day or a month)."""
    word = _WORD_AFTER.match(label).group()
    return label[:1].upper() + label[1:] if word.lower() in ALWAYS_CAPITALISED else label


class SuggestionEditor(QTextEdit):
    """The document editor with inline ghost-text suggestions."""

    suggestion_accepted = Signal(str)  # text inserted by accepting a suggestion (or part of one)
    suggestion_dismissed = Signal()  # Esc hid the suggestion
    choices_changed = Signal(list)  # the alternatives now offered (ghost strings, best first)
    text_typed = Signal(int)  # characters produced by the writer's own key presses
    zoom_changed = Signal(int)  # zoom steps now applied (0 = normal size)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._ghost = GhostText(self.document())
        self._choices: list[str] = []  # alternatives offered; choices[0] is the ghost shown, if any
        self._choices_at = -1  # the cursor position they were offered at
        self._zoom = 0  # zoom steps applied
        self._plain = False  # plain-text document: no formatting accepted
        self._auto_space = -1  # position right after a space added by an accept; -1 = none
        self._apostrophe = (-1, "")  # (position after an apostrophe that took an automatic space's
        #                               place, the word before it): the next letter decides
        self._own_edit = False  # an edit made by _type_text is in progress
        self._burst_end = -1  # cursor position after the open typing burst; -1 = no burst open
        self._burst_at = 0.0  # monotonic time of the burst's last key, seconds
        self._burst_last = ""  # the burst's last character typed
        self._ghost.set_color(ghost_color(self.palette()))
        self.setTabChangesFocus(False)
        self.document().contentsChange.connect(self._on_document_contents_change)
        self.document().undoCommandAdded.connect(self._on_document_undo_command_added)
        self.cursorPositionChanged.connect(self._on_cursor_position_changed)

    # -- document kind --------------------------------------------------------------------------
    def set_plain_mode(self, plain: bool) -> None:
        """Plain text (.txt, .md): pasting and typing never add formatting."""
        self._plain = plain
        self.setAcceptRichText(not plain)

    def is_plain_mode(self) -> bool:
        return self._plain

    def plain_text(self) -> str:
        """The document's characters exactly (no ghost text; line separators as "\\n")."""
        return (self.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")
                .replace("\ufdd0", "").replace("\ufdd1", ""))

    def text_before_cursor(self, limit: int = 4000) -> str:
        """Up to ``limit`` characters before the cursor (the model's context)."""
        position = self.textCursor().position()
        return self._plain_text_between(position - limit, position)

    def document_head(self, limit: int) -> str:
        """The document's first ``limit`` characters (where a letter's greeting is)."""
        return self._plain_text_between(0, limit)

    def _plain_text_between(self, start: int, end: int) -> str:
        """The document's text from ``start`` to ``end``, both clamped to it (inside a change of
        the whole text, setPlainText, the cursor may lie outside it), with plain line breaks."""
        last = self.document().characterCount() - 1
        probe = QTextCursor(self.document())
        probe.setPosition(max(0, min(start, last)))
        probe.setPosition(max(0, min(end, last)), QTextCursor.MoveMode.KeepAnchor)
        return probe.selectedText().replace("\u2029", "\n").replace("\u2028", "\n")

    def at_suggestion_point(self) -> bool:
        """True when a suggestion makes sense here: no selection, no word right after the cursor."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        block = cursor.block()
        after = block.text()[cursor.positionInBlock():cursor.positionInBlock() + 1]
        return not (after and _WORD_CHAR.match(after))

    def line_goes_on(self) -> bool:
        """Whether the cursor's line has more text after it ("shop.| It was closed.")."""
        cursor = self.textCursor()
        return bool(cursor.block().text()[cursor.positionInBlock():].strip())

    # -- suggestions ------------------------------------------------------------------------------
    @property
    def ghost_text(self) -> str:
        """The ghost text shown now ("" when none)."""
        return self._ghost.text

    @property
    def choices(self) -> list[str]:
        return list(self._choices)

    def set_choices(self, choices: list[str], ghost: bool = True) -> None:
        """Offer ``choices`` (ghost strings, best first) at the cursor; [] hides the ghost. With
        ``ghost`` false they are only alternatives (the bar, Alt+1…): no ghost is drawn (the
        word typed is probably finished) and Tab is a tab."""
        self._choices = [c for c in choices if c]
        self._choices_at = self.textCursor().position()  # where they were offered
        if self._choices and self.at_suggestion_point():
            if ghost:
                self._ghost.show(self.textCursor().position(), self._choices[0])
            else:
                self._ghost.clear()
        else:
            self._choices = []
            self._ghost.clear()
        self.choices_changed.emit(list(self._choices))

    def clear_choices(self) -> None:
        if self._choices or self._ghost.text:
            self._choices = []
            self._ghost.clear()
            self.choices_changed.emit([])

    def accept_choice(self, index: int = 0) -> bool:
        """Insert alternative ``index`` (0 = the ghost shown) as one undo step."""
        if not 0 <= index < len(self._choices):
            return False
        self._insert_accepted(self._choices[index], complete=True)
        return True

    def accept_word(self) -> bool:
        """Insert the first word of the ghost; the rest stays offered."""
        ghost = self._ghost.text
        match = _FIRST_WORD.match(ghost)
        if not match:
            return False
        part, rest = ghost[:match.end()], ghost[match.end():]
        self._insert_accepted(part, complete=not rest.strip())
        if rest.strip():
            self.set_choices([rest])
        return True

    def dismiss_suggestion(self) -> None:
        if self._ghost.text:
            self.clear_choices()
            self.suggestion_dismissed.emit()

    def _insert_accepted(self, text: str, complete: bool) -> None:
        """Insert ``text``; ``complete``: nothing of the suggestion is left to offer, so a whole
        word at the end of the line gets the space that follows it."""
        self.clear_choices()
        cursor = self.textCursor()
        block_text = cursor.block().text()
        space = complete and bool(_WORD_CHAR.match(text[-1:])) and \
            cursor.positionInBlock() >= len(block_text) and not cursor.hasSelection()
        if space:
            text += " "
        # a separate edit block, so that undo removes exactly the accepted text
        cursor.beginEditBlock()
        self._capitalise_typed_start(cursor, text)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self._auto_space = cursor.position() if space else -1
        self.ensureCursorVisible()
        self.suggestion_accepted.emit(text)

    @staticmethod
    def _capitalise_typed_start(cursor: QTextCursor, text: str) -> None:
        """Before ``text`` completes the word typed at ``cursor``: give a day or month name
        (:data:`ALWAYS_CAPITALISED`) typed in lower case its capital ("fr" → "Fr" + "iday")."""
        if not _WORD_AFTER.match(text).group():  # a next word, not this word's completion
            return
        typed = _WORD_BEFORE.search(cursor.block().text()[:cursor.positionInBlock()])
        if not typed or not typed.group()[:1].islower():
            return
        word = typed.group() + _WORD_AFTER.match(text).group()
        if word.lower() in ALWAYS_CAPITALISED:
            start = cursor.position() - len(typed.group())
            fix = QTextCursor(cursor.document())
            fix.setPosition(start)
            fix.setPosition(start + 1, QTextCursor.MoveMode.KeepAnchor)
            fix.insertText(typed.group()[0].upper())

    def _take_back_auto_space(self, text: str) -> bool:
        """Right after an automatic space: a typed space is dropped, punctuation replaces the
        space (one undo step); True when the key was handled."""
        cursor = self.textCursor()
        if self._auto_space < 0 or cursor.position() != self._auto_space or cursor.hasSelection():
            return False
        self._auto_space = -1
        if text == " ":
            return True
        if text[:1] not in SPACE_TAKERS + APOSTROPHES:
            return False
        cursor.beginEditBlock()
        cursor.deletePreviousChar()
        cursor.insertText(text)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        word = apostrophe_word(cursor.block().text()[:cursor.positionInBlock()])
        if word is not None:  # "Green" + 's, "I" + 'm; or an opening quote: see _quote_after_all
            self._apostrophe = (cursor.position(), word)
        self.text_typed.emit(len(text))
        return True

    def _quote_after_all(self, text: str) -> None:
        """After an apostrophe took an automatic space's place: a letter that cannot end the word
        before it ("said'" + h) shows it was an opening quote, so the space comes back."""
        at, word = self._apostrophe
        self._apostrophe = (-1, "")
        cursor = self.textCursor()
        if cursor.position() != at or not text[:1].isalpha():
            return
        if any(e.startswith(text[:1].lower()) for e in endings_after(word)):
            return
        fix = QTextCursor(self.document())
        fix.setPosition(at - 1)
        fix.insertText(" ")

    def _drop_auto_space(self) -> None:
        """Right after an automatic space, delete it (before a line break)."""
        cursor = self.textCursor()
        if self._auto_space >= 0 and cursor.position() == self._auto_space and not cursor.hasSelection():
            cursor.deletePreviousChar()
            self.setTextCursor(cursor)
        self._auto_space = -1

    def _type_text(self, text: str) -> None:
        """Insert characters the writer typed, grouping them into undo steps per word/burst."""
        cursor = self.textCursor()
        now = time.monotonic()
        starts_word = bool(_WORD_CHAR.match(text[:1])) and not _WORD_CHAR.match(self._burst_last)
        new_step = (self._burst_end < 0 or cursor.hasSelection() or cursor.position() != self._burst_end
                    or now - self._burst_at > BURST_PAUSE_S or starts_word)
        self._own_edit = True
        try:
            if new_step:
                cursor.beginEditBlock()
            else:
                cursor.joinPreviousEditBlock()
            if self.overwriteMode() and not cursor.hasSelection() and not cursor.atBlockEnd():
                cursor.deleteChar()
            cursor.insertText(text)
            cursor.endEditBlock()
            self.setTextCursor(cursor)
        finally:
            self._own_edit = False
        self._burst_end, self._burst_at, self._burst_last = cursor.position(), now, text[-1:]
        self.ensureCursorVisible()

    # -- keys -------------------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # Tab must reach keyPressEvent even though QWidget would use it for focus changes
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier and self._ghost.text:
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in _MODIFIER_KEYS:
            super().keyPressEvent(event)
            return
        plain_mods = mods & ~Qt.KeyboardModifier.KeypadModifier
        if self._ghost.text:
            if key == Qt.Key.Key_Tab and plain_mods == Qt.KeyboardModifier.NoModifier:
                self.accept_choice(0)
                return
            if key == Qt.Key.Key_Escape:
                self.dismiss_suggestion()
                return
            if key == Qt.Key.Key_Right and plain_mods == Qt.KeyboardModifier.ControlModifier:
                self.accept_word()
                return
        if plain_mods == Qt.KeyboardModifier.AltModifier and Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            if self.accept_choice(key - Qt.Key.Key_1):
                return
        text = event.text()
        typed = bool(text) and text.isprintable() and not (
            mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        if typed and self._apostrophe[0] >= 0:
            self._quote_after_all(text)
        ghost = self._ghost.text
        if typed and len(text) == 1 and ghost.startswith(text):
            # typing along the suggestion: keep the rest of it without waiting for the model
            rest = [c[1:] for c in self._choices if c.startswith(text) and len(c) > 1]
            self._ghost.clear()
            self._auto_space = -1
            self._type_text(text)
            self.text_typed.emit(1)
            self.set_choices(rest)
            return
        if ghost or self._choices:  # (alternatives with no ghost drawn go too: they were for here)
            self.clear_choices()
        if typed and self._take_back_auto_space(text):
            return
        if typed:
            self._type_text(text)
            self.text_typed.emit(len(text))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._drop_auto_space()  # no line ends in the space an accepted word brought
            if self._plain:
                event = QKeyEvent(event.type(), key, Qt.KeyboardModifier.NoModifier, "\r")
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:
        self.clear_choices()
        if self._plain and source.hasText():
            self.textCursor().insertText(source.text())
            return
        super().insertFromMimeData(source)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._ghost.set_color(ghost_color(self.palette()))
        super().changeEvent(event)

    def _on_document_contents_change(self, position: int, removed: int, added: int) -> None:
        # any edit not made through the keys above (undo, paste, drop, code) drops the ghost
        if (self._ghost.text or self._choices) and (removed or added):
            self.clear_choices()
        if not self._own_edit:
            self._burst_end = -1  # the next typed character starts a new undo step

    def _on_document_undo_command_added(self) -> None:
        if not self._own_edit:
            self._burst_end = -1

    def _on_cursor_position_changed(self) -> None:
        position = self.textCursor().position()
        if (self._ghost.text and position != self._ghost.position) or (
                self._choices and position != self._choices_at):
            self.clear_choices()
        if position != self._auto_space:
            self._auto_space = -1
        if position != self._apostrophe[0]:
            self._apostrophe = (-1, "")

    # -- zoom -------------------------------------------------------------------------------------
    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        """Zoom to ``steps`` (each step one point; 0 = the normal size)."""
        steps = max(-8, min(20, steps))
        delta = steps - self._zoom
        if delta > 0:
            self.zoomIn(delta)
        elif delta < 0:
            self.zoomOut(-delta)
        self._zoom = steps
        self.zoom_changed.emit(steps)
