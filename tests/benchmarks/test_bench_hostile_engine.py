"""Memory and time of the engine and model loading on hostile input (issue 15: under 1 GB).

Prints figures; run on demand: ``pytest -m benchmark -s tests/benchmarks/test_bench_hostile_engine.py``.
Each attack runs in its own process, whose peak resident memory (VmHWM) is reported.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wordpad_ai.engine import engine_command, protocol
from wordpad_ai.settings import Settings, save_settings

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(600)]
LIMIT_MB = 1024
GOOD_MODEL = Path(__file__).parents[1] / "neural" / "data" / "old_format" / "lstm"


def _peak_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        line = next(l for l in status if l.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def _engine(bigram_plugin) -> subprocess.Popen:
    save_settings(Settings(active_model="bigram", disabled_plugins=("lstm", "rnn")))
    proc = subprocess.Popen(engine_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    assert json.loads(proc.stdout.readline())["op"] == "ready"
    return proc


@pytest.mark.parametrize("name, line", [
    ("200 MB request line", lambda: b'{"op": "observe", "text": "' + b"x" * (200 << 20) + b'"}\n'),
    ("10 MB observe", lambda: protocol.encode({"op": "observe", "text": "lorem ipsum " * 900_000})),
    ("deep nesting 250 KB", lambda: b'{"op": "ping", "seq": ' + b"[" * 120_000 + b"]" * 120_000 + b"}\n"),
    ("observe at the cap", lambda: protocol.encode({"op": "observe", "text": "word " * 50_000})),
])
def test_engine_memory_and_time_on_hostile_lines(bigram_plugin, name, line):
    proc = _engine(bigram_plugin)
    try:
        data = line()
        start = time.perf_counter()
        proc.stdin.write(data + protocol.encode({"op": "ping", "seq": 1}))
        proc.stdin.flush()
        while True:
            reply = json.loads(proc.stdout.readline())
            if reply["op"] == "pong":
                break
        seconds = time.perf_counter() - start
        peak = _peak_mb(proc.pid)
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    print(f"\n{name}: {len(data) / 2**20:.1f} MB sent, answered after {seconds:.2f} s, "
          f"engine peak RSS {peak:.0f} MB")
    assert peak < LIMIT_MB


LOAD = """
import sys, time
sys.path.insert(0, {plugins!r})
from wordpad_ai.api import ModelError
from wordpad_ai_lstm.plugin import LSTMModel
start = time.perf_counter()
try:
    LSTMModel.load({folder!r})
except ModelError as exc:
    print("refused:", str(exc)[-120:])
# VmHWM: this process's own peak (ru_maxrss would carry the parent's peak over the fork)
hwm = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:")).split()[1]
print(f"{{time.perf_counter() - start:.2f}} s, peak {{int(hwm) / 1024:.0f}} MB")
"""


@pytest.mark.parametrize("attack", ["npz declares 4 GB", "hidden_dim 3000", "hidden_dim 8192"])
def test_model_folder_memory_and_time(tmp_path, attack):
    import io
    import zipfile

    import numpy as np

    folder = tmp_path / "model"
    shutil.copytree(GOOD_MODEL, folder)
    if attack.startswith("npz"):
        header = io.BytesIO()
        np.lib.format.write_array_header_1_0(header, {"descr": "<f4", "fortran_order": False,
                                                      "shape": (1 << 20, 1 << 10)})
        with zipfile.ZipFile(folder / "weights.npz", "a") as z:
            z.writestr("embedding.npy", header.getvalue() + b"\0" * (1 << 20))
    else:
        meta = json.loads((folder / "config.json").read_text())
        meta["config"]["hidden_dim"] = int(attack.split()[-1])
        (folder / "config.json").write_text(json.dumps(meta))
    plugins = str(Path(__file__).parents[2] / "plugins")
    out = subprocess.run([sys.executable, "-c", LOAD.format(plugins=plugins, folder=str(folder))],
                         capture_output=True, text=True, timeout=300)
    print(f"\n{attack}: {out.stdout.strip()} {out.stderr.strip()[-300:]}")
    peak = float(out.stdout.strip().rsplit("peak", 1)[1].split()[0])
    assert "refused" in out.stdout and peak < LIMIT_MB
