"""Every output format escapes what it embeds: file names and messages (which quote the
page) can forge nothing, inject no markup and send nothing to the terminal."""

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
from plainlint.metrics import Grading
from plainlint.report import summarise
from plainlint.reporters import reporter
from plainlint.safe_text import printable

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows file names cannot hold these")

# a page whose suppression comment names a "rule" with a terminal escape sequence and a
# forged annotation in it: the suppression-comments finding quotes it in its message
PAGE = ('<main><h1>Scans</h1>\n<!-- plainlint-disable-next-line bad\x1b[2J\x1b]8;;http://evil\x07rule,::error -->\n'
        "<p>Your prognosis is good.</p></main>\n")
NAMES = {
    "newline": "fine\nforged.html:1:1: error fake-rule Forged.html",
    "osc8": "\x1b]8;;evil.example\x1b\\click me\x1b]8;;\x1b\\.html",
    "csi": "\x1b[2J\x1b[1;1Hclear.html",
    "c1": "\x9b31mred.html",
    "bidi": "\u202ecod.exe\u202c.html",
    "github": "a\r\n::error file=x,line=1::forged%0A.html",
    "markup": "\"'><img src=x onerror=alert(1)>&amp;.html",
}


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--no-cache", "site", *args], catch_exceptions=False)


def test_text_report_escapes_control_characters_in_names_and_messages(site):
    result = run()
    assert result.exit_code == 1
    out = result.output
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    lines = out.splitlines()
    assert len(lines) == 3 * len(NAMES) + 1  # three findings a page, and the summary
    assert all(line.startswith("site/") for line in lines[:-1])
    assert "site/fine\\nforged.html:1:1: error fake-rule Forged.html:2:1: warning suppression-comments" in out
    assert "site/\\x1b]8;;evil.example\\x1b\\click me\\x1b]8;;\\x1b\\.html:" in out
    assert "site/\\x9b31mred.html:" in out and "site/\\u202ecod.exe\\u202c.html:" in out
    assert 'names "bad\\x1b[2J\\x1b]8;;http://evil\\x07rule", which is not a rule' in out


def test_text_report_in_colour_sends_only_colour_codes(site):
    out = run("--color").output
    escapes = re.findall("\x1b[^m]*m?", out)
    assert escapes and all(re.fullmatch(r"\x1b\[[0-9;]*m", e) for e in escapes), set(escapes)


def test_printable_escapes_as_python_does():
    assert printable("a\nb\r\tc\x00\x1b\x7f\x85\u2028\u202e\u2066 é \U0001F600\u200d") == (
        "a\\nb\\r\\tc\\x00\\x1b\\x7f\\x85\\u2028\\u202e\\u2066 é \U0001F600\u200d")


def test_github_annotations_cannot_be_forged_by_names_or_messages(site):
    out = run("--format", "github").output
    lines = out.splitlines()
    assert len(lines) == 3 * len(NAMES)
    assert all(re.match(r"::(warning|notice|error) file=site/[^:,\r\n]*,line=\d+,", line) for line in lines), lines
    assert "file=site/a%0D%0A%3A%3Aerror file=x%2Cline=1%3A%3Aforged%250A.html," in out


def test_json_sarif_and_gitlab_keep_names_and_messages_exactly(site):
    data = json.loads(run("--format", "json").output)
    assert sorted(f["path"] for f in data["files"]) == sorted(f"site/{n}" for n in NAMES.values())
    sarif = json.loads(run("--format", "sarif").output)
    uris = {unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in sarif["runs"][0]["results"]}
    assert uris == {f"site/{n}" for n in NAMES.values()}
    assert all(":" not in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].split("/")[0]
               for r in sarif["runs"][0]["results"])  # never read as a URI scheme
    gitlab = json.loads(run("--format", "gitlab").output)
    assert {i["location"]["path"] for i in gitlab} == {f"site/{n}" for n in NAMES.values()}
    assert len({i["fingerprint"] for i in gitlab}) == len(gitlab)


def test_html_report_escapes_names_and_messages(site):
    out = run("--format", "html").output
    assert "<img" not in out and "onerror=alert" not in out.replace("onerror=alert(1)&gt;", "")
    assert "&quot;&#x27;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;.html" in out
    # shown escaped, as in every format: a browser would show nothing for ESC, and a U+202E
    # would reverse the rest of the line it is on
    assert "\x1b" not in out and "\u202e" not in out
    assert "site/\\x1b]8;;evil.example\\x1b\\click me" in out and "site/\\u202ecod.exe\\u202c.html" in out


def test_reports_of_results_with_hostile_messages():
    message = "Forged\r\n::error file=x::boom </script><script>alert(1)</script> \x1b[2J \u2028 %0A"
    result = FileResult("p\n.html", [Finding("p\n.html", Span(1, 1, 1, 2), "unexplained-jargon", Severity.WARNING,
                                             message, None, "x", "f:0")])
    report = summarise([result], Grading())
    github = reporter("github")(report)
    assert github.count("\n") == 1 and github.startswith("::warning file=p%0A.html,")
    assert github.rstrip("\n").endswith(
        "::Forged%0D%0A::error file=x::boom </script><script>alert(1)</script> \\x1b[2J \\u2028 %250A")
    text = reporter("text")(report)
    assert text.splitlines()[0] == ("p\\n.html:1:1: warning unexplained-jargon Forged\\r\\n::error file=x::boom "
                                    "</script><script>alert(1)</script> \\x1b[2J \\u2028 %0A")
    html = reporter("html")(report)
    assert "<script>" not in html and "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # what programs read shows the escape sequence and the separator escaped too: web pages show these messages
    shown = message.replace("\x1b", "\\x1b").replace("\u2028", "\\u2028")
    assert json.loads(reporter("json")(report))["files"][0]["findings"][0]["message"] == shown
    assert json.loads(reporter("sarif")(report))["runs"][0]["results"][0]["message"]["text"] == shown
    assert json.loads(reporter("gitlab")(report))[0]["description"] == shown
