"""Sanity checks for labels.yml, and counts.

    /work/venv/bin/python bench/jargon_eval/check_labels.py

Checks: every own page exists; every MedQuAD XML + pid exists (skipped, with a reason, when
../shared is absent); every labelled term occurs in the page's visible text (case-insensitive,
allowing plural/inflected forms); no duplicate term on a page; glossed is a boolean.
Does not import or run plainlint.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from medquad import MEDQUAD_DIR, medquad_page, page_text  # noqa: E402


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
    # allow an inflected last word: "vertebra" ~ "vertebrae", "atrium" ~ "atria"
    head, _, last = t.rpartition(" ")
    stem = _stem(last)
    pat = (re.escape(head) + r"\s+" if head else r"\b") + re.escape(stem) + r"[a-z]{0,4}\b"
    return re.search(pat, body) is not None


def main() -> int:
    entries = yaml.safe_load((HERE / "labels.yml").read_text(encoding="utf-8"))
    errors: list[str] = []
    skipped = 0
    stats = {"own": Counter(), "medquad": Counter()}
    folders: Counter = Counter()
    seen_pages = set()
    for e in entries:
        if "page" in e:
            src, key = "own", e["page"]
            path = HERE / key
            if not path.is_file():
                errors.append(f"{key}: missing file")
                continue
            text = own_page_text(path)
            words = len(text.split())
            if not 150 <= words <= 500:
                errors.append(f"{key}: {words} visible words (want 150-500)")
        else:
            src, key = "medquad", f'{e["medquad"]}#{e["pid"]}'
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
                errors.append(f"{key}: term not found in page: {term!r}")
            stats[src]["terms"] += 1
            stats[src]["glossed" if gl else "unglossed"] += 1
        for n, c in names.items():
            if c > 1:
                errors.append(f"{key}: duplicate term {n!r}")

    for e in errors:
        print("ERROR", e)
    if skipped:
        print(f"note: {skipped} MedQuAD entries not checked: {MEDQUAD_DIR} is absent")
    total = stats["own"] + stats["medquad"]
    print(f"{'source':<9}{'pages':>7}{'terms':>7}{'glossed':>9}{'unglossed':>11}{'%glossed':>10}")
    for name, c in (("own", stats["own"]), ("medquad", stats["medquad"]), ("total", total)):
        pct = 100 * c["glossed"] / c["terms"] if c["terms"] else 0
        print(f"{name:<9}{c['pages']:>7}{c['terms']:>7}{c['glossed']:>9}{c['unglossed']:>11}{pct:>9.1f}%")
    if folders:
        print("medquad pages per folder:", ", ".join(f"{k} {v}" for k, v in sorted(folders.items())))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
