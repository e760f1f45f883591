"""How common a word is in English: `wordfreq`'s Zipf frequencies, read from its bundled list.

Zipf scale: 7 for "the", about 4 for "outlook", 3.3 for "prognosis", 0 for a word the
lists do not have ("leptomeninges"). The data ships inside the wordfreq package: nothing is
downloaded.

Why not just call ``wordfreq.zipf_frequency``: importing wordfreq (langcodes, ftfy, regex)
and its first lookup (a dict of 321,000 words) take about a third of a second, a large part
of plainlint's cold start on a small page. So this module reads wordfreq's own English list
(``data/large_en.msgpack.gz``, "cBpack": gzipped msgpack, a header, then bucket i holds the
words at -i centibels) into a dict of word -> bucket, once per process on first use, and
computes each value with wordfreq's own arithmetic. Words of ASCII letters, or runs of them
joined by hyphens ("x-rays"), need no wordfreq code: its tokenizer provably yields those
runs in lower case. Any other word (digits, apostrophes, non-ASCII, spaces, empty) is split
by wordfreq's tokenizer, which imports wordfreq, but is still looked up in this dict, not in
a second copy of the list built by wordfreq. If the file is missing or its header is not the
expected one, wordfreq itself answers. tests/test_rarity.py checks every word of the list,
and others, against wordfreq.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache

# wordfreq.zipf_to_freq(0.0): the floor that zipf_frequency passes to word_frequency
_MINIMUM = 10**0.0 / 1e9
# a token missing from the list: word_frequency returns the floor itself, unrounded
_ABSENT = round(math.log(_MINIMUM, 10) + 9, 2)
_HEADER = {"format": "cB", "version": 1}


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in English (case-insensitive), as wordfreq's ``zipf_frequency(word, "en")``."""
    value = _fast(word)
    if value is None:
        value = _tokenized(word)
    if value is None:
        from wordfreq import zipf_frequency

        value = zipf_frequency(word, "en")
    return value


def _fast(word: str) -> float | None:
    """The value from the table alone, or None where wordfreq's tokenizer is needed."""
    if not word.isascii():
        return None
    data = _data()
    if data is None:
        return None
    table, freqs, zipfs = data
    if word.isalpha():  # most words: one part, no split
        bucket = table.get(word.lower())
        return _ABSENT if bucket is None else zipfs[bucket]
    parts = word.lower().split("-")
    if not all(part.isalpha() for part in parts):
        return None
    buckets = [table.get(part) for part in parts]
    if None in buckets:
        return _ABSENT
    if len(buckets) == 1:
        return zipfs[buckets[0]]
    return _zipf_of([freqs[b] for b in buckets])


def _tokenized(word: str) -> float | None:
    """Any other word: wordfreq's tokenizer and digit estimates (wordfreq's _word_frequency, for English),
    with the table rather than wordfreq's own dict, which would be a second copy of the list."""
    data = _data()
    if data is None:
        return None
    from wordfreq.numbers import digit_freq, smash_numbers
    from wordfreq.tokens import lossy_tokenize

    table, freqs, _ = data
    found = []
    for token in lossy_tokenize(word, "en"):
        smashed = smash_numbers(token)  # digit runs are listed as zeros ("0000")
        bucket = table.get(smashed)
        if bucket is None:
            return _ABSENT
        found.append(freqs[bucket] if smashed == token else freqs[bucket] * digit_freq(token))
    return _zipf_of(found) if found else _ABSENT


def _zipf_of(freqs: list[float]) -> float:
    """wordfreq's _word_frequency from the tokens' frequencies on, then zipf_frequency's rounding."""
    one_over_result = 0.0
    for freq in freqs:
        one_over_result += 1.0 / freq
    unrounded = max(1.0 / one_over_result, _MINIMUM)  # never 0.0, so wordfreq's branch for it is left out
    freq = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)  # 3 significant digits
    return round(math.log(freq, 10) + 9, 2)  # freq_to_zipf


@cache
def _data() -> tuple[dict[str, int], list[float], list[float]] | None:
    """Word -> bucket, each bucket's frequency and Zipf value; None if wordfreq's file cannot be read as expected."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    buckets = _read(os.path.join(spec.submodule_search_locations[0], "data", "large_en.msgpack.gz"))
    if buckets is None:
        return None
    table: dict[str, int] = {}
    for index, bucket in enumerate(buckets):  # a later bucket wins, as in wordfreq's get_frequency_dict
        table.update(dict.fromkeys(bucket, index))
    freqs = [10 ** (-index / 100) for index in range(len(buckets))]  # cB_to_freq(-index)
    return table, freqs, [_zipf_of([freq]) for freq in freqs]


def _read(path: str) -> list[list[str]] | None:
    """The buckets of a cBpack file (as wordfreq's read_cBpack), or None if it is not one."""
    import gzip

    try:
        import msgpack

        with gzip.open(path, "rb") as infile:
            data = msgpack.unpackb(infile.read(), raw=False)
    except Exception:  # no msgpack, no file, not gzip, not msgpack: wordfreq itself will answer
        return None
    if not (isinstance(data, list) and data and data[0] == _HEADER):
        return None
    buckets = data[1:]
    if not all(isinstance(bucket, list) for bucket in buckets):
        return None
    return buckets
