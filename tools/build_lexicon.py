#!/usr/bin/env python3
"""Build plainlint's bundled jargon lexicon, plainlint/data/lexicon.tsv.

Build-time only.  Reads three public sources from the shared folder (``--shared``,
default ``../shared`` beside the repository) and a short list of our own, and writes
one row per term:

    term <TAB> alternative <TAB> source <TAB> category

* ``term``: canonical form; lower case except abbreviations and names.
* ``alternative``: plain words to use instead, several separated by `` | ``, or empty.
* ``source``: nhs | plainlint | healthcare-gov | plainlanguage.
* ``category``: medical | insurance | complex | false-friend.

Sources and what we take from them (credits in NOTICE):

* NHS service manual, "A to Z of NHS health writing" (Open Government Licence v3.0).
  Its ~290 entries mix word advice with style notes (spelling, capitals, formatting),
  so no parser can tell jargon from style reliably.  ``NHS_ENTRIES`` below is our
  judgement, entry by entry: an entry that asks for a plainer word, or to explain the
  word, gives a row; an entry that only fixes spelling or capitals, says the word is
  fine, or is about inclusive language rather than understanding, gives none.  The
  script checks that every chosen heading is still in the source and that each term
  is named in its entry, so a changed source fails loudly.
* plainlanguage.gov, "Use simple words and phrases" (CC0): the "Don't say | Say"
  table, parsed, minus ``PLAIN_SKIP`` (templates and everyday words that would flag
  most pages) and with ``PLAIN_FIXES`` for slips in the source.
* HealthCare.gov glossary (Public Domain Mark 1.0): the entry titles, minus
  ``HEALTHCARE_SKIP`` (names of laws, agencies and programmes, and everyday words).
  The glossary's definitions are long, so most rows have no alternative;
  ``INSURANCE_GLOSSES`` gives a short one in our own words for the commonest terms.
* ``PLAINLINT_TERMS``: medical words common on patient pages that the sources lack,
  with alternatives written by us.

Where sources share a term (compared ignoring case, spaces and hyphens), one row is
kept, by priority nhs > plainlint > healthcare-gov > plainlanguage.  Output is sorted,
UTF-8, with ``\\n`` line endings, so a rebuild from the same sources is byte-identical.

Usage:  python tools/build_lexicon.py [--shared DIR] [--output PATH] [--check] [-v]

``--check`` builds in memory and exits 1 if the committed file differs; ``-v`` lists
the NHS headings that gave no row, for review when the source changes.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUTPUT = ROOT / "plainlint" / "data" / "lexicon.tsv"

NHS_FILE = "sources/nhs-service-manual/a-to-z-of-nhs-health-writing.njk"
PLAIN_FILE = "sources/plainlanguage-gov/use-simple-words-phrases.md"
HEALTHCARE_DIR = "sources/healthcare-gov-glossary"

HEADER = ("term", "alternative", "source", "category")
CATEGORIES = ("medical", "insurance", "complex", "false-friend")
PRIORITY = {"nhs": 0, "plainlint": 1, "healthcare-gov": 2, "plainlanguage": 3}
SEP = " | "


class Row(NamedTuple):
    term: str
    alternative: str  # "" when none
    source: str
    category: str


# --- NHS A to Z: our judgement, entry by entry -----------------------------------------
# heading (as in the source) -> rows (term, alternative, category).  Alternatives are the
# words the entry recommends, shortened; where the entry only says "explain it", the
# alternative is a short gloss of the entry's own explanation, or empty.

NHS_ENTRIES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "abdomen and abdominal": (
        ("abdomen", "tummy", "medical"),
        ("abdominal", "tummy", "medical"),
    ),
    "absorb": (("absorb", "take in", "complex"),),
    "acute": (("acute", "sudden | starts suddenly | short-term", "false-friend"),),
    "alternative": (("alternative", "different | other", "complex"),),
    "anonymised, anonymisation": (
        ("anonymise", "take out personal details", "complex"),
        ("anonymisation", "taking out personal details", "complex"),
    ),
    "anus": (("anus", "bottom", "medical"),),
    "baby": (("foetus", "baby | pregnancy", "medical"),),
    "back passage": (("back passage", "bottom", "medical"),),
    "booster": (("booster", "", "medical"),),
    "bowel movement": (("bowel movement", "poo", "medical"),),
    "chronic": (("chronic", "for a long time | does not go away", "false-friend"),),
    "clinician": (("clinician", "doctor | nurse | healthcare professional", "medical"),),
    "convulsions": (("convulsion", "fit", "medical"),),
    "death": (
        ("fatality", "death", "complex"),
        ("deceased", "died", "complex"),
        ("passed away", "died", "complex"),
    ),
    "diuretics": (("diuretic", "tablets that make you pee more", "medical"),),
    "drowsy": (("drowsy", "sleepy", "complex"),),
    "eg": (
        ("eg", "for example | such as", "complex"),
        ("e.g.", "for example | such as", "complex"),
    ),
    "equivalent": (("equivalent", "equal to", "complex"),),
    "etc": (("etc", "for example | such as", "complex"),),
    "exceed": (("exceed", "more than", "complex"),),
    "excessive": (("excessive", "too much", "complex"),),
    "faeces": (("faeces", "poo", "medical"),),
    "fetus": (
        ("fetus", "baby | pregnancy", "medical"),
        ("fetal", "of the baby", "medical"),
    ),
    "fever": (("fever", "high temperature", "false-friend"),),
    "flatulence": (("flatulence", "wind | farting", "medical"),),
    "flu": (("influenza", "flu", "medical"),),
    "formulations": (("formulation", "type | way of using a medicine", "complex"),),
    "gullet": (("gullet", "food pipe", "medical"),),
    "GUM clinic": (("GUM clinic", "sexual health clinic", "medical"),),
    "haemorrhage": (("haemorrhage", "very heavy bleed", "medical"),),
    "ie": (
        ("ie", "that is | that means", "complex"),
        ("i.e.", "that is | that means", "complex"),
    ),
    "immunisation": (("immunisation", "vaccination", "medical"),),
    "incurable": (("incurable", "cannot be cured", "complex"),),
    "interaction": (("interaction", "does not mix with", "complex"),),
    "licensed for": (("licensed for", "can be used for | officially approved for", "complex"),),
    "medication": (("medication", "medicine", "complex"),),
    "nausea": (("nausea", "feeling sick", "medical"),),
    "negative": (("negative", "the test did not find what it was looking for", "false-friend"),),
    "occur": (("occur", "happen", "complex"),),
    "opticians, optometrists, ophthalmologists and orthoptists": (
        ("ophthalmologist", "eye doctor", "medical"),
        ("orthoptist", "specialist in squints and eye movement", "medical"),
    ),
    "oral": (("oral", "mouth | by mouth", "medical"),),
    "oral contraceptives": (("oral contraceptive", "contraceptive pill", "medical"),),
    "over the counter or OTC": (
        ("over the counter", "from a pharmacy or shop", "complex"),
        ("OTC", "from a pharmacy or shop", "complex"),
    ),
    "perinatal": (("perinatal", "during pregnancy and up to 12 months after birth", "medical"),),
    "persist": (("persist", "carry on | keep going", "complex"),),
    "poo": (("opening your bowels", "poo", "medical"),),
    "positive": (("positive", "the test found what it was looking for", "false-friend"),),
    "preconception care": (
        ("preconception care", "planning your pregnancy | getting pregnant", "medical"),
    ),
    "prognosis": (("prognosis", "outlook", "medical"),),
    "rectum": (("rectum", "bottom | anus", "medical"),),
    "reduce pain": (("reduce pain", "help with pain | ease the pain", "complex"),),
    "reduced kidney function": (
        ("reduced kidney function", "kidneys that do not work well", "medical"),
    ),
    "renal": (("renal", "kidney", "medical"),),
    "risk and risk factors": (("risk factor", "", "medical"),),
    "safety precaution": (("safety precaution", "for safety", "complex"),),
    "sedating": (("sedating", "makes you sleepy", "complex"),),
    "seek": (("seek", "ask for", "complex"),),
    "seizure (fit)": (("seizure", "fit", "medical"),),
    "service user": (("service user", "people | patients", "complex"),),
    "setting": (
        ("hospital setting", "in hospital", "complex"),
        ("community setting", "in school | in a clinic | at home", "complex"),
    ),
    "SMS": (("SMS", "text message", "complex"),),
    "specialist": (("cardiologist", "heart specialist", "medical"),),
    "specialty": (("specialty", "specialist | specialises in", "complex"),),
    "stool": (("stool", "poo", "medical"),),
    "triage": (("triage", "work out who to see first", "medical"),),
    "trimesters": (("trimester", "weeks of pregnancy", "medical"),),
    "uterus": (("uterus", "womb", "medical"),),
    "vial": (("vial", "plastic tube | glass container", "medical"),),
    # an everyday word (the labelling guidelines list it): a plainer word exists, but
    # it needs no explanation, so it is offered under "complex", not as jargon
    "vomiting": (("vomiting", "being sick", "complex"),),
}

# --- plainlanguage.gov -----------------------------------------------------------------

# Rows not taken: templates ("a and/or b"), US government or military phrasing, and
# everyday words whose suggested swap would flag most health pages ("type 2 diabetes",
# "your address", "kidney function", "the combined pill").
PLAIN_SKIP = frozenset(
    {
        "a and/or b",
        "address",
        "aircraft",
        "arrive onboard",
        "combat environment",
        "combined",
        "for example,______etc.",
        "forward",
        "function",
        "it is",
        "not later than 10 may",
        "not later than 1600",
        "said, some, such",
        "subject",
        "the month of",
        "there are",
        "there is",
        "this activity, command",
        "time period",
        "type",
        "vice",
        "your office",
        "/ (slash)",
    }
)
# Slips in the source: "minimize | decrease, method", "inspite of".
PLAIN_FIXES = {"minimize": "decrease", "notwithstanding": "in spite of | still"}

# --- HealthCare.gov glossary -------------------------------------------------------------

# Titles that need more than the generic clean-up: title -> terms.
HEALTHCARE_TITLES = {
    "Attest/Attestation": ("attest", "attestation"),
    "Donut Hole, Medicare Prescription Drug": ("donut hole",),
    "Medicare Prescription Drug Donut Hole": ("donut hole",),
    "Habilitative/Habilitation Services": ("habilitative service", "habilitation service"),
    "Rehabilitative/Rehabilitation Services": (),  # everyday words
    "Out-of-pocket maximum/limit": ("out-of-pocket maximum", "out-of-pocket limit"),
    "Rider (exclusionary rider)": ("exclusionary rider",),
    "UCR (Usual, Customary, and Reasonable)": ("usual, customary, and reasonable",),
    "Well-baby and Well-child Visits": ("well-baby visit", "well-child visit"),
    "Vision or Vision Coverage": ("vision coverage",),
    "Insurance Co-Op": ("insurance co-op",),
}
# Terms not taken (after clean-up): names of laws, agencies and programmes (names, not
# jargon), abbreviations (the abbreviation rule handles those), and everyday words or
# phrases whose ordinary meaning is enough on a health page.
HEALTHCARE_SKIP = frozenset(
    {
        # names
        "affordable care act", "centers for medicare & medicaid service",
        "children's health insurance program", "cobra",
        "department of health and human service", "family and medical leave act",
        "federally recognized tribe", "health care workforce incentive",
        "in person assistance personnel program", "medicaid", "medicare",
        "medicare advantage", "medicare part d", "original medicare",
        "patient protection and affordable care act", "social security",
        "social security benefit", "social security survivors benefit",
        "state health insurance assistance program", "state insurance department",
        "state medical assistance office", "supplemental security income", "tricare",
        "tty",
        # everyday words and phrases
        "agent", "alimony", "appeal", "benefit", "brand name", "broker", "cancelled debt",
        "capital gain", "claim", "co-op", "complication of pregnancy", "conversion",
        "court award", "dental coverage", "dependent",
        "disability", "dividend", "domestic partnership", "drug list",
        "eligible immigration status", "emergency medical condition",
        "emergency medical transportation",
        "emergency room care", "emergency service", "exchange", "fee", "full-time employee",
        "generic drug", "health coverage", "health insurance", "health status",
        "home health care", "hospice service", "hospital outpatient care",
        "hospitalization", "inpatient care", "interest", "investment income",
        "long-term care", "marketplace", "member survey result", "navigator",
        "net capital gain", "net rental income", "network", "new plan",
        "nondiscrimination", "notice", "penalty", "pension", "physician service", "plan",
        "prescription drug", "prevention", "public health", "reconstructive surgery",
        "referral", "rental or royalty income", "retirement benefit",
        "self-employment income", "service area", "specialist", "urgent care",
        "vision coverage", "waiting period",
    }
)  # fmt: skip
# Short glosses in our own words (not the glossary's) for common insurance terms.
INSURANCE_GLOSSES = {
    "allowed amount": "most your plan pays for a service",
    "balance billing": "a bill for the part your plan did not pay",
    "coinsurance": "your share of the cost, as a percentage",
    "copayment": "fixed amount you pay for a service",
    "deductible": "amount you pay before your plan starts to pay",
    "donut hole": "gap in drug cover",
    "formulary": "list of medicines your plan covers",
    "grievance": "complaint",
    "out-of-pocket cost": "costs you pay yourself",
    "pre-existing condition": "health problem you had before your cover started",
    "preauthorization": "approval from your plan before you get care",
    "premium": "amount you pay for your plan each month",
    "prior authorization": "approval from your plan before you get care",
    "rescission": "cancelling your cover",
}

# --- our own list ------------------------------------------------------------------------
# Written by the plainlint developers, not derived from any source: medical words often
# found on patient pages (cancer pages especially) that the sources above do not list.
# Alternatives are short plain glosses in our own words.  No abbreviations here: a
# separate rule checks that abbreviations are spelled out.

PLAINLINT_TERMS: tuple[tuple[str, str], ...] = (
    ("adjuvant", "extra treatment after the main treatment"),
    ("anaemia", "low red blood cell count"),
    ("analgesic", "painkiller"),
    ("anti-emetic", "anti-sickness medicine"),
    ("asymptomatic", "without symptoms"),
    ("benign", "not cancer"),
    ("biopsy", "test that takes a small sample of tissue"),
    ("carcinoma", "cancer"),
    ("carcinomatosis", "cancer that has spread widely"),
    ("cardiac", "heart"),
    ("cerebral", "of the brain"),
    ("cerebrospinal fluid", "the fluid around the brain and spinal cord"),
    ("cognitive", "thinking and memory"),
    ("comorbidity", "other health condition"),
    ("contraindication", "reason not to use a treatment"),
    ("contrast medium", "dye used in scans"),
    ("corticosteroid", "steroid"),
    ("cytology", "looking at cells under a microscope"),
    ("diplopia", "double vision"),
    ("dysphagia", "difficulty swallowing"),
    ("dyspnoea", "breathlessness"),
    ("efficacy", "how well it works"),
    ("fatigue", "tiredness"),
    ("gastrointestinal", "stomach and bowel"),
    ("haematoma", "collection of blood | bruise"),
    ("hepatic", "liver"),
    ("hydrocephalus", "build-up of fluid in the brain"),
    ("hypertension", "high blood pressure"),
    ("hypotension", "low blood pressure"),
    ("idiopathic", "with no known cause"),
    ("immunotherapy", "treatment that helps the immune system fight cancer"),
    ("intracranial pressure", "pressure inside the head"),
    ("intrathecal", "into the fluid around the spinal cord"),
    ("intravenous", "into a vein"),
    ("lesion", "abnormal area"),
    ("leptomeningeal", "of the thin layers covering the brain and spinal cord"),
    ("leptomeningeal metastasis", "cancer that has spread to the layers covering the brain"),
    ("leptomeninges", "the thin layers covering the brain and spinal cord"),
    ("lethargy", "lack of energy"),
    ("lumbar", "lower back"),
    ("lumbar puncture", "test that takes fluid from the lower back"),
    ("lymph node", "gland"),
    ("malignant", "cancer"),
    ("melanoma", "a type of skin cancer"),
    ("meninges", "the layers covering the brain and spinal cord"),
    ("meningitis", "swelling of the layers covering the brain"),
    ("metastasis", "cancer that has spread"),
    ("metastasise", "spread"),
    ("metastatic", "that has spread"),
    ("mortality", "death | death rate"),
    ("neoplastic", "caused by cancer"),
    ("neurological", "of the brain and nerves"),
    ("neurologist", "brain and nerve doctor"),
    ("neurosurgeon", "brain surgeon"),
    ("neutropenia", "low white blood cell count"),
    ("oedema", "swelling"),
    ("oesophagus", "food pipe"),
    ("oncologist", "cancer doctor"),
    ("oncology", "cancer care"),
    ("palliative", "to ease symptoms"),
    ("paraesthesia", "pins and needles"),
    ("photophobia", "sensitivity to light"),
    ("prophylactic", "preventive"),
    ("prophylaxis", "prevention"),
    ("pulmonary", "lung"),
    ("radiologist", "doctor who reads scans"),
    ("recurrence", "coming back"),
    ("remission", "signs of illness have reduced or gone"),
    ("sepsis", "serious reaction to an infection"),
    ("shunt", "thin tube that drains fluid"),
    ("subcutaneous", "under the skin"),
    ("systemic", "throughout the body"),
    ("thrombocytopenia", "low platelet count"),
    ("topical", "put on the skin"),
    ("vertebra", "bone of the spine"),
    # Multi-word clinical terms built of common words, which word frequency cannot catch
    # (written for plainlint: tests, measures, teams and procedures patients meet).
    ("ejection fraction", "how well your heart pumps"),
    ("peak flow", "how fast you can breathe out"),
    ("oxygen saturation", "the level of oxygen in your blood"),
    ("nerve conduction study", "test of how well your nerves carry signals"),
    ("plasma exchange", "treatment that filters your blood"),
    ("liver function test", "blood test that checks your liver"),
    ("kidney function test", "blood test that checks your kidneys"),
    ("urea and electrolytes", "blood test that checks your kidneys"),
    ("blood gas", "blood test that measures oxygen in your blood"),
    ("fine needle aspiration", "test that uses a thin needle to take cells"),
    ("core biopsy", "test that takes a small piece of tissue with a needle"),
    ("sentinel node biopsy", "test of the first lymph node cancer may spread to"),
    ("resection margin", "edge of the tissue removed in an operation"),
    ("staging scan", "scan to see how far a cancer has spread"),
    ("barium swallow", "x-ray of your food pipe after a special drink"),
    ("barium enema", "x-ray of your bowel"),
    ("tilt table test", "test of your blood pressure as you are tilted upright"),
    ("Holter monitor", "small recorder that checks your heart rhythm for a day or more"),
    ("beta blocker", "medicine that slows your heart"),
    ("ACE inhibitor", "medicine that relaxes your blood vessels"),
    ("calcium channel blocker", "medicine that relaxes your blood vessels"),
    ("proton pump inhibitor", "medicine that lowers stomach acid"),
    ("loop diuretic", "water tablet"),
    ("nerve block", "injection that numbs part of your body"),
    ("preventer inhaler", "inhaler you use every day to stop symptoms"),
    ("reliever inhaler", "inhaler that eases symptoms quickly"),
    ("nuchal translucency", "measurement of fluid at the back of a baby's neck"),
    ("soft marker", "small difference seen on a pregnancy scan"),
    ("rhesus negative", "a blood type without the RhD protein"),
    ("gestational age", "how many weeks pregnant you are"),
    ("in-network", "covered by your plan's doctors"),
    ("out-of-network", "outside your plan's doctors"),
    ("catastrophic coverage", "cover for very high drug costs"),
    ("coverage gap", "gap in your drug cover"),
    ("means-tested", "depending on your income and savings"),
    ("mandatory reconsideration", "asking for a decision to be looked at again"),
    ("work capability assessment", "check of how your illness affects your work"),
    ("advance directive", "written wishes about future treatment"),
    ("lasting power of attorney", "legal right for someone to decide for you"),
    ("respite care", "short break care"),
    ("multidisciplinary team", "team of different health professionals"),
    ("clinical nurse specialist", "specialist nurse"),
    ("occupational therapist", "therapist who helps with everyday tasks"),
    ("speech and language therapist", "therapist who helps with speech and swallowing"),
    ("day case", "treatment where you go home the same day"),
    ("elective surgery", "planned operation"),
    ("nil by mouth", "nothing to eat or drink"),
    ("glucose tolerance test", "blood sugar test after a sugary drink"),
    ("focal seizure", "seizure that starts in one part of the brain"),
    ("retinal detachment", "when the back of the eye comes away"),
)


# --- readers ---------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Markup-free, single-spaced text of an HTML/Nunjucks fragment."""
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def read_nhs(shared: Path, verbose: bool = False) -> list[Row]:
    source = (shared / NHS_FILE).read_text(encoding="utf-8")
    parts = re.split(r"<h3[^>]*>(.*?)</h3>", source, flags=re.S)
    entries = {_clean(parts[i]): _clean(parts[i + 1]) for i in range(1, len(parts), 2)}
    rows = []
    for heading, chosen in NHS_ENTRIES.items():
        if heading not in entries:
            raise SystemExit(f"NHS A to Z: no entry {heading!r}; update NHS_ENTRIES")
        body = _squash(heading + " " + entries[heading])
        for term, alternative, category in chosen:
            if _squash(term) not in body:
                raise SystemExit(f"NHS A to Z: {term!r} not named in entry {heading!r}")
            rows.append(Row(term, alternative, "nhs", category))
    if verbose:
        unused = sorted(set(entries) - set(NHS_ENTRIES), key=str.casefold)
        print(f"NHS headings giving no row ({len(unused)}):", file=sys.stderr)
        for heading in unused:
            print(f"  {heading}", file=sys.stderr)
    return rows


def read_plainlanguage(shared: Path) -> list[Row]:
    rows = []
    in_table = False
    for line in (shared / PLAIN_FILE).read_text(encoding="utf-8").splitlines():
        line = line.replace("**", "").replace("\\_", "_").strip()
        if re.fullmatch(r"-+\s*\|\s*-+", line):
            in_table = True
            continue
        if not in_table or "|" not in line:
            in_table = in_table and not line.startswith("{:")
            continue
        left, right = (s.strip() for s in line.split("|", 1))
        if left.lower() in PLAIN_SKIP:
            continue
        alternatives = [a.replace("(omit)", "").strip() for a in right.split(",")]
        alternative = SEP.join(a for a in alternatives if a and a != "(either one)")
        for term in (t.strip() for t in left.split(",")):
            if term:
                fixed = PLAIN_FIXES.get(term.lower(), alternative)
                rows.append(Row(term.lower(), fixed, "plainlanguage", "complex"))
    if len(rows) < 150:
        raise SystemExit(f"plainlanguage.gov: only {len(rows)} rows parsed; format changed?")
    return rows


def _glossary_terms(title: str) -> tuple[str, ...]:
    if title in HEALTHCARE_TITLES:
        return HEALTHCARE_TITLES[title]
    title = re.sub(r"\s*\([^)]*\)", "", title)  # "(HMO)", "(Job-based Coverage)"
    title = re.sub(r",\s*[A-Z]{2,}$", "", title).strip()  # "..., EPSDT"
    words = [w if re.fullmatch(r"[A-Z]{2,}", w) else w.lower() for w in title.split()]
    last = words[-1]
    if words[-2:-1] != ["of"] and re.fullmatch(r"[a-z-]+[^su]s", last):
        words[-1] = last[:-3] + "y" if last.endswith("ies") else last[:-1]  # singular
    return (" ".join(words),)


def read_healthcare(shared: Path) -> list[Row]:
    rows = []
    for path in sorted((shared / HEALTHCARE_DIR).glob("*.md")):
        m = re.search(r"^title:\s*(.+?)\s*$", path.read_text(encoding="utf-8"), re.M)
        if m is None:
            raise SystemExit(f"HealthCare.gov glossary: no title in {path.name}")
        title = m.group(1).strip().strip("'\"").strip()
        for term in _glossary_terms(title):
            if term.lower() not in HEALTHCARE_SKIP:
                rows.append(
                    Row(term, INSURANCE_GLOSSES.get(term, ""), "healthcare-gov", "insurance")
                )
    if len(rows) < 100:
        raise SystemExit(f"HealthCare.gov glossary: only {len(rows)} rows; format changed?")
    return rows


def read_plainlint() -> list[Row]:
    return [Row(term, alt, "plainlint", "medical") for term, alt in PLAINLINT_TERMS]


# --- merge and write -------------------------------------------------------------------


def _dedupe_key(term: str) -> str:
    return re.sub(r"[\s\-]+", "", term.replace("\u2019", "'")).lower()


def merge(rows: Iterable[Row]) -> list[Row]:
    """One row per term: best source first, then a row with an alternative."""
    best: dict[str, Row] = {}
    for row in rows:
        for value in row:
            if "\t" in value or "\n" in value or value != value.strip():
                raise SystemExit(f"bad field in {row}")
        if row.category not in CATEGORIES or row.source not in PRIORITY:
            raise SystemExit(f"bad source or category in {row}")
        rank = (PRIORITY[row.source], row.alternative == "", row)
        key = _dedupe_key(row.term)
        old = best.get(key)
        if old is None or rank < (PRIORITY[old.source], old.alternative == "", old):
            best[key] = row
    return sorted(best.values(), key=lambda r: (r.term.casefold(), r.term))


def render(rows: list[Row]) -> str:
    return "".join("\t".join(r) + "\n" for r in [Row(*HEADER), *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if output is stale")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not (args.shared / "sources").is_dir():
        parser.error(f"{args.shared}: no sources/ folder (pass --shared)")

    rows = merge(
        [
            *read_nhs(args.shared, args.verbose),
            *read_plainlint(),
            *read_healthcare(args.shared),
            *read_plainlanguage(args.shared),
        ]
    )
    text = render(rows)
    if args.check:
        current = args.output.read_bytes() if args.output.exists() else b""
        if current != text.encode("utf-8"):
            print(f"{args.output} is out of date; run tools/build_lexicon.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        counts[r.source, r.category] = counts.get((r.source, r.category), 0) + 1
    print(f"wrote {len(rows)} terms to {args.output}")
    for (source, category), n in sorted(counts.items()):
        print(f"  {source:15} {category:13} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
