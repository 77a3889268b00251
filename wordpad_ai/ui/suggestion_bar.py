"""The slim bar above the status bar listing the alternatives: "Alt+1 word · Alt+2 word …".

Each alternative is a flat button; clicking it (or pressing its Alt+N in the editor) inserts it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

MAX_LABEL_CHARS = 40  # longer alternatives are shortened with "…" on their button


class SuggestionBar(QWidget):
    """Shows the current alternatives; emits :attr:`alternative_chosen` with the index clicked."""

    alternative_chosen = Signal(int)  # index of the alternative the writer clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("suggestion_bar")
        layout = QHBoxLayout(self)
        margin = self.fontMetrics().height() // 4
        layout.setContentsMargins(margin * 2, margin // 2, margin * 2, margin // 2)
        layout.setSpacing(margin)
        self._hint = QLabel(self.tr("Suggestions:"), self)
        self._hint.setEnabled(False)
        layout.addWidget(self._hint)
        self._buttons: list[QToolButton] = []  # pool of buttons, one per alternative slot
        self._choices: list[str] = []  # alternatives shown
        self._placeholder = QLabel(self.tr("none yet — keep typing"), self)  # when empty
        self._placeholder.setEnabled(False)
        layout.addWidget(self._placeholder)
        layout.addStretch(1)
        self._layout = layout
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setToolTip(self.tr("Tab accepts the grey suggestion, Alt+1…Alt+9 an alternative, "
                                "Ctrl+Right one word, Esc hides it."))

    def alternatives(self) -> list[str]:
        """The texts offered now (for tests and accessibility)."""
        return list(self._choices)

    def set_alternatives(self, choices: list[str], labels: list[str] | None = None) -> None:
        """Show ``choices`` (inserted texts); ``labels`` are the whole words to display."""
        self._choices = list(choices[:9])
        labels = list(labels or choices)
        while len(self._buttons) < len(self._choices):  # a pool of buttons, reused per keystroke
            index = len(self._buttons)
            button = QToolButton(self)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # clicking keeps the editor focused
            button.clicked.connect(lambda _=False, i=index: self.alternative_chosen.emit(i))
            self._layout.insertWidget(1 + index, button)
            self._buttons.append(button)
        for index, button in enumerate(self._buttons):
            if index >= len(self._choices):
                button.hide()
                continue
            choice = self._choices[index]
            shown = labels[index].strip() if index < len(labels) else choice.strip()
            if len(shown) > MAX_LABEL_CHARS:
                shown = shown[: MAX_LABEL_CHARS - 1] + "…"
            button.setText(f"Alt+{index + 1}  {shown.replace('&', '&&')}")
            button.setToolTip(self.tr("Insert “%s” (Alt+%d)") % (choice.strip(), index + 1))
            button.show()
        self._placeholder.setVisible(not self._choices)
