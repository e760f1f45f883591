"""Pathological pages for extraction (HTML and Markdown) and headings, made on the spot.

    python bench/pathological_md.py [--out DIR] [--timeout S] [--only NAME,...] [--extract-only]

Writes each page into DIR (a temporary folder by default; pages are never committed) and
times a `plainlint check --format json --no-cache -j 1` of it under /usr/bin/time -v:
elapsed, user+sys CPU time and maximum resident set size, one line a page. A run still
going after the timeout is stopped and shown as such. ``--extract-only`` times only the
extraction of the page into a Document (no analysis, no rules).

The same pages, smaller, reproduce each blow-up in tests/hostile/test_bounds_md.py.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
WORDS = "care plan visit"  # ordinary words: the analysis should have nothing hard to do


def md_table_wide(columns: int = 50_000, rows: int = 7) -> str:
    """The issue's Markdown table: 50,000 columns, about 2.2 MB."""
    header = "|" + "".join(f" c{i % 10} |" for i in range(columns)) + "\n"
    rule = "|" + "---|" * columns + "\n"
    body = "".join("|" + " ab |" * columns + "\n" for _ in range(rows))
    return "# Wide table\n\n" + header + rule + body


def md_table_long(rows: int = 200_000) -> str:
    """An ordinary table shape with very many rows: must stay linear."""
    return "# Long table\n\n| Name | Dose |\n|---|---|\n" + "| Tablet | One a day |\n" * rows


def md_headings(n: int = 100_000) -> str:
    """The issue's 100,000 headings."""
    return "".join(f"# Heading {i}\n\nThe {WORDS}.\n\n" for i in range(n))


def html_headings(n: int = 100_000) -> str:
    return "<main>" + "".join(f"<h2>Heading {i}</h2><p>The {WORDS}.</p>" for i in range(n)) + "</main>"


def html_table_wide(cells: int = 850_000) -> str:
    return "<main><h1>Wide table</h1><table><tr>" + "<td>ab</td>" * cells + "</tr></table></main>"


def html_nested_div(depth: int = 850_000) -> str:
    return "<main><h1>Deep</h1>" + "<div>" * depth + "text" + "</div>" * depth + "</main>"


def html_nested_unclosed(depth: int = 1_500_000) -> str:
    """Start tags that are never closed: the parser's stack grows to the page's size."""
    return "<main><h1>Deep</h1>" + "<span>" * depth + "</main>"


def html_inline_tags(n: int = 1_000_000) -> str:
    return "<main><h1>Tags</h1><p>" + "<b>a</b> " * n + "</p></main>"


def html_nested_marks(depth: int = 500_000) -> str:
    """Links nested in links, never closed: every one is an open mark."""
    return "<main><h1>Links</h1><p>" + '<a href="x">a ' * depth + "</p></main>"


def html_single_line(size: int = 9_500_000) -> str:
    words = (WORDS + ". ") * (size // (len(WORDS) + 2))
    return "<main><h1>One line</h1><p>" + words + "</p></main>"


def html_attributes(n: int = 500_000) -> str:
    return "<main><h1>Attributes</h1><p " + "".join(f"a{i}=x " for i in range(n)) + ">text</p></main>"


def html_class_list(n: int = 1_000_000) -> str:
    return '<main><h1>Classes</h1><p class="' + "c " * n + '">text</p></main>'


def html_comment(size: int = 9_500_000) -> str:
    return "<main><h1>Comment</h1><!--" + "x" * size + "--><p>text</p></main>"


def html_comments(n: int = 1_000_000) -> str:
    return "<main><h1>Comments</h1><p>" + "a<!---->" * n + "</p></main>"


def html_entities(n: int = 1_500_000) -> str:
    return "<main><h1>Entities</h1><p>" + "&amp;" * n + "</p></main>"


def html_entities_spaced(n: int = 1_000_000) -> str:
    return "<main><h1>Entities</h1><p>" + "a&amp; " * n + "</p></main>"


def md_nested_quotes(depth: int = 1_000_000) -> str:
    return "# Quotes\n\n" + ">" * depth + " text\n"


def md_nested_lists(depth: int = 500_000) -> str:
    return "# Lists\n\n" + "- " * depth + "text\n"


def md_indented_lists(depth: int = 2_000) -> str:
    """Each item one level deeper: the page grows with the square of the depth."""
    return "# Lists\n\n" + "".join("  " * i + "- item\n" for i in range(depth))


def md_single_line(size: int = 9_500_000) -> str:
    return "# One line\n\n" + (WORDS + ". ") * (size // (len(WORDS) + 2)) + "\n"


def md_emphasis(n: int = 1_000_000) -> str:
    return "# Emphasis\n\n" + "*a " * n + "\n"


def md_brackets(n: int = 1_000_000) -> str:
    return "# Brackets\n\n" + "[a " * n + "\n"


def md_links(n: int = 500_000) -> str:
    return "# Links\n\n" + "[a](b) " * n + "\n"


def md_entities(n: int = 1_500_000) -> str:
    return "# Entities\n\n" + "&amp;" * n + "\n"


def md_escapes(n: int = 2_000_000) -> str:
    return "# Escapes\n\n" + "\\*" * n + "\n"


def md_html_inline(n: int = 1_000_000) -> str:
    return "# Inline HTML\n\n" + "<b>a</b> " * n + "\n"


def md_code_spans(n: int = 1_000_000) -> str:
    return "# Code\n\n" + "`a` " * n + "\n"


def md_backticks(n: int = 50_000) -> str:
    """Runs of backticks of every length, none closed."""
    return "# Backticks\n\n" + "".join("`" * i + " " for i in range(1, n // 100)) + "\n"


def md_lines(n: int = 1_000_000) -> str:
    return "# Lines\n\n" + "a\n" * n


PAGES: dict[str, tuple[Callable[[], str], str]] = {
    name: (fn, suffix)
    for name, fn, suffix in [
        ("md-table-wide", md_table_wide, ".md"),
        ("md-table-long", md_table_long, ".md"),
        ("md-headings", md_headings, ".md"),
        ("html-headings", html_headings, ".html"),
        ("html-table-wide", html_table_wide, ".html"),
        ("html-nested-div", html_nested_div, ".html"),
        ("html-nested-unclosed", html_nested_unclosed, ".html"),
        ("html-inline-tags", html_inline_tags, ".html"),
        ("html-nested-marks", html_nested_marks, ".html"),
        ("html-single-line", html_single_line, ".html"),
        ("html-attributes", html_attributes, ".html"),
        ("html-class-list", html_class_list, ".html"),
        ("html-comment", html_comment, ".html"),
        ("html-comments", html_comments, ".html"),
        ("html-entities", html_entities, ".html"),
        ("html-entities-spaced", html_entities_spaced, ".html"),
        ("md-nested-quotes", md_nested_quotes, ".md"),
        ("md-nested-lists", md_nested_lists, ".md"),
        ("md-indented-lists", md_indented_lists, ".md"),
        ("md-single-line", md_single_line, ".md"),
        ("md-emphasis", md_emphasis, ".md"),
        ("md-brackets", md_brackets, ".md"),
        ("md-links", md_links, ".md"),
        ("md-entities", md_entities, ".md"),
        ("md-escapes", md_escapes, ".md"),
        ("md-html-inline", md_html_inline, ".md"),
        ("md-code-spans", md_code_spans, ".md"),
        ("md-backticks", md_backticks, ".md"),
        ("md-lines", md_lines, ".md"),
    ]
}

_EXTRACT = (
    "import sys; from plainlint.config import load_config; from plainlint.engine import extract_source; "
    "p = sys.argv[1]; s = open(p, encoding='utf-8').read(); d = extract_source(s, p, load_config()); "
    "print(len(d.blocks), 'blocks', file=sys.stderr)"
)


def measure(path: Path, timeout: float, extract_only: bool) -> str:
    """One page's elapsed time, CPU time and peak memory, as a table row's cells."""
    if extract_only:
        command = [sys.executable, "-c", _EXTRACT, str(path)]
    else:
        command = [sys.executable, "-m", "plainlint", "check", str(path), "--format", "json", "--no-cache", "-j", "1"]
    # PYTHONPATH may name another checkout (today's main, say) to measure it instead
    env = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH") or str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        proc = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True, env=env,
                              timeout=timeout, cwd=path.parent)
    except subprocess.TimeoutExpired:
        return f"over {timeout:.0f} s (stopped) | - | -"
    stats = dict(line.strip().rpartition(": ")[::2] for line in proc.stderr.splitlines())
    cpu = float(stats["User time (seconds)"]) + float(stats["System time (seconds)"])
    elapsed = stats["Elapsed (wall clock) time (h:mm:ss or m:ss)"]
    wall = sum(float(part) * 60**i for i, part in enumerate(reversed(elapsed.split(":"))))  # [h:]m:ss
    rss = int(stats["Maximum resident set size (kbytes)"]) / 1024
    exit_status = int(stats.get("Exit status", proc.returncode))
    return f"{wall:.1f} s | {cpu:.1f} s | {rss:.0f} MB | exit {exit_status}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, help="folder for the pages (default: a temporary one)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a run is stopped")
    parser.add_argument("--only", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--extract-only", action="store_true", help="time the extraction alone")
    parser.add_argument("--write-only", action="store_true", help="write the pages, time nothing")
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n] or list(PAGES)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        print("| page | size | elapsed | CPU (user+sys) | peak RSS | exit |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name in names:
            make, suffix = PAGES[name]
            page = make()
            path = out / (name + suffix)
            path.write_text(page, encoding="utf-8")
            size = f"{len(page.encode()) / 1e6:.1f} MB"
            if args.write_only:
                print(f"| {name} | {size} | - | - | - | - |")
                continue
            print(f"| {name} | {size} | {measure(path, args.timeout, args.extract_only)} |", flush=True)


if __name__ == "__main__":
    main()
