"""docs/plugins.md documents every hook of hookspecs.py with its exact signature, and nothing else."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path
from types import ModuleType

from wordpad_ai import hookspecs

DOCS = Path(__file__).resolve().parents[1] / "docs" / "plugins.md"
HEADING = re.compile(r"^###\s+`(?P<name>\w+)(?P<args>\(.*\))`\s*$", re.MULTILINE)


def specs(module: ModuleType) -> dict[str, str]:
    """Hook specifications of ``module``: name -> signature such as ``(register)``."""
    marker = f"{hookspecs.PROJECT_NAME}_spec"
    return {name: str(inspect.signature(fn)) for name, fn in vars(module).items()
            if callable(fn) and hasattr(fn, marker)}


def documented(markdown: str) -> dict[str, str]:
    """Hook headings of the docs (``### `name(args)` ``): name -> signature."""
    return {m["name"]: m["args"] for m in HEADING.finditer(markdown)}


def problems(markdown: str, module: ModuleType) -> list[str]:
    have, docs = specs(module), documented(markdown)
    out = [f"{n}{s} is not documented in docs/plugins.md" for n, s in have.items() if n not in docs]
    out += [f"docs/plugins.md documents {n}{s}, which is not a hook" for n, s in docs.items() if n not in have]
    out += [f"{n}: docs say {docs[n]}, hookspecs.py says {s}" for n, s in have.items()
            if n in docs and docs[n] != s]
    return out


def test_every_hook_is_documented_with_its_exact_signature():
    assert specs(hookspecs), "no hook specifications found"
    assert problems(DOCS.read_text(encoding="utf-8"), hookspecs) == []


def test_the_check_catches_missing_drifted_and_unknown_hooks():
    text = DOCS.read_text(encoding="utf-8")
    name = "wordpad_ai_register_models"
    drifted = text.replace(f"### `{name}(register)`", f"### `{name}(register, settings)`")
    assert problems(drifted, hookspecs) == [f"{name}: docs say (register, settings), hookspecs.py says (register)"]
    missing = text.replace(f"### `{name}(register)`", "### Models")
    assert problems(missing, hookspecs) == [f"{name}(register) is not documented in docs/plugins.md"]
    extra = text + "\n### `wordpad_ai_gone(register)`\n"
    assert problems(extra, hookspecs) == ["docs/plugins.md documents wordpad_ai_gone(register), which is not a hook"]


def test_every_hook_has_a_docstring_and_the_project_prefix():
    for name in specs(hookspecs):
        assert name.startswith("wordpad_ai_")
        assert len(inspect.getdoc(getattr(hookspecs, name)) or "") > 80, name


def test_python_examples_in_the_docs_are_valid_python():
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) >= 2
    for block in blocks:
        ast.parse(block)
