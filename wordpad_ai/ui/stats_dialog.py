"""Tools → Statistics: keystrokes saved by suggestions, this session and all time."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from ..stats import KeystrokeStats

ROWS = (  # (label, how to show a KeystrokeStats value)
    ("Suggestions accepted", lambda s: str(s.accepted)),
    ("Characters inserted by suggestions", lambda s: str(s.chars_inserted)),
    ("Keystrokes saved", lambda s: str(s.keystrokes_saved)),
    ("Keystrokes typed", lambda s: str(s.keystrokes_typed)),
    ("Share of keystrokes saved", lambda s: f"{100 * s.saved_fraction:.1f} %"),
)


class StatsDialog(QDialog):
    """A small table: one row per figure, columns "This session" and "All time"."""

    def __init__(self, session: KeystrokeStats, total: KeystrokeStats, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Statistics"))
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("<b>This session</b>"), self), 0, 1)
        grid.addWidget(QLabel(self.tr("<b>All time</b>"), self), 0, 2)
        self.values: dict[str, tuple[QLabel, QLabel]] = {}  # row label → (session, total) labels
        for row, (label, show) in enumerate(ROWS, start=1):
            grid.addWidget(QLabel(self.tr(label), self), row, 0)
            cells = (QLabel(show(session), self), QLabel(show(total), self))
            for column, cell in enumerate(cells, start=1):
                grid.addWidget(cell, row, column)
            self.values[label] = cells
        note = QLabel(self.tr("Accepting a suggestion takes one key press, so each accept saves "
                              "its length minus one keystroke."), self)
        note.setWordWrap(True)
        note.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(buttons)
