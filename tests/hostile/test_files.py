"""Hostile and odd files: each is checked or refused with a clear message, never a crash,
a hang or a wrong position; the other files of the run are still checked."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import textwrap
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainlint.analysis.syllables import _LONGEST_WORD, _table
from plainlint.cli import main
from plainlint.config import load_config
from plainlint.document import LineIndex
from plainlint.engine import check_file
from plainlint.reading import InputError, read_bytes
from tests.helpers import ROOT, position_of
from tests.hostile.checks import assert_clean_outcome, assert_spans_inside

CONFIG = load_config()
PAGE = "<main><h1>Scans</h1>\n<p>Your prognosis is good. You need an MRI.</p></main>\n"


def check(tmp_path: Path, data: bytes, name: str = "page.html", config=CONFIG):
    path = tmp_path / name
    path.write_bytes(data)
    result = check_file(path, config)
    assert_clean_outcome(result)
    return result


def jargon(result) -> dict[str, tuple[int, int, int, int]]:
    """Each unexplained-jargon finding's term and (line, column, end line, end column)."""
    out = {}
    for f in result.findings:
        if f.rule == "unexplained-jargon":
            s = f.span
            out[f.message.split('"')[1]] = (s.line, s.column, s.end_line, s.end_column)
    return out


def expected(source: str, *terms: str) -> dict[str, tuple[int, int, int, int]]:
    """Where each term is, counted as plainlint counts (lines end at LF; CRLF's CR is the last character)."""
    out = {}
    for term in terms:
        line, column = position_of(source, term)
        out[term] = (line, column, line, column + len(term))
    return out


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--no-cache", *args], catch_exceptions=False)


# --- nothing to check -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["page.html", "page.md"])
@pytest.mark.parametrize("data", [b"", b" ", b"\n\r\n\t \x0c", "\u00a0\u2003\n".encode(), b"\xef\xbb\xbf"])
def test_empty_and_blank_files_have_nothing_to_report(tmp_path, data, name):
    result = check(tmp_path, data, name)
    assert result.error is None and result.findings == []


def test_a_page_that_is_all_script_or_code_has_nothing_to_report(tmp_path):
    script = "<script>\n" + "var prognosis = 'MRI'; // <p>not text</p>\n" * 500 + "</script>\n"
    assert check(tmp_path, script.encode()).findings == []
    code = "```js\n" + "var prognosis = 'MRI';\n" * 500 + "```\n"
    assert check(tmp_path, code.encode(), "page.md").findings == []


# --- not text, or text we cannot decode ----------------------------------------------------


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file (it contains NUL bytes), not a text page"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "looks like a binary file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "cannot be read as UTF-8 (no encoding is declared): byte 0xe2 on line 2"),
        ("<p>Caf\u00e9</p>".encode("latin-1"), "cannot be read as UTF-8 (no encoding is declared): byte 0xe9 on line 1"),
        (b"<p>ok</p>\n<p>\xc3</p>", "cannot be read as UTF-8 (no encoding is declared): byte 0xc3 on line 2"),
        (b'<meta charset="klingon"><p>x</p>', "declares an unknown character encoding 'klingon'"),
        (b'<meta charset="rot13"><p>x</p>', "declares 'rot13', which is not a character encoding for web pages"),
        (b'<meta charset="unicode_escape"><p>\\ud800</p>', "declares 'unicode_escape', which is not a character"),
        (b"\xff\xfe<\x00p\x00>\x00\x00\xd8", "cannot be read as its byte order mark: byte 0x00"),  # a lone surrogate
        (b'<meta charset="shift_jis"><p>\x81</p>', "cannot be read as its <meta charset=shift_jis>: byte 0x81 on line 1"),
    ],
)
@pytest.mark.parametrize("name", ["page.html", "page.md"])
def test_files_that_are_not_text_are_refused_with_the_reason(tmp_path, data, message, name):
    result = check(tmp_path, data, name)
    assert result.error is not None and result.error.startswith(message), result.error


ENCODED = "<meta charset=\"{}\">\n<main><h1>Caf\u00e9 time</h1>\n<p>Na\u00efve \u2014 your prognosis.</p></main>\n"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(ENCODED.format("windows-1252").encode("cp1252"), id="meta windows-1252"),
        pytest.param(ENCODED.format("iso-8859-1").replace("\u2014", "-").encode("latin-1"), id="meta latin-1"),
        pytest.param(b"\xef\xbb\xbf" + ENCODED.format("utf-8").encode(), id="UTF-8 BOM"),
        pytest.param(ENCODED.format("utf-8").encode("utf-16"), id="UTF-16 BOM"),
        pytest.param(b"\xfe\xff" + ENCODED.format("utf-8").encode("utf-16-be"), id="UTF-16 BE BOM"),
        pytest.param(ENCODED.format("utf-8").encode("utf-32"), id="UTF-32 BOM"),
        pytest.param(ENCODED.format("utf-16").encode(), id="meta utf-16 without a BOM is UTF-8"),
        pytest.param(ENCODED.format("utf-8").encode(), id="neither"),
    ],
)
def test_declared_encodings_give_the_same_positions(tmp_path, data):
    """Columns count characters of the decoded text (a BOM is not one), whatever the bytes."""
    result = check(tmp_path, data)
    assert result.error is None
    line, column = position_of(ENCODED, "prognosis")
    assert jargon(result) == {"prognosis": (line, column, line, column + 9)}


# --- line endings -------------------------------------------------------------------------


@pytest.mark.parametrize("end", ["\n", "\r\n"])
@pytest.mark.parametrize("name", ["page.html", "page.md"])
def test_crlf_and_lf_give_the_same_positions(tmp_path, end, name):
    lf = ("<h1>Scans</h1>\n\n<p>Your prognosis is good.\nYou need an MRI.</p>\n" if name.endswith("html")
          else "# Scans\n\nYour prognosis is good.\nYou need an MRI.\n")
    result = check(tmp_path, lf.replace("\n", end).encode(), name)
    assert jargon(result) == expected(lf, "prognosis", "MRI")


@pytest.mark.parametrize("name", ["page.html", "page.md"])
def test_a_lone_cr_is_not_a_line_break_in_html_or_markdown(tmp_path, name):
    """Lines end at LF or CRLF, as SARIF's default newlineSequences, html.parser and git
    count them; a lone CR (old Mac files) is a character of its line. markdown-it counts it
    as a line break: the Markdown reader maps its lines back, so both agree."""
    source = ("<h1>Scans</h1>\r<p>Your prognosis is good.\rYou need an MRI.</p>\n\r\n<p>End.</p>" if name.endswith("html")
              else "# Scans\r\rYour prognosis is good.\rYou need an MRI.\n\r\nEnd.")
    result = check(tmp_path, source.encode(), name)
    first = source.split("\n")[0]
    assert jargon(result) == {
        "prognosis": (1, first.index("prognosis") + 1, 1, first.index("prognosis") + 10),
        "MRI": (1, first.index("MRI") + 1, 1, first.index("MRI") + 4),
    }
    assert LineIndex(source).position(source.index("End"))[0] == 3
    assert_spans_inside(result, source)


def test_mixed_line_endings_in_one_file_keep_exact_positions(tmp_path):
    lines = ["<main>", "<h1>Scans</h1>", "<p>First line", "and your prognosis.</p>", "<p>Ask about", "an MRI.</p>", "</main>"]
    ends = ["\r\n", "\n", "\r\n", "\r\n", "\n", "\r\n", "\n"]
    source = "".join(line + end for line, end in zip(lines, ends))
    result = check(tmp_path, source.encode())
    assert jargon(result) == expected(source.replace("\r\n", "\n"), "prognosis", "MRI")
    assert expected(source.replace("\r\n", "\n"), "prognosis", "MRI") == {"prognosis": (4, 10, 4, 19), "MRI": (6, 4, 6, 7)}


# --- markup at its worst --------------------------------------------------------------------


def test_unclosed_tags_and_broken_entities_keep_exact_positions(tmp_path):
    source = ("<main><h1>Scans &amp tests &#xZZ; &#99999999;\n<p>Your <b>prognosis &notanentity; <i>is &#0; good\n"
              "<p><span>You need an <abbr>MRI</span> &# scan\n<div><li>end &")
    result = check(tmp_path, source.encode())
    found = jargon(result)  # "xZZ" and "notanentity" stay as written, so they are reported as words too
    assert {term: found[term] for term in ("prognosis", "MRI")} == expected(source, "prognosis", "MRI")
    assert found["xZZ"] == expected(source, "xZZ")["xZZ"]
    assert_spans_inside(result, source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("<div>" * 100_000 + "<p>Your prognosis.</p>" + "</div>" * 100_000, id="100,000 nested divs"),
        pytest.param("<p>" + "<b>" * 100_000 + "Your prognosis." + "</b>" * 100_000, id="100,000 nested b"),
        pytest.param("<span><p>Your prognosis." * 20_000, id="20,000 unclosed span and p"),
    ],
)
def test_deeply_nested_markup_is_checked(tmp_path, source):
    result = check(tmp_path, source.encode())
    assert result.error is None
    assert "prognosis" in jargon(result)


def test_deeply_nested_markdown_is_checked(tmp_path):
    source = "# Scans\n\n" + "> " * 100_000 + "Your prognosis.\n\n" + "- " * 50_000 + "item\n\n" + "[" * 50_000 + "MRI"
    result = check(tmp_path, source.encode(), "page.md")
    assert result.error is None


@pytest.mark.parametrize(
    "piece",
    ["<!--", "<!-- x", "</a", "<?", "<![CDATA[ >", "<!-- >", "<a b='", "&#", "(", "](", "'", "\u2014", "*", "a",
     "<!-- plainlint-disable ", "é"],
)  # fmt: skip
def test_pathological_repetition_stays_linear(tmp_path, piece):
    """Each of these took seconds for 8,000 repeats and minutes for 80,000 (quadratic in
    html.parser, spaCy's tokenizer, word-part searches or regular expressions)."""
    import time

    source = "<p>" + piece * 20_000
    start = time.perf_counter()
    check(tmp_path, source.encode())
    assert time.perf_counter() - start < 8, piece


@pytest.mark.parametrize("piece", ["a\n", "a b\r\n", "a\r", "a  \n", "*a*\\\n", "(", "<!--"])
def test_pathological_markdown_stays_linear(tmp_path, piece):
    """A paragraph of 20,000 lines took 85 seconds: each character looked for its line by a scan."""
    import time

    start = time.perf_counter()
    check(tmp_path, ("# Title\n\n" + piece * 20_000).encode(), "page.md")
    assert time.perf_counter() - start < 8, piece


def test_syllable_table_words_are_shorter_than_the_compound_search_limit():
    assert max(map(len, _table())) <= _LONGEST_WORD


def test_pages_that_look_like_an_address_or_like_xml_are_checked_without_noise(tmp_path):
    """beautifulsoup4 warns its programmers about these, in paragraphs: users need not see them."""
    (tmp_path / "address.html").write_text("https://example.org/prognosis.html")
    (tmp_path / "page.xhtml.html").write_text('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
                                              "<body><h1>Scans</h1><p>Your prognosis.</p></body></html>\n")
    result = subprocess.run([sys.executable, "-m", "plainlint", "check", "--no-cache", "address.html",
                             "page.xhtml.html"], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == ""
    assert "page.xhtml.html:2:" in result.stdout


# --- size -----------------------------------------------------------------------------------

_RSS = textwrap.dedent(
    """
    import resource, sys, json
    from pathlib import Path
    from plainlint.config import load_config
    from plainlint.engine import check_file
    config = load_config(Path(sys.argv[2])) if len(sys.argv) > 2 else load_config()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = check_file(Path(sys.argv[1]), config)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"error": result.error, "findings": len(result.findings), "grew_mb": (after - before) / 1024}))
    """
)


def _measure(path: Path, config: Path | None = None) -> dict:
    args = [sys.executable, "-c", _RSS, str(path)] + ([str(config)] if config else [])
    out = subprocess.run(args, capture_output=True, text=True, timeout=600, cwd=ROOT, check=True).stdout
    return json.loads(out)


def _big_page(path: Path, megabytes: float) -> None:
    para = "<p>Your doctor may ask for an MRI scan to check your prognosis. It takes half an hour.</p>\n"
    path.write_text("<main><h1>Big</h1>\n" + para * int(megabytes * 1048576 / len(para)) + "</main>\n")


def test_a_50_mb_page_is_refused_without_being_read(tmp_path):
    page = tmp_path / "big.html"
    with page.open("wb") as handle:
        handle.truncate(50 * 1048576)  # sparse: no 50 MB written to disk
    measured = _measure(page)
    assert measured["error"] == "is 50.0 MB, over the 10 MB limit (raise max-file-size-mb in rules.yml to check it)"
    assert measured["grew_mb"] < 20  # the file was not read


def test_a_file_that_grows_while_read_is_refused_after_limit_plus_one_bytes(tmp_path, monkeypatch):
    page = tmp_path / "growing.html"
    page.write_bytes(b"<p>x</p>" * 200_000)  # 1.6 MB on disk
    inode = page.stat().st_ino

    def small(real):  # but 10 bytes when looked at, before opening and once open
        def look(target, *args, **kwargs):
            info = real(target, *args, **kwargs)
            return os.stat_result((*info[:6], 10, *info[7:])) if info.st_ino == inode else info
        return look

    monkeypatch.setattr(os, "lstat", small(os.lstat))
    monkeypatch.setattr(os, "fstat", small(os.fstat))
    reads = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(InputError, match="grew while it was read, over the 1 MB limit"):
        read_bytes(page, 1048576)
    assert reads == [11, 1048577 - 11]  # what stat() said, then up to the limit and one byte: no more


def test_a_large_page_is_checked_with_memory_in_proportion(tmp_path):
    """Memory grows with the page (about 45 times its size, plus 150 MB for the word lists
    and spaCy): the size limit is what bounds it. A 1 MB page here keeps CI fast; set
    PLAINLINT_BIG_PAGE_MB=50 to try a 50 MB page with max-file-size-mb: 60 by hand."""
    size = float(os.environ.get("PLAINLINT_BIG_PAGE_MB", "1"))
    page, settings = tmp_path / "big.html", tmp_path / "rules.yml"
    _big_page(page, size)
    settings.write_text(f"max-file-size-mb: {size + 10}\n")
    measured = _measure(page, settings)
    assert measured["error"] is None and measured["findings"] >= 1
    assert measured["grew_mb"] < 150 + 60 * size, measured
    settings.write_text(f"max-file-size-mb: {size / 2}\n")
    assert "over the" in _measure(page, settings)["error"]


# --- folders: pipes, permissions ------------------------------------------------


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "good.html").write_text(PAGE)
    (site / "sub" / "also good.md").write_text("# Scans\n\nYour prognosis is good.\n")
    return site


# symbolic links (loops, broken links, links out of the checked folders): test_symlinks.py


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_called_page_html_is_reported_not_waited_on(site):
    os.mkfifo(site / "pipe.html")
    for cache in ([], ["--no-cache"]):  # the cache reads files too
        result = subprocess.run([sys.executable, "-m", "plainlint", "check", "site", *cache], capture_output=True,
                                text=True, timeout=120, cwd=site.parent)
        assert result.returncode == 2, result.stderr
        assert "site/pipe.html: error is not a regular file (a pipe, socket or device), so it is not read" in result.stdout
        assert "site/good.html:2:" in result.stdout


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="chmod 000 does not stop root from reading (the tests above cover what root can see)")
def test_unreadable_files_and_folders_are_reported_and_the_rest_checked(site):
    (site / "secret.html").write_text(PAGE)
    (site / "secret.html").chmod(0)
    (site / "locked").mkdir()
    (site / "locked" / "page.html").write_text(PAGE)
    (site / "locked").chmod(0)
    try:
        result = run("site")
    finally:
        (site / "locked").chmod(0o755)
    assert result.exit_code == 2
    assert "site/secret.html: error cannot be read: Permission denied" in result.output
    assert "site/locked: error cannot be read: Permission denied" in result.output
    assert "site/good.html:2:" in result.output


NAMES = ["my page.html", "caf\u00e9 na\u00efve.md", "\u05e9\u05dc\u05d5\u05dd.html", "\U0001F600 emoji.html",
         "\u202egnp.html", "a,b:c%d;e&f'g\"h.html", "<img src=x onerror=alert(1)>.html"]  # fmt: skip


@pytest.fixture
def named(site):
    for name in NAMES:
        (site / name).write_text(PAGE if name.endswith("html") else "# Scans\n\nYour prognosis is good.\n")
    (site / os.fsdecode(b"caf\xe9 latin-1 name.html")).write_text(PAGE)  # not UTF-8: a lone surrogate in Python
    return site


SHOWN = NAMES + ["caf\\xe9 latin-1 name.html"]


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names cannot hold some of these")
@pytest.mark.parametrize("fmt", ["text", "json", "html", "sarif", "github", "gitlab"])
def test_file_names_with_spaces_and_non_ascii_in_every_format(named, fmt):
    result = run("site", "--format", fmt)
    assert result.exit_code == 1, result.output
    out = result.stdout
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)
    if fmt == "sarif":
        out = urllib.parse.unquote(out)  # URIs are percent-encoded
    for name in SHOWN:
        if fmt in ("json", "gitlab"):  # the override as a JSON escape: the same value, in safe bytes
            name = json.dumps(name, ensure_ascii=False)[1:-1]
        if fmt != "sarif":  # shown escaped, or (json, gitlab) written as an escape
            name = name.replace("\u202e", "\\u202e")
        if fmt == "html":
            name = html.escape(name)
        elif fmt == "github":
            name = name.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        assert f"site/{name}" in out, (fmt, name)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names cannot hold some of these")
def test_odd_file_names_reach_a_real_terminal_as_utf_8(named):
    result = subprocess.run([sys.executable, "-m", "plainlint", "check", "--no-cache", "site"], capture_output=True,
                            timeout=300, cwd=named.parent, env={**os.environ, "LC_ALL": "C.UTF-8", "NO_COLOR": "1"})
    assert result.returncode == 1, result.stderr.decode(errors="replace")
    out = result.stdout.decode("utf-8")
    for name in SHOWN:
        assert f"site/{name}".replace("\u202e", "\\u202e") in out
