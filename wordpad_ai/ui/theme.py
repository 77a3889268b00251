"""Light and dark colour schemes: follow the desktop (``styleHints().colorScheme()``) or the
Preferences choice, and keep every part of the window legible in both.

The scheme is applied as an application palette, so every widget that paints from its palette
(the editor, the ghost text via ``PlaceholderText``, the suggestion bar, the inspector's labels)
follows at once. QtCharts charts keep their own colours: :func:`style_chart` colours one from a
palette (charts call it when built and on a palette change; their series colours are left alone).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

# The dark palette: (role, colour) for the active and inactive groups; disabled text is dimmer.
DARK_COLOURS = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.AlternateBase: "#2a2a2a",
    QPalette.ColorRole.ToolTipBase: "#3a3a3a",
    QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.PlaceholderText: "#8c8c8c",  # ghost text: ~4.8:1 on Base, clearly not typed text
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#4a4a4a",
    QPalette.ColorRole.Midlight: "#404040",
    QPalette.ColorRole.Mid: "#303030",
    QPalette.ColorRole.Dark: "#1a1a1a",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#3d7bd9",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6cb4ff",
    QPalette.ColorRole.LinkVisited: "#c58af9",
}
DARK_DISABLED_TEXT = "#8a8a8a"  # disabled labels ("Suggestions:") stay readable on the dark window


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def system_scheme() -> str:
    """"dark" or "light": what the desktop asks for (Qt 6.5+), else what the palette looks like."""
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        value = scheme()
        if value == Qt.ColorScheme.Dark:
            return "dark"
        if value == Qt.ColorScheme.Light:
            return "light"
    return "dark" if is_dark(QGuiApplication.palette()) else "light"


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in DARK_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DARK_DISABLED_TEXT))
    return palette


def readable_disabled_text(palette: QPalette) -> QPalette:
    """``palette`` with disabled text (hints such as the suggestion bar's "Suggestions:") at least
    half-way between the window and its text colour: many stock light palettes draw it at 1.6:1."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    middle = QColor((window.red() + text.red()) // 2, (window.green() + text.green()) // 2,
                    (window.blue() + text.blue()) // 2)
    out = QPalette(palette)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        disabled = palette.color(QPalette.ColorGroup.Disabled, role)
        if abs(disabled.lightness() - window.lightness()) < abs(middle.lightness() - window.lightness()):
            out.setColor(QPalette.ColorGroup.Disabled, role, middle)
    return out


class _TintedIconEngine(QIconEngine):
    """Draws a black, one-colour icon (the style's fallback arrows where the desktop has no icon
    theme) in the palette's text colour when the theme is dark, as it is when light."""

    def __init__(self, icon: QIcon):
        super().__init__()
        self._icon = QIcon(icon)  # the original icon

    def pixmap(self, size: QSize, mode, state) -> QPixmap:
        pixmap = self._icon.pixmap(size, mode, state)
        palette = QGuiApplication.palette()
        if pixmap.isNull() or not is_dark(palette):
            return pixmap
        tinted = QPixmap(pixmap)
        painter = QPainter(tinted)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
        painter.fillRect(tinted.rect(), palette.color(group, QPalette.ColorRole.ButtonText))
        painter.end()
        return tinted

    def paint(self, painter: QPainter, rect: QRect, mode, state) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def actualSize(self, size: QSize, mode, state) -> QSize:  # noqa: N802 (Qt's name)
        return self._icon.actualSize(size, mode, state)

    def clone(self) -> QIconEngine:
        return _TintedIconEngine(self._icon)


def _black_glyph(icon: QIcon) -> bool:
    """Whether ``icon`` is a plain dark glyph (every visible pixel near black)."""
    image = icon.pixmap(16, 16).toImage()
    seen = False
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() > 64:
                if colour.lightness() > 60:
                    return False
                seen = True
    return seen


def legible_icons(actions) -> int:
    """Make the plain black fallback icons of ``actions`` follow the theme; how many changed."""
    changed = 0
    for action in actions:
        icon = action.icon()
        if not icon.isNull() and not icon.name() and _black_glyph(icon):
            action.setIcon(QIcon(_TintedIconEngine(icon)))
            changed += 1
    return changed


def style_chart(chart, palette: QPalette) -> None:
    """Colour a QtCharts ``QChart``'s background, title, legend and axes from ``palette``."""
    text, base = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Base)
    grid = palette.color(QPalette.ColorRole.Mid) if is_dark(palette) else QColor("#d0d0d0")
    chart.setBackgroundBrush(palette.color(QPalette.ColorRole.Window))
    chart.setPlotAreaBackgroundBrush(base)
    chart.setPlotAreaBackgroundVisible(True)
    chart.setTitleBrush(text)
    chart.legend().setLabelColor(text)
    for axis in chart.axes():
        axis.setLabelsColor(text)
        axis.setTitleBrush(text)
        axis.setGridLineColor(grid)
        axis.setLinePenColor(palette.color(QPalette.ColorRole.Mid))


class ThemeController(QObject):
    """Applies a theme choice ("system", "light", "dark") to the application and keeps it."""

    def __init__(self, app: QApplication, choice: str = "system"):
        super().__init__(app)
        self._app = app
        self._original = QPalette(app.palette())  # the desktop's own palette
        self._choice = choice  # what the user chose in Preferences
        self.scheme = ""  # "light" or "dark" as applied
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._on_style_hints_color_scheme_changed)
        self.apply(choice)

    @property
    def choice(self) -> str:
        return self._choice

    def apply(self, choice: str) -> str:
        """Use ``choice``; returns the scheme now applied ("light" or "dark")."""
        self._choice = choice
        scheme = system_scheme() if choice == "system" else choice
        if is_dark(self._original) == (scheme == "dark"):
            palette = QPalette(self._original)  # the desktop's palette already fits
        elif scheme == "dark":
            palette = dark_palette()
        else:
            palette = self._app.style().standardPalette()
            if is_dark(palette):  # a style whose standard palette follows the dark desktop
                palette = QPalette(QColor("#efefef"), QColor("#efefef"))
                palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
                palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8a8a8a"))
        self.scheme = scheme
        self._app.setPalette(readable_disabled_text(palette))
        return scheme

    def _on_style_hints_color_scheme_changed(self, _scheme) -> None:
        if self._choice == "system":
            self.apply("system")


def theme_controller(app: QApplication, choice: str) -> ThemeController:
    """The application's one ThemeController, created on first use."""
    existing = app.findChild(ThemeController)
    if existing is None:
        return ThemeController(app, choice)
    if existing.choice != choice:
        existing.apply(choice)
    return existing
