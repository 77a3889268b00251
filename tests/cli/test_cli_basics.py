"""The ``wordpad-ai`` command, run as a subprocess: version, help everywhere, one-line user errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import wordpad_ai
from wordpad_ai.cli import COMMANDS, UserError, _gui_argv

SCRIPT = Path(sys.executable).with_name("wordpad-ai")
PLUGIN_ACTIONS = ("list", "install", "uninstall", "enable", "disable")


def wordpad(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert proc.stdout == ""
    return lines[0]


def test_version():
    proc = wordpad("--version")
    assert (proc.returncode, proc.stdout) == (0, f"wordpad-ai {wordpad_ai.__version__}\n")


@pytest.mark.parametrize("args", [["--help"], *([c, "--help"] for c in COMMANDS),
                                  *(["plugins", a, "--help"] for a in PLUGIN_ACTIONS)],
                         ids=lambda a: " ".join(a))
def test_help_of_every_command_exits_0(args):
    proc = wordpad(*args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("usage: wordpad-ai") and proc.stderr == ""
    if args[0] in ("--help", "suggest", "plugins"):
        assert "examples:" in proc.stdout


@pytest.mark.parametrize("args, message", [
    (["sugest", "foo"], "wordpad-ai: error: unknown command 'sugest' (and no file of that name); "
                        "did you mean 'suggest'?"),
    (["plugin", "list"], "did you mean 'plugins'?"),
    (["suggest", "-k", "0", "The "], "argument -k: must be at least 1, got 0"),
    (["suggest", "-k", "two", "The "], "argument -k: expected a positive whole number, got 'two'"),
    (["suggest", "--model", "nope", "The "], "wordpad-ai: error: no model with id 'nope' is registered"),
    (["suggest", "--model-dir", "/no/such/dir", "The "], "--model-dir /no/such/dir: no such folder"),
    (["suggest"], "the following arguments are required: text"),
    (["plugins"], "the following arguments are required: ACTION"),
    (["plugins", "frobnicate"], "invalid choice: 'frobnicate'"),
    (["plugins", "disable", "nope"], "wordpad-ai: error: no plugin named 'nope'; see 'wordpad-ai plugins list'"),
    (["plugins", "enable", "nope"], "wordpad-ai: error: no plugin named 'nope'; see 'wordpad-ai plugins list'"),
    (["plugins", "uninstall", "nope"], "wordpad-ai: error: no installed plugin named 'nope'"),
    (["plugins", "uninstall", "rnn"], "'rnn' is bundled with WordPad AI and cannot be uninstalled; "
                                      "use 'wordpad-ai plugins disable rnn'"),
    (["plugins", "install", "./no-such-plugin"], "wordpad-ai: error: no such file or folder: ./no-such-plugin"),
    (["plugins", "install", "/tmp/nothing-here.whl"], "no such file or folder: /tmp/nothing-here.whl"),
], ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_user_errors_exit_2_with_one_line(args, message, tmp_path):
    assert message in one_line_error(wordpad(*args, cwd=tmp_path))


def test_words_that_are_files_or_look_like_files_open_the_editor(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sugest").write_text("an existing file named like a typo")
    assert _gui_argv([]) == ["gui"]
    assert _gui_argv(["-v"]) == ["-v", "gui"]
    assert _gui_argv(["sugest"]) == ["gui", "sugest"]
    assert _gui_argv(["-v", "new-notes.txt", "b"]) == ["-v", "gui", "new-notes.txt", "b"]
    assert _gui_argv(["drafts/chapter"]) == ["gui", "drafts/chapter"]
    assert _gui_argv(["suggest", "x"]) == ["suggest", "x"]
    assert _gui_argv(["foo", "--help"]) == ["foo", "--help"]
    with pytest.raises(UserError, match="unknown command 'evalute'.*did you mean 'evaluate'"):
        _gui_argv(["evalute", "x.txt"])
    with pytest.raises(UserError, match="commands: gui, suggest"):
        _gui_argv(["zzz"])


def test_help_examples_name_only_plugins_and_models_users_have():
    for args in (["--help"], ["suggest", "--help"], ["plugins", "--help"], ["plugins", "install", "--help"]):
        text = wordpad(*args).stdout
        assert "bigram" not in text, args  # a test fixture, not something a user can install
    assert "plugin-template" in wordpad("--help").stdout
    assert "created when you save" in wordpad("--help").stdout
