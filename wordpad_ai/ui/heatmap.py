"""A small, cheap heatmap widget: the words read down the side, units across, a colour legend.

:meth:`Heatmap.set_data` turns the values into a tiny ``QImage`` (one pixel per cell) once;
painting scales that image into place without smoothing and draws a few labels, so a repaint
costs well under a millisecond. Hovering a cell shows its token, row and value.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from .inspector_data import HeatmapData

# colour scales as anchor colours, interpolated to 256 entries
VIRIDIS = ("#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779",
           "#6ece58", "#b5de2b", "#fde725")  # sequential, perceptually even, readable in grey
BLUE_WHITE_RED = ("#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b")
TOKEN_LABEL_CHARS = 11  # longer words are cut with "…" beside the map
TOKEN_NAMES = {"<eos>": "¶", "<num>": "#", "<unk>": "?"}  # model tokens shown as symbols
COLOR_BAR_WIDTH = 10  # legend bar, pixels
MAX_CELL_HEIGHT = 14  # cells never grow taller than this, pixels
MAX_CELL_WIDTH = 40  # nor wider
DEFAULT_WORDS = 12  # words read that the heatmaps are sized for (the engine sends the last 12)


def color_table(anchors: tuple[str, ...], size: int = 256) -> np.ndarray:
    """``size`` ARGB32 colours (uint32) interpolated between ``anchors``."""
    rgb = np.array([[QColor(a).red(), QColor(a).green(), QColor(a).blue()] for a in anchors], np.float64)
    pos = np.linspace(0.0, 1.0, len(anchors))
    t = np.linspace(0.0, 1.0, size)
    chans = [np.interp(t, pos, rgb[:, k]).round().astype(np.uint32) for k in range(3)]
    return (0xFF000000 | (chans[0] << 16) | (chans[1] << 8) | chans[2]).astype(np.uint32)


SEQUENTIAL = color_table(VIRIDIS)
DIVERGING = color_table(BLUE_WHITE_RED)


def to_image(values: np.ndarray, vmin: float, vmax: float, table: np.ndarray) -> QImage:
    """A ``values.shape[1]`` × ``values.shape[0]`` image, one pixel per cell, coloured by ``table``."""
    span = (vmax - vmin) or 1.0
    index = np.clip((values - vmin) / span * (len(table) - 1), 0, len(table) - 1).astype(np.int64)
    pixels = np.ascontiguousarray(table[index])  # [rows, cols] uint32
    h, w = pixels.shape
    image = QImage(pixels.data, w, h, 4 * w, QImage.Format.Format_ARGB32)
    return image.copy()  # own the pixels (the numpy buffer goes away)


def short(token: str, limit: int = TOKEN_LABEL_CHARS) -> str:
    return token if len(token) <= limit else token[: limit - 1] + "…"


def display_token(token: str) -> str:
    """A model token as the writer reads it: "¶" for the end of a sentence, "#" for a number."""
    return TOKEN_NAMES.get(token, token)


class Heatmap(QWidget):
    """Paints one :class:`HeatmapData` with the words read down the side (oldest on top, each
    labelled horizontally) and the units across (the mean first), a title and a colour legend.

    Only the first heatmap of a row of them needs the word labels (``show_words``): the others
    line up with it."""

    def __init__(self, parent: QWidget | None = None, show_words: bool = True):
        super().__init__(parent)
        self.data: HeatmapData | None = None  # what is shown
        self.show_words = show_words  # draw the word labels on the left
        self._image: QImage | None = None  # one pixel per cell: words down, units across
        self._legend: QImage | None = None  # the colour bar, one pixel wide
        self._cells = QRect()  # where the cells were painted (for tooltips)
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.8))
        self._small = small  # labels
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, data: HeatmapData) -> None:
        """Show ``data`` (builds the small cell image; the paint only scales it)."""
        self.data = data
        table = DIVERGING if data.diverging else SEQUENTIAL
        self._image = to_image(np.ascontiguousarray(data.values.T), data.vmin, data.vmax, table)
        ramp = np.linspace(data.vmax, data.vmin, 64, dtype=np.float32)[:, None]  # top = vmax
        self._legend = to_image(ramp, data.vmin, data.vmax, table)
        self.setToolTip("")
        self.updateGeometry()
        self.update()

    def word_labels(self) -> list[str]:
        """The labels drawn beside the rows: every word read, oldest first."""
        return [short(display_token(t)) for t in self.data.columns] if self.data else []

    def _words_width(self) -> int:
        if not self.show_words or self.data is None:
            return 0
        fm = QFontMetrics(self._small)
        return max((fm.horizontalAdvance(w) for w in self.word_labels()), default=0) + 6

    def height_for_words(self, n_words: int) -> int:
        """The height that gives each of ``n_words`` rows room for its label."""
        fm = QFontMetrics(self._small)
        return QFontMetrics(self.font()).height() + 4 + n_words * fm.height() + fm.height() + 6

    def sizeHint(self) -> QSize:
        return QSize(150 + self._words_width(), self.height_for_words(DEFAULT_WORDS))

    def minimumSizeHint(self) -> QSize:
        return QSize(max(70 + self._words_width(), self._title_width()), self.height_for_words(DEFAULT_WORDS))

    def _title_font(self) -> QFont:
        bold = QFont(self.font())
        bold.setBold(True)
        return bold

    def _title_width(self) -> int:
        """Room for the whole title ("Hidden state |h|"): the map is never narrower."""
        if self.data is None:
            return 0
        return QFontMetrics(self._title_font()).horizontalAdvance(self.data.title) + 4

    # -- geometry -----------------------------------------------------------------------------
    def _layout(self) -> tuple[QRect, int]:
        """(cell rect, title height) for the current size and data."""
        fm = QFontMetrics(self._small)
        title_h = QFontMetrics(self.font()).height() + 4
        words_w = self._words_width()
        legend_w = COLOR_BAR_WIDTH + 6 + fm.horizontalAdvance("-0.0") + 6
        n_units, n_words = self.data.values.shape
        avail_w = self.width() - words_w - legend_w - 4
        avail_h = self.height() - title_h - fm.height() - 6  # room for the axis note
        cell_w = max(1, min(MAX_CELL_WIDTH, avail_w // max(1, n_units)))
        cell_h = max(1, min(max(MAX_CELL_HEIGHT, fm.height()), avail_h // max(1, n_words)))
        return QRect(words_w, title_h, cell_w * n_units, cell_h * n_words), title_h

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        if self.data is None or self._image is None or self.data.values.size == 0:
            return
        painter = QPainter(self)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        cells, title_h = self._layout()
        self._cells = cells
        painter.setFont(self._title_font())
        painter.setPen(text)
        painter.drawText(QRect(0, 0, self.width(), title_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.data.title)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(cells, self._image)
        n_units, n_words = self.data.values.shape
        cell_w, cell_h = cells.width() / n_units, cells.height() / n_words
        if n_units > 1 and self.data.rows[0] == "mean":  # separate the mean column from the units
            painter.setPen(pal.color(QPalette.ColorRole.Window))
            x = cells.left() + int(cell_w)
            painter.drawLine(x, cells.top(), x, cells.bottom())
        painter.setFont(self._small)
        painter.setPen(text)
        fm = QFontMetrics(self._small)
        if self.show_words:  # every word, horizontal, beside its row
            for r, label in enumerate(self.word_labels()):
                rect = QRect(0, cells.top() + int(r * cell_h), cells.left() - 4, int(max(cell_h, 1)))
                painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        note = self.tr("mean, then units →") if self.data.rows[0] == "mean" else self.tr("values →")
        painter.drawText(QRect(cells.left(), cells.bottom() + 3, self.width() - cells.left(), fm.height()),
                         Qt.AlignmentFlag.AlignLeft, note)
        painter.setPen(text)
        self._paint_legend(painter, cells, fm)
        painter.end()

    def _paint_legend(self, painter: QPainter, cells: QRect, fm: QFontMetrics) -> None:
        bar = QRect(cells.right() + 8, cells.top(), COLOR_BAR_WIDTH, max(cells.height(), fm.height() * 2))
        painter.drawImage(bar, self._legend)
        d = self.data
        for value, y in ((d.vmax, bar.top() + fm.ascent() - 2), (d.vmin, bar.bottom())):
            painter.drawText(QPoint(bar.right() + 4, y), f"{value:g}")
        if d.diverging:
            painter.drawText(QPoint(bar.right() + 4, bar.center().y() + fm.ascent() // 2), "0")

    # -- hover ----------------------------------------------------------------------------------
    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        """(row, column) of the cell under ``pos``, or None."""
        if self.data is None or not self._cells.contains(pos):
            return None
        n_units, n_words = self.data.values.shape  # drawn transposed: words down, units across
        unit = (pos.x() - self._cells.left()) * n_units // max(1, self._cells.width())
        word = (pos.y() - self._cells.top()) * n_words // max(1, self._cells.height())
        return min(unit, n_units - 1), min(word, n_words - 1)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hit = self.cell_at(event.pos())
            if hit is None:
                QToolTip.hideText()
            else:
                r, c = hit
                QToolTip.showText(event.globalPos(), f"{self.data.title}, “{display_token(self.data.columns[c])}”, "
                                                     f"{self.data.rows[r]}: {self.data.values[r, c]:.3f}", self)
            return True
        return super().event(event)
