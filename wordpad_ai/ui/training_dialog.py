"""Tools → Train on my documents…: choose files, see what is usable, train in the background,
watch the learning curve, compare before/after on held-out text, and keep or drop the result.

Three pages: *setup* (sources, the scan's usable and skipped files, model, fine-tune or scratch,
training time, privacy note; the last sources, model and time are remembered), *training* (the
four steps of a run — reading, testing the current model, learning, testing the new one — with
the current one marked, a progress bar that is busy outside the learning step, the whole run's
estimated time, the live chart, Cancel) and *result* (a plain verdict on top, the before/after
table, "Use the new model" / "Keep the current one"; keeping is the default when the new model
is worse on the user's held-out text). All work happens in the
runner process (:class:`~wordpad_ai.ui.training_process.TrainingProcess`); the store's current
model only changes when the user picks "Use the new model".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Sequence

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QMessageBox,
    QPushButton, QRadioButton, QSpinBox, QStackedWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget)

from .. import paths
from ..api import ModelInfo, TrainingProgress
from ..modelstore import ModelStore
from ..settings import load_settings, update_settings
from ..text.readers import FILE_DIALOG_FILTER
from ..training import workdir
from ..training.protocol import BASE_CURRENT, BASE_SCRATCH, MIN_TIME_BUDGET_S, JobSpec, TrainingReport
from .model_control import ModelControl
from .training_pages import ResultPage, RunPage
from .training_process import TrainingProcess
from .training_report import PHASE_MESSAGES, PHASE_OF_EVENT, duration, plural

SETUP, TRAINING, RESULT = range(3)  # the pages
DEFAULT_BUDGET_MIN = 5  # training time offered the first time, minutes


class TrainingDialog(QDialog):
    """The training dialog. ``models``: registered models (only trainable ones are offered);
    ``engine_client``: a :class:`ModelControl` (the window's), or an EngineClient or None (tests):
    it promotes a new model and switches the engine, never the dialog itself;
    ``spec_overrides``: extra :class:`JobSpec` fields (tests use tiny hyper-parameters)."""

    scan_finished = Signal(dict)  # the runner's scan report of the chosen sources
    training_finished = Signal(object)  # TrainingReport of a finished run
    training_cancelled = Signal()  # a run was cancelled; nothing changed
    model_promoted = Signal(str, str)  # model id, new current version

    def __init__(self, models: Sequence[ModelInfo], engine_client=None, parent=None,
                 spec_overrides: Mapping[str, Any] | None = None, store: ModelStore | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Train on My Documents"))
        self.resize(760, 620)
        self.engine_client = engine_client  # EngineClient to switch models, or None
        self.store = store or ModelStore()  # where promoted models go
        self.control = ModelControl.of(engine_client, self.store)  # promotes and switches models
        self.spec_overrides = dict(spec_overrides or {})  # extra JobSpec fields
        self.sources: list[str] = []  # files and folders chosen
        self.scan: dict | None = None  # the latest scan report (None while scanning)
        self.report: TrainingReport | None = None  # the finished run's report
        self._started_spec: JobSpec | None = None  # the job of the latest run
        self._split_text = ""  # what the run trains on, shown above the progress bar
        self._learned: tuple | None = None  # (step, tokens/s) of the last learning event
        self.process = TrainingProcess(self)  # the runner
        self.process.scanned.connect(self._on_process_scanned)
        self.process.split_done.connect(self._on_process_split_done)
        self.process.progressed.connect(self._on_process_progressed)
        self.process.planned.connect(self._on_process_planned)
        self.process.result_ready.connect(self._on_process_result_ready)
        self.process.failed.connect(self._on_process_failed)
        self.process.cancelled.connect(self._on_process_cancelled)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_setup())
        self.run_page = RunPage(self)
        self.run_page.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.result_page = ResultPage(self)
        self.result_page.keep_button.clicked.connect(self._on_keep_button_clicked)
        self.result_page.use_button.clicked.connect(self._on_use_button_clicked)
        self.pages.addWidget(self.run_page)
        self.pages.addWidget(self.result_page)
        # the pages' widgets, by the names the dialog (and its tests) use
        r, q = self.run_page, self.result_page
        self.phase_steps, self.phase_label, self.progress_bar = r.phase_steps, r.phase_label, r.progress_bar
        self.rate_label, self.plan_label, self.chart, self.cancel_button = (
            r.rate_label, r.plan_label, r.chart, r.cancel_button)
        self.verdict_label, self.result_label, self.result_table = q.verdict_label, q.result_label, q.result_table
        self.keep_button, self.use_button = q.keep_button, q.use_button
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        trainable = [m for m in models if m.trainable]
        for info in trainable:
            self.model_box.addItem(info.display_name, info.model_id)
        self._restore_choices()
        self._refresh_buttons()

    def _restore_choices(self) -> None:
        """The sources, model and training time of the last use of the dialog."""
        settings = load_settings()
        index = self.model_box.findData(settings.training_model) if settings.training_model else -1
        if index >= 0:
            self.model_box.setCurrentIndex(index)
        if settings.training_budget_min:
            self.budget_spin.setValue(settings.training_budget_min)
        existing = [p for p in settings.training_folders if Path(p).exists()]
        if existing:
            self.add_paths(existing)

    def _remember_choices(self) -> None:
        update_settings(training_folders=tuple(self.sources),
                        training_model=self.model_box.currentData() or "",
                        training_budget_min=self.budget_spin.value())

    def _start_folder(self) -> str:
        """Where Add Files/Add Folder start: beside the last source, else the Documents folder."""
        for source in reversed(self.sources):
            folder = Path(source) if Path(source).is_dir() else Path(source).parent
            if folder.is_dir():
                return str(folder)
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    # -- building ---------------------------------------------------------------------------------
    def _build_setup(self) -> QWidget:
        page = QWidget(self)
        v = QVBoxLayout(page)
        v.addWidget(QLabel(self.tr("Documents to learn from (files and folders, searched recursively):")))
        row = QHBoxLayout()
        self.source_list = QListWidget(page)
        self.source_list.setMaximumHeight(80)
        row.addWidget(self.source_list, 1)
        buttons = QVBoxLayout()
        for text, slot in ((self.tr("Add Files…"), self._on_add_files_clicked),
                           (self.tr("Add Folder…"), self._on_add_folder_clicked),
                           (self.tr("Remove"), self._on_remove_clicked)):
            b = QPushButton(text, page)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        row.addLayout(buttons)
        v.addLayout(row)
        self.scan_label = QLabel(self.tr("Add documents to see what can be used."), page)
        v.addWidget(self.scan_label)
        self.found_tree = QTreeWidget(page)
        self.found_tree.setHeaderLabels([self.tr("File"), self.tr("Words / reason")])
        self.found_tree.setColumnWidth(0, 460)
        v.addWidget(self.found_tree, 1)
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Model:")))
        self.model_box = QComboBox(page)
        self.model_box.currentIndexChanged.connect(self._on_model_box_changed)
        options.addWidget(self.model_box)
        self.base_group = QButtonGroup(page)
        self.fine_tune_radio = QRadioButton(self.tr("Fine-tune the current model"), page)
        self.scratch_radio = QRadioButton(self.tr("Start from scratch"), page)
        self.fine_tune_radio.setChecked(True)
        for b in (self.fine_tune_radio, self.scratch_radio):
            self.base_group.addButton(b)
            options.addWidget(b)
        options.addWidget(QLabel(self.tr("Training time:")))
        self.budget_spin = QSpinBox(page)
        self.budget_spin.setRange(max(1, int(MIN_TIME_BUDGET_S // 60)), 600)
        self.budget_spin.setValue(DEFAULT_BUDGET_MIN)
        self.budget_spin.setSuffix(self.tr(" min"))
        options.addWidget(self.budget_spin)
        options.addStretch(1)
        v.addLayout(options)
        self.budget_note = QLabel(self.tr(
            "Reading your documents and testing your current and the new model come on top of the "
            "training time; the whole run's time is shown once it starts."), page)
        self.budget_note.setWordWrap(True)
        self.budget_note.setEnabled(False)
        v.addWidget(self.budget_note)
        self.privacy_label = QLabel(self._privacy_text(), page)
        self.privacy_label.setWordWrap(True)
        v.addWidget(self.privacy_label)
        self.notice_label = QLabel("", page)  # why training cannot start now
        self.notice_label.setWordWrap(True)
        self.notice_label.setStyleSheet("color: #a00;")
        v.addWidget(self.notice_label)
        row = QHBoxLayout()
        self.delete_button = QPushButton(self.tr("Delete Trained Models…"), page)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        self.resume_button = QPushButton(self.tr("Resume"), page)
        self.resume_button.clicked.connect(self._on_resume_button_clicked)
        self.start_button = QPushButton(self.tr("Start Training"), page)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._on_start_button_clicked)
        close = QPushButton(self.tr("Close"), page)
        close.clicked.connect(self.reject)
        for b in (self.resume_button, self.start_button, close):
            row.addWidget(b)
        v.addLayout(row)
        return page

    def _privacy_text(self) -> str:
        return self.tr(
            "Everything stays on this computer. Trained models are stored in {models}; while "
            "training, a copy of the text and resumable checkpoints are kept in {cache} and deleted "
            "when you use or drop the result. Nothing is uploaded.").format(
            models=paths.models_dir(), cache=workdir.training_root())

    # -- public API (also used by tests) ----------------------------------------------------------
    def add_paths(self, new_paths: Sequence[str | Path]) -> None:
        """Add files or folders to learn from and rescan."""
        for p in new_paths:
            p = str(p)
            if p not in self.sources:
                self.sources.append(p)
                self.source_list.addItem(p)
        self._remember_choices()
        self._rescan()

    def spec(self) -> JobSpec:
        """The job the setup page describes."""
        values = dict(model_id=self.model_box.currentData() or "", paths=tuple(self.sources),
                      base=BASE_SCRATCH if self.scratch_radio.isChecked() else BASE_CURRENT,
                      time_budget_s=self.budget_spin.value() * 60.0)
        values.update(self.spec_overrides)
        return JobSpec(**values)

    def resumable_step(self) -> int | None:
        """The checkpoint step a run of :meth:`spec` would resume from, or None."""
        if not self.sources or not self.model_box.currentData():
            return None
        spec = self.spec()
        return workdir.job_dir(spec.job_id(), spec.work_dir).checkpoint_step()

    def start_training(self, resume: bool = False) -> bool:
        """Start the run (False, with a notice, when it cannot start). Without ``resume`` an
        earlier checkpoint of the same job is deleted first."""
        if load_settings().learning_paused:
            self.notice_label.setText(self.tr(
                "Learning is paused (privacy setting), so training cannot start. Turn learning back "
                "on in the settings to train on your documents."))
            return False
        if not self.scan or not self.scan.get("documents"):
            self.notice_label.setText(self.tr("Add documents that can be used first."))
            return False
        if not self.model_box.currentData():
            self.notice_label.setText(self.tr("No trainable model is installed."))
            return False
        self.notice_label.setText("")
        self._remember_choices()
        self.report = None
        self._started_spec = self.spec()
        if not resume:
            workdir.job_dir(self._started_spec.job_id(), self._started_spec.work_dir).remove()
        self.run_page.reset()
        self._split_text = ""
        self._learned = None
        self.pages.setCurrentIndex(TRAINING)
        self.process.start(self._started_spec)
        return True

    def cancel_training(self) -> None:
        """Stop the run; the current model stays as it is."""
        self.phase_label.setText(self.tr("Cancelling…"))
        self.cancel_button.setEnabled(False)
        self.process.cancel()

    def use_new_model(self) -> str | None:
        """Promote the new model, switch the engine to it, return the version."""
        if self.report is None:
            return None
        report = self.report
        version = self.control.promote_and_use(report.model_id, Path(report.staging_dir), report.metadata())
        self._discard_job()
        self.model_promoted.emit(report.model_id, version)
        self.report = None
        self.accept()
        return version

    def keep_current_model(self) -> None:
        """Drop the new model; nothing changes."""
        self._discard_job()
        self.report = None
        self.reject()

    # -- slots --------------------------------------------------------------------------------
    def _on_add_files_clicked(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add Documents"), self._start_folder(),
                                                FILE_DIALOG_FILTER)
        if files:
            self.add_paths(files)

    def _on_add_folder_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add Folder"), self._start_folder())
        if folder:
            self.add_paths([folder])

    def _on_remove_clicked(self) -> None:
        for item in self.source_list.selectedItems():
            self.sources.remove(item.text())
            self.source_list.takeItem(self.source_list.row(item))
        self._remember_choices()
        self._rescan()

    def _on_model_box_changed(self, _index: int) -> None:
        self._refresh_buttons()

    def _on_start_button_clicked(self) -> None:
        self.start_training(resume=False)

    def _on_resume_button_clicked(self) -> None:
        self.start_training(resume=True)

    def _on_cancel_button_clicked(self) -> None:
        self.cancel_training()

    def _on_use_button_clicked(self) -> None:
        self.use_new_model()

    def _on_keep_button_clicked(self) -> None:
        self.keep_current_model()

    def _on_delete_button_clicked(self) -> None:
        answer = QMessageBox.question(
            self, self.tr("Delete Trained Models"),
            self.tr("Delete every model trained on your documents and all training checkpoints? "
                    "The shipped default models will be used again."))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_trained_models()

    def delete_trained_models(self) -> None:
        """Delete all trained versions and training caches; the engine goes back to the default."""
        try:
            self.store.delete_all()
        except OSError as exc:  # a folder that cannot be removed still holds the user's text: say which
            self.notice_label.setText(self.tr("Could not delete everything: {0}").format(exc))
            self._refresh_buttons()
            return
        workdir.clear_all()
        if self.model_box.currentData():
            self.control.set_model(self.model_box.currentData(), None)
        self.notice_label.setText(self.tr("Trained models and checkpoints deleted."))
        self._refresh_buttons()

    def _on_process_scanned(self, report: dict) -> None:
        if self.pages.currentIndex() != SETUP:
            return
        self.scan = report
        self.found_tree.clear()
        usable = QTreeWidgetItem(self.found_tree, [self.tr("Usable ({0})").format(len(report["files"])), ""])
        for f in report["files"]:
            QTreeWidgetItem(usable, [f["path"], f"{f['words']:,} words"])
        skipped = QTreeWidgetItem(self.found_tree, [self.tr("Skipped ({0})").format(len(report["skipped"])), ""])
        for s in report["skipped"]:
            QTreeWidgetItem(skipped, [s["path"], s["reason"]])
        self.found_tree.expandAll()
        self.scan_label.setText(self.tr("{0} files usable, {1:,} words; {2} skipped").format(
            report["documents"], report["words"], len(report["skipped"])))
        self._refresh_buttons()
        self.scan_finished.emit(report)

    def _on_process_split_done(self, info: dict) -> None:
        resumed = info.get("resume_step")
        self._split_text = (self.tr("Learning from {0:,} words of your writing ({1:,} more are kept "
                                    "aside to test the models){2}").format(
            info["train_words"], info["heldout_words"],
            self.tr(", going on from step {0}").format(resumed) if resumed else ""))

    def _on_process_planned(self, plan: dict) -> None:
        total = plan.get("estimated_total_s")
        if total:
            self.plan_label.setText(self.tr("The whole run takes about {0}: {1} of learning, the rest "
                                            "reading and testing.").format(
                duration(total), duration(plan.get("training_s"))))

    def _on_process_progressed(self, p: TrainingProgress) -> None:
        self.run_page.show_phase(PHASE_OF_EVENT.get(p.phase, self.run_page.current_phase))
        if p.phase == "training":
            self.phase_label.setText(self._split_text or self.tr("Learning from your writing…"))
            self.chart.add_progress(p)
            self.progress_bar.setRange(0, 1000)  # learning has a known share done
            self.progress_bar.setValue(int(1000 * (p.fraction or 0.0)))
            if p.loss is None:  # the first event, before any step
                self.rate_label.setText(self.tr("Getting ready to learn…"))
                return
            tps = "—" if p.tokens_per_s is None else f"{p.tokens_per_s:,.0f}"
            self.rate_label.setText(self.tr("step {0}, loss {1:.3f}, {2} tokens/s, about {3} of learning left")
                                    .format(p.step, p.loss, tps, duration(p.eta_s)))
            self._learned = (p.step, tps)
            return
        self.chart.add_progress(p)  # the final validation comes with "done"
        self.phase_label.setText(self.tr(PHASE_MESSAGES.get(p.phase, p.message or p.phase)))
        if p.phase in ("reading", "measuring-before", "measuring-after", "saving", "done"):
            self.progress_bar.setRange(0, 0)  # busy: no fraction is known for these steps
            if self._learned is not None and p.phase != "reading" and p.phase != "measuring-before":
                steps, tps = self._learned
                self.rate_label.setText(self.tr("Learning done: {0}, {1} tokens/s").format(
                    plural(steps, self.tr("step")), tps))

    def _on_process_result_ready(self, report: TrainingReport) -> None:
        self.report = report
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(1000)
        self.result_page.show_report(report, self.chart)
        self.pages.setCurrentIndex(RESULT)
        self.training_finished.emit(report)

    def _on_process_failed(self, message: str) -> None:
        if self.pages.currentIndex() == SETUP:  # a scan problem
            self.scan_label.setText(message)
            return
        self.pages.setCurrentIndex(SETUP)
        self.notice_label.setText(self.tr("Training stopped: {0}. Your current model is unchanged.").format(message))
        self._refresh_buttons()

    def _on_process_cancelled(self) -> None:
        self.pages.setCurrentIndex(SETUP)
        step = self.resumable_step()
        self.notice_label.setText(self.tr("Training cancelled; your current model is unchanged.")
                                  + (self.tr(" You can resume from step {0}.").format(step) if step else ""))
        self._refresh_buttons()
        self.training_cancelled.emit()

    # -- helpers ------------------------------------------------------------------------------
    def _rescan(self) -> None:
        self.scan = None
        self.found_tree.clear()
        self._refresh_buttons()
        if not self.sources:
            self.scan_label.setText(self.tr("Add documents to see what can be used."))
            return
        self.scan_label.setText(self.tr("Looking at the documents…"))
        self.process.start(JobSpec(model_id=self.model_box.currentData() or "", paths=tuple(self.sources)),
                           scan_only=True)

    def _refresh_buttons(self) -> None:
        ready = bool(self.scan and self.scan.get("documents")) and bool(self.model_box.currentData())
        step = self.resumable_step() if ready else None
        self.start_button.setEnabled(ready)
        self.resume_button.setVisible(step is not None)
        self.resume_button.setEnabled(ready)
        if step is not None:
            self.resume_button.setText(self.tr("Resume (from step {0})").format(step))
        self.start_button.setText(self.tr("Start Over") if step is not None else self.tr("Start Training"))

    def _discard_job(self) -> None:
        spec = self._started_spec
        if spec is not None:
            workdir.job_dir(spec.job_id(), spec.work_dir).remove()

    def reject(self) -> None:
        """Closing while training cancels the run first."""
        if self.process.is_running():
            self.process.kill()
        super().reject()
