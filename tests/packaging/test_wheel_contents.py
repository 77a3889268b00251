"""The built wheel carries the app, the bundled plugins, the shipped models and the entry points.

Builds one wheel (``pip wheel --no-deps --no-build-isolation``, ~5-10 s) from a copy of the source
tree, into which a synthetic model directory is added, so the package-data globs are checked
even before the real default models are trained; real ``models/<id>/`` folders are checked too.
The full check (sdist → wheel → fresh venv → run) is ``packaging/check_wheel.sh`` (slow marker).
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SOURCE_PARTS = ("pyproject.toml", "README.md", "MANIFEST.in", "wordpad_ai", "plugins", "models")
FAKE_MODEL = {  # a model dir as neural/modeldir.py writes it, plus a card and a nested file
    "config.json": "{}", "vocab.json": "[]", "case.json": "{}", "lexicon.json": "{}",
    "weights.npz": "npz", "MODEL_CARD.md": "# card", "extra/notes.txt": "nested",
}
# source package folder → its name in the wheel (as [tool.setuptools.package-dir] maps them)
ROOTS = {"wordpad_ai": "wordpad_ai", "plugins/wordpad_ai_rnn": "wordpad_ai_rnn",
         "plugins/wordpad_ai_lstm": "wordpad_ai_lstm", "models": "wordpad_ai_models"}
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist", "*.tmp")


def _shipped_model_dirs() -> list[Path]:
    models = REPO / "models"
    return sorted(p for p in models.iterdir() if p.is_dir() and (p / "config.json").exists())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    src = tmp_path_factory.mktemp("src")
    for part in SOURCE_PARTS:
        path = REPO / part
        if path.is_dir():
            shutil.copytree(path, src / part, ignore=IGNORED)
        elif path.exists():
            shutil.copy2(path, src / part)
    for name, text in FAKE_MODEL.items():
        (src / "models" / "zz_fake" / name).parent.mkdir(parents=True, exist_ok=True)
        (src / "models" / "zz_fake" / name).write_text(text)
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                           "--no-index", "-w", str(out), str(src)], capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, f"pip wheel failed:\n{proc.stdout}\n{proc.stderr}"
    (path,) = out.glob("wordpad_ai-*.whl")
    with zipfile.ZipFile(path) as zf:
        yield zf


def _names(wheel: zipfile.ZipFile) -> set[str]:
    return set(wheel.namelist())


def _dist_info(wheel: zipfile.ZipFile, name: str) -> str:
    (path,) = [n for n in wheel.namelist() if n.endswith(f".dist-info/{name}")]
    return wheel.read(path).decode()


def test_every_source_package_and_module_is_in_the_wheel(wheel):
    names = _names(wheel)
    missing = []
    for root, target in ROOTS.items():
        for py in (REPO / root).rglob("*.py"):
            rel = py.relative_to(REPO / root)
            if "__pycache__" in rel.parts or rel.parts[0].startswith("."):
                continue
            if not all((REPO / root / Path(*rel.parts[:i]) / "__init__.py").exists()
                       for i in range(len(rel.parts))):
                continue  # a script in a plain folder, not part of a package
            if f"{target}/{rel.as_posix()}" not in names:
                missing.append(f"{root}/{rel.as_posix()}")
    assert not missing, "not in the wheel (add the package to [tool.setuptools] packages in " \
                        f"pyproject.toml): {missing}"


def test_bundled_plugins_are_inside(wheel):
    names = _names(wheel)
    for plugin in ("wordpad_ai_rnn", "wordpad_ai_lstm"):
        assert {f"{plugin}/__init__.py", f"{plugin}/plugin.py", f"{plugin}/cell.py"} <= names


def test_every_model_file_is_inside(wheel):
    names = _names(wheel)
    expected = [f"wordpad_ai_models/zz_fake/{n}" for n in FAKE_MODEL]
    for model in _shipped_model_dirs():
        expected += [f"wordpad_ai_models/{p.relative_to(REPO / 'models').as_posix()}"
                     for p in model.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    missing = [n for n in expected if n not in names]
    assert not missing, f"model files missing (widen [tool.setuptools.package-data] wordpad_ai_models): {missing}"


def test_resources_are_inside_and_no_bytecode(wheel):
    names = _names(wheel)
    assert {"wordpad_ai/ui/resources/wordpad-ai.svg",
            "wordpad_ai/resources/org.wordpad_ai.WordPadAI.desktop",
            "wordpad_ai/resources/org.wordpad_ai.WordPadAI.metainfo.xml"} <= names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_entry_points(wheel):
    eps = configparser.ConfigParser()
    eps.read_string(_dist_info(wheel, "entry_points.txt"))
    assert dict(eps["wordpad_ai"]) == {"rnn": "wordpad_ai_rnn.plugin", "lstm": "wordpad_ai_lstm.plugin"}
    assert eps["console_scripts"]["wordpad-ai"] == "wordpad_ai.cli:main"
    assert eps["gui_scripts"]["wordpad-ai-gui"] == "wordpad_ai.ui.app:main"


def test_metadata_declares_the_light_dependencies(wheel):
    meta = _dist_info(wheel, "METADATA")
    requires = [line.split(":", 1)[1].strip() for line in meta.splitlines() if line.startswith("Requires-Dist:")]
    assert any(r.startswith("tensorflow-cpu") and "linux" in r and "x86_64" in r for r in requires)
    assert any(r.startswith("PySide6-Essentials") for r in requires)
    assert not any(r.split(">")[0].split(";")[0].strip() == "PySide6" for r in requires), \
        "the full PySide6 meta-package pulls in ~1 GB we do not use; depend on Essentials/Addons"
