"""``wordpad-ai [gui] [FILE...]``: open the editor."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser("gui", help="open the editor (the default command)",
                       description="Open the WordPad AI editor, optionally with files.")
    p.add_argument("files", nargs="*", metavar="FILE", help="documents to open")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..ui.app import run_app

    return run_app(args.files)
