"""Readability counts and the published formulas, computed from plainlint's own counts.

textstat's functions take raw text and count sentences with one regular expression
(splitting "2.5 mg" and "Dr."), and its English syllable count downloads NLTK data on
first use. So plainlint counts for itself and applies the formulas here; the tests
check each one against textstat's arithmetic on the same counts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterable

from plainlint.analysis.segment import Sentence
from plainlint.analysis.syllables import count_syllables


@dataclass(frozen=True, slots=True)
class Counts:
    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0  # words of three or more syllables (SMOG, Gunning Fog)
    letters: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.sentences + other.sentences,
            self.words + other.words,
            self.syllables + other.syllables,
            self.polysyllables + other.polysyllables,
            self.letters + other.letters,
        )

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


def count(sentences: Iterable[Sentence]) -> Counts:
    """Counts over sentences that have at least one word."""
    n_sent = n_words = n_syll = n_poly = n_letters = 0
    for sentence in sentences:
        if not sentence.words:
            continue
        n_sent += 1
        for word in sentence.words:
            syllables = count_syllables(word.text)
            n_words += 1
            n_syll += syllables
            n_poly += syllables >= 3
            n_letters += sum(c.isalpha() for c in word.text)
    return Counts(n_sent, n_words, n_syll, n_poly, n_letters)


def flesch_kincaid_grade(c: Counts) -> float:
    """Kincaid et al. (1975): 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    return 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59


def flesch_reading_ease(c: Counts) -> float:
    """Flesch (1948): 206.835 - 1.015 words/sentence - 84.6 syllables/word (higher is easier)."""
    return 206.835 - 1.015 * c.words / c.sentences - 84.6 * c.syllables / c.words


def smog_grade(c: Counts) -> float:
    """McLaughlin (1969), as a formula: 1.043 sqrt(polysyllables x 30 / sentences) + 3.1291."""
    return 1.043 * math.sqrt(c.polysyllables * 30 / c.sentences) + 3.1291


GRADE_FORMULAS: dict[str, tuple[str, Callable[[Counts], float]]] = {
    "flesch-kincaid": ("Flesch-Kincaid", flesch_kincaid_grade),
    "smog": ("SMOG", smog_grade),
}


def grade(c: Counts, formula: str) -> float | None:
    """The grade by the named formula, or None when there is no text to grade."""
    if not c.words or not c.sentences:
        return None
    return GRADE_FORMULAS[formula][1](c)
