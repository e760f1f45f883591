"""Checking many files: reuse cached results, spread the rest over worker processes.

Workers are processes forked from this one once it has loaded spaCy, the word lists and
the lexicon, so each starts warm and they share that memory; a folder is checked on every
core. While this process loads, a helper extracts pages for the workers (ahead.py). Small
runs (a pre-commit hook's few files) stay in one process: starting workers costs more than
it saves there. Results come back in the order the files were given, so reports are the
same whatever the number of workers.
"""

from __future__ import annotations

import gc
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from plainlint import collector
from plainlint.ahead import extracting_ahead, load
from plainlint.config import Config
from plainlint.engine import FileResult, check_file, warm_up
from plainlint.files import Target
from plainlint.stopping import end_pool, follow_parent, held

# Below this many files to analyse, one process is faster than starting workers.
MIN_FILES_PER_WORKER = 8


@dataclass(frozen=True)
class RunOptions:
    jobs: int = 0  # worker processes; 0: one per core
    keep_view: bool = False  # keep each page's text for the HTML report
    cache_dir: Path | None = None  # None: no cache


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def check_targets(targets: list[Target], config: Config, options: RunOptions) -> list[FileResult]:
    from plainlint.cache import ResultCache, config_key, content_key

    results: list[FileResult | None] = [None] * len(targets)
    keys: list[tuple[str, str] | None] = [None] * len(targets)
    store = ResultCache(options.cache_dir) if options.cache_dir is not None else None
    todo = []
    for i, target in enumerate(targets):
        settings = config.for_path(target.path)
        if store is not None:
            data = _read_for_cache(target.path, settings.max_file_bytes)
            if data is not None:
                keys[i] = (content_key(data), config_key(settings))
                if not options.keep_view:
                    results[i] = store.get(target.display, *keys[i], data)
        if results[i] is None:
            todo.append(i)
    for i, result in zip(todo, _analyse([targets[i] for i in todo], config, options)):
        results[i] = result
        if store is not None and keys[i] is not None:
            store.put(result, *keys[i])
    if store is not None:
        store.save()
    return [r for r in results if r is not None]


def _read_for_cache(path: Path, max_bytes: int) -> bytes | None:
    """The file's bytes to hash, or None when it cannot be cached (unreadable, too big,
    not a regular file: reading a pipe would wait for ever)."""
    from plainlint.reading import InputError, read_bytes

    try:
        return read_bytes(path, max_bytes)
    except InputError:
        return None


def _analyse(targets: list[Target], config: Config, options: RunOptions) -> list[FileResult]:
    jobs = min(options.jobs or default_jobs(), len(targets) // MIN_FILES_PER_WORKER)
    if jobs <= 1:
        results = []
        with collector.paced(len(targets) > 1):
            for t in targets:
                results.append(check_file(t.path, config.for_path(t.path), t.display, options.keep_view))
        return results
    # the biggest files first, so that no worker is left with one at the end
    order = sorted(range(len(targets)), key=lambda i: -_size(targets[i].path))
    ready: dict[int, bytes] = {}
    context = get_context("fork") if "fork" in _start_methods() else None
    with ExitStack() as cleanup:
        if context is not None:
            # warm up here, once: forked workers start with spaCy, the word lists and the
            # lexicon loaded and frozen, sharing those pages with this process (two imports
            # at once on two cores took longer, and twice the CPU and memory). Meanwhile a
            # helper extracts pages from the end of the queue (see ahead.py).
            ahead = cleanup.enter_context(
                extracting_ahead([(i, targets[i].path, targets[i].display) for i in reversed(order)], config, context))
            _warm_once(config)
            ahead.stop()
            ready = ahead.ready
        # forked workers share ``ready`` with this process (it is not sent to them)
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                 initargs=(config, options.keep_view, ready, os.getpid())) as pool:
            try:
                chunk = max(1, min(8, len(targets) // (jobs * 8)))
                items = [(targets[i].path, targets[i].display, i) for i in order]
                with held():  # the workers are forked here
                    done = pool.map(_check_in_worker, items, chunksize=chunk)
                results: list[FileResult | None] = [None] * len(targets)
                for i, result in zip(order, done):
                    results[i] = result
            except BaseException:  # stopped (a signal) or failed: end the workers now, do not wait for them
                end_pool(pool)
                raise
    return [r for r in results if r is not None]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _start_methods() -> list[str]:
    from multiprocessing import get_all_start_methods

    return get_all_start_methods()


_worker: tuple[Config, bool, dict[int, bytes]] | None = None
_warm = False


def _warm_once(config: Config) -> None:
    """Load what every check needs, in this process (see engine.warm_up), once."""
    global _warm
    if not _warm:
        _warm = True
        try:
            warm_up(config)
        except Exception:  # noqa: BLE001 - a failed warm-up only costs time; each file reports its own errors
            pass


def _start_worker(config: Config, keep_view: bool, ready: dict[int, bytes], parent: int) -> None:
    global _worker
    follow_parent(parent)  # ends with the main process, however it ends (see stopping.py)
    _worker = (config, keep_view, ready)
    _warm_once(config)  # forked from a warm process: nothing left to do
    gc.set_threshold(*collector.MANY_PAGES)  # a worker lives for one run


def _check_in_worker(item: tuple[Path, str, int]) -> FileResult:
    assert _worker is not None
    config, keep_view, ready = _worker
    path, display, index = item
    return check_file(path, config.for_path(path), display, keep_view, load(ready.get(index)))
