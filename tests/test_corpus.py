"""Real pages: every WCAG page in ../shared/corpus is checked without a crash, and every
finding's span points at the text it talks about."""

from __future__ import annotations

import html
import re

from plainlint.config import load_config
from plainlint.document import LineIndex
from plainlint.engine import check_file
from plainlint.reading import read_source
from tests.helpers import needs_shared


def test_every_wcag_page_is_checked_with_exact_positions():
    corpus = needs_shared("corpus/wcag-html")
    pages = sorted(corpus.rglob("*.html"))
    assert len(pages) > 600
    config = load_config()
    jargon_checked = 0
    for page in pages:
        result = check_file(page, config)
        assert result.error is None, (page, result.error)
        assert result.counts is not None and result.counts.words > 0, page
        source = read_source(page)
        lines = LineIndex(source)
        n_lines = source.count("\n") + 1
        for f in result.findings:
            s = f.span
            assert 1 <= s.line <= s.end_line <= n_lines, (page, f)
            start = lines.offset(s.line, s.column - 1)
            end = lines.offset(s.end_line, s.end_column - 1)
            assert start < end <= len(source), (page, f)
            if f.rule == "unexplained-jargon":
                term = f.message.split('"')[1]
                written = " ".join(html.unescape(re.sub(r"<[^>]*>", "", source[start:end])).split())
                assert written == term, (page, f)
                jargon_checked += 1
    assert jargon_checked > 500
