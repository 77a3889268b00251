"""The GRU plugin printed in docs/plugins.md is a working third-party model plugin: its numpy
step equals its TensorFlow step, it loads through WORDPAD_AI_EXTRA_PLUGINS, trains through the
shared trainer and predicts from the model directory it wrote."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest

tf = pytest.importorskip("tensorflow")

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"


@pytest.fixture
def gru_plugin(tmp_path, monkeypatch):
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## A recurrent model in a page: a GRU", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert len(code.splitlines()) <= 80, "the GRU must stay a page of code"
    (tmp_path / "wordpad_ai_gru.py").write_text(code, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("WORDPAD_AI_EXTRA_PLUGINS", "gru=wordpad_ai_gru")
    sys.modules.pop("wordpad_ai_gru", None)
    yield "gru"
    sys.modules.pop("wordpad_ai_gru", None)


def test_the_docs_gru_steps_alike_in_numpy_and_tensorflow(gru_plugin):
    from wordpad_ai_gru import GRUCell

    rng = np.random.default_rng(4)
    B, d, n = 3, 5, 4
    w = {k: v + rng.standard_normal(v.shape).astype(np.float32) * 0.3
         for k, v in GRUCell.init_weights(d, n, rng).items()}
    x, h = rng.standard_normal((B, d)).astype(np.float32), rng.standard_normal((B, n)).astype(np.float32)
    (h_np,), gates = GRUCell.np_step(w, x, (h,))
    (h_tf,) = GRUCell.tf_step({k: tf.constant(v) for k, v in w.items()}, tf.constant(x), (tf.constant(h),))
    np.testing.assert_allclose(h_tf.numpy(), h_np, rtol=1e-5, atol=1e-6)
    # the equations: h = (1 - z) h + z tanh(x W_h + (r h) U_h + b_h)
    z, r = gates["update gate"], gates["reset gate"]
    cand = np.tanh(x @ w["W"][:, 2 * n:] + w["b"][2 * n:] + (r * h) @ w["U"][:, 2 * n:])
    np.testing.assert_allclose(h_np, (1 - z) * h + z * cand, rtol=1e-5, atol=1e-6)


def test_the_docs_gru_plugin_trains_and_predicts(gru_plugin, tmp_path):
    from wordpad_ai import load_model
    from wordpad_ai.api import ModelError, TrainingJob
    from wordpad_ai.plugins import load_host

    host = load_host()
    cls = host.model_class("gru")
    assert host.records["gru"].status == "enabled"
    with pytest.raises(ModelError, match="ships no weights; train it"):
        load_model("gru")
    corpus = tmp_path / "notes.txt"
    corpus.write_text("\n\n".join(["The cat sat on the mat. My dog eats green apples."] * 40), encoding="utf-8")
    job = TrainingJob(paths=(str(corpus),), out_dir=str(tmp_path / "gru"), epochs=8, seed=1,
                      hyperparameters={"embed_dim": 16, "hidden_dim": 16, "seq_len": 8, "batch_size": 8,
                                       "learning_rate": 0.02, "min_count": 1, "warmup_steps": 2})
    out = cls.train(job, lambda e: None, lambda: False)
    model = load_model("gru", out)
    assert model.predict("The cat sat on the ", 1)[0].word == "mat"
    assert model.inspect("My dog eats ").series.keys() >= {"update gate", "reset gate"}
