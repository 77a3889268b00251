"""The training runner process end to end on tiny text with a tiny LSTM (real TensorFlow, real
subprocess): scan, held-out split, before/after report, a promotable model; SIGKILL mid-run leaves
the current model untouched and a rerun resumes from the checkpoint."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wordpad_ai.modelstore import ModelStore
from wordpad_ai.training.protocol import JobSpec, TrainingReport
from wordpad_ai.training.reading import TrainingText
from wordpad_ai.training.workdir import job_dir
from wordpad_ai_lstm.plugin import LSTMModel

TINY = {"vocab_size": 200, "embed_dim": 16, "hidden_dim": 16, "seq_len": 8, "batch_size": 8,
        "min_count": 1, "learning_rate": 0.01, "warmup_steps": 5, "dropout": 0.0,
        "eval_every": 20, "log_every": 5, "checkpoint_every": 5, "eval_batches": 4}
SENTENCES = ["The cat sat on the mat.", "I like Linux a lot.", "My dog eats green apples.",
             "We write code every day.", "The sun is warm today."]


def write_corpus(folder: Path, docs: int = 3, paragraphs: int = 30) -> Path:
    rng = random.Random(1)
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(docs):
        paras = [" ".join(rng.choice(SENTENCES) for _ in range(4)) for _ in range(paragraphs)]
        (folder / f"doc{d}.txt").write_text("\n\n".join(paras), encoding="utf-8")
    return folder


def start_runner(spec: JobSpec, *extra: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "wordpad_ai.training.runner", *extra],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=os.environ.copy())
    proc.stdin.write(json.dumps(spec.to_json()).encode())
    proc.stdin.close()
    return proc


def events_of(proc: subprocess.Popen, until=None, timeout: float = 240) -> list[dict]:
    events, deadline = [], time.monotonic() + timeout
    for line in proc.stdout:
        events.append(json.loads(line))  # every stdout line is a protocol event
        if until is not None and until(events[-1]):
            break
        assert time.monotonic() < deadline, "runner took too long"
    return events


def run(spec: JobSpec) -> list[dict]:
    proc = start_runner(spec)
    events = events_of(proc)
    assert proc.wait(60) == 0, proc.stderr.read().decode()[-2000:]
    return events


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """One finished scratch run (module-wide: real TF training is the expensive part)."""
    root = tmp_path_factory.mktemp("runner")
    os.environ["WORDPAD_AI_HOME"] = str(root / "home")  # the autouse home is per test
    corpus = write_corpus(root / "docs")
    (corpus / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    spec = JobSpec(model_id="lstm", paths=(str(corpus),), base="scratch", time_budget_s=None,
                   epochs=2, hyperparameters=TINY, eval_max_words=300)
    return root, spec, run(spec)


def test_runner_trains_a_promotable_model_with_a_before_after_report(first_run, monkeypatch):
    root, spec, events = first_run
    monkeypatch.setenv("WORDPAD_AI_HOME", str(root / "home"))
    kinds = [e["event"] for e in events if e["event"] != "progress"]
    assert kinds[:2] == ["scan", "split"] and kinds[-1] == "result"
    assert events[0] == {"event": "progress", "phase": "reading", "message": "reading your documents"}
    scan = next(e for e in events if e["event"] == "scan")
    assert scan["documents"] == 3 and scan["words"] > 1000
    assert [(Path(s["path"]).name, s["reason"]) for s in scan["skipped"]] == [("picture.png", "unsupported type .png")]
    split = next(e for e in events if e["event"] == "split")
    assert split["heldout_words"] > 0 and split["train_words"] > 5 * split["heldout_words"]
    assert split["train_words"] + split["heldout_words"] == scan["words"]
    # the held-out paragraphs are not in the training text
    text = TrainingText.open(job_dir(spec.job_id()).text_dir)
    held = text.heldout_texts()
    assert held and all(len(h) > 20 for h in held)
    train_paragraphs = set(text.iter_units("train")) | set(text.iter_units("validation"))
    assert train_paragraphs and text.units["validation"] > 0
    assert sum(p in train_paragraphs for h in held for p in h.split("\n\n")) < len(held) * 3  # mostly unseen
    progress = [e for e in events if e["event"] == "progress" and e.get("phase") == "training"]
    assert progress[-1]["step"] > 10 and any(e.get("loss") for e in progress)
    report = TrainingReport.from_json({k: v for k, v in events[-1].items() if k != "event"})
    # nothing trained yet: "before" is the shipped default, measured on the same held-out text
    assert report.before is not None and report.before.words == report.after.words
    done = next(e for e in events if e["event"] == "progress" and e.get("phase") == "done")
    assert report.base == "scratch" and report.steps == done["step"] >= progress[-1]["step"]
    assert set(report.phase_seconds) == {"reading", "measuring_before", "training", "measuring_after"}
    assert report.resumed_from == 0 and events[-1]["new_model_worse"] == report.new_model_worse
    phases = [e["phase"] for e in events if e["event"] == "progress"]
    order = [phases.index(p) for p in ("reading", "measuring-before", "training", "done", "measuring-after")]
    assert order == sorted(order)
    assert 0 < report.after.words <= 300 and report.after.perplexity > 1
    assert 0 <= report.after.top1 <= report.after.top3 <= 1 and report.after.ksr > 0
    # promote it: the store's current model is the new one, and it loads and predicts
    store = ModelStore()
    version = store.promote("lstm", Path(report.staging_dir), report.metadata())
    model = LSTMModel.load(store.current_path("lstm"))
    assert model.predict("The cat sat on the ", 3)
    assert store.versions("lstm")[0].after["ksr"] == report.after.ksr and version == "v0001"


def test_sigkill_leaves_the_current_model_and_a_rerun_resumes(first_run, monkeypatch):
    root, _, _ = first_run
    monkeypatch.setenv("WORDPAD_AI_HOME", str(root / "home"))
    store = ModelStore()
    current = store.current_path("lstm")
    assert current is not None  # promoted by the test above
    before_bytes = (current / "weights.npz").read_bytes()
    spec = JobSpec(model_id="lstm", paths=(str(root / "docs"),), base="current", time_budget_s=None,
                   epochs=8, hyperparameters=TINY, eval_max_words=200)
    proc = start_runner(spec)
    events_of(proc, until=lambda e: e["event"] == "progress" and e.get("step", 0) >= 12)
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    assert store.current_path("lstm") == current
    assert (current / "weights.npz").read_bytes() == before_bytes
    assert LSTMModel.load(store.current_path("lstm")).predict("I like ", 3)  # still usable
    assert [v.version for v in store.versions("lstm")] == ["v0001"]
    saved = job_dir(spec.job_id()).checkpoint_step()
    assert saved is not None and saved >= 10
    events = run(spec)
    split = next(e for e in events if e["event"] == "split")
    assert split["resume_step"] == saved
    resumed = [e for e in events if e["event"] == "progress" and "resumed from step" in (e.get("message") or "")]
    assert resumed and int(resumed[0]["message"].split("resumed from step ")[1].split(";")[0]) > 0
    first_training = next(e for e in events if e["event"] == "progress" and e.get("phase") == "training")
    assert first_training["step"] == saved  # did not start again from 0
    result = events[-1]
    assert result["event"] == "result" and result["base"] == "v0001"
    assert result["before"] is not None  # the current model measured on the same held-out text


def test_bad_spec_and_unusable_documents_are_one_line_errors(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "blank.txt").write_text("   \n")
    events = events_of(start_runner(JobSpec(model_id="lstm", paths=(str(empty),), hyperparameters=TINY)))
    scan = next(e for e in events if e["event"] == "scan")
    assert scan["skipped"] == [{"path": str(empty / "blank.txt"), "reason": "empty"}]
    assert events[-1]["event"] == "error" and "none of the chosen files" in events[-1]["message"]
    proc = subprocess.Popen([sys.executable, "-m", "wordpad_ai.training.runner"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, _ = proc.communicate(b'{"model_id": "lstm", "paths": [], "colour": "red"}', timeout=60)
    assert proc.returncode == 2 and "unknown job field(s): colour" in json.loads(out)["message"]


def test_the_runner_yields_the_cpu_to_the_editor_and_engine():
    """The runner drops to SCHED_IDLE (Linux) or the lowest niceness, and threads it starts
    later (TensorFlow's pools) inherit that."""
    script = (
        "import os, sys, threading\n"
        "from wordpad_ai.training.runner import _lower_priority\n"
        "took = _lower_priority()\n"
        "seen = {}\n"
        "def probe():\n"
        "    tid = threading.get_native_id()\n"
        "    seen['policy'] = os.sched_getscheduler(tid) if hasattr(os, 'sched_getscheduler') else None\n"
        "    seen['nice'] = os.getpriority(os.PRIO_PROCESS, tid) if hasattr(os, 'getpriority') else None\n"
        "t = threading.Thread(target=probe); t.start(); t.join()\n"
        "print(took, seen['policy'], seen['nice'])\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                         check=True).stdout.split()
    if out[0] == "SCHED_IDLE":
        assert int(out[1]) == os.SCHED_IDLE
    else:
        assert out[0] == "nice 19" and int(out[2]) == 19


def test_a_plugin_with_its_own_trainer_gets_the_training_part_only(tmp_path, bigram_plugin):
    """A model plugin that reads ``job.paths`` itself gets the one split's training part: no
    held-out paragraph (each carries its own made-up word here) reaches its counts."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notes.txt").write_text("\n\n".join(f"Paragraph zq{k}x is here. The cat sat on the mat."
                                                for k in range(60)), encoding="utf-8")
    spec = JobSpec(model_id="bigram", paths=(str(docs),), base="scratch", time_budget_s=None,
                   eval_max_words=50, work_dir=str(tmp_path / "job"))
    events = run(spec)
    result = events[-1]
    assert result["event"] == "result"
    text = TrainingText.open(tmp_path / "job" / "text")
    held = {w for t in text.heldout_texts() for w in re.findall(r"zq\d+x", t)}
    trained = set(json.loads((Path(result["staging_dir"]) / "counts.json").read_text())["unigrams"])
    assert held and not held & trained
    assert len({w for w in trained if w.startswith("zq")}) + len(held) <= 60 and "cat" in trained
