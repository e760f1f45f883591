"""reading-grade: a page's grade against the target."""

from __future__ import annotations

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
    assert "(Flesch-Kincaid); the target is 8 or lower" in f.message
    assert "words have three or more syllables" in f.message
    assert (f.span.line, f.span.column) == (1, 5)  # points at the <h1> text


def test_smog_and_target_from_settings(settings):
    smog = settings("rules:\n  reading-grade:\n    formula: smog\n    max-grade: 30\n")
    assert rule_findings(check(HARD, smog), "reading-grade") == []
    strict = settings("rules:\n  reading-grade:\n    formula: smog\n    max-grade: 5\n")
    (f,) = rule_findings(check(PLAIN, strict), "reading-grade")
    assert "(SMOG)" in f.message


def test_short_pages_are_not_graded():
    assert rule_findings(check("<h1>Exanthematous pneumonitis</h1><p>Antipyretic pharmacotherapy necessitates evaluation.</p>"), "reading-grade") == []
