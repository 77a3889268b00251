"""The next-word distribution as horizontal bars: word, bar, probability; most likely on top.

Custom-painted (no QtCharts): ten bars and labels cost a fraction of a millisecond to paint, and
the widget is updated several times a second while the writer types.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

MAX_BARS = 10  # entries shown
BAR_COLOR = "#31688e"  # the bars (viridis blue, as in the heatmaps)
TOP_COLOR = "#1f9e89"  # the most likely word


class DistributionChart(QWidget):
    """Horizontal bar chart of (word, probability) pairs."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = self.tr("Next word: top %d") % MAX_BARS  # shown above the bars
        self.entries: tuple[tuple[str, float], ...] = ()  # (word, probability), most likely first
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    def set_entries(self, entries, title: str | None = None) -> None:
        """Show ``entries`` ((word, probability) pairs, most likely first)."""
        self.entries = tuple((str(w), float(p)) for w, p in list(entries)[:MAX_BARS])
        if title is not None:
            self.title = title
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(250, 250)

    def minimumSizeHint(self) -> QSize:
        return QSize(170, 150)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        bold = QFont(self.font())
        bold.setBold(True)
        title_h = QFontMetrics(bold).height() + 4
        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(QRect(0, 0, self.width(), title_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.title)
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.85))
        painter.setFont(small)
        fm = QFontMetrics(small)
        if not self.entries:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRect(0, title_h, self.width(), fm.height() * 2), Qt.AlignmentFlag.AlignLeft,
                             self.tr("(nothing yet: type some words)"))
            painter.end()
            return
        words_w = min(int(self.width() * 0.42), max(fm.horizontalAdvance(w) for w, _ in self.entries) + 12)
        value_w = fm.horizontalAdvance("100.0%") + 6
        bar_max = max(10, self.width() - words_w - value_w)
        row_h = min(fm.height() + 6, (self.height() - title_h - fm.height()) / max(1, len(self.entries)))
        top_p = max(p for _, p in self.entries) or 1.0
        for i, (word, p) in enumerate(self.entries):
            y = title_h + i * row_h
            label = fm.elidedText(word, Qt.TextElideMode.ElideRight, words_w - 8)
            painter.setPen(text)
            painter.drawText(QRect(0, int(y), words_w - 6, int(row_h)),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            width = bar_max * (p / top_p)  # scaled to the most likely word: short bars stay visible
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(TOP_COLOR if i == 0 else BAR_COLOR))
            painter.drawRoundedRect(QRectF(words_w, y + 2, max(1.0, width), row_h - 4), 2, 2)
            painter.setPen(text)
            painter.drawText(QRect(int(words_w + width + 4), int(y), value_w, int(row_h)),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{100 * p:.1f}%")
        painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(QRect(0, int(title_h + len(self.entries) * row_h), self.width(), fm.height() + 2),
                         Qt.AlignmentFlag.AlignLeft, self.tr("probability; bars scaled to the top word"))
        painter.end()
