"""The suggestion engine without Qt: the in-process API (``core.py``), the engine process
(``server.py``) and its wire protocol (``protocol.py``). The editor's Qt client that starts and
talks to the process lives with the UI (``wordpad_ai/ui/engine_client.py``)."""

from __future__ import annotations

import sys


def engine_command() -> list[str]:
    """The command line that starts the engine process (frozen app or Python)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--engine-server"]
    return [sys.executable, "-m", "wordpad_ai.engine.server"]
