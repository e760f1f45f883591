"""HTML extraction: which text is kept, how it is split, and where each character came from."""

from __future__ import annotations

import re
import sys

from plainlint.document import BlockKind
from plainlint.extract.blocks import _IRREGULAR
from plainlint.extract.html import Scope, extract_html

DEFAULT_SCOPE = Scope(
    "main, [role=main], article",
    "nav, aside, [hidden], header:not(main header, article header), footer:not(main footer, article footer)",
)


def blocks(html: str, scope: Scope = DEFAULT_SCOPE):
    return [(b.kind, b.level, b.text) for b in extract_html(html, "t.html", scope).blocks]


def source_of(doc, block: int, start: int, end: int) -> str:
    b = doc.blocks[block]
    s, e = b.source.span(start, end)
    return doc.source[s:e]


def test_whole_page_keeps_main_content_only():
    html = """<html><body><header><p>Site name</p></header><nav><ul><li>Home</li></ul></nav>
    <main><header><h1>Shingles</h1></header><p>Shingles is a painful rash.</p>
    <aside><p>Related: chickenpox</p></aside></main>
    <footer><p>Contact us</p></footer></body></html>"""
    assert blocks(html) == [
        (BlockKind.HEADING, 1, "Shingles"),
        (BlockKind.PARAGRAPH, 0, "Shingles is a painful rash."),
    ]


def test_page_without_main_uses_body_but_skips_site_furniture():
    html = """<body><header>Logo</header><nav>Home | News</nav>
    <h1>Flu vaccine</h1><p>The flu vaccine is free for some people.</p><footer>Cookies</footer></body>"""
    assert [t for _, _, t in blocks(html)] == ["Flu vaccine", "The flu vaccine is free for some people."]


def test_fragment_without_body_is_checked_whole():
    assert blocks("<h2>Side effects</h2><p>You may feel tired.</p>") == [
        (BlockKind.HEADING, 2, "Side effects"),
        (BlockKind.PARAGRAPH, 0, "You may feel tired."),
    ]


def test_scope_selectors_come_from_settings():
    html = '<div id="content"><p>Keep me.</p></div><div class="promo"><p>Donate now.</p></div>'
    assert [t for _, _, t in blocks(html, Scope("#content", ""))] == ["Keep me."]
    assert [t for _, _, t in blocks(html, Scope("", ".promo"))] == ["Keep me."]


def test_block_kinds_and_nested_lists():
    html = """<main><h2>Symptoms</h2><p>Symptoms include:</p>
    <ul><li>a high temperature<ul><li>over 38C</li></ul> or feeling hot</li><li>a cough</li></ul>
    <table><caption>Doses</caption><tr><th>Age</th><td>Dose</td></tr></table>
    <dl><dt>Dose</dt><dd>How much medicine to take.</dd></dl>
    <blockquote>Take it with food.</blockquote><figure><figcaption>A rash</figcaption></figure></main>"""
    assert blocks(html) == [
        (BlockKind.HEADING, 2, "Symptoms"),
        (BlockKind.PARAGRAPH, 0, "Symptoms include:"),
        (BlockKind.LIST_ITEM, 0, "a high temperature"),
        (BlockKind.LIST_ITEM, 0, "over 38C"),
        (BlockKind.LIST_ITEM, 0, "or feeling hot"),
        (BlockKind.LIST_ITEM, 0, "a cough"),
        (BlockKind.CAPTION, 0, "Doses"),
        (BlockKind.TABLE_CELL, 0, "Age"),
        (BlockKind.TABLE_CELL, 0, "Dose"),
        (BlockKind.TERM, 0, "Dose"),
        (BlockKind.DEFINITION, 0, "How much medicine to take."),
        (BlockKind.QUOTE, 0, "Take it with food."),
        (BlockKind.CAPTION, 0, "A rash"),
    ]


def test_code_scripts_and_hidden_parts_are_skipped():
    html = """<main><p>Run <code>npm test</code> now.</p><pre>x = 1</pre>
    <script>var a = "Hello.";</script><style>p{}</style><template><p>T</p></template>
    <noscript>Enable JavaScript.</noscript><svg><text>Chart</text></svg><p hidden>Secret</p></main>"""
    assert [t for _, _, t in blocks(html)] == ["Run now."]


def test_white_space_collapses_and_br_breaks_lines():
    doc = extract_html("<p>  One\n\t two&nbsp;&nbsp;three<br>four <br/> five  </p>", "t")
    assert doc.blocks[0].text == "One two three\nfour\nfive"


def test_text_the_fast_path_skips_has_nothing_to_collapse_or_drop():
    """BlockBuilder.add takes printable text with no double space as one stretch: every
    character its pattern handles one by one must be unprintable, or it would be kept."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    handled = {m.group() for m in re.finditer(r"[^\S ]|[\u00ad\u200b-\u200d\u2060\ufeff]", every)}
    assert len(handled) > 30 and not any(c.isprintable() for c in handled)
    assert r"[^\S ]" in _IRREGULAR.pattern and r"([\u00ad\u200b-\u200d\u2060\ufeff]+)" in _IRREGULAR.pattern
    source = "<p>One two, \u00a0three\u00ad four\u200b five\u2028six  seven</p><p>Plain words, no more.</p>"
    doc = extract_html(source, "t")
    assert [b.text for b in doc.blocks] == ["One two, three four five six seven", "Plain words, no more."]
    assert source_of(doc, 1, 0, 21) == "Plain words, no more."


def test_empty_heading_is_kept_with_its_position():
    doc = extract_html("<h1>Title</h1>\n<h2> </h2>", "t")
    assert [(b.kind, b.text) for b in doc.blocks] == [(BlockKind.HEADING, "Title"), (BlockKind.HEADING, "")]
    assert doc.lines.position(doc.blocks[1].anchor) == (2, 1)


def test_inline_marks_for_links_abbr_and_dfn():
    doc = extract_html(
        '<p>See <a href="/glossary#csf"> the glossary </a>. An <abbr title="magnetic resonance imaging">MRI</abbr>'
        " uses magnets. A <dfn>biopsy</dfn> is a test.</p>",
        "t",
    )
    b = doc.blocks[0]
    assert [(m.kind, b.text[m.start : m.end], m.value) for m in b.marks] == [
        ("link", "the glossary", "/glossary#csf"),
        ("abbr", "MRI", "magnetic resonance imaging"),
        ("dfn", "biopsy", ""),
    ]


def test_every_character_maps_to_its_source():
    source = '<p>Caf&eacute; &amp; r\u00e9sum\u00e9 &#8212; na&iuml;ve &#x2014; <b>bold</b>\tend</p>'
    doc = extract_html(source, "t")
    b = doc.blocks[0]
    assert b.text == "Caf\u00e9 & r\u00e9sum\u00e9 \u2014 na\u00efve \u2014 bold end"
    pieces = [source_of(doc, 0, i, i + 1) for i in range(len(b.text))]
    assert pieces[3] == "&eacute;"
    assert pieces[5] == "&amp;"
    assert pieces[b.text.index("\u2014")] == "&#8212;"
    assert pieces[b.text.index("\u00ef")] == "&iuml;"
    assert pieces[b.text.index("bold") - 1] == " "
    assert pieces[b.text.index("end") - 1] == "\t"
    assert source_of(doc, 0, b.text.index("r\u00e9sum\u00e9"), b.text.index("r\u00e9sum\u00e9") + 6) == "r\u00e9sum\u00e9"


def test_positions_survive_crlf_and_multibyte_lines():
    source = "<main>\r\n<h1>Caf\u00e9 \u2615</h1>\r\n<p>Line one\r\n  <em>second</em> line</p>\r\n</main>"
    doc = extract_html(source, "t")
    p = doc.blocks[1]
    assert p.text == "Line one second line"
    start, _ = p.source.span(p.text.index("second"), p.text.index("second") + 6)
    assert doc.lines.position(start) == (4, 7)
    h = doc.blocks[0]
    start, end = h.source.span(0, len(h.text))
    assert doc.lines.position(start) == (2, 5)
    assert source[start:end] == "Caf\u00e9 \u2615"


def test_lang_and_title():
    doc = extract_html('<html lang="en-GB"><head><title> Flu </title></head><body><p>x</p></body></html>', "t")
    assert (doc.lang, doc.title) == ("en-GB", "Flu")


def test_unclosed_tags_and_stray_markup_do_not_lose_text():
    doc = extract_html("<p>First <b>bold <i>both</p><p>Second &bogus; < 3 &amp</p>", "t")
    texts = [b.text for b in doc.blocks]
    assert texts[0].startswith("First bold both")
    assert "Second &bogus; < 3 &" in " ".join(texts)
