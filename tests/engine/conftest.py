"""Fixtures for the engine tests: the bigram example plugin and the hanging test plugin, loaded
from source in this process and in engine subprocesses; settings in the temporary home."""

from __future__ import annotations

import pytest

from wordpad_ai.plugins import PluginHost
from wordpad_ai.settings import Settings, save_settings


@pytest.fixture
def engine_plugins(bigram_plugin, hang_plugin):
    """Bigram ("bigram") and hanging ("hang") models, also for subprocesses (PYTHONPATH)."""
    return (bigram_plugin, hang_plugin)


@pytest.fixture
def test_host(engine_plugins) -> PluginHost:
    """A host with only the two test plugins (no bundled TensorFlow models)."""
    return PluginHost(entry_points=[])


@pytest.fixture
def configure(engine_plugins):
    """Write settings for the engine process: the active model; bundled TF plugins disabled so
    engine processes start fast."""

    def write(active_model: str = "bigram") -> Settings:
        settings = Settings(active_model=active_model, disabled_plugins=("lstm", "rnn"))
        save_settings(settings)
        return settings

    return write

