"""HTML documents as an HTML5 parser reads them, and what makes one inert."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import html5lib

SVG = "{http://www.w3.org/2000/svg}"
# Elements the report is made of; anything else (script, img, iframe, object...) is an error.
ALLOWED = {
    "html", "head", "body", "meta", "title", "style", "header", "main", "footer", "section",
    "article", "h1", "h2", "h3", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td",
    "code", "strong", "span", "a", "details", "summary", "figure", "figcaption", "div", "small",
    "svg", "desc", "rect", "line", "text", "polygon", "polyline", "circle", "tspan",
}  # fmt: skip


def parse(html: str) -> ET.Element:
    """The document as an HTML5 parser reads it; any parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document: ET.Element = parser.parse(html)
    return document


def inert(document: ET.Element) -> None:
    """Fail unless `document` is made of the report's elements only, with no handler and no
    link that runs code."""
    for element in document.iter():
        tag = element.tag.removeprefix(SVG) if isinstance(element.tag, str) else "comment"
        if tag == "comment" or callable(element.tag):
            continue
        assert tag in ALLOWED, tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            if name == "href":
                assert re.match(r"^(https?://|[^:]*$)", value), value
            assert "javascript:" not in value.lower(), (name, value)


def text_of(document: ET.Element) -> str:
    """The text a reader sees in `document`."""
    return "".join(document.itertext())
