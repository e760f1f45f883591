"""HTML to Document, with every extracted character mapped to its place in the source.

beautifulsoup4's html.parser builder records positions only for tags. plainlint's
parser (`html_parser.py`) also notes where every run of text and every character
reference (``&amp;``, ``&#233;``) began, in the same single parse. When the settings'
content selectors are simple enough to match without soupsieve, as the defaults are,
the page is read from the parser's events (`html_events.py`); otherwise through
beautifulsoup4's tree and soupsieve (`html_tree.py`). Both give the same Document.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from bs4 import MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.exceptions import ParserRejectedMarkup

from plainlint.document import Document, Limit, LineIndex
from plainlint.extract.limits import bounded_html

__all__ = ["ParserRejectedMarkup", "Scope", "extract_html"]

# beautifulsoup4's advice to its programmers ("this looks more like a URL than HTML",
# "use an XML parser") would reach plainlint's users as pages of noise: a page that is
# only a web address, or XHTML, is checked like any other
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)
warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)


@dataclass(frozen=True)
class Scope:
    """CSS selectors choosing the page's own content (from the config's ``content``)."""

    include: str = "main, [role=main], article"
    exclude: str = ""


def extract_html(source: str, path: str = "", scope: Scope = Scope()) -> Document:
    """Parse an HTML page or fragment into a Document of text blocks."""
    from plainlint.extract.selectors import NativeSelector, compile_selector

    include = compile_selector(scope.include) if scope.include else None
    exclude = compile_selector(scope.exclude) if scope.exclude else None
    limits: list[Limit] = []
    parsed = bounded_html(source, limits)
    if all(s is None or isinstance(s, NativeSelector) for s in (include, exclude)):
        from plainlint.extract.html_events import extract_events

        document = extract_events(parsed, path, include, exclude)
    else:
        from plainlint.extract.html_tree import extract_tree

        document = extract_tree(parsed, path, scope.include, scope.exclude)
    if limits:  # the page was cut: the Document is still of the whole file
        document.source, document.lines = source, LineIndex(source)
        document.limits[:0] = limits
    return document
