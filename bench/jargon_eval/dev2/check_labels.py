"""Sanity checks for dev2/labels.yml, and counts.

    /work/venv/bin/python bench/jargon_eval/dev2/check_labels.py

Adapted from ../check_labels.py. Checks: every own page exists and has 150-450 visible words;
every own page in pages/ has a labels entry; every MedQuAD XML + pid exists (skipped, with a
reason, when ../shared is absent); no MedQuAD file is reused from the first set (only its
"- medquad:" lines are read); every labelled term occurs in the page's visible text
(case-insensitive, allowing plural/inflected forms; a term glued to the next word in the source
text is a warning, not an error); no duplicate term on a page; glossed is a boolean.
Does not import or run plainlint.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from medquad import MEDQUAD_DIR, medquad_page, page_text  # noqa: E402

MIN_WORDS, MAX_WORDS = 150, 450


def own_page_text(path: Path) -> str:
    src = path.read_text(encoding="utf-8")
    src = re.sub(r"(?is)<head\b.*?</head>", " ", src)  # <title> is not labelled
    return page_text(src)


def _stem(word: str) -> str:
    for suf in ("ies", "ae", "es", "um", "us", "is", "on", "ia", "a", "i", "s", "e", "y"):
        if len(word) > len(suf) + 3 and word.endswith(suf):
            return word[: -len(suf)]
    return word


def _norm(s: str) -> str:
    return re.sub(r"[\s\-]+", " ", s.lower())


def occurs(term: str, text: str) -> bool:
    t, body = _norm(term), _norm(text)
    if re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", body):
        return True
    # allow an inflected last word: "vertebra" ~ "vertebrae", "atrium" ~ "atria"
    head, _, last = t.rpartition(" ")
    stem = _stem(last)
    pat = (re.escape(head) + r"\s+" if head else r"\b") + re.escape(stem) + r"[a-z]{0,4}\b"
    return re.search(pat, body) is not None


def glued(term: str, text: str) -> bool:
    """The term starts a longer word (source text lost a dash or space: 'aceruloplasminemiaboth')."""
    return re.search(r"(?<!\w)" + re.escape(_norm(term)), _norm(text)) is not None


def first_set_medquad() -> set[str]:
    labels = HERE.parent / "labels.yml"
    if not labels.is_file():
        return set()
    out = set()
    for line in labels.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*- medquad:\s*(\S+)", line)
        if m:
            out.add(m.group(1))
    return out


def main() -> int:
    entries = yaml.safe_load((HERE / "labels.yml").read_text(encoding="utf-8"))
    errors: list[str] = []
    warnings: list[str] = []
    skipped = 0
    stats = {"own": Counter(), "medquad": Counter()}
    folders: Counter = Counter()
    seen_pages = set()
    used_before = first_set_medquad()
    own_words = []
    for e in entries:
        if "page" in e:
            src, key = "own", e["page"]
            path = HERE / key
            if not path.is_file():
                errors.append(f"{key}: missing file")
                continue
            text = own_page_text(path)
            words = len(text.split())
            own_words.append(words)
            if not MIN_WORDS <= words <= MAX_WORDS:
                errors.append(f"{key}: {words} visible words (want {MIN_WORDS}-{MAX_WORDS})")
        else:
            src, key = "medquad", f'{e["medquad"]}#{e["pid"]}'
            if e["medquad"] in used_before:
                errors.append(f"{key}: MedQuAD file already used in the first set")
            xml = MEDQUAD_DIR / e["medquad"]
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
                folders[e["medquad"].split("/")[0]] += 1
                words = len(text.split())
                if not 80 <= words <= 420:
                    warnings.append(f"{key}: {words} rendered words")
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
                if glued(term, text):
                    warnings.append(f"{key}: term only found glued to a longer word: {term!r}")
                else:
                    errors.append(f"{key}: term not found in page: {term!r}")
            stats[src]["terms"] += 1
            stats[src]["glossed" if gl else "unglossed"] += 1
        for n, c in names.items():
            if c > 1:
                errors.append(f"{key}: duplicate term {n!r}")

    for p in sorted((HERE / "pages").glob("*.html")):
        if f"pages/{p.name}" not in seen_pages:
            errors.append(f"pages/{p.name}: no labels entry")

    for w in warnings:
        print("warning", w)
    for e in errors:
        print("ERROR", e)
    if skipped:
        print(f"note: {skipped} MedQuAD entries not checked: {MEDQUAD_DIR} is absent")
    total = stats["own"] + stats["medquad"]
    print(f"{'source':<9}{'pages':>7}{'terms':>7}{'glossed':>9}{'unglossed':>11}{'%glossed':>10}")
    for name, c in (("own", stats["own"]), ("medquad", stats["medquad"]), ("total", total)):
        pct = 100 * c["glossed"] / c["terms"] if c["terms"] else 0
        print(f"{name:<9}{c['pages']:>7}{c['terms']:>7}{c['glossed']:>9}{c['unglossed']:>11}{pct:>9.1f}%")
    if own_words:
        print(f"own pages: {min(own_words)}-{max(own_words)} visible words each, {sum(own_words)} in all")
    if folders:
        print("medquad pages per folder:", ", ".join(f"{k} {v}" for k, v in sorted(folders.items())))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
