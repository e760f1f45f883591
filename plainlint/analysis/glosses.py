"""Finding where a writer has explained a term: the ways health writers gloss words.

At the term's first use, or in the sentence that follows it:
  plain words (term)            your outlook (prognosis); too acidic (metabolic acidosis)
  term (plain words)            uterus (womb); CSF (cerebrospinal fluid)
  cue phrases                   also called / known as / which means / that is; "uterus, or womb,";
                                an autologous transplant, which means...
  naming a plain kind           bumps called papules; a urine test called ACR; a description,
                                called X; "The medical name is X"; a list after "types of X:"
  apposition                    ondansetron, a medicine to stop sickness, ...
  example of a plain kind       anti-sickness medicines, such as ondansetron
  what it is for or does        vasopressors to raise blood pressure; X, which relax your vessels;
                                orlistat for weight loss; EVAR, where a tube is passed...
  a definition sentence         A lumbar puncture is a test to...; The rectum stores stool...
  going on about it             Some people get myalgia. This means aching muscles.
  markup                        <dfn>term</dfn>, a link to a glossary entry, <abbr title> (weak)
Anywhere on the page, for the whole page:
  a <dl> glossary; a heading naming the term whose section opens by defining it
  ("What is a biopsy?" / "A biopsy is..."); a list of other names after "also called:".
Abbreviations must sit next to a long form whose letters they take, in either order
(after Schwartz and Hearst, 2003), or next to words that say what they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from plainlint.analysis import gloss_patterns as pattern
from plainlint.analysis.analysed import AnalysedDocument
from plainlint.analysis.candidates import Occurrence, find_abbreviations, long_form_matches, ordinary_form
from plainlint.analysis.rarity import zipf
from plainlint.analysis.segment import Sentence
from plainlint.document import Block, BlockKind

WEAK = "abbr-title"  # explained only in a title attribute: counts, but is reported

_REACH = 300
# In the few words after a term, these mean "this" in the next sentence may be about
# something else: another term ("X or Y"), or what the sentence says of the term
# ("Your prognosis is good. It makes...").
# ...not counting a bracket, its abbreviation (", or AAA") or a range ("4 or 5 days")
_TAIL_ASIDES = re.compile(r"\([^()]*\)|,\s*or\s+[A-Z][\w-]*|\d+\s*(?:or|and|to)\s*\d+")
# How far after a term "the term ends its sentence" looks: a term with more text than this
# after it does not end its sentence, and a sentence of 200,000 words does not cost each of
# its terms the rest of the sentence (as _REACH does for the words around a term).
_TAIL_REACH = 1000
# The opening of a sentence, up to the end of a number of runs of non-space characters and
# one character more (for a \b): what DEFINITION_LEAD (seven runs before the term) and
# ANAPHORA (six runs) can reach, so that they read that much of a sentence, not all of it.
_RUNS = re.compile(r"(?:\s*\S+){0,8}")
_LEAD_RUNS = re.compile(r"(?:\S+\s+){0,7}")
_JOINS_OR_VERBS = frozenset(
    "and or is are was were be been will can may might could should would has have had does do".split()
)


def _plain(words: list[str], derived: bool = False) -> bool:
    """Are all the words common ones (or, with ``derived``, everyday words dressed up:
    "noncancerous")? A kind named in common words can still be jargon ("beta blockers"),
    so kinds are held to the stricter test."""
    return bool(words) and all(
        not w.isupper() and (_common(w) or (derived and ordinary_form(w))) for w in words
    )


def _common(word: str) -> bool:
    """Common in English, in the singular if not as written ("clots", "painkillers")."""
    w = word.lower()
    return zipf(w) >= pattern.PLAIN_ZIPF or (w.endswith("s") and zipf(w[:-1]) >= pattern.PLAIN_ZIPF)


def _mostly_plain(text: str) -> bool:
    """A description in mostly plain words: three or more words, two thirds of them plain
    ("a swelling in the main blood vessel that runs through your tummy")."""
    words = [w for w in pattern.WORD.findall(text) if w.lower() not in ("a", "an", "the")]
    plain = sum(_plain([w], derived=True) for w in words)
    return len(words) >= 3 and plain * 3 >= len(words) * 2


def _kind_named(text: str) -> bool:
    """Do the words just before a cue name a plain, specific kind? ("anti-sickness
    medicines such as", "a urine test called"; not "a test such as", "beta blockers like")."""
    text = text.rstrip(" ,")
    bracket = re.search(r"\(([^()]*)\)\s*$", text)
    if bracket:  # "Anticoagulants (blood thinners) such as"; not "benign (not cancer), such as"
        if re.match(r"\s*(?:not|no|or)\b", bracket.group(1), re.I):
            return False
        if _plain(pattern.WORD.findall(bracket.group(1)), derived=True):
            return True
    text = re.sub(r"\([^()]*\)\s*$", "", text).rstrip(" ,")
    if re.search(rf"\b(?:{pattern.CATEGORY})\s+to\s+[\w'-]+(?:\s+[\w'-]+){{0,3}}$", text, re.I):
        return True  # "medicine to dissolve gallstones, such as": a kind and what it is for
    words = [w for w in pattern.WORD.findall(text)[-2:] if w.lower() not in ("a", "an", "the", "some", "other", "your")]
    if not words or not _plain(words[-1:]):
        return False
    if len(words) > 1 and not _plain(words[:-1]):
        # a modifier may be an everyday word dressed up before a plain kind ("antiviral medicine")
        if not (re.fullmatch(pattern.CATEGORY, words[-1], re.I) and _plain(words[:-1], derived=True)):
            return False
    return len(words) > 1 or words[0].lower() not in pattern.VAGUE


def _long_form_before(abbreviation: str, before: str) -> bool:
    words = before.split()
    window = " ".join(words[-min(len(abbreviation) + 5, 2 * len(abbreviation)) :])
    return long_form_matches(abbreviation, window)


def _explains(content: str, occ: Occurrence) -> bool:
    """Is bracketed ``content`` an explanation of the term (not a code or a reference)?"""
    if occ.abbreviation:
        words = pattern.WORD.findall(content)
        comment = pattern.NOT_AN_EXPLANATION.match(content) or pattern.COMMENT.match(content)
        return long_form_matches(occ.key, content) or (len(words) >= 2 and _plain(words, derived=True) and not comment)
    if pattern.NOT_AN_EXPLANATION.match(content):
        return False
    return any(w.islower() and len(w) > 1 for w in pattern.WORD.findall(content))


def opening(sentence: Sentence, block: Block) -> str:
    """The first words of a sentence: all that ANAPHORA can read (see _RUNS)."""
    end = _RUNS.match(block.text, sentence.start, sentence.end).end()
    return block.text[sentence.start : min(sentence.end, end + 1)]


def defines(name: str, sentence: Sentence, block: Block, case_sensitive: bool = False) -> bool:
    """Does ``sentence`` open with ``name`` followed by "is", "are", "means"...?"""
    text = block.text
    # DEFINITION_LEAD matches at most seven runs of non-space characters, each followed by
    # space, so the name is looked for there only (a whole 200,000-word sentence was searched
    # and lower-cased for each of its terms before)
    reach = _LEAD_RUNS.match(text, sentence.start, sentence.end).end() + len(name)
    head = text[sentence.start : min(sentence.end, reach)]
    for start, end in _occurrences(name, head, case_sensitive):
        if pattern.DEFINITION_LEAD.match(head[:start]) and \
                pattern.DEFINING_VERB.match(text, sentence.start + end, sentence.end):
            return True
    return False


def _occurrences(name: str, text: str, case_sensitive: bool) -> list[tuple[int, int]]:
    """Where ``name`` occurs in ``text``, as ``re.finditer(re.escape(name))`` finds it, but
    without compiling a pattern for each term: a page has hundreds of them."""
    if not name or not (case_sensitive or (name.isascii() and text.isascii())):
        return [m.span() for m in re.finditer(re.escape(name), text, 0 if case_sensitive else re.I)]
    if not case_sensitive:  # ASCII: lower case is what re.IGNORECASE compares
        name, text = name.lower(), text.lower()
    found = []
    at = text.find(name)
    while at != -1:
        found.append((at, at + len(name)))
        at = text.find(name, at + len(name))
    return found


def _search_needing(regex: re.Pattern, needs: tuple[str, ...], text: str, low: str | None) -> re.Match | None:
    """``regex.search(text)``, skipped when ``low`` (``text`` in lower case, given when it is
    ASCII, where re.IGNORECASE is plain lower case) holds none of the words that ``regex``
    needs. These searches end at the term, so they try every one of the few hundred
    characters before it; most find nothing, and looking for a word first is far cheaper."""
    if low is not None and not any(word in low for word in needs):
        return None
    return regex.search(text)


def glossed_here(occ: Occurrence, sentence: Sentence, block: Block) -> str | None:
    """How the term is explained in its own sentence, or None."""
    weak = None
    for mark in block.marks:
        if mark.start <= occ.start and occ.end <= mark.end:
            if mark.kind == "dfn":
                return "dfn"
            if mark.kind == "link" and pattern.GLOSSARY_LINK.search(mark.value):
                return "glossary link"
            if mark.kind == "abbr" and mark.value.strip():
                weak = WEAK  # keep looking: the text may explain it as well
    text = block.text
    # explanations sit close to the term: look a few hundred characters either way, so a
    # very long sentence costs the same per term as a short one
    after = text[occ.end : min(sentence.end + 160, occ.end + _REACH)]
    before = text[max(sentence.start, occ.start - _REACH) : occ.start]
    if occ.abbreviation and (colon := re.match(r"\s*[:\u2013\u2014-]\s*(.{3,80})", after)) \
            and long_form_matches(occ.key, colon.group(1)):
        return "abbreviation: long form"
    paren = (pattern.PAREN_AFTER if occ.abbreviation else pattern.PAREN_AFTER_PHRASE).match(after)
    if paren and _explains(paren.group(1), occ):
        return "term (plain words)"
    if not occ.abbreviation and pattern.CUE_AFTER.match(after):
        return "cue phrase after"
    cue_words = pattern.CUE_WORDS.match(after) if occ.abbreviation else None
    if cue_words and _plain(pattern.WORD.findall(cue_words.group(1))[:3], derived=True):
        return "cue phrase after"  # "CABG, sometimes called a heart bypass"
    if pattern.WHERE_CLAUSE.match(after):
        return "what it is"
    for_what = pattern.FOR_WHAT.match(after)
    if for_what:
        words = pattern.WORD.findall(for_what.group(1))
        if words and words[0].lower() not in pattern.NOT_A_PURPOSE \
                and not any(w.lower() in pattern.TIME_WORDS for w in words) and _plain(words, derived=True):
            return "what it is for"
    or_plain = pattern.OR_PLAIN.match(after)
    if not occ.abbreviation and or_plain and _plain(pattern.WORD.findall(or_plain.group(1)), derived=True):
        return "term, or plain words"
    if pattern.APPOSITION.match(after) or pattern.COLON_DEFINITION.match(after) or pattern.DASH_GLOSS.match(after):
        return "apposition"
    if pattern.WHICH_DOES.match(after):
        return "what it does"
    if pattern.PURPOSE_FIRST.match(text, sentence.start, occ.start):
        return "purpose"
    if pattern.PURPOSE.match(after):
        return "purpose"
    low = before.lower() if before.isascii() else None
    cue = _search_needing(pattern.CUE_BEFORE, pattern.CUE_BEFORE_NEEDS, before, low)
    if cue:
        naming = cue.group(1).lower() in ("called", "named", "termed")
        if not naming or _kind_named(before[: cue.start()]):
            return "cue phrase before"  # "a urine test called ACR": the reader knows what it is
        described = before[: cue.start()].rstrip()
        if described.endswith(",") and _mostly_plain(re.split(r"[,;:(]", described[:-1])[-1].split(".")[-1]):
            return "cue phrase before"  # "the same virus as chickenpox, called varicella zoster"
    if pattern.NAMED_AS.fullmatch(text, sentence.start, occ.start) and re.match(r"\s*(?:[.,;:(]|$)", after):
        return "named as one of a kind"
    # searches anchored at the end of ``before`` cannot match unless it ends so
    tail = before.rstrip()
    reversed_apposition = pattern.REVERSED_APPOSITION.search(before) if tail.endswith(",") else None
    if reversed_apposition and re.match(r"\s*[,.;)]", after) \
            and _plain(pattern.WORD.findall(reversed_apposition.group(1)), derived=True):
        return "apposition"  # "the thyroid hormone, thyroxine,"
    example = _search_needing(pattern.EXAMPLE_OF, pattern.EXAMPLE_OF_NEEDS, before, low)
    if example and _kind_named(before[: example.end(1)]):
        return "example of a kind"
    if occ.abbreviation and tail.endswith("or") and re.search(r",\s*or\s*$", before) \
            and _long_form_before(occ.key, before.rstrip(" ,or")):
        return "long form, or abbreviation"
    if "(" in before and pattern.OPEN_PAREN_BEFORE.search(before) and pattern.CLOSE_PAREN_AFTER.match(after):
        outside = before[: before.rfind("(")]
        if not occ.abbreviation or _long_form_before(occ.key, outside) or len(pattern.WORD.findall(outside)) >= 2:
            if pattern.WORD.search(outside):
                return "plain words (term)"
    if defines(occ.text, sentence, block, case_sensitive=occ.abbreviation):
        return "definition sentence"
    return weak


def abbreviation_in_brackets(occ: Occurrence, sentence: Sentence, block: Block) -> str | None:
    """The abbreviation given right after a term, as in "cerebrospinal fluid (CSF)" or
    "human papillomavirus (HPV)", whose long form may start before the term."""
    m = pattern.PAREN_AFTER.match(block.text, occ.end)
    if m:
        inner = m.group(1)
        if find_abbreviations(inner) and len(inner.split()) == 1 \
                and _long_form_before(inner, block.text[sentence.start : occ.end]):
            return inner
    return None


@dataclass
class PageGlosses:
    """Explanations that hold for the whole page, found once per page."""

    glossary: set[str] = field(default_factory=set)  # <dt> terms, case-folded
    alias_blocks: set[int] = field(default_factory=set)  # list items after "also called:"
    sections: set[str] = field(default_factory=set)  # keys defined by a heading's section
    # found as asked, once a page, as a long list would cost each of its items the whole list:
    lead_ins: dict[int, int] = field(default_factory=dict)  # list item -> block before its list, or -1
    kinds: dict[int, bool] = field(default_factory=dict)  # block -> does it end naming a kind of item


def page_glosses(doc: AnalysedDocument, occurrences: list[Occurrence]) -> PageGlosses:
    blocks = doc.document.blocks
    page = PageGlosses()
    openings: dict[int, tuple[Sentence, Block] | None] = {}  # a heading's: it may hold many terms
    for i, (here, nxt) in enumerate(zip(blocks, blocks[1:])):
        if here.kind is BlockKind.TERM and nxt.kind is BlockKind.DEFINITION:
            page.glossary.add(here.text.strip().rstrip(":").casefold())
        lead = here.text.rstrip()
        # the pattern ends in ":$": a block that does not end in ":" is not searched at all
        if lead.endswith(":") and pattern.ALIAS_LEAD.search(lead):
            j = i + 1
            while j < len(blocks) and blocks[j].kind is BlockKind.LIST_ITEM:
                page.alias_blocks.add(j)
                j += 1
    for occ in occurrences:
        if blocks[occ.block].kind is not BlockKind.HEADING or occ.key in page.sections:
            continue
        if occ.block not in openings:
            openings[occ.block] = _section_opening(doc, occ.block)
        section = openings[occ.block]
        if section is not None:
            sentence, block = section
            # a section may open by defining its heading's term without repeating it
            if pattern.ANAPHORA.match(opening(sentence, block)) \
                    or defines(occ.text, sentence, block, occ.abbreviation) \
                    or (occ.key != occ.text and defines(occ.key, sentence, block, occ.abbreviation)):
                page.sections.add(occ.key)  # "Hypos" heading, "A hypo is when..." section
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


def _names_kind_of_list(doc: AnalysedDocument, occ: Occurrence, page: PageGlosses) -> bool:
    """A list item that opens with the term, after a lead-in naming what the items are:
    "There are two main types of stimulant:" then "methylphenidate (Ritalin)"."""
    blocks = doc.document.blocks
    first_words = [m.group() for m in islice(pattern.WORD.finditer(blocks[occ.block].text, 0, occ.start), 2)]
    if first_words not in ([], ["a"], ["an"], ["the"]):
        return False
    i = _lead_in(blocks, occ.block, page.lead_ins)
    if i < 0 or blocks[i].kind is BlockKind.HEADING:
        return False
    if i not in page.kinds:
        page.kinds[i] = _names_kind(blocks[i].text)
    return page.kinds[i]


def _lead_in(blocks: list[Block], item: int, known: dict[int, int]) -> int:
    """The block before the list that holds list item ``item`` (-1 if none), remembered in
    ``known`` for the items walked past."""
    walked = []
    i = item - 1
    while i >= 0 and blocks[i].kind is BlockKind.LIST_ITEM and i not in known:
        walked.append(i)
        i -= 1
    found = known[i] if i in known else i
    for j in walked:
        known[j] = found
    known[item] = found
    return found


def _names_kind(lead: str) -> bool:
    lead_in = pattern.KIND_LEAD_IN.search(re.split(r"(?<=[.!?])\s+", lead.strip())[-1])
    kind = lead_in and (lead_in.group(1) or lead_in.group(2))
    return bool(kind) and kind.lower().rstrip("s") not in {v.rstrip("s") for v in pattern.VAGUE}


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
    if block.kind is BlockKind.LIST_ITEM and _names_kind_of_list(doc, occ, page):
        return "list of a kind"
    # The next sentence may define the term, or the abbreviation given with it:
    # "...the cerebrospinal fluid (CSF). The CSF is a clear fluid that..."
    if occ.sentence + 1 < len(doc.sentences):
        following = doc.sentences[occ.sentence + 1]
        nblock = blocks[following.block]
        if defines(occ.text, following, nblock, occ.abbreviation):
            return "next sentence"
        # the term ends its sentence (give or take a few words, its abbreviation or a bracket),
        # so "this" in the next one is the term
        if following.block == occ.block and sentence.end - occ.end <= _TAIL_REACH:
            tail = _TAIL_ASIDES.sub("", block.text[occ.end : sentence.end])
            tail_words = [w.lower() for w in pattern.WORD.findall(tail)]
            if len(tail_words) <= 3 and not _JOINS_OR_VERBS & set(tail_words) \
                    and pattern.ANAPHORA.match(opening(following, nblock)):
                return "next sentence"
        alias = abbreviation_in_brackets(occ, sentence, block)
        if alias and defines(alias, following, nblock, case_sensitive=True):
            return "next sentence"
    return here
