"""reading-grade: the page's reading grade against a target, and which sections are hard."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.analysis.difficulty import hard_word
from plainlint.analysis.readability import GRADE_FORMULAS, Counts, assess, reading_age
from plainlint.analysis.sections import Section
from plainlint.analysis.segment import texts
from plainlint.findings import Hit, quote
from plainlint.rules.base import Option, Options, Rule

# What plain writing looks like, to say which of the two drives a grade up.
_PLAIN_SENTENCE_WORDS = 15
_PLAIN_SYLLABLES_PER_WORD = 1.4


def target_grade(options: Options) -> float:
    age = options["max-reading-age"]
    return age - 5 if age is not None else options["max-grade"]


def _level(value: float, options: Options) -> str:
    name = GRADE_FORMULAS[options["formula"]].name
    if options["max-reading-age"] is not None:
        return f"a reading age of {reading_age(value):.0f} ({name} grade {value:.1f})"
    return f"grade {value:.1f} ({name})"


def _target(options: Options) -> str:
    age = options["max-reading-age"]
    return f"a reading age of {age:g}" if age is not None else f"grade {options['max-grade']:g}"


class _HardWords:
    """Each block's long or uncommon words, found once for the page and its sections."""

    def __init__(self, doc: AnalysedDocument) -> None:
        self._doc = doc
        self._by_block: dict[int, list[str]] | None = None

    def most_used(self, blocks: range | None = None, n: int = 3) -> list[str]:
        """The page's (or a section's) most used ones."""
        if self._by_block is None:
            self._by_block = {}
            for sentence in self._doc.sentences:
                hard = [t.lower() for t in filter(hard_word, texts(sentence.words))]
                if hard:
                    self._by_block.setdefault(sentence.block, []).extend(hard)
        seen: Counter[str] = Counter()
        for words in self._by_block.values() if blocks is None else (self._by_block.get(b, ()) for b in blocks):
            seen.update(words)
        return [w for w, _ in seen.most_common(n)]


def _causes(c: Counts, examples: list[str]) -> str:
    """Both causes with their figures, the larger first: how far each lifts a
    Flesch-Kincaid grade above plain writing."""
    long_sentences = c.words_per_sentence > 20
    sentences = f"sentences average {c.words_per_sentence:.1f} words"
    sentences += " (aim for 15 to 20)" if long_sentences else ""
    words = f"{c.polysyllable_share:.0%} of words have three or more syllables"
    if examples:
        words += ", such as " + ", ".join(f'"{quote(w)}"' for w in examples)
    by_length = 0.39 * (c.words_per_sentence - _PLAIN_SENTENCE_WORDS)
    by_words = 11.8 * (c.syllables / c.words - _PLAIN_SYLLABLES_PER_WORD)
    if by_length >= by_words:
        return f"{sentences}, and {words}. Split long sentences first, then use everyday words"
    then = ", then shorten sentences" if long_sentences else ""
    return f"{words}, and {sentences}. Use everyday words in place of long ones{then}"


def _section_range(doc: AnalysedDocument, index: int) -> range:
    sections = doc.sections
    end = sections[index + 1].first_block if index + 1 < len(sections) else len(doc.document.blocks)
    return range(sections[index].first_block, end)


def check(doc: AnalysedDocument, options: Options) -> Iterator[Hit]:
    formula, target = options["formula"], target_grade(options)
    hard_words = _HardWords(doc)
    page = assess(doc.counts, formula, options["min-words"])
    if page.grade is not None and round(page.grade, 1) > target:  # as shown: never "8.0, above 8"
        yield Hit(
            doc.locate_page(),
            f"The page reads at {_level(page.grade, options)}; the target is {_target(options)} or lower. "
            f"{_causes(doc.counts, hard_words.most_used())}.",
        )
    graded = [
        (i, s, g) for i, s in enumerate(doc.sections)
        if (g := assess(s.counts, formula, options["section-min-words"]).grade) is not None
    ]
    if len(doc.sections) < 2:
        return  # one section is the page: its grade was given above
    for i, section, value in graded:
        if round(value, 1) > target:
            yield Hit(
                doc.locate_block(section.first_block),  # its heading, if it has one
                f'The section "{_title(section)}" reads at {_level(value, options)}, above the target of '
                f"{_target(options)}: {_causes(section.counts, hard_words.most_used(_section_range(doc, i)))}.",
                advisory=True,
            )


def _title(section: Section) -> str:
    if not section.title:
        return "before the first heading"
    return quote(section.title, 60)


RULE = Rule(
    id="reading-grade",
    summary="The page's reading grade above a target, and the sections that are hardest.",
    rationale=(
        "Many people read health information while ill, worried or tired, and many adults "
        "read at a low level. WCAG 3.1.5 asks for text no harder than lower secondary "
        "education; US health bodies (NIH, AMA) ask for grade 6 to 8, and the NHS aims at a "
        "reading age of 9 to 11 (about US grade 4 to 6). plainlint counts sentences, words "
        "and syllables itself, treating headings and list items as sentences of their own "
        "(as the NHS does before applying SMOG), so a bulleted page is not scored as one "
        "huge sentence. Each section under a heading is graded too, and a section above the "
        "target gets a note, so you can see where the page is hard."
    ),
    sources=(
        "WCAG 2.2 success criterion 3.1.5 Reading Level",
        "NHS digital service manual: health literacy (SMOG, reading age 9 to 11)",
        "NIH Clear & Simple; AMA: patient materials at grade 6 to 8",
    ),
    options=(
        Option(
            "formula",
            "choice",
            "Which formula gives the grade; consensus is the median of the other five.",
            choices=tuple(GRADE_FORMULAS),
        ),
        Option("max-grade", "number", "A page graded above this (a US school grade) is reported.", minimum=0),
        Option(
            "max-reading-age",
            "number",
            "The target as a UK reading age (US grade + 5) instead; when set, max-grade is not used.",
            minimum=5,
            nullable=True,
        ),
        Option("min-words", "int", "Pages with fewer words are not graded: the formulas need text.", minimum=1),
        Option(
            "section-min-words",
            "int",
            "Sections (a heading and its text) with at least this many words are graded on their own.",
            minimum=1,
        ),
    ),
    check=check,
    examples=(
        (
            "<p>Individuals experiencing persistent gastrointestinal symptoms should contact their "
            "healthcare practitioner for a comprehensive evaluation.</p>",
            "<p>If your stomach problems do not go away, see your GP. They will find out what is wrong.</p>",
        ),
    ),
)
