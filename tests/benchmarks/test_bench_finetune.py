"""Fine-tuning benchmark: the shipped default LSTM fine-tuned on a 200,000-word collection with a
3-minute budget through the real runner process; prints time and KSR@3 before/after on the
held-out part.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -m benchmark -s
tests/benchmarks/test_bench_finetune.py``. Data: ``$WORDPAD_AI_BENCH_FINETUNE_TEXT`` (a file or
folder), else slices of ``/work/shared/corpora/general/`` files. ``$WORDPAD_AI_BENCH_WORDS`` and
``$WORDPAD_AI_BENCH_BUDGET_S`` shrink it for a smoke run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from corpus_slices import corpus_slice
from wordpad_ai.training.protocol import JobSpec

WORDS = int(os.environ.get("WORDPAD_AI_BENCH_WORDS", "200000"))  # words in the collection
BUDGET_S = float(os.environ.get("WORDPAD_AI_BENCH_BUDGET_S", "180"))  # training time budget

pytestmark = pytest.mark.benchmark


def test_bench_finetune_default_lstm(tmp_path):
    from wordpad_ai_models import shipped_model_dir

    if not (shipped_model_dir("lstm") / "config.json").is_file():
        pytest.fail(f"the shipped LSTM is not built ({shipped_model_dir('lstm')}); build it first")
    text = corpus_slice(tmp_path / "collection", WORDS, "WORDPAD_AI_BENCH_FINETUNE_TEXT")
    spec = JobSpec(model_id="lstm", paths=(str(text),), base="default", time_budget_s=BUDGET_S,
                   eval_max_words=3000)
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "wordpad_ai.training.runner"],
                          input=json.dumps(spec.to_json()).encode(), capture_output=True, timeout=3600)
    wall = time.monotonic() - t0
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 0, (events[-1:], proc.stderr.decode()[-2000:])
    scan, split, result = events[0], events[1], events[-1]
    evals = {e["which"]: e for e in events if e["event"] == "evaluated"}
    before, after = result["before"], result["after"]
    print(f"\nfine-tune lstm: {scan['words']:,} words ({split['train_words']:,} train, "
          f"{split['heldout_words']:,} held out), budget {BUDGET_S:.0f} s")
    print(f"wall {wall:.0f} s (runner {result['seconds']:.0f} s), {result['steps']} steps, "
          f"stop: {result['stop_reason']}, evaluation {evals['before'].get('seconds')} s + "
          f"{evals['after'].get('seconds')} s")
    for key in ("ksr", "top1", "top3", "perplexity"):
        print(f"{key:>10}: before {before[key]:.4f}  after {after[key]:.4f}")
    assert after["words"] > 0
