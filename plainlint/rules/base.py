"""What a rule is: an id, documented options, a rationale with its source, a check.

Defaults (enabled, severity, option values) live in rules.yml, not here, so the file
users read is the one source of truth; rules only declare what their options mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from plainlint.analysis.analysed import AnalysedDocument
from plainlint.findings import Hit


@dataclass(frozen=True)
class Option:
    name: str
    kind: str  # int | number | bool | str | choice | str-list | term-map
    help: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    nullable: bool = False  # null means "not set"


Options = Mapping[str, Any]


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str  # one line: what the rule checks
    rationale: str  # one paragraph: why, in plain words
    sources: tuple[str, ...]  # the guidance it follows
    options: tuple[Option, ...]
    check: Callable[[AnalysedDocument, Options], Iterable[Hit]]
    # (bad, good) pairs of HTML for `plainlint explain`; a test runs the rule on each
    examples: tuple[tuple[str, str], ...] = ()
    # reads the page's sentences: told so when a page was too big to read to its end
    reads_sentences: bool = True
