"""Sentences and words, found by spaCy's tokenizer and rule-based sentencizer.

No statistical model is loaded: a blank English pipeline knows abbreviations
("Dr.", "e.g.") and decimals ("2.5 mg"), which is what sentence counting gets wrong
in simpler tools. Every block is segmented on its own, and a line break (<br>) ends
a sentence, so headings, list items and a lead-in ending in ":" never run together.
"""

from __future__ import annotations

import re
import sys
import types
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, NamedTuple, Sequence

from plainlint.document import Block

if TYPE_CHECKING:  # spaCy is imported on first use, keeping `plainlint --help` fast
    from spacy.tokenizer import Tokenizer

# Token attributes read in one call (spacy.attrs ids): reading Token objects one by one
# costs more than tokenizing. IDX, LENGTH, SPACY (whitespace follows), IS_PUNCT.
_ATTRS = [455, 71, 81, 5]

# Characters that join two tokens into one word when no space separates them:
# "well-known", "don't", "COVID-19".
_JOINERS = frozenset("-'’‐‑")
_ADDRESS = re.compile(r"@|://|\bwww\.|\w\.[^\W\d_]{2,}")


def is_address(text: str) -> bool:
    """A web or email address or a file name: read as one unit, not as words with syllables."""
    return ("." in text or "@" in text or "/" in text) and _ADDRESS.search(text) is not None


class Word(NamedTuple):
    """A word: offsets into its block's text, end exclusive. A named tuple: a page has
    thousands, and a tuple is made in half the time of a frozen dataclass."""

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
def tokenizer() -> Tokenizer:
    """spaCy's English tokenizer from a blank pipeline, built once per process."""
    spacy = _import_spacy()

    from spacy.attrs import IS_PUNCT

    nlp = spacy.blank("en")
    # A new word's lexeme computes only what is read here, whether it is punctuation: its
    # other attributes (shape, norm, like_num...) are a Python call each, a sixth of the
    # tokenizer's time on new text, and nothing reads them. Tokens are split the same.
    getters = nlp.vocab.lex_attr_getters
    if IS_PUNCT in getters:
        nlp.vocab.lex_attr_getters = {IS_PUNCT: getters[IS_PUNCT]}
    # The tokenizer alone: its memory grows with the text and the file size limit bounds
    # that (spaCy's max_length guards parser and NER models, which are not loaded).
    return nlp.tokenizer


def _import_spacy():
    """``import spacy``, without its command-line interface.

    spaCy's package imports ``spacy.cli`` (typer, weasel, requests, jinja2: 370 modules,
    a quarter to a third of its import time, and of plainlint's cold start) only to offer
    ``spacy.info``. Stand-ins take its place during the import: ``spacy.info`` then imports
    the real one when called, and ``import spacy.cli`` works as ever afterwards. A spaCy
    whose import the stand-ins do not fit is imported as it is.
    """
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so that spacy.cli.info is its module
    info = types.ModuleType("spacy.cli.info")
    info.info = _spacy_info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(stand_ins)
    try:
        import spacy
    except ImportError:
        spacy = None
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if spacy is None:  # the stand-ins did not fit this spaCy: start again without them
        for name in [n for n in sys.modules if n == "spacy" or n.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    return spacy


def _spacy_info(*args, **kwargs):
    """``spacy.info``, the real one, imported when first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


@cache
def _sentence_ends() -> frozenset[str]:
    """The characters that end a sentence for spaCy's rule-based sentencizer."""
    from spacy.pipeline.sentencizer import Sentencizer

    return frozenset(Sentencizer.default_punct_chars)


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


def _sentences(rows: list[list[int]], text: str) -> list[tuple[int, int]]:
    """Token ranges of the sentences of one line, as spaCy's sentencizer splits them: a
    sentence ends after a run of ending punctuation ("?!", ".)"), before the next token
    that is neither punctuation nor an ending character."""
    ends = _sentence_ends()
    bounds = [0]
    seen_end = False
    for i, (idx, length, _, punct) in enumerate(rows):
        is_end = text[idx : idx + length] in ends
        if seen_end and not punct and not is_end:
            bounds.append(i)
            seen_end = False
        elif is_end:
            seen_end = True
    bounds.append(len(rows))
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _words(rows: list[list[int]], text: str, base: int, line: str) -> tuple[Word, ...]:
    """Words of a run of tokens; tokens joined by a hyphen or apostrophe make one word.
    ``text`` is what was tokenized (maybe with stand-ins), ``line`` the real text."""
    words: list[Word] = []
    start = end = -1  # the word being read, in ``line``
    joinable = False  # may the next token continue it?
    for t_start, length, space, _ in rows + [[len(line), 0, 1, 0]]:  # a last empty token ends the last word
        t_end = t_start + length
        token = text[t_start:t_end]
        wordy = token.isalnum() or any(c.isalnum() for c in token)
        if joinable and t_start == end and (wordy or token in _JOINERS):
            end = t_end
        else:
            if start >= 0:
                while end > start and line[end - 1] in _JOINERS:  # "pre- and post-op"
                    end -= 1
                if end > start:
                    words.append(Word(base + start, base + end, line[start:end]))
            start, end = (t_start, t_end) if wordy else (-1, -1)
        joinable = start >= 0 and not space
    return tuple(words)


def segment(blocks: Sequence[Block]) -> list[Sentence]:
    """Split every block into sentences with their words, in reading order."""
    tokenize = tokenizer()
    sentences: list[Sentence] = []
    for index, base, line in _lines(blocks):
        text = _stand_in(line)
        rows = tokenize(text).to_array(_ATTRS).tolist()
        for first, last in _sentences(rows, text):
            start_char = rows[first][0]
            end_char = rows[last - 1][0] + rows[last - 1][1]
            raw = line[start_char:end_char]  # the real text, not a stand-in's
            stripped = raw.strip()
            if not stripped:
                continue
            start = base + start_char + (len(raw) - len(raw.lstrip()))
            sentences.append(Sentence(index, start, start + len(stripped), stripped,
                                      _words(rows[first:last], text, base, line)))
    return sentences
