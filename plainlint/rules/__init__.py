"""The rules, one per module. Each module defines ``RULE``."""

from __future__ import annotations

from plainlint.rules import (
    hard_sentences,
    heading_structure,
    input_limits,
    reading_grade,
    sentence_length,
    suppression_comments,
    unexplained_jargon,
)
from plainlint.rules.base import Option, Options, Rule

RULES: dict[str, Rule] = {
    module.RULE.id: module.RULE
    for module in (
        reading_grade, hard_sentences, sentence_length, unexplained_jargon, heading_structure, suppression_comments,
        input_limits,
    )
}

__all__ = ["RULES", "Option", "Options", "Rule"]
