"""Linux desktop integration: ``wordpad-ai --install-desktop-entry`` / ``--uninstall-desktop-entry``.

Writes (or removes) the three files a desktop needs to list WordPad AI in its menus and software
centre, into the user's XDG data dir (``$XDG_DATA_HOME``, default ``~/.local/share``)::

    applications/org.wordpad_ai.WordPadAI.desktop           Exec= this very program, absolute
    icons/hicolor/scalable/apps/org.wordpad_ai.WordPadAI.svg
    metainfo/org.wordpad_ai.WordPadAI.metainfo.xml

The templates ship inside the package (``wordpad_ai/resources/``, the icon in
``wordpad_ai/ui/resources/``), so this works from a wheel and from the frozen app alike; the same
files are what ``packaging/linux/`` links to for distribution packagers. No Qt, no TensorFlow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

APP_ID = "org.wordpad_ai.WordPadAI"  # reverse-DNS id; also QGuiApplication.desktopFileName
PACKAGE_DIR = Path(__file__).resolve().parent
DESKTOP_TEMPLATE = PACKAGE_DIR / "resources" / f"{APP_ID}.desktop"
METAINFO_SOURCE = PACKAGE_DIR / "resources" / f"{APP_ID}.metainfo.xml"
ICON_SOURCE = PACKAGE_DIR / "ui" / "resources" / "wordpad-ai.svg"


@dataclass(frozen=True)
class DesktopFiles:
    """Where the desktop entry, icon and metainfo go under one XDG data dir."""

    data_home: Path  # $XDG_DATA_HOME

    @property
    def entry(self) -> Path:
        return self.data_home / "applications" / f"{APP_ID}.desktop"

    @property
    def icon(self) -> Path:
        return self.data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"

    @property
    def metainfo(self) -> Path:
        return self.data_home / "metainfo" / f"{APP_ID}.metainfo.xml"

    def all(self) -> tuple[Path, Path, Path]:
        return (self.entry, self.icon, self.metainfo)


def xdg_data_home() -> Path:
    """``$XDG_DATA_HOME`` if set to an absolute path (as the spec requires), else ~/.local/share."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def launcher_command() -> list[str]:
    """The absolute command that starts this installation of WordPad AI.

    The frozen app's own binary; else the ``wordpad-ai`` script next to this interpreter (a venv's
    or pip --user's bin/); else this interpreter with ``-m wordpad_ai``."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).absolute())]
    candidates = [Path(sys.argv[0]) if sys.argv and sys.argv[0] else None,
                  Path(sysconfig.get_path("scripts")) / "wordpad-ai",
                  Path(sysconfig.get_path("scripts", f"{os.name}_user")) / "wordpad-ai"]
    for script in candidates:
        if script is not None and script.name == "wordpad-ai" and script.is_file() \
                and os.access(script, os.X_OK):
            return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "wordpad_ai"]


def _quote(arg: str) -> str:
    """Quote one Exec argument as the Desktop Entry spec asks (reserved characters → "...")."""
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`='):
        return arg.replace("%", "%%")
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return '"' + escaped.replace("%", "%%") + '"'


def desktop_entry_text(command: list[str]) -> str:
    """The shipped desktop entry with ``Exec``/``TryExec`` pointing at ``command``."""
    exec_line = " ".join(_quote(a) for a in command)
    lines = []
    for line in DESKTOP_TEMPLATE.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_line} gui %F"
        elif line.startswith("TryExec="):
            line = f"TryExec={command[0]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _refresh_caches(files: DesktopFiles) -> None:
    """Tell the desktop about the change, where the (optional) cache tools are installed."""
    for tool, arg in (("update-desktop-database", files.entry.parent),
                      ("gtk-update-icon-cache", files.data_home / "icons" / "hicolor")):
        if shutil.which(tool) and arg.is_dir():
            subprocess.run([tool, "-q", str(arg)] if tool == "update-desktop-database"
                           else [tool, "-q", "-t", "-f", str(arg)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def install(data_home: Path | None = None, command: list[str] | None = None) -> DesktopFiles:
    """Write the desktop entry, icon and metainfo; returns where they went."""
    files = DesktopFiles(data_home or xdg_data_home())
    for source in (DESKTOP_TEMPLATE, METAINFO_SOURCE, ICON_SOURCE):
        if not source.is_file():
            raise FileNotFoundError(f"{source} is missing from this installation of wordpad-ai; "
                                    "reinstall it")
    for path in files.all():
        path.parent.mkdir(parents=True, exist_ok=True)
    files.entry.write_text(desktop_entry_text(command or launcher_command()), encoding="utf-8")
    files.entry.chmod(0o755)  # some desktops only launch entries marked executable
    shutil.copyfile(ICON_SOURCE, files.icon)
    shutil.copyfile(METAINFO_SOURCE, files.metainfo)
    _refresh_caches(files)
    return files


def uninstall(data_home: Path | None = None) -> list[Path]:
    """Remove what :func:`install` wrote; returns the files that were there."""
    files = DesktopFiles(data_home or xdg_data_home())
    removed = [p for p in files.all() if p.exists()]
    for path in removed:
        path.unlink()
    _refresh_caches(files)
    return removed


def run_flag(flag: str) -> int:
    """Carry out ``--install-desktop-entry`` or ``--uninstall-desktop-entry``; exit status."""
    try:
        if flag == "--install-desktop-entry":
            files = install()
            print(f"installed the desktop entry (Exec: {launcher_command()[0]}):")
            for path in files.all():
                print(f"  {path}")
        else:
            removed = uninstall()
            print("removed:" if removed else "no desktop entry was installed")
            for path in removed:
                print(f"  {path}")
    except OSError as exc:
        print(f"wordpad-ai: error: {flag}: {exc}", file=sys.stderr)
        return 1
    return 0
