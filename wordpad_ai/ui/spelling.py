"""Spell checking in the editor: red wavy underlines and right-click corrections.

A ``QSyntaxHighlighter`` underlines the words :class:`~wordpad_ai.spelling.Speller` calls misspelt.
Ghost text is never underlined: it is drawn as the block layout's pre-edit area, which the
highlighter skips, and it is not in the block's text. The word that ends at the cursor is being
typed and is judged once the writer leaves it (as word processors do; Qt would also stretch its
underline over a ghost drawn right after it). Showing or hiding the ghost replaces the
block layout's formats, so the cursor's block is highlighted again whenever the choices change.

A large document (opened, pasted) is checked in slices of a few milliseconds from the event loop,
so typing never waits for it. Right-clicking a misspelt word opens the editor's usual menu headed
by the corrections, "Add to Dictionary" and "Ignore". The dictionary loads in a background thread after the window is shown;
until then nothing is underlined.
"""

from __future__ import annotations

import gc
import logging
import threading
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu

from ..spelling import WORD_RE, Speller, english_dictionary

log = logging.getLogger(__name__)

UNDERLINE_COLOUR = "#e0201b"  # red, readable on light and dark bases
BULK_CHARS = 20_000  # a document or an edit this large is checked in slices, not at once
SLICE_S = 0.012  # the longest one slice of checking holds the event loop, seconds
LOADER_WAIT_S = 10.0  # longest a closing window waits for the dictionary thread (it takes ~0.3 s)


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines misspelt words in a ``QTextDocument``."""

    def __init__(self, document, speller: Speller, cursor_position=lambda: -1):
        super().__init__(document)
        self.speller = speller  # decides which words are misspelt
        self.cursor_position = cursor_position  # () -> the editor's cursor position
        self.skipped_at = -1  # cursor position whose word was left unjudged; -1 = none
        self.deferred = False  # set: blocks are only noted (pending_from), checked in slices later
        self.pending_from = -1  # first position of blocks still to check; -1 = none
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self._format.setUnderlineColor(QColor(UNDERLINE_COLOUR))

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        block = self.currentBlock()
        if self.deferred:
            if self.pending_from < 0 or block.position() < self.pending_from:
                self.pending_from = block.position()
            return
        layout = block.layout()
        # the word that ends at the cursor is being typed: judged once the writer leaves it.
        # (Qt would also stretch its underline over the ghost text drawn right after it.)
        ghost_at = layout.preeditAreaPosition() if layout is not None and layout.preeditAreaText() else -1
        cursor_at = self.cursor_position() - block.position()
        for start, length in self.speller.misspelt_spans(text):
            end = start + length
            if end == ghost_at or end == cursor_at:
                self.skipped_at = block.position() + end
                continue
            self.setFormat(start, length, self._format)


def word_at(cursor: QTextCursor) -> tuple[QTextCursor, str] | None:
    """A cursor selecting the word at ``cursor``'s position, and the word; None off words."""
    block = cursor.block()
    offset = cursor.positionInBlock()
    for match in WORD_RE.finditer(block.text()):
        if match.start() <= offset <= match.end():
            selection = QTextCursor(block)
            selection.setPosition(block.position() + match.start())
            selection.setPosition(block.position() + match.end(), QTextCursor.MoveMode.KeepAnchor)
            return selection, match.group()
    return None


class SpellingController(QObject):
    """Spell checking for one editor: on/off, loading, the context menu."""

    dictionary_loaded = Signal()  # the dictionary is ready and the document was checked
    _speller_built = Signal(object)  # from the loading thread: a Speller, or an error message

    def __init__(self, editor, enabled: bool = True, parent: QObject | None = None):
        super().__init__(parent or editor)
        self._editor = editor  # the SuggestionEditor checked
        self._enabled = enabled  # the Preferences switch
        self._speller: Speller | None = None  # None until loaded
        self._highlighter: SpellHighlighter | None = None  # present while checking is on
        self._loading = False
        self._loader: threading.Thread | None = None  # the dictionary-reading thread, once started
        self._slices = QTimer(self)  # checks pending blocks a slice at a time
        self._slices.setSingleShot(True)
        self._slices.setInterval(0)
        self._slices.timeout.connect(self._on_slices_timeout)
        self._speller_built.connect(self._on_loader_speller_built, Qt.ConnectionType.QueuedConnection)
        # connected before any highlighter's own slot, so a large edit is deferred in time
        editor.document().contentsChange.connect(self._on_document_contents_change)
        editor.viewport().installEventFilter(self)  # right-click on the text
        editor.cursorPositionChanged.connect(self._on_editor_cursor_position_changed)

    @property
    def speller(self) -> Speller | None:
        return self._speller

    @property
    def enabled(self) -> bool:
        return self._enabled

    def load(self, wait: bool = False) -> None:
        """Build the dictionary (in a thread unless ``wait``), then check the document."""
        if self._speller is not None or self._loading:
            return
        if wait:
            self._on_loader_speller_built(_build_speller())
            return
        self._loading = True
        # the thread only reads the shared English dictionary (once per process); the Speller
        # with the user's words is built here. Collecting garbage first keeps the thread's
        # allocations from finalising dead Qt objects (closed windows) outside the GUI thread.
        gc.collect()
        # not a daemon: the interpreter must never finalise (or Qt tear down) while the thread is
        # still inside the dictionary's decompression or emitting to this object
        self._loader = threading.Thread(target=self._read_dictionary, name="spelling-dictionary")
        self._loader.start()

    def wait_for_loader(self, timeout_s: float = LOADER_WAIT_S) -> None:
        """Block until the dictionary thread (if any) has ended: called when the window closes,
        so that no thread outlives the window it reports to."""
        if self._loader is not None and self._loader.is_alive():
            self._loader.join(timeout_s)

    def _read_dictionary(self) -> None:
        try:
            english_dictionary()
            result = None
        except Exception as exc:  # a broken install must not take the editor down
            result = _load_error(exc)
        try:
            self._speller_built.emit(result)
        except RuntimeError:  # the window closed while the dictionary loaded
            pass

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = bool(enabled)
        if self._enabled:
            if self._speller is None:
                self.load()
            else:
                self._attach()
        elif self._highlighter is not None:
            self._highlighter.setDocument(None)
            self._highlighter.deleteLater()
            self._highlighter = None
            self._editor.clear_choices()  # the ghost's block gets its formats anew

    def recheck(self) -> None:
        """Check the whole document again (after the word lists changed); a large one in slices."""
        if self._highlighter is None:
            return
        if self._editor.document().characterCount() > BULK_CHARS:
            self._highlighter.pending_from = 0
            self._slices.start()
        else:
            self._highlighter.rehighlight()

    def pending(self) -> bool:
        """Whether part of the document still waits to be checked."""
        return self._highlighter is not None and self._highlighter.pending_from >= 0

    def _on_document_contents_change(self, position: int, removed: int, added: int) -> None:
        if self._highlighter is not None and added > BULK_CHARS:
            self._defer()

    def _defer(self) -> None:
        """Let the highlighter only note the blocks Qt asks for now; check them in slices."""
        self._highlighter.deferred = True
        QTimer.singleShot(0, self, self._on_deferral_ended)

    def _on_deferral_ended(self) -> None:
        if self._highlighter is not None:
            self._highlighter.deferred = False
            self._slices.start()

    def _on_slices_timeout(self) -> None:
        highlighter = self._highlighter
        if highlighter is None or highlighter.pending_from < 0 or highlighter.deferred:
            return
        block = self._editor.document().findBlock(highlighter.pending_from)
        highlighter.pending_from = -1
        deadline = time.perf_counter() + SLICE_S
        while block.isValid() and time.perf_counter() < deadline:
            highlighter.rehighlightBlock(block)
            block = block.next()
        if block.isValid():
            highlighter.pending_from = block.position()
            self._slices.start()

    def forget_learned(self) -> None:
        if self._speller is not None:
            self._speller.forget_learned()
            self.recheck()

    def _on_loader_speller_built(self, result) -> None:
        self._loading = False
        if result is None:
            result = _build_speller()
        if isinstance(result, str):
            log.warning("spell checking is off: %s", result)
            return
        self._speller = result
        if self._enabled:
            self._attach()
        self.dictionary_loaded.emit()

    def _attach(self) -> None:
        if self._highlighter is None:
            self._highlighter = SpellHighlighter(self._editor.document(), self._speller,
                                                 lambda: self._editor.textCursor().position())
            if self._editor.document().characterCount() > BULK_CHARS:
                self._defer()  # Qt's first pass over the whole document comes from the event loop

    def _on_editor_cursor_position_changed(self) -> None:
        # the writer left the word they were typing: judge it now
        highlighter = self._highlighter
        if highlighter is None or highlighter.skipped_at < 0:
            return
        if self._editor.textCursor().position() != highlighter.skipped_at:
            block = self._editor.document().findBlock(highlighter.skipped_at)
            highlighter.skipped_at = -1
            if block.isValid():
                highlighter.rehighlightBlock(block)

    # -- context menu -----------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ContextMenu and self._highlighter is not None:
            menu = self.context_menu(event.pos())
            if menu is not None:
                menu.exec(event.globalPos())
                menu.deleteLater()
                return True
        return False

    def context_menu(self, pos) -> QMenu | None:
        """The editor's context menu at viewport ``pos``, headed by corrections when the word
        there is misspelt; None when it is not (the editor shows its usual menu)."""
        found = word_at(self._editor.cursorForPosition(pos))
        if found is None or self._speller is None or not self._speller.is_misspelt(found[1]):
            return None
        selection, word = found
        menu = self._editor.createStandardContextMenu(pos)
        first = menu.actions()[0] if menu.actions() else None
        heads: list[QAction] = []
        for candidate in self._speller.suggestions(word):
            action = QAction(candidate, menu)
            if not heads:
                bold = QFont(action.font())
                bold.setBold(True)
                action.setFont(bold)
            action.triggered.connect(lambda _=False, c=candidate, s=selection: self._replace(s, c))
            heads.append(action)
        if not heads:
            none = QAction(self.tr("(no suggestions)"), menu)
            none.setEnabled(False)
            heads.append(none)
        add = QAction(self.tr("Add “%s” to Dictionary") % word, menu)
        add.triggered.connect(lambda _=False, w=word: self._add_word(w))
        ignore = QAction(self.tr("Ignore “%s”") % word, menu)
        ignore.triggered.connect(lambda _=False, w=word: self._ignore_word(w))
        menu.insertActions(first, heads)
        menu.insertSeparator(first)
        menu.insertActions(first, [add, ignore])
        menu.insertSeparator(first)
        menu.setObjectName("spelling_menu")
        return menu

    def _replace(self, selection: QTextCursor, word: str) -> None:
        selection.beginEditBlock()
        selection.insertText(word)
        selection.endEditBlock()

    def _add_word(self, word: str) -> None:
        self._speller.add_to_dictionary(word)
        self.recheck()

    def _ignore_word(self, word: str) -> None:
        self._speller.ignore(word)
        self.recheck()


def _load_error(exc: Exception) -> str:
    return (f"the spelling dictionary could not be loaded ({type(exc).__name__}: {exc}); "
            f"reinstall WordPad AI (pip install pyspellchecker)")


def _build_speller():
    """A Speller, or a message saying why there is none."""
    try:
        return Speller()
    except Exception as exc:  # a broken install must not take the editor down
        return _load_error(exc)
