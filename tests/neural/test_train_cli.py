"""``wordpad-ai train`` end to end, in a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def _run(*args, timeout=240):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.run([sys.executable, "-m", "wordpad_ai", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_train_cli_writes_a_model_lists_skipped_inputs_and_summarises(tmp_path):
    text = tmp_path / "notes"
    text.mkdir()
    (text / "a.txt").write_text("\n\n".join(["The cat sat on the mat. I like green apples."] * 40),
                                encoding="utf-8")
    (text / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    out = tmp_path / "model"
    proc = _run("train", "--model", "rnn", "--out", str(out), "--epochs", "10", "--from-scratch",
                "--hp", "embed_dim=16", "--hp", "hidden_dim=16", "--hp", "seq_len=8",
                "--hp", "batch_size=8", "--hp", "learning_rate=0.02", "--hp", "min_count=1",
                str(text), str(tmp_path / "missing.txt"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "broken.txt" in proc.stdout + proc.stderr
    assert "missing.txt" in proc.stderr
    assert "validation perplexity" in proc.stdout and f"model written to {out}" in proc.stdout
    meta = json.loads((out / "config.json").read_text())
    assert meta["model_id"] == "rnn" and meta["config"]["hidden_dim"] == 16
    proc = _run("suggest", "--model", "rnn", "--model-dir", str(out), "--json", "The cat sat on the ")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout)[0]["word"] == "mat"


def test_train_cli_errors_are_one_line(tmp_path):
    proc = _run("train", "--model", "lstm", "--out", str(tmp_path / "m"), str(tmp_path / "nothing"))
    assert proc.returncode == 2 and "none of the given paths exist" in proc.stderr
    (tmp_path / "t.txt").write_text("x", encoding="utf-8")
    proc = _run("train", "--model", "lstm", "--out", str(tmp_path / "m"), "--hp", "bogus=1",
                str(tmp_path / "t.txt"))
    assert proc.returncode == 2 and "unknown hyper-parameter 'bogus'" in proc.stderr
    assert not (tmp_path / "m").exists()


def test_train_cli_fine_tunes_the_shipped_default_unless_told_otherwise(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("\n\n".join(["My zorblat needs a new wheel. The zorblat is blue."] * 30), encoding="utf-8")
    out = tmp_path / "model"
    proc = _run("train", "--model", "rnn", "--out", str(out), "--epochs", "1", "--quiet",
                "--hp", "batch_size=8", "--hp", "seq_len=8", "--hp", "min_count=1", str(text))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "fine-tuning the shipped default rnn model" in proc.stderr
    meta = json.loads((out / "config.json").read_text())
    assert meta["training"]["fine_tuned_from"].endswith(os.path.join("models", "rnn"))
    vocab = json.loads((out / "vocab.json").read_text())
    words = vocab["words"] if isinstance(vocab, dict) else vocab
    assert "zorblat" in words and "the" in words  # the default's vocabulary, extended by the new word
    assert meta["config"]["hidden_dim"] > 16


def test_train_cli_reads_with_plugin_readers(tmp_path):
    """A format only a plugin reader understands (.shout: the fixture reader upper-cases the
    text) is read by `wordpad-ai train` through that plugin (issue 16 §1: the CLI used to skip it
    as an unsupported type), and the model learns the reader's text; --install puts it in the
    model store."""
    plugins = os.path.join(os.path.dirname(__file__), os.pardir, "fixtures", "plugins", "misbehaving")
    text = tmp_path / "notes"
    text.mkdir()
    (text / "a.shout").write_text("\n\n".join(["The cat sat on the mat. I like green apples."] * 40),
                                  encoding="utf-8")
    out = tmp_path / "model"
    env = {"WORDPAD_AI_EXTRA_PLUGINS": "shout=wordpad_ai_good_reader",
           "PYTHONPATH": os.pathsep.join(filter(None, [os.path.abspath(plugins), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, "-m", "wordpad_ai", "train", "--model", "rnn", "--out", str(out),
                           "--from-scratch", "--epochs", "10", "--quiet", "--install", "--hp", "embed_dim=16",
                           "--hp", "hidden_dim=16", "--hp", "seq_len=8", "--hp", "batch_size=8",
                           "--hp", "learning_rate=0.02", "--hp", "min_count=1", str(text)],
                          capture_output=True, text=True, timeout=240,
                          env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", **env})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "skipped" not in proc.stdout
    training = json.loads((out / "config.json").read_text())["training"]
    assert training["documents"] == 1 and training["train_tokens"] > 300
    # --install: the model is also the app's current rnn (a copy in the store; --out stays)
    from wordpad_ai.modelstore import ModelStore

    assert "installed as rnn v0001" in proc.stdout
    installed = ModelStore().current_path("rnn")
    assert installed is not None and (installed / "weights.npz").read_bytes() == (out / "weights.npz").read_bytes()
    proc = subprocess.run([sys.executable, "-m", "wordpad_ai", "suggest", "--model", "rnn", "--model-dir",
                           str(out), "--json", "THE CAT SAT ON THE "], capture_output=True, text=True,
                          timeout=120, env={**os.environ, **env})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout)[0]["word"] == "MAT"  # written as the plugin's reader wrote it
