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
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            targets.append(Target(path, display))

    for raw in paths:
        path = Path(raw)
        if path.is_file():
            add(path, raw)
        elif path.is_dir():
            def unreadable(error: OSError) -> None:
                problems.append((str(error.filename), f"cannot be read: {error.strerror}"))

            for folder, dirs, files in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
                for name in sorted(files):
                    if name.lower().endswith(PAGE_SUFFIXES):
                        full = Path(folder) / name
                        add(full, str(full))
        elif path.exists():
            problems.append((raw, "is not a regular file or folder"))
        else:
            problems.append((raw, "does not exist"))
    return targets, problems
