"""``wordpad-ai evaluate --phrases / --adapt`` on the word-list test model."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from wordpad_ai.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def wordlist_plugin(monkeypatch):
    monkeypatch.syspath_prepend(str(FIXTURES))
    monkeypatch.setenv("WORDPAD_AI_EXTRA_PLUGINS", "wordlist=wordlist_model")
    sys.modules.pop("wordlist_model", None)


def test_phrases_and_adapt_report_both_ways(wordlist_plugin, tmp_path, capsys):
    sample = tmp_path / "s.txt"
    sample.write_text("Zorblax sat. " * 8, encoding="utf-8")
    assert main(["evaluate", "--model", "wordlist", "-k", "1", "--phrases", "--adapt", "--json",
                 str(sample)]) == 0
    data = json.loads(capsys.readouterr().out)
    # the word-list model offers no phrases: with = without, none shown
    assert data["phrases"]["ksr_with"] == data["phrases"]["ksr_without"]
    assert data["phrases"]["shown"] == 0
    assert data["phrases"]["typist"]["shown"] == data["phrases"]["typist"]["words_with_phrase"] == 0
    assert data["phrases"]["typist"]["words"] == data["phrases"]["result"]["words"]
    # the word list never offers "Zorblax"; the cache learns it after the first sentence
    assert data["adapt"]["ksr_with"] > data["adapt"]["ksr_without"]
    assert main(["evaluate", "--model", "wordlist", "--adapt", str(sample)]) == 0
    assert "KSR with adaptation" in capsys.readouterr().out
