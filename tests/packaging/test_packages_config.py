"""pyproject.toml's ``packages`` list names every folder that ships files (issue 13 item 14):
setuptools warns "package … is absent from the packages configuration" for each one it has to
guess, and pip printed four walls of those on every install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")


def test_every_shipped_folder_is_a_listed_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    roots = config["package-dir"]
    missing = []
    for top, folder in roots.items():
        for sub in sorted((ROOT / folder).rglob("*")):
            if not sub.is_dir() or "__pycache__" in sub.parts or not sub.name.isidentifier():
                continue
            if not any(f.is_file() for f in sub.iterdir()):
                continue
            name = ".".join((top, *sub.relative_to(ROOT / folder).parts))
            if name not in listed:
                missing.append(name)
    assert missing == []
