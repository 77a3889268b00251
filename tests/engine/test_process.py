"""The engine process on its own: exits with its stdin (no orphans), keeps stdout for the
protocol; and the client module stays free of TensorFlow."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from wordpad_ai.engine import protocol
from wordpad_ai.engine import engine_command

pytestmark = pytest.mark.timeout(120)


def _start_engine() -> tuple[subprocess.Popen, dict]:
    proc = subprocess.Popen(engine_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    ready = protocol.decode(proc.stdout.readline())
    assert ready["op"] == "ready"
    return proc, ready


def test_engine_exits_when_stdin_closes(configure):
    configure("bigram")
    proc, ready = _start_engine()
    try:
        assert ready["active"] == {"model_id": "bigram", "path": None}
        proc.stdin.write(protocol.encode(protocol.suggest_request(1, "Thank you ", 2)))
        proc.stdin.flush()
        reply = protocol.decode(proc.stdout.readline())
        assert reply["op"] == "suggestions" and reply["rev"] == 1
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()


def test_engine_stuck_in_a_model_still_exits_when_stdin_closes(configure):
    configure("hang")
    proc, _ = _start_engine()
    try:
        proc.stdin.write(protocol.encode(protocol.suggest_request(1, "HANG ", 1)))
        proc.stdin.flush()
        time.sleep(0.3)  # let it get stuck in predict
        assert proc.poll() is None
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0  # after the grace period, not after the 600 s hang
    finally:
        proc.kill()
        proc.wait()
    assert b"stdin closed and still busy" in proc.stderr.read()


def test_stray_prints_go_to_stderr_not_the_protocol(configure):
    configure("hang")  # its load() prints to stdout, in Python and on fd 1
    proc = subprocess.run(engine_command(), input=protocol.encode({"op": "ping", "seq": 1}),
                          capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["op"] for line in proc.stdout.splitlines()] == ["ready", "pong"]
    assert b"hang model: loading" in proc.stderr and b"raw write to fd 1" in proc.stderr


def test_frozen_entry_flag_runs_the_engine(configure):
    configure("bigram")
    proc = subprocess.run([sys.executable, "-m", "wordpad_ai", "--engine-server"],
                          input=protocol.encode({"op": "ping", "seq": 2}), capture_output=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(l)["op"] for l in proc.stdout.splitlines()] == ["ready", "pong"]


def test_client_module_does_not_import_tensorflow():
    code = ("import sys, wordpad_ai.ui.engine_client\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'tensorflow'"
            " or m.startswith('wordpad_ai.neural'))\n"
            "print(bad)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
