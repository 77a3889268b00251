"""Word (.docx) and OpenDocument (.odt) text, streamed out of the archive with bounded memory.

Both formats are zip archives holding XML. The text lives in one member (``word/document.xml``,
or whatever ``_rels/.rels`` names as the main document; ``content.xml``), which is fed to the
standard library's expat parser chunk by chunk from :func:`~.archive.iter_member`, so the
member is never held whole and its decompressed size is capped (:class:`~.archive.UnpackBudget`).
The parser keeps only the text of the paragraphs: memory is the text plus one chunk. No
third-party library runs, so nothing is printed to the user's terminal, and XML that declares
a document type (entity tricks) is refused: neither format has one.

Paragraphs come out in document order separated by a blank line; table cells, list items and
headings are paragraphs. Deleted (tracked) text, field codes, comments and alternate renderings
are left out.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Iterable
from xml.parsers import expat

from .archive import UnpackBudget, UnpackLimitExceeded, iter_member, open_zip, read_member
from .errors import UnreadableDocument

__all__ = ["read_docx", "read_odt", "DEFAULT_MAX_UNPACKED_BYTES"]

DEFAULT_MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # decompressed bytes one document may unpack
MAX_RELS_BYTES = 1024 * 1024  # _rels/.rels is a few hundred bytes; more is not a real document

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"  # Word's namespace
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"  # alternate content
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"  # ODF text namespace
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"  # ODF office namespace
_SEP = " "  # namespace separator expat puts between the namespace URI and the local name
_OFFICE_DOCUMENT_RE = re.compile(
    rb'<Relationship\b[^>]*?Type="[^"]*/officeDocument"[^>]*?>', re.S)  # the main part's link
_TARGET_RE = re.compile(rb'\bTarget="([^"]+)"')


class _ParagraphCollector:
    """expat callbacks that gather paragraph texts (one configuration per format)."""

    def __init__(self, paragraph: set[str], text: set[str] | None, skip: set[str],
                 chars: dict[str, str], budget: UnpackBudget, spaces: str | None = None):
        self.paragraph = paragraph  # elements that are paragraphs
        self.text = text  # elements whose character data is text (None: all inside a paragraph)
        self.skip = skip  # elements whose whole content is left out
        self.chars = chars  # empty elements that stand for a character: tab, line break
        self.spaces = spaces  # ODF <text:s text:c="n">: n spaces (attribute name), or None
        self.budget = budget  # the document's unpack budget: the text made counts against it
        # characters of text still allowed: <text:s text:c="1000"/> is 24 bytes of XML for
        # 1,000 spaces, a bomb that would fit in the unpack budget
        self.chars_left = budget.limit
        self.paragraphs: list[str] = []  # finished paragraphs, in document order
        self._open: list[list[str]] = []  # parts of the paragraphs being read (nested ones too)
        self._skip_depth = 0  # > 0 inside a skipped element
        self._text_depth = 0  # > 0 inside a text element

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self._skip_depth or name in self.skip:
            self._skip_depth += 1
            return
        if name in self.paragraph:
            self._open.append([])
        elif self._open:
            if name in self.chars:
                self._add(self.chars[name])
            elif name == self.spaces:
                count = attrs.get(f"{_TEXT}{_SEP}c", "1")
                self._add(" " * min(int(count) if count.isdigit() else 1, 1000))
        if self.text is not None and name in self.text:
            self._text_depth += 1

    def end(self, name: str) -> None:
        if self._skip_depth:
            self._skip_depth -= 1
            return
        if self.text is not None and name in self.text:
            self._text_depth -= 1
        if name in self.paragraph and self._open:
            paragraph = "".join(self._open.pop())
            if paragraph.strip():
                self.paragraphs.append(paragraph)

    def data(self, text: str) -> None:
        if self._skip_depth or not self._open:
            return
        if self.text is None or self._text_depth:
            self._add(text)

    def _add(self, text: str) -> None:
        self.chars_left -= len(text)
        if self.chars_left < 0:
            raise UnpackLimitExceeded(self.budget.limit, "(text)")
        self._open[-1].append(text)


def _refuse_doctype(*_args) -> None:
    raise ValueError("the XML declares a document type, which this format never has")


def _parse(chunks: Iterable[bytes], collector: _ParagraphCollector) -> str:
    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.buffer_text = True
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    parser.CharacterDataHandler = collector.data
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    for chunk in chunks:
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return "\n\n".join(collector.paragraphs)


def _member(archive: zipfile.ZipFile, name: str, what: str) -> str:
    """``name`` if the archive has it, else a ValueError saying what the file is not."""
    try:
        archive.getinfo(name)
    except KeyError:
        raise ValueError(f"it has no {name} (not {what})") from None
    return name


def _docx_main_part(archive: zipfile.ZipFile, budget: UnpackBudget) -> str:
    """The main document part named in ``_rels/.rels`` (``word/document.xml`` in practice)."""
    try:
        info = archive.getinfo("_rels/.rels")
    except KeyError:
        return _member(archive, "word/document.xml", "a Word document")
    if info.file_size > MAX_RELS_BYTES:
        return _member(archive, "word/document.xml", "a Word document")
    rels = read_member(archive, info.filename, budget)
    link = _OFFICE_DOCUMENT_RE.search(rels)
    target = _TARGET_RE.search(link.group(0)) if link else None
    name = target.group(1).decode("utf-8", "replace").lstrip("/") if target else ""
    return _member(archive, name or "word/document.xml", "a Word document")


_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: encrypted or old .doc


def _refuse_compound_file(path: Path, ext: str) -> None:
    """A password-protected Word file, or an old .doc renamed, is not a zip archive but an
    OLE compound file: say so instead of "not a zip file"."""
    with open(path, "rb") as handle:
        if handle.read(len(_OLE_SIGNATURE)) == _OLE_SIGNATURE:
            raise UnreadableDocument(path, f"password-protected or old-format {ext} (it is not a "
                                           f"zip archive): save a copy as {ext} without a password")


def _refuse_encrypted_odf(path: Path, archive: zipfile.ZipFile, budget: UnpackBudget) -> None:
    """An OpenDocument saved with a password lists encryption data in its manifest."""
    try:
        info = archive.getinfo("META-INF/manifest.xml")
    except KeyError:
        return
    if info.file_size <= MAX_RELS_BYTES and b"encryption-data" in read_member(
            archive, info.filename, budget):
        raise UnreadableDocument(path, "password-protected .odt: save a copy without a password")


def read_docx(path: Path, max_unpacked: int = DEFAULT_MAX_UNPACKED_BYTES) -> str:
    """A Word document's body: paragraphs and table cells in document order.

    Raise :class:`~.archive.UnpackLimitExceeded` when it unpacks to more than ``max_unpacked``
    bytes; ``zipfile.BadZipFile``, ``ValueError`` or ``expat.ExpatError`` when it is damaged."""
    _refuse_compound_file(path, ".docx")
    budget = UnpackBudget(max_unpacked)
    w = f"{_W}{_SEP}"
    collector = _ParagraphCollector(
        paragraph={w + "p"}, text={w + "t"},
        skip={w + "del", w + "delText", w + "instrText", f"{_MC}{_SEP}Fallback",
              w + "pPr", w + "rPr", w + "sectPr"},  # properties: tab stops are not tabs
        chars={w + "tab": "\t", w + "br": "\n", w + "cr": "\n"}, budget=budget)
    with open_zip(path) as archive:
        name = _docx_main_part(archive, budget)
        return _parse(iter_member(archive, name, budget), collector)


def read_odt(path: Path, max_unpacked: int = DEFAULT_MAX_UNPACKED_BYTES) -> str:
    """An OpenDocument text: headings and paragraphs (list items, table cells) in order.

    Raise :class:`~.archive.UnpackLimitExceeded` when it unpacks to more than ``max_unpacked``
    bytes; ``zipfile.BadZipFile``, ``ValueError`` or ``expat.ExpatError`` when it is damaged."""
    budget = UnpackBudget(max_unpacked)
    t = f"{_TEXT}{_SEP}"
    collector = _ParagraphCollector(
        paragraph={t + "p", t + "h"}, text=None,
        skip={t + "tracked-changes", f"{_OFFICE}{_SEP}annotation", t + "note-citation"},
        chars={t + "tab": "\t", t + "line-break": "\n"}, budget=budget, spaces=t + "s")
    _refuse_compound_file(path, ".odt")
    with open_zip(path) as archive:
        _refuse_encrypted_odf(path, archive, budget)
        name = _member(archive, "content.xml", "an OpenDocument file")
        return _parse(iter_member(archive, name, budget), collector)
