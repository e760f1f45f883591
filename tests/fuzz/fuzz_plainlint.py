"""Coverage-guided fuzzing of plainlint with atheris (libFuzzer for Python). By hand only:
CI runs the property tests in tests/hostile/ instead (this file is not collected by pytest).

    pip install atheris            # a wheel for CPython 3.8-3.11 on Linux x86-64; other
                                   # platforms build it from source, which needs clang
    mkdir -p /tmp/plainlint-corpus && cp examples/*.html bench/jargon_eval/dev3/pages/*.html /tmp/plainlint-corpus/
    python tests/fuzz/fuzz_plainlint.py /tmp/plainlint-corpus -max_len=20000 -max_total_time=3600

libFuzzer mutates the corpus, keeps inputs that reach new code and writes any input that
fails to ./crash-<sha1>. Replay one with ``python tests/fuzz/fuzz_plainlint.py crash-<sha1>``.
Each input is checked as an HTML file and as a Markdown file, and must give findings or a
clear error (never a bug), spans inside the file, and well-formed reports in every format:
the same checks as tests/hostile/test_fuzz.py.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, for tests.hostile.checks

with atheris.instrument_imports(include=["plainlint", "bs4", "markdown_it", "html", "_markupbase", "soupsieve"]):
    from plainlint.config import load_config
    from plainlint.engine import check_file
    from plainlint.reading import read_source

from tests.hostile.checks import assert_clean_outcome, assert_reports_well_formed, assert_spans_inside  # noqa: E402

CONFIG = load_config()
FOLDER = Path(tempfile.mkdtemp(prefix="plainlint-fuzz-"))


def test_one_input(data: bytes) -> None:
    for suffix in (".html", ".md"):
        path = FOLDER / f"page{suffix}"
        path.write_bytes(data)
        result = check_file(path, CONFIG, keep_view=True)
        assert_clean_outcome(result)
        if result.error is None:
            assert_spans_inside(result, read_source(path))
        assert_reports_well_formed([result])


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
