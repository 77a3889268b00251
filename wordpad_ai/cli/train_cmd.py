"""``wordpad-ai train``: train or fine-tune a model on text files and folders."""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

from ..training.reading import shown_path


def add_parser(sub) -> None:
    p = sub.add_parser(
        "train",
        help="train or fine-tune a model on your documents",
        description="Train a model from scratch, or fine-tune an existing one, on text files and "
        "folders, and write the new model directory to --out (complete or not at all).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="text files or folders to learn from")
    p.add_argument("--model", required=True, help="model id to train (e.g. lstm, rnn)")
    p.add_argument("--out", required=True, type=Path, help="folder to write the new model to")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--from", dest="from_dir", type=Path, default=None,
                     help="fine-tune the model directory DIR")
    src.add_argument("--from-default", action="store_true",
                     help="fine-tune the shipped default model (the default when the model has one "
                     "and --hp leaves its shape alone)")
    src.add_argument("--from-scratch", action="store_true",
                     help="train a new model that knows only the given text")
    length = p.add_mutually_exclusive_group()
    length.add_argument("--epochs", type=int, default=None, help="passes over the text")
    length.add_argument("--time-budget", type=float, default=None, metavar="MIN",
                        help="stop after this many minutes (keeps the best model so far)")
    p.add_argument("--hp", action="append", default=[], metavar="KEY=VALUE",
                   help="hyper-parameter override, e.g. --hp hidden_dim=128 (repeatable)")
    p.add_argument("--checkpoint-dir", type=Path, default=None,
                   help="keep resumable checkpoints here; rerunning the same command resumes")
    p.add_argument("--validation", type=float, default=0.1, help="share of text held out (default 0.1)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--strategy", choices=("auto", "one-device", "mirrored", "multi-worker"), default=None,
                   help="how to spread training over devices (TensorFlow's tf.distribute): auto = every "
                   "local GPU, else the CPU; multi-worker = the machines in TF_CONFIG, every worker "
                   "running this same command (see docs/training.md); default: the CPU or one GPU")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--install", action="store_true",
                   help="also install the new model into the app: a new version of MODEL in your "
                   "model store, used from the app's next start (roll back under Model > Versions)")
    p.set_defaults(run=run)


def parse_hp(items: list[str]) -> dict[str, str]:
    from . import UserError

    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--hp {item!r} is not KEY=VALUE (e.g. --hp hidden_dim=128)")
        out[key.strip()] = value.strip()
    return out


def run(args) -> int:
    from . import UserError
    from ..api import TrainingJob
    from ..plugins import load_host

    start = time.monotonic()
    if args.epochs is not None and args.epochs < 1:
        raise UserError("--epochs must be at least 1")
    if args.time_budget is not None and args.time_budget <= 0:
        raise UserError("--time-budget must be a positive number of minutes")
    if not 0 <= args.validation < 1:
        raise UserError("--validation must be in [0, 1)")
    from ..fileutil import use_private_umask

    use_private_umask()  # checkpoints and the model learn from the user's text: 0600/0700
    host = load_host()
    cls = host.model_class(args.model)
    if not cls.trainable:
        raise UserError(f"model {args.model!r} cannot be trained")
    base = _base(args, cls)
    missing = [p for p in args.paths if not Path(p).exists()]
    for p in missing:
        print(f"wordpad-ai: skipping {shown_path(p)}: does not exist", file=sys.stderr)
    paths = tuple(p for p in args.paths if Path(p).exists())
    if not paths:
        raise UserError("none of the given paths exist; name text files or folders to train on")
    budget_s = None if args.time_budget is None else args.time_budget * 60
    from ..paths import scratch_dir

    # the read and split text: beside the checkpoints (a rerun resumes on the same text), else temporary
    keep = Path(args.checkpoint_dir) / "text" if args.checkpoint_dir is not None else None
    with scratch_dir("train-text-", keep) as folder:
        text = _read(paths, folder, args, host, budget_s, start)
        job = TrainingJob(
            paths=(str(text.part_file("train")),), out_dir=str(args.out), base_dir=base, epochs=args.epochs,
            # the budget is the whole command's: training gets what reading left
            time_budget_s=None if budget_s is None else budget_s - (time.monotonic() - start),
            validation_fraction=args.validation,
            checkpoint_dir=None if args.checkpoint_dir is None else str(args.checkpoint_dir),
            seed=args.seed, hyperparameters=parse_hp(args.hp), text_dir=str(text.folder),
        )
        bar = _ProgressBar(disable=args.quiet)
        try:
            out = cls.train(job, bar.update, lambda: False, **_strategy(args.strategy, cls))
        finally:
            bar.close()
    summary = json.loads((Path(out) / "config.json").read_text(encoding="utf-8")).get("training", {})
    if summary.get("task", "chief").split()[0] == "worker" and Path(out) != Path(args.out).resolve():
        digest = weights_digest(Path(out))
        shutil.rmtree(Path(out).parent, ignore_errors=True)  # a worker's scratch copy
        print(f"{summary['task']} took part: {summary.get('steps')} steps on {summary.get('train_tokens')} "
              f"tokens, {summary.get('replicas')} replicas in all; weights {digest} (as the chief's); "
              "the chief writes the model")
        return 0
    ppl = summary.get("val_perplexity")
    print(f"trained {args.model} on {summary.get('train_tokens')} tokens "
          f"({summary.get('documents')} documents): {summary.get('steps')} steps, "
          f"{summary.get('epochs')} epochs, {time.monotonic() - start:.0f} s, "
          f"validation perplexity {'n/a' if ppl is None else f'{ppl:.1f}'} "
          f"({summary.get('stop_reason')})")
    print(f"model written to {shown_path(out)}")
    if args.install:
        print(install(args.model, Path(out), summary))
    return 0


def install(model_id: str, model_dir: Path, summary: dict) -> str:
    """Copy a trained model directory into the model store as ``model_id``'s new current version
    (the folder itself stays); one line saying so."""
    from ..modelstore import ModelStore
    from ..paths import scratch_dir

    with scratch_dir("install-") as staging:
        shutil.copytree(model_dir, staging / "model")
        version = ModelStore().promote(model_id, staging / "model", {
            "base": "wordpad-ai train", "words": summary.get("train_tokens"), "steps": summary.get("steps"),
            "before": None, "after": None})
    return (f"installed as {model_id} {version}: the app suggests with it from its next start "
            f"(roll back under Model > Versions)")


def weights_digest(model_dir: Path) -> str:
    """A short fingerprint of a model directory's weights (names and values): the workers of a
    multi-worker run end with the chief's."""
    import hashlib

    import numpy as np

    h = hashlib.sha256()
    with np.load(model_dir / "weights.npz", allow_pickle=False) as data:
        for name in sorted(data.files):
            h.update(name.encode())
            h.update(np.ascontiguousarray(data[name]).tobytes())
    return h.hexdigest()[:16]


def _strategy(name: str | None, cls) -> dict:
    """``strategy=`` for the model's ``train`` when --strategy was given (recurrent models take
    one; a plugin's own trainer does not)."""
    from . import UserError

    if name is None:
        return {}
    from ..neural.model import RecurrentModel

    if not issubclass(cls, RecurrentModel):
        raise UserError(f"--strategy needs a model trained by WordPad AI's recurrent trainer; "
                        f"{cls.model_id!r} trains its own way")
    from ..api import ModelError
    from ..neural.distribute import make_strategy

    try:
        return {"strategy": make_strategy(name)}
    except ModelError as exc:
        raise UserError(str(exc)) from None


def _read(paths, folder: Path, args, host, budget_s: float | None, start: float):
    """The documents read once, with the built-in and the plugins' readers, and split; reading
    may use at most ``READING_SHARE`` of a time budget. Skipped files are listed (escaped)."""
    from ..neural.trainer import READING_SHARE
    from ..training.reading import SplitRule, read_training_text

    if not args.quiet:
        print("wordpad-ai: reading your documents", file=sys.stderr)
    text = read_training_text(paths, folder, SplitRule(validation=args.validation, seed=args.seed),
                              extra_readers=host.readers,
                              read_until=None if budget_s is None else start + READING_SHARE * budget_s)
    for path, reason in text.skipped:
        print(f"skipped {path}: {reason}")
    if not args.quiet:
        print(f"wordpad-ai: {text.summary()}", file=sys.stderr)
    return text


def _base(args, cls) -> str | None:
    """The model directory to fine-tune (--from, --from-default, or the implicit default), or
    None to train from scratch."""
    from . import UserError

    if args.from_dir is not None:
        return str(args.from_dir)
    if args.from_default:
        default = cls.default_path()
        if default is None or not default.is_dir():
            raise UserError(f"model {args.model!r} has no shipped default to fine-tune; use --from-scratch")
        return str(default)
    if args.from_scratch:
        return None
    return _implicit_base(cls, parse_hp(args.hp))


def _implicit_base(cls, hp: dict[str, str]) -> str | None:
    """With no --from/--from-default/--from-scratch: fine-tune the shipped default when there is
    one and the overrides keep its shape (it already knows the language, so a few minutes on the
    user's text beat any from-scratch model); otherwise train from scratch. Says which on stderr."""
    from ..neural.config import SHAPE_FIELDS

    default = cls.default_path()
    if default is None or not default.is_dir():
        print(f"wordpad-ai: training a new {cls.model_id} model from scratch "
              "(it has no shipped default to fine-tune)", file=sys.stderr)
        return None
    reshaped = sorted(set(hp) & set(SHAPE_FIELDS))
    if reshaped:
        print(f"wordpad-ai: training a new {cls.model_id} model from scratch "
              f"(--hp {', '.join(reshaped)} changes the shipped default's shape)", file=sys.stderr)
        return None
    print(f"wordpad-ai: fine-tuning the shipped default {cls.model_id} model on your text "
          "(--from-scratch trains a model that knows only your text)", file=sys.stderr)
    return str(default)


class _ProgressBar:
    """A tqdm bar fed by TrainingProgress events (steps when known, else percent of time)."""

    def __init__(self, disable: bool):
        from tqdm import tqdm

        self.bar = tqdm(total=None, unit="step", disable=disable, file=sys.stderr, dynamic_ncols=True)

    def update(self, ev) -> None:
        if ev.total_steps and self.bar.total != ev.total_steps:
            self.bar.total = ev.total_steps
        if ev.step > self.bar.n:
            self.bar.update(ev.step - self.bar.n)
        post = {}
        if ev.loss is not None:
            post["loss"] = f"{ev.loss:.3f}"
        if ev.val_perplexity is not None:
            post["val_ppl"] = f"{ev.val_perplexity:.1f}"
        if ev.tokens_per_s:
            post["tok/s"] = f"{ev.tokens_per_s:.0f}"
        self.bar.set_description(ev.phase)
        if post:
            self.bar.set_postfix(post, refresh=False)
        if ev.message:
            self.bar.write(ev.message)

    def close(self) -> None:
        self.bar.close()
