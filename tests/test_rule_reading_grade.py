"""reading-grade: a page's grade against the target."""

from __future__ import annotations

import pytest

from plainlint.config import ConfigError
from plainlint.findings import Severity
from tests.helpers import check, rule_findings

PLAIN = (
    "<h1>Chickenpox</h1>"
    + "<p>Chickenpox is common in young children. It gives you an itchy rash. "
    "Most children get better in a week. You can get it more than once, but this is rare. "
    "Keep your child off school until all the spots have dried. This is usually five days after the spots appeared. "
    "Give them plenty of water to drink. Paracetamol can help with pain. Do not give them ibuprofen. "
    "Cut their nails short so they do not scratch the spots. Call your doctor if the skin around the spots gets hot or painful. "
    "Call the doctor if your child is dehydrated. Ask for help if you are pregnant and have not had chickenpox before.</p>"
)
HARD = (
    "<h1>Varicella zoster infection</h1>"
    + "<p>Varicella is a highly contagious exanthematous infection predominantly affecting paediatric populations. "
    "Complications, including secondary bacterial superinfection, pneumonitis and encephalitis, occur "
    "infrequently but necessitate immediate medical evaluation. Antiviral pharmacotherapy may be considered "
    "for immunocompromised individuals, neonates and pregnant women following consultation with an appropriate "
    "specialist. Symptomatic management comprises antipyretic medication, adequate hydration and "
    "antipruritic preparations. Nonsteroidal anti-inflammatory medication should be avoided because of the "
    "association with necrotising soft tissue infection. Vaccination is available for susceptible "
    "individuals, particularly healthcare workers and household contacts of immunosuppressed patients. "
    "Postexposure prophylaxis with varicella zoster immunoglobulin is recommended for susceptible "
    "individuals at increased risk of severe disease.</p>"
)


def test_plain_page_passes():
    result = check(PLAIN)
    assert result.counts.words >= 100
    assert rule_findings(result, "reading-grade") == []


def test_hard_page_is_reported_with_grade_target_and_causes():
    (f,) = rule_findings(check(HARD), "reading-grade")
    assert f.severity is Severity.WARNING
    assert f.message.startswith("The page reads at grade 24.5 (Flesch-Kincaid); the target is grade 8 or lower.")
    # what drives it up, the larger cause first, with the words that do it
    assert "59% of words have three or more syllables, such as \"varicella\"" in f.message
    assert "Use everyday words in place of long ones" in f.message
    assert (f.span.line, f.span.column) == (1, 5)  # points at the <h1> text


def test_smog_and_target_from_settings(settings):
    smog = settings("rules:\n  reading-grade:\n    formula: smog\n    max-grade: 30\n")
    assert rule_findings(check(HARD, smog), "reading-grade") == []
    strict = settings("rules:\n  reading-grade:\n    formula: smog\n    max-grade: 5\n")
    (f,) = rule_findings(check(PLAIN, strict), "reading-grade")
    assert "(SMOG)" in f.message


def test_short_pages_are_not_graded():
    assert rule_findings(check("<h1>Exanthematous pneumonitis</h1><p>Antipyretic pharmacotherapy necessitates evaluation.</p>"), "reading-grade") == []


def test_target_as_a_reading_age(settings):
    uk = settings("rules:\n  reading-grade:\n    max-reading-age: 11\n")
    (f,) = rule_findings(check(HARD, uk), "reading-grade")
    assert "reads at a reading age of 30 (Flesch-Kincaid grade 24.5); the target is a reading age of 11" in f.message
    lenient = settings("rules:\n  reading-grade:\n    max-grade: 1\n    max-reading-age: 40\n")
    assert rule_findings(check(HARD, lenient), "reading-grade") == []  # the reading age replaces max-grade


def test_every_formula_can_be_chosen(settings):
    for formula, name in (("gunning-fog", "Gunning Fog"), ("coleman-liau", "Coleman-Liau"),
                          ("ari", "Automated Readability Index"), ("consensus", "consensus of five formulas")):
        (f,) = rule_findings(check(HARD, settings(f"rules:\n  reading-grade:\n    formula: {formula}\n")), "reading-grade")
        assert f"({name})" in f.message


def test_smog_on_too_few_sentences_gives_no_grade(settings):
    """PLAIN has 14 sentences; a one-paragraph page of 9 long sentences is too short for SMOG."""
    nine = "<h1>Care</h1><p>" + " ".join(["Your specialist physiotherapist will recommend exercises for every day."] * 9) * 2 + "</p>"
    smog = settings("rules:\n  reading-grade:\n    formula: smog\n    max-grade: 1\n")
    result = check(nine, smog)
    assert result.counts.words >= 100 and result.counts.sentences == 19
    assert len(rule_findings(result, "reading-grade")) == 1
    short = "<h1>Care</h1><p>" + " ".join(["Your specialist physiotherapist will recommend exercises for every day to help you recover."] * 8) + "</p>"
    result = check(short, smog)
    assert result.counts.words >= 100 and result.counts.sentences == 9
    assert rule_findings(result, "reading-grade") == []


SECTIONS = (
    "<h1>After your operation</h1>"
    + "<h2>Going home</h2><p>" + "You can go home after a day or two. Someone should stay with you for the first night. " * 8 + "</p>"
    + "<h2>Possible complications</h2><p>"
    + "Postoperative complications, including haemorrhage and anastomotic leakage, necessitate immediate evaluation. " * 10
    + "</p>"
)


def test_a_hard_section_is_pointed_out_at_its_heading():
    result = check(SECTIONS)
    notes = [f for f in rule_findings(result, "reading-grade") if f.message.startswith("The section")]
    (note,) = notes
    assert note.severity is Severity.INFO
    assert note.message.startswith('The section "Possible complications" reads at grade')
    assert (note.span.line, note.span.column) == (1, SECTIONS.index("Possible complications") + 1)
    titles = [s.title for s in result.sections]
    assert titles == ["After your operation", "Going home", "Possible complications"]


def test_section_grades_reach_the_json_metrics():
    from plainlint.metrics import Grading, file_metrics

    metrics = file_metrics(check(SECTIONS), Grading())
    by_title = {s["title"]: s for s in metrics["sections"]}
    assert by_title["After your operation"]["grade"] is None  # a heading alone: too little text
    assert by_title["Going home"]["grade"] < 8 < by_title["Possible complications"]["grade"]
    assert set(metrics["grades"]) == {"flesch-kincaid", "smog", "gunning-fog", "coleman-liau", "ari", "consensus"}
    assert metrics["reading_age"] == pytest.approx(metrics["grade"] + 5)


def test_reading_age_setting_is_validated(settings):
    with pytest.raises(ConfigError, match="max-reading-age must be a number \\(or null\\)"):
        settings("rules:\n  reading-grade:\n    max-reading-age: eleven\n")
