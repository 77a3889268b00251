"""Readers for the formats that need the optional ``documents`` extra: .rtf and .pdf.

(.docx and .odt are read with the standard library alone, streamed with a cap on what they
unpack to: :mod:`.office`.) Each function takes a path and returns the document's plain text.
The libraries are imported inside the functions, so a missing one raises ``ImportError`` only
when such a file is read; :func:`wordpad_ai.text.readers.read_document` turns that into
"install wordpad-ai[documents] ...", and any parser error into "corrupt .<ext>: ...".
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .archive import UnpackLimitExceeded
from .errors import UnreadableDocument
from .office import DEFAULT_MAX_UNPACKED_BYTES

__all__ = ["read_rtf", "read_pdf"]

_RTF_CODEPAGE_RE = re.compile(rb"\\ansicpg(\d{3,5})")  # the code page an RTF file declares


def read_rtf(path: Path) -> str:
    """A Rich Text Format file (striprtf); ``\\'xx`` escapes read in the code page the file
    declares (``\\ansicpg1251``), cp1252 by default."""
    from striprtf.striprtf import rtf_to_text

    raw = path.read_bytes()
    if not raw.lstrip().startswith(b"{\\rtf"):
        raise ValueError("not an RTF file (it does not start with {\\rtf)")
    encoding = "cp1252"
    declared = _RTF_CODEPAGE_RE.search(raw[:4096])
    if declared:
        try:
            encoding = codecs.lookup(f"cp{int(declared.group(1))}").name
        except LookupError:
            pass
    return rtf_to_text(raw.decode("latin-1"), encoding=encoding, errors="replace")


def read_pdf(path: Path, max_unpacked: int = DEFAULT_MAX_UNPACKED_BYTES) -> str:
    """A PDF's text layer, page by page (pypdf). Scanned pages without text give nothing.

    A compressed stream that inflates past pypdf's own cap, or text longer than
    ``max_unpacked`` characters over all pages, raises :class:`~.archive.UnpackLimitExceeded`
    (a 3 MB PDF can hold gigabytes of page content)."""
    import pypdf
    from pypdf.errors import LimitReachedError

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument(path, "password-protected .pdf: save a copy without a "
                                           "password")
        pages, left = [], max_unpacked
        for page in reader.pages:
            text = page.extract_text() or ""
            left -= len(text)
            if left < 0:
                raise UnpackLimitExceeded(max_unpacked, "(text)")
            pages.append(text)
    except LimitReachedError:
        from pypdf.filters import ZLIB_MAX_OUTPUT_LENGTH

        raise UnpackLimitExceeded(ZLIB_MAX_OUTPUT_LENGTH, "(stream)") from None
    return "\n\n".join(pages)
