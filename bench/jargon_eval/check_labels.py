"""Sanity checks for the labelled jargon sets, and their counts.

    python bench/jargon_eval/check_labels.py [SET_FOLDER ...]   (default: all three sets)

A set folder holds labels.yml and pages/ (bench/jargon_eval itself, dev2/, holdout/).
Checks: every own page exists, is labelled, and has 150-450 visible words; every MedQuAD
XML + pid exists and the answer has 80-400 words; no MedQuAD answer is used by two sets;
every labelled term occurs in the page's visible text (case-insensitive, allowing plural
and inflected forms); no term twice on a page; no page listed twice; glossed is a boolean.
Does not import or run plainlint.
"""
from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SETS = (HERE, HERE / "dev2", HERE / "holdout")
sys.path.insert(0, str(HERE))
from medquad import MEDQUAD_DIR, medquad_page, page_text  # noqa: E402

OWN_WORDS = (150, 450)
MEDQUAD_WORDS = (80, 400)


def own_page_text(path: Path) -> str:
    src = path.read_text(encoding="utf-8")
    src = re.sub(r"(?is)<head\b.*?</head>", " ", src)  # <title> is not labelled
    return page_text(src)


def _stem(word: str) -> str:
    for suf in ("ies", "ae", "es", "um", "us", "is", "on", "ia", "a", "i", "s", "e", "y"):
        if len(word) > len(suf) + 3 and word.endswith(suf):
            return word[: -len(suf)]
    return word


def occurs(term: str, text: str) -> bool:
    norm = lambda s: re.sub(r"[\s\-]+", " ", s.lower())  # noqa: E731
    t, body = norm(term), norm(text)
    if re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", body):
        return True
    head, _, last = t.rpartition(" ")
    stem = _stem(last)
    pat = (re.escape(head) + r"\s+" if head else r"\b") + re.escape(stem) + r"[a-z]{0,4}\b"
    return re.search(pat, body) is not None


def answer_words(xml: Path, pid: str) -> int:
    for pair in ET.parse(xml).getroot().iter("QAPair"):
        if pair.get("pid") == pid:
            return len((pair.findtext("Answer") or "").split())
    return -1


def medquad_used_elsewhere(folder: Path) -> set[str]:
    """MedQuAD files the other sets label (read from their `- medquad:` lines only)."""
    used = set()
    for other in SETS:
        if other.resolve() != folder.resolve() and (other / "labels.yml").is_file():
            for line in (other / "labels.yml").read_text(encoding="utf-8").splitlines():
                m = re.match(r"\s*- medquad:\s*(\S+)", line)
                if m:
                    used.add(m.group(1))
    return used


def main(argv: list[str]) -> int:
    folders = [Path(a).resolve() for a in argv[1:]] or list(SETS)
    return max(check(folder) for folder in folders)


def check(folder: Path) -> int:
    print(f"== {folder.relative_to(HERE.parent) if folder.is_relative_to(HERE.parent) else folder}")
    entries = yaml.safe_load((folder / "labels.yml").read_text(encoding="utf-8"))
    used_before = medquad_used_elsewhere(folder)
    errors: list[str] = []
    skipped = 0
    stats = {"own": Counter(), "medquad": Counter()}
    folders: Counter = Counter()
    styles: Counter = Counter()
    seen_pages = set()
    listed_pages = set()
    for e in entries:
        if "page" in e:
            src, key = "own", e["page"]
            path = folder / key
            if not path.is_file():
                errors.append(f"{key}: missing file")
                continue
            listed_pages.add(path.resolve())
            raw = path.read_text(encoding="utf-8")
            styles["whole page (<main>)" if "<main" in raw else "CMS fragment"] += 1
            text = own_page_text(path)
            words = len(text.split())
            if not OWN_WORDS[0] <= words <= OWN_WORDS[1]:
                errors.append(f"{key}: {words} visible words (want {OWN_WORDS[0]}-{OWN_WORDS[1]})")
        else:
            src, key = "medquad", f'{e["medquad"]}#{e["pid"]}'
            xml = MEDQUAD_DIR / e["medquad"]
            if e["medquad"] in used_before:
                errors.append(f"{key}: XML already used by another set")
            if not MEDQUAD_DIR.is_dir():
                skipped += 1
                text = None
            elif not xml.is_file():
                errors.append(f"{key}: missing XML")
                continue
            else:
                try:
                    text = page_text(medquad_page(xml, str(e["pid"])))
                except KeyError as exc:
                    errors.append(f"{key}: {exc}")
                    continue
                n = answer_words(xml, str(e["pid"]))
                if not MEDQUAD_WORDS[0] <= n <= MEDQUAD_WORDS[1]:
                    errors.append(f"{key}: answer has {n} words (want {MEDQUAD_WORDS[0]}-{MEDQUAD_WORDS[1]})")
                folders[e["medquad"].split("/")[0]] += 1
        if key in seen_pages:
            errors.append(f"{key}: page listed twice")
        seen_pages.add(key)
        stats[src]["pages"] += 1
        names = Counter()
        for t in e.get("terms") or []:
            term, gl = t.get("term"), t.get("glossed")
            if not isinstance(term, str) or not isinstance(gl, bool):
                errors.append(f"{key}: bad entry {t!r}")
                continue
            names[term.lower()] += 1
            if text is not None and not occurs(term, text):
                if src == "medquad" and term.lower() in text.lower():
                    print(f"warning {key}: {term!r} is glued to the next word in the source")
                else:
                    errors.append(f"{key}: term not found in page: {term!r}")
            stats[src]["terms"] += 1
            stats[src]["glossed" if gl else "unglossed"] += 1
        for n, c in names.items():
            if c > 1:
                errors.append(f"{key}: duplicate term {n!r}")

    for p in sorted((folder / "pages").glob("*.html")):
        if p.resolve() not in listed_pages:
            errors.append(f"pages/{p.name}: page file not in labels.yml")

    for e in errors:
        print("ERROR", e)
    if skipped:
        print(f"note: {skipped} MedQuAD entries not checked: {MEDQUAD_DIR} is absent")
    total = stats["own"] + stats["medquad"]
    print(f"{'source':<9}{'pages':>7}{'terms':>7}{'glossed':>9}{'unglossed':>11}{'%glossed':>10}")
    for name, c in (("own", stats["own"]), ("medquad", stats["medquad"]), ("total", total)):
        pct = 100 * c["glossed"] / c["terms"] if c["terms"] else 0
        print(f"{name:<9}{c['pages']:>7}{c['terms']:>7}{c['glossed']:>9}{c['unglossed']:>11}{pct:>9.1f}%")
    if styles:
        print("own pages:", ", ".join(f"{k} {v}" for k, v in sorted(styles.items())))
    if folders:
        print("medquad pages per folder:", ", ".join(f"{k} {v}" for k, v in sorted(folders.items())))
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
