"""Markdown pages: text, blocks and exact positions in the Markdown source."""

from __future__ import annotations

import html
import re

from plainlint.document import BlockKind
from plainlint.extract.markdown import extract_markdown
from tests.helpers import check, check_spans_in_corpus, needs_shared, position_of, rule_findings

PAGE = """---
title: "Living with a stoma"
layout: page
---
Caring for your stoma
=====================

Your *stoma* nurse will show you how to change the bag. Ask them about [irrigation](/glossary#irrigation "glossary")
if you have a colostomy.

- Empty the bag when it is a third full.
- Call the ward if you see blood &amp; feel unwell.

> Tip: the \\*skin\\* around the stoma should look pink.

| Problem | What to do |
| --- | --- |
| Sore skin | Ask about barrier cream |

```
MRI scan code block: never checked
```

Use `CT` inline code, which is skipped too.<br>This starts a new sentence.
<!-- a comment about the hernia -->
"""


def _text_at(source: str, block, start: int, end: int) -> str:
    s, e = block.source.span(start, end)
    return source[s:e]


def test_blocks_and_kinds():
    doc = extract_markdown(PAGE, "stoma.md")
    kinds = [(b.kind, b.level, b.text) for b in doc.blocks]
    assert kinds[0] == (BlockKind.HEADING, 1, "Caring for your stoma")
    assert kinds[1][0] is BlockKind.PARAGRAPH and kinds[1][2].startswith("Your stoma nurse will show you")
    assert kinds[2] == (BlockKind.LIST_ITEM, 0, "Empty the bag when it is a third full.")
    assert kinds[3] == (BlockKind.LIST_ITEM, 0, "Call the ward if you see blood & feel unwell.")
    assert kinds[4] == (BlockKind.QUOTE, 0, "Tip: the *skin* around the stoma should look pink.")
    assert [t for k, _, t in kinds if k is BlockKind.TABLE_CELL] == ["Problem", "What to do", "Sore skin", "Ask about barrier cream"]
    assert kinds[-1][2] == "Use  inline code, which is skipped too.\nThis starts a new sentence."
    assert doc.title == "Living with a stoma" and doc.title_is_h1
    assert not any("MRI" in b.text or "layout" in b.text or "hernia" in b.text for b in doc.blocks)


def test_every_character_maps_to_its_source():
    doc = extract_markdown(PAGE, "stoma.md")
    para = doc.blocks[1]
    i = para.text.index("irrigation")
    assert _text_at(PAGE, para, i, i + len("irrigation")) == "irrigation"
    assert para.marks[0].kind == "link" and para.marks[0].value == "/glossary#irrigation"
    amp = doc.blocks[3]
    assert _text_at(PAGE, amp, amp.text.index("&"), amp.text.index("&") + 1) == "&amp;"
    quote = doc.blocks[4]
    star = quote.text.index("*")
    assert _text_at(PAGE, quote, star, star + 1) == "\\*"
    assert _text_at(PAGE, quote, quote.text.index("skin"), quote.text.index("skin") + 4) == "skin"


def test_findings_point_into_the_markdown_source():
    result = check(PAGE, path="stoma.md")
    (colostomy,) = [f for f in rule_findings(result, "unexplained-jargon") if '"colostomy"' in f.message]
    assert (colostomy.span.line, colostomy.span.column) == position_of(PAGE, "colostomy")
    assert result.findings and all(f.span.line > 4 for f in result.findings)  # never in the front matter


def test_front_matter_title_is_the_page_h1():
    page = "---\ntitle: Stoma care\n---\n\n## Changing the bag\n\nEmpty the bag when it is a third full.\n"
    assert rule_findings(check(page, path="care.md"), "heading-structure") == []
    second = "---\ntitle: Stoma care\n---\n\n# Stoma care\n\n## Changing the bag\n\nEmpty the bag often.\n"
    assert rule_findings(check(second, path="care.md"), "heading-structure") == []  # its own h1 wins
    no_title = "## Changing the bag\n\nEmpty the bag when it is a third full.\n"
    (f,) = rule_findings(check(no_title, path="care.md"), "heading-structure")
    assert "first heading is h2" in f.message


def test_folders_are_searched_for_markdown(tmp_path):
    from plainlint.files import collect

    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "b.markdown").write_text("# B\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("C\n", encoding="utf-8")
    targets, problems = collect([str(tmp_path)])
    assert sorted(t.path.name for t in targets) == ["a.md", "b.markdown"] and not problems


def test_every_plainlanguage_page_is_checked_with_exact_positions():
    pages = sorted(needs_shared("corpus/plainlanguage-gov/_pages").rglob("*.md"))
    assert len(pages) > 150
    # the writer typed the term with Markdown around or inside it: markup and escapes removed
    assert check_spans_in_corpus(pages, lambda written: html.unescape(re.sub(r"\\(.)|[*_`]", r"\1", written))) > 100
