"""A small, cheap heatmap widget: tokens along x, units along y, a colour-scale legend.

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
TOKEN_LABEL_CHARS = 9  # longer tokens are cut with "…" under the map
COLOR_BAR_WIDTH = 10  # legend bar, pixels
MAX_CELL_HEIGHT = 14  # cells never grow taller than this, pixels
MAX_CELL_WIDTH = 40  # nor wider


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


class Heatmap(QWidget):
    """Paints one :class:`HeatmapData`: title, row labels, token labels, cells and legend."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data: HeatmapData | None = None  # what is shown
        self._image: QImage | None = None  # one pixel per cell
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
        self._image = to_image(data.values, data.vmin, data.vmax, table)
        ramp = np.linspace(data.vmax, data.vmin, 64, dtype=np.float32)[:, None]  # top = vmax
        self._legend = to_image(ramp, data.vmin, data.vmax, table)
        self.setToolTip("")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(230, 250)

    def minimumSizeHint(self) -> QSize:
        return QSize(140, 150)

    # -- geometry -----------------------------------------------------------------------------
    def _layout(self) -> tuple[QRect, int, int]:
        """(cell rect, title height, token-label height) for the current size and data."""
        fm = QFontMetrics(self._small)
        title_h = QFontMetrics(self.font()).height() + 4
        rows_w = max((fm.horizontalAdvance(r) for r in self.data.rows), default=0) + 6
        labels_h = max((fm.horizontalAdvance(short(t)) for t in self.data.columns), default=0) + 6
        legend_w = COLOR_BAR_WIDTH + 6 + fm.horizontalAdvance("-0.0") + 6
        n_rows, n_cols = self.data.values.shape
        avail_w = self.width() - rows_w - legend_w - 4
        avail_h = self.height() - title_h - labels_h - fm.height() - 4  # room for the axis title
        cell_w = max(1, min(MAX_CELL_WIDTH, avail_w // max(1, n_cols)))
        cell_h = max(1, min(MAX_CELL_HEIGHT, avail_h // max(1, n_rows)))
        return QRect(rows_w, title_h, cell_w * n_cols, cell_h * n_rows), title_h, labels_h

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        if self.data is None or self._image is None or self.data.values.size == 0:
            return
        painter = QPainter(self)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        cells, title_h, labels_h = self._layout()
        self._cells = cells
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(QRect(0, 0, self.width(), title_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.data.title)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.drawImage(cells, self._image)
        n_rows, n_cols = self.data.values.shape
        cell_w, cell_h = cells.width() / n_cols, cells.height() / n_rows
        if n_rows > 1 and self.data.rows[0] == "mean":  # separate the mean row from the units
            painter.setPen(pal.color(QPalette.ColorRole.Window))
            y = cells.top() + int(cell_h)
            painter.drawLine(cells.left(), y, cells.right(), y)
        painter.setFont(self._small)
        painter.setPen(text)
        fm = QFontMetrics(self._small)
        step = max(1, int(np.ceil(fm.height() / max(1.0, cell_h))))  # skip labels that would overlap
        for r, label in enumerate(self.data.rows):
            if r % step == 0:
                rect = QRect(0, cells.top() + int(r * cell_h), cells.left() - 4, int(max(cell_h, 1)))
                painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        col_step = max(1, int(np.ceil(0.9 * fm.ascent() / max(1.0, cell_w))))  # newest word always labelled
        for c, token in enumerate(self.data.columns):
            if (n_cols - 1 - c) % col_step:
                continue
            painter.save()  # vertical labels, read bottom to top, right under their column
            painter.translate(cells.left() + (c + 0.5) * cell_w - fm.height() / 2, cells.bottom() + 4)
            painter.rotate(-90)
            painter.drawText(QRect(-labels_h, 0, labels_h - 2, fm.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, short(token))
            painter.restore()
        painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(QRect(cells.left(), cells.bottom() + labels_h + 4, self.width() - cells.left(), fm.height()),
                         Qt.AlignmentFlag.AlignLeft, self.tr("words read, oldest → newest"))
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
        n_rows, n_cols = self.data.values.shape
        col = (pos.x() - self._cells.left()) * n_cols // max(1, self._cells.width())
        row = (pos.y() - self._cells.top()) * n_rows // max(1, self._cells.height())
        return min(row, n_rows - 1), min(col, n_cols - 1)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hit = self.cell_at(event.pos())
            if hit is None:
                QToolTip.hideText()
            else:
                r, c = hit
                QToolTip.showText(event.globalPos(), f"{self.data.title}, “{self.data.columns[c]}”, "
                                                     f"{self.data.rows[r]}: {self.data.values[r, c]:.3f}", self)
            return True
        return super().event(event)
