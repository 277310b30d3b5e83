"""HTML bodies: text, links, images and styling facts, in one pass.

beautifulsoup4 over lxml's parser: lxml copes with broken markup the way
mail clients do and bounds tree depth; BeautifulSoup gives the tolerant tree
walk. Scripts, styles and comments are dropped from the text.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning
from bs4.element import NavigableString, Tag

from auditor.message.model import Image, Link

warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)

_BLOCK = frozenset(
    "p div br li ul ol tr table h1 h2 h3 h4 h5 h6 blockquote pre hr section article "
    "header footer center td th dd dt".split()
)
_SKIP = ["script", "style", "head", "title", "noscript", "template"]
_HIDDEN = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$)", re.I
)
_DECL = re.compile(r"([a-zA-Z-]+)\s*:\s*([^;]+)")
_CSS_BLOCK = re.compile(r"\{([^{}]*)\}")
_WS = re.compile(r"[ \t\r\f\v\u00a0]+")
_NL3 = re.compile(r"\n\s*\n(\s*\n)+")


@dataclass(slots=True)
class HtmlFacts:
    """What the rules need to know about an HTML body."""

    text: str = ""
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    css: list[tuple[str, str]] = field(default_factory=list)
    max_line_breaks: int = 0


def _style_value(style: str, prop: str) -> str | None:
    for name, value in _DECL.findall(style):
        if name.lower() == prop:
            return value.strip()
    return None


def analyze_html(html: str, max_nodes: int = 50_000) -> HtmlFacts:
    """Render ``html`` to text and collect its links, images and styling.

    At most ``max_nodes`` elements are visited, so an HTML bomb costs bounded
    time; the rest is ignored (the caller records a defect when it is cut).
    """
    facts = HtmlFacts()
    soup = BeautifulSoup(html, "lxml")
    for sheet in soup.find_all("style"):
        # Rules in a style sheet style the text as much as inline styles do;
        # keep the declarations inside each innermost {…} block (selectors and
        # @media wrappers are not declarations).
        for block in _CSS_BLOCK.findall(sheet.get_text()):
            for prop, value in _DECL.findall(block):
                facts.css.append((prop.lower(), value.strip()))
    for dropped in soup.find_all(_SKIP):
        dropped.decompose()
    out: list[str] = []
    breaks = 0
    visited = 0
    for node in soup.descendants:
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            piece = str(node)
            if piece.strip():
                breaks = 0
                if node.find_parent("blockquote") is not None:
                    # quoted mail: mark every line like a plain-text "> " quote
                    if not out or out[-1].endswith("\n"):
                        piece = "> " + piece.lstrip()
                    piece = piece.replace("\n", "\n> ")
                out.append(piece)
            continue
        if not isinstance(node, Tag):
            continue
        visited += 1
        if visited > max_nodes:
            facts.css.append(("x-truncated", str(max_nodes)))
            break
        name = node.name
        if name in _BLOCK:
            out.append("\n")
            if name == "br":
                breaks += 1
                facts.max_line_breaks = max(facts.max_line_breaks, breaks)
            elif name == "p":
                breaks += 1
                facts.max_line_breaks = max(facts.max_line_breaks, breaks)
        style = node.get("style")
        if isinstance(style, str) and style:
            for prop, value in _DECL.findall(style):
                facts.css.append((prop.lower(), value.strip()))
        for attr in ("align", "valign"):
            if node.get(attr):
                facts.css.append(("text-align" if attr == "align" else attr, str(node.get(attr))))
        if name == "center":
            facts.css.append(("text-align", "center"))
        elif name == "font":
            if node.get("face"):
                facts.css.append(("font-family", str(node.get("face"))))
            if node.get("color"):
                facts.css.append(("color", str(node.get("color"))))
            if node.get("size"):
                facts.css.append(("font-size", str(node.get("size"))))
        elif name == "a":
            href = node.get("href")
            if isinstance(href, str) and href.strip():
                facts.links.append(
                    Link(
                        url=href.strip(),
                        text=node.get_text(" ", strip=True)[:200],
                        location="html",
                        has_image=node.find("img") is not None,
                    )
                )
        elif name == "img":
            src = node.get("src")
            style_attr = node.get("style") if isinstance(node.get("style"), str) else ""
            width = node.get("width") or _style_value(style_attr, "width")
            height = node.get("height") or _style_value(style_attr, "height")
            facts.images.append(
                Image(
                    src=str(src or "").strip(),
                    width=str(width) if width is not None else None,
                    height=str(height) if height is not None else None,
                    hidden=bool(_HIDDEN.search(style_attr)) or node.has_attr("hidden"),
                    in_link=node.find_parent("a") is not None,
                    alt=str(node.get("alt") or "")[:200],
                )
            )
            if width is not None:
                facts.css.append(("x-image-width", str(width)))
    text = _WS.sub(" ", "".join(out))
    text = "\n".join(line.strip() for line in text.split("\n"))
    facts.text = _NL3.sub("\n\n", text).strip()
    return facts
