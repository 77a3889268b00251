"""Build the shipped default models: split the corpus, train, measure, write the model cards.

One command, re-runnable (stages skip what is already built unless ``--force``)::

    python models/build_defaults.py                      # everything, default budgets
    python models/build_defaults.py --stages evaluate card   # re-measure and rewrite the cards

Stages:
  split     ``models/split_corpus.py``: ``build/corpus/{train,test}`` from ``shared/corpora/general``
            and an evaluation sample ``build/corpus/eval`` (the first ``--eval-words`` words of
            each held-out file, cut at a paragraph end)
  train     ``wordpad-ai train`` for each model (``--models``) in phases: from scratch, continued
            at a lower rate, and (``REBALANCE``) a last phase with over-represented files capped;
            resumable (checkpoints in ``build/``); the last phase's model is copied into
            ``models/<id>/``
  evaluate  keystroke savings with 1, 3 and 6 suggestions, top-1/top-3 accuracy, perplexity and
            predict latency on the evaluation sample, and the Presage 3-gram baseline trained on
            the same training split (``packaging/presage_baseline.py``, needs Debian's ``presage``)
  card      ``models/<id>/MODEL_CARD.md`` from the figures (``build/figures.json``)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from split_corpus import DEFAULT_CORPUS, split_corpus  # noqa: E402

# Hyper-parameters of the shipped models (everything else: wordpad_ai.neural.config.LMConfig).
# Chosen for quality per megabyte and per-keystroke speed: a 20k vocabulary with a 128-wide
# embedding tied to the output layer keeps each model under 10 MB in float16.
HYPERPARAMETERS = {
    "lstm": {"vocab_size": 20000, "embed_dim": 128, "hidden_dim": 256, "num_sampled": 1024,
             "batch_size": 64, "seq_len": 32, "eval_every": 500, "checkpoint_every": 500},
    "rnn": {"vocab_size": 20000, "embed_dim": 128, "hidden_dim": 256, "num_sampled": 1024,
            "batch_size": 64, "seq_len": 32, "eval_every": 500, "checkpoint_every": 500,
            "learning_rate": 0.002},
}
BUDGET_MIN = {"lstm": 32.0, "rnn": 24.0}  # from-scratch training time budgets, minutes
# then training goes on from the result at a lower learning rate (a fine-tuning run on the same
# text; it may add up to extend_vocab words that missed the first vocabulary cut)
CONTINUE_MIN = {"lstm": 50.0, "rnn": 24.0}  # minutes
CONTINUE_HP = {"lstm": {"learning_rate": 0.0015, "warmup_steps": 50},
               "rnn": {"learning_rate": 0.001, "warmup_steps": 50}}
# a last, shorter phase on the training split with over-represented files capped (words kept
# from their start): the King James Bible is a quarter of the corpus, and after two phases the
# LSTM offered "LORD" first after "The " anywhere in a text
REBALANCE = {"lstm": {"minutes": 11.0, "hp": {"learning_rate": 0.001, "warmup_steps": 50, "extend_vocab": 0},
                      "caps": {"bible-kjv.txt": 40_000}},
             "rnn": {"minutes": 11.0, "hp": {"learning_rate": 0.0007, "warmup_steps": 50, "extend_vocab": 0},
                     "caps": {"bible-kjv.txt": 40_000}}}
KS = (1, 3, 6)  # suggestion counts measured
MODEL_FILES = ("config.json", "vocab.json", "case.json", "lexicon.json", "weights.npz")
MAX_MODEL_BYTES = 10 * 1024 * 1024


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


# -- split ----------------------------------------------------------------------------------------
def stage_split(build: Path, corpus: Path, eval_words: int) -> None:
    counts = split_corpus(corpus, build / "corpus")
    eval_dir = build / "corpus" / "eval"
    eval_dir.mkdir(parents=True, exist_ok=True)
    for name in counts:
        paragraphs = (build / "corpus" / "test" / name).read_text(encoding="utf-8").split("\n\n")
        taken, words = [], 0
        for p in paragraphs:
            if words >= eval_words:
                break
            taken.append(p)
            words += len(p.split())
        (eval_dir / name).write_text("\n\n".join(taken).strip() + "\n", encoding="utf-8")
    (build / "split.json").write_text(json.dumps(counts, indent=1))


# -- train ----------------------------------------------------------------------------------------
def train_phase(build: Path, model_id: str, out: Path, minutes: float, hp: dict,
                base: Path | None, force: bool, corpus: Path | None = None) -> None:
    if out.exists() and not force:
        print(f"{model_id}: {out} already trained (use --force to retrain)")
        return
    if out.exists():
        shutil.rmtree(out)
    start = ["--from", base] if base else ["--from-scratch"]
    cmd = [sys.executable, "-m", "wordpad_ai", "train", "--model", model_id, "--out", out, *start,
           "--time-budget", minutes, "--checkpoint-dir", build / "checkpoints" / out.name, "--quiet"]
    for key, value in hp.items():
        cmd += ["--hp", f"{key}={value}"]
    run(cmd + [corpus or build / "corpus" / "train"])


def rebalanced_corpus(build: Path, caps: dict[str, int]) -> Path:
    """``corpus/train`` with each capped file cut to its first N words (whole paragraphs)."""
    src, dst = build / "corpus" / "train", build / "corpus" / "train_rebalanced"
    dst.mkdir(parents=True, exist_ok=True)
    for f in sorted(src.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        if f.name in caps:
            kept, words = [], 0
            for para in text.split("\n\n"):
                if words >= caps[f.name]:
                    break
                kept.append(para)
                words += len(para.split())
            text = "\n\n".join(kept) + "\n"
        (dst / f.name).write_text(text, encoding="utf-8")
    return dst


def phase_dirs(build: Path, model_id: str) -> list[Path]:
    """The model directory of each training phase, in order (the last one is shipped)."""
    dirs = [build / "models" / model_id, build / "models" / f"{model_id}_ft"]
    if model_id in REBALANCE:
        dirs.append(build / "models" / f"{model_id}_rb")
    return dirs


def stage_train(build: Path, model_id: str, budget_min: float, force: bool) -> None:
    first, cont, *rest = phase_dirs(build, model_id)
    train_phase(build, model_id, first, budget_min, HYPERPARAMETERS[model_id], None, force)
    train_phase(build, model_id, cont, CONTINUE_MIN[model_id],
                {**HYPERPARAMETERS[model_id], **CONTINUE_HP[model_id]}, first, force)
    if rest:
        rb = REBALANCE[model_id]
        train_phase(build, model_id, rest[0], rb["minutes"], {**HYPERPARAMETERS[model_id], **rb["hp"]},
                    cont, force, corpus=rebalanced_corpus(build, rb["caps"]))
    install_model(phase_dirs(build, model_id)[-1], HERE / model_id)


def install_model(src: Path, dest: Path) -> None:
    """Copy the model files (keeping an existing MODEL_CARD.md), world-readable, size-checked."""
    size = sum((src / f).stat().st_size for f in MODEL_FILES)
    if size > MAX_MODEL_BYTES:
        raise SystemExit(f"{src} is {size / 1e6:.1f} MB, over the 10 MB budget")
    dest.mkdir(parents=True, exist_ok=True)
    for f in MODEL_FILES:
        shutil.copyfile(src / f, dest / f)
        os.chmod(dest / f, 0o644)
    print(f"installed {src} -> {dest} ({size / 1e6:.1f} MB)")


# -- evaluate -------------------------------------------------------------------------------------
def latency(model, texts: list[str], n: int = 1500) -> dict:
    """predict() time per keystroke while typing the start of ``texts`` character by character."""
    stream = "\n\n".join(texts)[: n]
    times = []
    for i in range(1, len(stream) + 1):
        t0 = time.perf_counter()
        model.predict(stream[:i], 3)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"p50_ms": statistics.median(times), "p99_ms": times[int(0.99 * (len(times) - 1))],
            "keystrokes": len(times)}


def evaluate_model(model_id: str, eval_files: list[Path]) -> dict:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import wordpad_ai
    from wordpad_ai.evaluation import evaluate

    model = wordpad_ai.load_model(model_id, HERE / model_id)
    texts = [f.read_text(encoding="utf-8") for f in eval_files]
    figures: dict = {"by_k": {}}
    for k in KS:
        r = evaluate(model, texts, k, with_perplexity=(k == 3))
        figures["by_k"][k] = {"ksr": r.ksr, "top1": r.top1_accuracy, "topk": r.topk_accuracy,
                              "words": r.words, "predictions_per_s": r.predictions_per_s}
        if r.perplexity is not None:
            figures["perplexity"] = r.perplexity
        print(f"{model_id} k={k}: KSR {100 * r.ksr:.1f}%  top-1 {100 * r.top1_accuracy:.1f}%  "
              f"top-{k} {100 * r.topk_accuracy:.1f}%", flush=True)
    figures["latency"] = latency(model, texts)
    config = json.loads((HERE / model_id / "config.json").read_text())
    figures["config"] = config
    figures["size_bytes"] = sum((HERE / model_id / f).stat().st_size for f in MODEL_FILES)
    return figures


def evaluate_presage(build: Path, eval_files: list[Path]) -> dict | None:
    """Presage's figures, cached in ``build/presage.json`` (it takes ~10 min per k)."""
    cached = build / "presage.json"
    if cached.exists() and cached.stat().st_size:
        return json.loads(cached.read_text())
    if not shutil.which("presage_simulator"):
        print("presage_simulator not found (apt-get install presage): no baseline")
        return None
    train = sorted((build / "corpus" / "train").glob("*.txt"))
    out = run([sys.executable, ROOT / "packaging" / "presage_baseline.py", *train, "--test",
               *eval_files, "-k", *KS, "--json"], capture_output=True, text=True)
    cached.write_text(out.stdout)
    return json.loads(out.stdout)


def stage_evaluate(build: Path, models: list[str], presage: bool) -> None:
    path = build / "figures.json"
    figures = json.loads(path.read_text()) if path.exists() else {}
    eval_files = sorted((build / "corpus" / "eval").glob("*.txt"))
    figures["eval_words"] = sum(len(f.read_text(encoding="utf-8").split()) for f in eval_files)
    figures["eval_files"] = [f.name for f in eval_files]
    figures["machine"] = f"{platform.machine()}, {os.cpu_count()} CPU cores, {platform.system()}"
    for model_id in models:
        figures[model_id] = evaluate_model(model_id, eval_files)
    if presage:
        baseline = evaluate_presage(build, eval_files)
        if baseline is not None:
            figures["presage"] = baseline
    path.write_text(json.dumps(figures, indent=1, default=str))


# -- card -----------------------------------------------------------------------------------------
CARD = """# {title} — shipped default model (`{model_id}`)

The model WordPad AI suggests with on first launch, before you train it on your own documents.
{cell_text}

## Data and licences
Trained on `shared/corpora/general/` (2.98 M words of free-licensed English, built by
`shared/corpora/build_general.py` from Debian packages; see its README): the Debian Administrator's
Handbook (GPL-2.0+ or CC-BY-SA-3.0), the Python 3.11 documentation (PSF licence), the King James
Bible (public domain), the `fortunes` cookie collections (BSD), GCIDE dictionary definitions
(GPL-2+) and the GNU coding standards (GFDL-1.3+). The model weights are derived from this text.

Split (`models/split_corpus.py`): every file is cut into blocks of 40 paragraphs; one block in 50
is held out. Training: {train_words:,} words; held out: {test_words:,} words. The figures below are
measured on an evaluation sample of {eval_words:,} held-out words (the first ~1,000 words of the
held-out part of each source file: {eval_files}).

## Size and shape
| | |
|---|---|
| directory size | {size_mb:.1f} MB (weights stored as float16) |
| vocabulary | {vocab_size:,} words (lower-cased; a case table restores "Linux", "I", sentence starts), plus a {lexicon_size:,}-word completion lexicon |
| embedding | {embed_dim} (tied with the output layer{proj}) |
| recurrent state | {hidden_dim} |
| parameters | {params:,} |

## Training
`python models/build_defaults.py` (stage `train`) runs two phases on the training split:
`wordpad-ai train --model {model_id} --from-scratch --time-budget {budget} {hp}`, then training goes
on from that model at a lower peak learning rate: `wordpad-ai train --model {model_id} --from FIRST
--time-budget {cont} {cont_hp}` (a fine-tuning run on the same text, which let up to 2,000 words
that missed the first vocabulary cut in). Adam (warm-up then cosine decay), global-norm gradient
clipping at {clip}, dropout {dropout}, sampled softmax with {num_sampled} negatives for training
and the full softmax for validation, truncated back-propagation over {seq_len} tokens, batches of
{batch_size}.

{rebalance}Trained for {seconds:,.0f} s in all ({phases}; each phase's validation perplexity is on 10 %
of its own training text, so they do not compare) on {machine}, shared with other work, no GPU.

## Figures on the held-out sample
Keystroke savings follow Presage's `presage_simulator` protocol (`wordpad_ai/evaluation/keystrokes.py`).
Presage is the 3-gram `SmoothedNgramPredictor` trained with `text2ngram -n 1/2/3 -l -f sqlite` on
the same training split (`packaging/presage_baseline.py`), scored with `presage_simulator -q` on
the same files.

| | {title} | Presage 3-gram |
|---|---:|---:|
| keystroke savings, 1 suggestion | {ksr1} | {p1} |
| keystroke savings, 3 suggestions | {ksr3} | {p3} |
| keystroke savings, 6 suggestions | {ksr6} | {p6} |
| top-1 next-word accuracy | {top1} | |
| top-3 next-word accuracy | {top3} | |
| perplexity (per token, punctuation and sentence ends included) | {ppl:.1f} | |
| `predict` latency p50 / p99 (typing, one thread) | {lat50:.2f} / {lat99:.2f} ms | |

{comparison}

Reproduce: `python models/build_defaults.py --stages evaluate card`.

## Intended use and limits
Next-word and word-completion suggestions while typing English. The training text is technical
documentation, scripture, dictionary definitions and humour: expect archaic or technical words
in some contexts until you train the model on your own documents (Tools → Train on my documents).
It reproduces the statistics of its training text, including its biases.
"""


def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def write_card(model_id: str, figures: dict, split: dict) -> None:
    import numpy as np

    f = figures[model_id]
    cfg, training = f["config"]["config"], f["config"].get("training", {})
    with np.load(HERE / model_id / "weights.npz", allow_pickle=False) as w:
        params = int(sum(w[k].size for k in w.files))
    presage = figures.get("presage", {}).get("by_k", {})
    pk = {k: presage.get(str(k), presage.get(k, {})).get("ksr") for k in KS}
    ours = {k: f["by_k"][str(k)]["ksr"] if str(k) in f["by_k"] else f["by_k"][k]["ksr"] for k in KS}
    lines = []
    if pk[3] is not None:
        lines.append(f"With 3 suggestions this model saves {100 * (ours[3] - pk[3]):+.1f} points of "
                     f"keystrokes against Presage trained on the same text.")
    other = "rnn" if model_id == "lstm" else "lstm"
    if other in figures:
        o = figures[other]["by_k"]
        o3 = (o.get("3") or o.get(3))["ksr"]
        lines.append(f"The {other.upper()} default saves {100 * o3:.1f} % with 3 suggestions "
                     f"({100 * (ours[3] - o3):+.1f} points for this model).")
    hp = " ".join(f"--hp {k}={v}" for k, v in HYPERPARAMETERS[model_id].items())
    cont_hp = " ".join(f"--hp {k}={v}" for k, v in CONTINUE_HP[model_id].items())
    phases, total_s = [], 0.0
    names = ("from scratch", "continued", "rebalanced")
    for name, d in zip(names, phase_dirs(ROOT / "build" / "defaults", model_id)):
        t = json.loads((d / "config.json").read_text()).get("training", {}) if (d / "config.json").exists() else {}
        if t:
            total_s += t.get("seconds", 0)
            phases.append(f"{name}: {t.get('seconds', 0):,.0f} s, {t.get('steps', 0):,} steps, "
                          f"{t.get('epochs', 0):.2f} epochs over {t.get('train_tokens', 0):,} tokens, "
                          f"validation perplexity {t.get('val_perplexity') or float('nan'):.1f}")
    rebalance = ""
    if model_id in REBALANCE:
        rb = REBALANCE[model_id]
        caps = ", ".join(f"{name} cut to its first {words:,} words" for name, words in rb["caps"].items())
        rb_hp = " ".join(f"--hp {k}={v}" for k, v in rb["hp"].items())
        rebalance = (f"A third phase, `--from` the second with `--time-budget {rb['minutes']:g} {rb_hp}`, "
                     f"trains on the training split with {caps} (it was a quarter of the corpus and "
                     f"pulled suggestions towards scripture).\n\n")
    by3 = f["by_k"].get("3") or f["by_k"][3]
    text = CARD.format(
        title=model_id.upper(), model_id=model_id,
        cell_text=("An LSTM language model: forget, input and output gates and a cell state, "
                   "h(t) = o(t)·tanh(c(t))." if model_id == "lstm" else
                   "A vanilla (Elman) RNN language model: h(t) = tanh(b + W h(t-1) + U x(t)), "
                   "o(t) = c + V h(t)."),
        train_words=sum(v[0] for v in split.values()), test_words=sum(v[1] for v in split.values()),
        eval_words=figures["eval_words"], eval_files=", ".join(figures["eval_files"]),
        size_mb=f["size_bytes"] / 1e6,
        vocab_size=len(json.loads((HERE / model_id / "vocab.json").read_text(encoding="utf-8"))),
        lexicon_size=cfg["lexicon_size"], embed_dim=cfg["embed_dim"],
        proj=", through a learned projection from the state" if cfg["hidden_dim"] != cfg["embed_dim"] else "",
        hidden_dim=cfg["hidden_dim"], params=params,
        budget=f"{BUDGET_MIN[model_id]:g}", hp=hp, cont=f"{CONTINUE_MIN[model_id]:g}", cont_hp=cont_hp,
        clip=cfg["clip_norm"], rebalance=rebalance, phases="; ".join(phases),
        dropout=cfg["dropout"], num_sampled=cfg["num_sampled"], seq_len=cfg["seq_len"],
        batch_size=cfg["batch_size"], seconds=total_s,
        machine=figures["machine"], val_ppl=training.get("val_perplexity") or float("nan"),
        ksr1=pct(ours[1]), ksr3=pct(ours[3]), ksr6=pct(ours[6]),
        p1=pct(pk[1]), p3=pct(pk[3]), p6=pct(pk[6]),
        top1=pct(by3["top1"]), top3=pct(by3["topk"]), ppl=f.get("perplexity") or float("nan"),
        lat50=f["latency"]["p50_ms"], lat99=f["latency"]["p99_ms"],
        comparison=" ".join(lines),
    )
    (HERE / model_id / "MODEL_CARD.md").write_text(text, encoding="utf-8")
    print(f"wrote {HERE / model_id / 'MODEL_CARD.md'}")


def stage_card(build: Path, models: list[str]) -> None:
    figures = json.loads((build / "figures.json").read_text())
    split = json.loads((build / "split.json").read_text())
    for model_id in models:
        if model_id in figures:
            write_card(model_id, figures, split)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", nargs="+", default=["split", "train", "evaluate", "card"],
                        choices=["split", "train", "evaluate", "card"])
    parser.add_argument("--models", nargs="+", default=["lstm", "rnn"], choices=["lstm", "rnn"])
    parser.add_argument("--build", type=Path, default=ROOT / "build" / "defaults")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--eval-words", type=int, default=1000,
                        help="evaluation words per held-out source file")
    parser.add_argument("--budget", nargs=2, action="append", metavar=("MODEL", "MINUTES"),
                        help="training time budget, e.g. --budget lstm 60")
    parser.add_argument("--no-presage", action="store_true", help="skip the Presage baseline")
    parser.add_argument("--force", action="store_true", help="retrain even if already trained")
    args = parser.parse_args()
    for model_id, minutes in args.budget or []:
        BUDGET_MIN[model_id] = float(minutes)
    args.build.mkdir(parents=True, exist_ok=True)
    if "split" in args.stages:
        stage_split(args.build, args.corpus, args.eval_words)
    if "train" in args.stages:
        for model_id in args.models:
            stage_train(args.build, model_id, BUDGET_MIN[model_id], args.force)
    if "evaluate" in args.stages:
        stage_evaluate(args.build, args.models, not args.no_presage)
    if "card" in args.stages:
        stage_card(args.build, args.models)


if __name__ == "__main__":
    main()
