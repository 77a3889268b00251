"""The Presage baseline script, and an exact cross-check of our protocol against Presage's.

The cross-check replays the suggestions presage_simulator printed (verbose mode) through our
evaluator as a model: with identical suggestions, our keystroke accounting must give exactly
Presage's figures (``kn`` = our total; ``ki + ks`` = our used + 1, Presage's ``ks`` starting at 1).
Needs Presage's tools (``apt-get install presage``).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wordpad_ai import NextWordModel, Suggestion
from wordpad_ai.evaluation import TOKEN_RE, evaluate

ROOT = Path(__file__).parents[1]
SCRIPT = ROOT / "packaging" / "presage_baseline.py"

TRAIN = ("the cat sat on the mat. the dog sat on the log. a cat and a dog.\n"
         "the cat ran to the dog. the dog ran to the cat. don't stop, the cat said.\n")
TEST = "The cat sat on the log, and the dog ran to a zebra. Don't stop the cat!\n"

needs_presage = pytest.mark.skipif(
    shutil.which("presage_simulator") is None or shutil.which("text2ngram") is None,
    reason="needs Presage's tools: apt-get install presage",
)


def load_script():
    spec = importlib.util.spec_from_file_location("presage_baseline", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["presage_baseline"] = module
    spec.loader.exec_module(module)
    return module


def test_parse_output_reads_presage_report():
    baseline = load_script()
    report = "\n============================\nKeystroke Savings Rate (KSR)\n" \
             "ki : 4\nks : 1\nkn : 4\n\nKSR: -25\n"
    assert baseline.parse_output(report) == {"ki": 4.0, "ks": 1.0, "kn": 4.0, "KSR": -25.0}
    with pytest.raises(baseline.BaselineError):
        baseline.parse_output("garbage")


class ReplayModel(NextWordModel):
    """Offers, for word i with n characters typed, what Presage offered at that point."""

    model_id = "presage-replay"

    def __init__(self, offered: list[list[list[str]]]):
        self.offered = offered  # offered[word][typed] = Presage's suggestions

    def predict(self, text_before_cursor: str, k: int) -> list[Suggestion]:
        tokens = TOKEN_RE.findall(text_before_cursor)
        partial = bool(text_before_cursor) and TOKEN_RE.fullmatch(text_before_cursor[-1]) is not None
        word = len(tokens) - (1 if partial else 0)
        typed = len(tokens[-1]) if partial else 0
        return [Suggestion(w, 0.0) for w in self.offered[word][typed][:k]]


def parse_verbose(output: str) -> tuple[list[list[list[str]]], int]:
    """Presage's suggestions per word and typed prefix, from presage_simulator's verbose log,
    and the number of empty tokens Presage simulated (left out of the suggestions)."""
    offered: list[list[list[str]]] = []
    empty = 0
    body = output.split("\n============================", 1)[0]
    for block in re.split(r"^===> ", body, flags=re.MULTILINE)[1:]:
        lines = block.split("\n")
        if lines[0] == "":  # Presage's tokenizer yields "" when the text ends in separators
            empty += 1
            continue
        prefix = lines[1][len("   > "):]
        suggestions = [s for s in lines[2:] if s]
        if prefix == "":
            offered.append([])
        offered[-1].append(suggestions)
    return offered, empty


@pytest.mark.slow
@needs_presage
def test_our_accounting_matches_presage_exactly(tmp_path):
    baseline = load_script()
    (tmp_path / "train.txt").write_text(TRAIN, encoding="utf-8")
    test = tmp_path / "test.txt"
    test.write_text(TEST, encoding="utf-8")
    db = tmp_path / "ngrams.db"
    baseline.build_database([tmp_path / "train.txt"], db)
    for k in (1, 2, 3):
        config = baseline.write_config(tmp_path / f"k{k}.xml", db, k)
        proc = subprocess.run(["presage_simulator", "-c", str(config), str(test)],
                              capture_output=True, text=True, check=True)
        presage = baseline.parse_output(proc.stdout)
        offered, empty = parse_verbose(proc.stdout)
        assert len(offered) == len(TOKEN_RE.findall(TEST))  # same tokens
        assert empty == 1  # TEST ends in "!\n": Presage adds an empty token costing 1 of 1
        ours = evaluate(ReplayModel(offered), TEST, k=k, context_chars=None)
        assert ours.keystrokes_total + empty == presage["kn"]
        assert ours.keystrokes_used + 1 + empty == presage["ki"] + presage["ks"]
        assert presage["ki"] + presage["ks"] < presage["kn"]  # Presage did save something


@pytest.mark.slow
@needs_presage
def test_script_end_to_end(tmp_path):
    (tmp_path / "train.txt").write_text(TRAIN, encoding="utf-8")
    (tmp_path / "test.txt").write_text(TEST, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "train.txt"), "--test",
         str(tmp_path / "test.txt"), "-k", "1", "3", "--json"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    words = len(TOKEN_RE.findall(TEST))
    assert set(data["by_k"]) == {"1", "3"}
    for k in ("1", "3"):
        r = data["by_k"][k]
        assert r["words"] == words
        # Presage's kn: our total plus 1 for the empty token it adds after the final "!\n"
        assert r["keystrokes_total"] == sum(len(w) + 1 for w in TOKEN_RE.findall(TEST)) + 1
        assert 0 < r["ksr"] < 1
    assert data["by_k"]["3"]["ksr"] >= data["by_k"]["1"]["ksr"]


@needs_presage
def test_script_missing_file_is_one_clear_error(tmp_path):
    proc = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "nope.txt"), "--test",
                           str(tmp_path / "nope.txt")], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "nope.txt: no such file" in proc.stderr
