"""Shared test fixtures: every test gets its own WORDPAD_AI_HOME, never the real user dirs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
BIGRAM_SRC = FIXTURES / "plugins" / "wordpad-ai-bigram"
HANG_SRC = FIXTURES / "plugins" / "hang"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@pytest.fixture(autouse=True)
def wordpad_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("wordpad_home")
    monkeypatch.setenv("WORDPAD_AI_HOME", str(home))
    return home


def load_source_plugin(monkeypatch, src: Path, name: str, module: str) -> str:
    """Load a test plugin from source (no install) via WORDPAD_AI_EXTRA_PLUGINS, beside any
    loaded so already; PYTHONPATH too, so engine subprocesses find it. Returns ``name``."""
    monkeypatch.syspath_prepend(str(src))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(src), *filter(None, [os.environ.get("PYTHONPATH")])]))
    monkeypatch.setenv("WORDPAD_AI_EXTRA_PLUGINS", ",".join(
        [*filter(None, [os.environ.get("WORDPAD_AI_EXTRA_PLUGINS")]), f"{name}={module}"]))
    sys.modules.pop(module, None)
    return name


@pytest.fixture
def bigram_plugin(monkeypatch):
    """The example bigram plugin ("bigram"), loaded from source."""
    return load_source_plugin(monkeypatch, BIGRAM_SRC, "bigram", "wordpad_ai_bigram")


@pytest.fixture
def hang_plugin(monkeypatch):
    """The test-only hanging model ("hang": a fixed word and phrase, or a hang on "HANG"),
    loaded from source."""
    return load_source_plugin(monkeypatch, HANG_SRC, "hang", "wordpad_ai_hang")
