"""Opening and saving through the window: encodings, newlines, plain vs rich, clear errors."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def _dismiss_next_message_box(qtbot, seen: list[str]) -> None:
    """Close the next message box the window shows, remembering its text."""

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.close()
        else:
            QTimer.singleShot(20, close_box)

    QTimer.singleShot(20, close_box)


def test_latin1_crlf_file_keeps_encoding_and_newlines(qtbot, bare_window, tmp_path):
    path = tmp_path / "notes.txt"
    original = "Café au lait\r\nnaïve façade\r\n".encode("cp1252")
    path.write_bytes(original)
    assert bare_window.files.open_path(path)
    editor = bare_window.editor
    assert editor.plain_text() == "Café au lait\nnaïve façade\n"
    assert editor.is_plain_mode() and not bare_window.format_bar.isEnabled()
    assert bare_window.files.save()
    assert path.read_bytes() == original  # unchanged file: same bytes
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "more ")
    editor.insertPlainText("déjà vu")  # (QTest can only type ASCII keys)
    assert bare_window.files.save()
    assert path.read_bytes() == original + "more déjà vu".encode("cp1252")


def test_utf16_file_keeps_bom_and_encoding(qtbot, bare_window, tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Grüße\nΚαλημέρα\n".encode("utf-16"))
    assert bare_window.files.open_path(path)
    editor = bare_window.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "ok")
    assert bare_window.files.save()
    data = path.read_bytes()
    assert data.startswith(b"\xff\xfe")
    assert data.decode("utf-16") == "Grüße\nΚαλημέρα\nok"


def test_markdown_stays_plain_text(qtbot, bare_window, tmp_path):
    path = tmp_path / "readme.md"
    path.write_text("# Title\n\n* item\n", encoding="utf-8")
    assert bare_window.files.open_path(path)
    editor = bare_window.editor
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # bold is off here
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "**bold**")
    assert bare_window.files.save()
    assert path.read_text(encoding="utf-8") == "# Title\n\n* item\n**bold**"


def test_rich_text_saved_as_html_and_exported(qtbot, bare_window, tmp_path):
    editor = bare_window.editor
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Bold words")
    assert bare_window.files.save_to(tmp_path / "doc.html", bare_window.files.format)
    html = (tmp_path / "doc.html").read_text(encoding="utf-8")
    assert "Bold words" in html and "font-weight" in html
    assert bare_window.files.export_odt(str(tmp_path / "doc.odt"))
    assert (tmp_path / "doc.odt").read_bytes()[:2] == b"PK"
    assert bare_window.files.export_pdf(str(tmp_path / "doc.pdf"))
    assert (tmp_path / "doc.pdf").read_bytes()[:5] == b"%PDF-"


def test_binary_file_is_refused_with_a_message_and_nothing_lost(qtbot, bare_window, tmp_path):
    editor = bare_window.editor
    qtbot.keyClicks(editor, "my unsaved words")
    path = tmp_path / "picture.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    seen: list[str] = []
    _dismiss_next_message_box(qtbot, seen)
    assert not bare_window.files.open_path(path)
    assert seen and "picture.png" in seen[0] and "not a text document" in seen[0]
    assert editor.plain_text() == "my unsaved words"
    assert editor.document().isModified()


def test_unsaved_changes_prompt_can_cancel_quit(qtbot, bare_window):
    qtbot.keyClicks(bare_window.editor, "draft")
    seen: list[str] = []

    def cancel() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            QTimer.singleShot(20, cancel)

    QTimer.singleShot(20, cancel)
    assert not bare_window.close()
    assert seen and "unsaved changes" in seen[0]
    assert bare_window.isVisible() and bare_window.editor.plain_text() == "draft"


def test_find_and_replace_all_is_one_undo_step(qtbot, bare_window):
    editor = bare_window.editor
    qtbot.keyClicks(editor, "cat and cat and dog")
    bare_window.show_find_dialog()
    dialog = bare_window._find_dialog
    dialog.find_edit.setText("cat")
    dialog.replace_edit.setText("bird")
    assert dialog.replace_all() == 2
    assert editor.plain_text() == "bird and bird and dog"
    editor.undo()
    assert editor.plain_text() == "cat and cat and dog"
    dialog.close()


def test_greyed_format_bar_of_a_plain_text_document_says_why(qtbot, bare_window, tmp_path):
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    path = tmp_path / "list.txt"
    path.write_text("eggs\n", encoding="utf-8")
    assert bare_window.files.open_path(path)
    bar = bare_window.format_bar
    bold = bar.widgetForAction(bar.bold)
    assert not bold.isEnabled()
    QApplication.sendEvent(bold, QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), bold.mapToGlobal(QPoint(2, 2))))
    assert "plain-text document" in QToolTip.text() and "Save As" in QToolTip.text()
    assert "plain-text document" in bar.font_box.toolTip()
    bare_window.files.new_document()  # formatted text again: the usual tips
    assert bar.bold.toolTip().startswith("Bold") and "plain" not in bar.bold.toolTip()


def test_a_file_name_that_does_not_exist_yet_starts_that_document(qtbot, bare_window, tmp_path):
    path = tmp_path / "notes.txt"  # `wordpad-ai notes.txt`, as its --help promises
    assert bare_window.files.open_or_create(str(path))
    assert bare_window.files.path == path.resolve() and "notes.txt" in bare_window.windowTitle()
    assert bare_window.editor.is_plain_mode() and not path.exists()  # created on save, not before
    qtbot.keyClicks(bare_window.editor, "milk")
    assert bare_window.files.save()
    assert path.read_text(encoding="utf-8") == "milk"


def test_file_dialogs_start_in_documents_then_in_the_folder_used_last(qtbot, bare_window, tmp_path):
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    first = bare_window.files.start_folder()
    assert first in (Path(documents), Path.home()) and first != Path.cwd()
    (tmp_path / "letters").mkdir()
    path = tmp_path / "letters" / "a.txt"
    path.write_text("Dear Sir", encoding="utf-8")
    assert bare_window.files.open_path(path)
    bare_window.files.new_document()
    assert bare_window.files.start_folder() == path.parent.resolve()


def test_word_and_opendocument_files_open_as_formatted_text(qtbot, bare_window, tmp_path):
    import docx

    from wordpad_ai.ui.file_controller import OPEN_FILTER

    assert "*.docx" in OPEN_FILTER.split(";;")[0] and "*.odt" in OPEN_FILTER.split(";;")[0]
    word = docx.Document()
    word.add_paragraph("Shopping list")
    word.add_paragraph("Bread & butter")
    word.save(tmp_path / "list.docx")
    assert bare_window.files.open_path(tmp_path / "list.docx")
    editor = bare_window.editor
    assert editor.plain_text() == "Shopping list\nBread & butter"
    assert not editor.is_plain_mode() and bare_window.format_bar.isEnabled()
    assert bare_window.files.path is None  # Save asks for a name: the .docx is never overwritten
    assert "list.docx" in bare_window.windowTitle()
    assert bare_window.files.export_odt(str(tmp_path / "list.odt"))
    bare_window.files.new_document()
    assert bare_window.files.open_path(tmp_path / "list.odt")
    assert editor.plain_text() == "Shopping list\nBread & butter"


def test_word_and_opendocument_files_keep_headings_lists_and_bold(qtbot, bare_window, tmp_path):
    """As WordPad shows them: a heading stays a heading, a bold run bold, a bullet a bullet."""
    import docx
    from PySide6.QtGui import QFont, QTextCursor

    word = docx.Document()
    word.add_heading("Meeting notes", 1)
    para = word.add_paragraph("We agreed to ")
    para.add_run("ship on Friday").bold = True
    para.add_run(" and to ")
    para.add_run("rest").italic = True
    word.add_paragraph("Bread & butter", style="List Bullet")
    word.save(tmp_path / "notes.docx")
    editor = bare_window.editor

    def check(name: str) -> None:
        assert bare_window.files.open_path(tmp_path / name)
        assert editor.plain_text() == "Meeting notes\nWe agreed to ship on Friday and to rest\nBread & butter"
        document = editor.document()
        heading, body, item = document.firstBlock(), document.firstBlock().next(), document.lastBlock()
        cursor = QTextCursor(heading)
        cursor.setPosition(heading.position() + 1)
        # a heading in the .docx; Qt's own ODF writer keeps it as a bold paragraph
        assert heading.blockFormat().headingLevel() == 1 or cursor.charFormat().fontWeight() == QFont.Weight.Bold
        cursor.setPosition(body.position() + len("We agreed to s"))
        assert cursor.charFormat().fontWeight() == QFont.Weight.Bold  # "ship on Friday"
        cursor.setPosition(body.position() + len("We a"))
        assert cursor.charFormat().fontWeight() != QFont.Weight.Bold
        cursor.setPosition(body.position() + len("We agreed to ship on Friday and to re"))
        assert cursor.charFormat().fontItalic()  # "rest"
        assert item.textList() is not None  # the bullet

    check("notes.docx")
    assert bare_window.files.export_odt(str(tmp_path / "notes.odt"))  # Qt's own ODF writer
    bare_window.files.new_document()
    check("notes.odt")


def test_a_word_tab_stop_is_not_a_tab_in_the_text(tmp_path):
    """Tab stops live in the paragraph's properties (<w:pPr><w:tabs><w:tab/>); only a run's
    <w:tab/> is a tab character."""
    import docx
    from docx.shared import Inches

    from wordpad_ai.ui.office_import import office_html

    word = docx.Document()
    para = word.add_paragraph()
    para.paragraph_format.tab_stops.add_tab_stop(Inches(1))
    para.add_run("Name\tValue")
    word.save(tmp_path / "tabs.docx")
    assert office_html(tmp_path / "tabs.docx") == "<p>Name\tValue</p>"
