"""Training at scale: ``wordpad-ai train`` on a generated 100 MB corpus; peak memory and speed.

The corpus is generated here (``WORDPAD_AI_BENCH_SCALE_MB`` MB, default 100, in 1 MB files):
sentences of Zipf-distributed words from a 30,000-word made-up vocabulary, in paragraphs. The
command trains the shipped LSTM's shape (vocabulary 20,000, d=128, n=256, B=64, T=32, sampled
softmax with 512 negatives) from scratch for ``WORDPAD_AI_BENCH_SCALE_MINUTES`` (default 15)
minutes, in its own process, whose peak resident memory (``ru_maxrss`` of the child) is the
figure: the text is streamed (read once into part files, tokenized into memory-mapped id files),
never held whole, so the goal is at most 2 GB. Printed: generation, peak RSS, reading and
tokenizing time (before the first step), steps, tokens/s over the loop, validation perplexity.

Run: ``nice .venv/bin/python -m pytest -m benchmark -s tests/benchmarks/test_bench_training_scale.py``.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

MB = int(os.environ.get("WORDPAD_AI_BENCH_SCALE_MB", "100"))  # corpus size
MINUTES = float(os.environ.get("WORDPAD_AI_BENCH_SCALE_MINUTES", "15"))  # the command's time budget
GOAL_RSS_MB = 2048
HP = {"vocab_size": 20000, "embed_dim": 128, "hidden_dim": 256, "seq_len": 32, "batch_size": 64,
      "num_sampled": 512, "eval_every": 500, "log_every": 50}

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(7200)]


def _generate(folder: Path, megabytes: int) -> int:
    """``megabytes`` 1 MB files of made-up English-like text; the number of words."""
    rng = np.random.default_rng(0)
    letters = np.array(list("etaoinshrdlcumwfgypbvkjxqz"))
    p = 1 / np.arange(1, 27) ** 0.9
    vocab = ["".join(rng.choice(letters, size=rng.integers(2, 9), p=p / p.sum())) for _ in range(30_000)]
    zipf = 1 / np.arange(1, len(vocab) + 1) ** 1.05
    zipf /= zipf.sum()
    folder.mkdir(parents=True)
    words = 0
    for f in range(megabytes):
        ids = rng.choice(len(vocab), size=190_000, p=zipf)
        out, sentence, paragraph, size = [], [], [], 0
        for i in ids:
            sentence.append(vocab[i])
            if len(sentence) >= 8 and rng.random() < 0.15:
                paragraph.append(" ".join(sentence).capitalize() + ".")
                sentence = []
                if len(paragraph) >= 5 and rng.random() < 0.3:
                    out.append(" ".join(paragraph))
                    size += len(out[-1]) + 2
                    paragraph = []
            if size >= 1_000_000:
                break
        text = "\n\n".join(out)
        words += len(text.split())
        (folder / f"part{f:04d}.txt").write_text(text, encoding="utf-8")
    return words


def test_bench_training_scale(tmp_path):
    t = time.monotonic()
    words = _generate(tmp_path / "corpus", MB)
    size = sum(f.stat().st_size for f in (tmp_path / "corpus").iterdir())
    generate_s = time.monotonic() - t
    out = tmp_path / "model"
    hp = [a for k, v in HP.items() for a in ("--hp", f"{k}={v}")]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "WORDPAD_AI_HOME": str(tmp_path / "home")}
    t = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "wordpad_ai", "train", "--model", "lstm", "--from-scratch",
                           "--time-budget", str(MINUTES), "--out", str(out), *hp, str(tmp_path / "corpus")],
                          capture_output=True, text=True, env=env)
    wall = time.monotonic() - t
    assert proc.returncode == 0, proc.stderr[-3000:]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    training = json.loads((out / "config.json").read_text())["training"]
    read = re.search(r"read (\d+) documents \(([\d,]+) words\) in ([\d.]+) s", proc.stderr)
    before_loop = training["seconds"] - training["loop_seconds"]
    print(f"\n[training at scale] corpus {size / 1e6:.0f} MB, {words:,} words in {MB} files "
          f"(generated in {generate_s:.0f} s); budget {MINUTES:g} min; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"peak RSS of the train command: {peak_mb:,.0f} MB (goal <= {GOAL_RSS_MB} MB)")
    print(f"reading and splitting: {float(read.group(3)) if read else float('nan'):.1f} s; trainer start to "
          f"first step (TensorFlow, tokenizing {training['train_tokens'] + training['val_tokens']:,} tokens, "
          f"vocabulary, graph): {before_loop:.0f} s")
    print(f"steps {training['steps']}, loop {training['loop_seconds']:.0f} s, "
          f"{training['tokens_per_s']:,.0f} tokens/s over the loop; validation perplexity "
          f"{training['val_perplexity']:.1f}; command wall time {wall:.0f} s ({training['stop_reason']})")
    assert training["steps"] > 0
    assert peak_mb <= GOAL_RSS_MB, f"peak RSS {peak_mb:.0f} MB is above the {GOAL_RSS_MB} MB goal"
