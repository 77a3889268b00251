"""The training dialog's second and third pages: the run (its four steps, progress, chart) and the
result (verdict, before/after table, keep or use). They only display; the dialog
(``training_dialog.py``) wires their buttons and feeds them the runner's events.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..training.protocol import TrainingReport
from .training_chart import TrainingChart
from .training_report import PHASES, figure_text, summary, verdict

FIGURE_ROWS = (("ksr", "Keystrokes saved (3 suggestions)", True),
               ("top1", "Next word right first time", True),
               ("top3", "Next word among 3 suggestions", True),
               ("perplexity", "Perplexity (lower is better)", False))  # (field, row label, is a share)


class RunPage(QWidget):
    """The run: "✓ 1. Reading your documents → ▶ 2. Testing your current model → …", the phase
    in words, a progress bar (busy outside the learning step), rates, the plan, the chart."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        v = QVBoxLayout(self)
        steps = QHBoxLayout()
        self.phase_steps: dict[str, QLabel] = {}  # run step → its label in the list of steps
        for index, (key, name) in enumerate(PHASES):
            label = QLabel(f"{index + 1}. {self.tr(name)}", self)
            label.setEnabled(False)
            self.phase_steps[key] = label
            steps.addWidget(label)
            if index < len(PHASES) - 1:
                arrow = QLabel("→", self)
                arrow.setEnabled(False)
                steps.addWidget(arrow)
        steps.addStretch(1)
        v.addLayout(steps)
        self.current_phase = ""  # the run step shown as current ("" before the first event)
        self.phase_label = QLabel(self.tr("Starting…"), self)
        v.addWidget(self.phase_label)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, 1000)
        v.addWidget(self.progress_bar)
        self.rate_label = QLabel("", self)  # ETA, tokens/s, step
        v.addWidget(self.rate_label)
        self.plan_label = QLabel("", self)  # the whole run's estimated time
        v.addWidget(self.plan_label)
        self.chart = TrainingChart(self)
        v.addWidget(self.chart, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        row.addWidget(self.cancel_button)
        v.addLayout(row)
        self._layout = v

    def reset(self) -> None:
        """A new run: no step done, the chart back here and empty."""
        if self.chart.parent() is not self:
            self._layout.insertWidget(self._layout.count() - 1, self.chart, 1)
        self.chart.clear()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        self.show_phase("")
        self.phase_label.setText(self.tr("Starting…"))
        self.rate_label.setText("")
        self.plan_label.setText("")
        self.cancel_button.setEnabled(True)

    def show_phase(self, phase: str) -> None:
        """Mark ``phase`` as the current step of the run, the ones before it as done."""
        self.current_phase = phase
        keys = [key for key, _ in PHASES]
        current = keys.index(phase) if phase in keys else -1
        for index, (key, name) in enumerate(PHASES):
            label = self.phase_steps[key]
            label.setEnabled(index <= current)
            mark = "✓ " if index < current else ("▶ " if index == current else "")
            label.setText(f"{mark}{index + 1}. {self.tr(name)}")
            font = label.font()
            font.setBold(index == current)
            label.setFont(font)


class ResultPage(QWidget):
    """The result: the verdict in plain words on top, what was done, the before/after table
    (exactly as tall as its rows, nothing selected), the learning curve, keep or use."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        v = QVBoxLayout(self)
        self.verdict_label = QLabel("", self)  # the plain-language verdict, on top
        self.verdict_label.setWordWrap(True)
        font = self.verdict_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.verdict_label.setFont(font)
        v.addWidget(self.verdict_label)
        self.result_label = QLabel("", self)  # what was trained and how long each step took
        self.result_label.setWordWrap(True)
        v.addWidget(self.result_label)
        table = QTableWidget(len(FIGURE_ROWS), 2, self)
        table.setHorizontalHeaderLabels([self.tr("Current model"), self.tr("New model")])
        table.setVerticalHeaderLabels([self.tr(label) for _, label, _ in FIGURE_ROWS])
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no cell looks chosen
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.result_table = table
        v.addWidget(table)
        row = QHBoxLayout()
        row.addStretch(1)
        self.keep_button = QPushButton(self.tr("Keep the Current One"), self)
        self.keep_button.setAutoDefault(False)
        self.use_button = QPushButton(self.tr("Use the New Model"), self)
        self.use_button.setAutoDefault(False)
        row.addWidget(self.keep_button)
        row.addWidget(self.use_button)
        v.addLayout(row)
        self._layout = v

    def show_report(self, report: TrainingReport, chart: TrainingChart) -> None:
        """Fill in ``report``; ``chart`` (the run's learning curve) moves under the table."""
        table = self.result_table
        for row, (key, _label, is_share) in enumerate(FIGURE_ROWS):
            for col, figures in enumerate((report.before, report.after)):
                table.setItem(row, col, QTableWidgetItem(figure_text(figures, key, is_share)))
        table.resizeRowsToContents()
        table.setFixedHeight(table.horizontalHeader().height() + 2 * table.frameWidth()
                             + sum(table.rowHeight(r) for r in range(table.rowCount())))
        self.verdict_label.setText(self.tr(verdict(report)))
        self.result_label.setText(self.tr(summary(report)))
        worse = report.new_model_worse
        self.keep_button.setDefault(worse)  # the sensible choice is the default (Enter)
        self.use_button.setDefault(not worse)
        (self.keep_button if worse else self.use_button).setFocus()
        self._layout.insertWidget(self._layout.count() - 1, chart, 1)
