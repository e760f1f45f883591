"""The analysed document that rules read: text blocks, sentences, counts, positions."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from plainlint.analysis import segment
from plainlint.analysis.readability import Counts
from plainlint.analysis.sections import Section, split_sections
from plainlint.analysis.segment import Sentence, read_sentences
from plainlint.document import Document
from plainlint.findings import Span


@dataclass
class AnalysedDocument:
    document: Document
    sentences: list[Sentence]
    _by_block: dict[int, list[Sentence]] = field(default_factory=dict, repr=False)
    # the text behind each span handed to a rule: (block, start, end) in block text
    located: dict[Span, tuple[int, int, int]] = field(default_factory=dict, repr=False)
    # the first sentence not read, on a page with more distinct words than WORD_LIMIT
    stopped_at: Sentence | None = None
    # the first sentence after a cut in a line too long to read whole (see segment._PIECE)
    cut_at: Sentence | None = None

    @cached_property
    def counts(self) -> Counts:
        return Counts.total(s.counts for s in self.sections)

    @cached_property
    def sections(self) -> list[Section]:
        return split_sections(self.document.blocks, self.sentences)

    def sentences_in(self, block: int) -> list[Sentence]:
        """The sentences of one block, in order."""
        if not self._by_block:
            for s in self.sentences:
                self._by_block.setdefault(s.block, []).append(s)
        return self._by_block.get(block, [])

    def locate(self, block: int, start: int, end: int) -> Span:
        """Source span of ``blocks[block].text[start:end]``."""
        b = self.document.blocks[block]
        if end <= start or not b.text:
            return self.locate_tag(b.anchor)
        src_start, src_end = b.source.span(start, end)
        span = self._span(src_start, src_end)
        self.located.setdefault(span, (block, start, end))
        return span

    def text_at(self, span: Span) -> str:
        """The text a finding is about: the block text behind the span when a rule
        located it in text, else the source between its ends; white space collapsed."""
        if span in self.located:
            block, start, end = self.located[span]
            text = self.document.blocks[block].text[start:end]
        else:
            lines = self.document.lines
            text = self.document.source[
                lines.offset(span.line, span.column - 1) : lines.offset(span.end_line, span.end_column - 1)
            ]
        return " ".join(text.split())

    def locate_block(self, block: int) -> Span:
        """Source span of a whole block, or of its start tag when it has no text."""
        return self.locate(block, 0, len(self.document.blocks[block].text))

    def locate_page(self) -> Span:
        """Where page-wide findings point: the first <h1>, else the first block."""
        blocks = self.document.blocks
        if not blocks:
            return Span(1, 1, 1, 1)
        for i, b in enumerate(blocks):
            if b.level == 1:
                return self.locate_block(i)
        return self.locate_block(0)

    def locate_tag(self, offset: int) -> Span:
        """Source span of the start tag beginning at ``offset``."""
        end = self.document.source.find(">", offset)
        return self._span(offset, end + 1 if end != -1 else offset + 1)

    def locate_source(self, start: int, end: int) -> Span:
        """Span of the source offsets ``start`` to ``end`` (end exclusive, end > start)."""
        return self._span(start, end)

    def _span(self, src_start: int, src_end: int) -> Span:
        lines = self.document.lines
        line, col = lines.position(src_start)
        end_line, end_col = lines.position(src_end)
        return Span(line, col, end_line, end_col)


    def bound_notices(self) -> list[tuple[Span, str]]:
        """Where a bound on pathological pages took effect, and what to tell the user."""
        notices = []
        if self.cut_at is not None:
            notices.append((
                self._first_word(self.cut_at),
                f"This line is over {segment.PIECE:,} characters long, far longer than any real sentence: "
                f"plainlint read it in pieces of up to {segment.PIECE:,} characters, and a sentence here ends "
                "where a piece does. Break the text into paragraphs and sentences.",
            ))
        if self.stopped_at is not None:
            notices.append((
                self._first_word(self.stopped_at),
                f"plainlint stopped checking this page here: it uses more than {segment.WORD_LIMIT:,} different "
                "words, far more than any real page, and the rest was not checked by this rule. "
                "Split the page, or check that it is the file you meant.",
            ))
        return notices

    def _first_word(self, s: Sentence) -> Span:
        word = s.words[0]
        return self.locate(s.block, word.start, word.end)


def analyse(document: Document) -> AnalysedDocument:
    sentences, stopped_at, cut_at = read_sentences(document.blocks)
    return AnalysedDocument(document, sentences, stopped_at=stopped_at, cut_at=cut_at)
