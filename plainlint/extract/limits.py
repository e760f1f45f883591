"""Caps on pathological pages, far above anything a real page reaches.

A page under the size limit can still be built to cost minutes and gigabytes: a table
row of 50,000 cells, a Markdown page of a million one-character lines. Past a cap the
extractors leave the rest of that part unchecked and note where (`Limit`), and the
input-limits rule tells the user, so nothing is cut without a word. Each kind of cap is
noted once a page, where it was first hit.
"""

from __future__ import annotations

import re
from itertools import islice

from plainlint.document import Limit

# Cells in one table row (<tr>, or a Markdown table line); real tables have tens.
MAX_ROW_CELLS = 1_000
# Lines and markup characters (see MARKDOWN_MARKUP) in one Markdown page. markdown-it
# makes a token or more of each, at up to 20 µs and 550 bytes apiece on hostile pages;
# real pages have one every 10 to 50 characters (under 200,000 in 9.5 MB of
# plainlanguage.gov's pages).
MAX_MARKDOWN_MARKUP = 500_000
MARKDOWN_MARKUP = "\n|[]*_`<&\\"
# "<" characters (tags, comments, stray ones) in one HTML page: the largest real pages
# have tens of thousands of tags. The parser keeps an element and events for each, at
# about a kilobyte apiece on hostile pages.
MAX_HTML_TAGS = 500_000

ROW_CELLS = (
    f"This table row has more than {MAX_ROW_CELLS:,} cells: this cell and the rest of the row were not "
    f"checked, nor the cells past the {MAX_ROW_CELLS:,}th of any other row. Split the table."
)
# markdown-it's own cap (its maxNesting, 20 levels of tokens: a list and its item are two)
NESTING = (
    "Block quotes and lists are nested too deeply here for the Markdown parser (more than 20 levels, a list "
    "counting two): the text from here to the end of the outer block quote or list was not checked."
)
HTML_TAGS = (
    f"This page has more than {MAX_HTML_TAGS:,} tags, more than plainlint checks in one page: the page from "
    "here on was not checked. Split the page."
)
MARKDOWN_MARKUP_MESSAGE = (
    f"This page has more than {MAX_MARKDOWN_MARKUP:,} lines and markup characters (| [ ] * _ ` < & \\), "
    "more than plainlint checks in one page: the page from here on was not checked. Split the page."
)


def note(limits: list[Limit], start: int, end: int, message: str) -> None:
    """Record a cap hit, unless this kind was hit earlier in the page."""
    if not any(limit.message == message for limit in limits):
        limits.append(Limit(start, end, message))


def bounded_markdown(text: str, limits: list[Limit]) -> str:
    """``text`` as markdown-it should see it: each table line cut after its
    `MAX_ROW_CELLS` th cell (the rest blanked, so offsets stay those of the file), and
    the page cut after its `MAX_MARKDOWN_MARKUP` th line or markup character."""
    if text.count("|") > MAX_ROW_CELLS:  # in C: nothing to do on ordinary pages
        text = _rows_cut(text, limits)
    markup = _MARKUP.finditer(text)
    if sum(text.count(c) for c in MARKDOWN_MARKUP) > MAX_MARKDOWN_MARKUP:
        cut = next(islice(markup, MAX_MARKDOWN_MARKUP, None)).start()
        note(limits, cut, cut + 1, MARKDOWN_MARKUP_MESSAGE)
        text = text[:cut]
    return text


def bounded_html(source: str, limits: list[Limit]) -> str:
    """``source`` up to the "<" past `MAX_HTML_TAGS`, where the parser should stop."""
    if source.count("<") <= MAX_HTML_TAGS:  # in C: nothing to do on ordinary pages
        return source
    cut = -1
    for _ in range(MAX_HTML_TAGS + 1):
        cut = source.find("<", cut + 1)
    note(limits, cut, cut, HTML_TAGS)  # points at that tag
    return source[:cut]


_MARKUP = re.compile("[" + re.escape(MARKDOWN_MARKUP) + "]")


def _rows_cut(text: str, limits: list[Limit]) -> str:
    pieces, at = [], 0
    while at < len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if text.count("|", at, end) > MAX_ROW_CELLS + 1:  # room for a pipe before and after each cell
            keep = at - 1
            for _ in range(MAX_ROW_CELLS + 1):
                keep = text.find("|", keep + 1)
            cell_end = text.find("|", keep + 1, end)  # there is one: the line has more pipes
            note(limits, keep + 1, max(min(cell_end, keep + 100), keep + 2), ROW_CELLS)
            pieces += [text[at : keep + 1], " " * (end - keep - 1)]
        else:
            pieces.append(text[at:end])
        pieces.append(text[end : end + 1])
        at = end + 1
    return "".join(pieces)
