"""Finding where a writer has explained a term: the ways health writers gloss words.

At the term's first use, or in the sentence that follows it:
  plain words (term)            your outlook (prognosis)
  term (plain words)            uterus (womb); CSF (cerebrospinal fluid)
  cue phrases                   term, also called / known as / sometimes called / which means / or
                                also called / known as / this is called term
  a definition sentence         A lumbar puncture is a test to...; Leptomeningeal metastases mean...
  markup                        <dfn>term</dfn>, a link to a glossary entry, <abbr title> (weak)
Anywhere on the page, for the whole page:
  a <dl> glossary; a heading naming the term whose section opens by defining it
  ("What is a biopsy?" / "A biopsy is..."); a list of other names after "also called:".
Abbreviations must sit next to a long form whose letters they take, in either order
(after Schwartz and Hearst, 2003).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.analysis.candidates import Occurrence, find_abbreviations
from plainlint.analysis.segment import Sentence
from plainlint.document import Block, BlockKind

WEAK = "abbr-title"  # explained only in a title attribute: counts, but is reported

_PAREN_AFTER = re.compile(r"\s*\(\s*([^()]{1,150}?)\s*\)")
_NOT_AN_EXPLANATION = re.compile(r"^(?:see|page|p\.|pp\.|fig|figure|table|ref|source|for example)\b|^[\d\s.,%-]+$", re.I)
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
# A section that opens by defining its heading's term without repeating it.
_SECTION_DEFINES = re.compile(r"^(?:this|it|they|these)(?:\s+(?:is|are|means|mean)|'s|\u2019s)\s", re.I)
_OPEN_PAREN_BEFORE = re.compile(r"\(\s*(?:the\s+|an?\s+)?$", re.I)
_ALIAS_LEAD = re.compile(r"(?:also called|also known as|sometimes called|other names(?: for (?:it|this))?(?: are| include)?)\s*:$", re.I)
_GLOSSARY_LINK = re.compile(r"gloss|dictionar|defin|/terms?/|#", re.I)
_WORD = re.compile(r"[^\W\d_][\w\u2019'-]*")


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
    """Is bracketed ``content`` an explanation of the term (not a code or a reference)?"""
    if occ.abbreviation:
        return long_form_matches(occ.key, content)
    if _NOT_AN_EXPLANATION.match(content):
        return False
    return any(w.islower() and len(w) > 1 for w in _WORD.findall(content))


def defines(name: str, sentence: Sentence, block: Block, case_sensitive: bool = False) -> bool:
    """Does ``sentence`` open with ``name`` followed by "is", "are", "means"...?"""
    text = block.text[sentence.start : sentence.end]
    for m in re.finditer(re.escape(name), text, 0 if case_sensitive else re.I):
        if _DEFINITION_LEAD.match(text[: m.start()]) and _DEFINING_VERB.match(text, m.end()):
            return True
    return False


def glossed_here(occ: Occurrence, sentence: Sentence, block: Block) -> str | None:
    """How the term is explained in its own sentence, or None."""
    weak = None
    for mark in block.marks:
        if mark.start <= occ.start and occ.end <= mark.end:
            if mark.kind == "dfn":
                return "dfn"
            if mark.kind == "link" and _GLOSSARY_LINK.search(mark.value):
                return "glossary link"
            if mark.kind == "abbr" and mark.value.strip():
                weak = WEAK  # keep looking: the text may explain it as well
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
    return weak


def abbreviation_in_brackets(occ: Occurrence, block: Block) -> str | None:
    """The abbreviation given right after a term, as in "cerebrospinal fluid (CSF)"."""
    m = _PAREN_AFTER.match(block.text, occ.end)
    if m:
        inner = m.group(1)
        if find_abbreviations(inner) and len(inner.split()) == 1 and long_form_matches(inner, occ.text):
            return inner
    return None


@dataclass
class PageGlosses:
    """Explanations that hold for the whole page, found once per page."""

    glossary: set[str] = field(default_factory=set)  # <dt> terms, case-folded
    alias_blocks: set[int] = field(default_factory=set)  # list items after "also called:"
    sections: set[str] = field(default_factory=set)  # keys defined by a heading's section


def page_glosses(doc: AnalysedDocument, occurrences: list[Occurrence]) -> PageGlosses:
    blocks = doc.document.blocks
    page = PageGlosses()
    for i, (here, nxt) in enumerate(zip(blocks, blocks[1:])):
        if here.kind is BlockKind.TERM and nxt.kind is BlockKind.DEFINITION:
            page.glossary.add(here.text.strip().rstrip(":").casefold())
        if _ALIAS_LEAD.search(here.text.rstrip()):
            j = i + 1
            while j < len(blocks) and blocks[j].kind is BlockKind.LIST_ITEM:
                page.alias_blocks.add(j)
                j += 1
    for occ in occurrences:
        if blocks[occ.block].kind is not BlockKind.HEADING or occ.key in page.sections:
            continue
        opening = _section_opening(doc, occ.block)
        if opening is not None:
            sentence, block = opening
            lead = block.text[sentence.start : sentence.end]
            if _SECTION_DEFINES.match(lead) or defines(occ.text, sentence, block, occ.abbreviation):
                page.sections.add(occ.key)
    return page


def _section_opening(doc: AnalysedDocument, heading: int) -> tuple[Sentence, Block] | None:
    """The first sentence under a heading, if the section has text before the next heading."""
    blocks = doc.document.blocks
    for i in range(heading + 1, len(blocks)):
        if blocks[i].kind is BlockKind.HEADING:
            return None
        sentences = doc.sentences_in(i)
        if sentences:
            return sentences[0], blocks[i]
    return None


def explanation(doc: AnalysedDocument, occ: Occurrence, page: PageGlosses) -> str | None:
    """How the term is explained at this use (its own sentence, the next one, or the page)."""
    blocks = doc.document.blocks
    if occ.key.casefold() in page.glossary or occ.text.casefold() in page.glossary:
        return "glossary"
    if occ.key in page.sections:
        return "section"
    if occ.block in page.alias_blocks:
        return "other name"
    sentence = doc.sentences[occ.sentence]
    block = blocks[occ.block]
    here = glossed_here(occ, sentence, block)
    if here and here != WEAK:
        return here
    # The next sentence may define the term, or the abbreviation given with it:
    # "...the cerebrospinal fluid (CSF). The CSF is a clear fluid that..."
    if occ.sentence + 1 < len(doc.sentences):
        following = doc.sentences[occ.sentence + 1]
        nblock = blocks[following.block]
        if defines(occ.text, following, nblock, occ.abbreviation):
            return "next sentence"
        alias = abbreviation_in_brackets(occ, block)
        if alias and defines(alias, following, nblock, case_sensitive=True):
            return "next sentence"
    return here
