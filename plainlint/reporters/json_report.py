"""JSON report: a stable document described in docs/json-report.md (``schema_version`` 1).

Messages, errors and suggestions show control and bidi characters escaped (safe_text.shown),
as whatever displays them would act on them; paths and section titles are the file's and
the page's own, kept exact (their bidi and C1 characters are written as JSON escapes).
"""

from __future__ import annotations

from plainlint import __version__, json_text
from plainlint.report import Report
from plainlint.safe_text import shown

SCHEMA_VERSION = 1


def render(report: Report, colour: bool = False) -> str:
    s = report.summary
    data = {
        "tool": "plainlint",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "files": [
            {
                "path": r.path,
                "error": None if r.error is None else shown(r.error),
                "metrics": metrics,
                "findings": [
                    {
                        "path": f.path,
                        "line": f.span.line,
                        "column": f.span.column,
                        "end_line": f.span.end_line,
                        "end_column": f.span.end_column,
                        "rule": f.rule,
                        "severity": f.severity.label,
                        "message": shown(f.message),
                        "suggestion": None if f.suggestion is None else shown(f.suggestion),
                        "fingerprint": f.fingerprint,
                    }
                    for f in r.findings
                ],
            }
            for r, metrics in zip(report.results, report.metrics)
        ],
        "summary": {
            "files": s.files,
            "unreadable": s.unreadable,
            **s.by_severity,
            "grade": s.grade,
            "grade_formula": s.grade_formula,
        },
    }
    return json_text.dumps(data)
