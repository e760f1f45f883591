"""Finding where a writer has explained a term: the ways health writers gloss words.

At the term's first use, or in the sentence that follows it:
  plain words (term)            your outlook (prognosis); too acidic (metabolic acidosis)
  term (plain words)            uterus (womb); CSF (cerebrospinal fluid)
  cue phrases                   also called / known as / which means / that is; "uterus, or womb,"
  naming a plain kind           bumps called papules; a urine test called ACR
  apposition                    ondansetron, a medicine to stop sickness, ...
  example of a plain kind       anti-sickness medicines, such as ondansetron
  what it is for or does        vasopressors to raise blood pressure; X, which relax your vessels
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

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.analysis.candidates import Occurrence, find_abbreviations, long_form_matches, ordinary_form
from plainlint.analysis.rarity import zipf
from plainlint.analysis.segment import Sentence
from plainlint.document import Block, BlockKind

WEAK = "abbr-title"  # explained only in a title attribute: counts, but is reported

_PAREN_AFTER = re.compile(r"\s*\(\s*([^()]{1,150}?)\s*\)")
_PAREN_AFTER_PHRASE = re.compile(r"(?:\s+[\w'-]+){0,2}?\s*\(\s*([^()]{1,150}?)\s*\)")
_NOT_AN_EXPLANATION = re.compile(
    r"^(?:see|page|p\.|pp\.|fig|figure|table|ref|source|for example)\b|^[\d\s.,%-]+$", re.I
)
# Brackets that talk about the thing rather than say what it is: "MRI (it is noisy)".
_COMMENT = re.compile(r"^(?:it|this|that|these|they|you|we|which|there|if|when|so)\b", re.I)
_CUE_AFTER = re.compile(
    r"\s*(?:,|\(|\u2013|\u2014|-)?\s*(?:also called|also known as|also named|known as|sometimes called"
    r"|often called|called|which means|which is|meaning|that is|i\.e\.)\b",
    re.I,
)
# "uterus, or womb,": only when the words after "or" are plain ("ezetimibe, or an injection
# called inclisiran" offers an alternative, not an explanation).
_OR_PLAIN = re.compile(r"\s*,\s*or\s+((?:[\w'-]+\s*){1,4})(?:[,.;)]|$)")
# Bare kinds that say too little to explain a term: "a test called X", "treatments like X".
_VAGUE = frozenset(
    "test tests treatment treatments medicine medicines drug drugs injection injections procedure procedures "
    "operation operations thing things change changes risk risks condition conditions problem problems "
    "option options type types kind kinds one ones place places area areas part parts way ways".split()
)
_PLAIN_ZIPF = 3.5


def _plain(words: list[str], derived: bool = False) -> bool:
    """Are all the words common ones (or, with ``derived``, everyday words dressed up:
    "noncancerous")? A kind named in common words can still be jargon ("beta blockers"),
    so kinds are held to the stricter test."""
    return bool(words) and all(
        not w.isupper() and (zipf(w) >= _PLAIN_ZIPF or (derived and ordinary_form(w))) for w in words
    )


def _kind_named(text: str) -> bool:
    """Do the words just before a cue name a plain, specific kind? ("anti-sickness
    medicines such as", "a urine test called"; not "a test such as", "beta blockers like")."""
    text = re.sub(r"\([^()]*\)\s*$", "", text.rstrip(" ,"))
    words = [w for w in _WORD.findall(text)[-2:] if w.lower() not in ("a", "an", "the", "some", "other", "your")]
    if not _plain(words):
        return False
    return len(words) > 1 or words[0].lower() not in _VAGUE


# "ondansetron, a medicine to stop sickness" (or with a dash): an apposition that ends its
# clause; not a list ("an MRI, a CT scan and an X-ray").
_APPOSITION = re.compile(
    r"(?:\s+[\w'-]+){0,2}?\s*(?:,|\u2013|\u2014|\s-)\s*(?:an?|the|one|made|used|taken|given|caused"
    r"|(?:at|in|inside|around|near|behind|under|above|below|on)\s+(?:the|your))\s+"
    r"(?:(?!(?:and|or)\b)[\w'-]+\s+){0,5}?(?!(?:and|or)\b)[\w'-]+"
    r"\s*(?:[,.;:()]|$|\s(?:that|which|who|used|to|for|of|in|made|found|given|from|you|your|we|they)\b)",
    re.I,
)
# "vasopressors to raise their blood pressure": what it is for.
_PURPOSE = re.compile(
    r"(?:\s*,\s*(?:(?:or|and)\s+)?[\w'-]+|\s+(?:or|and)\s+[\w'-]+){0,4}"
    r"(?:\s+(?!(?:to|and|or|may|might|will|would|can|could|should|must|want|wants|need|needs|is|are|has|have)\b)"
    r"[\w'-]+){0,2}?,?\s+to\s+(?:help|stop|prevent|treat|reduce|lower|raise|control|check|measure"
    r"|make|keep|protect|relieve|ease|calm|thin|kill|fight|block|find|see|test|look|get|boost|improve)\b",
    re.I,
)
# A cue phrase before the term, perhaps with modifiers or other names between:
# "bumps called hyperkeratotic follicular papules"; "also called renal dysplasia or X".
_CUE_BEFORE = re.compile(
    r"(also called|also known as|known as|sometimes called|often called|is called|are called|called"
    r"|named|termed)\s+[\"\u201c\u2018']?(?:(?:an?|the)\s+)?"
    r"(?:[\w'-]+[\"\u201d\u2019']?(?:\s+|\s*,\s*)(?:(?:or|and)\s+)?){0,4}[\"\u201c\u2018']?$",
    re.I,
)
# An example of a plainly named kind: "anti-sickness medicines, such as ondansetron or X".
_EXAMPLE_OF = re.compile(
    r"(\w[\w'-]*(?:\s+\(\w+\))?)[\s,]+(?:such as|like|containing|e\.g\.,?|for example,?)\s+"
    r"(?:[\w'-]+(?:\s+[\w'-]+){0,2}(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)){0,5}$",
    re.I,
)
# "X means/refers to/stands for ..." defines X; "X is/are ..." only when what follows
# reads as a description ("is a test", "are cells that", "is treatment with drugs"),
# not a comment on it ("your prognosis is good").
_CATEGORY = (
    r"medicines?|drugs?|tests?|scans?|treatments?|therap(?:y|ies)|procedures?|operations?|conditions?|diseases?"
    r"|illness(?:es)?|infections?|virus(?:es)?|bacteria|hormones?|chemicals?|substances?|proteins?|enzymes?"
    r"|glands?|organs?|tubes?|muscles?|nerves?|cells?|tissues?|types?|kinds?|groups?|parts?|devices?|machines?"
    r"|doctors?|specialists?|professionals?|nurses?|problems?|symptoms?|signs?|emergency|blockage|swelling"
    r"|growths?|lumps?|bumps?|sacs?|layers?|fluid|liquid|areas?|spots?|patches|membranes?|vessels?|bones?"
    r"|structures?|parasites?|worms?|insects?|surgery|operations?|ways?|changes?|creams?|tablets?|pills?"
)
_FUNCTION_VERBS = (
    r"carries|carry|stores|store|makes|make|produces|produce|controls|control|helps|help|pumps|pump|filters"
    r"|filter|absorbs|absorb|protects|protect|measures|measure|shows|show|checks|check|records|record|treats"
    r"|treat|prevents|prevent|stops|stop|relieves|relieve|reduces|reduce|lowers|lower|raises|raise|calms|calm"
    r"|kills|kill|blocks|block|relaxes|relax|thins|thin|works by|uses|use|lets|let|allows|allow|happens|happen"
    r"|looks at|look at|tells|tell|fights|fight|damages|damage|affects|affect|causes|cause|cuts|cut|removes"
    r"|remove|replaces|replace|narrows|narrow|widens|widen|opens|open|keeps|keep|turns|turn|copies|copy|slows"
    r"|slow|attacks|attack|targets|target|finds|find|focuses|focus|eases|ease|boosts|boost|clears|clear"
)
# The next sentence goes on about it: "Some people get myalgia. This means aching muscles."
# ("It is done in hospital." says nothing about what it is.)
_ANAPHORA = re.compile(
    r"^(?:this|it|these|they|that)(?:\s+\w+ly)?(?:\s+(?:test|scan|medicine|drug|treatment|procedure|operation|condition)\s+\w"
    r"|\s+(?:is|are|was)\s+(?:an?|the|when|where|how|what)\b|['\u2019]s\s+(?:an?|the|when|where)\b"
    r"|\s+(?:is|are)\s+(?:[\w'-]+\s+){0,2}?(?:" + _CATEGORY + r")\b"
    rf"|\s+(?:means|mean|{_FUNCTION_VERBS})\b)",
    re.I,
)
# "sertraline, which can be taken...": no; "ramipril, which relax your blood vessels": yes.
_WHICH_DOES = re.compile(
    rf"(?:\s+(?:or\s+|and\s+)?[\w'-]+){{0,2}}?\s*,?\s*which\s+(?:(?:{_FUNCTION_VERBS})\s|(?:is|are)\s+(?:taken|used|given|put)\b"
    rf"|(?:is|are)\s+(?:an?\s+)?(?:[\w'-]+\s+){{0,2}}(?:{_CATEGORY})\b)",
    re.I,
)
_MODALS = r"(?:will|may|might|can|could|should|must|would|is|are|was|were|and|or|to)\b"
_DEFINING_VERB = re.compile(
    r"(?:s|es)?(?:\s*\([^()]*\))?"
    rf"(?:(?:\s*\([^()]*\)|\s*,[^,]{{1,60}},)*(?:\s+(?!{_MODALS})[\w'-]+)?,?\s+(?:{_FUNCTION_VERBS})\s+\S"
    r"|(?:\s+(?!(?:is|are|was|were|means?|will|may|might|can|could|should|must|would|and|or)\b)[\w'-]+"
    r"|\s*\([^()]*\)|\s*,[^,]{1,40},|\s+(?:and|or)\s+[\w'-]+){0,4}?"
    r"\s+(?:(?:means|mean|refers to|refer to|describes|describe|stands for)\s+\S"
    r"|(?:is|are|was|were)\s+(?:(?:a|an|the|one|any|some|something|someone|when|where|what|how)\b"
    rf"|(?:[\w'-]+\s+){{0,3}}?(?:{_CATEGORY})\b"
    r"|\w+(?:\s+\w+){0,2}?\s+(?:that|which|who|where|used|with|for|of|caused)\b)))",
    re.I,
)
# What may come before a term at the start of a defining sentence: "A", "The", "Your",
# and up to two modifiers ("Leptomeningeal metastases mean...").
_DEFINITION_LEAD = re.compile(
    r"^(?:(?:an?|the|your|this|these)\s+)?(?:[\w\u2019'-]+,?\s+){0,2}(?:(?:such as|like|including)\s+)?$", re.I
)
_OPEN_PAREN_BEFORE = re.compile(r"\(\s*(?:the\s+|an?\s+)?(?:[\w'-]+\s+){0,2}$", re.I)
_CLOSE_PAREN_AFTER = re.compile(r"[^()]{0,40}\)")
# "To control your heart rate, you may take diltiazem": the sentence opens with the purpose.
_PURPOSE_FIRST = re.compile(r"^to\s+[\w'-]+\b[^,]{0,80},", re.I)
_DASH_GLOSS = re.compile(r"(?:\s+[\w'-]+){0,2}?\s*(?:\u2013|\u2014|\s-)\s+[^\W\d_]", re.I)
_COLON_DEFINITION = re.compile(r"\s*:\s*(?:an?|the)\s+\w", re.I)
_ALIAS_LEAD = re.compile(
    r"(?:also called|also known as|sometimes called|other names(?: for (?:it|this))?(?: are| include)?)\s*:$", re.I
)
_GLOSSARY_LINK = re.compile(r"gloss|dictionar|defin|/terms?/|#", re.I)
_WORD = re.compile(r"[^\W\d_][\w\u2019'-]*")


def _long_form_before(abbreviation: str, before: str) -> bool:
    words = before.split()
    window = " ".join(words[-min(len(abbreviation) + 5, 2 * len(abbreviation)) :])
    return long_form_matches(abbreviation, window)


def _explains(content: str, occ: Occurrence) -> bool:
    """Is bracketed ``content`` an explanation of the term (not a code or a reference)?"""
    if occ.abbreviation:
        words = _WORD.findall(content)
        comment = _NOT_AN_EXPLANATION.match(content) or _COMMENT.match(content)
        return long_form_matches(occ.key, content) or (len(words) >= 2 and _plain(words) and not comment)
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
    if occ.abbreviation and (colon := re.match(r"\s*[:\u2013\u2014-]\s*(.{3,80})", after)) \
            and long_form_matches(occ.key, colon.group(1)):
        return "abbreviation: long form"
    paren = (_PAREN_AFTER if occ.abbreviation else _PAREN_AFTER_PHRASE).match(after)
    if paren and _explains(paren.group(1), occ):
        return "term (plain words)"
    if not occ.abbreviation and _CUE_AFTER.match(after):
        return "cue phrase after"
    or_plain = _OR_PLAIN.match(after)
    if not occ.abbreviation and or_plain and _plain(_WORD.findall(or_plain.group(1)), derived=True):
        return "term, or plain words"
    if _APPOSITION.match(after) or _COLON_DEFINITION.match(after) or _DASH_GLOSS.match(after):
        return "apposition"
    if _WHICH_DOES.match(after):
        return "what it does"
    if _PURPOSE_FIRST.match(before):
        return "purpose"
    if _PURPOSE.match(after):
        return "purpose"
    cue = _CUE_BEFORE.search(before)
    if cue:
        naming = cue.group(1).lower() in ("called", "named", "termed")
        if not naming or _kind_named(before[: cue.start()]):
            return "cue phrase before"  # "a urine test called ACR": the reader knows what it is
    example = _EXAMPLE_OF.search(before)
    if example and _kind_named(before[: example.end(1)]):
        return "example of a kind"
    if occ.abbreviation and re.search(r",\s*or\s*$", before) and _long_form_before(occ.key, before.rstrip(" ,or")):
        return "long form, or abbreviation"
    if _OPEN_PAREN_BEFORE.search(before) and _CLOSE_PAREN_AFTER.match(after):
        outside = before[: before.rfind("(")]
        if not occ.abbreviation or _long_form_before(occ.key, outside) or len(_WORD.findall(outside)) >= 2:
            if _WORD.search(outside):
                return "plain words (term)"
    if defines(occ.text, sentence, block, case_sensitive=occ.abbreviation):
        return "definition sentence"
    return weak


def abbreviation_in_brackets(occ: Occurrence, sentence: Sentence, block: Block) -> str | None:
    """The abbreviation given right after a term, as in "cerebrospinal fluid (CSF)" or
    "human papillomavirus (HPV)", whose long form may start before the term."""
    m = _PAREN_AFTER.match(block.text, occ.end)
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
            # a section may open by defining its heading's term without repeating it
            if _ANAPHORA.match(lead) or defines(occ.text, sentence, block, occ.abbreviation):
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
        tail = block.text[occ.end : sentence.end]
        if following.block == occ.block and len(_WORD.findall(tail)) <= 1 \
                and _ANAPHORA.match(nblock.text[following.start : following.end]):
            return "next sentence"  # only when the term ends its sentence, so "this" is the term
        alias = abbreviation_in_brackets(occ, sentence, block)
        if alias and defines(alias, following, nblock, case_sensitive=True):
            return "next sentence"
    return here
