"""What the language server prints on standard error: one line per event, never a
traceback, at most ``LIMIT`` characters, control characters shown as escapes. A client
that sends one bad message after another gets a bounded number of lines (``Throttle``).
"""

from __future__ import annotations

import logging
import threading
import time
import unicodedata

LIMIT = 300  # characters in one line of the log


def one_line(text: str, limit: int = LIMIT) -> str:
    """``text`` on one line: control and format characters (line breaks, escape
    sequences, bidirectional overrides) as escapes, cut to ``limit`` characters."""
    cut = len(text) > limit
    text = text[:limit]
    if not text.isprintable():
        text = "".join(
            c if c == " " or unicodedata.category(c)[0] not in "CZ" else c.encode("unicode_escape").decode("ascii")
            for c in text
        )
    if cut or len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


def exception_line(exc: BaseException) -> str:
    return one_line(f"{type(exc).__name__}: {exc}")


class OneLine(logging.Formatter):
    """Each record on one line, with its exception's type and message but no traceback."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage().split("\n", 1)[0]
        if record.exc_info and record.exc_info[1] is not None:
            message += f": {exception_line(record.exc_info[1])}"
        return f"plainlint lsp: {record.levelname.lower()}: {one_line(message)}"


class NoDuplicates(logging.Filter):
    """Drop pygls' own error records that carry a traceback: pygls hands each of those
    errors to the server's report_server_error too, which logs it on one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("pygls") and record.levelno >= logging.ERROR:
            return not (record.exc_info or "\n" in record.getMessage())
        return True


class Throttle:
    """At most ``burst`` lines at once, then one a second; says how many were left out."""

    def __init__(self, burst: int = 20, per_second: float = 1.0) -> None:
        self._lock = threading.Lock()
        self._burst = burst
        self._rate = per_second
        self._tokens = float(burst)
        self._when = time.monotonic()
        self._left_out = 0

    def __call__(self, line: str) -> str | None:
        """``line`` to log now (with a note of any left out before it), or None."""
        with self._lock:
            now = time.monotonic()
            self._tokens = min(self._burst, self._tokens + (now - self._when) * self._rate)
            self._when = now
            if self._tokens < 1:
                self._left_out += 1
                return None
            self._tokens -= 1
            left_out, self._left_out = self._left_out, 0
        return f"{line} ({left_out} similar lines left out before this one)" if left_out else line


def configure() -> None:
    """Log warnings and errors on standard error, one line each; exceptions in threads too."""
    handler = logging.StreamHandler()
    handler.setFormatter(OneLine())
    handler.addFilter(NoDuplicates())
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)

    def thread_failed(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            logging.getLogger("plainlint.lsp").error("thread %s stopped: %s", getattr(args.thread, "name", "?"),
                                                     exception_line(args.exc_value))

    threading.excepthook = thread_failed
