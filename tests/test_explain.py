"""plainlint explain: each rule's reasons, examples that really behave as shown, options, sources."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from plainlint.cli import main
from plainlint.rules import RULES
from tests.helpers import check, rule_findings


# input-limits reports pages past its caps, too big to show: tests/hostile/test_bounds_md.py checks it
@pytest.mark.parametrize("rule_id", [r for r in RULES if r != "input-limits"])
def test_every_rule_has_examples_that_behave_as_shown(rule_id, settings):
    rule = RULES[rule_id]
    assert rule.examples, f"{rule_id} has no examples for plainlint explain"
    # the examples are a sentence or two: grade them although the page minimum is 100 words
    config = settings("rules:\n  reading-grade:\n    min-words: 1\n")
    for bad, good in rule.examples:
        assert rule_findings(check(bad, config), rule_id), f"{rule_id} does not report its bad example"
        assert not rule_findings(check(good, config), rule_id), f"{rule_id} reports its good example"


def test_explain_prints_why_examples_options_and_sources(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rules.yml").write_text("rules:\n  sentence-length:\n    max-words: 18\n")
    result = CliRunner().invoke(main, ["explain", "sentence-length"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("sentence-length (warning): Sentences longer than a word limit")
    assert "\nWhy\n  Long sentences make readers hold many ideas at once." in out
    assert "\nReported\n  <p>If you have any questions" in out and "\nNot reported\n  <p>Do you have questions" in out
    assert "  max-words: 18\n      A sentence with more words than this is reported." in out  # the settings in force
    assert "\nGuidance\n  GOV.UK content design" in out


def test_explain_an_unknown_rule():
    result = CliRunner().invoke(main, ["explain", "heading"])
    assert result.exit_code == 2
    assert 'unknown rule "heading"; did you mean "heading-structure"?' in result.output
