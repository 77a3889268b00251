"""Reading and writing the editor's documents, without Qt: kind, encoding and newline style.

A document is opened as one of two kinds: ``"plain"`` (``.txt``, ``.md`` and any other text file,
edited character for character) or ``"rich"`` (``.html``/``.htm``, edited with formatting and
saved as HTML). The encoding (with its byte-order mark) and the newline style found on open are
kept, so saving an unchanged Latin-1 file with Windows newlines gives back the same bytes.

Errors the user can cause (a binary file, a file too large, an unreadable file) raise
:class:`DocumentError` with one message naming the file and what is wrong; nothing is changed.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from .fileutil import atomic_write_bytes
from .text.encoding import BinaryContent, decode_bytes, detect_newline, encode_text

MAX_DOCUMENT_BYTES = 32 * 1024 * 1024  # larger files are refused: the editor would crawl
RICH_SUFFIXES = (".html", ".htm")  # opened and saved as formatted text
PLAIN_SUFFIXES = (".txt", ".md", ".markdown", ".text")  # known plain-text kinds (any other file is plain too)

class DocumentError(Exception):
    """A user-visible problem opening or saving a document; the message says what and why."""


@dataclass(frozen=True)
class DocumentFormat:
    """How a document is stored on disk, so that saving writes it back the same way."""

    kind: str = "rich"  # "plain" (text, Markdown) or "rich" (HTML)
    encoding: str = "utf-8"  # codec name; "utf-8-sig"/"utf-16" variants carry their BOM
    newline: str = "\n"  # "\n", "\r\n" or "\r"

    def with_kind(self, kind: str) -> "DocumentFormat":
        return replace(self, kind=kind)


@dataclass(frozen=True)
class LoadedDocument:
    """A document read from disk: its text (newlines normalised to "\\n") and its format."""

    path: Path  # where it was read from
    text: str  # the text; HTML source for rich documents
    format: DocumentFormat  # encoding, newline style and kind to save it back with


def kind_for_path(path: str | os.PathLike) -> str:
    """``"rich"`` for HTML files, ``"plain"`` for everything else."""
    return "rich" if Path(path).suffix.lower() in RICH_SUFFIXES else "plain"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_document(path: str | os.PathLike) -> LoadedDocument:
    """Read ``path`` for editing; raise :class:`DocumentError` with a clear message if it cannot be."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DocumentError(f"“{path.name}” is a folder, not a document.")
        if size > MAX_DOCUMENT_BYTES:
            raise DocumentError(
                f"“{path.name}” is too large to edit ({size / 1_048_576:.0f} MB; "
                f"the limit is {MAX_DOCUMENT_BYTES // 1_048_576} MB). Open a smaller file.")
        data = path.read_bytes()
    except DocumentError:
        raise
    except FileNotFoundError:
        raise DocumentError(f"“{path}” does not exist.") from None
    except PermissionError:
        raise DocumentError(f"You are not allowed to read “{path}”. Check its permissions.") from None
    except OSError as exc:
        raise DocumentError(f"“{path}” could not be read: {exc.strerror or exc}.") from None
    try:
        text, encoding = decode_bytes(data)
    except BinaryContent:
        raise DocumentError(
            f"“{path.name}” is not a text document (it looks like a binary file such as an "
            "image, archive or program). It was not opened.") from None
    except (UnicodeDecodeError, LookupError) as exc:
        raise DocumentError(f"The encoding of “{path.name}” could not be recognised ({exc}).") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    newline = detect_newline(text)
    return LoadedDocument(path, normalise_newlines(text), DocumentFormat(kind_for_path(path), encoding, newline))


def document_bytes(text: str, fmt: DocumentFormat) -> bytes:
    """The bytes to save: newlines converted to ``fmt.newline``, encoded in ``fmt.encoding``.

    Raises :class:`DocumentError` when a character cannot be written in the file's encoding."""
    text = normalise_newlines(text)
    if fmt.newline != "\n":
        text = text.replace("\n", fmt.newline)
    try:
        return encode_text(text, fmt.encoding)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start:exc.end]
        raise DocumentError(
            f"The text contains “{bad}”, which cannot be saved in the file's encoding "
            f"({fmt.encoding}). Use Save As and choose UTF-8, or remove the character.") from None
    except LookupError:
        raise DocumentError(f"Unknown encoding {fmt.encoding!r}.") from None


def _file_mode(path: Path) -> int:
    """The mode to save ``path`` with: the one it has, or for a new file what the user's umask
    gives (0644 usually). A document is the user's file, not private app data."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        pass
    umask = os.umask(0)  # read it (there is no getter), then put it back at once
    os.umask(umask)
    return 0o666 & ~umask


def save_document(path: str | os.PathLike, text: str, fmt: DocumentFormat) -> None:
    """Write atomically (the old file stays intact if anything fails), keeping the file's
    permissions (a new file gets the usual ones)."""
    data = document_bytes(text, fmt)
    try:
        atomic_write_bytes(Path(path), data, mode=_file_mode(Path(path)))
    except PermissionError:
        raise DocumentError(f"You are not allowed to write “{path}”. Choose another place.") from None
    except OSError as exc:
        raise DocumentError(f"“{path}” could not be saved: {exc.strerror or exc}.") from None
