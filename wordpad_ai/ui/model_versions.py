"""Model → Versions / roll back…: the user's trained versions of a model with their figures;
use any earlier version or the shipped default again, or delete a version."""

from __future__ import annotations

import time
from typing import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from ..api import ModelInfo
from ..modelstore import ModelStore, ModelVersion

DEFAULT_ROW = ""  # item data of the "shipped default" row


def _figure(data, key: str, share: bool = True) -> str:
    value = (data or {}).get(key)
    if value is None:
        return "—"
    return f"{100 * value:.1f} %" if share else f"{value:.1f}"


class ModelVersionsDialog(QDialog):
    """Lists versions of one model id; "Use This Version" points the store at the selection."""

    model_rolled_back = Signal(str, object)  # model id, version ("v0002") or None (default)

    def __init__(self, models: Sequence[ModelInfo], engine_client=None, parent=None,
                 store: ModelStore | None = None, model_id: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Model Versions"))
        self.resize(820, 360)
        self.store = store or ModelStore()  # the versions shown
        self.engine_client = engine_client  # told to load the chosen version, or None
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Model:")))
        self.model_box = QComboBox(self)
        names = {m.model_id: m.display_name for m in models if m.trainable}
        for mid in self.store.model_ids():
            names.setdefault(mid, mid)
        for mid, name in names.items():
            self.model_box.addItem(name, mid)
        if model_id is not None and self.model_box.findData(model_id) >= 0:
            self.model_box.setCurrentIndex(self.model_box.findData(model_id))
        self.model_box.currentIndexChanged.connect(self._on_model_box_changed)
        row.addWidget(self.model_box)
        row.addStretch(1)
        v.addLayout(row)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Version"), self.tr("Created"), self.tr("Trained from"),
                                   self.tr("Words"), self.tr("Keystroke savings before → after"),
                                   self.tr("Perplexity before → after")])
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemSelectionChanged.connect(self._on_tree_selection_changed)
        v.addWidget(self.tree, 1)
        self.status_label = QLabel("", self)
        v.addWidget(self.status_label)
        row = QHBoxLayout()
        self.delete_button = QPushButton(self.tr("Delete Version"), self)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        self.use_button = QPushButton(self.tr("Use This Version"), self)
        self.use_button.clicked.connect(self._on_use_button_clicked)
        row.addWidget(self.use_button)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        v.addLayout(row)
        self.refresh()

    def model_id(self) -> str:
        return self.model_box.currentData() or ""

    def refresh(self) -> None:
        """Reload the versions of the chosen model."""
        self.tree.clear()
        model_id = self.model_id()
        if not model_id:
            self.status_label.setText(self.tr("No trainable model is installed."))
            self._on_tree_selection_changed()
            return
        versions = self.store.versions(model_id)
        current = self.store.current_version(model_id)
        default = QTreeWidgetItem(self.tree, [self.tr("Shipped default"), "", "", "", "", ""])
        default.setData(0, Qt.ItemDataRole.UserRole, DEFAULT_ROW)
        self._mark(default, current is None)
        for ver in reversed(versions):
            item = QTreeWidgetItem(self.tree, self._columns(ver))
            item.setData(0, Qt.ItemDataRole.UserRole, ver.version)
            if ver.problem:  # its details are damaged; the version itself still loads
                item.setText(0, item.text(0) + self.tr("  (details damaged)"))
                for col in range(self.tree.columnCount()):
                    item.setToolTip(col, ver.problem)
            self._mark(item, ver.current)
        self.status_label.setText(self.tr("{0} trained version(s); in use: {1}").format(
            len(versions), current or self.tr("shipped default")))
        self._on_tree_selection_changed()

    def rows(self) -> list[str]:
        """Version names in list order ("" for the shipped default), for tests and scripts."""
        return [self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
                for i in range(self.tree.topLevelItemCount())]

    def select(self, version: str | None) -> None:
        """Select the row of ``version`` (None: the shipped default)."""
        wanted = DEFAULT_ROW if version is None else version
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            item.setSelected(item.data(0, Qt.ItemDataRole.UserRole) == wanted)

    def use_selected(self) -> str | None:
        """Make the selected row current and switch the engine; returns the version."""
        version = self._selected()
        if version is False:
            return None
        model_id = self.model_id()
        path = self.store.rollback(model_id, version or None)
        if self.engine_client is not None:
            self.engine_client.set_model(model_id, None if path is None else str(path))
        self.refresh()
        self.model_rolled_back.emit(model_id, version or None)
        return version or None

    def delete_selected(self) -> None:
        version = self._selected()
        if not version:
            return
        was_current = self.store.current_version(self.model_id()) == version
        self.store.delete(self.model_id(), version)
        if was_current and self.engine_client is not None:
            self.engine_client.set_model(self.model_id(), None)
        self.refresh()

    # -- slots --------------------------------------------------------------------------------
    def _on_model_box_changed(self, _index: int) -> None:
        self.refresh()

    def _on_tree_selection_changed(self) -> None:
        version = self._selected()
        self.use_button.setEnabled(version is not False)
        self.delete_button.setEnabled(bool(version))

    def _on_use_button_clicked(self) -> None:
        self.use_selected()

    def _on_delete_button_clicked(self) -> None:
        self.delete_selected()

    # -- helpers ------------------------------------------------------------------------------
    def _selected(self):
        """The selected version, "" for the default row, False for no selection."""
        items = self.tree.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else False

    def _columns(self, ver: ModelVersion) -> list[str]:
        created = time.strftime("%Y-%m-%d %H:%M", time.localtime(ver.created))
        ksr = f"{_figure(ver.before, 'ksr')} → {_figure(ver.after, 'ksr')}"
        ppl = f"{_figure(ver.before, 'perplexity', False)} → {_figure(ver.after, 'perplexity', False)}"
        return [ver.version, created, ver.base or "—", f"{ver.words:,}", ksr, ppl]

    def _mark(self, item: QTreeWidgetItem, in_use: bool) -> None:
        if in_use:
            item.setText(0, item.text(0) + self.tr("  (in use)"))
            font = QFont(item.font(0))
            font.setBold(True)
            for col in range(self.tree.columnCount()):
                item.setFont(col, font)
