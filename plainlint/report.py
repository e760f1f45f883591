"""The results of a run, summed up once for every reporter."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    target: float | None = None  # reading-grade's target, as a US grade

    @property
    def grade_name(self) -> str:
        return GRADE_FORMULAS[self.grade_formula].name


@dataclass(frozen=True)
class FileCounts:
    """One file's findings counted by severity, and by rule then severity."""

    by_severity: dict[str, int]
    by_rule: dict[str, dict[str, int]]


@dataclass(frozen=True)
class Report:
    results: list[FileResult]
    metrics: list[dict | None]  # per file, in the order of results
    summary: Summary
    counts: list[FileCounts] = field(default_factory=list)  # per file, in the order of results


def _file_counts(result: FileResult) -> FileCounts:
    labels = [s.label for s in sorted(Severity, reverse=True)]
    by_severity = dict.fromkeys(labels, 0)
    by_rule: dict[str, dict[str, int]] = {}
    for f in result.findings:
        by_severity[f.severity.label] += 1
        by_rule.setdefault(f.rule, dict.fromkeys(labels, 0))[f.severity.label] += 1
    return FileCounts(by_severity, dict(sorted(by_rule.items())))


def summarise(results: list[FileResult], grading: Grading) -> Report:
    """Counts by severity, and one grade over all the text checked (None on too little text)."""
    by_severity = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for result in results:
        for finding in result.findings:
            by_severity[finding.severity.label] += 1
    total = Counts.total(r.counts for r in results if r.counts is not None)
    value = assess(total, grading.formula, grading.min_words).grade
    summary = Summary(
        len(results),
        sum(r.error is not None for r in results),
        by_severity,
        None if value is None else round(value, 1),
        grading.formula,
        grading.target,
    )
    return Report(results, [file_metrics(r, grading) for r in results], summary, [_file_counts(r) for r in results])
