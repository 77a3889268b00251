"""The GUI's handle on the training runner process: a ``QProcess`` and Qt signals, no threads.

The runner (``python -m wordpad_ai.training.runner``) gets the job spec on stdin and answers with
JSON-lines events (``wordpad_ai/training/protocol.py``), turned here into signals. Cancelling is
ending the process: SIGTERM first (the runner saves a checkpoint), then a kill after a grace
period. TensorFlow only ever loads in the runner.
"""

from __future__ import annotations

import json
import logging
import sys

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from ..training import protocol
from ..training.protocol import JobSpec, TrainingReport

log = logging.getLogger(__name__)

CANCEL_GRACE_MS = 3000  # after SIGTERM, time the runner gets to checkpoint before it is killed


def runner_command() -> list[str]:
    """The command line of the runner process (frozen app or Python)."""
    if getattr(sys, "frozen", False):  # PyInstaller: no separate Python, re-run this binary
        return [sys.executable, "--trainer-process"]
    return [sys.executable, "-m", "wordpad_ai.training.runner"]


class TrainingProcess(QObject):
    """One runner at a time; every event becomes a signal."""

    scanned = Signal(dict)  # the "scan" event: documents, words, files, skipped
    split_done = Signal(dict)  # the "split" event: train_words, heldout_words, resume_step …
    progressed = Signal(object)  # TrainingProgress
    planned = Signal(dict)  # the "plan" event: training_s, measuring_s, estimated_total_s
    evaluated = Signal(str, object)  # "before"/"after", figures dict or None
    result_ready = Signal(object)  # TrainingReport of a finished run
    failed = Signal(str)  # one line for the user
    cancelled = Signal()  # the run was cancelled (process ended on request)
    finished = Signal()  # the process is gone (after any of the above)

    def __init__(self, parent: QObject | None = None, command: list[str] | None = None):
        super().__init__(parent)
        self._command = list(command or runner_command())  # runner program and arguments
        self._process: QProcess | None = None  # the live runner
        self._cancelling = False  # cancel() was called for the live runner
        self._concluded = False  # a result, error or cancel was already signalled
        self._stderr_tail = b""  # last bytes of the runner's stderr, for crash messages
        self._kill_timer = QTimer(self)
        self._kill_timer.setSingleShot(True)
        self._kill_timer.timeout.connect(self._on_kill_timer_timeout)

    def is_running(self) -> bool:
        return self._process is not None

    def start(self, spec: JobSpec, scan_only: bool = False) -> None:
        """Start the runner for ``spec`` (any runner still going is killed first)."""
        if self._process is not None:
            self.kill()
        proc = QProcess(self)
        proc.setProgram(self._command[0])
        proc.setArguments(self._command[1:] + (["--scan-only"] if scan_only else []))
        proc.readyReadStandardOutput.connect(self._on_process_ready_read_stdout)
        proc.readyReadStandardError.connect(self._on_process_ready_read_stderr)
        proc.finished.connect(self._on_process_finished)
        proc.errorOccurred.connect(self._on_process_error_occurred)
        self._process = proc
        self._cancelling = self._concluded = False
        self._stderr_tail = b""
        proc.start()
        proc.write(json.dumps(spec.to_json()).encode("utf-8"))
        proc.closeWriteChannel()

    def pid(self) -> int | None:
        return int(self._process.processId()) or None if self._process is not None else None

    def cancel(self) -> None:
        """Ask the runner to stop (it checkpoints), and kill it if it has not after a grace period."""
        if self._process is None:
            return
        self._cancelling = True
        self._process.terminate()
        self._kill_timer.start(CANCEL_GRACE_MS)

    def kill(self) -> None:
        """End the runner now and forget it (its later output is ignored)."""
        proc, self._process = self._process, None
        self._kill_timer.stop()
        if proc is not None:
            proc.blockSignals(True)
            proc.kill()
            proc.waitForFinished(3000)
            proc.deleteLater()

    # -- slots --------------------------------------------------------------------------------
    def _on_kill_timer_timeout(self) -> None:
        if self._process is not None:
            self._process.kill()

    def _on_process_ready_read_stdout(self) -> None:
        proc = self.sender()
        while proc is self._process and proc.canReadLine():
            line = bytes(proc.readLine())
            try:
                event = protocol.decode(line)
            except ValueError:
                log.warning("training runner sent a bad line: %r", line[:200])
                continue
            self._dispatch(event)

    def _on_process_ready_read_stderr(self) -> None:
        proc = self.sender()
        if proc is self._process:
            self._stderr_tail = (self._stderr_tail + bytes(proc.readAllStandardError()))[-4000:]

    def _dispatch(self, event: dict) -> None:
        kind = event.pop("event")
        if kind == "scan":
            self.scanned.emit(event)
        elif kind == "split":
            self.split_done.emit(event)
        elif kind == "plan":
            self.planned.emit(event)
        elif kind == "progress":
            self.progressed.emit(protocol.progress_from_json(event))
        elif kind == "evaluated":
            self.evaluated.emit(str(event.get("which")), event.get("figures"))
        elif kind == "result":
            self._concluded = True
            self.result_ready.emit(TrainingReport.from_json(event))
        elif kind == "error":
            self._concluded = True
            self.failed.emit(str(event.get("message") or "training failed"))
        elif kind == "cancelled":
            self._concluded = True
            self.cancelled.emit()

    def _on_process_finished(self, code: int, status) -> None:
        proc = self.sender()
        if proc is not self._process:
            return
        self._on_process_ready_read_stdout()
        self._process = None
        self._kill_timer.stop()
        proc.deleteLater()
        if not self._concluded:
            if self._cancelling:
                self.cancelled.emit()
            elif code != 0 or status != QProcess.ExitStatus.NormalExit:
                tail = self._stderr_tail.decode("utf-8", "replace").strip().splitlines()
                self.failed.emit("the training process stopped unexpectedly"
                                 + (f": {tail[-1]}" if tail else f" (exit code {code})"))
        self.finished.emit()

    def _on_process_error_occurred(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart and self.sender() is self._process:
            self._process = None
            self._concluded = True
            self.failed.emit(f"could not start the training process ({self._command[0]})")
            self.finished.emit()
