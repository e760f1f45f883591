"""The page cut at its headings, so a writer sees which part of it is hard."""

from __future__ import annotations

from dataclasses import dataclass

from plainlint.analysis.readability import Counts, count
from plainlint.analysis.segment import Sentence
from plainlint.document import Block, BlockKind


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the text up to the next heading of any level (the text before the
    first heading is a section without one). Counts include the heading itself."""

    heading: int | None  # block index of the heading
    first_block: int
    title: str
    counts: Counts


def split_sections(blocks: list[Block], sentences: list[Sentence]) -> list[Section]:
    groups: list[tuple[int | None, int, list[Sentence]]] = []
    by_block: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_block.setdefault(s.block, []).append(s)
    for i, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING or not groups:
            groups.append((i if block.kind is BlockKind.HEADING else None, i, []))
        groups[-1][2].extend(by_block.get(i, ()))
    return [
        Section(heading, first, " ".join(blocks[heading].text.split()) if heading is not None else "", count(group))
        for heading, first, group in groups
        if group
    ]
