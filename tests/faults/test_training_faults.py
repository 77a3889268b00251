"""Training faults (issue 15 items 1 and 9): any file name the OS allows never aborts a training
run, and a short time budget is spent on training, not on reading hostile files.

The attacks are built here: a readable file named ``bad\\nname\\xff\\xfe.txt`` (not UTF-8, with a
newline) and an unusable one with such a name, made through bytes paths; a plugin reader that
takes 2 s per file (``training_plugins/wordpad_ai_slow_reader.py``, loaded with
WORDPAD_AI_EXTRA_PLUGINS)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("tensorflow")

from wordpad_ai.api import TrainingJob  # noqa: E402
from wordpad_ai.training.protocol import JobSpec  # noqa: E402
from wordpad_ai.training.reading import NOT_READ_REASON, shown_path  # noqa: E402

TEXT = "\n\n".join(["The cat sat on the mat. I like green apples. My dog eats bread."] * 40)
TINY_HP = ["--hp", "embed_dim=16", "--hp", "hidden_dim=16", "--hp", "seq_len=8", "--hp", "batch_size=8",
           "--hp", "learning_rate=0.02", "--hp", "min_count=1"]
BAD_READABLE = b"bad\nname\xff\xfe.txt"
BAD_SKIPPED = b"skip\xff\nme.png"
PLUGINS = Path(__file__).parent / "training_plugins"


@pytest.fixture
def odd_names(tmp_path) -> Path:
    """A folder with a readable .txt and an unusable .png, both with non-UTF-8, multi-line names."""
    folder = tmp_path / "docs"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), BAD_READABLE), "w", encoding="utf-8") as fh:
        fh.write(TEXT)
    with open(os.path.join(os.fsencode(folder), BAD_SKIPPED), "wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n")
    return folder


def _cli(*args: str, env: dict | None = None, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wordpad_ai", *args], capture_output=True, timeout=timeout,
                          env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", **(env or {})})


def test_shown_paths_escape_undecodable_bytes_and_control_characters():
    assert shown_path(os.fsdecode(b"/d/" + BAD_READABLE)) == "/d/bad\\nname\\xff\\xfe.txt"
    assert shown_path("/d/ünïcode ok.txt") == "/d/ünïcode ok.txt"
    assert "\n" not in shown_path(os.fsdecode(BAD_SKIPPED))


def test_the_cli_trains_on_an_odd_name_and_lists_a_skipped_one_escaped(odd_names, tmp_path):
    out = tmp_path / "model"
    proc = _cli("train", "--model", "rnn", "--out", str(out), "--from-scratch", "--epochs", "2", "--quiet",
                *TINY_HP, str(odd_names))
    stdout = proc.stdout.decode("utf-8")  # the CLI's output is valid UTF-8, one line per skipped file
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-3000:]
    assert f"skipped {odd_names}/skip\\xff\\nme.png: unsupported type .png\n" in stdout
    training = json.loads((out / "config.json").read_text(encoding="utf-8"))["training"]
    assert training["documents"] == 1 and training["train_tokens"] > 300  # the odd-named file was read
    assert training["skipped"] == [[f"{odd_names}/skip\\xff\\nme.png", "unsupported type .png"]]


def test_the_trainer_records_a_skipped_odd_name_in_the_model_directory(odd_names, tmp_path):
    from wordpad_ai_rnn.plugin import RNNModel

    job = TrainingJob(paths=(str(odd_names),), out_dir=str(tmp_path / "m"), epochs=1, seed=0,
                      hyperparameters={"embed_dim": 8, "hidden_dim": 8, "seq_len": 8, "batch_size": 8,
                                       "min_count": 1})
    out = RNNModel.train(job, lambda e: None, lambda: False)
    training = json.loads((Path(out) / "config.json").read_text(encoding="utf-8"))["training"]
    assert training["skipped"] == [[f"{odd_names}/skip\\xff\\nme.png", "unsupported type .png"]]
    assert training["documents"] == 1


def test_the_dialogs_runner_survives_odd_names(odd_names, tmp_path):
    spec = JobSpec(model_id="rnn", paths=(str(odd_names),), base="scratch", time_budget_s=None, epochs=1,
                   eval_max_words=100, work_dir=str(tmp_path / "job"),
                   hyperparameters={"embed_dim": 8, "hidden_dim": 8, "seq_len": 8, "batch_size": 8,
                                    "min_count": 1, "eval_batches": 2})
    proc = subprocess.run([sys.executable, "-m", "wordpad_ai.training.runner"], input=json.dumps(spec.to_json()).encode(),
                          capture_output=True, timeout=240, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-3000:]
    events = [json.loads(line.decode("ascii")) for line in proc.stdout.splitlines()]  # ASCII JSON lines
    scan = next(e for e in events if e["event"] == "scan")
    assert [f["path"] for f in scan["files"]] == [f"{odd_names}/bad\\nname\\xff\\xfe.txt"]
    assert scan["skipped"] == [{"path": f"{odd_names}/skip\\xff\\nme.png", "reason": "unsupported type .png"}]
    assert events[-1]["event"] == "result" and events[-1]["steps"] > 0


def test_a_short_budget_is_spent_on_training_not_on_reading_slow_files(tmp_path):
    """12 files whose plugin reader takes 2 s each (24 s of reading) and a 45 s budget: reading
    stops at its share of the budget, the files left are listed as not read, and the rest of the
    budget trains (the old trainer stopped after its first step: the graph building counted as
    the step time)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT, encoding="utf-8")
    for i in range(12):
        (docs / f"slow{i:02d}.slow").write_text(TEXT, encoding="utf-8")
    env = {"WORDPAD_AI_EXTRA_PLUGINS": "slow=wordpad_ai_slow_reader",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")]))}
    out = tmp_path / "model"
    proc = _cli("train", "--model", "rnn", "--out", str(out), "--from-scratch", "--time-budget", "0.75",
                "--quiet", *TINY_HP, "--hp", "eval_every=1000000", str(docs), env=env)  # no early stop
    stdout = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-3000:]
    not_read = re.findall(r"skipped .*slow\d\d\.slow: " + re.escape(NOT_READ_REASON), stdout)
    assert 5 <= len(not_read) < 12  # 11 s of reading (a quarter of 45 s): 5-6 files read
    training = json.loads((out / "config.json").read_text(encoding="utf-8"))["training"]
    assert training["stop_reason"] == "time budget" and training["steps"] > 50
    seconds = float(re.search(r", (\d+) s, validation perplexity", stdout).group(1))
    assert seconds <= 45 + 3  # the whole command, reading included, kept its budget
