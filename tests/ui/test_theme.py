"""Light and dark themes on a real window: the palette switches live, and the ghost text, the
suggestion bar and the training chart keep readable contrast in both."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from wordpad_ai.settings import load_settings
from wordpad_ai.ui.ghost_text import ghost_color
from wordpad_ai.ui.theme import is_dark, system_scheme
from wordpad_ai.ui.training_chart import TrainingChart


def over(colour: QColor, background: QColor) -> QColor:
    """``colour`` as drawn over ``background`` (alpha blended)."""
    a = colour.alphaF()
    return QColor.fromRgbF(*(a * getattr(colour, f)() + (1 - a) * getattr(background, f)()
                             for f in ("redF", "greenF", "blueF")))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 … 21)."""
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def restore_theme(bare_window):
    yield bare_window
    bare_window.basics.preferences.apply({"theme": "system"})


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_each_theme_keeps_every_part_legible(qtbot, restore_theme, scheme):
    window = restore_theme
    window.basics.preferences.apply({"theme": scheme})
    QApplication.processEvents()  # the palette reaches the widgets
    assert load_settings().theme == scheme and window.basics.theme.scheme == scheme
    app_palette = QApplication.palette()
    assert is_dark(app_palette) == (scheme == "dark")

    editor = window.editor
    palette = editor.palette()
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    ghost = over(ghost_color(palette), base)
    assert contrast(text, base) >= 7  # typed text
    assert 2.5 <= contrast(ghost, base) < contrast(text, base)  # ghost: readable, yet clearly not typed
    editor.set_choices(["ghost"])
    assert editor.document().firstBlock().layout().formats()[0].format.foreground().color() == ghost_color(palette)

    bar = window.suggestion_bar.palette()
    window_colour = bar.color(QPalette.ColorRole.Window)
    assert contrast(bar.color(QPalette.ColorRole.ButtonText), window_colour) >= 7
    disabled = over(bar.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText), window_colour)
    assert contrast(disabled, window_colour) >= 2.5  # the "Suggestions:" hint

    chart = TrainingChart()  # built after the switch …
    try:
        view = chart.chart()
        assert contrast(view.titleBrush().color(), view.backgroundBrush().color()) >= 4.5
        assert contrast(view.legend().labelColor(), view.backgroundBrush().color()) >= 4.5
        for axis in view.axes():
            assert contrast(axis.labelsBrush().color(), view.plotAreaBackgroundBrush().color()) >= 4.5
        other = "light" if scheme == "dark" else "dark"
        window.basics.preferences.apply({"theme": other})  # … and restyled when it changes
        QApplication.processEvents()
        assert is_dark(QPalette(view.backgroundBrush().color(), view.backgroundBrush().color())) == (other == "dark")
    finally:
        chart.deleteLater()


def test_system_follows_the_desktop_scheme(restore_theme):
    window = restore_theme
    window.basics.preferences.apply({"theme": "dark"})
    window.basics.preferences.apply({"theme": "system"})
    # offscreen there is no desktop scheme (Unknown): the desktop's own palette is used
    assert window.basics.theme.scheme == system_scheme()
    assert is_dark(QApplication.palette()) == (system_scheme() == "dark")


def _visible_lightness(icon) -> float:
    image = icon.pixmap(16, 16).toImage()
    values = [image.pixelColor(x, y).lightness() for y in range(16) for x in range(16)
              if image.pixelColor(x, y).alpha() > 64]
    return sum(values) / len(values)


def test_black_fallback_toolbar_icons_turn_light_in_the_dark_theme(restore_theme):
    """Without an icon theme (bare X sessions) undo/redo fall back to the style's black arrows."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QStyle

    from wordpad_ai.ui.theme import legible_icons

    window = restore_theme
    arrow = QAction(window.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack), "Undo", window)
    coloured = QAction(window.style().standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton), "Open", window)
    assert legible_icons([arrow, coloured]) == 1  # only the black glyph is taken over
    window.basics.preferences.apply({"theme": "light"})
    assert _visible_lightness(arrow.icon()) < 60
    open_light = _visible_lightness(coloured.icon())
    window.basics.preferences.apply({"theme": "dark"})
    assert _visible_lightness(arrow.icon()) > 150  # drawn in the dark palette's text colour
    assert _visible_lightness(coloured.icon()) == open_light  # coloured icons are left alone
