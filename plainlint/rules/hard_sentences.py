"""hard-sentences: the hardest sentences on a page, and what makes each one hard."""

from __future__ import annotations

from typing import Iterator

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.analysis.difficulty import hard_word
from plainlint.analysis.readability import sentence_grade
from plainlint.analysis.segment import Sentence, texts
from plainlint.analysis.syllables import count_syllables
from plainlint.document import BlockKind
from plainlint.findings import Hit, quote
from plainlint.rules.base import Option, Options, Rule

_LONG_SENTENCE = 20  # words: the NHS's upper limit


def _hard_words(sentence: Sentence, n: int = 4) -> list[str]:
    """Its long or uncommon words, longest first."""
    hard = sorted(
        ((-count_syllables(w.text), i, w.text) for i, w in enumerate(sentence.words) if hard_word(w.text)),
    )
    return list(dict.fromkeys(text for _, _, text in hard))[:n]


def _why(sentence: Sentence) -> str:
    n = len(sentence.words)
    words = ", ".join(f'"{quote(w)}"' for w in _hard_words(sentence))
    if n > _LONG_SENTENCE and words:
        return f"It has {n} words, and long or uncommon ones: {words}. Split it, and use everyday words"
    if n > _LONG_SENTENCE:
        return f"It has {n} words. Split it into two or three sentences"
    if words:
        return f"Its words are long or uncommon: {words}. Use everyday words, or explain them"
    return "Its words are long. Use shorter, everyday words"


def check(doc: AnalysedDocument, options: Options) -> Iterator[Hit]:
    scored = []
    for s in doc.sentences:
        if len(s.words) < options["min-words"] or doc.document.blocks[s.block].kind is BlockKind.HEADING:
            continue  # on a few words, one long word makes a huge grade
        value = sentence_grade(len(s.words), sum(map(count_syllables, texts(s.words))))
        if value > options["max-grade"]:
            scored.append((value, s))
    hardest = sorted(scored, key=lambda pair: -pair[0])[: options["top"]]
    for value, s in sorted(hardest, key=lambda pair: (pair[1].block, pair[1].start)):
        yield Hit(
            doc.locate(s.block, s.start, s.end),
            f"This is one of the hardest sentences on the page: grade {value:.0f} "
            f"(Flesch-Kincaid on this sentence alone). {_why(s)}.",
        )


RULE = Rule(
    id="hard-sentences",
    summary="The hardest sentences on a page, with the length and the words that make them hard.",
    rationale=(
        "A page's grade says how hard it is, not where. Most of the difficulty often sits in "
        "a few sentences: a long one, or one packed with long medical words. This rule grades "
        "each sentence alone with the Flesch-Kincaid formula (sentence length and syllables "
        "per word) and points at the hardest few above a threshold, naming what to change."
    ),
    sources=(
        "Kincaid et al. (1975), Flesch-Kincaid grade level",
        "NHS digital service manual: how we write (sentences of up to 20 words, everyday words)",
    ),
    options=(
        Option("max-grade", "number", "Sentences graded above this are candidates.", minimum=0),
        Option("top", "int", "At most this many sentences are reported on a page, the hardest ones.", minimum=1),
        Option("min-words", "int", "Shorter sentences are not graded: one long word would dominate.", minimum=1),
    ),
    check=check,
    examples=(
        (
            "<p>Leptomeningeal metastases necessitate multidisciplinary evaluation, including cerebrospinal "
            "fluid cytology and gadolinium-enhanced imaging.</p>",
            "<p>Your team will test a sample of the fluid around your spine, and you will have a scan.</p>",
        ),
    ),
)
