"""``wordpad-ai [gui] [FILE...]``: open the editor."""

from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser("gui", help="open the editor (the default command)",
                       description="Open the WordPad AI editor, optionally with files.")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="documents to open; a name that does not exist yet starts a new document "
                        "of that name, created when you save it")
    p.add_argument("--self-check", action="store_true",
                   help="open the window offscreen, wait for the first suggestion for \"The \", "
                        "print it and exit (0 = ok); used by packaging")
    p.set_defaults(run=run)


def run(args) -> int:
    if getattr(args, "self_check", False):
        from ..ui.app import self_check

        return self_check()
    from ..ui.app import run_app

    return run_app(args.files)
