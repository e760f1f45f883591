"""Precision and recall of unexplained-jargon findings on the labelled sets in bench/jargon_eval/.

    python bench/jargon_accuracy.py [--details]

Four sets: three development sets (bench/jargon_eval/labels.yml, dev2/ and dev3/, each
added when the one before had been worn out), used to find and fix the rule's errors, and
a held-out set (bench/jargon_eval/holdout/), labelled by another annotator blind to
plainlint and to the other sets, whose errors are never shown and never tuned against. Each labelled
page lists every jargon term on it, marked glossed or not at its first use, by hand (see
the sets' README.md files). A finding is a true positive when it names a term labelled
unglossed; a false positive when it names a term labelled glossed, or a word the labeller
did not count as jargon. Recall is over the terms labelled unglossed. Own pages ship in the
repository; MedQuAD pages are rendered from ../shared/corpus/medquad/ and skipped when it is
absent.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
EVAL = HERE / "jargon_eval"
MEDQUAD = HERE.parents[1] / "shared" / "corpus" / "medquad"
sys.path.insert(0, str(EVAL))


def key(term: str) -> str:
    """A form two spellings of one term share: case folded unless an abbreviation,
    plurals and Latin/Greek endings reduced ("metastases" and "metastasis" meet)."""
    words = term.replace("\u2019", "'").replace("-", " ").split()
    out = []
    for w in words:
        if w.endswith("s") and len(w) > 2 and w[:-1].isupper():
            w = w[:-1]  # "NSAIDs", "TFTs": plural abbreviations
        elif not (w.isupper() and len(w) > 1):
            w = w.lower()
            for end, repl in (("ses", "sis"), ("ies", "y"), ("ae", "a"), ("'s", ""), ("es", ""), ("s", "")):
                if w.endswith(end) and len(w) - len(end) >= 3:
                    w = w[: -len(end)] + repl
                    break
        out.append(w)
    return " ".join(out)


def same_term(found: str, labelled: str) -> bool:
    a, b = key(found), key(labelled)
    if a == b:
        return True
    # one names part of the other: "cerebrospinal" found, "cerebrospinal fluid" labelled
    return bool(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", b) or re.search(rf"(?<!\w){re.escape(b)}(?!\w)", a))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    pages: int = 0
    details: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.pages += other.pages
        self.details += other.details


def score_page(name: str, html: str, labels: list[dict], config) -> Score:
    from plainlint.engine import check_source
    from plainlint.findings import Severity

    result = check_source(html, name, config)
    found = [
        f.message.split('"')[1]
        for f in result.findings
        if f.rule == "unexplained-jargon" and f.severity > Severity.INFO
    ]
    score = Score(pages=1)
    matched: set[int] = set()
    for term in found:
        hit = next((i for i, lab in enumerate(labels) if same_term(term, lab["term"])), None)
        if hit is None:
            score.fp += 1
            score.details.append(f"FP not jargon    {name}: {term}")
        elif labels[hit]["glossed"]:
            score.fp += 1
            score.details.append(f"FP glossed       {name}: {term}")
        else:
            if hit not in matched:
                score.tp += 1
            matched.add(hit)
    for i, lab in enumerate(labels):
        if not lab["glossed"] and i not in matched:
            score.fn += 1
            score.details.append(f"FN missed        {name}: {lab['term']}")
    return score


def evaluate(config=None, folder: Path = EVAL) -> dict[str, Score]:
    """Scores by source for the labels in ``folder`` (the development set, or its
    ``holdout/``): "own" pages always; "medquad" when ../shared is present."""
    from medquad import medquad_page

    from plainlint.config import load_config

    config = config or load_config()
    entries = yaml.safe_load((folder / "labels.yml").read_text(encoding="utf-8"))
    scores = {"own": Score(), "medquad": Score()}
    for entry in entries:
        if "page" in entry:
            path = folder / entry["page"]
            scores["own"].add(score_page(entry["page"], path.read_text(encoding="utf-8"), entry["terms"], config))
        elif MEDQUAD.is_dir():
            name = f"{entry['medquad']}#{entry['pid']}"
            page = medquad_page(MEDQUAD / entry["medquad"], str(entry["pid"]))
            scores["medquad"].add(score_page(name, page, entry["terms"], config))
    return scores


def main() -> None:
    details: list[str] = []
    print(f"{'set':<22}{'pages':>6}{'TP':>6}{'FP':>6}{'FN':>6}{'precision':>11}{'recall':>8}")
    sets = (("development", EVAL), ("development 2", EVAL / "dev2"), ("development 3", EVAL / "dev3"),
            ("held-out", EVAL / "holdout"))
    for label, folder in sets:
        total = Score()
        for name, s in evaluate(folder=folder).items():
            total.add(s)
            if s.pages:
                row = f"{label} {name}"
                print(f"{row:<22}{s.pages:>6}{s.tp:>6}{s.fp:>6}{s.fn:>6}{s.precision:>11.3f}{s.recall:>8.3f}")
        row = f"{label} all"
        print(f"{row:<22}{total.pages:>6}{total.tp:>6}{total.fp:>6}{total.fn:>6}{total.precision:>11.3f}{total.recall:>8.3f}")
        if label != "held-out":  # its errors stay unseen, so that nobody tunes the rule on them
            details += [f"{label}: {d}" for d in total.details]
    if "--details" in sys.argv:
        print("\n".join(sorted(details)))


if __name__ == "__main__":
    main()
