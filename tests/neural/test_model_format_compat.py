"""Model directories written before cells became classes (issue 16 §3) load unchanged and their
network computes exactly what it did: ``data/old_format/{lstm,rnn}`` were written, and
``expected_raw.json`` (the next-token log-probabilities after a few token sequences) recorded, by
the code before the change (config.json says ``"cell": "lstm"``). The raw network output is
compared, not the suggestions, so changes to how suggestions are drawn from it (tables, caches)
do not matter here."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from wordpad_ai import load_model
from wordpad_ai.api import ModelError

DATA = Path(__file__).parent / "data" / "old_format"
EXPECTED = json.loads((DATA / "expected_raw.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("model_id", ["lstm", "rnn"])
def test_a_model_directory_of_the_old_code_computes_as_before(model_id, tmp_path):
    folder = shutil.copytree(DATA / model_id, tmp_path / model_id)
    assert json.loads((folder / "config.json").read_text())["config"]["cell"] == model_id
    model = load_model(model_id, folder)
    predictor = model.predictor
    for tokens, want in zip(EXPECTED["sequences"], EXPECTED["log_probs"][model_id]):
        got = predictor.log_probs(predictor.states_after(tokens))
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert model.predict("The cat sat on the ", 3)  # and it suggests


def test_an_old_directory_of_one_cell_is_refused_by_the_other_model(tmp_path):
    folder = shutil.copytree(DATA / "rnn", tmp_path / "rnn")
    with pytest.raises(ModelError, match="holds a 'rnn' model, not 'lstm'"):
        load_model("lstm", folder)
