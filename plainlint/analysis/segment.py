"""Sentences and words, found by spaCy's tokenizer and rule-based sentencizer.

No statistical model is loaded: a blank English pipeline knows abbreviations
("Dr.", "e.g.") and decimals ("2.5 mg"), which is what sentence counting gets wrong
in simpler tools. Every block is segmented on its own, and a line break (<br>) ends
a sentence, so headings, list items and a lead-in ending in ":" never run together.
"""

from __future__ import annotations

import operator
import re
import sys
import types
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Iterator, NamedTuple, Sequence

from plainlint.document import Block

if TYPE_CHECKING:  # spaCy is imported on first use, keeping `plainlint --help` fast
    from spacy.tokenizer import Tokenizer

# Token attributes read in one call (spacy.attrs ids): reading Token objects one by one
# costs more than tokenizing. IDX, LENGTH, SPACY (whitespace follows), IS_PUNCT.
_ATTRS = [455, 71, 81, 5]

# Characters that join two tokens into one word when no space separates them:
# "well-known", "don't", "COVID-19".
_JOINERS = frozenset("-'’‐‑")
_ALNUM = re.compile(r"[^\W_]")  # a character for which str.isalnum() is true, as re defines \w
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


_TEXT = operator.itemgetter(2)


def texts(words: Sequence[Word]) -> Iterator[str]:
    """The words' texts. A Word is a tuple and its text item 2: taken by itemgetter in C,
    rather than by a Python loop reading ``.text``; the rules read every word's text."""
    return map(_TEXT, words)


# Word(...) goes through a generated __new__ that packs its arguments into a tuple; a page
# makes hundreds of thousands of words, and making the tuple directly takes half the time.
_new = tuple.__new__


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a heading, list item or line that stands alone)."""

    block: int  # index into Document.blocks
    start: int
    end: int
    text: str
    words: tuple[Word, ...]


_CHUNK_CACHE = 1_000_000  # distinct chunks whose split spaCy's tokenizer remembers (see tokenizer)


@cache
def tokenizer() -> Tokenizer:
    """spaCy's English tokenizer from a blank pipeline, built once per process."""
    from plainlint import collector

    with collector.paused():
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
    tokenizer = nlp.tokenizer
    # spaCy remembers how it split each space-separated chunk ("prognosis)." -> three
    # tokens), but only the first 10,000 distinct chunks: wcag-html has 18,700 and 3,000
    # MedQuAD pages 31,400, so past that every new chunk was split again at every use (2.3
    # times the tokenizer's time on text seen before). An entry is a few pointers to
    # lexemes the vocabulary keeps anyway; the cache never changes how a chunk is split.
    tokenizer.max_cache_size = max(tokenizer.max_cache_size, _CHUNK_CACHE)
    return tokenizer


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
# Anchored at a run's start: unanchored, the search tried every character of every long line
# and counted up to the next space from each. The leftmost long run's match is the same.
_LONG_RUN = re.compile(r"(?<!\S)\S{100,}")


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


# Bounds for pathological pages, far above any real one. The tokenizer keeps every distinct
# word it meets for the life of the process, and each is looked up, counted and weighed once
# a page: 9.5 MB of distinct made-up words took 89 s and 1 GB. A page is read up to the
# sentence that brings its distinct words (as written) past WORD_LIMIT, and no further.
WORD_LIMIT = 50_000
# A line is tokenized in pieces of at most this many characters, cut after a space: a sentence
# never runs from one piece into the next (no real sentence is a tenth of this long), and a
# one-line page stops at the word limit without its whole text being tokenized first.
PIECE = 100_000
# The tokenizer's vocabulary keeps every distinct token it has met, for the life of the process:
# a worker that reads page after page of made-up words would grow without end. Past this many,
# the next page gets a fresh tokenizer (a few tenths of a second); it splits text the same way.
_VOCABULARY_LIMIT = 1_000_000


def segment(blocks: Sequence[Block]) -> list[Sentence]:
    """Split every block into sentences with their words, in reading order."""
    return read_sentences(blocks).sentences


class Reading(NamedTuple):
    sentences: list[Sentence]
    stopped: Sentence | None  # the first sentence not read, when the page passed WORD_LIMIT
    cut: Sentence | None  # the first sentence of the first piece after a cut in a long line


def read_sentences(blocks: Sequence[Block]) -> Reading:
    """The sentences of every block, in reading order, up to the one that brings the page's
    distinct words past WORD_LIMIT; and where the bounds took effect."""
    limit = WORD_LIMIT
    cut = None
    tokenize = tokenizer()
    ends = _sentence_ends()
    sentences: list[Sentence] = []
    # a word and what separates it from the next take two characters or more: until ``read``
    # passes twice the limit, there cannot be too many words, and none are counted
    read = 0
    seen: set[str] | None = None
    for index, base, line in _lines(blocks):
        for at, piece in _pieces(line) if len(line) > PIECE else ((0, line),):
            first = len(sentences)
            text = _stand_in(piece)
            _read_line(tokenize(text).to_array(_ATTRS).tolist(), text, piece, index, base + at, ends, sentences)
            if at and cut is None and len(sentences) > first and sentences[first].words:
                cut = sentences[first]
            read += len(piece) + 1
            if read > 2 * limit:
                if seen is None:
                    seen, first = set(), 0
                over = _past_limit(sentences, first, seen, limit)
                if over is not None:
                    stop = sentences[over]
                    del sentences[over:]
                    _forget_words(tokenize)
                    return Reading(sentences, stop, cut if cut is not None and cut is not stop else None)
    _forget_words(tokenize)
    return Reading(sentences, None, cut)


def _forget_words(tokenize: Tokenizer) -> None:
    if len(tokenize.vocab) > _VOCABULARY_LIMIT:
        tokenizer.cache_clear()


def _pieces(line: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each piece of a long line, cut after the last space of each
    PIECE characters (or at PIECE characters when there is none)."""
    at = 0
    while len(line) - at > PIECE:
        cut = line.rfind(" ", at, at + PIECE) + 1
        if cut <= at:
            cut = at + PIECE
        yield at, line[at:cut]
        at = cut
    yield at, line[at:]


def _past_limit(sentences: list[Sentence], first: int, seen: set[str], limit: int) -> int | None:
    """The index of the first sentence from ``first`` on whose words bring ``seen`` past ``limit``."""
    for i in range(first, len(sentences)):
        seen.update(texts(sentences[i].words))
        if len(seen) > limit:
            return i
    return None


def _read_line(rows: list[list[int]], text: str, line: str, index: int, base: int, ends: frozenset[str],
               out: list[Sentence]) -> None:
    """Sentences and words of one line's tokens, in one pass (a page has hundreds of
    thousands of tokens). ``text`` is what was tokenized (maybe with stand-ins), ``line``
    the real text.

    Sentences are split by the rule of spaCy's sentencizer: a sentence ends after a run of
    ending punctuation ("?!", ".)"), before the next token that is neither punctuation nor
    an ending character. Words are tokens with a letter or digit; tokens joined by a hyphen
    or apostrophe with no space between make one word ("well-known", "don't", "COVID-19").
    """
    words: list[Word] = []
    first = -1  # where the sentence being read starts in ``line``; -1: none yet
    last = 0  # and where its last token ends
    seen_end = False
    start = end = -1  # the word being read, while no space has followed it; -1: none
    for t_start, length, space, punct in rows:
        t_end = t_start + length
        token = text[t_start:t_end]
        is_end = length == 1 and token in ends  # the ending characters are single characters
        if seen_end and not punct and not is_end:  # a new sentence starts at this token
            if start >= 0:
                _add_word(words, base, line, start, end)
                start = -1
            _add_sentence(out, index, base, line, first, last, words)
            words, first, seen_end = [], -1, False
        elif is_end:
            seen_end = True
        if first < 0:
            first = t_start
        last = t_end
        alnum = token.isalnum()
        wordy = alnum or _ALNUM.search(token) is not None
        if start >= 0:
            if t_start == end and (wordy or token in _JOINERS):  # "well" "-" "known"
                end = t_end
                if space:
                    _add_word(words, base, line, start, end)
                    start = -1
                continue
            _add_word(words, base, line, start, end)
            start = -1
        if not wordy:
            continue
        if space and alnum:  # most words: one token of letters, then a space
            words.append(_new(Word, (base + t_start, base + t_end, line[t_start:t_end])))
        elif space:
            _add_word(words, base, line, t_start, t_end)
        else:
            start, end = t_start, t_end
    if start >= 0:
        _add_word(words, base, line, start, end)
    if first >= 0:
        _add_sentence(out, index, base, line, first, last, words)


def _add_word(words: list[Word], base: int, line: str, start: int, end: int) -> None:
    while end > start and line[end - 1] in _JOINERS:  # "pre- and post-op"
        end -= 1
    if end > start:
        words.append(_new(Word, (base + start, base + end, line[start:end])))


def _add_sentence(out: list[Sentence], index: int, base: int, line: str, first: int, last: int,
                  words: list[Word]) -> None:
    raw = line[first:last]  # the real text, not a stand-in's
    stripped = raw.strip()
    if stripped:
        start = base + first + (len(raw) - len(raw.lstrip()))
        out.append(Sentence(index, start, start + len(stripped), stripped, tuple(words)))
