"""`wordpad-ai train --strategy`: the strategies on a CPU-only machine, the multi-worker errors,
and the packaging promise behind it (plain install CPU-only, the `gpu` extra the CUDA build)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wordpad_ai.api import ModelError

ROOT = Path(__file__).resolve().parents[2]


def test_auto_and_one_device_use_the_cpu_without_gpus(monkeypatch):
    tf = pytest.importorskip("tensorflow")
    from wordpad_ai.neural.distribute import make_strategy

    assert not tf.config.list_logical_devices("GPU")  # the test machines have none
    assert make_strategy("auto") is tf.distribute.get_strategy()  # the default: the CPU
    one = make_strategy("one-device")
    assert isinstance(one, tf.distribute.OneDeviceStrategy) and one.num_replicas_in_sync == 1


def test_multi_worker_needs_a_valid_tf_config(monkeypatch):
    pytest.importorskip("tensorflow")
    from wordpad_ai.neural.distribute import make_strategy

    monkeypatch.delenv("TF_CONFIG", raising=False)
    with pytest.raises(ModelError, match="needs the TF_CONFIG environment variable.*docs/training.md"):
        make_strategy("multi-worker")
    monkeypatch.setenv("TF_CONFIG", "{cluster")
    with pytest.raises(ModelError, match="TF_CONFIG is not valid JSON"):
        make_strategy("multi-worker")


def test_the_plain_install_is_cpu_only_and_the_gpu_extra_brings_cuda():
    if sys.version_info < (3, 11):
        pytest.skip("tomllib")
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    tf_deps = [d for d in project["dependencies"] if d.startswith("tensorflow")]
    assert any(d.startswith("tensorflow-cpu") and "platform_machine == 'x86_64'" in d for d in tf_deps)
    assert not any("cuda" in d for d in tf_deps)
    assert any(d.startswith("tensorflow[and-cuda]") for d in project["optional-dependencies"]["gpu"])
    assert "pip uninstall -y tensorflow-cpu" in (ROOT / "docs" / "training.md").read_text(encoding="utf-8")
