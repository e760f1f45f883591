"""The README's and the docs' promises: their quoted output and settings examples stay true."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from plainlint.config import load_config
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = {path.name: path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").glob("*.md"))}


def fenced_after(marker: str, page: str = "README.md") -> str:
    text = README if page == "README.md" else DOCS[page]
    start = text.index(marker)
    match = re.compile(r"```\w*\n(.*?)```", re.S).search(text, start)
    assert match, marker
    return match.group(1)


def test_quoted_example_output_is_what_plainlint_prints():
    proc = subprocess.run(
        [sys.executable, "-m", "plainlint", "check", "examples/lymphoedema.html"],
        cwd=ROOT, capture_output=True, text=True,
        env={"NO_COLOR": "1", "PATH": "", "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]},  # the cache key: conftest.py
    )
    assert proc.returncode == 1
    assert proc.stdout == fenced_after("<!-- example-output")


def test_settings_example_is_valid(tmp_path):
    path = tmp_path / "rules.yml"
    path.write_text(fenced_after("# Settings", "settings.md"), encoding="utf-8")
    config = load_config(path)
    assert config.rules["reading-grade"].options["formula"] == "smog"
    assert config.rules["unexplained-jargon"].options["terms"] == {"haematoma": "bruise", "stoma": None}
    assert config.rules["heading-structure"].enabled is False


def test_both_setup_commands_are_stated():
    assert "pip install . && plainlint check examples/lymphoedema.html" in README
    test_command = "pip install -e '.[test]' && python -m pytest"
    assert test_command in README
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_json_example_is_what_plainlint_prints():
    import json

    proc = subprocess.run(
        [sys.executable, "-m", "plainlint", "check", "examples/lymphoedema.html", "--format", "json"],
        cwd=ROOT, capture_output=True, text=True,
    )
    actual = json.loads(proc.stdout)
    shown = json.loads(fenced_after("`--format json` prints one document", "json-report.md"))
    assert shown["summary"] == actual["summary"]
    assert shown["files"][0]["metrics"] == actual["files"][0]["metrics"]
    for finding in shown["files"][0]["findings"]:
        assert finding in actual["files"][0]["findings"]


def test_quoted_reading_grade_message_is_what_plainlint_prints():
    from plainlint.engine import check_file

    config = load_config(ROOT / "rules.yml")
    result = check_file(ROOT / "bench" / "jargon_eval" / "pages" / "endometriosis.html", config)
    (page,) = [f for f in result.findings if f.rule == "reading-grade" and f.message.startswith("The page")]
    assert page.message == fenced_after("bench/jargon_eval/pages/endometriosis.html`:", "rules.md").strip()


def test_overrides_example_is_valid(tmp_path):
    path = tmp_path / "rules.yml"
    path.write_text(fenced_after("**Settings for some paths.**", "settings.md"), encoding="utf-8")
    config = load_config(path)
    news = config.for_path(tmp_path / "news" / "today.html")
    assert news.rules["reading-grade"].options["max-grade"] == 10
    assert config.for_path(tmp_path / "about.html").rules["reading-grade"].options["max-grade"] == 8
    assert config.for_path(tmp_path / "fragments" / "x.html").rules["heading-structure"].options["first-level"] == 2


def test_the_readme_is_a_front_page_and_its_links_and_the_docs_links_resolve():
    assert len(README.splitlines()) < 250  # the rest lives in docs/
    pages = {ROOT / "README.md": README, ROOT / "CHANGELOG.md": (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")}
    pages |= {path: path.read_text(encoding="utf-8") for path in (ROOT / "docs").rglob("*.md")}
    for path, text in pages.items():
        text = re.sub(r"```.*?```|`[^`\n]*`", "", text, flags=re.S)  # code is not a link
        for target in re.findall(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)", text):
            assert (path.parent / target).exists(), f"{path.name} links to {target}, which does not exist"
