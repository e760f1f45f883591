"""The results of a run, summed up once for every reporter."""

from __future__ import annotations

from collections import Counter
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


_BY_RANK = sorted(Severity, reverse=True)  # the order of the counts in every report


def _file_counts(result: FileResult) -> FileCounts:
    by_rule = Counter((f.rule, f.severity) for f in result.findings)
    rules = sorted({rule for rule, _ in by_rule})
    return FileCounts(
        {s.label: sum(by_rule[rule, s] for rule in rules) for s in _BY_RANK},
        {rule: {s.label: by_rule[rule, s] for s in _BY_RANK} for rule in rules},
    )


def summarise(results: list[FileResult], grading: Grading) -> Report:
    """Counts by severity, and one grade over all the text checked (None on too little text)."""
    counts = [_file_counts(r) for r in results]
    by_severity = {s.label: sum(c.by_severity[s.label] for c in counts) for s in _BY_RANK}
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
    return Report(results, [file_metrics(r, grading) for r in results], summary, counts)
