"""Property-based fuzzing: any bytes in a file, any generated page, any result.

CI runs a fixed, derandomised budget per property (see ``strategies.budget``); to search
longer by hand:

    PLAINLINT_FUZZ_EXAMPLES=20000 python -m pytest tests/hostile/test_fuzz.py -x

A failure prints the smallest input found and a ``@reproduce_failure`` blob.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from plainlint.analysis.readability import Counts
from plainlint.config import load_config
from plainlint.engine import FileResult, check_file, check_source
from plainlint.findings import Finding, Severity, Span
from plainlint.reading import InputError, read_source
from plainlint.rules import RULES
from tests.hostile.checks import assert_clean_outcome, assert_reports_well_formed, assert_spans_inside
from tests.hostile.strategies import ODD, budget, html_pages, markdown_pages, page_bytes, words

CONFIG = load_config()
SUFFIXES = [".html", ".md", ".htm", ".markdown", ".txt"]
# names a checkout can hold: spaces, non-ASCII, RTL, "%", ":", ",", line breaks, escapes
NAMES = st.one_of(
    st.sampled_from(["page.html", "my page.html", "café/naïve page.md", "שלום.html", "a,b:c%d.html",
                     "two\nlines.html", "x\r\n::error file=forged::boom.html", "\x1b]8;;http://evil\x1b\\x.html",
                     "\u202egnp.html", "::warning::.md", "%0A.html", "-.html", "<script>.html", "a&amp;b.html"]),
    st.text(min_size=1, max_size=40).map(lambda s: s.replace("\x00", "") or "x"),
)  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@budget(120)
@given(data=page_bytes(), suffix=st.sampled_from(SUFFIXES))
@example(data=b"# Title\rprognosis\r\rMRI here\n", suffix=".md")  # a lone CR (markdown-it counts it as a line break)
@example(data=b"---\rtitle: x\r---\r# hi\r", suffix=".md")
@example(data=b'<meta charset="rot13"><p>x</p>', suffix=".html")  # not a text encoding: was a LookupError
@example(data=b"<p>" + b"(" * 5000 + b"</p>", suffix=".html")
def test_any_bytes_in_a_file_give_findings_or_a_clear_error(folder, data, suffix):
    path = folder / f"page{suffix}"
    path.write_bytes(data)
    result = check_file(path, CONFIG, keep_view=True)
    assert_clean_outcome(result)
    if result.error is None:
        assert_spans_inside(result, read_source(path))
    elif not result.error.startswith(("cannot be parsed", "is nested")):
        with pytest.raises(InputError):  # the file itself is the problem, and reading says so
            read_source(path)
    assert_reports_well_formed([result])


@budget(120)
@given(source=html_pages(), name=NAMES)
def test_generated_html_never_raises_and_spans_stay_in_the_file(source, name):
    result = check_source(source, name + ".html", CONFIG, keep_view=True)
    assert result.error is None
    assert_spans_inside(result, source)
    assert_reports_well_formed([result])


@budget(120)
@given(source=markdown_pages(), name=NAMES)
@example(source="# Title\rSome prognosis text.\rMore MRI here.\r\r", name="cr.md")
@example(source="---\r\ntitle: 'x'\r\n---\r\n# hi\r\nprognosis\r\n", name="crlf.md")
def test_generated_markdown_never_raises_and_spans_stay_in_the_file(source, name):
    result = check_source(source, name + ".md", CONFIG, keep_view=True)
    assert result.error is None
    assert_spans_inside(result, source)
    assert_reports_well_formed([result])


@budget(80)
@given(text=words(40), name=NAMES)
def test_plain_text_as_a_fragment_never_raises(text, name):
    for suffix in (".html", ".md"):
        result = check_source(text, name + suffix, CONFIG)
        assert_spans_inside(result, text)


_spans = st.builds(
    lambda a, b, c, d: Span(a, b, max(a, c), d),
    st.integers(1, 10**6), st.integers(1, 10**6), st.integers(1, 10**6), st.integers(1, 10**6),
)
_messages = st.one_of(st.text(), st.sampled_from(ODD), st.sampled_from(["\n::error::forged", "100% sure\r\n%0A"]))
_findings = st.builds(
    lambda span, rule, severity, message, suggestion, fingerprint: Finding(
        "", span, rule, severity, message, suggestion, message[:20], fingerprint),
    _spans, st.sampled_from([*RULES, "x::y", "<b>rule</b>"]), st.sampled_from(list(Severity)),
    _messages, st.none() | st.text(max_size=20), st.text(max_size=30),
)  # fmt: skip


@st.composite
def results(draw) -> FileResult:
    path = draw(NAMES)
    if draw(st.booleans()):
        return FileResult(path, error=draw(_messages))
    found = [dataclasses.replace(f, path=path) for f in draw(st.lists(_findings, max_size=6))]
    return FileResult(path, found, Counts())


@budget(150)
@given(st.lists(results(), min_size=1, max_size=4))
def test_every_report_of_any_result_is_well_formed(found):
    assert_reports_well_formed(found)
