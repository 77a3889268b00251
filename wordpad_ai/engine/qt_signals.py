"""Safe signal emission around a PySide6 reference-count bug.

PySide6 6.12.0's ``SignalInstance.emit`` returns ``True`` without taking a reference to it, so
every ``emit`` from Python takes one reference away from ``True``; after a few thousand emits
CPython aborts ("bool_dealloc: deallocating True or False"). :func:`emit` emits and gives the
reference back, only where the running PySide6 has the bug (detected once, at import).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

PROBE_EMITS = 8  # emits used to detect the bug (a stable count, unlike a single one)


class _Probe(QObject):
    fired = Signal()


def _emit_drops_true() -> bool:
    """Whether emitting a signal from Python takes a reference away from ``True``."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(PROBE_EMITS):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:  # give back what the probe took
        for _ in range(lost):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= PROBE_EMITS


EMIT_DROPS_TRUE = _emit_drops_true()  # the bug is present in this PySide6


def emit(signal, *args) -> None:
    """``signal.emit(*args)``, without the reference leak of PySide6 6.12.0."""
    signal.emit(*args)
    if EMIT_DROPS_TRUE:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


def reserve_true_references(count: int = 1 << 32) -> None:
    """Stopgap for code we do not control (``qtbot.waitSignal`` disconnects, other modules'
    ``emit``): add ``count`` references to ``True`` at once, as Python 3.12 makes it immortal.
    Extra references to ``True`` are harmless. No-op where PySide6 has no bug."""
    if EMIT_DROPS_TRUE:
        ctypes.c_ssize_t.from_address(id(True)).value += count
