"""The editor's side of the engine: starts the engine process and talks to it without blocking.

:class:`EngineClient` lives in the GUI thread and uses only ``QProcess`` signals (no threads, no
waits), so typing never waits on a model. It imports PySide6 and our TensorFlow-free modules
only; TensorFlow is loaded by model plugins inside the engine process.

At most one suggest request is in flight; a newer request replaces the one waiting, and a reply
whose rev is not the latest requested is dropped. A watchdog kills an engine that does not
answer in time or that exits, and starts a new one with backoff, loading the same model again.

A failure while a model was loading or answering is held against that model's plugin. When the
same model fails ``ClientConfig.strikes`` times without a good answer in between
(``plugin_strikes.py``), its plugin is disabled in the settings, the default model becomes the
active one again (the broken one is not kept as the user's choice), and ``plugin_failed`` / ``error_reported`` say which plugin failed
and how to enable it again. (A plugin that kills the engine while being *imported* is named and
disabled by the engine itself on its next start: ``wordpad_ai/plugin_guard.py``.)
"""

from __future__ import annotations

import collections
import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from ..engine import engine_command, protocol
from ..engine.protocol import ProtocolError
from .plugin_strikes import PluginStrikes

log = logging.getLogger(__name__)

STARTING, READY, BUSY, RESTARTING, FAILED, STOPPED = (
    "starting", "ready", "busy", "restarting", "failed", "stopped")


@dataclass(frozen=True)
class ClientConfig:
    """Timings of the engine client."""

    request_timeout_s: float = 2.5  # a suggest/inspect unanswered this long: engine is restarted
    load_timeout_s: float = 90.0  # longest start (TensorFlow import) or model load before restart
    backoff_s: tuple[float, ...] = (0.2, 0.5, 1.0, 2.0, 4.0)  # waits before restart n (1, 2, ...)
    max_quick_failures: int = 3  # failures in a row before the state becomes "failed"
    strikes: int = 2  # failures of one model (no good answer between) before its plugin is disabled
    slow_retry_s: float = 15.0  # wait between restarts once "failed"
    tick_ms: int = 100  # how often the watchdog looks at outstanding requests
    stop_grace_s: float = 2.0  # after stop(), time the engine gets to exit before it is killed


class EngineClient(QObject):
    """Runs the engine process and turns its replies into Qt signals."""

    suggestions_ready = Signal(int, list)  # rev, [Suggestion] for the latest requested rev
    state_changed = Signal(str, str)  # state ("starting", "ready", "busy", ...), message
    models_listed = Signal(list)  # [ModelInfo]
    model_changed = Signal(str, str)  # active model id, message
    inspection_ready = Signal(int, object)  # rev, ModelInternals, ReducedInternals or None
    error_reported = Signal(str)  # one line for the user
    plugin_failed = Signal(str, str)  # plugin name, message: it was disabled after repeated failures

    def __init__(self, parent: QObject | None = None, *, command: list[str] | None = None,
                 config: ClientConfig = ClientConfig()):
        super().__init__(parent)
        self._command = list(command or engine_command())  # engine program and arguments
        self._config = config
        self._process: QProcess | None = None  # the live engine process
        self._retired: set[QProcess] = set()  # killed or stopped processes not yet finished
        self._dismissed: dict[QProcess, int] = {}  # processes ended on purpose → pid (not a crash)
        self._state = STOPPED
        self._ready = False  # the live process sent "ready"
        self._stopping = False  # stop() was called: do not restart
        self._wanted: tuple[str, str | None] | None = None  # model to load on (re)start
        self._model_request: dict | None = None  # set_model waiting to be sent
        self._loading_since: float | None = None  # start or set_model outstanding since
        self._latest_rev: int | None = None  # rev of the newest suggest request
        self._pending: dict | None = None  # newest suggest request, not yet sent
        self._in_flight: tuple[int, float] | None = None  # (rev, sent at) of the sent suggest
        self._latest_inspect_rev: int | None = None
        self._pending_inspect: dict | None = None
        self._inspect_in_flight: tuple[int, float] | None = None
        self._failures = 0  # failures since the last good answer
        self._active_model: str | None = None  # model id the engine says it suggests with
        self._loading_model: str | None = None  # model id being loaded (start or set_model), if known
        self._strikes = PluginStrikes(config.strikes)  # failures held against each model's plugin
        self._notice: str | None = None  # said again once the restarted engine is ready (status bar)
        self._last_error = ""  # last message sent on error_reported (not repeated)
        self._stderr_tail: collections.deque[str] = collections.deque(maxlen=20)
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(config.tick_ms)
        self._watchdog.timeout.connect(self._on_watchdog_timeout)
        self._restart_timer = QTimer(self)
        self._restart_timer.setSingleShot(True)
        self._restart_timer.timeout.connect(self._on_restart_timer_timeout)

    # -- public API ---------------------------------------------------------------------------
    def start(self) -> None:
        """Start the engine process (returns at once; ``state_changed("ready")`` follows)."""
        self._stopping = False
        if self._process is None and not self._restart_timer.isActive():
            self._spawn(STARTING, "starting the suggestion engine")

    def stop(self, wait_ms: int = 0) -> None:
        """Ask the engine to exit; kill it if it has not after a grace period. ``wait_ms`` > 0
        blocks up to that long for it and for engines killed earlier (application shutdown)."""
        self._stopping = True
        self._restart_timer.stop()
        self._watchdog.stop()
        proc = self._retire()
        self._dismiss(proc)
        if proc is not None:
            self._write(proc, {"op": "shutdown"})
            proc.closeWriteChannel()
            QTimer.singleShot(int(self._config.stop_grace_s * 1000), self, self._kill_retired)
        if wait_ms > 0:
            for old in list(self._retired):
                if old.state() != QProcess.ProcessState.NotRunning and not old.waitForFinished(wait_ms):
                    old.kill()
                    old.waitForFinished(1000)
            self._forget_dismissed()
        self._set_state(STOPPED, "the suggestion engine is stopped")

    def restart(self, current_version: bool = False) -> None:
        """Kill the engine (if running) and start a fresh one at once; with ``current_version``
        it loads its model's current version again, not a folder chosen earlier (deleted since)."""
        if current_version and self._wanted is not None:
            self._wanted = (self._wanted[0], None)
        self._stopping = False
        self._failures = 0
        self._restart_timer.stop()
        self._dismiss(self._kill("restart requested"))
        self._spawn(RESTARTING, "restarting the suggestion engine")

    def is_ready(self) -> bool:
        """Whether a running engine has loaded its model and takes requests."""
        return self._ready and self._process is not None

    def pid(self) -> int | None:
        """Process id of the running engine, or None."""
        if self._process is None or self._process.state() == QProcess.ProcessState.NotRunning:
            return None
        return int(self._process.processId()) or None

    def request_suggestions(self, rev: int, text_before_cursor: str, k: int, phrase: bool = False) -> None:
        """Ask for suggestions; ``suggestions_ready(rev, ...)`` follows unless a newer rev is
        requested first. Only the end of the text (``CONTEXT_CHARS``) is sent."""
        self._latest_rev = rev
        self._pending = protocol.suggest_request(rev, text_before_cursor, k, phrase)
        self._flush()

    def request_inspection(self, rev: int, text_before_cursor: str, max_units: int | None = None) -> None:
        """Ask for the model's internals; ``inspection_ready(rev, internals)`` follows. With
        ``max_units`` the engine reduces them to what the inspector draws and ``internals`` is a
        :class:`~wordpad_ai.inspection.ReducedInternals` (see ``protocol.py``)."""
        self._latest_inspect_rev = rev
        self._pending_inspect = protocol.inspect_request(rev, text_before_cursor, max_units)
        self._flush()

    def set_model(self, model_id: str, path: str | None = None) -> None:
        """Switch model; ``model_changed`` follows, or ``error_reported`` and the old model stays."""
        self._model_request = protocol.set_model_request(model_id, path)
        self._flush()

    def request_models(self) -> None:
        """Ask for the registered models; ``models_listed`` follows."""
        if self.is_ready():
            self._write(self._process, {"op": "list_models"})

    def observe(self, text: str, path: str | None = None) -> None:
        """Pass text the user wrote in the document ``path`` (None: unsaved) to the engine's
        learning (dropped while the engine is not ready)."""
        if self.is_ready() and self._loading_since is None:
            self._write(self._process, protocol.observe_request(text, path))

    # -- process lifecycle --------------------------------------------------------------------
    def _spawn(self, state: str, message: str) -> None:
        proc = QProcess(self)
        args = list(self._command[1:])
        if self._wanted is not None:
            args += ["--model", self._wanted[0]]
            if self._wanted[1] is not None:
                args += ["--model-path", self._wanted[1]]
        proc.setProgram(self._command[0])
        proc.setArguments(args)
        # bound methods (not lambdas): Qt drops the connections when this client is destroyed
        proc.readyReadStandardOutput.connect(self._on_process_ready_read_stdout)
        proc.readyReadStandardError.connect(self._on_process_ready_read_stderr)
        proc.finished.connect(self._on_process_finished)
        proc.errorOccurred.connect(self._on_process_error_occurred)
        self._process = proc
        self._ready = False
        self._loading_model = None if self._wanted is None else self._wanted[0]
        self._loading_since = time.monotonic()
        self._in_flight = self._inspect_in_flight = None
        self._set_state(state, message)
        proc.start()
        self._watchdog.start()

    def _retire(self) -> QProcess | None:
        """Detach the live process (its later signals are ignored) and return it."""
        proc, self._process = self._process, None
        self._ready = False
        self._loading_since = None
        self._in_flight = self._inspect_in_flight = None
        if proc is not None:
            self._retired.add(proc)
        return proc

    def _kill(self, reason: str) -> QProcess | None:
        proc = self._retire()
        if proc is not None:
            log.warning("killing the engine (pid %s): %s", proc.processId(), reason)
            proc.kill()
        return proc

    def _dismiss(self, proc: QProcess | None) -> None:
        """``proc`` is ended on purpose: once gone, its plugin-import marker (if it was importing
        a plugin just then) must not get that plugin disabled (``plugin_guard.py``)."""
        if proc is not None and proc.processId():
            self._dismissed[proc] = int(proc.processId())

    def _forget_dismissed(self, only: QProcess | None = None) -> None:
        from ..plugin_guard import forget_marker

        for proc in [only] if only is not None else list(self._dismissed):
            pid = self._dismissed.get(proc)
            if pid is not None and proc.state() == QProcess.ProcessState.NotRunning:
                del self._dismissed[proc]
                forget_marker(pid)

    def _kill_retired(self) -> None:
        for proc in list(self._retired):
            if proc.state() != QProcess.ProcessState.NotRunning:
                proc.kill()

    def _suspect(self) -> str | None:
        """The model whose call the live engine was busy with (a load or a request), if any."""
        if self._loading_since is not None:
            return self._loading_model
        return self._active_model if self._ready else None

    def _fail(self, reason: str, suspect: str | None = None) -> None:
        """The engine died or hung (while ``suspect``'s model was busy): count it, disable a
        plugin that keeps failing, and schedule a restart with backoff."""
        self._kill(reason)
        if self._stopping:
            return
        if suspect is not None and self._strike(suspect, reason):
            return
        self._failures += 1
        if self._failures >= 2 and self._wanted is not None:
            log.warning("engine failed twice with model %r; going back to the configured model",
                        self._wanted[0])
            self._wanted = None
        config = self._config
        if self._failures >= config.max_quick_failures:
            last = next((l for l in reversed(self._stderr_tail) if l.strip()), "")
            detail = f" (last message: {last.strip()})" if last else ""
            self._set_state(FAILED, f"the suggestion engine keeps failing: {reason}{detail}; "
                                    f"retrying every {config.slow_retry_s:g} s")
            delay = config.slow_retry_s
        else:
            self._set_state(RESTARTING, f"the suggestion engine {reason}; restarting")
            delay = config.backoff_s[min(self._failures, len(config.backoff_s)) - 1]
        self._restart_timer.start(int(delay * 1000))

    def _strike(self, model_id: str, reason: str) -> bool:
        """Hold a failure against ``model_id`` (``plugin_strikes.py``); when that disables its
        plugin, say so and restart at once with the default model. True if it did."""
        struck = self._strikes.strike(model_id, reason)
        if struck is None:
            return False
        plugin, message = struck
        self._wanted = None  # the configured model: the default again
        log.warning("%s", message)
        self._report(message)
        self._notice = message  # the restart's state changes would hide it: say it again when ready
        self.plugin_failed.emit(plugin, message)
        self._failures = 0
        self._spawn(RESTARTING, "restarting the suggestion engine without the failed plugin")
        return True

    def _on_restart_timer_timeout(self) -> None:
        if not self._stopping and self._process is None:
            self._spawn(self._state if self._state == FAILED else RESTARTING,
                        "restarting the suggestion engine")

    def _on_process_finished(self, code: int, status) -> None:
        crashed = status == QProcess.ExitStatus.CrashExit
        self._process_gone(self.sender(), "crashed" if crashed else f"exited (status {code})")

    def _on_process_error_occurred(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            proc = self.sender()
            self._process_gone(proc, f"could not be started ({proc.errorString()})")

    def _process_gone(self, proc: QProcess, reason: str) -> None:
        """Forget an engine process that ended; if it was the live one, report and restart."""
        live = proc is self._process
        suspect = self._suspect() if live else None
        if live:
            self._retire()
        self._retired.discard(proc)
        if proc in self._dismissed:
            self._forget_dismissed(proc)
        proc.deleteLater()
        if live:
            self._fail(reason, suspect)

    def _on_process_ready_read_stderr(self) -> None:
        proc = self.sender()
        text = bytes(proc.readAllStandardError()).decode("utf-8", "replace")
        for line in text.splitlines():
            self._stderr_tail.append(line)
            log.debug("engine: %s", line)

    def _on_watchdog_timeout(self) -> None:
        now = time.monotonic()
        config = self._config
        if self._process is None or (self._loading_since is None and self._in_flight is None
                                     and self._inspect_in_flight is None):
            self._watchdog.stop()
        elif self._loading_since is not None and now - self._loading_since > config.load_timeout_s:
            self._fail(f"did not load within {config.load_timeout_s:g} s", self._loading_model)
        elif any(f is not None and now - f[1] > config.request_timeout_s
                 for f in (self._in_flight, self._inspect_in_flight)):
            self._fail(f"did not answer within {config.request_timeout_s:g} s", self._active_model)

    # -- sending ------------------------------------------------------------------------------
    def _write(self, proc: QProcess, message: dict) -> None:
        proc.write(protocol.encode(message))

    def _flush(self) -> None:
        """Send what waits, if the engine can take it now."""
        if not self.is_ready() or self._loading_since is not None:
            return
        now = time.monotonic()
        if self._model_request is not None:
            self._write(self._process, self._model_request)
            self._loading_model = self._model_request["model_id"]
            self._model_request = None
            self._loading_since = now
            self._set_state(BUSY, "loading the model")
            self._watchdog.start()
            return  # suggestions wait until the model is loaded
        if self._pending is not None and self._in_flight is None:
            self._write(self._process, self._pending)
            self._in_flight = (self._pending["rev"], now)
            self._pending = None
        if self._pending_inspect is not None and self._inspect_in_flight is None:
            self._write(self._process, self._pending_inspect)
            self._inspect_in_flight = (self._pending_inspect["rev"], now)
            self._pending_inspect = None
        if self._in_flight is not None or self._inspect_in_flight is not None:
            if not self._watchdog.isActive():
                self._watchdog.start()

    # -- receiving ----------------------------------------------------------------------------
    def _on_process_ready_read_stdout(self) -> None:
        proc = self.sender()
        while proc is self._process and proc.canReadLine():
            line = bytes(proc.readLine())
            try:
                message = protocol.decode(line)
            except ProtocolError as exc:
                log.warning("engine sent a bad line (%s): %r", exc, line[:200])
                continue
            handler = getattr(self, f"_on_engine_{message['op']}", None)
            if handler is None:
                log.warning("engine sent an unknown message %r", message["op"])
                continue
            handler(message)
        self._flush()

    def _on_engine_ready(self, message: dict) -> None:
        self._ready = True
        self._loading_since = None
        active = protocol.active_from_json(message.get("active"))
        self._on_engine_models(message)
        note = str(message.get("message") or "")
        if active is None:
            self._set_state(READY, note or "no model is loaded")
            self._report(note or "no model could be loaded")
            return
        self._wanted = active  # a restart loads this model again
        self._active_model = active[0]
        self._set_state(READY, note or f"suggesting with {active[0]}")
        self.model_changed.emit(active[0], note)
        notice, self._notice = self._notice, None
        for text in (note, notice):  # a fallback, a plugin disabled (last: it stays shown)
            if text:
                self._last_error = ""
                self._report(text)

    def _on_engine_suggestions(self, message: dict) -> None:
        rev = message.get("rev")
        if self._in_flight is not None and self._in_flight[0] == rev:
            self._in_flight = None
        self._failures = 0
        self._strikes.forgive(self._active_model)  # it answered: earlier failures no longer count
        self._last_error = ""
        if rev == self._latest_rev:
            self.suggestions_ready.emit(rev, protocol.suggestions_from_json(message.get("suggestions", [])))

    def _on_engine_stale(self, message: dict) -> None:
        if self._in_flight is not None and self._in_flight[0] == message.get("rev"):
            self._in_flight = None

    def _on_engine_inspection(self, message: dict) -> None:
        rev = message.get("rev")
        if self._inspect_in_flight is not None and self._inspect_in_flight[0] == rev:
            self._inspect_in_flight = None
        if rev == self._latest_inspect_rev:
            self.inspection_ready.emit(rev, protocol.internals_from_json(message.get("internals")))

    def _on_engine_model_changed(self, message: dict) -> None:
        self._loading_since = None
        self._wanted = protocol.active_from_json(message.get("active"))
        note = str(message.get("message") or "")
        self._set_state(READY, note)
        if self._wanted is not None:
            self._active_model = self._wanted[0]
            self.model_changed.emit(self._wanted[0], note)
        if message.get("problem"):  # a damaged trained version: the shipped default is in use
            self._report(str(message["problem"]))

    def _on_engine_models(self, message: dict) -> None:
        models = [protocol.model_info_from_json(m) for m in message.get("models", ())]
        self._strikes.learn(models)
        self.models_listed.emit(models)

    def _on_engine_pong(self, message: dict) -> None:
        pass

    def _on_engine_error(self, message: dict) -> None:
        request = message.get("request")
        text = str(message.get("message") or "the suggestion engine reported an error")
        if request == "suggest":
            self._on_engine_stale(message)
        elif request == "inspect":
            if self._inspect_in_flight is not None and self._inspect_in_flight[0] == message.get("rev"):
                self._inspect_in_flight = None
        elif request == "set_model":
            self._loading_since = None
            self._set_state(READY, text)
        self._report(text)

    # -- helpers ------------------------------------------------------------------------------
    def _report(self, text: str) -> None:
        if text and text != self._last_error:
            self._last_error = text
            self.error_reported.emit(text)

    def _set_state(self, state: str, message: str) -> None:
        self._state = state
        self.state_changed.emit(state, message)
