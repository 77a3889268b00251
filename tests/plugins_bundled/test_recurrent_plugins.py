"""The bundled RNN and LSTM plugins register their models through the plugin host."""

from __future__ import annotations

import pytest

from wordpad_ai.api import ModelError
from wordpad_ai.neural.cells import Cell
from wordpad_ai.neural.model import RecurrentModel
from wordpad_ai.plugins import PluginHost


def test_rnn_and_lstm_are_registered_trainable_recurrent_models():
    host = PluginHost()
    infos = {i.model_id: i for i in host.model_infos()}
    for model_id, plugin in (("rnn", "rnn"), ("lstm", "lstm")):
        assert infos[model_id].trainable and infos[model_id].plugin == plugin
        cls = host.model_class(model_id)
        assert issubclass(cls, RecurrentModel) and issubclass(cls.cell, Cell)
        assert cls.cell.__name__ == f"{model_id.upper()}Cell"
    assert host.records["lstm"].status == "enabled" and host.records["rnn"].models == ["rnn"]


def test_missing_default_model_says_how_to_build_it(monkeypatch, tmp_path):
    host = PluginHost()
    cls = host.model_class("lstm")
    monkeypatch.setattr(cls, "default_path", classmethod(lambda c: tmp_path / "lstm"))
    with pytest.raises(ModelError, match="not built yet.*wordpad-ai train --model lstm"):
        host.load_model("lstm")
