"""HTML bodies: text, links, images and styling facts, in one pass.

lxml's HTML parser (libxml2) builds the tree: it copes with broken markup the
way mail clients do, bounds nesting depth, and is ~30× faster than walking a
BeautifulSoup tree (bench/README.md, "HTML"). A document lxml refuses is
first repaired by BeautifulSoup's pure-Python parser, which accepts anything.
Scripts, styles, comments and the head are dropped from the text; text inside
``<blockquote>`` is marked as quoted (``> ``) like quoted plain-text mail.
Lines break where tags break them (blocks, ``<br>``), not where the source
happens to wrap (outside ``<pre>``); list items read ``- item``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from auditor.message.model import Image, Link

_BLOCK = frozenset(
    "p div br li ul ol tr table h1 h2 h3 h4 h5 h6 blockquote pre hr section article "
    "header footer center td th dd dt".split()
)
_SKIP = frozenset(("script", "style", "head", "title", "noscript", "template"))
_HIDDEN = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$)", re.I
)
_DECL = re.compile(r"([a-zA-Z-]+)\s*:\s*([^;]+)")
_CSS_BLOCK = re.compile(r"\{([^{}]*)\}")
_WS = re.compile(r"[ \t\r\f\v\u00a0]+")
_NL3 = re.compile(r"\n\s*\n(\s*\n)+")
#: Characters libxml2 refuses in a str (C0 controls but tab/LF/CR, lone surrogates).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PARSER = lxml_html.HTMLParser(recover=True, no_network=True, remove_pis=True)


@dataclass(slots=True)
class HtmlFacts:
    """What the rules need to know about an HTML body."""

    text: str = ""
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    css: list[tuple[str, str]] = field(default_factory=list)
    max_line_breaks: int = 0
    truncated: bool = False


def _style_value(style: str, prop: str) -> str | None:
    for name, value in _DECL.findall(style):
        if name.lower() == prop:
            return value.strip()
    return None


def _parse(markup: str):
    """The document tree, or None for a document with nothing in it."""
    cleaned = _UNSAFE.sub("", markup)
    if not cleaned.strip():
        return None
    try:
        return lxml_html.document_fromstring(cleaned, parser=_PARSER)
    except (etree.ParserError, ValueError):
        from bs4 import BeautifulSoup

        repaired = str(BeautifulSoup(cleaned, "html.parser"))
        try:
            return lxml_html.document_fromstring(repaired or "<p></p>", parser=_PARSER)
        except (etree.ParserError, ValueError):
            return None


def _attributes(facts: HtmlFacts, tag: str, el) -> None:
    """Styling from ``style``, ``align`` and the legacy <center>/<font>."""
    style = el.get("style")
    if style:
        for prop, value in _DECL.findall(style):
            facts.css.append((prop.lower(), value.strip()))
    if el.get("align"):
        facts.css.append(("text-align", el.get("align")))
    if el.get("valign"):
        facts.css.append(("valign", el.get("valign")))
    if tag == "center":
        facts.css.append(("text-align", "center"))
    elif tag == "font":
        for attr, prop in (("face", "font-family"), ("color", "color"), ("size", "font-size")):
            if el.get(attr):
                facts.css.append((prop, el.get(attr)))


def analyze_html(html: str, max_nodes: int = 50_000) -> HtmlFacts:
    """Render ``html`` to text and collect its links, images and styling.

    At most ``max_nodes`` elements are visited, so an HTML bomb costs bounded
    time; the rest is ignored and ``truncated`` is set.
    """
    facts = HtmlFacts()
    doc = _parse(html)
    if doc is None:
        return facts
    for sheet in doc.iter("style"):
        # A style sheet styles the text as much as inline styles do; keep the
        # declarations inside each innermost {…} block.
        for block in _CSS_BLOCK.findall(sheet.text or ""):
            for prop, value in _DECL.findall(block):
                facts.css.append((prop.lower(), value.strip()))
    renderer = _Renderer(facts, max_nodes)
    renderer.walk(doc)
    text = _WS.sub(" ", "".join(renderer.out))
    text = "\n".join(line.strip() for line in text.split("\n"))
    facts.text = _NL3.sub("\n\n", text).strip()
    return facts


class _Renderer:
    """One walk over a document: its text into ``out``, its links, images
    and styling into ``facts``."""

    def __init__(self, facts: HtmlFacts, max_nodes: int) -> None:
        self.facts = facts
        self.max_nodes = max_nodes
        self.out: list[str] = []
        #: consecutive line breaks; nesting counts of skipped, quoted,
        #: preformatted and anchor elements; elements visited
        self.breaks = self.skipping = self.quoting = self.preformatted = 0
        self.in_anchor = self.visited = 0

    def walk(self, doc) -> None:
        for event, el in etree.iterwalk(doc, events=("start", "end")):
            tag = el.tag
            if not isinstance(tag, str):  # a comment or processing instruction
                if event == "end" and el.tail and not self.skipping:
                    self.emit(el.tail)
                continue
            if event == "end":
                self.end(tag.lower(), el)
            elif not self.start(tag.lower(), el):
                self.facts.truncated = True
                return

    def start(self, tag: str, el) -> bool:
        """An element opens; False once ``max_nodes`` elements were visited."""
        self.visited += 1
        if self.visited > self.max_nodes:
            return False
        if tag in _SKIP:
            self.skipping += 1
            return True
        if self.skipping:
            return True
        if tag in _BLOCK:
            self.out.append("\n")
            if tag in ("br", "p"):
                self.breaks += 1
                self.facts.max_line_breaks = max(self.facts.max_line_breaks, self.breaks)
        _attributes(self.facts, tag, el)
        if tag == "blockquote":
            self.quoting += 1
        elif tag == "pre":
            self.preformatted += 1
        elif tag == "li":
            self.out.append("- ")  # a list item reads as one in plain text
        elif tag == "a":
            self.in_anchor += 1
            self.link(el)
        elif tag == "img":
            self.image(el)
        if el.text:
            self.emit(el.text)
        return True

    def end(self, tag: str, el) -> None:
        """An element closes."""
        if tag in _SKIP:
            self.skipping -= 1
        elif not self.skipping:
            if tag == "blockquote":
                self.quoting -= 1
            elif tag == "pre":
                self.preformatted -= 1
            elif tag == "a":
                self.in_anchor -= 1
            if tag in _BLOCK and tag != "br":
                self.out.append("\n")
        if el.tail and not self.skipping:
            self.emit(el.tail)

    def link(self, el) -> None:
        href = (el.get("href") or "").strip()
        if href:
            self.facts.links.append(
                Link(
                    url=href,
                    text=" ".join(el.text_content().split())[:200],
                    location="html",
                    has_image=el.find(".//img") is not None,
                )
            )

    def image(self, el) -> None:
        style = el.get("style") or ""
        width = el.get("width") or _style_value(style, "width")
        height = el.get("height") or _style_value(style, "height")
        self.facts.images.append(
            Image(
                src=(el.get("src") or "").strip(),
                width=width,
                height=height,
                hidden=bool(_HIDDEN.search(style)) or el.get("hidden") is not None,
                in_link=self.in_anchor > 0,
                alt=(el.get("alt") or "")[:200],
            )
        )
        if width is not None:
            self.facts.css.append(("x-image-width", width))

    def emit(self, text: str) -> None:
        """Text of the document, as it reads."""
        out = self.out
        if not text.strip():
            if out and not out[-1].endswith((" ", "\n")):
                out.append(" ")
            return
        if not self.preformatted:
            # A line break in HTML source is white space; only tags break lines.
            text = text.replace("\r", " ").replace("\n", " ")
        self.breaks = 0
        if self.quoting:
            if not out or out[-1].endswith("\n"):
                text = "> " + text.lstrip()
            text = text.replace("\n", "\n> ")
        out.append(text)
