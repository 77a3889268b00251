"""The ``wordpad-ai`` command line.

``wordpad-ai`` with no command opens the editor; the other commands live one per module in this
package, each with ``add_parser(subparsers)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from .. import __version__
from ..api import ModelError

# one module per command, in the order ``--help`` lists them
COMMANDS = ("gui", "suggest", "train", "evaluate", "plugins")


class UserError(Exception):
    """Something the user can fix; printed as one line, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wordpad-ai",
        description="WordPad AI: a text editor that predicts your next word and learns from your "
        "own documents. Run without a command to open the editor.",
    )
    parser.add_argument("--version", action="version", version=f"wordpad-ai {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}_cmd").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    # ``wordpad-ai`` and ``wordpad-ai FILE`` open the editor
    commands = set(COMMANDS)
    first = next((a for a in argv if not a.startswith("-")), None)
    if first is None or first not in commands:
        if not any(a in ("-h", "--help", "--version") for a in argv):
            argv = ["gui", *argv]
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.run(args) or 0)
    except (UserError, ModelError) as exc:
        print(f"wordpad-ai: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("wordpad-ai: interrupted", file=sys.stderr)
        return 130
