"""The bundled jargon lexicon and its matcher."""

from __future__ import annotations

import importlib.resources
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from plainlint.lexicon import (
    CATEGORIES,
    UNCASED,
    Lexicon,
    Match,
    Term,
    build_lexicon,
    bundled_terms,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

ALL = build_lexicon(CATEGORIES)
MEDICAL = build_lexicon(["medical"])


def texts(matches: list[Match]) -> list[str]:
    return [m.text for m in matches]


def terms(matches: list[Match]) -> list[str]:
    return [m.term.term for m in matches]


def lex(*names: str) -> Lexicon:
    return Lexicon(Term(n, None, "config", "medical") for n in names)


# --- the data file ---------------------------------------------------------------------


def test_tsv_is_well_formed() -> None:
    raw = importlib.resources.files("plainlint").joinpath("data/lexicon.tsv").read_bytes()
    assert b"\r" not in raw and raw.endswith(b"\n")
    lines = raw.decode("utf-8").split("\n")[:-1]
    assert lines[0] == "term\talternative\tsource\tcategory"
    rows = [line.split("\t") for line in lines[1:]]
    for row in rows:
        assert len(row) == 4, row
        term, alternative, source, category = row
        assert term and term == term.strip() and "  " not in term, row
        assert source in {"nhs", "plainlanguage", "healthcare-gov", "plainlint"}, row
        assert category in CATEGORIES, row
        if alternative:
            assert all(part.strip() == part and part for part in alternative.split(" | ")), row
    keys = [(r[0].casefold(), r[0]) for r in rows]
    assert keys == sorted(keys), "rows must be sorted by term"
    assert len(bundled_terms()) == len(rows)


def test_no_duplicate_terms() -> None:
    seen: dict[str, str] = {}
    for t in bundled_terms():
        key = re.sub(r"[\s-]+", "", t.term).casefold()
        assert key not in seen, f"{t.term!r} duplicates {seen[key]!r}"
        seen[key] = t.term


def test_every_term_finds_itself() -> None:
    """No bundled term is hidden by another term's inflected form."""
    for t in bundled_terms():
        assert ALL.get(t.term) is t, t
        assert [m.term for m in ALL.find(f"About {t.term} here.")] == [t], t


def test_sources_and_categories_are_all_present() -> None:
    pairs = {(t.source, t.category) for t in bundled_terms()}
    for pair in [
        ("nhs", "medical"),
        ("nhs", "complex"),
        ("nhs", "false-friend"),
        ("plainlint", "medical"),
        ("healthcare-gov", "insurance"),
        ("plainlanguage", "complex"),
    ]:
        assert pair in pairs
    assert len(bundled_terms()) > 400
    assert bundled_terms() is bundled_terms()  # read once


def test_known_rows() -> None:
    by_term = {t.term: t for t in bundled_terms()}
    assert by_term["prognosis"] == Term("prognosis", "outlook", "nhs", "medical")
    assert by_term["utilize"] == Term("utilize", "use", "plainlanguage", "complex")
    assert by_term["chronic"].category == "false-friend"
    assert by_term["deductible"].source == "healthcare-gov"
    for word in [
        "metastasis",
        "leptomeninges",
        "lumbar puncture",
        "cerebrospinal fluid",
        "immunotherapy",
        "biopsy",
        "palliative",
    ]:
        assert by_term[word].source == "plainlint" and by_term[word].alternative, word
    # Style-only NHS entries give no row; abbreviations only where a source lists them;
    # chemotherapy and radiotherapy are words NHS pages use unexplained.
    for absent in ["antenatal", "dietitian", "MRI", "CSF", "CT scan", "chemotherapy", "radiotherapy"]:
        assert absent not in by_term


# --- matching ----------------------------------------------------------------------------


def test_finds_terms_in_a_patient_page() -> None:
    text = (
        "Your doctor may suggest a lumbar puncture to check for cancer cells. "
        "Leptomeningeal metastases can cause headaches and seizures. "
        "We took two biopsies last week."
    )
    found = MEDICAL.find(text)
    assert terms(found) == ["lumbar puncture", "leptomeningeal metastasis", "seizure", "biopsy"]
    assert texts(found) == ["lumbar puncture", "Leptomeningeal metastases", "seizures", "biopsies"]
    assert MEDICAL.get("metastases") is MEDICAL.get("metastasis")
    assert terms(MEDICAL.find("The metastases are small.")) == ["metastasis"]


def test_prognosis_suggests_outlook() -> None:
    (m,) = MEDICAL.find("Ask your team about your prognosis.")
    assert m.term.alternative == "outlook" and m.term.source == "nhs"


def test_multi_word_terms_span_spaces_newlines_and_hyphens() -> None:
    for written in [
        "lumbar\npuncture",
        "lumbar   puncture",
        "lumbar-puncture",
        "lumbar \n\t puncture",
    ]:
        (m,) = MEDICAL.find(f"You will have a {written} tomorrow.")
        assert m.term.term == "lumbar puncture" and m.text == written
    assert terms(ALL.find("A preexisting condition or a pre existing condition.")) == [
        "pre-existing condition",
        "pre-existing condition",
    ]


def test_offsets_are_exact() -> None:
    text = (
        "Most people worry about their Prognosis. A\u00a0lumbar  puncture takes "
        "cerebrospinal fluid (CSF) from your lower back; the oncologist\u2019s team will "
        "explain. Adjuvant and palliative treatments differ."
    )
    found = ALL.find(text)
    assert len(found) >= 5
    for m in found:
        assert text[m.start : m.end] == m.text
    starts = [m.start for m in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_case_rules() -> None:
    # Lower-case terms match in any case.
    for written in ["prognosis", "Prognosis", "PROGNOSIS"]:
        assert terms(MEDICAL.find(f"Your {written} is good.")) == ["prognosis"]
    # A term with capitals needs them; its small letters may be in any case.
    assert texts(MEDICAL.find("Go to a GUM clinic or a GUM Clinic.")) == [
        "GUM clinic",
        "GUM Clinic",
    ]
    assert MEDICAL.find("Brush along the gum clinic-side.") == []
    assert texts(ALL.find("Buy it OTC, not otc.")) == ["OTC"]
    assert ALL.get("otc") is None and ALL.get("OTC") is not None


def test_shorter_term_when_longest_fails_the_case_check() -> None:
    lexicon = lex("scan", "MRI scan")
    assert texts(lexicon.find("An MRI Scan, then an mri scan.")) == ["MRI Scan", "scan"]


def test_never_matches_inside_a_word() -> None:
    lexicon = lex("ache", "fluid", "benign")
    assert texts(lexicon.find("A headache, aches, fluids, benignly, non-benign.")) == [
        "aches",
        "fluids",
        "benign",
    ]
    assert MEDICAL.find("Lumbarised sub-lumbarpuncture xlumbar puncturex") == []


def test_longest_match_wins() -> None:
    lexicon = lex("fluid", "cerebrospinal fluid", "spinal", "spinal fluid leak")
    found = lexicon.find("Cerebrospinal fluid surrounds the spinal cord; a spinal fluid check.")
    assert texts(found) == ["Cerebrospinal fluid", "spinal", "spinal", "fluid"]
    assert terms(MEDICAL.find("A lumbar puncture, not lumbar pain.")) == [
        "lumbar puncture",
        "lumbar",
    ]
    assert terms(MEDICAL.find("leptomeningeal metastases; leptomeningeal disease")) == [
        "leptomeningeal metastasis",
        "leptomeningeal",
    ]


@pytest.mark.parametrize(
    "term, written",
    [
        ("biopsy", "biopsies"),
        ("diagnosis", "diagnoses"),
        ("lymph node", "lymph nodes"),
        ("seizure", "seizures"),
        ("vertebra", "vertebrae"),
        ("bacterium", "bacteria"),
        ("bronchus", "bronchi"),
        ("criterion", "criteria"),
        ("appendix", "appendices"),
        ("carcinoma", "carcinomas"),
        ("occur", "occurred"),
        ("occur", "occurring"),
        ("terminate", "terminated"),
        ("modify", "modified"),
        ("utilize", "utilised"),
        ("haemorrhage", "hemorrhage"),
        ("oesophagus", "esophagus"),
        ("anti-emetic", "antiemetics"),
        ("worker's compensation", "worker\u2019s compensation"),
        ("worker's compensation", "workers compensation"),
    ],
)
def test_inflections_and_spellings(term: str, written: str) -> None:
    lexicon = lex(term)
    (m,) = lexicon.find(f"Note: {written}.")
    assert m.text == written and m.term.term == term
    assert lexicon.get(written) is m.term


def test_bundled_inflections() -> None:
    text = "Anemia, hemorrhages, over-the-counter medications and bowel movements."
    assert terms(ALL.find(text)) == [
        "anaemia",
        "haemorrhage",
        "over the counter",
        "medication",
        "bowel movement",
    ]


def test_empty_lexicon() -> None:
    assert len(Lexicon([])) == 0
    assert Lexicon([]).find("prognosis") == []


# --- build_lexicon ---------------------------------------------------------------------


def test_categories_select_terms() -> None:
    assert {t.category for t in MEDICAL} == {"medical"}
    assert MEDICAL.find("Check your deductible and utilize the chronic care team.") == []
    insurance = build_lexicon(["insurance"])
    assert terms(insurance.find("Check your deductible.")) == ["deductible"]
    assert len(ALL) == len(bundled_terms())
    with pytest.raises(ValueError, match="medicl"):
        build_lexicon(["medicl"])


def test_allow_removes_terms() -> None:
    lexicon = build_lexicon(["medical"], allow=["Biopsy", "LUMBAR-PUNCTURE"])
    assert lexicon.get("biopsy") is None
    assert terms(lexicon.find("Biopsy, then a lumbar puncture.")) == ["lumbar"]
    assert len(lexicon) == len(MEDICAL) - 2


def test_extra_adds_and_overrides_terms() -> None:
    lexicon = build_lexicon(
        ["medical"],
        extra={
            "Ommaya reservoir": "a small device under the scalp",
            "prognosis": None,
            "stent": "",
        },
    )
    found = lexicon.find("A stent and an Ommaya reservoir; your prognosis.")
    assert terms(found) == ["stent", "Ommaya reservoir", "prognosis"]
    assert all(m.term.source == "config" and m.term.category == "medical" for m in found)
    assert found[1].term.alternative == "a small device under the scalp"
    assert found[0].term.alternative is None and found[2].term.alternative is None
    assert len(lexicon) == len(MEDICAL) + 2


# --- speed and the build script --------------------------------------------------------


def test_find_scales_to_a_long_page() -> None:
    """Matching is one linear scan; its speed is measured in bench/, not asserted here."""
    sentence = (
        "People who have leptomeningeal metastases may need a lumbar puncture, and the "
        "results help the oncologist explain the outlook and plan palliative or other "
        "treatment with you and your family over the next few weeks. "
    )
    text = sentence * (100_000 // len(sentence.split()) + 1)
    assert len(text.split()) >= 100_000
    lexicon = build_lexicon(CATEGORIES)
    found = lexicon.find(text)
    assert len(found) > 10_000
    assert all(text[m.start : m.end] == m.text for m in found[:: len(found) // 50])


def test_uncased_characters_fold_to_no_other_character() -> None:
    """Text of ASCII and these is scanned in lower case: ignoring case must pair none of
    them with any other code point, and lower() must leave each as it is."""
    every = "".join(map(chr, range(0x110000)))
    exact = re.findall(f"[{UNCASED}]", every)
    assert re.findall(f"[{UNCASED}]", every, re.IGNORECASE) == exact
    assert all(c.lower() == c for c in exact) and len(exact) > 1000


# Words of terms, in several cases, and characters that case-insensitive matching folds
# in ways lower() does not ("ı" and "ſ" match "i" and "s"; "İ" lowers to two characters).
_PIECES = ["lumbar", "LUMBAR", "Puncture", "puncture", "MRI", "mri", "scan", "Scan", "dıp", "DIP", "dip",
           "oedema", "Ménière", "MÉNIÈRE", " ", "-", "\u2019", "s", "ſ", "İ", "ı", "K", "\u212a", "\xa0", "\u2013",
           "µ", "Σ", ".", "x"]


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
@example("An MRI SCAN and a lumbar \u212aPUNCTURE")
@example("lumbar puncture then dıp, DIP and dip")
@example("İ MRI scan, İ lumbar puncture")
def test_lower_case_scan_finds_what_ignoring_case_finds(text: str) -> None:
    for lexicon in (lex("lumbar puncture", "MRI scan", "scan", "oedema", "Ménière", "dip", "k"),
                    lex("dıp", "lumbar puncture")):
        slow = Lexicon.__new__(Lexicon)
        for name in Lexicon.__slots__:
            setattr(slow, name, getattr(lexicon, name))
        slow._lower_pattern = None  # the case-insensitive scan only
        assert lexicon.find(text) == slow.find(text)


def test_bundled_file_is_up_to_date() -> None:
    if not (SHARED / "sources").is_dir():
        pytest.skip(f"{SHARED}/sources is absent: it sits beside the checkout only in CI")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "build_lexicon.py"),
            "--shared",
            str(SHARED),
            "--check",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
