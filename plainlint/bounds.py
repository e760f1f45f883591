"""Bounds on one page's findings, far above any real page's: a page built to flood a report
(20,000 made-up words, each reported) gets the first ones of each rule and a note of the rest;
a page too big to read to its end (see analysis.segment.WORD_LIMIT) says where it stopped."""

from __future__ import annotations

from collections import Counter

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.config import Config
from plainlint.findings import Finding, fingerprint
from plainlint.rules import RULES
from plainlint.suppress import Directive, filter_suppressed

FINDINGS_PER_RULE = 1_000


def bounded(doc: AnalysedDocument, config: Config, findings: list[Finding], marks: list[Directive]) -> list[Finding]:
    """A page's findings (in report order, suppressed ones taken out) within the findings limit,
    and where a bound on its sentences took effect (a long line read in pieces, the page not read
    to its end), a notice from each rule that reads sentences: never counted in the limit, so
    never hidden by it."""
    findings = cap_per_rule(findings)
    bounds = doc.bound_notices()
    if not bounds:
        return findings
    notices = []
    for nth, (span, message) in enumerate(bounds):
        excerpt = doc.text_at(span)
        notices += [
            Finding(doc.document.path, span, rule, settings.severity, message, None, excerpt,
                    fingerprint(rule, excerpt.casefold(), nth))
            for rule, settings in config.rules.items() if settings.enabled and RULES[rule].reads_sentences
        ]
    return sorted(findings + filter_suppressed(notices, marks), key=Finding.sort_key)


def cap_per_rule(findings: list[Finding], limit: int = FINDINGS_PER_RULE) -> list[Finding]:
    """``findings`` (in report order) with at most ``limit`` of each rule; in place of the rest,
    one finding of that rule where the first one left out was, saying how many were left out.
    It takes the highest severity of those it stands for, so the exit code is unchanged."""
    if len(findings) <= limit:
        return findings  # every real page: nothing to count
    if max(Counter(f.rule for f in findings).values()) <= limit:
        return findings
    kept: list[Finding] = []
    shown: Counter[str] = Counter()
    left_out: dict[str, list[Finding]] = {}
    for f in findings:
        shown[f.rule] += 1
        if shown[f.rule] <= limit:
            kept.append(f)
        else:
            left_out.setdefault(f.rule, []).append(f)
    for rule, rest in left_out.items():
        first = rest[0]
        message = (
            f"{len(rest):,} more findings of this rule in this file are not shown from here on: plainlint "
            f"shows at most {limit:,} findings of one rule in one file. Fix the ones shown, then check again."
        )
        severity = max(f.severity for f in rest)
        kept.append(Finding(first.path, first.span, rule, severity, message, None, "", fingerprint(rule, "", 0)))
    kept.sort(key=Finding.sort_key)
    return kept
