"""A cache of results, so unchanged files are not analysed again.

A file's result is reused when its bytes (SHA-256), the settings that apply to it and
plainlint's own code are all unchanged. Everything lives in one file in the cache folder
(``.plainlint_cache`` by default), written whole at the end of a run: a header line with an
HMAC-SHA256 of the rest, then JSON (never pickle: loading must never run code).

The folder is data from outside: a pull request can commit one. So nothing in it is
trusted (docs/security/cache.md):
- links inside it are never followed, and only a regular file under MAX_BYTES is read;
- the HMAC's key is this user's, kept outside any checkout (cache_key.py), so results
  written on another machine, or edited, never match: they are ignored and replaced;
- every entry used is checked for shape and ranges against the file's bytes first
  (cache_entries.py); an entry that does not pass is a miss, and the file is analysed again.
A cache that cannot be read, or does not look right, is ignored and replaced. Deleting the
folder is always safe.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import json
import os
import secrets
import sys
from functools import cache
from pathlib import Path

from plainlint import __version__
from plainlint.cache_entries import record, result
from plainlint.cache_key import KeyUnavailable, user_key
from plainlint.config import Config
from plainlint.engine import FileResult
from plainlint.regular_files import Refusal, read_capped

DEFAULT_DIR = ".plainlint_cache"
FILE = "results-v2"
OLD_FILES = ("results-v1.json",)  # an older plainlint's, removed when the cache is written
_HEADER = b"plainlint-cache 2 "  # then the HMAC of the rest in 64 hex digits, and a line end
_BODY = len(_HEADER) + 65
# The largest cache file read. wcag-html's 647 pages (4.9 MB) make a 4.5 MB cache, so this
# serves sites of about 250 MB of pages; reading and checking a file this size takes about
# half a second and its size in memory, and a file not signed here is never parsed.
MAX_BYTES = 256 * 1024 * 1024
_TAGS = {
    "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# plainlint's cache: safe to delete.\n",
    ".gitignore": "*\n",
}

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


@cache
def code_key() -> str:
    """plainlint's version and the size and time of every file of the package, so a
    changed rule or word list (even without a new version) empties the cache."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".tsv", ".txt", ".gz", ".yml") and "__pycache__" not in path.parts:
            info = path.stat()
            digest.update(f"{path.relative_to(root)}:{info.st_size}:{info.st_mtime_ns}".encode())
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


class Unusable(Exception):
    """The cache cannot be used in this run; the message says why, for one line on stderr."""


class ResultCache:
    """Results by path, valid for one content hash and one settings key each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._entries: dict[str, dict] = {}
        self._dirty = False
        self._key: bytes | None = None
        try:
            self._key = user_key()
            self._load()
        except (Unusable, KeyUnavailable) as exc:
            self._key = None  # run without the cache
            print(f"plainlint: running without the cache: {exc}", file=sys.stderr)

    def _load(self) -> None:
        folder = _open_folder(self.folder)
        if folder is None:
            return  # no cache yet
        try:
            data = _read_regular(FILE, folder)
        finally:
            os.close(folder)
        if data is None or not data.startswith(_HEADER) or data[_BODY - 1 : _BODY] != b"\n":
            return  # missing, not a regular file, too big or not ours: ignored and replaced
        assert self._key is not None
        if not hmac.compare_digest(data[len(_HEADER) : _BODY - 1], _sign(self._key, data, _BODY).encode()):
            return  # written on another machine, or edited: never used
        try:
            body = json.loads(data[_BODY:])
            if body.get("code") == code_key() and isinstance(body["entries"], dict):
                self._entries = body["entries"]
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            pass  # cannot happen for a file signed here, short of a bug: start again

    def get(self, path: str, content: str, settings: str, data: bytes) -> FileResult | None:
        """The cached result for a file whose bytes are ``data``, or None: not cached, or an
        entry out of shape or range for those bytes (then the file is analysed again)."""
        entry = self._entries.get(path)
        if not isinstance(entry, dict) or entry.get("content") != content or entry.get("settings") != settings:
            return None
        try:
            return result(path, entry["result"], data)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError, OverflowError, RecursionError):
            self._entries.pop(path, None)  # analysed again, and replaced
            self._dirty = True
            return None

    def put(self, result: FileResult, content: str, settings: str) -> None:
        if self._key is None or result.error is not None or result.counts is None:
            return  # unreadable files are cheap to look at again, and may be fixed
        self._entries[result.path] = {"content": content, "settings": settings, "result": record(result)}
        self._dirty = True

    def save(self) -> None:
        """Write the cache if it changed; a cache that cannot be written is skipped."""
        if not self._dirty or self._key is None:
            return
        body = json.dumps({"code": code_key(), "entries": self._entries}, separators=(",", ":")).encode()
        text = _HEADER + _sign(self._key, body, 0).encode() + b"\n" + body
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            folder = _open_folder(self.folder)
        except (OSError, Unusable):
            return  # a read-only checkout, say: run without a cache
        if folder is None:
            return
        try:
            for name, tag in _TAGS.items():
                try:
                    _create(name, tag.encode(), folder)
                except FileExistsError:
                    pass  # whatever is there (a link too) is left alone
            _replace(FILE, text, folder)
            for name in OLD_FILES:
                _remove(name, folder)
        except OSError:
            pass
        finally:
            os.close(folder)


def _sign(key: bytes, data: bytes, start: int) -> str:
    return hmac.new(key, memoryview(data)[start:], hashlib.sha256).hexdigest()


def _open_folder(folder: Path) -> int | None:
    """A descriptor of the cache folder, or None when it does not exist. The folder
    plainlint picks itself, .plainlint_cache in the current folder, is where a repository
    would commit one: it must not be a link. A folder the user names may be one."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
    if folder == Path(DEFAULT_DIR):
        flags |= _NOFOLLOW
    try:
        return os.open(folder, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if folder.is_symlink() and exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise Unusable(f"{DEFAULT_DIR} is a symbolic link (a cache folder elsewhere can be "
                           "named with --cache-dir)") from None
        return None  # not a folder, or not ours to read: as if there were no cache


def _read_regular(name: str, folder: int) -> bytes | None:
    """The bytes of a regular file in ``folder``, or None: missing, a link, a pipe, a
    device, over MAX_BYTES, or changed while it is read."""
    try:
        return read_capped(name, MAX_BYTES, follow_symlinks=False, dir_fd=folder)
    except (Refusal, OSError):
        return None


def _create(name: str, data: bytes, folder: int) -> None:
    """Write a new file, or FileExistsError when anything is at ``name``, a link too."""
    fd = os.open(name, _CREATE, 0o666, dir_fd=folder)
    try:
        with open(fd, "wb") as handle:
            handle.write(data)
    except BaseException:  # a full disk, Ctrl-C: no half file left
        _remove(name, folder)
        raise


def _replace(name: str, data: bytes, folder: int) -> None:
    """Write a new file beside ``name`` and rename it over ``name``: a link at ``name`` is
    replaced, never followed, and an interrupted run leaves the old file whole."""
    temp = f".{name}.{secrets.token_hex(6)}"
    _create(temp, data, folder)
    try:
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        _remove(temp, folder)
        raise


def _remove(name: str, folder: int) -> None:
    try:
        os.unlink(name, dir_fd=folder)
    except OSError:
        pass


def default_folder() -> Path:
    return Path(os.environ.get("PLAINLINT_CACHE_DIR") or DEFAULT_DIR)
