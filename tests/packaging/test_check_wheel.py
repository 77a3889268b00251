"""The full wheel check: sdist → wheel → brand-new venv → pip install → run (``-m slow``).

Runs ``packaging/check_wheel.sh`` as a user would; it downloads or unpacks TensorFlow and Qt into
the new venv (~1.5 GB, minutes), so it is not in the default suite (see test_wheel_contents.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_check_wheel_script(tmp_path):
    proc = subprocess.run(["bash", str(REPO / "packaging" / "check_wheel.sh"), str(tmp_path / "work")],
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, f"check_wheel.sh failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-6000:]}"
    assert "check_wheel: OK" in proc.stdout
    assert "bundled plugins: lstm (enabled), rnn (enabled)" in proc.stdout
    assert (tmp_path / "work" / "install-size.txt").read_text().startswith("venv site-packages:")
