"""The HTML report: the page's text with findings marked, escaped, and inert in a browser.

Unit tests read the HTML with the standard library's parser. The browser tests load the
report in headless Chromium (Debian's ``chromium`` package; ``.ci/run`` installs it) and
read back the DOM after the page has loaded: a hostile page whose payloads leave a trace if
they run (``data-pwned`` on the body, or the title "pwned") must leave none.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from plainlint.analysis.readability import Counts
from plainlint.config import load_config
from plainlint.engine import FileResult, check_file, check_source
from plainlint.findings import Finding, Severity, Span
from plainlint.metrics import Grading
from plainlint.report import Report, Summary, summarise
from plainlint.reporters import reporter
from plainlint.reporters.html_report import CSP, marked_text, render
from plainlint.view import BlockView, MarkView, PageView
from tests.helpers import ROOT

PWN_BODY = "document.body.setAttribute('data-pwned','1')"
PWN_TITLE = "document.title='pwned'"
HOSTILE_PATH = 'pages/"><img src=x onerror=alert(1)>.html'
# Text about markup is written with entities, so the page's text holds live-looking
# payloads; the real tags at the end would run if the report copied the page's markup.
HOSTILE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>"><img src=x onerror="{PWN_BODY}"><script>{PWN_TITLE}</script></title>
</head><body><main>
<h1>About &lt;script&gt;{PWN_TITLE}&lt;/script&gt; your test</h1>
<p>Your nurse will explain &lt;img src=x onerror="{PWN_BODY}"&gt; what happens, and your prognosis depends on how
the cancer responds to the treatment that your team chooses for you after they have looked at all of your scans and
your blood tests together.</p>
<p>Before the test &lt;/mark&gt;&lt;script&gt;{PWN_TITLE}&lt;/script&gt; you can eat and drink as normal.</p>
<p><a href="javascript:{PWN_BODY}">javascript:alert(1)</a> tells you about the MRI scan.</p>
<h3>"&gt;&lt;img src=x onerror="{PWN_BODY}"&gt;</h3>
<script>{PWN_TITLE}</script>
<img src=x onerror="{PWN_BODY}">
</main></body></html>
"""
GRADING = Grading()


def hostile_report() -> Report:
    result = check_source(HOSTILE, HOSTILE_PATH, load_config(), keep_view=True)
    return summarise([result], GRADING)


def example_report() -> Report:
    config = load_config()
    result = check_file(ROOT / "examples" / "lymphoedema.html", config, "examples/lymphoedema.html", keep_view=True)
    return summarise([result], Grading.from_options(config.rules["reading-grade"].options))


class Tree(HTMLParser):
    """Every element with its attributes and the text inside it; checks that tags nest."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.stack: list[dict] = []
        self.feed(markup)
        self.close()
        assert not self.stack, [e["tag"] for e in self.stack]

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1]["tag"] == tag, (tag, [e["tag"] for e in self.stack])
        self.stack.pop()

    def handle_data(self, data):
        for element in self.stack:
            element["text"] += data

    def all(self, tag: str, cls: str | None = None) -> list[dict]:
        return [e for e in self.elements if e["tag"] == tag
                and (cls is None or cls in e["attrs"].get("class", "").split())]

    def by_id(self, ident: str) -> dict:
        (element,) = [e for e in self.elements if e["attrs"].get("id") == ident]
        return element


# --- safety ---------------------------------------------------------------------------------


def test_hostile_page_is_escaped_everywhere():
    out = render(hostile_report())
    tree = Tree(out)
    tags = {e["tag"] for e in tree.elements}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "header", "main", "footer", "nav", "section",
                    "div", "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
                    "a", "span", "mark", "sup", "b", "i", "q", "code", "table", "caption", "thead", "tbody", "tr",
                    "th", "td", "figure", "figcaption"}, tags
    assert len(tree.all("style")) == 1 and len(tree.all("meta")) == 5
    for element in tree.elements:
        for name, value in element["attrs"].items():
            assert not name.startswith("on"), element
            if name == "href":
                assert value.startswith("#"), element  # only links within the report
    assert "javascript:" not in "".join(e["attrs"].get("href", "") for e in tree.elements)
    # the payloads are there, as text
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=&quot;document.body.setAttribute(&#x27;data-pwned&#x27;,&#x27;1&#x27;)&quot;&gt;" in out
    assert "&lt;/mark&gt;" in out
    assert "pages/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.html" in out
    assert "<title>plainlint report: pages/&quot;&gt;&lt;img" in out
    headings = [e["text"] for e in tree.elements if re.fullmatch(r"h[1-6]", e["tag"])]
    assert f"h1 About <script>{PWN_TITLE}</script> your test" in headings
    assert HOSTILE_PATH in headings


def test_strict_content_security_policy_comes_first():
    out = render(example_report())
    head = out[: out.index("</head>")]
    assert CSP.startswith("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    assert "script-src" not in CSP
    csp = f'<meta http-equiv="Content-Security-Policy" content="{CSP.replace(chr(39), "&#x27;")}">'
    assert csp in head
    assert head.index(csp) < head.index("<title>") < head.index("<style>")
    assert '<html lang="en">' in out and "<script" not in out


def test_rule_ids_become_safe_class_names():
    finding = Finding("p.html", Span(1, 1, 1, 5), 'x" onmouseover="alert(1)', Severity.WARNING, "m")
    view = PageView("", [BlockView("paragraph", 0, "text here")], [MarkView(0, 0, 0, 4)])
    out = render(_report(FileResult("p.html", [finding], Counts(), view=view)))
    (mark,) = Tree(out).all("mark", "pl")[3:]  # after the three of the legend
    assert "onmouseover" not in mark["attrs"]
    assert "r-x--onmouseover--alert-1-" in mark["attrs"]["class"].split()


# --- marks ----------------------------------------------------------------------------------


def _spans_by_character(markup: str, length: int) -> list[set[int]]:
    """For each character of the text, the ids of the marks around it; checks nesting."""
    covered: list[set[int]] = []
    stack: list[int] = []

    class Walk(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "mark":
                stack.append(int(dict(attrs)["data-g"]))

        def handle_endtag(self, tag):
            if tag == "mark":
                stack.pop()

        def handle_data(self, data):
            covered.extend(set(stack) for _ in data)

    Walk(convert_charrefs=True).feed(markup)
    assert not stack and len(covered) == length
    return covered


def _opener(g: int, first: bool) -> str:
    return f'<mark data-g="{g}"{" data-first" if first else ""}>'


def _check_marks(text: str, spans: list[tuple[int, int, int]]) -> str:
    out = marked_text(text, spans, _opener, lambda g: f'<i data-end="{g}"></i>')
    Tree(out)  # well nested
    covered = _spans_by_character(out, len(text))
    for pos in range(len(text)):
        assert covered[pos] == {g for g, s, e in spans if s <= pos < e}, pos
    for g, _, _ in spans:
        assert out.count(f'<mark data-g="{g}" data-first>') == 1
        assert out.count(f'<i data-end="{g}">') == 1
    return out


def test_nested_marks_nest():
    text = "Your prognosis depends on how early treatment starts."
    out = _check_marks(text, [(0, 0, len(text)), (1, 5, 14)])
    assert out.startswith('<mark data-g="0" data-first>Your <mark data-g="1" data-first>prognosis</mark>')
    assert "cont" not in out and out.count("<mark") == 2


def test_overlapping_marks_are_split_into_nested_pieces():
    text = "abcdefghijklmnopqrstuvwxyz"
    out = _check_marks(text, [(0, 0, 10), (1, 5, 15), (2, 2, 4), (3, 8, 20), (4, 8, 20)])
    assert out.count('<mark data-g="1"') == 2  # split where mark 0 ends
    assert '<mark data-g="1">' in out  # the continuation is not a first piece


def test_random_overlapping_marks_keep_every_character_covered():
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice("ab <&>\"'") for _ in range(rng.randint(1, 30)))
        spans = []
        for g in range(rng.randint(0, 6)):
            start = rng.randrange(len(text))
            spans.append((g, start, rng.randint(start + 1, len(text))))
        _check_marks(text, spans)


def test_marks_escape_the_text_between_them():
    out = marked_text('<b onclick="x">&', [(0, 1, 2)], _opener, lambda g: "")
    assert out == '&lt;<mark data-g="0" data-first>b</mark> onclick=&quot;x&quot;&gt;&amp;'


def test_each_mark_is_focusable_and_described_by_its_tip():
    tree = Tree(render(hostile_report()))
    marks = [m for m in tree.all("mark", "pl") if "tabindex" in m["attrs"]]
    assert len(marks) == 4  # one shared by the two findings on the long sentence
    for mark in marks:
        assert mark["attrs"]["tabindex"] == "0"
        tip = tree.by_id(mark["attrs"]["aria-describedby"])
        assert tip["attrs"]["role"] == "tooltip" and tip["tag"] == "span"
    long = [m for m in marks if "r-sentence-length" in m["attrs"]["class"].split()]
    assert len(long) == 1 and "r-hard-sentences" in long[0]["attrs"]["class"].split()
    assert "sev-warning" in long[0]["attrs"]["class"].split()  # the higher of warning and info
    tip = tree.by_id(long[0]["attrs"]["aria-describedby"])
    assert "1. Info, hard-sentences:" in tip["text"] and "2. Warning, sentence-length:" in tip["text"]
    # the jargon word inside the long sentence is a mark inside its mark
    inner = [m for m in marks if m["text"].endswith("prognosis") and "r-unexplained-jargon" in m["attrs"]["class"]]
    assert len(inner) == 1 and "prognosis" in long[0]["text"]


def test_findings_link_to_their_marks_and_back():
    tree = Tree(render(example_report()))
    links = [e["attrs"]["href"] for e in tree.all("a") if e["text"] == "Show it in the text"]
    assert len(links) == 7
    for href in links:
        assert tree.by_id(href[1:])["tag"] == "mark"


def test_findings_without_marks_are_listed():
    page = Finding("p.html", Span(1, 1, 1, 2), "reading-grade", Severity.WARNING,
                   "The page reads at grade 11 <too hard>.", excerpt="")
    placed = Finding("p.html", Span(3, 1, 3, 10), "unexplained-jargon", Severity.WARNING, '"prognosis" is jargon.',
                     "outlook", "prognosis")
    at_tag = Finding("p.html", Span(5, 1, 5, 10), "heading-structure", Severity.ERROR, "The h2 is empty.",
                     excerpt="<h2></h2>")
    view = PageView("T", [BlockView("paragraph", 0, "Your prognosis is good.")], [MarkView(1, 0, 5, 14)])
    out = render(_report(FileResult("p.html", [page, placed, at_tag], Counts(), view=view)))
    tree = Tree(out)
    box = [e for e in tree.all("div", "pagewide")]
    assert len(box) == 1
    assert "The page reads at grade 11 <too hard>." in box[0]["text"] and "The h2 is empty." in box[0]["text"]
    assert "prognosis is jargon" not in box[0]["text"]
    items = tree.all("ol", "findings")[0]["text"]
    for message in ("The page reads at grade 11 <too hard>.", '"prognosis" is jargon.', "The h2 is empty."):
        assert message in items
    assert "about the page as a whole" in tree.by_id("f0-finding-0")["text"]
    assert "The text involved: <h2></h2>" in tree.by_id("f0-finding-2")["text"]
    assert "Show it in the text" in tree.by_id("f0-finding-1")["text"]


def test_findings_are_listed_when_the_text_was_not_kept():
    result = check_source("<h1>Hi</h1><p>Your prognosis is good.</p>", "p.html", load_config())
    assert result.view is None and result.findings
    tree = Tree(render(_report(result)))
    assert not [m for m in tree.all("mark") if "tabindex" in m["attrs"]]
    assert '"prognosis" is a specialist word' in tree.all("ol", "findings")[0]["text"]


# --- the rest of the page ---------------------------------------------------------------------


def table_rows(tree: Tree) -> list[list[str]]:
    """The text of each cell, row by row, of every table in the report."""
    rows: list[list[str]] = []
    for element in tree.elements:
        if element["tag"] == "tr":
            rows.append([])
        elif element["tag"] in ("td", "th") and rows:
            rows[-1].append(element["text"])
    return rows


def test_summary_tables_per_file():
    tree = Tree(render(example_report()))
    (summary,) = tree.all("div", "summary")
    rows = table_rows(tree)
    assert ["Reading grade (Flesch-Kincaid)", "6.6"] in rows
    assert ["Words", "241"] in rows
    assert ["Treatment", "34", "79", "9.7"] in rows
    assert ["Signs to look out for", "27", "31", "\u2013"] in rows
    assert ["unexplained-jargon", "0", "2", "0", "2"] in rows
    assert ["hard-sentences", "0", "0", "2", "2"] in rows
    assert "too short to grade" in summary["text"]


def test_chart_of_section_grades_with_a_target_line():
    with_target = Tree(render(example_report(), target=8))
    (chart,) = with_target.all("figure", "chart")
    assert "against the target of grade 8 (dashed line)" in chart["text"]
    labels = [e["text"] for e in with_target.all("span", "label")]
    assert labels[0] == "Whole pagegrade 6.6"
    assert "Treatmentgrade 9.7, above the target" in labels
    assert "Signs to look out fortoo short to grade" in labels
    bars = with_target.all("span", "bar")
    assert len(bars) == 3 and [b for b in bars if "over" in b["attrs"]["class"]]
    assert len(with_target.all("span", "target")) == 6
    assert 'style="left:66.67%"' in render(example_report(), target=8)  # 8 on a scale of 12
    # by default the target is the settings' reading-grade target (max-grade 8)
    assert render(example_report()) == render(example_report(), target=8)
    report = example_report()
    untargeted = dataclasses.replace(report, summary=dataclasses.replace(report.summary, target=None))
    without = Tree(render(untargeted))
    assert without.all("figure", "chart") and not without.all("span", "target")


def test_page_headings_sit_under_the_reports_own():
    tree = Tree(render(example_report()))
    levels = [(int(e["tag"][1]), e["text"]) for e in tree.elements if re.fullmatch(r"h[1-6]", e["tag"])]
    assert levels[0] == (1, "plainlint report")
    assert (2, "examples/lymphoedema.html") in levels
    assert (4, "h1 Lymphoedema after breast cancer treatment") in levels
    assert (5, "h2 Why it happens") in levels
    # the heading's text holds its mark's tip (hidden until wanted) before its own words
    assert [t for level, t in levels if level == 6 and t.startswith("h4 ") and "Signs to look out for" in t]
    for (before, _), (after, _) in zip(levels, levels[1:]):
        assert after <= before + 1 or after == 6


def test_lists_and_glossaries_keep_their_shape():
    view = PageView("", [BlockView("list-item", 0, "one"), BlockView("list-item", 0, "two"),
                         BlockView("term", 0, "MRI"), BlockView("definition", 0, "a scan"),
                         BlockView("table-cell", 0, "cell"), BlockView("quote", 0, "said")], [])
    out = render(_report(FileResult("p.html", [], Counts(), view=view)))
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<dl>\n<dt>MRI</dt>\n<dd>a scan</dd>\n</dl>" in out
    assert '<div class="cells">\n<p class="cell">cell</p>\n</div>\n<blockquote><p>said</p></blockquote>' in out
    Tree(out)


def test_unreadable_file_is_reported():
    result = FileResult("bad<b>.html", error="is not UTF-8 <and> has no declared encoding")
    out = render(_report(result))
    assert "bad&lt;b&gt;.html" in out
    assert "This file could not be checked: it is not UTF-8 &lt;and&gt; has no declared encoding." in out
    Tree(out)


def test_cli_writes_the_report(tmp_path):
    from click.testing import CliRunner

    from plainlint.cli import main

    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["check", str(ROOT / "examples" / "lymphoedema.html"), "--format", "html",
                                       "-o", str(out)])
    assert result.exit_code == 1, result.output
    tree = Tree(out.read_text(encoding="utf-8"))
    assert len([m for m in tree.all("mark") if "tabindex" in m["attrs"]]) == 6
    assert reporter("html") is render


def _report(*results: FileResult) -> Report:
    summary = Summary(len(results), sum(r.error is not None for r in results), {"error": 0, "warning": 0, "info": 0},
                      None, "flesch-kincaid")
    return Report(list(results), [None] * len(results), summary)


# --- in a browser -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("headless Chromium was not found: install Debian's chromium package (apt-get install -y chromium), "
                "as .ci/run does")


def dump_dom(chromium: str, page: Path, tmp_path: Path) -> str:
    """The DOM after the page has loaded (and run whatever it could run), as HTML."""
    profile = tmp_path / f"profile-{page.stem}"
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--virtual-time-budget=2000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0 and "</html>" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def assert_inert(dom: str) -> None:
    tree = Tree(dom)
    assert "data-pwned" not in tree.all("body")[0]["attrs"]
    assert tree.all("title")[0]["text"].startswith("plainlint report")
    assert "pwned" != tree.all("title")[0]["text"]
    assert not {e["tag"] for e in tree.elements} & {"img", "script", "iframe"}


def test_browser_harness_would_see_a_payload_run(chromium, tmp_path):
    """The control: unescaped, the payloads do leave their traces in the dumped DOM."""
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><title>t</title><p>x</p><script>{PWN_TITLE}</script>"
                    f'<img src=x onerror="{PWN_BODY}">', encoding="utf-8")
    tree = Tree(dump_dom(chromium, page, tmp_path))
    assert tree.all("title")[0]["text"] == "pwned"
    assert tree.all("body")[0]["attrs"].get("data-pwned") == "1"


def test_hostile_report_runs_nothing_in_chromium(chromium, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render(hostile_report(), target=8), encoding="utf-8")
    dom = dump_dom(chromium, page, tmp_path)
    assert_inert(dom)
    tree = Tree(dom)
    marks = [m for m in tree.all("mark", "pl") if m["attrs"].get("tabindex") == "0"]
    assert len(marks) == 4
    text = " ".join(m["text"] for m in marks)
    assert '"prognosis" is a specialist word that is not explained.' in text
    assert '"MRI" is an abbreviation that is not spelled out.' in text
    assert "This sentence has 42 words" in text
    assert "Heading level jumps from h1 to h3" in text
    (page_text,) = [e["text"] for e in tree.all("div", "page")]
    assert f"<img src=x onerror=\"{PWN_BODY}\">" in page_text  # shown as text
    assert f"</mark><script>{PWN_TITLE}</script>" in page_text


def test_hostile_report_runs_nothing_even_without_its_policy(chromium, tmp_path):
    """Escaping alone keeps the page inert; the policy is only a second line."""
    out = render(hostile_report())
    stripped = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", out)
    assert stripped != out
    page = tmp_path / "nocsp.html"
    page.write_text(stripped, encoding="utf-8")
    assert_inert(dump_dom(chromium, page, tmp_path))


# Run in a copy of the report without its policy: focuses each mark and measures the
# contrast of every piece of visible text, and writes the results on the body.
PROBE = r"""<script>
(function () {
  var done = false;
  function probe() {
  if (done) return;
  done = true;
  function rgba(s) { var m = s.match(/[\d.]+/g).map(Number); return m.length === 3 ? m.concat([1]) : m; }
  function lum(c) {
    var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function background(el) {
    var layers = [];
    for (; el; el = el.parentElement) {
      var c = rgba(getComputedStyle(el).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] === 1) break; }
    }
    var out = [255, 255, 255];
    for (var i = layers.length - 1; i >= 0; i--) {
      var a = layers[i][3];
      out = out.map(function (x, k) { return layers[i][k] * a + x * (1 - a); });
    }
    return out;
  }
  function ratio(el) {
    var a = lum(rgba(getComputedStyle(el).color)), b = lum(background(el));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  var low = [];
  function sweep() {
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      var el = n.parentElement;
      if (!n.data.trim() || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
      var r = ratio(el);
      if (r < 4.5) low.push([el.tagName, el.className, n.data.trim().slice(0, 30), Math.round(r * 100) / 100]);
    }
  }
  sweep();
  var marks = document.querySelectorAll('mark[tabindex="0"]'), shown = 0, hidden = 0, focused = 0, matched = 0;
  marks.forEach(function (m) {
    var tip = document.getElementById(m.getAttribute('aria-describedby'));
    if (getComputedStyle(tip).display === 'none') hidden++;
    m.focus();
    if (document.activeElement === m) focused++;
    if (m.matches(':focus')) matched++;
    var box = tip.getBoundingClientRect();
    if (getComputedStyle(tip).display !== 'none' && box.width > 0 && box.height > 0) shown++;
    sweep();
    m.blur();
  });
  document.body.setAttribute('data-probe', JSON.stringify(
    {marks: marks.length, hidden: hidden, focused: focused, matched: matched, shown: shown, low: low,
     hasFocus: document.hasFocus()}));
  }
  // :focus matches only in a focused window, and a headless window gets focus a little
  // after load on some runs: wait for it, then give up (the test runs the page again)
  if (document.hasFocus()) probe();
  window.addEventListener('focus', probe);
  setTimeout(probe, 1500);
})();
</script>"""


def test_marks_show_their_message_on_focus_and_text_has_contrast(chromium, tmp_path):
    out = render(example_report(), target=8)
    out = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", out).replace("</body>", PROBE + "</body>")
    page = tmp_path / "probe.html"
    page.write_text(out, encoding="utf-8")
    for attempt in range(5):
        probe = json.loads(Tree(dump_dom(chromium, page, tmp_path)).all("body")[0]["attrs"]["data-probe"])
        if probe["hasFocus"]:
            break
    assert probe["hasFocus"], "the headless window never got focus, so :focus could not be tested"
    assert probe["marks"] == 6
    assert probe["hidden"] == 6  # until focused
    assert probe["focused"] == 6
    assert probe["shown"] == 6
    assert probe["low"] == []  # WCAG AA: 4.5:1 for all text, tips included
