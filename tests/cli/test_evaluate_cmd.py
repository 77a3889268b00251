"""``wordpad-ai evaluate`` end to end, with the word-list test model loaded as a plugin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wordpad_ai.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def wordlist_plugin(monkeypatch):
    """Load tests/fixtures/wordlist_model.py as the plugin "wordlist" (no install)."""
    monkeypatch.syspath_prepend(str(FIXTURES))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(FIXTURES), *filter(None, [os.environ.get("PYTHONPATH")])]))
    monkeypatch.setenv("WORDPAD_AI_EXTRA_PLUGINS", "wordlist=wordlist_model")
    return "wordlist"


@pytest.fixture
def sample(tmp_path):
    # hand-computed in tests/test_evaluation.py: k=1 → 12 of 16 keystrokes; k=3 → 10 of 16
    path = tmp_path / "sample.txt"
    path.write_text("the sun, a zebra.\n", encoding="utf-8")
    return path


def test_table(wordlist_plugin, sample, capsys):
    assert main(["evaluate", "--model", "wordlist", "-k", "1", str(sample)]) == 0
    out = capsys.readouterr().out
    lines = dict(line.split("  ", 1) for line in out.strip().splitlines())
    assert lines["KSR"].strip() == "25.0 %"
    assert lines["top-1 accuracy"].strip() == "25.0 %"
    assert lines["words"].strip() == "4"
    assert "perplexity" in lines and "predictions/s" in lines


def test_json_several_files_and_max_words(wordlist_plugin, sample, tmp_path, capsys):
    second = tmp_path / "second.md"
    second.write_text("the cat sat.\n", encoding="utf-8")
    rc = main(["evaluate", "--model", "wordlist", "-k", "3", "--json", "--max-words", "5",
               str(sample), str(second)])
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    assert data["words"] == 5
    # first file 10 of 16 (k=3), then "the" found with nothing typed: 1 of 4
    assert (data["keystrokes_used"], data["keystrokes_total"]) == (11, 20)
    assert data["ksr"] == pytest.approx(1 - 11 / 20)
    assert data["k"] == 3
    assert data["files"] == [str(sample), str(second)]
    assert data["perplexity"] > 1
    assert data["predictions_per_s"] > 0


def test_model_dir(wordlist_plugin, sample, tmp_path, capsys):
    model_dir = tmp_path / "m"
    model_dir.mkdir()
    (model_dir / "corpus.txt").write_text("a zebra. a zebra. the sun.", encoding="utf-8")
    # unigrams a 2, zebra 2, sun 1, the 1; bigrams a → zebra, zebra → a/the, the → sun
    # the: "" → a, "t" → the: 2;  sun: after the → 1;  a: no bigram after sun, unigram a → 1;
    # zebra: after a → 1.  Used 2 + 1 + 1 + 1 of 16.
    rc = main(["evaluate", "--model", "wordlist", "--model-dir", str(model_dir), "-k", "1",
               "--json", "--no-perplexity", str(sample)])
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    assert data["keystrokes_used"] == 5
    assert data["perplexity"] is None


def test_missing_file_is_one_clear_error(wordlist_plugin, tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert main(["evaluate", "--model", "wordlist", str(missing)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert str(missing) in err and err.startswith("wordpad-ai: error:")


def test_binary_file_is_one_clear_error(wordlist_plugin, tmp_path, capsys):
    binary = tmp_path / "data.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    assert main(["evaluate", "--model", "wordlist", str(binary)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(binary) in err


def test_bad_arguments(wordlist_plugin, sample, capsys):
    assert main(["evaluate", "--model", "wordlist", "-k", "0", str(sample)]) == 2
    assert "-k must be at least 1" in capsys.readouterr().err
    assert main(["evaluate", "--model", "no-such-model", str(sample)]) == 2
    assert "no-such-model" in capsys.readouterr().err


def test_console_entry_point_runs(wordlist_plugin, sample):
    proc = subprocess.run(
        [sys.executable, "-m", "wordpad_ai", "evaluate", "--model", "wordlist", "-k", "3",
         "--json", str(sample)],
        capture_output=True, text=True, timeout=120, env=os.environ.copy(),
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["ksr"] == pytest.approx(1 - 10 / 16)


# -- issue 13: which model was measured, and README-like files --------------------------------
def _trained_wordlist(tmp_path: Path) -> Path:
    """A word-list "trained version" in the user's store (as the training dialog promotes)."""
    from wordpad_ai.modelstore import ModelStore

    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "corpus.txt").write_text("a zebra. a zebra. the sun.", encoding="utf-8")
    (staging / "config.json").write_text("{}", encoding="utf-8")
    ModelStore().promote("wordlist", staging)
    return ModelStore().current_path("wordlist")


def test_reports_the_shipped_default_then_the_current_trained_version(
        wordlist_plugin, sample, tmp_path, capsys):
    assert main(["evaluate", "--model", "wordlist", "-k", "1", str(sample)]) == 0
    lines = dict(line.split("  ", 1) for line in capsys.readouterr().out.strip().splitlines())
    assert lines["version"].strip() == "shipped default"
    folder = _trained_wordlist(tmp_path)
    # the editor would now use v0001, so evaluate measures v0001 (the same 5 of 16 as test_model_dir)
    assert main(["evaluate", "--model", "wordlist", "-k", "1", "--no-perplexity", str(sample)]) == 0
    lines = dict(line.split("  ", 1) for line in capsys.readouterr().out.strip().splitlines())
    assert lines["version"].strip() == "v0001" and lines["folder"].strip() == str(folder)
    assert lines["KSR"].strip() == f"{100 * (1 - 5 / 16):.1f} %"
    assert main(["evaluate", "--model", "wordlist", "--json", "--no-perplexity", str(sample)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["model_version"], data["model_folder"]) == ("v0001", str(folder))


def test_a_damaged_current_version_is_said_and_the_default_measured(
        wordlist_plugin, sample, tmp_path, capsys):
    folder = _trained_wordlist(tmp_path)
    (folder / "corpus.txt").unlink()  # damaged after promotion
    assert main(["evaluate", "--model", "wordlist", "--json", str(sample)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["model_version"] == "shipped default"
    assert "Your trained wordlist v0001 could not be loaded" in captured.err


def test_files_without_an_extension_are_evaluated(wordlist_plugin, tmp_path, capsys):
    readme = tmp_path / "README"
    readme.write_text("the sun, a zebra.\n", encoding="utf-8")
    assert main(["evaluate", "--model", "wordlist", "-k", "1", "--json", str(readme)]) == 0
    assert json.loads(capsys.readouterr().out)["ksr"] == pytest.approx(0.25)
    binary = tmp_path / "program"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    assert main(["evaluate", "--model", "wordlist", str(binary)]) == 2
    assert "binary file (it has no file extension and is not text)" in capsys.readouterr().err
