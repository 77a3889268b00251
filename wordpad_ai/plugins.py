"""The plugin host: loads bundled and third-party plugins through one entry-point group.

Bundled plugins (``wordpad_ai_rnn``, ``wordpad_ai_lstm``) are declared as entry points of the
``wordpad-ai`` distribution itself, so they load exactly like third-party ones. A plugin that
fails to import, or raises inside a hook, is recorded with its error; the others and the app go
on. Disabled plugins are blocked before loading.

Environment:
  WORDPAD_AI_LOAD_PLUGINS   comma-separated plugin names: only these third-party plugins load
                            (empty string: none). Bundled plugins always load unless disabled.
  WORDPAD_AI_EXTRA_PLUGINS  comma-separated ``name=module`` pairs: plugin modules to load
                            without installing them (plugin development, tests).
  WORDPAD_AI_TRACE_HOOKS    set to 1 to log every hook call to stderr.
"""

from __future__ import annotations

import importlib.metadata as md
import logging
import os
import subprocess
import sys
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import pluggy

from . import hookspecs
from .api import ModelError, ModelInfo, NextWordModel

log = logging.getLogger(__name__)

LOAD_ENV = "WORDPAD_AI_LOAD_PLUGINS"
TRACE_ENV = "WORDPAD_AI_TRACE_HOOKS"
EXTRA_ENV = "WORDPAD_AI_EXTRA_PLUGINS"
EXTRA_DISTRIBUTION = "(" + EXTRA_ENV + ")"
APP_DISTRIBUTION = "wordpad-ai"


@dataclass
class PluginRecord:
    """What the host knows about one plugin (``wordpad-ai plugins list``)."""

    name: str  # entry-point name; the name users enable/disable
    distribution: str  # the installed package that provides it
    version: str
    module: str  # entry-point value
    bundled: bool  # shipped inside wordpad-ai
    status: str = "enabled"  # "enabled", "disabled", "not loaded", "error"
    error: str | None = None  # one line for the user
    details: str | None = None  # traceback, for --verbose and the log
    hooks: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "distribution": self.distribution,
            "version": self.version,
            "module": self.module,
            "bundled": self.bundled,
            "status": self.status,
            "error": self.error,
            "hooks": list(self.hooks),
            "models": list(self.models),
        }


def _extra_entry_points() -> list[md.EntryPoint]:
    """Entry points for the modules named in ``WORDPAD_AI_EXTRA_PLUGINS``."""
    eps = []
    for item in os.environ.get(EXTRA_ENV, "").split(","):
        item = item.strip()
        if not item:
            continue
        name, sep, module = item.partition("=")
        if not sep:  # a bare module path: name it after its last component
            module, name = name, name.rsplit(".", 1)[-1]
        eps.append(md.EntryPoint(name=name.strip(), value=module.strip(), group=hookspecs.ENTRY_POINT_GROUP))
    return eps


def _dist_of(ep: md.EntryPoint) -> tuple[str, str]:
    dist = getattr(ep, "dist", None)
    if dist is None:
        return "?", "?"
    return dist.metadata["Name"] or "?", dist.version or "?"


def _normalise(name: str) -> str:
    return name.lower().replace("_", "-")


class PluginHost:
    """A loaded set of plugins and the models and readers they registered."""

    def __init__(self, disabled: Iterable[str] = (), only: Iterable[str] | None = None,
                 entry_points: Iterable[md.EntryPoint] | None = None):
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.records: dict[str, PluginRecord] = {}
        self.models: dict[str, tuple[type[NextWordModel], str]] = {}
        self.readers: dict[str, tuple[Callable, str]] = {}
        if os.environ.get(TRACE_ENV):
            self.pm.trace.root.setwriter(lambda msg: sys.stderr.write(msg))
            self.pm.enable_tracing()
        self._load(
            disabled={_normalise(d) for d in disabled},
            only=None if only is None else {_normalise(o) for o in only},
            entry_points=entry_points,
        )

    # -- loading ----------------------------------------------------------------------------
    def _load(self, disabled: set[str], only: set[str] | None, entry_points) -> None:
        if entry_points is None:
            entry_points = list(md.entry_points(group=hookspecs.ENTRY_POINT_GROUP))
        extra = _extra_entry_points()
        entry_points = [*entry_points, *extra]
        extra_names = {ep.name for ep in extra}
        env = os.environ.get(LOAD_ENV)
        if env is not None:
            env_only = {_normalise(x) for x in env.split(",") if x.strip()}
            only = env_only if only is None else only & env_only
        seen: set[str] = set()
        for ep in sorted(entry_points, key=lambda e: e.name):
            if ep.name in seen:
                continue
            seen.add(ep.name)
            dist, version = _dist_of(ep)
            if ep.name in extra_names and dist == "?":
                dist = EXTRA_DISTRIBUTION
            bundled = _normalise(dist) == APP_DISTRIBUTION
            rec = PluginRecord(name=ep.name, distribution=dist, version=version, module=ep.value,
                               bundled=bundled)
            self.records[ep.name] = rec
            if _normalise(ep.name) in disabled or _normalise(dist) in disabled:
                self.pm.set_blocked(ep.name)
                rec.status = "disabled"
                continue
            if not bundled and ep.name not in extra_names and only is not None \
                    and _normalise(ep.name) not in only and _normalise(dist) not in only:
                rec.status = "not loaded"
                rec.error = f"not in {LOAD_ENV}"
                continue
            try:
                plugin = ep.load()
                self.pm.register(plugin, name=ep.name)
            except BaseException as exc:  # a plugin must never take the app down
                if isinstance(exc, KeyboardInterrupt):
                    raise
                self._fail(rec, "failed to load", exc)
                try:
                    self.pm.unregister(name=ep.name)
                except Exception:
                    pass
                continue
            rec.hooks = sorted(
                hc.name for hc in self.pm.get_hookcallers(plugin) or ()
            )
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            plugin_name = self.pm.get_name(exc.plugin) if exc.plugin else None
            if plugin_name in self.records:
                self._fail(self.records[plugin_name], "unknown hook", exc)
                self.pm.unregister(name=plugin_name)
        self._collect_models()
        self._collect_readers()

    def _fail(self, rec: PluginRecord, what: str, exc: BaseException) -> None:
        rec.status = "error"
        rec.error = f"{what}: {type(exc).__name__}: {exc}"
        rec.details = "".join(traceback.format_exception(exc))
        log.warning("plugin %s %s", rec.name, rec.error)

    def _call_each(self, hook_name: str, **kwargs: Any) -> None:
        """Call every implementation of a hook separately, so one failing plugin is recorded and
        the rest still run. Implementations get only the arguments they name."""
        caller = getattr(self.pm.hook, hook_name)
        for impl in reversed(caller.get_hookimpls()):
            rec = self.records.get(impl.plugin_name)
            if rec is not None and rec.status == "error":
                continue
            args = {name: kwargs[name] for name in impl.argnames if name in kwargs}
            if os.environ.get(TRACE_ENV):
                sys.stderr.write(f"wordpad_ai: {hook_name} -> {impl.plugin_name}\n")
            try:
                impl.function(**args)
            except Exception as exc:
                if rec is not None:
                    self._fail(rec, f"{hook_name} raised", exc)
                else:
                    log.warning("plugin %s: %s raised %r", impl.plugin_name, hook_name, exc)

    def _collect_models(self) -> None:
        current: list[str] = []

        def register(model_class: type[NextWordModel]) -> None:
            plugin = current[0]
            if not (isinstance(model_class, type) and issubclass(model_class, NextWordModel)):
                raise TypeError(f"register() needs a NextWordModel subclass, got {model_class!r}")
            model_id = model_class.model_id
            if not model_id:
                raise ValueError(f"{model_class.__name__} has no model_id")
            if model_id in self.models:
                other = self.models[model_id][1]
                raise ValueError(f"model id {model_id!r} is already registered by plugin {other!r}")
            self.models[model_id] = (model_class, plugin)
            if plugin in self.records:
                self.records[plugin].models.append(model_id)

        caller = self.pm.hook.wordpad_ai_register_models
        for impl in reversed(caller.get_hookimpls()):
            current[:] = [impl.plugin_name]
            rec = self.records.get(impl.plugin_name)
            if rec is not None and rec.status == "error":
                continue
            if os.environ.get(TRACE_ENV):
                sys.stderr.write(f"wordpad_ai: wordpad_ai_register_models -> {impl.plugin_name}\n")
            try:
                impl.function(**({"register": register} if "register" in impl.argnames else {}))
            except Exception as exc:
                if rec is not None:
                    self._fail(rec, "wordpad_ai_register_models raised", exc)
                    for model_id in rec.models:
                        self.models.pop(model_id, None)
                    rec.models.clear()

    def _collect_readers(self) -> None:
        current: list[str] = []

        def register(extensions, read) -> None:
            if isinstance(extensions, str):
                extensions = (extensions,)
            for ext in extensions:
                ext = ext.lower() if ext.startswith(".") else "." + ext.lower()
                self.readers[ext] = (read, current[0])

        caller = self.pm.hook.wordpad_ai_register_readers
        for impl in reversed(caller.get_hookimpls()):
            current[:] = [impl.plugin_name]
            rec = self.records.get(impl.plugin_name)
            if rec is not None and rec.status == "error":
                continue
            try:
                impl.function(**({"register": register} if "register" in impl.argnames else {}))
            except Exception as exc:
                if rec is not None:
                    self._fail(rec, "wordpad_ai_register_readers raised", exc)

    # -- queries ----------------------------------------------------------------------------
    def model_infos(self) -> list[ModelInfo]:
        return [cls.info(plugin) for cls, plugin in self.models.values()]

    def model_class(self, model_id: str) -> type[NextWordModel]:
        try:
            return self.models[model_id][0]
        except KeyError:
            known = ", ".join(sorted(self.models)) or "none"
            raise ModelError(
                f"no model with id {model_id!r} is registered (available: {known}); "
                f"see 'wordpad-ai plugins list'"
            ) from None

    def load_model(self, model_id: str, path=None) -> NextWordModel:
        cls = self.model_class(model_id)
        return cls.load(None if path is None else path)


def load_host(settings=None) -> PluginHost:
    """Load plugins as the user configured them (disabled list from settings)."""
    from .settings import load_settings

    settings = settings or load_settings()
    return PluginHost(disabled=settings.disabled_plugins)


# -- installing ---------------------------------------------------------------------------------
def pip_command(*args: str) -> list[str]:
    """pip in the app's own environment (like ``llm install``)."""
    return [sys.executable, "-m", "pip", *args]


def install(specs: list[str], upgrade: bool = False, editable: bool = False) -> int:
    args = ["install"]
    if upgrade:
        args.append("--upgrade")
    for spec in specs:
        args += (["-e", spec] if editable else [spec])
    return subprocess.call(pip_command(*args))


def uninstall(names: list[str]) -> int:
    return subprocess.call(pip_command("uninstall", "-y", *names))


def distribution_for(name: str, host: PluginHost | None = None) -> str | None:
    """Map a plugin name (entry-point name) or distribution name to an installed distribution."""
    host = host or PluginHost()
    for rec in host.records.values():
        if _normalise(rec.name) == _normalise(name) or _normalise(rec.distribution) == _normalise(name):
            return rec.distribution
    try:
        return md.distribution(name).metadata["Name"]
    except md.PackageNotFoundError:
        return None
