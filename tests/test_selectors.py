"""Content selectors: the native matcher finds exactly what soupsieve finds, in the same
order, on real and hostile pages; and selectors outside its grammar go to soupsieve."""

from __future__ import annotations

import time

import pytest
import soupsieve
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from soupsieve import css_parser

from plainlint.config import load_config
from plainlint.extract.selectors import HTML_CASE_INSENSITIVE_ATTRIBUTES, NativeSelector, compile_selector
from tests.helpers import ROOT, imported_by_checking_the_example, needs_shared, run_python
from tests.hostile.strategies import budget

DEFAULTS = load_config().scope

NATIVE = [
    DEFAULTS.include,
    DEFAULTS.exclude,
    "nav, aside, .cookie-banner",  # the README's example
    "#content",
    ".promo",
    "*",
    "MAIN, Article",
    "[ROLE=main]",
    "[role=MAIN]",
    "[role~=main]",
    "[role~='']",
    '[role~="main navigation"]',
    "[role='']",
    "[hidden]",
    "[HIDDEN]",
    "[data-x=a1]",
    '[data-x=""]',
    "[type=text]",  # compared in any case, as are lang, dir and rel
    "[lang=en]",
    "[dir=rtl]",
    "[rel~=nofollow]",
    "[rel='nofollow noopener']",
    "[class~=note]",
    "[role~=note]",
    "[role~=alert]",
    "[role~=tip]",
    "[class='note warning']",
    ".note.warning",
    ".Note",
    "div#x.note[role]",
    "#x#y",
    "div > p",
    "main>header",
    "body header",
    "html body main p",
    "div div > p a",
    "template",
    "template p",
    "header, header p, header :not(p)",
    ":not(p)",
    "*:not([hidden], .note)",
    "div:not(div div)",
    "p:not(:not(.note))",
    "header:not(main header):not(article header)",
    "  main ,\tarticle\n",
]
FALLBACK = [
    "main:has(p)",
    "p:first-child",
    "[href^=http]",
    "h1 + p",
    "h2 ~ p",
    ".caf\\e9",
    ".café",
    "[lang|=en]",
    "[role=main i]",
    "main /* the content */",
    "svg|rect",
    "div:is(.note)",
    "p:nth-child(2n+1)",
    ":root",
    " ".join(["div"] * 40),  # more compounds than the native matcher takes: left to soupsieve
]

PAGE = """<!DOCTYPE html>
<html lang="EN"><head><title>Shingles</title></head>
<BODY CLASS="page\tfront">
<header role="banner"><p>Site name</p><nav ROLE="Navigation"><ul><li><a href="/">Home</a></li></ul></nav></header>
<div id="x" class="note  warning" role="alert note\u00a0tip\u000bbox"><p>A note</p></div>
<div id="y" class="note\u00a0warning" hidden><p>Hidden</p></div>
<MAIN id="content" role="MAIN navigation">
  <Header><h1>Shingles</h1></Header>
  <article><header><h2>Symptoms</h2></header><p class=Note>Pain.</p>
    <footer>Reviewed</footer><main><p>nested main</p></main></article>
  <div role="main"><div><p>Deep <a href="http://x" rel="NoFollow  noopener">link</a></p></div></div>
  <aside class="promo"><p>Donate</p></aside>
  <template><main><p>not in the page</p></main><header>template header</header>
    <div><template><p>inner</p></template></div></template>
  <form><input type="TEXT" name=q data-x><input type="text" data-x=""><input type=Text data-x=a1></form>
  <p dir="RTL" lang="en">x</p><p dir="rtl" lang="EN-gb">y</p>
  <svg><header>in svg</header><rect/></svg>
</MAIN>
<div class=cookie-banner>Cookies <section><p>more</p></section></div>
<footer><p>Contact</p><footer><p>inner footer</p></footer></footer>
</BODY></html>
"""
FRAGMENT = """<h2>Side effects</h2><p>You may feel <b>tired</b>.</p>
<header>a fragment's header</header><div role=main><p>content<div><header>h</header></div>
<p><article><aside>unclosed"""
HOSTILE = (
    "<div><header><header>" + "<div>" * 300 + "<header><p>deep</p></header>" + "</div>" * 300
    + "</header></header><main " + "x=1 " * 50 + "ROLE=main role=complementary>" + "<nav>" * 50
    + "<p a=1 A=2 class='a b c' class=d id=i ID=j>dup</p><template></template><template>"
)  # fmt: skip
PAGES = {"page": PAGE, "fragment": FRAGMENT, "hostile": HOSTILE} | {
    p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.html"))
}


def ids(tags) -> list[int]:
    return [id(t) for t in tags]


def assert_same_as_soupsieve(selector_text: str, soup: BeautifulSoup) -> None:
    ours, theirs = compile_selector(selector_text), soupsieve.compile(selector_text)
    assert ids(ours.select(soup)) == ids(theirs.select(soup))
    for tag in [soup, *soup.find_all(True)]:
        assert ours.match(tag) == theirs.match(tag), (selector_text, tag.name, tag.attrs)
        if tag.name in ("[document]", "body", "main", "article", "template", "div", "header"):
            assert ids(ours.select(tag)) == ids(theirs.select(tag)), (selector_text, tag.name)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("selector_text", NATIVE)
def test_native_matcher_finds_what_soupsieve_finds(selector_text, page):
    assert isinstance(compile_selector(selector_text), NativeSelector)
    assert_same_as_soupsieve(selector_text, BeautifulSoup(PAGES[page], "html.parser"))


def test_the_test_page_exercises_the_hard_cases():
    """The comparison above means something only if these selectors find what they should."""
    soup = BeautifulSoup(PAGE, "html.parser")
    found = {s: len(compile_selector(s).select(soup)) for s in NATIVE}
    assert found["[type=text]"] == 3  # TEXT, text, Text: type's value is compared in any case
    assert found["[lang=en]"] == 2 and found["[dir=rtl]"] == 2
    assert found["[ROLE=main]"] == 1 and found["[role=MAIN]"] == 0  # names in any case, role's value not
    assert found["[rel~=nofollow]"] == 1 and found["[rel='nofollow noopener']"] == 1  # "NoFollow  noopener"
    assert found[".note.warning"] == 2 and found["[class~=note]"] == 2  # one split at a no-break space
    assert found["[role~=note]"] == 0 and found["[role~=alert]"] == 1  # CSS white space only, not U+00A0
    assert found[".Note"] == 1 and found["[role~='']"] == 0 and found["#x#y"] == 0
    assert found["template p"] == 0 and found["template"] == 1  # nothing inside a <template>
    assert [t.name for t in compile_selector(DEFAULTS.include).select(soup)] == ["main", "article", "main", "div"]
    excluded = compile_selector(DEFAULTS.exclude).select(soup)
    assert [t.name for t in excluded] == ["header", "nav", "div", "aside", "footer", "footer"]


@pytest.mark.parametrize("selector_text", FALLBACK)
def test_selectors_outside_the_grammar_go_to_soupsieve(selector_text):
    compiled = compile_selector(selector_text)
    assert isinstance(compiled, soupsieve.SoupSieve)
    for page in PAGES.values():
        soup = BeautifulSoup(page, "html.parser")
        assert ids(compiled.select(soup)) == ids(soupsieve.select(selector_text, soup))


@pytest.mark.parametrize(
    "selector_text", ["main >> p", "1x", "main,", ",main", "[role=]", "a:not()", "a:not(a,)", "#1", "div#", "p::before"]
)
def test_invalid_selectors_raise_what_soupsieve_raises(selector_text):
    with pytest.raises(Exception) as ours:
        compile_selector(selector_text)
    with pytest.raises(Exception) as theirs:
        soupsieve.compile(selector_text)
    assert type(ours.value) is type(theirs.value) and str(ours.value) == str(theirs.value)


def test_the_case_insensitive_attributes_are_soupsieves():
    assert HTML_CASE_INSENSITIVE_ATTRIBUTES == css_parser.HTML_CASE_INSENSITIVE_ATTRIBUTES


def test_every_page_of_the_repository_and_the_wcag_corpus_matches_the_same():
    pages = sorted((ROOT / "bench" / "jargon_eval" / "pages").glob("*.html"))
    try:
        pages += sorted(needs_shared("corpus/wcag-html").rglob("*.html"))
    except pytest.skip.Exception:
        pass
    assert len(pages) > 20
    include, exclude = compile_selector(DEFAULTS.include), compile_selector(DEFAULTS.exclude)
    sv_include, sv_exclude = soupsieve.compile(DEFAULTS.include), soupsieve.compile(DEFAULTS.exclude)
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"), "html.parser")
        roots = include.select(soup)
        assert ids(roots) == ids(sv_include.select(soup)), path
        for root in [*roots, soup.body or soup]:
            assert ids(exclude.select(root)) == ids(sv_exclude.select(root)), path
            assert exclude.match(root) == sv_exclude.match(root), path


# Selectors made of the grammar's pieces and of near misses: whatever the native parser
# accepts, soupsieve accepts too, and both find the same elements.
PIECES = ["main", "p", "header", "DIV", "*", "x-y", "-z", "--v", "_u", " ", "\t", "\n", ">", ",", ".", "#", "[",
          "]", "=", "~=", "^=", "role", "ROLE", "'", '"', "main navigation", ":not(", ":NOT(", "(", ")", ":",
          "+", "1", "\\", "é", "/*", "*/", "|", "i", "\x00", "\u00a0", "\r\n", "\f"]  # fmt: skip


@budget(ci_examples=1500)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join))
def test_native_grammar_is_a_part_of_soupsieves(selector_text):
    if not isinstance(compile_selector(selector_text) if _valid(selector_text) else None, NativeSelector):
        return
    soupsieve.compile(selector_text)  # raises if the native parser took something that is not CSS
    assert_same_as_soupsieve(selector_text, _GRAMMAR_SOUP)


_GRAMMAR_SOUP = BeautifulSoup(PAGE, "html.parser")


# Selectors drawn from the grammar itself, with every kind of white space it allows.
_WS = st.sampled_from(["", " ", "\t", "\r\n ", "\f"])
_NAMES = st.sampled_from(["main", "p", "header", "DIV", "Article", "nav", "a", "template", "x-y", "-z", "--v", "_u"])
_ATTRIBUTES = st.sampled_from(["role", "ROLE", "type", "lang", "rel", "class", "id", "hidden", "data-x", "dir"])
_VALUES = st.sampled_from(["main", "MAIN", "text", "note", "alert", "en", "a1", '""', "'main navigation'",
                           '"NoFollow  noopener"', "'nofollow noopener'", "'note warning'"])  # fmt: skip


@st.composite
def grammar_selectors(draw, nesting: int = 0) -> str:
    complexes = []
    for _ in range(draw(st.integers(1, 3))):
        compounds = []
        for _ in range(draw(st.integers(1, 3))):
            head = draw(st.sampled_from(["", "*", "name"]))
            text = draw(_NAMES) if head == "name" else head
            for _ in range(draw(st.integers(0 if text else 1, 3))):
                kind = draw(st.sampled_from(["#", ".", "[]", "[=]", "[~=]", ":not"] if nesting < 2 else ["#", ".", "[]"]))
                if kind in "#.":
                    text += kind + draw(_NAMES)
                elif kind == ":not":
                    text += ":not(" + draw(_WS) + draw(grammar_selectors(nesting + 1)) + draw(_WS) + ")"
                else:
                    op = kind[1:-1]
                    value = draw(_WS) + draw(_VALUES) + draw(_WS) if op else ""
                    text += "[" + draw(_WS) + draw(_ATTRIBUTES) + draw(_WS) + op + value + "]"
            compounds.append(text)
        text = compounds[0]
        for compound in compounds[1:]:
            text += draw(st.sampled_from([" ", "\t", " > ", ">", "\n>\t"])) + compound
        complexes.append(text)
    return (draw(_WS) + "," + draw(_WS)).join(complexes)


@budget(ci_examples=500)
@given(grammar_selectors())
def test_any_selector_of_the_grammar_is_matched_natively_as_soupsieve_does(selector_text):
    assert isinstance(compile_selector(selector_text), NativeSelector)
    assert_same_as_soupsieve(selector_text, _GRAMMAR_SOUP)


def _valid(selector_text: str) -> bool:
    """Whether compile_selector returns at all: a native selector, or soupsieve's for valid CSS."""
    try:
        compile_selector(selector_text)
    except Exception:
        return False
    return True


def test_descendant_selectors_stay_linear_on_deep_pages():
    page = "<main>" + "<div>" * 50_000 + "<header><p>deep</p></header>" * 200 + "</div>" * 50_000 + "</main>"
    soup = BeautifulSoup(page, "html.parser")
    selector = compile_selector("header:not(main header, article header), div p, div > div > div > p")
    start = time.perf_counter()
    found = selector.select(soup)
    assert time.perf_counter() - start < 5  # minutes if each header walked up the 50,000 divs
    assert len(found) == 200 and {t.name for t in found} == {"p"}


def test_checking_with_native_selectors_never_imports_soupsieve():
    """beautifulsoup4 is imported with soupsieve standing by (plainlint/extract/__init__.py):
    a page checked with the default selectors leaves it unimported, 40 ms of every start."""
    assert imported_by_checking_the_example(("soupsieve",), "'bs4' in sys.modules, len(r.findings) > 0") == \
        "True True []"


def test_soupsieve_is_imported_when_a_selector_needs_it():
    """A selector outside the native grammar, in a fresh interpreter: beautifulsoup4's CSS
    support reaches the real soupsieve through the stand-in, and matches as ever."""
    script = (
        "import sys\n"
        "from plainlint.extract.html import Scope, extract_html\n"
        "page = '<div class=x><p>In.</p><p class=y>Out.</p></div><p>Out too.</p>'\n"
        "document = extract_html(page, 'p.html', Scope(include='div.x > p:not(.y)'))\n"
        "import bs4.css, soupsieve\n"
        "print([b.text for b in document.blocks], sys.modules['soupsieve'] is soupsieve,\n"
        "      bs4.css.soupsieve.SoupSieve is soupsieve.SoupSieve, soupsieve.__file__.endswith('__init__.py'))"
    )
    proc = run_python(script)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["['In.']", "True", "True", "True"]
