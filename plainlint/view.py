"""The page's text with its findings placed on it, for reports that show the page.

Built by the engine (reporters never compute): each finding a rule located in the text
becomes a mark on a block; page-wide findings and those located only at a tag have none.
"""

from __future__ import annotations

from dataclasses import dataclass

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.findings import Finding


@dataclass(frozen=True, slots=True)
class BlockView:
    kind: str  # heading, paragraph, list-item, table-cell, caption, quote, term, definition
    level: int  # heading level; 0 for other blocks
    text: str


@dataclass(frozen=True, slots=True)
class MarkView:
    finding: int  # index into the file's findings
    block: int
    start: int  # offsets into the block's text, end exclusive
    end: int


@dataclass(frozen=True, slots=True)
class PageView:
    title: str
    blocks: list[BlockView]
    marks: list[MarkView]


def page_view(doc: AnalysedDocument, findings: list[Finding]) -> PageView:
    blocks = [BlockView(b.kind.value, b.level, b.text) for b in doc.document.blocks]
    marks = [
        MarkView(i, *doc.located[f.span]) for i, f in enumerate(findings) if f.span in doc.located
    ]
    return PageView(doc.document.title, blocks, marks)
