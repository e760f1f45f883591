"""Sentences and words, found by spaCy's tokenizer and rule-based sentencizer.

No statistical model is loaded: a blank English pipeline knows abbreviations
("Dr.", "e.g.") and decimals ("2.5 mg"), which is what sentence counting gets wrong
in simpler tools. Every block is segmented on its own, and a line break (<br>) ends
a sentence, so headings, list items and a lead-in ending in ":" never run together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Sequence

from plainlint.document import Block

if TYPE_CHECKING:  # spaCy is imported on first use, keeping `plainlint --help` fast
    from spacy.language import Language

# Characters that join two tokens into one word when no space separates them:
# "well-known", "don't", "COVID-19".
_JOINERS = frozenset("-'’‐‑")
_ADDRESS = re.compile(r"@|://|\bwww\.|\w\.[^\W\d_]{2,}")


def is_address(text: str) -> bool:
    """A web or email address or a file name: read as one unit, not as words with syllables."""
    return ("." in text or "@" in text or "/" in text) and _ADDRESS.search(text) is not None


@dataclass(frozen=True, slots=True)
class Word:
    """A word: offsets into its block's text, end exclusive."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a heading, list item or line that stands alone)."""

    block: int  # index into Document.blocks
    start: int
    end: int
    text: str
    words: tuple[Word, ...]


@cache
def pipeline() -> Language:
    """A blank English pipeline with a sentencizer, built once per process."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    # max_length guards the memory of parser and NER models, which this pipeline has not;
    # its tokenizer's memory grows with the text, and the file size limit bounds that
    nlp.max_length = 2**62
    return nlp


# spaCy's tokenizer peels punctuation off a token one character at a time, copying the
# rest each time: a 10,000-character run such as "((((" or "](](" takes seconds. No word
# is that long, so such a run is handed to spaCy as a stand-in of the same length (one
# plain token), and its words keep the real text.
_LONG_RUN = re.compile(r"[^\s]{100,}")


def _stand_in(line: str) -> str:
    """``line`` with every run of 100 or more non-space characters replaced by a stand-in
    of the same length: letters if it has a letter or digit (one word), else spaces."""
    if len(line) < 100:
        return line
    return _LONG_RUN.sub(lambda m: ("x" if any(c.isalnum() for c in m.group()) else " ") * len(m.group()), line)


def _lines(blocks: Sequence[Block]):
    """(block index, offset, text) for each line of each block: <br> splits sentences."""
    for index, block in enumerate(blocks):
        offset = 0
        for line in block.text.split("\n"):
            if line.strip():
                yield index, offset, line
            offset += len(line) + 1


def _words(span, base: int, line: str) -> tuple[Word, ...]:
    """Words of a spaCy span; tokens joined by a hyphen or apostrophe make one word."""
    words: list[Word] = []

    def close(start: int, end: int) -> None:
        while end > start and line[end - 1] in _JOINERS:  # "pre- and post-op"
            end -= 1
        if end > start:
            words.append(Word(base + start, base + end, line[start:end]))

    start = end = -1
    joinable = False  # may the next token continue the current word?
    for token in span:
        text = token.text
        wordy = any(c.isalnum() for c in text)
        t_start = token.idx
        if start >= 0 and joinable and t_start == end and (wordy or text in _JOINERS):
            end = t_start + len(text)
        else:
            if start >= 0:
                close(start, end)
            start, end = (t_start, t_start + len(text)) if wordy else (-1, -1)
        joinable = start >= 0 and not token.whitespace_
    if start >= 0:
        close(start, end)
    return tuple(words)


def segment(blocks: Sequence[Block]) -> list[Sentence]:
    """Split every block into sentences with their words, in reading order."""
    items = list(_lines(blocks))
    nlp = pipeline()
    sentences: list[Sentence] = []
    for (index, base, line), doc in zip(items, nlp.pipe(_stand_in(text) for _, _, text in items)):
        for sent in doc.sents:
            raw = line[sent.start_char : sent.end_char]  # the real text, not a stand-in's
            text = raw.strip()
            if not text:
                continue
            start = base + sent.start_char + (len(raw) - len(raw.lstrip()))
            sentences.append(Sentence(index, start, start + len(text), text, _words(sent, base, line)))
    return sentences
