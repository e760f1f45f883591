"""What the language server shows, built from a check's results: diagnostics, the reading
grade, hovers and quick fixes. Pure functions of text and findings; no server state, no
rules computed here (the engine has already run them). Messages show control and bidi
characters escaped (safe_text.shown): an editor's problem list would act on them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol.types import CodeDescription, Diagnostic, DiagnosticSeverity, Position, Range

from plainlint.analysis.readability import GRADE_FORMULAS
from plainlint.engine import FileResult
from plainlint.findings import Finding, Severity, quote
from plainlint.lsp.positions import PositionMap
from plainlint.metrics import Grading, file_metrics
from plainlint.rules import RULES
from plainlint.safe_text import shown

SOURCE = "plainlint"
GRADE = "grade"  # data["kind"] of the reading-grade diagnostic, which is not a finding
SETTINGS = "settings"  # data["kind"] of a diagnostic about invalid settings
JARGON = "unexplained-jargon"

SEVERITY = {
    Severity.ERROR: DiagnosticSeverity.Error,
    Severity.WARNING: DiagnosticSeverity.Warning,
    Severity.INFO: DiagnosticSeverity.Information,
}


@dataclass(frozen=True)
class Placed:
    """A diagnostic with the source offsets it covers; ``finding`` is None for the grade."""

    start: int
    end: int
    diagnostic: Diagnostic
    finding: Finding | None = None


@dataclass
class Checked:
    """What one check of one version of a document gave."""

    version: int | None
    text: str
    placed: list[Placed] = field(default_factory=list)
    metrics: dict | None = None  # plainlint.metrics.file_metrics, for the grade's hover
    pm: PositionMap | None = field(default=None, repr=False)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [p.diagnostic for p in self.placed]

    def at(self, offset: int) -> list[Placed]:
        """The diagnostics covering ``offset``, narrowest first."""
        hits = [p for p in self.placed if p.start <= offset < p.end or p.start == p.end == offset]
        return sorted(hits, key=lambda p: p.end - p.start)


# --- diagnostics ----------------------------------------------------------------------


@functools.cache
def _rule_pages() -> tuple[Path, dict[str, int]] | None:
    """docs/rules.md beside the package (a clone, or an editable install) and the line where
    it explains each rule; None when the package was installed without it."""
    page = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    try:
        lines = page.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    if not lines or lines[0].strip() != "# Rules":
        return None
    where = {}
    for rule_id in RULES:
        # a rule's paragraph, else its row in the table, else the top of the page
        found = next((i + 1 for i, line in enumerate(lines) if line.startswith(f"**{rule_id}.**")), None)
        found = found or next((i + 1 for i, line in enumerate(lines) if line.startswith(f"| `{rule_id}` |")), 1)
        where[rule_id] = found
    return page, where


def rule_href(rule_id: str) -> str | None:
    """A link to where docs/rules.md explains the rule (a file: URI with the line, as
    ``#L<line>``), or None when there is no page to point at."""
    found = _rule_pages()
    if found is None or rule_id not in found[1]:
        return None
    page, where = found
    return f"{page.as_uri()}#L{where[rule_id]}"


def finding_diagnostics(result: FileResult, pm: PositionMap, links: bool = True) -> list[Placed]:
    out = []
    for f in result.findings:
        start, end = pm.span_offsets(f.span)
        href = rule_href(f.rule) if links else None
        diagnostic = Diagnostic(
            range=pm.range(start, end),
            message=shown(f.message),
            severity=SEVERITY[f.severity],
            code=f.rule,
            code_description=CodeDescription(href=href) if href else None,
            source=SOURCE,
            data={"rule": f.rule, "text": pm.text[start:end], "term": f.excerpt, "suggestion": f.suggestion},
        )
        out.append(Placed(start, end, diagnostic, f))
    return out


def _target(options) -> str:
    age = options["max-reading-age"]
    return f"a reading age of {age:g} or lower" if age is not None else f"grade {options['max-grade']:g} or lower"


def grade_message(metrics: dict, options) -> str:
    if metrics["grade"] is None:
        return f"No reading grade: {metrics['grade_note']}."
    name = GRADE_FORMULAS[metrics["grade_formula"]].name
    return (
        f"Reading grade {metrics['grade']:.1f} ({name}), reading age {metrics['reading_age']:.0f}; "
        f"the target is {_target(options)}. {metrics['words']:,} words, {metrics['sentences']:,} sentences."
    )


def grade_diagnostic(result: FileResult, pm: PositionMap, options, links: bool = True) -> tuple[Placed, dict] | None:
    """The page's reading grade as an Information diagnostic on the first line of its
    text (its first heading, as a rule), or None for a page without words."""
    metrics = file_metrics(result, Grading.from_options(options))
    if metrics is None or not metrics["words"]:
        return None
    line = result.sections[0].line if result.sections else 1
    line_start = pm.offset(line, 1)
    k = pm.line_of(line_start)
    ls, le = pm.line_bounds(k)
    text = pm.text[ls:le]
    start = ls + len(text) - len(text.lstrip())
    end = max(start, ls + len(text.rstrip()))
    href = rule_href("reading-grade") if links else None
    diagnostic = Diagnostic(
        range=pm.range(start, end),
        message=grade_message(metrics, options),
        severity=DiagnosticSeverity.Information,
        code="reading-grade",
        code_description=CodeDescription(href=href) if href else None,
        source=SOURCE,
        data={"kind": GRADE},
    )
    return Placed(start, end, diagnostic), metrics


def settings_diagnostic(settings_file: Path | None, problems: str) -> Diagnostic:
    """For a page that was not checked because its settings file is invalid."""
    where = str(settings_file) if settings_file else "the settings"
    listed = settings_problems(problems)
    first = f"line {listed[0][0] + 1}: {listed[0][1]}" if listed else problems
    more = f" (and {len(listed) - 1} more)" if len(listed) > 1 else ""
    return Diagnostic(
        range=Range(Position(0, 0), Position(0, 0)),
        message=shown(f"plainlint did not check this page: the settings file {where} is invalid, {first}{more}"),
        severity=DiagnosticSeverity.Error,
        code="invalid-settings",
        source=SOURCE,
        data={"kind": SETTINGS},
    )


def settings_file_diagnostics(path: Path, problems: str) -> list[Diagnostic]:
    """A settings file's problems, each on its line of the file."""
    try:
        pm = PositionMap(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        pm = PositionMap("")
    out = []
    for line, message in settings_problems(problems):
        line = min(max(line, 0), pm.line_count - 1)
        ls, le = pm.line_bounds(line)
        text = pm.text[ls:le]
        start = ls + len(text) - len(text.lstrip())
        out.append(
            Diagnostic(
                range=pm.range(start, max(start, ls + len(text.rstrip()))),
                message=message,
                severity=DiagnosticSeverity.Error,
                code="invalid-settings",
                source=SOURCE,
                data={"kind": SETTINGS},
            )
        )
    return out


_PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<message>.*)$")


def settings_problems(message: str) -> list[tuple[int, str]]:
    """``file:line: what is wrong`` lines of a ConfigError as (0-based line, message)."""
    out = []
    for row in message.splitlines():
        m = _PROBLEM.match(row)
        if m:
            out.append((int(m["line"]) - 1, m["message"]))
        elif row.strip() and out:
            out[-1] = (out[-1][0], out[-1][1] + "\n" + row)
        elif row.strip():
            out.append((0, row))
    return out


# --- hover ----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def md(text: str) -> str:
    """Text from a page or a message, escaped for Markdown, its control and bidi characters shown."""
    return _MD_SPECIAL.sub(r"\\\1", shown(text))


def rule_markdown(rule_id: str) -> str:
    rule = RULES[rule_id]
    parts = [f"**{md(rule.summary)}**", md(rule.rationale)]
    for bad, good in rule.examples:
        parts.append(f"Reported:\n```html\n{bad}\n```\nNot reported:\n```html\n{good}\n```")
    if rule.sources:
        parts.append("Guidance:\n" + "\n".join(f"- {md(s)}" for s in rule.sources))
    parts.append(
        f"Settings: `{rule_id}` under `rules:` in rules.yml. "
        f"For one line: `<!-- plainlint-disable-next-line {rule_id} -->` on the line above."
    )
    return "\n\n".join(parts)


def grade_markdown(metrics: dict) -> str:
    grades = " · ".join(
        f"{GRADE_FORMULAS[k].name} {v:.1f}" for k, v in metrics["grades"].items() if v is not None and k != "consensus"
    )
    parts = []
    if grades:
        consensus = metrics["grades"].get("consensus")
        parts.append(f"By formula: {grades}" + (f"; consensus {consensus:.1f}." if consensus is not None else "."))
    ease = metrics["reading_ease"]
    parts.append(
        f"{metrics['words']:,} words, {metrics['sentences']:,} sentences, "
        f"{metrics['average_sentence_words']:.1f} words a sentence"
        + (f"; Flesch reading ease {ease:.0f} (0 to 100, higher is easier)." if ease is not None else ".")
    )
    sections = metrics.get("sections") or []
    if len(sections) > 1:
        rows = ["| section | line | words | grade |", "| --- | --- | --- | --- |"]
        for s in sections[:30]:
            title = md(s["title"]) or "(before the first heading)"
            grade = "" if s["grade"] is None else f"{s['grade']:.1f}"
            rows.append(f"| {title} | {s['line']} | {s['words']:,} | {grade} |")
        if len(sections) > 30:
            rows.append(f"| and {len(sections) - 30} more | | | |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


def hover_markdown(hits: list[Placed], metrics: dict | None) -> str:
    """The findings at a place, each with its rule's explanation (once per rule)."""
    parts = []
    explained = set()
    for p in hits:
        d = p.diagnostic
        if p.finding is None:
            if isinstance(d.data, dict) and d.data.get("kind") == GRADE:
                parts.append(f"**plainlint: reading grade**\n\n{md(d.message)}")
                if metrics:
                    parts.append(grade_markdown(metrics))
            else:  # about the whole page: settings in error, too large, not checked
                parts.append(f"**plainlint**\n\n{md(d.message)}")
            continue
        f = p.finding
        parts.append(f"**plainlint: {f.rule}** ({f.severity.label})\n\n{md(f.message)}")
        if f.rule not in explained:
            explained.add(f.rule)
            parts.append(rule_markdown(f.rule))
    return "\n\n---\n\n".join(parts)


# --- quick fixes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[tuple[int, int, str], ...]  # (start, end, new text) as source offsets
    preferred: bool = False


def _abbreviated(term: str) -> bool:
    """Written like an abbreviation: one word with two capitals, or a capital and a digit."""
    if " " in term:
        return False
    capitals = sum(c.isupper() for c in term)
    return capitals >= 2 or (capitals == 1 and any(c.isdigit() for c in term))


def _sentence_case(plain: str, original: str) -> str:
    """Capitalise the plain words where the term was a capitalised everyday word ("Prognosis")."""
    first = original.split()[0] if original.split() else ""
    if first[:1].isupper() and first[1:].islower() and plain[:1].islower():
        return plain[0].upper() + plain[1:]
    return plain


_ARTICLE = re.compile(r"\b(an?)(\s+)$", re.I)


def _with_article(text: str, start: int, plain: str) -> tuple[int, str]:
    """Where a replacement starts and what it says, with "a" or "an" before it made to
    agree with its first letter ("an ulcer" to "a sore")."""
    m = _ARTICLE.search(text, max(0, start - 10), start)
    if m is None:
        return start, plain
    article = "an" if plain[:1].lower() in "aeiou" else "a"
    if m[1][0].isupper():
        article = article.capitalize()
    return start - len(m[0]), f"{article}{m[2]}{plain}"


def jargon_fixes(text: str, start: int, end: int, term: str, suggestion: str | None) -> list[Fix]:
    """Use the plain alternative; write it with the term in brackets; or add brackets to
    fill in (after a term, around an abbreviation)."""
    fixes = []
    named = shown(quote(term))  # for the titles, which an editor shows in a menu
    if suggestion:
        plain = _sentence_case(suggestion, term)
        bracketed = term if plain == suggestion else term[0].lower() + term[1:]
        at, replaced = _with_article(text, start, plain)
        fixes.append(Fix(f'Use "{shown(plain)}"', ((at, end, replaced),), preferred=True))
        at, glossed = _with_article(text, start, f"{plain} ({bracketed})")
        fixes.append(Fix(f'Write "{shown(plain)} ({shown(quote(bracketed))})"', ((at, end, glossed),)))
    if _abbreviated(term):
        fixes.append(Fix(f'Spell out "{named}": "… ({named})"', ((start, start, "… ("), (end, end, ")"))))
    else:
        fixes.append(Fix(f'Explain "{named}" in brackets: "{named} (…)"', ((end, end, " (…)"),)))
    return fixes


_NEXT_LINE = re.compile(r"^(?P<indent>\s*)<!--\s*plainlint-disable-next-line\b(?P<rules>[^>]*?)\s*-->\s*$")
_SAME_LINE = re.compile(r"<!--\s*plainlint-disable-line\b(?P<rules>[^>]*?)\s*-->")
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_MD_CONTAINER = re.compile(r"^\s*(?:[-+*][ \t]|\d{1,9}[.)][ \t]|>|\|)")  # list item, quote, table row
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def suppress_fix(pm: PositionMap, start: int, rule: str, markdown: bool) -> Fix:
    """Switch ``rule`` off for the line where a finding starts: a
    ``plainlint-disable-next-line`` comment on a new line above, indented like it.
    In Markdown a new line inside a paragraph, list or quote would split it, so there
    the comment goes at the end of the line as ``plainlint-disable-line``. A comment of
    the same kind already there gets the rule added to it."""
    text = pm.text
    k = pm.line_of(start)
    ls, le = pm.line_bounds(k)
    line = text[ls:le]
    title = f"Switch off {rule} for this line"
    prev = text[slice(*pm.line_bounds(k - 1))] if k > 0 else None
    if prev is not None and (m := _NEXT_LINE.match(prev)) and m["rules"].strip():
        ps, pe = pm.line_bounds(k - 1)
        rules = " ".join(m["rules"].replace(",", " ").split() + [rule])
        return Fix(title, ((ps, pe, f"{m['indent']}<!-- plainlint-disable-next-line {rules} -->"),))
    if (m := _SAME_LINE.search(line)) and m["rules"].strip():
        rules = " ".join(m["rules"].replace(",", " ").split() + [rule])
        return Fix(title, ((ls + m.start(), ls + m.end(), f"<!-- plainlint-disable-line {rules} -->"),))
    starts_block = prev is None or not prev.strip()
    if not markdown or _MD_HEADING.match(line) or (starts_block and not _MD_CONTAINER.match(line)):
        indent = line[: len(line) - len(line.lstrip())]
        if k + 1 < pm.line_count:
            eol = text[le : pm.line_bounds(k + 1)[0]]
        else:
            eol = (m.group(0) if (m := _LINE_BREAK.search(text)) else "\n")
        return Fix(title, ((ls, ls, f"{indent}<!-- plainlint-disable-next-line {rule} -->{eol}"),))
    body = line.rstrip()
    at = ls + len(body) - (1 if body.endswith("\\") else 0)  # keep a hard line break last
    return Fix(title, ((at, at, f" <!-- plainlint-disable-line {rule} -->"),))
