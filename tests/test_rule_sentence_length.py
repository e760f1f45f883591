"""sentence-length: long sentences and a long page average."""

from __future__ import annotations

from plainlint.findings import Severity
from tests.helpers import check, position_of, rule_findings

LONG = (
    "If you notice that the swelling in your arm is getting worse over a few days, or that the "
    "skin feels hot and looks red, you should contact your breast care nurse straight away."
)  # 34 words


def test_a_long_sentence_is_reported_at_its_exact_span():
    html = f"<main>\n<h1>Swelling</h1>\n<p>Most swelling is mild. {LONG} It is easy to treat.</p>\n</main>"
    (f,) = rule_findings(check(html), "sentence-length")
    assert f.severity is Severity.WARNING
    assert "34 words" in f.message and "25 words or fewer" in f.message
    assert (f.span.line, f.span.column) == position_of(html, "If you notice")
    end = position_of(html, "away.")
    assert (f.span.end_line, f.span.end_column) == (end[0], end[1] + len("away."))


def test_short_sentences_headings_and_list_items_pass():
    html = (
        "<h1>Looking after your arm</h1><p>Keep your skin clean. Use cream every day.</p>"
        "<p>You can:</p><ul><li>wear gloves when gardening</li><li>use an electric razor</li></ul>"
    )
    assert rule_findings(check(html), "sentence-length") == []


def test_limit_comes_from_settings(settings):
    html = "<h1>Rest</h1><p>Try to rest for an hour after lunch every day this week.</p>"
    assert rule_findings(check(html), "sentence-length") == []
    strict = settings("rules:\n  sentence-length:\n    max-words: 8\n")
    (f,) = rule_findings(check(html, strict), "sentence-length")
    assert "12 words" in f.message


def test_list_items_are_not_glued_into_one_sentence():
    items = "".join(f"<li>a side effect called number {n} here</li>" for n in range(10))
    assert rule_findings(check(f"<h1>Side effects</h1><ul>{items}</ul>"), "sentence-length") == []


def test_long_average_is_advisory():
    sentence = "You may feel more tired than usual for several weeks after your treatment has finished. "
    html = "<h1>Tiredness</h1><p>" + sentence * 6 + "</p>"  # 15 words each
    assert rule_findings(check(html), "sentence-length") == []
    wordy = "You may feel a lot more tired than usual for several weeks after all of your treatment has finally finished now. "
    findings = rule_findings(check("<h1>Tiredness</h1><p>" + wordy * 6 + "</p>"), "sentence-length")
    (average,) = findings
    assert average.severity is Severity.INFO
    assert "average 21.0 words" in average.message
