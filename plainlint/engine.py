"""The pipeline for one file: read, extract, analyse, run the enabled rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from plainlint.analysis.analysed import AnalysedDocument, analyse
from plainlint.analysis.readability import Counts
from plainlint.bounds import bounded
from plainlint.config import Config
from plainlint.document import Document
from plainlint.extract.html import ParserRejectedMarkup, extract_html
from plainlint.extract.markdown import extract_markdown
from plainlint.findings import Finding, Severity, fingerprint, order_key
from plainlint.pickling import by_fields
from plainlint.reading import InputError, read_source
from plainlint.rules import RULES
from plainlint.suppress import directives, filter_suppressed
from plainlint.view import PageView, page_view

MARKDOWN_SUFFIXES = (".md", ".markdown")
_SURROGATE = re.compile("[\ud800-\udfff]")  # lone surrogates: no UTF-8 for them, so no report either


def extract(source: str, path: str, config: Config) -> Document:
    """A Document from HTML, or from Markdown when the file's name says so."""
    if path.lower().endswith(MARKDOWN_SUFFIXES):
        return extract_markdown(source, path)
    return extract_html(source, path, config.scope)


@by_fields
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
    view: PageView | None = None  # the page's text with findings placed, when asked for


def extract_source(source: str, path: str, config: Config) -> Document:
    """The Document of text already read."""
    if _SURROGATE.search(source):  # no file decodes to these, but an editor's text may hold them
        source = _SURROGATE.sub("\ufffd", source)  # one character for one: positions stay
    return extract(source, path, config)


def check_source(source: str, path: str, config: Config, keep_view: bool = False) -> FileResult:
    """Check text already read: the entry point for tests and editors. ``keep_view``
    keeps the page's text with the findings placed on it, for the HTML report."""
    return check_document(extract_source(source, path, config), config, keep_view)


def check_document(document: Document, config: Config, keep_view: bool = False) -> FileResult:
    """Check a page already extracted."""
    path = document.path
    analysed = analyse(document)
    sections = [
        SectionCounts(s.title, analysed.locate_block(s.first_block).line, s.counts) for s in analysed.sections
    ]
    marks = directives(document.source)
    findings = bounded(analysed, config, filter_suppressed(run_rules(analysed, config), marks), marks)
    view = page_view(analysed, findings) if keep_view else None
    return FileResult(path, findings, analysed.counts, sections=sections, view=view)


def run_rules(doc: AnalysedDocument, config: Config) -> list[Finding]:
    """Every enabled rule's hits as findings, in the order of Finding.sort_key, fingerprinted."""
    hits = []  # (span, rule, severity, message, suggestion, excerpt)
    for rule_id, settings in config.rules.items():
        if not settings.enabled:
            continue
        for hit in RULES[rule_id].check(doc, settings.options):
            severity = Severity.INFO if hit.advisory else settings.severity
            hits.append((hit.span, rule_id, severity, hit.message, hit.suggestion, doc.text_at(hit.span)))
    path = doc.document.path
    hits.sort(key=lambda h: order_key(path, h[0], h[1], h[3]))
    return _fingerprinted(path, hits)


def _fingerprinted(path: str, hits: list[tuple]) -> list[Finding]:
    """Fingerprint each finding by its rule, the text involved and which occurrence of
    that pair it is, so it survives edits elsewhere in the file (not its line number).
    Each Finding is made once, with its fingerprint: copying it with dataclasses.replace
    cost about 9 µs a finding under the profiler, 10,000 findings on wcag-html."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for span, rule, severity, message, suggestion, excerpt in hits:
        key = (rule, excerpt.casefold())
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        out.append(Finding(path, span, rule, severity, message, suggestion, excerpt, fingerprint(rule, key[1], nth)))
    return out


def check_file(path: Path, config: Config, display: str | None = None, keep_view: bool = False,
               document: Document | None = None) -> FileResult:
    """Check one file; a file we cannot read becomes an error result, never an exception.
    ``document``: the file's page, when it was extracted ahead (see ahead.py)."""
    name = display or str(path)
    if document is None:
        try:
            source = read_source(path, config.max_file_bytes)
        except InputError as exc:
            return FileResult(name, error=str(exc))
        if not source.strip():
            return FileResult(name, counts=Counts())  # an empty page has nothing to check
    try:
        if document is not None:
            return check_document(document, config, keep_view)
        return check_source(source, name, config, keep_view)
    except ParserRejectedMarkup as exc:
        return FileResult(name, error=f"cannot be parsed as HTML: {_last_line(exc)}")
    except RecursionError:
        return FileResult(name, error="is nested too deeply to check")
    except Exception as exc:  # a bug in plainlint: say so for this file, and check the others
        bug = f"{type(exc).__name__}: {_last_line(exc)}"
        return FileResult(name, error=f"hit a bug in plainlint ({bug}); please report it")


def _last_line(exc: Exception) -> str:
    """An exception's message on one short line (bs4's run to several, quoting the page)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return (lines[-1] if lines else type(exc).__name__)[:200]


def warm_up(config: Config) -> None:
    """Load what every check needs (spaCy's tokenizer, the word lists, the lexicon) by
    checking two tiny pages, then freeze it all out of the garbage collector's sight: a
    full collection over those objects takes about 100 ms, and they live as long as the
    process."""
    import gc

    from plainlint import collector
    from plainlint.analysis.rarity import zipf

    with collector.paused():
        check_source("<h1>Ready</h1><p>Your prognosis depends on the MRI scan. Ask your GP.</p>", "warm.html", config)
        check_source("# Ready\n\nYour prognosis depends on the MRI scan.\n", "warm.md", config)
        zipf("don't")  # a word with an apostrophe or a digit imports wordfreq's tokenizer: here, once
        gc.collect()
        gc.freeze()
