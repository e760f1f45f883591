"""Reading a page from html.parser's events, without building beautifulsoup4's tree.

The page is parsed once into a flat list of events (an element starts, an element ends,
a run of text) with the elements' nesting kept exactly as beautifulsoup4's html.parser
builder keeps it: an end tag closes the nearest open element of its name and everything
opened inside it, an end tag with no open element of its name is ignored, void elements
(<br>, <img>) close at once, and what is open at the end closes there. Content roots
and exclusions are then chosen with selectors matched on these elements
(`selectors.py`), and the events inside the roots are replayed into blocks. Pages whose
settings need a selector only soupsieve can match go through `html_tree.py`; both give
the same Document, which the tests check on real pages.

This costs about a third of building the tree and walking it.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Callable

from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
from bs4.dammit import EntitySubstitution
from bs4.exceptions import ParserRejectedMarkup

from plainlint.document import Block, Document, Limit, LineIndex
from plainlint.extract.blocks import BLOCK_KIND, CONTAINERS, MARK_TAGS, SKIP, BlockWalker
from plainlint.extract.html_parser import PositionsMixin
from plainlint.extract.selectors import NativeSelector

_BUILDER = HTMLParserTreeBuilder()  # what the tree would be built with
_VOID = frozenset(_BUILDER.empty_element_tags)
_LIST_ATTRS = _BUILDER.cdata_list_attributes
# Strings inside these are not text to beautifulsoup4's get_text() (scripts, ruby notes).
_STRING_CONTAINERS = frozenset(_BUILDER.string_containers)

START, END, TEXT, BREAK, CDATA = range(5)


class Element:
    """An element as beautifulsoup4 would have it: name, attributes (multi-valued ones
    such as ``class`` as lists), parent, and where its start tag begins."""

    __slots__ = ("name", "attrs", "parent", "start", "start_event", "end_event", "in_template")

    def __init__(self, name: str, attrs: dict, parent: Element | None, start: int, start_event: int) -> None:
        self.name = name
        self.attrs = attrs
        self.parent = parent
        self.start = start
        self.start_event = start_event  # index of its START event
        self.end_event = -1  # index of its END event
        # inside a <template>, whose content is not part of the page: selectors skip it
        self.in_template = parent is not None and (parent.in_template or parent.name == "template")


Matcher = Callable[[Element], bool]  # does this element match a selector?


class _Dereferencing(HTMLParser):
    """Character references become text as beautifulsoup4 turns them (`PositionsMixin`
    wraps these to record where the reference was)."""

    def handle_charref(self, name: str) -> None:
        text, _, extra = BeautifulSoupHTMLParser._dereference_numeric_character_reference(name)
        self.handle_data(text)
        self.handle_data(extra)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(EntitySubstitution.HTML_ENTITY_TO_CHARACTER.get(name, "&" + name))


class _EventParser(PositionsMixin, _Dereferencing):
    _pl_forward_data = False  # HTMLParser's handle_data does nothing: not called for each run of text

    def __init__(self, source: str, lines: LineIndex) -> None:
        super().__init__(convert_charrefs=False)
        self._pl_source = source
        self._pl_lines = lines
        self.events: list[tuple] = []
        self.elements: list[Element] = []
        self._stack: list[Element] = []
        self._open: dict[str, int] = {}  # name -> how many are open
        self._closed_void: list[str] = []

    def _record(self, start: int, end: int, data: str, literal: bool) -> None:
        self.events.append((TEXT, start, end, data, literal))

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs, void=False)
        self.handle_endtag(tag, check_closed=False)

    def handle_starttag(self, tag, attrs, void: bool = True) -> None:
        values: dict = {}
        for key, value in attrs:
            values[key] = "" if value is None else value  # a repeated attribute: the last wins
        if values:  # most tags have no attributes: no sets to make
            for key in _LIST_ATTRS["*"].union(_LIST_ATTRS.get(tag, ())).intersection(values):
                values[key] = values[key].split()
        stack = self._stack
        element = Element(tag, values, stack[-1] if stack else None, self._pl_pos, len(self.events))
        self.elements.append(element)
        self.events.append((START, element))
        stack.append(element)
        self._open[tag] = self._open.get(tag, 0) + 1
        if void and tag in _VOID:
            self.handle_endtag(tag, check_closed=False)
            self._closed_void.append(tag)

    def handle_endtag(self, tag, check_closed: bool = True) -> None:
        if check_closed and tag in self._closed_void:
            self._closed_void.remove(tag)  # the </br> of <br></br>
        elif self._open.get(tag):
            while self._pop().name != tag:
                pass

    def _pop(self) -> Element:
        element = self._stack.pop()
        self._open[element.name] -= 1
        element.end_event = len(self.events)
        self.events.append((END, element))
        return element

    def finish(self) -> None:
        while self._stack:
            self._pop()

    # text that is not the page's text, but ends a run of text (for the title)
    def handle_comment(self, data) -> None:
        self.events.append((BREAK,))

    handle_decl = handle_pi = handle_comment

    def unknown_decl(self, data) -> None:
        if data.upper().startswith("CDATA["):
            self.events.append((CDATA, data[len("CDATA[") :]))
        else:
            self.events.append((BREAK,))


def _parse(source: str, lines: LineIndex) -> _EventParser:
    parser = _EventParser(source, lines)
    try:
        parser.feed(source)
        parser.close()
    except AssertionError as exc:  # as beautifulsoup4 reports a page html.parser rejects
        raise ParserRejectedMarkup(exc) from exc
    parser.finish()
    return parser


def extract_events(source: str, path: str, include: NativeSelector | None,
                   exclude: NativeSelector | None) -> Document:
    """Parse an HTML page or fragment into a Document, choosing content with selectors
    matched natively."""
    lines = LineIndex(source)
    parser = _parse(source, lines)
    events, elements = parser.events, parser.elements
    roots: list[Element] = []
    if include is not None:
        matches = include.matching()
        for element in elements:  # in document order: a match inside the last root is not a root
            if (not roots or element.start_event > roots[-1].end_event) and not element.in_template \
                    and matches(element):
                roots.append(element)
    excluded = exclude.matching() if exclude is not None else None
    blocks: list[Block] = []
    limits: list[Limit] = []
    if roots:
        for root in roots:
            _replay(events, root.start_event + 1, root.end_event, root.name, root.start, source, excluded, blocks,
                    limits)
    else:
        body = next((e for e in elements if e.name == "body"), None)
        if body is not None:
            _replay(events, body.start_event + 1, body.end_event, "body", body.start, source, excluded, blocks, limits)
        else:
            _replay(events, 0, len(events), "[document]", 0, source, excluded, blocks, limits)
    html = next((e for e in elements if e.name == "html"), None)
    lang = html.attrs.get("lang", "") if html is not None else ""
    return Document(path, source, blocks, lines, str(lang), _title(events, elements), limits=limits)


def _replay(events: list[tuple], first: int, last: int, root_name: str, anchor: int, source: str,
            exclude: Matcher | None, out: list[Block], limits: list[Limit]) -> None:
    """Blocks from the events ``first`` to ``last`` (exclusive), the inside of one root."""
    walker = BlockWalker(root_name, anchor, out, limits)
    i = first
    while i < last:
        event = events[i]
        i += 1
        kind = event[0]
        if kind == TEXT:
            walker.builder.add(event[3], event[1], event[2], event[4])
        elif kind == START:
            element = event[1]
            name = element.name
            if name in SKIP or (exclude is not None and exclude(element)):
                i = element.end_event + 1  # its END event comes before ``last``
                continue
            if name == "br":
                walker.line_break(source, element.start)
                i = element.end_event + 1
            elif name in BLOCK_KIND or name in CONTAINERS:
                if not walker.open_block(name, element.start):
                    i = element.end_event + 1
            elif name in MARK_TAGS:
                value = element.attrs.get(MARK_TAGS[name])
                walker.open_mark(name, value if isinstance(value, str) else "")
        elif kind == END:
            walker.close(event[1].name)
    walker.finish()


def _title(events: list[tuple], elements: list[Element]) -> str:
    """The first <title>'s text as beautifulsoup4's ``get_text(" ", strip=True)`` gives
    it: its runs of text and CDATA sections, each stripped, but not text inside a
    <script>, <style>, <template> or ruby note."""
    title = next((e for e in elements if e.name == "title"), None)
    if title is None:
        return ""
    hidden = 0  # open string containers
    parent = title.parent
    while parent is not None:
        hidden += parent.name in _STRING_CONTAINERS
        parent = parent.parent
    strings: list[str] = []
    run: list[str] = []
    for event in events[title.start_event + 1 : title.end_event]:
        kind = event[0]
        if kind == TEXT:
            run.append(event[3])
            continue
        if run:
            if not hidden:
                strings.append("".join(run))
            run = []
        if kind == CDATA:
            strings.append(event[1])
        elif kind == START and event[1].name in _STRING_CONTAINERS:
            hidden += 1
        elif kind == END and event[1].name in _STRING_CONTAINERS:
            hidden -= 1
    if run and not hidden:
        strings.append("".join(run))
    return " ".join(s for s in (s.strip() for s in strings) if s)
