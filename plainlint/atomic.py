"""Writing files whole, and only regular files: an interrupted run never leaves half a
file behind, and a report never takes the place of a device, a pipe or a link.

Replacing a file by renaming a new one over it replaces whatever the name stood for: as
root, ``-o /dev/null`` made /dev/null a regular file for every program on the machine, and
``-o link`` replaced the link itself. So the name must be absent or a regular file, checked
before the run and again just before the rename. A symbolic link is refused whatever it
points to: following it would write wherever a checked-out repository's link says, and
replacing it would quietly break what the user set up.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(OSError):
    """A file that will not or cannot be written; ``str()`` says which and why in plain words."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"cannot write {_shown(path)}: {reason}")
        self.path = path


def _shown(path: Path | str) -> str:
    from plainlint.files import shown  # bytes of a name that are not UTF-8 as \xNN

    return shown(os.fspath(path))


_KINDS = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def check_target(path: Path, inputs: Iterable[Path] = ()) -> None:
    """Raise OutputError unless ``path`` can be created or replaced: it is absent or a
    regular file, in a folder that exists, and it is none of ``inputs`` (the files the run
    reads: pages, settings, a baseline), compared as files, so another name or a hard link
    of an input is caught too."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return _check_folder(path)
    except OSError as exc:  # ENOTDIR: a part of the path is a file; ENAMETOOLONG; EACCES
        raise OutputError(path, _reason(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        hint = "; to write to standard output, leave out -o or give -o -" if stat.S_ISLNK(info.st_mode) else ""
        raise OutputError(path, f"it is {_kind(info.st_mode)}, and plainlint replaces only regular files{hint}")
    for other in inputs:
        try:
            same = os.path.samestat(info, os.stat(other))
        except OSError:
            continue  # an input that cannot be read is reported as such, and is not this file
        if same:
            raise OutputError(path, f"it is {_shown(other)}, a file this run reads")


def check_outputs(outputs: list[Path], inputs: list[Path]) -> None:
    """``check_target`` for each of a run's outputs, which must also be different files."""
    names = set()
    for path in outputs:
        check_target(path, inputs)
        if os.path.realpath(path) in names:
            raise OutputError(path, "it is named twice: the report and the baseline need a file each")
        names.add(os.path.realpath(path))


def _check_folder(path: Path) -> None:
    folder = path.parent
    try:
        info = os.stat(folder)
    except OSError as exc:
        missing = isinstance(exc, FileNotFoundError)
        raise OutputError(path, f"the folder {_shown(folder)} does not exist" if missing else _reason(exc)) from None
    if not stat.S_ISDIR(info.st_mode):
        raise OutputError(path, f"{_shown(folder)} is not a folder")


def _reason(exc: OSError) -> str:
    if isinstance(exc, NotADirectoryError):
        return "a part of the path is a file, not a folder"
    return (exc.strerror or str(exc)).rstrip(".")


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``. Raises
    OutputError (an OSError) when ``path`` is not absent or a regular file, or cannot be
    written (a missing or read-only folder, a full disk)."""
    check_target(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent if str(path.parent) else ".")
    except OSError as exc:
        raise OutputError(path, _reason(exc)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; keep what the file had, or the usual
        check_target(path)  # still absent or regular: it could have changed while the text was written
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(path, _reason(exc)) from None
        raise


def _mode_for(path: Path) -> int:
    """The permissions the file has now, or those a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
