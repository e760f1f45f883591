"""Many files: worker processes give the same results as one process; the cache reuses
results only while the file, the settings and plainlint are unchanged."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from plainlint.cli import main
from tests.helpers import ROOT

PAGES = sorted((ROOT / "bench" / "jargon_eval" / "dev3" / "pages").glob("*.html"))


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site").mkdir()
    for page in PAGES:
        shutil.copy(page, tmp_path / "site" / page.name)
    return tmp_path


def _json(*args: str) -> dict:
    result = CliRunner().invoke(main, ["check", "site", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_workers_give_the_same_report_as_one_process(site):
    assert len(PAGES) >= 16  # enough for two workers
    one = _json("-j", "1", "--no-cache")
    two = _json("-j", "2", "--no-cache")
    assert one == two
    assert sum(len(f["findings"]) for f in one["files"]) > 50
    assert not (site / ".plainlint_cache").exists()  # --no-cache leaves no cache behind


def _run(site, *args: str) -> subprocess.CompletedProcess:
    code = (
        "import sys; from plainlint.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY', file=sys.stderr)"
    )
    return subprocess.run([sys.executable, "-c", code, "check", "site", "--format", "json", *args],
                          cwd=site, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})


def test_a_second_run_reuses_the_cache_without_loading_spacy(site):
    first = _run(site, "-j", "1")  # in this process, so that it shows spaCy was used
    assert "SPACY" in first.stderr.split()
    second = _run(site, "-j", "1")
    assert second.stderr.split()[-1] == "NO-SPACY"  # nothing analysed
    assert json.loads(first.stdout) == json.loads(second.stdout)
    assert (site / ".plainlint_cache" / "CACHEDIR.TAG").is_file()


def test_a_changed_file_or_setting_is_analysed_again(site):
    _json("-j", "1")
    page = site / "site" / PAGES[0].name
    page.write_text(page.read_text().replace("<main>", "<main><p>Ask about your MDT.</p>", 1))
    changed = _json("-j", "1")
    (first,) = [f for f in changed["files"] if f["path"].endswith(PAGES[0].name)]
    assert any('"MDT"' in x["message"] for x in first["findings"])
    (site / "rules.yml").write_text("rules:\n  unexplained-jargon:\n    enabled: false\n")
    off = _json("-j", "1")
    assert not any(x["rule"] == "unexplained-jargon" for f in off["files"] for x in f["findings"])
    assert _json("-j", "1", "--ignore", "sentence-length") != off  # the command line's selection counts too


def test_a_corrupt_cache_is_ignored_and_replaced(site):
    clean = _json("-j", "1", "--no-cache")
    (site / ".plainlint_cache").mkdir()
    for garbage in ("{not json", '{"format": 1, "code": "x", "entries": []}', "[1, 2, 3]"):
        (site / ".plainlint_cache" / "results-v1.json").write_text(garbage)
        assert _json("-j", "1") == clean
    # a damaged entry in a cache that otherwise looks right is analysed again
    data = json.loads((site / ".plainlint_cache" / "results-v1.json").read_text())
    for entry in data["entries"].values():
        entry["result"]["findings"] = [["bogus"]]
    (site / ".plainlint_cache" / "results-v1.json").write_text(json.dumps(data))
    assert _json("-j", "1") == clean


def test_cache_folder_can_be_chosen(site):
    _json("-j", "1", "--cache-dir", "elsewhere")
    assert (site / "elsewhere" / "results-v1.json").is_file() and not (site / ".plainlint_cache").exists()
