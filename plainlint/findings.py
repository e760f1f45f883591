"""Findings: what a rule reports, located in the source file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import IntEnum

from plainlint.pickling import by_fields

# The most of a page's word or name a message quotes. Real pages quote nothing near it: the
# longest quoted words on wcag-html, plainlanguage.gov and 1,000 MedQuAD pages are web
# addresses of 50, 60 and 85 characters (the longest run of text without a space in all of
# MedQuAD has 158).
# One made-up word of a million characters, quoted four times, made a 4 MB message.
QUOTE_LIMIT = 200


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Page text for a message: as it is, or cut to ``limit`` characters ending in "..."."""
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


class Severity(IntEnum):
    """Ordered so that ``--fail-on`` can compare: info < warning < error."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return _LABELS[self]  # reports ask for it per finding; an enum's name is slow to get

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]


_LABELS = {s: s.name.lower() for s in Severity}


@by_fields
@dataclass(frozen=True, slots=True)
class Span:
    """1-based line and column of the first character, and of the character just
    after the last one (end exclusive, as in SARIF and most editors)."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule returns: a place and what to say about it. The engine adds the
    rule id and the configured severity, so rules stay free of configuration."""

    span: Span
    message: str
    suggestion: str | None = None
    advisory: bool = False  # reported as info whatever the rule's severity


@by_fields
@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    span: Span
    rule: str
    severity: Severity
    message: str
    suggestion: str | None = None
    # the text involved ("prognosis", a whole sentence), white space collapsed
    excerpt: str = ""
    # stable across edits elsewhere in the file: rule, text involved, and which
    # occurrence of that pair it is (for SARIF partialFingerprints and baselines)
    fingerprint: str = ""

    def sort_key(self) -> tuple:
        return order_key(self.path, self.span, self.rule, self.message)


def fingerprint(rule: str, text: str, nth: int) -> str:
    """Finding.fingerprint: the rule, the text involved (case-folded) and which occurrence of the pair it is."""
    digest = hashlib.sha256(f"{rule}\0{text}".encode()).hexdigest()[:20]
    return f"{digest}:{nth}"


def order_key(path: str, span: Span, rule: str, message: str) -> tuple:
    """The order of findings in every report (Finding.sort_key), from their parts: the
    engine sorts a page's hits before it makes their Findings."""
    return (path, span.line, span.column, rule, message)
