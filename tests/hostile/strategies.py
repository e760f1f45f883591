"""Hypothesis strategies for pages as they come: real structure (nested tags, lists,
tables, front matter) made of hostile parts (broken entities, unclosed tags, comments,
CDATA, scripts, NUL bytes, lone surrogates, CR/LF/CRLF mixes, very long words, RTL
text, emoji with zero-width joiners, bidi overrides, combining marks).

The budget: a fixed, derandomised number of examples per property in CI, so every run
tries the same inputs; ``PLAINLINT_FUZZ_EXAMPLES=20000`` runs that many random ones by hand.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# --- the budget -----------------------------------------------------------------------

_BY_HAND = int(os.environ.get("PLAINLINT_FUZZ_EXAMPLES", "0") or 0)


def budget(ci_examples: int):
    """Settings for one property: ``ci_examples`` derandomised examples in CI, or
    PLAINLINT_FUZZ_EXAMPLES random ones when that is set."""
    return settings(
        max_examples=_BY_HAND or ci_examples,
        deadline=None,
        derandomize=not _BY_HAND,
        database=None,  # nothing written into the checkout
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
        print_blob=True,
    )


# --- text -----------------------------------------------------------------------------

WORDS = [
    "the", "your", "doctor", "will", "check", "you", "a", "test", "is", "it", "and", "or", "to", "of",
    "prognosis", "MRI", "CSF", "eGFR", "lymphoedema", "biopsy", "cerebrospinal", "fluid", "outlook",
    "(prognosis)", "(CSF)", "called", "which", "means", "e.g.", "Dr.", "2.5", "mg", "COVID-19",
    "anti-inflammatory", "don't", "café", "naïve", "Straße", "İstanbul", "ﬁle",
]  # fmt: skip
ODD = [
    "\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b[31m", "\x1b]8;;http://x\x1b\\", "\x7f", "\x85", "\x9b",
    "\u00a0", "\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029", "\u202e",
    "\u2066", "\u2069", "\ufeff", "\ufffd", "\u0301", "e\u0301", "שלום", "مرحبا بك", "\U0001F468\u200d\U0001F469\u200d\U0001F467",
    "\U0001F44D\U0001F3FD", "\U0001F1EC\U0001F1E7", "\U00010348", "\uffff", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ǅ", "Ⅻ", "١٢٣",
]  # fmt: skip
ENTITIES = [
    "&amp;", "&amp", "&AMP;", "&#xZZ;", "&#x;", "&#;", "&#", "&#x", "&#233;", "&#xe9;", "&#x1F600;",
    "&#0;", "&#x0;", "&#xD800;", "&#xDFFF;", "&#99999999;", "&#x110000;", "&#128;", "&#x9b;", "&nbsp;",
    "&notanentity;", "&notin;", "&not", "&", "&&", "&lt;script&gt;", "&quot;", "&#10;", "&#13;",
]  # fmt: skip
LINE_ENDS = ["\n", "\r\n", "\r"]
SPACES = [" ", " ", " ", "  ", "\t", *LINE_ENDS, "\r\n\r\n", "\n\n"]


@st.composite
def words(draw, max_size: int = 12) -> str:
    """A run of words, odd characters and entities, with white space of every kind."""
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(WORDS),
                st.sampled_from(WORDS),
                st.sampled_from(ODD),
                st.sampled_from(ENTITIES),
                st.text(max_size=8),
                st.just("pneumonoultramicroscopicsilicovolcanoconiosis"),
            ),
            max_size=max_size,
        )
    )
    out = []
    for part in parts:
        out.append(part)
        out.append(draw(st.sampled_from(SPACES)))
    if draw(st.integers(0, 20)) == 0:
        out.append(draw(st.sampled_from("a(é-'*_[")) * draw(st.integers(100, 2500)))  # a very long word
    if draw(st.integers(0, 10)) == 0:
        out.append(draw(st.sampled_from(["\ud800", "\udc80", "\udfff"])))  # only possible in text, not in bytes
    return "".join(out)


# --- HTML -----------------------------------------------------------------------------

BLOCK_TAGS = ["p", "h1", "h2", "h3", "h4", "h6", "li", "ul", "ol", "div", "main", "article", "section",
              "table", "tr", "td", "th", "blockquote", "dl", "dt", "dd", "figure", "figcaption",
              "details", "summary", "nav", "aside", "header", "footer", "caption", "legend"]  # fmt: skip
INLINE_TAGS = ["b", "i", "em", "strong", "span", "a", "abbr", "dfn", "code", "kbd", "small", "sub", "sup"]
SKIPPED_TAGS = ["script", "style", "template", "noscript", "svg", "math", "pre", "textarea", "title", "head"]
ATTRS = [
    "", ' class="x"', " id=a", ' href="https://example.org/a?b=1&amp;c=2"', " href=javascript:alert(1)",
    ' title="magnetic resonance imaging"', " title='it&#39;s'", ' title="a > b"', " hidden", ' role="main"',
    ' lang="ar" dir="rtl"', ' onclick="alert(1)"', ' style="display:none"', " data-x=\"\x00\"",
    ' title="unterminated', " =", " a=b=c",
]  # fmt: skip
MARKUP = [
    "<!-- a comment -->", "<!-- plainlint-disable -->", "<!-- plainlint-enable -->",
    "<!-- plainlint-disable unexplained-jargon -->", "<!-- plainlint-disable-next-line sentence-length -->",
    "<!-- plainlint-disable-line hard-sentences, nonsense-rule -->", "<!--", "-->", "<!-->", "<!--->",
    "<!-- -- -->", "<![CDATA[ x < y ]]>", "<![CDATA[", "]]>", "<![if !IE]>", "<![endif]>", "<![ junk",
    "<!DOCTYPE html>", "<!doctype", "<?xml version=\"1.0\"?>", "<?php echo 1; ?>", "<?", "<br>", "<br/>",
    "</br>", "<hr>", "<img src=x alt=\"an MRI scan\">", "<wbr>", "</p>", "</div>", "</li>", "</h1>", "</>",
    "<", ">", "< p>", "<p", "</p", "<a", "<3", "a<b", "<script>alert(1)</script>", "<script>",
    "<script><!--", "</script>", "<style>p{}</style>", "<textarea>", "<title>T</title>", "<plaintext>",
    "<xmp>", "<iframe src=x>", "<svg><p>in svg</p></svg>", "<math><mi>x</mi></math>", "<select><option>o",
    "<template><p>t</p></template>", "<table><td>cell", "<li>", "<dt>", "<h1></h1>", "<h2> </h2>",
    "<abbr title=\"cerebrospinal fluid\">CSF</abbr>", "<a href=\"/glossary#csf\">CSF</a>", "<dfn>biopsy</dfn>",
    "<main>", "</main>", "<body>", "<html lang=\"en\">", "<head>", "</head>", "<meta charset=\"utf-8\">",
]  # fmt: skip


def _element(tag: str, attrs: str, children: list[str], closed: bool) -> str:
    return f"<{tag}{attrs}>" + "".join(children) + (f"</{tag}>" if closed else "")


def html_pages(max_leaves: int = 25):
    """Pages and fragments: nested elements (sometimes unclosed) around text and stray markup."""
    leaf = st.one_of(words(), words(4), st.sampled_from(MARKUP), st.sampled_from(ENTITIES))
    tree = st.recursive(
        leaf,
        lambda children: st.builds(
            _element,
            st.sampled_from(BLOCK_TAGS + INLINE_TAGS + INLINE_TAGS + SKIPPED_TAGS[:4]),
            st.sampled_from(ATTRS),
            st.lists(children, max_size=5),
            st.booleans() | st.just(True),
        ),
        max_leaves=max_leaves,
    )
    page = st.lists(tree, max_size=6).map("".join)
    return st.one_of(
        page,
        st.builds(lambda head, body: f"<!DOCTYPE html>\n<html lang=\"en\"><head>{head}</head>\n<body>{body}</body></html>\n",
                  st.sampled_from(["", "<title>Page</title>", "<meta charset=\"utf-8\"><title>A &amp; B</title>"]), page),
        st.builds(lambda deep, text: "<div>" * deep + f"<p>{text}</p>", st.integers(100, 3000), words()),
        st.builds(lambda text: f"<script>{text}</script>", words()),  # a page that is all script
    )


# --- Markdown -------------------------------------------------------------------------

MD_LINES = [
    "# {w}", "## {w}", "###### {w}", "####### {w}", "{w}\n===", "{w}\n---", "- {w}", "* {w}", "+ {w}",
    "1. {w}", "2) {w}", "> {w}", "> > {w}", ">{w}", "    {w}", "\t{w}", "```\n{w}\n```", "```python\n{w}",
    "~~~\n{w}\n~~~", "| {w} | b |\n|---|---|\n| c | {w} |", "|a|\n|-|\n|{w}", "***", "---", "___",
    "[{w}](https://example.org/a_(b) \"title\")", "[{w}][ref]", "[ref]: https://example.org", "![{w}](x.png)",
    "<https://example.org>", "*{w}*", "**{w}**", "_{w}_", "__{w}__", "`{w}`", "``{w}``", "{w}  ", "{w}\\",
    "<br>", "<b>{w}</b>", "<!-- {w} -->", "<!-- plainlint-disable-next-line -->", "<!--", "<div>\n{w}\n</div>",
    "\\*{w}\\*", "\\", "&amp; {w} &#xZZ; &#0;", "{w}", "{w}", "{w}", "", " ", "[", "](", "![", "*", "_", "`",
]  # fmt: skip
FRONT_MATTER = ["", "---\ntitle: {w}\n---\n", "---\r\ntitle: \"{w}\"\r\n---\r\n", "+++\ntitle = 'x'\n+++\n",
                "---\ntitle:\n---\n", "---\nunclosed: front matter\n", "---\r\ntitle: a\r---\r"]  # fmt: skip


@st.composite
def markdown_pages(draw) -> str:
    lines = draw(st.lists(st.tuples(st.sampled_from(MD_LINES), words(6)), max_size=15))
    body = [template.replace("{w}", text) for template, text in lines]
    out = [draw(st.sampled_from(FRONT_MATTER)).replace("{w}", draw(words(3)))]
    for line in body:
        out.append(line)
        out.append(draw(st.sampled_from(LINE_ENDS + ["\n\n", "\r\n\r\n"])))
    if draw(st.integers(0, 15)) == 0:
        out.append("> " * draw(st.integers(50, 2000)) + "deep")
    if draw(st.integers(0, 15)) == 0:
        out.append("- " * draw(st.integers(50, 2000)) + "deep")
    return "".join(out)


# --- bytes ----------------------------------------------------------------------------


def encoded(text_strategy):
    """A page as a file holds it: UTF-8 (with or without a BOM), UTF-16 or UTF-32 with a
    BOM, a declared windows-1252, Latin-1 undeclared, or bytes spliced into it."""

    @st.composite
    def build(draw) -> bytes:
        text = draw(text_strategy).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
        how = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1", "splice"]))
        if how == "cp1252":
            return ('<meta charset="windows-1252">' + text).encode("cp1252", "replace")
        if how == "splice":
            data = bytearray(text.encode("utf-8"))
            for _ in range(draw(st.integers(1, 4))):
                at = draw(st.integers(0, len(data)))
                data[at:at] = draw(st.binary(min_size=1, max_size=6))
            return bytes(data)
        return text.encode(how, "replace")

    return build()


def page_bytes():
    return st.one_of(
        st.binary(max_size=3000),
        encoded(html_pages()),
        encoded(markdown_pages()),
        st.sampled_from([
            b"", b" ", b"\n\r\n\t ", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
            b"\xff\xfe\x00\x00", b"\xff\xfe<\x00p\x00>\x00\x00\xd8", b"\xef\xbb\xbf\xff", b"<p>\xc3</p>",
            b'<meta charset="nonsense-8"><p>x</p>', b'<meta charset="utf-7"><p>+AGEAYgBj-</p>',
            b'<meta charset="x-user-defined"><p>\x80\xff</p>', b'<meta charset="utf-16"><p>x</p>',
            b'<meta charset="rot13">', b'<meta charset="hex">', b'<meta charset="zlib">', b'<meta charset="base64">',
            b'<meta charset="unicode_escape"><p>\\N{BULLET}</p>', b'<meta charset="idna">', b'<meta charset="punycode">',
        ]),  # fmt: skip
    )
