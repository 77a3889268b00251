"""The ``wordpad-ai`` command line.

``wordpad-ai`` with no command opens the editor; the other commands live one per module in this
package, each with ``add_parser(subparsers)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import logging
import os
import sys

from .. import __version__
from ..api import ModelError

# one module per command, in the order ``--help`` lists them
COMMANDS = ("gui", "suggest", "train", "evaluate", "plugins")


class UserError(Exception):
    """Something the user can fix; printed as one line, exit status 2."""


class ArgumentParser(argparse.ArgumentParser):
    """argparse with one-line errors: ``wordpad-ai suggest: error: ...; see --help``, exit 2.

    Sub-command parsers inherit it (argparse creates them with the parent's class), and examples
    in an ``epilog`` keep their line breaks."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message}; see '{self.prog} --help'\n")


def positive_int(text: str) -> int:
    """argparse type for counts such as ``-k``."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


EPILOG = """examples:
  wordpad-ai                          open the editor
  wordpad-ai notes.txt                open notes.txt in the editor (a new document of that
                                      name if it does not exist yet, created when you save)
  wordpad-ai suggest "In the morning the "
  wordpad-ai plugins list
  wordpad-ai plugins install ./my-plugin
                                      install a plugin from its folder (start one from the
                                      template 'wordpad-ai-unigram' in packaging/plugin-template)

Run 'wordpad-ai COMMAND --help' for a command's options."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or with ``only`` a parser that knows just that command (what a run of
    that command needs: the editor starts without importing every other command's module)."""
    parser = ArgumentParser(
        prog="wordpad-ai",
        description="WordPad AI: a text editor that predicts your next word and learns from your "
        "own documents. Run without a command to open the editor.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"wordpad-ai {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    desktop = parser.add_mutually_exclusive_group()  # Linux menus: see wordpad_ai/desktop.py
    desktop.add_argument("--install-desktop-entry", dest="desktop_entry", action="store_const",
                         const="--install-desktop-entry",
                         help="add WordPad AI to the desktop's application menu (this user)")
    desktop.add_argument("--uninstall-desktop-entry", dest="desktop_entry", action="store_const",
                         const="--uninstall-desktop-entry",
                         help="remove what --install-desktop-entry added")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        importlib.import_module(f"{__name__}.{name}_cmd").add_parser(sub)
    return parser


def _command_of(argv: list[str]) -> str | None:
    """The command a routed argv runs, when its parser alone can parse it (no help asked for)."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return None
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first in COMMANDS else None


def _gui_argv(argv: list[str]) -> list[str]:
    """Route ``wordpad-ai [FILE...]`` to the ``gui`` command.

    A first word that is no command opens the editor only when it names an existing file or
    looks like a file name (has a folder or an extension, so ``wordpad-ai new.txt`` creates a
    document); anything else, like the typo ``wordpad-ai sugest``, is an unknown command."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return argv
    at = next((i for i, a in enumerate(argv) if not a.startswith("-")), len(argv))
    first = argv[at] if at < len(argv) else None
    if first in COMMANDS:
        return argv
    if first is None or os.path.exists(first) or "." in os.path.basename(first) \
            or os.sep in first or "/" in first:
        return [*argv[:at], "gui", *argv[at:]]
    close = difflib.get_close_matches(first, COMMANDS, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f"; commands: {', '.join(COMMANDS)}"
    raise UserError(f"unknown command '{first}' (and no file of that name){hint}")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--engine-server"]:  # hidden: the engine process of a frozen (PyInstaller) app
        from ..engine.server import main as engine_main

        return engine_main(argv[1:])
    if argv[:1] == ["--trainer-process"]:  # hidden: the training runner of a frozen app
        from ..training.runner import main as runner_main

        return runner_main(argv[1:])
    if argv[:1] == ["--plugin-probe"]:  # hidden: the child process of plugin_admin.list_plugins()
        from ..plugin_admin import probe_main

        return probe_main()
    try:
        argv = _gui_argv(argv)
    except UserError as exc:
        print(f"wordpad-ai: error: {exc}", file=sys.stderr)
        return 2
    parser = build_parser(only=_command_of(argv))
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        # plugin failures are shown by 'plugins list' and named in errors that they cause;
        # repeating them on every command's stderr would only be noise
        logging.getLogger("wordpad_ai.plugins").setLevel(logging.ERROR)
    if getattr(args, "desktop_entry", None):
        from ..desktop import run_flag

        return run_flag(args.desktop_entry)
    try:
        return int(args.run(args) or 0)
    except (UserError, ModelError) as exc:
        print(f"wordpad-ai: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("wordpad-ai: interrupted", file=sys.stderr)
        return 130
