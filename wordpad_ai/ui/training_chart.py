"""The live training chart: training loss and validation perplexity against the step (QtCharts).

Both series draw their points as well as their lines: a short run validates only once or twice,
and a line through one point is invisible. The step axis ticks at whole steps only.
"""

from __future__ import annotations

import math

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from ..api import TrainingProgress
from .theme import style_chart


LOSS_COLOR = "#31688e"  # training loss (the inspector's blue)
PERPLEXITY_COLOR = "#e6550d"  # validation perplexity: orange, told apart from the loss at a glance


def step_interval(span: int, ticks: int = 5) -> int:
    """A whole-number tick interval (1, 2, 5, 10, 20, 50 …) giving about ``ticks`` ticks over ``span``
    steps: never 0.25 steps, which "%d" would print as "0 0 0 1"."""
    interval = 1
    while span / interval > ticks:
        for factor in (2, 2.5, 2):  # 1 → 2 → 5 → 10 → 20 → 50 …
            interval = int(interval * factor)
            if span / interval <= ticks:
                break
    return interval


class TrainingChart(QChartView):
    """Two lines: loss (left axis, nats per token) and validation perplexity (right axis)."""

    def __init__(self, parent=None):
        chart = QChart()
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        chart.setTitle(self.tr("Learning curve"))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.loss_series = QLineSeries()  # (step, training loss)
        self.loss_series.setName(self.tr("training loss"))
        self.ppl_series = QLineSeries()  # (step, validation perplexity)
        self.ppl_series.setName(self.tr("validation perplexity"))
        for series, color in ((self.loss_series, LOSS_COLOR), (self.ppl_series, PERPLEXITY_COLOR)):
            series.setPointsVisible(True)
            pen = QPen(QColor(color))
            pen.setWidthF(2.0)
            series.setPen(pen)
            series.setColor(QColor(color))
        chart.addSeries(self.loss_series)
        chart.addSeries(self.ppl_series)
        self.x_axis = QValueAxis()  # optimiser step
        self.x_axis.setTitleText(self.tr("step"))
        self.x_axis.setLabelFormat("%d")
        self.x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.x_axis.setTickAnchor(0)
        self.loss_axis = QValueAxis()  # loss
        self.loss_axis.setTitleText(self.tr("loss"))
        self.ppl_axis = QValueAxis()  # perplexity
        self.ppl_axis.setTitleText(self.tr("perplexity"))
        self.ppl_axis.setGridLineVisible(False)  # one grid (the loss axis'), not two interleaved
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.loss_axis, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(self.ppl_axis, Qt.AlignmentFlag.AlignRight)
        for series, axis in ((self.loss_series, self.loss_axis), (self.ppl_series, self.ppl_axis)):
            series.attachAxis(self.x_axis)
            series.attachAxis(axis)
        self.clear()
        style_chart(chart, self.palette())  # legible in the light and the dark theme

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.PaletteChange:
            style_chart(self.chart(), self.palette())
        super().changeEvent(event)

    def clear(self) -> None:
        """Forget all points (a new run)."""
        self.loss_series.clear()
        self.ppl_series.clear()
        self._last_ppl: float | None = None  # value of the last perplexity point
        self.x_axis.setRange(0, 10)
        self.x_axis.setTickInterval(2)
        self.loss_axis.setRange(0, 1)
        self.ppl_axis.setRange(0, 1)

    def add_progress(self, progress: TrainingProgress) -> None:
        """Add the loss and (new) validation perplexity of a training event (and the final
        validation of the "done" event)."""
        if progress.phase not in ("training", "done"):
            return
        step = progress.step
        if progress.loss is not None and math.isfinite(progress.loss):
            self.loss_series.append(step, progress.loss)
        ppl = progress.val_perplexity
        if ppl is not None and math.isfinite(ppl) and ppl != self._last_ppl:
            self.ppl_series.append(step, ppl)  # events repeat the latest validation figure
            self._last_ppl = ppl
        self._rescale()

    def point_counts(self) -> tuple[int, int]:
        """(loss points, perplexity points) shown."""
        return self.loss_series.count(), self.ppl_series.count()

    def _rescale(self) -> None:
        steps = [p.x() for s in (self.loss_series, self.ppl_series) for p in s.points()]
        if steps:
            low, high = int(min(steps)), int(math.ceil(max(steps)))
            interval = step_interval(high - low)
            start = low // interval * interval  # ticks at whole multiples: 0, 50, 100 …
            self.x_axis.setTickAnchor(start)
            self.x_axis.setTickInterval(interval)
            # one tick past the last step, so the newest point is never cut by the plot's edge
            self.x_axis.setRange(start, start + interval * ((high - start) // interval + 1))
        for series, axis in ((self.loss_series, self.loss_axis), (self.ppl_series, self.ppl_axis)):
            ys = [p.y() for p in series.points()]
            if ys:
                low, high = min(ys), max(ys)
                pad = max((high - low) * 0.1, 0.05 * max(abs(high), 1e-3))
                axis.setRange(max(0.0, low - pad), high + pad)
                axis.applyNiceNumbers()  # ticks at 3.0, 3.5, 4.0 …, not 3.05, 3.44, 3.83
