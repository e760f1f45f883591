"""input-limits: part of a pathological page was not checked, because it passed a cap."""

from __future__ import annotations

from typing import Iterator

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.findings import Hit
from plainlint.rules.base import Options, Rule


def check(doc: AnalysedDocument, options: Options) -> Iterator[Hit]:
    for limit in doc.document.limits:
        # an HTML cap points at the start tag of the first element left out
        where = doc.locate_tag(limit.start) if limit.end <= limit.start else doc.locate_source(limit.start, limit.end)
        yield Hit(where, limit.message)


RULE = Rule(
    id="input-limits",
    summary="Parts of a page left unchecked past a cap: cells in a table row, tags, Markdown markup or nesting.",
    rationale=(
        "A page can be built so that checking it would take minutes and gigabytes, such as a "
        "table row of 50,000 cells. plainlint stops at caps far above any real page, and says "
        "where, so that no part of a page goes unchecked without a word. Split the page or the "
        "table to have all of it checked."
    ),
    sources=("plainlint's resource bounds (docs/security/bounds-md.md)",),
    options=(),
    check=check,
    reads_sentences=False,  # the limits of reading words are told by the rules that read them (bounds.py)
    # no examples: a page that passes a cap is too big to show (tests/hostile/test_bounds_md.py has them)
)
