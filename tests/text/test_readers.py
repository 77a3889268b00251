"""Document readers and the corpus scan, on real files written to tmp_path."""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

import pytest
from one_page_pdf import write_one_page_pdf

from wordpad_ai.text.readers import (
    FILE_DIALOG_FILTER,
    SUPPORTED_EXTENSIONS,
    ScanReport,
    UnreadableDocument,
    count_words,
    file_dialog_filter,
    iter_documents,
    read_document,
    scan,
)

RANDOM_BYTES = bytes((i * 7919 + 13) % 251 for i in range(2048))  # fixed, not a valid anything


# -- builders of real documents ---------------------------------------------------------------
def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Quarterly report", level=1)
    document.add_paragraph("The harvest was early this year.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "apples"
    table.cell(0, 1).text = "pears"
    document.add_paragraph("We thank every farmer.")
    document.save(str(path))
    return path


def make_odt(path: Path) -> Path:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, List, ListItem, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Letter from Oslo"))
    document.text.addElement(P(text="Dear friend, the fjords are cold."))
    items = List()
    item = ListItem()
    item.addElement(P(text="Bring a warm coat."))
    items.addElement(item)
    document.text.addElement(items)
    document.save(str(path))
    return path


def make_pdf(path: Path, text: str = "Hello from a tiny PDF") -> Path:
    """A minimal one-page PDF with a real text stream and a correct xref table."""
    return write_one_page_pdf(path, f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))


RTF = (rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times;}}\f0\pard Hello {\b bold} caf\'e9 world.\par "
       rb"Next paragraph.\par}")

HTML = """<!DOCTYPE html><html><head><title>Garden notes</title>
<style>body { color: red }</style><script>var hidden = "do not read";</script></head>
<body><h1>Spring</h1><p>Tomatoes &amp; basil
   grow well.<br>Water daily.</p><ul><li>Sun</li><li>Rain</li></ul>
<noscript>enable javascript</noscript></body></html>"""

MARKDOWN = """# Travel *diary*

We took the **night train** to [Vienna](https://example.com/vienna "city") and ate `schnitzel`.

```python
print("code is not prose")
```

> Quoted _wisdom_ here.

- first item
- second item with a snake_case_name

![A photo](photo.jpg)

[ref]: https://example.com/ref
"""


# -- each format ------------------------------------------------------------------------------
def test_plain_text_utf8(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes("Ünïcode text — fine.\nLine two.".encode("utf-8"))
    assert read_document(path) == "Ünïcode text — fine.\nLine two."


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (codecs.BOM_UTF8 + "café".encode("utf-8"), "café"),
        (codecs.BOM_UTF16_LE + "Straße".encode("utf-16-le"), "Straße"),
        ("no bom here".encode("utf-16-le"), "no bom here"),
        ("Crème brûlée".encode("latin-1"), "Crème brûlée"),
        ("\u201cquoted\u201d".encode("cp1252"), "\u201cquoted\u201d"),
    ],
    ids=["utf8-bom", "utf16-bom", "utf16-nobom", "latin1", "cp1252"],
)
def test_plain_text_in_other_encodings(tmp_path, data, text):
    path = tmp_path / "note.txt"
    path.write_bytes(data)
    assert read_document(path) == text


def test_markdown_keeps_prose_and_drops_markup(tmp_path):
    path = tmp_path / "diary.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    text = read_document(path)
    assert text.startswith("Travel diary\n\nWe took the night train to Vienna and ate schnitzel.")
    assert "Quoted wisdom here." in text
    assert "first item\nsecond item with a snake_case_name" in text
    assert "A photo" in text
    for noise in ("https://", "```", "print(", "**", "# ", "> ", "- first", "photo.jpg", "[ref]"):
        assert noise not in text


def test_html_skips_script_and_style_and_splits_blocks(tmp_path):
    path = tmp_path / "garden.HTML"  # extensions match case-insensitively
    path.write_text(HTML, encoding="utf-8")
    assert read_document(path) == (
        "Garden notes\n\nSpring\n\nTomatoes & basil grow well.\n\nWater daily.\n\nSun\n\nRain")


def test_docx_paragraphs_and_table_in_order(tmp_path):
    text = read_document(make_docx(tmp_path / "report.docx"))
    assert text == ("Quarterly report\n\nThe harvest was early this year.\n\napples\n\npears"
                    "\n\nWe thank every farmer.")


def test_odt_headings_paragraphs_and_lists(tmp_path):
    text = read_document(make_odt(tmp_path / "letter.odt"))
    assert text == "Letter from Oslo\n\nDear friend, the fjords are cold.\n\nBring a warm coat."


def test_rtf(tmp_path):
    path = tmp_path / "memo.rtf"
    path.write_bytes(RTF)
    text = read_document(path)
    assert "Hello bold café world." in text
    assert "Next paragraph." in text
    assert "\\" not in text and "{" not in text


def test_rtf_in_a_declared_code_page(tmp_path):
    path = tmp_path / "letter.rtf"
    path.write_bytes(rb"{\rtf1\ansi\ansicpg1251\deff0\pard \'cf\'f0\'e8\'e2\'e5\'f2 world\par}")
    assert read_document(path).strip() == "Привет world"


def test_pdf_text_layer(tmp_path):
    assert read_document(make_pdf(tmp_path / "tiny.pdf")).strip() == "Hello from a tiny PDF"


def test_password_protected_pdf(tmp_path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=str(make_pdf(tmp_path / "plain.pdf")))
    writer.encrypt("secret", algorithm="RC4-40")
    path = tmp_path / "locked.pdf"
    writer.write(str(path))
    assert reason_for(path) == "password-protected .pdf: save a copy without a password"


# -- bad files: always UnreadableDocument with a clear reason --------------------------------
def reason_for(path: Path, **kwargs) -> str:
    with pytest.raises(UnreadableDocument) as info:
        read_document(path, **kwargs)
    assert info.value.path == path
    assert str(info.value) == f"{path}: {info.value.reason}"
    return info.value.reason


def test_binary_file_with_text_extension(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + RANDOM_BYTES)
    assert reason_for(path) == "binary file"


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"], ids=["zero-bytes", "whitespace-only"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert reason_for(path) == "empty"


def test_missing_file(tmp_path):
    assert reason_for(tmp_path / "gone.txt") == "unreadable: no such file"


def test_broken_symlink(tmp_path):
    path = tmp_path / "link.txt"
    path.symlink_to(tmp_path / "target-that-does-not-exist.txt")
    assert reason_for(path) == "unreadable: broken symbolic link"


def test_folder_named_like_a_file(tmp_path):
    path = tmp_path / "chapter.txt"
    path.mkdir()
    assert reason_for(path) == "unreadable: it is a folder, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX-only")
def test_fifo_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert reason_for(path) == "unreadable: not a regular file"


def test_too_large_with_a_small_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 400, encoding="utf-8")  # 2000 bytes
    assert reason_for(path, max_bytes=1024) == "too large (2 KB > 1 KB limit)"
    assert reason_for(path, max_bytes=1999) == "too large (2,000 bytes > 1,999 bytes limit)"
    assert read_document(path, max_bytes=2000).count("word") == 400  # the limit is inclusive


def test_too_large_message_in_megabytes(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:  # sparse: 3 MB on paper, nothing written
        handle.truncate(3 * 1024 * 1024)
    assert reason_for(path, max_bytes=1024 * 1024) == "too large (3 MB > 1 MB limit)"


def test_unsupported_type(tmp_path):
    path = tmp_path / "image.png"
    path.write_text("all: build", encoding="utf-8")
    assert reason_for(path) == "unsupported type .png"


@pytest.mark.parametrize("name", ["README", "COPYING", "ChangeLog", "LICENSE"])
def test_text_files_without_an_extension_are_sniffed_as_plain_text(tmp_path, name):
    """Issue 13: a folder of READMEs and changelogs trains; binaries without one are refused."""
    path = tmp_path / name
    path.write_bytes("Version 2.0 fixes the café bug.\n\nThanks to everyone.".encode("cp1252"))
    assert read_document(path) == "Version 2.0 fixes the café bug.\n\nThanks to everyone."


def test_binary_file_without_an_extension_is_refused_clearly(tmp_path):
    path = tmp_path / "program"
    path.write_bytes(b"\x7fELF\x02\x01\x01\x00" + RANDOM_BYTES)
    assert reason_for(path) == "binary file (it has no file extension and is not text)"
    report = scan([tmp_path])
    assert report.documents == () and report.skipped[0].reason.startswith("binary file")
    (tmp_path / "README").write_text("Install it with pip.", encoding="utf-8")
    (tmp_path / "ChangeLog").write_text("Fixed the bug.", encoding="utf-8")
    report = scan([tmp_path])  # what training reads: the text files are used, the binary not
    assert [d.path.name for d in report.documents] == ["ChangeLog", "README"]
    assert [s.path.name for s in report.skipped] == ["program"]


@pytest.mark.parametrize("ext", [".docx", ".odt", ".pdf", ".rtf"])
def test_corrupt_documents(tmp_path, ext):
    path = tmp_path / f"broken{ext}"
    path.write_bytes(RANDOM_BYTES)
    assert reason_for(path).startswith(f"corrupt {ext}: ")


def test_truncated_docx_is_corrupt(tmp_path):
    good = make_docx(tmp_path / "good.docx").read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(good[: len(good) // 2])
    assert reason_for(path).startswith("corrupt .docx: ")


def test_missing_optional_library_names_the_extra(tmp_path, monkeypatch):
    path = tmp_path / "memo.rtf"
    path.write_bytes(RTF)
    monkeypatch.setitem(sys.modules, "striprtf.striprtf", None)  # `import` fails as if absent
    assert reason_for(path) == "install wordpad-ai[documents] to read .rtf files"


def test_docx_and_odt_need_no_optional_library(tmp_path, monkeypatch):
    """.docx and .odt are streamed with the standard library (capped unpacking, issue 15)."""
    docx_path, odt_path = make_docx(tmp_path / "report.docx"), make_odt(tmp_path / "letter.odt")
    for name in ("docx", "odf", "odf.opendocument", "odf.teletype"):
        monkeypatch.setitem(sys.modules, name, None)
    assert read_document(docx_path).startswith("Quarterly report\n\n")
    assert read_document(odt_path).startswith("Letter from Oslo\n\n")


# -- plugin readers ---------------------------------------------------------------------------
def read_upper(path: Path) -> str:
    return path.read_text(encoding="utf-8").upper()


def read_refusing(path: Path) -> str:
    raise UnreadableDocument(path, "DRM-protected e-book: export it without DRM")


def read_crashing(path: Path) -> str:
    raise KeyError("spine")


def test_plugin_readers_add_and_override_extensions(tmp_path):
    book = tmp_path / "novel.epub"
    book.write_text("call me ishmael", encoding="utf-8")
    note = tmp_path / "note.txt"
    note.write_text("plain", encoding="utf-8")
    readers = {".epub": (read_upper, "epub-plugin"), ".txt": read_upper}
    assert read_document(book, extra_readers=readers) == "CALL ME ISHMAEL"
    assert read_document(note, extra_readers=readers) == "PLAIN"
    assert reason_for(book) == "unsupported type .epub"


def test_plugin_reader_errors_become_unreadable_documents(tmp_path):
    book = tmp_path / "novel.epub"
    book.write_text("x", encoding="utf-8")
    assert reason_for(book, extra_readers={".epub": (read_refusing, "epub")}) == (
        "DRM-protected e-book: export it without DRM")
    assert reason_for(book, extra_readers={".epub": (read_crashing, "epub")}) == (
        "plugin epub could not read it: 'spine'")
    # a bare function (no plugin name) is named by its module
    assert reason_for(book, extra_readers={".epub": read_crashing}) == (
        f"plugin {__name__} could not read it: 'spine'")


# -- scanning folders -------------------------------------------------------------------------
def build_corpus(root: Path) -> None:
    (root / "b_folder" / "deeper").mkdir(parents=True)
    (root / "a_folder").mkdir()
    (root / ".git").mkdir()
    (root / "z.txt").write_text("one two three", encoding="utf-8")
    (root / "a.md").write_text("# Head\n\nfour **five**", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "picture.jpg").write_bytes(RANDOM_BYTES)
    (root / ".hidden.txt").write_text("secret words", encoding="utf-8")
    (root / ".git" / "HEAD.txt").write_text("ref: refs/heads/main", encoding="utf-8")
    (root / "a_folder" / "report.docx").write_bytes(RANDOM_BYTES)
    make_odt(root / "b_folder" / "letter.odt")
    (root / "b_folder" / "deeper" / "notes.txt").write_bytes("naïve café".encode("latin-1"))
    (root / "b_folder" / "deeper" / "loop").symlink_to(root)  # a symlink loop


def test_scan_folder_with_good_and_bad_files(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    build_corpus(root)
    report = scan([root])
    assert [(d.path.relative_to(root).as_posix(), d.words) for d in report.documents] == [
        ("a.md", 3),  # Head four five
        ("z.txt", 3),
        ("b_folder/letter.odt", 13),
        ("b_folder/deeper/notes.txt", 2),
    ]
    assert [(s.path.relative_to(root).as_posix(), s.reason) for s in report.skipped] == [
        ("empty.txt", "empty"),
        ("picture.jpg", "unsupported type .jpg"),
        ("a_folder/report.docx", report.skipped[2].reason),
    ]
    assert report.skipped[2].reason.startswith("corrupt .docx: ")
    assert report.total_words == 21
    assert report.total_bytes == sum(d.path.stat().st_size for d in report.documents)
    assert report.documents[1].bytes == len("one two three")
    assert report.summary() == "4 documents, 21 words; 3 skipped"
    assert report.to_json()["total_words"] == 21


def test_scan_is_deterministic_and_deduplicates(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    build_corpus(root)
    first = scan([root])
    again = scan([root, root / "z.txt", root / "b_folder"])  # everything already listed once
    assert first == again
    assert isinstance(first, ScanReport)


def test_scan_reports_missing_paths_and_explicit_files(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("just a few words", encoding="utf-8")
    report = scan([note, tmp_path / "nowhere"])
    assert [(d.path, d.words) for d in report.documents] == [(note, 4)]
    assert [(s.path, s.reason) for s in report.skipped] == [
        (tmp_path / "nowhere", "unreadable: no such file or folder")]


def test_scan_uses_the_size_limit_and_plugin_readers(tmp_path):
    (tmp_path / "big.txt").write_text("x " * 600, encoding="utf-8")
    (tmp_path / "book.epub").write_text("alpha beta", encoding="utf-8")
    report = scan([tmp_path], max_file_bytes=1000, extra_readers={".epub": (read_upper, "epub")})
    assert [(d.path.name, d.words) for d in report.documents] == [("book.epub", 2)]
    assert [(s.path.name, s.reason) for s in report.skipped] == [
        ("big.txt", "too large (1.2 KB > 1000 bytes limit)")]
    # iter_documents re-reads with the report's limit and readers
    assert list(iter_documents(report)) == [(tmp_path / "book.epub", "ALPHA BETA")]


def test_iter_documents_from_paths_yields_texts_lazily(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    build_corpus(root)
    lazy = iter_documents([root])
    first_path, first_text = next(lazy)
    assert (first_path.name, first_text) == ("a.md", "Head\n\nfour five")
    rest = [(p.name, t) for p, t in lazy]
    assert [name for name, _ in rest] == ["z.txt", "letter.odt", "notes.txt"]
    assert rest[-1][1] == "naïve café"
    assert [p for p, _ in iter_documents(scan([root]))] == [d.path for d in scan([root]).documents]


def test_iter_documents_skips_files_removed_since_the_scan(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"text of {name}", encoding="utf-8")
    report = scan([tmp_path])
    (tmp_path / "a.txt").unlink()
    assert list(iter_documents(report)) == [(tmp_path / "b.txt", "text of b.txt")]


def test_count_words():
    assert count_words("  Hello,   world!\n\nIt's\tfine. ") == 4
    assert count_words("") == 0


def test_supported_extensions_and_dialog_filter():
    for ext in (".txt", ".md", ".html", ".htm", ".odt", ".docx", ".rtf", ".pdf"):
        assert ext in SUPPORTED_EXTENSIONS
        assert f"*{ext}" in FILE_DIALOG_FILTER
    assert FILE_DIALOG_FILTER.startswith("Documents (")
    assert FILE_DIALOG_FILTER.endswith(";;All files (*)")
    assert "*.epub" in file_dialog_filter([".EPUB"])
    assert " README " in FILE_DIALOG_FILTER and " ChangeLog " in FILE_DIALOG_FILTER


def test_count_words_across_chunk_edges():
    from wordpad_ai.text.readers import WORD_COUNT_CHUNK

    edge = WORD_COUNT_CHUNK
    spanning = "x" * (edge - 2) + "word" + " tail"  # "x…word" crosses the first chunk edge
    assert count_words(spanning) == 2
    split_at_edge = "x" * (edge - 1) + " " + "next"  # a space exactly at the edge
    assert count_words(split_at_edge) == 2
    assert count_words("y" * edge + " z") == 2  # the edge falls right after a word


def test_text_modules_import_each_other_without_cycles():
    """``formats`` and ``readers`` once imported each other for UnreadableDocument (issue 16)."""
    import ast

    from wordpad_ai.text import errors

    folder = Path(errors.__file__).parent
    graph = {}
    for module in folder.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        graph[module.stem] = {node.module for node in ast.walk(tree)
                              if isinstance(node, ast.ImportFrom) and node.level == 1
                              and node.module}

    def reaches(start, goal, seen=()):
        return any(dep == goal or (dep not in seen and reaches(dep, goal, (*seen, dep)))
                   for dep in graph.get(start, ()))

    assert [m for m in graph if reaches(m, m)] == []
    assert UnreadableDocument is errors.UnreadableDocument
