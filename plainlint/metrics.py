"""Per-file and overall reading figures for the reports, computed once so reporters never compute."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from plainlint.analysis.readability import GRADE_FORMULAS, Counts, assess, flesch_reading_ease, reading_age
from plainlint.engine import FileResult


@dataclass(frozen=True)
class Grading:
    """The reading-grade settings that the figures follow."""

    formula: str = "flesch-kincaid"
    min_words: int = 100
    section_min_words: int = 50
    target: float | None = None  # as a US grade

    @classmethod
    def from_options(cls, options: Mapping) -> Grading:
        age = options["max-reading-age"]
        target = age - 5 if age is not None else options["max-grade"]
        return cls(options["formula"], options["min-words"], options["section-min-words"], target)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def text_metrics(c: Counts, grading: Grading) -> dict:
    """Counts, the chosen grade (or why there is none), and every formula's grade."""
    chosen = assess(c, grading.formula, grading.min_words)
    graded = chosen.grade is not None or c.words >= grading.min_words
    return {
        "words": c.words,
        "sentences": c.sentences,
        "syllables": c.syllables,
        "average_sentence_words": round(c.words_per_sentence, 2),
        "grade": _round(chosen.grade),
        "grade_formula": grading.formula,
        "grade_note": chosen.why_not,
        "reading_age": _round(None if chosen.grade is None else reading_age(chosen.grade)),
        "reading_ease": _round(flesch_reading_ease(c) if graded and c.sentences else None),
        "grades": {key: _round(assess(c, key, grading.min_words).grade) for key in GRADE_FORMULAS},
    }


def file_metrics(result: FileResult, grading: Grading) -> dict | None:
    if result.counts is None:
        return None
    return {
        **text_metrics(result.counts, grading),
        "sections": [
            {
                "title": s.title,
                "line": s.line,
                "words": s.counts.words,
                "grade": _round(assess(s.counts, grading.formula, grading.section_min_words).grade),
            }
            for s in result.sections
        ],
    }
