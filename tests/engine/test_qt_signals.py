"""Signal emission keeps the reference count of True intact (PySide6 6.12.0 drops one per emit)."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal

from wordpad_ai.engine.qt_signals import emit


class _Sender(QObject):
    changed = Signal(int, list)


def test_many_emits_leave_true_alone():
    sender = _Sender()
    got = []
    sender.changed.connect(lambda rev, items: got.append(rev))
    gc.collect()
    gc.disable()  # freeing old garbage that holds True would move the count
    try:
        before = sys.getrefcount(True)
        for rev in range(500):
            emit(sender.changed, rev, [rev])
        after = sys.getrefcount(True)
    finally:
        gc.enable()
    assert got == list(range(500))
    assert after - before == 0
