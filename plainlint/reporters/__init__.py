"""Reporters turn a Report into text. They format; they never compute."""

from __future__ import annotations

from typing import Callable

from plainlint.report import Report
from plainlint.reporters import json_report, text


def reporter(name: str) -> Callable[..., str]:
    return {"text": text.render, "json": json_report.render}[name]


FORMATS = ("text", "json")

__all__ = ["FORMATS", "Report", "reporter"]
