"""``wordpad-ai suggest``: print suggestions for a text."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def add_parser(sub) -> None:
    p = sub.add_parser(
        "suggest",
        help="print next-word suggestions for a text",
        description="Print the model's suggestions for the text before the cursor. If the text "
        "ends inside a word, suggestions complete it; after a space, they are next words.",
    )
    p.add_argument("text", help="text before the cursor (use - to read stdin)")
    p.add_argument("--model", default=None, help="model id (default: the active model)")
    p.add_argument("--model-dir", type=Path, default=None, help="model directory to load")
    p.add_argument("-k", type=int, default=3, help="number of suggestions (default 3)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args) -> int:
    from . import UserError
    from ..plugins import load_host
    from ..settings import load_settings

    if args.k < 1:
        raise UserError("-k must be at least 1")
    text = sys.stdin.read() if args.text == "-" else args.text
    settings = load_settings()
    host = load_host(settings)
    model_id = args.model or settings.active_model
    model = host.load_model(model_id, args.model_dir)
    suggestions = model.predict(text, args.k)
    if args.json:
        print(json.dumps([s.to_json() for s in suggestions], indent=2))
    else:
        for s in suggestions:
            extra = (" " + " ".join(s.continuation)) if s.continuation else ""
            print(f"{s.word}{extra}\t{s.probability:.4f}")
    return 0
