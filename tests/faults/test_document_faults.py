"""Hostile documents (issue 15 item 3): zip bombs, archives with huge member lists, entity tricks,
chatty parsers, and fuzzed bytes. Every attack is built here, from a stream: a bomb that inflates
to hundreds of megabytes is a megabyte on disk and is never held whole in this process.

The reading is measured in a child process (its ``VmHWM``), so the figure is the reader's alone.
Larger bombs (2 GB) and other hostile inputs are in tests/benchmarks/test_bench_hostile_memory.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from child_memory import PEAK_MB_SOURCE
from one_page_pdf import write_one_page_pdf
from hypothesis import HealthCheck, given, settings, strategies as st

from wordpad_ai.text import archive
from wordpad_ai.text.readers import UnreadableDocument, read_document

MB = 1024 * 1024
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '</Relationships>')
CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
MANIFEST = (
    '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
    'xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
    '"application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path='
    '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>')


# -- builders: documents whose text member is streamed in, chunk by chunk ------------------------
def _stream_member(zf: zipfile.ZipFile, name: str, head: bytes, body_chunk: bytes,
                   body_bytes: int, tail: bytes) -> None:
    with zf.open(name, "w", force_zip64=body_bytes > 2**31 - 2**20) as member:
        member.write(head)
        written = 0
        while written < body_bytes:
            member.write(body_chunk)
            written += len(body_chunk)
        member.write(tail)


def docx_bomb(path: Path, inflated: int, chunk: bytes = b"word " * 200_000) -> Path:
    """A real .docx whose one paragraph holds ``inflated`` bytes of text."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        _stream_member(zf, "word/document.xml",
                       f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode(),
                       chunk, inflated, b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def odt_bomb(path: Path, inflated: int, chunk: bytes = b"word " * 200_000) -> Path:
    """A real .odt whose one paragraph holds ``inflated`` bytes of text."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("META-INF/manifest.xml", MANIFEST)
        _stream_member(zf, "content.xml",
                       f'<office:document-content {ODF_NS}><office:body><office:text>'
                       f'<text:p>'.encode(),
                       chunk, inflated, b"</text:p></office:text></office:body>"
                                        b"</office:document-content>")
    return path


def small_docx(path: Path, body: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>{body}'
                                         f'</w:body></w:document>')
    return path


READ_IN_CHILD = PEAK_MB_SOURCE + """
import json, sys
from wordpad_ai.text.readers import UnreadableDocument, read_document


try:
    text = read_document(sys.argv[1])
    outcome = {"words": len(text.split())}
except UnreadableDocument as exc:
    outcome = {"error": str(exc)}
outcome["peak_mb"] = peak_mb()
print(json.dumps(outcome))
"""


def read_in_child(path: Path) -> dict:
    """read_document(path) in a fresh interpreter: its outcome, peak RSS and what it printed."""
    done = subprocess.run([sys.executable, "-c", READ_IN_CHILD, str(path)], capture_output=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    lines = done.stdout.decode().splitlines()
    assert len(lines) == 1 and not done.stderr, (lines[:3], done.stderr[:500])  # nothing else printed
    return json.loads(lines[0])


# -- zip bombs ------------------------------------------------------------------------------------
@pytest.mark.parametrize("build", [docx_bomb, odt_bomb], ids=["docx", "odt"])
def test_zip_bomb_is_too_large_with_bounded_memory(tmp_path, build):
    """~1.4 MB on disk inflating to 256 MB (over the 100 MB default): refused as "too large",
    naming the file and the limit, without unpacking the whole member (it took 4 GB before)."""
    bomb = build(tmp_path / f"bomb.{build.__name__[:-5]}", 256 * MB)
    assert bomb.stat().st_size < 3 * MB
    outcome = read_in_child(bomb)
    assert outcome.get("error") == (
        f"{bomb}: too large (it unpacks to more than the 100 MB limit)"), outcome
    assert outcome["peak_mb"] < 200, outcome  # refused before unpacking (4 GB before)


@pytest.mark.parametrize("build", [docx_bomb, odt_bomb], ids=["docx", "odt"])
def test_a_document_under_the_unpack_limit_is_read_whole(tmp_path, build):
    path = build(tmp_path / f"fine.{build.__name__[:-5]}", 2 * MB)
    text = read_document(path, max_bytes=3 * MB)
    assert text.count("word") == len(text.split()) >= 2 * MB // 5
    with pytest.raises(UnreadableDocument, match=r"too large \(it unpacks to more than the 1 MB "
                                                 r"limit\)"):
        read_document(path, max_bytes=1 * MB)


def test_zeros_bomb_is_refused_by_its_declared_size_before_inflating(tmp_path):
    path = tmp_path / "zeros.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("_rels/.rels", RELS)
        _stream_member(zf, "word/document.xml", b"", bytes(MB), 150 * MB, b"")
    with pytest.raises(UnreadableDocument, match="too large"):
        read_document(path)


def test_member_that_lies_about_its_size_is_cut_at_the_budget(tmp_path):
    """A member whose headers declare 10 bytes but which inflates to 64 MB: streaming stops
    at the declared size (zipfile) or the budget, and the lie is a damaged file."""
    path = small_docx(tmp_path / "liar.docx", "<w:p><w:r><w:t>" + "a" * 100 + "</w:t></w:r></w:p>")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    # patch the uncompressed size in the local header and the central directory
    real = info.file_size.to_bytes(4, "little")
    assert data.count(real) >= 2
    data = data.replace(real, (10).to_bytes(4, "little"))
    path.write_bytes(bytes(data))
    with pytest.raises(UnreadableDocument, match="corrupt .docx"):
        read_document(path)


def test_archive_with_a_huge_member_list_is_refused_before_listing(tmp_path, monkeypatch):
    """The central directory is measured from the end record before zipfile builds an object
    per member (a 100 MB archive of empty members would cost gigabytes of ZipInfo)."""
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(3000):
            zf.writestr(f"m{i:05d}.xml", b"")
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'
                                         f'hi</w:t></w:r></w:p></w:body></w:document>')
    assert read_document(path) == "hi"
    monkeypatch.setattr(archive, "MAX_DIRECTORY_BYTES", 64 * 1024)  # 3,000 entries ≈ 170 KB
    with pytest.raises(UnreadableDocument, match=r"too large \(its list of contents unpacks"):
        read_document(path)


def test_odt_spaces_that_expand_a_thousandfold_count_against_the_limit(tmp_path):
    """<text:s text:c="1000"/> is 24 bytes of XML for 1,000 spaces."""
    path = tmp_path / "spaces.odt"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        _stream_member(zf, "content.xml", f"<office:document-content {ODF_NS}><office:body>"
                       f"<office:text><text:p>a".encode(), b'<text:s text:c="1000"/>' * 1000,
                       MB, b"b</text:p></office:text></office:body></office:document-content>")
    assert read_document(path, max_bytes=100 * MB).count(" ") > 40_000_000  # fine within 100 MB
    with pytest.raises(UnreadableDocument, match=r"too large \(it unpacks to more than the 8 MB"):
        read_document(path, max_bytes=8 * MB)


def pdf_with_stream(path: Path, content: bytes, repeat: int) -> Path:
    """A one-page PDF whose Flate-compressed content stream is ``content`` × ``repeat``."""
    import zlib

    packer = zlib.compressobj(1)
    stream = b"".join(packer.compress(content) for _ in range(repeat)) + packer.flush()
    return write_one_page_pdf(path, stream, flate=True)


def test_pdf_whose_page_inflates_to_100_mb_is_too_large(tmp_path):
    page = b"BT /F1 12 Tf 72 720 Td (word word word word) Tj ET\n" * 20_000  # ~1 MB
    bomb = pdf_with_stream(tmp_path / "bomb.pdf", page, 100)
    assert bomb.stat().st_size < 2 * MB
    outcome = read_in_child(bomb)
    assert outcome.get("error", "").startswith(f"{bomb}: too large (it unpacks to more than"), outcome
    assert outcome["peak_mb"] < 400, outcome
    small = pdf_with_stream(tmp_path / "small.pdf", page[:len(page) // 100], 1)
    assert read_document(small).count("word") == 800
    with pytest.raises(UnreadableDocument, match=r"too large \(it unpacks to more than the 1 KB"):
        read_document(small, max_bytes=1024)


def test_password_protected_office_files_say_so(tmp_path):
    word = tmp_path / "secret.docx"  # what Word writes with a password: an OLE compound file
    word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    with pytest.raises(UnreadableDocument, match=r"password-protected or old-format \.docx"):
        read_document(word)
    odt = tmp_path / "secret.odt"
    with zipfile.ZipFile(odt, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("META-INF/manifest.xml", MANIFEST.replace(
            'manifest:media-type="text/xml"/>', 'manifest:media-type="text/xml"><manifest:'
            'encryption-data manifest:checksum="x"/></manifest:file-entry>'))
        zf.writestr("content.xml", bytes(range(256)))  # encrypted bytes
    with pytest.raises(UnreadableDocument, match=r"password-protected \.odt: save a copy"):
        read_document(odt)


def test_entity_expansion_is_refused(tmp_path):
    laughs = ('<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    path = tmp_path / "laughs.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", laughs + f'<w:document xmlns:w="{W_NS}"><w:body><w:p>'
                    f'<w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>')
    with pytest.raises(UnreadableDocument, match="corrupt .docx: .*document type"):
        read_document(path)


def test_deep_nesting_in_a_docx_is_read_without_recursion(tmp_path):
    body = "<w:sdt>" * 50_000 + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>" + "</w:sdt>" * 50_000
    assert read_document(small_docx(tmp_path / "deep.docx", body)) == "deep"


# -- nothing a parser prints reaches the terminal ---------------------------------------------------
def chatty_reader(path: Path) -> str:
    print("x" * MB)  # a library that prints what it parses (odfpy printed 2 GiB)
    print("warning!", file=sys.stderr)
    import warnings

    warnings.warn("chatty library warning")
    return "the text"


def test_what_a_reader_prints_goes_nowhere(tmp_path, capfd):
    path = tmp_path / "book.chatty"
    path.write_text("x", encoding="utf-8")
    assert read_document(path, extra_readers={".chatty": (chatty_reader, "chatty")}) == "the text"
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_evaluate_on_a_bomb_names_the_file_and_limit_and_prints_nothing_else(tmp_path):
    bomb = odt_bomb(tmp_path / "bomb.odt", 160 * MB)
    env = {**os.environ, "WORDPAD_AI_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-m", "wordpad_ai", "evaluate", str(bomb)],
                          capture_output=True, timeout=120, env=env)
    assert done.returncode != 0
    assert done.stdout == b""
    err = done.stderr.decode()
    assert f"{bomb}: too large (it unpacks to more than the 100 MB limit)" in err
    assert len(err) < 1000, err[:2000]


# -- fuzzing: any bytes under any document extension are text or one UnreadableDocument ------------
SUFFIXES = [".txt", ".md", ".html", ".docx", ".odt", ".rtf", ".pdf"]


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_fuzzed_bytes_never_escape_as_another_exception(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        text = read_document(path)
    except UnreadableDocument as exc:
        assert exc.reason and exc.path == path
    else:
        assert isinstance(text, str) and text.strip()


def _docx_from(body_xml: str) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", body_xml)
    return buffer.getvalue()


XML_PIECES = ["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tab/>", "<w:br/>",
              "<w:pPr>", "</w:pPr>", "hello", " ", "&amp;", "&bogus;", "<", ">", "\x00", "é",
              "<!DOCTYPE x>", "<?pi x?>", "<![CDATA[a]]>", "<w:del>", "</w:del>"]


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(XML_PIECES), max_size=40))
def test_fuzzed_docx_xml_is_text_or_one_clear_error(tmp_path, pieces):
    body = f'<w:document xmlns:w="{W_NS}"><w:body>' + "".join(pieces) + "</w:body></w:document>"
    path = tmp_path / "fuzz.docx"
    path.write_bytes(_docx_from(body))
    try:
        text = read_document(path)
    except UnreadableDocument as exc:
        assert exc.reason.startswith(("corrupt .docx: ", "empty")), exc.reason
    else:
        assert text.strip() and "<w:" not in text
