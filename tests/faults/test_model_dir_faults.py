"""Faults of damaged model folders (issue 15 item 4): refused before anything is loaded, in
bounded memory and time, always as one ModelError naming the folder.

Each test copies a small real model folder (written by the model format's own code) and damages
it; the bundled LSTM plugin's real ``load`` reads it."""

from __future__ import annotations

import io
import json
import shutil
import time
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pytest

from wordpad_ai.api import ModelError
from wordpad_ai.neural.modeldir import MAX_DIM, npz_headers
from wordpad_ai_lstm.cell import LSTMCell
from wordpad_ai_lstm.plugin import LSTMModel

pytestmark = pytest.mark.timeout(60)

GOOD = Path(__file__).parents[1] / "neural" / "data" / "old_format" / "lstm"


@pytest.fixture
def model_dir(tmp_path) -> Path:
    folder = tmp_path / "my model"
    shutil.copytree(GOOD, folder)
    LSTMModel.load(folder)  # the copy is a loadable model before the test damages it
    return folder


def _config(folder: Path, **changes) -> None:
    meta = json.loads((folder / "config.json").read_text())
    meta["config"].update(changes)
    (folder / "config.json").write_text(json.dumps(meta))


def _refused(folder: Path, *words: str) -> str:
    with pytest.raises(ModelError) as err:
        LSTMModel.load(folder)
    message = str(err.value)
    assert str(folder) in message, message
    for word in words:
        assert word in message, message
    return message


def _npy_member(shape, dtype="<f4", data: bytes = b"") -> bytes:
    """An .npy file whose header declares ``shape`` but which holds only ``data``."""
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(buf, {"descr": dtype, "fortran_order": False, "shape": shape})
    return buf.getvalue() + data


def _rewrite_npz(folder: Path, replace: dict[str, bytes]) -> None:
    src = folder / "weights.npz"
    members = {}
    with zipfile.ZipFile(src) as z:
        for name in z.namelist():
            members[name] = z.read(name)
    members.update(replace)
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)


def test_npz_header_declaring_a_huge_array_is_refused_without_reading_it(model_dir):
    # 400 MB declared, a few bytes stored: the old code allocated it all before comparing shapes
    _rewrite_npz(model_dir, {"embedding.npy": _npy_member((20_000, 5_000), data=b"\0" * 64)})
    tracemalloc.start()
    try:
        _refused(model_dir, "embedding", "(20000, 5000)")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20, f"peak {peak / 2**20:.0f} MB while refusing"


def test_a_huge_hidden_dim_in_config_is_refused_in_well_under_a_second(model_dir):
    _config(model_dir, hidden_dim=3000)  # weights still hidden_dim 8: shapes cannot match
    start = time.perf_counter()
    _refused(model_dir, "(3000, 6)", "do not match")
    assert time.perf_counter() - start < 1.0  # was 97.6 s: real random weights for the check


@pytest.mark.parametrize("field, value", [("hidden_dim", MAX_DIM + 1), ("embed_dim", 10**12),
                                          ("hidden_dim", 0), ("vocab_size", -5)])
def test_config_sizes_beyond_sane_limits_are_refused(model_dir, field, value):
    _config(model_dir, **{field: value})
    _refused(model_dir, field)


def test_shape_check_builds_no_weights():
    # the old check built real random weights; this size would take minutes and gigabytes
    from wordpad_ai.neural.config import LMConfig
    from wordpad_ai.neural.weights import expected_shapes

    start = time.perf_counter()
    shapes = expected_shapes(LMConfig(embed_dim=4000, hidden_dim=8000), 2_000_000, LSTMCell)
    assert shapes["cell/W"] == (12_000, 32_000) and shapes["embedding"] == (2_000_000, 4000)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("name, content", [
    ("config.json", "[" * 100_000 + "]" * 100_000),
    ("vocab.json", "[" * 100_000 + "]" * 100_000),
    ("lexicon.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    ("case.json", '{"a": [1, 2]}'),
    ("vocab.json", '{"not": "a list"}'),
    ("vocab.json", "[1, 2, 3]"),
    ("lexicon.json", '{"word": "many"}'),
    ("config.json", '{"format": "wordpad-ai-recurrent-lm", "format_version": 1, "model_id": "lstm", '
                    '"config": {"hidden_dim": "eight"}}'),
    ("config.json", '{"format": "wordpad-ai-recurrent-lm", "format_version": 1, "model_id": "lstm", '
                    '"config": {"hidden_dim": 1e400}}'),
    ("config.json", "\xff\xfe garbage"),
])
def test_damaged_json_files_are_model_errors_naming_the_folder(model_dir, name, content):
    (model_dir / name).write_text(content, encoding="latin-1" if "\xff" in content else "utf-8")
    _refused(model_dir)


@pytest.mark.parametrize("damage", [
    lambda f: (f / "weights.npz").write_bytes(b"PK\x03\x04 not really a zip"),
    lambda f: (f / "weights.npz").write_bytes(b""),
    lambda f: _rewrite_npz(f, {"embedding.npy": b"\x93NUMPY\x01\x00garbage"}),
    lambda f: _rewrite_npz(f, {"embedding.npy": _npy_member((22, 6), dtype="|O")}),
    lambda f: _rewrite_npz(f, {"embedding.npy": _npy_member((22, 6), dtype="<f8", data=b"\0" * 22 * 6 * 8)}),
    lambda f: _rewrite_npz(f, {"embedding.npy": _npy_member((22, 6), dtype="<f2", data=b"\0" * 10)}),
    lambda f: _rewrite_npz(f, {"evil.pkl": b"cos\nsystem\n(S'echo hi'\ntR."}),
    lambda f: _rewrite_npz(f, {"embedding.npy": _npy_member((22, 6), dtype="<f2",
                                                            data=np.full(132, np.nan, "<f2").tobytes())}),
])
def test_damaged_weights_are_model_errors_naming_the_folder(model_dir, damage):
    damage(model_dir)
    _refused(model_dir)


def test_npz_headers_reads_shapes_without_data(model_dir):
    assert npz_headers(model_dir / "weights.npz")["cell/W"] == ((14, 32), "float16")



def test_a_damaged_trained_version_falls_back_to_the_default_and_says_so(model_dir):
    from wordpad_ai.engine.core import Engine
    from wordpad_ai.modelstore import ModelStore
    from wordpad_ai.plugins import PluginHost
    from wordpad_ai.settings import Settings

    store = ModelStore()
    version = store.promote("lstm", model_dir)
    (store.current_path("lstm") / "weights.npz").write_bytes(b"PK\x03\x04 damaged")
    engine = Engine(PluginHost(only=()), Settings(active_model="lstm"))
    note = engine.load_configured()
    assert engine.active == ("lstm", None)  # the shipped default answers
    assert f"lstm {version} could not be loaded" in note and "Model → Versions" in note
    assert engine.suggest("The ", 3)
