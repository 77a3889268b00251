"""Tools → Plugins… in a real window: listing, errors, enable/disable with the engine picking the
change up; and a real plugin wheel installed, disabled and uninstalled from the window of an
editor running in a fresh virtual environment (~20 s: tests/ui/plugins_child.py)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from wordpad_ai.settings import load_settings

FIXTURES = Path(__file__).parents[1] / "fixtures" / "plugins"
CHILD = Path(__file__).with_name("plugins_child.py")
LIST_TIMEOUT_MS = 60_000  # `wordpad-ai plugins list` in a child process, on a busy machine


@pytest.fixture
def broken_plugin(monkeypatch, bigram_plugin):
    """The bigram plugin and one that fails to import, both loaded from source."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(FIXTURES / "broken_import"), os.environ["PYTHONPATH"]]))
    monkeypatch.setenv("WORDPAD_AI_EXTRA_PLUGINS", "bigram=wordpad_ai_bigram,broken=wordpad_ai_broken_import")


def _rows(dialog) -> dict[str, list[str]]:
    rows = {}
    for index in range(dialog.tree.topLevelItemCount()):
        item = dialog.tree.topLevelItem(index)
        rows[item.text(0)] = [item.text(i) for i in range(dialog.tree.columnCount())]
    return rows


def _open(qtbot, window):
    window.menu_actions.actions["plugins"].trigger()
    dialog = window.basics.plugins.dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.busy() and bool(dialog.records), timeout=LIST_TIMEOUT_MS)
    return dialog


def _models(window) -> list[str]:
    return [a.data() for a in window.menu_actions.model_menu.actions() if a.data()]


def test_the_window_lists_every_plugin_with_origin_models_and_state(qtbot, bare_window, broken_plugin):
    dialog = _open(qtbot, bare_window)
    rows = _rows(dialog)
    assert rows["lstm"][2:] == ["bundled", "lstm", "", "enabled"]
    assert rows["bigram"][1:] == ["?", "development", "bigram", "", "enabled"]
    assert rows["broken"][5].startswith("error: failed to load: ImportError: this plugin is broken")
    assert "wordpad_ai_broken_import" not in sys.modules  # imported in a child process, not here
    assert dialog.select("lstm") and not dialog.uninstall_button.isEnabled()  # bundled: disable only
    assert dialog.disable_button.isEnabled() and not dialog.enable_button.isEnabled()
    assert dialog.select("broken") and dialog.enable_button.isEnabled()  # to try it again
    assert dialog.uninstall_button.isEnabled() is False  # loaded from source, not installed


def test_a_failed_install_shows_the_output(qtbot, bare_window, tmp_path):
    dialog = _open(qtbot, bare_window)
    with qtbot.waitSignal(dialog.action_finished, timeout=LIST_TIMEOUT_MS) as finished:
        dialog.install(str(tmp_path / "missing-plugin-1.0-py3-none-any.whl"))
    assert finished.args[0] is False
    assert dialog.output.isVisible() and "no such file or folder" in dialog.output.toPlainText()
    assert "failed" in dialog.message.text()


def test_disable_and_enable_from_the_window_reach_the_engine(qtbot, window):
    qtbot.waitUntil(lambda: "bigram" in _models(window), timeout=30_000)
    dialog = _open(qtbot, window)
    assert dialog.select("bigram")
    with qtbot.waitSignal(dialog.plugins_changed, timeout=LIST_TIMEOUT_MS):
        qtbot.mouseClick(dialog.disable_button, Qt.MouseButton.LeftButton)
    assert "bigram" in load_settings().disabled_plugins  # the same setting as the CLI's
    qtbot.waitUntil(lambda: window.engine.is_ready() and _models(window) and "bigram" not in _models(window),
                    timeout=90_000)
    qtbot.waitUntil(lambda: not dialog.busy() and _rows(dialog)["bigram"][5] == "disabled", timeout=LIST_TIMEOUT_MS)
    assert dialog.select("bigram") and dialog.enable_button.isEnabled()
    with qtbot.waitSignal(dialog.plugins_changed, timeout=LIST_TIMEOUT_MS):
        qtbot.mouseClick(dialog.enable_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.engine.is_ready() and "bigram" in _models(window), timeout=90_000)
    assert "bigram" not in load_settings().disabled_plugins


def test_a_real_wheel_installed_disabled_and_uninstalled_from_the_window(tmp_path):
    from plugin_venv import build_wheel, copy_project, make_app_venv, run

    venv = make_app_venv(tmp_path / "app")
    wheel = build_wheel(copy_project(FIXTURES / "wordpad-ai-bigram", tmp_path / "src" / "wordpad-ai-bigram"), tmp_path / "src")
    proc = run([venv.bin / "python", CHILD, wheel], env=venv.env(QT_QPA_PLATFORM="offscreen"),
               cwd=venv.root, check=False, timeout=600)
    steps = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            step = json.loads(line)
            steps[step.pop("step")] = step
    assert proc.returncode == 0 and "error" not in steps and "timeout" not in steps, (proc.stdout, proc.stderr)
    assert steps["listed"]["plugins"].keys() == {"lstm", "rnn"} and "bigram" not in steps["listed"]["models"]
    installed = steps["installed"]
    assert installed["ok"] and "installed wordpad-ai-bigram 1.2.0" in installed["message"]
    assert "bigram" in installed["models"]  # the engine reloaded: the new model is in the Model menu
    assert installed["row"] == ["bigram", "1.2.0", "pip package", "bigram", "", "enabled"]
    disabled = steps["disabled"]
    assert disabled["ok"] and disabled["status"] == "disabled" and "bigram" not in disabled["models"]
    assert disabled["enable_enabled"]
    uninstalled = steps["uninstalled"]
    assert uninstalled["asked"] and "bigram" in uninstalled["asked"][0]  # confirmed first
    assert uninstalled["ok"] and "bigram" not in uninstalled["plugins"] and "bigram" not in uninstalled["models"]
    assert "No module named" in venv.python("try:\n import wordpad_ai_bigram\nexcept ImportError as e: print(e)")
    failed = steps["failed"]
    assert failed["ok"] is False and failed["output_shown"] and "no such file or folder" in failed["output"]


def test_uninstall_asks_first_and_cancel_keeps_the_plugin(qtbot, bare_window, broken_plugin):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    dialog = _open(qtbot, bare_window)
    assert dialog.select("bigram")
    asked = []

    def cancel() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            QTimer.singleShot(20, cancel)

    QTimer.singleShot(20, cancel)
    dialog._on_selected("uninstall")  # what the Uninstall button does
    assert asked and "“bigram”" in asked[0] and "bigram" in asked[0].split("(")[-1]
    assert not dialog.busy() and "Uninstalling" not in dialog.message.text()  # nothing was run
