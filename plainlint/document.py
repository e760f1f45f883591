"""The Document: blocks of extracted text, each with a map back to the source file.

Every later stage works on Documents, never on HTML, so the extractors (HTML now,
Markdown later) are the only code that knows about markup.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum

from plainlint.pickling import by_fields


class BlockKind(str, Enum):
    """What a block of text is on the page; rules treat headings and list items apart."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"
    CAPTION = "caption"
    QUOTE = "quote"
    TERM = "term"  # <dt>: a term in a definition list
    DEFINITION = "definition"  # <dd>


@by_fields
@dataclass(frozen=True, slots=True)
class Mark:
    """Inline markup kept because it changes meaning: links, <abbr title>, <dfn>."""

    kind: str  # "link" | "abbr" | "dfn"
    start: int  # offsets into Block.text, end exclusive
    end: int
    value: str = ""  # href for links, title for abbr/dfn


class SourceMap:
    """Maps each character of a block's text to the source characters it came from.

    Stored as runs rather than per character so a million-word page stays small.
    A *literal* run was copied verbatim (text[i] is source[src + i - start]); any other
    run (an entity such as ``&amp;``, or collapsed white space) maps every one of its
    characters to the whole source span it replaced.
    """

    __slots__ = ("_starts", "_src", "_src_end", "_literal")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._src: list[int] = []
        self._src_end: list[int] = []
        self._literal: list[bool] = []

    def add(self, text_start: int, src_start: int, src_end: int, literal: bool) -> None:
        """Append a run starting at ``text_start`` (runs arrive in text order)."""
        if (
            literal
            and self._literal
            and self._literal[-1]
            and self._src_end[-1] == src_start
            and self._starts[-1] + (self._src_end[-1] - self._src[-1]) == text_start
        ):
            self._src_end[-1] = src_end  # extend the previous literal run
            return
        self._starts.append(text_start)
        self._src.append(src_start)
        self._src_end.append(src_end)
        self._literal.append(literal)

    def start_of(self, i: int) -> int:
        """Source offset of the first source character behind text character ``i``."""
        k = bisect.bisect_right(self._starts, i) - 1
        if k < 0:
            return self._src[0] if self._src else 0
        if self._literal[k]:
            return min(self._src[k] + i - self._starts[k], self._src_end[k])
        return self._src[k]

    def end_of(self, i: int) -> int:
        """Source offset just after the source characters behind text character ``i``."""
        k = bisect.bisect_right(self._starts, i) - 1
        if k < 0:
            return self._src[0] if self._src else 0
        if self._literal[k]:
            return min(self._src[k] + i - self._starts[k] + 1, self._src_end[k])
        return self._src_end[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets covering text[start:end] (end exclusive, end > start)."""
        return self.start_of(start), self.end_of(max(start, end - 1))


@by_fields
@dataclass(slots=True)
class Block:
    """One unit of text: a heading, paragraph, list item, table cell, caption..."""

    kind: BlockKind
    text: str
    source: SourceMap
    anchor: int  # source offset of the element's start tag, for blocks with no text
    level: int = 0  # heading level 1-6; 0 for other blocks
    marks: list[Mark] = field(default_factory=list)


class LineIndex:
    """Turns source offsets into 1-based line and column numbers.

    Columns count Unicode characters (code points), so a tab or an "é" is one column,
    as in ruff and most editors' status bars. A line ends at "\\n"; "\\r\\n" therefore
    works unchanged, the "\\r" being the last character of its line.
    """

    __slots__ = ("_starts",)

    def __init__(self, source: str) -> None:
        starts = [0]
        find = source.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts

    def offset(self, line: int, column0: int) -> int:
        """Offset of a 1-based line and 0-based column, as html.parser reports them."""
        return self._starts[line - 1] + column0

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a source offset."""
        k = bisect.bisect_right(self._starts, offset) - 1
        return k + 1, offset - self._starts[k] + 1


@by_fields
@dataclass(frozen=True, slots=True)
class Limit:
    """A cap an extractor hit on a pathological page: from ``start`` (a source offset;
    ``end`` closes the span shown) part of the page was not checked, as ``message`` says."""

    start: int
    end: int
    message: str


@by_fields
@dataclass(slots=True)
class Document:
    """A page as plainlint sees it: its text blocks in reading order."""

    path: str
    source: str  # the decoded source file, unchanged (positions refer to it)
    blocks: list[Block]
    lines: LineIndex
    lang: str = ""
    title: str = ""
    # a Markdown page whose front matter gives the title, which site generators
    # (Jekyll, Hugo) render as the page's h1
    title_is_h1: bool = False
    # caps hit while extracting (see plainlint/extract/limits.py), reported by input-limits
    limits: list[Limit] = field(default_factory=list)
