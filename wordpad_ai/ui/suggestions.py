"""Connects the editor to the engine: asks for suggestions as the text changes, shows the answers.

Every text change or cursor move bumps a revision and sends one request (several signals from
one key press are coalesced into one request per event-loop turn). Signals that change neither
the characters nor the cursor (a highlighter re-formatting a block, ghost text being drawn) are
ignored, so they can never start a request → answer → redraw loop. Replies for an older
revision are dropped, so a slow model can never show a suggestion for text that is gone.
Nothing here waits: typing is never delayed by the model.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, QTimer, Signal

from ..api import CONTEXT_CHARS, Suggestion
from ..text.casing import greeting_line
from ..text.contractions import apostrophe_word, endings_after
from ..text.tokenize import lone_bullet
from .editor import SuggestionEditor

HEAD_CHARS = 400  # the document's first characters, where a letter's greeting is looked for
_CLOSING = re.compile("\u2019(?![^\\W\\d_])")  # a curly single quote no letter follows
_OPENERS = "([{\"'“‘«¿¡/-"  # after these a next word needs no leading space
_MARKER = r"[ \t]*(?:[-*+•◦▪‣–]|\d{1,3}[.)])[ \t]"
_LIST_MARKER = re.compile(rf"^{_MARKER}+", re.MULTILINE)
# a list item's marker at a line start ("- ", "* ", "• ", "1. ", "2) "): not part of the sentence
# A line a mail program wrapped: 60-80 characters (wrapped at 72-78 columns), ending inside a
# sentence (no full stop, question or exclamation mark, colon); the sentence goes on on the next
# line ("…on a fairly clean 7.2 box. The⏎" → problem, not a new paragraph's "Matthias").
# A list's items are no wrapped lines, nor is the line before one ("…on Wednesday⏎- " → a new
# item, not "day").
_WRAPPED_LINE = re.compile(rf"^(?!{_MARKER})([^\n]{{59,79}}[^\s.!?:…])\n(?=[^\n]|\Z)(?!{_MARKER})", re.MULTILINE)


def engine_context(text_before: str, head: str = "") -> str:
    """The text before the cursor as the model should read it (``head``: the document's first
    characters, :data:`HEAD_CHARS`).

    A line break ends a sentence or paragraph (a title, a list item, an address line): the model
    only knows blank lines as paragraph breaks, so every line break is sent as one. Without this
    "Shopping list⏎" would be continued as one sentence ("list the …") and the next line's first
    word would not be capitalised. List markers at line starts are dropped, so a new list item
    starts like a sentence too. A line break that only wraps a long line inside a sentence (a
    plain-text e-mail's) is read as a space.

    Where the model's context (its last :data:`CONTEXT_CHARS` characters) no longer reaches the
    greeting of the letter the document begins with, the greeting leads it, before as much of
    the text as fits: a letter's closing follows from its greeting ("Dear Sir or Madam … Yours "
    → faithfully; "Hi Tom … Thanks again.⏎⏎" → Best), and most letters are longer than that."""
    text = _WRAPPED_LINE.sub(r"\1 ", text_before)
    text = _LIST_MARKER.sub("", text).replace("\n", "\n\n")
    greeting = greeting_line(head) if head and len(text) >= CONTEXT_CHARS else None
    if greeting is None or greeting in text[-CONTEXT_CHARS:]:
        return text
    tail = text[-(CONTEXT_CHARS - 3 - len(greeting)):]  # (under the limit: the model cuts nothing)
    cut = next((i for i, ch in enumerate(tail) if ch.isspace()), len(tail))  # a whole first word
    return f"{greeting}\n\n{tail[cut:].lstrip(' ')}"


def _opens(text_before: str) -> bool:
    """Whether the text ends in an opening bracket or quote, which the next word follows with no
    space: a straight quote opens after a space or at a line's start ('He said "' → I), and
    closes after anything else ('"Sit down."' → " She"); an apostrophe after a letter is the
    word's own ("don'" → t)."""
    last = text_before[-1:]
    if last == "\u2019":  # a curly apostrophe after a letter: the word's own ("I’" → m),
        # unless it closes a quote its line opened after a word no contraction ends ("He said
        # ‘yes’" → " and"; "‘I don’" → t)
        word = apostrophe_word(text_before)
        if word is None:
            return False
        line = text_before.rsplit("\n", 1)[-1]
        opened = line.rfind("\u2018")
        quoted = opened >= 0 and _CLOSING.search(line[opened:-1]) is None  # (don’t closes none)
        return not quoted or set(endings_after(word)) - {"s"} != set()
    if last not in _OPENERS:
        return False
    if lone_bullet(text_before):  # a list's "-" alone on its line: "- Milk"
        return False
    before = text_before[-2:-1]
    if last == "'" and before.isalnum():
        return True  # a word's apostrophe: its ending follows ("don'" → t, "Oliver'" → s)
    if last in "\"'":
        return not before or before.isspace() or before in _OPENERS
    return True


def ghost_for(suggestion: Suggestion, text_before: str, with_phrase: bool) -> str:
    """The text to show after the cursor for ``suggestion`` given the text before the cursor.

    A word completion shows its remainder; a next word gets a leading space when the text
    does not end in whitespace or an opening bracket/quote; a phrase adds its continuation."""
    if suggestion.prefix:
        if not text_before.lower().endswith(suggestion.prefix.lower()):
            return ""
        text = suggestion.remainder
    else:
        text = suggestion.word
        last = text_before[-1:]
        if last and not last.isspace() and not _opens(text_before) and text[:1].isalnum():
            text = " " + text
    if with_phrase and suggestion.continuation:
        text += " " + " ".join(suggestion.continuation)
    return text


def is_finished_word(suggestion: Suggestion, text_before: str) -> bool:
    """Whether ``suggestion`` is the word being typed itself (nothing left to insert): the model
    takes it for finished, and the editor shows no ghost for its completions ("Mum" → not
    "bling")."""
    return bool(suggestion.prefix) and suggestion.word == suggestion.prefix \
        and text_before.endswith(suggestion.prefix)


class SuggestionController(QObject):
    """Requests suggestions from an engine client and feeds them to a :class:`SuggestionEditor`."""

    suggestions_shown = Signal(int, list)  # (revision, suggestions) just offered in the editor
    count_changed = Signal(int)  # the number of alternatives asked for changed (set_count)

    def __init__(self, editor: SuggestionEditor, count: int = 3, enabled: bool = True,
                 phrase: bool = True, parent: QObject | None = None):
        super().__init__(parent)
        self._editor = editor
        self._client = None  # the EngineClient, once attached
        self._count = max(1, count)  # alternatives asked for (k)
        self._enabled = enabled  # suggestions switched on
        self._phrase = phrase  # ask for phrase continuations
        self._revision = 0  # bumped on every text change / cursor move
        self._context = ""  # text before the cursor sent with the current revision
        self._pending = False  # a request is scheduled for this event-loop turn
        self._suppressed_revision = -1  # revision whose suggestion the writer dismissed
        self._accepted_revision = -1  # revision right after an accept: no completions of that word
        self._state: tuple = ()  # (text before the cursor, length, cursor, anchor) of this revision
        editor.textChanged.connect(self._on_editor_changed)
        editor.cursorPositionChanged.connect(self._on_editor_changed)
        editor.suggestion_dismissed.connect(self._on_editor_suggestion_dismissed)
        editor.suggestion_accepted.connect(self._on_editor_suggestion_accepted)

    @property
    def revision(self) -> int:
        return self._revision

    def attach(self, client) -> None:
        """Use ``client`` (an ``EngineClient``) from now on and ask for the current position."""
        self._client = client
        client.suggestions_ready.connect(self._on_client_suggestions_ready)
        client.state_changed.connect(self._on_client_state_changed)
        self.refresh()

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        if enabled:
            self.refresh()
        else:
            self._editor.clear_choices()

    def set_count(self, count: int) -> None:
        self._count = max(1, count)
        self.count_changed.emit(self._count)
        self.refresh()

    def set_phrase(self, phrase: bool) -> None:
        self._phrase = phrase
        self.refresh()

    def refresh(self) -> None:
        """Ask again for the current position (after a model switch or engine restart)."""
        self._state = ()
        self._on_editor_changed()

    def _on_editor_changed(self) -> None:
        editor = self._editor
        cursor = editor.textCursor()
        state = (editor.text_before_cursor(CONTEXT_CHARS), editor.document().characterCount(),
                 cursor.position(), cursor.anchor())
        if state == self._state:
            return  # only formats changed (a highlighter, the ghost): nothing new to ask
        self._state = state
        self._revision += 1
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._send_request)

    def _send_request(self) -> None:
        self._pending = False
        editor = self._editor
        if not self._enabled or self._client is None or not editor.at_suggestion_point():
            editor.clear_choices()
            return
        if not self._client.is_ready():
            return
        before = editor.text_before_cursor(CONTEXT_CHARS)
        # (the document's head, read again only where the text before the cursor does not reach it)
        head = before if len(before) < CONTEXT_CHARS else editor.document_head(HEAD_CHARS)
        self._context = engine_context(before, head)
        self._client.request_suggestions(self._revision, self._context, self._count, self._phrase)

    def _on_client_suggestions_ready(self, revision: int, suggestions: list) -> None:
        if revision != self._revision or not self._enabled or revision == self._suppressed_revision:
            return  # stale: the text or cursor moved on since the request
        if revision == self._accepted_revision:  # "invent" was accepted: never offer "ed" after it
            if self._editor.ghost_text:  # Ctrl+Right took one word of a phrase: the rest stays
                return
            suggestions = [s for s in suggestions if not s.prefix]
        choices, seen = [], set()
        # a next word that needs its own space, where the line goes on after the cursor ("shop.|
        # It was closed."), would be written in front of that text: "shop. I It was closed."
        inside_line = self._editor.line_goes_on()
        finished = False  # the model's first is the word typed itself: no ghost, alternatives only
        for index, suggestion in enumerate(suggestions[: self._count]):
            ghost = ghost_for(suggestion, self._context, self._phrase and index == 0)
            finished |= index == 0 and not ghost and is_finished_word(suggestion, self._context)
            if inside_line and ghost[:1].isspace():
                continue
            if ghost and ghost not in seen:
                seen.add(ghost)
                choices.append(ghost)
        self._editor.set_choices(choices, ghost=not finished)
        self.suggestions_shown.emit(revision, list(suggestions))

    def _on_client_state_changed(self, state: str, message: str) -> None:
        if state == "ready":
            self.refresh()
        elif state in ("restarting", "failed"):
            self._editor.clear_choices()

    def _on_editor_suggestion_dismissed(self) -> None:
        self._suppressed_revision = self._revision

    def _on_editor_suggestion_accepted(self, text: str) -> None:
        self._accepted_revision = self._revision  # the position right after the accepted text
