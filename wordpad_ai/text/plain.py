"""The built-in readers of text files: plain text, Markdown and HTML, in any encoding.

Each takes a path and returns the text, or raises :class:`~.errors.UnreadableDocument` ("binary
file", "unreadable: ..."). :func:`~.readers.read_document` chooses among them by extension (a
file without one is sniffed with :func:`read_extensionless`) after checking the file's size.
"""

from __future__ import annotations

from pathlib import Path

from .encoding import BinaryContent, decode_bytes
from .errors import UnreadableDocument
from .markup import html_to_text, markdown_to_text

__all__ = ["read_plain", "read_extensionless", "read_markdown", "read_html", "oserror_reason"]


def oserror_reason(exc: OSError) -> str:
    return f"unreadable: {exc.strerror or exc}"


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(path, oserror_reason(exc)) from None


def _decode(path: Path) -> str:
    try:
        text, _encoding = decode_bytes(_read_bytes(path))
    except BinaryContent:
        raise UnreadableDocument(path, "binary file") from None
    return text


def read_plain(path: Path) -> str:
    """A plain-text file in any encoding :func:`~wordpad_ai.text.encoding.decode_bytes` knows."""
    return _decode(path)


def read_extensionless(path: Path) -> str:
    """A file without an extension (README, COPYING, ChangeLog, LICENSE): used when its content
    is text, in any encoding :func:`read_plain` knows; refused as binary otherwise."""
    try:
        text, _encoding = decode_bytes(_read_bytes(path))
    except BinaryContent:
        raise UnreadableDocument(path, "binary file (it has no file extension and is not "
                                       "text)") from None
    return text


def read_markdown(path: Path) -> str:
    """A Markdown file, markup removed (see :func:`~wordpad_ai.text.markup.markdown_to_text`)."""
    return markdown_to_text(_decode(path))


def read_html(path: Path) -> str:
    """An HTML page's visible prose (see :func:`~wordpad_ai.text.markup.html_to_text`)."""
    return html_to_text(_decode(path))
