"""Reading source files: bytes to text, with clear errors for input we cannot use.

Positions are reported against the decoded text, so decoding must never rewrite it:
no newline translation, no replacement characters slipped in silently.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
from pathlib import Path

from plainlint.regular_files import Refusal, read_capped

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">,
# looked for in the first 1024 bytes as the HTML standard's prescan does.
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


# Python codecs that turn text into other text, not bytes into text
_NOT_FOR_PAGES = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"})


class InputError(Exception):
    """A file that cannot be checked; the message says why in plain words."""


def decode(data: bytes) -> str:
    """Decode a page: byte order mark, then a declared charset, then strict UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, "its byte order mark")
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (it contains NUL bytes), not a text page")
    match = _META_CHARSET.search(data[:1024])
    if match:
        name = match.group(1).decode("ascii", "replace")
        try:
            codec = codecs.lookup(name)
        except LookupError:
            raise InputError(f"declares an unknown character encoding {name!r}") from None
        if not codec._is_text_encoding or codec.name in _NOT_FOR_PAGES:  # rot13, zlib, unicode-escape...
            raise InputError(f"declares {name!r}, which is not a character encoding for web pages")
        if codec.name.startswith(("utf-16", "utf-32")):
            # a page whose <meta> could be read as ASCII is not UTF-16: the HTML standard reads it as UTF-8
            return _strict(data, "utf-8", f"UTF-8 (its <meta charset={name}> is wrong without a byte order mark)")
        return _strict(data, codec.name, f"its <meta charset={name}>")
    return _strict(data, "utf-8", "UTF-8 (no encoding is declared)")


def _strict(data: bytes, encoding: str, why: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"cannot be read as {why}: byte 0x{data[exc.start]:02x} on line {line} is invalid; "
            "save the file as UTF-8 or declare its encoding with <meta charset>"
        ) from None


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A page's bytes, or InputError: a symbolic link, not a regular file, replaced while
    looked at, or over ``max_bytes`` (see regular_files.read_capped). No link is followed at
    the last part of the path: files.collect resolved those it chose to follow."""
    try:
        return read_capped(path, max_bytes, follow_symlinks=False)
    except Refusal as refusal:
        if refusal.kind == "too-big":
            raise InputError(_too_big(f"is {refusal.size / 1048576:.1f} MB", max_bytes)) from None
        if refusal.kind == "grew":
            raise InputError(_too_big("grew while it was read", max_bytes)) from None
        raise InputError(_REFUSED[refusal.kind]) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP and os.path.islink(path):  # made a link after the files were listed
            raise InputError(_REFUSED["link"]) from None
        raise InputError(f"cannot be read: {exc.strerror or exc}") from None


_REFUSED = {
    "link": "is a symbolic link, so it is not read (name the file it points to, or see --follow-symlinks)",
    "not-regular": "is not a regular file (a pipe, socket or device), so it is not read",  # a pipe would block
    "replaced": "was replaced while it was read, so it is not read",
}


def _too_big(what: str, max_bytes: int) -> str:
    return f"{what}, over the {max_bytes / 1048576:g} MB limit (raise max-file-size-mb in rules.yml to check it)"


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode one file, or raise InputError with a message for the user."""
    return decode(read_bytes(path, max_bytes))
