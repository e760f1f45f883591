"""Reading a file that may be hostile: regular files only, and never more than a cap,
whatever the file turns out to be. Pages (reading.read_bytes), settings and baselines
(read_regular) and the cache's results (cache.py) are all read by ``read_capped``; each
caller words the refusal for its user.

A named pipe waited for a writer for ever, and ``/dev/zero`` was read until memory ran
out. The type is checked before opening, because opening a device can itself do something
(a watchdog starts its countdown), and again on the open file, which is opened without
waiting (O_NONBLOCK) and must be the very file looked at: one swapped in meanwhile (a link,
a pipe, another file) is not read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# a pipe opened to be looked at must not wait for a writer; a terminal must not become ours
_OPEN = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
         | getattr(os, "O_BINARY", 0))
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class Refusal(Exception):
    """Why a file was not read: ``kind`` is "link", "not-regular", "too-big" (with the
    file's ``size``), "replaced" (between looking and opening) or "grew" (past the cap
    while it was read)."""

    def __init__(self, kind: str, size: int = 0) -> None:
        super().__init__(kind)
        self.kind, self.size = kind, size


def read_capped(path: Path | str, max_bytes: int, *, follow_symlinks: bool, dir_fd: int | None = None) -> bytes:
    """The bytes of ``path`` (relative to the folder open as ``dir_fd``, if given); Refusal,
    or the system's OSError. Never reads more than ``max_bytes + 1`` bytes, even from a
    file that grows while it is read."""
    before = os.stat(path, dir_fd=dir_fd) if follow_symlinks else os.lstat(path, dir_fd=dir_fd)
    _refuse_unless_regular(before, max_bytes)
    fd = os.open(path, _OPEN if follow_symlinks else _OPEN | _NOFOLLOW, dir_fd=dir_fd)
    try:
        info = os.fstat(fd)
        if (info.st_dev, info.st_ino) != (before.st_dev, before.st_ino):
            raise Refusal("replaced")
        _refuse_unless_regular(info, max_bytes)
        # read what fstat() says is there: reading max_bytes + 1 would allocate the cap
        # (10 MB for a page) every time, a tenth of a millisecond each
        data = _read(fd, info.st_size + 1)
        if len(data) > info.st_size:  # it grew since, or fstat() cannot tell (/proc)
            data += _read(fd, max_bytes + 1 - len(data))
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise Refusal("grew")
    return data


def _refuse_unless_regular(info: os.stat_result, max_bytes: int) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise Refusal("link")
    if not stat.S_ISREG(info.st_mode):
        raise Refusal("not-regular")
    if info.st_size > max_bytes:
        raise Refusal("too-big", info.st_size)


def _read(fd: int, size: int) -> bytes:
    """Up to ``size`` bytes, fewer only at the end of the file. os.read on the descriptor:
    a buffered file object around it cost 4 µs a page more."""
    parts = []
    while size > 0:
        part = os.read(fd, size)
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


class FileRefused(OSError):
    """A settings file or baseline that is not read; ``str()`` says why, in plain words."""


def read_regular(path: Path, max_bytes: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of a settings file or baseline; FileRefused if it is not a regular file
    (or, with ``follow_symlinks=False``, is a symbolic link), or holds more than ``max_bytes``."""
    try:
        return read_capped(path, max_bytes, follow_symlinks=follow_symlinks)
    except Refusal as refusal:
        raise FileRefused(_REFUSED[refusal.kind].format(size=refusal.size / 1048576, cap=max_bytes / 1048576)) from None
    except OSError as exc:
        raise FileRefused(exc.strerror or str(exc)) from None


_REFUSED = {
    "link": "it is a symbolic link, which is not followed here",
    "not-regular": "it is not a regular file (a folder, pipe, socket or device), so it is not read",
    "too-big": "it is {size:.1f} MB, over the limit of {cap:g} MB",
    "replaced": "it was replaced while it was read, so it is not read",
    "grew": "it grew while it was read, over the limit of {cap:g} MB",
}
