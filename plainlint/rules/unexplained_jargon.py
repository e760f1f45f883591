"""unexplained-jargon: specialist terms, rare words and abbreviations used without an explanation."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.analysis.candidates import Occurrence, find_candidates
from plainlint.analysis.glosses import WEAK, explanation, page_glosses
from plainlint.document import BlockKind
from plainlint.findings import Hit, quote
from plainlint.lexicon import Lexicon, build_lexicon
from plainlint.rules.base import Option, Options, Rule

_HOW = (
    'put plain words in brackets after it, "{t} (plain words)", or the other way round; '
    'or add a sentence such as "{t} is ..." or "{t} means ..."'
)


@lru_cache(maxsize=8)
def _lexicon(categories: tuple[str, ...], terms: tuple[tuple[str, str | None], ...], allow: tuple[str, ...]) -> Lexicon:
    """Building the matcher compiles one large pattern: do it once per configuration."""
    return build_lexicon(categories, dict(terms), allow)


def _message(occ: Occurrence) -> tuple[str, str | None]:
    text = quote(occ.text)
    if occ.abbreviation:
        return (
            f'"{text}" is an abbreviation that is not spelled out. Write it in full where it '
            f'is first used, with the abbreviation in brackets: "... ({quote(occ.key)})". If all your '
            "readers know it, add it to the allow list.",
            None,
        )
    if occ.term is not None and occ.term.alternative:
        plain = occ.term.alternative.split(" | ")[0]
        return (
            f'"{text}" is a specialist word that is not explained. Use "{plain}" instead, '
            f'or explain it where it is first used, for example "{plain} ({text})".',
            plain,
        )
    what = "a specialist word" if occ.kind == "term" else "an uncommon word that many readers will not know"
    return (
        f'"{text}" is {what}, and it is not explained. Explain it where it is first used: '
        + _HOW.format(t=text)
        + ".",
        None,
    )


def _is_heading(doc: AnalysedDocument, block: int) -> bool:
    return doc.document.blocks[block].kind is BlockKind.HEADING


def _explained_in_section(doc: AnalysedDocument, heading: int, later: list[Occurrence], page) -> str | None:
    """A term first met in a heading is explained if its first use in the text under
    that heading is: the heading announces the topic, the section explains it."""
    for occ in later:
        if _is_heading(doc, occ.block):
            if occ.block > heading:
                return None  # the section ended without using the term
            continue
        if any(_is_heading(doc, b) for b in range(heading + 1, occ.block)):
            return None
        return explanation(doc, occ, page)
    return None


def check(doc: AnalysedDocument, options: Options) -> Iterator[Hit]:
    lexicon = _lexicon(tuple(options["categories"]), tuple(sorted(options["terms"].items())), tuple(options["allow"]))
    occurrences = find_candidates(doc, lexicon, options["allow"], options["abbreviations"], options["rare-zipf"])
    page = page_glosses(doc, occurrences)
    uses: dict[str, list[Occurrence]] = {}
    for occ in occurrences:
        uses.setdefault(occ.key, []).append(occ)
    for occ, *later in uses.values():
        how = explanation(doc, occ, page)
        if how is None and _is_heading(doc, occ.block):
            how = _explained_in_section(doc, occ.block, later, page)
        where = doc.locate(occ.block, occ.start, occ.end)
        if how is None:
            yield Hit(where, *_message(occ))
        elif how == WEAK:
            yield Hit(
                where,
                f'"{quote(occ.text)}" is explained only in a title attribute, which many keyboard, touch and '
                f"screen magnifier users never see. Spell it out in the text where it is first used.",
                advisory=True,
            )


RULE = Rule(
    id="unexplained-jargon",
    summary="Medical and specialist terms, rare words and abbreviations not explained where first used.",
    rationale=(
        'A reader who meets a word they do not know, like "prognosis" or "CSF", has to '
        "guess or stop reading. Good health writing puts the plain words first and the "
        'medical term in brackets, "your outlook (prognosis)", or explains the term in the '
        "same or the next sentence, and spells out an abbreviation the first time it is used. "
        "Once a term is explained, later uses are fine, so only the first use is checked."
    ),
    sources=(
        "WCAG 2.2 success criteria 3.1.3 Unusual Words and 3.1.4 Abbreviations",
        "NHS digital service manual: A to Z of NHS health writing; how we write",
        "plainlanguage.gov: avoid jargon; minimize abbreviations",
    ),
    options=(
        Option(
            "categories",
            "str-list",
            "Which groups of the bundled lexicon to check.",
            choices=("medical", "insurance", "complex", "false-friend"),
        ),
        Option("abbreviations", "bool", "Check that abbreviations (MRI, CSF) are spelled out."),
        Option(
            "rare-zipf",
            "number",
            "Words rarer than this on the Zipf scale (wordfreq: 'outlook' is 4.1, 'prognosis' 3.3, "
            "'leptomeninges' 0) are checked too, unless they look like names; 0 turns this off.",
            minimum=0,
            maximum=8,
        ),
        Option("allow", "str-list", "Terms, words and abbreviations your readers know; never reported."),
        Option(
            "terms",
            "term-map",
            "Extra terms to check, each with a plain alternative (or null for none).",
        ),
    ),
    check=check,
    examples=(
        (
            "<p>Your prognosis depends on the results of your MRI scan.</p>",
            "<p>Your outlook (prognosis) depends on the results of your magnetic resonance imaging (MRI) scan.</p>",
        ),
    ),
)
