"""``wordpad-ai plugins``: list, install, uninstall, enable and disable plugins."""

from __future__ import annotations

import json


def add_parser(sub) -> None:
    p = sub.add_parser("plugins", help="list, install, uninstall, enable and disable plugins",
                       description="Manage model plugins (entry-point group 'wordpad_ai').")
    psub = p.add_subparsers(dest="plugins_command", metavar="ACTION", required=True)

    lp = psub.add_parser("list", help="list plugins with version, hooks, models and status")
    lp.add_argument("--json", action="store_true", help="print JSON")
    lp.add_argument("--all", action="store_true", help="show error details (tracebacks)")
    lp.set_defaults(run=run_list)

    ip = psub.add_parser("install", help="pip-install plugin packages into the app's environment")
    ip.add_argument("specs", nargs="+", metavar="SPEC", help="a package name, path, wheel or URL")
    ip.add_argument("-U", "--upgrade", action="store_true", help="upgrade if already installed")
    ip.add_argument("-e", "--editable", action="store_true", help="install a local path editable")
    ip.set_defaults(run=run_install)

    up = psub.add_parser("uninstall", help="uninstall plugin packages")
    up.add_argument("names", nargs="+", metavar="NAME", help="plugin or package name")
    up.set_defaults(run=run_uninstall)

    for action, verb in (("enable", "enable"), ("disable", "disable")):
        ep = psub.add_parser(action, help=f"{verb} a plugin (persisted in user settings)")
        ep.add_argument("name", metavar="NAME", help="plugin name, as 'plugins list' shows it")
        ep.set_defaults(run=run_enable if action == "enable" else run_disable)


def run_list(args) -> int:
    from ..plugins import load_host

    host = load_host()
    records = sorted(host.records.values(), key=lambda r: (not r.bundled, r.name))
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
            print(f"  models: {', '.join(r.models)}")
        if r.hooks:
            print(f"  hooks:  {', '.join(r.hooks)}")
        if r.error:
            print(f"  error:  {r.error}")
            if args.all and r.details:
                print("  " + r.details.replace("\n", "\n  "))
    return 0


def run_install(args) -> int:
    from ..plugins import install

    return install(args.specs, upgrade=args.upgrade, editable=args.editable)


def run_uninstall(args) -> int:
    from . import UserError
    from ..plugins import APP_DISTRIBUTION, PluginHost, _normalise, distribution_for, uninstall

    host = PluginHost()
    dists = []
    for name in args.names:
        dist = distribution_for(name, host)
        if dist is None:
            raise UserError(f"no installed plugin or package named {name!r}; see 'wordpad-ai plugins list'")
        if _normalise(dist) == APP_DISTRIBUTION:
            raise UserError(f"{name!r} is bundled with WordPad AI; use 'wordpad-ai plugins disable {name}'")
        dists.append(dist)
    return uninstall(dists)


def _known_names(host) -> set[str]:
    return {r.name for r in host.records.values()}


def run_enable(args) -> int:
    from ..settings import load_settings, update_settings

    settings = load_settings()
    if args.name not in settings.disabled_plugins:
        print(f"{args.name} is already enabled")
        return 0
    update_settings(disabled_plugins=tuple(n for n in settings.disabled_plugins if n != args.name))
    print(f"enabled {args.name}")
    return 0


def run_disable(args) -> int:
    from . import UserError
    from ..plugins import PluginHost
    from ..settings import load_settings, update_settings

    host = PluginHost()
    if args.name not in _known_names(host):
        raise UserError(f"no plugin named {args.name!r}; see 'wordpad-ai plugins list'")
    settings = load_settings()
    if args.name in settings.disabled_plugins:
        print(f"{args.name} is already disabled")
        return 0
    update_settings(disabled_plugins=(*settings.disabled_plugins, args.name))
    print(f"disabled {args.name}")
    return 0
