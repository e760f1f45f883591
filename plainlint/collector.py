"""How plainlint paces Python's garbage collector where it matters for speed."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

# While checking many pages: analysis makes many small objects that live for one page and
# are freed as it ends, and the collector's default pace (every 700 allocations) spends
# about a tenth of the time re-scanning them.
MANY_PAGES = (20_000, 20, 100)


@contextmanager
def paced(on: bool = True) -> Iterator[None]:
    """Collect at the MANY_PAGES pace inside (when ``on``)."""
    before = gc.get_threshold()
    if on:
        gc.set_threshold(*MANY_PAGES)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def paused() -> Iterator[None]:
    """No collection inside: for loading spaCy and the word lists, which make hundreds of
    thousands of objects that live as long as the process and almost no garbage, while
    the collector's full passes over them took about a tenth of a second."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
