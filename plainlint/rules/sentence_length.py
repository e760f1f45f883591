"""sentence-length: sentences over a word limit, and a page average over a target."""

from __future__ import annotations

from typing import Iterator

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.document import BlockKind
from plainlint.findings import Hit
from plainlint.rules.base import Option, Options, Rule

# An average over fewer sentences says little about the page.
_MIN_SENTENCES_FOR_AVERAGE = 5


def check(doc: AnalysedDocument, options: Options) -> Iterator[Hit]:
    limit = options["max-words"]
    prose = [s for s in doc.sentences if doc.document.blocks[s.block].kind is not BlockKind.HEADING]
    for s in prose:
        n = len(s.words)
        if n > limit:
            yield Hit(
                doc.locate(s.block, s.start, s.end),
                f"This sentence has {n} words; keep sentences to {limit} words or fewer. "
                "Split it into shorter sentences, or turn a series of items into a list.",
            )
    counted = [s for s in prose if s.words]
    if len(counted) >= _MIN_SENTENCES_FOR_AVERAGE:
        average = sum(len(s.words) for s in counted) / len(counted)
        target = options["average-words"]
        if average > target:
            yield Hit(
                doc.locate_page(),
                f"Sentences on this page average {average:.1f} words; aim for {target:g} or fewer. "
                "Shorter sentences are easier to follow for people who are ill, stressed or "
                "reading in a second language.",
                advisory=True,
            )


RULE = Rule(
    id="sentence-length",
    summary="Sentences longer than a word limit, and a page whose sentences are long on average.",
    rationale=(
        "Long sentences make readers hold many ideas at once. Readers who are ill, anxious "
        "or have low literacy lose the thread first. GOV.UK asks writers to check any "
        "sentence over 25 words, the NHS aims for 20 or fewer, and plain-English guides "
        "recommend an average of 15 to 20 words. Headings are checked by heading-structure "
        "instead; list items count as sentences of their own."
    ),
    sources=(
        "GOV.UK content design: writing for GOV.UK (sentences of 25 words or fewer)",
        "NHS digital service manual: how we write (sentences of up to 20 words)",
        "Oxford Guide to Plain English (average of 15 to 20 words)",
    ),
    options=(
        Option("max-words", "int", "A sentence with more words than this is reported.", minimum=1),
        Option(
            "average-words",
            "number",
            "The page's average sentence length above which an advisory (info) finding is "
            f"reported; needs at least {_MIN_SENTENCES_FOR_AVERAGE} sentences.",
            minimum=1,
        ),
    ),
    check=check,
    examples=(
        (
            "<p>If you have any questions about your treatment or the side effects you might get, or if you "
            "are worried about anything at all, please talk to the nurses on the ward or phone us.</p>",
            "<p>Do you have questions about your treatment or its side effects? Are you worried? "
            "Talk to the nurses on the ward, or phone us.</p>",
        ),
    ),
)
