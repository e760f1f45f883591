"""Reading-grade formulas: hand-worked values, and agreement with textstat's arithmetic."""

from __future__ import annotations

import math

import pytest

from plainlint.analysis.readability import (
    Counts,
    assess,
    automated_readability,
    coleman_liau,
    consensus,
    count,
    flesch_kincaid_grade,
    flesch_reading_ease,
    grade,
    gunning_fog,
    reading_age,
    sentence_grade,
    smog_grade,
    smog_sample,
)
from plainlint.analysis.segment import segment
from plainlint.analysis.syllables import count_syllables
from plainlint.extract.html import extract_html

# Worked by hand from the published formulas.
TWO_SENTENCES = Counts(sentences=2, words=10, syllables=14, polysyllables=3, letters=40, characters=42, complex_words=2)


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


def test_gunning_fog_by_hand():
    # 0.4 x (10/2 + 100 x 2/10) = 0.4 x (5 + 20)
    assert gunning_fog(TWO_SENTENCES) == pytest.approx(10.0)


def test_coleman_liau_by_hand():
    # L = 400 letters per 100 words, S = 20 sentences per 100 words:
    # 0.0588 x 400 - 0.296 x 20 - 15.8 = 23.52 - 5.92 - 15.8
    assert coleman_liau(TWO_SENTENCES) == pytest.approx(1.8)


def test_automated_readability_index_by_hand():
    # 4.71 x 42/10 + 0.5 x 10/2 - 21.43 = 19.782 + 2.5 - 21.43
    assert automated_readability(TWO_SENTENCES) == pytest.approx(0.852)


def test_consensus_is_the_median_of_five_formulas():
    # on 2 sentences SMOG is not meaningful: the median of FK 2.88, Fog 10.0, CL 1.8, ARI 0.852
    assert consensus(TWO_SENTENCES) == pytest.approx((1.8 + 2.88) / 2)
    many = Counts(sentences=12, words=120, syllables=168, polysyllables=18, letters=480, characters=480,
                  complex_words=12, sentence_polysyllables=(1, 2) * 6)
    grades = sorted([flesch_kincaid_grade(many), smog_grade(many), gunning_fog(many), coleman_liau(many),
                     automated_readability(many)])
    assert consensus(many) == pytest.approx(grades[2])


def test_smog_takes_ten_sentences_from_start_middle_and_end():
    # 40 sentences: the first 10 have 1 long word each, 10..14 none, the middle 10 (15..24)
    # 2 each, 25..29 none, the last 10 3 each: 10 + 20 + 30 = 60 in the sample
    per = (1,) * 10 + (0,) * 5 + (2,) * 10 + (0,) * 5 + (3,) * 10
    c = Counts(sentences=40, words=400, syllables=600, polysyllables=sum(per), sentence_polysyllables=per)
    assert smog_sample(c) == 60
    assert smog_grade(c) == pytest.approx(1.043 * math.sqrt(60) + 3.1291)


def test_smog_scales_a_short_text_up_to_thirty_sentences():
    # McLaughlin's rule for fewer than 30 sentences: 12 long words in 15 sentences count as 24
    c = Counts(sentences=15, words=150, syllables=200, polysyllables=12, sentence_polysyllables=(1, 0, 1) * 5)
    assert smog_sample(c) == pytest.approx(24)


def test_a_grade_on_too_little_text_is_not_a_number():
    short = Counts(sentences=3, words=40, syllables=60, polysyllables=5)
    assert assess(short, "flesch-kincaid").grade is None
    assert "40 words" in assess(short, "flesch-kincaid").why_not
    few_sentences = Counts(sentences=6, words=150, syllables=200, polysyllables=20)
    assert assess(few_sentences, "flesch-kincaid").grade == pytest.approx(flesch_kincaid_grade(few_sentences))
    smog = assess(few_sentences, "smog")
    assert smog.grade is None and "SMOG" in smog.why_not and "10" in smog.why_not


def test_reading_age_is_grade_plus_five():
    assert reading_age(6.0) == 11.0


def test_sentence_grade_by_hand():
    # 20 words, 30 syllables: 0.39 x 20 + 11.8 x 1.5 - 15.59 = 7.8 + 17.7 - 15.59
    assert sentence_grade(20, 30) == pytest.approx(9.91)


def test_gunning_leaves_out_names_compounds_and_inflected_endings():
    html = "<p>Yesterday Alexandria's well-organised volunteers recommended interesting exhibitions.</p>"
    c = count(segment(extract_html(html, "t").blocks))
    # three or more syllables: all seven words. Hard by Gunning's rule: Yesterday (first
    # word, not a name), volunteers, recommended (recommend has three), exhibitions; not
    # the name, the compound, or interesting (interest has two, as CMUdict says it).
    assert c.polysyllables == 7
    assert c.complex_words == 4


def test_web_and_email_addresses_are_not_counted_as_words():
    html = "<p>Email patientinformation@cancer.org.uk or visit www.nhs.uk today.</p>"
    c = count(segment(extract_html(html, "t").blocks))
    assert c.words == 4  # Email, or, visit, today


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
