"""Model directories written before cells became classes (issue 16 §3) load unchanged and
predict exactly as they did: ``data/old_format/{lstm,rnn}`` and ``expected.json`` were written
and recorded by the code before the change (config.json says ``"cell": "lstm"``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from wordpad_ai import load_model

DATA = Path(__file__).parent / "data" / "old_format"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("model_id", ["lstm", "rnn"])
def test_a_model_directory_of_the_old_code_predicts_as_before(model_id, tmp_path):
    folder = shutil.copytree(DATA / model_id, tmp_path / model_id)
    assert json.loads((folder / "config.json").read_text())["config"]["cell"] == model_id
    model = load_model(model_id, folder)
    want = EXPECTED[model_id]
    for context, rows in want["predict"].items():
        got = [[s.word, s.probability, s.prefix] for s in model.predict(context, 5)]
        assert [g[0] for g in got] == [r[0] for r in rows], context
        assert [g[2] for g in got] == [r[2] for r in rows], context
        np.testing.assert_allclose([g[1] for g in got], [r[1] for r in rows], rtol=1e-6, atol=1e-9)
    assert model.perplexity("the cat sat on the mat. i was a dog.") == pytest.approx(want["perplexity"], rel=1e-6)


def test_an_old_directory_of_one_cell_is_refused_by_the_other_model(tmp_path):
    from wordpad_ai.api import ModelError

    folder = shutil.copytree(DATA / "rnn", tmp_path / "rnn")
    with pytest.raises(ModelError, match="holds a 'rnn' model, not 'lstm'"):
        load_model("lstm", folder)
