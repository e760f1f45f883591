"""JSON reports are written by orjson, with the same text the standard library writes, but
for the characters a terminal or a viewer acts on, which are written as JSON escapes."""

from __future__ import annotations

import json
import unicodedata

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


def _acts(char: str) -> bool:
    """A character a terminal or a viewer acts on rather than shows (Unicode's own tables)."""
    return (unicodedata.category(char) in ("Cc", "Zl", "Zp")
            or unicodedata.bidirectional(char) in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI")
            or char in "\u200e\u200f\u061c")  # the marks: LRM, RLM, ALM


@given(values)
def test_any_report_value_is_written_as_the_standard_library_writes_it(data):
    # lone surrogates (file names that are not UTF-8) and integers past 64 bits go to the standard library
    text = json_text.dumps(data)
    assert json.loads(text) == data
    assert not any(map(_acts, text.replace("\n", "")))
    if not any(map(_acts, _stdlib(data).replace("\n", ""))):
        assert text == _stdlib(data)


def test_controls_and_bidi_characters_are_written_as_escapes():
    data = {"path": "site/\u202ecod.exe\u202c.html", "title": "\x9b31m red \x7f \u2028 \u2066x\u2069 \u200f",
            "ok": "café “quoted” — 東京 مرحبا \U0001F600\u200d"}
    text = json_text.dumps(data)
    assert '"site/\\u202ecod.exe\\u202c.html"' in text
    assert '"\\u009b31m red \\u007f \\u2028 \\u2066x\\u2069 \\u200f"' in text
    assert '"café “quoted” — 東京 مرحبا \U0001F600\u200d"' in text  # the rest as written
    assert json.loads(text) == data


def test_a_file_name_that_is_not_utf8_still_gets_a_report():
    data = {"path": "caf\udce9.html", "findings": [{"line": 2**70}]}
    assert json_text.dumps(data) == _stdlib(data)  # orjson refuses both: the standard library writes them


def test_every_character_a_terminal_or_viewer_acts_on_is_escaped():
    acting = [chr(c) for c in range(0x3000) if _acts(chr(c)) and chr(c) != "\n"]
    assert len(acting) > 70
    for char in acting:
        text = json_text.dumps([f"a{char}b"])
        assert not any(map(_acts, text.replace("\n", ""))), repr(char)
        assert json.loads(text) == [f"a{char}b"]
