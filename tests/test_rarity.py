"""Word rarity: plainlint's own reading of wordfreq's list gives exactly wordfreq's values."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import msgpack
import pytest
import wordfreq

from plainlint.analysis import rarity
from plainlint.analysis.rarity import zipf
from tests.helpers import imported_by_checking_the_example, run_python


def reference(word: str) -> str:
    return wordfreq.zipf_frequency(word, "en").hex()  # hex: the very same float, -0.0 included


@pytest.fixture(scope="module")
def listed() -> list[str]:
    """The words of wordfreq's English list, as wordfreq itself reads them."""
    return list(wordfreq.get_frequency_dict("en"))


def fast_path(word: str) -> bool:
    return word.isascii() and all(part.isalpha() for part in word.split("-"))


def test_every_listed_word_of_ascii_letters_takes_the_fast_path_with_wordfreqs_value(listed):
    words = [w for w in listed if fast_path(w)]
    assert len(words) > 280_000
    assert [w for w in words if rarity._fast(w) is None] == []
    assert [w for w in words if rarity._fast(w).hex() != reference(w)] == []


def test_the_other_listed_words_go_through_wordfreqs_tokenizer(listed):
    words = [w for w in listed if not fast_path(w)]
    assert {"don't", "0000", "café"} <= set(words)
    assert [w for w in words if rarity._fast(w) is not None] == []
    assert [w for w in words if rarity._tokenized(w).hex() != reference(w)] == []


def test_mixed_case_absent_and_hyphenated_words(listed):
    rng = random.Random(7)
    sample = rng.sample([w for w in listed if fast_path(w)], 3000)
    mixed = [w.upper() for w in sample[:500]] + [w.title() for w in sample[500:1000]]
    mixed += ["".join(c.upper() if rng.random() < 0.5 else c for c in w) for w in sample[1000:1500]]
    known = set(listed)
    absent = ["leptomeninges", "Leptomeninges", "LYMPHOEDEMAS", "qzxv"]
    absent += ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(1, 12))) for _ in range(2000)]
    absent = [w for w in absent if w.lower() not in known]
    assert len(absent) > 500
    pieces = sample[1500:] + absent[:300]
    hyphenated = ["high-energy", "X-Rays", "x-ray", "self-care", "Follow-Up", "leptomeninges-free", "a-b-c-d"]
    hyphenated += ["-".join(rng.sample(pieces, rng.randint(2, 4))) for _ in range(2000)]
    for words in (mixed, absent, hyphenated):
        assert all(rarity._fast(w) is not None for w in words)
        assert [w for w in words if rarity._fast(w).hex() != reference(w)] == []
        assert [w for w in words if zipf(w).hex() != reference(w)] == []
    assert zipf("leptomeninges") == 0.0 and zipf("Prognosis") == zipf("prognosis") > 3


OTHER = [
    "", " ", "-", "a--b", "-x", "x-", "high energy", "don't", "Don't", "DON'T", "it\u2019s", "person'", "person's",
    "o'er", "y'all", "l'arc", "rock'n'roll", "'tis", "covid-19", "2024", "1990s", "3rd", "e.g.", "aria10", "brca2",
    "46,xy", "3.14", "100,000", "x2", "2-year", "and/or", "provider(s", "https://example.org/a-b", "caf\u00e9",
    "na\u00efve", "\ufb01ne", "\u0130stanbul", "Stra\u00dfe", "ma\u00f1ana", "x_ray", "a@s", "\u6c34", "\U0001f600",
]


@pytest.mark.parametrize("word", OTHER)
def test_other_words_go_through_wordfreqs_tokenizer(word):
    assert rarity._fast(word) is None
    assert rarity._tokenized(word).hex() == reference(word)
    assert zipf(word).hex() == reference(word)


def test_words_with_digits_and_apostrophes(listed):
    rng = random.Random(11)
    sample = rng.sample([w for w in listed if fast_path(w)], 2000)
    words = [w + str(rng.randint(0, 10 ** rng.randint(0, 6))) for w in sample[:500]]
    words += [str(rng.randint(0, 10 ** rng.randint(0, 8))) for _ in range(500)]
    words += [f"{rng.randint(1000, 2100)}s" for _ in range(100)] + [f"{rng.randint(1, 999):,}" for _ in range(100)]
    words += [f"{a}'{b}" for a, b in zip(sample[500:1000], rng.choices(["s", "t", "ll", "re", "ve", "d", "all", "er"], k=500))]
    words += [w.title() + rng.choice(["'", "\u2019s", "'S"]) for w in sample[1000:1500]]
    assert [w for w in words if rarity._tokenized(w).hex() != reference(w)] == []


def test_those_words_do_not_build_wordfreqs_own_copy_of_the_list():
    script = (
        "import sys\n"
        "from plainlint.analysis.rarity import zipf\n"
        "values = [zipf(w) for w in ('prognosis', \"don't\", 'brca2', '1990s', 'caf\u00e9')]\n"
        "import wordfreq\n"
        "print(values[0] > 3, wordfreq.get_frequency_dict.cache_info().currsize, wordfreq.get_frequency_list.cache_info().currsize)"
    )
    proc = run_python(script)
    assert proc.stdout.strip() == "True 0 0", proc.stderr


def write_pack(path: Path, header, *buckets) -> str:
    path.write_bytes(gzip.compress(msgpack.packb([header, *buckets])))
    return str(path)


def test_a_file_that_is_not_the_expected_cbpack_is_not_used(tmp_path):
    good = write_pack(tmp_path / "good.gz", {"format": "cB", "version": 1}, [], ["fish"], ["blue", "red"])
    assert rarity._read(good) == [[], ["fish"], ["blue", "red"]]
    assert rarity._read(write_pack(tmp_path / "v2.gz", {"format": "cB", "version": 2}, ["fish"])) is None
    assert rarity._read(write_pack(tmp_path / "fmt.gz", {"format": "x", "version": 1}, ["fish"])) is None
    assert rarity._read(write_pack(tmp_path / "list.gz", ["cB", 1], ["fish"])) is None
    assert rarity._read(write_pack(tmp_path / "bucket.gz", {"format": "cB", "version": 1}, "fish")) is None
    (tmp_path / "plain").write_bytes(msgpack.packb([{"format": "cB", "version": 1}, ["fish"]]))
    assert rarity._read(str(tmp_path / "plain")) is None  # not gzipped
    (tmp_path / "junk.gz").write_bytes(gzip.compress(b"\xc1\xc1\xc1"))
    assert rarity._read(str(tmp_path / "junk.gz")) is None  # not msgpack
    assert rarity._read(str(tmp_path / "missing.gz")) is None


def test_checking_a_small_page_does_not_import_wordfreq():
    also = "len(r.findings) > 0, zipf('prognosis') > 3, zipf.cache_info().currsize > 50"
    assert imported_by_checking_the_example(("wordfreq", "langcodes", "ftfy"), also) == "True True True []"
