"""The live training chart: training loss and validation perplexity against the step (QtCharts)."""

from __future__ import annotations

import math

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPainter

from ..api import TrainingProgress
from .theme import style_chart


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
        chart.addSeries(self.loss_series)
        chart.addSeries(self.ppl_series)
        self.x_axis = QValueAxis()  # optimiser step
        self.x_axis.setTitleText(self.tr("step"))
        self.x_axis.setLabelFormat("%d")
        self.loss_axis = QValueAxis()  # loss
        self.loss_axis.setTitleText(self.tr("loss"))
        self.ppl_axis = QValueAxis()  # perplexity
        self.ppl_axis.setTitleText(self.tr("perplexity"))
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
        self.loss_axis.setRange(0, 1)
        self.ppl_axis.setRange(0, 1)

    def add_progress(self, progress: TrainingProgress) -> None:
        """Add the loss and (new) validation perplexity of a training event."""
        if progress.phase != "training":
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
            self.x_axis.setRange(min(steps), max(max(steps), min(steps) + 1))
        for series, axis in ((self.loss_series, self.loss_axis), (self.ppl_series, self.ppl_axis)):
            ys = [p.y() for p in series.points()]
            if ys:
                low, high = min(ys), max(ys)
                pad = max((high - low) * 0.1, 0.05 * max(abs(high), 1e-3))
                axis.setRange(max(0.0, low - pad), high + pad)
