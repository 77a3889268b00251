"""Faults of hostile plugins (issue 15 item 2): a model that hangs or kills the engine, a plugin
that kills whatever imports it. The plugins are written by the tests (``hostile_plugins.py``)
and loaded through WORDPAD_AI_EXTRA_PLUGINS by real engine processes and real CLI commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wordpad_ai.settings import Settings, load_settings, save_settings
from wordpad_ai.ui.engine_client import ClientConfig, EngineClient

from hostile_plugins import activate, model_plugin

pytestmark = pytest.mark.timeout(180)
START_MS = 60_000  # engine start on a loaded machine (no TensorFlow: bundled models disabled)
SCRIPT = Path(sys.executable).with_name("wordpad-ai")


@pytest.fixture
def hostile(tmp_path, monkeypatch, bigram_plugin):
    """The bigram example plugin plus hostile ones: "hanger" (predict sleeps 30 s), "exiter"
    (predict calls os._exit), "killer" (os._exit while being imported) — each only if asked."""

    def install(*names: str, active: str = "bigram") -> None:
        plugins = {}
        if "hanger" in names:
            plugins["hanger"] = model_plugin(tmp_path, "hostile_hanger", "hanger", predict="time.sleep(30)")
        if "exiter" in names:
            plugins["exiter"] = model_plugin(tmp_path, "hostile_exiter", "exiter", predict="os._exit(7)")
        if "killer" in names:
            plugins["killer"] = model_plugin(tmp_path, "hostile_killer", "killer",
                                             at_import="os._exit(3)")
        activate(monkeypatch, tmp_path, plugins)
        save_settings(Settings(active_model=active, disabled_plugins=("lstm", "rnn")))

    return install


@pytest.fixture
def start_client(qtbot):
    clients = []

    def start(config: ClientConfig = ClientConfig(request_timeout_s=1.0, backoff_s=(0.05,))) -> EngineClient:
        client = EngineClient(config=config)
        clients.append(client)
        client.start()
        qtbot.waitUntil(client.is_ready, timeout=START_MS)
        return client

    yield start
    for client in clients:
        client.stop(wait_ms=10_000)


@pytest.mark.parametrize("plugin", ["hanger", "exiter"])
def test_a_model_that_hangs_or_kills_the_engine_twice_is_named_disabled_and_left(
        qtbot, hostile, start_client, plugin):
    hostile(plugin, active=plugin)  # the user chose it: it is the saved active model
    client = start_client()
    failed, answered = [], []
    client.plugin_failed.connect(lambda name, message: failed.append((name, message)))
    client.suggestions_ready.connect(lambda rev, suggestions: answered.append(rev))
    with qtbot.waitSignal(client.plugin_failed, timeout=START_MS):
        for rev in range(1, 200):  # keep typing, as a user would
            client.request_suggestions(rev, "Thank you ", 3)
            qtbot.wait(100)
            if failed:
                break
    name, message = failed[0]
    assert name == plugin and f"'{plugin}'" in message
    assert f"wordpad-ai plugins enable {plugin}" in message
    settings = load_settings()
    assert settings.active_model == Settings().active_model  # the broken choice is not kept
    assert plugin in settings.disabled_plugins
    qtbot.waitUntil(client.is_ready, timeout=START_MS)  # back with the default (here: bigram)
    with qtbot.waitSignal(client.suggestions_ready, timeout=10_000,
                          check_params_cb=lambda rev, suggestions: rev == 1000) as got:
        client.request_suggestions(1000, "Thank you ", 3)
    assert got.args[1][0].word in {"for", "very"}


def test_a_plugin_that_kills_the_engine_while_importing_is_named_and_disabled(qtbot, hostile, start_client):
    hostile("killer")
    reports = []
    client = EngineClient(config=ClientConfig(backoff_s=(0.05,)))
    client.error_reported.connect(reports.append)
    client.start()
    qtbot.waitUntil(lambda: any("killer" in r for r in reports), timeout=START_MS)
    report = next(r for r in reports if "killer" in r)
    assert "ended the process while importing" in report and "wordpad-ai plugins enable killer" in report
    qtbot.waitUntil(client.is_ready, timeout=START_MS)
    with qtbot.waitSignal(client.suggestions_ready, timeout=10_000) as got:
        client.request_suggestions(1, "Thank you ", 3)
    assert got.args[1][0].word in {"for", "very"}
    client.stop(wait_ms=10_000)


def _wordpad(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=240)


def test_plugins_list_always_works_with_a_plugin_that_kills_its_importer(hostile):
    hostile("killer")
    first = _wordpad("plugins", "list")
    assert first.returncode == 0, first.stderr
    assert "killer ? ((WORDPAD_AI_EXTRA_PLUGINS)) - error" in first.stdout
    assert "ended the process while importing" in first.stdout + first.stderr
    again = _wordpad("plugins", "list", "--json")
    assert again.returncode == 0, again.stderr
    status = {p["name"]: p for p in json.loads(again.stdout)}
    assert status["killer"]["status"] == "error" and status["bigram"]["status"] == "enabled"
    assert "wordpad-ai plugins enable killer" in status["killer"]["error"]
    suggest = _wordpad("suggest", "--model", "bigram", "Thank you ")  # other commands work again
    assert suggest.returncode == 0 and suggest.stdout.split("\t")[0] in {"for", "very"}
    enabled = _wordpad("plugins", "enable", "killer")  # the user tries it again...
    assert enabled.returncode == 0 and enabled.stdout == "enabled killer\n", enabled.stderr
    relisted = _wordpad("plugins", "list")  # ...and it is caught again
    assert relisted.returncode == 0 and "killer ? ((WORDPAD_AI_EXTRA_PLUGINS)) - error" in relisted.stdout


def test_the_gui_process_never_imports_third_party_plugins(qtbot, hostile):
    hostile("hanger")
    from wordpad_ai.ui.main_window import MainWindow
    from wordpad_ai.ui.training_menu import install_training_menu

    window = MainWindow()
    qtbot.addWidget(window)
    menu = install_training_menu(window, None)  # the engine has not listed its models yet
    infos = menu.model_infos()
    assert "hostile_hanger" not in sys.modules and "wordpad_ai_bigram" not in sys.modules
    assert {"hanger", "bigram"}.isdisjoint(i.model_id for i in infos)


def test_the_status_bar_names_the_failed_plugin_and_how_to_enable_it(qtbot, hostile):
    hostile("exiter", active="exiter")
    from wordpad_ai.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    try:
        window.start_engine()
        window.engine._config = ClientConfig(request_timeout_s=1.0, backoff_s=(0.05,))
        qtbot.waitUntil(window.engine.is_ready, timeout=START_MS)
        label = window.status.engine_label
        for _ in range(60):  # type until the plugin has failed twice
            qtbot.keyClicks(window.editor, "a ")
            qtbot.wait(250)
            if "exiter" in label.text():
                break
        qtbot.waitUntil(lambda: window.engine.is_ready() and "plugins enable exiter" in label.text(),
                        timeout=START_MS)
        qtbot.wait(500)  # the restarted engine's state changes do not hide it
        assert "The plugin 'exiter' failed" in label.text(), label.text()
        assert window.active_model_id != "exiter"
    finally:
        window.editor.document().setModified(False)
        window.close()


def test_a_command_killed_by_a_plugin_import_names_it_on_the_next_run(hostile):
    hostile("killer")
    first = _wordpad("suggest", "--model", "bigram", "Thank you ")
    assert first.returncode == 3  # os._exit while importing: nothing can catch that...
    second = _wordpad("suggest", "--model", "bigram", "Thank you ")  # ...but it is named next time
    assert second.returncode == 0 and second.stdout.split("\t")[0] in {"for", "very"}
    assert "plugin 'killer' ended the process while importing" in second.stderr
    assert "wordpad-ai plugins enable killer" in second.stderr


def test_stopping_the_engine_while_it_imports_a_plugin_does_not_disable_that_plugin(qtbot, hostile, tmp_path,
                                                                                      monkeypatch):
    hostile()
    model_plugin(tmp_path, "hostile_slow_import", "slow", at_import="time.sleep(4)")
    activate(monkeypatch, tmp_path, {"slow": "hostile_slow_import"})
    client = EngineClient(config=ClientConfig(stop_grace_s=0.2))
    client.start()
    guard = Path(os.environ["WORDPAD_AI_HOME"]) / "data" / "plugin-guard"
    qtbot.waitUntil(lambda: any(guard.glob("loading-*.json")), timeout=START_MS)  # importing "slow"
    client.stop(wait_ms=5_000)  # the user quits: the engine is killed mid-import
    assert not any(guard.glob("loading-*.json"))
    again = _wordpad("plugins", "list", "--json")
    status = {p["name"]: p["status"] for p in json.loads(again.stdout)}
    assert status["slow"] == "enabled", again.stdout
