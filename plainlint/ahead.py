"""Extraction ahead: read pages while the workers' pipeline loads.

Before forking workers, the main process loads spaCy, the word lists and the lexicon
(about a second), and the second core would sit idle. Reading files and extracting their
text needs none of that, so a helper process does it meanwhile, from the end of the
workers' queue: each page it finishes is pickled to a private temporary folder, and the
worker that reaches it loads the Document instead of extracting it (a tenth of the cost).

It only saves time: the helper is stopped when the pipeline is loaded, pages it did not
finish, could not read or could not extract are handled by the workers as ever, and a
Document is the same whoever extracted it, so the findings are too.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Iterator, Sequence

from plainlint.config import Config
from plainlint.document import Document

_DONE = ".doc"


class Ahead:
    """The helper's output: which pages it finished."""

    def __init__(self, folder: str) -> None:
        self._folder = folder
        self._process: BaseProcess | None = None
        self.ready: dict[int, str] = {}  # page index -> its pickled Document

    def stop(self) -> None:
        """Stop the helper and take what it finished (a page half written is left out)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._process = None
        for name in os.listdir(self._folder):
            if name.endswith(_DONE):
                self.ready[int(name[: -len(_DONE)])] = os.path.join(self._folder, name)


@contextmanager
def extracting_ahead(pages: Sequence[tuple[int, Path, str]], config: Config, context) -> Iterator[Ahead]:
    """Extract ``pages`` (index, path, name), in that order, in a helper process forked
    from ``context`` until ``stop()``; the folder is removed on leaving."""
    folder = tempfile.mkdtemp(prefix="plainlint-ahead-")  # private: mode 0700
    ahead = Ahead(folder)
    try:
        process = context.Process(target=_extract_all, args=(pages, config, folder), daemon=True)
        try:
            process.start()
            ahead._process = process
        except OSError:  # no process to spare (a limit on processes or memory): the workers extract every page
            pass
        yield ahead
    finally:
        ahead.stop()
        shutil.rmtree(folder, ignore_errors=True)


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


def load(file: str | None) -> Document | None:
    """A Document the helper extracted, or None (none, or unreadable: extract it again)."""
    if file is None:
        return None
    try:
        with open(file, "rb") as f:
            document = pickle.load(f)  # written by this run's helper, in a folder only we can write
    except Exception:  # noqa: BLE001
        return None
    return document if isinstance(document, Document) else None
