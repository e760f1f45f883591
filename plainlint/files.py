"""Which files to check: the paths given, with folders searched for pages.

Symbolic links are data from whoever wrote the repository: a link named ``notes.md`` may
point at ``.git/config``. So links met in a folder are skipped (and said so), and a link is
only ever followed to a page or folder that searching the checked roots would reach anyway:
inside one of them, and not in a hidden folder or node_modules. The roots are the current
folder and the paths named on the command line that are not links themselves. A followed
link's target is resolved here, once, so every later read of a page (the workers', the
extraction helper's, the cache's) opens a path whose last part is no link, and
reading.read_bytes refuses to follow one there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PAGE_SUFFIXES = (".html", ".htm", ".md", ".markdown")

# Why a link is not followed (the sentences finish "name: skipped, ..." or "name: error is ...")
LINK = "a symbolic link (--follow-symlinks follows links that stay inside the checked folders)"
OUTSIDE = "a symbolic link to a path outside the checked folders"
HIDDEN = "a symbolic link into a hidden folder (such as .git) or node_modules"
NOT_A_PAGE = "a symbolic link to a file that is not a page (.html, .htm, .md or .markdown)"
BROKEN = "a broken symbolic link (its target is missing, or it loops)"
AGAIN = "a symbolic link to a folder that is already being checked"
# how many skipped links are listed one by one on standard error; the rest are counted
MAX_LISTED = 20


@dataclass(frozen=True)
class Target:
    path: Path  # where the page is read from: never a symbolic link (a followed link's target, resolved)
    display: str  # the name reports use: as the user wrote it, or relative to the folder given


def collect(paths: list[str], follow_symlinks: bool = False,
            skipped: list[tuple[str, str]] | None = None) -> tuple[list[Target], list[tuple[str, str]]]:
    """Files to check in a stable order, and (path, problem) for paths that cannot be used.

    Files named directly are checked whatever their suffix; folders are searched for
    *.html, *.htm, *.md and *.markdown, skipping hidden folders (.git) and node_modules. Each file is
    checked once even if named twice. Symbolic links: see the module's docstring; a link
    named on the command line is followed when it may be (or is a problem when not), and
    links in folders only with ``follow_symlinks``. Links left out of folders are added to
    ``skipped`` as (name, why), when a list is given.
    """
    here = os.path.realpath(os.getcwd())
    named = [(raw, _through_link(raw, here)) for raw in paths]
    walk = _Walk(roots=[here] + [os.path.realpath(raw) for raw, linked in named if not linked],
                 follow=follow_symlinks)

    for raw, linked in named:
        if linked:
            target, why = walk.judge(raw)
            if why:
                walk.problems.append((shown(raw), f"is {why}, so it is not read"))
            elif os.path.isdir(target):
                walk.folder(target, str(Path(raw)))
            else:
                walk.add(Path(target), shown(raw))
            continue
        path = Path(raw)
        if path.is_file():
            walk.add(path, shown(raw))
        elif path.is_dir():
            walk.folder(str(path), str(path))
        elif path.exists():
            walk.problems.append((shown(raw), "is not a regular file or folder"))
        else:
            walk.problems.append((shown(raw), "does not exist"))
    walk.follow_links()
    if skipped is not None:
        skipped.extend(walk.skipped)
    return walk.targets, walk.problems


def skipped_lines(skipped: list[tuple[str, str]]) -> list[str]:
    """What to tell the user on standard error about links left out: one line per link,
    then a count once there are more than MAX_LISTED (a repository of links must not
    drown the log). Names are shown with their control characters escaped."""
    from plainlint.safe_text import printable

    lines = [f"plainlint: {printable(name)}: skipped, {why}" for name, why in skipped[:MAX_LISTED]]
    if len(skipped) > MAX_LISTED:
        lines.append(f"plainlint: and {len(skipped) - MAX_LISTED} more symbolic links skipped")
    return lines


class _Walk:
    """One collection: what was found, and what was refused."""

    def __init__(self, roots: list[str], follow: bool) -> None:
        self.roots = roots
        self.follow = follow
        self.targets: list[Target] = []
        self.problems: list[tuple[str, str]] = []
        self.skipped: list[tuple[str, str]] = []
        self._seen: set[Path] = set()
        self._folders: set[str] = set()  # folders searched, resolved: a link back to one is a loop
        self._links: list[tuple[str, str]] = []  # links met in folders, to follow once the rest is listed

    def add(self, path: Path, display: str) -> None:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13): reading reports it
            key = path.absolute()
        if key not in self._seen:
            self._seen.add(key)
            self.targets.append(Target(path, display))

    def judge(self, link: str) -> tuple[str, str | None]:
        """Where ``link`` leads, resolved, and why it may not be followed (None: it may)."""
        try:
            target = os.path.realpath(link, strict=True)
            is_dir = os.path.isdir(target)
        except OSError:
            return "", BROKEN
        inside = [os.path.relpath(target, root) for root in self.roots if _is_within(target, root)]
        if not inside:
            return target, OUTSIDE
        if not any(_reachable(rel, is_dir) for rel in inside):
            return target, HIDDEN
        if not is_dir and not target.lower().endswith(PAGE_SUFFIXES):
            return target, NOT_A_PAGE
        return target, None

    def folder(self, read: str, display: str) -> None:
        """Search the folder at ``read`` for pages, naming them under ``display``: the same
        string, except for a followed link, whose target is read under the link's name."""
        if self.follow:
            resolved = os.path.realpath(read)
            if resolved in self._folders:
                self.skipped.append((shown(display), AGAIN))
                return
            self._folders.add(resolved)
        try:
            with os.scandir(read) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            self.problems.append((shown(display), f"cannot be read: {error.strerror}"))
            return
        folders = []
        for entry in entries:
            name = entry.name
            if entry.is_symlink():
                self._link(entry, os.path.join(display, name))
            elif entry.is_dir(follow_symlinks=False):
                if _searched(name):
                    folders.append(name)
            elif name.lower().endswith(PAGE_SUFFIXES):  # a pipe or device too: reading refuses those
                self.add(Path(read) / name, shown(str(Path(display) / name)))
        for name in folders:
            self.folder(os.path.join(read, name), os.path.join(display, name))

    def _link(self, entry: os.DirEntry, display: str) -> None:
        try:
            is_dir = entry.is_dir()  # follows the link: a folder, or a page, or neither
        except OSError:
            is_dir = False
        if is_dir and not _searched(entry.name):
            return  # a link called .git or node_modules: left alone as a folder of that name is
        if not is_dir and not entry.name.lower().endswith(PAGE_SUFFIXES):
            return  # not a page by its name: a search would not have looked at it either
        name = shown(str(Path(display)))
        if self.follow:
            self._links.append((entry.path, display))
        else:
            self.skipped.append((name, LINK))

    def follow_links(self) -> None:
        """Follow the links met in folders (with --follow-symlinks), after everything else
        is listed: a page found both under its own name and through a link keeps its own."""
        while self._links:
            link, display = self._links.pop(0)
            target, why = self.judge(link)
            if why:
                self.skipped.append((shown(str(Path(display))), why))
            elif os.path.isdir(target):
                self.folder(target, display)
            else:
                self.add(Path(target), shown(str(Path(display))))


def _searched(folder_name: str) -> bool:
    """Whether searching goes into a folder of this name (not .git, not node_modules)."""
    return not folder_name.startswith(".") and folder_name != "node_modules"


def _is_within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _reachable(relative: str, is_dir: bool) -> bool:
    """Whether searching a root reaches this path inside it: no hidden folder on the way."""
    parts = [] if relative == "." else relative.split(os.sep)
    folders = parts if is_dir else parts[:-1]
    return all(_searched(part) for part in folders)


def _through_link(raw: str, here: str) -> bool:
    """Whether a path named on the command line is a symbolic link, or leads through one
    below the current folder (``site/docs/page.md`` with ``site/docs`` a link). Folders
    above the current one, or above a path named outside it, are the user's own and may be
    links (``/tmp`` on some systems)."""
    if os.path.islink(raw):
        return True
    absolute = os.path.abspath(raw)  # lexical: ".." taken off by name, as if no part were a link
    cwd = os.getcwd()
    if _is_within(absolute, cwd):
        expected = os.path.normpath(os.path.join(here, os.path.relpath(absolute, cwd)))
    else:
        expected = os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
    return os.path.realpath(raw) != expected


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
