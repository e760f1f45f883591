"""Extraction ahead: read pages while the workers' pipeline loads.

Before forking workers, the main process loads spaCy, the word lists and the lexicon
(about a second), and the second core would sit idle. Reading files and extracting their
text needs none of that, so a helper process does it meanwhile, from the end of the
workers' queue: each page it finishes is pickled to a private temporary folder, and the
worker that reaches it loads the Document instead of extracting it (a tenth of the cost).

It only saves time: the helper is stopped when the pipeline is loaded, pages it did not
finish, could not read or could not extract are handled by the workers as ever, and a
Document is the same whoever extracted it, so the findings are too.

The folder holds page text, so it lives no longer than the warm-up: when the helper is
stopped, the finished pages are read into memory (the forked workers share it) and the
folder is removed. Until then the helper removes it if the main process dies (the kernel
sends it SIGTERM, see stopping.py), and a run that finds the folder of a dead run (both
killed at once) removes it.
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import stat
import tempfile
import time
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Iterator, Sequence

from plainlint.config import Config
from plainlint.document import Document
from plainlint.stopping import follow_parent, held

_DONE = ".doc"
_PREFIX = "plainlint-ahead-"  # then the main process's pid, "-", and mkdtemp's letters


class Ahead:
    """The helper's output: the pages it finished."""

    def __init__(self, folder: str) -> None:
        self._folder = folder
        self._process: BaseProcess | None = None
        self.ready: dict[int, bytes] = {}  # page index -> its pickled Document

    def stop(self) -> None:
        """Stop the helper, take what it finished into memory (a page half written is left
        out) and remove the folder."""
        self._end_helper()
        for name in os.listdir(self._folder):
            if name.endswith(_DONE):
                try:
                    with open(os.path.join(self._folder, name), "rb") as f:
                        self.ready[int(name[: -len(_DONE)])] = f.read()
                except OSError:  # the worker extracts that page
                    pass
        shutil.rmtree(self._folder, ignore_errors=True)

    def _end_helper(self) -> None:
        if self._process is not None:
            self._process.kill()  # nothing to save: a page half written is not taken
            self._process.join()
            self._process = None


@contextmanager
def extracting_ahead(pages: Sequence[tuple[int, Path, str]], config: Config, context) -> Iterator[Ahead]:
    """Extract ``pages`` (index, path, name), in that order, in a helper process forked
    from ``context`` until ``stop()``; the folder is removed on leaving, however."""
    _remove_stale(tempfile.gettempdir())
    parent = os.getpid()
    folder = tempfile.mkdtemp(prefix=f"{_PREFIX}{parent}-")  # private: mode 0700
    ahead = Ahead(folder)
    try:
        process = context.Process(target=_helper, args=(pages, config, folder, parent), daemon=True)
        try:
            with held():
                process.start()
                ahead._process = process
        except OSError:  # no process to spare (a limit on processes or memory): the workers extract every page
            pass
        yield ahead
    finally:
        ahead._end_helper()
        shutil.rmtree(folder, ignore_errors=True)


def _helper(pages: Sequence[tuple[int, Path, str]], config: Config, folder: str, parent: int) -> None:
    """The helper process: extract, then wait to be stopped; should the main process die
    first, however it dies, the kernel sends SIGTERM and the folder goes."""

    def on_sigterm(signum, frame) -> None:
        if os.getppid() != parent:  # the main process died (its clean-up never ran): ours
            shutil.rmtree(folder, ignore_errors=True)
        os._exit(0)

    signal.signal(signal.SIGTERM, on_sigterm)
    follow_parent(parent, signal.SIGTERM)
    _extract_all(pages, config, folder)
    while True:  # all done: stay, to remove the folder should the main process die before it takes the pages
        time.sleep(3600)


def _extract_all(pages: Sequence[tuple[int, Path, str]], config: Config, folder: str) -> None:
    from plainlint.engine import extract_source
    from plainlint.reading import read_source

    for index, path, name in pages:
        settings = config.for_path(path)
        try:
            source = read_source(path, settings.max_file_bytes)
            if not source.strip():
                continue
            document = extract_source(source, name, settings)
            part = os.path.join(folder, f"{index}.part")
            with open(part, "wb") as out:
                pickle.dump(document, out, pickle.HIGHEST_PROTOCOL)
            os.rename(part, os.path.join(folder, f"{index}{_DONE}"))  # complete, or not there at all
        except Exception:  # noqa: BLE001 - the worker reads this page again and reports what is wrong
            continue


def _remove_stale(tmp: str) -> None:
    """Remove the folders of runs that died with their helper (kill -9 of the process
    group, the out-of-memory killer): ours (same owner), and their pid is not running. A
    folder taken from a live run in another pid namespace only costs it time (its workers
    extract those pages themselves)."""
    try:
        entries = os.scandir(tmp)
    except OSError:
        return
    with entries:
        for entry in entries:
            if not entry.name.startswith(_PREFIX):
                continue
            pid, dash, _ = entry.name[len(_PREFIX):].partition("-")
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            ours = stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid()
            if ours and dash and pid.isdigit() and not _running(int(pid)):
                shutil.rmtree(entry.path, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid <= 0:
        return True  # not a pid we wrote: leave it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def load(data: bytes | None) -> Document | None:
    """A Document the helper extracted, or None (none, or unreadable: extract it again)."""
    if data is None:
        return None
    try:
        document = pickle.loads(data)  # written by this run's helper, in a folder only we can write
    except Exception:  # noqa: BLE001
        return None
    return document if isinstance(document, Document) else None
