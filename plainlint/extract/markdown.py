"""Markdown to Document, with every extracted character mapped to its place in the source.

markdown-it-py (CommonMark, plus tables) gives block tokens with their source lines and,
for each block's inline source, the text it renders. The inline source of a block is its
lines with the container markers (list bullets, "> ") taken off; we find each line in the
source to place it, then walk the rendered text along the inline source, stepping over
markup (`*`, `[`, `](url)`), backslash escapes and entities, so positions are exact.

Skipped, as a reader does not read them as prose: front matter (YAML between `---` lines,
or TOML between `+++`), code blocks and inline code, raw HTML (a `<br>` still ends a
sentence), and images (their alt text is checked by accessibility rules, not as prose).
"""

from __future__ import annotations

import bisect
import html
import re

from plainlint.document import Block, BlockKind, Document, Limit, LineIndex, Mark, SourceMap
from plainlint.extract.limits import NESTING, bounded_markdown, note

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n.*?^\1[ \t]*\r?$", re.S | re.M)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_TITLE = re.compile(r"^title:[ \t]*(.*)$", re.M)  # quotes and spaces are trimmed in Python: linear
# markdown-it ends a line at CR, LF or CRLF (it normalises them before parsing), so its line
# numbers count a lone CR as a line break, which LineIndex (and html.parser) do not
_MD_LINE_END = re.compile(r"\r\n?|\n")


def front_matter(source: str) -> tuple[int, str]:
    """Length of the front matter at the start of ``source`` (0 if none), and its title."""
    m = _FRONT_MATTER.match(source)
    if not m:
        return 0, ""
    title = _TITLE.search(m.group(0))
    return m.end(), _unquoted(title.group(1)) if title else ""


def _unquoted(value: str) -> str:
    value = value.strip()
    value = value[1:] if value.startswith(("'", '"')) else value
    return value[:-1] if value.endswith(("'", '"')) else value


def _md_lines(source: str) -> tuple[list[str], list[int]]:
    """The source's lines as markdown-it numbers them, and the offset where each starts."""
    texts, starts, at = [], [0], 0
    for m in _MD_LINE_END.finditer(source):
        texts.append(source[at : m.start()])
        at = m.end()
        starts.append(at)
    texts.append(source[at:])
    return texts, starts


def _masked(source: str, length: int) -> str:
    """The source with its first ``length`` characters blanked, line breaks kept, so
    offsets and line numbers stay those of the file."""
    head = re.sub(r"[^\r\n]", " ", source[:length])
    return head + source[length:]


def extract_markdown(source: str, path: str = "") -> Document:
    from markdown_it import MarkdownIt

    lines = LineIndex(source)
    skip, title = front_matter(source)
    limits: list[Limit] = []
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(bounded_markdown(_masked(source, skip), limits))
    deepest = md.options.maxNesting - 1  # markdown-it drops what a container opened this deep holds
    source_lines, md_starts = _md_lines(source)
    blocks: list[Block] = []
    kind, level = BlockKind.PARAGRAPH, 0
    containers: list[str] = []
    row_cursor: dict[int, int] = {}  # per source line: where the next table cell may start
    for token in tokens:
        if token.type in ("list_item_open", "blockquote_open", "th_open", "td_open"):
            containers.append(token.type)
            if token.level >= deepest and token.map and token.type in ("list_item_open", "blockquote_open"):
                line = md_starts[min(token.map[0], len(md_starts) - 1)]
                note(limits, line, line + max(1, min(len(source_lines[token.map[0]]), 100)), NESTING)
        elif token.type in ("list_item_close", "blockquote_close", "th_close", "td_close"):
            containers.pop()
        elif token.type == "heading_open":
            kind, level = BlockKind.HEADING, int(token.tag[1])
        elif token.type == "paragraph_open":
            kind, level = _paragraph_kind(containers), 0
        elif token.type == "inline" and token.map:
            cell = bool(containers) and containers[-1] in ("th_open", "td_open")
            block = _inline_block(
                token, BlockKind.TABLE_CELL if cell else kind, level, source, source_lines, md_starts, row_cursor
            )
            if block is not None:
                blocks.append(block)
            kind, level = BlockKind.PARAGRAPH, 0
    return Document(path, source, blocks, lines, "", title, title_is_h1=bool(title), limits=limits)


def _paragraph_kind(containers: list[str]) -> BlockKind:
    for container in reversed(containers):
        if container == "list_item_open":
            return BlockKind.LIST_ITEM
        if container == "blockquote_open":
            return BlockKind.QUOTE
    return BlockKind.PARAGRAPH


def _line_offsets(token, source_lines: list[str], md_starts: list[int], row_cursor: dict[int, int]) -> list[int]:
    """Source offset of the start of each line of the token's inline source."""
    first = token.map[0]
    offsets = []
    for i, text in enumerate(token.content.split("\n")):
        number = first + i
        line = source_lines[number] if number < len(source_lines) else ""
        start = row_cursor.get(number, 0)
        col = line.find(text, start) if text else start
        if col < 0:
            col = max(line.find(text.strip(), start), start)
        row_cursor[number] = col + len(text)
        offsets.append(md_starts[min(number, len(md_starts) - 1)] + col)
    return offsets


def _inline_block(token, kind, level, source, source_lines, md_starts, row_cursor) -> Block | None:
    content = token.content
    starts = _line_offsets(token, source_lines, md_starts, row_cursor)
    line_starts = [0]
    for m in re.finditer("\n", content):
        line_starts.append(m.end())

    def src(offset: int) -> int:
        """Source offset of a content offset."""
        k = bisect.bisect_right(line_starts, offset) - 1 if offset else 0  # a scan would be quadratic
        return starts[k] + offset - line_starts[k]

    text: list[str] = []
    smap = SourceMap()
    marks: list[Mark] = []
    open_links: list[tuple[int, str]] = []
    at = 0  # cursor in content
    length = 0

    def emit(chars: str, c_start: int, c_end: int, literal: bool) -> None:
        nonlocal length
        smap.add(length, src(c_start), src(c_end - 1) + 1 if c_end > c_start else src(c_start), literal)
        text.append(chars)
        length += len(chars)

    for child in token.children or ():
        if child.type == "text":
            at = _walk_text(child.content, content, at, emit)
        elif child.type in ("softbreak", "hardbreak"):
            newline = content.find("\n", at)
            if newline < 0:
                continue
            emit(" " if child.type == "softbreak" else "\n", newline, newline + 1, False)
            at = newline + 1
        elif child.type == "code_inline":
            found = content.find(child.content, at)
            at = found + len(child.content) + len(child.markup) if found >= 0 else at
        elif child.type == "html_inline":
            found = content.find(child.content, at)
            if found >= 0:
                if _BREAK_TAG.fullmatch(child.content.strip()):
                    emit("\n", found, found + len(child.content), False)
                at = found + len(child.content)
        elif child.type == "image":
            found = content.find("![", at)
            at = _past_destination(content, content.find("]", found)) if found >= 0 else at
        elif child.type == "link_open":
            open_links.append((length, child.attrs.get("href", "")))
        elif child.type == "link_close" and open_links:
            start, href = open_links.pop()
            if length > start:
                marks.append(Mark("link", start, length, str(href)))
            if child.markup != "autolink":
                at = _past_destination(content, content.find("]", at))
    joined = "".join(text)
    if not joined.strip():
        return None
    anchor = md_starts[min(token.map[0], len(md_starts) - 1)]
    return Block(kind, joined, smap, anchor, level, marks)


def _past_destination(content: str, bracket: int) -> int:
    """Given the "]" that closes a link's text, the offset after its destination:
    "(url "title")" with nested brackets, or a reference "[ref]", or nothing."""
    if bracket < 0:
        return len(content)
    i = bracket + 1
    if content.startswith("(", i):
        depth = 0
        for j in range(i, len(content)):
            if content[j] == "\\":
                continue
            depth += {"(": 1, ")": -1}.get(content[j], 0)
            if depth == 0:
                return j + 1
        return len(content)
    if content.startswith("[", i):
        close = content.find("]", i)
        return close + 1 if close >= 0 else len(content)
    return i


def _walk_text(rendered: str, content: str, at: int, emit) -> int:
    """Emit ``rendered`` mapped onto ``content`` from ``at``: literal characters as they
    are, and each backslash escape or entity as the one character it stands for.
    Markup between (``*``, ``[``) is stepped over. Returns the new cursor."""
    i = 0
    n = len(content)
    run_start = -1  # start (in content) of the current literal run
    run_text: list[str] = []

    def flush() -> None:
        nonlocal run_start
        if run_text:
            emit("".join(run_text), run_start, run_start + len(run_text), True)
            run_text.clear()
        run_start = -1

    while i < len(rendered) and at < n:
        ch = rendered[i]
        c = content[at]
        entity = _ENTITY.match(content, at) if c == "&" else None
        if entity and entity.group() != ch and rendered.startswith(html.unescape(entity.group()), i):
            decoded = html.unescape(entity.group())
            flush()
            emit(decoded, at, entity.end(), False)
            i += len(decoded)
            at = entity.end()
        elif c == ch:
            if run_start < 0:
                run_start = at
            run_text.append(ch)
            i += 1
            at += 1
        elif c == "\\" and at + 1 < n and content[at + 1] == ch:
            flush()
            emit(ch, at, at + 2, False)
            i += 1
            at += 2
        else:
            flush()
            at += 1  # markup, or something we cannot align: step over it
    flush()
    if i < len(rendered):  # could not place the rest: keep the text, pointing at the cursor
        end = max(at, 1)
        emit(rendered[i:], end - 1, end, False)
    return at
