"""Reading-grade formulas: hand-worked values, and agreement with textstat's arithmetic."""

from __future__ import annotations

import math

import pytest

from plainlint.analysis.readability import (
    Counts,
    count,
    flesch_kincaid_grade,
    flesch_reading_ease,
    grade,
    smog_grade,
)
from plainlint.analysis.segment import segment
from plainlint.analysis.syllables import count_syllables
from plainlint.extract.html import extract_html

# Worked by hand from the published formulas.
TWO_SENTENCES = Counts(sentences=2, words=10, syllables=14, polysyllables=3, letters=40)


def test_flesch_kincaid_by_hand():
    # 0.39 x 5 + 11.8 x 1.4 - 15.59 = 1.95 + 16.52 - 15.59
    assert flesch_kincaid_grade(TWO_SENTENCES) == pytest.approx(2.88)


def test_flesch_reading_ease_by_hand():
    # 206.835 - 1.015 x 5 - 84.6 x 1.4 = 206.835 - 5.075 - 118.44
    assert flesch_reading_ease(TWO_SENTENCES) == pytest.approx(83.32)


def test_smog_by_hand():
    # 1.043 x sqrt(3 x 30 / 2) + 3.1291 = 1.043 x 6.7082 + 3.1291
    assert smog_grade(TWO_SENTENCES) == pytest.approx(1.043 * math.sqrt(45) + 3.1291)
    assert smog_grade(TWO_SENTENCES) == pytest.approx(10.126, abs=1e-3)


def test_no_text_has_no_grade():
    assert grade(Counts(), "flesch-kincaid") is None
    assert grade(Counts(), "smog") is None


def test_counts_come_from_plainlint_segmentation():
    html = (
        "<h1>Chemotherapy</h1><p>You have treatment every 3 weeks. Take 2.5 mg each morning.</p>"
        "<ul><li>feeling sick</li><li>tiredness</li></ul>"
    )
    c = count(segment(extract_html(html, "t").blocks))
    # heading, two sentences and two list items: five sentences, not one run-on
    assert c.sentences == 5
    assert c.words == 1 + 6 + 5 + 2 + 1
    assert c.polysyllables == 3  # chemotherapy, every, tiredness (as CMUdict says them)


TEXT = (
    "The doctor will examine your back carefully. You might need a small operation afterwards. "
    "Most people recover completely within several weeks. Your nurse can answer questions about the treatment."
)


def test_matches_textstat_arithmetic_on_the_same_counts(monkeypatch):
    """Give textstat our syllable counts (offline) on a text both segment alike: same grade."""
    textstat = pytest.importorskip("textstat")
    from textstat.backend.counts import _count_syllables

    words = [w.strip(".").lower() for w in TEXT.split()]
    fake_cmudict = {w: [["AH0"] * count_syllables(w)] for w in words}
    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: fake_cmudict)

    ours = count(segment(extract_html(f"<p>{TEXT}</p>", "t").blocks))
    assert ours.sentences == textstat.sentence_count(TEXT) == 4
    assert ours.words == textstat.lexicon_count(TEXT)
    assert flesch_kincaid_grade(ours) == pytest.approx(textstat.flesch_kincaid_grade(TEXT), abs=0.01)
    assert flesch_reading_ease(ours) == pytest.approx(textstat.flesch_reading_ease(TEXT), abs=0.01)
    assert smog_grade(ours) == pytest.approx(textstat.smog_index(TEXT), abs=0.01)
