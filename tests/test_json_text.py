"""JSON reports are written by orjson, with the same text the standard library writes."""

from __future__ import annotations

import json

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from plainlint import json_text
from plainlint.cli import main
from tests.helpers import ROOT

PAGES = sorted((ROOT / "bench" / "jargon_eval" / "dev3" / "pages").glob("*.html"))[:12]


def _stdlib(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_reports_on_real_pages_read_as_the_standard_librarys_text():
    for fmt in ("json", "sarif", "gitlab"):
        result = CliRunner().invoke(main, ["check", "--no-cache", "--format", fmt, *map(str, PAGES)])
        assert result.exit_code == 1, result.output  # the pages have findings
        assert result.stdout == _stdlib(json.loads(result.stdout))
        assert len(result.stdout) > 5_000


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(-1e9, 1e9).map(lambda x: round(x, 2)) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@given(values)
def test_any_report_value_is_written_as_the_standard_library_writes_it(data):
    # lone surrogates (file names that are not UTF-8) and integers past 64 bits go to the standard library
    assert json_text.dumps(data) == _stdlib(data)


def test_a_file_name_that_is_not_utf8_still_gets_a_report():
    data = {"path": "caf\udce9.html", "findings": [{"line": 2**70}]}
    assert json_text.dumps(data) == _stdlib(data)  # orjson refuses both: the standard library writes them
