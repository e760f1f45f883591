"""Helpers for tests: find shared material, check a page, locate text in a source."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from plainlint.config import Config, load_config
from plainlint.engine import FileResult, check_source

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def needs_shared(sub: str) -> Path:
    """A folder of ../shared, or skip: a fresh clone has no ../shared beside it."""
    path = SHARED / sub
    if not path.is_dir():
        pytest.skip(f"{path} is absent (../shared sits beside the checkout only in the team's workspace and CI)")
    return path


def check(html: str, config: Config | None = None, path: str = "page.html") -> FileResult:
    return check_source(html, path, config or load_config())


def rule_findings(result: FileResult, rule: str) -> list:
    return [f for f in result.findings if f.rule == rule]


def position_of(source: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the n-th ``needle`` in ``source``, counted as plainlint does."""
    index = -1
    for _ in range(occurrence):
        index = source.index(needle, index + 1)
    line = source.count("\n", 0, index) + 1
    column = index - (source.rfind("\n", 0, index) + 1) + 1
    return line, column


def text_to_html(text: str) -> str:
    """Turn a plain-text page (as in ../shared/seeds) into HTML: blank-line separated
    paragraphs, "•" lines as list items, short unpunctuated lines as headings."""
    import html as html_lib

    parts = ["<main>"]
    first_heading = True
    for para in (p.strip("\n") for p in text.replace("\r\n", "\n").split("\n\n")):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        if not lines:
            continue
        if all(ln.startswith("\u2022") for ln in lines[:1]):
            items, current = [], []
            for ln in lines:
                if ln.startswith("\u2022") and current:
                    items.append(" ".join(current))
                    current = []
                current.append(ln.lstrip("\u2022 "))
            items.append(" ".join(current))
            parts.append("<ul>" + "".join(f"<li>{html_lib.escape(i)}</li>" for i in items) + "</ul>")
            continue
        joined = " ".join(lines)
        if len(lines) == 1 and len(joined.split()) <= 8 and not joined.endswith((".", ":", ",")):
            tag = "h1" if first_heading else "h2"
            first_heading = False
            parts.append(f"<{tag}>{html_lib.escape(joined)}</{tag}>")
        else:
            for ln in lines:
                parts.append(f"<p>{html_lib.escape(ln)}</p>")
    parts.append("</main>")
    return "\n".join(parts)


def check_spans_in_corpus(pages: list[Path], typed, require_words: bool = False) -> int:
    """Check every page with the defaults: no error, every finding's span inside the file,
    and every jargon finding's span, as ``typed`` turns it into what the writer typed,
    the very term the message names. Returns how many jargon spans were compared."""
    from plainlint.document import LineIndex
    from plainlint.engine import check_file
    from plainlint.reading import read_source

    config = load_config()
    compared = 0
    for page in pages:
        result = check_file(page, config)
        assert result.error is None, (page, result.error)
        if require_words:
            assert result.counts is not None and result.counts.words > 0, page
        source = read_source(page)
        lines = LineIndex(source)
        n_lines = source.count("\n") + 1
        for f in result.findings:
            s = f.span
            assert 1 <= s.line <= s.end_line <= n_lines, (page, f)
            start, end = lines.offset(s.line, s.column - 1), lines.offset(s.end_line, s.end_column - 1)
            assert start < end <= len(source), (page, f)
            if f.rule == "unexplained-jargon":
                assert " ".join(typed(source[start:end]).split()) == f.message.split('"')[1], (page, f)
                compared += 1
    return compared


def run_python(script: str) -> subprocess.CompletedProcess:
    """``script`` in a fresh interpreter, from the checkout: what a cold start imports."""
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)


def imported_by_checking_the_example(packages: tuple[str, ...], also: str = "") -> str:
    """In a fresh interpreter, check examples/lymphoedema.html (result ``r``), then print
    the ``also`` expressions and the sorted modules of ``packages`` that were imported."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from plainlint.config import load_config\n"
        "from plainlint.engine import check_file\n"
        "from plainlint.analysis.rarity import zipf\n"
        "r = check_file(Path('examples/lymphoedema.html'), load_config())\n"
        f"print({also}{', ' if also else ''}sorted(m for m in sys.modules if m.split('.')[0] in {packages!r}))"
    )
    proc = run_python(script)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()
