"""This user's key for signing the cache (an HMAC), kept outside any checkout.

A cache folder can come with a pull request; results are used only if they were signed
with this key, so a committed or edited cache is never believed. The key is 32 random
bytes in ``$XDG_CACHE_HOME/plainlint/key`` (``~/.cache/plainlint/key``), made on first
use, readable by this user only.
"""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
from functools import cache
from pathlib import Path

_BYTES = 32


class KeyUnavailable(Exception):
    """No key can be read or made; the message says why and where."""


def key_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG rule: a relative path is ignored
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:
            raise KeyUnavailable("there is no home folder to keep its key in (set XDG_CACHE_HOME)") from None
    return Path(base) / "plainlint" / "key"


def user_key() -> bytes:
    return _key_at(key_path())


@cache
def _key_at(path: Path) -> bytes:
    key = _read(path)
    if key is None:
        key = _make(path)
    return key


def _read(path: Path) -> bytes | None:
    """The key in ``path``, or None when there is none, or none that could be a key."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KeyUnavailable(f"cannot read its key {path}: {exc.strerror or exc}") from None
    with open(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        text = handle.read(4 * _BYTES)
    try:
        key = bytes.fromhex(text.decode("ascii"))
    except ValueError:
        return None
    return key if len(key) == _BYTES else None


def _make(path: Path) -> bytes:
    """A new key in ``path``, or the one another run made at the same moment."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".key.", dir=path.parent)  # readable by this user only
        try:
            with open(fd, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(_BYTES) + "\n")
            try:
                os.link(temp, path)  # only where there is none, and whole
            except FileExistsError:
                if _read(path) is None:  # not a key: replace it
                    os.replace(temp, path)
            except OSError:  # a file system without hard links
                os.replace(temp, path)
        finally:
            Path(temp).unlink(missing_ok=True)
    except OSError as exc:
        raise KeyUnavailable(f"cannot make its key {path}: {exc.strerror or exc}") from None
    key = _read(path)
    if key is None:
        raise KeyUnavailable(f"cannot make its key {path}")
    return key
