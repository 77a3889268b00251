"""The engine process: ``python -m wordpad_ai.engine.server`` (or ``wordpad-ai --engine-server``
when frozen). Speaks :mod:`wordpad_ai.engine.protocol` over stdin/stdout.

A reader thread only reads stdin (buffered, each line capped at ``protocol.MAX_LINE_BYTES``: a
longer one is skipped without being held in memory) and puts lines on a queue; the main thread loads the model,
then drains the queue and answers. Of the suggest (and inspect) requests waiting in the queue
only the latest is worked on, so a burst of keystrokes costs one prediction; older suggest
requests are answered ``stale``. Once the requests pause, the model gets a head start on the next keystroke
(``Engine.prepare``, stopped by the next request), and learning from what the writer typed
(``observe``) is done then too, never in front of a suggestion. The process exits when stdin closes (the editor quit or died),
also when a model hangs: after a grace period the reader thread ends the process itself.
No request but ``shutdown`` ends it: malformed, oversized or hostile lines, and model plugins
that raise anything (``SystemExit`` included), get an ``error`` reply.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import queue
import sys
import threading
import time
from typing import BinaryIO, Callable

# One BLAS thread: a per-keystroke step is a few small matrix-vector products, where worker
# threads only add wake-up latency (measured p50 22 ms with default threading vs 2.8 ms with one
# on a busy 2-core machine). Must be set before numpy is first imported in this process.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from ..api import CONTEXT_CHARS, ModelError
from ..fileutil import use_private_umask
from . import protocol
from .core import Engine
from .protocol import ProtocolError

log = logging.getLogger(__name__)

# Work for later (the model's head start on the next keystroke, learning from typed sentences,
# which writes to disk now and then) waits for this pause in the requests: during a burst of
# keys the editor's next request comes within a few milliseconds of the last answer, and work
# started then would make it wait (measured: keystroke -> ghost p50 2.5 -> 3.3 ms with the head
# start begun at once, even though it stops at the next request). Writers' keys come ~100-200 ms apart.
IDLE_AFTER_S = 0.015
EOF_GRACE_S = 3.0  # after stdin closes, the longest a busy engine may take to finish and exit
_EOF = object()  # queue marker: stdin closed
_TOO_LONG = object()  # queue marker: a request line longer than protocol.MAX_LINE_BYTES was skipped
_SKIP_CHUNK = 64 * 1024  # bytes read at a time while skipping the rest of a too-long line


class _Stop(Exception):
    """The engine should exit (shutdown request, or nobody reads our replies any more)."""


def _rev(message: dict) -> int | None:
    """The request's ``rev`` to echo in a reply: only an int (anything else is not echoed)."""
    rev = message.get("rev")
    return rev if isinstance(rev, int) and not isinstance(rev, bool) else None


def _error(op: str, rev: int | None) -> dict:
    """The start of an ``error`` reply to the request ``op`` (its ``rev`` echoed, if it had one)."""
    return {"op": "error", "request": op} if rev is None else {"op": "error", "request": op, "rev": rev}


def _buffered(reader: BinaryIO) -> BinaryIO:
    """``reader`` with a buffer: lines are read in large chunks, not one byte per system call."""
    if isinstance(reader, io.RawIOBase):
        return io.BufferedReader(reader, buffer_size=64 * 1024)
    return reader


def _field(message: dict, name: str, kind: type, default=None):
    value = message.get(name, default)
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise ProtocolError(f"{message.get('op')!r} request needs {name!r} of type {kind.__name__}")
    return value


class Server:
    """Reads requests from ``reader``, answers on ``writer``, with one :class:`Engine`."""

    def __init__(self, reader: BinaryIO, writer: BinaryIO,
                 engine_factory: Callable[[], Engine] = Engine, exit_on_eof_after: float | None = None):
        self._reader = _buffered(reader)  # binary stream of request lines (the process's stdin)
        self._writer = writer  # binary stream for reply lines (the real stdout)
        self._engine_factory = engine_factory  # builds the engine (loads plugins)
        self._exit_on_eof_after = exit_on_eof_after  # seconds; None = never force an exit
        self._queue: queue.Queue = queue.Queue()  # raw lines from the reader thread, then _EOF
        self._engine: Engine | None = None
        self._idle_text: str | None = None  # context of the last suggestion, until prepared for
        self._observed: list[tuple[str, str | None]] = []  # (text, path) to learn once the writer pauses
        self._handlers = {
            "suggest": self._on_suggest,
            "set_model": self._on_set_model,
            "list_models": self._on_list_models,
            "inspect": self._on_inspect,
            "observe": self._on_observe,
            "ping": self._on_ping,
        }

    # -- main loop ----------------------------------------------------------------------------
    def run(self, model_id: str | None = None, path: str | None = None) -> int:
        """Load the configured (or given) model, send ``ready``, serve until stdin closes."""
        threading.Thread(target=self._read_lines, name="engine-stdin", daemon=True).start()
        try:
            self._engine = self._engine_factory()
            try:
                message = self._engine.load_configured(model_id, path)
            except ModelError as exc:
                message = str(exc)
            message = "; ".join(filter(None, [*self._engine.notices, message]))
            self._send({"op": "ready", "models": self._model_list(),
                        "active": protocol.active_to_json(self._engine.active), "message": message})
            while True:
                batch = [self._next_line()]
                while True:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                self._handle_batch(batch)
        except _Stop:
            return 0
        finally:
            if self._engine is not None:
                try:
                    for text, path in self._observed:  # still waiting: learned, never lost
                        try:
                            self._engine.observe(text, path)
                        except Exception:  # nobody may be reading replies any more: log it
                            log.error("learning before exit failed", exc_info=True)
                finally:
                    self._engine.close()  # save what was learned

    def _next_line(self):
        """The next queued line. Once the writer has paused for ``IDLE_AFTER_S``, the model first
        gets its head start on the next keystroke (``prepare``, which stops as soon as a request
        comes), then the engine learns from what was observed, stopping there too: neither holds
        up a suggestion by more than one step of its work."""
        if self._idle_text is not None or self._observed:
            try:
                return self._queue.get(timeout=IDLE_AFTER_S)
            except queue.Empty:
                if self._idle_text is not None:
                    text, self._idle_text = self._idle_text, None
                    self._engine.prepare(text, self._request_waits)
                self._learn_observed()
        return self._queue.get()

    def _request_waits(self) -> bool:
        return not self._queue.empty()

    def _learn_observed(self, until_a_request: bool = True) -> None:
        """Learn from the observed texts in order; with ``until_a_request``, the rest wait for
        the next pause once a request comes."""
        while self._observed and not (until_a_request and self._request_waits()):
            text, path = self._observed.pop(0)
            self._guarded("observe", None, lambda: self._engine.observe(text, path))

    def _read_lines(self) -> None:
        limit = protocol.MAX_LINE_BYTES
        try:
            while True:
                line = self._reader.readline(limit + 1)
                if not line:
                    break
                if len(line) > limit and not line.endswith(b"\n"):
                    while True:  # skip the rest of the line without keeping it
                        rest = self._reader.readline(_SKIP_CHUNK)
                        if not rest or rest.endswith(b"\n"):
                            break
                    self._queue.put(_TOO_LONG)
                elif line.strip():
                    self._queue.put(line)
        except (OSError, ValueError):
            pass
        finally:
            self._queue.put(_EOF)
        if self._exit_on_eof_after is not None:
            # the main thread exits at once unless a model is stuck; then end the process here
            time.sleep(self._exit_on_eof_after)
            sys.stderr.write("wordpad-ai engine: stdin closed and still busy; exiting\n")
            sys.stderr.flush()
            os._exit(0)

    def _handle_batch(self, batch: list) -> None:
        messages = []
        eof = False
        for line in batch:
            if line is _EOF:
                eof = True  # answer what came before, then exit (piped, scripted use)
                break
            if line is _TOO_LONG:
                self._send({"op": "error", "request": "?", "message":
                            f"bad request: a line longer than {protocol.MAX_LINE_BYTES} bytes was skipped"})
                continue
            try:
                messages.append(protocol.decode(line))
            except ProtocolError as exc:
                self._send({"op": "error", "request": "?", "message": f"bad request: {exc}"})
        latest = {op: i for i, m in enumerate(messages) for op in ("suggest", "inspect") if m["op"] == op}
        for i, message in enumerate(messages):
            op = message["op"]
            if op in latest and latest[op] != i:
                if op == "suggest":
                    self._send({"op": "stale", "rev": _rev(message)})
                continue
            if op == "shutdown":
                raise _Stop
            if op == "set_model":
                self._learn_observed(until_a_request=False)  # what was written before: its model
            self._dispatch(message)
        if eof:
            raise _Stop

    def _dispatch(self, message: dict) -> None:
        op = message["op"]
        handler = self._handlers.get(op)
        if handler is None:
            self._send({**_error(op, _rev(message)), "message": f"unknown request {op!r}"})
            return
        self._guarded(op, _rev(message), lambda: handler(message))

    def _guarded(self, op: str, rev: int | None, work: Callable[[], None]) -> None:
        """Run ``work`` for the request ``op``; whatever it raises becomes an ``error`` reply."""
        error = _error(op, rev)
        try:
            work()
        except (_Stop, KeyboardInterrupt):
            raise
        except ModelError as exc:
            self._send({**error, "message": str(exc)})
        except ProtocolError as exc:
            self._send({**error, "message": f"bad request: {exc}"})
        except BaseException as exc:  # a model plugin bug (even sys.exit): report it, keep serving
            log.error("%s failed", op, exc_info=True)
            source = self._engine.source() if self._engine is not None else "the model"
            self._send({**error, "message": f"{source} failed ({type(exc).__name__}: {exc}); "
                                            f"try another model"})

    def _send(self, message: dict) -> None:
        try:
            data = protocol.encode(message)
        except (TypeError, ValueError, RecursionError) as exc:  # a reply we cannot write: say so
            log.error("cannot encode a %r reply: %s", message.get("op"), exc)
            data = protocol.encode({"op": "error", "request": str(message.get("op")),
                                    "message": f"the engine could not send its reply ({type(exc).__name__})"})
        try:
            self._writer.write(data)
            self._writer.flush()
        except (OSError, ValueError):
            raise _Stop from None  # stdout closed: the editor is gone

    # -- handlers -----------------------------------------------------------------------------
    def _model_list(self) -> list[dict]:
        return [info.to_json() for info in self._engine.models()]

    def _on_suggest(self, message: dict) -> None:
        self._idle_text = None  # (a failed suggestion leaves nothing to prepare)
        rev = _field(message, "rev", int)
        text = _field(message, "text", str)[-CONTEXT_CHARS:]
        k = min(_field(message, "k", int, 3), protocol.MAX_SUGGESTIONS)
        phrase = bool(message.get("phrase", False))
        start = time.perf_counter()
        suggestions = self._engine.suggest(text, k, phrase)
        ms = (time.perf_counter() - start) * 1000.0
        self._send({"op": "suggestions", "rev": rev, "ms": round(ms, 3),
                    "suggestions": [s.to_json() for s in suggestions]})
        self._idle_text = text

    def _on_set_model(self, message: dict) -> None:
        self._idle_text = None  # the new model starts from its own next suggestion
        model_id = _field(message, "model_id", str)
        path = message.get("path")
        info = self._engine.set_model(model_id, None if path is None else str(path))
        self._send({"op": "model_changed", "active": protocol.active_to_json(self._engine.active),
                    "info": info.to_json(), "message": f"now suggesting with {info.display_name}",
                    "problem": self._engine.fallback_note})

    def _on_list_models(self, message: dict) -> None:
        self._send({"op": "models", "models": self._model_list(),
                    "active": protocol.active_to_json(self._engine.active)})

    def _on_inspect(self, message: dict) -> None:
        rev = _field(message, "rev", int)
        max_units = message.get("max_units")
        if max_units is not None and (_field(message, "max_units", int) < 1):
            raise ProtocolError("'inspect' request needs 'max_units' of at least 1")
        max_units = None if max_units is None else min(max_units, 4096)
        internals = self._engine.inspect(_field(message, "text", str)[-CONTEXT_CHARS:], max_units)
        self._send({"op": "inspection", "rev": rev, "internals": protocol.internals_to_json(internals)})

    def _on_observe(self, message: dict) -> None:
        path = message.get("path")
        text = _field(message, "text", str)[-protocol.MAX_OBSERVE_CHARS:]
        # learning (and its writes to disk) waits for a pause in the typing: _next_line
        self._observed.append((text, path if isinstance(path, str) else None))

    def _on_ping(self, message: dict) -> None:
        self._send({"op": "pong", "seq": message.get("seq")})


def _claim_stdio() -> tuple[BinaryIO, BinaryIO]:
    """Take the real stdin/stdout for the protocol; stray prints (Python or C) go to stderr and
    stray reads see an empty stdin."""
    sys.stdout.flush()
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    inp = os.fdopen(os.dup(0), "rb", buffering=64 * 1024)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdin = open(os.devnull, encoding="utf-8")
    return inp, out


def main(argv: list[str] | None = None) -> int:
    """Entry point of the engine process."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # before any plugin imports TensorFlow
    parser = argparse.ArgumentParser(prog="wordpad-ai --engine-server",
                                     description="WordPad AI suggestion engine (talks JSON lines "
                                     "on stdin/stdout; started by the editor).")
    parser.add_argument("--model", default=None, help="model id (default: the settings' model)")
    parser.add_argument("--model-path", default=None, help="model directory to load")
    args = parser.parse_args(argv)
    inp, out = _claim_stdio()
    use_private_umask()  # what learning as you type writes is private to the user (0600/0700)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING,
                        format="wordpad-ai engine: %(levelname)s %(name)s: %(message)s")
    return Server(inp, out, exit_on_eof_after=EOF_GRACE_S).run(args.model, args.model_path)


if __name__ == "__main__":
    raise SystemExit(main())
