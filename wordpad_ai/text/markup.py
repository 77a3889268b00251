"""Markup → prose: Markdown and HTML to the plain text a word predictor should learn from.

Both functions keep the words people wrote and drop what is syntax: Markdown code blocks,
link targets, heading hashes and emphasis markers; HTML tags, scripts and styles. Paragraphs come
out separated by one blank line, which the tokenizer reads as a sentence boundary. Only regular
expressions and the standard library's ``html.parser``: no per-character Python loops.

Every pattern runs in linear time on hostile input: a character class that could scan to the
end of a line for each of many openers (``[``, ``<a``, ``<!--``) also stops at the next opener,
so a 1 MB line of ``[`` or ``<a`` takes milliseconds, not hours. ``html.parser`` is quadratic on
runs of ``<`` that never close a tag and raises on some broken declarations: such ``<`` are
escaped first, and a page it still cannot parse is stripped of tags by one linear pattern.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Callable

__all__ = ["markdown_to_text", "html_to_text"]

# -- Markdown -------------------------------------------------------------------------------------
_HEADING_RE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+[^\n]*$", re.M)  # an ATX heading line


def _remove_comments(text: str) -> str:
    """``text`` without ``<!-- … -->`` comments; an unclosed one is left as it is."""
    parts, pos = [], 0
    while True:
        start = text.find("<!--", pos)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if end < 0:
            parts.append(text[pos:])
            return "".join(parts)
        parts.append(text[pos:start])
        pos = end + 3


def _strip_closing_hashes(match: re.Match) -> str:
    """A heading line without its optional closing hashes ("Title ##" → "Title")."""
    line = match.group().rstrip(" \t")
    bare = line.rstrip("#")
    if bare != line and bare[-1:] in (" ", "\t"):
        return bare.rstrip(" \t")
    return line


# (pattern, replacement, trigger), or (function of the text, None, trigger): a rule runs only
# when its trigger occurs in the text, which saves most of the time on documents without it
_MD_RULES: tuple[tuple[re.Pattern[str] | Callable[[str], str],
                       str | Callable[[re.Match], str] | None, str], ...] = (
    # fenced code blocks (``` or ~~~, up to the matching fence or the end): code is not prose
    (re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)", re.M | re.S), "",
     ""),
    # HTML comments (found with str.find: a lazy pattern is quadratic on unclosed ones)
    (_remove_comments, None, "<!--"),
    # reference-style link definitions:  [id]: http://example.com "title"
    (re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M), "", "]:"),
    # images and links: ![alt](url), [text](url "title"), [text][ref] → alt / text
    (re.compile(r"!(?=\[)"), "", "!["),
    (re.compile(r"\[([^\[\]\n]*)\]\([^()\n]*\)"), r"\1", "]("),
    (re.compile(r"\[([^\[\]\n]*)\]\[[^\[\]\n]*\]"), r"\1", "]["),
    # autolinks and inline HTML tags
    (re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>"), "", "<"),
    (re.compile(r"</?[A-Za-z][^<>\n]*>"), "", "<"),
    # horizontal rules and setext heading underlines
    (re.compile(r"^[ \t]{0,3}(?:[-*_=][ \t]*){3,}$", re.M), "", ""),
    # ATX headings: closing hashes, then the leading ones
    (_HEADING_RE, _strip_closing_hashes, "#"),
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(?=[^\n])", re.M), "", "#"),
    # block quotes and list bullets (numbers of ordered lists are kept: "1." reads as text)
    (re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M), "", ">"),
    (re.compile(r"^[ \t]*[-*+][ \t]+(?:\[[ xX]\][ \t]+)?", re.M), "", ""),
    # inline code: keep the content, drop the backticks
    (re.compile(r"(`+)([^`\n]+?)\1"), r"\2", "`"),
    # emphasis: ***, **, *, ___, __, _ around text (not inside snake_case_words), ~~strike~~
    (re.compile(r"(\*{1,3})(?=\S)([^*\n]+?)(?<=\S)\1"), r"\2", "*"),
    (re.compile(r"(?<![\w_])(_{1,3})(?=\S)([^_\n]+?)(?<=\S)\1(?![\w_])"), r"\2", "_"),
    (re.compile(r"~~(?=\S)([^~\n]+?)(?<=\S)~~"), r"\1", "~~"),
    # backslash escapes: \* → *
    (re.compile(r"\\([!-/:-@\[-`{-~])"), r"\1", "\\"),
)
_BLANK_LINES_RE = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


_MD_BLOCK_RULES = 2  # the first rules span lines (code blocks, comments); the others do not
MD_CHUNK_CHARS = 1 << 20  # the line-local rules run on pieces of about this size (bounds memory)


def _apply(rules, text: str) -> str:
    for rule, replacement, trigger in rules:
        if trigger in text:  # "" is in every text
            text = rule(text) if replacement is None else rule.sub(replacement, text)
    return text


def _pieces(text: str, size: int):
    """``text`` cut into pieces of about ``size`` characters, at line ends where there are
    any (else at a space, else anywhere: one huge line)."""
    start = 0
    while start < len(text):
        end = start + size
        if end < len(text):
            cut = text.rfind("\n", start, end) + 1 or text.rfind(" ", start, end) + 1
            end = cut if cut > start else end
        yield text[start:end]
        start = end


def markdown_to_text(text: str) -> str:
    """The prose of a Markdown document: code blocks, link URLs, heading ``#``, emphasis
    markers, bullets, block-quote ``>`` and inline HTML removed; words and paragraphs kept."""
    text = _apply(_MD_RULES[:_MD_BLOCK_RULES], text)
    if len(text) > MD_CHUNK_CHARS:  # the line rules piece by piece: a copy per rule is 1 MB
        text = "".join(_apply(_MD_RULES[_MD_BLOCK_RULES:], piece)
                       for piece in _pieces(text, MD_CHUNK_CHARS))
    else:
        text = _apply(_MD_RULES[_MD_BLOCK_RULES:], text)
    return _BLANK_LINES_RE.sub("\n\n", text).strip()


# -- HTML -----------------------------------------------------------------------------------------
# elements whose content is never prose
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "math", "head", "iframe"})
# elements that start or end a paragraph
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul", "body",
})
_VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col",
                        "embed", "source", "track", "wbr"})
_PARAGRAPH = "\x00"  # marks a paragraph break in the collected text; never part of HTML text
_SPACES_RE = re.compile(r"\s+")
# a "<" that no ">" follows before the next "<" (or the end) never closes a tag: html.parser
# rescans to the end for each one (quadratic), so it is escaped first
_UNCLOSED_LT_RE = re.compile(r"<(?=[^<>]*(?:<|\Z))")
_TAG_RE = re.compile(r"<[^<>]*>")  # the fallback tag stripper, linear


class _TextCollector(HTMLParser):
    """Collects text nodes outside skipped elements, with paragraph marks at block tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []  # text nodes and paragraph marks, in document order
        self.skip_depth = 0  # > 0 while inside <script>, <style> ... (nesting counted)
        self.title: list[str] = []  # text of <title>, kept although <head> is skipped
        self.in_title = False  # inside <title>

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self.in_title = True
        elif tag == "body":  # an unclosed <head> ends here
            self.skip_depth = 0
        elif tag in _SKIP_TAGS and tag not in _VOID_TAGS:
            self.skip_depth += 1
        if tag in _BLOCK_TAGS:
            self.parts.append(_PARAGRAPH)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:  # <br/>, <hr/>: a break, and nothing to close
            self.parts.append(_PARAGRAPH)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append(_PARAGRAPH)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible prose of an HTML page: the title, then the body's text with one paragraph
    per block element (``p``, ``div``, ``li``, ``h1`` ..., ``br``) and whitespace collapsed
    inside paragraphs; ``script``, ``style`` and other non-prose elements are skipped."""
    if _PARAGRAPH in html:
        html = html.replace(_PARAGRAPH, "")
    collector = _TextCollector()
    try:
        collector.feed(_UNCLOSED_LT_RE.sub("&lt;", html) if "<" in html else html)
        collector.close()
    except (AssertionError, ValueError):  # a declaration html.parser cannot read: strip tags
        collector.parts = [_PARAGRAPH, _TAG_RE.sub(_PARAGRAPH, html)]
    joined = "".join(collector.parts)
    paragraphs = [_SPACES_RE.sub(" ", part).strip() for part in joined.split(_PARAGRAPH)]
    title = _SPACES_RE.sub(" ", "".join(collector.title)).strip()
    if title and title not in paragraphs:
        paragraphs.insert(0, title)
    return "\n\n".join(p for p in paragraphs if p)
