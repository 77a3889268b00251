"""Tiny real recurrent models for GUI tests and benchmarks, trained once per test session with
the real ``wordpad-ai train`` command (a subprocess, so TensorFlow stays out of the test process),
and installed into the temporary home's model store so the engine loads them as the user's
current version."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from wordpad_ai.modelstore import ModelStore

SENTENCES = ["The cat sat on the mat.", "I like Linux a lot.", "My dog eats green apples.",
             "We write code every day.", "The old man who lived by the sea caught a big fish.",
             "She said that the book was on the table."]
TRAIN_TIMEOUT_S = 240  # one tiny training run (TensorFlow import included) on shared CPUs
HYPERPARAMETERS = ("vocab_size=300", "embed_dim=16", "hidden_dim=32", "seq_len=12", "batch_size=16",
                   "min_count=1", "dropout=0.0")


def write_corpus(path: Path, paragraphs: int = 80, seed: int = 0) -> Path:
    """A small text of repeated simple sentences."""
    rng = random.Random(seed)
    paras = [" ".join(rng.choice(SENTENCES) for _ in range(5)) for _ in range(paragraphs)]
    path.write_text("\n\n".join(paras), encoding="utf-8")
    return path


def train_tiny(model_id: str, root: Path, epochs: int = 2) -> Path:
    """Train a tiny ``model_id`` ("lstm", "rnn") with the CLI into ``root/model_id``; its path."""
    corpus = write_corpus(root / "corpus.txt")
    out = root / model_id
    hp = [arg for value in HYPERPARAMETERS for arg in ("--hp", value)]
    env = {**os.environ, "WORDPAD_AI_HOME": str(root / "home"), "TF_CPP_MIN_LOG_LEVEL": "2"}
    subprocess.run([sys.executable, "-m", "wordpad_ai", "train", "--model", model_id, *hp,
                    "--epochs", str(epochs), "--quiet", "--out", str(out), str(corpus)],
                   check=True, env=env, timeout=TRAIN_TIMEOUT_S, capture_output=True)
    assert (out / "config.json").is_file(), f"training {model_id} wrote no model"
    return out


def install_current(model_id: str, model_dir: Path, scratch: Path) -> Path:
    """Promote a copy of ``model_dir`` to the current ``model_id`` version of the user's store
    (``WORDPAD_AI_HOME``); the engine then loads it by default. The stored version's path."""
    staging = scratch / f"staging-{model_id}"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(model_dir, staging)
    store = ModelStore()
    store.promote(model_id, staging)
    return store.current_path(model_id)
