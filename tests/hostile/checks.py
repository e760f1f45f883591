"""What must hold for any result and any report, whatever the input."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import PurePath

from plainlint.engine import FileResult
from plainlint.metrics import Grading
from plainlint.report import summarise
from plainlint.reporters import FORMATS, reporter
from plainlint.safe_text import shown

# what a terminal or a viewer acts on: no output holds these raw (line feed aside; tab and
# carriage return where the format escapes them itself; the HTML report keeps a page's bidi marks)
_ACTING = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_MARKS = "\u061c\u200e\u200f"
_RAW = {"text": f"[\t\r{_ACTING}{_MARKS}]", "json": f"[\t\r{_ACTING}{_MARKS}]", "github": f"[\r{_ACTING}{_MARKS}]",
        "html": f"[{_ACTING}]"}

# the errors check_file may give for a file it cannot check; anything else is a bug
INPUT_ERRORS = (
    "looks like a binary file", "cannot be read as", "declares an unknown character encoding", "declares ",
    "is not a regular file", "cannot be read:", "cannot be parsed as HTML", "is nested too deeply",
    "over the", "grew while it was read",
)  # fmt: skip


def assert_clean_outcome(result: FileResult) -> None:
    """Findings, or a clear error about the input; never a bug report."""
    if result.error is not None:
        assert "hit a bug in plainlint" not in result.error, result.error
        assert result.error.startswith(INPUT_ERRORS) or " MB, over the " in result.error, result.error
        assert "\n" not in result.error and len(result.error) < 400, result.error
        assert not result.findings


def assert_spans_inside(result: FileResult, source: str) -> None:
    """Every finding's span lies in the file: lines 1..number of lines, columns 1..line
    length + 1, and the start before the end (lines end at "\\n", as in LineIndex)."""
    lines = source.split("\n")
    for f in result.findings:
        s = f.span
        where = f"{f.rule} {s} in {len(lines)} lines"
        assert 1 <= s.line <= len(lines), where
        assert 1 <= s.end_line <= len(lines), where
        assert 1 <= s.column <= len(lines[s.line - 1]) + 1, where
        assert 1 <= s.end_column <= len(lines[s.end_line - 1]) + 1, where
        assert (s.line, s.column) <= (s.end_line, s.end_column), where
        if source.strip():
            assert (s.line, s.column) < (s.end_line, s.end_column), where


# --- reports --------------------------------------------------------------------------

_GITHUB_LINE = re.compile(r"::(error|warning|notice) ((?:[A-Za-z]+=[^,:\r\n]*)(?:,[A-Za-z]+=[^,:\r\n]*)*)::([^\r\n]*)")


def _github_unescape(text: str, prop: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for code, char in pairs:
        text = text.replace(code, char)
    return text.replace("%25", "%")


class _Balance(HTMLParser):
    """Checks that an HTML report's elements nest, and that it holds no active content."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source"}
    ALLOWED = {
        "html", "head", "meta", "title", "style", "body", "a", "header", "h1", "h2", "h3", "h4", "h5", "h6",
        "p", "ul", "ol", "li", "nav", "main", "section", "div", "span", "mark", "sup", "table", "caption",
        "thead", "tbody", "tr", "th", "td", "footer", "code", "b", "blockquote", "dl", "dt", "dd", "strong",
        "br", "abbr", "details", "summary", "em", "small", "q", "i", "figure", "figcaption",
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.ALLOWED:
            self.problems.append(f"unexpected element <{tag}>")
        for name, _ in attrs:
            if name.startswith("on") or name in ("src", "srcdoc", "formaction"):
                self.problems.append(f"active attribute {name} on <{tag}>")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()


def assert_reports_well_formed(results: list[FileResult]) -> None:
    """Every format renders the results, and each output is well-formed for its kind."""
    report = summarise(results, Grading())
    findings = [f for r in results for f in r.findings]
    errors = [r for r in results if r.error is not None]
    for fmt in FORMATS:
        out = reporter(fmt)(report, colour=False)
        out.encode("utf-8")  # writable as UTF-8: no lone surrogates
        assert not re.search(_RAW.get(fmt, _RAW["json"]), out), (fmt, out)
        if fmt in ("json", "sarif", "gitlab"):
            data = json.loads(out)
            if fmt == "json":
                assert [f["path"] for file in data["files"] for f in file["findings"]] == [f.path for f in findings]
                assert [f["message"] for file in data["files"] for f in file["findings"]] == [
                    shown(f.message) for f in findings]
            elif fmt == "sarif":
                assert len(data["runs"][0]["results"]) == len(findings)
            else:
                assert len(data) == len(findings) + len(errors)
        elif fmt == "github":
            lines = out.split("\n")
            assert lines[-1] == "" and len(lines) - 1 == len(findings) + len(errors), out
            expected = [(r.path, f"{r.path} {r.error}") for r in errors] + [(f.path, f.message) for f in findings]
            got = []
            for line in lines[:-1]:
                m = _GITHUB_LINE.fullmatch(line)
                assert m, line
                props = dict(p.split("=", 1) for p in m.group(2).split(","))
                got.append((_github_unescape(props["file"], True), _github_unescape(m.group(3), False)))
            assert sorted(got) == sorted((shown(PurePath(p).as_posix()), shown(msg)) for p, msg in expected)
        elif fmt == "text":
            lines = out.split("\n")
            assert lines[-1] == "" and len(lines) - 2 == len(findings) + len(errors), out
        elif fmt == "html":
            checker = _Balance()
            checker.feed(out)
            checker.close()
            assert not checker.problems, checker.problems[:5]
            assert checker.stack == [], checker.stack
            assert out.lower().count("<script") == 0
