"""Checking one version of one document for the server, in a worker thread: find and
load its settings, run the engine, build the diagnostics. Touches no server state.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass
from pathlib import Path

from lsprotocol.types import Diagnostic, DiagnosticSeverity, Position, Range

from plainlint.config import Config, ConfigError, discover, load_config
from plainlint.engine import MARKDOWN_SUFFIXES, check_source
from plainlint.lsp.features import (
    SOURCE,
    Checked,
    Placed,
    finding_diagnostics,
    grade_diagnostic,
    settings_diagnostic,
)
from plainlint.lsp.positions import UTF16, PositionMap

Stamp = tuple[int, int, int] | None
SettingsKey = tuple[Path | None, Stamp]  # the settings file in force (None: the defaults) and its stamp


@dataclass(frozen=True)
class Snapshot:
    """One version of a document, copied from the workspace for a worker thread."""

    uri: str
    version: int | None
    text: str
    markdown: bool
    path: Path | None = None  # the file on disk, for per-path settings
    folder: Path | None = None  # where the settings search starts
    encoding: str = UTF16  # of LSP positions
    links: bool = True  # whether the client takes codeDescription links

    @property
    def name(self) -> str:
        """The name given to the engine, whose ending decides Markdown or HTML."""
        base = str(self.path) if self.path else self.uri.rsplit("/", 1)[-1] or "untitled"
        is_markdown = base.lower().endswith(MARKDOWN_SUFFIXES)
        if self.markdown != is_markdown:
            base += ".md" if self.markdown else ".html"
        return base


def _stamp(path: Path | None) -> Stamp:
    if path is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class Settings:
    """Settings files, each loaded once and loaded again when its stamp (modification
    time, size, inode) changes. Safe to share between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: dict[Path | None, tuple[Stamp, Config | ConfigError]] = {}

    @staticmethod
    def key(folder: Path | None) -> SettingsKey:
        """The nearest settings file from ``folder`` up, and its stamp: cheap (a few
        stat calls), so it is worked out before every check."""
        path = discover(folder) if folder is not None else None
        return path, _stamp(path)

    def load(self, key: SettingsKey) -> Config | ConfigError:
        path, stamp = key
        with self._lock:
            cached = self._loaded.get(path)
            if cached is not None and cached[0] == stamp:
                return cached[1]
        try:
            value: Config | ConfigError = load_config(path)
        except ConfigError as exc:
            value = exc
        with self._lock:
            self._loaded[path] = (stamp, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._loaded.clear()


@dataclass
class Outcome:
    checked: Checked
    settings_key: SettingsKey
    settings_error: str | None = None  # the ConfigError's message
    failure: str | None = None  # a traceback, for the log


def page_note(message: str, severity: DiagnosticSeverity) -> Placed:
    """A diagnostic about the whole page, at its start."""
    return Placed(0, 0, Diagnostic(Range(Position(0, 0), Position(0, 0)), message, severity=severity, source=SOURCE))


def run_check(snap: Snapshot, settings: Settings) -> Outcome:
    """Check a snapshot; never raises: problems become diagnostics."""
    key = settings.key(snap.folder)
    checked = Checked(snap.version, snap.text)
    config = settings.load(key)
    if isinstance(config, ConfigError):
        checked.placed.append(Placed(0, 0, settings_diagnostic(key[0], str(config))))
        return Outcome(checked, key, settings_error=str(config))
    if snap.path is not None:
        config = config.for_path(snap.path)
    size = len(snap.text.encode("utf-8", "surrogatepass"))
    if size > config.max_file_bytes:
        message = (
            f"plainlint did not check this page: it is {size / 1048576:.1f} MB, over the "
            f"{config.max_file_bytes / 1048576:g} MB limit (max-file-size-mb in the settings)."
        )
        checked.placed.append(page_note(message, DiagnosticSeverity.Information))
        return Outcome(checked, key)
    pm = checked.pm = PositionMap(snap.text, snap.encoding)
    try:
        result = check_source(snap.text, snap.name, config)
        checked.placed.extend(finding_diagnostics(result, pm, snap.links))
        grading = config.rules["reading-grade"]
        if grading.enabled:
            grade = grade_diagnostic(result, pm, grading.options, snap.links)
            if grade is not None:
                checked.placed.insert(0, grade[0])
                checked.metrics = grade[1]
    except Exception as exc:  # a page the parser rejects, or a bug: say so, keep serving
        if isinstance(exc, RecursionError):
            reason = "it is nested too deeply to check"
        else:  # one short line: bs4's messages run to several and quote the page
            lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
            reason = f"{type(exc).__name__}: {lines[-1] if lines else ''}"[:200]
        checked.placed = [page_note(f"plainlint could not check this page: {reason}", DiagnosticSeverity.Error)]
        return Outcome(checked, key, failure=traceback.format_exc())
    return Outcome(checked, key)

