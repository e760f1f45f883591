"""Throughput of `plainlint check` on a folder of real pages, default rules, one process.

    python bench/speed.py [FOLDER]        (default: ../shared/corpus/wcag-html)

Prints pages, words, seconds, pages/s and words/s for a warm run (settings loaded and
spaCy imported before timing), and the wall time of a cold `plainlint check` on one page.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "wcag-html"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not folder.is_dir():
        sys.exit(f"no corpus at {folder}: pass a folder of HTML pages")
    from plainlint.analysis.segment import tokenizer
    from plainlint.config import load_config
    from plainlint.engine import check_file
    from plainlint.files import collect

    config = load_config()
    tokenizer()  # load spaCy before timing: we measure checking, not start-up
    targets, _ = collect([str(folder)])
    started = time.perf_counter()
    words = findings = 0
    for target in targets:
        result = check_file(target.path, config)
        words += result.counts.words if result.counts else 0
        findings += len(result.findings)
    seconds = time.perf_counter() - started

    page = ROOT / "examples" / "lymphoedema.html"
    cold = time.perf_counter()
    subprocess.run([sys.executable, "-m", "plainlint", "check", "--no-cache", str(page)], capture_output=True)
    cold = time.perf_counter() - cold

    print(f"corpus      {folder}")
    print(f"machine     {os.cpu_count()} cores, Python {sys.version.split()[0]}, one process")
    print(f"pages       {len(targets)}")
    print(f"words       {words}")
    print(f"findings    {findings}")
    print(f"seconds     {seconds:.2f}")
    print(f"pages/s     {len(targets) / seconds:.1f}")
    print(f"words/s     {words / seconds:,.0f}")
    print(f"cold start  {cold:.2f} s (plainlint check on examples/lymphoedema.html)")


if __name__ == "__main__":
    main()
