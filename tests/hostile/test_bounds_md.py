"""Pathological pages for extraction: bounded in time and memory, and what a cap leaves
unchecked is reported by input-limits at the exact place (docs/security/bounds-md.md).

The big pages run in a subprocess under a time limit and an address-space limit, so a
blow-up fails its test instead of hanging the suite or eating the machine.
"""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from bench.pathological_md import html_inline_tags, html_nested_marks, md_lines, md_table_wide
from plainlint.extract import limits
from plainlint.extract.limits import MAX_ROW_CELLS
from tests.helpers import ROOT, check, position_of, rule_findings

GIB = 1024**3
_EXTRACT = (
    "import sys; from plainlint.config import load_config; from plainlint.engine import extract_source; "
    "p = sys.argv[1]; d = extract_source(open(p, encoding='utf-8').read(), p, load_config()); "
    "print(len(d.blocks), len(getattr(d, 'limits', ())))"
)


def extract_bounded(tmp_path, name: str, page: str, seconds: float, memory: int) -> tuple[int, int]:
    """(blocks, limits) of the page, extracted in a subprocess that must end within
    ``seconds`` and ``memory`` bytes of address space."""
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    proc = subprocess.run([sys.executable, "-c", _EXTRACT, str(path)], capture_output=True, text=True,
                          timeout=seconds, cwd=ROOT, preexec_fn=limit_memory)
    assert proc.returncode == 0, proc.stderr[-2000:]
    blocks, limits = proc.stdout.split()
    return int(blocks), int(limits)


def test_the_issues_markdown_table_of_50000_columns_is_cut_at_the_cap(tmp_path):
    """2.2 MB: 107 s and 2 GB for a whole check; its extraction alone took 15 s and 830 MB."""
    blocks, limits = extract_bounded(tmp_path, "wide.md", md_table_wide(), seconds=60, memory=1 * GIB)
    assert blocks == 1 + 8 * MAX_ROW_CELLS  # the heading, then the header and 7 rows cut at the cap
    assert limits == 1


def test_a_markdown_page_of_a_million_lines_is_cut_at_the_cap(tmp_path):
    """4 MB of one-letter lines: 2.2 GB to extract; now the page stops at the cap."""
    blocks, limits = extract_bounded(tmp_path, "lines.md", md_lines(2_000_000), seconds=120, memory=int(1.5 * GIB))
    assert (blocks, limits) == (2, 1)


def test_nested_unclosed_links_are_linear(tmp_path):
    """Each closing link joined the text of all the links inside it: 40,000 took 12 s."""
    blocks, limits = extract_bounded(tmp_path, "links.html", html_nested_marks(100_000), seconds=60, memory=1 * GIB)
    assert (blocks, limits) == (2, 0)


def test_an_html_page_of_a_million_tags_is_cut_at_the_cap(tmp_path):
    """9 MB of "<b>a</b> ": 1.05 GB and 17 s to extract; now 300 MB and 4 s."""
    blocks, limits = extract_bounded(tmp_path, "tags.html", html_inline_tags(), seconds=120, memory=1 * GIB)
    assert (blocks, limits) == (2, 1)


def test_an_html_page_past_the_tag_cap_is_reported_at_the_first_tag_left_out(monkeypatch, settings):
    monkeypatch.setattr(limits, "MAX_HTML_TAGS", 8)  # the 9th "<" opens "prognosis": the real cap's page takes seconds to check
    page = "<html><body><main><h1>Scans</h1>\n<p>Your <b>scan</b>. <b>prognosis</b>.</p></main></body></html>\n"
    for config in (settings(), settings('content:\n  include: "main:has(h1)"\n')):
        result = check(page, config)
        (finding,) = rule_findings(result, "input-limits")
        line, column = position_of(page, "<b>prognosis")
        assert (finding.span.line, finding.span.column, finding.span.end_column) == (line, column, column + 3)
        assert finding.message.startswith("This page has more than 500,000 tags")
        assert result.counts.words == 3  # Scans, Your scan


def _wide_table(cells: int) -> str:
    return "<main><h1>Doses</h1>\n<table>\n<tr>" + "<td>tablet</td>" * cells + "<td>prognosis</td></tr>\n" \
           "<tr><td>capsule</td></tr>\n</table>\n<p>Ask your GP.</p></main>"


def test_a_table_row_past_the_cap_is_reported_at_the_first_cell_left_out():
    page = _wide_table(MAX_ROW_CELLS)  # the cell holding "prognosis" is the 1,001st
    result = check(page)
    (finding,) = rule_findings(result, "input-limits")
    line, column = position_of(page, "<td>prognosis")
    assert (finding.span.line, finding.span.column) == (line, column)
    assert (finding.span.end_line, finding.span.end_column) == (line, column + len("<td>"))
    assert finding.message.startswith("This table row has more than 1,000 cells")
    assert finding.severity.label == "warning"
    assert "prognosis" not in [f.excerpt for f in rule_findings(result, "unexplained-jargon")]
    assert result.counts.words == 1 + MAX_ROW_CELLS + 1 + 3  # Doses, 1,000 tablets, capsule, Ask your GP


def test_the_cap_holds_when_the_content_selector_needs_soupsieve(settings):
    config = settings('content:\n  include: "main:has(table)"\n')
    page = _wide_table(MAX_ROW_CELLS)
    (finding,) = rule_findings(check(page, config), "input-limits")
    assert (finding.span.line, finding.span.column) == position_of(page, "<td>prognosis")


def test_a_markdown_table_row_past_the_cap_is_reported_at_the_first_cell_left_out():
    columns = MAX_ROW_CELLS + 5
    page = "# Doses\n\n|" + " tablet |" * columns + "\n|" + "---|" * columns + "\n|" + " dose |" * columns + "\n"
    result = check(page, path="doses.md")
    (finding,) = rule_findings(result, "input-limits")
    header = page.index("|")
    first_left_out = header + len("|" + " tablet |" * MAX_ROW_CELLS)
    assert (finding.span.line, finding.span.column) == (3, first_left_out - header + 1)
    assert finding.excerpt == "tablet"
    assert result.counts.words == 1 + 2 * MAX_ROW_CELLS


def test_a_markdown_page_past_the_markup_cap_is_reported_where_checking_stopped(monkeypatch):
    monkeypatch.setattr(limits, "MAX_MARKDOWN_MARKUP", 1_000)  # the real cap's page takes seconds to analyse
    page = "# Lines\n\nSee [the *plan*](plan.html).\n\n" + "a\n" * 1_000
    result = check(page, path="lines.md")
    (finding,) = rule_findings(result, "input-limits")
    # 1,000 markup characters: 4 line breaks and the link's 4, then 992 lines of "a"; the
    # 1,001st ends the next line, whose "a" is the last word checked
    assert (finding.span.line, finding.span.column) == (5 + 992, 2)
    assert "the page from here on was not checked" in finding.message
    assert result.counts.words == 1 + 3 + 993


@pytest.mark.parametrize("path", ["table.html", "table.md"])
def test_big_ordinary_tables_are_checked_whole(path):
    if path.endswith(".md"):
        row = "|" + " tablet |" * MAX_ROW_CELLS + "\n"
        page = "# Doses\n\n" + row + "|" + "---|" * MAX_ROW_CELLS + "\n" + row * 50
    else:
        row = "<tr>" + "<td>tablet</td>" * MAX_ROW_CELLS + "</tr>\n"
        page = "<main><h1>Doses</h1><table>\n" + row * 51 + "</table></main>"
    result = check(page, path=path)
    assert not rule_findings(result, "input-limits")
    assert result.counts.words == 1 + 51 * MAX_ROW_CELLS


@pytest.mark.parametrize("markers", ["> " * 20, "- " * 10, "> " * 4 + "1. " * 8])
def test_markdown_nested_past_the_parsers_limit_is_reported_not_dropped_in_silence(markers):
    """markdown-it drops what is nested 20 levels deep (a list counts two), without a word."""
    page = "# Scans\n\nYour scan.\n\n" + markers + "Your prognosis.\n"
    result = check(page, path="deep.md")
    (finding,) = rule_findings(result, "input-limits")
    assert (finding.span.line, finding.span.column) == (5, 1)
    assert finding.message.startswith("Block quotes and lists are nested too deeply")
    assert not rule_findings(check("# Scans\n\n" + "> " * 19 + "Your scan.\n", path="ok.md"), "input-limits")
