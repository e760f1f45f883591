"""Shared helpers: build settings, check a page, locate text in a source."""

from __future__ import annotations

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


@pytest.fixture
def settings(tmp_path):
    """settings(yaml_text) -> Config: the defaults overlaid with ``yaml_text``."""

    def make(text: str = "") -> Config:
        if not text:
            return load_config()
        path = tmp_path / "rules.yml"
        path.write_text(text, encoding="utf-8")
        return load_config(path)

    return make


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
