"""Reading the files that steer a run (settings, a baseline): regular files only, and
never more than a cap, whatever the file turns out to be.

A named pipe given as ``--config`` waited for a writer for ever, and ``/dev/zero`` was read
until memory ran out. The type is checked before opening, because opening a device can
itself do something (a watchdog starts its countdown), and again on the open file, which is
opened without waiting (O_NONBLOCK) in case a pipe was put in its place meanwhile.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class FileRefused(OSError):
    """A file that is not read; ``str()`` says why, in plain words."""


def read_regular(path: Path, max_bytes: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of ``path``; FileRefused if it is not a regular file (or, with
    ``follow_symlinks=False``, is a symbolic link), or holds more than ``max_bytes``.
    Never reads more than ``max_bytes + 1`` bytes, even from a file that grows."""
    try:
        _check(os.stat(path, follow_symlinks=follow_symlinks), max_bytes)
        nofollow = 0 if follow_symlinks else getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, _FLAGS | nofollow)
        try:
            info = os.fstat(fd)
            _check(info, max_bytes)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(min(info.st_size, max_bytes) + 1)
                if len(data) <= max_bytes and len(data) > info.st_size:  # it grew, or stat() cannot tell (/proc)
                    data += handle.read(max_bytes + 1 - len(data))
        finally:
            os.close(fd)
    except FileRefused:
        raise
    except OSError as exc:
        raise FileRefused(exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise FileRefused(_too_big("it grew while it was read", max_bytes))
    return data


def _check(info: os.stat_result, max_bytes: int) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise FileRefused("it is a symbolic link, which is not followed here")
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused("it is not a regular file (a folder, pipe, socket or device), so it is not read")
    if info.st_size > max_bytes:
        raise FileRefused(_too_big(f"it is {_megabytes(info.st_size)}", max_bytes))


def _megabytes(n: int) -> str:
    return f"{n / 1048576:.1f} MB"


def _too_big(what: str, max_bytes: int) -> str:
    return f"{what}, over the limit of {max_bytes / 1048576:g} MB"
