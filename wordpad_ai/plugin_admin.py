"""Managing plugins: what ``wordpad-ai plugins`` and the Plugins window do, through the same functions.

:func:`list_plugins` (every plugin with its status), :func:`enable_plugin`, :func:`disable_plugin`,
:func:`install`, :func:`uninstall`, :func:`check_install_specs`, :func:`installed_plugin_packages`,
:func:`distribution_for`. After a change, restart the engine (``EngineClient.restart()``) so
that it loads the plugins anew.

:func:`list_plugins` loads the plugins in a child process (``wordpad-ai --plugin-probe``), so it
works even with a plugin installed that kills whatever imports it: that plugin is named by the
crash marker (``plugin_guard.py``), disabled, and the listing tried again. The GUI process never
imports third-party plugins; these functions are safe to call from it.
"""

from __future__ import annotations

import importlib
import importlib.metadata as md
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterable

from . import hookspecs
from .plugin_guard import ImportGuard, guard_dir
from .plugins import EXTRA_DISTRIBUTION, LOAD_ENV, PluginRecord, _normalise, find_records, load_host

PROBE_FLAG = "--plugin-probe"  # hidden flag of the wordpad-ai command: list plugins as JSON
PROBE_TIMEOUT_S = 45.0  # longest a child process may take to load every plugin (a hang: killed)
PROBE_ATTEMPTS = 6  # child processes tried; each one that dies names (and disables) one plugin


class PluginError(Exception):
    """A plugin-management step failed; the message says what to do."""


class PluginNotFound(PluginError, ValueError):
    """No plugin or package of that name; the message says where to look."""


# -- listing, enabling, disabling -----------------------------------------------------------------------------------
def probe_command() -> list[str]:
    """The command line of a child process that loads the plugins and prints their records."""
    if getattr(sys, "frozen", False):
        return [sys.executable, PROBE_FLAG]
    return [sys.executable, "-m", "wordpad_ai", PROBE_FLAG]


def probe_main() -> int:
    """The child process of :func:`list_plugins`: load plugins, print their records as JSON on
    the real stdout (what plugins print goes to stderr)."""
    sys.stdout.flush()
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    logging.basicConfig(stream=sys.stderr, level=logging.ERROR)
    host = load_host()
    records = [r.to_json(details=True) for r in host.records.values()]
    out.write(json.dumps({"records": records, "notices": host.notices}) + "\n")
    out.flush()
    return 0


def list_plugins(notices: list[str] | None = None) -> list[PluginRecord]:
    """Every plugin found, bundled first, with its status, error, hooks and models.

    The plugins are loaded in a child process: one that kills it (or hangs) is named by its
    marker, disabled, and the listing tried again, so this always returns. ``notices`` (if
    given) receives one line per plugin disabled that way."""
    last = ""
    for _ in range(PROBE_ATTEMPTS):
        try:
            proc = subprocess.run(probe_command(), capture_output=True, timeout=PROBE_TIMEOUT_S,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            last = f"loading the plugins took longer than {PROBE_TIMEOUT_S:g} s"
            continue  # the hanging plugin's marker names it on the next attempt
        lines = proc.stdout.decode("utf-8", "replace").strip().splitlines()
        if proc.returncode == 0 and lines:
            try:
                data = json.loads(lines[-1])
            except ValueError:
                data = None
            if isinstance(data, dict):
                if notices is not None:
                    notices.extend(data.get("notices", ()))
                records = [PluginRecord.from_json(r) for r in data["records"]]
                return sorted(records, key=lambda r: (not r.bundled, r.name))
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        last = f"exit status {proc.returncode}" + (f": {err[-1]}" if err else "")
        if notices is not None:
            notices.append(f"a plugin ended the process that loaded it ({last})")
    raise PluginError(f"the plugins could not be listed ({last}); start with {LOAD_ENV}=\"\" to load "
                     f"no third-party plugins, then uninstall the broken one")


def _disabled_keys(name: str, records: list[PluginRecord]) -> set[str]:
    """Every name that stands for ``name``'s plugins in the disabled list (normalised)."""
    found = find_records(records, name)
    return ({_normalise(name)} | {_normalise(r.name) for r in found}
            | {_normalise(r.distribution) for r in found})


def enable_plugin(name: str) -> str:
    """Enable the plugin (or every plugin of the package) ``name``: take it off the disabled
    list in the settings and out of the crash quarantine. Returns one line for the user;
    raises :class:`PluginNotFound` if no plugin of that name is known or disabled."""
    from .settings import load_settings, update_settings

    records = list_plugins()
    found = find_records(records, name)
    keys = _disabled_keys(name, records)
    disabled = load_settings().disabled_plugins
    keep = tuple(n for n in disabled if _normalise(n) not in keys)
    released = ImportGuard(guard_dir()).release([name, *(r.name for r in found)])
    if keep != disabled:
        update_settings(disabled_plugins=keep)
    elif not released:
        if not found:
            raise PluginNotFound(f"no plugin named {name!r}; see 'wordpad-ai plugins list'")
        return f"{name} is already enabled"
    return f"enabled {name}"


def disable_plugin(name: str) -> str:
    """Disable the plugin (or every plugin of the package) ``name``: it is not even imported
    any more. Returns one line for the user; raises :class:`PluginNotFound`."""
    from .settings import load_settings, update_settings

    found = find_records(list_plugins(), name)
    if not found:
        raise PluginNotFound(f"no plugin named {name!r}; see 'wordpad-ai plugins list'")
    if all(r.status == "disabled" for r in found):
        return f"{name} is already disabled"
    update_settings(disabled_plugins=(*load_settings().disabled_plugins, name))
    return f"disabled {name}"


# -- installing ---------------------------------------------------------------------------------
def pip_command(*args: str) -> list[str]:
    """pip in the app's own environment (like ``llm install``)."""
    return [sys.executable, "-m", "pip", *args]


def installed_plugin_packages() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Installed packages that provide plugins: name -> (version, plugin names). Reads package
    metadata only; imports nothing."""
    importlib.invalidate_caches()
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for dist in md.distributions():
        names = tuple(sorted(ep.name for ep in dist.entry_points if ep.group == hookspecs.ENTRY_POINT_GROUP))
        if names and dist.metadata["Name"]:
            out.setdefault(dist.metadata["Name"], (dist.version, names))
    return out


def _looks_like_path(spec: str) -> bool:
    return (os.sep in spec or "/" in spec or spec.startswith(".")
            or spec.endswith((".whl", ".zip", ".tar.gz", ".tgz"))) and "://" not in spec


def check_install_specs(specs: Iterable[str]) -> None:
    """Raise ValueError naming the first local path that does not exist."""
    for spec in specs:
        if _looks_like_path(spec) and not Path(spec).expanduser().exists():
            raise ValueError(f"no such file or folder: {spec}")


def install(specs: list[str], upgrade: bool = False, editable: bool = False) -> int:
    """pip-install ``specs`` into the app's environment; returns pip's exit status."""
    args = ["install"]
    if upgrade:
        args.append("--upgrade")
    for spec in specs:
        args += (["-e", spec] if editable else [spec])
    return subprocess.call(pip_command(*args))


def uninstall(names: list[str]) -> int:
    """pip-uninstall the packages ``names``; returns pip's exit status."""
    return subprocess.call(pip_command("uninstall", "-y", *names))


def distribution_for(name: str, records: Iterable[PluginRecord] | None = None) -> str | None:
    """The installed package that provides the plugin ``name`` (a plugin or package name), or
    None when no installed package provides a plugin of that name. ``records``: from
    :func:`list_plugins` (listed anew when None)."""
    records = list_plugins() if records is None else records
    for rec in find_records(records, name):
        if rec.distribution not in ("?", EXTRA_DISTRIBUTION):
            return rec.distribution
    for dist in installed_plugin_packages():
        if _normalise(dist) == _normalise(name):
            return dist
    return None
