"""Are plainlint's reports unchanged? Record them for one version, compare another's with them.

    python bench/same_reports.py record /tmp/reports-before     # with the old code importable
    python bench/same_reports.py compare /tmp/reports-before    # with the new code importable

A change that should alter nothing for real pages (hardening, speed, restructuring) must leave
every report byte-identical. The pages: every page of ../shared/corpus/wcag-html, every Markdown
page of ../shared/corpus/plainlanguage-gov, and 1,000 MedQuAD answers made into pages as
bench/compare.py makes them (even steps through all answered questions). Each corpus is checked
with `--no-cache -j 2` in every report format (the HTML report too), by whichever plainlint
`python -m plainlint` imports: point PYTHONPATH at a checkout to measure that checkout.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from compare import CORPUS, WCAG, build_medquad  # noqa: E402

FORMATS = ("text", "json", "sarif", "github", "gitlab", "html")
PLAIN = CORPUS / "plainlanguage-gov"
MEDQUAD_PAGES = 1000


def corpora(work: Path) -> dict[str, Path]:
    """The folders to check, by name; MedQuAD's pages are written into ``work``. Each is
    copied there, so that reports name the same paths whatever the checkout."""
    found = {}
    for name, source in (("wcag-html", WCAG), ("plainlanguage-gov", PLAIN)):
        if source.is_dir():
            shutil.copytree(source, work / name)
            found[name] = work / name
    medquad = build_medquad(work, MEDQUAD_PAGES)
    if medquad is not None:
        found["medquad"] = medquad.html
    if not found:
        sys.exit(f"no corpus at {CORPUS}: the team's ../shared folder is absent")
    return found


def record(out: Path) -> list[str]:
    """Write every report into ``out``; the names of the reports written."""
    out.mkdir(parents=True, exist_ok=True)
    names = []
    with tempfile.TemporaryDirectory(prefix="plainlint-same-") as tmp:
        work = Path(tmp)
        for name, folder in corpora(work).items():
            for fmt in FORMATS:
                report = out / f"{name}.{fmt}"
                done = subprocess.run([sys.executable, "-m", "plainlint", "check", folder.name, "--no-cache",
                                       "-j", "2", "--format", fmt, "-o", str(report)],
                                      cwd=folder.parent, capture_output=True, text=True)
                if done.returncode not in (0, 1):
                    sys.exit(f"plainlint failed on {name} ({fmt}), exit {done.returncode}:\n{done.stderr}")
                names.append(report.name)
                print(f"{report.name}: {report.stat().st_size:,} bytes, exit {done.returncode}", flush=True)
    return names


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("folder", type=Path, help="where the reference reports are (or go)")
    args = parser.parse_args(argv)
    if args.action == "record":
        record(args.folder)
        return
    with tempfile.TemporaryDirectory(prefix="plainlint-now-") as tmp:
        names = record(Path(tmp))
        differ = [n for n in names if not filecmp.cmp(Path(tmp) / n, args.folder / n, shallow=False)]
        for name in differ:
            print(f"DIFFERS: {name}")
        print(f"{len(names) - len(differ)} of {len(names)} reports byte-identical")
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
