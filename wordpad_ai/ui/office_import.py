"""Word (.docx) and OpenDocument (.odt) files opened in the editor as formatted text.

The training readers (:mod:`wordpad_ai.text.office`) keep only the words; a writer who opens a
letter wants its look too, as WordPad shows it. This module turns the document's XML into the
small HTML the editor speaks: headings, paragraphs, bullet lists, and bold, italic and
underlined runs. Everything else (tables' borders, fonts, colours, images) is left out; the
text never is. The archive is read with the same unpack budget as the readers and XML that
declares a document type is refused.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from xml.parsers import expat

from ..text.archive import UnpackBudget, iter_member, open_zip

MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # decompressed bytes one opened document may unpack
MAX_HEADING_LEVEL = 6  # Heading 7 and deeper are shown as level 6

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "  # Word's namespace + separator
_MC_FALLBACK = "http://schemas.openxmlformats.org/markup-compatibility/2006 Fallback"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 "  # ODF text namespace + separator
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0 "  # ODF style namespace + separator
_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0 "  # ODF fo namespace
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "  # ODF office namespace


class _Html:
    """Collects paragraphs of (text, (bold, italic, underline)) runs and writes the HTML."""

    def __init__(self):
        self.parts: list[str] = []  # HTML written so far
        self.runs: list[tuple[str, tuple[bool, bool, bool]]] = []  # the open paragraph's runs
        self.in_list = False  # whether a <ul> is open

    def end_paragraph(self, heading: int, list_item: bool) -> None:
        html = "".join(_run_html(text, style) for text, style in self.runs)
        self.runs = []
        if list_item != self.in_list:
            self.parts.append("<ul>" if list_item else "</ul>")
            self.in_list = list_item
        if list_item:
            self.parts.append(f"<li>{html}</li>")
        elif heading:
            level = min(heading, MAX_HEADING_LEVEL)
            self.parts.append(f"<h{level}>{html}</h{level}>")
        else:
            self.parts.append(f"<p>{html}</p>")

    def result(self) -> str:
        if self.in_list:
            self.parts.append("</ul>")
        return "".join(self.parts)


def _run_html(text: str, style: tuple[bool, bool, bool]) -> str:
    html = escape(text).replace("\n", "<br>")
    for on, tag in zip(style, ("b", "i", "u")):
        if on:
            html = f"<{tag}>{html}</{tag}>"
    return html


def _on(attrs: dict, name: str) -> bool:
    """A Word toggle property (<w:b/>, <w:b w:val="0"/>, <w:u w:val="none"/>) is on."""
    return attrs.get(_W + "val", "true").lower() not in ("0", "false", "off", "none")


def _refuse_doctype(*_args) -> None:
    raise ValueError("the XML declares a document type, which this format never has")


def _parse(path: Path, member: str, start, end, data) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = data
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = _refuse_doctype
    with open_zip(path) as archive:
        for chunk in iter_member(archive, member, UnpackBudget(MAX_UNPACKED_BYTES)):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def docx_html(path: Path) -> str:
    """The body of a Word document as the editor's HTML."""
    out = _Html()
    state = {"skip": 0, "text": False, "heading": 0, "list": False, "run": [False] * 3, "rpr": False,
             "in_run": False}

    def start(name, attrs):
        if state["skip"] or name in (_W + "del", _W + "instrText", _MC_FALLBACK):
            state["skip"] += 1
            return
        local = name[len(_W):] if name.startswith(_W) else ""
        if local == "p":
            state.update(heading=0, list=False)
        elif local == "pStyle":
            style = attrs.get(_W + "val", "").replace(" ", "").lower()
            if style == "title":
                state["heading"] = 1
            elif style.startswith("heading") and style[7:].isdigit():
                state["heading"] = int(style[7:])
            elif style.startswith("listparagraph") or style.startswith("listbullet"):
                state["list"] = True
        elif local == "numPr":
            state["list"] = True
        elif local == "r":
            state.update(run=[False] * 3, in_run=True)
        elif local == "rPr":
            state["rpr"] = True
        elif state["rpr"] and local in ("b", "i", "u"):
            state["run"]["biu".index(local)] = _on(attrs, local)
        elif local == "t":
            state["text"] = True
        elif local == "tab" and state["in_run"]:  # not a tab stop of the paragraph's properties
            out.runs.append(("\t", tuple(state["run"])))
        elif local in ("br", "cr") and state["in_run"]:
            out.runs.append(("\n", tuple(state["run"])))

    def end(name):
        if state["skip"]:
            state["skip"] -= 1
            return
        if name == _W + "t":
            state["text"] = False
        elif name == _W + "rPr":
            state["rpr"] = False
        elif name == _W + "r":
            state["in_run"] = False
        elif name == _W + "p":
            out.end_paragraph(state["heading"], state["list"])

    def data(text):
        if state["text"] and not state["skip"]:
            out.runs.append((text, tuple(state["run"])))

    _parse(path, "word/document.xml", start, end, data)
    return out.result()


def odt_html(path: Path) -> str:
    """The body of an OpenDocument text as the editor's HTML."""
    out = _Html()
    styles: dict[str, list[bool]] = {}  # automatic style name → [bold, italic, underline]
    state = {"skip": 0, "style": None, "stack": [], "heading": 0, "list": 0, "para": 0}

    def current() -> tuple[bool, bool, bool]:
        flags = [False] * 3
        for name in state["stack"]:
            flags = [a or b for a, b in zip(flags, styles.get(name, [False] * 3))]
        return tuple(flags)

    def start(name, attrs):
        if state["skip"] or name in (_TEXT + "tracked-changes", _OFFICE + "annotation",
                                     _TEXT + "note-citation"):
            state["skip"] += 1
            return
        if name == _STYLE + "style":
            state["style"] = attrs.get(_STYLE + "name")
        elif name == _STYLE + "text-properties" and state["style"]:
            styles[state["style"]] = [
                attrs.get(_FO + "font-weight", "normal") not in ("normal", "400"),
                attrs.get(_FO + "font-style", "normal") in ("italic", "oblique"),
                attrs.get(_STYLE + "text-underline-style", "none") != "none"]
        elif name == _TEXT + "list":
            state["list"] += 1
        elif name in (_TEXT + "p", _TEXT + "h"):
            state["para"] += 1
            level = attrs.get(_TEXT + "outline-level", "1")
            state["heading"] = (int(level) if level.isdigit() else 1) if name == _TEXT + "h" else 0
            state["stack"].append(attrs.get(_TEXT + "style-name", ""))
        elif name == _TEXT + "span":
            state["stack"].append(attrs.get(_TEXT + "style-name", ""))
        elif state["para"] and name == _TEXT + "tab":
            out.runs.append(("\t", current()))
        elif state["para"] and name == _TEXT + "line-break":
            out.runs.append(("\n", current()))
        elif state["para"] and name == _TEXT + "s":
            count = attrs.get(_TEXT + "c", "1")
            out.runs.append((" " * min(int(count) if count.isdigit() else 1, 1000), current()))

    def end(name):
        if state["skip"]:
            state["skip"] -= 1
            return
        if name == _STYLE + "style":
            state["style"] = None
        elif name == _TEXT + "list":
            state["list"] -= 1
        elif name == _TEXT + "span":
            state["stack"].pop()
        elif name in (_TEXT + "p", _TEXT + "h"):
            state["stack"].pop()
            state["para"] -= 1
            if not state["para"]:
                out.end_paragraph(state["heading"], state["list"] > 0)

    def data(text):
        if state["para"] and not state["skip"]:
            out.runs.append((text, current()))

    _parse(path, "content.xml", start, end, data)
    return out.result()


def office_html(path: Path) -> str:
    """A .docx or .odt file as the editor's HTML; ValueError, zipfile.BadZipFile,
    expat.ExpatError or UnpackLimitExceeded when it cannot be read this way."""
    if Path(path).suffix.lower() == ".odt":
        return odt_html(Path(path))
    return docx_html(Path(path))
