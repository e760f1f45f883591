"""HTML report: one self-contained page that shows each checked page's text with every
finding marked in place, a summary per file and a chart of section grades.

It formats what the engine and report computed; it never computes findings or figures.
Every piece of text that comes from a linted page (its text, title and path, and the
messages and excerpts that quote it) goes through ``html.escape``, and the page carries a
Content-Security-Policy that allows no script, no fetch and no form, as defence in depth.
Control and bidi characters are shown escaped (``\\u202e``; safe_text.py), so a file name
cannot reverse the rest of its line; the page's own text keeps its bidi marks (LRM, RLM),
which place punctuation in right-to-left text as the page meant.
No JavaScript is needed: a mark shows its finding on hover and on keyboard focus by CSS.
"""

from __future__ import annotations

import html
import math
import re
from collections import defaultdict
from typing import Callable, Iterable

from plainlint import __version__
from plainlint.analysis.readability import GRADE_FORMULAS
from plainlint.engine import FileResult
from plainlint.findings import Finding
from plainlint.report import FileCounts, Report
from plainlint.reporters.text import summary_line
from plainlint.safe_text import page_text, shown
from plainlint.view import BlockView, PageView

# meta http-equiv cannot carry frame-ancestors; everything else a report needs is here
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
SEVERITIES = ("error", "warning", "info")
_LABELS = {"error": "Error", "warning": "Warning", "info": "Info"}
_PLURALS = {"error": "errors", "warning": "warnings", "info": "info"}

# Colours meet WCAG AA (4.5:1) for text on every background they are used on; the mark
# styles also differ by line style (double, solid, dotted), so colour is never the only cue.
_CSS = """
:root { color-scheme: light; --text: #1b1b1b; --muted: #4d4d4d; --line: #b8b8b8; --link: #0b4f9c;
  --error: #a4161a; --error-bg: #fde4e2; --error-strong: #f9c4bf;
  --warning: #6b4400; --warning-bg: #fff1c2; --warning-strong: #ffd966;
  --info: #174f8c; --info-bg: #e6f0fb; --info-strong: #c3dcf6; }
* { box-sizing: border-box; }
html { scroll-padding-top: 1rem; }
body { position: relative; margin: 0; padding: 1rem 1.5rem 3rem; color: var(--text); background: #fff;
  font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
a { color: var(--link); }
a:focus-visible, mark.pl:focus { outline: 3px solid var(--text); outline-offset: 2px; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.4em 0 .5em; }
h1 { font-size: 1.75rem; margin-top: .5rem; }
h2 { font-size: 1.4rem; margin-top: 2rem; overflow-wrap: anywhere; }
.file > h2 { border-top: 3px solid var(--text); padding-top: .75rem; margin-top: 2.5rem; }
h3 { font-size: 1.15rem; }
h4 { font-size: 1rem; }
.skip { position: absolute; left: -100vw; }
.skip:focus { position: static; display: inline-block; padding: .25rem .5rem; background: #fff; }
.muted { color: var(--muted); }
.intro, .file-nav { max-width: 60rem; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; list-style: none; }
.intro p { margin: .5rem 0; }
h2.contents { font-size: 1.1rem; margin: 1rem 0 .25rem; }
.intro ol { margin: 0; }
.file-nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; list-style: none; margin: 0; }
.file { display: grid; gap: 0 2.5rem; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 62rem) {
  .file { grid-template-columns: minmax(16rem, 25rem) minmax(0, 44rem); }
  .file > h2, .file > .file-nav, .file > .file-error { grid-column: 1 / -1; }
}
.summary { font-size: .9375rem; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; }
th, td { text-align: left; padding: .25rem .5rem .25rem 0; border-bottom: 1px solid var(--line);
  vertical-align: top; }
td.num, th.num { text-align: right; padding-right: .5rem; font-variant-numeric: tabular-nums; }
thead th { border-bottom: 2px solid var(--text); }
caption { text-align: left; }
.chart { margin: .25rem 0 1rem; }
.chart ol { list-style: none; padding: 0; margin: 0; position: relative; }
.chart li { margin: 0 0 .5rem; }
.chart .label { display: flex; justify-content: space-between; gap: .5rem; }
.chart .track { position: relative; height: .9rem; background: #f0f0f0; }
.chart .bar { position: absolute; left: 0; top: 0; bottom: 0; background: var(--info); }
.chart .bar.over { background: var(--error); }
.chart .target { position: absolute; top: -.2rem; bottom: -.2rem; border-left: 3px dashed var(--text); }
.chart .scale { display: flex; justify-content: space-between; font-size: .8125rem; }
.page { max-width: 44rem; }
.page .ph .tag { font: 600 .75rem/1 ui-monospace, monospace; color: var(--muted); border: 1px solid var(--line);
  border-radius: 3px; padding: .1rem .25rem; vertical-align: middle; }
.page .cells { display: flex; flex-wrap: wrap; gap: .25rem; margin: 1rem 0; }
.page .cell { margin: 0; padding: .25rem .5rem; border: 1px solid var(--line); }
.page blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 4px solid var(--line); }
.page dt { font-weight: 600; }
.page-title { font-size: .9375rem; }
.page .ph1 { font-size: 1.3rem; } .page .ph2 { font-size: 1.15rem; } .page .ph3 { font-size: 1rem; }
mark.pl { color: inherit; background: var(--bg); border-bottom: 2px solid var(--c); padding: 0 1px; }
mark.pl mark.pl { background: var(--strong); box-shadow: 0 0 0 1px var(--c); }
.sev-error { --c: var(--error); --bg: var(--error-bg); --strong: var(--error-strong); }
.sev-warning { --c: var(--warning); --bg: var(--warning-bg); --strong: var(--warning-strong); }
.sev-info { --c: var(--info); --bg: var(--info-bg); --strong: var(--info-strong); }
mark.pl.sev-error { border-bottom: 4px double var(--c); }
mark.pl.sev-info { border-bottom-style: dotted; }
sup.ref { font-size: .7rem; font-weight: 600; color: var(--muted); margin-left: 1px; }
mark.pl .tip { display: none; }
mark.pl:focus > .tip, mark.pl:hover:not(:has(mark.pl:hover)) > .tip {
  display: inline-block; position: absolute; z-index: 10; margin-top: 1.45em; margin-left: -2px;
  width: max-content; max-width: min(26rem, 85vw); padding: .5rem .75rem; border-radius: 4px;
  background: #1b1b1b; color: #fff; font: 400 .875rem/1.45 system-ui, -apple-system, "Segoe UI", Arial, sans-serif;
  text-align: left; white-space: normal; box-shadow: 0 2px 8px rgba(0, 0, 0, .35); }
/* where anchor positioning is supported, keep the tip below its passage and inside the page */
@supports (position-area: bottom) {
  mark.pl:focus > .tip, mark.pl:hover:not(:has(mark.pl:hover)) > .tip {
    margin: 0; position-area: bottom span-right; position-try-fallbacks: flip-inline; }
}
.tip .item { display: block; }
.tip .item + .item { margin-top: .4rem; padding-top: .4rem; border-top: 1px solid #777; }
.tip b { font-weight: 700; }
.badge { display: inline-block; font-size: .8125rem; font-weight: 700; padding: 0 .4rem; border-radius: 3px;
  color: var(--c); background: var(--bg); border: 1px solid var(--c); }
.findings { padding-left: 1.75rem; }
.findings li { margin-bottom: .75rem; }
.findings p { margin: .15rem 0; }
.findings code, .rule { font: .875rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.pagewide { border: 1px solid var(--line); border-left: 4px solid var(--text); padding: .5rem 1rem;
  margin: 1rem 0; }
.pagewide ul { padding-left: 1.25rem; margin: .25rem 0; }
footer { margin-top: 3rem; font-size: .875rem; color: var(--muted); }
@media print { .skip, .file-nav { display: none; } mark.pl .tip { display: none !important; } }
"""


def esc(value: object) -> str:
    """Text for HTML, attributes included: every page-derived string goes through here."""
    return html.escape(shown(str(value)), quote=True)


def esc_page(text: str) -> str:
    """The page's own text (its words, title, headings) for HTML: as ``esc``, keeping bidi marks."""
    return html.escape(page_text(text), quote=True)


def _class_name(rule: str) -> str:
    return "r-" + re.sub(r"[^a-z0-9-]", "-", rule.lower())


def _num(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _grade(value: float) -> str:
    """A target as written in the settings: 8, not 8.0."""
    return f"{value:g}"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def render(report: Report, colour: bool = False, target: float | None = None) -> str:
    """The whole report as one HTML document. ``colour`` is ignored (HTML is always in
    colour); ``target`` is the grade the chart draws its target line at (by default the
    reading-grade target of the settings)."""
    if target is None:
        target = report.summary.target
    counts = dict(zip(map(id, report.results), report.counts))
    title = "plainlint report"
    if len(report.results) == 1:
        title += f": {report.results[0].path}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="plainlint {esc(__version__)}">',
        f"<title>{esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#files">Skip to the pages</a>',
        '<header class="intro">',
        "<h1>plainlint report</h1>",
        f"<p>{esc(summary_line(report))}"
        + (f" Target: reading grade {esc(_grade(target))} or lower." if target is not None else "")
        + "</p>",
        "<p>Each finding is marked in the page's text. Point at a marked passage, or move to it with "
        "the Tab key, to read the finding. The small number after it is its number in the list of findings.</p>",
        '<ul class="legend" aria-label="How findings are marked">',
        *(f'<li><mark class="pl sev-{s}">{_LABELS[s]}</mark> {esc(_legend(s))}</li>' for s in SEVERITIES),
        "</ul>",
        '<nav aria-labelledby="contents-title"><h2 id="contents-title" class="contents">Pages checked</h2><ol>',
    ]
    for n, result in enumerate(report.results):
        out.append(f'<li><a href="#f{n}">{esc(result.path)}</a> <span class="muted">'
                   f"({esc(_file_counts(result, counts.get(id(result))))})</span></li>")
    out += ["</ol></nav>", "</header>", '<main id="files">']
    for n, (result, metrics) in enumerate(zip(report.results, report.metrics)):
        out.append(_file(n, result, metrics, report, target, counts.get(id(result))))
    out += [
        "</main>",
        f"<footer><p>Made by plainlint {esc(__version__)}.</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def _legend(severity: str) -> str:
    return {
        "error": "double underline, must be fixed;",
        "warning": "solid underline, should be fixed;",
        "info": "dotted underline, a pointer worth a look.",
    }[severity]


def _file_counts(result: FileResult, counts: FileCounts | None) -> str:
    if result.error is not None:
        return "could not be checked"
    by = counts.by_severity if counts is not None else {}
    if not any(by.values()):
        return "no findings"
    return ", ".join(_plural(by[s], s, _PLURALS[s]) for s in SEVERITIES if by[s])


def _file(n: int, result: FileResult, metrics: dict | None, report: Report, target: float | None,
          counts: FileCounts | None = None) -> str:
    p = f"f{n}"
    out = [f'<section class="file" id="{p}" aria-labelledby="{p}-title">',
           f'<h2 id="{p}-title">{esc(result.path)}</h2>']
    if result.error is not None:
        out.append(f'<p class="file-error"><span class="badge sev-error">Error</span> '
                   f"This file could not be checked: it {esc(result.error.rstrip('.'))}.</p>")
        out.append("</section>")
        return "\n".join(out)
    out.append(
        f'<nav class="file-nav" aria-label="{esc("In " + result.path)}"><ul>'
        f'<li><a href="#{p}-summary">Summary</a></li>'
        f'<li><a href="#{p}-text">Page text with findings marked</a></li>'
        f'<li><a href="#{p}-findings">All findings ({len(result.findings)})</a></li>'
        "</ul></nav>"
    )
    marks = _Marks(p, result.findings, result.view) if result.view is not None else None
    out.append(_summary(p, result, metrics, report, target, counts))
    out.append('<div class="main-col">')
    out.append(_page(p, result, marks))
    out.append(_findings_list(p, result, marks))
    out.append("</div>")
    out.append("</section>")
    return "\n".join(out)


# --- summary: figures, sections, chart, counts by rule -----------------------------------


def _formula_name(key: str) -> str:
    formula = GRADE_FORMULAS.get(key)
    return formula.name if formula else key


def _summary(p: str, result: FileResult, metrics: dict | None, report: Report, target: float | None,
             counts: FileCounts | None = None) -> str:
    out = [f'<div class="summary"><h3 id="{p}-summary">Summary</h3>']
    if metrics is not None:
        name = _formula_name(metrics.get("grade_formula", report.summary.grade_formula))
        grade = metrics.get("grade")
        grade_text = _num(grade) if grade is not None else (metrics.get("grade_note") or "not graded")
        rows = [
            ("Words", str(metrics.get("words", 0))),
            ("Sentences", str(metrics.get("sentences", 0))),
            ("Average sentence length (words)", _num(metrics.get("average_sentence_words"))),
            (f"Reading grade ({name})", grade_text),
            ("Reading age", _num(metrics.get("reading_age"))),
            ("Reading ease (Flesch: 0 to 100, higher is easier)", _num(metrics.get("reading_ease"))),
        ]
        out.append('<table><caption class="muted">The page as a whole</caption><tbody>')
        out += [f'<tr><th scope="row">{esc(k)}</th><td class="num">{esc(v)}</td></tr>' for k, v in rows]
        out.append("</tbody></table>")
        out.append(_sections(p, metrics, name, target))
    out.append(_rule_counts(result, counts))
    out.append("</div>")
    return "\n".join(out)


def _section_title(title: str) -> str:
    return title if title else "(text before the first heading)"


def _sections(p: str, metrics: dict, formula_name: str, target: float | None) -> str:
    sections = metrics.get("sections") or []
    out = [f'<h4 id="{p}-sections">Reading grade by section</h4>']
    if not sections:
        out.append("<p>The page has no sections.</p>")
        return "\n".join(out)
    out.append('<table><thead><tr><th scope="col">Section</th><th scope="col" class="num">Line</th>'
               '<th scope="col" class="num">Words</th><th scope="col" class="num">Grade</th></tr></thead><tbody>')
    for s in sections:
        grade = s.get("grade")
        out.append(f'<tr><th scope="row">{esc_page(_section_title(s.get("title", "")))}</th>'
                   f'<td class="num">{esc(s.get("line", ""))}</td><td class="num">{esc(s.get("words", 0))}</td>'
                   f'<td class="num">{esc(_num(grade))}</td></tr>')
    out.append("</tbody></table>")
    if any(s.get("grade") is None for s in sections):
        out.append('<p class="muted">A grade of \u201c\u2013\u201d: too short to grade.</p>')
    out.append(_chart(p, metrics, sections, formula_name, target))
    return "\n".join(out)


def _chart(p: str, metrics: dict, sections: list[dict], formula_name: str, target: float | None) -> str:
    """Bars of the page's and each section's grade, with a dashed line at the target."""
    page_note = metrics.get("grade_note") or "too short to grade"
    rows = [("Whole page", metrics.get("grade"))] + [(_section_title(s.get("title", "")), s.get("grade"))
                                                     for s in sections]
    values = [v for _, v in rows if v is not None] + ([target] if target is not None else [])
    top = max(12, math.ceil(max(values, default=0)))
    top += top % 2

    def at(value: float) -> str:
        return f"{max(0.0, min(value, top)) / top * 100:.2f}%"

    caption = f"Reading grade ({formula_name}) of the page and of each section"
    caption += f", against the target of grade {_grade(target)} (dashed line)" if target is not None else ""
    out = [f'<figure class="chart" aria-labelledby="{p}-chart-caption">',
           f'<figcaption id="{p}-chart-caption">{esc(caption)}.</figcaption>', "<ol>"]
    for k, (label, value) in enumerate(rows):
        if value is None:
            text, bar = (page_note if k == 0 else "too short to grade"), ""
        else:
            over = target is not None and value > target
            text = f"grade {_num(value)}" + (", above the target" if over else "")
            bar = f'<span class="bar{" over" if over else ""}" style="width:{at(value)}"></span>'
        line = f'<span class="target" style="left:{at(target)}"></span>' if target is not None else ""
        out.append(f'<li><span class="label"><span>{esc_page(label)}</span><span>{esc(text)}</span></span>'
                   f'<span class="track" aria-hidden="true" style="display:block">{bar}{line}</span></li>')
    out.append("</ol>")
    out.append(f'<div class="scale" aria-hidden="true"><span>0</span><span>{top // 2}</span><span>{top}</span></div>')
    out.append("</figure>")
    return "\n".join(out)


def _rule_counts(result: FileResult, file_counts: FileCounts | None) -> str:
    out = ["<h4>Findings by rule</h4>"]
    if not result.findings:
        out.append("<p>No findings.</p>")
        return "\n".join(out)
    counts = file_counts.by_rule if file_counts is not None else {}
    head = "".join(f'<th scope="col" class="num">{_LABELS[s]}</th>' for s in SEVERITIES)
    out.append(f'<table><thead><tr><th scope="col">Rule</th>{head}<th scope="col" class="num">All</th>'
               "</tr></thead><tbody>")
    for rule in sorted(counts):
        cells = "".join(f'<td class="num">{counts[rule][s]}</td>' for s in SEVERITIES)
        out.append(f'<tr><th scope="row" class="rule">{esc(rule)}</th>{cells}'
                   f'<td class="num">{sum(counts[rule].values())}</td></tr>')
    out.append("</tbody></table>")
    return "\n".join(out)


# --- the page's text with the findings marked ---------------------------------------------


class _Marks:
    """The file's marks, merged where several findings cover exactly the same text, so
    each passage is one mark (one Tab stop) whose tip gives every finding on it."""

    def __init__(self, p: str, findings: list[Finding], view: PageView):
        self.p = p
        self.findings = findings
        self.pieces = 0
        by_range: dict[tuple[int, int, int], list[int]] = defaultdict(list)
        for m in view.marks:
            if not (0 <= m.finding < len(findings) and 0 <= m.block < len(view.blocks)):
                continue
            length = len(view.blocks[m.block].text)
            start, end = max(0, m.start), min(m.end, length)
            if start < end and m.finding not in by_range[(m.block, start, end)]:
                by_range[(m.block, start, end)].append(m.finding)
        self.ranges = sorted(by_range, key=lambda r: (r[0], r[1], -r[2]))
        self.members = [sorted(by_range[r]) for r in self.ranges]
        self.of_finding: dict[int, int] = {}
        for g, members in enumerate(self.members):
            for i in members:
                self.of_finding.setdefault(i, g)
        self.in_block: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for g, (block, start, end) in enumerate(self.ranges):
            self.in_block[block].append((g, start, end))

    def severity(self, g: int) -> str:
        return max((self.findings[i].severity for i in self.members[g])).label

    def classes(self, g: int) -> str:
        rules = sorted({_class_name(self.findings[i].rule) for i in self.members[g]})
        return " ".join(["pl", f"sev-{self.severity(g)}", *rules])

    def tip(self, g: int, first: bool, anchor: str) -> str:
        items = []
        for i in self.members[g]:
            f = self.findings[i]
            text = f"<b>{i + 1}. {_LABELS[f.severity.label]}, {esc(f.rule)}:</b> {esc(f.message)}"
            if f.suggestion:
                text += f" Suggestion: {esc(f.suggestion)}."
            items.append(f'<span class="item">{text}</span>')
        ident = f'id="{self.p}-t{g}" role="tooltip"' if first else 'aria-hidden="true"'
        return f'<span class="tip" {ident} style="position-anchor:{anchor}">{"".join(items)}</span>'

    def opener(self, g: int, first: bool) -> str:
        self.pieces += 1
        anchor = f"--{self.p}-a{self.pieces}"  # each piece anchors its own tip
        if first:
            return (f'<mark class="{self.classes(g)}" id="{self.p}-m{g}" tabindex="0" '
                    f'aria-describedby="{self.p}-t{g}" style="anchor-name:{anchor}">{self.tip(g, True, anchor)}')
        return f'<mark class="{self.classes(g)} cont" style="anchor-name:{anchor}">{self.tip(g, False, anchor)}'

    def ender(self, g: int) -> str:
        return f'<sup class="ref" aria-hidden="true">{",".join(str(i + 1) for i in self.members[g])}</sup>'


def marked_text(text: str, spans: Iterable[tuple[int, int, int]],
                opener: Callable[[int, bool], str], ender: Callable[[int], str]) -> str:
    """``text`` escaped, with each span (id, start, end) wrapped in properly nested marks.

    Longer spans open first, so a word inside a sentence nests in the sentence's mark. Spans
    that overlap without nesting are split: at a span's end, the marks opened inside it are
    closed with it and reopened as continuations (``opener(id, False)``). ``ender(id)``
    follows each span's last piece."""
    spans = list(spans)
    ends = {g: end for g, _, end in spans}
    starting: dict[int, list[int]] = defaultdict(list)
    for g, start, _ in spans:
        starting[start].append(g)
    points = sorted({0, len(text)} | {s for _, s, _ in spans} | set(ends.values()))
    out: list[str] = []
    stack: list[int] = []
    opened: set[int] = set()
    pos = 0
    for point in points:
        out.append(esc_page(text[pos:point]))
        pos = point
        reopen: list[int] = []
        if any(ends[g] == point for g in stack):
            i = min(k for k, g in enumerate(stack) if ends[g] == point)
            for g in reversed(stack[i:]):
                out.append("</mark>")
                if ends[g] == point:
                    out.append(ender(g))
            reopen = [g for g in stack[i:] if ends[g] != point]
            del stack[i:]
        for g in sorted(reopen + starting.get(point, []), key=lambda g: (-ends[g], g)):
            out.append(opener(g, g not in opened))
            opened.add(g)
            stack.append(g)
    return "".join(out)


_CONTAINERS = {"list-item": "ul", "term": "dl", "definition": "dl", "table-cell": "cells"}


def _block(block: BlockView, inner: str) -> str:
    kind = block.kind
    if kind == "heading":
        level = min(max(block.level, 1), 6)
        report_level = min(level + 3, 6)  # under the report's own h1 to h3
        return (f'<h{report_level} class="ph ph{min(level, 3)}"><span class="tag">h{level}</span> {inner}'
                f"</h{report_level}>")
    if kind == "list-item":
        return f"<li>{inner}</li>"
    if kind == "term":
        return f"<dt>{inner}</dt>"
    if kind == "definition":
        return f"<dd>{inner}</dd>"
    if kind == "table-cell":
        return f'<p class="cell">{inner}</p>'
    if kind == "quote":
        return f"<blockquote><p>{inner}</p></blockquote>"
    if kind == "caption":
        return f'<p class="caption"><i>{inner}</i></p>'
    return f"<p>{inner}</p>"


def _page(p: str, result: FileResult, marks: _Marks | None) -> str:
    out = [f'<h3 id="{p}-text">Page text with findings marked</h3>']
    view = result.view
    unplaced = [i for i in range(len(result.findings)) if marks is None or i not in marks.of_finding]
    if unplaced:
        out.append(f'<div class="pagewide" role="group" aria-labelledby="{p}-pagewide">'
                   f'<p id="{p}-pagewide"><b>Not marked in the text</b> (about the page as a whole, '
                   "or a tag with no text):</p><ul>")
        for i in unplaced:
            f = result.findings[i]
            out.append(f'<li><span class="badge sev-{f.severity.label}">{_LABELS[f.severity.label]}</span> '
                       f'<a href="#{p}-finding-{i}">{i + 1}. {esc(f.rule)}</a>: {esc(f.message)}</li>')
        out.append("</ul></div>")
    if view is None:
        out.append("<p>The page's text is not in this report (it has no text, or it was not kept).</p>")
        return "\n".join(out)
    out.append('<div class="page">')
    if view.title:
        out.append(f'<p class="page-title muted">Page title: {esc_page(view.title)}</p>')
    if not view.blocks:
        out.append("<p>The page has no text to check.</p>")
    container = None
    for b, block in enumerate(view.blocks):
        wanted = _CONTAINERS.get(block.kind)
        if wanted != container:
            if container:
                out.append("</div>" if container == "cells" else f"</{container}>")
            if wanted:
                out.append('<div class="cells">' if wanted == "cells" else f"<{wanted}>")
            container = wanted
        out.append(_block(block, marked_text(block.text, marks.in_block.get(b, []), marks.opener, marks.ender)))
    if container:
        out.append("</div>" if container == "cells" else f"</{container}>")
    out.append("</div>")
    return "\n".join(out)


def _findings_list(p: str, result: FileResult, marks: _Marks | None) -> str:
    out = [f'<h3 id="{p}-findings">All findings</h3>']
    if not result.findings:
        out.append("<p>No findings: nothing to change.</p>")
        return "\n".join(out)
    out.append('<ol class="findings">')
    for i, f in enumerate(result.findings):
        sev = f.severity.label
        where = f"line {f.span.line}, column {f.span.column}"
        item = [f'<li id="{p}-finding-{i}">',
                f'<p><span class="badge sev-{sev}">{_LABELS[sev]}</span> <code>{esc(f.rule)}</code> '
                f'<span class="muted">{esc(where)}</span></p>',
                f"<p>{esc(f.message)}</p>"]
        if f.suggestion:
            item.append(f"<p>Suggestion: <q>{esc(f.suggestion)}</q></p>")
        if marks is not None and i in marks.of_finding:
            item.append(f'<p><a href="#{p}-m{marks.of_finding[i]}">Show it in the text</a></p>')
        elif f.excerpt:
            item.append(f'<p class="muted">Not marked in the text. The text involved: <q>{esc_page(f.excerpt)}</q></p>')
        else:
            item.append('<p class="muted">Not marked in the text: it is about the page as a whole.</p>')
        item.append("</li>")
        out.append("".join(item))
    out.append("</ol>")
    return "\n".join(out)
