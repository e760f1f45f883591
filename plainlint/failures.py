"""What is left when a command fails outside any one file: one line on standard error,
``plainlint: ...``, and exit code 2, never a traceback.

Standard output can fail under any command: a full disk (``> /dev/full``), or a reader
that stops early (``| head -c1``; click then exits 1, as if there were findings, without a
word). Anything else that reaches here is a bug in plainlint: it is named in that one line,
and ``PLAINLINT_TRACEBACK=1`` shows where it happened.
"""

from __future__ import annotations

import errno
import os
import sys

from plainlint.safe_text import printable_lines

EXIT_ERROR = 2
# a write's errors: with no file named, the write was to standard output or error
_WRITING = {errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def say(line: str) -> None:
    """Write one line to standard error, if standard error can still be written."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(printable_lines(f"plainlint: {line}") + "\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass  # standard error is gone too: the exit code is all that is left


def uncaught(exc: Exception) -> int:
    """The exit code for an exception no command caught, after saying what it was."""
    if os.environ.get("PLAINLINT_TRACEBACK"):
        raise exc
    if isinstance(exc, OSError):
        if exc.filename is not None:
            say(f"{os.fsdecode(exc.filename)}: {exc.strerror or exc}")
        elif exc.errno in _WRITING:
            say(f"cannot write standard output: {exc.strerror}")
        else:
            say(f"{exc.strerror or exc}")
    elif isinstance(exc, MemoryError):
        say("out of memory")
    else:
        message = str(exc).splitlines()[0][:300] if str(exc) else ""
        say(f"internal error ({type(exc).__name__}{': ' + message if message else ''}); "
            "this is a bug in plainlint: please report it, with PLAINLINT_TRACEBACK=1 set")
    silence_stdout()
    return EXIT_ERROR


def finish(code: object) -> object:
    """Flush standard output and standard error; the exit code, 2 if the output could not
    be written (click turns a closed pipe into exit 1 and a quiet standard output)."""
    if _pipe_closed():
        say("cannot write standard output: the reader closed it before the end (broken pipe)")
        return EXIT_ERROR
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (OSError, ValueError) as exc:
        say(f"cannot write standard output: {getattr(exc, 'strerror', None) or exc}")
        silence_stdout()
        return EXIT_ERROR
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return code


def _pipe_closed() -> bool:
    # click's wrapper, put in place of standard output on a closed pipe, by its name: the
    # class became private in click 8.2 (_PacifyFlushWrapper)
    return type(sys.stdout).__name__.endswith("PacifyFlushWrapper")


def print_report(text: str) -> None:
    """Print a report on standard output, as made; OutputError if it cannot be printed."""
    import click

    from plainlint.atomic import OutputError

    if sys.stdout is None:  # started with standard output closed (">&-"): the report would vanish
        raise OutputError("standard output", "it is closed")
    try:
        # color=True: left to itself, click strips what looks like a colour code when not
        # on a terminal, even from a file name in a report ("\x1b[2Ja.html")
        click.echo(text, nl=False, color=True)
    except OSError as exc:
        silence_stdout()
        reason = "the reader closed it before the end (broken pipe)" if exc.errno == errno.EPIPE else exc.strerror
        raise OutputError("standard output", reason or str(exc)) from None


def silence_stdout() -> None:
    """Point standard output at the null device: what is still buffered for it can never
    be written, and would fail again, loudly, when Python exits."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass
