"""``wordpad-ai plugins`` and ``suggest`` run as subprocesses, with plugins loaded from source
through WORDPAD_AI_EXTRA_PLUGINS (installing for real is tests/test_plugin_install.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wordpad_ai.settings import load_settings

SCRIPT = Path(sys.executable).with_name("wordpad-ai")
PLUGINS = Path(__file__).resolve().parents[1] / "fixtures" / "plugins"


@pytest.fixture
def with_plugins(monkeypatch):
    """bigram, a plugin whose hook raises and one that cannot be imported, from source."""
    folders = [PLUGINS / "wordpad-ai-bigram", PLUGINS / "broken_hook", PLUGINS / "broken_import"]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(map(str, folders)))
    monkeypatch.setenv("WORDPAD_AI_EXTRA_PLUGINS", "bigram=wordpad_ai_bigram,"
                       "broken_hook=wordpad_ai_broken_hook,broken_import=wordpad_ai_broken_import")


def wordpad(*args: str, expect: int = 0) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=120)
    assert proc.returncode == expect, (proc.stdout, proc.stderr)
    return proc


def statuses() -> dict[str, str]:
    return {p["name"]: p["status"] for p in json.loads(wordpad("plugins", "list", "--json").stdout)}


def test_list_shows_bundled_first_then_plugins_with_errors(with_plugins):
    out = wordpad("plugins", "list").stdout
    names = [line.split()[0] for line in out.splitlines() if not line.startswith(" ")]
    assert names == ["lstm", "rnn", "bigram", "broken_hook", "broken_import"]
    assert "broken_import ? ((WORDPAD_AI_EXTRA_PLUGINS)) - error\n" \
           "  error:   failed to load: ImportError: this plugin is broken on purpose\n" in out
    assert "  hooks:   wordpad_ai_register_models\n" \
           "  error:   wordpad_ai_register_models raised: RuntimeError: register_models exploded on purpose\n" in out


def test_a_broken_plugin_does_not_spam_other_commands(with_plugins):
    quiet = wordpad("suggest", "--model", "bigram", "In the morning the ")
    assert quiet.stdout.split("\t")[0] == "dog" and quiet.stderr == ""
    verbose = wordpad("-v", "suggest", "--model", "bigram", "In the morning the ")
    assert verbose.stderr.count("plugin broken_hook wordpad_ai_register_models raised") == 1
    error = wordpad("suggest", "--model", "nope", "x", expect=2).stderr
    assert "2 plugin(s) failed to load" in error and error.count("\n") == 1


def test_disable_and_enable_are_saved_in_the_settings(with_plugins):
    assert wordpad("plugins", "disable", "bigram").stdout == "disabled bigram\n"
    assert load_settings().disabled_plugins == ("bigram",)
    assert statuses()["bigram"] == "disabled"
    assert wordpad("plugins", "disable", "bigram").stdout == "bigram is already disabled\n"
    assert load_settings().disabled_plugins == ("bigram",)
    error = wordpad("suggest", "--model", "bigram", "The ", expect=2).stderr
    assert error == ("wordpad-ai: error: model 'bigram' is not available: plugin 'bigram' is disabled; "
                     "run 'wordpad-ai plugins enable bigram'\n")

    assert wordpad("plugins", "enable", "bigram").stdout == "enabled bigram\n"
    assert load_settings().disabled_plugins == ()
    assert wordpad("plugins", "enable", "bigram").stdout == "bigram is already enabled\n"
    assert statuses()["bigram"] == "enabled"


def test_disabling_a_broken_plugin_silences_it_and_bundled_ones_can_be_disabled(with_plugins):
    wordpad("plugins", "disable", "broken_import")
    wordpad("plugins", "disable", "rnn")
    got = statuses()
    assert got["broken_import"] == "disabled" and got["rnn"] == "disabled" and got["lstm"] == "enabled"
    assert "plugin 'rnn' is disabled" in wordpad("suggest", "--model", "rnn", "x", expect=2).stderr
    assert "(available: bigram, lstm; 1 plugin(s) failed to load)" in wordpad("suggest", "--model", "gru", "x", expect=2).stderr


def test_enable_of_a_name_only_in_the_disabled_list_works(with_plugins, monkeypatch):
    wordpad("plugins", "disable", "bigram")
    monkeypatch.delenv("WORDPAD_AI_EXTRA_PLUGINS")  # as if it was uninstalled meanwhile
    assert wordpad("plugins", "enable", "bigram").stdout == "enabled bigram\n"
    assert load_settings().disabled_plugins == ()
    wordpad("plugins", "enable", "bigram", expect=2)


def test_uninstall_refuses_plugins_that_are_not_installed(with_plugins):
    error = wordpad("plugins", "uninstall", "bigram", expect=2).stderr
    assert error == ("wordpad-ai: error: 'bigram' is loaded from WORDPAD_AI_EXTRA_PLUGINS, not "
                     "installed; remove it there\n")
    # a package that is installed but is no plugin is not uninstalled through this command
    error = wordpad("plugins", "uninstall", "pluggy", expect=2).stderr
    assert "no installed plugin named 'pluggy'" in error


def test_suggest_json_and_stdin(with_plugins):
    data = json.loads(wordpad("suggest", "--model", "bigram", "--json", "-k", "2", "In the morning the su").stdout)
    assert data == [{"word": "sun", "probability": data[0]["probability"], "prefix": "su", "continuation": []}]
    proc = subprocess.run([str(SCRIPT), "suggest", "--model", "bigram", "-k", "1", "-"], input="Thank you ",
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.split("\t")[0] == "for"
