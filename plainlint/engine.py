"""The pipeline for one file: read, extract, analyse, run the enabled rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bs4.exceptions import ParserRejectedMarkup

from plainlint.analysis.analysed import AnalysedDocument, analyse
from plainlint.analysis.readability import Counts
from plainlint.config import Config
from plainlint.extract.html import extract_html
from plainlint.findings import Finding, Severity
from plainlint.reading import InputError, read_source
from plainlint.rules import RULES

HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True, slots=True)
class SectionCounts:
    """A section's counts and where its heading is, kept for the reports."""

    title: str  # "" for the text before the first heading
    line: int
    counts: Counts


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    counts: Counts | None = None  # None when the file could not be checked
    error: str | None = None
    sections: list[SectionCounts] = field(default_factory=list)


def check_source(source: str, path: str, config: Config) -> FileResult:
    """Check text already read: the entry point for tests and editors."""
    document = extract_html(source, path, config.scope)
    analysed = analyse(document)
    sections = [
        SectionCounts(s.title, analysed.locate_block(s.first_block).line, s.counts) for s in analysed.sections
    ]
    return FileResult(path, run_rules(analysed, config), analysed.counts, sections=sections)


def run_rules(doc: AnalysedDocument, config: Config) -> list[Finding]:
    findings = []
    for rule_id, settings in config.rules.items():
        if not settings.enabled:
            continue
        for hit in RULES[rule_id].check(doc, settings.options):
            severity = Severity.INFO if hit.advisory else settings.severity
            findings.append(Finding(doc.document.path, hit.span, rule_id, severity, hit.message, hit.suggestion))
    findings.sort(key=Finding.sort_key)
    return findings


def check_file(path: Path, config: Config, display: str | None = None) -> FileResult:
    """Check one file; a file we cannot read becomes an error result, never an exception."""
    name = display or str(path)
    try:
        source = read_source(path, config.max_file_bytes)
    except InputError as exc:
        return FileResult(name, error=str(exc))
    if not source.strip():
        return FileResult(name, counts=Counts())  # an empty page has nothing to check
    try:
        return check_source(source, name, config)
    except ParserRejectedMarkup as exc:
        return FileResult(name, error=f"cannot be parsed as HTML: {exc}")
    except RecursionError:
        return FileResult(name, error="is nested too deeply to check")
