"""Text from outside (file names, page words, settings keys) made safe to show.

A file name or a page can hold characters that act instead of showing: a terminal runs
an escape sequence (``ESC ] 52`` writes the clipboard, ``ESC [ 2J`` clears the screen, and
U+009B is the one-character CSI), and a browser, an editor or a CI annotation reorders the
rest of a line after a bidirectional override (U+202E shows ``cod.exe\\u202c.html`` as
``lmth.exe.doc``). Every report, message and error line shows such characters escaped,
as Python writes them (``\\x1b``, ``\\x9b``, ``\\u202e``), through the functions here:

- ``printable``: one line of a terminal text (the text report, standard error);
- ``shown``: a value in a format whose line breaks are data (JSON strings, HTML, GitHub's
  ``%0A``), so tab, line feed and carriage return stay;
- ``page_text``: the page's own text in the HTML report, which keeps the three bidi
  *marks* too (LRM, RLM, ALM): they only place the punctuation beside them, and pages use
  them as WCAG technique H34 asks.

Nothing else changes: letters of every script, emoji (and their zero-width joiners), and
right-to-left text itself are shown as written. Each function costs one ``str.isprintable``
in C on ordinary text, which holds none of these characters.
"""

from __future__ import annotations

import re

_LAYOUT = "\t\n\r"
_C0 = "\x00-\x08\x0b\x0c\x0e-\x1f"  # the C0 controls but tab, line feed, carriage return
_C1 = "\x7f-\x9f"  # DEL and the C1 controls
_SEPARATORS = "\u2028\u2029"  # line and paragraph separators: line breaks to editors and JavaScript
# embeddings (LRE, RLE), overrides (LRO, RLO), their end (PDF) and isolates (LRI, RLI, FSI, PDI):
# each reorders a whole run of text
_REORDERING = "\u202a-\u202e\u2066-\u2069"
_MARKS = "\u061c\u200e\u200f"  # ALM, LRM, RLM

_ONE_LINE = re.compile(f"[{_LAYOUT}{_C0}{_C1}{_SEPARATORS}{_REORDERING}{_MARKS}]")
_VALUE = re.compile(f"[{_C0}{_C1}{_SEPARATORS}{_REORDERING}{_MARKS}]")
_PAGE = re.compile(f"[{_C0}{_C1}{_SEPARATORS}{_REORDERING}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    return _NAMED.get(char) or char.encode("unicode_escape").decode("ascii")


def printable(text: str) -> str:
    """``text`` on one line, every control and bidi character escaped: ``\\n``, ``\\x1b``, ``\\u202e``."""
    return text if text.isprintable() else _ONE_LINE.sub(_escape, text)


def shown(text: str) -> str:
    """``text`` with its controls and bidi characters escaped, but tab and line breaks kept."""
    return text if text.isprintable() else _VALUE.sub(_escape, text)


def page_text(text: str) -> str:
    """A page's text as the HTML report shows it: as ``shown``, keeping the bidi marks."""
    return text if text.isprintable() else _PAGE.sub(_escape, text)


def printable_lines(text: str) -> str:
    """A message of several lines for the terminal (standard error): each line as ``printable``."""
    return "\n".join(map(printable, text.split("\n")))


# JSON escapes the C0 controls itself, and may hold the others raw; a terminal that shows a
# report with `cat` acts on them all the same. They are looked for in the UTF-8 text: each by
# its first byte (memchr-fast), then by a pattern with a literal start where that byte is
# there. On wcag-html's 7 MB JSON report, 4 ms; one pattern over the text took 21 ms.
_JSON_RAW = re.compile(f"[{_C1}{_SEPARATORS}{_REORDERING}{_MARKS}]")
_JSON_RAW_UTF8 = tuple(
    (lead, re.compile(pattern)) for lead, pattern in (
        (b"\x7f", rb"\x7f"),  # DEL
        (b"\xc2", rb"\xc2[\x80-\x9f]"),  # C1
        (b"\xd8", rb"\xd8\x9c"),  # ALM
        (b"\xe2", rb"\xe2\x80[\x8e\x8f\xa8-\xae]"),  # LRM, RLM, separators, embeddings, overrides
        (b"\xe2", rb"\xe2\x81[\xa6-\xa9]"),  # isolates
    )
)


def json_escaped(text: str, utf8: bytes | None = None) -> str:
    """JSON text (``utf8``: the same, encoded, when at hand) with DEL, C1 and bidi characters
    written as ``\\u`` escapes: the bytes are safe to show, and the values read back the same.
    They can only stand inside JSON strings, where an escape means the character itself."""
    if utf8 is None:
        utf8 = text.encode("utf-8", "surrogatepass")
    if not any(lead in utf8 and p.search(utf8) for lead, p in _JSON_RAW_UTF8):
        return text
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
