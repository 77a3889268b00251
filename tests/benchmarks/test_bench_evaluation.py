"""Evaluation benchmarks: our evaluator's throughput against presage_simulator, and keystroke
savings of a simple count model against Presage's 3-gram model on the same text.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -m benchmark -s
tests/benchmarks/test_bench_evaluation.py``. Prints figures. Data: the first 300 KB of each file
of ``$WORDPAD_AI_BENCH_CORPUS`` (default ``/work/shared/corpora/general``) to train Presage (and
the count model), and about 5,000 words from 400 KB into the files to test. The LSTM benchmark
uses ``wordpad_ai.load_model("lstm")`` (shipped weights) or ``$WORDPAD_AI_BENCH_MODEL_DIR``.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from wordpad_ai import ModelError
from wordpad_ai.evaluation import TOKEN_RE, evaluate

ROOT = Path(__file__).parents[2]
CORPUS = Path(os.environ.get("WORDPAD_AI_BENCH_CORPUS", Path(__file__).resolve().parents[3] / "shared" / "corpora" / "general"))
TRAIN_BYTES = 300_000  # per corpus file
TEST_OFFSET = 400_000  # where test text starts in each file (bytes), past the training slice

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.timeout(1800),
    pytest.mark.skipif(shutil.which("presage_simulator") is None,
                       reason="needs Presage's tools: apt-get install presage"),
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}"),
]


def _whole_lines(data: bytes) -> str:
    """Decoded text without the partial first and last lines."""
    text = data.decode("utf-8", errors="ignore")
    return "\n".join(text.split("\n")[1:-1]) + "\n"


def make_slices(out: Path, test_words: int) -> tuple[list[Path], Path]:
    """Training files (first TRAIN_BYTES of each corpus file) and one test file of about
    ``test_words`` words taken evenly from the files past the training slice."""
    files = sorted(CORPUS.glob("*.txt"))
    train = []
    for f in files:
        path = out / f"train_{f.name}"
        with open(f, "rb") as fh:
            path.write_text(_whole_lines(b"\n" + fh.read(TRAIN_BYTES)), encoding="utf-8")
        train.append(path)
    long_files = [f for f in files if f.stat().st_size > TEST_OFFSET + 100_000]
    per_file = test_words // max(1, len(long_files))
    parts = []
    for f in long_files:
        with open(f, "rb") as fh:
            fh.seek(TEST_OFFSET)
            lines, n = [], 0
            for line in _whole_lines(fh.read(100_000)).split("\n"):
                if n >= per_file:
                    break
                lines.append(line)
                n += len(TOKEN_RE.findall(line))
        parts.append("\n".join(lines))
    test = out / "test.txt"
    test.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return train, test


def load_baseline():
    spec = importlib.util.spec_from_file_location("presage_baseline",
                                                  ROOT / "packaging" / "presage_baseline.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["presage_baseline"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench_evaluation")
    baseline = load_baseline()
    train, test = make_slices(out, 5000)
    db = out / "ngrams.db"
    t0 = time.perf_counter()
    baseline.build_database(train, db)
    print(f"\npresage: 3-gram database from {len(train)} files in {time.perf_counter() - t0:.1f} s")
    return {"baseline": baseline, "train": train, "test": test, "db": db, "dir": out}


def presage_run(data, test: Path, k: int):
    config = data["baseline"].write_config(data["dir"] / f"k{k}.xml", data["db"], k)
    return data["baseline"].simulate(test, config, k)


def test_lstm_evaluation_throughput_vs_presage(data):
    model_dir = os.environ.get("WORDPAD_AI_BENCH_MODEL_DIR")
    try:
        import wordpad_ai

        model = wordpad_ai.load_model("lstm", model_dir)
    except ModelError as exc:
        pytest.skip(f"no LSTM model to benchmark: {exc}")
    text = data["test"].read_text(encoding="utf-8")
    result = evaluate(model, text, k=3, with_perplexity=False)
    print(f"\nours (lstm, k=3): {result.words} words in {result.seconds:.1f} s = "
          f"{result.words_per_s:.0f} words/s, {result.predictions_per_s:.0f} predictions/s "
          f"({result.predictions} predictions, {result.predict_seconds:.1f} s inside predict); "
          f"KSR {100 * result.ksr:.1f}%, top-1 {100 * result.top1_accuracy:.1f}%, "
          f"top-3 {100 * result.topk_accuracy:.1f}%")
    presage = presage_run(data, data["test"], 3)
    print(f"presage_simulator (k=3): {presage.words} words in {presage.seconds:.1f} s "
          f"({presage.cpu_seconds:.1f} s CPU) = "
          f"{presage.words / presage.seconds:.0f} words/s; KSR {100 * presage.ksr:.1f}%")
    speedup = presage.seconds / result.seconds
    print(f"speed-up over presage_simulator: {speedup:.1f}x (target >= 5x)")
    assert result.words == presage.words
    assert speedup >= 5


def test_count_model_ksr_magnitude_vs_presage(data):
    """A unigram/bigram count model with our evaluator against Presage's 3-gram model on the
    same text: the protocols agree exactly (tests/test_presage_baseline.py), so the figures
    differ only by the models; the bigram count model should land near the 3-gram model."""
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    from wordlist_model import WordListModel

    text = "".join(p.read_text(encoding="utf-8") for p in data["train"])
    model = WordListModel(text)
    test = data["dir"] / "test_1k.txt"
    test.write_text(data["test"].read_text(encoding="utf-8")[:6000].rsplit("\n", 1)[0] + "\n",
                    encoding="utf-8")
    sample = test.read_text(encoding="utf-8")
    print()
    for k in (1, 3, 6):
        ours = evaluate(model, sample, k=k, with_perplexity=False)
        presage = presage_run(data, test, k)
        print(f"k={k}: count model (ours) KSR {100 * ours.ksr:.1f}% "
              f"[{ours.words} words, {ours.words_per_s:.0f} words/s]; "
              f"presage 3-gram KSR {100 * presage.ksr:.1f}% "
              f"[{presage.words} words, {presage.words / presage.seconds:.0f} words/s]")
        assert ours.words == presage.words
        assert ours.keystrokes_total in (presage.kn, presage.kn - 1)  # Presage's trailing ""
        assert 0 < ours.ksr < 1 and 0 < presage.ksr < 1
        assert abs(ours.ksr - presage.ksr) < 0.2
