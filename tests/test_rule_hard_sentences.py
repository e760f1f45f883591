"""hard-sentences: the hardest sentences of a page, and what makes each one hard."""

from __future__ import annotations

from plainlint.findings import Severity
from tests.helpers import check, position_of, rule_findings

EASY = "You will have a scan to check how well the treatment is working. It takes about half an hour."
LONG = (
    "If you have any questions about your treatment or the side effects you might get, or if you are worried "
    "about anything at all, please talk to the nurses on the ward or phone us at any time of the day or night."
)
DENSE = "Leptomeningeal carcinomatosis necessitates intrathecal chemotherapy administration via an Ommaya reservoir."
MEDIUM = "Radiotherapy to the brain can make your skin sore and make you feel very tired for some weeks."
PAGE = f"<h1>Your treatment</h1>\n<p>{EASY}</p>\n<p>{LONG}</p>\n<p>{DENSE}</p>\n<p>{MEDIUM}</p>"


def test_hardest_sentences_are_named_with_what_makes_them_hard():
    found = rule_findings(check(PAGE), "hard-sentences")
    assert [f.span.line for f in found] == [3, 4]  # reading order
    long, dense = found
    assert long.severity is Severity.INFO
    assert (long.span.line, long.span.column) == position_of(PAGE, "If you have")
    assert "It has 43 words. Split it into two or three sentences." in long.message
    assert "Its words are long or uncommon:" in dense.message
    for word in ("Leptomeningeal", "carcinomatosis", "chemotherapy"):
        assert f'"{word}"' in dense.message
    assert "Ommaya" not in dense.message  # a name, not a word to replace


def test_only_the_top_few_are_reported(settings):
    one = settings("rules:\n  hard-sentences:\n    top: 1\n")
    (f,) = rule_findings(check(PAGE, one), "hard-sentences")
    assert "Leptomeningeal" in f.message  # the hardest one: grade 34 against 16


def test_easy_pages_and_short_sentences_are_left_alone(settings):
    assert rule_findings(check(f"<p>{EASY} {MEDIUM}</p>"), "hard-sentences") == []
    assert rule_findings(check("<p>Leptomeningeal carcinomatosis is rare.</p>"), "hard-sentences") == []
    strict = settings("rules:\n  hard-sentences:\n    max-grade: 5\n")
    assert len(rule_findings(check(f"<p>{EASY} {MEDIUM}</p>", strict), "hard-sentences")) == 1
