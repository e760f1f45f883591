"""Reporters turn a Report into text. They format; they never compute.

Each format is a module with ``render(report, colour=False) -> str``, imported only
when chosen, so a run pays only for the reporter it uses.
"""

from __future__ import annotations

import importlib
from typing import Callable

_MODULES = {
    "text": "text",
    "json": "json_report",
    "html": "html_report",
    "sarif": "sarif",
    "github": "github",
    "gitlab": "gitlab",
}
FORMATS = tuple(_MODULES)
# formats that show the page's text, so the engine keeps it
NEEDS_VIEW = frozenset({"html"})


def reporter(name: str) -> Callable[..., str]:
    return importlib.import_module(f"plainlint.reporters.{_MODULES[name]}").render


__all__ = ["FORMATS", "NEEDS_VIEW", "reporter"]
