"""Printing from a real window: print to PDF and read the text and fonts back (pypdf)."""

from __future__ import annotations

import re

from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from wordpad_ai.settings import load_settings, update_settings

POINTS_PER_MM = 72 / 25.4


def _words(pdf_path) -> str:
    """The PDF's text with whitespace runs made single spaces."""
    text = " ".join(page.extract_text() for page in PdfReader(str(pdf_path)).pages)
    return re.sub(r"\s+", " ", text)


def _fonts(pdf_path) -> set[str]:
    fonts = set()
    for page in PdfReader(str(pdf_path)).pages:
        for ref in page["/Resources"]["/Font"].values():
            fonts.add(str(ref.get_object()["/BaseFont"]))
    return fonts


def test_print_menu_items_and_ctrl_p(bare_window):
    actions = bare_window.menu_actions.actions
    assert actions["print"].shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert actions["print"].shortcut().toString() == "Ctrl+P"
    file_menu = bare_window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("&Print…") < texts.index("Print Pre&view…") < texts.index("&Quit")


def test_printed_pdf_has_the_document_with_its_fonts_and_no_ghost_text(bare_window, tmp_path):
    editor = bare_window.editor
    editor.setPlainText("Dear Ann, the parcel came today.")
    cursor = editor.textCursor()
    cursor.setPosition(5)
    cursor.setPosition(8, QTextCursor.MoveMode.KeepAnchor)
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    bold.setFontFamilies(["DejaVu Serif"])
    cursor.mergeCharFormat(bold)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.set_choices([" Thank you"])
    assert editor.ghost_text == " Thank you"  # shown on screen while printing

    pdf = tmp_path / "letter.pdf"
    bare_window.basics.printing.print_to_pdf(str(pdf))
    text = _words(pdf)
    assert "Dear" in text and "parcel came today." in text
    assert "Thank" not in text  # the ghost text is not printed
    assert any("DejaVuSerif-Bold" in f for f in _fonts(pdf))  # the bold serif word kept its font
    assert editor.ghost_text == " Thank you"  # printing left the editor as it was


def test_page_setup_is_used_and_remembered_across_windows(qtbot, bare_window, tmp_path):
    update_settings(page_size="A5", page_orientation="landscape", page_margins_mm=(10.0, 10.0, 10.0, 10.0))
    bare_window.settings = load_settings()
    bare_window.editor.setPlainText("A short note.")
    pdf = tmp_path / "note.pdf"
    bare_window.basics.printing.print_to_pdf(str(pdf))
    box = PdfReader(str(pdf)).pages[0].mediabox
    assert round(float(box.width) / POINTS_PER_MM) == 210 and round(float(box.height) / POINTS_PER_MM) == 148

    # the user changes the setup in Print Preview; it is remembered for the next session
    printing = bare_window.basics.printing
    seen = {}

    def close_preview():
        preview = QApplication.activeModalWidget()
        assert isinstance(preview, QPrintPreviewDialog)
        seen["pages"] = preview.findChild(QPrintPreviewWidget).pageCount()
        (portrait,) = [a for a in preview.findChildren(QAction) if a.text() == "Portrait"]
        portrait.trigger()  # the preview's own orientation button
        preview.accept()

    QTimer.singleShot(300, close_preview)
    printing.print_preview()
    assert seen["pages"] == 1  # the preview rendered the document
    stored = load_settings()
    assert stored.page_orientation == "portrait" and stored.page_size == "A5"
    assert stored.page_margins_mm == (10.0, 10.0, 10.0, 10.0)


def test_ctrl_p_opens_the_print_dialog_and_prints(qtbot, bare_window, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    editor = bare_window.editor
    editor.setPlainText("Shopping list: bread, milk, apples.")
    pdf = tmp_path / "printed.pdf"
    printer = bare_window.basics.printing.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)  # the dialog's "Print to File (PDF)"
    printer.setOutputFileName(str(pdf))
    seen = {}

    def accept_dialog():
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = type(dialog).__name__
        assert isinstance(dialog, QPrintDialog)
        dialog.accept()

    QTimer.singleShot(300, accept_dialog)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert seen["dialog"] == "QPrintDialog"
    assert "Shopping list: bread, milk, apples." in _words(pdf)


def _text_origin_mm(pdf_path) -> tuple[float, float]:
    """(left, top) in mm of the first page's text: its leftmost start and its top baseline."""
    page = PdfReader(str(pdf_path)).pages[0]
    xs, ys = [], []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            xs.append(tm[4] * cm[0] + cm[4])
            ys.append(tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return min(xs) / POINTS_PER_MM, (float(page.mediabox.height) - max(ys)) / POINTS_PER_MM


def test_the_margins_are_exactly_the_page_setup(bare_window, tmp_path):
    bare_window.editor.setPlainText("Dear Ann, the parcel came today. " * 20)
    origins = {}
    for margin in (20.0, 10.0):
        update_settings(page_margins_mm=(margin,) * 4)
        bare_window.settings = load_settings()
        pdf = tmp_path / f"margin-{margin:g}.pdf"
        bare_window.basics.printing.print_to_pdf(str(pdf))
        origins[margin] = _text_origin_mm(pdf)
    for margin, (left, top) in origins.items():
        assert abs(left - margin) < 1.0  # no extra 2 cm of Qt's own on top of the page setup
        assert margin < top < margin + 8  # the first baseline: the margin plus the line's ascent


def test_spelling_underlines_are_not_printed(qtbot, bare_window, tmp_path):
    spelling = bare_window.basics.spelling
    spelling.load()
    qtbot.waitUntil(lambda: spelling.speller is not None, timeout=10_000)
    editor = bare_window.editor
    editor.setPlainText("A mispeled word.")
    underlined = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    qtbot.waitUntil(lambda: any(r.format.underlineStyle() == underlined
                                for r in editor.document().firstBlock().layout().formats()), timeout=5000)
    pdf = tmp_path / "spelling.pdf"
    bare_window.basics.printing.print_to_pdf(str(pdf))
    content = PdfReader(str(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    assert "mispeled" in _words(pdf)
    assert "/Pat" not in content  # the wavy underline is a pattern brush: none on paper
    colours = {line for line in content.splitlines() if line.endswith((" scn", " SCN"))}
    assert colours <= {"0 0 0 scn", "0 0 0 SCN"}  # black text only



def test_the_dark_theme_previews_and_prints_black_text_on_white_paper(qtbot, bare_window, tmp_path):
    """Under the dark theme the editor draws light text; paper is white: the preview (what the
    writer sees before printing) and the PDF show the text in black."""
    bare_window.basics.preferences.apply({"theme": "dark"})
    try:
        QApplication.processEvents()
        bare_window.editor.setPlainText("Plain notes for the week. " * 10)
        printing = bare_window.basics.printing
        preview = QPrintPreviewWidget(printing.printer())
        preview.paintRequested.connect(printing.render)
        preview.resize(700, 900)
        preview.show()
        qtbot.waitExposed(preview)
        preview.updatePreview()
        QApplication.processEvents()
        image = preview.grab().toImage()
        preview.close()
        white = [(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
                 if image.pixelColor(x, y).lightness() == 255]
        assert white  # the paper
        xs, ys = [x for x, _ in white], [y for _, y in white]
        ink = min(image.pixelColor(x, y).lightness()
                  for x in range(min(xs), max(xs)) for y in range(min(ys), max(ys)))
        assert ink < 60  # dark ink on the paper, not the theme's light grey text

        pdf = tmp_path / "dark.pdf"
        printing.print_to_pdf(str(pdf))
        content = PdfReader(str(pdf)).pages[0].get_contents().get_data().decode("latin-1")
        colours = {line for line in content.splitlines() if line.endswith((" scn", " SCN"))}
        assert colours and colours <= {"0 0 0 scn", "0 0 0 SCN"}
    finally:
        bare_window.basics.preferences.apply({"theme": "system"})
