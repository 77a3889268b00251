"""Shared test fixtures: every test gets its own WORDPAD_AI_HOME, never the real user dirs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
BIGRAM_SRC = FIXTURES / "plugins" / "wordpad-ai-bigram"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@pytest.fixture(autouse=True)
def wordpad_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("wordpad_home")
    monkeypatch.setenv("WORDPAD_AI_HOME", str(home))
    return home


@pytest.fixture
def bigram_plugin(monkeypatch):
    """Load the example bigram plugin from source (no install) via WORDPAD_AI_EXTRA_PLUGINS.

    Sets PYTHONPATH too, so engine subprocesses find it."""
    monkeypatch.syspath_prepend(str(BIGRAM_SRC))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(BIGRAM_SRC), *filter(None, [os.environ.get("PYTHONPATH")])]))
    monkeypatch.setenv("WORDPAD_AI_EXTRA_PLUGINS", "bigram=wordpad_ai_bigram")
    sys.modules.pop("wordpad_ai_bigram", None)
    return "bigram"
