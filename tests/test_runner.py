"""Many files: worker processes give the same results as one process; the cache reuses
results only while the file, the settings and plainlint are unchanged."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from multiprocessing import get_context
from pathlib import Path

import pytest
from click.testing import CliRunner

from plainlint import cache
from plainlint.ahead import Ahead, _extract_all, extracting_ahead, load
from plainlint.cli import main
from plainlint.config import load_config
from plainlint.engine import check_file
from tests.helpers import ROOT

PAGES = sorted((ROOT / "bench" / "jargon_eval" / "dev3" / "pages").glob("*.html"))


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site").mkdir()
    for page in PAGES:
        shutil.copy(page, tmp_path / "site" / page.name)
    return tmp_path


def _json(*args: str, exit_codes: tuple[int, ...] = (0, 1)) -> dict:
    result = CliRunner().invoke(main, ["check", "site", "--format", "json", *args])
    assert result.exit_code in exit_codes, result.output
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
        (site / ".plainlint_cache" / cache.FILE).write_text(garbage)
        assert _json("-j", "1") == clean
    # a damaged entry in a cache that otherwise looks right (signed here) is analysed again
    store = cache.ResultCache(site / ".plainlint_cache")
    for entry in store._entries.values():
        entry["result"]["findings"] = [["bogus"]]
    store._dirty = True
    store.save()
    assert _json("-j", "1") == clean


def test_cache_folder_can_be_chosen(site):
    _json("-j", "1", "--cache-dir", "elsewhere")
    assert (site / "elsewhere" / cache.FILE).is_file() and not (site / ".plainlint_cache").exists()


def _pages_with_trouble(tmp_path):
    """The dev pages, then a binary file and an empty page: (index, path, name) each."""
    (tmp_path / "binary.html").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    (tmp_path / "empty.html").write_text("  \n")
    paths = PAGES + [tmp_path / "binary.html", tmp_path / "empty.html"]
    return [(i, p, p.name) for i, p in enumerate(paths)]


def test_results_come_back_from_a_worker_unchanged():
    """Results are pickled by their fields (plainlint/pickling.py): every finding, count and
    section comes back equal, the severity still an enum member."""
    config = load_config(None)
    for page in PAGES[:6]:
        result = check_file(page, config, page.name)
        back = pickle.loads(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
        assert back == result and back.findings and back.sections
        assert type(back.findings[0].severity) is type(result.findings[0].severity)


def test_a_page_extracted_ahead_gives_the_same_result(tmp_path):
    config = load_config(None)
    pages = _pages_with_trouble(tmp_path)
    folder = tmp_path / "ahead"
    folder.mkdir()
    _extract_all(pages, config, str(folder))
    ahead = Ahead(str(folder))
    ahead.stop()
    assert set(ahead.ready) == set(range(len(PAGES)))  # the binary and the empty page are left to the workers
    for i, path, name in pages[: len(PAGES)]:
        document = load(ahead.ready[i])
        assert document is not None and document.path == name
        assert check_file(path, config, name, document=document) == check_file(path, config, name)


def test_the_helper_stops_when_told_and_leaves_nothing_behind(tmp_path):
    config = load_config(None)
    pages = _pages_with_trouble(tmp_path)
    with extracting_ahead(pages, config, get_context("fork")) as ahead:
        folder = Path(ahead._folder)
        for _ in range(600):  # let it finish, to see all it did (it then waits to be stopped)
            if len(list(folder.glob("*.doc"))) == len(PAGES):
                break
            time.sleep(0.1)
        ahead.stop()
        assert set(ahead.ready) == set(range(len(PAGES)))
        assert not folder.exists()  # the pages are in memory: no page text left on disk
    with extracting_ahead(pages * 20, config, get_context("fork")) as ahead:
        ahead.stop()  # at once: it has done a few pages at most, each whole
        assert all(load(data) is not None for data in ahead.ready.values())
        assert ahead._process is None


def test_a_damaged_page_from_the_helper_is_extracted_again(tmp_path):
    assert load(b"not a pickle") is None
    assert load(pickle.dumps({"not": "a Document"})) is None
    assert load(None) is None


def test_workers_report_unreadable_pages_as_one_process_does(site):
    (site / "site" / "binary.html").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    (site / "site" / "empty.html").write_text("")
    one = _json("-j", "1", "--no-cache", exit_codes=(2,))  # 2: a file could not be checked
    assert one == _json("-j", "2", "--no-cache", exit_codes=(2,))
    assert [f["path"] for f in one["files"] if f["error"]] == ["site/binary.html"]


def test_the_collector_is_paused_while_loading_and_running_again_after():
    import gc

    from plainlint import collector
    from plainlint.engine import warm_up

    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
    try:
        warm_up(load_config(None))  # the workers forked after it must collect their garbage
        assert gc.isenabled()
    finally:
        gc.unfreeze()  # warm_up froze this test process's objects


def test_without_a_process_to_spare_the_workers_extract_every_page(tmp_path):
    class Refused:
        def start(self):
            raise OSError(11, "Resource temporarily unavailable")

    class NoProcesses:
        def Process(self, **kwargs):  # noqa: N802 - the name multiprocessing's contexts use
            return Refused()

    with extracting_ahead(_pages_with_trouble(tmp_path), load_config(None), NoProcesses()) as ahead:
        ahead.stop()
        assert ahead.ready == {}  # nothing extracted ahead: no error either
