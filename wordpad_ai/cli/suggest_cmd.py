"""``wordpad-ai suggest``: print suggestions for a text."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)

EPILOG = """examples:
  wordpad-ai suggest "In the morning the "        next words after a space
  wordpad-ai suggest "I like pro"                 completions of the word being typed
  wordpad-ai suggest --model rnn -k 5 "The "      five suggestions of the model 'rnn'
  echo -n "Dear " | wordpad-ai suggest -          read the text from stdin

Output: one suggestion per line, 'WORD<TAB>PROBABILITY', most likely first.
Models: see 'wordpad-ai plugins list'."""


def add_parser(sub) -> None:
    from . import positive_int

    p = sub.add_parser(
        "suggest",
        help="print next-word suggestions for a text",
        description="Print the model's suggestions for the text before the cursor. If the text "
        "ends inside a word, suggestions complete it; after a space, they are next words.",
        epilog=EPILOG,
    )
    p.add_argument("text", help="text before the cursor (use - to read stdin)")
    p.add_argument("--model", "-m", default=None, metavar="ID",
                   help="model id (default: the active model of the editor)")
    p.add_argument("--model-dir", type=Path, default=None, metavar="DIR",
                   help="model directory to load instead of the shipped weights")
    p.add_argument("-k", type=positive_int, default=3, metavar="N",
                   help="number of suggestions (default 3)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args) -> int:
    from . import UserError
    from ..api import ModelError, checked_suggestions
    from ..plugins import load_host
    from ..settings import load_settings

    if args.model_dir is not None and not args.model_dir.is_dir():
        raise UserError(f"--model-dir {args.model_dir}: no such folder")
    text = sys.stdin.read() if args.text == "-" else args.text
    settings = load_settings()
    host = load_host(settings)
    for notice in host.notices:  # a plugin that killed an earlier command while importing
        print(f"wordpad-ai: {notice}", file=sys.stderr)
    model_id = args.model or settings.active_model
    model_class = host.model_class(model_id)  # ModelError names the fix for unknown ids
    source = f"model {model_id!r} of plugin {host.models[model_id][1]!r}"
    try:
        model = model_class.load(args.model_dir)
        # checked and trimmed: at most k, probabilities in [0, 1], a wrong type names the plugin
        suggestions = checked_suggestions(model.predict(text, args.k), args.k, source)
    except ModelError:
        raise
    except Exception as exc:  # a plugin's bug: one line, the traceback with --verbose
        log.info("model %s failed", model_id, exc_info=True)
        print(f"wordpad-ai: error: {source} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([s.to_json() for s in suggestions], indent=2))
    else:
        for s in suggestions:
            extra = (" " + " ".join(s.continuation)) if s.continuation else ""
            print(f"{s.word}{extra}\t{s.probability:.4f}")
    return 0
