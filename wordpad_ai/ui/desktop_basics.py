"""The desktop basics every editor has, added to a main window in one call: the colour theme,
spell checking, File → Print…/Print Preview…/Page Setup…, Edit → Preferences… and
Tools → Plugins…. Each lives in its own module; this one only builds and connects them.

The window must appear at once, so only what acts from the first frame is built with it (theme,
spelling, preferences and the menu entries); the printing and plugin controllers, and Qt's print
support, are imported when their menu entry is first used.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from .menus import find_menu, icon
from .preferences import PreferencesController
from .spelling import SpellingController
from .theme import ThemeController, legible_icons, theme_controller


class DesktopBasics:
    """The controllers one window got (kept as ``window.basics``)."""

    def __init__(self, window, theme: ThemeController, spelling: SpellingController,
                 preferences: PreferencesController):
        self._window = window  # the MainWindow
        self.theme = theme  # the application's light/dark scheme
        self.spelling = spelling  # red underlines and corrections in the editor
        self.preferences = preferences  # Edit → Preferences…, applied live
        self._printing = None  # PrintController, made on first use
        self._plugins = None  # PluginsController, made on first use

    @property
    def printing(self):
        """The window's PrintController (print, preview, page setup)."""
        if self._printing is None:
            from .printing import PrintController

            self._printing = PrintController(self._window)
        return self._printing

    @property
    def plugins(self):
        """The window's PluginsController (Tools → Plugins…)."""
        if self._plugins is None:
            from .plugins_window import PluginsController

            self._plugins = PluginsController(self._window)
        return self._plugins


def _add_action(window, menu, before, name: str, text: str, slot, theme: str, keys=()) -> QAction:
    action = QAction(icon(window, theme), text, window)
    if keys:
        action.setShortcuts(list(keys))
    action.triggered.connect(slot)
    menu.insertAction(before, action)
    window.menu_actions.actions[name] = action
    return action


def install_desktop_basics(window) -> DesktopBasics:
    """Add the theme, spelling, printing, preferences and plugins window to ``window``. The
    spelling dictionary loads after the window's first frame (see :func:`first_paint.after_first_paint`)."""
    from .first_paint import after_first_paint

    theme = theme_controller(QApplication.instance(), window.settings.theme)
    legible_icons(window.menu_actions.actions.values())  # black fallback arrows on a dark toolbar
    spelling = SpellingController(window.editor, window.settings.spell_check, window)
    preferences = PreferencesController(window, theme, spelling)
    basics = DesktopBasics(window, theme, spelling, preferences)
    w, actions = window, window.menu_actions.actions

    file_menu = find_menu(w, w.tr("File"))
    quit_action = actions.get("quit")
    _add_action(w, file_menu, quit_action, "print", w.tr("&Print…"), lambda: basics.printing.print_document(),
                "document-print", [QKeySequence(QKeySequence.StandardKey.Print)])
    _add_action(w, file_menu, quit_action, "print_preview", w.tr("Print Pre&view…"),
                lambda: basics.printing.print_preview(), "document-print-preview")
    _add_action(w, file_menu, quit_action, "page_setup", w.tr("Page Set&up…"),
                lambda: basics.printing.page_setup(), "document-page-setup")
    file_menu.insertSeparator(quit_action)

    edit_menu = find_menu(w, w.tr("Edit"))
    edit_menu.addSeparator()
    prefs = _add_action(w, edit_menu, None, "preferences", w.tr("Pr&eferences…"), preferences.show_dialog,
                        "preferences-system", preferences_shortcut())
    prefs.setMenuRole(QAction.MenuRole.PreferencesRole)  # the application menu on macOS

    tools_menu = find_menu(w, w.tr("Tools"))
    _add_action(w, tools_menu, actions.get("statistics"), "plugins", w.tr("Plu&gins…"),
                lambda: basics.plugins.show_window(), "preferences-plugin")

    if window.settings.spell_check:
        after_first_paint(window.editor.viewport(), spelling.load)
    return basics


def preferences_shortcut() -> list[QKeySequence]:
    """The platform's Preferences shortcut, or Ctrl+, where it has none."""
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
    return keys or [QKeySequence("Ctrl+,")]
