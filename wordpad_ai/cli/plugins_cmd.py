"""``wordpad-ai plugins``: list, install, uninstall, enable and disable plugins."""

from __future__ import annotations

import json
import sys

EPILOG = """examples:
  wordpad-ai plugins list                        installed plugins, their models and status
  wordpad-ai plugins install ./my-plugin         from a folder (add -e while developing it);
                                                 start from packaging/plugin-template
                                                 (package wordpad-ai-unigram, plugin 'unigram')
  wordpad-ai plugins disable unigram             keep it installed but do not load it
  wordpad-ai plugins enable unigram
  wordpad-ai plugins uninstall unigram

A plugin that breaks the app can be kept from loading with WORDPAD_AI_LOAD_PLUGINS=""
(no third-party plugins) and then uninstalled. Writing plugins: see docs/plugins.md."""


def add_parser(sub) -> None:
    p = sub.add_parser("plugins", help="list, install, uninstall, enable and disable plugins",
                       description="Manage plugins: packages that add models or document "
                       "readers through the entry-point group 'wordpad_ai'.", epilog=EPILOG)
    psub = p.add_subparsers(dest="plugins_command", metavar="ACTION", required=True)

    lp = psub.add_parser("list", help="list plugins with version, hooks, models and status",
                         description="List every plugin found, bundled ones first: name, "
                         "version, package, status (enabled, disabled, not loaded, error), the "
                         "hooks it implements, the models it registered and any error.",
                         epilog="examples:\n  wordpad-ai plugins list\n"
                         "  wordpad-ai plugins list --json\n  wordpad-ai plugins list --all")
    lp.add_argument("--json", action="store_true", help="print JSON")
    lp.add_argument("--all", action="store_true", help="show error details (tracebacks)")
    lp.set_defaults(run=run_list)

    ip = psub.add_parser("install", help="pip-install plugin packages into the app's environment",
                         description="Install plugin packages with pip into the environment "
                         "WordPad AI runs in, then list the plugins they brought.",
                         epilog="examples: (the template plugin of packaging/plugin-template)\n"
                         "  wordpad-ai plugins install ./wordpad-ai-unigram\n"
                         "  wordpad-ai plugins install -e ./wordpad-ai-unigram   while developing it\n"
                         "  wordpad-ai plugins install dist/wordpad_ai_unigram-0.1.0-py3-none-any.whl")
    ip.add_argument("specs", nargs="+", metavar="SPEC",
                    help="a package name (with optional version), folder, wheel or URL")
    ip.add_argument("-U", "--upgrade", action="store_true", help="upgrade if already installed")
    ip.add_argument("-e", "--editable", action="store_true", help="install a local folder editable")
    ip.set_defaults(run=run_install)

    up = psub.add_parser("uninstall", help="uninstall plugin packages",
                         description="Uninstall the packages that provide the named plugins. "
                         "Bundled plugins cannot be uninstalled; disable them instead.",
                         epilog="examples:\n  wordpad-ai plugins uninstall unigram\n"
                         "  wordpad-ai plugins uninstall wordpad-ai-unigram")
    up.add_argument("names", nargs="+", metavar="NAME", help="plugin or package name")
    up.set_defaults(run=run_uninstall)

    for action, run in (("enable", run_enable), ("disable", run_disable)):
        ep = psub.add_parser(action, help=f"{action} a plugin (saved in the user settings)",
                             description=f"{action.capitalize()} a plugin for the editor and "
                             "the command line; the choice is saved in the user settings. "
                             "Disabled plugins are not even imported.",
                             epilog=f"examples:\n  wordpad-ai plugins {action} unigram\n"
                             f"  wordpad-ai plugins {action} wordpad-ai-unigram   (every plugin of a package)")
        ep.add_argument("name", metavar="NAME", help="plugin name, as 'plugins list' shows it")
        ep.set_defaults(run=run)


def _list():
    """The plugin records (loaded in a child process: works with any plugin installed), and
    any notice about a plugin disabled for killing that process, on stderr."""
    from . import UserError
    from ..plugin_admin import PluginError, list_plugins

    notices: list[str] = []
    try:
        records = list_plugins(notices)
    except PluginError as exc:
        raise UserError(str(exc)) from None
    for notice in notices:
        print(f"wordpad-ai: {notice}", file=sys.stderr)
    return records


def run_list(args) -> int:
    records = _list()
    if args.json:
        print(json.dumps([r.to_json() for r in records], indent=2))
        return 0
    if not records:
        print("No plugins found. Is wordpad-ai installed (pip install .)?")
        return 0
    for r in records:
        origin = "bundled" if r.bundled else r.distribution
        print(f"{r.name} {r.version} ({origin}) - {r.status}")
        if r.models:
            print(f"  models:  {', '.join(r.models)}")
        if r.readers:
            print(f"  readers: {', '.join(r.readers)}")
        if r.hooks:
            print(f"  hooks:   {', '.join(r.hooks)}")
        if r.error:
            print(f"  error:   {r.error}")
            if args.all and r.details:
                print("  " + r.details.rstrip().replace("\n", "\n  "))
    return 0


def run_install(args) -> int:
    from . import UserError
    from ..plugin_admin import check_install_specs, install, installed_plugin_packages

    try:
        check_install_specs(args.specs)
    except ValueError as exc:
        raise UserError(f"{exc}; give a package name, a plugin folder or a wheel") from None
    before = installed_plugin_packages()
    rc = install(args.specs, upgrade=args.upgrade, editable=args.editable)
    if rc != 0:
        print(f"wordpad-ai: error: pip could not install {' '.join(args.specs)} (exit status {rc})",
              file=sys.stderr)
        return 1
    after = installed_plugin_packages()
    changed = {d: v for d, v in after.items() if before.get(d) != v}
    for dist, (version, names) in sorted(changed.items()):
        print(f"installed {dist} {version}: plugin{'s' if len(names) > 1 else ''} {', '.join(names)}")
    if not changed:
        print("no plugin was added or changed (already installed, or not a WordPad AI plugin); "
              "see 'wordpad-ai plugins list'")
    return 0


def run_uninstall(args) -> int:
    from . import UserError
    from ..plugin_admin import distribution_for, uninstall
    from ..plugins import EXTRA_DISTRIBUTION, EXTRA_ENV, find_records

    records = _list()
    dists: list[str] = []
    for name in args.names:
        bundled = [r for r in find_records(records, name) if r.bundled]
        if bundled:
            raise UserError(f"{name!r} is bundled with WordPad AI and cannot be uninstalled; "
                            f"use 'wordpad-ai plugins disable {bundled[0].name}'")
        if any(r.distribution == EXTRA_DISTRIBUTION for r in find_records(records, name)):
            raise UserError(f"{name!r} is loaded from {EXTRA_ENV}, not installed; remove it there")
        dist = distribution_for(name, records)
        if dist is None:
            raise UserError(f"no installed plugin named {name!r}; see 'wordpad-ai plugins list'")
        if dist not in dists:
            dists.append(dist)
    rc = uninstall(dists)
    if rc != 0:
        print(f"wordpad-ai: error: pip could not uninstall {' '.join(dists)} (exit status {rc})",
              file=sys.stderr)
        return 1
    return 0


def run_enable(args) -> int:
    from . import UserError
    from ..plugin_admin import PluginError, enable_plugin

    try:
        print(enable_plugin(args.name))
    except PluginError as exc:
        raise UserError(str(exc)) from None
    return 0


def run_disable(args) -> int:
    from . import UserError
    from ..plugin_admin import PluginError, disable_plugin

    try:
        print(disable_plugin(args.name))
    except PluginError as exc:
        raise UserError(str(exc)) from None
    return 0
