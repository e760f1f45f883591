"""Real pages: every WCAG page in ../shared/corpus is checked without a crash, and every
finding's span points at the text it talks about."""

from __future__ import annotations

import html
import re

from tests.helpers import check_spans_in_corpus, needs_shared


def test_every_wcag_page_is_checked_with_exact_positions():
    pages = sorted(needs_shared("corpus/wcag-html").rglob("*.html"))
    assert len(pages) > 600
    # the writer typed the term with its markup and entities: strip and decode them
    compared = check_spans_in_corpus(
        pages, lambda written: html.unescape(re.sub(r"<[^>]*>", "", written)), require_words=True
    )
    assert compared > 500
