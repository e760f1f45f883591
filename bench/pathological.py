"""Time and memory of `plainlint check` on the pathological inputs of issue 27.

Each input is generated into a temporary folder and checked by the plainlint importable in
this environment, in a subprocess of its own (`python -m plainlint check FILE --no-cache -j 1
--format json -o ...`), under a timeout and an address-space limit, so that a blow-up ends as
"killed" rather than taking the machine with it. For each: wall time, CPU time (user + system)
and peak resident memory of the run, its exit code and the size of its report.

To measure another copy of plainlint (the code before a change), point PYTHONPATH at it:

    PYTHONPATH=/path/to/old/checkout python bench/pathological.py

Timings on a shared machine are noisy: prefer the CPU column, and repeat (--repeat).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

TIMEOUT = 300.0  # seconds per run
MEMORY = 4 << 30  # bytes of address space per run (RLIMIT_AS); spaCy maps about 1 GB at start

_CONSONANTS = "bcdfghjklmnpqrstvwxz"
_VOWELS = "aeiou"


def made_up_word(rng: random.Random) -> str:
    """A pronounceable word that no list has ("bokasubaga"): rare, so a jargon candidate."""
    return "".join(rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(rng.randint(3, 5)))


def wide_table(columns: int = 50_000, size: int = 2_200_000) -> str:
    """A Markdown table of ``columns`` columns and as many rows as fit in ``size`` characters."""
    header = "|" + "|".join(f"c{i}" for i in range(columns)) + "|\n"
    rows = [header, "|" + "---|" * columns + "\n"]
    total = len(rows[0]) + len(rows[1])
    row = "|" + "x|" * columns + "\n"
    while total + len(row) <= size:
        rows.append(row)
        total += len(row)
    return "".join(rows)


def distinct_words(size: int = 9_500_000, seed: int = 1) -> str:
    """Paragraphs of five sentences of twelve made-up words, ``size`` characters in all."""
    rng = random.Random(seed)
    out, total = [], 0
    while total < size:
        paragraph = " ".join(" ".join(made_up_word(rng) for _ in range(12)) + "." for _ in range(5))
        out.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(out) + "\n"


def rare_sentence(words: int = 200_000, seed: int = 2) -> str:
    """One sentence of ``words`` made-up words."""
    rng = random.Random(seed)
    return " ".join(made_up_word(rng) for _ in range(words)) + ".\n"


def abbreviations(n: int = 200_000) -> str:
    return "MRI " * n + "\n"


def headings(n: int = 100_000) -> str:
    return "".join(f"# Heading {i}\n\n" for i in range(n))


def autocompleted_table(columns: int = 1_500, rows: int = 4_000) -> str:
    """About 14 KB: a header of ``columns`` columns, then short rows that a Markdown parser
    fills out with empty cells to the header's width: columns x rows cells. markdown-it-py 3
    built them all (markdown-it 14.1 and markdown-it-py 4 cap the cells filled in)."""
    return "|" + "a|" * columns + "\n|" + "-|" * columns + "\n" + "x\n" * rows


INPUTS: dict[str, tuple[str, Callable[[], str]]] = {
    "table of 50k columns (2.2 MB)": ("table.md", wide_table),
    "distinct made-up words (9.5 MB)": ("distinct.md", distinct_words),
    "200k rare words, one sentence": ("rare.md", rare_sentence),
    "'MRI ' x 200k": ("mri.md", abbreviations),
    "100k headings": ("headings.md", headings),
    "autocompleted table (14 KB)": ("autocomplete.md", autocompleted_table),
}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def measure(path: Path, report: Path, timeout: float = TIMEOUT) -> dict:
    """Run plainlint on ``path``: wall and CPU seconds, peak RSS in MB, exit code, report size."""
    command = [sys.executable, "-m", "plainlint", "check", str(path), "--no-cache", "-j", "1",
               "--format", "json", "-o", str(report)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # run in the input's folder: `python -m` puts the working folder first on sys.path, and a
    # checkout there would be measured in place of the plainlint on PYTHONPATH
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_limit_memory,
                            cwd=path.parent)
    try:
        _, err = proc.communicate(timeout=timeout)
        outcome = str(proc.returncode)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        outcome = f"killed after {timeout:.0f} s"
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1) and outcome.isdigit():
        last = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
        outcome += f" ({last[0][:80]})"
    return {
        "wall": wall,
        "cpu": cpu,
        # ru_maxrss of children is the largest of any child so far: each run is measured in a
        # fresh interpreter (see main), so this is that run's peak
        "rss_mb": after.ru_maxrss / 1024,
        "exit": outcome,
        "report_kb": report.stat().st_size / 1024 if report.exists() else 0.0,
    }


def _measure_one(name: str) -> None:
    """In a child interpreter: generate one input and measure it; print one result line."""
    file_name, make = INPUTS[name]
    with tempfile.TemporaryDirectory(prefix="plainlint-pathological-") as folder:
        path = Path(folder) / file_name
        path.write_text(make(), encoding="utf-8")
        result = measure(path, Path(folder) / "report.json")
        size = path.stat().st_size / 1024
    print(f"{name:34} {size:9.0f} {result['wall']:8.1f} {result['cpu']:8.1f} {result['rss_mb']:9.0f} "
          f"{result['report_kb']:9.0f}  {result['exit']}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", choices=list(INPUTS), help="measure only this input (repeatable)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each input (default 1)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one input in this process
    args = parser.parse_args(argv)
    if args.one:
        _measure_one(args.one)
        return 0
    import plainlint

    print(f"plainlint from {os.path.dirname(plainlint.__file__)}; timeout {TIMEOUT:.0f} s, "
          f"address space {MEMORY >> 30} GB per run")
    print(f"{'input':34} {'size KB':>9} {'wall s':>8} {'CPU s':>8} {'peak MB':>9} {'report KB':>9}  exit")
    for name in args.only or list(INPUTS):
        for _ in range(args.repeat):
            # each input in a fresh interpreter, so that the children's peak RSS is its own
            subprocess.run([sys.executable, __file__, "--one", name], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
