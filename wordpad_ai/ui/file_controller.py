"""File operations of the window: new, open, save, save as, export, recent files.

The editor's document is read and written through :mod:`wordpad_ai.documents` (encoding, BOM and
newline style kept), saved atomically with ``QSaveFile``. Problems the user can cause become one
message box; the text in the editor is never lost or changed by a failed open or save.

Word (.docx) and OpenDocument (.odt) files are imported as formatted text (their paragraphs, read by
``wordpad_ai.text.readers``); saving one asks for a new name, so the original is never overwritten
with less than it had. File dialogs start in the folder used last, at first the user's Documents.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from html import escape

from PySide6.QtCore import QObject, QSaveFile, QStandardPaths, Signal
from PySide6.QtGui import QTextDocumentWriter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from .. import settings as settings_mod
from ..documents import DocumentError, DocumentFormat, document_bytes, kind_for_path, load_document
from .editor import SuggestionEditor

log = logging.getLogger(__name__)

OPEN_FILTER = "Documents (*.txt *.md *.markdown *.html *.htm *.odt *.docx);;Text (*.txt);;" \
              "Markdown (*.md *.markdown);;Formatted text (*.html *.htm);;" \
              "Word and OpenDocument (*.docx *.odt);;All files (*)"
IMPORTED_SUFFIXES = (".odt", ".docx")  # opened as formatted text through the document readers
SAVE_FILTERS = {  # file dialog filter → default suffix
    "Formatted text (*.html)": ".html",
    "Plain text (*.txt)": ".txt",
    "Markdown (*.md)": ".md",
}


class FileController(QObject):
    """Keeps the current file name and format of one editor and does its file operations."""

    path_changed = Signal(str)  # the document's file is now this path ("" = untitled)
    document_loaded = Signal(str)  # a file was opened into the editor
    document_saved = Signal(str)  # the document was saved to this path
    recent_files_changed = Signal(list)  # most recent first

    def __init__(self, editor: SuggestionEditor, parent_widget: QWidget):
        super().__init__(parent_widget)
        self._editor = editor
        self._widget = parent_widget  # parent of dialogs and message boxes
        self._path: Path | None = None  # file the document belongs to (None = untitled)
        self._format = DocumentFormat(kind="rich")  # how it is saved
        self._imported: Path | None = None  # the .docx/.odt the untitled document was imported from

    # -- state ------------------------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def format(self) -> DocumentFormat:
        return self._format

    def display_name(self) -> str:
        if self._path:
            return self._path.name
        return self._imported.name if self._imported else self.tr("Untitled")

    def document_text(self) -> str:
        """What would be written for the current kind: plain text or HTML (never ghost text)."""
        if self._format.kind == "plain":
            return self._editor.plain_text()
        return self._editor.document().toHtml()

    def set_document(self, text: str, fmt: DocumentFormat, path: Path | None, modified: bool = False) -> None:
        """Put ``text`` into the editor as a document of ``fmt``, belonging to ``path``."""
        editor = self._editor
        editor.clear_choices()
        editor.set_plain_mode(fmt.kind == "plain")
        if fmt.kind == "plain":
            editor.setPlainText(text)
        else:
            editor.setHtml(text)
        editor.document().setModified(modified)
        self._format, self._path, self._imported = fmt, path, None
        self.path_changed.emit(str(path) if path else "")

    # -- new / open -------------------------------------------------------------------------------
    def new_document(self) -> None:
        self.set_document("", DocumentFormat(kind="rich"), None)

    def start_folder(self) -> Path:
        """Where file dialogs start: the folder used last, else the user's Documents folder."""
        last = settings_mod.load_settings().last_folder
        if last and Path(last).is_dir():
            return Path(last)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def open_dialog(self) -> bool:
        name, _ = QFileDialog.getOpenFileName(self._widget, self.tr("Open"), str(self.start_folder()),
                                              OPEN_FILTER)
        return bool(name) and self.open_path(name)

    def open_path(self, name: str | os.PathLike) -> bool:
        """Open ``name`` into the editor; on failure show why and keep the current document."""
        if Path(name).suffix.lower() in IMPORTED_SUFFIXES:
            return self.import_document(Path(name))
        try:
            loaded = load_document(name)
        except DocumentError as exc:
            self._warn(self.tr("Cannot open file"), str(exc))
            return False
        self.set_document(loaded.text, loaded.format, Path(loaded.path).resolve())
        self._remember(self._path)
        self.document_loaded.emit(str(self._path))
        return True

    def open_or_create(self, name: str | os.PathLike) -> bool:
        """``wordpad-ai notes.txt``: open the file, or when it does not exist yet start an empty
        document of that name (plain for .txt/.md, formatted for .html), created on first save."""
        path = Path(name).expanduser()
        if path.exists():
            return self.open_path(path)
        if not path.parent.resolve().is_dir():
            self._warn(self.tr("Cannot create file"), self.tr(
                "“%s” cannot be created: the folder “%s” does not exist. Create the folder first "
                "or choose another name.") % (path.name, path.parent))
            return False
        self.set_document("", DocumentFormat(kind=kind_for_path(path)), path.resolve())
        return True

    def import_document(self, path: Path) -> bool:
        """Open a Word or OpenDocument file as formatted text (its paragraphs); saving asks for
        a new name. On failure show why and keep the current document."""
        from ..text.readers import UnreadableDocument, read_document
        from .office_import import office_html

        try:
            text = read_document(path)
        except UnreadableDocument as exc:
            self._warn(self.tr("Cannot open file"), self.tr("“%s” cannot be opened: %s.")
                       % (path.name, exc.reason))
            return False
        try:  # with its headings, lists, bold, italic and underline, as WordPad opens it
            html = office_html(Path(path))
        except Exception as exc:  # noqa: BLE001 (the readers read it: keep its words at least)
            log.warning("%s: opened without its formatting (%s)", path, exc)
            paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
            html = "".join("<p>%s</p>" % escape(p).replace("\n", "<br>") for p in paragraphs)
        self.set_document(html, DocumentFormat(kind="rich"), None)
        self._imported = Path(path).resolve()
        self._remember(self._imported)
        self.path_changed.emit("")
        self.document_loaded.emit(str(self._imported))
        return True

    # -- save -------------------------------------------------------------------------------------
    def save(self) -> bool:
        if self._path is None:
            return self.save_as()
        return self.save_to(self._path, self._format)

    def save_as(self) -> bool:
        if self._path:
            start = str(self._path)
        elif self._imported:  # beside the imported file, as formatted text
            start = str(self._imported.with_suffix(".html"))
        else:
            start = str(self.start_folder() / self.tr("Untitled.html"))
        filters = ";;".join(SAVE_FILTERS)
        current = next((f for f, suffix in SAVE_FILTERS.items()
                        if self._path and self._path.suffix.lower() == suffix), None)
        if current is None:
            current = "Formatted text (*.html)" if self._format.kind == "rich" else "Plain text (*.txt)"
        name, chosen = QFileDialog.getSaveFileName(self._widget, self.tr("Save As"), start, filters, current)
        if not name:
            return False
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(SAVE_FILTERS.get(chosen, ".html"))
        return self.save_to(path, self._format.with_kind(kind_for_path(path)))

    def save_to(self, path: Path, fmt: DocumentFormat) -> bool:
        """Write the document to ``path`` as ``fmt`` (atomically); True on success."""
        self._editor.clear_choices()  # belt and braces: ghost text is never in the document
        if fmt.kind == "plain":
            text = self._editor.plain_text()
        else:
            text = self._editor.document().toHtml()
            fmt = DocumentFormat("rich", "utf-8", fmt.newline)  # toHtml declares UTF-8
        try:
            data = document_bytes(text, fmt)
        except DocumentError as exc:
            self._warn(self.tr("Cannot save file"), str(exc))
            return False
        error = write_atomically(path, data)
        if error:
            self._warn(self.tr("Cannot save file"), error)
            return False
        if fmt.kind == "plain" and not self._editor.is_plain_mode():
            # saved as plain text: from now on the document is plain (formatting was not saved)
            position = self._editor.textCursor().position()
            self.set_document(text, fmt, path)
            cursor = self._editor.textCursor()
            cursor.setPosition(min(position, len(text)))
            self._editor.setTextCursor(cursor)
        elif fmt.kind == "rich":
            self._editor.set_plain_mode(False)
        self._format, self._path, self._imported = fmt, Path(path).resolve(), None
        self._editor.document().setModified(False)
        self._remember(self._path)
        self.path_changed.emit(str(self._path))
        self.document_saved.emit(str(self._path))
        return True

    # -- export -----------------------------------------------------------------------------------
    def export_odt(self, name: str | None = None) -> bool:
        if name is None:
            name, _ = QFileDialog.getSaveFileName(self._widget, self.tr("Export as ODT"),
                                                  self._suggested_name(".odt"), "OpenDocument text (*.odt)")
        if not name:
            return False
        writer = QTextDocumentWriter(name, b"odf")
        if not writer.write(self._editor.document()):
            self._warn(self.tr("Export failed"), self.tr("“%s” could not be written.") % name)
            return False
        self._remember_folder(Path(name))
        return True

    def export_pdf(self, name: str | None = None) -> bool:
        if name is None:
            name, _ = QFileDialog.getSaveFileName(self._widget, self.tr("Export as PDF"),
                                                  self._suggested_name(".pdf"), "PDF (*.pdf)")
        if not name:
            return False
        from PySide6.QtGui import QPageSize, QPdfWriter  # only when exporting

        writer = QPdfWriter(name)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setTitle(self.display_name())
        document = self._editor.document().clone()
        document.print_(writer)
        if not Path(name).exists() or Path(name).stat().st_size == 0:
            self._warn(self.tr("Export failed"), self.tr("“%s” could not be written.") % name)
            return False
        self._remember_folder(Path(name))
        return True

    # -- recent files -----------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        return list(settings_mod.load_settings().recent_files)

    def _remember(self, path: Path) -> None:
        current = settings_mod.load_settings()
        recent = [str(path)] + [p for p in current.recent_files if p != str(path)]
        new = settings_mod.update_settings(recent_files=tuple(recent[: current.max_recent_files]),
                                           last_folder=str(Path(path).parent))
        self.recent_files_changed.emit(list(new.recent_files))

    def _remember_folder(self, path: Path) -> None:
        settings_mod.update_settings(last_folder=str(Path(path).resolve().parent))

    def forget_recent(self, name: str) -> None:
        recent = tuple(p for p in settings_mod.load_settings().recent_files if p != name)
        settings_mod.update_settings(recent_files=recent)
        self.recent_files_changed.emit(list(recent))

    # -- helpers ----------------------------------------------------------------------------------
    def _suggested_name(self, suffix: str) -> str:
        source = self._path or self._imported
        return str(source.with_suffix(suffix)) if source else str(self.start_folder() / (self.tr("Untitled") + suffix))

    def _warn(self, title: str, message: str) -> None:
        QMessageBox.warning(self._widget, title, message)


def write_atomically(path: Path, data: bytes) -> str:
    """Write ``data`` with ``QSaveFile`` (old file intact on failure); "" or an error message."""
    target = QSaveFile(str(path))
    if not target.open(QSaveFile.OpenModeFlag.WriteOnly):
        return f"“{path}” cannot be written: {target.errorString()}. Choose another place."
    if target.write(data) != len(data):
        message = target.errorString()
        target.cancelWriting()
        return f"“{path}” could not be written completely: {message}. The old file is unchanged."
    if not target.commit():
        return f"“{path}” could not be saved: {target.errorString()}. The old file is unchanged."
    return ""
