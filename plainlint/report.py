"""The results of a run, summed up once for every reporter."""

from __future__ import annotations

from dataclasses import dataclass

from plainlint.analysis.readability import GRADE_FORMULAS, Counts, assess
from plainlint.engine import FileResult
from plainlint.findings import Severity
from plainlint.metrics import Grading, file_metrics


@dataclass(frozen=True)
class Summary:
    files: int
    unreadable: int
    by_severity: dict[str, int]
    grade: float | None  # over all the text checked, as if it were one page
    grade_formula: str

    @property
    def grade_name(self) -> str:
        return GRADE_FORMULAS[self.grade_formula].name


@dataclass(frozen=True)
class Report:
    results: list[FileResult]
    metrics: list[dict | None]  # per file, in the order of results
    summary: Summary


def summarise(results: list[FileResult], grading: Grading) -> Report:
    """Counts by severity, and one grade over all the text checked (None on too little text)."""
    by_severity = {s.label: 0 for s in sorted(Severity, reverse=True)}
    total = Counts()
    for result in results:
        for finding in result.findings:
            by_severity[finding.severity.label] += 1
        if result.counts is not None:
            total = total + result.counts
    value = assess(total, grading.formula, grading.min_words).grade
    summary = Summary(
        len(results),
        sum(r.error is not None for r in results),
        by_severity,
        None if value is None else round(value, 1),
        grading.formula,
    )
    return Report(results, [file_metrics(r, grading) for r in results], summary)
