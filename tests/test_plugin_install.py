"""A real third-party plugin, installed for real: built into a wheel, ``wordpad-ai plugins install``ed
into a fresh virtual environment with its own non-editable wordpad-ai, and driven through that
venv's ``wordpad-ai`` console script as a user would (see ``plugin_venv.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plugin_venv import AppVenv, build_wheel, copy_project, make_app_venv, run

PLUGINS = Path(__file__).parent / "fixtures" / "plugins"
BIGRAM_SRC = PLUGINS / "wordpad-ai-bigram"
MORNING = "In the morning the "

BROKEN_PYPROJECT = """\
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "wordpad-ai-broken"
version = "0.0.1"
dependencies = ["wordpad-ai"]

[project.entry-points.wordpad_ai]
broken-hook = "wordpad_ai_broken_hook"
broken-import = "wordpad_ai_broken_import"

[tool.setuptools]
py-modules = ["wordpad_ai_broken_hook", "wordpad_ai_broken_import"]
"""


@pytest.fixture(scope="module")
def app_venv(tmp_path_factory) -> AppVenv:
    return make_app_venv(tmp_path_factory.mktemp("app"))


@pytest.fixture(scope="module")
def bigram_wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bigram")
    return build_wheel(copy_project(BIGRAM_SRC, out / "wordpad-ai-bigram"), out)


@pytest.fixture(scope="module")
def broken_wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("broken")
    project = out / "wordpad-ai-broken"
    project.mkdir()
    (project / "pyproject.toml").write_text(BROKEN_PYPROJECT)
    for name in ("broken_hook", "broken_import"):
        module = f"wordpad_ai_{name}.py"
        (project / module).write_text((PLUGINS / name / module).read_text())
    return build_wheel(project, out)


def plugins(venv: AppVenv, **env: str) -> dict[str, dict]:
    out = venv.wordpad("plugins", "list", "--json", **env)
    assert out.stderr == ""
    return {p["name"]: p for p in json.loads(out.stdout)}


def suggestions(venv: AppVenv, text: str, **env: str) -> list[tuple[str, float]]:
    out = venv.wordpad("suggest", "--model", "bigram", "-k", "3", text, **env)
    assert out.stderr == ""  # no plugin warnings on a command that works
    rows = [line.split("\t") for line in out.stdout.splitlines()]
    return [(word, float(p)) for word, p in rows]


def one_line_error(proc) -> str:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_the_venv_runs_its_own_wordpad_ai_and_sees_only_its_own_plugins(app_venv):
    out = app_venv.python(
        "import json, importlib.metadata as md, shutil, wordpad_ai\n"
        "eps = md.entry_points(group='wordpad_ai')\n"
        "print(json.dumps({'module': wordpad_ai.__file__, 'script': shutil.which('wordpad-ai'),\n"
        "  'eps': sorted([ep.name, str(ep.dist._path)] for ep in eps)}))")
    seen = json.loads(out)
    root = str(app_venv.root)
    assert seen["module"].startswith(root) and seen["script"].startswith(root)
    assert [name for name, _ in seen["eps"]] == ["lstm", "rnn"]
    assert all(path.startswith(root) for _, path in seen["eps"]), seen["eps"]
    listed = plugins(app_venv)
    assert {n: (p["bundled"], p["status"]) for n, p in listed.items()} == \
        {"lstm": (True, "enabled"), "rnn": (True, "enabled")}


def test_install_list_suggest_disable_enable_uninstall(app_venv, bigram_wheel):
    out = app_venv.wordpad("plugins", "install", str(bigram_wheel))
    assert "installed wordpad-ai-bigram 1.2.0: plugin bigram" in out.stdout
    assert app_venv.python("import wordpad_ai_bigram; print(wordpad_ai_bigram.__file__)") \
        .startswith(str(app_venv.root))

    bigram = plugins(app_venv)["bigram"]
    assert bigram == {
        "name": "bigram", "distribution": "wordpad-ai-bigram", "version": "1.2.0",
        "module": "wordpad_ai_bigram", "bundled": False, "status": "enabled", "error": None,
        "hooks": ["wordpad_ai_register_models"], "models": ["bigram"], "readers": [],
    }
    text = app_venv.wordpad("plugins", "list").stdout
    assert "bigram 1.2.0 (wordpad-ai-bigram) - enabled\n  models:  bigram\n" in text

    # real suggestions from the fixture corpus: "the" is followed by "dog" most often
    words = suggestions(app_venv, MORNING)
    assert [w for w, _ in words][0] == "dog" and len(words) == 3
    assert all(0 < p < 1 for _, p in words) and words == sorted(words, key=lambda wp: -wp[1])
    assert suggestions(app_venv, "In the morning the su")[0][0] == "sun"

    assert app_venv.wordpad("plugins", "disable", "bigram").stdout == "disabled bigram\n"
    assert plugins(app_venv)["bigram"]["status"] == "disabled"
    error = one_line_error(app_venv.wordpad("suggest", "--model", "bigram", MORNING, check=False))
    assert error == ("wordpad-ai: error: model 'bigram' is not available: plugin 'bigram' is "
                     "disabled; run 'wordpad-ai plugins enable bigram'")

    assert app_venv.wordpad("plugins", "enable", "bigram").stdout == "enabled bigram\n"
    assert plugins(app_venv)["bigram"]["status"] == "enabled"
    assert suggestions(app_venv, MORNING)[0][0] == "dog"

    refused = one_line_error(app_venv.wordpad("plugins", "uninstall", "lstm", check=False))
    assert "bundled with WordPad AI and cannot be uninstalled" in refused
    app_venv.wordpad("plugins", "uninstall", "wordpad-ai-bigram")
    assert set(plugins(app_venv)) == {"lstm", "rnn"}
    error = one_line_error(app_venv.wordpad("suggest", "--model", "bigram", MORNING, check=False))
    assert "no model with id 'bigram' is registered (available: lstm, rnn)" in error
    assert not list(Path(app_venv.python("import sysconfig; print(sysconfig.get_paths()['purelib'])")
                         .strip()).glob("wordpad_ai_bigram*"))


def test_installed_broken_plugins_are_listed_with_errors_while_bigram_works(app_venv, bigram_wheel, broken_wheel):
    app_venv.wordpad("plugins", "install", str(bigram_wheel), str(broken_wheel))
    try:
        listed = plugins(app_venv)
        assert listed["broken-import"]["status"] == "error"
        assert listed["broken-import"]["error"] == \
            "failed to load: ImportError: this plugin is broken on purpose"
        assert listed["broken-hook"]["status"] == "error"
        assert listed["broken-hook"]["error"] == ("wordpad_ai_register_models raised: "
                                                  "RuntimeError: register_models exploded on purpose")
        assert listed["bigram"]["status"] == "enabled"
        assert suggestions(app_venv, MORNING)[0][0] == "dog"
        text = app_venv.wordpad("plugins", "list").stdout
        assert "broken-hook 0.0.1 (wordpad-ai-broken) - error\n" in text
        assert "Traceback" in app_venv.wordpad("plugins", "list", "--all").stdout

        # WORDPAD_AI_LOAD_PLUGINS: "" loads no third-party plugin, a name loads only that one
        none = plugins(app_venv, WORDPAD_AI_LOAD_PLUGINS="")
        assert {n: p["status"] for n, p in none.items()} == {
            "lstm": "enabled", "rnn": "enabled", "bigram": "not loaded",
            "broken-hook": "not loaded", "broken-import": "not loaded"}
        error = one_line_error(app_venv.wordpad("suggest", "--model", "bigram", MORNING, check=False,
                                                WORDPAD_AI_LOAD_PLUGINS=""))
        assert "plugin 'bigram' not loaded: not in WORDPAD_AI_LOAD_PLUGINS" in error
        only = plugins(app_venv, WORDPAD_AI_LOAD_PLUGINS="bigram")
        assert only["bigram"]["status"] == "enabled" and only["broken-hook"]["status"] == "not loaded"
        assert suggestions(app_venv, MORNING, WORDPAD_AI_LOAD_PLUGINS="bigram")[0][0] == "dog"
    finally:
        app_venv.wordpad("plugins", "uninstall", "broken-hook", "bigram")
    assert set(plugins(app_venv)) == {"lstm", "rnn"}


def test_the_plugin_template_installs_from_its_folder_and_its_tests_pass(app_venv, tmp_path):
    template = copy_project(Path(__file__).resolve().parents[1] / "packaging" / "plugin-template",
                            tmp_path / "wordpad-ai-unigram")
    # a folder is built by pip; no index here, so build with the venv's setuptools
    out = app_venv.wordpad("plugins", "install", str(template), PIP_NO_BUILD_ISOLATION="0")
    assert "installed wordpad-ai-unigram 0.1.0: plugin unigram" in out.stdout
    try:
        unigram = plugins(app_venv)["unigram"]
        assert (unigram["status"], unigram["version"], unigram["models"]) == ("enabled", "0.1.0", ["unigram"])
        out = app_venv.wordpad("suggest", "--model", "unigram", "-k", "1", "I water the pl")
        assert out.stdout.split("\t")[0] == "plants" and out.stderr == ""
        # the template's own tests, run as its README says, in the venv it is installed in
        result = run([app_venv.bin / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                     env=app_venv.env(PYTEST_DISABLE_PLUGIN_AUTOLOAD="1"), cwd=template, check=False)
        assert result.returncode == 0 and "8 passed" in result.stdout, result.stdout + result.stderr
    finally:
        app_venv.wordpad("plugins", "uninstall", "unigram")
    assert "unigram" not in plugins(app_venv)
