"""Holding engine failures against the plugin whose model was busy, and disabling one that
keeps failing (issue 15: a model that hangs or kills the engine must not do it forever).

The engine client (``engine_client.py``) calls :meth:`PluginStrikes.strike` when the engine hung
or died while a model was loading or answering, and :meth:`PluginStrikes.forgive` when that
model answers. At ``limit`` strikes in a row the plugin is added to the settings' disabled
plugins and, if it was the user's active model, the default model becomes active again, so the
broken choice is not kept for the next start. The shipped default model is never disabled.
No Qt here.
"""

from __future__ import annotations

from typing import Iterable

from ..api import ModelInfo


class PluginStrikes:
    """Failures per model id since its last good answer, and the plugin of each model."""

    def __init__(self, limit: int):
        self.limit = limit  # strikes in a row that disable a plugin
        self._plugin_of: dict[str, str] = {}  # model id → plugin name, from the engine's model lists
        self._counts: dict[str, int] = {}  # model id → failures since a good answer

    def learn(self, models: Iterable[ModelInfo]) -> None:
        """Remember which plugin registered each model (from the engine's model lists)."""
        self._plugin_of.update({m.model_id: m.plugin for m in models})

    def forgive(self, model_id: str | None) -> None:
        """``model_id`` answered: earlier failures no longer count."""
        self._counts.pop(model_id, None)

    def strike(self, model_id: str, reason: str) -> tuple[str, str] | None:
        """Hold a failure (``reason``: "did not answer within 2.5 s") against ``model_id``. At the
        limit, disable its plugin in the settings, make the default model active again if it
        was this one, and return ``(plugin, message for the user)``; else None."""
        from ..settings import Settings, load_settings, update_settings

        default = Settings().active_model
        self._counts[model_id] = self._counts.get(model_id, 0) + 1
        if model_id == default or self._counts[model_id] < self.limit:
            return None
        del self._counts[model_id]
        plugin = self._plugin_of.get(model_id, model_id)
        settings = load_settings()
        changes: dict = {}
        if plugin not in settings.disabled_plugins:
            changes["disabled_plugins"] = (*settings.disabled_plugins, plugin)
        if settings.active_model == model_id:
            changes["active_model"] = default
        if changes:
            update_settings(**changes)
        return plugin, (f"The plugin '{plugin}' failed {self.limit} times (its model '{model_id}' "
                        f"{reason}) and was disabled; suggestions use the default model. To try it "
                        f"again: 'wordpad-ai plugins enable {plugin}' (or the Plugins window).")
