"""Peak memory of reading hostile documents (issue 15: goal < 1 GB on any hostile input).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -m benchmark -s
tests/benchmarks/test_bench_hostile_memory.py``. Prints one line per input: outcome, peak RSS of
the reading process (``VmHWM`` of a fresh interpreter that imports the readers and calls
``read_document``, then ``scan`` on the file's folder), and seconds. Every input is generated
here from a stream; the zip bombs are a few MB on disk.

Inputs: 2 GB docx and odt zip bombs; a 3 MB PDF whose page inflates to 1 GB; an odt of
``<text:s text:c="1000"/>`` (90 MB of XML, 4 GB of spaces); a docx and an odt whose text is just under the 100 MB
unpack limit; 100 MB plain text in one line, in UTF-8 and in cp1252; 100 MB of Markdown in one
line full of emphasis markers; HTML nested 1,000,000 elements deep; a 20 MB RTF.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from child_memory import PEAK_MB_SOURCE
from one_page_pdf import write_one_page_pdf

pytestmark = [pytest.mark.benchmark, pytest.mark.timeout(1800)]

MB = 1024 * 1024
GOAL_MB = 1024  # peak RSS goal for any hostile input
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ODF = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')

CHILD = PEAK_MB_SOURCE + """
import json, sys, time
from pathlib import Path
from wordpad_ai.text.readers import UnreadableDocument, read_document, scan


path = Path(sys.argv[1])
t0 = time.perf_counter()
try:
    outcome = f"read, {len(read_document(path)):,} characters"
except UnreadableDocument as exc:
    outcome = exc.reason
report = scan([path.parent])
print(json.dumps({"outcome": outcome, "seconds": time.perf_counter() - t0,
                  "scan": report.summary(),
                  "peak_mb": peak_mb()}))
"""


def _stream(zf: zipfile.ZipFile, name: str, head: bytes, chunk: bytes, total: int,
            tail: bytes) -> None:
    with zf.open(name, "w", force_zip64=total > 2**31 - 2**24) as member:
        member.write(head)
        for _ in range(total // len(chunk)):
            member.write(chunk)
        member.write(tail)


def docx(path: Path, text_bytes: int, level: int = 9) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        _stream(zf, "word/document.xml",
                f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode(),
                b"word " * 209_715, text_bytes, b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def odt(path: Path, text_bytes: int, level: int = 9) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        _stream(zf, "content.xml",
                f"<office:document-content {ODF}><office:body><office:text><text:p>".encode(),
                b"word " * 209_715, text_bytes,
                b"</text:p></office:text></office:body></office:document-content>")
    return path


def odt_spaces(path: Path, xml_bytes: int) -> Path:
    """An .odt of <text:s text:c="1000"/>: 24 bytes of XML for 1,000 spaces."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        _stream(zf, "content.xml",
                f"<office:document-content {ODF}><office:body><office:text><text:p>a".encode(),
                b'<text:s text:c="1000"/>' * 45_590, xml_bytes,
                b"b</text:p></office:text></office:body></office:document-content>")
    return path


def pdf_bomb(path: Path, inflated: int) -> Path:
    """A one-page PDF whose Flate content stream inflates to ``inflated`` bytes of text ops."""
    import zlib

    page = b"BT /F1 12 Tf 72 720 Td (word word word word) Tj ET\n" * 20_000
    packer = zlib.compressobj(6)
    stream = b"".join(packer.compress(page) for _ in range(inflated // len(page)))
    stream += packer.flush()
    return write_one_page_pdf(path, stream, flate=True)


def plain(path: Path, chunk: bytes, total: int) -> Path:
    with open(path, "wb") as out:
        for _ in range(total // len(chunk)):
            out.write(chunk)
    return path


CASES = {
    "2 GB docx zip bomb": lambda d: docx(d / "bomb.docx", 2000 * MB),
    "2 GB odt zip bomb": lambda d: odt(d / "bomb.odt", 2000 * MB),
    "1 GB PDF page bomb": lambda d: pdf_bomb(d / "bomb.pdf", 1000 * MB),
    "odt of 1000-space elements": lambda d: odt_spaces(d / "spaces.odt", 90 * MB),
    "docx with 95 MB of text": lambda d: docx(d / "big.docx", 95 * MB, level=1),
    "odt with 95 MB of text": lambda d: odt(d / "big.odt", 95 * MB, level=1),
    "100 MB one-line UTF-8 .txt": lambda d: plain(d / "line.txt", "wörd ".encode() * 174_762,
                                                  99 * MB),
    "100 MB cp1252 .txt": lambda d: plain(d / "latin.txt", "caf\xe9 na\xefve ".encode("cp1252")
                                          * 80_000, 99 * MB),
    "100 MB one-line Markdown": lambda d: plain(d / "line.md", b"*a _b `c [d](e) ** " * 55_000,
                                                99 * MB),
    "HTML nested 1,000,000 deep": lambda d: plain(d / "deep.html", b"<div><span>x" * 100_000,
                                                  12 * MB),
    "20 MB RTF": lambda d: plain(d / "big.rtf", b"{\\rtf1\\ansi " + b"{\\b word} \\'e9 " * 65_536,
                                 20 * MB),
}


@pytest.mark.parametrize("name", list(CASES))
def test_peak_memory_on_hostile_input(name, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    t0 = time.perf_counter()
    path = CASES[name](folder)
    made = time.perf_counter() - t0
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                          timeout=1200)
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    lines = done.stdout.decode().splitlines()
    assert len(lines) == 1, lines[:3]  # nothing a library printed reached stdout
    result = json.loads(lines[0])
    print(f"\n{name:<28} {path.stat().st_size / MB:8.1f} MB on disk (made in {made:4.1f} s): "
          f"peak RSS {result['peak_mb']:7.1f} MB, read+scan {result['seconds']:6.1f} s — "
          f"{result['outcome']}; scan: {result['scan']}")
    assert result["peak_mb"] < GOAL_MB
