"""The desktop basics every editor has, added to a main window in one call: the colour theme,
spell checking, File → Print…/Print Preview…/Page Setup…, Edit → Preferences… and
Tools → Plugins…. Each lives in its own module; this one only builds and connects them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QApplication

from .plugins_window import PluginsController
from .preferences import PreferencesController
from .printing import PrintController
from .spelling import SpellingController
from .theme import ThemeController, legible_icons, theme_controller


@dataclass(frozen=True)
class DesktopBasics:
    """The controllers one window got (kept as ``window.basics``)."""

    theme: ThemeController  # the application's light/dark scheme
    spelling: SpellingController  # red underlines and corrections in the editor
    printing: PrintController  # print, preview, page setup
    preferences: PreferencesController  # Edit → Preferences…, applied live
    plugins: PluginsController  # Tools → Plugins…


def install_desktop_basics(window) -> DesktopBasics:
    """Add the theme, spelling, printing, preferences and plugins window to ``window``. The
    spelling dictionary loads after the window's first frame (see :func:`app.after_first_paint`)."""
    from .app import after_first_paint

    theme = theme_controller(QApplication.instance(), window.settings.theme)
    legible_icons(window.menu_actions.actions.values())  # black fallback arrows on a dark toolbar
    spelling = SpellingController(window.editor, window.settings.spell_check, window)
    printing = PrintController(window)
    printing.install()
    preferences = PreferencesController(window, theme, spelling)
    preferences.install()
    plugins = PluginsController(window)
    plugins.install()
    if window.settings.spell_check:
        after_first_paint(window.editor.viewport(), spelling.load)
    return DesktopBasics(theme, spelling, printing, preferences, plugins)
