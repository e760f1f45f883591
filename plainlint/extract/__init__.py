"""Extractors: source formats to Documents.

beautifulsoup4 imports soupsieve, its CSS engine, as it is imported itself, and soupsieve
compiles its grammar's patterns then: 40 ms of every check's start-up, spent for nothing
when the settings' selectors are matched natively (`selectors.py`), as the defaults are.
So beautifulsoup4 is imported here with a stand-in for soupsieve, which imports the real
one when any of its names is first used; ``import soupsieve`` gives the real one as ever.
(The standard library's LazyLoader does not fit: a second ``import soupsieve`` loads it.)
"""

from __future__ import annotations

import importlib.util
import sys
import types


def _import_bs4_with_soupsieve_on_first_use() -> None:
    if "bs4" in sys.modules or "soupsieve" in sys.modules:
        return  # imported already: nothing to save
    try:
        if importlib.util.find_spec("soupsieve") is None:
            return  # not installed: beautifulsoup4 says so as ever
    except (ImportError, ValueError):
        return
    stand_in = types.ModuleType("soupsieve", "soupsieve, imported when first used")

    def __getattr__(name: str):
        import soupsieve  # the real one: the stand-in left sys.modules after bs4's import

        return getattr(soupsieve, name)

    stand_in.__getattr__ = __getattr__  # type: ignore[attr-defined]  # PEP 562: names not defined here
    sys.modules["soupsieve"] = stand_in
    try:
        import bs4  # noqa: F401
    finally:
        if sys.modules.get("soupsieve") is stand_in:
            del sys.modules["soupsieve"]


_import_bs4_with_soupsieve_on_first_use()
