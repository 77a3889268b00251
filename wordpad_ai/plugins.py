"""The plugin host: loads bundled and third-party plugins through one entry-point group.

Bundled plugins (``wordpad_ai_rnn``, ``wordpad_ai_lstm``) are declared as entry points of the
``wordpad-ai`` distribution itself, so they load exactly like third-party ones. A plugin that
fails to import (even with ``SystemExit``), registers no or unknown hooks, raises inside a hook or
registers something invalid is recorded with its error and unregistered; the others and the app
go on. Disabled plugins are blocked before loading. A plugin that *kills* the process while it is
imported or registers (``os._exit``, a crash, a hang ended by a kill) is named by a marker file
and disabled on the next load (``plugin_guard.py``).

Managing plugins (list in a child process, enable, disable, install, uninstall) is
``plugin_admin.py``.

Environment:
  WORDPAD_AI_LOAD_PLUGINS   comma-separated plugin (or package) names: only these third-party
                            plugins load; an empty string loads none. Bundled plugins always
                            load unless disabled. Use it to start the app with a broken plugin
                            installed, then ``wordpad-ai plugins uninstall`` it.
  WORDPAD_AI_EXTRA_PLUGINS  comma-separated ``name=module`` pairs (or bare module paths): plugin
                            modules to load without installing them (plugin development, tests).
  WORDPAD_AI_TRACE_HOOKS    set to 1 to write every hook call to stderr.
"""

from __future__ import annotations

import contextlib
import difflib
import importlib.metadata as md
import logging
import os
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import pluggy

from . import hookspecs
from .api import ModelError, ModelInfo, NextWordModel
from .plugin_guard import ImportGuard, crash_message, guard_dir

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
    hooks: list[str] = field(default_factory=list)  # hook names the plugin implements
    models: list[str] = field(default_factory=list)  # model ids it registered
    readers: list[str] = field(default_factory=list)  # file extensions it registered

    def to_json(self, details: bool = False) -> dict:
        data = {
            "name": self.name,
            "distribution": self.distribution,
            "version": self.version,
            "module": self.module,
            "bundled": self.bundled,
            "status": self.status,
            "error": self.error,
            "hooks": list(self.hooks),
            "models": list(self.models),
            "readers": list(self.readers),
        }
        if details:
            data["details"] = self.details
        return data

    @classmethod
    def from_json(cls, data: dict) -> "PluginRecord":
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


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
    return name.strip().lower().replace("_", "-").replace(".", "-")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _fatal(exc: BaseException) -> bool:
    """Exceptions a plugin must not swallow: the user pressing Ctrl+C."""
    return isinstance(exc, KeyboardInterrupt)


class PluginHost:
    """A loaded set of plugins and the models and readers they registered.

    ``disabled``: plugin or package names blocked before loading (the user's settings).
    ``only``: if given, only these third-party plugins load (combined with the environment).
    ``entry_points``: use these instead of the installed ones (tests).
    ``guard``: markers naming the third-party plugin being loaded, and the quarantine of those
    that killed a process (:func:`load_host` passes the user's; None: no markers).
    """

    def __init__(self, disabled: Iterable[str] = (), only: Iterable[str] | None = None,
                 entry_points: Iterable[md.EntryPoint] | None = None, guard: ImportGuard | None = None):
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.records: dict[str, PluginRecord] = {}
        self.models: dict[str, tuple[type[NextWordModel], str]] = {}
        self.readers: dict[str, tuple[Callable, str]] = {}
        self._entry_points: dict[str, md.EntryPoint] = {}
        self._guard = guard
        self.notices: list[str] = []  # one line each for the user: plugins disabled by this load
        self._trace = bool(os.environ.get(TRACE_ENV))
        if self._trace:
            self.pm.trace.root.setwriter(sys.stderr.write)
            self.pm.enable_tracing()
        self._load(
            disabled={_normalise(d) for d in disabled},
            only=None if only is None else {_normalise(o) for o in only},
            entry_points=entry_points,
        )

    # -- loading ----------------------------------------------------------------------------
    def _candidates(self, entry_points) -> list[PluginRecord]:
        """One record per entry point, bundled first, then development extras, then installed
        third-party plugins, each by name. A name taken by an earlier plugin of another package
        gets an error record of its own (key ``name (package)``)."""
        if entry_points is None:
            entry_points = md.entry_points(group=hookspecs.ENTRY_POINT_GROUP)
        found: list[tuple[int, PluginRecord, md.EntryPoint]] = []
        for ep in entry_points:
            dist, version = _dist_of(ep)
            bundled = _normalise(dist) == APP_DISTRIBUTION
            found.append((0 if bundled else 2, PluginRecord(ep.name, dist, version, ep.value, bundled), ep))
        for ep in _extra_entry_points():
            found.append((1, PluginRecord(ep.name, EXTRA_DISTRIBUTION, "?", ep.value, False), ep))
        found.sort(key=lambda item: (item[0], item[1].name))
        out = []
        for _, rec, ep in found:
            first = self.records.get(rec.name)
            if first is not None:
                if first.distribution == rec.distribution and first.module == rec.module:
                    continue  # the same package seen twice on sys.path
                rec.name = f"{rec.name} ({rec.distribution})"
                rec.status = "error"
                rec.error = (f"plugin name {ep.name!r} is already used by {first.distribution}; "
                             f"not loaded")
                log.warning("plugin %s: %s", rec.name, rec.error)
            self.records[rec.name] = rec
            self._entry_points[rec.name] = ep
            out.append(rec)
        return out

    def _load(self, disabled: set[str], only: set[str] | None, entry_points) -> None:
        env = os.environ.get(LOAD_ENV)
        if env is not None:
            env_only = {_normalise(x) for x in env.split(",") if x.strip()}
            only = env_only if only is None else only & env_only
        quarantined: dict[str, str] = {}
        if self._guard is not None:
            for plugin, what in self._guard.collect_crashes().items():
                self.notices.append(crash_message(plugin, what))
                log.warning("%s", self.notices[-1])
            quarantined = self._guard.quarantined()
        for rec in self._candidates(entry_points):
            if rec.status == "error":
                continue
            if not rec.bundled and rec.name in quarantined \
                    and _normalise(rec.name) not in disabled and _normalise(rec.distribution) not in disabled:
                self.pm.set_blocked(rec.name)
                rec.status = "error"
                rec.error = crash_message(rec.name, quarantined[rec.name])
                continue
            if _normalise(rec.name) in disabled or _normalise(rec.distribution) in disabled:
                self.pm.set_blocked(rec.name)
                rec.status = "disabled"
                continue
            if not rec.bundled and only is not None \
                    and _normalise(rec.name) not in only and _normalise(rec.distribution) not in only:
                rec.status = "not loaded"
                rec.error = f"not in {LOAD_ENV}"
                continue
            with self._loading(rec, "importing"):
                self._register(rec, self._entry_points[rec.name])
        self._check_pending()
        self._call_register_hooks()

    def _loading(self, rec: PluginRecord, what: str):
        """The guard's marker around loading a third-party plugin (nothing for bundled ones)."""
        if self._guard is None or rec.bundled:
            return contextlib.nullcontext()
        return self._guard.loading(rec.name, what)

    def _register(self, rec: PluginRecord, ep: md.EntryPoint) -> None:
        """Import one plugin and register it, or record why not."""
        try:
            plugin = ep.load()
        except BaseException as exc:  # SystemExit too: a plugin must never take the app down
            if _fatal(exc):
                raise
            self._fail(rec, "failed to load", exc)
            return
        try:
            self.pm.register(plugin, name=rec.name)
        except BaseException as exc:  # bad hook arguments, a module registered twice...
            if _fatal(exc):
                raise
            self._fail(rec, "invalid plugin", exc)
            return
        callers = self.pm.get_hookcallers(plugin) or []
        rec.hooks = sorted(hc.name for hc in callers)
        if not callers:
            self._fail(rec, "invalid plugin", ValueError(
                f"{ep.value} implements no {hookspecs.PROJECT_NAME} hooks "
                f"(are they marked with @wordpad_ai.hookimpl?)"))
            return
        unknown = [hc.name for hc in callers if not hc.has_spec()
                   and any(not i.optionalhook for i in hc.get_hookimpls() if i.plugin is plugin)]
        if unknown:
            self._fail(rec, "unknown hook", ValueError(_unknown_hook_message(unknown[0])))

    def _check_pending(self) -> None:
        """pluggy's own check that every implemented hook has a specification; any plugin it
        still finds (e.g. registered from outside the host) is unregistered with its error."""
        for _ in range(len(self.records) + 1):
            try:
                self.pm.check_pending()
                return
            except pluggy.PluginValidationError as exc:
                name = self.pm.get_name(exc.plugin)
                rec = self.records.get(name)
                if rec is not None:
                    self._fail(rec, "unknown hook", exc)
                else:
                    log.warning("plugin %s: %s", name, exc)
                    self.pm.unregister(exc.plugin)

    def _fail(self, rec: PluginRecord, what: str, exc: BaseException) -> None:
        """Record a plugin's error, take back whatever it registered, and unregister it."""
        rec.status = "error"
        rec.error = f"{what}: {_one_line(exc)}"
        rec.details = "".join(traceback.format_exception(exc))
        log.warning("plugin %s %s", rec.name, rec.error)
        log.debug("%s", rec.details)
        for model_id in rec.models:
            self.models.pop(model_id, None)
        for ext in rec.readers:
            self.readers.pop(ext, None)
        rec.models.clear()
        rec.readers.clear()
        if self.pm.has_plugin(rec.name):
            self.pm.unregister(name=rec.name)
        self.pm.set_blocked(rec.name)

    # -- calling hooks ------------------------------------------------------------------------
    def _call_register_hooks(self) -> None:
        current: list[PluginRecord] = []

        def register_model(model_class: type[NextWordModel]) -> None:
            rec = current[0]
            if not (isinstance(model_class, type) and issubclass(model_class, NextWordModel)):
                raise TypeError(f"register() needs a NextWordModel subclass, got {model_class!r}")
            model_id = model_class.model_id
            if not isinstance(model_id, str) or not model_id.strip() or model_id != model_id.strip():
                raise ValueError(f"{model_class.__name__} has no valid model_id: {model_id!r}")
            if model_id in self.models:
                other = self.models[model_id][1]
                raise ValueError(f"model id {model_id!r} is already registered by plugin {other!r}")
            self.models[model_id] = (model_class, rec.name)
            rec.models.append(model_id)

        def register_reader(extensions, read) -> None:
            rec = current[0]
            if isinstance(extensions, str):
                extensions = (extensions,)
            if not callable(read) or not all(isinstance(e, str) and e.strip(".") for e in extensions):
                raise TypeError(f"register(extensions, read) needs extensions like ('.epub',) and a "
                                f"function, got {extensions!r}, {read!r}")
            for ext in extensions:
                ext = "." + ext.lower().lstrip(".")
                self.readers[ext] = (read, rec.name)
                rec.readers.append(ext)

        for hook_name, register in (("wordpad_ai_register_models", register_model),
                                    ("wordpad_ai_register_readers", register_reader)):
            for rec, impl in self._impls(hook_name):
                current[:] = [rec]
                with self._loading(rec, f"in {hook_name}"):
                    self._call(rec, impl, hook_name, register=register)

    def _impls(self, hook_name: str) -> list[tuple[PluginRecord, Any]]:
        """The loaded implementations of a hook, in the order of the records (bundled first)."""
        by_plugin = {impl.plugin_name: impl for impl in getattr(self.pm.hook, hook_name).get_hookimpls()}
        return [(rec, by_plugin[name]) for name, rec in self.records.items()
                if name in by_plugin and rec.status == "enabled"]

    def _call(self, rec: PluginRecord, impl, hook_name: str, **kwargs: Any) -> None:
        """Call one implementation with the arguments it names; a failure fails the plugin."""
        args = {name: kwargs[name] for name in impl.argnames if name in kwargs}
        if self._trace:
            sys.stderr.write(f"wordpad_ai: {hook_name}({', '.join(args)}) -> {rec.name}\n")
        try:
            impl.function(**args)
        except BaseException as exc:  # SystemExit too
            if _fatal(exc):
                raise
            self._fail(rec, f"{hook_name} raised", exc)

    # -- queries ----------------------------------------------------------------------------
    def model_infos(self) -> list[ModelInfo]:
        return [cls.info(plugin) for cls, plugin in self.models.values()]

    def model_class(self, model_id: str) -> type[NextWordModel]:
        """The registered class of ``model_id``, or a :class:`ModelError` saying what to do."""
        try:
            return self.models[model_id][0]
        except KeyError:
            pass
        rec = self.records.get(model_id)
        if rec is not None and rec.status == "disabled":
            raise ModelError(f"model {model_id!r} is not available: plugin {rec.name!r} is disabled; "
                             f"run 'wordpad-ai plugins enable {rec.name}'")
        if rec is not None and rec.status in ("error", "not loaded"):
            raise ModelError(f"model {model_id!r} is not available: plugin {rec.name!r} "
                             f"{rec.status}: {rec.error}")
        known = ", ".join(sorted(self.models)) or "none"
        failed = sum(r.status == "error" for r in self.records.values())
        note = f"; {failed} plugin(s) failed to load" if failed else ""
        raise ModelError(f"no model with id {model_id!r} is registered (available: {known}{note}); "
                         f"see 'wordpad-ai plugins list'")

    def load_model(self, model_id: str, path=None) -> NextWordModel:
        cls = self.model_class(model_id)
        return cls.load(None if path is None else Path(path))

    def find(self, name: str) -> list[PluginRecord]:
        """Records whose plugin name or package name is ``name`` (normalised)."""
        return find_records(self.records.values(), name)


def find_records(records: Iterable[PluginRecord], name: str) -> list[PluginRecord]:
    """The ``records`` whose plugin name, or else package name, is ``name`` (normalised)."""
    records, key = list(records), _normalise(name)
    by_name = [r for r in records if _normalise(r.name) == key]
    return by_name or [r for r in records if _normalise(r.distribution) == key]


def _unknown_hook_message(name: str) -> str:
    known = [n for n in dir(hookspecs) if n.startswith(hookspecs.PROJECT_NAME + "_")]
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else f" (known hooks: {', '.join(known)})"
    return f"{name!r} is not a {hookspecs.PROJECT_NAME} hook{hint}"


def load_host(settings=None) -> PluginHost:
    """Load plugins in this process as the user configured them (disabled list from settings,
    crash markers and quarantine in the user data folder). Never call it in the GUI process."""
    from .settings import load_settings

    settings = settings or load_settings()
    return PluginHost(disabled=settings.disabled_plugins, guard=ImportGuard(guard_dir()))
