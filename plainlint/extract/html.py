"""HTML to Document, with every extracted character mapped to its place in the source.

beautifulsoup4 records positions only for tags. We parse with its ``html.parser``
builder and, during that same parse, note where every run of text and every
character reference (``&amp;``, ``&#233;``) began, then attach those runs to the
strings beautifulsoup4 creates. One parse, exact positions, no re-tokenising.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag, XMLParsedAsHTMLWarning
from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
from bs4.dammit import EntitySubstitution
from bs4.element import PreformattedString

from plainlint.document import Block, BlockKind, Document, LineIndex, Mark, SourceMap

# beautifulsoup4's advice to its programmers ("this looks more like a URL than HTML",
# "use an XML parser") would reach plainlint's users as pages of noise: a page that is
# only a web address, or XHTML, is checked like any other
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)
warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)

# Elements whose content is not prose a reader reads as text.
_SKIP = frozenset(
    "head title script style template noscript svg math code pre kbd samp iframe object "
    "canvas audio video select textarea button".split()
)
_BLOCK_KIND = {
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
_CONTAINERS = frozenset(
    "html body main article section nav aside header footer div ul ol menu dl table thead "
    "tbody tfoot tr figure details form fieldset address hgroup hr center search dialog".split()
)
_MARK_TAGS = {"a": "href", "abbr": "title", "dfn": "title"}
_MARK_KIND = {"a": "link", "abbr": "abbr", "dfn": "dfn"}
# Text pieces: white space (collapsed), invisible format characters (dropped), the rest.
_PIECES = re.compile(r"(\s+)|([\u00ad\u200b-\u200d\u2060\ufeff]+)|([^\s\u00ad\u200b-\u200d\u2060\ufeff]+)")
# In literal text, what the fast path must look at: white space other than a single
# space between words, and invisible format characters (group 1, dropped).
_IRREGULAR = re.compile(r"\s*[^\S ]\s*| {2,}|([\u00ad\u200b-\u200d\u2060\ufeff]+)")


@dataclass(frozen=True)
class Scope:
    """CSS selectors choosing the page's own content (from the config's ``content``)."""

    include: str = "main, [role=main], article"
    exclude: str = ""


# --- parsing with positions -------------------------------------------------------


_SECTION_END = re.compile(r"]\s*>")  # the looser of the two ends of a <![...]> section


class _PositionedParser(BeautifulSoupHTMLParser):
    """Records (source start, source end, text, literal) for each piece of text data.

    It also keeps html.parser linear on hostile pages. Before CPython's fix for
    CVE-2025-6069, a "<" that starts a tag or comment with no end after it made the parser
    search to the end of the page and then take the "<" as text; a page of "<!--" or
    "</a" took minutes. Here the text after the page's last ">", where nothing can end,
    is text at once, and a failed search for "-->" or "]]>" is not repeated further on.
    """

    _ref: tuple[int, int] | None = None
    _pl_last_gt: tuple[str, int] | None = None  # (rawdata, position of its last ">")
    _pl_unended: dict | None = None  # kind -> (rawdata, position from which no end exists)

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
        where = self.getpos()
        try:
            return self._once("section", i, super().parse_marked_section, *args)
        except AssertionError:  # "<![" and no keyword: before Python 3.13 this rejected the whole page
            self.lineno, self.offset = where  # the failed scan moved them
            return self.parse_bogus_comment(i)  # as browsers read it

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.soup._pl_lines.offset(line, col)

    def handle_data(self, data: str) -> None:
        if data:
            if self._ref is not None:
                self.soup._pl_chunks.append((*self._ref, data, False))
            else:
                start = self._offset()
                # html.parser hands over raw slices of the source; check rather than trust.
                literal = self.soup._pl_source.startswith(data, start)
                self.soup._pl_chunks.append((start, start + len(data), data, literal))
        super().handle_data(data)

    def _with_ref(self, length: int, handler, name: str) -> None:
        start = self._offset()
        end = start + length
        if self.soup._pl_source.startswith(";", end):
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
            start = self._offset()
            end = start + 1 + len(name)
            self.handle_data(self.soup._pl_source[start : end + self.soup._pl_source.startswith(";", end)])


class _PositionedBuilder(HTMLParserTreeBuilder):
    def feed(self, markup, _parser_class=_PositionedParser) -> None:  # type: ignore[override]
        super().feed(markup, _parser_class=_parser_class)


class _PositionedSoup(BeautifulSoup):
    """Hands the text runs recorded since the last string to each new string."""

    def __init__(self, markup: str, lines: LineIndex) -> None:
        self._pl_chunks: list[tuple[int, int, str, bool]] = []
        self._pl_lines = lines
        self._pl_source = markup
        super().__init__(markup, builder=_PositionedBuilder())

    def object_was_parsed(self, o, parent=None, most_recent_element=None):  # type: ignore[override]
        super().object_was_parsed(o, parent, most_recent_element)
        if self._pl_chunks:
            o._pl_chunks = self._pl_chunks
            self._pl_chunks = []


# --- building blocks ----------------------------------------------------------------


class _BlockBuilder:
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
        text = "".join(self.parts[first_part:])
        end = self.length
        lead = len(text) - len(text.lstrip(" \n"))
        trail = len(text) - len(text.rstrip(" \n"))
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
        # runs of spaces) and invisible characters are handled one by one.
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


def _top_level(tags: list[Tag]) -> list[Tag]:
    """Drop matches nested inside other matches, keeping document order."""
    chosen = {id(t) for t in tags}
    return [t for t in tags if not any(id(p) in chosen for p in t.parents)]


def _tag_start(tag: Tag, lines: LineIndex) -> int:
    if tag.sourceline is None:
        return 0
    return lines.offset(tag.sourceline, tag.sourcepos or 0)


def _tag_end(tag: Tag, source: str, start: int) -> int:
    """End of a start tag such as <br>, for mapping it to a line break."""
    end = source.find(">", start)
    return end + 1 if end != -1 else start + 1


def extract_html(source: str, path: str = "", scope: Scope = Scope()) -> Document:
    """Parse an HTML page or fragment into a Document of text blocks."""
    lines = LineIndex(source)
    soup = _PositionedSoup(source, lines)
    roots = _top_level(soup.select(scope.include)) if scope.include else []
    if not roots:
        roots = [soup.body or soup]
    excluded: set[int] = set()
    if scope.exclude:
        # only what is inside the roots is walked: look for exclusions there (the site's
        # navigation around <main> is most of a page's tags), and at the roots themselves
        import soupsieve

        selector = soupsieve.compile(scope.exclude)
        for root in roots:
            excluded.update(id(t) for t in selector.select(root))
            if isinstance(root, Tag) and root.name != "[document]" and selector.match(root):
                excluded.add(id(root))

    blocks: list[Block] = []
    for root in roots:
        _walk(root, source, lines, excluded, blocks)
    html = soup.find("html")
    lang = html.get("lang", "") if isinstance(html, Tag) else ""
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    return Document(path, source, blocks, lines, str(lang), title)


def _walk(root: Tag, source: str, lines: LineIndex, excluded: set[int], out: list[Block]) -> None:
    """Depth-first walk without recursion, so deeply nested pages cannot overflow."""
    kind = _BLOCK_KIND.get(root.name, BlockKind.PARAGRAPH) if isinstance(root, Tag) else BlockKind.PARAGRAPH
    level = int(root.name[1]) if kind is BlockKind.HEADING else 0
    context: list[tuple[BlockKind, int, int]] = [(kind, level, _tag_start(root, lines))]
    builder = _BlockBuilder(*context[-1])
    open_marks: list[tuple[str, str, int, int, _BlockBuilder]] = []
    stack = [iter(root.contents)]
    tags: list[Tag | None] = [None]  # the tag each iterator belongs to (None: the root)

    def flush(next_ctx: tuple[BlockKind, int, int]) -> _BlockBuilder:
        block = builder.build()
        if block is not None:
            out.append(block)
        return _BlockBuilder(*next_ctx)

    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            tag = tags.pop()
            if tag is None:
                break
            name = tag.name
            if name in _MARK_TAGS and open_marks:
                kind, value, start, first_part, owner = open_marks.pop()
                if owner is builder:  # a mark cut by a nested block is dropped
                    builder.close_mark(kind, value, start, first_part)
            if name in _BLOCK_KIND or name in _CONTAINERS:
                context.pop()
                if name in _BLOCK_KIND and _BLOCK_KIND[name] is BlockKind.HEADING and not builder.parts:
                    out.append(Block(BlockKind.HEADING, "", builder.map, builder.anchor, builder.level))
                    builder = _BlockBuilder(*context[-1])
                else:
                    builder = flush(context[-1])
            continue
        if isinstance(child, Tag):
            name = child.name
            if name in _SKIP or id(child) in excluded:
                continue
            if name == "br":
                start = _tag_start(child, lines)
                builder.line_break(start, _tag_end(child, source, start))
                continue
            if name in _BLOCK_KIND or name in _CONTAINERS:
                if name in _BLOCK_KIND:
                    kind = _BLOCK_KIND[name]
                    level = int(name[1]) if kind is BlockKind.HEADING else 0
                else:  # a container carries on its parent's kind: <li><div>text</div></li>
                    kind, level = context[-1][0], context[-1][1]
                context.append((kind, level, _tag_start(child, lines)))
                builder = flush(context[-1])
            elif name in _MARK_TAGS:
                attr = child.get(_MARK_TAGS[name])
                value = attr if isinstance(attr, str) else ""
                open_marks.append((_MARK_KIND[name], value, builder.length, len(builder.parts), builder))
            stack.append(iter(child.contents))
            tags.append(child)
        elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
            for start, end, data, literal in getattr(child, "_pl_chunks", ()):
                builder.add(data, start, end, literal)
    block = builder.build()
    if block is not None:
        out.append(block)


