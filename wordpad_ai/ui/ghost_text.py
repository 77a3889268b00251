"""Ghost text: a suggestion drawn in grey after the cursor, never part of the document.

It uses Qt's input-method pre-edit mechanism: the block's ``QTextLayout`` is given a pre-edit
string at the cursor, which the layout draws inline (wrapping it like real text, in any font)
while the document's text stays untouched. Undo, save, copy, word count and ``toPlainText()``
never see it. The cursor stays in front of it.

It is drawn grey, in italics and on a faint tint of the same grey, so that even one narrow letter
("I", "l") reads as a suggestion and never as a second cursor or as typed text. A ghost that
starts with a letter is drawn after a hair space (:data:`LEAD`), so that the italic letter's foot
does not touch the cursor; :attr:`GhostText.text` is the suggestion alone.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QPalette, QTextCharFormat, QTextCursor, QTextDocument, QTextLayout


def ghost_color(palette: QPalette) -> QColor:
    """The colour of ghost text: the palette's placeholder colour, or a Text/Base blend.

    Derived from the palette so it reads well in light and dark themes alike."""
    color = palette.color(QPalette.ColorRole.PlaceholderText)
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    if not color.isValid() or color == text or color == base:
        color = QColor((text.red() + base.red()) // 2, (text.green() + base.green()) // 2,
                       (text.blue() + base.blue()) // 2)
    return color


GHOST_TINT_ALPHA = 38  # opacity (0–255) of the tint behind ghost text
LEAD = "\u200a"  # hair space drawn before a ghost that starts with a letter (module docstring)


def ghost_tint(color: QColor) -> QColor:
    """The faint background behind ghost text: its own colour, nearly transparent."""
    tint = QColor(color)
    tint.setAlpha(GHOST_TINT_ALPHA)
    return tint


class GhostText:
    """Shows or hides one piece of ghost text in a ``QTextDocument``."""

    def __init__(self, document: QTextDocument):
        self._document = document
        self._position = -1  # document position the ghost is drawn at; -1 = none shown
        self._text = ""  # the ghost text shown
        self._color = QColor("gray")  # its colour (see :func:`ghost_color`)
        self._anchor = QTextCursor(document)  # follows the ghost's block through edits

    @property
    def text(self) -> str:
        """The ghost text currently drawn ("" when none)."""
        return self._text

    @property
    def position(self) -> int:
        """The document position it is drawn at (-1 when none)."""
        return self._position

    def set_color(self, color: QColor) -> None:
        self._color = QColor(color)
        if self._text:
            self.show(self._position, self._text)

    def show(self, position: int, text: str) -> None:
        """Draw ``text`` at document ``position`` (replacing any ghost shown). The block's other
        formats (a spell checker's underlines) stay as they are."""
        block = self._document.findBlock(position)
        if text and block.isValid() and self._text and self._anchor.block() == block and self._take_out(block):
            self._position, self._text = -1, ""  # replaced below: the block is laid out once
        else:
            self.clear()
        if not text or not block.isValid():
            return
        layout = block.layout()
        offset = position - block.position()
        drawn = text if text[:1].isspace() else LEAD + text
        kept = _shifted(layout.formats(), offset, len(drawn))  # in the layout's text, ghost inserted
        layout.setPreeditArea(offset, drawn)
        fmt = QTextCharFormat()
        fmt.setForeground(self._color)
        fmt.setFontItalic(True)
        fmt.setBackground(QBrush(ghost_tint(self._color)))
        grey = QTextLayout.FormatRange()
        grey.start, grey.length, grey.format = offset, len(drawn), fmt
        layout.setFormats([*kept, grey])
        self._position, self._text = position, text
        self._anchor.setPosition(position)
        self._document.markContentsDirty(block.position(), block.length())

    def clear(self) -> None:
        """Remove the ghost text, if any (the block's other formats stay)."""
        if not self._text:
            return
        block = self._anchor.block()
        self._position, self._text = -1, ""
        # edits may have moved the ghost's block: clear it and its neighbours
        for candidate in (block, block.previous(), block.next()):
            if candidate.isValid() and self._take_out(candidate):
                self._document.markContentsDirty(candidate.position(), candidate.length())

    def _take_out(self, block) -> bool:
        """Remove a ghost from ``block``'s layout, without laying it out again; whether it had one."""
        layout = block.layout()
        if layout is None or not layout.preeditAreaText():
            return False
        start, length = layout.preeditAreaPosition(), len(layout.preeditAreaText())
        kept = _shifted(layout.formats(), start, -length)
        layout.setPreeditArea(-1, "")
        layout.setFormats(kept)
        return True


def _shifted(ranges, at: int, by: int) -> list:
    """Format ranges of a block's layout after a ghost of ``by`` characters is inserted at ``at``
    (``by`` > 0), or after the ``-by`` characters of one there are removed (``by`` < 0). Inserted:
    ranges after it move, a range around it is split in two (no underline under the ghost).
    Removed: the ghost's own range goes, ranges after it move back, none reaches into it."""
    out = []

    def keep(start: int, end: int, fmt) -> None:
        if end > start:
            moved = QTextLayout.FormatRange()
            moved.start, moved.length, moved.format = start, end - start, fmt
            out.append(moved)

    for r in ranges:
        start, end = r.start, r.start + r.length
        if by > 0:
            if start < at < end:  # a word around the cursor: its two parts
                keep(start, at, r.format)
                keep(at + by, end + by, r.format)
            elif start >= at:
                keep(start + by, end + by, r.format)
            else:
                keep(start, end, r.format)
        else:
            keep(start if start < at else max(at, start + by), end if end <= at else max(at, end + by),
                 r.format)
    return out
