"""Text blocks from a walk over an HTML page's content, with the map back to the source.

Both ways of reading a page (events from the parser, or beautifulsoup4's tree when a
selector needs it) walk their elements through one `BlockWalker`, so they cannot
disagree on what a block is.
"""

from __future__ import annotations

import re

from plainlint.document import Block, BlockKind, Limit, Mark, SourceMap
from plainlint.extract.limits import MAX_ROW_CELLS, ROW_CELLS, note

# Elements whose content is not prose a reader reads as text.
SKIP = frozenset(
    "head title script style template noscript svg math code pre kbd samp iframe object "
    "canvas audio video select textarea button".split()
)
BLOCK_KIND = {
    **{f"h{n}": BlockKind.HEADING for n in range(1, 7)},
    "p": BlockKind.PARAGRAPH,
    "summary": BlockKind.PARAGRAPH,
    "li": BlockKind.LIST_ITEM,
    "td": BlockKind.TABLE_CELL,
    "th": BlockKind.TABLE_CELL,
    "caption": BlockKind.CAPTION,
    "figcaption": BlockKind.CAPTION,
    "legend": BlockKind.CAPTION,
    "blockquote": BlockKind.QUOTE,
    "dt": BlockKind.TERM,
    "dd": BlockKind.DEFINITION,
}
# Elements that end the text before them: loose text inside one is its own paragraph.
CONTAINERS = frozenset(
    "html body main article section nav aside header footer div ul ol menu dl table thead "
    "tbody tfoot tr figure details form fieldset address hgroup hr center search dialog".split()
)
_ROWS = frozenset(("tr", "table"))  # cells are counted per row (per table for cells outside any row)
_CELLS = frozenset(("td", "th"))
MARK_TAGS = {"a": "href", "abbr": "title", "dfn": "title"}
MARK_KIND = {"a": "link", "abbr": "abbr", "dfn": "dfn"}
# Text pieces: white space (collapsed), invisible format characters (dropped), the rest.
_PIECES = re.compile(r"(\s+)|([\u00ad\u200b-\u200d\u2060\ufeff]+)|([^\s\u00ad\u200b-\u200d\u2060\ufeff]+)")
# In literal text, what the fast path must look at: white space other than a single
# space between words, and invisible format characters (group 1, dropped).
_IRREGULAR = re.compile(r"\s*[^\S ]\s*| {2,}|([\u00ad\u200b-\u200d\u2060\ufeff]+)")


class BlockBuilder:
    """Accumulates one block's text, collapsing white space and keeping the source map."""

    def __init__(self, kind: BlockKind, level: int, anchor: int) -> None:
        self.kind, self.level, self.anchor = kind, level, anchor
        self.parts: list[str] = []
        self.length = 0
        self.map = SourceMap()
        self.space: tuple[int, int] | None = None  # pending collapsed white space
        self.marks: list[Mark] = []
        self.line_start = True

    def close_mark(self, kind: str, value: str, start: int, first_part: int) -> None:
        """Record an inline mark opened at ``start``, trimming collapsed white space."""
        # Parts are a collapsed space, a line break or words with none around them, so
        # the white space at either end is a part or two: joining the mark's text instead
        # took minutes for 500,000 nested links
        parts, end = self.parts, self.length
        lead = trail = 0
        for i in range(first_part, len(parts)):
            if parts[i].strip(" \n"):
                break
            lead += len(parts[i])
        for i in range(len(parts) - 1, first_part - 1, -1):
            if parts[i].strip(" \n"):
                break
            trail += len(parts[i])
        if end - trail > start + lead:
            self.marks.append(Mark(kind, start + lead, end - trail, value))

    def _emit(self, text: str, start: int, end: int, literal: bool) -> None:
        self.map.add(self.length, start, end, literal)
        self.parts.append(text)
        self.length += len(text)

    def add(self, data: str, start: int, end: int, literal: bool) -> None:
        if not literal:
            return self._add_pieces(data, start, end, literal)
        # Fast path for text copied from the source: emit each stretch of words with single
        # spaces between as one literal run; only irregular white space (line breaks, tabs,
        # runs of spaces) and invisible characters are handled one by one. A third of runs
        # have none: every such character is unprintable to str.isprintable (a test checks
        # each code point), which finds that in C, before the pattern's search starts.
        if data.isprintable() and "  " not in data:
            return self._add_stretch(data, 0, len(data), start)
        pos = 0
        for m in _IRREGULAR.finditer(data):
            self._add_stretch(data, pos, m.start(), start)
            if m.lastindex is None and not self.line_start and self.space is None:
                self.space = (start + m.start(), start + m.end())
            pos = m.end()
        self._add_stretch(data, pos, len(data), start)

    def _add_stretch(self, data: str, a: int, b: int, start: int) -> None:
        """Words separated by single spaces, perhaps with one space before or after."""
        if a < b and data[a] == " ":
            if not self.line_start and self.space is None:
                self.space = (start + a, start + a + 1)
            a += 1
        trailing = a < b and data[b - 1] == " "
        if trailing:
            b -= 1
        if a < b:
            if self.space is not None:
                self._emit(" ", *self.space, False)
                self.space = None
            self._emit(data[a:b], start + a, start + b, True)
            self.line_start = False
        if trailing and not self.line_start and self.space is None:
            self.space = (start + b, start + b + 1)

    def _add_pieces(self, data: str, start: int, end: int, literal: bool) -> None:
        for m in _PIECES.finditer(data):
            if m.lastindex == 1:  # white space
                if not self.line_start and self.space is None:
                    self.space = (start + m.start(), start + m.end()) if literal else (start, end)
            elif m.lastindex == 3:  # visible text
                if self.space is not None:
                    self._emit(" ", *self.space, False)
                    self.space = None
                if literal:
                    self._emit(m.group(), start + m.start(), start + m.end(), True)
                else:
                    self._emit(m.group(), start, end, False)
                self.line_start = False

    def line_break(self, start: int, end: int) -> None:
        """A <br>: sentences never run across it."""
        if not self.line_start:
            self._emit("\n", start, end, False)
        self.space = None
        self.line_start = True

    def build(self) -> Block | None:
        text = "".join(self.parts)
        stripped = text.rstrip("\n")
        if not stripped and self.kind is not BlockKind.HEADING:
            return None
        return Block(self.kind, stripped, self.map, self.anchor, self.level, self.marks)


class BlockWalker:
    """Builds the blocks of one content root from its elements as they open and close.

    The caller skips what is not read (`SKIP`, excluded elements) and reports <br> as a
    line break; everything else it walks into is opened and later closed here.
    """

    def __init__(self, root_name: str, anchor: int, out: list[Block], limits: list[Limit]) -> None:
        kind = BLOCK_KIND.get(root_name, BlockKind.PARAGRAPH)
        level = int(root_name[1]) if kind is BlockKind.HEADING else 0
        self.context: list[tuple[BlockKind, int, int]] = [(kind, level, anchor)]
        self.builder = BlockBuilder(*self.context[-1])
        self.open_marks: list[tuple[str, str, int, int, BlockBuilder]] = []
        self.out = out
        self.limits = limits
        self.rows: list[int] = []  # cells so far in each open row

    def _flush(self) -> None:
        block = self.builder.build()
        if block is not None:
            self.out.append(block)
        self.builder = BlockBuilder(*self.context[-1])

    def open_block(self, name: str, anchor: int) -> bool:
        """An element of `BLOCK_KIND` or `CONTAINERS`: it ends the text before it. False
        for a cell past `MAX_ROW_CELLS`, which the caller skips with all it holds."""
        if name in _CELLS and self.rows:
            self.rows[-1] += 1
            if self.rows[-1] > MAX_ROW_CELLS:
                note(self.limits, anchor, anchor, ROW_CELLS)
                return False
        elif name in _ROWS:
            self.rows.append(0)
        if name in BLOCK_KIND:
            kind = BLOCK_KIND[name]
            level = int(name[1]) if kind is BlockKind.HEADING else 0
        else:  # a container carries on its parent's kind: <li><div>text</div></li>
            kind, level = self.context[-1][0], self.context[-1][1]
        self.context.append((kind, level, anchor))
        self._flush()
        return True

    def open_mark(self, name: str, value: str) -> None:
        """An element of `MARK_TAGS` (a link, an abbreviation), with its attribute's value."""
        b = self.builder
        self.open_marks.append((MARK_KIND[name], value, b.length, len(b.parts), b))

    def line_break(self, source: str, start: int) -> None:
        """A <br> whose tag starts at ``start`` in the source: sentences never run across it."""
        end = source.find(">", start)
        self.builder.line_break(start, end + 1 if end != -1 else start + 1)

    def close(self, name: str) -> None:
        """The end of an element that was walked into."""
        if name in MARK_TAGS and self.open_marks:
            kind, value, start, first_part, owner = self.open_marks.pop()
            if owner is self.builder:  # a mark cut by a nested block is dropped
                self.builder.close_mark(kind, value, start, first_part)
        if name in BLOCK_KIND or name in CONTAINERS:
            if name in _ROWS:
                self.rows.pop()
            self.context.pop()
            b = self.builder
            if name in BLOCK_KIND and BLOCK_KIND[name] is BlockKind.HEADING and not b.parts:
                self.out.append(Block(BlockKind.HEADING, "", b.map, b.anchor, b.level))
                self.builder = BlockBuilder(*self.context[-1])
            else:
                self._flush()

    def finish(self) -> None:
        block = self.builder.build()
        if block is not None:
            self.out.append(block)
