"""Finding where a writer has explained a term: the ways health writers gloss words.

Forms recognised, at the term's use or in the sentence that follows it:
  plain words (term)            your outlook (prognosis)
  term (plain words)            uterus (womb); cerebrospinal fluid (CSF)
  cue phrases                   term, also called / known as / sometimes called / which means / or
                                also called / known as / this is called term
  a definition sentence         A lumbar puncture is a test to...; Leptomeningeal metastases mean...
  markup                        <dfn>term</dfn>, <abbr title="...">, a <dl> glossary on the page
Abbreviations must sit next to a long form whose letters they take, in either order
(after Schwartz and Hearst, 2003).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plainlint.analysis.segment import Sentence
from plainlint.document import Block, BlockKind

# Two or more capitals, possibly with digits, lower case letters or "&" among them:
# MRI, CSF, CT, mRNA, HbA1c, A&E, COVID-19. A trailing "s" is a plural (GPs, MRIs).
_ABBREVIATION = re.compile(r"(?<![\w&])([A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*(?:-\d+)?)(?![\w&])")

_PAREN_AFTER = re.compile(r"\s*\(\s*([^()]{1,150}?)\s*\)")
_CUE_AFTER = re.compile(
    r"\s*(?:,|\(|\u2013|\u2014|-)?\s*(?:also called|also known as|also named|known as|sometimes called"
    r"|often called|called|which means|which is|meaning|that is|i\.e\.)\b"
    r"|\s*,\s*or\s+\w",
    re.I,
)
_CUE_BEFORE = re.compile(
    r"(?:also called|also known as|known as|sometimes called|often called|is called|are called|called"
    r"|named|termed)\s*(?:an?\s+|the\s+)?[\"\u201c\u2018']?$",
    re.I,
)
# "X means/refers to/stands for ..." defines X; "X is/are ..." only when what follows
# reads as a description ("is a test", "are cells that", "is treatment with drugs"),
# not a comment on it ("your prognosis is good").
_DEFINING_VERB = re.compile(
    r"\s+(?:(?:means|mean|refers to|refer to|describes|describe|stands for)\s+\S"
    r"|(?:is|are|was|were)\s+(?:(?:a|an|the|one|any|some|something|someone|when|where|what|how)\b"
    r"|\w+(?:\s+\w+){0,2}?\s+(?:that|which|who|where|used|with|for|of|caused)\b))",
    re.I,
)
# What may come before a term at the start of a defining sentence: "A", "The", "Your",
# and up to two modifiers ("Leptomeningeal metastases mean...").
_DEFINITION_LEAD = re.compile(r"^(?:(?:an?|the|your|this|these)\s+)?(?:[\w\u2019'-]+\s+){0,2}$", re.I)
_OPEN_PAREN_BEFORE = re.compile(r"\(\s*(?:the\s+|an?\s+)?$", re.I)
_WORD = re.compile(r"[^\W\d_][\w\u2019'-]*")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One use of a candidate term: where it is and how to refer to it."""

    key: str  # what "the same term" means: canonical lexicon form, or the abbreviation
    sentence: int  # index into the document's sentences
    block: int
    start: int  # offsets into the block's text
    end: int
    text: str
    abbreviation: bool


def find_abbreviations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, abbreviation) for each abbreviation-like token in ``text``."""
    found = []
    for m in _ABBREVIATION.finditer(text):
        token = m.group(1)
        letters = [c for c in token if c.isalpha()]
        capitals = sum(c.isupper() for c in letters)
        if capitals < 2 or capitals * 2 < len(letters):
            continue  # "McDonald", "iPhone": names, not abbreviations
        if len(letters) > 5 and token.isupper():
            continue  # a shouted word ("IMPORTANT"), not an abbreviation
        key = token[:-1] if token.endswith("s") and token[:-1].isupper() else token
        found.append((m.start(1), m.end(1), key))
    return found


def long_form_matches(abbreviation: str, candidate: str) -> bool:
    """Do the abbreviation's letters appear in order in ``candidate``, the first one
    starting a word? The core test of Schwartz and Hearst's algorithm."""
    short = [c for c in abbreviation.lower() if c.isalnum()]
    long = candidate.lower()
    if not short or len(long) <= len(short):
        return False
    li = len(long) - 1
    for si in range(len(short) - 1, -1, -1):
        c = short[si]
        while li >= 0 and (long[li] != c or (si == 0 and li > 0 and long[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
    return True


def _long_form_before(abbreviation: str, before: str) -> bool:
    words = before.split()
    window = " ".join(words[-min(len(abbreviation) + 5, 2 * len(abbreviation)) :])
    return long_form_matches(abbreviation, window)


def _explains(content: str, occ: Occurrence) -> bool:
    """Is bracketed ``content`` an explanation of the term (not just another code)?"""
    if occ.abbreviation:
        return long_form_matches(occ.key, content)
    return any(w.islower() and len(w) > 1 for w in _WORD.findall(content))


def glossed_here(occ: Occurrence, sentence: Sentence, block: Block) -> str | None:
    """How the term is explained at this use, or None. The name is for messages and tests."""
    for mark in block.marks:
        if mark.start <= occ.start and occ.end <= mark.end:
            if mark.kind == "dfn":
                return "dfn"
            if mark.kind == "abbr" and mark.value.strip():
                return "abbr-title"
    text = block.text
    after = text[occ.end : sentence.end + 160]
    before = text[sentence.start : occ.start]
    paren = _PAREN_AFTER.match(after)
    if paren and _explains(paren.group(1), occ):
        return "term (plain words)"
    if not occ.abbreviation:  # "a massage called MLD" still leaves the letters unexplained
        if _CUE_AFTER.match(after):
            return "cue phrase after"
        if _CUE_BEFORE.search(before):
            return "cue phrase before"
    if _OPEN_PAREN_BEFORE.search(before) and re.match(r"\s*\)", after):
        outside = before[: before.rfind("(")]
        if occ.abbreviation:
            if _long_form_before(occ.key, outside):
                return "plain words (term)"
        elif _WORD.search(outside):
            return "plain words (term)"
    if defines(occ.text, sentence, block, case_sensitive=occ.abbreviation):
        return "definition sentence"
    return None


def defines(name: str, sentence: Sentence, block: Block, case_sensitive: bool = False) -> bool:
    """Does ``sentence`` open with ``name`` followed by "is", "are", "means"...?"""
    text = block.text[sentence.start : sentence.end]
    for m in re.finditer(re.escape(name), text, 0 if case_sensitive else re.I):
        if _DEFINITION_LEAD.match(text[: m.start()]) and _DEFINING_VERB.match(text, m.end()):
            return True
    return False


def abbreviation_in_brackets(occ: Occurrence, sentence: Sentence, block: Block) -> str | None:
    """The abbreviation given right after a term, as in "cerebrospinal fluid (CSF)"."""
    m = _PAREN_AFTER.match(block.text, occ.end)
    if m:
        inner = m.group(1)
        if find_abbreviations(inner) and len(inner.split()) == 1 and long_form_matches(inner, occ.text):
            return inner
    return None


def glossary_terms(blocks: list[Block]) -> set[str]:
    """Terms defined in a <dl> glossary on the page: a <dt> followed by a <dd>."""
    terms = set()
    for here, nxt in zip(blocks, blocks[1:]):
        if here.kind is BlockKind.TERM and nxt.kind is BlockKind.DEFINITION:
            terms.add(here.text.strip().rstrip(":").casefold())
    return terms
