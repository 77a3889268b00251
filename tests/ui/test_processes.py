"""The editor as a real process: crash recovery after kill -9, no TensorFlow in the GUI, the
packaging self-check."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from wordpad_ai.settings import update_settings

CHILD = Path(__file__).with_name("gui_child.py")


def _child_env() -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONFAULTHANDLER="1")  # a crash shows where
    return env


def test_crash_recovery_after_kill_9(qtbot):
    update_settings(autosave_delay_ms=200, active_model="none-such-model")
    text = "Unsaved words that must survive a crash"
    child = subprocess.Popen([sys.executable, str(CHILD), "autosave", text], env=_child_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = child.stdout.readline()
        assert line.startswith("AUTOSAVED"), line
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    snapshot = Path(line.split(None, 1)[1].strip())
    assert snapshot.exists()

    from wordpad_ai.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    seen: list[str] = []

    def answer_yes() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(QMessageBox.StandardButton.Yes).click()
        else:
            QTimer.singleShot(20, answer_yes)

    QTimer.singleShot(20, answer_yes)
    try:
        assert window.offer_recovery()
        assert seen and "did not exit cleanly" in seen[0]
        assert window.editor.plain_text() == text
        assert window.editor.document().isModified()
        assert not snapshot.exists()  # taken over by this session's own snapshot
    finally:
        window.editor.document().setModified(False)
        window.close()
    assert not window.autosaver.file.exists()  # a clean exit leaves nothing to recover


def test_gui_process_never_imports_tensorflow(bigram_plugin):
    update_settings(active_model="bigram")
    result = subprocess.run([sys.executable, str(CHILD), "modules"], env=_child_env(),
                            capture_output=True, text=True, timeout=180)
    lines = result.stdout.splitlines()
    assert any(line.startswith("SUGGESTED ") for line in lines), result.stdout + result.stderr
    assert "TENSORFLOW False" in lines


def test_self_check_prints_the_first_suggestion(bigram_plugin):
    update_settings(active_model="bigram")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "wordpad_ai", "gui", "--self-check"],
                            env=_child_env(), capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-check ok: “The ” → "), result.stdout
    assert time.monotonic() - started < 170


def test_self_check_fails_with_a_message_when_no_suggestion_comes(bigram_plugin):
    update_settings(active_model="bigram")
    # 50 ms is far less than an engine process needs to start: no suggestion can arrive in time
    result = subprocess.run([sys.executable, "-c",
                             "import sys; from wordpad_ai.ui.app import self_check; sys.exit(self_check(0.05))"],
                            env=_child_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "self-check failed: no suggestion within 0.05 s" in result.stderr
