"""A minimal one-page PDF around a given content stream (Helvetica as F1, a correct xref table),
for the readers' tests, the document fault tests and the hostile-memory benchmark."""

from __future__ import annotations

from pathlib import Path


def write_one_page_pdf(path: Path, stream: bytes, flate: bool = False) -> Path:
    """Write ``path``: one page whose content stream is ``stream`` (already Flate-compressed when
    ``flate``)."""
    stream_dict = b"<< /Length %d /Filter /FlateDecode >>" if flate else b"<< /Length %d >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream_dict % len(stream) + b"\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
