"""The window's menus and main toolbar: actions with standard shortcuts and theme icons.

Actions call methods of the main window; this module only lays them out.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

from ..api import ModelInfo

K = QKeySequence.StandardKey


def icon(window: QMainWindow, theme_name: str, fallback: QStyle.StandardPixmap | None = None) -> QIcon:
    """A theme icon, or the style's standard icon where the theme has none (HiDPI-ready)."""
    themed = QIcon.fromTheme(theme_name)
    if themed.isNull() and fallback is not None:
        return window.style().standardIcon(fallback)
    return themed


class WindowActions:
    """Builds and holds the window's actions; ``actions[name]`` finds one by name."""

    def __init__(self, window):
        self.window = window  # the MainWindow the actions act on
        self.actions: dict[str, QAction] = {}
        self.recent_menu: QMenu | None = None  # File → Recent Files
        self.model_menu: QMenu | None = None  # Model menu, filled from models_listed
        self._model_group = QActionGroup(window)
        self._model_group.setExclusive(True)

    def _add(self, menu: QMenu, name: str, text: str, slot, key=None, theme: str = "",
             fallback=None, checkable: bool = False) -> QAction:
        action = QAction(text, self.window)
        if theme or fallback is not None:
            action.setIcon(icon(self.window, theme, fallback))
        if key is not None:
            if isinstance(key, (list, tuple)):
                action.setShortcuts([QKeySequence(k) for k in key])
            else:
                action.setShortcut(QKeySequence(key))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.actions[name] = action
        return action

    def build(self, format_actions: list[QAction]) -> QToolBar:
        w, SP = self.window, QStyle.StandardPixmap
        bar = w.menuBar()
        file_menu = bar.addMenu(w.tr("&File"))
        self._add(file_menu, "new", w.tr("&New"), w.new_document, K.New, "document-new", SP.SP_FileIcon)
        self._add(file_menu, "open", w.tr("&Open…"), w.open_document, K.Open, "document-open",
                  SP.SP_DialogOpenButton)
        self.recent_menu = file_menu.addMenu(w.tr("Open &Recent"))
        self._add(file_menu, "save", w.tr("&Save"), w.save_document, K.Save, "document-save",
                  SP.SP_DialogSaveButton)
        self._add(file_menu, "save_as", w.tr("Save &As…"), w.save_document_as, K.SaveAs, "document-save-as")
        file_menu.addSeparator()
        self._add(file_menu, "export_odt", w.tr("Export as &ODT…"), w.export_odt)
        self._add(file_menu, "export_pdf", w.tr("Export as &PDF…"), w.export_pdf, None, "application-pdf")
        file_menu.addSeparator()
        self._add(file_menu, "quit", w.tr("&Quit"), w.close, K.Quit, "application-exit")

        e = w.editor
        edit_menu = bar.addMenu(w.tr("&Edit"))
        self._add(edit_menu, "undo", w.tr("&Undo"), e.undo, K.Undo, "edit-undo", SP.SP_ArrowBack)
        self._add(edit_menu, "redo", w.tr("&Redo"), e.redo, K.Redo, "edit-redo", SP.SP_ArrowForward)
        edit_menu.addSeparator()
        self._add(edit_menu, "cut", w.tr("Cu&t"), e.cut, K.Cut, "edit-cut")
        self._add(edit_menu, "copy", w.tr("&Copy"), e.copy, K.Copy, "edit-copy")
        self._add(edit_menu, "paste", w.tr("&Paste"), e.paste, K.Paste, "edit-paste")
        self._add(edit_menu, "select_all", w.tr("Select &All"), e.selectAll, K.SelectAll, "edit-select-all")
        edit_menu.addSeparator()
        self._add(edit_menu, "find", w.tr("&Find and Replace…"), w.show_find_dialog, [K.Find, K.Replace],
                  "edit-find-replace")
        self.actions["undo"].setEnabled(False)
        self.actions["redo"].setEnabled(False)
        e.undoAvailable.connect(self.actions["undo"].setEnabled)
        e.redoAvailable.connect(self.actions["redo"].setEnabled)

        format_menu = bar.addMenu(w.tr("F&ormat"))
        for action in format_actions:
            format_menu.addAction(action)

        view_menu = bar.addMenu(w.tr("&View"))
        self._add(view_menu, "zoom_in", w.tr("Zoom &In"), w.zoom_in, K.ZoomIn, "zoom-in")
        self._add(view_menu, "zoom_out", w.tr("Zoom &Out"), w.zoom_out, K.ZoomOut, "zoom-out")
        self._add(view_menu, "zoom_reset", w.tr("&Reset Zoom"), w.zoom_reset, "Ctrl+0", "zoom-original")
        view_menu.addSeparator()
        self._add(view_menu, "suggestions", w.tr("&Suggestions"), w.set_suggestions_enabled, "Ctrl+Shift+Space",
                  checkable=True)
        self._add(view_menu, "phrases", w.tr("&Phrase Suggestions"), w.set_phrase_enabled, checkable=True)

        self.model_menu = bar.addMenu(w.tr("&Model"))
        placeholder = self.model_menu.addAction(w.tr("(loading models…)"))
        placeholder.setEnabled(False)

        tools_menu = bar.addMenu(w.tr("&Tools"))
        self._add(tools_menu, "statistics", w.tr("&Statistics…"), w.show_statistics)
        self._add(tools_menu, "pause_learning", w.tr("&Pause Learning From My Typing"),
                  w.set_learning_paused, checkable=True)
        self._add(tools_menu, "restart_engine", w.tr("&Restart Suggestion Engine"), w.restart_engine)

        help_menu = bar.addMenu(w.tr("&Help"))
        self._add(help_menu, "keys", w.tr("&Suggestion Keys"), w.show_key_help, K.HelpContents, "help-contents")
        self._add(help_menu, "about", w.tr("&About WordPad AI"), w.show_about, None, "help-about")

        toolbar = QToolBar(w.tr("Main"), w)
        toolbar.setObjectName("main_toolbar")
        for name in ("new", "open", "save", "undo", "redo"):
            toolbar.addAction(self.actions[name])
        return toolbar

    def set_recent_files(self, files: list[str]) -> None:
        menu = self.recent_menu
        menu.clear()
        for index, name in enumerate(files):
            shown = name.replace("&", "&&")
            action = menu.addAction(f"&{index + 1} {shown}" if index < 9 else shown)
            action.triggered.connect(lambda _=False, n=name: self.window.open_recent(n))
        menu.setEnabled(bool(files))

    def set_models(self, models: list[ModelInfo], active: str) -> None:
        menu = self.model_menu
        menu.clear()
        for action in self._model_group.actions():
            self._model_group.removeAction(action)
        for info in models:
            action = menu.addAction(info.display_name)
            action.setToolTip(info.description)
            action.setStatusTip(info.description)
            action.setCheckable(True)
            action.setChecked(info.model_id == active)
            action.setData(info.model_id)
            self._model_group.addAction(action)
            action.triggered.connect(lambda _=False, m=info.model_id: self.window.choose_model(m))
        if not models:
            menu.addAction(self.window.tr("(no models installed)")).setEnabled(False)

    def mark_model(self, model_id: str) -> None:
        for action in self._model_group.actions():
            action.setChecked(action.data() == model_id)


def find_menu(window: QMainWindow, title: str) -> QMenu:
    """The menu bar's menu called ``title`` (ignoring "&"), created when missing."""
    bar = window.menuBar()
    for action in bar.actions():
        menu = action.menu()
        if menu is not None and action.text().replace("&", "") == title:
            return menu
    return bar.addMenu(title)
