"""Find and Replace: a small non-modal dialog working on the editor's document."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from .editor import SuggestionEditor


class FindReplaceDialog(QDialog):
    """Find next/previous, replace, replace all; case and whole-word options."""

    def __init__(self, editor: SuggestionEditor, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Find and Replace"))
        self._editor = editor
        self.find_edit = QLineEdit(self)
        self.replace_edit = QLineEdit(self)
        self.case_box = QCheckBox(self.tr("Match &case"), self)
        self.word_box = QCheckBox(self.tr("&Whole words"), self)
        self.message = QLabel(self)  # "not found", "3 replaced"
        form = QFormLayout()
        form.addRow(self.tr("&Find:"), self.find_edit)
        form.addRow(self.tr("Replace &with:"), self.replace_edit)
        form.addRow(self.case_box)
        form.addRow(self.word_box)
        buttons = QDialogButtonBox(self)
        self._add(buttons, self.tr("Find &next"), lambda: self.find(backward=False), default=True)
        self._add(buttons, self.tr("Find &previous"), lambda: self.find(backward=True))
        self._add(buttons, self.tr("&Replace"), self.replace_one)
        self._add(buttons, self.tr("Replace &all"), self.replace_all)
        buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _add(self, box: QDialogButtonBox, text: str, slot, default: bool = False) -> None:
        button = QPushButton(text, self)
        button.setDefault(default)
        button.clicked.connect(slot)
        box.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case_box.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if self.word_box.isChecked():
            flags |= QTextDocument.FindFlag.FindWholeWords
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def find(self, backward: bool = False) -> bool:
        """Select the next match (wrapping around); False if there is none."""
        needle = self.find_edit.text()
        if not needle:
            return False
        document = self._editor.document()
        found = document.find(needle, self._editor.textCursor(), self._flags(backward))
        if found.isNull():  # wrap around
            start = QTextCursor(document)
            if backward:
                start.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(needle, start, self._flags(backward))
        if found.isNull():
            self.message.setText(self.tr("“%s” was not found.") % needle)
            return False
        self.message.clear()
        self._editor.setTextCursor(found)
        return True

    def _selection_matches(self) -> bool:
        selected = self._editor.textCursor().selectedText()
        needle = self.find_edit.text()
        if self.case_box.isChecked():
            return selected == needle
        return selected.lower() == needle.lower()

    def replace_one(self) -> None:
        if self.find_edit.text() and self._selection_matches():
            self._editor.textCursor().insertText(self.replace_edit.text())
        self.find()

    def replace_all(self) -> int:
        """Replace every match as one undo step; returns how many."""
        needle = self.find_edit.text()
        if not needle:
            return 0
        document = self._editor.document()
        count = 0
        cursor = QTextCursor(document)
        edit = QTextCursor(document)
        edit.beginEditBlock()
        while True:
            cursor = document.find(needle, cursor, self._flags())
            if cursor.isNull():
                break
            cursor.insertText(self.replace_edit.text())
            count += 1
        edit.endEditBlock()
        self.message.setText(self.tr("%d replaced.") % count)
        return count
