"""A result as a cache entry (plain JSON lists), and back after checking every part of it.

An entry is signed by this user's key (cache.py), so only plainlint itself wrote it; it is
checked all the same, in case the key leaked (a CI cache shared with pull requests) or a
bug wrote nonsense. Every check is against the bytes of the file the entry is for, which
the runner has just read to hash them, so no entry can place a finding outside its file,
name an unknown rule or severity, or carry counts that file could not have. Anything out
of shape or range raises (ValueError, TypeError, KeyError...): the caller treats the entry
as a miss and analyses the file again. The bounds are far above what a real page reaches.
"""

from __future__ import annotations

import re
from dataclasses import asdict

from plainlint.analysis.readability import Counts
from plainlint.engine import FileResult, SectionCounts
from plainlint.findings import Finding, Severity, Span
from plainlint.rules import RULES

# Characters in a message or a suggestion. The longest on wcag-html is 368; a longer one
# (a page of one enormous word, say) is checked again each time, which is all it costs.
MAX_MESSAGE = 20_000
# Syllables per counted character: "w" is three ("double-u"), a number one.
_SYLLABLES_PER_CHARACTER = 3
_SEVERITIES = {s.label: s for s in Severity}
_INT = {int}
_FINGERPRINT = re.compile(r"[0-9a-f]{20}:(?:0|[1-9][0-9]{0,8})")


def record(result: FileResult) -> dict:
    return {
        "findings": [
            [f.rule, f.severity.label, list(asdict(f.span).values()), f.message, f.suggestion, f.excerpt, f.fingerprint]
            for f in result.findings
        ],
        "counts": _counts_record(result.counts),
        "sections": [[s.title, s.line, _counts_record(s.counts)] for s in result.sections],
    }


def _counts_record(c: Counts) -> list:
    return [c.sentences, c.words, c.syllables, c.polysyllables, c.letters, c.characters, c.complex_words,
            list(c.sentence_polysyllables)]


def result(path: str, raw: dict, data: bytes) -> FileResult:
    """The result an entry records for the file ``path`` whose bytes are ``data``.

    Bounds from the bytes, cheap to take: a character is at least one byte, so the text
    has at most len(data) characters, and its lines end at "\\n" (0x0A in every encoding a
    page can be read in, or two bytes of which one is 0x0A in UTF-16 and UTF-32)."""
    size = len(data)
    lines = data.count(b"\n") + 1
    counts = _counts(raw["counts"], size)
    sections = _sections(raw["sections"], size, lines)
    if Counts.total(s.counts for s in sections) != counts:
        raise ValueError("the sections do not add up to the page")
    return FileResult(path, _findings(path, raw["findings"], size, lines), counts, sections=sections)


def _findings(path: str, raw: list, size: int, lines: int) -> list[Finding]:
    if type(raw) is not list:
        raise TypeError
    findings = []
    match = _FINGERPRINT.fullmatch
    for rule, severity, span, message, suggestion, excerpt, fingerprint in raw:
        line, column, end_line, end_column = span
        if not (
            type(line) is type(column) is type(end_line) is type(end_column) is int
            and 0 < line <= end_line <= lines
            and 0 < column <= size + 1
            and 0 < end_column <= size + 1
            and (line < end_line or column <= end_column)
            and rule in RULES
            and type(message) is str and len(message) <= MAX_MESSAGE
            and (suggestion is None or type(suggestion) is str and len(suggestion) <= MAX_MESSAGE)
            and type(excerpt) is str and len(excerpt) <= size
            and type(fingerprint) is str and match(fingerprint)
        ):
            raise ValueError("a finding out of shape or range")
        findings.append(Finding(path, Span(line, column, end_line, end_column), rule, _SEVERITIES[severity],
                                message, suggestion, excerpt, fingerprint))
    return findings


def _sections(raw: list, size: int, lines: int) -> list[SectionCounts]:
    if type(raw) is not list:
        raise TypeError
    sections = []
    for title, line, counts in raw:
        if not (type(title) is str and len(title) <= size and type(line) is int and 0 < line <= lines):
            raise ValueError("a section out of shape or range")
        sections.append(SectionCounts(title, line, _counts(counts, size)))
    return sections


def _counts(raw: list, size: int) -> Counts:
    """Counts as count() makes them: whole numbers, none negative, each sentence with at
    least a word, no more words, letters or characters than the text has, one entry of
    polysyllables per sentence."""
    sentences, words, syllables, polysyllables, letters, characters, complex_words, per_sentence = raw
    if not (
        type(sentences) is type(words) is type(syllables) is type(polysyllables) is int
        and type(letters) is type(characters) is type(complex_words) is int
        and 0 <= sentences <= words <= size
        and 0 <= letters <= characters <= size
        and 0 <= syllables <= _SYLLABLES_PER_CHARACTER * characters
        and 0 <= polysyllables <= words
        and 0 <= complex_words <= words
        and type(per_sentence) is list and len(per_sentence) == sentences
        and (not per_sentence or _INT >= set(map(type, per_sentence)) and min(per_sentence) >= 0)
        and sum(per_sentence) == polysyllables
    ):
        raise ValueError("counts out of shape or range")
    return Counts(sentences, words, syllables, polysyllables, letters, characters, complex_words,
                  tuple(per_sentence))
