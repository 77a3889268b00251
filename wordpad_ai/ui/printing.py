"""File → Print…, Print Preview… and Page Setup…: the document as written, on paper or PDF.

What is printed is a clone of the document: its text, fonts and formatting, never the ghost text
(which lives in the editor's layout, not in the document). The page setup (paper size,
orientation, margins) is kept in the settings, so the next print starts from it.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QObject, QSizeF
from PySide6.QtGui import (QBrush, QColor, QGuiApplication, QPageLayout, QPageSize, QTextCharFormat,
                           QTextCursor)
from PySide6.QtPrintSupport import QPageSetupDialog, QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog

from .. import settings as settings_mod


def page_layout_from(settings: settings_mod.Settings, printer: QPrinter) -> QPageLayout:
    """The remembered page setup, on top of the printer's defaults."""
    layout = QPageLayout(printer.pageLayout())
    if settings.page_size:
        size_id = getattr(QPageSize.PageSizeId, settings.page_size, None)
        if size_id is not None:
            layout.setPageSize(QPageSize(size_id))
    layout.setOrientation(QPageLayout.Orientation.Landscape if settings.page_orientation == "landscape"
                          else QPageLayout.Orientation.Portrait)
    layout.setUnits(QPageLayout.Unit.Millimeter)
    left, top, right, bottom = settings.page_margins_mm
    layout.setMargins(QMarginsF(left, top, right, bottom))
    return layout


def page_setup_changes(layout: QPageLayout) -> dict:
    """Settings fields that remember ``layout``."""
    size_id = layout.pageSize().id()
    key = size_id.name if size_id != QPageSize.PageSizeId.Custom else ""
    margins = layout.margins(QPageLayout.Unit.Millimeter)
    return {"page_size": key,
            "page_orientation": "landscape" if layout.orientation() == QPageLayout.Orientation.Landscape
            else "portrait",
            "page_margins_mm": tuple(round(m, 2) for m in (margins.left(), margins.top(),
                                                             margins.right(), margins.bottom()))}


def ink_unset_text_black(document) -> None:
    """Give text without a colour of its own black ink: otherwise the print preview draws it in
    the theme's text colour, light grey on white paper under the dark theme."""
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and not fragment.charFormat().hasProperty(
                    QTextCharFormat.Property.ForegroundBrush):
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                black = QTextCharFormat()
                black.setForeground(QBrush(QColor(0, 0, 0)))
                cursor.mergeCharFormat(black)
            it += 1
        block = block.next()


class PrintController(QObject):
    """What File → Print…, Print Preview… and Page Setup… do (the menu entries are made by
    :mod:`desktop_basics`, which creates this controller on first use)."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window  # the MainWindow: its editor, settings and File menu
        self._printer: QPrinter | None = None  # made on first use, kept for the session

    def printer(self) -> QPrinter:
        """The session's printer, set up as the user last left it."""
        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self._printer.setDocName(self._window.files.display_name())
        self._printer.setPageLayout(page_layout_from(self._window.settings, self._printer))
        return self._printer

    def render(self, printer: QPrinter) -> None:
        """Print the document on ``printer``: a clone, so neither the ghost text nor the spelling
        underlines (both live in the editor's layouts) are printed; same fonts and formatting.

        The clone is laid out on pages the size of the printer's printable area (in screen
        pixels, which ``print_`` scales to the printer), so the margins are exactly the page
        setup's; an unpaginated document would get Qt's extra 2 cm on top of them."""
        source = self._window.editor.document()
        document = source.clone(self)
        document.setDefaultFont(source.defaultFont())
        ink_unset_text_black(document)
        area = printer.pageRect(QPrinter.Unit.Inch)  # printable area: the page less its margins
        screen = QGuiApplication.primaryScreen()
        dpi_x = screen.logicalDotsPerInchX() if screen else 96.0
        dpi_y = screen.logicalDotsPerInchY() if screen else 96.0
        document.setPageSize(QSizeF(area.width() * dpi_x, area.height() * dpi_y))
        document.setDocumentMargin(0)
        try:
            document.print_(printer)
        finally:
            document.deleteLater()

    def print_to_pdf(self, path: str) -> None:
        """Print to a PDF file with the remembered page setup (tests, scripting)."""
        printer = self.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(path)
        try:
            self.render(printer)
        finally:
            printer.setOutputFileName("")
            printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)

    def print_document(self) -> None:
        printer = self.printer()
        printer.setDocName(self._window.files.display_name())
        dialog = QPrintDialog(printer, self._window)
        dialog.setWindowTitle(self._window.tr("Print"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._remember(printer)
            self.render(printer)

    def print_preview(self) -> None:
        printer = self.printer()
        dialog = QPrintPreviewDialog(printer, self._window)
        dialog.setObjectName("print_preview")
        dialog.setWindowTitle(self._window.tr("Print Preview — %s") % self._window.files.display_name())
        dialog.paintRequested.connect(self.render)
        dialog.resize(self._window.size() * 0.9)  # a page big enough to read
        dialog.exec()
        self._remember(printer)  # the preview's own page setup buttons count too

    def page_setup(self) -> None:
        printer = self.printer()
        if QPageSetupDialog(printer, self._window).exec() == QDialog.DialogCode.Accepted:
            self._remember(printer)

    def _remember(self, printer: QPrinter) -> None:
        changes = page_setup_changes(printer.pageLayout())
        current = self._window.settings
        if any(getattr(current, key) != value for key, value in changes.items()):
            self._window.settings = settings_mod.update_settings(**changes)
