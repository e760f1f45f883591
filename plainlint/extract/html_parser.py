"""html.parser, made to say where each piece of text came from and to stay linear.

`PositionsMixin` goes before an ``HTMLParser`` subclass in the bases. It reports every run
of text as ``_record(source start, source end, text, literal)``: literal when the text
is a slice of the source, not when a character reference (``&amp;``, ``&#233;``) was
turned into what it stands for (then start and end span the reference).

It also keeps html.parser linear on hostile pages. Before CPython's fix for
CVE-2025-6069, a "<" that starts a tag or comment with no end after it made the parser
search to the end of the page and then take the "<" as text; a page of "<!--" or "</a"
took minutes. Here the text after the page's last ">", where nothing can end, is text at
once, and a failed search for "-->" or "]]>" is not repeated further on.
"""

from __future__ import annotations

import re

from bs4.dammit import EntitySubstitution

from plainlint.document import LineIndex

_SECTION_END = re.compile(r"]\s*>")  # the looser of the two ends of a <![...]> section


class PositionsMixin:
    """Text runs with their source positions; linear parsing (see the module docstring)."""

    _pl_source: str
    _pl_lines: LineIndex
    _pl_fed = 0  # characters fed so far
    _pl_base = 0  # offset in the source of rawdata[0], for the current goahead()
    _pl_pos = 0  # where html.parser has got to: an offset in the source
    _ref: tuple[int, int] | None = None
    _pl_last_gt: tuple[str, int] | None = None  # (rawdata, position of its last ">")
    _pl_unended: dict | None = None  # kind -> (rawdata, position from which no end exists)
    _pl_forward_data = True  # pass text on to the next class's handle_data (beautifulsoup4's builds the tree)

    def _record(self, start: int, end: int, data: str, literal: bool) -> None:
        raise NotImplementedError

    def _tail_text(self, i: int) -> int:
        """In the text after the last ">": the "<" at ``i`` and what follows, up to the
        next "<", are text, as html.parser would find after searching; returns the end."""
        rawdata = self.rawdata
        if self._pl_last_gt is None or self._pl_last_gt[0] is not rawdata:
            self._pl_last_gt = (rawdata, rawdata.rfind(">"))
        if i < self._pl_last_gt[1]:
            return -1
        k = rawdata.find("<", i + 1)
        k = len(rawdata) if k < 0 else k
        self.handle_data(rawdata[i:k])
        return k

    def _once(self, kind: str, i: int, parse, *args) -> int:
        """``parse(i)``, or -1 at once when a search for this kind's end failed at or before ``i``."""
        if self._pl_unended is None:
            self._pl_unended = {}
        rawdata = self.rawdata
        known = self._pl_unended.get(kind)
        if known is not None and known[0] is rawdata and i >= known[1]:
            return -1
        k = parse(i, *args)
        if k < 0 and (kind != "section" or not _SECTION_END.search(rawdata, i)):
            self._pl_unended[kind] = (rawdata, i)
        return k

    def parse_starttag(self, i, *args):
        k = self._tail_text(i)
        return k if k >= 0 else super().parse_starttag(i, *args)

    def parse_endtag(self, i, *args):
        k = self._tail_text(i)
        return k if k >= 0 else super().parse_endtag(i, *args)

    def parse_pi(self, i, *args):
        k = self._tail_text(i)
        return k if k >= 0 else super().parse_pi(i, *args)

    def parse_html_declaration(self, i, *args):
        k = self._tail_text(i)
        return k if k >= 0 else super().parse_html_declaration(i, *args)

    def parse_comment(self, i, *args):
        k = self._tail_text(i)
        return k if k >= 0 else self._once("comment", i, super().parse_comment, *args)

    def parse_marked_section(self, i, *args):
        where = self._pl_pos
        try:
            return self._once("section", i, super().parse_marked_section, *args)
        except AssertionError:  # "<![" and no keyword: before Python 3.13 this rejected the whole page
            self._pl_pos = where  # the failed scan moved it
            return self.parse_bogus_comment(i)  # as browsers read it

    # html.parser keeps its place as a line and column (for getpos), counting the newlines
    # of every piece it passes; plainlint wants offsets, and keeps its place as one instead.
    def feed(self, data: str) -> None:
        self._pl_fed += len(data)
        super().feed(data)

    def goahead(self, end) -> None:
        self._pl_base = self._pl_fed - len(self.rawdata)  # what earlier calls left unparsed
        super().goahead(end)

    def updatepos(self, i: int, j: int) -> int:
        if i < j:
            self._pl_pos = self._pl_base + j
        return j

    def getpos(self) -> tuple[int, int]:
        line, column = self._pl_lines.position(self._pl_pos)
        return line, column - 1

    def handle_data(self, data: str) -> None:
        if data:
            if self._ref is not None:
                self._record(*self._ref, data, False)
            else:
                start = self._pl_pos
                # html.parser hands over raw slices of the source; check rather than trust.
                literal = self._pl_source.startswith(data, start)
                self._record(start, start + len(data), data, literal)
        if self._pl_forward_data:
            super().handle_data(data)

    def _with_ref(self, length: int, handler, name: str) -> None:
        start = self._pl_pos
        end = start + length
        if self._pl_source.startswith(";", end):
            end += 1
        self._ref = (start, end)
        try:
            handler(name)
        finally:
            self._ref = None

    def handle_charref(self, name: str) -> None:
        self._with_ref(2 + len(name), super().handle_charref, name)

    def handle_entityref(self, name: str) -> None:
        if name in EntitySubstitution.HTML_ENTITY_TO_CHARACTER:
            self._with_ref(1 + len(name), super().handle_entityref, name)
        else:  # not an entity: the text stays as written, ";" included, as browsers show it
            start = self._pl_pos
            end = start + 1 + len(name)
            self.handle_data(self._pl_source[start : end + self._pl_source.startswith(";", end)])
