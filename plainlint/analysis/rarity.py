"""How common a word is in English, from the `wordfreq` package's bundled word lists.

Zipf scale: 7 for "the", about 4 for "outlook", 3.3 for "prognosis", 0 for a word the
lists do not have ("leptomeninges"). The data ships inside the package: nothing is
downloaded. Imported on first use so that starting plainlint stays fast.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (case-insensitive)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")
