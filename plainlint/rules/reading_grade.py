"""reading-grade: the page's reading grade against a target for patient information."""

from __future__ import annotations

from typing import Iterator

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.analysis.readability import GRADE_FORMULAS, grade
from plainlint.findings import Hit
from plainlint.rules.base import Option, Options, Rule


def check(doc: AnalysedDocument, options: Options) -> Iterator[Hit]:
    counts = doc.counts
    if counts.words < options["min-words"]:
        return  # a grade on a few words is noise, not a measurement
    formula = options["formula"]
    value = grade(counts, formula)
    target = options["max-grade"]
    if value is None or value <= target:
        return
    name = GRADE_FORMULAS[formula][0]
    long_words = counts.polysyllables / counts.words
    yield Hit(
        doc.locate_page(),
        f"The page reads at grade {value:.1f} ({name}); the target is {target:g} or lower. "
        f"Its sentences average {counts.words_per_sentence:.1f} words and "
        f"{long_words:.0%} of its words have three or more syllables: use shorter sentences "
        "and everyday words.",
    )


RULE = Rule(
    id="reading-grade",
    summary="The page's reading grade (Flesch-Kincaid or SMOG) above a target.",
    rationale=(
        "Many people read health information while ill, worried or tired, and many adults "
        "read at a low level. WCAG 3.1.5 asks for text no harder than lower secondary "
        "education; US health bodies (NIH, AMA) ask for grade 6 to 8, and the NHS aims at a "
        "reading age of 9 to 11 (about US grade 4 to 6). plainlint counts sentences, words "
        "and syllables itself, treating headings and list items as sentences of their own "
        "(as the NHS does before applying SMOG), so a bulleted page is not scored as one "
        "huge sentence."
    ),
    sources=(
        "WCAG 2.2 success criterion 3.1.5 Reading Level",
        "NHS digital service manual: health literacy (SMOG, reading age 9 to 11)",
        "NIH Clear & Simple; AMA: patient materials at grade 6 to 8",
    ),
    options=(
        Option("formula", "choice", "Which formula gives the grade.", choices=tuple(GRADE_FORMULAS)),
        Option("max-grade", "number", "A page graded above this (a US school grade) is reported.", minimum=0),
        Option("min-words", "int", "Pages with fewer words are not graded: the formulas need text.", minimum=1),
    ),
    check=check,
)
