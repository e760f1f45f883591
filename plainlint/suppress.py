"""Inline suppression comments, in HTML and Markdown alike (both take HTML comments):

    <!-- plainlint-disable unexplained-jargon -->   ... <!-- plainlint-enable -->
    <!-- plainlint-disable -->                       every rule, until enabled again
    <!-- plainlint-disable-next-line sentence-length -->
    <!-- plainlint-disable-line hard-sentences -->  on the line the comment is on

as markdownlint and Vale do. Rule ids may be separated by spaces or commas; none means
every rule. A finding is suppressed when the line it starts on is covered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plainlint.findings import Finding

# The rule list stops at the next "<" or ">" and is trimmed in Python, so a page of
# unclosed comments or long runs of spaces cannot make the search quadratic.
_COMMENT = re.compile(r"<!--\s*plainlint-(disable-next-line|disable-line|disable|enable)\b([^<>]*)-->", re.I)
_ALL = "*"


@dataclass(frozen=True, slots=True)
class Directive:
    action: str
    rules: frozenset[str]  # empty: every rule
    line: int  # where the comment starts
    end_line: int  # where it ends
    offset: int  # source offset of its "<!--"


def directives(source: str) -> list[Directive]:
    if "plainlint-" not in source:
        return []
    out = []
    line, counted = 1, 0  # lines counted up to ``counted``, so many comments cost one pass
    for m in _COMMENT.finditer(source):
        rules = frozenset(r for r in re.split(r"[\s,]+", m.group(2).strip()) if r)
        line += source.count("\n", counted, m.start())
        counted = m.start()
        out.append(Directive(m.group(1).lower(), rules, line, line + m.group(0).count("\n"), m.start()))
    return out


def filter_suppressed(findings: list[Finding], found: list[Directive]) -> list[Finding]:
    if not found:
        return findings
    # per rule (or _ALL): list of (first line, last line) ranges that are switched off
    ranges: dict[str, list[tuple[int, float]]] = {}
    open_from: dict[str, int] = {}
    for d in found:
        keys = d.rules or {_ALL}
        if d.action == "disable":
            for k in keys:
                open_from.setdefault(k, d.end_line)
        elif d.action == "enable":
            for k in (list(open_from) if not d.rules else keys):
                if k in open_from:
                    ranges.setdefault(k, []).append((open_from.pop(k), d.line))
        elif d.action == "disable-next-line":
            for k in keys:
                ranges.setdefault(k, []).append((d.end_line + 1, d.end_line + 1))
        else:  # disable-line
            for k in keys:
                ranges.setdefault(k, []).append((d.line, d.end_line))
    for k, start in open_from.items():
        ranges.setdefault(k, []).append((start, float("inf")))

    def covered(f: Finding) -> bool:
        return any(a <= f.span.line <= b for k in (f.rule, _ALL) for a, b in ranges.get(k, ()))

    return [f for f in findings if not covered(f)]
