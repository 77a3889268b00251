"""``wordpad-ai evaluate``: keystroke savings, next-word accuracy and perplexity on files.

The model is the one the editor would use: ``--model-dir`` if given, else the user's current
trained version of the model (the model store), else the plugin's shipped default. The report
says which (version and folder), so two runs can be told apart.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def add_parser(sub) -> None:
    p = sub.add_parser(
        "evaluate",
        help="measure keystroke savings and accuracy of a model on text files",
        description="Simulate writing FILEs with the model's suggestions (Presage's "
        "presage_simulator protocol) and report the keystroke savings rate (KSR), top-1 and "
        "top-k next-word accuracy, perplexity and speed.",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="documents to evaluate on")
    p.add_argument("--model", default=None, help="model id (default: the active model)")
    p.add_argument("--model-dir", type=Path, default=None,
                   help="model directory to load (default: your current trained version of the "
                   "model, else its shipped default)")
    p.add_argument("-k", type=int, default=3, help="suggestions offered per query (default 3)")
    p.add_argument("--max-words", type=int, default=None, metavar="N",
                   help="evaluate at most N words over all files")
    p.add_argument("--context-chars", type=int, default=None, metavar="N",
                   help="characters of text before the cursor passed to the model "
                   "(default 600, as in the editor; 0 = the whole text)")
    p.add_argument("--no-perplexity", action="store_true", help="skip the perplexity pass")
    p.add_argument("--whole-ranking", action="store_true",
                   help="offer the model's whole ranking at every keystroke, as the editor does; "
                   "by default, as in Presage's simulator, a word offered at a word's earlier "
                   "keystroke is not offered again for it")
    p.add_argument("--phrases", action="store_true",
                   help="also show phrase completions; report KSR with and without them, the "
                   "share of shown phrases that were right, and the phrases the ghost text shows "
                   "a writer who types every letter")
    p.add_argument("--adapt", action="store_true",
                   help="report KSR with and without learning as you type (each sentence is "
                   "learnt after it is typed)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def read_text(path: Path) -> str:
    """The plain text of ``path``; a :class:`UserError` naming the file if it cannot be read."""
    from . import UserError

    try:
        from ..text.readers import UnreadableDocument, read_document
    except ModuleNotFoundError as exc:  # readers not available: plain UTF-8 text only
        if exc.name != f"{__package__.rsplit('.', 1)[0]}.text.readers":
            raise
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UserError(f"{path}: not UTF-8 text; convert it to UTF-8 plain text") from None
        except OSError as exc2:
            raise UserError(f"{path}: cannot read it ({exc2.strerror or exc2}); "
                            f"check the path") from None
    try:
        return read_document(path)
    except UnreadableDocument as exc:
        raise UserError(f"cannot evaluate on {exc}; check the file or leave it out") from None


def _progress_bar(total_hint: int | None, enabled: bool):
    """A tqdm bar on stderr (a no-op when disabled or not a terminal), and its update callback."""
    if not enabled:
        return None, None
    try:
        from tqdm import tqdm
    except ImportError:
        return None, None
    bar = tqdm(total=total_hint, unit="word", desc="evaluating", file=sys.stderr,
               disable=None, leave=False)

    def update(done: int, total: int) -> None:
        if bar.total != total:
            bar.total = total
        bar.update(done - bar.n)

    return bar, update


def resolve_model(host, model_id: str, model_dir: Path | None) -> tuple[object, dict]:
    """Load the model to measure, as the editor would; return it and what it is:
    ``{"version": "v0003" | "shipped default" | "given folder", "folder": str | None}``.
    A current trained version that cannot be loaded falls back to the shipped default, said on
    stderr."""
    from ..api import ModelError
    from ..modelstore import ModelStore, damaged_version_message

    if model_dir is not None:
        return host.load_model(model_id, model_dir), {"version": "given folder",
                                                      "folder": str(model_dir)}
    store = ModelStore()
    try:
        version, trained = store.current_version(model_id), store.current_path(model_id)
        reason = store.fallback_reason(model_id)
    except ValueError:  # not an id the store can hold
        version = trained = None
        reason = ""
    if reason:
        print(f"wordpad-ai: {reason}", file=sys.stderr)
    if trained is not None:
        try:
            return host.load_model(model_id, trained), {"version": version, "folder": str(trained)}
        except ModelError as exc:
            print(f"wordpad-ai: {damaged_version_message(model_id, version, str(exc))}",
                  file=sys.stderr)
    model = host.load_model(model_id, None)
    default = host.model_class(model_id).default_path()
    return model, {"version": "shipped default", "folder": None if default is None else str(default)}


def format_table(result, files: list[Path], measured: dict | None = None) -> str:
    """The result as a small readable table."""
    def pct(x: float) -> str:
        return f"{100 * x:.1f} %"

    ppl = f"{result.perplexity:.1f}" if result.perplexity is not None else "n/a (not supported)"
    rows = [
        ("model", f"{result.model_id}  (k={result.k}, {len(files)} file"
                  f"{'s' if len(files) != 1 else ''})"),
        ("KSR", pct(result.ksr)),
        ("top-1 accuracy", pct(result.top1_accuracy)),
        (f"top-{result.k} accuracy", pct(result.topk_accuracy)),
        ("perplexity", ppl),
        ("predictions/s", f"{result.predictions_per_s:,.0f}"),
        ("words", f"{result.words:,}"),
    ]
    if measured is not None:
        rows[1:1] = [("version", measured["version"])]
        if measured["folder"]:
            rows[2:2] = [("folder", measured["folder"])]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def run(args) -> int:
    from . import UserError
    from ..evaluation import DEFAULT_CONTEXT_CHARS, WholeRanking, evaluate
    from ..plugins import load_host
    from ..settings import load_settings

    if args.k < 1:
        raise UserError("-k must be at least 1")
    if args.max_words is not None and args.max_words < 1:
        raise UserError("--max-words must be at least 1")
    if args.context_chars is not None and args.context_chars < 0:
        raise UserError("--context-chars must be 0 (the whole text) or more")
    texts = [read_text(path) for path in args.files]  # fail on a bad file before loading a model
    settings = load_settings()
    host = load_host(settings)
    model, measured = resolve_model(host, args.model or settings.active_model, args.model_dir)
    if args.whole_ranking:
        model = WholeRanking(model)
    context = DEFAULT_CONTEXT_CHARS if args.context_chars is None else (args.context_chars or None)
    if args.phrases or args.adapt:
        return _run_extras(args, model, texts, context, measured)
    bar, update = _progress_bar(args.max_words, enabled=not args.json)
    try:
        result = evaluate(model, texts, k=args.k, max_words=args.max_words,
                          context_chars=context, with_perplexity=not args.no_perplexity,
                          on_progress=update)
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        data = result.to_json()
        data["files"] = [str(p) for p in args.files]
        data["model_version"], data["model_folder"] = measured["version"], measured["folder"]
        print(json.dumps(data, indent=2))
    else:
        print(format_table(result, args.files, measured))
    return 0


def _run_extras(args, model, texts, context, measured: dict) -> int:
    """``--phrases`` and ``--adapt``: the simulations of :mod:`wordpad_ai.evaluation.phrases` and :mod:`~wordpad_ai.evaluation.adaptation`."""
    from ..evaluation import evaluate_adaptation, evaluate_phrases

    data: dict = {"files": [str(p) for p in args.files], "k": args.k,
                  "model_version": measured["version"], "model_folder": measured["folder"]}
    rows = [("model", f"{getattr(model, 'model_id', '') or type(model).__name__}  "
                      f"({measured['version']})")]
    if measured["folder"]:
        rows.append(("folder", measured["folder"]))
    if args.phrases:
        res = evaluate_phrases(model, texts, args.k, max_words=args.max_words, context_chars=context,
                               typist=True)
        data["phrases"] = res.to_json()
        rows += [("KSR without phrases", f"{100 * res.ksr_without:.1f} %"),
                 ("KSR with phrases", f"{100 * res.result.ksr:.1f} %"),
                 ("phrases shown", f"{res.shown:,}"),
                 ("  entirely right", f"{100 * res.right_full_share:.1f} %"),
                 ("  first word right", f"{100 * res.right_first_share:.1f} %"),
                 ("  words accepted", f"{res.accepted_words:,}"),
                 ("  ms per phrase call", f"{res.ms_per_phrase_call:.2f}"),
                 ("typing every letter", ""),
                 ("  words with a phrase", f"{100 * res.typist.words_share:.1f} %  "
                                          f"({res.typist.words_with_phrase:,} of {res.typist.words:,})"),
                 ("  phrases shown", f"{res.typist.shown:,}"),
                 ("  entirely right", f"{100 * res.typist.right_full_share:.1f} %")]
    if args.adapt:
        res = evaluate_adaptation(model, texts, args.k, max_words=args.max_words,
                                  context_chars=context)
        data["adapt"] = res.to_json()
        rows += [("KSR without adaptation", f"{100 * res.without.ksr:.1f} %"),
                 ("KSR with adaptation", f"{100 * res.adapted.ksr:.1f} %")]
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        width = max(len(name) for name, _ in rows)
        print("\n".join(f"{name:<{width}}  {value}" for name, value in rows))
    return 0
