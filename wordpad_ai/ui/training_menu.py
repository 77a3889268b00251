"""The menu entries of training: Tools → Train on my documents…, Model → Versions / roll back….

:func:`install_training_menu` is the one call the main window makes; the dialogs (and QtCharts)
are imported only when an entry is chosen. The dialogs get a :class:`ModelControl` that promotes
and switches through the window's public ``switch_model``; the menu reads the model in use from
``active_model_id``. The GUI process never imports third-party plugins: before the engine has
listed its models, only the bundled plugins' metadata is offered.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from ..api import ModelInfo
from .menus import find_menu
from .model_control import ModelControl


class TrainingMenu(QObject):
    """Owns the two actions and opens the dialogs with the models the engine listed."""

    def __init__(self, window: QMainWindow, engine_client=None):
        super().__init__(window)
        self.window = window
        self.engine_client = engine_client  # EngineClient whose model lists are offered, or None
        self.models: list[ModelInfo] = []  # latest models_listed from the engine
        self.train_action = QAction(window.tr("&Train on My Documents…"), window)
        self.train_action.setObjectName("train_on_documents")
        self.train_action.triggered.connect(self._on_train_action_triggered)
        self.versions_action = QAction(window.tr("&Versions / Roll Back…"), window)
        self.versions_action.setObjectName("model_versions")
        self.versions_action.triggered.connect(self._on_versions_action_triggered)
        self.tools_menu = find_menu(window, "Tools")
        self.tools_menu.addSeparator()
        self.tools_menu.addAction(self.train_action)
        self.model_menu = find_menu(window, "Model")
        self.model_menu.aboutToShow.connect(self._on_model_menu_about_to_show)
        self._on_model_menu_about_to_show()
        if engine_client is not None:
            engine_client.models_listed.connect(self._on_engine_models_listed)
            engine_client.request_models()
        self.dialog = None  # the open dialog, if any

    def control(self) -> ModelControl:
        """Promotes and switches models for the dialogs, through the window's ``switch_model``
        (or straight through the engine client when the window has none)."""
        switch = getattr(self.window, "switch_model", None)
        if switch is None and self.engine_client is not None:
            switch = self.engine_client.set_model
        return ModelControl(switch=switch)

    def model_infos(self) -> list[ModelInfo]:
        """Models the engine listed; before it has, those of the bundled plugins only (their
        modules load no TensorFlow; third-party plugins are imported only by the engine)."""
        if self.models:
            return self.models
        from ..plugins import PluginHost
        from ..settings import load_settings

        return PluginHost(disabled=load_settings().disabled_plugins, only=()).model_infos()

    def open_training_dialog(self):
        from .training_dialog import TrainingDialog

        self.dialog = TrainingDialog(self.model_infos(), self.control(), self.window)
        self.dialog.open()
        return self.dialog

    def open_versions_dialog(self):
        from .model_versions import ModelVersionsDialog

        active = getattr(self.window, "active_model_id", None)
        self.dialog = ModelVersionsDialog(self.model_infos(), self.control(), self.window, model_id=active)
        self.dialog.open()
        return self.dialog

    # -- slots --------------------------------------------------------------------------------
    def _on_train_action_triggered(self) -> None:
        self.open_training_dialog()

    def _on_versions_action_triggered(self) -> None:
        self.open_versions_dialog()

    def _on_engine_models_listed(self, models: list) -> None:
        self.models = list(models)

    def _on_model_menu_about_to_show(self) -> None:
        # the Model menu is rebuilt whenever the engine lists models: add the entry back
        if self.versions_action not in self.model_menu.actions():
            self.model_menu.addSeparator()
            self.model_menu.addAction(self.versions_action)


def install_training_menu(window: QMainWindow, engine_client=None) -> TrainingMenu:
    """Add Tools → "Train on my documents…" and Model → "Versions / roll back…" to ``window``."""
    return TrainingMenu(window, engine_client)
