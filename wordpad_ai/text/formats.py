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

from .errors import UnreadableDocument

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


def read_pdf(path: Path) -> str:
    """A PDF's text layer, page by page (pypdf). Scanned pages without text give nothing."""
    import pypdf

    reader = pypdf.PdfReader(str(path))
    if reader.is_encrypted and not reader.decrypt(""):
        raise UnreadableDocument(path, "password-protected .pdf: save a copy without a password")
    return "\n\n".join(page.extract_text() or "" for page in reader.pages)
