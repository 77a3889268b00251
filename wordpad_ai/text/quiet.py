"""Keeping what document parsers print away from the user's terminal and the trainer's events.

:func:`library_output_silenced` wraps every call into a parser (built-in or a plugin's): its
prints to ``sys.stdout``/``sys.stderr``, Python warnings and the log warnings of
:data:`QUIET_LOGGERS` go nowhere while it runs (odfpy once printed 2 GiB of a zip bomb's text to
``wordpad-ai train``'s stdout). A damaged file is reported once, by the reader, in words.
"""

from __future__ import annotations

import contextlib
import io
import logging
import warnings
from typing import Iterator

__all__ = ["library_output_silenced", "QUIET_LOGGERS"]

QUIET_LOGGERS = ("pypdf", "striprtf")  # libraries whose warnings are silenced while reading


class _Discard(io.TextIOBase):
    """A text stream that drops everything written to it."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)


@contextlib.contextmanager
def library_output_silenced() -> Iterator[None]:
    """While a parser runs: its prints (``sys.stdout``/``sys.stderr``), Python warnings and the
    warnings of :data:`QUIET_LOGGERS` go nowhere. A damaged file is reported once, by us."""
    loggers = [logging.getLogger(name) for name in QUIET_LOGGERS]
    levels = [logger.level for logger in loggers]
    sink = _Discard()
    try:
        for logger in loggers:
            logger.setLevel(logging.ERROR + 1)
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), \
                warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)
