"""heading-structure: the outline of a page."""

from __future__ import annotations

from tests.helpers import check, position_of, rule_findings


def messages(html: str, config=None) -> list[str]:
    return [f.message for f in rule_findings(check(html, config), "heading-structure")]


def test_a_good_outline_passes_and_rising_levels_are_fine():
    html = "<h1>Asthma</h1><h2>Symptoms</h2><h3>In children</h3><h4>Babies</h4><h2>Treatment</h2><h3>Inhalers</h3>"
    assert messages(html) == []


def test_skipped_level_is_reported_on_the_heading_that_skips():
    html = "<h1>Asthma</h1>\n<h2>Symptoms</h2>\n<h4>At night</h4>"
    (f,) = rule_findings(check(html), "heading-structure")
    assert "jumps from h2 to h4; use h3" in f.message
    assert f.suggestion == "h3"
    assert (f.span.line, f.span.column) == position_of(html, "At night")


def test_no_headings():
    (message,) = messages("<p>Just a paragraph of text about asthma.</p>")
    assert "no headings" in message


def test_first_heading_not_h1_and_two_h1s():
    found = messages("<h2>Asthma</h2><h1>Symptoms</h1><h1>Treatment</h1>")
    assert len(found) == 2
    assert "first heading is h2" in found[0]
    assert "second h1" in found[1]


def test_fragments_can_start_at_h2(settings):
    fragment = settings("rules:\n  heading-structure:\n    first-level: 2\n")
    assert messages("<h2>Symptoms</h2><p>Wheezing.</p><h3>At night</h3>", fragment) == []


def test_empty_heading_points_at_its_tag():
    html = "<h1>Asthma</h1>\n  <h2>  </h2>\n<p>Text.</p>"
    (f,) = rule_findings(check(html), "heading-structure")
    assert "empty" in f.message
    assert (f.span.line, f.span.column) == (2, 3)


def test_long_heading():
    long = "What you need to know about the different kinds of inhalers and how and when you should use each one"
    (message,) = messages(f"<h1>{long}</h1>")
    assert f"{len(long)} characters" in message
