"""Smoke tests of bench/compare.py's building blocks (the benchmark itself is run by hand)."""

import dataclasses
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _compare():
    if "bench_compare" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_compare", ROOT / "bench" / "compare.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_compare"] = module  # its dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules["bench_compare"]


def test_scaling_page_has_about_the_words_asked_for():
    compare = _compare()
    import re

    for words in (1_000, 10_000):
        page = compare.scaling_page(words)
        count = len(re.sub(r"<[^>]+>", " ", page).split())
        assert 0.8 * words < count < 1.2 * words
        assert page.count("<h1>") == 1 and "<main>" in page
    assert "<h2>" not in compare.scaling_page(0)  # the heading alone, for start-up


def test_medquad_pairs_are_sorted_and_skip_empty_answers(tmp_path):
    compare = _compare()
    doc = '<Document><QAPairs>{}</QAPairs></Document>'
    pair = '<QAPair pid="{}"><Question>Q?</Question><Answer>{}</Answer></QAPair>'
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.xml").write_text(doc.format(pair.format(1, "An answer.") + pair.format(2, " ")))
    (tmp_path / "a.xml").write_text(doc.format(pair.format(1, "Yes.")))
    found = [(p.relative_to(tmp_path).as_posix(), pid) for p, pid in compare.medquad_pairs(tmp_path)]
    assert found == [("a.xml", "1"), ("b/2.xml", "1")]


def test_measure_runs_a_command(tmp_path):
    compare = _compare()
    compare.QUIET_WAIT = 0  # do not wait for an idle machine
    run = compare.measure([sys.executable, "-c", "print('hi')"], tmp_path, tmp_path / "out.txt")
    assert run.rc == 0 and run.wall > 0 and (tmp_path / "out.txt").read_text().strip() == "hi"


def test_report_states_the_targets():
    compare = _compare()
    run = compare.Run(wall=10.0, cpu=18.0, max_rss_kb=200 * 1024, rc=1, procs=3, sum_peaks_kb=450 * 1024,
                      peak_pss_kb=300 * 1024, other_cpu=0.5)
    results = compare.Results(
        machine={"cores": 2, "cpu": "x", "python": "3.11", "plainlint": "0.1.0", "date": "today",
                 "load_before": 0.1, "load_after": 0.2},
        corpora={"wcag-html": {"files": 647, "words": 1_000_000, "pages": 647, "text_words": 1_100_000}},
        plainlint={"wcag-html": {"default": [run]}},
        peers={"wcag-html": {"write-good": [{"seconds": 5.0, "max_rss_kb": 1024}]}},
        cold={"check examples/lymphoedema.html": [1.0, 2.0, 3.0]},
        cache={"wcag-html": {"first": [run], "second": [dataclasses.replace(run, wall=0.4)], "spacy": [False],
                             "same": [True, False]}},
        scaling={0: {"runs": [run], "bytes": 100, "words": 4},
                 1000: {"runs": [run], "bytes": 10_000, "words": 1000, "analysis": [{"seconds": 0.1}]},
                 10000: {"runs": [run], "bytes": 100_000, "words": 10_000, "analysis": [{"seconds": 1.0}]}})
    text = compare.report(results, rounds=1)
    assert "6,000,000" in text and "— met" in text  # 1M words in 10 s: 6M words/min
    assert "cold start under 1.5 s (`plainlint check examples/lymphoedema.html`): 2.00 s — NOT met" in text
    assert "| write-good " in text and "| 10.0 per ×10.0 |" in text
    # a cached report that differed from the uncached one in any round fails the target
    assert "| wcag-html | 647 | 10.00 | 0.40 | 18.00 | 200 MB | no | the same in 1 of 2 rounds, DIFFERENT" in text
    assert "from the cache under 2 s, without importing spaCy: 0.40 s, spaCy not imported, the report " \
        "DIFFERENT — NOT met" in text


def test_saved_results_give_the_same_report(tmp_path):
    compare = _compare()
    run = compare.Run(wall=2.0, cpu=3.0, max_rss_kb=1024, rc=0, procs=2)
    results = compare.Results(
        machine={"cores": 2, "cpu": "x", "python": "3.11", "plainlint": "0.1.0", "date": "today",
                 "load_before": 0.1, "load_after": 0.2, "rounds": 1},
        corpora={"medquad": {"files": 3, "words": 300, "pages": 3, "text_words": 310}},
        plainlint={"medquad": {"default": [run], "j1": [run]}},
        cache={"medquad": {"first": [run], "second": [run], "spacy": [False], "same": [True]}},
        scaling={0: {"runs": [run], "bytes": 100, "words": 4}})
    assert "| medquad | 3 | 2.00 | 2.00 |" in compare.report(results, 1)
    saved = tmp_path / "results.json"
    saved.write_text(json.dumps(dataclasses.asdict(results)))
    assert compare.report(compare.load_results(saved), 1) == compare.report(results, 1)


def test_cached_runs_time_the_second_run_and_see_it_skip_spacy(tmp_path):
    compare = _compare()
    compare.QUIET_WAIT = 0
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "page.html").write_bytes((ROOT / "examples" / "lymphoedema.html").read_bytes())
    corpus = compare.Corpus("site", tmp_path / "site", tmp_path, 1, 0, "test")
    results = compare.Results(corpora={"site": {}})
    compare.run_plainlint(corpus, tmp_path, 1)  # the --no-cache report the cached one must equal
    compare.cached_runs(results, corpus, tmp_path)
    entry = results.cache["site"]
    assert entry["same"] == [True] and entry["spacy"] == [False]
    assert entry["second"][0].rc == 1 and entry["second"][0].wall > 0  # the example page has warnings
    assert (tmp_path / "site-cache").is_dir()
    # the trace does see spaCy when a page is analysed
    assert compare.imports_spacy(["check", str(tmp_path / "site"), "--no-cache"], tmp_path)
    assert not compare.imports_spacy(["--version"], tmp_path)
