"""Readability counts and the published formulas, computed from plainlint's own counts.

textstat's functions take raw text and count sentences with one regular expression
(splitting "2.5 mg" and "Dr."), and its English syllable count downloads NLTK data on
first use. So plainlint counts for itself and applies the formulas here; the tests
check each one against hand-worked values and against textstat's arithmetic.

Dale-Chall is left out: its formula needs the Dale-Chall list of familiar words, and no
copy of that list could be found under an open licence (the 1995 list is copyrighted;
the copies shipped by other tools do not say where they came from).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from plainlint.analysis.segment import Sentence, is_address, texts
from plainlint.analysis.syllables import count_syllables
from plainlint.pickling import by_fields

# Flesch recommended samples of 100 words; below that every formula is noise.
MIN_WORDS = 100
# McLaughlin defined SMOG on 30 sentences and gives a conversion for shorter texts, but
# not for very short ones: under 10 sentences the count of long words is too small.
SMOG_MIN_SENTENCES = 10
SMOG_SAMPLE = 30


@by_fields
@dataclass(frozen=True, slots=True)
class Counts:
    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0  # words of three or more syllables (SMOG)
    letters: int = 0  # Coleman-Liau
    characters: int = 0  # letters and digits (ARI)
    complex_words: int = 0  # Gunning's hard words: polysyllables less names, compounds, -es/-ed/-ing
    # polysyllables of each sentence in order, so SMOG can take its sample of 30
    sentence_polysyllables: tuple[int, ...] = ()

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.sentences + other.sentences,
            self.words + other.words,
            self.syllables + other.syllables,
            self.polysyllables + other.polysyllables,
            self.letters + other.letters,
            self.characters + other.characters,
            self.complex_words + other.complex_words,
            self.sentence_polysyllables + other.sentence_polysyllables,
        )

    @staticmethod
    def total(parts: Iterable[Counts]) -> Counts:
        """The sum of many counts, joining the per-sentence tuples once: adding them up
        one by one copies the growing tuple each time, which is quadratic on a big site."""
        parts = list(parts)
        per_sentence = tuple(n for c in parts for n in c.sentence_polysyllables)
        return Counts(
            *(sum(getattr(c, f) for c in parts) for f in
              ("sentences", "words", "syllables", "polysyllables", "letters", "characters", "complex_words")),
            per_sentence,
        )

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def polysyllable_share(self) -> float:
        return self.polysyllables / self.words if self.words else 0.0


def _is_complex(word: str, syllables: int, first: bool) -> bool:
    """Gunning (1952): a hard word has three or more syllables, unless it is a proper
    name, a compound of easy words, or reaches three only with -es, -ed or -ing."""
    if syllables < 3 or "-" in word or (word[:1].isupper() and not first):
        return False
    lower = word.lower()
    for ending in ("es", "ed", "ing"):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            return count_syllables(lower[: -len(ending)]) >= 3
    return True


@lru_cache(maxsize=65536)
def _word_counts(text: str) -> tuple[int, int, int, bool, bool, bool] | None:
    """(syllables, letters, letters and digits, hard as a first word, hard elsewhere,
    three syllables or more) of a word, or None for an address; counted once per distinct
    word."""
    if is_address(text):
        return None
    syllables = count_syllables(text)
    if text.isalpha():
        letters = chars = len(text)
    else:
        letters = sum(c.isalpha() for c in text)
        chars = letters + sum(c.isdigit() for c in text)
    return (syllables, letters, chars, _is_complex(text, syllables, True), _is_complex(text, syllables, False),
            syllables >= 3)


def count(sentences: Iterable[Sentence]) -> Counts:
    """Counts over sentences that have at least one word; web and email addresses are not
    counted, as their "syllables" say nothing about how hard the text is."""
    n_sent = n_words = n_syll = n_poly = n_letters = n_chars = n_complex = 0
    per_sentence: list[int] = []
    for sentence in sentences:
        words = list(filter(None, map(_word_counts, texts(sentence.words))))  # None: an address
        if not words:
            continue
        n_sent += 1
        n_words += len(words)
        # each column summed in C: a page has thousands of words
        syllables, letters, chars, _, complex_, poly = map(sum, zip(*words))
        n_syll += syllables
        n_letters += letters
        n_chars += chars
        n_complex += complex_ + words[0][3] - words[0][4]  # the first word: a capital is no name
        n_poly += poly
        per_sentence.append(poly)
    return Counts(n_sent, n_words, n_syll, n_poly, n_letters, n_chars, n_complex, tuple(per_sentence))


def flesch_kincaid_grade(c: Counts) -> float:
    """Kincaid et al. (1975): 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    return 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59


def flesch_reading_ease(c: Counts) -> float:
    """Flesch (1948): 206.835 - 1.015 words/sentence - 84.6 syllables/word (higher is easier)."""
    return 206.835 - 1.015 * c.words / c.sentences - 84.6 * c.syllables / c.words


def smog_sample(c: Counts) -> float:
    """Polysyllables in 30 sentences, as McLaughlin (1969) says to take them: on 30 or
    more sentences, the 10 at the start, the 10 in the middle and the 10 at the end;
    on fewer, all of them scaled up to 30."""
    per = c.sentence_polysyllables
    if c.sentences >= SMOG_SAMPLE and len(per) == c.sentences:
        middle = (len(per) - 10) // 2
        return sum(per[:10]) + sum(per[middle : middle + 10]) + sum(per[-10:])
    return c.polysyllables * SMOG_SAMPLE / c.sentences


def smog_grade(c: Counts) -> float:
    """McLaughlin's regression: 1.043 sqrt(polysyllables in 30 sentences) + 3.1291."""
    return 1.043 * math.sqrt(smog_sample(c)) + 3.1291


def gunning_fog(c: Counts) -> float:
    """Gunning (1952): 0.4 (words/sentence + 100 hard words/words)."""
    return 0.4 * (c.words / c.sentences + 100 * c.complex_words / c.words)


def coleman_liau(c: Counts) -> float:
    """Coleman and Liau (1975): 0.0588 L - 0.296 S - 15.8, where L is letters and S
    sentences per 100 words."""
    return 0.0588 * 100 * c.letters / c.words - 0.296 * 100 * c.sentences / c.words - 15.8


def automated_readability(c: Counts) -> float:
    """Senter and Smith (1967): 4.71 characters/word + 0.5 words/sentence - 21.43."""
    return 4.71 * c.characters / c.words + 0.5 * c.words / c.sentences - 21.43


def _meaningful(c: Counts, formula: str) -> bool:
    return formula != "smog" or c.sentences >= SMOG_MIN_SENTENCES


def consensus(c: Counts) -> float:
    """The median of the five grade formulas (SMOG left out on under 10 sentences):
    formulas disagree by several grades on the same text, and the median is robust
    to the one that is furthest off."""
    return statistics.median(
        f.compute(c) for key, f in GRADE_FORMULAS.items() if key != "consensus" and _meaningful(c, key)
    )


@dataclass(frozen=True)
class Formula:
    name: str
    compute: Callable[[Counts], float]


GRADE_FORMULAS: dict[str, Formula] = {
    "flesch-kincaid": Formula("Flesch-Kincaid", flesch_kincaid_grade),
    "smog": Formula("SMOG", smog_grade),
    "gunning-fog": Formula("Gunning Fog", gunning_fog),
    "coleman-liau": Formula("Coleman-Liau", coleman_liau),
    "ari": Formula("Automated Readability Index", automated_readability),
    "consensus": Formula("consensus of five formulas", consensus),
}


@dataclass(frozen=True, slots=True)
class Assessment:
    """A grade, or why there is none: a number on too little text would mislead."""

    grade: float | None
    why_not: str | None = None


def assess(c: Counts, formula: str, min_words: int = MIN_WORDS) -> Assessment:
    if not c.words or not c.sentences:
        return Assessment(None, "no text to grade")
    if c.words < min_words:
        return Assessment(None, f"too little text to grade: {c.words} words, and the formulas need {min_words}")
    if not _meaningful(c, formula):
        return Assessment(
            None, f"too few sentences for SMOG: {c.sentences}, and it needs at least {SMOG_MIN_SENTENCES}"
        )
    return Assessment(GRADE_FORMULAS[formula].compute(c))


def grade(c: Counts, formula: str) -> float | None:
    """The grade by the named formula on any amount of text, or None when there is none
    (for comparisons; reports use ``assess``, which refuses too little text)."""
    if not c.words or not c.sentences:
        return None
    return GRADE_FORMULAS[formula].compute(c)


def reading_age(grade_value: float) -> float:
    """UK reading age from a US grade: children start grade 1 at about 6, so add 5."""
    return grade_value + 5


def sentence_grade(words: int, syllables: int) -> float:
    """Flesch-Kincaid on one sentence: the one formula that still means something there,
    as it weighs sentence length and word length and nothing else."""
    return 0.39 * words + 11.8 * syllables / words - 15.59
