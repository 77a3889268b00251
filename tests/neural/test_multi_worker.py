"""`wordpad-ai train --strategy multi-worker`: two real worker processes on 127.0.0.1 ports
(MultiWorkerMirroredStrategy from TF_CONFIG) train one model together; both take every step,
their gradients are all-reduced (the worker ends with exactly the chief's weights), only the
chief writes the model, and it loads in the app. Two TensorFlow processes: 9-18 s on the 2-core
machine (90 s beside a benchmark)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

from wordpad_ai import load_model
from wordpad_ai.cli.train_cmd import weights_digest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_workers_train_one_model_and_only_the_chief_writes_it(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("\n\n".join(["The cat sat on the mat. I like green apples. My dog eats bread."]
                                              * 60), encoding="utf-8")
    cluster = {"worker": [f"127.0.0.1:{_free_port()}", f"127.0.0.1:{_free_port()}"]}
    procs = []
    for i in range(2):
        env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "WORDPAD_AI_HOME": str(tmp_path / f"home{i}"),
               "TF_CONFIG": json.dumps({"cluster": cluster, "task": {"type": "worker", "index": i}})}
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "wordpad_ai", "train", "--model", "rnn", "--from-scratch",
             "--strategy", "multi-worker", "--epochs", "3", "--quiet", "--hp", "embed_dim=16",
             "--hp", "hidden_dim=16", "--hp", "seq_len=8", "--hp", "batch_size=8", "--hp", "min_count=1",
             "--hp", "learning_rate=0.02", "--out", str(tmp_path / f"out{i}"), str(corpus)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env))
    outs = [p.communicate(timeout=240) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err[-3000:]
    chief, worker = tmp_path / "out0", tmp_path / "out1"
    assert not worker.exists()  # a worker writes nothing to the user's output folder
    training = json.loads((chief / "config.json").read_text())["training"]
    assert training["replicas"] == 2 and training["steps"] > 10 and training["task"] == "worker 0"
    line = next(s for s in outs[1][0].splitlines() if s.startswith("worker 1 took part"))
    assert f": {training['steps']} steps" in line and "2 replicas" in line
    assert f"weights {weights_digest(chief)} " in line  # all-reduced gradients: identical weights
    assert f"model written to {chief}" in outs[0][0]
    assert training["final_loss"] < 2.0  # it learned
    model = load_model("rnn", chief)
    assert model.predict("The cat sat on the ", 1)[0].word == "mat"
