"""A hostile document reader (test fixture): every ``.slow`` file takes 2 seconds to read."""

import time
from pathlib import Path

from wordpad_ai import hookimpl


def read_slow(path: Path) -> str:
    time.sleep(2.0)
    return Path(path).read_text(encoding="utf-8")


@hookimpl
def wordpad_ai_register_readers(register):
    register((".slow",), read_slow)
