"""The grade orders texts written at two levels: plainlanguage.gov's before-and-after pairs."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.helpers import ROOT, needs_shared

# bench/grade_validation.py measured 0.832 on 104 pairs (textstat's Flesch-Kincaid: 0.793).
ORDER_FLOOR = 0.80


def _bench():
    spec = importlib.util.spec_from_file_location("grade_validation", ROOT / "bench" / "grade_validation.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_simpler_versions_grade_lower():
    root = needs_shared("corpus/plainlanguage-gov/_pages")
    pytest.importorskip("markdown_it")
    bench = _bench()
    pairs = bench.plainlanguage_pairs(root)
    assert len(pairs) >= 100
    right = 0.0
    for pair in pairs:
        hard = bench.plainlint_grades(bench.to_html(pair.harder))["flesch-kincaid"]
        easy = bench.plainlint_grades(bench.to_html(pair.simpler))["flesch-kincaid"]
        right += 1.0 if easy < hard else 0.5 if easy == hard else 0.0
    assert right / len(pairs) >= ORDER_FLOOR


def test_pairs_are_read_from_tables_and_before_after_blocks(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "Don't say | Say\n--- | ---\nThe lake was polluted by the company. | The company polluted the lake.\n"
        "utilize | use\n\n"
        "* #### Before\n\n  Applications must be submitted by the applicant.\n\n"
        "* #### After\n\n  Send us your application.\n{: .example-side-by-side}\n",
        encoding="utf-8",
    )
    pairs = _bench().plainlanguage_pairs(tmp_path)
    assert [(p.harder, p.simpler) for p in pairs] == [
        ("The lake was polluted by the company.", "The company polluted the lake."),
        ("Applications must be submitted by the applicant.", "Send us your application."),
    ]
