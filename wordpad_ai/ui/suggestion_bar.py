"""The slim bar above the status bar listing the alternatives: "Alt+1 word · Alt+2 word …".

Each alternative is a flat button; clicking it (or pressing its Alt+N in the editor) inserts it.
The bar keeps one height whether it shows buttons, the placeholder or nothing, so the editor's
edge never jumps while the writer types.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

MAX_LABEL_CHARS = 40  # longer alternatives are shortened with "…" on their button
ACCEPT_KEY_NAMES = {"tab": "Tab", "right": "Right arrow", "enter": "Enter"}  # settings.accept_key → key name


def alt_keys(count: int) -> str:
    """The Alt keys of ``count`` alternatives: "Alt+1", "Alt+1 or Alt+2", "Alt+1 … Alt+3"."""
    count = max(1, min(9, int(count)))
    if count == 1:
        return "Alt+1"
    return "Alt+1 or Alt+2" if count == 2 else f"Alt+1 … Alt+{count}"


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
        self._labels: list[str] = []  # the whole words shown on the buttons
        self._placeholder = QLabel(self.tr("none yet — keep typing"), self)  # when empty
        self._placeholder.setEnabled(False)
        layout.addWidget(self._placeholder)
        layout.addStretch(1)
        self._layout = layout
        # Ignored across: long alternatives never widen the window; those that do not fit are
        # left off the bar (their Alt+N still works, see _fit_buttons)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        probe = QToolButton()  # the tallest content is a button: size the bar for one (never shown)
        probe.setAutoRaise(True)
        probe.setFont(self.font())
        probe.setText("Alt+1  Wg")
        content = max(probe.sizeHint().height(), self._placeholder.sizeHint().height(),
                      self._hint.sizeHint().height())
        probe.deleteLater()
        margins = layout.contentsMargins()
        self.setFixedHeight(content + margins.top() + margins.bottom())
        self._count = 3  # alternatives offered (the settings' suggestion count)
        self._accept_key = "tab"  # the settings' accept key: one of ACCEPT_KEY_NAMES
        self._update_tooltip()

    def set_count(self, count: int) -> None:
        """The number of alternatives offered (the settings' suggestion count): the tooltip
        names the Alt keys that exist."""
        self._count = count
        self._update_tooltip()

    def set_accept_key(self, key: str) -> None:
        """The key that accepts the grey suggestion (the settings' accept key), for the tooltip."""
        self._accept_key = key if key in ACCEPT_KEY_NAMES else "tab"
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        self.setToolTip(self.tr("%s accepts the grey suggestion, %s an alternative, "
                                "Ctrl+Right one word, Esc hides it.")
                        % (ACCEPT_KEY_NAMES[self._accept_key], alt_keys(self._count)))

    def alternatives(self) -> list[str]:
        """The texts offered now (for tests and accessibility)."""
        return list(self._choices)

    def labels(self) -> list[str]:
        """The whole words shown on the buttons, without their "Alt+N"."""
        return list(self._labels)

    def show_dismissed(self) -> None:
        """The writer hid the suggestion (Esc): no "none yet" hint, they come back with typing."""
        self._placeholder.setVisible(False)

    def set_alternatives(self, choices: list[str], labels: list[str] | None = None) -> None:
        """Show ``choices`` (inserted texts); ``labels`` are the whole words to display."""
        self._choices = list(choices[:9])
        labels = list(labels or choices)
        self._labels = []
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
            self._labels.append(shown)
            button.setText(f"Alt+{index + 1}  {shown.replace('&', '&&')}")
            button.setToolTip(self.tr("Insert “%s” (Alt+%d)") % (choice.strip(), index + 1))
            button.show()
        self._placeholder.setVisible(not self._choices)
        self._fit_buttons()

    def visible_labels(self) -> list[str]:
        """The labels of the buttons on screen (those that fit the bar's width)."""
        return [self._labels[i] for i, b in enumerate(self._buttons[:len(self._labels)]) if b.isVisibleTo(self)]

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_buttons()

    def _fit_buttons(self) -> None:
        """Show the alternatives' buttons that fit whole, left to right; hide the rest."""
        margins = self._layout.contentsMargins()
        spacing = self._layout.spacing()
        x = margins.left() + self._hint.sizeHint().width() + spacing
        right = self.width() - margins.right()
        fits = True
        for index, button in enumerate(self._buttons[:len(self._choices)]):
            width = button.sizeHint().width()
            fits = fits and (index == 0 or x + width <= right)  # the first one always shows
            button.setVisible(fits)
            x += width + spacing
