"""Terminal and report injection: control characters and bidirectional overrides in file
names, page words, settings keys and command-line values are shown escaped in every output
(text, github, gitlab, sarif, json, html, standard error, the language server), and a
message quotes at most a few hundred characters of a word, however long the word is."""

from __future__ import annotations

import json
import re
import sys
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from plainlint.cli import main
from plainlint.engine import FileResult
from plainlint.findings import Finding, Severity, Span
from plainlint.safe_text import page_text, printable, shown

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows file names cannot hold these")

OSC52 = "\x1b]52;c;SGVsbG8=\x07"  # writes "Hello" to the clipboard of the terminal that shows it
OSC52_SHOWN = "\\x1b]52;c;SGVsbG8=\\x07"
# what no output may hold raw: C0 but line feed, DEL, C1, line separators, bidi controls
ACTING = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

# page words that reach messages: a suppression comment naming a "rule" (suppression-comments
# quotes it), long words in a hard sentence (hard-sentences quotes them, with the C1 CSI in
# one), a heading with a right-to-left override (reading-grade quotes a hard section's title)
HARD = ("<p>Leptomeningeal metastases necessitate multidisciplinary evaluation, including cerebrospinal "
        "fluid cytology and gadolinium\x9b2J\x9b1;1Henhanced imaging.</p>\n")
PAGE = (
    "<main><h1>Scans</h1>\n"
    f"<!-- plainlint-disable-next-line {OSC52}rule -->\n"
    "<p>Your scan is ready. Come to the desk. Bring a friend.</p>\n"
    "<h2>Your \u202eplan of care\u202c</h2>\n" + HARD * 4 + "</main>\n"
)
PAGE_WORDS = (f'names "{OSC52_SHOWN}rule", which is not a rule', '"gadolinium\\x9b2J\\x9b1;1Henhanced"',
              'The section "Your \\u202eplan of care\\u202c" reads at')
NAMES = {
    "osc52": f"clip{OSC52}.html",
    "rlo": "report\u202eLMTH.exe\u202c.html",
    "c1": "red\x9b31m.html",
    "marks": "mark\u200f\u061c\u200e.html",
}


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--no-cache", *args], catch_exceptions=False)


def test_github_annotations_show_escape_sequences_from_names_and_page_words_escaped(site):
    result = run("site", f"missing{OSC52}.html", "--format", "github")
    out = result.output
    assert not ACTING.search(out), sorted(set(ACTING.findall(out)))
    lines = out.splitlines()
    assert all(line.startswith(("::warning ", "::error ", "::notice ")) for line in lines)
    assert f"::error file=missing{OSC52_SHOWN}.html,title=plainlint::missing{OSC52_SHOWN}.html does not exist" in lines
    assert f"file=site/clip{OSC52_SHOWN}.html," in out
    assert "file=site/report\\u202eLMTH.exe\\u202c.html," in out and "file=site/red\\x9b31m.html," in out
    assert "file=site/mark\\u200f\\u061c\\u200e.html," in out
    assert all(words in out for words in PAGE_WORDS)


def test_text_report_shows_bidi_marks_escaped_too(site):
    out = run("site").output
    assert not ACTING.search(out)
    assert "site/mark\\u200f\\u061c\\u200e.html:2:1: warning suppression-comments" in out


def test_json_sarif_and_gitlab_show_messages_escaped_and_keep_paths_exact(site):
    expected = {f"site/{name}" for name in NAMES.values()}
    for fmt in ("json", "sarif", "gitlab"):
        text = run("site", "--format", fmt).output
        # the text itself: safe to show with `cat` (a terminal reads U+009B as CSI)
        assert not ACTING.search(text.replace("\n", "")), (fmt, sorted(set(ACTING.findall(text))))
        data = json.loads(text)
        if fmt == "json":
            paths = {f["path"] for f in data["files"]}
            messages = [x["message"] for f in data["files"] for x in f["findings"]]
        elif fmt == "sarif":
            results = data["runs"][0]["results"]
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
            assert "site/report%E2%80%AELMTH.exe%E2%80%AC.html" in uris  # a URI: percent-encoded
            paths = {unquote(uri) for uri in uris}
            messages = [r["message"]["text"] for r in results]
        else:
            paths = {i["location"]["path"] for i in data}
            messages = [i["description"] for i in data]
        assert paths == expected, fmt  # exact: the programs reading them find the files by them
        joined = "\n".join(messages)
        assert not ACTING.search(joined), fmt  # the web pages showing them get no override
        assert all(words in joined for words in PAGE_WORDS), fmt


def test_settings_errors_show_unknown_keys_and_values_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.html").write_text("<h1>Scans</h1><p>Your scan is ready.</p>")
    (tmp_path / "rules.yml").write_text(
        '"\\e]52;c;SGVsbG8=\\a": 1\n'
        "rules:\n"
        '  "unexplained-jargon\\u202e":\n'
        "    enabled: true\n"
        "  reading-grade:\n"
        '    formula: "\\e[2J"\n'
        "  unexplained-jargon:\n"
        '    categories: ["medical", "x\\x9b31m\\nrules.yml:1: forged"]\n'
    )
    result = run("page.html")
    assert result.exit_code == 2
    err = result.stderr
    assert not ACTING.search(err), sorted(set(ACTING.findall(err)))
    lines = err.splitlines()
    assert lines[0] == "plainlint: invalid settings" and len(lines) == 5, lines
    assert f'rules.yml:1: unknown key "{OSC52_SHOWN}" in the top level' in err
    assert 'unknown key "unexplained-jargon\\u202e" in rules' in err
    assert "categories may only contain medical, insurance, complex, false-friend; not x\\x9b31m\\nrules.yml:1: forged" in err
    assert not any(line.startswith("rules.yml:1: forged") for line in lines)


def test_rule_ids_given_on_the_command_line_are_shown_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.html").write_text("<h1>Scans</h1><p>Your scan is ready.</p>")
    for args in (["check", "--no-cache", "page.html", "--select", f"x{OSC52}"], ["explain", f"x{OSC52}"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2
        assert not ACTING.search(result.stderr) and f'unknown rule "x{OSC52_SHOWN}"' in result.stderr


def test_baseline_errors_show_the_file_name_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.html").write_text("<h1>Scans</h1><p>Your prognosis is good.</p>")
    name = f"base{OSC52}\u202e.json"
    (tmp_path / name).write_text("{not json")
    result = run("page.html", "--baseline", name)
    assert result.exit_code == 2
    assert not ACTING.search(result.stderr)
    assert f"plainlint: base{OSC52_SHOWN}\\u202e.json: cannot read the baseline" in result.stderr


def test_html_report_shows_a_bidi_override_in_a_file_name_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # shown raw, the override reverses the rest of the name: it reads "invoicelmth.exe.html" backwards,
    # ending in "exe.html"... on screen. And right-to-left text with its marks, which must stay as written
    name = "invoice\u202elmth.exe.html"
    (tmp_path / name).write_text(
        "<h1>Greetings</h1><p>The greeting is \"<span lang=\"he\">שלום עולם!\u200f</span>\" in Hebrew. "
        "Your prognosis is good.</p>")
    out = run(name, "--format", "html").output
    assert "\u202e" not in out and "invoice\\u202elmth.exe.html" in out
    assert "<title>plainlint report: invoice\\u202elmth.exe.html</title>" in out
    assert "שלום עולם!\u200f" in out  # the page's own mark: it places the "!" as the page meant


def test_a_million_character_word_makes_a_short_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    word = "ab" * 500_000
    long_words = " ".join(f"{c * 300}ology" for c in "qxzw")  # four long "hard" words in one sentence
    (tmp_path / "page.html").write_text(
        f"<h1>Scans</h1><!-- plainlint-disable {'x' * 1_000_000} -->"
        f"<p>Your {word} scan is ready.</p><p>Anyone with {long_words} must telephone the multidisciplinary "
        "gastroenterology department immediately.</p>")
    result = run("page.html", "--format", "json", "--select", "unexplained-jargon,hard-sentences,suppression-comments")
    assert result.exit_code == 1
    findings = json.loads(result.output)["files"][0]["findings"]
    rules = {f["rule"] for f in findings}
    assert rules == {"unexplained-jargon", "hard-sentences", "suppression-comments"}, rules
    assert max(len(f["message"]) for f in findings) < 1500  # 4 MB before: the word four times
    assert len(result.output) < 30_000
    jargon = next(f["message"] for f in findings if f["rule"] == "unexplained-jargon" and "abab" in f["message"])
    assert jargon.startswith('"' + "ab" * 98 + 'a..." is an uncommon word')  # 200 characters with the "..."


def test_language_server_messages_show_controls_escaped():
    from plainlint.lsp.features import finding_diagnostics, hover_markdown, jargon_fixes
    from plainlint.lsp.positions import PositionMap

    message = f'"MR\u202eIX{OSC52}" is an abbreviation that is not spelled out.'
    finding = Finding("p.html", Span(1, 1, 1, 3), "unexplained-jargon", Severity.WARNING, message, None, "MR", "f:0")
    placed = finding_diagnostics(FileResult("p.html", [finding]), PositionMap("MR scan\n"), links=False)
    assert placed[0].diagnostic.message == f'"MR\\u202eIX{OSC52_SHOWN}" is an abbreviation that is not spelled out.'
    assert not ACTING.search(hover_markdown(placed, None).replace("\n", ""))
    for term in (f"MR\u202eIX{OSC52}", "ab" * 500_000):  # quick fixes name the term in their titles
        for suggestion in (None, f"scan\u202e{OSC52}"):
            fixes = jargon_fixes(f"See {term} now", 4, 4 + len(term), term, suggestion)
            assert all(not ACTING.search(fix.title) and len(fix.title) < 1000 for fix in fixes)
            assert fixes[-1].edits[-1][2] in (")", " (…)")  # the edits keep the text exact


def test_ordinary_text_is_shown_as_written():
    ordinary = ("Café, naïve, Ærøskøbing; 東京の病院; 서울; Москва; مرحبا بالعالم; שלום; हिन्दी; "
                "e\u0301 (a combining accent); family \U0001F468\u200d\U0001F469\u200d\U0001F467; "
                "flags \U0001F1EC\U0001F1E7; a\u00a0non-breaking space; “curly” — dashes… ½ © ° ±")
    for escape in (printable, shown, page_text):
        assert escape(ordinary) is ordinary or escape(ordinary) == ordinary
    assert shown("a\tb\nc\r") == "a\tb\nc\r" and printable("a\tb\nc\r") == "a\\tb\\nc\\r"
    assert page_text("!\u200f \u200e \u061c \u202e") == "!\u200f \u200e \u061c \\u202e"
    assert shown("!\u200f \u202a\u2066\u2069\x85\x7f") == "!\\u200f \\u202a\\u2066\\u2069\\x85\\x7f"


def test_every_output_of_a_hostile_site_is_free_of_acting_characters(site):
    for fmt in ("text", "github", "gitlab", "sarif", "json", "html"):
        out = run("site", "--format", fmt).output
        assert not ACTING.search(out.replace("\n", "")), (fmt, sorted(set(ACTING.findall(out))))
