"""A cache of results, so unchanged files are not analysed again.

A file's result is reused when its bytes (SHA-256), the settings that apply to it and
plainlint's own code are all unchanged. Everything lives in one JSON file in the cache
folder (``.plainlint_cache`` by default), written whole at the end of a run. JSON, not
pickle: a cache file is data that anyone could have edited, and loading it must never
run code. A cache that cannot be read, or does not look right, is ignored and replaced.
Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import cache
from pathlib import Path

from plainlint import __version__
from plainlint.analysis.readability import Counts
from plainlint.atomic import write_atomically
from plainlint.config import Config
from plainlint.engine import FileResult, SectionCounts
from plainlint.findings import Finding, Severity, Span

DEFAULT_DIR = ".plainlint_cache"
_FILE = "results-v1.json"
_FORMAT = 1


@cache
def code_key() -> str:
    """plainlint's version and the size and time of every file of the package, so a
    changed rule or word list (even without a new version) empties the cache."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".tsv", ".txt", ".gz", ".yml") and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def config_key(config: Config) -> str:
    """What in the settings can change a file's findings: the merged settings and the
    command line's --select and --ignore."""
    data = {
        "settings": config.data,
        "select": sorted(config.select or ()),
        "ignore": sorted(config.ignore),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def content_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ResultCache:
    """Results by path, valid for one content hash and one settings key each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._entries: dict[str, dict] = {}
        self._dirty = False
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads((self.folder / _FILE).read_text(encoding="utf-8"))
            if data.get("format") == _FORMAT and data.get("code") == code_key() and isinstance(data["entries"], dict):
                self._entries = data["entries"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._entries = {}  # missing or corrupt: start again, never trust it

    def get(self, path: str, content: str, settings: str) -> FileResult | None:
        entry = self._entries.get(path)
        if not isinstance(entry, dict) or entry.get("content") != content or entry.get("settings") != settings:
            return None
        try:
            return _result(path, entry["result"])
        except (KeyError, TypeError, ValueError, AttributeError):
            self._entries.pop(path, None)  # a damaged entry: analyse the file again
            self._dirty = True
            return None

    def put(self, result: FileResult, content: str, settings: str) -> None:
        if result.error is not None or result.counts is None:
            return  # unreadable files are cheap to look at again, and may be fixed
        self._entries[result.path] = {"content": content, "settings": settings, "result": _record(result)}
        self._dirty = True

    def save(self) -> None:
        """Write the cache if it changed; a cache that cannot be written is skipped."""
        if not self._dirty:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tag = self.folder / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# plainlint's cache: safe to delete.\n")
                (self.folder / ".gitignore").write_text("*\n")
            data = {"format": _FORMAT, "code": code_key(), "entries": self._entries}
            write_atomically(self.folder / _FILE, json.dumps(data, separators=(",", ":")))
        except OSError:
            pass  # a read-only checkout: run without a cache


def _record(result: FileResult) -> dict:
    return {
        "findings": [
            [f.rule, f.severity.label, list(asdict(f.span).values()), f.message, f.suggestion, f.excerpt, f.fingerprint]
            for f in result.findings
        ],
        "counts": _counts(result.counts),
        "sections": [[s.title, s.line, _counts(s.counts)] for s in result.sections],
    }


def _counts(c: Counts) -> list:
    return [c.sentences, c.words, c.syllables, c.polysyllables, c.letters, c.characters, c.complex_words,
            list(c.sentence_polysyllables)]


def _from_counts(raw: list) -> Counts:
    *numbers, per_sentence = raw
    return Counts(*(int(n) for n in numbers), tuple(int(n) for n in per_sentence))


def _result(path: str, raw: dict) -> FileResult:
    findings = [
        Finding(path, Span(*(int(n) for n in span)), str(rule), Severity.parse(severity), str(message),
                suggestion, str(excerpt), str(fingerprint))
        for rule, severity, span, message, suggestion, excerpt, fingerprint in raw["findings"]
    ]
    sections = [SectionCounts(str(title), int(line), _from_counts(c)) for title, line, c in raw["sections"]]
    return FileResult(path, findings, _from_counts(raw["counts"]), sections=sections)


def default_folder() -> Path:
    return Path(os.environ.get("PLAINLINT_CACHE_DIR") or DEFAULT_DIR)
