"""``wordpad-ai --install-desktop-entry`` / ``--uninstall-desktop-entry`` into a temp XDG_DATA_HOME,
and the shipped desktop entry and AppStream metainfo pass the freedesktop validators."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wordpad_ai import desktop
from wordpad_ai.cli import main

REPO = Path(__file__).resolve().parents[2]
ENTRY = f"applications/{desktop.APP_ID}.desktop"
ICON = f"icons/hicolor/scalable/apps/{desktop.APP_ID}.svg"
METAINFO = f"metainfo/{desktop.APP_ID}.metainfo.xml"


def _read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


@pytest.fixture
def xdg(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    return tmp_path / "share"


def test_install_writes_entry_icon_and_metainfo(xdg, capsys):
    assert main(["--install-desktop-entry"]) == 0
    out = capsys.readouterr().out
    for rel in (ENTRY, ICON, METAINFO):
        assert (xdg / rel).is_file(), rel
        assert str(xdg / rel) in out
    entry = _read_entry(xdg / ENTRY)
    command = desktop.launcher_command()
    assert Path(command[0]).is_absolute() and os.access(command[0], os.X_OK)
    assert entry["Exec"].endswith(" gui %F") and entry["Exec"].startswith(command[0])
    assert entry["TryExec"] == command[0]
    assert entry["Icon"] == desktop.APP_ID and entry["Type"] == "Application"
    assert (xdg / ICON).read_bytes() == desktop.ICON_SOURCE.read_bytes()
    assert (xdg / METAINFO).read_bytes() == desktop.METAINFO_SOURCE.read_bytes()


def test_installing_twice_then_uninstalling(xdg, capsys):
    assert main(["--install-desktop-entry"]) == 0
    assert main(["--install-desktop-entry"]) == 0  # overwrites, no error
    assert main(["--uninstall-desktop-entry"]) == 0
    assert not any((xdg / rel).exists() for rel in (ENTRY, ICON, METAINFO))
    assert main(["--uninstall-desktop-entry"]) == 0
    assert "no desktop entry was installed" in capsys.readouterr().out


def test_the_installed_script_writes_its_own_absolute_path(xdg, tmp_path):
    script = Path(sys.executable).parent / "wordpad-ai"
    if not script.exists():
        pytest.skip(f"no wordpad-ai script next to {sys.executable}")
    env = {**os.environ, "XDG_DATA_HOME": str(xdg)}
    proc = subprocess.run([str(script), "--install-desktop-entry"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert _read_entry(xdg / ENTRY)["Exec"] == f"{script.absolute()} gui %F"


def test_paths_with_spaces_are_quoted(tmp_path):
    text = desktop.desktop_entry_text(["/opt/Word Pad/wordpad-ai"])
    assert 'Exec="/opt/Word Pad/wordpad-ai" gui %F' in text
    assert desktop.desktop_entry_text(["/usr/bin/python3", "-m", "wordpad_ai"]).count(
        "Exec=/usr/bin/python3 -m wordpad_ai gui %F") == 1


def test_relative_xdg_data_home_is_ignored(monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    assert desktop.xdg_data_home() == Path.home() / ".local" / "share"


def test_unwritable_data_home_is_one_clear_error(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["--install-desktop-entry"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("wordpad-ai: error: --install-desktop-entry:") and err.count("\n") == 1


@pytest.mark.skipif(not shutil.which("desktop-file-validate"),
                    reason="desktop-file-validate missing (apt-get install desktop-file-utils)")
def test_desktop_entries_validate(xdg):
    desktop.install()
    for path in (desktop.DESKTOP_TEMPLATE, xdg / ENTRY):
        proc = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert proc.returncode == 0 and not proc.stdout.strip(), f"{path}:\n{proc.stdout}{proc.stderr}"


@pytest.mark.skipif(not shutil.which("appstreamcli"),
                    reason="appstreamcli missing (apt-get install appstream)")
def test_metainfo_validates():
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", "--explain",
                           str(desktop.METAINFO_SOURCE)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_packaging_linux_links_to_the_shipped_files():
    linux = REPO / "packaging" / "linux"
    assert (linux / f"{desktop.APP_ID}.desktop").resolve() == desktop.DESKTOP_TEMPLATE
    assert (linux / f"{desktop.APP_ID}.metainfo.xml").resolve() == desktop.METAINFO_SOURCE
    assert (linux / f"{desktop.APP_ID}.svg").resolve() == desktop.ICON_SOURCE


def test_app_id_matches_the_qt_desktop_file_name():
    app_py = (REPO / "wordpad_ai" / "ui" / "app.py").read_text(encoding="utf-8")
    assert f'setDesktopFileName("{desktop.APP_ID}")' in app_py
