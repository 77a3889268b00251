"""Faults of plugin models' results (issue 15 item 8): what ``predict`` returns is checked and
trimmed in the engine and in ``wordpad-ai suggest``, and a wrong type names the plugin."""

from __future__ import annotations

import math

import pytest

from wordpad_ai.api import ModelError
from wordpad_ai.cli import main
from wordpad_ai.engine.core import Engine
from wordpad_ai.plugins import PluginHost
from wordpad_ai.settings import Settings, save_settings

from hostile_plugins import activate, model_plugin

HOSTILE = {  # model id -> predict body
    "returns_none": "return None",
    "returns_strings": "return ['the', 'a', 'an']",
    "bad_probabilities": ("return [Suggestion('nan', float('nan')), Suggestion('neg', -0.5),\n"
                          "        Suggestion('big', 7.0), Suggestion('inf', float('inf'))]"),
    "floods": "return [Suggestion(f'w{i}', 0.5) for i in range(10**6)]",
    "endless": ("def gen():\n    while True:\n        yield Suggestion('again', 0.1)\n"
                "return gen()"),
}


@pytest.fixture
def hostile(tmp_path, monkeypatch) -> PluginHost:
    plugins = {}
    for model_id, body in HOSTILE.items():
        plugins[model_id] = model_plugin(tmp_path, f"hostile_{model_id}", model_id, predict=body)
    activate(monkeypatch, tmp_path, plugins, keep_existing=False)
    save_settings(Settings(active_model="floods", disabled_plugins=("lstm", "rnn")))
    return PluginHost(entry_points=[])


def _engine(host, model_id) -> Engine:
    engine = Engine(host, Settings(active_model=model_id))
    engine.set_model(model_id)
    return engine


@pytest.mark.parametrize("model_id, what", [("returns_none", "None"), ("returns_strings", "'the' (str)")])
def test_engine_refuses_results_of_the_wrong_type_naming_the_plugin(hostile, model_id, what):
    with pytest.raises(ModelError) as err:
        _engine(hostile, model_id).suggest("a ", 3)
    assert f"plugin '{model_id}'" in str(err.value) and what in str(err.value)


def test_engine_clamps_probabilities_into_0_1(hostile):
    got = _engine(hostile, "bad_probabilities").suggest("a ", 4)
    assert [s.word for s in got] == ["nan", "neg", "big", "inf"]
    assert all(0.0 <= s.probability <= 1.0 and not math.isnan(s.probability) for s in got)


def test_engine_returns_at_most_k(hostile):
    assert [s.word for s in _engine(hostile, "floods").suggest("a ", 3)] == ["w0", "w1", "w2"]
    # an endless generator of one word: read up to k, and the same word offered once
    assert [s.word for s in _engine(hostile, "endless").suggest("a ", 3)] == ["again"]


def test_cli_suggest_trims_a_flood_to_k(hostile, capsys):
    assert main(["suggest", "--model", "floods", "-k", "3", "a "]) == 0
    assert capsys.readouterr().out.splitlines() == ["w0\t0.5000", "w1\t0.5000", "w2\t0.5000"]


def test_cli_suggest_prints_probabilities_in_range(hostile, capsys):
    assert main(["suggest", "--model", "bad_probabilities", "-k", "4", "a "]) == 0
    probabilities = [float(line.split("\t")[1]) for line in capsys.readouterr().out.splitlines()]
    assert probabilities == [0.0, 0.0, 1.0, 1.0]


@pytest.mark.parametrize("model_id", ["returns_none", "returns_strings"])
def test_cli_suggest_names_the_plugin_in_one_line_not_a_traceback(hostile, capsys, model_id):
    assert main(["suggest", "--model", model_id, "a "]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wordpad-ai: error: ") and f"plugin '{model_id}'" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
