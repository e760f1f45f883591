"""Checks in worker processes: one document's check never holds up another's, a newer
version of a document stops the check of the older one, and a check over its time is
stopped. A check is CPU-bound Python, which a thread can neither share fairly nor stop;
a process can be killed.

Workers are forked, warm, from a fork server that has loaded spaCy, the word lists and
the lexicon once (``preload.py``): starting one takes a few tens of milliseconds, not the
seconds of loading. The fork server is a clean single-threaded process, not this one,
which runs threads. Where there is no fork server (Windows), workers are spawned and
each loads what it needs itself. Each worker checks one page at a time and waits for the
next; a worker that is killed is replaced when next needed. A worker whose parent is gone
stops within ``WATCH`` seconds.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from concurrent.futures import Future
from pathlib import Path

from lsprotocol.types import DiagnosticSeverity

from plainlint.lsp.checking import Outcome, Settings, Snapshot, page_note, run_check
from plainlint.lsp.features import Checked
from plainlint.lsp.logs import exception_line
from plainlint.lsp.positions import PositionMap

WATCH = 1.0  # seconds between a worker's looks at whether its parent is still there
START_TIMEOUT = 300.0  # seconds for a worker to start and load, on a slow machine
PRELOAD = "plainlint.lsp.preload"


class WorkerGone(Exception):
    """The worker stopped before answering."""


class OverTime(Exception):
    """The check took longer than it was given."""


# --- in the worker ---------------------------------------------------------------------


def warm() -> None:
    """Load what every check needs (see engine.warm_up); a failure only costs time."""
    from plainlint.config import load_config
    from plainlint.engine import warm_up

    try:
        warm_up(load_config())
    except Exception:  # noqa: BLE001 - each check reports its own problems
        pass


def _watch_parent() -> None:
    parent = os.getppid()
    while True:
        time.sleep(WATCH)
        if os.getppid() != parent:
            os._exit(0)


def serve_checks(conn) -> None:
    """A worker's life: say it is ready, then check each snapshot it is sent. Whatever
    goes wrong ends it with one line on standard error, never a traceback: the server
    tells the page."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ^C in a terminal is for the server, which stops the workers
    threading.Thread(target=_watch_parent, name="plainlint-watch", daemon=True).start()
    try:
        if PRELOAD not in sys.modules:  # spawned, not forked warm
            warm()
        settings, generation = Settings(), 0
        conn.send("ready")
        while True:
            try:
                snap, gen = conn.recv()
            except (EOFError, OSError):
                return
            if gen != generation:
                settings.clear()
                generation = gen
            outcome = run_check(snap, settings)
            outcome.checked.text = ""  # the server has it
            outcome.checked.pm = None  # holds the text too: made again by the server
            conn.send(outcome)
    except BaseException as exc:  # noqa: BLE001 - see above
        print(f"plainlint lsp: a check worker stopped: {exception_line(exc)}", file=sys.stderr, flush=True)
        os._exit(1)


# --- in the server ---------------------------------------------------------------------


def _context():
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([PRELOAD])
    # The fork server imports this package by name, with the path of a fresh interpreter:
    # make sure that finds this copy of it.
    root = str(Path(__file__).resolve().parents[2])
    paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    if root not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([root, *filter(None, paths)])
    return context


class Worker:
    """A worker process and the pipe to it. Only one thread at a time uses the pipe."""

    def __init__(self, context) -> None:
        conn, child = context.Pipe()
        self.process = context.Process(target=serve_checks, args=(child,), name="plainlint-check", daemon=True)
        self.process.start()
        child.close()
        self.conn = conn
        try:
            if not conn.poll(START_TIMEOUT):
                raise WorkerGone(f"a worker did not start in {START_TIMEOUT:g} s")
            conn.recv()
        except (EOFError, OSError) as exc:
            self.stop()
            raise WorkerGone("a worker stopped while starting") from exc
        except WorkerGone:
            self.stop()
            raise

    def run(self, snap: Snapshot, generation: int, budget: float) -> Outcome:
        """Check ``snap``; OverTime after ``budget`` seconds, WorkerGone if the worker
        stops (killed, or a crash). The worker is stopped on either."""
        try:
            self.conn.send((snap, generation))
            if not self.conn.poll(budget):
                self.stop()
                raise OverTime
            outcome: Outcome = self.conn.recv()
        except (EOFError, OSError) as exc:
            self.stop()
            raise WorkerGone(str(exc)) from exc
        outcome.checked.text = snap.text
        outcome.checked.pm = PositionMap(snap.text, snap.encoding)
        return outcome

    def interrupt(self) -> None:
        """Kill the process, from any thread: the thread using the pipe then sees it end."""
        self.process.kill()

    def stop(self) -> None:
        """Kill the process and close the pipe, from the thread using it (or none)."""
        self.process.kill()
        self.conn.close()
        self.process.join()


class CheckPool:
    """Up to ``size`` workers, each checking one page at a time; the rest wait their turn.
    Used from the server's event loop."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.generation = 0  # raised when settings may have changed: workers forget theirs
        self._context = None
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        self._slots: asyncio.Semaphore | None = None
        self._closed = False
        self._folder: str | None = None  # of the fork server's socket

    async def start(self) -> None:
        """Start one worker, so that the first page does not wait for the loading."""
        async with self._slot():
            self._keep(await self._worker())

    async def check(self, snap: Snapshot, budget: float) -> Outcome:
        """Check ``snap`` in a worker, within ``budget`` seconds; cancelling the task
        kills the worker. Never raises but CancelledError."""
        async with self._slot():
            try:
                worker = await self._worker()
            except (WorkerGone, OSError) as exc:
                return _failed(snap, f"plainlint could not check this page: {exc}", error=True)
            done = _in_thread(worker.run, snap, self.generation, budget)
            self._busy.add(worker)
            try:
                outcome = await asyncio.wrap_future(done)
            except asyncio.CancelledError:
                worker.interrupt()
                done.add_done_callback(lambda _: worker.stop())
                raise
            except OverTime:
                return _failed(snap, f"plainlint stopped checking this page after {budget:g} s: it takes too long "
                                     "to check (checkTimeout in the initialization options)")
            except WorkerGone:
                return _failed(snap, "plainlint could not check this page: its check stopped unexpectedly",
                               error=True)
            finally:
                self._busy.discard(worker)
            self._keep(worker)
            return outcome

    def close(self) -> None:
        """Stop every worker, and remove the fork server's folder: the server leaves by
        os._exit (serve), so multiprocessing's own clean-up at exit, which would remove it
        too, never runs. The fork server stops by itself when this process is gone."""
        self._closed = True
        for worker in self._idle:
            worker.stop()
        self._idle.clear()
        for worker in self._busy:
            worker.interrupt()  # its thread sees the pipe end, and stops it
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)

    def _slot(self) -> asyncio.Semaphore:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.size)
        return self._slots

    async def _worker(self) -> Worker:
        """An idle worker, or a new one."""
        while self._idle:
            worker = self._idle.pop()
            if worker.process.is_alive():
                return worker
            worker.stop()  # killed while idle (the out-of-memory killer, a user)
        if self._closed:
            raise WorkerGone("the server is shutting down")
        if self._context is None:
            self._context = _context()
            self._folder = tempfile.mkdtemp(prefix="plainlint-lsp-", dir=_short_temp())
        starting = _in_thread(self._new_worker)
        try:
            return await asyncio.wrap_future(starting)
        except asyncio.CancelledError:  # keep it for the next check, once started
            loop = asyncio.get_running_loop()
            starting.add_done_callback(
                lambda f: f.exception() or loop.call_soon_threadsafe(self._keep, f.result()))
            raise

    def _new_worker(self) -> Worker:
        # The first worker starts the fork server, whose socket goes in a folder made by
        # tempfile (multiprocessing.util.get_temp_dir): make it one that close() removes.
        saved, tempfile.tempdir = tempfile.tempdir, self._folder
        try:
            return Worker(self._context)
        finally:
            tempfile.tempdir = saved

    def _keep(self, worker: Worker) -> None:
        if self._closed or len(self._idle) >= self.size:
            worker.stop()
        else:
            self._idle.append(worker)


def _short_temp() -> str:
    """A folder for the fork server's socket, whose path must fit in about 100 bytes
    (108 on Linux, 104 on macOS) with "/plainlint-lsp-*/pymp-*/listener-*" (59) after it."""
    base = tempfile.gettempdir()
    return base if len(base) <= 40 or not os.path.isdir("/tmp") else "/tmp"


def _in_thread(function, *args) -> Future:
    """Run ``function`` in a new daemon thread: waiting on a worker holds no thread that
    the interpreter would wait for when it exits, as a ThreadPoolExecutor's would be."""
    future: Future = Future()

    def run() -> None:
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(function(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits
                future.set_exception(exc)

    threading.Thread(target=run, name="plainlint-check", daemon=True).start()
    return future


def _failed(snap: Snapshot, message: str, error: bool = False) -> Outcome:
    severity = DiagnosticSeverity.Error if error else DiagnosticSeverity.Warning
    checked = Checked(snap.version, snap.text, [page_note(message, severity)])
    return Outcome(checked, Settings.key(snap.folder), failure=None)
