"""The wire protocol between the editor (client) and the engine process (server).

One JSON object per line, UTF-8, over the engine's stdin (requests) and stdout (replies). Every
message has an ``"op"``. The engine's stdout carries nothing but these lines; its logs go to
stderr. Unknown fields are ignored, so either side may add fields later.

Requests (client → engine)
  ``{"op": "suggest", "rev": int, "text": str, "k": int, "phrase": bool}``
      Suggestions for the text before the cursor. ``rev`` is the editor's revision, echoed back.
      When several suggest requests are waiting, only the latest is answered; the others get
      ``stale``.
  ``{"op": "set_model", "model_id": str, "path": str | null}``
      Load a model (``path`` null: the user's trained version or the shipped default).
  ``{"op": "list_models"}``                       → ``models``
  ``{"op": "inspect", "rev": int, "text": str, "max_units": int | absent}``
      → ``inspection`` (latest only, like suggest). With ``max_units`` the engine sends only what
      the inspector draws: per series the mean over all units and the ``max_units`` most varying
      units (``wordpad_ai/inspection.py``); absent, the model's full rows.
  ``{"op": "observe", "text": str, "path": str | absent}``
      Text the user wrote, in the document ``path`` (absent or null: unsaved); no reply.
  ``{"op": "ping", "seq": int}``                  → ``pong``
  ``{"op": "shutdown"}``                          the engine exits (as it does when stdin closes)

Replies (engine → client)
  ``{"op": "ready", "models": [ModelInfo...], "active": Active | null, "message": str}``
      Sent once, after the first model loaded (or none could be: then ``active`` is null and
      ``message`` says why). ``message`` also reports a fallback to another model.
  ``{"op": "suggestions", "rev": int, "suggestions": [Suggestion...], "ms": float}``
      ``ms`` is the time the model took, in milliseconds.
  ``{"op": "stale", "rev": int}``                 a suggest request dropped for a newer one
  ``{"op": "model_changed", "active": Active, "info": ModelInfo, "message": str, "problem": str}``
      ``problem``: why a trained version could not be used and the shipped default was loaded
      instead (a sentence for the status bar), or "".
  ``{"op": "models", "models": [ModelInfo...], "active": Active | null}``
  ``{"op": "inspection", "rev": int, "internals": Internals | null}``
  ``{"op": "pong", "seq": int}``
  ``{"op": "error", "request": str, "message": str, "rev": int | absent}``
      A request failed; ``message`` is one line for the user. A failed ``set_model`` keeps the
      previous model.

Limits: a request line longer than ``MAX_LINE_BYTES`` is skipped (never held in memory) and
answered ``{"op": "error", "request": "?", ...}``; so is a line that is not UTF-8 JSON, however
deeply nested. The engine uses only the last ``CONTEXT_CHARS`` of a ``text`` and the last
``MAX_OBSERVE_CHARS`` of an ``observe``, and at most ``MAX_SUGGESTIONS`` for ``k``. A ``rev``
that is not an int is not echoed. No request but ``shutdown`` (or closing stdin) ends the engine.

Shapes: ``Suggestion`` is :meth:`Suggestion.to_json`, ``ModelInfo`` is :meth:`ModelInfo.to_json`,
``Active`` is ``{"model_id": str, "path": str | null}``, ``Internals`` is
``{"tokens": [str], "top": [[str, float]], "series": {name: [[float]]}}``; when reduced
(``max_units`` asked) it adds ``"units": {name: [int]}`` (the unit index of each value in that
series' rows, ascending; the same units in every series where they fit) and ``"means": {name:
[float]}`` (per token, the mean over *all* units); a series with ``units`` but no ``means`` is a
one-value series.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Mapping

from ..api import CONTEXT_CHARS, ModelInfo, ModelInternals, Suggestion

if TYPE_CHECKING:  # pragma: no cover - typing only
    from ..inspection import ReducedInternals

MAX_OBSERVE_CHARS = 20000  # longest text sent in one observe request
MAX_SUGGESTIONS = 100  # the most suggestions one request may ask for (k)
MAX_LINE_BYTES = 256 * 1024  # longest request line read (> MAX_OBSERVE_CHARS escaped as JSON)

REQUEST_OPS = frozenset({"suggest", "set_model", "list_models", "inspect", "observe", "ping",
                         "shutdown"})
REPLY_OPS = frozenset({"ready", "suggestions", "stale", "model_changed", "models", "inspection",
                       "pong", "error"})


class ProtocolError(ValueError):
    """A line that is not a valid protocol message."""


def encode(message: Mapping[str, Any]) -> bytes:
    """One message as a line of UTF-8 JSON, newline included. Text that UTF-8 cannot carry (a
    lone surrogate from a model or a request) is sent as JSON escapes instead."""
    text = json.dumps(message, ensure_ascii=False, separators=(",", ":")) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(message, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")


def decode(line: bytes | str) -> dict:
    """Parse one line into a message dict with an ``op``; raise :class:`ProtocolError`."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ProtocolError(f"not UTF-8: {exc}") from None
    try:
        message = json.loads(line)
    except ValueError as exc:
        raise ProtocolError(f"not JSON: {exc}") from None
    except RecursionError:
        raise ProtocolError("JSON nested too deeply") from None
    except MemoryError:
        raise ProtocolError("JSON too large") from None
    if not isinstance(message, dict) or not isinstance(message.get("op"), str):
        raise ProtocolError("not a message object with an 'op'")
    return message


# -- requests ---------------------------------------------------------------------------------
def suggest_request(rev: int, text: str, k: int, phrase: bool = False) -> dict:
    return {"op": "suggest", "rev": int(rev), "text": text[-CONTEXT_CHARS:], "k": int(k),
            "phrase": bool(phrase)}


def set_model_request(model_id: str, path: str | None = None) -> dict:
    return {"op": "set_model", "model_id": model_id, "path": None if path is None else str(path)}


def inspect_request(rev: int, text: str, max_units: int | None = None) -> dict:
    message = {"op": "inspect", "rev": int(rev), "text": text[-CONTEXT_CHARS:]}
    if max_units is not None:
        message["max_units"] = int(max_units)
    return message


def observe_request(text: str, path: str | None = None) -> dict:
    message = {"op": "observe", "text": text[-MAX_OBSERVE_CHARS:]}
    if path is not None:
        message["path"] = str(path)
    return message


# -- values -----------------------------------------------------------------------------------
def active_to_json(active: tuple[str, str | None] | None) -> dict | None:
    return None if active is None else {"model_id": active[0], "path": active[1]}


def active_from_json(data: Mapping[str, Any] | None) -> tuple[str, str | None] | None:
    if not data:
        return None
    path = data.get("path")
    return str(data["model_id"]), (None if path is None else str(path))


def model_info_from_json(data: Mapping[str, Any]) -> ModelInfo:
    return ModelInfo(
        model_id=str(data["model_id"]),
        display_name=str(data.get("display_name", data["model_id"])),
        description=str(data.get("description", "")),
        trainable=bool(data.get("trainable", False)),
        plugin=str(data.get("plugin", "")),
    )


def suggestions_from_json(items: list) -> list[Suggestion]:
    return [Suggestion.from_json(item) for item in items]


def internals_to_json(internals: "ModelInternals | ReducedInternals | None") -> dict | None:
    if internals is None:
        return None
    data = {"tokens": list(internals.tokens), "top": [[str(w), float(p)] for w, p in internals.top]}
    if not isinstance(internals, ModelInternals):  # reduced (wordpad_ai.inspection): arrays
        data["series"] = {name: s.values.tolist() for name, s in internals.series.items()}
        data["units"] = {name: s.units.tolist() for name, s in internals.series.items()}
        data["means"] = {name: s.mean.tolist() for name, s in internals.series.items() if s.mean is not None}
        return data
    data["series"] = {name: [_row(row) for row in rows] for name, rows in internals.series.items()}
    return data


def internals_from_json(data: Mapping[str, Any] | None) -> "ModelInternals | ReducedInternals | None":
    """The internals of an ``inspection`` reply: a :class:`ReducedInternals` when the engine
    reduced them (the request named ``max_units``), else a :class:`ModelInternals`."""
    if data is None:
        return None
    tokens = tuple(data.get("tokens", ()))
    top = tuple((str(w), float(p)) for w, p in data.get("top", ()))
    series = data.get("series", {})
    if "units" in data:
        # numpy only here: reduced replies come only to an inspector that asked (and imports it)
        import numpy as np

        from ..inspection import ReducedInternals, UnitRows

        units, means = data["units"], data.get("means", {})
        return ReducedInternals(tokens, top, {
            name: UnitRows(np.asarray(units[name], np.int64),
                           np.asarray(rows, np.float32).reshape(len(rows), len(units[name])),
                           np.asarray(means[name], np.float32) if name in means else None)
            for name, rows in series.items() if name in units})
    return ModelInternals(
        tokens=tokens,
        top=top,
        series={name: [list(row) for row in rows] for name, rows in series.items()},
    )


def _row(row) -> list[float]:
    """One series row as plain floats (numpy arrays and scalars included)."""
    if hasattr(row, "tolist"):
        row = row.tolist()
    if isinstance(row, (int, float)):
        return [float(row)]
    return [float(v) for v in row]
