"""Reading a page through beautifulsoup4's tree: for content selectors that only
soupsieve can match (see `selectors.py` for the ones matched without a tree)."""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
from bs4.element import PreformattedString

from plainlint.document import Block, Document, Limit, LineIndex
from plainlint.extract.blocks import BLOCK_KIND, CONTAINERS, MARK_TAGS, SKIP, BlockWalker
from plainlint.extract.html_parser import PositionsMixin


class _PositionedParser(PositionsMixin, BeautifulSoupHTMLParser):
    """Hands each text run, with its position, to the soup being built."""

    def __init__(self, soup, *args, **kwargs) -> None:
        super().__init__(soup, *args, **kwargs)
        self._pl_source = soup._pl_source
        self._pl_lines = soup._pl_lines

    def _record(self, start: int, end: int, data: str, literal: bool) -> None:
        self.soup._pl_chunks.append((start, end, data, literal))


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


def _top_level(tags: list[Tag]) -> list[Tag]:
    """Drop matches nested inside other matches, keeping document order. Each ancestor's
    answer is remembered, so thousands of matches deep in a page walk up its tags once,
    not once each."""
    chosen = {id(t) for t in tags}
    inside: dict[int, bool] = {}  # tag not chosen -> is it inside a chosen one?
    kept = []
    for tag in tags:
        path = []
        node, answer = tag.parent, False
        while node is not None:
            key = id(node)
            if key in chosen or key in inside:
                answer = key in chosen or inside[key]
                break
            path.append(key)
            node = node.parent
        inside.update(dict.fromkeys(path, answer))
        if not answer:
            kept.append(tag)
    return kept


def _tag_start(tag: Tag, lines: LineIndex) -> int:
    if tag.sourceline is None:
        return 0
    return lines.offset(tag.sourceline, tag.sourcepos or 0)


def extract_tree(source: str, path: str, include: str, exclude: str) -> Document:
    """Parse an HTML page or fragment into a Document, choosing content with soupsieve."""
    lines = LineIndex(source)
    soup = _PositionedSoup(source, lines)
    roots = _top_level(soup.select(include)) if include else []
    if not roots:
        roots = [soup.body or soup]
    excluded: set[int] = set()
    if exclude:
        # only what is inside the roots is walked: look for exclusions there (the site's
        # navigation around <main> is most of a page's tags)
        import soupsieve

        selector = soupsieve.compile(exclude)
        for root in roots:
            excluded.update(id(t) for t in selector.select(root))

    blocks: list[Block] = []
    limits: list[Limit] = []
    for root in roots:
        _walk(root, source, lines, excluded, blocks, limits)
    html = soup.find("html")
    lang = html.get("lang", "") if isinstance(html, Tag) else ""
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    return Document(path, source, blocks, lines, str(lang), title, limits=limits)


def _walk(root: Tag, source: str, lines: LineIndex, excluded: set[int], out: list[Block],
          limits: list[Limit]) -> None:
    """Depth-first walk without recursion, so deeply nested pages cannot overflow."""
    walker = BlockWalker(root.name, _tag_start(root, lines), out, limits)
    stack = [iter(root.contents)]
    tags: list[Tag | None] = [None]  # the tag each iterator belongs to (None: the root)
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            tag = tags.pop()
            if tag is None:
                break
            walker.close(tag.name)
            continue
        if isinstance(child, Tag):
            name = child.name
            if name in SKIP or id(child) in excluded:
                continue
            if name == "br":
                walker.line_break(source, _tag_start(child, lines))
                continue
            if name in BLOCK_KIND or name in CONTAINERS:
                if not walker.open_block(name, _tag_start(child, lines)):
                    continue  # past a cap: skipped with all it holds
            elif name in MARK_TAGS:
                attr = child.get(MARK_TAGS[name])
                walker.open_mark(name, attr if isinstance(attr, str) else "")
            stack.append(iter(child.contents))
            tags.append(child)
        elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
            for start, end, data, literal in getattr(child, "_pl_chunks", ()):
                walker.builder.add(data, start, end, literal)
    walker.finish()
