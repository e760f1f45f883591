"""Positions: plainlint's spans, source offsets and LSP positions, converted exactly.

plainlint counts 1-based lines that end at "\\n" and 1-based columns in code points, with
exclusive ends. LSP counts 0-based lines that end at "\\r\\n", "\\r" or "\\n", and columns
in the code units of the encoding agreed at initialisation: UTF-16 unless the client
offers another, so an emoji (outside the Basic Multilingual Plane) is two units in UTF-16,
four in UTF-8 and one in UTF-32. Every conversion goes through a source offset, so the two
ways of counting lines never have to agree.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol.types import Position, Range

from plainlint.findings import Span

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


class PositionMap:
    """One text's line starts, both plainlint's and LSP's, for converting positions."""

    __slots__ = ("text", "encoding", "_ascii", "_plain_starts", "_starts", "_ends")

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding if encoding in (UTF8, UTF32) else UTF16
        self._ascii = text.isascii()
        self._plain_starts = [0]
        i = text.find("\n")
        while i != -1:
            self._plain_starts.append(i + 1)
            i = text.find("\n", i + 1)
        self._starts = [0]
        self._ends = []
        for m in _BREAK.finditer(text):
            self._ends.append(m.start())
            self._starts.append(m.end())
        self._ends.append(len(text))

    # --- plainlint side ---------------------------------------------------------------

    def offset(self, line: int, column: int) -> int:
        """Source offset of a plainlint (1-based) line and column, kept within its line."""
        starts = self._plain_starts
        if line < 1:
            return 0
        if line > len(starts):
            return len(self.text)
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)  # the "\n", or the end
        return min(start + max(column - 1, 0), end)

    def span_offsets(self, span: Span) -> tuple[int, int]:
        start = self.offset(span.line, span.column)
        return start, max(start, self.offset(span.end_line, span.end_column))

    # --- LSP side ---------------------------------------------------------------------

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_of(self, offset: int) -> int:
        """The 0-based LSP line holding ``offset`` (a line break belongs to its line)."""
        return bisect.bisect_right(self._starts, offset) - 1

    def line_bounds(self, line: int) -> tuple[int, int]:
        """Offsets of an LSP line's first character and of its line break (or the end)."""
        return self._starts[line], self._ends[line]

    def position(self, offset: int) -> Position:
        offset = min(max(offset, 0), len(self.text))
        line = self.line_of(offset)
        start, end = self._starts[line], self._ends[line]
        return Position(line, units(self.text[start : min(offset, end)], self.encoding))

    def range(self, start: int, end: int) -> Range:
        return Range(self.position(start), self.position(end))

    def span_range(self, span: Span) -> Range:
        return self.range(*self.span_offsets(span))

    def offset_at(self, position: Position) -> int:
        """Source offset of an LSP position; past a line's end means its end, and a
        position inside a character (half a surrogate pair) means that character."""
        if position.line < 0:
            return 0
        if position.line >= len(self._starts):
            return len(self.text)
        start, end = self._starts[position.line], self._ends[position.line]
        wanted = max(position.character, 0)
        if self.encoding == UTF32 or self._ascii:
            return min(start + wanted, end)
        counted = 0
        for i in range(start, end):
            counted += units(self.text[i], self.encoding)
            if counted > wanted:
                return i
        return end

    def range_offsets(self, rng: Range) -> tuple[int, int]:
        start = self.offset_at(rng.start)
        return start, max(start, self.offset_at(rng.end))
