"""The format toolbar: font, size, bold, italic, underline, lists and alignment (rich text only).

Disabled for plain-text documents (.txt, .md), so formatting never leaks into them; every control
then says why in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QIcon, QKeySequence, QTextCharFormat, QTextListFormat
from PySide6.QtWidgets import QComboBox, QFontComboBox, QToolBar, QWidget

from .editor import SuggestionEditor

FONT_SIZES = (8, 9, 10, 11, 12, 14, 16, 18, 20, 24, 28, 36, 48, 72)  # offered point sizes
PLAIN_TEXT_TIP = ("Formatting is off: this is a plain-text document, which keeps no fonts, bold or "
                  "lists. To format, use File → Save As and choose “Formatted text (*.html)”.")


def _icon(name: str) -> QIcon:
    return QIcon.fromTheme(name)


class FormatToolBar(QToolBar):
    """Formatting controls acting on an editor's current selection or cursor."""

    def __init__(self, editor: SuggestionEditor, parent: QWidget | None = None):
        super().__init__(self.tr("Format"), parent)
        self.setObjectName("format_toolbar")
        self._editor = editor
        self.font_box = QFontComboBox(self)
        self.font_box.setToolTip(self.tr("Font"))
        self.font_box.textActivated.connect(self._on_font_box_activated)
        self.size_box = QComboBox(self)
        self.size_box.setEditable(True)
        self.size_box.addItems([str(size) for size in FONT_SIZES])
        self.size_box.setToolTip(self.tr("Font size"))
        self.size_box.textActivated.connect(self._on_size_box_activated)
        self.addWidget(self.font_box)
        self.addWidget(self.size_box)
        self.addSeparator()
        self.bold = self._toggle("format-text-bold", self.tr("&Bold"), QKeySequence.StandardKey.Bold,
                                 self._on_bold_toggled)
        self.italic = self._toggle("format-text-italic", self.tr("&Italic"), QKeySequence.StandardKey.Italic,
                                   self._on_italic_toggled)
        self.underline = self._toggle("format-text-underline", self.tr("&Underline"),
                                      QKeySequence.StandardKey.Underline, self._on_underline_toggled)
        self.addSeparator()
        self.bullets = self._toggle("format-list-unordered", self.tr("&Bullet list"), None,
                                    lambda on: self._set_list(on, QTextListFormat.Style.ListDisc))
        self.numbers = self._toggle("format-list-ordered", self.tr("&Numbered list"), None,
                                    lambda on: self._set_list(on, QTextListFormat.Style.ListDecimal))
        self.addSeparator()
        self.align_actions = {}  # alignment flag → its action
        for flag, icon, text, key in (
                (Qt.AlignmentFlag.AlignLeft, "format-justify-left", self.tr("Align &left"), "Ctrl+L"),
                (Qt.AlignmentFlag.AlignHCenter, "format-justify-center", self.tr("&Center"), "Ctrl+E"),
                (Qt.AlignmentFlag.AlignRight, "format-justify-right", self.tr("Align &right"), "Ctrl+R"),
                (Qt.AlignmentFlag.AlignJustify, "format-justify-fill", self.tr("&Justify"), "Ctrl+J")):
            action = self._toggle(icon, text, QKeySequence(key),
                                  lambda on, f=flag: on and self._editor.setAlignment(f))
            self.align_actions[flag] = action
        editor.currentCharFormatChanged.connect(self._on_editor_format_changed)
        editor.cursorPositionChanged.connect(self._on_editor_cursor_moved)

    def format_actions(self) -> list[QAction]:
        """The actions, for the Format menu."""
        return [self.bold, self.italic, self.underline, self.bullets, self.numbers,
                *self.align_actions.values()]

    def set_rich(self, rich: bool) -> None:
        """Enable for rich text, disable (with shortcuts) for plain text, saying why."""
        self.setEnabled(rich)
        plain_tip = self.tr(PLAIN_TEXT_TIP)
        self.setToolTip("" if rich else plain_tip)
        for widget, tip in ((self.font_box, self.tr("Font")), (self.size_box, self.tr("Font size"))):
            widget.setToolTip(tip if rich else plain_tip)
        for action in self.format_actions():
            action.setEnabled(rich)
            tip = action.property("rich_tip") or action.iconText()
            action.setToolTip(tip if rich else f"{tip} — {plain_tip}")

    def _toggle(self, icon: str, text: str, key, slot) -> QAction:
        action = QAction(_icon(icon), text, self)
        action.setCheckable(True)
        action.setIconText(text.replace("&", ""))
        if key is not None:
            action.setShortcut(QKeySequence(key))
            action.setToolTip(f"{text.replace('&', '')} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.setProperty("rich_tip", action.toolTip())  # the tooltip while formatting is on
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _merge(self, fmt: QTextCharFormat) -> None:
        self._editor.mergeCurrentCharFormat(fmt)
        self._editor.setFocus()

    def _on_bold_toggled(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self._merge(fmt)

    def _on_italic_toggled(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self._merge(fmt)

    def _on_underline_toggled(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontUnderline(on)
        self._merge(fmt)

    def _on_font_box_activated(self, family: str) -> None:
        fmt = QTextCharFormat()
        fmt.setFontFamilies([family])
        self._merge(fmt)

    def _on_size_box_activated(self, text: str) -> None:
        try:
            size = float(text)
        except ValueError:
            return
        if 1 <= size <= 400:
            fmt = QTextCharFormat()
            fmt.setFontPointSize(size)
            self._merge(fmt)

    def _set_list(self, on: bool, style: QTextListFormat.Style) -> None:
        cursor = self._editor.textCursor()
        cursor.beginEditBlock()
        current = cursor.currentList()
        if on:
            fmt = QTextListFormat()
            fmt.setStyle(style)
            cursor.createList(fmt)
        elif current is not None:
            current.remove(cursor.block())
            block_fmt = cursor.blockFormat()
            block_fmt.setIndent(0)
            cursor.setBlockFormat(block_fmt)
        cursor.endEditBlock()
        self._on_editor_cursor_moved()

    def refresh(self) -> None:
        """Show the format at the cursor (after the editor's font or document changed)."""
        self._on_editor_format_changed(self._editor.currentCharFormat())
        self._on_editor_cursor_moved()

    def _on_editor_format_changed(self, fmt: QTextCharFormat) -> None:
        self.bold.setChecked(fmt.fontWeight() >= QFont.Weight.Bold)
        self.italic.setChecked(fmt.fontItalic())
        self.underline.setChecked(fmt.fontUnderline())
        # a character without its own font shows the document's default font
        default = self._editor.document().defaultFont()
        families = fmt.fontFamilies()
        self.font_box.setCurrentFont(QFont(families[0]) if families else default)
        size = fmt.fontPointSize() if fmt.fontPointSize() > 0 else default.pointSizeF()
        self.size_box.setEditText(f"{size:g}")

    def _on_editor_cursor_moved(self) -> None:
        alignment = self._editor.alignment()
        for flag, action in self.align_actions.items():
            action.setChecked(bool(alignment & flag))
        current = self._editor.textCursor().currentList()
        style = current.format().style() if current is not None else None
        self.bullets.setChecked(style == QTextListFormat.Style.ListDisc)
        self.numbers.setChecked(style == QTextListFormat.Style.ListDecimal)
