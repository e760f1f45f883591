"""Which files to check: the paths given, with folders searched for pages."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PAGE_SUFFIXES = (".html", ".htm", ".md", ".markdown")


@dataclass(frozen=True)
class Target:
    path: Path
    display: str  # the name reports use: as the user wrote it, or relative to the folder given


def collect(paths: list[str]) -> tuple[list[Target], list[tuple[str, str]]]:
    """Files to check in a stable order, and (path, problem) for paths that cannot be used.

    Files named directly are checked whatever their suffix; folders are searched for
    *.html, *.htm, *.md and *.markdown, skipping hidden folders (.git) and node_modules. Each file is
    checked once even if named twice.
    """
    targets: list[Target] = []
    problems: list[tuple[str, str]] = []
    seen: set[Path] = set()

    def add(path: Path, display: str) -> None:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13): reading reports it
            key = path.absolute()
        if key not in seen:
            seen.add(key)
            targets.append(Target(path, display))

    for raw in paths:
        path = Path(raw)
        if path.is_file():
            add(path, shown(raw))
        elif path.is_dir():
            def unreadable(error: OSError) -> None:
                problems.append((shown(str(error.filename)), f"cannot be read: {error.strerror}"))

            for folder, dirs, files in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
                for name in sorted(files):
                    if name.lower().endswith(PAGE_SUFFIXES):
                        full = Path(folder) / name
                        add(full, shown(str(full)))
        elif path.exists():
            problems.append((shown(raw), "is not a regular file or folder"))
        else:
            problems.append((shown(raw), "does not exist"))
    return targets, problems


def shown(name: str) -> str:
    """A file name as reports show it. Bytes of a name that are not UTF-8 reach Python as
    lone surrogates, which no report can be written with: they are shown as ``\\xNN``."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        try:
            return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate that does not stand for a byte
            return name.encode("utf-8", "backslashreplace").decode("utf-8")
