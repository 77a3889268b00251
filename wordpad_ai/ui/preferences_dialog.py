"""Edit → Preferences…: the dialog. It shows a :class:`~wordpad_ai.settings.Settings` and emits
the changes the user made; :mod:`wordpad_ai.ui.preferences` saves and applies them.

Three tabs: Suggestions (how many, which key accepts, phrases, ghost colour), Editor (font, size,
theme, spelling, autosave) and Privacy (learning from typing, excluded folders, where the data
lives, deleting everything learned).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import (
    QCheckBox, QColorDialog, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog,
    QFontComboBox, QFormLayout, QHBoxLayout, QLabel, QListWidget, QPushButton, QSpinBox, QTabWidget,
    QVBoxLayout, QWidget,
)

from .. import settings as settings_mod
from ..settings import Settings

ACCEPT_KEY_LABELS = {"tab": "Tab", "right": "Right arrow", "enter": "Enter"}
THEME_LABELS = {"system": "Same as the desktop", "light": "Light", "dark": "Dark"}


class PreferencesDialog(QDialog):
    """Shows settings; :attr:`changes_applied` carries the fields the user changed."""

    changes_applied = Signal(dict)  # Settings field -> new value (Apply or OK)
    open_data_folder_requested = Signal()  # "Open Folder" was clicked
    forget_requested = Signal()  # "Delete Everything … Learned About Me…" was clicked

    def __init__(self, settings: Settings, data_folder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preferences_dialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._shown = settings  # the settings the widgets were filled from
        self._ghost_color = settings.ghost_color  # "" = automatic
        tabs = QTabWidget(self)
        tabs.addTab(self._suggestions_tab(settings), self.tr("&Suggestions"))
        tabs.addTab(self._editor_tab(settings), self.tr("&Editor"))
        tabs.addTab(self._privacy_tab(settings, data_folder), self.tr("&Privacy"))
        self.tabs = tabs
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.Apply, self)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    # -- tabs -------------------------------------------------------------------------------------
    def _suggestions_tab(self, s: Settings) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.count_spin = QSpinBox(page)
        self.count_spin.setRange(settings_mod.MIN_SUGGESTIONS, settings_mod.MAX_SUGGESTIONS)
        self.count_spin.setValue(s.suggestion_count)
        self.count_spin.setToolTip(self.tr("Alternatives shown in the suggestion bar, "
                                           "picked with Alt+1 … Alt+%d") % settings_mod.MAX_SUGGESTIONS)
        form.addRow(self.tr("&Number of suggestions:"), self.count_spin)
        self.accept_combo = QComboBox(page)
        for key, label in ACCEPT_KEY_LABELS.items():
            self.accept_combo.addItem(self.tr(label), key)
        self.accept_combo.setCurrentIndex(self.accept_combo.findData(s.accept_key))
        form.addRow(self.tr("&Accept a suggestion with:"), self.accept_combo)
        self.phrase_check = QCheckBox(self.tr("Suggest &whole phrases when confident"), page)
        self.phrase_check.setChecked(s.phrase_completion)
        form.addRow("", self.phrase_check)
        colour_box = QWidget(page)
        colour_row = QHBoxLayout(colour_box)
        colour_row.setContentsMargins(0, 0, 0, 0)
        self.colour_button = QPushButton(colour_box)
        self.colour_button.setToolTip(self.tr("Choose the colour of the grey suggestion text"))
        self.colour_button.clicked.connect(self._on_colour_button_clicked)
        self.colour_auto = QPushButton(self.tr("Use the &Theme's Colour"), colour_box)
        self.colour_auto.clicked.connect(lambda: self._set_ghost_color(""))
        colour_row.addWidget(self.colour_button)
        colour_row.addWidget(self.colour_auto)
        colour_row.addStretch(1)
        colour_label = QLabel(self.tr("&Ghost text colour:"), page)
        colour_label.setBuddy(self.colour_button)
        form.addRow(colour_label, colour_box)
        self._set_ghost_color(s.ghost_color)
        return page

    def _editor_tab(self, s: Settings) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.system_font_check = QCheckBox(self.tr("Use the &system font"), page)
        self.system_font_check.setChecked(not s.font_family)
        form.addRow(self.tr("Default font:"), self.system_font_check)
        self.font_combo = QFontComboBox(page)
        if s.font_family:
            self.font_combo.setCurrentFont(QFont(s.font_family))
        self.font_combo.setEnabled(bool(s.font_family))
        self.system_font_check.toggled.connect(lambda on: self.font_combo.setEnabled(not on))
        form.addRow(self.tr("&Font:"), self.font_combo)
        self.size_spin = QDoubleSpinBox(page)
        self.size_spin.setRange(0, 96)
        self.size_spin.setDecimals(1)
        self.size_spin.setSuffix(self.tr(" pt"))
        self.size_spin.setSpecialValueText(self.tr("Default"))  # 0 = the app's default size
        self.size_spin.setValue(s.font_size)
        form.addRow(self.tr("Font si&ze:"), self.size_spin)
        self.theme_combo = QComboBox(page)
        for key, label in THEME_LABELS.items():
            self.theme_combo.addItem(self.tr(label), key)
        self.theme_combo.setCurrentIndex(self.theme_combo.findData(s.theme))
        form.addRow(self.tr("&Theme:"), self.theme_combo)
        self.spell_check = QCheckBox(self.tr("Check s&pelling as I type"), page)
        self.spell_check.setChecked(s.spell_check)
        form.addRow("", self.spell_check)
        self.autosave_spin = QSpinBox(page)
        self.autosave_spin.setRange(settings_mod.MIN_AUTOSAVE_MS // 1000, settings_mod.MAX_AUTOSAVE_MS // 1000)
        self.autosave_spin.setSuffix(self.tr(" s"))
        self.autosave_spin.setValue(round(s.autosave_interval_ms / 1000))
        self.autosave_spin.setToolTip(self.tr("While you keep typing, unsaved work is kept for crash "
                                              "recovery at least this often"))
        form.addRow(self.tr("Auto&save unsaved work every:"), self.autosave_spin)
        return page

    def _privacy_tab(self, s: Settings, data_folder: str) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.learning_check = QCheckBox(self.tr("&Learn from my typing (suggestions adapt to my words)"), page)
        self.learning_check.setChecked(not s.learning_paused)
        layout.addWidget(self.learning_check)
        layout.addWidget(QLabel(self.tr("Never learn from documents in these folders:"), page))
        self.excluded_list = QListWidget(page)
        self.excluded_list.addItems(list(s.excluded_paths))
        self.excluded_list.setMaximumHeight(self.fontMetrics().height() * 6)
        layout.addWidget(self.excluded_list)
        row = QHBoxLayout()
        add = QPushButton(self.tr("A&dd Folder…"), page)
        add.clicked.connect(self._on_add_folder_clicked)
        remove = QPushButton(self.tr("&Remove"), page)
        remove.clicked.connect(lambda: [self.excluded_list.takeItem(self.excluded_list.row(i))
                                        for i in self.excluded_list.selectedItems()])
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        folder_row = QHBoxLayout()
        self.data_label = QLabel(self.tr("Your data is kept in <b>%s</b>") % data_folder.replace("&", "&amp;"), page)
        self.data_label.setWordWrap(True)
        open_folder = QPushButton(self.tr("&Open Folder"), page)
        open_folder.clicked.connect(self.open_data_folder_requested)
        folder_row.addWidget(self.data_label, 1)
        folder_row.addWidget(open_folder)
        layout.addLayout(folder_row)
        self.forget_button = QPushButton(self.tr("Delete Everything WordPad AI Learned About Me…"), page)
        self.forget_button.setObjectName("forget_button")
        self.forget_button.setToolTip(self.tr("Trained models, the typing cache, statistics, autosaves "
                                              "and the personal dictionary"))
        self.forget_button.clicked.connect(self.forget_requested)
        layout.addWidget(self.forget_button)
        layout.addStretch(1)
        return page

    # -- values -----------------------------------------------------------------------------------
    def _set_ghost_color(self, colour: str) -> None:
        self._ghost_color = colour
        shown = QColor(colour) if colour else self.palette().color(QPalette.ColorRole.PlaceholderText)
        swatch = QPixmap(self.fontMetrics().height(), self.fontMetrics().height())
        swatch.fill(shown)
        self.colour_button.setIcon(QIcon(swatch))
        self.colour_button.setText(colour if colour else self.tr("Theme colour"))
        self.colour_auto.setEnabled(bool(colour))

    def _on_colour_button_clicked(self) -> None:
        start = QColor(self._ghost_color) if self._ghost_color else QColor("#8c8c8c")
        colour = QColorDialog.getColor(start, self, self.tr("Ghost text colour"))
        if colour.isValid():
            self._set_ghost_color(colour.name())

    def _on_add_folder_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Never learn from this folder"))
        if folder:
            self.excluded_list.addItem(folder)

    def values(self) -> dict:
        """Every field the dialog edits, as the widgets show it now."""
        system_font = self.system_font_check.isChecked()
        return {
            "suggestion_count": self.count_spin.value(),
            "accept_key": self.accept_combo.currentData(),
            "phrase_completion": self.phrase_check.isChecked(),
            "ghost_color": self._ghost_color,
            "font_family": "" if system_font else self.font_combo.currentFont().family(),
            "font_size": float(self.size_spin.value()),
            "theme": self.theme_combo.currentData(),
            "spell_check": self.spell_check.isChecked(),
            "autosave_interval_ms": self.autosave_spin.value() * 1000,
            "learning_paused": not self.learning_check.isChecked(),
            "excluded_paths": tuple(self.excluded_list.item(i).text() for i in range(self.excluded_list.count())),
        }

    def changes(self) -> dict:
        """The fields whose value differs from the settings last applied."""
        return {k: v for k, v in self.values().items() if getattr(self._shown, k) != v}

    def apply(self) -> None:
        changes = self.changes()
        if changes:
            self._shown = self._shown.replace(**changes)
            self.changes_applied.emit(changes)

    def _on_buttons_accepted(self) -> None:
        self.apply()
        self.accept()
