"""The two ways of reading HTML give the same Document: from the parser's events (simple
content selectors, the defaults among them) and through beautifulsoup4's tree
(selectors only soupsieve can match)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given

from plainlint.config import load_config
from plainlint.extract.html import Scope, extract_html
from plainlint.extract.html_events import extract_events
from plainlint.extract.html_tree import extract_tree
from plainlint.extract.selectors import NativeSelector, compile_selector
from tests.helpers import ROOT, needs_shared
from tests.hostile.strategies import budget, html_pages

DEFAULT = load_config().scope
SCOPES = [
    DEFAULT,
    Scope("", ""),
    Scope("main", ".visually-hidden, nav"),
    Scope("article, [role=main]", "[hidden], aside > p, header:not(main header)"),
    Scope("#content", "[class~=note], a[href]"),
]


def _signature(doc) -> tuple:
    """Everything a Document says: blocks (text, kind, level, anchor, marks, source map), language, title."""
    def slots(obj) -> tuple:
        return tuple(getattr(obj, name) for name in type(obj).__slots__)

    blocks = [(b.kind, b.text, b.level, b.anchor, tuple(b.marks), slots(b.source)) for b in doc.blocks]
    return doc.lang, doc.title, blocks


def _both(source: str, scope: Scope):
    include = compile_selector(scope.include) if scope.include else None
    exclude = compile_selector(scope.exclude) if scope.exclude else None
    assert all(s is None or isinstance(s, NativeSelector) for s in (include, exclude))
    events = _signature(extract_events(source, "page.html", include, exclude))
    tree = _signature(extract_tree(source, "page.html", scope.include, scope.exclude))
    return events, tree


@pytest.mark.parametrize("scope", SCOPES, ids=lambda s: f"{s.include or '-'}|{s.exclude[:30] or '-'}")
@given(source=html_pages())
@budget(60)
def test_hostile_pages_read_the_same_both_ways(scope, source):
    source = re.sub("[\ud800-\udfff]", "\ufffd", source)  # as check_source does before extraction
    events, tree = _both(source, scope)
    assert events == tree


@pytest.mark.parametrize("scope", SCOPES[:3], ids=["defaults", "no-selectors", "main"])
def test_the_projects_own_pages_read_the_same_both_ways(scope):
    pages = sorted((ROOT / "bench" / "jargon_eval").rglob("*.html")) + [ROOT / "examples" / "lymphoedema.html"]
    assert len(pages) >= 90
    for page in pages:
        events, tree = _both(page.read_text(encoding="utf-8"), scope)
        assert events == tree, page.name


def test_every_wcag_page_reads_the_same_both_ways():
    pages = sorted(needs_shared("corpus/wcag-html").rglob("*.html"))
    assert len(pages) > 600
    differ = []
    for page in pages:
        events, tree = _both(page.read_text(encoding="utf-8"), DEFAULT)
        if events != tree:
            differ.append(page.name)
    assert differ == []


def test_structure_title_and_language_from_the_events():
    source = (
        '<!DOCTYPE html><html lang="en-GB"><head><title>Lymphoedema &amp; you<!-- x --> - NHS</title></head>'
        "<body><nav><p>Home</p></nav><main><h1>Lymphoedema</h1><p>It causes swelling (oedema).<br>"
        'Ask your <abbr title="general practitioner">GP</abbr>.</p><div hidden><p>Secret</p></div>'
        "<ul><li>Arms<li>Legs</ul></main><footer><p>Contact us</p></footer></body></html>"
    )
    doc = extract_html(source, "page.html", DEFAULT)
    assert doc.lang == "en-GB"
    assert doc.title == "Lymphoedema & you - NHS"
    assert [(b.kind.value, b.text) for b in doc.blocks] == [
        ("heading", "Lymphoedema"),
        ("paragraph", "It causes swelling (oedema).\nAsk your GP."),
        ("list-item", "Arms"),
        ("list-item", "Legs"),
    ]
    assert [(m.kind, m.value) for m in doc.blocks[1].marks] == [("abbr", "general practitioner")]


def test_a_selector_only_soupsieve_can_match_still_chooses_the_content():
    source = "<section><p>Menu</p></section><section><h2>Causes</h2><p>Swelling.</p></section>"
    scope = Scope("section:has(h2)", "")
    assert not isinstance(compile_selector(scope.include), NativeSelector)
    assert [b.text for b in extract_html(source, "page.html", scope).blocks] == ["Causes", "Swelling."]


def test_an_end_tag_closes_what_was_opened_inside_it_as_the_tree_does():
    # </p> closes the <b> opened inside it; </b> then has nothing to close and is ignored
    source = "<main><p><b>Bold</p>After <i>italic</b> still</i></main><p>Outside</p>"
    events, tree = _both(source, DEFAULT)
    assert events == tree
    assert [b[1] for b in events[2]] == ["Bold", "After italic still"]


@pytest.mark.parametrize("tag", ["main", "article", "template><main"])
def test_thousands_of_nested_content_roots_stay_linear(tag):
    """Each root is found in one step, not by walking up its ancestors (quadratic here)."""
    import time

    source = "".join(f"<{tag}><p>Step {i}.</p>" for i in range(20_000))
    started = time.perf_counter()
    texts = [b.text for b in extract_html(source, "page.html", DEFAULT).blocks]
    assert time.perf_counter() - started < 10  # minutes when each root walked up 20,000 ancestors
    if tag.startswith("template"):  # a <main> in a template is not the page's: nothing is read
        assert texts == []
    else:
        assert len(texts) == 20_000 and texts[0] == "Step 0." and texts[-1] == "Step 19999."


def test_content_roots_nested_in_roots_are_read_once_through_the_tree():
    # "[data-role^=c]" only soupsieve matches (the tree); "[data-role]" matches the same tags natively
    source = ('<div data-role="c1"><p>a</p><div data-role="c2"><p>b</p></div></div><nav><p>skip</p></nav>'
              '<section><article><div data-role="c3"><p>c</p><span data-role="c4">d</span></div></article></section>')
    tree = extract_tree(source, "page.html", "[data-role^=c]", "")
    events = extract_events(source, "page.html", compile_selector("[data-role]"), None)
    assert _signature(tree) == _signature(events)
    assert [b.text for b in tree.blocks] == ["a", "b", "c", "d"]  # nothing twice, nothing from <nav>


def test_thousands_of_content_roots_deep_in_a_page_stay_linear_through_the_tree():
    """Whether a match is inside another is remembered for each ancestor: walking every
    match's 20,000 ancestors took minutes here."""
    import time

    source = "<section>" * 20_000 + "".join(f'<div data-role="content"><p>Step {i}.</p></div>' for i in range(20_000))
    started = time.perf_counter()
    texts = [b.text for b in extract_html(source, "page.html", Scope("[data-role^=cont]", "")).blocks]
    assert time.perf_counter() - started < 10
    assert len(texts) == 20_000 and texts[0] == "Step 0." and texts[-1] == "Step 19999."
