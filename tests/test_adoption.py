"""Choosing what runs: suppression comments, --select/--ignore, per-path settings, baselines."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from plainlint.cli import main
from tests.helpers import check, rule_findings

PAGE = """<main>
<h1>Your blood test</h1>
<p>Your GP will look at your HbA1c result.</p>
<!-- plainlint-disable unexplained-jargon -->
<p>We also check your eGFR and your LFTs.</p>
<!-- plainlint-enable -->
<p>The nurse may also do an ECG.</p>
<!-- plainlint-disable-next-line unexplained-jargon, sentence-length -->
<p>Your results go to the MDT.</p>
<p>We send the INR to your GP. <!-- plainlint-disable-line unexplained-jargon --></p>
<p>Ask about your TSH.</p>
</main>
"""


def _terms(result) -> list[str]:
    return [f.message.split('"')[1] for f in rule_findings(result, "unexplained-jargon")]


def test_suppression_comments_switch_rules_off_for_the_lines_they_cover():
    assert _terms(check(PAGE)) == ["HbA1c", "ECG", "TSH"]


def test_a_bare_disable_covers_every_rule_to_the_end():
    page = "<h1>Tests</h1>\n<p>Your HbA1c.</p>\n<!-- plainlint-disable -->\n<h4>ECG</h4>\n<p>The MDT meets weekly.</p>"
    result = check(page)
    assert _terms(result) == ["HbA1c"]
    assert rule_findings(result, "heading-structure") == []  # the h1 to h4 jump is after the comment


def test_a_misspelt_rule_in_a_comment_is_reported():
    page = "<h1>Tests</h1>\n<!-- plainlint-disable unexplaned-jargon -->\n<p>Your HbA1c.</p>"
    result = check(page)
    (f,) = rule_findings(result, "suppression-comments")
    assert '"unexplaned-jargon", which is not a rule' in f.message and 'Did you mean "unexplained-jargon"?' in f.message
    assert (f.span.line, f.span.column, f.span.end_column) == (2, 1, 45)
    assert _terms(result) == ["HbA1c"]  # nothing was switched off


def test_suppression_comments_work_in_markdown():
    page = "# Tests\n\nYour HbA1c result.\n\n<!-- plainlint-disable-next-line -->\nYour eGFR result.\n"
    assert _terms(check(page, path="tests.md")) == ["HbA1c"]


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "guide").mkdir()
    long = "<h1>News</h1><p>" + " ".join(["word"] * 30) + ".</p><p>Ask about the ECG.</p>"
    (tmp_path / "news" / "story.html").write_text(long, encoding="utf-8")
    (tmp_path / "guide" / "page.html").write_text(long.replace("News", "Guide"), encoding="utf-8")
    return tmp_path


def _run(*args: str):
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    data = json.loads(result.stdout) if result.stdout.startswith("{") else None
    return result, data


def _rules(data) -> dict[str, list[str]]:
    return {f["path"]: sorted(x["rule"] for x in f["findings"]) for f in data["files"]}


def test_select_and_ignore(site):
    _, data = _run(".", "--select", "sentence-length")
    assert set(sum(_rules(data).values(), [])) == {"sentence-length"}
    _, data = _run(".", "--ignore", "sentence-length,unexplained-jargon")
    assert not {"sentence-length", "unexplained-jargon"} & set(sum(_rules(data).values(), []))
    result, _ = _run(".", "--select", "sentence-lenght")
    assert result.exit_code == 2 and 'did you mean "sentence-length"?' in result.output


def test_per_path_settings(site):
    (site / "rules.yml").write_text(
        "overrides:\n"
        "  - files: [\"news/*\"]\n"
        "    rules:\n"
        "      sentence-length:\n"
        "        max-words: 40\n"
        "      unexplained-jargon:\n"
        "        enabled: false\n",
        encoding="utf-8",
    )
    _, data = _run(".")
    rules = _rules(data)
    assert "sentence-length" not in rules["news/story.html"] and "unexplained-jargon" not in rules["news/story.html"]
    assert {"sentence-length", "unexplained-jargon"} <= set(rules["guide/page.html"])


def test_bad_overrides_are_reported_with_their_line(site):
    (site / "rules.yml").write_text("overrides:\n  - rules:\n      sentence-length:\n        max-word: 40\n")
    result = CliRunner().invoke(main, ["check", "."])
    assert result.exit_code == 2
    assert "rules.yml:4: unknown key \"max-word\"" in result.output
    assert "rules.yml:2: each entry of overrides needs files" in result.output


def test_baseline_records_then_reports_only_new_findings(site):
    page = site / "guide" / "page.html"
    result, data = _run(".", "--baseline", "baseline.json")
    assert result.exit_code == 0 and "recorded" in result.output
    assert all(not f["findings"] for f in data["files"])
    recorded = json.loads((site / "baseline.json").read_text())
    assert recorded["baseline_version"] == 1 and len(recorded["findings"]) >= 4

    # edits elsewhere move the old findings down; they stay known. A new problem is reported.
    text = page.read_text()
    page.write_text(text.replace("<h1>Guide</h1>", "<h1>Guide</h1>\n\n\n<p>Your MDT will meet.</p>"))
    result, data = _run(".", "--baseline", "baseline.json")
    assert result.exit_code == 1
    (guide,) = [f for f in data["files"] if f["path"] == "guide/page.html"]
    assert [x["message"].split('"')[1] for x in guide["findings"]] == ["MDT"]

    # fixed problems leave the baseline when it is updated
    page.write_text("<h1>Guide</h1><p>Ask us.</p>")
    result, _ = _run(".", "--baseline", "baseline.json", "--update-baseline")
    assert result.exit_code == 0
    assert all(e["path"] != "guide/page.html" for e in json.loads((site / "baseline.json").read_text())["findings"])


def test_a_broken_baseline_is_a_usage_error(site):
    (site / "baseline.json").write_text("[1, 2]")
    result = CliRunner().invoke(main, ["check", ".", "--baseline", "baseline.json"])
    assert result.exit_code == 2 and "cannot read the baseline" in result.output
