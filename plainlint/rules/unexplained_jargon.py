"""unexplained-jargon: specialist terms and abbreviations used without an explanation."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.analysis.glosses import (
    Occurrence,
    abbreviation_in_brackets,
    defines,
    find_abbreviations,
    glossary_terms,
    glossed_here,
)
from plainlint.findings import Hit
from plainlint.lexicon import Lexicon, Term, build_lexicon
from plainlint.rules.base import Option, Options, Rule


@lru_cache(maxsize=8)
def _lexicon(categories: tuple[str, ...], terms: tuple[tuple[str, str | None], ...], allow: tuple[str, ...]) -> Lexicon:
    """Building the matcher compiles one large pattern: do it once per configuration."""
    return build_lexicon(categories, dict(terms), allow)


def _occurrences(doc: AnalysedDocument, options: Options) -> tuple[list[Occurrence], dict[str, Term]]:
    """Every use of a lexicon term or an abbreviation, in reading order."""
    lexicon = _lexicon(tuple(options["categories"]), tuple(sorted(options["terms"].items())), tuple(options["allow"]))
    allowed = {a.casefold() for a in options["allow"]}
    blocks = doc.document.blocks
    found: list[Occurrence] = []
    terms: dict[str, Term] = {}
    for si, sentence in enumerate(doc.sentences):
        text = blocks[sentence.block].text[sentence.start : sentence.end]
        taken: list[tuple[int, int]] = []
        for m in lexicon.find(text):
            terms[m.term.term] = m.term
            taken.append((m.start, m.end))
            found.append(
                Occurrence(m.term.term, si, sentence.block, sentence.start + m.start,
                           sentence.start + m.end, m.text, False)
            )
        if options["abbreviations"]:
            for start, end, key in find_abbreviations(text):
                if key.casefold() in allowed or any(a < end and start < b for a, b in taken):
                    continue
                found.append(
                    Occurrence(key, si, sentence.block, sentence.start + start,
                               sentence.start + end, text[start:end], True)
                )
    found.sort(key=lambda o: (o.sentence, o.start))
    return found, terms


def _glossed(doc: AnalysedDocument, occ: Occurrence, glossary: set[str]) -> bool:
    blocks = doc.document.blocks
    sentences = doc.sentences
    sentence = sentences[occ.sentence]
    block = blocks[occ.block]
    if occ.key.casefold() in glossary or occ.text.casefold() in glossary:
        return True
    if glossed_here(occ, sentence, block):
        return True
    # The next sentence may define the term, or the abbreviation given with it:
    # "...the cerebrospinal fluid (CSF). The CSF is a clear fluid that..."
    if occ.sentence + 1 < len(sentences):
        following = sentences[occ.sentence + 1]
        nblock = blocks[following.block]
        if defines(occ.text, following, nblock, occ.abbreviation):
            return True
        alias = abbreviation_in_brackets(occ, sentence, block)
        if alias and defines(alias, following, nblock, case_sensitive=True):
            return True
    return False


def _message(occ: Occurrence, term: Term | None) -> tuple[str, str | None]:
    if occ.abbreviation:
        return (
            f'"{occ.text}" is an abbreviation that is not spelled out. Write it in full where it '
            f'is first used, with the abbreviation in brackets: "... ({occ.key})". If all your '
            "readers know it, add it to the allow list.",
            None,
        )
    assert term is not None
    if term.alternative:
        plain = term.alternative.split(" | ")[0]
        return (
            f'"{occ.text}" is a specialist word that is not explained. Use "{plain}" instead, '
            f'or explain it where it is first used, for example "{plain} ({occ.text})".',
            plain,
        )
    return (
        f'"{occ.text}" is a specialist word that is not explained. Explain it where it is first '
        f'used: put plain words in brackets after it, or add a sentence such as "{occ.text} is ...".',
        None,
    )


def check(doc: AnalysedDocument, options: Options) -> Iterator[Hit]:
    occurrences, terms = _occurrences(doc, options)
    glossary = glossary_terms(doc.document.blocks)
    first: dict[str, Occurrence] = {}
    for occ in occurrences:
        first.setdefault(occ.key, occ)
    for key, occ in first.items():
        if _glossed(doc, occ, glossary):
            continue
        message, suggestion = _message(occ, terms.get(key))
        yield Hit(doc.locate(occ.block, occ.start, occ.end), message, suggestion)


RULE = Rule(
    id="unexplained-jargon",
    summary="Medical and specialist terms, and abbreviations, not explained where first used.",
    rationale=(
        "A reader who meets a word they do not know, like \"prognosis\" or \"CSF\", has to "
        "guess or stop reading. Good health writing puts the plain words first and the "
        "medical term in brackets, \"your outlook (prognosis)\", or explains the term in the "
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
        Option("allow", "str-list", "Terms and abbreviations your readers know; never reported."),
        Option(
            "terms",
            "term-map",
            "Extra terms to check, each with a plain alternative (or null for none).",
        ),
    ),
    check=check,
)
