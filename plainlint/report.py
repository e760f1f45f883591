"""The results of a run, summed up once for every reporter."""

from __future__ import annotations

from dataclasses import dataclass

from plainlint.analysis.readability import GRADE_FORMULAS, Counts, grade
from plainlint.engine import FileResult
from plainlint.findings import Severity


@dataclass(frozen=True)
class Summary:
    files: int
    unreadable: int
    by_severity: dict[str, int]
    grade: float | None  # over all the text checked, as if it were one page
    grade_formula: str

    @property
    def grade_name(self) -> str:
        return GRADE_FORMULAS[self.grade_formula][0]


@dataclass(frozen=True)
class Report:
    results: list[FileResult]
    metrics: list[dict | None]  # per file, in the order of results
    summary: Summary


def summarise(results: list[FileResult], formula: str, min_words: int) -> Report:
    """Counts by severity, and one grade over all the text checked (None below ``min_words``)."""
    by_severity = {s.label: 0 for s in sorted(Severity, reverse=True)}
    total = Counts()
    for result in results:
        for finding in result.findings:
            by_severity[finding.severity.label] += 1
        if result.counts is not None:
            total = total + result.counts
    value = grade(total, formula) if total.words >= min_words else None
    summary = Summary(
        len(results),
        sum(r.error is not None for r in results),
        by_severity,
        None if value is None else round(value, 1),
        formula,
    )
    return Report(results, [r.metrics(formula, min_words) for r in results], summary)
