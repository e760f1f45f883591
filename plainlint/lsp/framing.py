"""Reading LSP messages from a client that may send anything: what pygls reads is only
ever well-formed frames.

pygls reads a frame as header lines, a blank line, then exactly Content-Length bytes, and
trusts the length: a length larger than its body waits for ever for bytes that belong to
the next messages, a length it cannot parse or a body cut short leaves it reading bodies
as headers, and either way it never answers again; a length of 10^12 is allocated. So
``FramedInput`` stands between the client's bytes and pygls, which takes any object with
``readline()`` and ``read(n)`` as its input (``LanguageServer.start_io(stdin, ...)``, the
``Reader`` protocol of ``pygls.io_``): it parses the frames itself and hands on each body
under a header written afresh. This is the one place that knows how pygls reads;
tests/test_lsp_framing.py runs it under pygls' own reading loop and fails if that changes.

What happens to each malformed frame (one log line each, through ``report``):

- Content-Length larger than the body: a new frame's header inside the body shows where
  the body really ended (``Content-Length: <digits>`` and a line break can never occur in
  JSON text: a raw line break is not allowed in a JSON string, and those letters are not
  JSON outside one); if the client sends nothing more for ``STALL`` seconds, what came is
  looked at. Either way, a body that is a whole JSON object (a strict prefix of one never
  is) is handed on, anything else dropped; reading goes on from the new header.
- Content-Length smaller than the body: the short body is handed on (pygls reports it as
  invalid JSON), and the rest skipped up to the next header.
- Content-Length missing, zero, negative or not a number, two different ones, headers
  that do not end in a blank line, a header line over ``MAX_HEADER_LINE`` bytes or more
  than ``MAX_HEADER_LINES`` of them: the frame is dropped, and reading goes on from the
  next header.
- Content-Length over ``MAX_MESSAGE``: the body is read and thrown away in pieces, never
  held (a header inside it ends it early, as above).
- Bytes that are not a frame: skipped up to the next header.
- Invalid JSON, or JSON that is not a JSON-RPC message: handed on; pygls reports it.
- The stream ends inside a frame: the frame is dropped, and the input ends.
"""

from __future__ import annotations

import json
import queue
import re
import threading
from collections import deque
from collections.abc import Callable
from typing import BinaryIO

MAX_MESSAGE = 64 * 1024 * 1024  # bytes: a 10 MB page of control characters is 60 MB as JSON
STALL = 1.0  # seconds without a byte, inside a body, before looking at what came
CHUNK = 65536
MAX_HEADER_LINE = 1024  # bytes, with its line break
MAX_HEADER_LINES = 32

# where a frame may start, when looking past bytes that are not one
_HEADER_START = re.compile(rb"Content-(?:Length|Type)[ \t]{0,8}:", re.I)
# a header line: a field name, a value, the line break (\r\n, or a bare \n)
_HEADER_LINE = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:[ \t]*([^\r\n]*?)[ \t]*\r?\n")
# a frame's header inside a body, ending at a line break: proof that the body ended
# earlier than it said. Looked for only before a raw line break, which JSON from a client
# seldom has: finding those runs at memory speed, the pattern over every byte would not.
_BODY_BREAK = re.compile(rb"Content-Length[ \t]{0,8}:[ \t]{0,8}[0-9]{1,19}[ \t]{0,8}\r?\n\Z", re.I)
_BREAK_REACH = 60  # bytes: the longest match of _BODY_BREAK, roughly
# a Content-Type line just before that header belongs to the new frame too
_TYPE_BEFORE = re.compile(rb"Content-Type[ \t]{0,8}:[^\r\n]{0,200}\r?\n\Z", re.I)
_OVERLAP = 64  # bytes kept when scanning in pieces, so that no header is cut in two


def _json_object(body: bytes) -> bool:
    try:
        return isinstance(json.loads(body), dict)
    except (ValueError, RecursionError):
        return False


class _Source:
    """The client's bytes, read by a daemon thread so that reading can wait with a
    timeout. ``get`` gives a piece of input, b"" at the end, None after ``timeout``."""

    def __init__(self, raw: BinaryIO) -> None:
        self._pieces: queue.Queue[bytes] = queue.Queue(maxsize=64)  # at most 4 MB ahead
        read = getattr(raw, "read1", None) or raw.read
        threading.Thread(target=self._pump, args=(read,), name="plainlint-lsp-input", daemon=True).start()
        self._ended = False

    def _pump(self, read) -> None:
        try:
            while piece := read(CHUNK):
                self._pieces.put(piece)
        except (OSError, ValueError):  # closed under us: the end of the input
            pass
        self._pieces.put(b"")

    def close(self) -> None:
        """End the input now, waking a reader waiting for it."""
        self._ended = True
        try:
            self._pieces.put_nowait(b"")
        except queue.Full:
            pass  # a reader is not waiting, then

    def get(self, timeout: float | None) -> bytes | None:
        if self._ended:
            return b""
        try:
            piece = self._pieces.get(timeout=timeout)
        except queue.Empty:
            return None
        self._ended = not piece
        return piece


class FramedInput:
    """A binary input for pygls that yields only well-formed LSP frames read from ``raw``.

    ``report`` gets one line for each frame dropped or repaired. pygls calls
    ``readline`` and ``read`` from one thread at a time."""

    def __init__(self, raw: BinaryIO, report: Callable[[str], None], *,
                 max_message: int = MAX_MESSAGE, stall: float = STALL) -> None:
        self._source = _Source(raw)
        self._report = report
        self._max = max_message
        self._stall = stall
        self._buf = bytearray()  # read, not yet parsed
        self._out: deque[bytes] = deque()  # frames for pygls: header lines, then bodies
        self._ended = False
        self._dropping = False  # skipping the rest of a frame already reported

    def close(self) -> None:
        """End the input: pygls' reader thread, if waiting, sees the end of it at once."""
        self._source.close()

    # --- what pygls calls ------------------------------------------------------------

    def readline(self) -> bytes:
        if not self._out:
            self._next_frame()
        if not self._out:
            return b""
        piece = self._out.popleft()
        cut = piece.find(b"\n") + 1
        if 0 < cut < len(piece):  # only when pygls reads otherwise than expected
            self._out.appendleft(piece[cut:])
            piece = piece[:cut]
        return piece

    def read(self, n: int) -> bytes:
        got: list[bytes] = []
        while n > 0:
            if not self._out:
                self._next_frame()
            if not self._out:
                break
            piece = self._out.popleft()
            if len(piece) > n:
                self._out.appendleft(piece[n:])
                piece = piece[:n]
            got.append(piece)
            n -= len(piece)
        return got[0] if len(got) == 1 else b"".join(got)

    # --- parsing ---------------------------------------------------------------------

    def _more(self, timeout: float | None = None) -> bool | None:
        """Read a piece into the buffer: True, False at the end, None after ``timeout``."""
        piece = self._source.get(timeout)
        if piece is None:
            return None
        if not piece:
            self._ended = True
            return False
        self._buf += piece
        return True

    def _emit(self, body: bytes) -> None:
        self._out.append(b"Content-Length: %d\r\n" % len(body))
        self._out.append(b"\r\n")
        self._out.append(body)

    def _next_frame(self) -> None:
        """Parse until one frame is ready for pygls, or the input ends."""
        while not self._out and not (self._ended and not self._buf):
            length = self._headers()
            if length is not None:
                self._body(length)

    def _headers(self) -> int | None:
        """Parse one header block from the next header on: the body's length, or None
        (a bad block, reported and dropped, or the end of the input)."""
        junk = self._skip_to_header()
        if junk and not self._dropping:
            self._report(f"skipped {junk:,} bytes that are not an LSP message")
        self._dropping = False
        if not self._buf:
            return None
        fields: dict[bytes, bytes] = {}
        at = lines = 0
        while True:
            end = self._buf.find(b"\n", at, at + MAX_HEADER_LINE)
            while end == -1 and len(self._buf) - at < MAX_HEADER_LINE and self._more():
                end = self._buf.find(b"\n", at, at + MAX_HEADER_LINE)
            if end == -1:
                return self._bad("a header line too long, or cut off by the end of the input")
            line = bytes(self._buf[at : end + 1])
            at = end + 1
            if line in (b"\r\n", b"\n"):
                break
            m = _HEADER_LINE.fullmatch(line)
            if m is None or _HEADER_START.search(m[2]):
                return self._bad("headers not ended by a blank line")
            name = m[1].lower()
            if name in fields and fields[name] != m[2]:
                return self._bad(f"two different {m[1].decode()} headers", at)
            fields[name] = m[2]
            lines += 1
            if lines > MAX_HEADER_LINES:
                return self._bad("too many header lines", at)
        del self._buf[:at]
        value = fields.get(b"content-length")
        if value is None:
            return self._drop("a message without a Content-Length header")
        if not value.isdigit() or len(value) > 19:
            return self._drop(f"a message whose Content-Length is not a number of bytes: {_shown(value)}")
        if int(value) == 0:
            return self._drop("an empty message (Content-Length: 0)")
        return int(value)

    def _drop(self, what: str) -> None:
        """Report a frame dropped after its headers: its body, if any, is skipped with
        no more said."""
        self._report(f"dropped {what}")
        self._dropping = True

    def _skip_to_header(self) -> int:
        """Drop everything before the next header start; how many bytes were dropped,
        not counting white space (a client may end a body with a line break)."""
        junk = 0
        while True:
            m = _HEADER_START.search(self._buf)
            cut = m.start() if m else max(0, len(self._buf) - _OVERLAP)
            junk += len(bytes(self._buf[:cut]).strip())
            del self._buf[:cut]
            if m or not self._more():
                break
        if not m:
            junk += len(bytes(self._buf).strip())
            self._buf.clear()
        return junk

    def _bad(self, problem: str, parsed: int = 0) -> None:
        """Drop a header block: up to the end of its ``parsed`` lines, or else just its
        first header's name, so that the search for the next one starts after it (a line
        that is not a header does not say where the next one starts)."""
        self._drop(f"a message: {problem}")
        m = _HEADER_START.match(self._buf)
        del self._buf[: max(parsed, m.end() if m else 1)]

    def _body(self, length: int) -> None:
        """Read a body of ``length`` bytes into a frame for pygls; or, for a body over the
        limit, read it and throw it away."""
        keep = length <= self._max
        if not keep:
            self._report(f"skipped a message of {length:,} bytes, over the limit of {self._max:,}")
        scanned = 0  # where looking for a header inside the body goes on from
        dropped = 0  # bytes of an overlong body read and thrown away
        looked = 0  # how much of the body had come when it was last looked at whole
        while True:
            have = len(self._buf)
            until = min(have, length + _BREAK_REACH)
            at = self._break_in(scanned, until)
            if 0 <= at < length:
                self._cut_short(at, length, keep)
                return
            if have >= length:
                if keep:
                    self._emit(bytes(self._buf[:length]))
                del self._buf[:length]
                return
            scanned = until
            if not keep and have > CHUNK:
                gone = have - _OVERLAP
                del self._buf[:gone]
                dropped += gone
                length -= gone
                scanned = _OVERLAP
            got = self._more(self._stall if keep else None)
            if got is not True and have > looked and self._whole(looked := have):
                self._report(f"a message's Content-Length ({length:,}) is larger than its body ({have:,} bytes): "
                             "took the body as it was")
                self._emit(bytes(self._buf))
                self._buf.clear()
                return
            if got is False:
                self._report(f"the input ended inside a message ({have + dropped:,} of {length + dropped:,} bytes)")
                self._buf.clear()
                return

    def _break_in(self, start: int, end: int) -> int:
        """Where a frame's header ending at a line break in ``buf[start:end]`` starts,
        or -1."""
        buf = self._buf
        nl = buf.find(b"\n", start, end)
        while nl != -1:
            if nl and buf[nl - 1] in b"0123456789 \t\r":
                m = _BODY_BREAK.search(buf, max(0, nl - _BREAK_REACH), nl + 1)
                if m is not None:
                    return m.start()
            nl = buf.find(b"\n", nl + 1, end)
        return -1

    def _whole(self, have: int) -> bool:
        """Whether the ``have`` bytes of body read so far are a whole JSON object."""
        if not have:
            return False
        tail = bytes(self._buf[max(0, have - 8) : have]).rstrip()
        return tail.endswith(b"}") and _json_object(bytes(self._buf[:have]))

    def _cut_short(self, at: int, length: int, keep: bool) -> None:
        """A new frame's header at ``at`` inside a body of ``length`` bytes: the body
        ended before it."""
        before = _TYPE_BEFORE.search(self._buf, max(0, at - 260), at)
        if before is not None:
            at = before.start()
        body = bytes(self._buf[:at])
        del self._buf[:at]
        if not keep:
            return  # already reported
        if _json_object(body):
            self._emit(body)
            self._report(f"a message's Content-Length ({length:,}) is larger than its body ({len(body):,} bytes): "
                         "took the body up to the next message")
        else:
            self._report(f"dropped a message cut short by the next one ({len(body):,} of {length:,} bytes)")


def _shown(value: bytes) -> str:
    """A header value in a log line: printable ASCII, at most 40 characters."""
    text = value[:40].decode("ascii", "replace")
    return "".join(c if c.isprintable() else "?" for c in text) + ("..." if len(value) > 40 else "")
