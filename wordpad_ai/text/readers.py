"""Document readers and the corpus scan behind "Train on my documents" and ``wordpad-ai train``.

:func:`read_document` turns one file into plain text (``.txt``, ``.md``, ``.html``, ``.odt``,
``.docx``, ``.rtf``, ``.pdf``; plugins add more through ``wordpad_ai_register_readers``). Every
problem a user's file can have becomes :class:`UnreadableDocument` with a reason a person can act
on; no other exception escapes for a bad file. RTF and PDF need the optional ``documents`` extra;
without it those files are skipped with "install wordpad-ai[documents] ...".

Hostile files cost bounded memory: a file above ``max_bytes`` is not read; a .docx or .odt is
streamed out of its archive with its *decompressed* size capped at ``max_bytes`` too (a zip bomb
is "too large", see :mod:`.archive`; a PDF's text too); and whatever a parsing library prints
goes nowhere (:mod:`.quiet`). The text readers themselves are in :mod:`.plain`, :mod:`.office`
and :mod:`.formats`.

:func:`scan` walks files and folders, reads each document once to count its words and find
problems, and keeps only the counts (not the texts), so a large folder costs the memory of one
document. :func:`iter_documents` then yields the texts one at a time for the trainer.
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Union

from .archive import UnpackLimitExceeded
from .errors import UnreadableDocument
from .formats import read_pdf, read_rtf
from .office import read_docx, read_odt
from .plain import oserror_reason, read_extensionless, read_html, read_markdown, read_plain
from .quiet import library_output_silenced

__all__ = [
    "UnreadableDocument", "read_document", "count_words", "scan", "iter_documents", "walk",
    "ScannedDocument", "SkippedDocument", "ScanReport", "SUPPORTED_EXTENSIONS",
    "FILE_DIALOG_FILTER", "file_dialog_filter", "DEFAULT_MAX_FILE_BYTES",
    "read_plain", "read_extensionless", "read_markdown", "read_html",
]

log = logging.getLogger(__name__)

MB = 1024 * 1024
DEFAULT_MAX_FILE_BYTES = 100 * MB  # files above this are skipped as "too large"
DOCUMENTS_EXTRA = "wordpad-ai[documents]"  # the pip extra with the RTF and PDF libraries

ReadFunction = Callable[[Path], str]
# what ``extra_readers`` maps an extension to: a read function, or (function, plugin name)
# exactly as in ``PluginHost.readers``
ExtraReaders = Mapping[str, Union[ReadFunction, tuple[ReadFunction, str]]]


# -- the built-in readers ---------------------------------------------------------------------
# extension → (reader, needs the "documents" extra); .docx/.odt/.pdf readers also take the
# unpack cap
_UNPACKING = frozenset({read_docx, read_odt, read_pdf})
_BUILTIN: dict[str, tuple[ReadFunction, bool]] = {
    ".txt": (read_plain, False),
    ".text": (read_plain, False),
    ".md": (read_markdown, False),
    ".markdown": (read_markdown, False),
    ".html": (read_html, False),
    ".htm": (read_html, False),
    ".xhtml": (read_html, False),
    ".odt": (read_odt, False),
    ".docx": (read_docx, False),
    ".rtf": (read_rtf, True),
    ".pdf": (read_pdf, True),
}
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(sorted(_BUILTIN))  # built-in, lower case, with dot


def file_dialog_filter(extra_extensions: Iterable[str] = ()) -> str:
    """A Qt file-dialog filter: all readable documents first (built-in plus ``extra_extensions``
    from plugins), then plain text, then all files."""
    exts = sorted({*SUPPORTED_EXTENSIONS, *(e.lower() for e in extra_extensions)})
    documents = " ".join([*(f"*{e}" for e in exts), *EXTENSIONLESS_NAMES])
    return f"Documents ({documents});;Text files (*.txt *.md);;All files (*)"


# text files commonly without an extension, offered by the file dialog (any other such file
# can be chosen under "All files" and is used when its content is text)
EXTENSIONLESS_NAMES = ("README", "COPYING", "ChangeLog", "LICENSE", "NEWS", "AUTHORS")
FILE_DIALOG_FILTER = file_dialog_filter()  # for QFileDialog when no plugin adds readers


# -- reading one document ---------------------------------------------------------------------
def _human_size(n: int) -> str:
    """312 MB, 1.5 KB, 900 bytes: one decimal below 10 units, none above."""
    for unit, name in ((MB, "MB"), (1024, "KB")):
        if n >= unit:
            value = n / unit
            text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
            return f"{text.removesuffix('.0')} {name}"
    return f"{n} bytes"


def _too_large_reason(size: int, limit: int) -> str:
    shown_size, shown_limit = _human_size(size), _human_size(limit)
    if shown_size == shown_limit:  # 100.01 MB > 100 MB: show the exact numbers
        shown_size, shown_limit = f"{size:,} bytes", f"{limit:,} bytes"
    return f"too large ({shown_size} > {shown_limit} limit)"


def _resolve_reader(ext: str, extra_readers: ExtraReaders | None,
                    ) -> tuple[ReadFunction, str | None, bool] | None:
    """(read function, plugin name or None, needs the documents extra) for ``ext``."""
    if extra_readers and ext in extra_readers:
        entry = extra_readers[ext]
        if isinstance(entry, tuple):
            return entry[0], entry[1], False
        return entry, getattr(entry, "__module__", None) or "reader", False
    if ext in _BUILTIN:
        fn, needs_extra = _BUILTIN[ext]
        return fn, None, needs_extra
    return None


def _check_file(path: Path, max_bytes: int) -> int:
    """The file's size after checking it is a regular, readable file within the limit."""
    try:
        st = path.stat()
    except FileNotFoundError:
        reason = "broken symbolic link" if path.is_symlink() else "no such file"
        raise UnreadableDocument(path, f"unreadable: {reason}") from None
    except OSError as exc:
        raise UnreadableDocument(path, oserror_reason(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableDocument(path, "unreadable: it is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):  # FIFOs, sockets, devices: reading could block forever
        raise UnreadableDocument(path, "unreadable: not a regular file")
    if st.st_size > max_bytes:
        raise UnreadableDocument(path, _too_large_reason(st.st_size, max_bytes))
    if st.st_size == 0:
        raise UnreadableDocument(path, "empty")
    return st.st_size


def read_document(path: Path | str, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES,
                  extra_readers: ExtraReaders | None = None) -> str:
    """The plain text of the document at ``path``, chosen by its extension; a file without
    one (README, ChangeLog) is read as plain text when its content is text.

    ``extra_readers`` maps lower-case extensions (``".epub"``) to plugin read functions (or
    ``(function, plugin_name)`` pairs, as in ``PluginHost.readers``); they override built-ins.
    Raise :class:`UnreadableDocument` for anything wrong with the file: missing, not a regular
    file, unsupported type, too large, empty, binary, corrupt, or a missing optional library.
    """
    path = Path(path)
    ext = path.suffix.lower()
    found = _resolve_reader(ext, extra_readers)
    if found is None and not ext:  # README, COPYING, ChangeLog: sniffed by content
        found = (read_extensionless, None, False)
    if found is None:
        raise UnreadableDocument(path, f"unsupported type {ext}")
    read, plugin, needs_extra = found
    _check_file(path, max_bytes)
    try:
        with library_output_silenced():
            text = read(path, max_bytes) if read in _UNPACKING else read(path)
    except UnpackLimitExceeded as exc:
        what = "its list of contents" if not exc.member else "it"
        raise UnreadableDocument(
            path, f"too large ({what} unpacks to more than the {_human_size(exc.limit)} limit)"
        ) from None
    except UnreadableDocument as exc:
        if exc.path != path:
            raise UnreadableDocument(path, exc.reason) from None
        raise
    except ImportError as exc:
        if not needs_extra:
            raise UnreadableDocument(path, f"plugin {plugin} cannot import {exc.name}") from None
        raise UnreadableDocument(path, f"install {DOCUMENTS_EXTRA} to read {ext} files") from None
    except OSError as exc:
        raise UnreadableDocument(path, oserror_reason(exc)) from None
    except (MemoryError, RecursionError) as exc:
        raise UnreadableDocument(path, f"unreadable: too complex ({type(exc).__name__})") from None
    except Exception as exc:  # parsers raise anything on a damaged file
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        if plugin is not None:
            raise UnreadableDocument(path, f"plugin {plugin} could not read it: {detail}") from None
        raise UnreadableDocument(path, f"corrupt {ext}: {detail}") from None
    if not isinstance(text, str):
        raise UnreadableDocument(path, f"plugin {plugin} returned {type(text).__name__}, not text")
    if len(text) > max_bytes:  # a plugin's text beyond the limit the file itself must keep
        raise UnreadableDocument(path, f"too large (its text is more than the "
                                       f"{_human_size(max_bytes)} limit)")
    if not text.strip():
        raise UnreadableDocument(path, "empty")
    return text


WORD_COUNT_CHUNK = 1 << 20  # characters split at a time by count_words (bounds its memory)


def count_words(text: str) -> int:
    """Words as a word processor counts them: runs of non-whitespace characters.

    ``str.split`` per 1 M-character chunk, correcting for words cut at chunk edges: faster than
    a regular expression and never a list of all the words of a large document."""
    count = 0
    word_open = False  # the previous chunk ended inside a word
    for start in range(0, len(text), WORD_COUNT_CHUNK):
        chunk = text[start:start + WORD_COUNT_CHUNK]
        count += len(chunk.split())
        if word_open and not chunk[0].isspace():
            count -= 1
        word_open = not chunk[-1].isspace()
    return count


# -- the corpus scan --------------------------------------------------------------------------
@dataclass(frozen=True)
class ScannedDocument:
    """A document that can be trained on."""

    path: Path  # the file
    words: int  # words in its plain text (:func:`count_words`)
    bytes: int  # size of the file on disk


@dataclass(frozen=True)
class SkippedDocument:
    """A file (or folder) that was left out, and why."""

    path: Path  # the file or folder
    reason: str  # the user-facing reason, as in :class:`UnreadableDocument`

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class ScanReport:
    """What :func:`scan` found: usable documents and skipped files, in walk order, no texts."""

    documents: tuple[ScannedDocument, ...]  # usable documents, in deterministic walk order
    skipped: tuple[SkippedDocument, ...]  # files and folders left out, with reasons
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES  # the size limit the scan used
    # the plugin readers the scan used, so iter_documents reads the same way (not compared)
    extra_readers: ExtraReaders = field(default_factory=dict, compare=False, repr=False)

    @property
    def total_words(self) -> int:
        """Words in all usable documents."""
        return sum(d.words for d in self.documents)

    @property
    def total_bytes(self) -> int:
        """Bytes on disk of all usable documents."""
        return sum(d.bytes for d in self.documents)

    def summary(self) -> str:
        """One line for the dialog and the CLI: "3 documents, 1,234 words; 2 skipped"."""
        n = len(self.documents)
        line = f"{n} document{'s' if n != 1 else ''}, {self.total_words:,} words"
        return line + (f"; {len(self.skipped)} skipped" if self.skipped else "")

    def to_json(self) -> dict:
        return {
            "documents": [{"path": str(d.path), "words": d.words, "bytes": d.bytes}
                          for d in self.documents],
            "skipped": [{"path": str(s.path), "reason": s.reason} for s in self.skipped],
            "total_words": self.total_words,
            "total_bytes": self.total_bytes,
        }


def walk(paths: Iterable[Path | str]) -> Iterator[tuple[Path, str | None]]:
    """Files under ``paths`` as ``(path, None)``, or ``(path, reason)`` for a path that cannot
    be walked. Folders are expanded recursively in name order; hidden files and folders (names
    starting with ".") inside folders are left out; each folder and file is visited once, so
    symbolic-link loops end."""
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[str] = set()
    for given in paths:
        root = Path(given).expanduser()
        if not root.is_dir():
            if not root.exists() and not root.is_symlink():
                yield root, "unreadable: no such file or folder"
                continue
            real = os.path.realpath(root)
            if real not in seen_files:
                seen_files.add(real)
                yield root, None
            continue
        stack = [root]
        while stack:
            folder = stack.pop()
            try:
                st = folder.stat()
                key = (st.st_dev, st.st_ino)
                if key in seen_dirs:
                    continue
                seen_dirs.add(key)
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                yield folder, oserror_reason(exc)
                continue
            subfolders = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    is_dir = entry.is_dir()  # follows links: a linked folder is walked once
                except OSError:
                    is_dir = False
                if is_dir:
                    subfolders.append(Path(entry.path))
                    continue
                real = os.path.realpath(entry.path)
                if real not in seen_files:
                    seen_files.add(real)
                    yield Path(entry.path), None
            stack.extend(reversed(subfolders))  # files of a folder first, then its subfolders


def scan(paths: Iterable[Path | str], *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
         extra_readers: ExtraReaders | None = None,
         on_file: Callable[[Path], None] | None = None) -> ScanReport:
    """Find and check the documents under ``paths`` (files and folders, walked recursively).

    Each document is read once, to count its words and find problems; its text is then dropped,
    so memory stays that of the largest single document. ``extra_readers`` are plugin readers
    (``PluginHost.readers``) overriding built-ins. ``on_file(path)`` is called before each file
    is read (progress for the dialog). The order of the report is deterministic: the given
    paths in order, each folder's files by name, then its subfolders by name.
    """
    readers = dict(extra_readers or {})
    documents: list[ScannedDocument] = []
    skipped: list[SkippedDocument] = []
    for path, problem in walk(paths):
        if problem is not None:
            skipped.append(SkippedDocument(path, problem))
            continue
        if on_file is not None:
            on_file(path)
        try:
            text = read_document(path, max_bytes=max_file_bytes, extra_readers=readers)
            size = path.stat().st_size
        except UnreadableDocument as exc:
            skipped.append(SkippedDocument(path, exc.reason))
            continue
        except OSError as exc:  # removed between reading and stat
            skipped.append(SkippedDocument(path, oserror_reason(exc)))
            continue
        documents.append(ScannedDocument(path, count_words(text), size))
        del text
    return ScanReport(tuple(documents), tuple(skipped), max_file_bytes, readers)


def iter_documents(paths_or_report: ScanReport | Iterable[Path | str], *,
                   max_file_bytes: int | None = None,
                   extra_readers: ExtraReaders | None = None) -> Iterator[tuple[Path, str]]:
    """Yield ``(path, text)`` for each usable document, one at a time, for the trainer.

    Given a :class:`ScanReport`, its documents are read again in the same order with the same
    limit and readers (unless overridden here); a file that became unreadable since the scan is
    logged and left out. Given paths, they are walked as :func:`scan` does and unusable files
    are left out silently (call :func:`scan` to learn why).
    """
    if isinstance(paths_or_report, ScanReport):
        report = paths_or_report
        limit = report.max_file_bytes if max_file_bytes is None else max_file_bytes
        readers = report.extra_readers if extra_readers is None else extra_readers
        candidates: Iterable[Path] = (d.path for d in report.documents)
        warn = True
    else:
        limit = DEFAULT_MAX_FILE_BYTES if max_file_bytes is None else max_file_bytes
        readers = extra_readers
        candidates = (p for p, problem in walk(paths_or_report) if problem is None)
        warn = False
    for path in candidates:
        try:
            yield path, read_document(path, max_bytes=limit, extra_readers=readers)
        except UnreadableDocument as exc:
            if warn:
                log.warning("skipping %s (changed since the scan)", exc)
