"""Stopping a run: signals in the main process, and child processes that end with it.

In the main process (``install``, from cli.run), SIGINT, SIGTERM and SIGHUP raise Stopped
wherever the run is, so every ``finally`` on the way out runs as for an error: workers and
the extraction helper are ended, temporary files removed, no report half written. Then
``die`` ends the process by that same signal with its default action, so the shell and a CI
runner see what happened (exit status 128 + n: 130 for SIGINT, 143 for SIGTERM) and a shell
loop stops on Ctrl-C. A second signal during that clean-up acts at once (the default action).

Children (workers, the helper) call ``follow_parent`` first: SIGINT ignored (Ctrl-C reaches
the whole process group, and the parent stops them, so no worker prints a traceback), and a
death signal from the kernel when the parent dies however it dies, kill -9 included (Linux:
prctl(PR_SET_PDEATHSIG)); elsewhere a thread watches the parent's pid instead.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Callable, Iterator

_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
_owner: int | None = None  # the process that installed the handlers
received: int | None = None  # the stop signal that arrived, if one did


class Stopped(BaseException):
    """A stop signal arrived. Not an Exception: no ``except Exception`` swallows it, and
    click, which turns KeyboardInterrupt into "Aborted!" and exit 1, lets it through."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def install() -> None:
    """Turn the stop signals into Stopped in this process; a signal ignored when we were
    started (SIGINT in a background job, for example) stays ignored."""
    global _owner
    _owner = os.getpid()
    for signum in _SIGNALS:
        if signal.getsignal(signum) in (signal.SIG_DFL, signal.default_int_handler):
            signal.signal(signum, _on_signal)


def _on_signal(signum: int, frame) -> None:
    global received
    if os.getpid() != _owner:
        # a child forked before follow_parent ran in it: its parent stops it
        if signum != signal.SIGINT:
            _default_action(signum)
        return
    for other in _SIGNALS:
        if signal.getsignal(other) is _on_signal:
            signal.signal(other, signal.SIG_DFL)  # a second signal does not wait for the clean-up
    received = signum  # should Stopped be swallowed ("Exception ignored in" a callback), cli.run still stops
    raise Stopped(signum)


@contextmanager
def held() -> Iterator[None]:
    """Hold the stop signals back while forking: Stopped raised in an at-fork callback
    (logging has one) is printed and swallowed, and the child would start with Python's
    handlers before follow_parent sets its own. They are delivered on leaving."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def describe(signum: int) -> str:
    return "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"


def die(signum: int) -> None:
    """End this process by ``signum``'s default action (after the clean-up)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed pipe or terminal: nothing more to say
            pass
    _default_action(signum)


def _default_action(signum: int) -> None:
    signal.signal(signum, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signum})
    os.kill(os.getpid(), signum)
    os._exit(128 + signum)  # not reached where the default action ends the process


def follow_parent(parent: int, death_signal: int = getattr(signal, "SIGKILL", signal.SIGTERM)) -> None:
    """In a child of ``parent``: ignore SIGINT, take the default action on SIGTERM and SIGHUP
    (unless the child set its own handler), and get ``death_signal`` when the parent dies.
    Call it first thing; a child that set a handler for ``death_signal`` does so before."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in _SIGNALS:
        if signum != signal.SIGINT and signal.getsignal(signum) is _on_signal:
            signal.signal(signum, signal.SIG_DFL)
    if not _set_death_signal(death_signal):
        threading.Thread(target=_watch, args=(parent, lambda: os.kill(os.getpid(), death_signal)),
                         name="plainlint-parent-watch", daemon=True).start()
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)  # held while forking (see held)
    if os.getppid() != parent:  # the parent died before the death signal was set
        os.kill(os.getpid(), death_signal)


def _set_death_signal(signum: int) -> bool:
    """Ask Linux to send ``signum`` when the parent dies; False where that cannot be done."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes  # already loaded by the warm-up in a forked worker

        pr_set_pdeathsig = 1
        return ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signum, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int, on_death: Callable[[], None], every: float = 0.5) -> None:
    """Poll for the parent's death (where the kernel cannot tell us): an orphan's parent pid
    changes (to init's, or a subreaper's). Windows keeps the dead parent's pid: nothing seen."""
    import time

    while os.getppid() == parent:
        time.sleep(every)
    on_death()


def end_pool(pool) -> None:
    """Stop a ProcessPoolExecutor now: kill its workers (they hold nothing to save) rather
    than wait, as shutting it down does, for every queued page to be checked."""
    # Python 3.14 has pool.kill_workers(); before it, the pool's private _processes (a dict
    # of its workers, or None once shut down) is the only way to reach them. A canary test
    # (tests/hostile/test_signals.py) fails if a Python version drops it without a public way.
    processes = list((pool._processes or {}).values()) if hasattr(pool, "_processes") else []
    if not processes and hasattr(pool, "kill_workers"):
        pool.kill_workers()
    for process in processes:
        try:
            process.kill()
        except Exception:  # noqa: BLE001 - already gone
            pass
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(5)
