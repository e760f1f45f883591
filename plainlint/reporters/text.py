"""Text report: one line per finding, ``path:line:col: severity rule-id message``.

The shape is the one compilers use, so editors and CI problem matchers read it. Paths,
messages and errors can hold anything a file name or a page holds, so their control
characters are shown escaped (``\\n``, ``\\x1b``, ``\\u202e``; see safe_text.py): a name with
a line break cannot forge a second finding, and a terminal escape sequence cannot reach the
terminal.
"""

from __future__ import annotations

import click

from plainlint.report import Report
from plainlint.safe_text import printable

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render(report: Report, colour: bool = False) -> str:
    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if colour else text

    lines = []
    for result in report.results:
        if result.error is not None:
            lines.append(f"{style(printable(result.path), bold=True)}: {style('error', fg='red')} "
                         f"{printable(result.error)}")
        for f in result.findings:
            where = style(f"{printable(f.path)}:{f.span.line}:{f.span.column}:", bold=True)
            severity = style(f.severity.label, fg=_COLOURS[f.severity.label])
            lines.append(f"{where} {severity} {printable(f.rule)} {printable(f.message)}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def summary_line(report: Report) -> str:
    s = report.summary
    counts = ", ".join(f"{n} {label}{'s' if n != 1 and label != 'info' else ''}" for label, n in s.by_severity.items())
    files = f"{s.files} file{'s' if s.files != 1 else ''} checked"
    if s.unreadable:
        files += f" ({s.unreadable} could not be read)"
    grade = (
        f"reading grade {s.grade:.1f} ({s.grade_name})" if s.grade is not None else "too little text to grade"
    )
    return f"{files}: {counts}; {grade}."
