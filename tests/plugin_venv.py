"""A real, fresh virtual environment with a non-editable wordpad-ai, for plugin install tests.

Building one from scratch would reinstall TensorFlow and Qt (minutes, and the network). Instead the
new venv gets a ``.pth`` file naming a folder of links to the development venv's third-party
packages only: everything except wordpad-ai itself (its dist-info, its editable finder) and any
other ``wordpad_ai`` plugin package. wordpad-ai is then built into a wheel from a copy of the
source tree and pip-installed *into the new venv*, so its console script, its entry points and
the plugins that ``wordpad-ai plugins install`` adds are that venv's own, as for a user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV_SITE = Path(sysconfig.get_paths()["purelib"])  # the development venv running the tests


def run(cmd: list, env=None, cwd=None, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run a command, capturing text output; with ``check``, fail with its output."""
    proc = subprocess.run([str(c) for c in cmd], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def _is_wordpad_distribution(entry: Path) -> bool:
    """True for dist-info folders of wordpad-ai or of any package with ``wordpad_ai`` plugins."""
    if not entry.name.endswith((".dist-info", ".egg-info")):
        return False
    if entry.name.lower().startswith(("wordpad_ai", "wordpad-ai")):
        return True
    eps = entry / "entry_points.txt"
    return eps.exists() and "[wordpad_ai]" in eps.read_text(encoding="utf-8", errors="replace")


def third_party_site(dest: Path) -> Path:
    """A folder of symlinks to the development venv's packages, without wordpad-ai and plugins."""
    dest.mkdir(parents=True, exist_ok=True)
    for entry in DEV_SITE.iterdir():
        name = entry.name.lower()
        if name.endswith(".pth") or name.startswith(("wordpad_ai", "wordpad-ai", "__editable__")) \
                or _is_wordpad_distribution(entry) or name == "__pycache__":
            continue
        (dest / entry.name).symlink_to(entry)
    return dest


def copy_project(source: Path, dest: Path) -> Path:
    """Copy a project folder without build leftovers (building then writes only in the copy)."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist"))
    return dest


def build_wheel(project: Path, out: Path) -> Path:
    """``pip wheel`` a project folder (use a copy: setuptools writes build/ into it) into ``out``."""
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", out, project])
    (wheel,) = [w for w in out.glob("*.whl") if w.name.split("-")[0] == source_name(project)]
    return wheel


def source_name(project: Path) -> str:
    import tomllib

    name = tomllib.loads((project / "pyproject.toml").read_text())["project"]["name"]
    return name.replace("-", "_")


def copy_app_source(dest: Path) -> Path:
    """The source tree as a checkout has it (no venv, git data, build output or tests)."""
    top_level_skip = {".git", ".venv", "build", "dist", "tests", "runs", "tmp", ".pytest_cache"}
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")

    def ignore(folder: str, names: list[str]) -> set[str]:
        here = set(skip(folder, names))
        return here | (top_level_skip & set(names) if Path(folder) == REPO else set())

    return Path(shutil.copytree(REPO, dest, ignore=ignore, symlinks=True))


@dataclass
class AppVenv:
    """A venv with wordpad-ai installed, and how to run its commands as a user would."""

    root: Path
    wheels: Path

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    def python(self, code: str) -> str:
        """Run Python code with this venv's interpreter, outside any source tree; its stdout."""
        return run([self.bin / "python", "-c", code], env=self.env(), cwd=self.root).stdout

    def env(self, **extra: str) -> dict:
        """The user's environment: this venv first on PATH, no development overrides, no index
        (every install here is local), the test's WORDPAD_AI_HOME."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WORDPAD_AI_", "PYTHON", "PIP_"))
               and k not in ("VIRTUAL_ENV",)}
        env.update(PATH=f"{self.bin}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(self.root),
                   WORDPAD_AI_HOME=os.environ.get("WORDPAD_AI_HOME", str(self.root / "home")),
                   PIP_NO_INDEX="1",
                   PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", TF_CPP_MIN_LOG_LEVEL="2")
        env.update(extra)
        return env

    def wordpad(self, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess:
        """Run this venv's ``wordpad-ai`` console script."""
        return run([self.bin / "wordpad-ai", *args], env=self.env(**env), check=check, cwd=self.root)


def make_app_venv(base: Path) -> AppVenv:
    """Create the venv under ``base`` (about 5 s: a venv without pip, a wheel, one install)."""
    deps = third_party_site(base / "third-party-site")
    root = base / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", root])
    purelib = run([root / "bin" / "python", "-c",
                   "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    (Path(purelib) / "_wordpad_test_third_party.pth").write_text(f"{deps}\n")
    wheels = base / "wheels"
    wheels.mkdir()
    app_wheel = build_wheel(copy_app_source(base / "wordpad-ai"), wheels)
    venv = AppVenv(root, wheels)
    run([root / "bin" / "python", "-m", "pip", "install", "-q", "--no-deps", "--no-index", app_wheel],
        env=venv.env())
    return venv
