"""unexplained-jargon: terms and abbreviations, and the ways writers explain them."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from plainlint.findings import Severity
from tests.helpers import check, needs_shared, position_of, rule_findings, text_to_html
from tests.hostile.strategies import budget


def terms(html: str, config=None) -> list[str]:
    return [f.message.split('"')[1] for f in rule_findings(check(html, config), "unexplained-jargon")]


def test_unexplained_term_names_it_and_offers_the_plain_word():
    html = "<h1>Your results</h1>\n<p>Your doctor will talk to you about your prognosis.</p>"
    (f,) = rule_findings(check(html), "unexplained-jargon")
    assert f.message.startswith('"prognosis" is a specialist word that is not explained. Use "outlook" instead')
    assert f.suggestion == "outlook"
    assert (f.span.line, f.span.column) == position_of(html, "prognosis")
    assert f.span.end_column - f.span.column == len("prognosis")


@pytest.mark.parametrize(
    "sentence",
    [
        "Most people worry about their outlook (prognosis) at first.",  # plain words (term)
        "Your prognosis (what is likely to happen) depends on many things.",  # term (plain words)
        "Your doctor will explain the prognosis, also called the outlook.",  # cue after
        "Doctors talk about the likely outcome, known as the prognosis.",  # cue before
        "Your prognosis means how your illness is likely to go.",  # definition in the same sentence
        "Your doctor will talk about your prognosis. Prognosis means how your illness is likely to go.",  # next one
        "Your doctor will discuss your <dfn>prognosis</dfn>: how things are likely to go.",  # <dfn>
    ],
)
def test_glossed_terms_are_not_reported(sentence):
    assert terms(f"<h1>Outlook</h1><p>{sentence}</p>") == []


def test_definition_two_sentences_later_is_too_late():
    html = "<h1>Tests</h1><p>You may need a lumbar puncture. It is done in hospital. A lumbar puncture is a test of the fluid around your spine.</p>"
    assert terms(html) == ["lumbar puncture"]


def test_only_the_first_use_counts():
    glossed_first = "<h1>x</h1><p>You may have a test of your back (lumbar puncture). The lumbar puncture takes 30 minutes.</p>"
    assert terms(glossed_first) == []
    glossed_late = "<h1>x</h1><p>You may need a lumbar puncture. It is quick. Later, after the test (lumbar puncture), rest.</p>"
    (f,) = rule_findings(check(glossed_late), "unexplained-jargon")
    assert (f.span.line, f.span.column) == position_of(glossed_late, "lumbar puncture")


def test_inflected_forms_are_the_same_term():
    html = "<h1>x</h1><p>Cancer that has spread (metastases) can grow in the brain. A metastasis may cause headaches.</p>"
    assert terms(html) == []


def test_heading_followed_by_a_definition_counts():
    html = "<h1>What are leptomeningeal metastases?</h1><p>Leptomeningeal metastases mean cancer cells have spread to the thin layers covering the brain.</p>"
    assert "leptomeningeal metastases" not in [t.lower() for t in terms(html)]


def test_abbreviations_need_their_long_form_either_way_round():
    assert terms("<h1>x</h1><p>You may have an MRI scan.</p>") == ["MRI"]
    assert terms("<h1>x</h1><p>You may have a magnetic resonance imaging (MRI) scan.</p>") == []
    assert terms("<h1>x</h1><p>The CSF (cerebrospinal fluid) surrounds your brain.</p>") == []
    # brackets that do not spell the letters out are not an explanation
    assert terms("<h1>x</h1><p>You may have an MRI (it is noisy) scan.</p>") == ["MRI"]
    # saying what it is counts, as a reader then knows what they are offered...
    assert terms("<h1>x</h1><p>You may have a gentle massage called MLD.</p>") == []
    # ...but a bare kind ("a treatment called") or nothing at all does not
    assert terms("<h1>x</h1><p>You may have a treatment called MLD.</p>") == ["MLD"]
    assert terms("<h1>x</h1><p>Ask your nurse whether MLD could help you.</p>") == ["MLD"]


def test_abbr_title_counts_but_is_reported_as_weak():
    html = '<h1>x</h1><p>You may have an <abbr title="magnetic resonance imaging">MRI</abbr>. The MRI is noisy.</p>'
    (f,) = rule_findings(check(html), "unexplained-jargon")
    assert f.severity is Severity.INFO
    assert f.message.startswith('"MRI" is explained only in a title attribute')
    spelled = '<h1>x</h1><p>A <abbr title="magnetic resonance imaging">MRI</abbr> (magnetic resonance imaging) scan.</p>'
    assert rule_findings(check(spelled), "unexplained-jargon") == []


def test_glossary_on_the_page_and_glossary_links_count():
    glossary = "<h1>x</h1><p>Your prognosis is good.</p><h2>Words we use</h2><dl><dt>Prognosis</dt><dd>How an illness is likely to go.</dd></dl>"
    assert terms(glossary) == []
    link = '<h1>x</h1><p>Your <a href="/glossary#prognosis">prognosis</a> is good.</p>'
    assert terms(link) == []
    ordinary_link = '<h1>x</h1><p>Your <a href="/contact-us">prognosis</a> is good.</p>'
    assert terms(ordinary_link) == ["prognosis"]


def test_allow_list_and_plurals():
    assert terms("<h1>x</h1><p>See your GP or call the NHS. GPs are busy in the UK.</p>") == []
    assert terms("<h1>x</h1><p>Most MRIs take 30 minutes.</p>") == ["MRIs"]


def test_names_and_shouting_are_not_abbreviations():
    assert terms("<h1>x</h1><p>Ask Mr McDonald at the desk. IMPORTANT: bring your iPhone.</p>") == []


def test_settings_add_terms_and_allow_them(settings):
    html = "<h1>x</h1><p>You may have a haematoma after the test. Your MRI results come later.</p>"
    config = settings("rules:\n  unexplained-jargon:\n    terms: {haematoma: bruise}\n    allow: [MRI]\n")
    (f,) = rule_findings(check(html, config), "unexplained-jargon")
    assert '"haematoma"' in f.message and f.suggestion == "bruise"
    off = settings("rules:\n  unexplained-jargon:\n    abbreviations: false\n")
    assert terms("<h1>x</h1><p>Your MRI results come later.</p>", off) == []


SEED_GLOSSED = {"prognosis", "leptomeninges", "metastases", "lumbar puncture", "csf", "immunotherapy"}
# What the seed pages leave unexplained where it is first used (README lists these).
SEED_UNEXPLAINED = {"mri", "meninges", "melanoma", "cerebrospinal fluid"}


def test_seed_pages_glossed_terms_are_recognised():
    seeds = needs_shared("seeds")
    reported: set[str] = set()
    used: set[str] = set()
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        used |= {t for t in SEED_GLOSSED if t in text.lower()}
        reported |= {t.lower() for t in terms(text_to_html(text))}
    assert used == SEED_GLOSSED  # every term is really on the seed pages...
    assert [r for r in reported if any(g in r for g in SEED_GLOSSED)] == []  # ...and none is reported
    assert SEED_UNEXPLAINED <= reported


def test_rare_words_are_candidates_but_common_words_and_names_are_not():
    html = (
        "<h1>Your scan</h1><p>Dr Okonkwo at Addenbrooke’s Hospital will check your leptomeninges. "
        "Bring your sunglasses and a snack. Email help@example.org or visit www.example.org/scans.</p>"
    )
    assert terms(html) == ["leptomeninges"]


def test_rare_word_glossed_in_brackets():
    assert terms("<h1>x</h1><p>It spreads to the thin layers covering the brain (the leptomeninges).</p>") == []


def test_a_heading_whose_section_explains_the_term_counts():
    defined_at_once = "<h1>x</h1><h2>What is a biopsy?</h2><p>This is a test that takes a small piece of tissue.</p>"
    assert terms(defined_at_once) == []
    defined_in_section = (
        "<h1>Lymphoedema after surgery</h1><p>Your arm may swell. This swelling is caused by fluid (lymphoedema).</p>"
    )
    assert terms(defined_in_section) == []
    never = "<h1>Lymphoedema after surgery</h1><p>Your arm may swell.</p><h2>Help</h2><p>Lymphoedema can be treated.</p>"
    assert terms(never) == ["Lymphoedema"]


def test_other_names_listed_after_also_called():
    html = (
        "<h1>x</h1><p>Leptomeningeal metastases mean cancer has spread to the brain's coverings. "
        "It is also called:</p><ul><li>carcinomatous meningitis</li><li>neoplastic meningitis</li></ul>"
    )
    assert terms(html) == []


def test_codes_roman_numerals_and_shouting_are_not_abbreviations():
    html = "<h1>x</h1><p>Stage II and III. See technique SCR18. NOTE: bring water AND food.</p>"
    assert terms(html) == []


def test_abbreviations_inside_words_and_numerals():
    assert terms("<h1>x</h1><p>Most HPV-related cancers respond well.</p>") == ["HPV"]
    assert terms("<h1>x</h1><p>You will have an IV drip.</p>") == ["IV"]
    assert terms("<h1>x</h1><p>It was stage IV, not type II.</p>") == []
    assert terms("<h1>x</h1><p>Choose from our A-Z list or call 1-800-MEDICARE.</p>") == []


# Explanations health writers use (test_the_cases_above_use_real_candidates checks that
# the first terms are reported when left bare).
EXPLAINED = [
    "You may be given ondansetron, a medicine to stop you being sick.",
    "Your team will give you anti-sickness medicines, such as ondansetron.",
    "Some people need vasopressors to raise their blood pressure.",
    "Some people get myalgia. This means aching or weak muscles.",
    "The rectum stores poo until you go to the toilet.",
    "Your kidneys are checked with a urine test called ACR, which looks for protein.",
    "Your care team will check your GFR (glomerular filtration rate) every year.",
    "Glaucoma \u2013 raised pressure inside the eye \u2013 can develop years later.",
    "You will be prescribed ferrous sulphate, an iron tablet you take twice a day.",
    "There are two types: a periapical abscess, at the tip of the root, and others.",
    "If you stop breathing in your sleep, you may use a CPAP machine. It gently pumps air through a mask.",
    "Palliative care focuses on easing symptoms.",
    "Usually the growth is benign, or noncancerous, and is left alone.",
    "You may also be given a PPI, such as omeprazole, to protect your stomach.",
    # forms added from the third development set
    "Most people have an autologous transplant, which means the cells come from your own body.",
    "You might have a CABG, sometimes called a heart bypass.",
    "Some people develop HHS, a dangerous state where very high blood sugar dries you out.",
    "Too much can lead to atrial fibrillation, an irregular and often fast heartbeat.",
    "Your child may need medicine to prevent blood clots, such as enoxaparin.",
    "Blood thinners (anticoagulants) are stopped a week before.",
    "Anticoagulants (blood thinners) such as apixaban are stopped a few days before.",
    "You may be given an antiviral medicine, such as aciclovir, within 3 days.",
    "The strip of skin is shorter than usual. The medical name is ankyloglossia.",
    "It is caused by the same virus as chickenpox, called varicella zoster.",
    "If you take orlistat for weight loss, take it at a different time of day.",
    "It replaces the thyroid hormone, thyroxine, that your body is not making.",
    "You may have EVAR, where a thin tube is passed up through an artery in your groin.",
    "Shingles can lead to postherpetic neuralgia (PHN). This is nerve pain that lasts for months.",
    "First you have injections of G-CSF for 4 or 5 days. This medicine makes your body release stem cells.",
]


@pytest.mark.parametrize("sentence", EXPLAINED)
def test_explanations_health_writers_use(sentence):
    assert terms(f"<h1>x</h1><p>{sentence}</p>") == []


def test_a_list_after_a_lead_in_that_names_their_kind():
    lead = "<h1>x</h1><p>A stimulant is a medicine that helps you focus. There are two main types of stimulant:</p>"
    assert terms(lead + "<ul><li>methylphenidate (Ritalin)</li><li>dexamfetamine</li></ul>") == []
    vague = "<h1>x</h1><p>Most people take several medicines. These may include:</p>"
    assert terms(vague + "<ul><li>methylphenidate (Ritalin)</li></ul>") == ["methylphenidate"]


def test_look_alikes_that_explain_nothing():
    assert terms("<h1>x</h1><p>Ask about beta blockers, such as bisoprolol.</p>") == ["beta blockers", "bisoprolol"]
    assert terms("<h1>x</h1><p>Take metformin for 3 months.</p>") == ["metformin"]
    assert terms("<h1>x</h1><p>You may pay coinsurance for each prescription.</p>") == ["coinsurance"]
    assert terms("<h1>x</h1><p>Your prognosis is good. It makes planning easier.</p>") == ["prognosis"]
    assert terms("<h1>x</h1><p>It may lead to hypothyroidism or kidney problems. This is why tests matter.</p>") \
        == ["hypothyroidism"]
    assert terms("<h1>x</h1><p>Some changes are benign (not cancer), such as fibroadenomas.</p>") \
        == ["fibroadenomas"]  # "benign (not cancer)" is explained; its examples are not
    assert terms("<h1>x</h1><p>You may need an injection called inclisiran.</p>") == ["inclisiran"]
    assert terms("<h1>x</h1><p>You may need a lumbar puncture. It is done in hospital.</p>") == ["lumbar puncture"]


def test_the_cases_above_use_real_candidates():
    """Guard against vacuous passes: each term explained above is reported when left bare."""
    for term in ("ondansetron", "vasopressors", "myalgia", "rectum", "ACR", "GFR", "autologous", "CABG", "HHS",
                 "enoxaparin", "aciclovir", "ankyloglossia", "orlistat", "thyroxine", "EVAR", "G-CSF"):
        assert terms(f"<h1>x</h1><p>Ask about {term} today.</p>") == [term], term


def test_dash_apposition():
    assert terms("<h1>x</h1><p>You may have tonometry \u2013 a quick test of the pressure in your eye.</p>") == []
    assert terms("<h1>x</h1><p>You may have tonometry.</p>") == ["tonometry"]


def test_place_names_and_uk_spellings():
    assert terms("<h1>x</h1><p>Endoscopy Unit: call 01632 960 444.</p>") == []
    # "stabiliser" is rare in English lists, "stabilizer" less so: the spelling is not the jargon
    assert terms("<h1>x</h1><p>Lithium is a mood stabiliser that you take every day.</p>") == []


def test_names_of_markers_and_teams():
    assert terms("<h1>x</h1><p>Your surgeon may talk about your HER2 status.</p>") == []
    assert terms("<h1>x</h1><p>Colorectal Nurse Specialists: call 01632 960 671.</p>") == []


def test_where_it_is_and_what_it_does_after_which():
    assert terms("<h1>x</h1><p>Your adrenal glands are just above your kidneys.</p>") == []
    assert terms("<h1>x</h1><p>Ask about levodopa or carbidopa, which stop your symptoms getting worse.</p>") == []
    assert terms("<h1>x</h1><p>Your adrenal glands are very small.</p>") == ["adrenal"]


def test_purpose_first_in_a_later_sentence():
    html = "<h1>x</h1><p>Your heart beats fast. To slow your heart down, you may take diltiazem.</p>"
    assert terms(html) == []


@given(name=st.text("aAbBkK-. éİ", min_size=1, max_size=3), text=st.text("aAbBkK-. éİK", max_size=30),
       case_sensitive=st.booleans())
def test_a_term_is_found_in_a_sentence_where_a_regular_expression_finds_it(name, text, case_sensitive):
    from plainlint.analysis.glosses import _occurrences

    expected = [m.span() for m in re.finditer(re.escape(name), text, 0 if case_sensitive else re.I)]
    assert _occurrences(name, text, case_sensitive) == expected


_BEFORE_PARTS = ["also called", "Known As", "named", "TERMED", "such as", "like", "containing", "e.g.", "for example",
                 "the", "a", "an", "your", "medicines", "thyroid hormone", "or", "and", "(", ")", ",", " ", "  ",
                 "\n", "\u212anown as", "\u017fuch as", "caLLed", "\u201c", "'"]  # fmt: skip


@budget(600)
@given(parts=st.lists(st.sampled_from(_BEFORE_PARTS) | st.text("aeklnrs ,(", max_size=6), max_size=12))
@example(parts=["a condition", "TERMED", ""])
@example(parts=["a condition", "\u212anown as", "the", ""])
@example(parts=["medicines,", "\u017fuch as", "aspirin", "or", ""])
@example(parts=["scans", "Like", ""])
@example(parts=["the", "thyroid hormone", ",", "\n"])
def test_searches_before_a_term_find_what_the_full_pattern_finds(parts):
    """The searches that end at a term look for a word they need first: that must never
    change what they find, in any case, on ASCII text or not (the Kelvin sign is a "k"
    and the long s an "s" to re.IGNORECASE)."""
    from plainlint.analysis import gloss_patterns as pattern
    from plainlint.analysis.glosses import _search_needing

    before = " ".join(parts)
    low = before.lower() if before.isascii() else None
    for regex, needs in ((pattern.CUE_BEFORE, pattern.CUE_BEFORE_NEEDS), (pattern.EXAMPLE_OF, pattern.EXAMPLE_OF_NEEDS)):
        found, expected = _search_needing(regex, needs, before, low), regex.search(before)
        assert (found and found.span()) == (expected and expected.span())
    assert (pattern.REVERSED_APPOSITION.search(before) is not None) <= before.rstrip().endswith(",")
    assert (pattern.OPEN_PAREN_BEFORE.search(before) is not None) <= ("(" in before)
    assert (re.search(r",\s*or\s*$", before) is not None) <= before.rstrip().endswith("or")


@budget(600)
@given(text=st.text("AaBZzé1&-_ .(İ\u212a", max_size=24))
@example(text="HPV-related")
@example(text="a&E GP")
@example(text="X_Y")
def test_the_check_for_two_capitals_never_skips_an_abbreviation(text):
    """Abbreviations are looked for only in sentences with two capitals in one run of
    word characters: every abbreviation-shaped token has them (Unicode letters, the
    Kelvin sign and the dotted capital I included)."""
    from plainlint.analysis.candidates import _ABBREVIATION, _TWO_CAPITALS

    assert (_ABBREVIATION.search(text) is not None) <= (_TWO_CAPITALS.search(text) is not None)
