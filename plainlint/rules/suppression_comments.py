"""suppression-comments: a plainlint comment that names a rule that does not exist."""

from __future__ import annotations

import difflib
from typing import Iterator

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.findings import Hit, quote
from plainlint.rules.base import Options, Rule
from plainlint.suppress import directives


def check(doc: AnalysedDocument, options: Options) -> Iterator[Hit]:
    from plainlint.rules import RULES  # the registry imports this module

    for d in directives(doc.document.source):
        for rule_id in sorted(d.rules - set(RULES)):
            close = difflib.get_close_matches(rule_id, list(RULES), n=1)
            hint = f'Did you mean "{close[0]}"?' if close else f"The rules are: {', '.join(RULES)}."
            yield Hit(
                doc.locate_tag(d.offset),  # the whole comment: it ends at its only ">"
                f'This plainlint comment names "{quote(rule_id)}", which is not a rule, '
                f"so it switches nothing off. {hint}",
                suggestion=close[0] if close else None,
            )


RULE = Rule(
    id="suppression-comments",
    summary="plainlint-disable comments that name a rule that does not exist.",
    rationale=(
        "A comment such as <!-- plainlint-disable unexplained-jargon --> switches a rule off "
        "for part of a page. A misspelt rule id would switch nothing off, and nobody would "
        "notice: so plainlint says so."
    ),
    sources=("markdownlint and Vale inline configuration comments",),
    options=(),
    check=check,
    reads_sentences=False,
    examples=(
        (
            "<!-- plainlint-disable unexplaned-jargon -->",
            "<!-- plainlint-disable unexplained-jargon -->",
        ),
    ),
)
