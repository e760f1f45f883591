"""Which words make a text hard to read, for messages that say what to change."""

from __future__ import annotations

from functools import lru_cache

from plainlint.analysis.rarity import zipf
from plainlint.analysis.syllables import count_syllables

# Long words that are also common ("usually", "information") are not worth naming.
_COMMON_ZIPF = 4.0
# Shorter words rarer than this are named too ("prognosis" is 3.3, "stoma" 2.6).
_UNCOMMON_ZIPF = 3.0


@lru_cache(maxsize=65536)
def hard_word(text: str) -> bool:
    """A word worth naming as a cause: three or more syllables and not common, or rare."""
    if len(text) < 5 or not any(c.isalpha() for c in text):
        return False
    z = zipf(text.lower())
    if count_syllables(text) >= 3:
        return z < _COMMON_ZIPF
    return text.islower() and z < _UNCOMMON_ZIPF
